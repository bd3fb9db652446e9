// A client Tessera did not write: Node's @grpc/grpc-js, knowing nothing of
// Tessera's protos, discovers tessera.v1.QueryService through server
// reflection, runs queries, decodes the streamed columnar batches, and checks
// the rows against the same queries run by `tessera query`.
//
// Usage: node query_service_client_test.js TESSERA_BINARY HOME
'use strict';

const assert = require('node:assert/strict');
const { spawn, execFileSync } = require('node:child_process');
const path = require('node:path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const [tessera, home] = process.argv.slice(2);
const DEADLINE_MS = 30000;

function deadline() { return new Date(Date.now() + DEADLINE_MS); }

// Starts `tessera serve` on a free loopback port; resolves to [process, address].
function startServer() {
  return new Promise((resolve, reject) => {
    const server = spawn(tessera, ['serve', '--home', home, '--listen', '127.0.0.1:0'],
                         { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`no address from tessera serve: ${out}`)), 20000);
    server.stdout.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/listening on (\S+)/);
      if (m) { clearTimeout(timer); resolve([server, m[1]]); }
    });
    server.on('exit', (code) => reject(new Error(`tessera serve exited with ${code}: ${out}`)));
  });
}

// One reflection exchange: sends `request`, resolves to the response.
function reflect(reflection, request) {
  return new Promise((resolve, reject) => {
    const call = reflection.ServerReflectionInfo({ deadline: deadline() });
    call.on('data', (response) => { resolve(response); call.end(); });
    call.on('error', reject);
    call.write(request);
  });
}

// The serialized file descriptors as a FileDescriptorSet (field 1, repeated).
function descriptorSet(files) {
  const parts = [];
  for (const file of files) {
    const len = [];
    let n = file.length;
    do { let b = n & 0x7f; n >>>= 7; if (n) b |= 0x80; len.push(b); } while (n);
    parts.push(Buffer.from([0x0a, ...len]), file);
  }
  return Buffer.concat(parts);
}

async function discover(address) {
  const reflectionDef = protoLoader.loadSync(path.join(__dirname, 'reflection.proto'), { keepCase: true });
  const { ServerReflection } = grpc.loadPackageDefinition(reflectionDef).grpc.reflection.v1alpha;
  const reflection = new ServerReflection(address, grpc.credentials.createInsecure());

  const listed = await reflect(reflection, { list_services: '' });
  const services = listed.list_services_response.service.map((s) => s.name);
  assert.ok(services.includes('tessera.v1.QueryService'), `services: ${services}`);
  assert.ok(services.includes('grpc.health.v1.Health'), `services: ${services}`);

  const found = await reflect(reflection, { file_containing_symbol: 'tessera.v1.QueryService' });
  assert.ok(found.file_descriptor_response, JSON.stringify(found.error_response));
  const definition = protoLoader.loadFileDescriptorSetFromBuffer(
      descriptorSet(found.file_descriptor_response.file_descriptor_proto),
      { keepCase: true, longs: String, enums: String, defaults: true, oneofs: true });
  reflection.close();
  const { QueryService } = grpc.loadPackageDefinition(definition).tessera.v1;
  return new QueryService(address, grpc.credentials.createInsecure());
}

function pad(n, width = 2) { return String(n).padStart(width, '0'); }

