// One patient's whole record through the unified views, and its FHIR
// Bundle (whose validity against the R4 schema tests/node checks).

#include "engine/fhir/patient_record.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "engine/fhir/fhir_bundle.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "re2/re2.h"
#include "tests/planner/federated_test_env.h"

namespace tessera {
namespace {

using testing::FederatedTestEnv;

TEST(PatientRecord, HoldsEveryViewsRowsAboutThePatient) {
  auto& env = FederatedTestEnv::Linked();
  QueryContext ctx;
  absl::StatusOr<PatientRecord> record = ReadPatientRecord(env.session(), 17, ctx);
  ASSERT_TRUE(record.ok()) << record.status();
  ASSERT_EQ(record->sections.size(), PatientRecordViews().size());
  for (const RecordSection& s : record->sections) {
    auto count = env.Query(absl::StrCat("SELECT count(*) FROM ", s.view, " WHERE patient_id = 17"));
    ASSERT_TRUE(count.ok()) << count.status();
    EXPECT_EQ(std::to_string(s.rows.size()), count->rows[0][0]) << s.view;
  }
  EXPECT_EQ(record->Find("patient")->rows.size(), 1u);
}

TEST(PatientRecord, AnUnknownIdIsNotFound) {
  QueryContext ctx;
  absl::StatusOr<PatientRecord> record = ReadPatientRecord(FederatedTestEnv::Linked().session(), 987654321, ctx);
  EXPECT_EQ(record.status().code(), absl::StatusCode::kNotFound);
}

TEST(FhirBundle, OneResourcePerRowWithUniqueIdsAndTheirSources) {
  QueryContext ctx;
  absl::StatusOr<PatientRecord> record = ReadPatientRecord(FederatedTestEnv::Linked().session(), 17, ctx);
  ASSERT_TRUE(record.ok()) << record.status();
  std::string bundle = RenderFhirBundle(*record);
  size_t rows = 0;
  for (const RecordSection& s : record->sections) rows += s.rows.size();
  // Every resource, the Patient included, has an id; none repeats.
  re2::StringPiece input(bundle);
  std::string type, id;
  std::set<std::string> ids;
  size_t resources = 0;
  while (RE2::FindAndConsume(&input, R"re("resourceType":"(\w+)","id":"([^"]+)")re", &type, &id)) {
    if (type == "Bundle") continue;
    ++resources;
    EXPECT_TRUE(ids.insert(type + "/" + id).second) << type << "/" << id;
  }
  EXPECT_EQ(resources, rows);
  EXPECT_THAT(bundle, ::testing::HasSubstr(R"("system":"urn:tessera:enterprise-id","value":"17")"));
  EXPECT_THAT(bundle, ::testing::HasSubstr(R"({"url":"family_name","valueString":)"));
  EXPECT_THAT(bundle, ::testing::HasSubstr(R"("system":"urn:tessera:source:lab:lab_result")"));
}

}  // namespace
}  // namespace tessera
