// File: engine/riverside/population.h
//
// Builds the whole true population in memory: every person's identity,
// households and clinical history, before any source sees it.

#ifndef TESSERA_ENGINE_RIVERSIDE_POPULATION_H_
#define TESSERA_ENGINE_RIVERSIDE_POPULATION_H_

#include <cstdint>
#include <vector>

#include "engine/riverside/history.h"
#include "engine/riverside/person.h"

namespace tessera::riverside {

// Generates `people` people (ids 1..people) on up to `threads` threads. The
// result does not depend on `threads`.
std::vector<Person> GeneratePopulation(const HistoryContext& context, int64_t people, int threads);

}  // namespace tessera::riverside

#endif  // TESSERA_ENGINE_RIVERSIDE_POPULATION_H_
