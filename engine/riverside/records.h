// File: engine/riverside/records.h
//
// The person records one source holds: which people it knows, under which of
// its own ids, with which noisy demographics, and, for people it holds twice,
// which of the two records each fact was filed under.

#ifndef TESSERA_ENGINE_RIVERSIDE_RECORDS_H_
#define TESSERA_ENGINE_RIVERSIDE_RECORDS_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "engine/riverside/history.h"
#include "engine/riverside/noise.h"
#include "engine/riverside/person.h"
#include "engine/riverside/random.h"

namespace tessera::riverside {

struct PersonRecord {
  int64_t id = 0;          // The source's own id for the record.
  size_t person = 0;       // Index into the population.
  bool duplicate = false;  // The person's second record in this source.
  int64_t since_day = 0;   // When the source first registered this record.
  Demographics demo;
  std::string noise;  // Tags of the noise injected (see RecordIdentity).
};

struct SourceRecords {
  // Ordered by id; ids are consecutive from the source's base, in order of
  // registration, as a registration system would hand them out.
  std::vector<PersonRecord> records;

  // Per person (indexed like the population): the primary and duplicate
  // record ids (0 when absent) and the span [split_from, split_until) in
  // seconds during which new facts were filed under the duplicate.
  std::vector<int64_t> primary;
  std::vector<int64_t> duplicate;
  std::vector<int64_t> split_from;
  std::vector<int64_t> split_until;

  // The record a fact about `person` dated `at` (seconds) is filed under.
  // REQUIRES: the person has a primary record.
  int64_t RecordFor(size_t person, int64_t at) const {
    if (duplicate[person] != 0 && at >= split_from[person] && at < split_until[person]) {
      return duplicate[person];
    }
    return primary[person];
  }

  bool Has(size_t person) const { return primary[person] != 0; }
};

struct RecordOptions {
  Stream stream;        // The random stream noise and duplicates draw from.
  int64_t id_base = 1;  // The first id handed out.
  SourceHabits habits;
  // Whether the source knows a person, and the day of the person's first fact
  // there (kNoDay when the source has no facts about them).
  std::function<bool(const Person&)> present;
  std::function<int64_t(const Person&)> first_fact_day;
};

// Builds one source's person records from the population.
SourceRecords BuildRecords(const std::vector<Person>& people, const HistoryContext& context,
                           const NoiseRates& rates, const RecordOptions& options);

}  // namespace tessera::riverside

#endif  // TESSERA_ENGINE_RIVERSIDE_RECORDS_H_
