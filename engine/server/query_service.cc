#include "engine/server/query_service.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "engine/server/metadata_calls.h"
#include "engine/server/patient_call.h"
#include "engine/server/query_stream.h"
#include "engine/server/call_deadline.h"
#include "engine/server/status_mapping.h"

namespace tessera::server {
namespace {

// A stream that ends at once with `status`.
class FailedStream : public grpc::ServerWriteReactor<v1::ExecuteQueryResponse> {
 public:
  explicit FailedStream(const grpc::Status& status) { Finish(status); }
  void OnDone() override { delete this; }
};


}  // namespace

grpc::ServerWriteReactor<v1::ExecuteQueryResponse>* QueryServiceImpl::ExecuteQuery(
    grpc::CallbackServerContext* context, const v1::ExecuteQueryRequest* request) {
  absl::StatusOr<std::string> principal = state_->auth->Authenticate(*context);
  if (!principal.ok()) return new FailedStream(ToGrpcStatus(principal.status(), "", context));
  if (state_->running_queries.fetch_add(1) >= state_->max_concurrent_queries) {
    state_->running_queries.fetch_sub(1);
    return new FailedStream(grpc::Status(
        grpc::StatusCode::RESOURCE_EXHAUSTED,
        absl::StrCat("the server runs ", state_->max_concurrent_queries, " queries at once already; try again")));
  }
  return QueryStream::Start(state_, context, request->sql(), *std::move(principal));
}

grpc::ServerUnaryReactor* QueryServiceImpl::Unary(grpc::CallbackServerContext* context, std::string sql,
                                                  std::function<absl::Status(QueryContext&)> answer) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  absl::StatusOr<std::string> principal = state_->auth->Authenticate(*context);
  if (!principal.ok()) {
    reactor->Finish(ToGrpcStatus(principal.status(), "", context));
    return reactor;
  }
  state_->threads->Run([context, reactor, sql = std::move(sql), answer = std::move(answer),
                        who = *std::move(principal)] {
    QueryContext ctx(CallDeadline(*context));
    ctx.set_principal(who);
    reactor->Finish(ToGrpcStatus(answer(ctx), sql, context));
  });
  return reactor;
}

grpc::ServerUnaryReactor* QueryServiceImpl::Explain(grpc::CallbackServerContext* context,
                                                    const v1::ExplainRequest* request,
                                                    v1::ExplainResponse* response) {
  return Unary(context, request->sql(), [this, request, response](QueryContext& ctx) {
    return ExplainQuery(*state_->session, *request, ctx, response);
  });
}

grpc::ServerUnaryReactor* QueryServiceImpl::GetPatientRecord(grpc::CallbackServerContext* context,
                                                             const v1::PatientRecordRequest* request,
                                                             v1::PatientRecordResponse* response) {
  return Unary(context, "", [this, request, response](QueryContext& ctx) {
    return server::GetPatientRecord(*state_->session, *request, ctx, response);
  });
}

grpc::ServerUnaryReactor* QueryServiceImpl::ListTables(grpc::CallbackServerContext* context,
                                                       const v1::TableListRequest* request,
                                                       v1::TableList* response) {
  return Unary(context, "", [this, request, response](QueryContext&) {
    return server::ListTables(state_->session->catalog(), *request, response);
  });
}

grpc::ServerUnaryReactor* QueryServiceImpl::DescribeTable(grpc::CallbackServerContext* context,
                                                          const v1::TableDetailsRequest* request,
                                                          v1::TableDetails* response) {
  return Unary(context, "", [this, request, response](QueryContext&) {
    return server::DescribeTable(state_->session->catalog(), *request, response);
  });
}

}  // namespace tessera::server
