// File: engine/server/query_service.h
//
// tessera.v1.QueryService (proto/query_service.proto) over a federation:
// every call is authenticated first, then runs on an engine thread, never
// on gRPC's own threads, and ends with a status code that says what went
// wrong (see status_mapping.h).

#ifndef TESSERA_ENGINE_SERVER_QUERY_SERVICE_H_
#define TESSERA_ENGINE_SERVER_QUERY_SERVICE_H_

#include <functional>
#include <string>

#include "absl/status/status.h"
#include "engine/exec/query_context.h"
#include "engine/server/service_state.h"
#include "proto/query_service.grpc.pb.h"

namespace tessera::server {

class QueryServiceImpl final : public v1::QueryService::CallbackService {
 public:
  // `state` must outlive the service and every call it started.
  explicit QueryServiceImpl(ServiceState* state) : state_(state) {}

  grpc::ServerWriteReactor<v1::ExecuteQueryResponse>* ExecuteQuery(grpc::CallbackServerContext* context,
                                                                    const v1::ExecuteQueryRequest* request) override;
  grpc::ServerUnaryReactor* Explain(grpc::CallbackServerContext* context, const v1::ExplainRequest* request,
                                    v1::ExplainResponse* response) override;
  grpc::ServerUnaryReactor* ListTables(grpc::CallbackServerContext* context, const v1::TableListRequest* request,
                                       v1::TableList* response) override;
  grpc::ServerUnaryReactor* GetPatientRecord(grpc::CallbackServerContext* context,
                                            const v1::PatientRecordRequest* request,
                                            v1::PatientRecordResponse* response) override;
  grpc::ServerUnaryReactor* DescribeTable(grpc::CallbackServerContext* context,
                                          const v1::TableDetailsRequest* request,
                                          v1::TableDetails* response) override;

 private:
  // A unary call: authenticates, then runs `answer` on an engine thread with
  // a query context carrying the call's deadline and principal, and finishes
  // with its status (`sql`, when the call has one, places errors in it).
  grpc::ServerUnaryReactor* Unary(grpc::CallbackServerContext* context, std::string sql,
                                  std::function<absl::Status(QueryContext&)> answer);

  ServiceState* state_;
};

}  // namespace tessera::server

#endif  // TESSERA_ENGINE_SERVER_QUERY_SERVICE_H_
