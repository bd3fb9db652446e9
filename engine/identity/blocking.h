// File: engine/identity/blocking.h
//
// Blocking: which pairs of records are compared at all. Comparing every pair
// is quadratic; instead each record gets a few blocking keys (birth date with
// day and month in either order, phonetic given + family name, zip + family
// name + birth year, a national id), and only records sharing a key are compared. Several
// independent keys keep recall high: a pair is lost only if every key of it
// is broken by noise. There is deliberately no phone or address key: those
// blocks are households, whose pairs are different people that agree on
// everything but name and birth date, and too many of them would teach the
// estimation that a household is a person.

#ifndef TESSERA_ENGINE_IDENTITY_BLOCKING_H_
#define TESSERA_ENGINE_IDENTITY_BLOCKING_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"
#include "engine/identity/person_record.h"

namespace tessera::identity {

struct BlockingOptions {
  // A block with more records than this is skipped (and counted): such a key
  // is too common to say anything, and its pairs would dominate the run.
  int max_block_size = 500;
};

struct CandidatePairs {
  // Index pairs (i < j) into the records, each pair once, sorted.
  std::vector<std::pair<uint32_t, uint32_t>> pairs;
  int64_t blocks = 0;
  int64_t oversized_blocks = 0;
};

// American Soundex ("Robert" -> "R163"); "" for a name without letters.
std::string Soundex(absl::string_view name);

// The blocking keys of one record, each prefixed by its kind so that keys of
// different kinds never collide.
std::vector<std::string> BlockingKeys(const PersonRecord& record);

// Pairs of records sharing a blocking key. With `only_new` (one flag per
// record), only pairs with at least one new record are produced: what an
// incremental run compares.
CandidatePairs GenerateCandidates(const std::vector<PersonRecord>& records, const BlockingOptions& options,
                                  const std::vector<bool>* only_new = nullptr);

}  // namespace tessera::identity

#endif  // TESSERA_ENGINE_IDENTITY_BLOCKING_H_
