// Deduplicating the Febrl benchmark files (data no one on the project made)
// with their record ids hidden from the matcher. Needs TESSERA_SHARED_DIR
// (the test command sets it); skipped without it.

#include <cstdlib>
#include <string>

#include "engine/identity/evaluation.h"
#include "engine/identity/febrl_file.h"
#include "engine/identity/linker.h"
#include "gtest/gtest.h"

namespace tessera::identity {
namespace {

struct FebrlCase {
  const char* file;
  int64_t true_pairs;  // As published with the data.
  double min_f1;       // A little below what the matcher measures.
};

class FebrlTest : public ::testing::TestWithParam<FebrlCase> {};

TEST_P(FebrlTest, DeduplicatesWithHighF1) {
  const char* shared = std::getenv("TESSERA_SHARED_DIR");
  if (shared == nullptr || *shared == '\0') GTEST_SKIP() << "TESSERA_SHARED_DIR is not set";
  absl::StatusOr<FebrlData> data = ReadFebrlFile(std::string(shared) + "/data/febrl/" + GetParam().file);
  ASSERT_TRUE(data.ok()) << data.status();
  // The ids are only in `entity`; the matcher sees row numbers.
  for (size_t i = 0; i < data->records.size(); ++i) {
    EXPECT_EQ(data->records[i].key.record_id, std::to_string(i + 1));
  }
  PairScores truth_only = ScorePairs(data->entity, data->entity);
  EXPECT_EQ(truth_only.true_positives, GetParam().true_pairs);

  LinkResult result = LinkRecords(data->records, LinkOptions());
  PairScores s = ScorePairs(result.enterprise_ids, data->entity);
  EXPECT_GE(s.f1(), GetParam().min_f1) << "precision " << s.precision() << " recall " << s.recall();
  EXPECT_GE(s.precision(), GetParam().min_f1);
}

// Measured F1: 0.9950, 0.9979, 0.9984.
INSTANTIATE_TEST_SUITE_P(Files, FebrlTest,
                         ::testing::Values(FebrlCase{"dataset1.csv", 500, 0.99}, FebrlCase{"dataset2.csv", 1934, 0.99},
                                           FebrlCase{"dataset3.csv", 6538, 0.99}),
                         [](const ::testing::TestParamInfo<FebrlCase>& info) {
                           return std::string(info.param.file).substr(0, 8);
                         });

TEST(FebrlFile, RejectsAMalformedFile) {
  const char* tmp = std::getenv("TEST_TMPDIR");
  std::string path = std::string(tmp ? tmp : "/tmp") + "/bad_febrl.csv";
  FILE* f = std::fopen(path.c_str(), "w");
  ASSERT_NE(f, nullptr);
  std::fputs("rec_id, given_name\nrec-1-org, only two columns\n", f);
  std::fclose(f);
  absl::StatusOr<FebrlData> data = ReadFebrlFile(path);
  ASSERT_FALSE(data.ok());
  EXPECT_NE(data.status().message().find(":2"), std::string::npos) << data.status();
  EXPECT_EQ(ReadFebrlFile(path + ".missing").status().code(), absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace tessera::identity
