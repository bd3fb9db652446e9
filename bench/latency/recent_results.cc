// File: bench/latency/recent_results.cc
//
// Recent results: the 100 most recent laboratory results (of those with a
// time), de-duplicated and in LOINC, of the patients whose golden-record
// birth date is before 1950 (about one person in seven). Both laboratories
// report results, the EHR's own and the reference lab's, and often the
// same one.

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/time.h"
#include "bench/latency/floor_util.h"
#include "bench/latency/workloads.h"
#include "engine/common/status_macros.h"

namespace tessera::bench::latency {
namespace {

constexpr char kBornBefore[] = "1950-01-01";
constexpr int kResults = 100;
// The observation view's deduplication (engine/riverside/unified_views.cc).
constexpr int64_t kToleranceSeconds = 300;
constexpr double kValueTolerance = 0.02;

// One source row of a laboratory result, translated as the view does.
struct Result {
  int64_t patient = 0;
  std::optional<std::string> code;  // Unmapped codes are NULL.
  std::string at;                   // As text; it orders as time does.
  int64_t seconds = 0;
  std::optional<double> value;
  std::string source;
};

// One row of the answer: a fact's first report and everyone reporting it.
struct Fact {
  const Result* first;
  std::set<std::string> sources;
};

bool Agree(const std::optional<double>& a, const std::optional<double>& b) {
  if (!a || !b) return !a && !b;
  return std::abs(*a - *b) <= kValueTolerance * std::max(std::abs(*a), std::abs(*b)) + 1e-9;
}

// What DedupOperator does to one (patient, code) group: reports within the
// tolerance of the earliest open report are one fact, split where their
// values disagree.
void Deduplicate(std::vector<const Result*>& group, std::vector<Fact>& out) {
  std::stable_sort(group.begin(), group.end(),
                   [](const Result* a, const Result* b) { return a->seconds < b->seconds; });
  for (size_t start = 0, end = 0; start < group.size(); start = end) {
    end = start + 1;
    while (end < group.size() && group[end]->seconds - group[start]->seconds <= kToleranceSeconds) ++end;
    std::vector<Fact> fact;
    for (size_t i = start; i < end; ++i) {
      auto home =
          std::find_if(fact.begin(), fact.end(), [&](const Fact& f) { return Agree(f.first->value, group[i]->value); });
      if (home == fact.end()) home = fact.insert(fact.end(), Fact{group[i], {}});
      home->sources.insert(group[i]->source);
    }
    out.insert(out.end(), fact.begin(), fact.end());
  }
}

// map_code(map, code) and map_value(map, code, unit, value), in memory,
// looked up by hash as a perfect engine would.
class Translation {
 public:
  explicit Translation(const CodeMap* map) {
    if (map == nullptr) return;
    for (const CodeMapEntry& e : map->entries) {
      codes_.try_emplace(e.code, e.standard_code);  // The first entry decides, as in the view.
      linear_.try_emplace(std::make_pair(e.code, e.unit), std::make_pair(e.factor, e.offset));
    }
  }
  std::optional<std::string> Code(const std::string& code) const {
    auto it = codes_.find(code);
    return it == codes_.end() ? std::nullopt : std::optional<std::string>(it->second);
  }
  double Value(const std::string& code, const std::string& unit, double v) const {
    auto it = linear_.find(std::make_pair(code, unit));
    return it == linear_.end() ? v : v * it->second.first + it->second.second;
  }

