// The query service end to end: a real server on 127.0.0.1, real gRPC
// stubs, a generated Riverside in SQLite files. Results are compared with
// the same query run in this process; every status code is produced by a
// real cause.

#include <algorithm>
#include <chrono>
#include <string>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/engine/server/server_harness.h"

namespace tessera::testing {
namespace {

using ::testing::HasSubstr;

class QueryServiceTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    absl::StatusOr<RunningServer> started = StartServer(LoopbackSettings(RiversideSources()));
    ASSERT_TRUE(started.ok()) << started.status();
    server_ = new RunningServer(*std::move(started));
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }

  static v1::QueryService::Stub& stub() { return *server_->stub; }

  static RunningServer* server_;
};

RunningServer* QueryServiceTest::server_ = nullptr;

TEST_F(QueryServiceTest, ResultsEqualTheSameQueryInProcess) {
  for (const std::string sql : {
           "SELECT patient_id, family_name, birth_date FROM ehr.patient ORDER BY patient_id",
           "SELECT p.patient_id, count(*) AS n FROM ehr.patient p JOIN ehr.encounter e "
           "ON e.patient_id = p.patient_id GROUP BY p.patient_id ORDER BY p.patient_id",
           "SELECT l.lab_patient_id, p.family_name, p.birth_date FROM lab.patient l JOIN ehr.patient p "
           "ON l.ehr_mrn = p.mrn ORDER BY 1",
           "SELECT 1.5 AS d, NULL AS n, 'x' AS t, DATE '2020-02-29' AS day",
       }) {
    SCOPED_TRACE(sql);
    StreamResult remote = Execute(stub(), sql);
    ASSERT_TRUE(remote.status.ok()) << remote.status.error_message();
    absl::StatusOr<StreamResult> local = ExecuteInProcess(RiversideSources(), sql);
    ASSERT_TRUE(local.ok()) << local.status();
    EXPECT_EQ(remote.columns, local->columns);
    EXPECT_EQ(remote.rows, local->rows);
    EXPECT_EQ(remote.summary.row_count(), static_cast<int64_t>(local->rows.size()));
    EXPECT_FALSE(remote.rows.empty());
  }
}

TEST_F(QueryServiceTest, SchemaFirstThenBatchesThenSummary) {
  StreamResult r = Execute(stub(), "SELECT * FROM ehr.procedure ORDER BY procedure_id");
  ASSERT_TRUE(r.status.ok()) << r.status.error_message();
  // Thousands of rows come as several batches.
  EXPECT_THAT(r.order, ::testing::MatchesRegex("SB{2,}M"));
  EXPECT_EQ(r.summary.row_count(), static_cast<int64_t>(r.rows.size()));
  EXPECT_GT(r.summary.elapsed_ms(), 0);
  ASSERT_EQ(r.summary.sources_size(), 1);
  EXPECT_EQ(r.summary.sources(0).source(), "ehr");
  EXPECT_EQ(r.summary.sources(0).rows_fetched(), r.summary.row_count());
  EXPECT_GT(r.summary.sources(0).scan_ms(), 0);
}

TEST_F(QueryServiceTest, EmptyResultHasSchemaAndSummary) {
  StreamResult r = Execute(stub(), "SELECT patient_id FROM ehr.patient WHERE patient_id < 0");
  ASSERT_TRUE(r.status.ok()) << r.status.error_message();
  EXPECT_EQ(r.order, "SM");
  EXPECT_EQ(r.columns, std::vector<std::string>{"patient_id"});
  EXPECT_EQ(r.summary.row_count(), 0);
}

TEST_F(QueryServiceTest, SummaryTimesEverySource) {
  StreamResult r = Execute(stub(),
                           "SELECT count(*) FROM ehr.patient p JOIN pharmacy.customer c "
                           "ON c.last_name = p.family_name");
  ASSERT_TRUE(r.status.ok()) << r.status.error_message();
  std::vector<std::string> sources;
  for (const v1::SourceTiming& t : r.summary.sources()) sources.push_back(t.source());
  std::sort(sources.begin(), sources.end());
  EXPECT_EQ(sources, (std::vector<std::string>{"ehr", "pharmacy"}));
}

