// Visits to Riverside's clinics, emergency department and wards, with the
// vital signs and billed procedures of each, and the problem list they feed.

#include <algorithm>
#include <cmath>
#include <vector>

#include "absl/time/civil_time.h"
#include "engine/riverside/history.h"

namespace tessera::riverside {
namespace {

constexpr int64_t kHour = 3600;

struct Plan {
  int64_t day;
  EncounterKind kind;
  int acute;    // Index into AcuteConditions(), or -1.
  int chronic;  // A chronic condition diagnosed at this visit, or -1.
};

bool operator<(const Plan& a, const Plan& b) {
  if (a.day != b.day) return a.day < b.day;
  return static_cast<int>(a.kind) < static_cast<int>(b.kind);
}

int64_t LongRound(double v) { return static_cast<int64_t>(std::llround(v)); }

// An office appointment on a quarter hour between 8:00 and 16:30.
int64_t AppointmentTime(Rng& rng, int64_t day) {
  return day * kSecondsPerDay + 8 * kHour + 900 * rng.Between(0, 34);
}

// Counts events of a Poisson-like process with `per_year` events a year over
// `years`, without libm: one Bernoulli trial per month.
int CountEvents(Rng& rng, double per_year, double years) {
  int months = static_cast<int>(years * 12);
  double p = std::min(per_year / 12.0, 0.9);
  int n = 0;
  for (int i = 0; i < months; ++i) n += rng.Chance(p) ? 1 : 0;
  return n;
}

Vitals MeasureVitals(const HistoryContext& context, Rng& rng, const Person& p, int64_t day,
                     EncounterKind kind, int acute) {
  Vitals v;
  int age = AgeOn(p, day);
  double clothes = age >= 18 ? 1.5 : 0.5;
  if (!rng.Chance(0.04)) {
    v.weight_lb10 = static_cast<int32_t>(
        LongRound((TrueWeightLb(context, p, day) + clothes + rng.Normal(0, 0.8)) * 10));
  }
  if (age < 18 || kind == EncounterKind::kPreventive || rng.Chance(0.15)) {
    double height = age < 18 ? std::min(20.0 + 2.6 * age, p.body.height_in) : p.body.height_in;
    v.height_in10 = static_cast<int32_t>(LongRound((height + rng.Normal(0, 0.3)) * 10));
  }
  if (age >= 3 && !rng.Chance(0.02)) {
    double stress = kind == EncounterKind::kEmergency ? 8 : 0;
    v.systolic = static_cast<int16_t>(LongRound(TrueSystolic(p, day) + stress + rng.Normal(0, 8)));
    v.diastolic =
        static_cast<int16_t>(LongRound(TrueDiastolic(p, day) + stress / 2 + rng.Normal(0, 5)));
  }
  if (!rng.Chance(0.03)) {
    double pulse = p.body.pulse + (p.Has(Chronic::kAtrialFibrillation) ? 12 : 0);
    v.pulse = static_cast<int16_t>(LongRound(rng.ClampedNormal(pulse, 7, 45, 150)));
  }
  if (!rng.Chance(0.08)) {
    double temp = 98.3 + rng.Normal(0, 0.35);
    if (acute >= 0 && rng.Chance(0.3)) temp += rng.Uniform(1.0, 3.0);  // Febrile.
    v.temp_f10 = static_cast<int16_t>(LongRound(temp * 10));
  }
  if (!rng.Chance(0.2)) v.resp_rate = static_cast<int16_t>(rng.Between(12, 20));
  if (!rng.Chance(0.25)) {
    v.spo2 =
        static_cast<int16_t>(p.Has(Chronic::kCopd) ? rng.Between(89, 95) : rng.Between(95, 100));
  }
  return v;
}

// Plans the visits of the three-year window before building them.
std::vector<Plan> PlanVisits(const HistoryContext& context, Rng& rng, const Person& p) {
  std::vector<Plan> plans;
  int64_t lo = std::max(context.window_start_day, p.identity.birth_day + 1);
  int64_t hi = context.as_of_day - 1;
  if (lo > hi) return plans;
  double years = static_cast<double>(hi - lo + 1) / 365.2425;
  int age = AgeOn(p, context.as_of_day);
  int chronic = __builtin_popcount(p.chronic_mask);
  auto add = [&](int64_t day, EncounterKind kind, int acute, int chronic_index) {
    if (day >= lo && day <= hi) plans.push_back({day, kind, acute, chronic_index});
  };

  double office_rate = (age < 18 ? 0.8 : age >= 65 ? 1.3 : 0.6) + 0.6 * chronic;
  if (p.Has(Chronic::kHeartFailure)) office_rate += 2.0;
  if (p.Has(Chronic::kDiabetes)) office_rate += 1.0;
  office_rate = std::min(office_rate, 9.0);
  int offices = static_cast<int>(LongRound(office_rate * years * rng.Uniform(0.6, 1.4)));
  for (int i = 0; i < offices; ++i) add(rng.Between(lo, hi), EncounterKind::kOffice, -1, -1);

  for (int64_t start = lo; start <= hi; start += 365) {
    if (rng.Chance(age < 18 ? 0.8 : 0.55)) {
      add(rng.Between(start, std::min(start + 364, hi)), EncounterKind::kPreventive, -1, -1);
    }
  }
  if (age >= 18) {
    int tele = CountEvents(rng, 0.3, years);
    for (int i = 0; i < tele; ++i) add(rng.Between(lo, hi), EncounterKind::kTelehealth, -1, -1);
  }
  for (int c = 0; c < kChronicCount; ++c) {
    if (p.Has(static_cast<Chronic>(c)) && p.chronic_onset[c] >= lo) {
      add(p.chronic_onset[c], EncounterKind::kOffice, -1, c);
    }
  }
  int acute_visits = CountEvents(rng, 0.45, years);
  int acute_count = static_cast<int>(AcuteConditions().size());
  for (int i = 0; i < acute_visits; ++i) {
    // Chest pain (index 7) goes to the emergency department, not the office.
    int acute = static_cast<int>(rng.Below(acute_count - 1));
    if (acute >= 7) ++acute;
    add(rng.Between(lo, hi), EncounterKind::kOffice, acute, -1);
  }
  double ed_rate = 0.12 + (p.Has(Chronic::kHeartFailure) ? 0.5 : 0) +
                   (p.Has(Chronic::kCopd) ? 0.3 : 0) + (age >= 80 ? 0.2 : 0);
  int eds = CountEvents(rng, ed_rate, years);
  for (int i = 0; i < eds; ++i) {
    int acute = rng.Chance(0.4) ? 7 : static_cast<int>(rng.Below(acute_count));
    add(rng.Between(lo, hi), EncounterKind::kEmergency, acute, -1);
  }
  double inpatient_rate = p.Has(Chronic::kHeartFailure) ? 0.35 : (age >= 65 ? 0.08 : 0.03);
  int stays = CountEvents(rng, inpatient_rate, years);
  // A stay ends before the data's "today", so every admission has a discharge.
  for (int i = 0; i < stays && hi - 8 >= lo; ++i) {
    add(rng.Between(lo, hi - 8), EncounterKind::kInpatient, -1, -1);
  }
  if (p.Has(Chronic::kDiabetes)) {
    // Under half of diabetics keep up with yearly eye exams; the rest rarely
    // go, which is the care gap the quality workloads look for.
    double yearly = rng.Chance(0.45) ? 0.75 : 0.1;
    for (int64_t start = lo; start <= hi; start += 365) {
      if (rng.Chance(yearly)) {
        add(rng.Between(start, std::min(start + 364, hi)), EncounterKind::kEyeExam, -1, -1);
      }
    }
  }
  std::sort(plans.begin(), plans.end());
  // One visit of a kind per day; a diagnosis folds into that day's office visit.
  std::vector<Plan> unique;
  for (const Plan& plan : plans) {
    if (!unique.empty() && unique.back().day == plan.day && unique.back().kind == plan.kind) {
      if (plan.chronic >= 0 && unique.back().chronic < 0) unique.back().chronic = plan.chronic;
      if (plan.acute >= 0 && unique.back().acute < 0) unique.back().acute = plan.acute;
      continue;
    }
    unique.push_back(plan);
  }
  return unique;
}

const char* OfficeDepartment(Rng& rng, const Person& p, int age, bool family_medicine) {
  if (age < 18) return "PEDIATRICS";
  if (p.Has(Chronic::kHeartFailure) && rng.Chance(0.4)) return "CARDIOLOGY";
  if (p.Has(Chronic::kAtrialFibrillation) && rng.Chance(0.2)) return "CARDIOLOGY";
  if (p.Has(Chronic::kDiabetes) && rng.Chance(0.15)) return "ENDOCRINOLOGY";
  return family_medicine ? "FAMILY MEDICINE" : "INTERNAL MEDICINE";
}

Cpt PreventiveCode(int age) {
  if (age < 18) return Cpt::kPreventiveChild;
  if (age < 40) return Cpt::kPreventive18To39;
  if (age < 65) return Cpt::kPreventive40To64;
  return Cpt::kPreventive65Plus;
}

void AddProcedure(Person& p, Cpt cpt, int64_t at, int encounter) {
  p.procedures.push_back({cpt, at, encounter});
}

// Builds one encounter from its plan, with vitals, procedures and any
// problem it was for.
void BuildEncounter(const HistoryContext& context, Rng& rng, Person& p, const Plan& plan,
                    bool family_medicine) {
  int age = AgeOn(p, plan.day);
  Encounter e;
  e.kind = plan.kind;
  int index = static_cast<int>(p.encounters.size());
  int complexity = __builtin_popcount(p.chronic_mask);
  switch (plan.kind) {
    case EncounterKind::kOffice:
    case EncounterKind::kPreventive:
      e.department = OfficeDepartment(rng, p, age, family_medicine);
      if (plan.kind == EncounterKind::kPreventive) {
        e.department =
            age < 18 ? "PEDIATRICS" : (family_medicine ? "FAMILY MEDICINE" : "INTERNAL MEDICINE");
      }
      e.start = AppointmentTime(rng, plan.day);
      e.end = e.start + 60 * rng.Between(15, 45);
      e.has_vitals = true;
      break;
    case EncounterKind::kTelehealth:
      e.department = family_medicine ? "FAMILY MEDICINE" : "INTERNAL MEDICINE";
      e.start = AppointmentTime(rng, plan.day);
      e.end = e.start + 60 * rng.Between(10, 25);
      break;
    case EncounterKind::kEmergency:
      e.department = "EMERGENCY";
      e.start = plan.day * kSecondsPerDay + 60 * rng.Between(0, 24 * 60 - 1);
      e.end = e.start + 60 * rng.Between(90, 480);
      e.has_vitals = true;
      break;
    case EncounterKind::kInpatient:
      e.department = p.Has(Chronic::kHeartFailure) ? "CARDIOLOGY 5 EAST" : "MEDICINE 4 WEST";
      e.start = plan.day * kSecondsPerDay + 60 * rng.Between(0, 24 * 60 - 1);
      e.end =
          (plan.day + rng.Between(2, 7)) * kSecondsPerDay + 10 * kHour + 60 * rng.Between(0, 300);
      e.has_vitals = true;
      break;
    case EncounterKind::kEyeExam:
      e.department = "OPHTHALMOLOGY";
      e.start = AppointmentTime(rng, plan.day);
      e.end = e.start + 60 * rng.Between(30, 60);
      break;
  }
  if (e.has_vitals) e.vitals = MeasureVitals(context, rng, p, plan.day, plan.kind, plan.acute);
  p.encounters.push_back(e);

  int64_t billed = e.start + 60 * 5;
  switch (plan.kind) {
    case EncounterKind::kOffice:
    case EncounterKind::kTelehealth: {
      double u = rng.Unit();
      Cpt cpt = u < 0.55 - 0.05 * complexity ? Cpt::kVisitLow
                : u < 0.93                   ? Cpt::kVisitModerate
                                             : Cpt::kVisitHigh;
      if (index == 0 && rng.Chance(0.3)) cpt = Cpt::kNewPatientVisit;
      AddProcedure(p, cpt, billed, index);
      break;
    }
    case EncounterKind::kPreventive:
      AddProcedure(p, PreventiveCode(age), billed, index);
      break;
    case EncounterKind::kEmergency: {
      double u = rng.Unit();
      AddProcedure(p,
                   u < 0.3   ? Cpt::kEdLow
                   : u < 0.8 ? Cpt::kEdModerate
                             : Cpt::kEdHigh,
                   billed, index);
      if (plan.acute == 7 || p.Has(Chronic::kHeartFailure) || p.Has(Chronic::kAtrialFibrillation)) {
        AddProcedure(p, Cpt::kEcg, billed + 600, index);
      }
      if (p.Has(Chronic::kHeartFailure) || p.Has(Chronic::kCopd) || plan.acute == 4) {
        AddProcedure(p, Cpt::kChestXray, billed + 1800, index);
      }
      break;
    }
    case EncounterKind::kInpatient:
      AddProcedure(p, Cpt::kAdmission, billed, index);
      AddProcedure(p, Cpt::kEcg, billed + 1200, index);
      if (p.Has(Chronic::kHeartFailure) && rng.Chance(0.5)) {
        AddProcedure(p, Cpt::kEcho, billed + kSecondsPerDay, index);
      }
      AddProcedure(p, Cpt::kDischarge, e.end - 1800, index);
      break;
    case EncounterKind::kEyeExam:
      // Retinal imaging, or a comprehensive exam with the dilated-exam
      // quality code: the two ways a diabetic eye exam shows up in billing.
      if (rng.Chance(0.55)) {
        AddProcedure(p, Cpt::kFundusPhotography, billed, index);
      } else {
        AddProcedure(p, Cpt::kEyeExamEstablished, billed, index);
        AddProcedure(p, Cpt::kDilatedEyeExamDocumented, billed, index);
      }
      break;
  }

  if (plan.acute >= 0) {
    ConditionEpisode c;
    c.code = &AcuteConditions()[plan.acute];
    c.onset_day = plan.day - rng.Between(0, 5);
    c.abatement_day = plan.day + rng.Between(7, 21);
    if (c.abatement_day >= context.as_of_day) c.abatement_day = kNoDay;
    c.recorded_at = e.start + 600;
    c.encounter = index;
    p.conditions.push_back(c);
  }
  if (plan.kind == EncounterKind::kInpatient && p.Has(Chronic::kHeartFailure)) {
    absl::Span<const CodeText> codes = HeartFailureExacerbations();
    ConditionEpisode c;
    c.code = &codes[rng.Below(codes.size())];
    c.onset_day = plan.day;
    c.abatement_day = e.end / kSecondsPerDay;
    c.recorded_at = e.start + 1800;
    c.encounter = index;
    p.conditions.push_back(c);
  }
}

void RecordChronicConditions(Rng& rng, Person& p, const std::vector<Plan>& plans) {
  for (int c = 0; c < kChronicCount; ++c) {
    if (!p.Has(static_cast<Chronic>(c))) continue;
    absl::Span<const CodeText> codes = ChronicInfoOf(static_cast<Chronic>(c)).codes;
    ConditionEpisode episode;
    episode.code = &codes[rng.Skewed(codes.size())];
    episode.chronic = true;
    episode.onset_day = p.chronic_onset[c];
    episode.recorded_at = (episode.onset_day + rng.Between(0, 20)) * kSecondsPerDay + 10 * kHour;
    for (size_t i = 0; i < plans.size(); ++i) {
      if (plans[i].chronic == c) {
        episode.encounter = static_cast<int>(i);
        episode.recorded_at = p.encounters[i].start + 900;
        break;
      }
    }
    p.conditions.push_back(episode);
  }
}

// Annual ECGs for cardiac patients and autumn flu shots, at an office visit
// in the right season.
void AddRoutineProcedures(Rng& rng, Person& p) {
  bool cardiac = p.Has(Chronic::kHeartFailure) || p.Has(Chronic::kAtrialFibrillation) ||
                 p.Has(Chronic::kHypertension);
  int last_flu_year = -1;
  int64_t last_ecg = -100000;
  for (size_t i = 0; i < p.encounters.size(); ++i) {
    const Encounter& e = p.encounters[i];
    if (e.kind != EncounterKind::kOffice && e.kind != EncounterKind::kPreventive) continue;
    int64_t day = e.start / kSecondsPerDay;
    absl::CivilDay civil = absl::CivilDay(1970, 1, 1) + day;
    int season = civil.month() >= 9 ? static_cast<int>(civil.year()) : -1;
    if (season >= 0 && season != last_flu_year && AgeOn(p, day) >= 1 &&
        rng.Chance(AgeOn(p, day) >= 65 ? 0.7 : 0.45)) {
      last_flu_year = season;
      AddProcedure(p, Cpt::kFluVaccine, e.start + 1200, static_cast<int>(i));
      AddProcedure(p, Cpt::kImmunizationAdmin, e.start + 1200, static_cast<int>(i));
    }
    if (cardiac && day - last_ecg > 330 && rng.Chance(0.35)) {
      last_ecg = day;
      AddProcedure(p, Cpt::kEcg, e.start + 900, static_cast<int>(i));
    }
  }
}

}  // namespace

void GenerateEncounters(const HistoryContext& context, Rng& rng, Person& person) {
  bool family_medicine = rng.Chance(0.6);
  std::vector<Plan> plans = PlanVisits(context, rng, person);
  for (const Plan& plan : plans) BuildEncounter(context, rng, person, plan, family_medicine);
  RecordChronicConditions(rng, person, plans);
  AddRoutineProcedures(rng, person);
}

}  // namespace tessera::riverside
