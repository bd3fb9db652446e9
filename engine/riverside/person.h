// File: engine/riverside/person.h
//
// The true state of one Riverside person: who they are and what happened to
// them. This is the population the generator builds in memory before any
// source sees it; each source then shows a noisy, partial view of it. Times are
// civil (no time zone), as days or seconds since 1970-01-01.

#ifndef TESSERA_ENGINE_RIVERSIDE_PERSON_H_
#define TESSERA_ENGINE_RIVERSIDE_PERSON_H_

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "engine/riverside/codes.h"

namespace tessera::riverside {

inline constexpr int64_t kSecondsPerDay = 86400;
// An open end: an ongoing condition or medication.
inline constexpr int64_t kNoDay = std::numeric_limits<int64_t>::max();

enum class Sex : uint8_t { kFemale, kMale };

struct Identity {
  std::string given;
  std::string middle;  // Empty for people without a middle name.
  std::string family;
  Sex sex = Sex::kFemale;
  int64_t birth_day = 0;
  std::string street;  // "1234 Oak St" or "77 Elm Ave Apt 3B".
  int town = 0;        // Index into Towns().
  std::string zip;
  std::string phone;  // Ten digits, no punctuation.
};

// What a person's body is like; measurements are drawn around these.
struct Physiology {
  double weight_lb = 0;  // At the start of the history window.
  double weight_lb_per_year = 0;
  double height_in = 0;
  double systolic = 0;  // Untreated baseline, mmHg.
  double diastolic = 0;
  double pulse = 0;
  double a1c = 0;         // Percent; diabetics are above 6.5 unless well controlled.
  double creatinine = 0;  // mg/dL.
  double ldl = 0;         // mg/dL, untreated.
  double hemoglobin = 0;  // g/dL.
  double child_size = 1;  // Children's size relative to the growth curve.
};

// A run of fluid retention in heart failure: weight rises by `gain_lb` over
// `rise_days`, holds for `plateau_days`, and falls back over `fall_days`.
struct WeightEpisode {
  int64_t start_day = 0;
  int rise_days = 0;
  int plateau_days = 0;
  int fall_days = 0;
  double gain_lb = 0;
};

struct ConditionEpisode {
  const CodeText* code = nullptr;
  bool chronic = false;
  int64_t onset_day = 0;
  int64_t abatement_day = kNoDay;
  int64_t recorded_at = 0;  // When it entered the problem list (seconds).
  int encounter = -1;       // Index into Person::encounters where recorded, if any.
};

enum class EncounterKind : uint8_t {
  kOffice,
  kPreventive,
  kTelehealth,
  kEmergency,
  kInpatient,
  kEyeExam,
};

// One set of vital signs; a zero field was not measured.
struct Vitals {
  int32_t weight_lb10 = 0;
  int32_t height_in10 = 0;
  int16_t systolic = 0;
  int16_t diastolic = 0;
  int16_t pulse = 0;
  int16_t resp_rate = 0;
  int16_t spo2 = 0;
  int16_t temp_f10 = 0;
};

struct Encounter {
  EncounterKind kind = EncounterKind::kOffice;
  const char* department = "";
  int64_t start = 0;
  int64_t end = 0;
  bool has_vitals = false;
  Vitals vitals;
};

struct Procedure {
  Cpt cpt;
  int64_t at = 0;
  int encounter = -1;
};

struct MedOrder {
  Drug drug;
  int64_t ordered_at = 0;
  int64_t start_day = 0;
  int64_t end_day = kNoDay;  // Open while active.
  int encounter = -1;
  int days_supply = 30;
  int quantity = 0;
  int refills = 0;
  bool discontinued = false;
  bool outside = false;  // Written by a prescriber outside Riverside: not in the EHR.
};

// One dispensing. Fills of one prescription share `rx`.
struct Fill {
  Drug drug;
  int order = -1;  // Index into Person::orders; -1 for an outside prescription.
  int rx = 0;      // Per-person prescription number.
  int fill_number = 0;
  int ndc = 0;  // Index into DrugInfo::ndcs.
  int64_t day = 0;
  int days_supply = 0;
  int quantity = 0;
};

struct LabResult {
  LabTest test;
  LabSite site = LabSite::kMain;
  bool ordered_in_ehr = false;  // Ordered from a Riverside EHR encounter or clinic.
  bool point_of_care = false;   // Done in clinic: in the EHR only.
  int draw = 0;                 // Results of one draw share an accession.
  int encounter = -1;
  int64_t collected_at = 0;
  int64_t resulted_at = 0;
  int64_t value_x100 = 0;  // True value in the canonical unit, hundredths.
};

enum class DeviceKind : uint8_t { kScale, kBpCuff, kGlucoseMeter };

// A home-device reading as measured: weight in tenths of a pound (a),
// blood pressure systolic/diastolic/pulse (a/b/c), glucose mg/dL (a).
struct Reading {
  int64_t at = 0;
  int32_t a = 0;
  int32_t b = 0;
  int32_t c = 0;
};

struct Device {
  DeviceKind kind;
  bool metric = false;  // A scale set to kg.
  int64_t registered_at = 0;
  std::vector<Reading> readings;
};

struct Person {
  int64_t id = 0;  // 1-based; the ground truth's person_id.
  Identity identity;
  Physiology body;
  uint32_t chronic_mask = 0;  // Bit i set: has Chronic(i).
  int64_t chronic_onset[kChronicCount] = {};

  // Which systems know this person.
  bool in_ehr = false;
  bool in_lab = false;
  bool in_pharmacy = false;
  LabSite home_site = LabSite::kMain;

  std::vector<WeightEpisode> weight_episodes;
  std::vector<ConditionEpisode> conditions;
  std::vector<Encounter> encounters;  // In time order.
  std::vector<Procedure> procedures;
  std::vector<MedOrder> orders;
  std::vector<Fill> fills;
  std::vector<LabResult> labs;
  std::vector<Device> devices;

  bool Has(Chronic c) const { return (chronic_mask >> static_cast<int>(c)) & 1u; }
};

}  // namespace tessera::riverside

#endif  // TESSERA_ENGINE_RIVERSIDE_PERSON_H_
