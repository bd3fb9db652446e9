// File: bench/latency/floor_util.h
//
// Pieces the workloads' floors and peers share: running sub-queries at once,
// the link index's ids of one patient, the golden record computed by hand,
// and a scan of the device hub.

#ifndef TESSERA_BENCH_LATENCY_FLOOR_UTIL_H_
#define TESSERA_BENCH_LATENCY_FLOOR_UTIL_H_

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "bench/latency/answer.h"
#include "bench/latency/workloads.h"
#include "proto/source.pb.h"

namespace tessera::bench::latency {

// Runs the queries at once, one thread each, as a perfect engine would.
std::vector<absl::StatusOr<Answer>> Concurrently(std::vector<std::pair<Connector*, std::string>> queries);

// ids as a SQL list of integer literals (ids are numbers we parsed).
std::string IntList(const std::set<int64_t>& ids);

// ids as SQL lists of at most `per_list` each, for sub-queries restricted
// to many ids.
std::vector<std::string> IdLists(const std::set<int64_t>& ids, size_t per_list = 1000);

absl::StatusOr<int64_t> ParseId(const std::string& cell);

// The link index's (enterprise_id, record_id) rows of one source's records.
std::string LinkRowsSql(const std::string& source, const std::string& record_type);

// The enterprise ids of the records in `records` (first column: record
// ids), from LinkRowsSql's rows.
absl::StatusOr<std::set<int64_t>> LinkedPatients(const Answer& links, const Answer& records);

// One patient's records in each source, from the link index: the ids of
// ehr and lab patients and pharmacy customers, and the device hub's
// registrations (text ids).
struct PatientIds {
  std::map<std::string, std::set<int64_t>> numeric;  // "ehr", "lab", "pharmacy".
  std::set<std::string> registrations;
};
absl::StatusOr<PatientIds> LookUpPatient(Connections& c, int64_t patient);

// The patient view's golden record for `ids`, computed from each source's
// rows by the view's survivorship rules.
absl::StatusOr<Answer> GoldenRecordFloor(Connections& c, int64_t patient, const PatientIds& ids);

// The hub's rows of `table` that pass `filter` (no filter when it is the
// default instance), as text.
absl::StatusOr<Answer> HubScan(Connections& c, const std::string& table, const std::vector<std::string>& columns,
                               const v1::FilterExpr& filter);

// Filters for HubScan: `column` IN (`values`), `column` = text, `column` >=
// a timestamp in microseconds since 1970, and a conjunction.
v1::FilterExpr HubIn(const std::string& column, const std::set<std::string>& values);
v1::FilterExpr HubEquals(const std::string& column, const std::string& text);
v1::FilterExpr HubAtLeast(const std::string& column, int64_t timestamp_micros);
v1::FilterExpr HubAnd(std::vector<v1::FilterExpr> args);

// A condition for the peer that `column` (of a foreign table) is one of the
// patient's record ids in `source`, written so each wrapper pushes it into
// its server: = ANY(ARRAY(subquery)) for postgres_fdw; for mysql_fdw, which
// cannot bind an array or a join key from another server, the smallest and
// largest id as two scalar subqueries (Riverside registers a person at most
// twice in one source); a plain IN for the peer's local device table.
// `patient` is the enterprise id, or a placeholder.
std::string PeerIdsCondition(const std::string& source, const std::string& record_type, const std::string& column,
                             const std::string& patient);

// For the peer: " JOIN identity.link_record AS l" on the link of record
// `r.id_column` of `source` (its records of `record_type`), so that
// l.enterprise_id is the patient.
std::string PeerLinkJoin(const std::string& source, const std::string& record_type, const std::string& id_column);

// The peer's golden record for "{patient}": the patient view's SQL with the
// patient's ids pushed into each branch's source, as a competent user would
// rewrite the plain join (which makes the wrappers scan whole tables).
absl::StatusOr<std::string> PeerGoldenRecordTemplate(const std::string& view_sql);

// The template with the enterprise id filled in.
std::string PeerGoldenRecordSql(const Connections& c, int64_t patient);

}  // namespace tessera::bench::latency

#endif  // TESSERA_BENCH_LATENCY_FLOOR_UTIL_H_
