#include "engine/exec/project_operator.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "engine/common/status_macros.h"
#include "engine/exec/exec_util.h"
#include "engine/expr/evaluate.h"

namespace tessera {
namespace {

std::shared_ptr<const Schema> MakeSchema(const std::vector<std::unique_ptr<Expr>>& exprs,
                                         const std::vector<std::string>& names) {
  std::vector<Field> fields;
  fields.reserve(exprs.size());
  for (size_t i = 0; i < exprs.size(); ++i) fields.push_back(Field{names[i], exprs[i]->type, true});
  return std::make_shared<const Schema>(std::move(fields));
}

}  // namespace

ProjectOperator::ProjectOperator(std::unique_ptr<Operator> child, std::vector<std::unique_ptr<Expr>> exprs,
                                 std::vector<std::string> names)
    : child_(std::move(child)),
      exprs_(std::move(exprs)),
      schema_(MakeSchema(exprs_, names)),
      input_(child_->schema()) {}

absl::Status ProjectOperator::Open(ExecContext& ctx) {
  ScopedTimer timer(&stats_.time);
  ctx_ = &ctx;
  return child_->Open(ctx);
}

absl::StatusOr<bool> ProjectOperator::Next(RowBatch& out) {
  ScopedTimer timer(&stats_.time);
  out.Clear();
  RETURN_IF_ERROR(CheckCancelled(*ctx_));
  ASSIGN_OR_RETURN(bool more, child_->Next(input_));
  if (!more) return false;
  for (size_t i = 0; i < exprs_.size(); ++i) {
    ASSIGN_OR_RETURN(ColumnVector column, Evaluate(*exprs_[i], input_));
    if (column.size() != input_.num_rows()) {
      return absl::InternalError(absl::StrCat("projection ", exprs_[i]->ToString(), " produced ",
                                              column.size(), " values for ", input_.num_rows(), " rows"));
    }
    out.column(static_cast<int>(i)) = std::move(column);
  }
  out.SetNumRows(input_.num_rows());
  return RecordBatch(out, stats_);
}

std::string ProjectOperator::Describe() const {
  std::string out = "Project";
  for (size_t i = 0; i < exprs_.size(); ++i) {
    std::string expr = exprs_[i]->ToString();
    absl::StrAppend(&out, i == 0 ? " " : ", ", expr);
    if (expr != schema_->field(static_cast<int>(i)).name) {
      absl::StrAppend(&out, " AS ", schema_->field(static_cast<int>(i)).name);
    }
  }
  return out;
}

}  // namespace tessera
