// Cancellation reaches the sources: a sub-query pushed whole into
// PostgreSQL or MariaDB that would run for hours is watched in the
// source's own list of running statements (pg_stat_activity, the MariaDB
// processlist) while the client cancels its call or runs out of time; the
// statement must disappear there. Needs the test servers (TESSERA_PG_CONN,
// TESSERA_MARIADB_CONN); skipped without them unless
// TESSERA_REQUIRE_SERVERS=1.

#include <unistd.h>

#include <chrono>
#include <string>

#include "absl/strings/str_cat.h"
#include "connectors/odbc/odbc_api.h"
#include "connectors/odbc/odbc_connection.h"
#include "connectors/odbc/odbc_statement.h"
#include "gtest/gtest.h"
#include "tests/engine/server/server_harness.h"
#include "tests/testing/backends.h"

namespace tessera::testing {
namespace {

// A number no other statement on the shared servers contains, so the
// watch sees only this test's sub-queries.
int64_t Marker() { return 770000000 + getpid(); }

// Counts, in the source's own view, the running statements holding Marker().
class SourceWatch {
 public:
  static absl::StatusOr<SourceWatch> Open(const Backend& backend) {
    SourceWatch watch;
    watch.dialect_ = backend.dialect;
    absl::StatusOr<std::unique_ptr<odbc::Connection>> conn =
        odbc::Connection::Open("watch", backend.connection_string, backend.dialect, odbc::AccessMode::kReadOnly);
    if (!conn.ok()) return conn.status();
    watch.conn_ = *std::move(conn);
    return watch;
  }

  // -1 when the source cannot be asked.
  int64_t Running() {
    std::string marker = absl::StrCat("%", Marker(), "%");
    std::string sql =
        dialect_ == DialectKind::kPostgres
            ? absl::StrCat("SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND query LIKE '", marker,
                           "' AND pid <> pg_backend_pid()")
            : absl::StrCat("SELECT count(*) FROM information_schema.processlist WHERE command IN ('Query', 'Execute') "
                           "AND info LIKE '",
                           marker, "' AND id <> connection_id()");
    absl::StatusOr<odbc::Statement> stmt = odbc::Statement::Allocate(*conn_);
    if (!stmt.ok()) return -1;
    SQLRETURN rc = SQLExecDirect(stmt->handle(), reinterpret_cast<SQLCHAR*>(sql.data()), SQL_NTS);
    if (!SQL_SUCCEEDED(rc) || !SQL_SUCCEEDED(SQLFetch(stmt->handle()))) return -1;
    SQLBIGINT count = -1;
    SQLLEN ind = 0;
    if (!SQL_SUCCEEDED(SQLGetData(stmt->handle(), 1, SQL_C_SBIGINT, &count, sizeof(count), &ind))) return -1;
    return count;
  }

 private:
  DialectKind dialect_ = DialectKind::kPostgres;
  std::unique_ptr<odbc::Connection> conn_;
};

class SourceCancellationTest : public ::testing::TestWithParam<const char*> {
 protected:
  void SetUp() override {
    absl::StatusOr<Backend> backend = FindBackend(GetParam());
    if (!backend.ok()) {
      if (ServersRequired()) FAIL() << backend.status();
      GTEST_SKIP() << "skipped: " << backend.status().message();
    }
    absl::StatusOr<config::TesseraConfig> sources = ServerSources();
    ASSERT_TRUE(sources.ok()) << sources.status();
    absl::StatusOr<RunningServer> started = StartServer(LoopbackSettings(*sources));
    ASSERT_TRUE(started.ok()) << started.status();
    server_ = std::make_unique<RunningServer>(*std::move(started));
    absl::StatusOr<SourceWatch> watch = SourceWatch::Open(*backend);
    ASSERT_TRUE(watch.ok()) << watch.status();
    watch_ = std::make_unique<SourceWatch>(*std::move(watch));
  }

  // Hours of work inside one source: a self cross join, counted, pushed
  // whole into the source (ehr is PostgreSQL, lab MariaDB).
  std::string SlowSql() const {
    if (std::string(GetParam()) == "postgresql") {
      return absl::StrCat("SELECT count(*) FROM ehr.procedure a, ehr.procedure b, ehr.procedure c ",
                          "WHERE a.procedure_id <> -", Marker());
    }
    return absl::StrCat("SELECT count(*) FROM lab.lab_result a, lab.lab_result b, lab.lab_result c ",
                        "WHERE a.result_id <> -", Marker());
  }

  // Starts the slow query and waits until the source runs it.
  void StartAndWatch(grpc::ClientContext& context,
                     std::unique_ptr<grpc::ClientReader<v1::ExecuteQueryResponse>>& reader) {
    v1::ExecuteQueryRequest request;
    request.set_sql(SlowSql());
    reader = server_->stub->ExecuteQuery(&context, request);
    ASSERT_TRUE(Eventually([&] { return watch_->Running() == 1; }, absl::Seconds(20)))
        << "the source never showed the sub-query running";
  }

  void ExpectStopped() {
    EXPECT_TRUE(Eventually([&] { return watch_->Running() == 0; }, absl::Seconds(15)))
        << "the sub-query still runs in " << GetParam();
    EXPECT_TRUE(Eventually([&] { return server_->server->running_queries() == 0; }, absl::Seconds(15)));
  }

  std::unique_ptr<RunningServer> server_;
  std::unique_ptr<SourceWatch> watch_;
};

TEST_P(SourceCancellationTest, CancellingTheCallStopsTheSubQuery) {
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(120));
  std::unique_ptr<grpc::ClientReader<v1::ExecuteQueryResponse>> reader;
  StartAndWatch(context, reader);
  if (HasFatalFailure()) return;
  context.TryCancel();
  EXPECT_EQ(reader->Finish().error_code(), grpc::StatusCode::CANCELLED);
  ExpectStopped();
}

TEST_P(SourceCancellationTest, TheClientsDeadlineStopsTheSubQuery) {
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(6));
  std::unique_ptr<grpc::ClientReader<v1::ExecuteQueryResponse>> reader;
  StartAndWatch(context, reader);
  if (HasFatalFailure()) return;
  v1::ExecuteQueryResponse message;
  while (reader->Read(&message)) {
  }
  EXPECT_EQ(reader->Finish().error_code(), grpc::StatusCode::DEADLINE_EXCEEDED);
  ExpectStopped();
}

INSTANTIATE_TEST_SUITE_P(Sources, SourceCancellationTest, ::testing::Values("postgresql", "mariadb"),
                         [](const ::testing::TestParamInfo<const char*>& info) { return std::string(info.param); });

}  // namespace
}  // namespace tessera::testing
