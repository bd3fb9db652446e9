// The unified view over Riverside's EHR and lab: local codes and units are
// translated through the code maps, and conditions on the translated columns
// reach each source in its own terms (asserted through EXPLAIN), with the
// answers equal to the same question written by hand over the sources.

#include <cmath>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/planner/federated_test_env.h"

namespace tessera::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

std::string Explain(const std::string& sql) {
  auto plan = FederatedTestEnv::Get().Explain(sql);
  EXPECT_TRUE(plan.ok()) << sql << ": " << plan.status();
  return plan.ok() ? *plan : "";
}

double Number(const std::string& sql) {
  auto result = FederatedTestEnv::Get().Query(sql);
  EXPECT_TRUE(result.ok()) << sql << ": " << result.status();
  double v = -1;
  if (result.ok() && result->rows.size() == 1) EXPECT_TRUE(absl::SimpleAtod(result->rows[0][0], &v)) << sql;
  return v;
}

TEST(UnifiedView, AStandardCodeReachesEachSourceAsItsLocalCodes) {
  std::string plan = Explain("SELECT value FROM observation WHERE code = '4548-4'");
  EXPECT_THAT(plan, HasSubstr("(\"t0\".\"test_code\" IN ('HBA1C', 'A1C'))"));
  EXPECT_THAT(plan, HasSubstr("(\"t0\".\"loinc_code\" = '4548-4')"));
  // Vital signs hold no HbA1c: their branches ask no source.
  EXPECT_THAT(plan, Not(HasSubstr("vital_sign")));
}

TEST(UnifiedView, ACodeNoSourceHoldsAsksNoSource) {
  EXPECT_THAT(Explain("SELECT * FROM observation WHERE code = '0000-0'"), Not(HasSubstr("RemoteScan")));
  // Body weight lives only in the EHR's vital signs.
  std::string weight = Explain("SELECT value FROM observation WHERE code = '29463-7'");
  EXPECT_THAT(weight, HasSubstr("vital_sign"));
  EXPECT_THAT(weight, Not(HasSubstr("lab_result")));
}

TEST(UnifiedView, AnIdShownAsTextIsComparedAsTheSourcesInteger) {
  std::string plan = Explain("SELECT value FROM observation WHERE patient_source = 'lab' AND patient_ref = '1000214'");
  EXPECT_THAT(plan, HasSubstr("(\"t0\".\"lab_patient_id\" = 1000214)"));
  EXPECT_THAT(plan, Not(HasSubstr("FROM \"vital_sign\"")));
  EXPECT_THAT(Explain("SELECT value FROM observation WHERE patient_ref = '0130'"), Not(HasSubstr("RemoteScan")));
}

TEST(UnifiedView, ValuesArriveInTheStandardUnit) {
  // Glucose is mg/dL whatever the lab reported; the north site's mmol/L
  // values are converted (x 18.016), the main site's kept.
  EXPECT_EQ(Number("SELECT count(*) FROM observation WHERE code = '2345-7' AND unit <> 'mg/dL'"), 0);
  double unified = Number("SELECT sum(value) FROM observation WHERE code = '2345-7' AND patient_source = 'lab'");
  double by_hand = Number(
      "SELECT sum(CASE WHEN test_code = 'GLUC' THEN CAST(result_value AS double precision) * 18.016 "
      "ELSE CAST(result_value AS double precision) END) FROM lab.lab_result WHERE test_code IN ('GLU', 'GLUC')");
  EXPECT_GT(by_hand, 0);
  EXPECT_NEAR(unified, by_hand, std::abs(by_hand) * 1e-12);
  // Weight from pounds to kilograms, temperature from Fahrenheit to Celsius.
  EXPECT_NEAR(Number("SELECT max(value) FROM observation WHERE code = '29463-7'"),
              Number("SELECT max(weight_lb) FROM ehr.vital_sign") * 0.45359237, 1e-9);
  EXPECT_NEAR(Number("SELECT min(value) FROM observation WHERE code = '8310-5'"),
              (Number("SELECT min(temperature_f) FROM ehr.vital_sign") - 32) * 5 / 9, 1e-9);
}

TEST(UnifiedView, ABoundOnAConvertedValueReachesTheSourceInItsUnit) {
  // 50 kg is 110.23 lb: the EHR, which stores pounds, is asked for at most
  // 110.3 lb (rounded outwards), and the exact condition still runs here.
  std::string weight = Explain("SELECT value FROM observation WHERE code = '29463-7' AND value < 50");
  EXPECT_THAT(weight, HasSubstr("(\"t0\".\"weight_lb\" <= 110.3)"));
  EXPECT_EQ(Number("SELECT count(*) FROM observation WHERE code = '29463-7' AND value < 50"),
            Number("SELECT count(*) FROM ehr.vital_sign WHERE CAST(weight_lb AS double precision) * 0.45359237 < 50"));
  // Glucose over 126 mg/dL: the lab's codes are mg/dL (GLU) or mmol/L
  // (GLUC), so the loosest raw bound, 126 / 18.016 = 6.99, is sent.
  std::string glucose = Explain("SELECT value FROM observation WHERE code = '2345-7' AND value > 126");
  EXPECT_THAT(glucose, HasSubstr("(\"t0\".\"test_code\" IN ('GLU', 'GLUC')) AND (\"t0\".\"result_value\" >= 6.99)"));
  EXPECT_EQ(Number("SELECT count(*) FROM observation WHERE code = '2345-7' AND value > 126 AND source = 'lab'"),
            Number("SELECT count(*) FROM lab.lab_result WHERE (test_code = 'GLU' AND result_value > 126) OR "
                   "(test_code = 'GLUC' AND CAST(result_value AS double precision) * 18.016 > 126)"));
}

TEST(UnifiedView, EveryRowNamesItsSourceRecord) {
  EXPECT_EQ(Number("SELECT count(*) FROM observation WHERE source = 'lab' AND source_table = 'lab_result'"),
            Number("SELECT count(*) FROM lab.lab_result"));
  EXPECT_EQ(Number("SELECT count(*) FROM observation o JOIN lab.lab_result r ON o.record_id = CAST(r.result_id AS text) "
                   "WHERE o.source = 'lab' AND o.code = '718-7'"),
            Number("SELECT count(*) FROM lab.lab_result WHERE test_code IN ('HGB', 'HB')"));
  EXPECT_EQ(Number("SELECT count(*) FROM medication WHERE source = 'pharmacy' AND code IS NULL"), 0)
      << "every dispensed NDC maps to RxNorm";
}

}  // namespace
}  // namespace tessera::testing
