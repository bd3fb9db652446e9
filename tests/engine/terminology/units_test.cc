// File: tests/engine/terminology/units_test.cc

#include "engine/terminology/units.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace tessera {
namespace {

double Convert(double v, absl::string_view from, absl::string_view to, absl::string_view analyte = "") {
  absl::StatusOr<UnitConversion> c = ConvertUnits(from, to, analyte);
  EXPECT_TRUE(c.ok()) << c.status();
  return c.ok() ? c->Apply(v) : -1;
}

TEST(Units, ConvertsTheUnitsCliniciansUse) {
  EXPECT_DOUBLE_EQ(Convert(1, "[lb_av]", "kg"), 0.45359237);
  EXPECT_DOUBLE_EQ(Convert(2.2, "kg", "g"), 2200);
  EXPECT_NEAR(Convert(98.6, "[degF]", "Cel"), 37.0, 1e-9);
  EXPECT_NEAR(Convert(37.0, "Cel", "[degF]"), 98.6, 1e-9);
  EXPECT_NEAR(Convert(310.15, "K", "Cel"), 37.0, 1e-9);
  EXPECT_DOUBLE_EQ(Convert(70, "[in_i]", "cm"), 177.8);
  EXPECT_NEAR(Convert(16, "kPa", "mm[Hg]"), 120.0, 0.01);
  EXPECT_DOUBLE_EQ(Convert(140, "g/L", "g/dL"), 14);
  EXPECT_NEAR(Convert(100, "ng/L", "pg/mL"), 100, 1e-9);
  EXPECT_DOUBLE_EQ(Convert(4.1, "meq/L", "mmol/L"), 4.1);
  EXPECT_DOUBLE_EQ(Convert(5, "mg/dL", "mg/dL"), 5);
}

TEST(Units, ConvertsBetweenMassAndSubstanceByTheAnalyte) {
  // Glucose: 5.5 mmol/L is 99.1 mg/dL; LDL cholesterol 3.0 mmol/L is 116 mg/dL;
  // creatinine 88.42 umol/L is 1 mg/dL.
  EXPECT_NEAR(Convert(5.5, "mmol/L", "mg/dL", "2345-7"), 99.088, 1e-3);
  EXPECT_NEAR(Convert(99.088, "mg/dL", "mmol/L", "2345-7"), 5.5, 1e-3);
  EXPECT_NEAR(Convert(3.0, "mmol/L", "mg/dL", "13457-7"), 116.01, 1e-2);
  EXPECT_NEAR(Convert(88.42, "umol/L", "mg/dL", "2160-0"), 1.0, 1e-6);
}

TEST(Units, RefusesWhatCannotBeConvertedAndSaysWhy) {
  EXPECT_THAT(std::string(ConvertUnits("kg", "mm[Hg]").status().message()),
              ::testing::HasSubstr("they measure different things"));
  EXPECT_THAT(std::string(ConvertUnits("mmol/L", "mg/dL").status().message()),
              ::testing::HasSubstr("need the analyte's LOINC"));
  EXPECT_THAT(std::string(ConvertUnits("mmol/L", "mg/dL", "4548-4").status().message()),
              ::testing::HasSubstr("molar mass of LOINC 4548-4 is not known"));
  EXPECT_THAT(std::string(ConvertUnits("lbs", "kg").status().message()),
              ::testing::HasSubstr("\"lbs\" is not a UCUM unit"));
}

}  // namespace
}  // namespace tessera
