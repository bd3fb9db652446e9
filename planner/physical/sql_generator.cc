#include "planner/physical/sql_generator.h"

#include <optional>
#include <set>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "engine/common/status_macros.h"
#include "planner/physical/sql_expr_renderer.h"

namespace tessera {
namespace {

// One SELECT being assembled. Clauses fill in SQL's evaluation order; an
// operator that would have to come before a clause already filled wraps the
// SELECT as a derived table first.
struct Select {
  enum Stage { kFrom, kWhere, kGrouped, kDistinct, kOrdered, kLimited };
  std::string from;
  std::vector<std::string> columns;  // SQL for each output column.
  std::vector<std::string> where;
  std::vector<std::string> group_by;
  bool aggregated = false;
  bool distinct = false;
  std::vector<std::string> order_by;
  std::optional<int64_t> limit;
  int64_t offset = 0;
  Stage stage = kFrom;
  bool joined = false;     // `from` is a join of several tables.
  std::string paging_key;  // Column SQL of a plain scan's primary key.
};

class Generator {
 public:
  explicit Generator(const Dialect& d) : d_(d), renderer_(d) {}

  absl::StatusOr<Select> Build(const LogicalNode& n);
  std::string ToSql(const Select& s, const std::vector<Field>& fields, std::string* paging_alias = nullptr);

 private:
  Select Wrap(const Select& s, const std::vector<Field>& fields) {
    std::string alias = NextAlias();
    Select out;
    out.from = absl::StrCat("(", ToSql(s, fields), ") AS ", d_.QuoteIdentifier(alias));
    for (size_t i = 0; i < fields.size(); ++i) {
      out.columns.push_back(absl::StrCat(d_.QuoteIdentifier(alias), ".", d_.QuoteIdentifier(OutputName(fields, i))));
    }
    return out;
  }
  std::string NextAlias() { return absl::StrCat("t", next_alias_++); }
  static std::string OutputName(const std::vector<Field>& fields, size_t i) { return absl::StrCat("c", i); }

