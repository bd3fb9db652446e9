// File: bench/latency/floor_util.cc

#include "bench/latency/floor_util.h"

#include <algorithm>
#include <chrono>
#include <future>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "re2/re2.h"
#include "engine/common/status_macros.h"
#include "engine/wire/batch_codec.h"
#include "grpcpp/grpcpp.h"
#include "proto/source.grpc.pb.h"

namespace tessera::bench::latency {
namespace {

// One source record of a person, in the golden record's shape.
struct PersonFields {
  std::string source;
  std::vector<std::string> values;  // The nine fields; "NULL" when absent.
  int64_t id = 0;                   // Ids grow with registration time.
};

const std::vector<std::string> kPersonFields = {"family_name", "given_name", "birth_date", "gender", "address_line",
                                                "city",        "state",      "zip",        "phone"};

// The view's trust order per field (engine/riverside/unified_views.cc).
const std::vector<std::vector<std::string>> kTrust = {
    {"ehr", "pharmacy", "lab"}, {"ehr", "pharmacy", "lab"}, {"ehr", "pharmacy"},
    {"ehr", "lab", "pharmacy"}, {"ehr", "pharmacy"},        {"ehr", "pharmacy"},
    {"ehr", "pharmacy"},        {"ehr", "pharmacy", "lab"}, {"ehr", "pharmacy", "lab"}};

std::string Digits(const std::string& phone) {
  if (phone == "NULL") return phone;
  std::string out;
  for (char c : phone) {
    if (c != '(' && c != ')' && c != '-' && c != ' ') out.push_back(c);
  }
  return out;
}

std::string Gender(const std::string& sex) {
  if (sex == "F") return "female";
  if (sex == "M") return "male";
  if (sex == "U") return "unknown";
  return "NULL";
}

std::string Zip5(const std::string& zip) { return zip == "NULL" ? zip : zip.substr(0, 5); }

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(' '), e = s.find_last_not_of(' ');
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

std::string Lower(std::string s) {
  if (s == "NULL") return s;
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

}  // namespace

// Runs the queries at once, one thread each, as a perfect engine would.
// Sub-queries fetching ids leave duplicates for the floor to drop in memory:
// SELECT DISTINCT made SQLite and PostgreSQL slower than the plain scan
// (warfarin dispensings at 10,000 people: 142 ms against 17 ms in SQLite).
std::vector<absl::StatusOr<Answer>> Concurrently(std::vector<std::pair<Connector*, std::string>> queries) {
  std::vector<std::future<absl::StatusOr<Answer>>> running;
  for (auto& [connector, sql] : queries) {
    running.push_back(std::async(std::launch::async, [c = connector, s = sql] { return ScanAll(*c, s); }));
  }
  std::vector<absl::StatusOr<Answer>> out;
  for (auto& r : running) out.push_back(r.get());
  return out;
}

// ids as a SQL list of integer literals (ids are numbers we parsed).
std::string IntList(const std::set<int64_t>& ids) { return ids.empty() ? "NULL" : absl::StrJoin(ids, ", "); }

std::vector<std::string> IdLists(const std::set<int64_t>& ids, size_t per_list) {
  std::vector<std::string> out;
  std::set<int64_t> list;
  for (int64_t id : ids) {
    list.insert(id);
    if (list.size() == per_list) {
      out.push_back(IntList(list));
      list.clear();
    }
  }
  if (!list.empty()) out.push_back(IntList(list));
  return out;
}

absl::StatusOr<int64_t> ParseId(const std::string& cell) {
  int64_t v = 0;
  if (!absl::SimpleAtoi(cell, &v)) return absl::DataLossError(absl::StrCat("not an integer id: ", cell));
  return v;
}

// Enterprise ids of a source's records, from the link index's rows
// (enterprise_id, record_id) and the record ids found.
absl::StatusOr<std::set<int64_t>> LinkedPatients(const Answer& links, const Answer& records) {
  std::set<std::string> found;
  for (const auto& r : records.rows) found.insert(r[0]);
  std::set<int64_t> out;
  for (const auto& r : links.rows) {
    if (!found.count(r[1])) continue;
    ASSIGN_OR_RETURN(int64_t id, ParseId(r[0]));
    out.insert(id);
  }
  return out;
}

std::string PeerLinkJoin(const std::string& source, const std::string& record_type, const std::string& id_column) {
  return absl::StrCat(" JOIN identity.link_record AS l ON l.source = '", source, "' AND l.record_type = '",
                      record_type, "' AND l.record_id = CAST(r.", id_column, " AS text)");
}

std::string LinkRowsSql(const std::string& source, const std::string& record_type) {
  return absl::StrCat("SELECT enterprise_id, record_id FROM link_record WHERE source = '", source,
                      "' AND record_type = '", record_type, "'");
}

absl::StatusOr<PatientIds> LookUpPatient(Connections& c, int64_t patient) {
  ASSIGN_OR_RETURN(Answer links,
                   ScanAll(*c.identity, absl::StrCat("SELECT source, record_type, record_id FROM link_record "
                                                     "WHERE enterprise_id = ",
                                                     patient)));
  PatientIds ids;
  for (const char* source : {"ehr", "lab", "pharmacy"}) ids.numeric[source];
  for (const auto& row : links.rows) {
    if (((row[0] == "ehr" || row[0] == "lab") && row[1] == "patient") ||
        (row[0] == "pharmacy" && row[1] == "customer")) {
      ASSIGN_OR_RETURN(int64_t id, ParseId(row[2]));
      ids.numeric[row[0]].insert(id);
    } else if (row[0] == "devices" && row[1] == "registration") {
      ids.registrations.insert(row[2]);
    }
  }
  return ids;
}

absl::StatusOr<Answer> GoldenRecordFloor(Connections& c, int64_t patient, const PatientIds& ids) {
  std::vector<absl::StatusOr<Answer>> got = Concurrently({
      {c.ehr.get(), absl::StrCat("SELECT family_name, given_name, birth_date, sex, address_line, city, state, zip, "
                                 "phone, patient_id FROM ehr.patient WHERE patient_id IN (",
                                 IntList(ids.numeric.at("ehr")), ")")},
      {c.pharmacy.get(), absl::StrCat("SELECT last_name, first_name, date_of_birth, gender, address_line, city, "
                                      "state, postal_code, phone, customer_id FROM customer WHERE customer_id IN (",
                                      IntList(ids.numeric.at("pharmacy")), ")")},
      {c.lab.get(), absl::StrCat("SELECT patient_name, sex, zip, phone, lab_patient_id FROM lab.patient WHERE "
                                 "lab_patient_id IN (",
                                 IntList(ids.numeric.at("lab")), ")")},
  });
  for (const auto& g : got) RETURN_IF_ERROR(g.status());
  std::vector<PersonFields> people;
  for (const auto& r : got[0]->rows) {
    ASSIGN_OR_RETURN(int64_t id, ParseId(r[9]));
    people.push_back({"ehr", {r[0], r[1], r[2], Gender(r[3]), r[4], r[5], r[6], Zip5(r[7]), Digits(r[8])}, id});
  }
  for (const auto& r : got[1]->rows) {
    ASSIGN_OR_RETURN(int64_t id, ParseId(r[9]));
    people.push_back({"pharmacy", {r[0], r[1], r[2], Lower(r[3]), r[4], r[5], r[6], Zip5(r[7]), Digits(r[8])}, id});
  }
  for (const auto& r : got[2]->rows) {
    std::string family = "NULL", given = "NULL";
    size_t comma = r[0] == "NULL" ? std::string::npos : r[0].find(',');
    if (comma != std::string::npos) {
      family = r[0].substr(0, comma);
      given = Trim(r[0].substr(comma + 1));
    }
    ASSIGN_OR_RETURN(int64_t id, ParseId(r[4]));
    people.push_back(
        {"lab", {family, given, "NULL", Gender(r[1]), "NULL", "NULL", "NULL", Zip5(r[2]), Digits(r[3])}, id});
  }
  Answer out;
  out.columns = {"patient_id"};
  for (const std::string& f : kPersonFields) {
    out.columns.push_back(f);
    out.columns.push_back(absl::StrCat(f, "_source"));
  }
  out.columns.push_back("source_records");
  if (people.empty()) return out;
  std::vector<std::string> row = {absl::StrCat(patient)};
  for (size_t f = 0; f < kPersonFields.size(); ++f) {
    std::string value = "NULL", from = "NULL";
    for (const std::string& source : kTrust[f]) {
      std::string best;  // From the source's most recent record having it.
      int64_t best_id = 0;
      bool any = false;
      for (const PersonFields& p : people) {
        if (p.source != source || p.values[f] == "NULL") continue;
        if (!any || p.id > best_id) {
          best = p.values[f];
          best_id = p.id;
        }
        any = true;
      }
      if (any) {
        value = best;
        from = source;
        break;
      }
    }
    row.push_back(value);
    row.push_back(from);
  }
  row.push_back(absl::StrCat(people.size()));
  out.rows.push_back(std::move(row));
  return out;
}

v1::FilterExpr HubColumn(const std::string& column) {
  v1::FilterExpr e;
  e.set_kind(v1::FilterExpr::COLUMN);
  e.set_column(column);
  return e;
}

v1::FilterExpr HubText(const std::string& text) {
  v1::FilterExpr e;
  e.set_kind(v1::FilterExpr::LITERAL);
  e.mutable_literal()->mutable_type()->set_kind(v1::TEXT);
  e.mutable_literal()->set_text_value(text);
  return e;
}

v1::FilterExpr HubIn(const std::string& column, const std::set<std::string>& values) {
  v1::FilterExpr in;
  in.set_kind(v1::FilterExpr::IN_LIST);
  *in.add_args() = HubColumn(column);
  for (const std::string& value : values) *in.add_args() = HubText(value);
  return in;
}

v1::FilterExpr HubEquals(const std::string& column, const std::string& text) {
  v1::FilterExpr e;
  e.set_kind(v1::FilterExpr::EQUAL);
  *e.add_args() = HubColumn(column);
  *e.add_args() = HubText(text);
  return e;
}

v1::FilterExpr HubAtLeast(const std::string& column, int64_t timestamp_micros) {
  v1::FilterExpr e;
  e.set_kind(v1::FilterExpr::GREATER_EQUAL);
  *e.add_args() = HubColumn(column);
  v1::FilterExpr* literal = e.add_args();
  literal->set_kind(v1::FilterExpr::LITERAL);
  literal->mutable_literal()->mutable_type()->set_kind(v1::TIMESTAMP);
  literal->mutable_literal()->set_int_value(timestamp_micros);
  return e;
}

v1::FilterExpr HubAnd(std::vector<v1::FilterExpr> args) {
  v1::FilterExpr e;
  e.set_kind(v1::FilterExpr::AND);
  for (v1::FilterExpr& a : args) *e.add_args() = std::move(a);
  return e;
}

absl::StatusOr<Answer> HubScan(Connections& c, const std::string& table, const std::vector<std::string>& columns,
                               const v1::FilterExpr& filter) {
  Answer answer;
  answer.columns = columns;
  v1::ScanRequest request;
  request.set_table(table);
  for (const std::string& name : columns) request.add_columns(name);
  if (filter.kind() != v1::FilterExpr::KIND_UNSPECIFIED) *request.mutable_filter() = filter;
  grpc::ClientContext call;
  call.set_deadline(std::chrono::system_clock::now() + std::chrono::minutes(2));
  std::unique_ptr<v1::SourceService::Stub> hub = v1::SourceService::NewStub(c.devices);
  std::unique_ptr<grpc::ClientReader<v1::ScanResponse>> stream = hub->Scan(&call, request);
  v1::ScanResponse message;
  std::unique_ptr<RowBatch> batch;
  while (stream->Read(&message)) {
    if (message.has_schema()) {
      ASSIGN_OR_RETURN(std::shared_ptr<const Schema> schema, DecodeSchema(message.schema()));
      batch = std::make_unique<RowBatch>(schema);
    } else if (message.has_batch()) {
      if (batch == nullptr) return absl::DataLossError("hub: rows before their schema");
      RETURN_IF_ERROR(DecodeBatch(message.batch(), *batch));
      answer.Append(*batch);
    }
  }
  grpc::Status status = stream->Finish();
  if (!status.ok()) {
    return absl::Status(static_cast<absl::StatusCode>(status.error_code()),
                        absl::StrCat("hub: ", status.error_message()));
  }
  return answer;
}

std::string PeerIdsCondition(const std::string& source, const std::string& record_type, const std::string& column,
                             const std::string& patient) {
  std::string ids = absl::StrCat("FROM identity.link_record WHERE enterprise_id = ", patient, " AND source = '",
                                 source, "' AND record_type = '", record_type, "'");
  if (source == "lab") {
    return absl::StrCat("(", column, " = (SELECT coalesce(min(CAST(record_id AS bigint)), -1) ", ids, ") OR ", column,
                        " = (SELECT coalesce(max(CAST(record_id AS bigint)), -1) ", ids, "))");
  }
  if (source == "devices") return absl::StrCat(column, " IN (SELECT record_id ", ids, ")");
  return absl::StrCat(column, " = ANY (ARRAY(SELECT CAST(record_id AS bigint) ", ids, "))");
}

absl::StatusOr<std::string> PeerGoldenRecordTemplate(const std::string& view_sql) {
  static const LazyRE2 kJoin = {
      R"(JOIN identity\.link_record AS l ON l\.source = '(\w+)' AND l\.record_type = '(\w+)' AND )"
      R"(CAST\(l\.record_id AS bigint\) = (r\.\w+))"};
  re2::StringPiece rest(view_sql);
  std::string source, record_type, column, out;
  int branches = 0;
  const char* copied = view_sql.data();
  while (RE2::FindAndConsume(&rest, *kJoin, &source, &record_type, &column)) {
    out.append(copied, rest.data());
    copied = rest.data();
    absl::StrAppend(&out, " AND l.enterprise_id = {patient} AND ",
                    PeerIdsCondition(source, record_type, column, "{patient}"));
    ++branches;
  }
  out.append(copied, view_sql.data() + view_sql.size());
  if (branches == 0) return absl::InvalidArgumentError("the patient view joins no link index branch");
  return out;
}

std::string PeerGoldenRecordSql(const Connections& c, int64_t patient) {
  return absl::StrReplaceAll(c.peer_golden_record, {{"{patient}", absl::StrCat(patient)}});
}

}  // namespace tessera::bench::latency
