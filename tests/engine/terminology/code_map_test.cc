// File: tests/engine/terminology/code_map_test.cc

#include "engine/terminology/code_map.h"

#include <cstdlib>
#include <fstream>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace tessera {
namespace {

constexpr char kHeader[] =
    "source,table,code_column,code,unit,standard_system,standard_code,standard_unit,factor,offset\n";

std::string Write(const std::string& name, const std::string& text) {
  std::string path = absl::StrCat(std::getenv("TEST_TMPDIR"), "/", name);
  std::ofstream(path) << text;
  return path;
}

TEST(CodeMaps, LoadsOneMapPerSourceColumn) {
  CodeMaps maps;
  ASSERT_TRUE(maps.LoadFile(Write("ok.csv", absl::StrCat(kHeader,
                                                        "lab,lab_result,test_code,GLU,mg/dL,LOINC,2345-7,mg/dL,1,0\n"
                                                        "lab,lab_result,test_code,GLUC,mmol/L,LOINC,2345-7,mg/dL,18.016,0\n"
                                                        "# a comment\n\n"
                                                        "pharmacy,dispensing,ndc,70954011210,,RXNORM,314076,,1,0\n")))
                  .ok());
  EXPECT_EQ(maps.names(), (std::vector<std::string>{"lab.lab_result.test_code", "pharmacy.dispensing.ndc"}));
  const CodeMap* lab = maps.Find("lab.lab_result.test_code");
  ASSERT_NE(lab, nullptr);
  ASSERT_EQ(lab->entries.size(), 2u);
  EXPECT_EQ(lab->entries[1].code, "GLUC");
  EXPECT_DOUBLE_EQ(lab->entries[1].factor, 18.016);
  EXPECT_EQ(maps.Find("lab.patient.x"), nullptr);
}

TEST(CodeMaps, MistakesNameTheFileAndLine) {
  auto error = [](const std::string& name, const std::string& text) {
    CodeMaps maps;
    return std::string(maps.LoadFile(Write(name, text)).message());
  };
  EXPECT_THAT(error("h.csv", "code,standard\n"), ::testing::HasSubstr("h.csv: line 1: expected the header"));
  EXPECT_THAT(error("f.csv", absl::StrCat(kHeader, "lab,lab_result,test_code,GLU\n")),
              ::testing::HasSubstr("f.csv: line 2: expected 10 fields, found 4"));
  EXPECT_THAT(error("n.csv", absl::StrCat(kHeader, "lab,lab_result,test_code,GLU,mg/dL,LOINC,2345-7,mg/dL,x,0\n")),
              ::testing::HasSubstr("line 2: factor \"x\" and offset \"0\" must be numbers"));
  EXPECT_THAT(error("z.csv", absl::StrCat(kHeader, "lab,lab_result,test_code,GLU,mg/dL,LOINC,2345-7,mg/dL,0,0\n")),
              ::testing::HasSubstr("factor must be positive"));
  EXPECT_THAT(error("d.csv", absl::StrCat(kHeader, "a,b,c,X,u,L,1,u,1,0\n", "a,b,c,X,u,L,2,u,1,0\n")),
              ::testing::HasSubstr("line 3: code \"X\" in unit \"u\" is mapped twice in a.b.c"));
  CodeMaps maps;
  EXPECT_EQ(maps.LoadFile("/no/such/file.csv").code(), absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace tessera