  const Dialect& d_;
  SqlExprRenderer renderer_;
  int next_alias_ = 0;
};

std::string Generator::ToSql(const Select& s, const std::vector<Field>& fields, std::string* paging_alias) {
  std::vector<std::string> items;
  for (size_t i = 0; i < s.columns.size(); ++i) {
    items.push_back(absl::StrCat(s.columns[i], " AS ", d_.QuoteIdentifier(OutputName(fields, i))));
    if (paging_alias != nullptr && !s.paging_key.empty() && s.columns[i] == s.paging_key) {
      *paging_alias = OutputName(fields, i);
    }
  }
  std::string sql = absl::StrCat("SELECT ", s.distinct ? "DISTINCT " : "", absl::StrJoin(items, ", "), " FROM ", s.from);
  if (!s.where.empty()) absl::StrAppend(&sql, " WHERE ", absl::StrJoin(s.where, " AND "));
  if (!s.group_by.empty()) absl::StrAppend(&sql, " GROUP BY ", absl::StrJoin(s.group_by, ", "));
  if (!s.order_by.empty()) absl::StrAppend(&sql, " ORDER BY ", absl::StrJoin(s.order_by, ", "));
  absl::StrAppend(&sql, d_.LimitClause(s.limit, s.offset));
  return sql;
}

absl::StatusOr<Select> Generator::Build(const LogicalNode& n) {
  switch (n.kind) {
    case LogicalKind::kScan: {
      Select s;
      std::string alias = NextAlias();
      s.from = absl::StrCat(d_.QualifiedName("", n.table->info.name), " AS ", d_.QuoteIdentifier(alias));
      for (int c : n.scan_columns) {
        s.columns.push_back(absl::StrCat(d_.QuoteIdentifier(alias), ".", d_.QuoteIdentifier(n.table->info.columns[c].name)));
      }
      const std::vector<std::string>& pk = n.table->info.primary_key;
      if (pk.size() == 1) {
        for (int c : n.scan_columns) {
          if (n.table->info.columns[c].name == pk[0]) {
            s.paging_key = absl::StrCat(d_.QuoteIdentifier(alias), ".", d_.QuoteIdentifier(pk[0]));
          }
        }
      }
      return s;
    }
    case LogicalKind::kFilter: {
      ASSIGN_OR_RETURN(Select s, Build(*n.inputs[0]));
      if (s.stage > Select::kWhere) s = Wrap(s, n.inputs[0]->fields);
      ASSIGN_OR_RETURN(std::string cond, renderer_.Render(*n.predicate, s.columns));
      s.where.push_back(cond);
      s.stage = Select::kWhere;
      return s;
    }
    case LogicalKind::kProject: {
      ASSIGN_OR_RETURN(Select s, Build(*n.inputs[0]));
      if (s.stage >= Select::kDistinct) s = Wrap(s, n.inputs[0]->fields);
      std::vector<std::string> columns;
      for (const auto& e : n.exprs) {
        ASSIGN_OR_RETURN(std::string c, renderer_.Render(*e, s.columns));
        columns.push_back(std::move(c));
      }
      s.columns = std::move(columns);
      return s;
    }
    case LogicalKind::kAggregate: {
      ASSIGN_OR_RETURN(Select s, Build(*n.inputs[0]));
      if (s.stage > Select::kWhere || s.aggregated) s = Wrap(s, n.inputs[0]->fields);
      std::vector<std::string> columns;
      for (const auto& g : n.group_by) {
        ASSIGN_OR_RETURN(std::string c, renderer_.Render(*g, s.columns));
        s.group_by.push_back(c);
        columns.push_back(c);
      }
      for (const AggregateExpr& a : n.aggregates) {
        ASSIGN_OR_RETURN(std::string c, renderer_.RenderAggregate(a, s.columns));
        columns.push_back(std::move(c));
      }
      s.columns = std::move(columns);
      s.aggregated = true;
      s.stage = Select::kGrouped;
      s.paging_key.clear();
      return s;
    }
    case LogicalKind::kDistinct: {
      ASSIGN_OR_RETURN(Select s, Build(*n.inputs[0]));
      if (s.stage >= Select::kDistinct) s = Wrap(s, n.inputs[0]->fields);
      s.distinct = true;
      s.stage = Select::kDistinct;
      s.paging_key.clear();
      return s;
    }
    case LogicalKind::kSort: {
      ASSIGN_OR_RETURN(Select s, Build(*n.inputs[0]));
      // PostgreSQL accepts ORDER BY under SELECT DISTINCT only for
      // expressions of the select list, and a text key's COLLATE "C" makes
      // even a selected column another expression: sort the DISTINCT rows
      // as a derived table instead.
      if (s.stage >= Select::kOrdered || s.distinct) s = Wrap(s, n.inputs[0]->fields);
      for (const SortKey& k : n.sort_keys) {
        ASSIGN_OR_RETURN(std::string key, renderer_.RenderSortKey(k, s.columns));
        s.order_by.push_back(std::move(key));
      }
      s.stage = Select::kOrdered;
      s.paging_key.clear();
      return s;
    }
    case LogicalKind::kLimit: {
      ASSIGN_OR_RETURN(Select s, Build(*n.inputs[0]));
      if (s.stage >= Select::kLimited) s = Wrap(s, n.inputs[0]->fields);
      s.limit = n.limit;
      s.offset = n.offset;
      s.stage = Select::kLimited;
      s.paging_key.clear();
      return s;
    }
    case LogicalKind::kJoin: {
      ASSIGN_OR_RETURN(Select left, Build(*n.inputs[0]));
      ASSIGN_OR_RETURN(Select right, Build(*n.inputs[1]));
      // A side is joined by its FROM when it is a bare table, else as a
      // derived table. A join on the right is wrapped too: SQLite reads
      // "a JOIN b JOIN c ON x ON y" left to right and rejects the second ON.
      auto as_from = [&](Select side, const std::vector<Field>& fields, bool allow_join) {
        bool bare = side.stage == Select::kFrom && !side.aggregated && (allow_join || !side.joined);
        return bare ? side : Wrap(side, fields);
      };
      left = as_from(std::move(left), n.inputs[0]->fields, true);
      right = as_from(std::move(right), n.inputs[1]->fields, false);
      Select s;
      s.joined = true;
      s.columns = left.columns;
      s.columns.insert(s.columns.end(), right.columns.begin(), right.columns.end());
      const char* kind = n.join_type == LogicalJoinType::kLeft    ? "LEFT JOIN"
                         : n.join_type == LogicalJoinType::kRight ? "RIGHT JOIN"
                         : n.join_type == LogicalJoinType::kFull  ? "FULL JOIN"
                                                                  : "JOIN";
      s.from = absl::StrCat(left.from, " ", kind, " ", right.from);
      if (n.condition != nullptr) {
        ASSIGN_OR_RETURN(std::string on, renderer_.Render(*n.condition, s.columns));
        absl::StrAppend(&s.from, " ON ", on);
      } else {
        // Not CROSS JOIN: SQLite reads that as an order to join the tables
        // as written, which defeats its planner on many-table joins.
        absl::StrAppend(&s.from, " ON 1 = 1");
      }
      return s;
    }
    default:
      return absl::InternalError("the SQL generator was given an operator no source computes");
  }
}

}  // namespace

absl::StatusOr<GeneratedSql> GenerateSql(const LogicalNode& plan, const Dialect& dialect) {
  Generator g(dialect);
  ASSIGN_OR_RETURN(Select s, g.Build(plan));
  GeneratedSql out;
  out.sql = g.ToSql(s, plan.fields, &out.paging_key);
  return out;
}

}  // namespace tessera
