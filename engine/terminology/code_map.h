// File: engine/terminology/code_map.h
//
// Code maps: how one source's local codes (a lab's "A1C", a pharmacy's NDC)
// and units translate into the standard vocabulary (LOINC, ICD-10-CM,
// RxNorm, UCUM). They are data, kept in CSV files a deployment maintains,
// one row per local code and unit:
//
//   source,table,code_column,code,unit,standard_system,standard_code,standard_unit,factor,offset
//   lab,lab_result,test_code,GLUC,mmol/L,LOINC,2345-7,mg/dL,18.016,0
//
// A value in `unit` becomes value * factor + offset in `standard_unit`. The
// rows of one (source, table, code_column) form one map, named
// "source.table.code_column", which views use through map_code(),
// map_unit() and map_value().

#ifndef TESSERA_ENGINE_TERMINOLOGY_CODE_MAP_H_
#define TESSERA_ENGINE_TERMINOLOGY_CODE_MAP_H_

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace tessera {

struct CodeMapEntry {
  std::string code;
  std::string unit;  // Empty for codes without values (diagnoses, drugs).
  std::string standard_system;
  std::string standard_code;
  std::string standard_unit;
  double factor = 1;
  double offset = 0;
};

// One map: the entries of one source column, in file order.
struct CodeMap {
  std::string name;  // "source.table.code_column".
  std::vector<CodeMapEntry> entries;
};

// Every map of a deployment, by name.
class CodeMaps {
 public:
  // Reads one CSV file; errors name the file and line.
  absl::Status LoadFile(const std::string& path);

  // The named map, or nullptr.
  const CodeMap* Find(absl::string_view name) const;
  std::vector<std::string> names() const;

 private:
  std::map<std::string, CodeMap, std::less<>> maps_;
};

}  // namespace tessera

#endif  // TESSERA_ENGINE_TERMINOLOGY_CODE_MAP_H_
