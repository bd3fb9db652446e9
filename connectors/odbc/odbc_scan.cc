#include "connectors/odbc/odbc_scan.h"

#include <algorithm>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "connectors/odbc/odbc_error.h"
#include "engine/common/status_macros.h"
#include "engine/exec/query_context.h"
#include "engine/types/datetime.h"
#include "engine/types/decimal.h"

namespace tessera::odbc {

OdbcScan::OdbcScan(ConnectionPool::Lease lease, Statement stmt, const ScanRequest& request,
                   const ScanOptions& options)
    : lease_(std::move(lease)), stmt_(std::move(stmt)), request_(request), options_(options) {}

OdbcScan::~OdbcScan() {
  cancel_registration_.reset();
  if (!done_) {
    // Abandoned mid-result: stop the statement at the source rather than
    // letting the driver drain it, and do not reuse a connection whose
    // protocol state is uncertain.
    CancelStatement();
    lease_->MarkBroken();
  }
  // The memory the driver wrote into stays resident while the connection
  // idles; past a bound, it goes now (the statement is unbound first).
  if (static_cast<int64_t>(most_rows_in_a_block_) * row_width_ > kMaxKeptBindBytes) {
    SQLFreeStmt(stmt_.handle(), SQL_UNBIND);
    lease_->ReleaseBindBuffer();
  }
}

absl::StatusOr<std::unique_ptr<OdbcScan>> OdbcScan::Start(ConnectionPool::Lease lease,
                                                          const ScanRequest& request,
                                                          const ScanOptions& options,
                                                          QueryContext& ctx) {
  ASSIGN_OR_RETURN(Statement stmt, Statement::Allocate(*lease));
  std::unique_ptr<OdbcScan> scan(new OdbcScan(std::move(lease), std::move(stmt), request, options));
  OdbcScan* raw = scan.get();
  scan->cancel_registration_ = ctx.OnCancel([raw] { raw->Cancel(); });
  scan->paging_ = !request.paging_key.empty() && options.page_rows > 0;
  scan->cancel_closes_cursor_ = scan->lease_->dialect().kind() == DialectKind::kSqlite;
  if (scan->cancelled_.load()) return scan->Fail(absl::CancelledError("cancelled"));
  absl::Status status = scan->Execute(scan->paging_ ? scan->PageSql(std::nullopt) : request.sql);
  if (status.ok()) status = scan->DescribeAndBind();
  if (!status.ok()) return scan->Fail(status);
  return scan;
}

std::string OdbcScan::PageSql(const std::optional<Value>& last_key) const {
  const Dialect& d = lease_->dialect();
  std::string key = absl::StrCat("tessera_page.", d.QuoteIdentifier(request_.paging_key));
  std::string sql = absl::StrCat("SELECT * FROM (", request_.sql, ") AS tessera_page");
  if (last_key.has_value()) absl::StrAppend(&sql, " WHERE ", key, " > ", d.RenderLiteral(*last_key));
  absl::StrAppend(&sql, " ORDER BY ", key, d.LimitClause(options_.page_rows, 0));
  return sql;
}

absl::Status OdbcScan::Execute(const std::string& sql) {
  SQLRETURN rc = SQLExecDirect(stmt_.handle(), reinterpret_cast<SQLCHAR*>(const_cast<char*>(sql.data())),
                               static_cast<SQLINTEGER>(sql.size()));
  absl::Status status = CheckOdbc(rc, SQL_HANDLE_STMT, stmt_.handle(), lease_->source_name(), "query");
  // SQLite answers every failure with the general SQLSTATE HY000. With no
  // server to lose, a statement that fails to run is the statement's fault.
  if (status.code() == absl::StatusCode::kUnknown && lease_->dialect().kind() == DialectKind::kSqlite) {
    return absl::InvalidArgumentError(status.message());
  }
  return status;
}

absl::Status OdbcScan::DescribeAndBind() {
  SQLSMALLINT count = 0;
  RETURN_IF_ERROR(CheckOdbc(SQLNumResultCols(stmt_.handle(), &count), SQL_HANDLE_STMT,
                            stmt_.handle(), lease_->source_name(), "SQLNumResultCols"));
  if (count == 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("source \"", lease_->source_name(), "\": the statement returned no result set"));
  }
  std::vector<Field> fields;
  SQLLEN row_width = 0;
  for (SQLUSMALLINT i = 1; i <= count; ++i) {
    SQLCHAR name[256] = {0};
    SQLSMALLINT name_len = 0, sql_type = 0, digits = 0, nullable = 0;
    SQLULEN size = 0;
    RETURN_IF_ERROR(CheckOdbc(SQLDescribeCol(stmt_.handle(), i, name, sizeof(name), &name_len,
                                             &sql_type, &size, &digits, &nullable),
                              SQL_HANDLE_STMT, stmt_.handle(), lease_->source_name(), "SQLDescribeCol"));
    BoundColumn col;
    col.name = reinterpret_cast<char*>(name);
    char type_name[64] = {0};
    SQLSMALLINT type_name_len = 0;
    if (!SQL_SUCCEEDED(SQLColAttribute(stmt_.handle(), i, SQL_DESC_TYPE_NAME, type_name, sizeof(type_name),
                                       &type_name_len, nullptr))) {
      type_name[0] = '\0';
    }
    col.binding = BindingFor(sql_type, size, digits,
                             long_values_by_position() ? kMaxBoundTextBytes : kMaxBoundTextBytesNoSetPos, type_name);
    row_width += col.binding.width + static_cast<SQLLEN>(sizeof(SQLLEN));
    fields.push_back({col.name, col.binding.type, nullable != SQL_NO_NULLS});
    columns_.push_back(std::move(col));
  }
  schema_ = std::make_shared<const Schema>(std::move(fields));
  if (paging_) {
    std::optional<int> key = schema_->IndexOf(request_.paging_key);
    if (!key.has_value()) {
      return absl::InternalError(absl::StrCat("paging key \"", request_.paging_key,
                                              "\" is not a column of the sub-query"));
    }
    paging_key_index_ = *key;
  }

