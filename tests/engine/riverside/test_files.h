// File: tests/engine/riverside/test_files.h
//
// Small readers for the generator's text outputs in tests: whole files, CSV
// with a header line, and fields of the flat JSON objects in the device files.

#ifndef TESSERA_TESTS_ENGINE_RIVERSIDE_TEST_FILES_H_
#define TESSERA_TESTS_ENGINE_RIVERSIDE_TEST_FILES_H_

#include <map>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace tessera::riverside::testing {

// The file's bytes; empty if it cannot be read.
std::string ReadFileOrEmpty(const std::string& path);

// Every regular file under `root`, as paths relative to it, sorted.
std::vector<std::string> ListFiles(const std::string& root);

// A CSV file as one map per data line, keyed by the header's column names.
std::vector<std::map<std::string, std::string>> ReadCsv(const std::string& path);

// The lines of a file, without their terminators.
std::vector<std::string> ReadLines(const std::string& path);

// The value of `key` in a flat JSON object line: a string's contents
// (unescaped), a number's text, or "null".
std::string JsonField(absl::string_view line, absl::string_view key);

// A fresh empty directory under TEST_TMPDIR.
std::string MakeTestDir(absl::string_view name);

}  // namespace tessera::riverside::testing

#endif  // TESSERA_TESTS_ENGINE_RIVERSIDE_TEST_FILES_H_