 private:
  absl::flat_hash_map<std::string, std::string> codes_;
  absl::flat_hash_map<std::pair<std::string, std::string>, std::pair<double, double>> linear_;  // Factor, offset.
};

absl::StatusOr<int64_t> Seconds(const std::string& at) {
  absl::Time t;
  std::string error;
  if (!absl::ParseTime("%Y-%m-%d %H:%M:%E*S", at, absl::UTCTimeZone(), &t, &error)) {
    return absl::DataLossError(absl::StrCat("not a timestamp: ", at, " (", error, ")"));
  }
  return absl::ToUnixSeconds(t);
}

// The floor, in two rounds. First the people who may be old: records born
// before 1950 in either source that keeps birth dates, and the link index.
// Then, for those people, every record's birth date (to settle the golden
// one) and each laboratory's most recent `limit` results per chunk of ids,
// all at once. When the 100th answer is not clear of the oldest time a
// truncated chunk stopped at (by two tolerances, so its fact cannot reach
// back past the cut), the second round runs again with a larger limit.
absl::StatusOr<Answer> Floor(Connections& c, int64_t) {
  std::vector<absl::StatusOr<Answer>> first = Concurrently({
      {c.ehr.get(), absl::StrCat("SELECT patient_id FROM ehr.patient WHERE birth_date < DATE '", kBornBefore, "'")},
      {c.pharmacy.get(), absl::StrCat("SELECT customer_id FROM customer WHERE date_of_birth < '", kBornBefore, "'")},
      {c.identity.get(), LinkRowsSql("ehr", "patient")},
      {c.identity.get(), LinkRowsSql("pharmacy", "customer")},
      {c.identity.get(), LinkRowsSql("lab", "patient")},
  });
  for (const auto& g : first) RETURN_IF_ERROR(g.status());
  ASSIGN_OR_RETURN(std::set<int64_t> candidates, LinkedPatients(*first[2], *first[0]));
  ASSIGN_OR_RETURN(std::set<int64_t> by_pharmacy, LinkedPatients(*first[3], *first[1]));
  candidates.insert(by_pharmacy.begin(), by_pharmacy.end());
  // The candidates' records per source (0 ehr, 1 pharmacy, 2 lab) and whose each is.
  std::map<int64_t, int64_t> person[3];
  std::set<int64_t> ids[3];
  for (int s = 0; s < 3; ++s) {
    for (const auto& r : first[s + 2]->rows) {
      ASSIGN_OR_RETURN(int64_t p, ParseId(r[0]));
      if (!candidates.count(p)) continue;
      ASSIGN_OR_RETURN(int64_t id, ParseId(r[1]));
      person[s][id] = p;
      ids[s].insert(id);
    }
  }
  const Translation ehr_codes(c.code_maps.Find("ehr.lab_result.loinc_code"));
  const Translation lab_codes(c.code_maps.Find("lab.lab_result.test_code"));

  for (int limit = 2 * kResults;; limit *= 4) {
    enum Kind { kEhrBirth, kPharmacyBirth, kEhrResults, kLabResults };
    std::vector<Kind> kinds;
    std::vector<std::pair<Connector*, std::string>> queries;
    for (const std::string& list : IdLists(ids[0])) {
      kinds.push_back(kEhrBirth);
      queries.push_back({c.ehr.get(), absl::StrCat("SELECT patient_id, birth_date FROM ehr.patient WHERE birth_date "
                                                   "IS NOT NULL AND patient_id IN (",
                                                   list, ")")});
      kinds.push_back(kEhrResults);
      queries.push_back(
          {c.ehr.get(), absl::StrCat("SELECT patient_id, loinc_code, unit, result_value, observed_at "
                                     "FROM ehr.lab_result WHERE observed_at IS NOT NULL AND patient_id IN (",
                                     list, ") ORDER BY observed_at DESC LIMIT ", limit)});
    }
    for (const std::string& list : IdLists(ids[1])) {
      kinds.push_back(kPharmacyBirth);
      queries.push_back({c.pharmacy.get(), absl::StrCat("SELECT customer_id, date_of_birth FROM customer WHERE "
                                                        "date_of_birth IS NOT NULL AND customer_id IN (",
                                                        list, ")")});
    }
    for (const std::string& list : IdLists(ids[2])) {
      kinds.push_back(kLabResults);
      queries.push_back(
          {c.lab.get(), absl::StrCat("SELECT lab_patient_id, test_code, units, result_value, "
                                     "collected_at FROM lab.lab_result WHERE collected_at IS NOT NULL AND "
                                     "lab_patient_id IN (",
                                     list, ") ORDER BY collected_at DESC LIMIT ", limit)});
    }
    std::vector<absl::StatusOr<Answer>> got = Concurrently(std::move(queries));

    // The golden birth date: the EHR's most recent record that has one,
    // else the pharmacy's.
    std::map<int64_t, std::pair<std::pair<int, int64_t>, std::string>> birth;  // Person -> ((rank, -id), date).
    std::vector<Result> results;
    std::string cut;  // The latest time at which a truncated chunk stopped.
    for (size_t i = 0; i < got.size(); ++i) {
      RETURN_IF_ERROR(got[i].status());
      const bool ehr = kinds[i] == kEhrBirth || kinds[i] == kEhrResults;
      const auto& owner = person[kinds[i] == kLabResults ? 2 : ehr ? 0 : 1];
      if (kinds[i] == kEhrBirth || kinds[i] == kPharmacyBirth) {
        for (const auto& r : got[i]->rows) {
          ASSIGN_OR_RETURN(int64_t id, ParseId(r[0]));
          std::pair<int, int64_t> rank = {ehr ? 0 : 1, -id};
          auto [it, added] = birth.try_emplace(owner.at(id), rank, r[1]);
          if (!added && rank < it->second.first) it->second = {rank, r[1]};
        }
        continue;
      }
      if (got[i]->rows.size() == static_cast<size_t>(limit)) cut = std::max(cut, got[i]->rows.back()[4]);
      const Translation& codes = ehr ? ehr_codes : lab_codes;
      for (const auto& r : got[i]->rows) {
        ASSIGN_OR_RETURN(int64_t id, ParseId(r[0]));
        Result out{.patient = owner.at(id), .at = r[4], .source = ehr ? "ehr" : "lab"};
        if (r[1] != "NULL") out.code = codes.Code(r[1]);
        if (r[3] != "NULL") {
          double v = 0;
          if (!absl::SimpleAtod(r[3], &v)) return absl::DataLossError(absl::StrCat("not a result value: ", r[3]));
          out.value = codes.Value(r[1], r[2], v);
        }
        ASSIGN_OR_RETURN(out.seconds, Seconds(r[4]));
        results.push_back(std::move(out));
      }
    }

    std::map<std::pair<int64_t, std::optional<std::string>>, std::vector<const Result*>> groups;
    for (const Result& r : results) {
      auto b = birth.find(r.patient);
      if (b != birth.end() && b->second.second < kBornBefore) groups[{r.patient, r.code}].push_back(&r);
    }
    std::vector<Fact> facts;
    for (auto& [key, group] : groups) Deduplicate(group, facts);
    // ORDER BY effective_at DESC, patient_id, code (NULL last), sources.
    auto order = [](const Fact& a, const Fact& b) {
      auto key = [](const Fact& f) {
        return std::make_tuple(f.first->patient, !f.first->code.has_value(), f.first->code.value_or(""),
                               absl::StrJoin(f.sources, ","));
      };
      if (a.first->at != b.first->at) return a.first->at > b.first->at;
      return key(a) < key(b);
    };
    std::sort(facts.begin(), facts.end(), order);
    if (facts.size() > static_cast<size_t>(kResults)) facts.resize(kResults);
    if (!cut.empty()) {
      ASSIGN_OR_RETURN(int64_t cut_seconds, Seconds(cut));
      if (facts.size() < static_cast<size_t>(kResults) ||
          facts.back().first->seconds <= cut_seconds + 2 * kToleranceSeconds) {
        continue;  // Not enough history fetched to be sure.
      }
    }
    Answer out;
    out.columns = {"patient_id", "code", "effective_at", "sources"};
    for (const Fact& f : facts) {
      out.rows.push_back(
          {absl::StrCat(f.first->patient), f.first->code.value_or("NULL"), f.first->at, absl::StrJoin(f.sources, ",")});
    }
    return out;
  }
}

// The peer: golden birth dates with DISTINCT ON, both laboratories' results
// of the old translated through a local copy of the code map, and the
// deduplication written with window functions: a new fact where a report
// comes more than the tolerance after the previous one, and within a fact
// the reports whose values agree with its first one merge (Riverside's
// facts have at most two reports, where this is DedupOperator's rule).
std::string PeerSql() {
  // The code and value columns, and the FROM clause of `table` AS r.
  auto translated = [](const char* table, const char* map, const char* code, const char* unit) {
    return absl::StrCat("(SELECT min(m.standard_code) FROM identity.code_map AS m WHERE m.map = '", map,
                        "' AND m.code = r.", code,
                        ") AS code, CAST(r.result_value AS double precision) * "
                        "coalesce(v.factor, 1) + coalesce(v.\"offset\", 0) AS value FROM ",
                        table, " AS r LEFT JOIN identity.code_map AS v ON v.map = '", map, "' AND v.code = r.", code,
                        " AND v.unit = r.", unit);
  };
  return absl::StrCat(
      "WITH births AS (SELECT l.enterprise_id, 0 AS rank, r.patient_id AS rid, r.birth_date FROM ehr.patient AS r",
      PeerLinkJoin("ehr", "patient", "patient_id"),
      " WHERE r.birth_date IS NOT NULL UNION ALL SELECT l.enterprise_id, 1, r.customer_id, r.date_of_birth FROM "
      "pharmacy.customer AS r",
      PeerLinkJoin("pharmacy", "customer", "customer_id"),
      " WHERE r.date_of_birth IS NOT NULL), "
      "golden AS (SELECT DISTINCT ON (enterprise_id) enterprise_id, birth_date FROM births ORDER BY enterprise_id, "
      "rank, rid DESC), "
      "old AS (SELECT enterprise_id FROM golden WHERE birth_date < DATE '",
      kBornBefore, "'), ",
      "reports AS (SELECT l.enterprise_id AS patient_id, 'ehr' AS source, r.lab_result_id AS rid, r.observed_at AS t, ",
      translated("ehr.lab_result", "ehr.lab_result.loinc_code", "loinc_code", "unit"),
      PeerLinkJoin("ehr", "patient", "patient_id"),
      " WHERE r.patient_id = ANY (ARRAY(SELECT CAST(record_id AS bigint) FROM identity.link_record WHERE source = "
      "'ehr' AND record_type = 'patient' AND enterprise_id IN (SELECT enterprise_id FROM old))) "
      "UNION ALL SELECT l.enterprise_id, 'lab', r.result_id, r.collected_at, ",
      translated("lab.lab_result", "lab.lab_result.test_code", "test_code", "units"),
      PeerLinkJoin("lab", "patient", "lab_patient_id"),
      " WHERE l.enterprise_id IN (SELECT enterprise_id FROM old)), "
      "gaps AS (SELECT *, CASE WHEN t - lag(t) OVER w <= INTERVAL '",
      kToleranceSeconds,
      " seconds' THEN 0 ELSE 1 END AS opens FROM reports WHERE t IS NOT NULL WINDOW w AS (PARTITION BY patient_id, "
      "code ORDER BY t, "
      "source, rid)), "
      "facts AS (SELECT *, sum(opens) OVER (PARTITION BY patient_id, code ORDER BY t, source, rid) AS fact FROM "
      "gaps), "
      "led AS (SELECT *, CASE WHEN value IS NULL AND lead_value IS NULL OR abs(value - lead_value) <= ",
      kValueTolerance,
      " * greatest(abs(value), abs(lead_value)) + 1e-9 THEN '' ELSE rid || source END AS leader FROM (SELECT *, "
      "first_value(value) OVER (PARTITION BY patient_id, code, fact ORDER BY t, source, rid) AS lead_value FROM "
      "facts) AS f) "
      "SELECT patient_id, code, min(t) AS effective_at, string_agg(DISTINCT source, ',' ORDER BY source) AS "
      "sources FROM led GROUP BY patient_id, code, fact, leader "
      "ORDER BY effective_at DESC, patient_id, code, sources LIMIT ",
      kResults);
}

}  // namespace

Workload RecentResultsWorkload() {
  return {
      .name = "recent_results",
      .question = "the 100 most recent laboratory results (de-duplicated, in LOINC) of patients born before 1950",
      .ordered = true,
      .peer_note =
          "peer: pharmacy through postgres_fdw (its PostgreSQL copy), the link index and the code map "
          "copied into local tables, the deduplication written with window functions",
      .tessera_sql =
          [](int64_t) {
            return absl::StrCat(
                "SELECT o.patient_id, o.code, o.effective_at, o.sources FROM observation AS o JOIN patient AS p ON "
                "p.patient_id = o.patient_id WHERE o.category = 'laboratory' AND o.effective_at IS NOT NULL AND "
                "p.birth_date < DATE '",
                kBornBefore, "' ORDER BY o.effective_at DESC, o.patient_id, o.code, o.sources LIMIT ", kResults);
          },
      .peer_sql = [](int64_t) { return PeerSql(); },
      .floor = Floor,
  };
}

}  // namespace tessera::bench::latency
