// File: engine/server/metadata_calls.h
//
// The answers of the service's calls that describe rather than return rows:
// a query's plan, the tables of the sources, one table's columns. Plain
// functions over the Session and Catalog, so the service only adds
// authentication, threads and status mapping around them.

#ifndef TESSERA_ENGINE_SERVER_METADATA_CALLS_H_
#define TESSERA_ENGINE_SERVER_METADATA_CALLS_H_

#include "absl/status/status.h"
#include "engine/exec/query_context.h"
#include "engine/session/session.h"
#include "proto/query_service.pb.h"

namespace tessera::server {

// The plan of the one statement in request.sql (a SELECT or an EXPLAIN).
absl::Status ExplainQuery(Session& session, const v1::ExplainRequest& request, QueryContext& ctx,
                          v1::ExplainResponse* response);

// The tables of every source or of request.source, and without a source the
// views. A source that does not answer is named in the warnings; an unknown
// source is NOT_FOUND.
absl::Status ListTables(Catalog& catalog, const v1::TableListRequest& request, v1::TableList* response);

// One table; without a source, the table must be in exactly one source.
absl::Status DescribeTable(Catalog& catalog, const v1::TableDetailsRequest& request,
                           v1::TableDetails* response);

}  // namespace tessera::server

#endif  // TESSERA_ENGINE_SERVER_METADATA_CALLS_H_