  row_width_ = row_width;
  block_rows_ = std::clamp<int64_t>(options_.max_buffer_bytes / std::max<SQLLEN>(row_width, 1), 16,
                                    kDefaultBatchRows);
  SQLHSTMT h = stmt_.handle();
  auto check = [&](SQLRETURN rc, const char* what) {
    return CheckOdbc(rc, SQL_HANDLE_STMT, h, lease_->source_name(), what);
  };
  RETURN_IF_ERROR(check(SQLSetStmtAttr(h, SQL_ATTR_ROW_BIND_TYPE,
                                       reinterpret_cast<SQLPOINTER>(SQL_BIND_BY_COLUMN), 0),
                        "SQLSetStmtAttr(ROW_BIND_TYPE)"));
  RETURN_IF_ERROR(check(SQLSetStmtAttr(h, SQL_ATTR_ROW_ARRAY_SIZE,
                                       reinterpret_cast<SQLPOINTER>(block_rows_), 0),
                        "SQLSetStmtAttr(ROW_ARRAY_SIZE)"));
  RETURN_IF_ERROR(check(SQLSetStmtAttr(h, SQL_ATTR_ROWS_FETCHED_PTR, &rows_in_block_, 0),
                        "SQLSetStmtAttr(ROWS_FETCHED_PTR)"));
  // The columns' cells lie one after another in the connection's buffer,
  // each column starting 16-byte aligned.
  auto aligned = [](size_t n) { return (n + 15) & ~size_t{15}; };
  size_t bytes = 0;
  for (const BoundColumn& col : columns_) bytes += aligned(block_rows_ * col.binding.width);
  char* cells = lease_->BindBuffer(bytes);
  for (size_t i = 0; i < columns_.size(); ++i) {
    BoundColumn& col = columns_[i];
    col.cells = cells;
    cells += aligned(block_rows_ * col.binding.width);
    col.indicators.reset(new SQLLEN[block_rows_]);
    RETURN_IF_ERROR(check(SQLBindCol(h, static_cast<SQLUSMALLINT>(i + 1), col.binding.c_type,
                                     col.cells, col.binding.width, col.indicators.get()),
                          "SQLBindCol"));
  }
  return absl::OkStatus();
}

