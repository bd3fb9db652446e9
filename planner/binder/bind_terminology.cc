// Binding of the terminology functions views translate sources with:
//
//   map_code('map', code [, unit])   the standard code of a local code
//   map_unit('map', code, unit)      the standard (UCUM) unit of its value
//   map_value('map', code, unit, v)  the value in that standard unit
//   convert_unit(v, 'from', 'to' [, 'loinc'])  between two UCUM units
//
// 'map' names a code map of the configuration ("lab.lab_result.test_code").
// Each becomes plain SQL the engine already evaluates, pushes and inverts:
// a CASE over the map's entries, or a multiplication by the conversion
// factor. So `map_code(...) = '4548-4'` can become `test_code IN ('HBA1C',
// 'A1C')` in the source (see planner/optimizer/case_inversion.h).

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "engine/common/status_macros.h"
#include "engine/terminology/units.h"
#include "planner/binder/bind_context.h"
#include "planner/binder/type_rules.h"

namespace tessera {
namespace {

using ExprList = std::vector<std::unique_ptr<Expr>>;

std::unique_ptr<Expr> Text(const std::string& s) { return Expr::Constant(Value::Text(s)); }

std::unique_ptr<Expr> Equals(const Expr& column, const std::string& value) {
  ExprList args;
  args.push_back(column.Clone());
  args.push_back(Text(value));
  return Expr::Call(ExprOp::kEqual, DataType::Bool(), std::move(args));
}

std::unique_ptr<Expr> CodeAndUnit(const Expr& code, const Expr* unit, const CodeMapEntry& e) {
  if (unit == nullptr) return Equals(code, e.code);
  ExprList both;
  both.push_back(Equals(code, e.code));
  both.push_back(Equals(*unit, e.unit));
  return Expr::Call(ExprOp::kAnd, DataType::Bool(), std::move(both));
}

// v * factor + offset, as double, without the identity parts.
std::unique_ptr<Expr> Linear(const Expr& value, double factor, double offset) {
  std::unique_ptr<Expr> out = value.Clone();
  if (out->type.id != TypeId::kDouble) {
    ExprList args;
    args.push_back(std::move(out));
    out = Expr::Call(ExprOp::kCast, DataType::Double(), std::move(args));
  }
  if (factor != 1) {
    ExprList args;
    args.push_back(std::move(out));
    args.push_back(Expr::Constant(Value::Double(factor)));
    out = Expr::Call(ExprOp::kMultiply, DataType::Double(), std::move(args));
  }
  if (offset != 0) {
    ExprList args;
    args.push_back(std::move(out));
    args.push_back(Expr::Constant(Value::Double(offset)));
    out = Expr::Call(ExprOp::kAdd, DataType::Double(), std::move(args));
  }
  return out;
}

}  // namespace

bool IsTerminologyFunction(absl::string_view name) {
  return name == "map_code" || name == "map_unit" || name == "map_value" || name == "convert_unit";
}

absl::StatusOr<std::unique_ptr<Expr>> Binder::BindTerminology(const ast::Expr& expr, ExprContext& ctx) {
  const std::string& name = expr.name;
  auto fail = [&](absl::string_view why) {
    return ErrorAt(absl::InvalidArgumentError(absl::StrCat(name, ": ", why)), expr.location);
  };
  ExprList args;
  for (const auto& a : expr.args) {
    ASSIGN_OR_RETURN(std::unique_ptr<Expr> bound, BindExpr(*a, ctx));
    args.push_back(std::move(bound));
  }
  auto constant_text = [&](size_t i) -> const std::string* {
    if (i >= args.size() || args[i]->op != ExprOp::kConstant || args[i]->constant.is_null() ||
        args[i]->type.id != TypeId::kText) {
      return nullptr;
    }
    return &args[i]->constant.text_value();
  };
  // Codes and units are compared as text whatever the source stored them as.
  auto as_text = [&](size_t i) -> absl::Status {
    if (args[i]->type.id == TypeId::kText) return absl::OkStatus();
    ASSIGN_OR_RETURN(args[i], CoerceTo(std::move(args[i]), DataType::Text()));
    return absl::OkStatus();
  };

  if (name == "convert_unit") {
    if (args.size() != 3 && args.size() != 4) return fail("takes (value, 'from unit', 'to unit' [, 'analyte LOINC'])");
    const std::string* from = constant_text(1);
    const std::string* to = constant_text(2);
    const std::string* analyte = args.size() == 4 ? constant_text(3) : nullptr;
    if (from == nullptr || to == nullptr || (args.size() == 4 && analyte == nullptr)) {
      return fail("the units and the analyte must be text constants");
    }
    if (!IsNumeric(args[0]->type)) return fail(absl::StrCat("the value must be a number, not ", args[0]->type.ToString()));
    absl::StatusOr<UnitConversion> c = ConvertUnits(*from, *to, analyte == nullptr ? "" : *analyte);
    if (!c.ok()) return fail(c.status().message());
    return Linear(*args[0], c->factor, c->offset);
  }

  const size_t want = name == "map_code" ? 2 : name == "map_unit" ? 3 : 4;
  if (args.size() != want && !(name == "map_code" && args.size() == 3)) {
    return fail(name == "map_code"    ? "takes ('map', code [, unit])"
                : name == "map_unit" ? "takes ('map', code, unit)"
                                     : "takes ('map', code, unit, value)");
  }
  const std::string* map_name = constant_text(0);
  if (map_name == nullptr) return fail("the map's name must be a text constant");
  const CodeMap* map = catalog_->sources().code_maps().Find(*map_name);
  if (map == nullptr) {
    std::vector<std::string> names = catalog_->sources().code_maps().names();
    return fail(absl::StrCat("no code map named \"", *map_name, "\" (code maps: ",
                             names.empty() ? "none" : absl::StrJoin(names, ", "), ")"));
  }
  RETURN_IF_ERROR(as_text(1));
  const Expr& code = *args[1];
  const Expr* unit = nullptr;
  if (args.size() >= 3) {
    RETURN_IF_ERROR(as_text(2));
    unit = args[2].get();
  }

  ExprList cases;
  if (name == "map_code") {
    if (unit == nullptr) {
      // By code alone, which must then decide the standard code by itself.
      std::map<std::string, std::string> seen;
      for (const CodeMapEntry& e : map->entries) {
        auto [it, added] = seen.emplace(e.code, e.standard_code);
        if (!added && it->second != e.standard_code) {
          return fail(absl::StrCat("code \"", e.code, "\" of map \"", *map_name,
                                   "\" means different things in different units: pass the unit too"));
        }
        if (!added) continue;
        cases.push_back(Equals(code, e.code));
        cases.push_back(Text(e.standard_code));
      }
    } else {
      for (const CodeMapEntry& e : map->entries) {
        cases.push_back(CodeAndUnit(code, unit, e));
        cases.push_back(Text(e.standard_code));
      }
    }
    return Expr::Call(ExprOp::kCase, DataType::Text(), std::move(cases));
  }
  if (name == "map_unit") {
    for (const CodeMapEntry& e : map->entries) {
      cases.push_back(CodeAndUnit(code, unit, e));
      cases.push_back(Text(e.standard_unit));
    }
    return Expr::Call(ExprOp::kCase, DataType::Text(), std::move(cases));
  }
  // map_value: only entries that change the value need a WHEN.
  const Expr& value = *args[3];
  if (!IsNumeric(value.type)) return fail(absl::StrCat("the value must be a number, not ", value.type.ToString()));
  for (const CodeMapEntry& e : map->entries) {
    if (e.factor == 1 && e.offset == 0) continue;
    cases.push_back(CodeAndUnit(code, unit, e));
    cases.push_back(Linear(value, e.factor, e.offset));
  }
  if (cases.empty()) return Linear(value, 1, 0);
  cases.push_back(Linear(value, 1, 0));
  return Expr::Call(ExprOp::kCase, DataType::Double(), std::move(cases));
}

}  // namespace tessera