function formatDate(days) {
  const d = new Date(Number(days) * 86400000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

function formatTimestamp(micros) {
  const m = BigInt(micros);
  const dayMicros = 86400000000n;
  let days = m / dayMicros;
  let rest = m % dayMicros;
  if (rest < 0n) { rest += dayMicros; days -= 1n; }
  const seconds = Number(rest / 1000000n);
  const fraction = Number(rest % 1000000n);
  let out = `${formatDate(days)} ${pad(Math.floor(seconds / 3600))}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}`;
  if (fraction) out += `.${pad(fraction, 6)}`;
  return out;
}

// One cell of a column, as `tessera query --format jsonl` writes it.
function cell(column, type, row) {
  const bitmap = column.null_bitmap;
  if (bitmap.length && (bitmap[row >> 3] >> (row & 7)) & 1) return null;
  switch (type.kind) {
    case 'BOOL': return column.ints[row] !== '0';
    case 'INT64': return Number(column.ints[row]);
    case 'DECIMAL': return Number(column.ints[row]) / 10 ** type.scale;
    case 'DOUBLE': return column.doubles[row];
    case 'DATE': return formatDate(column.ints[row]);
    case 'TIMESTAMP': return formatTimestamp(column.ints[row]);
    case 'TEXT': return null;  // Decoded with the running offset below.
    default: throw new Error(`unknown column type ${type.kind}`);
  }
}

// Runs `sql` through the API; resolves to {schema, rows, summary, batches}.
function execute(client, sql) {
  return new Promise((resolve, reject) => {
    const result = { schema: null, rows: [], summary: null, batches: 0 };
    const call = client.ExecuteQuery({ sql }, { deadline: deadline() });
    call.on('data', (message) => {
      if (message.part === 'schema') {
        assert.equal(result.schema, null, 'one schema');
        result.schema = message.schema.fields;
      } else if (message.part === 'batch') {
        assert.ok(result.schema, 'the schema comes first');
        assert.equal(result.summary, null, 'no batch after the summary');
        result.batches += 1;
        const batch = message.batch;
        const n = Number(batch.row_count);
        const offsets = batch.columns.map(() => 0);
        for (let r = 0; r < n; r += 1) {
          const row = {};
          result.schema.forEach((field, c) => {
            const column = batch.columns[c];
            let value = cell(column, field.type, r);
            if (field.type.kind === 'TEXT') {
              const length = column.text_lengths[r];
              const text = column.text_data.subarray(offsets[c], offsets[c] + length).toString('utf8');
              offsets[c] += length;
              const bitmap = column.null_bitmap;
              value = bitmap.length && (bitmap[r >> 3] >> (r & 7)) & 1 ? null : text;
            }
            row[field.name] = value;
          });
          result.rows.push(row);
        }
      } else if (message.part === 'summary') {
        result.summary = message.summary;
      }
    });
    call.on('error', reject);
    call.on('end', () => resolve(result));
  });
}

function viaCli(sql) {
  const out = execFileSync(tessera, ['query', '--home', home, '--format', 'jsonl', sql], { encoding: 'utf8' });
  return out.split('\n').filter((l) => l).map((l) => JSON.parse(l));
}

function sameNumber(a, b) {
  return typeof a === 'number' && typeof b === 'number' && Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a));
}

function assertRowsEqual(got, want, sql) {
  assert.equal(got.length, want.length, `${sql}: row count`);
  got.forEach((row, i) => {
    for (const [key, value] of Object.entries(want[i])) {
      if (!sameNumber(row[key], value)) assert.deepEqual(row[key], value, `${sql}: row ${i} column ${key}`);
    }
  });
}

const QUERIES = [
  'SELECT patient_id, mrn, family_name, birth_date, registered_on FROM ehr.patient ORDER BY patient_id',
  'SELECT lab_result_id, loinc_code, result_value, observed_at FROM ehr.lab_result ORDER BY lab_result_id LIMIT 3000',
  "SELECT p.sex, count(*) AS n, avg(v.weight_lb) AS mean_weight, max(v.taken_at) AS last_seen "
      + 'FROM ehr.patient p JOIN ehr.vital_sign v ON v.patient_id = p.patient_id GROUP BY p.sex ORDER BY p.sex',
  "SELECT d.drug_name, c.last_name, d.dispensed_on, d.days_supply FROM pharmacy.dispensing d "
      + 'JOIN pharmacy.customer c ON c.customer_id = d.customer_id ORDER BY d.dispensing_id LIMIT 500',
  "SELECT 'Łódź 東京' AS text, NULL::int AS nothing, true AS yes, 2.50::numeric(4,2) AS price",
];

async function main() {
  const [server, address] = await startServer();
  try {
    const client = await discover(address);
    for (const sql of QUERIES) {
      const result = await execute(client, sql);
      assert.ok(result.summary, `${sql}: a summary ends the stream`);
      assert.equal(Number(result.summary.row_count), result.rows.length, `${sql}: summary row count`);
      assertRowsEqual(result.rows, viaCli(sql), sql);
      console.log(`ok  ${result.rows.length} rows in ${result.batches} batches: ${sql.slice(0, 60)}`);
    }
    // A mistake comes back as INVALID_ARGUMENT with its place.
    await assert.rejects(execute(client, 'SELECT famly_name FROM ehr.patient'), (err) => {
      assert.equal(err.code, grpc.status.INVALID_ARGUMENT);
      assert.match(err.details, /column "famly_name" does not exist/);
      assert.equal(err.metadata.get('tessera-error-offset')[0], '7');
      return true;
    });
    console.log('ok  bad SQL is INVALID_ARGUMENT with its position');
    client.close();
  } finally {
    server.kill('SIGTERM');
  }
}

main().then(() => console.log('PASS'), (err) => { console.error('FAIL', err); process.exit(1); });
