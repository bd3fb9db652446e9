// File: bench/latency/answer.cc

#include "bench/latency/answer.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <memory>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "engine/common/status_macros.h"
#include "engine/exec/query_context.h"

namespace tessera::bench::latency {
namespace {

// A cell in a form the three paths agree on: numbers to 6 significant
// digits, everything else as printed.
std::string Canonical(const std::string& cell) {
  double d = 0;
  if (!cell.empty() && cell != "NULL" && absl::SimpleAtod(cell, &d) && std::isfinite(d)) {
    return absl::StrFormat("%.6g", d);
  }
  return cell;
}

std::vector<std::vector<std::string>> CanonicalRows(const Answer& a, bool ordered) {
  std::vector<std::vector<std::string>> out;
  out.reserve(a.rows.size());
  for (const auto& row : a.rows) {
    std::vector<std::string> r;
    r.reserve(row.size());
    for (const std::string& cell : row) r.push_back(Canonical(cell));
    out.push_back(std::move(r));
  }
  if (!ordered) std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

void Answer::Begin(const Schema& schema) {
  columns.clear();
  rows.clear();
  for (int i = 0; i < schema.num_fields(); ++i) columns.push_back(schema.field(i).name);
}

void Answer::Append(const RowBatch& batch) {
  for (int64_t r = 0; r < batch.num_rows(); ++r) {
    std::vector<std::string> row;
    row.reserve(batch.num_columns());
    for (int c = 0; c < batch.num_columns(); ++c) {
      row.push_back(batch.column(c).IsNull(r) ? "NULL" : batch.column(c).FormatCell(r));
    }
    rows.push_back(std::move(row));
  }
}

absl::StatusOr<Answer> ScanAll(Connector& connector, const std::string& sql) {
  QueryContext ctx(absl::Now() + absl::Minutes(5));
  ScanRequest request;
  request.sql = sql;
  ASSIGN_OR_RETURN(std::unique_ptr<RowBatchStream> stream, connector.Scan(request, ctx));
  Answer answer;
  answer.Begin(*stream->schema());
  RowBatch batch(stream->schema());
  while (true) {
    ASSIGN_OR_RETURN(bool more, stream->Next(batch));
    if (!more) break;
    answer.Append(batch);
  }
  return answer;
}

absl::Status SameAnswer(const Answer& want, const Answer& got, bool ordered) {
  if (want.columns.size() != got.columns.size()) {
    return absl::FailedPreconditionError(absl::StrCat("columns differ: (", absl::StrJoin(want.columns, ", "),
                                                      ") vs (", absl::StrJoin(got.columns, ", "), ")"));
  }
  if (want.rows.size() != got.rows.size()) {
    return absl::FailedPreconditionError(
        absl::StrCat("row counts differ: ", want.rows.size(), " vs ", got.rows.size()));
  }
  auto a = CanonicalRows(want, ordered), b = CanonicalRows(got, ordered);
  for (size_t r = 0; r < a.size(); ++r) {
    if (a[r] != b[r]) {
      return absl::FailedPreconditionError(absl::StrCat("row ", r, " differs: [", absl::StrJoin(a[r], " | "),
                                                        "] vs [", absl::StrJoin(b[r], " | "), "]"));
    }
  }
  return absl::OkStatus();
}

}  // namespace tessera::bench::latency
