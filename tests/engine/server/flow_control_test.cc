// Flow control and clean-up with real clients: a client that stops reading
// makes the query wait (the server holds a few batches, never the result),
// and a client process killed mid-stream frees its query.

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "gtest/gtest.h"
#include "tests/engine/server/server_harness.h"

extern char** environ;

namespace tessera::testing {
namespace {

// About 780,000 rows from one SQLite source: far more than the server may
// hold for one client.
constexpr char kBigQuery[] =
    "SELECT p.procedure_id, q.patient_id, q.family_name FROM ehr.procedure p, ehr.patient q";

class FlowControlTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<RunningServer> started = StartServer(LoopbackSettings(RiversideSources()));
    ASSERT_TRUE(started.ok()) << started.status();
    server_ = std::make_unique<RunningServer>(*std::move(started));
  }
  std::unique_ptr<RunningServer> server_;
};

TEST_F(FlowControlTest, AStalledClientMakesTheQueryWaitWithBoundedMemory) {
  // gRPC clients grow their receive window with the measured bandwidth
  // (BDP probing), taking megabytes before they read; with that off the
  // window stays at HTTP/2's 64 KB, so what the query may produce ahead of
  // a client that reads nothing is small and fixed.
  grpc::ChannelArguments args;
  args.SetInt(GRPC_ARG_HTTP2_BDP_PROBE, 0);
  auto stub = v1::QueryService::NewStub(
      grpc::CreateCustomChannel(server_->address(), grpc::InsecureChannelCredentials(), args));
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(120));
  v1::ExecuteQueryRequest request;
  request.set_sql(kBigQuery);
  auto reader = stub->ExecuteQuery(&context, request);
  v1::ExecuteQueryResponse message;
  ASSERT_TRUE(reader->Read(&message));
  ASSERT_TRUE(message.has_schema());

  // The client reads nothing for a while: the query fills what the
  // client's window, the server's transport and the stream's queue take,
  // then stops producing.
  absl::SleepFor(absl::Milliseconds(1500));
  const int64_t produced_before = server_->server->produced_bytes();
  absl::SleepFor(absl::Milliseconds(1000));
  const int64_t produced_stalled = server_->server->produced_bytes();
  EXPECT_EQ(produced_stalled, produced_before) << "the query went on producing for a client that reads nothing";
  EXPECT_EQ(server_->server->running_queries(), 1);
  const int64_t held = server_->server->peak_buffered_bytes();

  int64_t rows = 0;
  int64_t bytes = 0;
  bool summary = false;
  while (reader->Read(&message)) {
    bytes += static_cast<int64_t>(message.ByteSizeLong());
    if (message.has_batch()) rows += message.batch().row_count();
    if (message.has_summary()) summary = true;
  }
  grpc::Status status = reader->Finish();
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_TRUE(summary);
  absl::StatusOr<StreamResult> local =
      ExecuteInProcess(RiversideSources(), "SELECT count(*) FROM ehr.procedure p, ehr.patient q");
  ASSERT_TRUE(local.ok()) << local.status();
  EXPECT_EQ(absl::StrCat(rows), local->rows.at(0).at(0));
  // The server held a few batches at most, a small part of the result.
  RecordProperty("peak_held_bytes", static_cast<int>(held));
  RecordProperty("produced_while_stalled_bytes", static_cast<int>(produced_stalled));
  // The window, the server's write buffer and the queue: well under 1 MB of
  // a result of several.
  EXPECT_LT(produced_stalled, int64_t{1} << 20) << "produced " << produced_stalled << " of " << bytes << " bytes unread";
  EXPECT_GT(bytes, int64_t{4} << 20);
  RecordProperty("result_bytes", static_cast<int>(bytes));
  RecordProperty("result_rows", static_cast<int>(rows));
  EXPECT_GT(held, 0);
  EXPECT_LT(held * 20, bytes) << "held " << held << " bytes of a " << bytes << "-byte result";
  EXPECT_TRUE(Eventually([&] { return server_->server->running_queries() == 0; }, absl::Seconds(10)));
  EXPECT_EQ(server_->server->buffered_bytes(), 0);
}

TEST_F(FlowControlTest, AClientThatIsKilledMidStreamFreesItsQuery) {
  // `tessera console --server` writes CSV into a pipe nobody reads: it
  // blocks, stops reading its stream, and the server's query waits.
  int out[2];
  ASSERT_EQ(pipe(out), 0);
  std::string input = absl::StrCat(TempDir(), "/big.sql");
  WriteFile(input, absl::StrCat(kBigQuery, ";\n"));
  posix_spawn_file_actions_t files;
  posix_spawn_file_actions_init(&files);
  posix_spawn_file_actions_addopen(&files, 0, input.c_str(), O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&files, out[1], 1);
  posix_spawn_file_actions_addclose(&files, out[0]);
  std::string program = TesseraPath();
  std::vector<std::string> args = {program, "console", "--server", server_->address(), "--format", "csv"};
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = -1;
  ASSERT_EQ(posix_spawn(&pid, program.c_str(), &files, nullptr, argv.data(), environ), 0);
  posix_spawn_file_actions_destroy(&files);
  close(out[1]);

  ASSERT_TRUE(Eventually([&] { return server_->server->running_queries() == 1; }, absl::Seconds(20)));
  // Stalled, not finished.
  absl::SleepFor(absl::Milliseconds(500));
  EXPECT_EQ(server_->server->running_queries(), 1);

  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  close(out[0]);
  EXPECT_TRUE(Eventually([&] { return server_->server->running_queries() == 0; }, absl::Seconds(10)))
      << "the query of a client that went away still runs";
  EXPECT_TRUE(Eventually([&] { return server_->server->buffered_bytes() == 0; }, absl::Seconds(10)));
  // And the server serves on.
  EXPECT_TRUE(Execute(*server_->stub, "SELECT 1").status.ok());
}

TEST_F(FlowControlTest, ACancelledCallFreesItsQuery) {
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(60));
  v1::ExecuteQueryRequest request;
  request.set_sql(kBigQuery);
  auto reader = server_->stub->ExecuteQuery(&context, request);
  v1::ExecuteQueryResponse message;
  ASSERT_TRUE(reader->Read(&message));
  ASSERT_TRUE(reader->Read(&message));
  EXPECT_TRUE(message.has_batch());
  context.TryCancel();
  EXPECT_EQ(reader->Finish().error_code(), grpc::StatusCode::CANCELLED);
  EXPECT_TRUE(Eventually([&] { return server_->server->running_queries() == 0; }, absl::Seconds(10)));
  EXPECT_TRUE(Eventually([&] { return server_->server->buffered_bytes() == 0; }, absl::Seconds(10)));
}

}  // namespace
}  // namespace tessera::testing
