// Standard gRPC citizenship of the real server: the health checking service
// answers SERVING, and server reflection lists and describes
// tessera.v1.QueryService, so generic tools work without Tessera's protos.

#include <chrono>

#include "gmock/gmock.h"
#include "google/protobuf/descriptor.pb.h"
#include "grpcpp/impl/codegen/client_unary_call.h"
#include "grpcpp/impl/codegen/rpc_method.h"
#include "grpcpp/impl/codegen/sync_stream.h"
#include "gtest/gtest.h"
#include "tests/engine/server/grpc_standard.pb.h"
#include "tests/engine/server/server_harness.h"

namespace tessera::testing {
namespace {

namespace std_grpc = tessera::testing::grpcstd;

std_grpc::HealthCheckResponse::ServingStatus Health(const std::shared_ptr<grpc::Channel>& channel,
                                                    const std::string& service, grpc::Status* status) {
  grpc::internal::RpcMethod method("/grpc.health.v1.Health/Check", grpc::internal::RpcMethod::NORMAL_RPC, channel);
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  std_grpc::HealthCheckRequest request;
  request.set_service(service);
  std_grpc::HealthCheckResponse response;
  *status = grpc::internal::BlockingUnaryCall(channel.get(), method, &context, request, &response);
  return response.status();
}

// One request on the reflection stream, its one response.
std_grpc::ServerReflectionResponse Reflect(const std::shared_ptr<grpc::Channel>& channel,
                                           const std_grpc::ServerReflectionRequest& request) {
  grpc::internal::RpcMethod method("/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo",
                                   grpc::internal::RpcMethod::BIDI_STREAMING, channel);
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  std::unique_ptr<grpc::ClientReaderWriter<std_grpc::ServerReflectionRequest, std_grpc::ServerReflectionResponse>>
      stream(grpc::internal::ClientReaderWriterFactory<std_grpc::ServerReflectionRequest,
                                                       std_grpc::ServerReflectionResponse>::Create(channel.get(),
                                                                                                   method, &context));
  std_grpc::ServerReflectionResponse response;
  EXPECT_TRUE(stream->Write(request));
  EXPECT_TRUE(stream->WritesDone());
  EXPECT_TRUE(stream->Read(&response));
  grpc::Status status = stream->Finish();
  EXPECT_TRUE(status.ok()) << status.error_message();
  return response;
}

class GrpcServicesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<RunningServer> started = StartServer(LoopbackSettings(RiversideSources()));
    ASSERT_TRUE(started.ok()) << started.status();
    server_ = std::make_unique<RunningServer>(*std::move(started));
  }
  std::unique_ptr<RunningServer> server_;
};

TEST_F(GrpcServicesTest, HealthCheckAnswersServing) {
  grpc::Status status;
  EXPECT_EQ(Health(server_->channel, "", &status), std_grpc::HealthCheckResponse::SERVING);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(Health(server_->channel, "tessera.v1.QueryService", &status), std_grpc::HealthCheckResponse::SERVING);
  ASSERT_TRUE(status.ok()) << status.error_message();
  Health(server_->channel, "no.such.Service", &status);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
}

TEST_F(GrpcServicesTest, ReflectionListsAndDescribesTheQueryService) {
  std_grpc::ServerReflectionRequest list;
  list.set_list_services("*");
  std_grpc::ServerReflectionResponse listed = Reflect(server_->channel, list);
  std::vector<std::string> services;
  for (const auto& s : listed.list_services_response().service()) services.push_back(s.name());
  EXPECT_THAT(services, ::testing::Contains("tessera.v1.QueryService"));
  EXPECT_THAT(services, ::testing::Contains("grpc.health.v1.Health"));

  std_grpc::ServerReflectionRequest symbol;
  symbol.set_file_containing_symbol("tessera.v1.QueryService");
  std_grpc::ServerReflectionResponse described = Reflect(server_->channel, symbol);
  ASSERT_GT(described.file_descriptor_response().file_descriptor_proto_size(), 0);
  google::protobuf::FileDescriptorProto file;
  ASSERT_TRUE(file.ParseFromString(described.file_descriptor_response().file_descriptor_proto(0)));
  EXPECT_EQ(file.package(), "tessera.v1");
  ASSERT_EQ(file.service_size(), 1);
  std::vector<std::string> methods;
  for (const auto& m : file.service(0).method()) methods.push_back(m.name());
  EXPECT_EQ(methods, (std::vector<std::string>{"ExecuteQuery", "Explain", "ListTables", "GetPatientRecord", "DescribeTable"}));
}

TEST_F(GrpcServicesTest, ShutdownStopsServing) {
  std::shared_ptr<grpc::Channel> channel = server_->channel;
  server_->server->Shutdown(absl::Seconds(1));
  grpc::Status status;
  Health(channel, "", &status);
  EXPECT_FALSE(status.ok());
}

}  // namespace
}  // namespace tessera::testing
