// File: bench/identity/febrl_score.cc
//
// Deduplicates each Febrl benchmark file with its record ids hidden from the
// matcher and prints pairwise precision, recall and F1 against them, with
// the linking time.
//
//   bazel run //bench/identity:febrl_score -- /work/shared/data/febrl/dataset1.csv ...

#include <cstdio>

#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "engine/identity/evaluation.h"
#include "engine/identity/febrl_file.h"
#include "engine/identity/linker.h"

int main(int argc, char** argv) {
  using namespace tessera::identity;
  if (argc < 2) {
    std::fprintf(stderr, "usage: febrl_score FILE.csv...\n");
    return 2;
  }
  int exit_code = 0;
  for (int i = 1; i < argc; ++i) {
    absl::StatusOr<FebrlData> data = ReadFebrlFile(argv[i]);
    if (!data.ok()) {
      std::fprintf(stderr, "febrl_score: %s\n", std::string(data.status().message()).c_str());
      exit_code = 1;
      continue;
    }
    absl::Time start = absl::Now();
    LinkResult result = LinkRecords(data->records, LinkOptions());
    absl::Duration elapsed = absl::Now() - start;
    // How many true pairs blocking lets through: the ceiling on recall.
    CandidatePairs candidates = GenerateCandidates(data->records, LinkOptions().blocking);
    int64_t blocked_true = 0;
    for (const auto& [a, b] : candidates.pairs) blocked_true += data->entity[a] == data->entity[b];
    PairScores s = ScorePairs(result.enterprise_ids, data->entity);
    std::printf("%s\n", absl::StrFormat("%s records=%d pairs_compared=%d true_pairs_compared=%d matches=%d possibles=%d clusters=%d "
                                        "tp=%d fp=%d fn=%d precision=%.4f recall=%.4f f1=%.4f time=%.0fms",
                                        argv[i], data->records.size(), result.stats.candidate_pairs, blocked_true,
                                        result.stats.matches, result.stats.possible_matches, result.stats.clusters,
                                        s.true_positives, s.false_positives, s.false_negatives, s.precision(),
                                        s.recall(), s.f1(), absl::ToDoubleMilliseconds(elapsed))
                                .c_str());
  }
  return exit_code;
}
