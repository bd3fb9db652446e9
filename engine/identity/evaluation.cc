// File: engine/identity/evaluation.cc

#include "engine/identity/evaluation.h"

#include <fstream>
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace tessera::identity {
namespace {

int64_t PairsOf(int64_t n) { return n * (n - 1) / 2; }

}  // namespace

double PairScores::precision() const {
  int64_t predicted = true_positives + false_positives;
  return predicted == 0 ? 1.0 : static_cast<double>(true_positives) / predicted;
}

double PairScores::recall() const {
  int64_t actual = true_positives + false_negatives;
  return actual == 0 ? 1.0 : static_cast<double>(true_positives) / actual;
}

double PairScores::f1() const {
  double p = precision(), r = recall();
  return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
}

PairScores ScorePairs(const std::vector<int64_t>& predicted, const std::vector<int64_t>& truth) {
  absl::flat_hash_map<int64_t, int64_t> cluster_sizes, entity_sizes;
  absl::flat_hash_map<std::pair<int64_t, int64_t>, int64_t> both;
  for (size_t i = 0; i < predicted.size() && i < truth.size(); ++i) {
    ++cluster_sizes[predicted[i]];
    ++entity_sizes[truth[i]];
    ++both[{predicted[i], truth[i]}];
  }
  int64_t predicted_pairs = 0, true_pairs = 0, agreed = 0;
  for (const auto& [id, n] : cluster_sizes) predicted_pairs += PairsOf(n);
  for (const auto& [id, n] : entity_sizes) true_pairs += PairsOf(n);
  for (const auto& [ids, n] : both) agreed += PairsOf(n);
  PairScores scores;
  scores.true_positives = agreed;
  scores.false_positives = predicted_pairs - agreed;
  scores.false_negatives = true_pairs - agreed;
  return scores;
}

absl::StatusOr<absl::flat_hash_map<RecordKey, int64_t>> LoadRiversideTruth(const std::string& path) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot open ground truth ", path));
  absl::flat_hash_map<RecordKey, int64_t> truth;
  std::string line;
  int64_t line_number = 0;
  while (std::getline(in, line)) {
    ++line_number;
    if (line_number == 1 || line.empty()) continue;  // Header.
    std::vector<absl::string_view> cells = absl::StrSplit(line, ',');
    int64_t person = 0;
    if (cells.size() < 4 || !absl::SimpleAtoi(cells[3], &person)) {
      return absl::InvalidArgumentError(absl::StrCat("bad ground-truth row at ", path, ":", line_number));
    }
    truth[RecordKey{std::string(cells[0]), std::string(cells[1]), std::string(cells[2])}] = person;
  }
  return truth;
}

}  // namespace tessera::identity