absl::Status OdbcScan::Fail(absl::Status status) {
  done_ = true;
  lease_->MarkBroken();
  CancelStatement();
  if (cancelled_.load()) {
    return absl::CancelledError(absl::StrCat("source \"", lease_->source_name(), "\": query cancelled"));
  }
  return status;
}

absl::StatusOr<bool> OdbcScan::Next(RowBatch& batch) {
  batch.Clear();
  while (!done_) {
    if (cancelled_.load()) return Fail(absl::CancelledError("cancelled"));
    std::unique_lock<std::recursive_mutex> fetching(fetch_mu_, std::defer_lock);
    if (cancel_closes_cursor_) fetching.lock();
    SQLRETURN rc = SQLFetch(stmt_.handle());
    if (rc == SQL_NO_DATA) {
      SQLCloseCursor(stmt_.handle());
      if (fetching.owns_lock()) fetching.unlock();
      if (paging_ && page_rows_read_ == options_.page_rows && last_key_.has_value()) {
        // A full page: there may be more after its last key.
        page_rows_read_ = 0;
        absl::Status status = Execute(PageSql(last_key_));
        if (!status.ok()) return Fail(status);
        continue;
      }
      done_ = true;
      return false;
    }
    absl::Status status = CheckOdbc(rc, SQL_HANDLE_STMT, stmt_.handle(), lease_->source_name(), "fetch");
    if (!status.ok()) return Fail(status);
    status = ConvertBlock(rows_in_block_, batch);
    if (!status.ok()) return Fail(status);
    if (rows_in_block_ == 0) continue;
    most_rows_in_a_block_ = std::max(most_rows_in_a_block_, rows_in_block_);
    rows_fetched_ += rows_in_block_;
    if (paging_) {
      page_rows_read_ += rows_in_block_;
      last_key_ = batch.column(paging_key_index_).GetValue(batch.num_rows() - 1);
    }
    return true;
  }
  return false;
}

