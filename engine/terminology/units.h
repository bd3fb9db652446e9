// File: engine/terminology/units.h
//
// Conversions between the UCUM units clinical data comes in: mass
// ([lb_av], kg, g), length ([in_i], cm), pressure (mm[Hg], kPa),
// temperature ([degF], Cel, K), mass and substance concentrations (mg/dL,
// g/L, mmol/L, umol/L, ...), and between a mass and a substance
// concentration for the analytes whose molar mass is known (glucose: mmol/L
// x 18.016 = mg/dL). Every conversion is linear: to = from * factor + offset.

#ifndef TESSERA_ENGINE_TERMINOLOGY_UNITS_H_
#define TESSERA_ENGINE_TERMINOLOGY_UNITS_H_

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace tessera {

struct UnitConversion {
  double factor = 1;
  double offset = 0;
  double Apply(double v) const { return v * factor + offset; }
};

// How a value in UCUM unit `from` becomes one in `to`. `analyte` (a LOINC
// code) is needed only between mass and substance concentrations.
// InvalidArgument names both units when there is no such conversion.
absl::StatusOr<UnitConversion> ConvertUnits(absl::string_view from, absl::string_view to,
                                            absl::string_view analyte = "");

}  // namespace tessera

#endif  // TESSERA_ENGINE_TERMINOLOGY_UNITS_H_
