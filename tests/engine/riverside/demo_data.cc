#include "tests/engine/riverside/demo_data.h"

#include <sstream>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "tests/engine/riverside/test_files.h"

namespace tessera::riverside::testing {

absl::Status Generate(const GenOptions& options) {
  std::ostringstream progress;
  return GenerateRiverside(options, progress);
}

const std::string& DemoData() {
  static const std::string* dir = [] {
    auto* d = new std::string(MakeTestDir("demo"));
    GenOptions options;
    options.people = 1000;
    options.data_dir = *d;
    absl::Status status = Generate(options);
    if (!status.ok()) ADD_FAILURE() << "generating the demo data: " << status;
    return d;
  }();
  return *dir;
}

std::vector<SqlRow> QuerySqlite(const std::string& dir, const std::string& source,
                                const std::string& sql) {
  absl::StatusOr<std::vector<SqlRow>> rows =
      QueryRows(SqliteConnection(absl::StrCat(dir, "/", source, ".db")), DialectKind::kSqlite, sql);
  EXPECT_TRUE(rows.ok()) << rows.status();
  return rows.ok() ? *rows : std::vector<SqlRow>{};
}

}  // namespace tessera::riverside::testing
