// File: engine/terminology/units.cc

#include "engine/terminology/units.h"

#include "absl/strings/str_cat.h"

namespace tessera {
namespace {

enum class Dimension {
  kMass,
  kLength,
  kPressure,
  kTemperature,
  kMassConcentration,
  kSubstanceConcentration,
  kRatio,
  kRate,
};

// A unit as a linear function of its dimension's base unit:
// base = value * to_base + base_offset.
struct Unit {
  const char* ucum;
  Dimension dimension;
  double to_base;
  double base_offset = 0;
};

constexpr Unit kUnits[] = {
    {"g", Dimension::kMass, 1},
    {"kg", Dimension::kMass, 1000},
    {"mg", Dimension::kMass, 1e-3},
    {"ug", Dimension::kMass, 1e-6},
    {"[lb_av]", Dimension::kMass, 453.59237},
    {"[oz_av]", Dimension::kMass, 28.349523125},
    {"m", Dimension::kLength, 1},
    {"cm", Dimension::kLength, 0.01},
    {"mm", Dimension::kLength, 0.001},
    {"[in_i]", Dimension::kLength, 0.0254},
    {"[ft_i]", Dimension::kLength, 0.3048},
    {"mm[Hg]", Dimension::kPressure, 1},
    {"kPa", Dimension::kPressure, 7.500615758},
    {"Cel", Dimension::kTemperature, 1},
    {"K", Dimension::kTemperature, 1, -273.15},
    {"[degF]", Dimension::kTemperature, 5.0 / 9.0, -32.0 * 5.0 / 9.0},
    // Mass concentrations, base g/L.
    {"g/L", Dimension::kMassConcentration, 1},
    {"g/dL", Dimension::kMassConcentration, 10},
    {"mg/dL", Dimension::kMassConcentration, 0.01},
    {"mg/L", Dimension::kMassConcentration, 1e-3},
    {"ug/dL", Dimension::kMassConcentration, 1e-5},
    {"ng/mL", Dimension::kMassConcentration, 1e-6},
    {"pg/mL", Dimension::kMassConcentration, 1e-9},
    {"ng/L", Dimension::kMassConcentration, 1e-9},
    // Substance concentrations, base mol/L. Milliequivalents equal
    // millimoles for the monovalent ions reported in them (K+, Na+, Cl-).
    {"mol/L", Dimension::kSubstanceConcentration, 1},
    {"mmol/L", Dimension::kSubstanceConcentration, 1e-3},
    {"umol/L", Dimension::kSubstanceConcentration, 1e-6},
    {"meq/L", Dimension::kSubstanceConcentration, 1e-3},
    {"%", Dimension::kRatio, 1},
    {"{INR}", Dimension::kRatio, 1},
    {"/min", Dimension::kRate, 1},
    {"/h", Dimension::kRate, 1.0 / 60},
};

// Molar masses (g/mol) of analytes reported in both kinds of concentration.
struct Analyte {
  const char* loinc;
  double grams_per_mole;
};

constexpr Analyte kAnalytes[] = {
    {"2345-7", 180.16},       // Glucose, serum or plasma.
    {"2339-0", 180.16},       // Glucose, blood.
    {"13457-7", 386.7},       // LDL cholesterol.
    {"2093-3", 386.7},        // Cholesterol.
    {"2160-0", 113.0965845},  // Creatinine, at the conventional 88.42 umol/L per mg/dL.
};

const Unit* FindUnit(absl::string_view ucum) {
  for (const Unit& u : kUnits) {
    if (ucum == u.ucum) return &u;
  }
  return nullptr;
}

const Analyte* FindAnalyte(absl::string_view loinc) {
  for (const Analyte& a : kAnalytes) {
    if (loinc == a.loinc) return &a;
  }
  return nullptr;
}

}  // namespace

absl::StatusOr<UnitConversion> ConvertUnits(absl::string_view from, absl::string_view to, absl::string_view analyte) {
  if (from == to) return UnitConversion{};
  const Unit* f = FindUnit(from);
  const Unit* t = FindUnit(to);
  auto fail = [&](absl::string_view why) {
    return absl::InvalidArgumentError(absl::StrCat("cannot convert \"", from, "\" to \"", to, "\": ", why));
  };
  if (f == nullptr) return fail(absl::StrCat("\"", from, "\" is not a UCUM unit Tessera knows"));
  if (t == nullptr) return fail(absl::StrCat("\"", to, "\" is not a UCUM unit Tessera knows"));
  // from -> base: b = v * f.to_base + f.base_offset; base -> to: (b - t.base_offset) / t.to_base.
  double scale = 1;
  if (f->dimension != t->dimension) {
    bool mass_to_substance =
        f->dimension == Dimension::kMassConcentration && t->dimension == Dimension::kSubstanceConcentration;
    bool substance_to_mass =
        f->dimension == Dimension::kSubstanceConcentration && t->dimension == Dimension::kMassConcentration;
    if (!mass_to_substance && !substance_to_mass) return fail("they measure different things");
    const Analyte* a = FindAnalyte(analyte);
    if (a == nullptr) {
      return fail(analyte.empty() ? "a mass and a substance concentration need the analyte's LOINC"
                                  : absl::StrCat("the molar mass of LOINC ", analyte, " is not known"));
    }
    scale = substance_to_mass ? a->grams_per_mole : 1 / a->grams_per_mole;
  }
  UnitConversion c;
  c.factor = f->to_base * scale / t->to_base;
  c.offset = (f->base_offset * scale - t->base_offset) / t->to_base;
  return c;
}

}  // namespace tessera
