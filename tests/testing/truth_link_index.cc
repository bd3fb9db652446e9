#include "tests/testing/truth_link_index.h"

#include <filesystem>
#include <fstream>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "connectors/odbc/odbc_connection.h"
#include "engine/common/status_macros.h"

namespace tessera::testing {

absl::Status WriteTruthLinkIndex(const std::string& data_dir, const std::string& sqlite_path) {
  std::string csv = absl::StrCat(data_dir, "/truth/person_records.csv");
  std::ifstream in(csv);
  if (!in.is_open()) return absl::NotFoundError(absl::StrCat("cannot read the ground truth: ", csv));
  std::error_code ignored;
  std::filesystem::remove(sqlite_path, ignored);
  ASSIGN_OR_RETURN(auto db, odbc::Connection::Open("identity", absl::StrCat("Driver=SQLite3;Database=", sqlite_path),
                                                   DialectKind::kSqlite, odbc::AccessMode::kReadWrite));
  RETURN_IF_ERROR(db->Execute(
      "CREATE TABLE link_record (enterprise_id BIGINT NOT NULL, source VARCHAR(64) NOT NULL, record_type "
      "VARCHAR(64) NOT NULL, record_id VARCHAR(128) NOT NULL, fingerprint BIGINT NOT NULL, "
      "PRIMARY KEY (source, record_type, record_id))"));
  RETURN_IF_ERROR(db->Execute("CREATE INDEX link_record_enterprise_idx ON link_record (enterprise_id)"));
  std::string line;
  std::getline(in, line);  // source,record_type,record_id,person_id,duplicate,noise
  RETURN_IF_ERROR(db->Begin());
  const Dialect& d = db->dialect();
  int line_number = 1;
  while (std::getline(in, line)) {
    ++line_number;
    std::vector<std::string> f = absl::StrSplit(line, ',');
    int64_t person_id = 0;
    if (f.size() < 4 || !absl::SimpleAtoi(f[3], &person_id)) {
      db->Commit().IgnoreError();
      return absl::InvalidArgumentError(absl::StrCat(csv, " line ", line_number, ": no person_id in \"", line, "\""));
    }
    RETURN_IF_ERROR(db->Execute(absl::StrCat("INSERT INTO link_record VALUES (", person_id, ", ",
                                             d.RenderLiteral(Value::Text(f[0])), ", ",
                                             d.RenderLiteral(Value::Text(f[1])), ", ",
                                             d.RenderLiteral(Value::Text(f[2])), ", 0)")));
  }
  return db->Commit();
}

}  // namespace tessera::testing