absl::Status OdbcScan::ConvertBlock(SQLULEN rows, RowBatch& batch) {
  for (size_t c = 0; c < columns_.size(); ++c) {
    const BoundColumn& col = columns_[c];
    ColumnVector& out = batch.column(static_cast<int>(c));
    out.Reserve(rows);
    const char* cells = col.cells;
    for (SQLULEN r = 0; r < rows; ++r) {
      SQLLEN ind = col.indicators[r];
      const char* cell = cells + r * col.binding.width;
      if (ind == SQL_NULL_DATA) {
        out.AppendNull();
        continue;
      }
      switch (col.binding.c_type) {
        case SQL_C_SBIGINT: {
          int64_t v;
          std::memcpy(&v, cell, sizeof(v));
          out.AppendInt64(v);
          break;
        }
        case SQL_C_BIT:
          out.AppendBool(*reinterpret_cast<const unsigned char*>(cell) != 0);
          break;
        case SQL_C_DOUBLE: {
          double v;
          std::memcpy(&v, cell, sizeof(v));
          out.AppendDouble(v);
          break;
        }
        case SQL_C_TYPE_DATE: {
          SQL_DATE_STRUCT d;
          std::memcpy(&d, cell, sizeof(d));
          out.AppendInt64(DaysFromYmd(d.year, d.month, d.day));
          break;
        }
        case SQL_C_TYPE_TIMESTAMP: {
          SQL_TIMESTAMP_STRUCT t;
          std::memcpy(&t, cell, sizeof(t));
          int64_t seconds = (t.hour * 60 + t.minute) * 60 + t.second;
          out.AppendInt64(DaysFromYmd(t.year, t.month, t.day) * kMicrosPerDay +
                          seconds * kMicrosPerSecond + t.fraction / 1000);
          break;
        }
        case SQL_C_CHAR: {
          // A value that exactly fills the buffer may have been cut short:
          // MariaDB's driver reports the bytes it copied, not the full length.
          // Either way nothing is silently truncated.
          if (ind == SQL_NO_TOTAL || ind >= col.binding.width - 1) {
            if (!long_values_by_position()) {
              return absl::OutOfRangeError(absl::StrCat(
                  "source \"", lease_->source_name(), "\": a value of column \"", col.name, "\" is longer than the ",
                  col.binding.width - 1, " bytes this driver's fetch buffer holds"));
            }
            absl::StatusOr<std::string> whole = FetchLongText(r, c);
            if (!whole.ok()) return whole.status();
            out.AppendText(*whole);
            break;
          }
          absl::string_view text(cell, static_cast<size_t>(ind));
          if (col.binding.type.id == TypeId::kDecimal) {
            absl::StatusOr<int64_t> v = ParseDecimal(text, col.binding.type.scale);
            if (!v.ok()) {
              return absl::DataLossError(absl::StrCat("source \"", lease_->source_name(),
                                                      "\": column \"", col.name, "\": ",
                                                      v.status().message()));
            }
            out.AppendInt64(*v);
          } else {
            out.AppendText(text);
          }
          break;
        }
        default:
          return absl::InternalError(absl::StrCat("unhandled C type ", col.binding.c_type));
      }
    }
  }
  batch.SetNumRows(static_cast<int64_t>(rows));
  return absl::OkStatus();
}

absl::StatusOr<std::string> OdbcScan::FetchLongText(SQLULEN row, size_t column) {
  SQLHSTMT h = stmt_.handle();
  const std::string& source = lease_->source_name();
  RETURN_IF_ERROR(CheckOdbc(SQLSetPos(h, static_cast<SQLSETPOSIROW>(row + 1), SQL_POSITION, SQL_LOCK_NO_CHANGE),
                            SQL_HANDLE_STMT, h, source,
                            absl::StrCat("SQLSetPos for a long value of column \"", columns_[column].name, "\"")));
  std::string value;
  char chunk[16384];
  while (true) {
    SQLLEN ind = 0;
    SQLRETURN rc = SQLGetData(h, static_cast<SQLUSMALLINT>(column + 1), SQL_C_CHAR, chunk, sizeof(chunk), &ind);
    if (rc == SQL_NO_DATA) break;
    RETURN_IF_ERROR(CheckOdbc(rc, SQL_HANDLE_STMT, h, source,
                              absl::StrCat("SQLGetData for column \"", columns_[column].name, "\"")));
    // Each piece but the last fills the buffer less its terminator.
    bool partial = ind == SQL_NO_TOTAL || ind >= static_cast<SQLLEN>(sizeof(chunk));
    value.append(chunk, partial ? sizeof(chunk) - 1 : static_cast<size_t>(ind));
    if (!partial) break;
  }
  return value;
}

void OdbcScan::Cancel() {
  cancelled_.store(true);
  if (!cancel_closes_cursor_) {
    SQLCancel(stmt_.handle());
    return;
  }
  std::unique_lock<std::recursive_mutex> idle(fetch_mu_, std::try_to_lock);
  if (idle.owns_lock()) SQLCancel(stmt_.handle());
}

void OdbcScan::CancelStatement() {
  std::unique_lock<std::recursive_mutex> lock(fetch_mu_, std::defer_lock);
  if (cancel_closes_cursor_) lock.lock();
  SQLCancel(stmt_.handle());
}

}  // namespace tessera::odbc
