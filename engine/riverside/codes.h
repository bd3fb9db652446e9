// File: engine/riverside/codes.h
//
// The clinical vocabularies the Riverside systems speak: ICD-10-CM conditions,
// RxNorm drugs with the NDC packages the pharmacy dispenses, CPT procedures,
// and lab tests with the LOINC code and unit of each way the lab reports them.
//
// ICD-10-CM, CPT, LOINC and RxNorm codes are the real codes for what they
// name (RxNorm CUIs as best known offline; check them before relying on them
// for anything but this sample). NDCs are fictional: real 5-4-2 layout, made-up
// labelers, so nothing here names a real product package.

#ifndef TESSERA_ENGINE_RIVERSIDE_CODES_H_
#define TESSERA_ENGINE_RIVERSIDE_CODES_H_

#include <cstdint>

#include "absl/types/span.h"

namespace tessera::riverside {

struct CodeText {
  const char* code;
  const char* text;
};

// Chronic conditions people carry; their prevalence rises with age.
enum class Chronic : uint8_t {
  kHypertension,
  kDiabetes,  // Type 2.
  kHyperlipidemia,
  kHeartFailure,
  kAtrialFibrillation,
  kCkd,
  kOsteoarthritis,
  kAsthma,
  kCopd,
  kDepression,
  kHypothyroidism,
  kObesity,
};
inline constexpr int kChronicCount = 12;

struct ChronicInfo {
  const char* name;
  // Probability of having the condition by age band: <18, 18-39, 40-64,
  // 65-79, 80+.
  double prevalence[5];
  // The ICD-10-CM codes a diagnosis is recorded under; one is chosen per person.
  absl::Span<const CodeText> codes;
};

const ChronicInfo& ChronicInfoOf(Chronic condition);

// Self-limited problems seen at acute visits.
absl::Span<const CodeText> AcuteConditions();

// Codes recorded for a heart failure admission (acute on chronic).
absl::Span<const CodeText> HeartFailureExacerbations();

enum class Drug : uint8_t {
  kLisinopril,
  kAmlodipine,
  kHydrochlorothiazide,
  kMetformin,
  kGlipizide,
  kAtorvastatin,
  kFurosemide,
  kCarvedilol,
  kMetoprolol,
  kWarfarin,
  kApixaban,
  kIbuprofen600,
  kIbuprofen800,
  kNaproxen,
  kAcetaminophen,
  kAlbuterol,
  kSertraline,
  kLevothyroxine,
  kAmoxicillin,
  kCephalexin,
};
inline constexpr int kDrugCount = 20;

struct DrugInfo {
  const char* rxnorm;
  const char* name;                    // RxNorm's name for the clinical drug.
  const char* sig;                     // Directions as the prescriber writes them.
  int units_per_day;                   // Dispensed units a day's supply takes.
  const char* pharmacy_name;           // The pharmacy system's own drug description.
  absl::Span<const char* const> ndcs;  // 11-digit NDCs, no dashes.
  bool nsaid;
};

const DrugInfo& DrugInfoOf(Drug drug);

enum class Cpt : uint8_t {
  kNewPatientVisit,
  kVisitLow,
  kVisitModerate,
  kVisitHigh,
  kPreventive18To39,
  kPreventive40To64,
  kPreventive65Plus,
  kPreventiveChild,
  kEdLow,
  kEdModerate,
  kEdHigh,
  kAdmission,
  kDischarge,
  kEcg,
  kEcho,
  kChestXray,
  kFundusPhotography,
  kDilatedEyeExamDocumented,
  kEyeExamEstablished,
  kHba1cPointOfCare,
  kGlucosePointOfCare,
  kVenipuncture,
  kFluVaccine,
  kImmunizationAdmin,
};
inline constexpr int kCptCount = 24;

const CodeText& CptOf(Cpt cpt);

enum class LabSite : uint8_t { kMain, kNorth };

enum class LabTest : uint8_t {
  kGlucose,
  kHba1c,
  kCreatinine,
  kLdl,
  kPotassium,
  kSodium,
  kInr,
  kBnp,
  kHemoglobin,
};
inline constexpr int kLabTestCount = 9;

// One way a test is reported: a local code, its unit, the LOINC and UCUM unit
// an interface maps it to, and how to reach the canonical unit.
struct LabReporting {
  const char* local_code;
  const char* unit;     // As the lab prints it.
  const char* loinc;    // The LOINC for this property (mass vs. substance).
  const char* ucum;     // The same unit in UCUM.
  double to_canonical;  // canonical value = reported value * to_canonical.
  int decimals;         // Digits after the point the lab reports.
  const char* reference_range;
};

struct LabTestInfo {
  const char* name;
  // The canonical (US conventional) LOINC and UCUM unit the ground truth uses.
  const char* canonical_loinc;
  const char* canonical_ucum;
  // Outside this canonical range a result is flagged L or H.
  double low;
  double high;
  // The main lab site reports in conventional units under one code set; the
  // north site (an acquired lab) uses SI units and its own codes.
  LabReporting main;
  LabReporting north;
};

const LabTestInfo& LabTestInfoOf(LabTest test);

// How `site` reports `test`.
const LabReporting& ReportingOf(LabTest test, LabSite site);

// A true value (canonical unit, hundredths) as `reporting` prints it, still
// in hundredths: converted to its unit and rounded to its decimals.
int64_t ReportedX100(const LabReporting& reporting, int64_t canonical_x100);

// "H" above the canonical range, "L" below it, "" inside it.
const char* AbnormalFlag(LabTest test, int64_t canonical_x100);

// Glucose measured at the point of care is whole blood, a different LOINC
// from the lab's serum glucose (2345-7).
inline constexpr const char* kPointOfCareGlucoseLoinc = "2339-0";

}  // namespace tessera::riverside

#endif  // TESSERA_ENGINE_RIVERSIDE_CODES_H_