TEST_F(QueryServiceTest, BadSqlIsInvalidArgumentWithThePosition) {
  StreamResult r = Execute(stub(), "SELECT nope FROM ehr.patient");
  EXPECT_EQ(r.status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(r.status.error_message(), HasSubstr("column \"nope\" does not exist at position 8"));
  EXPECT_EQ(r.trailing.count("tessera-error-offset"), 1u);
  EXPECT_EQ(r.trailing.find("tessera-error-offset")->second, "7");
  EXPECT_EQ(r.trailing.find("tessera-error-character")->second, "7");
  EXPECT_EQ(r.order, "");
}

TEST_F(QueryServiceTest, PositionCountsBytesAndCharactersApart) {
  // "é" is two bytes in UTF-8: the error after it is one byte further in
  // than in characters.
  StreamResult r = Execute(stub(), "SELECT 'é' AS e, nope FROM ehr.patient");
  EXPECT_EQ(r.status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(r.trailing.find("tessera-error-offset")->second, "18");
  EXPECT_EQ(r.trailing.find("tessera-error-character")->second, "17");
}

TEST_F(QueryServiceTest, SyntaxErrorPosition) {
  StreamResult r = Execute(stub(), "SELECT *\nFORM ehr.patient");
  EXPECT_EQ(r.status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(r.status.error_message(), HasSubstr("syntax error"));
  EXPECT_EQ(r.trailing.find("tessera-error-offset")->second, "9");
}

TEST_F(QueryServiceTest, MoreThanOneStatementIsRefused) {
  StreamResult r = Execute(stub(), "SELECT 1; SELECT 2");
  EXPECT_EQ(r.status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(r.status.error_message(), HasSubstr("exactly one statement"));
}

TEST_F(QueryServiceTest, UnknownTableIsInvalidArgument) {
  StreamResult r = Execute(stub(), "SELECT * FROM ehr.nosuch");
  EXPECT_EQ(r.status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << r.status.error_message();
}

TEST_F(QueryServiceTest, DeadlineIsHonouredAndTheQueryStops) {
  // Billions of rows inside SQLite: only the deadline ends it.
  absl::Time start = absl::Now();
  StreamResult r = Execute(stub(),
                           "SELECT count(*) FROM ehr.procedure a, ehr.procedure b, ehr.procedure c",
                           [](grpc::ClientContext& c) {
                             c.set_deadline(std::chrono::system_clock::now() + std::chrono::milliseconds(500));
                           });
  EXPECT_EQ(r.status.error_code(), grpc::StatusCode::DEADLINE_EXCEEDED) << r.status.error_message();
  EXPECT_LT(absl::Now() - start, absl::Seconds(10));
  // The query is stopped inside SQLite, not left running.
  EXPECT_TRUE(Eventually([] { return server_->server->running_queries() == 0; }, absl::Seconds(10)))
      << server_->server->running_queries() << " queries still running";
}

TEST_F(QueryServiceTest, MemoryLimitIsResourceExhausted) {
  server::ServerSettings settings = LoopbackSettings(RiversideSources());
  settings.query_memory_limit_bytes = 4096;
  absl::StatusOr<RunningServer> small = StartServer(settings);
  ASSERT_TRUE(small.ok()) << small.status();
  const std::string sql =
      "SELECT p.family_name, c.first_name FROM ehr.patient p JOIN pharmacy.customer c "
      "ON c.last_name = p.family_name";
  StreamResult r = Execute(*small->stub, sql);
  EXPECT_EQ(r.status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED) << r.status.error_message();
  // The main server, with the default limit, runs the same query.
  EXPECT_TRUE(Execute(stub(), sql).status.ok());
}

TEST_F(QueryServiceTest, ASourceThatIsDownIsUnavailable) {
  config::TesseraConfig sources = RiversideSources();
  config::Source* down = sources.add_source();
  down->set_name("billing");
  down->mutable_odbc()->set_connection_string(absl::StrCat(
      "Driver=PostgreSQL Unicode;Server=127.0.0.1;Port=", ClosedPort(), ";Database=x;Uid=u;Pwd=p"));
  down->mutable_odbc()->set_dialect(config::POSTGRESQL);
  absl::StatusOr<RunningServer> started = StartServer(LoopbackSettings(sources));
  ASSERT_TRUE(started.ok()) << started.status();
  StreamResult r = Execute(*started->stub, "SELECT * FROM billing.invoice");
  EXPECT_EQ(r.status.error_code(), grpc::StatusCode::UNAVAILABLE) << r.status.error_message();
  // The other sources still answer.
  EXPECT_TRUE(Execute(*started->stub, "SELECT count(*) FROM ehr.patient").status.ok());
  // Listing tables names the source that is down and lists the others.
  grpc::ClientContext context;
  v1::TableList tables;
  ASSERT_TRUE(started->stub->ListTables(&context, v1::TableListRequest(), &tables).ok());
  // (Riverside's device hub, not running here, is named too.)
  EXPECT_THAT(std::vector<std::string>(tables.warnings().begin(), tables.warnings().end()),
              ::testing::Contains(HasSubstr("source \"billing\" did not answer")));
  EXPECT_GT(tables.tables_size(), 5);
}

TEST_F(QueryServiceTest, TooManyQueriesAtOnceIsResourceExhausted) {
  server::ServerSettings settings = LoopbackSettings(RiversideSources());
  settings.max_concurrent_queries = 1;
  absl::StatusOr<RunningServer> one = StartServer(settings);
  ASSERT_TRUE(one.ok()) << one.status();
  // The first query holds the only slot until cancelled.
  grpc::ClientContext slow;
  v1::ExecuteQueryRequest request;
  request.set_sql("SELECT count(*) FROM ehr.procedure a, ehr.procedure b, ehr.procedure c");
  slow.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
  auto reader = one->stub->ExecuteQuery(&slow, request);
  ASSERT_TRUE(Eventually([&] { return one->server->running_queries() == 1; }, absl::Seconds(10)));
  StreamResult second = Execute(*one->stub, "SELECT 1");
  EXPECT_EQ(second.status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED) << second.status.error_message();
  slow.TryCancel();
  EXPECT_EQ(reader->Finish().error_code(), grpc::StatusCode::CANCELLED);
  ASSERT_TRUE(Eventually([&] { return one->server->running_queries() == 0; }, absl::Seconds(10)));
  EXPECT_TRUE(Execute(*one->stub, "SELECT 1").status.ok());
}

TEST_F(QueryServiceTest, ExplainShowsTheSqlSentToTheSource) {
  grpc::ClientContext context;
  v1::ExplainRequest request;
  request.set_sql("SELECT family_name FROM ehr.patient WHERE patient_id = 7");
  v1::ExplainResponse response;
  grpc::Status status = stub().Explain(&context, request, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  std::string plan = absl::StrJoin(response.lines(), "\n");
  EXPECT_THAT(plan, HasSubstr("RemoteScan ehr"));
  EXPECT_THAT(plan, HasSubstr("sql: SELECT"));
  EXPECT_THAT(plan, ::testing::Not(HasSubstr("fetched")));

  grpc::ClientContext analyzed;
  request.set_analyze(true);
  response.Clear();
  ASSERT_TRUE(stub().Explain(&analyzed, request, &response).ok());
  EXPECT_THAT(absl::StrJoin(response.lines(), "\n"), HasSubstr("fetched 1 rows from ehr"));
}

TEST_F(QueryServiceTest, ExplainOfBadSqlHasThePosition) {
  grpc::ClientContext context;
  v1::ExplainRequest request;
  request.set_sql("SELECT nope FROM ehr.patient");
  v1::ExplainResponse response;
  grpc::Status status = stub().Explain(&context, request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  auto it = context.GetServerTrailingMetadata().find("tessera-error-offset");
  ASSERT_NE(it, context.GetServerTrailingMetadata().end());
  EXPECT_EQ(std::string(it->second.data(), it->second.size()), "7");
}

TEST_F(QueryServiceTest, ListTablesAndDescribeTable) {
  grpc::ClientContext list_context;
  v1::TableListRequest list;
  list.set_source("pharmacy");
  v1::TableList tables;
  ASSERT_TRUE(stub().ListTables(&list_context, list, &tables).ok());
  std::vector<std::string> names;
  for (const v1::TableSummary& t : tables.tables()) {
    EXPECT_EQ(t.source(), "pharmacy");
    names.push_back(t.name());
  }
  EXPECT_EQ(names, (std::vector<std::string>{"customer", "dispensing"}));

  grpc::ClientContext describe_context;
  v1::TableDetailsRequest describe;
  describe.set_table("customer");  // Only pharmacy has it.
  v1::TableDetails table;
  grpc::Status status = stub().DescribeTable(&describe_context, describe, &table);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(table.source(), "pharmacy");
  ASSERT_GT(table.columns_size(), 3);
  EXPECT_EQ(table.columns(0).name(), "customer_id");
  EXPECT_EQ(table.columns(0).type().kind(), v1::INT64);
  EXPECT_EQ(std::vector<std::string>(table.primary_key().begin(), table.primary_key().end()),
            std::vector<std::string>{"customer_id"});
  // The column count listed matches the description.
  EXPECT_EQ(tables.tables(0).column_count(), table.columns_size());
}

TEST_F(QueryServiceTest, ListTablesNamesTheConfiguredViews) {
  config::TesseraConfig sources = RiversideSources();
  config::View* view = sources.add_view();
  view->set_name("women");
  view->set_sql("SELECT patient_id FROM ehr.patient WHERE sex = 'F'");
  absl::StatusOr<RunningServer> started = StartServer(LoopbackSettings(sources));
  ASSERT_TRUE(started.ok()) << started.status();
  grpc::ClientContext context;
  v1::TableList list;
  ASSERT_TRUE(started->stub->ListTables(&context, v1::TableListRequest(), &list).ok());
  std::vector<std::string> views;
  for (const v1::ViewSummary& v : list.views()) views.push_back(v.name());
  EXPECT_THAT(views, ::testing::Contains("women"));
  for (const v1::ViewSummary& v : list.views()) {
    if (v.name() == "women") EXPECT_EQ(v.sql(), view->sql());
  }
  // And the view answers like the query it stands for.
  StreamResult through_view = Execute(*started->stub, "SELECT count(*) FROM women");
  ASSERT_TRUE(through_view.status.ok()) << through_view.status.error_message();
  EXPECT_EQ(through_view.rows, Execute(stub(), "SELECT count(*) FROM ehr.patient WHERE sex = 'F'").rows);
}

TEST_F(QueryServiceTest, DescribeTableErrors) {
  grpc::ClientContext missing_context;
  v1::TableDetailsRequest missing;
  missing.set_source("ehr");
  missing.set_table("nosuch");
  v1::TableDetails response;
  EXPECT_EQ(stub().DescribeTable(&missing_context, missing, &response).error_code(),
            grpc::StatusCode::NOT_FOUND);
  grpc::ClientContext ambiguous_context;
  v1::TableDetailsRequest ambiguous;
  ambiguous.set_table("patient");  // ehr.patient and lab.patient.
  grpc::Status status = stub().DescribeTable(&ambiguous_context, ambiguous, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("ehr.patient, lab.patient"));
  grpc::ClientContext source_context;
  v1::TableListRequest unknown;
  unknown.set_source("nosuch");
  v1::TableList tables;
  EXPECT_EQ(stub().ListTables(&source_context, unknown, &tables).error_code(), grpc::StatusCode::NOT_FOUND);
}

}  // namespace
}  // namespace tessera::testing
