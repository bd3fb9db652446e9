// File: bench/micro/jaro_winkler_benchmark.cc
//
// identity::JaroWinkler on name pairs of realistic length (family and given
// names of 3 to 12 letters, as Riverside's and the census's are): pairs that
// are the same name with a typist's error, and pairs of unrelated names, the
// common case inside a blocking window. Items are comparisons; bytes are the
// compared names' bytes.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "benchmark/benchmark.h"
#include "engine/identity/string_comparators.h"

namespace tessera::bench {
namespace {

const std::vector<std::pair<std::string, std::string>>& SimilarPairs() {
  static const auto* pairs = new std::vector<std::pair<std::string, std::string>>{
      {"MARTHA", "MARHTA"},       {"DWAYNE", "DUANE"},         {"DIXON", "DICKSONX"},
      {"JOHNSON", "JONSON"},      {"WILLIAMS", "WILLIAMSON"},  {"CATHERINE", "KATHERINE"},
      {"RODRIGUEZ", "RODRIGUES"}, {"ELIZABETH", "ELISABETH"},  {"NGUYEN", "NGUEN"},
      {"MCDONALD", "MACDONALD"},  {"STEPHANIE", "STEFANIE"},   {"THOMPSON", "THOMSON"},
      {"ALEXANDER", "ALEXANDRE"}, {"HERNANDEZ", "HERNANDES"},  {"CHRISTOPHER", "CRISTOPHER"},
      {"OCONNOR", "O'CONNOR"},
  };
  return *pairs;
}

const std::vector<std::pair<std::string, std::string>>& UnrelatedPairs() {
  static const auto* pairs = new std::vector<std::pair<std::string, std::string>>{
      {"MARTHA", "GONZALEZ"},  {"SMITH", "PATEL"},           {"BROWN", "WASHINGTON"},
      {"LEE", "ANDERSON"},     {"GARCIA", "KOWALSKI"},       {"MILLER", "OKAFOR"},
      {"DAVIS", "THORNTON"},   {"WILSON", "YAMAMOTO"},       {"TAYLOR", "BERGSTROM"},
      {"MOORE", "FITZGERALD"}, {"JACKSON", "ABERNATHY"},     {"WHITE", "CHATTERJEE"},
      {"HARRIS", "NAKAMURA"},  {"CLARK", "VILLANUEVA"},      {"LEWIS", "DUBOIS"},
      {"ROBINSON", "MUELLER"},
  };
  return *pairs;
}

void BM_JaroWinkler(benchmark::State& state, const std::vector<std::pair<std::string, std::string>>* pairs) {
  int64_t bytes_per_pass = 0;
  for (const auto& [a, b] : *pairs) bytes_per_pass += static_cast<int64_t>(a.size() + b.size());
  for (auto _ : state) {
    for (const auto& [a, b] : *pairs) benchmark::DoNotOptimize(identity::JaroWinkler(a, b));
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(pairs->size()));
  state.SetBytesProcessed(state.iterations() * bytes_per_pass);
}

BENCHMARK_CAPTURE(BM_JaroWinkler, similar, &SimilarPairs());
BENCHMARK_CAPTURE(BM_JaroWinkler, unrelated, &UnrelatedPairs());

}  // namespace
}  // namespace tessera::bench

BENCHMARK_MAIN();
