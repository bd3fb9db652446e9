// What a person's body is like and which chronic conditions they carry; the
// measurements every later step draws are centered on these.

#include <algorithm>
#include <cmath>

#include "engine/riverside/history.h"

namespace tessera::riverside {
namespace {

int AgeBand(int age) {
  if (age < 18) return 0;
  if (age < 40) return 1;
  if (age < 65) return 2;
  if (age < 80) return 3;
  return 4;
}

constexpr double kDaysPerYear = 365.2425;

int64_t YearsToDays(double years) { return static_cast<int64_t>(years * kDaysPerYear); }

// Conditions influence each other: obesity raises the odds of diabetes and
// hypertension, which raise the odds of heart failure and kidney disease.
double Multiplier(Chronic c, const Person& p) {
  switch (c) {
    case Chronic::kHypertension:
      return p.Has(Chronic::kObesity) ? 1.5 : 0.9;
    case Chronic::kDiabetes:
      return p.Has(Chronic::kObesity) ? 2.0 : 0.8;
    case Chronic::kHeartFailure:
      return (p.Has(Chronic::kHypertension) ? 1.4 : 0.7) * (p.Has(Chronic::kDiabetes) ? 1.3 : 1.0);
    case Chronic::kCkd:
      return p.Has(Chronic::kDiabetes) || p.Has(Chronic::kHypertension) ? 1.4 : 0.6;
    default:
      return 1.0;
  }
}

// The earliest age a condition is diagnosed at in this population.
double OnsetAge(Chronic c) {
  switch (c) {
    case Chronic::kAsthma:
    case Chronic::kObesity:
    case Chronic::kDepression:
      return 4;
    case Chronic::kHeartFailure:
    case Chronic::kAtrialFibrillation:
    case Chronic::kCkd:
      return 40;
    default:
      return 18;
  }
}

// Obesity is decided first, then the conditions it influences.
constexpr Chronic kDecisionOrder[] = {
    Chronic::kObesity,      Chronic::kHypertension,
    Chronic::kDiabetes,     Chronic::kHyperlipidemia,
    Chronic::kHeartFailure, Chronic::kAtrialFibrillation,
    Chronic::kCkd,          Chronic::kOsteoarthritis,
    Chronic::kAsthma,       Chronic::kCopd,
    Chronic::kDepression,   Chronic::kHypothyroidism,
};

void GenerateConditions(const HistoryContext& context, Rng& rng, Person& p) {
  int age = AgeOn(p, context.as_of_day);
  int band = AgeBand(age);
  for (Chronic c : kDecisionOrder) {
    const ChronicInfo& info = ChronicInfoOf(c);
    double prevalence = info.prevalence[band] * Multiplier(c, p);
    if (c == Chronic::kHypothyroidism && p.identity.sex == Sex::kFemale) prevalence *= 1.6;
    if (!rng.Chance(std::min(prevalence, 0.95))) continue;
    int64_t lo = std::max(p.identity.birth_day + YearsToDays(OnsetAge(c)),
                          context.as_of_day - YearsToDays(25));
    int64_t hi = context.as_of_day - 14;
    if (lo >= hi) lo = std::max(p.identity.birth_day + 365, hi - 365);
    if (lo >= hi) continue;  // A newborn has no chronic history.
    p.chronic_mask |= 1u << static_cast<int>(c);
    p.chronic_onset[static_cast<int>(c)] = rng.Between(lo, hi);
  }
}

void GeneratePhysiology(const HistoryContext& context, Rng& rng, Person& p) {
  Physiology& b = p.body;
  bool female = p.identity.sex == Sex::kFemale;
  int age = AgeOn(p, context.window_start_day);
  b.height_in = female ? rng.ClampedNormal(64, 2.7, 56, 73) : rng.ClampedNormal(69.5, 3, 61, 79);
  double bmi = p.Has(Chronic::kObesity) ? rng.ClampedNormal(35, 4, 30, 52)
                                        : rng.ClampedNormal(26.5, 3.2, 17.5, 29.9);
  b.weight_lb = bmi * b.height_in * b.height_in / 703.0;
  b.weight_lb_per_year = rng.Normal(0.5, 2.0);
  b.child_size = rng.ClampedNormal(1.0, 0.1, 0.75, 1.3);
  b.systolic = p.Has(Chronic::kHypertension) ? rng.ClampedNormal(152, 10, 135, 190)
                                             : rng.ClampedNormal(116, 8, 95, 134);
  if (age > 40) b.systolic += (age - 40) * 0.2;
  b.diastolic = p.Has(Chronic::kHypertension) ? rng.ClampedNormal(92, 6, 80, 115)
                                              : rng.ClampedNormal(75, 6, 58, 88);
  b.pulse = rng.ClampedNormal(74, 8, 52, 100);
  if (p.Has(Chronic::kDiabetes)) {
    b.a1c = rng.ClampedNormal(7.8, 1.2, 6.1, 12.5);
  } else if (p.Has(Chronic::kObesity) && rng.Chance(0.04)) {
    b.a1c = rng.Uniform(6.5, 7.3);  // Undiagnosed diabetes, for screening workloads.
  } else {
    b.a1c = rng.ClampedNormal(p.Has(Chronic::kObesity) ? 5.6 : 5.3, 0.25, 4.4, 6.4);
  }
  b.creatinine =
      female ? rng.ClampedNormal(0.75, 0.12, 0.45, 1.1) : rng.ClampedNormal(0.95, 0.14, 0.6, 1.3);
  if (p.Has(Chronic::kCkd)) b.creatinine = rng.ClampedNormal(1.8, 0.4, 1.35, 3.2);
  b.ldl = p.Has(Chronic::kHyperlipidemia) ? rng.ClampedNormal(155, 25, 110, 240)
                                          : rng.ClampedNormal(112, 25, 50, 170);
  b.hemoglobin =
      female ? rng.ClampedNormal(13.3, 0.9, 10.5, 16) : rng.ClampedNormal(14.9, 1.0, 12, 17.5);
  if (p.Has(Chronic::kCkd)) b.hemoglobin -= 1.3;
}

// Fluid retention runs within the home-device window. About half of people
// with heart failure have one that gains 11-16 lb in under a week (the alert
// workloads look for >= 10 lb within 7 days), some have a near miss that
// stays under 9 lb, and a third of the alert-worthy ones are in the last two
// weeks, so "right now" questions have answers too.
void GenerateWeightEpisodes(const HistoryContext& context, Rng& rng, Person& p) {
  if (!p.Has(Chronic::kHeartFailure)) return;
  auto add = [&](double gain, bool recent) {
    WeightEpisode e;
    e.rise_days = static_cast<int>(rng.Between(3, 6));
    e.plateau_days = static_cast<int>(rng.Between(1, 4));
    e.fall_days = static_cast<int>(rng.Between(3, 7));
    e.gain_lb = gain;
    int64_t last_start = context.as_of_day - e.rise_days - 1;
    e.start_day = recent ? last_start - rng.Between(0, 10)
                         : rng.Between(context.device_start_day, last_start - 25);
    p.weight_episodes.push_back(e);
  };
  double u = rng.Unit();
  if (u < 0.5) {
    bool recent = rng.Chance(0.35);
    add(rng.Uniform(11, 16), recent);
    if (rng.Chance(0.25)) add(rng.Uniform(11, 15), false);
  }
  if (rng.Chance(0.3)) add(rng.Uniform(4, 8.5), false);
}

void DecideCoverage(const HistoryContext& context, Rng& rng, Person& p) {
  int chronic = __builtin_popcount(p.chronic_mask);
  bool heavy = p.Has(Chronic::kHeartFailure) || p.Has(Chronic::kAtrialFibrillation) ||
               p.Has(Chronic::kDiabetes);
  p.in_ehr = rng.Chance(chronic >= 2 ? 0.98 : 0.95);
  p.in_lab = rng.Chance(chronic >= 1 ? 0.88 : 0.78);
  p.in_pharmacy = rng.Chance(heavy ? 0.8 : 0.55);
  if (!p.in_ehr && !p.in_lab && !p.in_pharmacy) p.in_ehr = true;
  p.home_site = rng.Chance(context.north_site_rate) ? LabSite::kNorth : LabSite::kMain;
}

}  // namespace

void GenerateBody(const HistoryContext& context, Rng& rng, Person& person) {
  GenerateConditions(context, rng, person);
  GeneratePhysiology(context, rng, person);
  GenerateWeightEpisodes(context, rng, person);
  DecideCoverage(context, rng, person);
}

double TrueWeightLb(const HistoryContext& context, const Person& p, int64_t day) {
  const Physiology& b = p.body;
  double years = static_cast<double>(day - p.identity.birth_day) / kDaysPerYear;
  if (years < 18) {
    // A crude growth curve: height rises ~2.6 in a year from 20 in at birth,
    // BMI from 16 toward adult values.
    double height = std::min(20.0 + 2.6 * years, b.height_in);
    double bmi = 15.5 + 0.35 * years;
    return b.child_size * bmi * height * height / 703.0;
  }
  double w = b.weight_lb + b.weight_lb_per_year *
                               static_cast<double>(day - context.window_start_day) / kDaysPerYear;
  for (const WeightEpisode& e : p.weight_episodes) {
    int64_t t = day - e.start_day;
    if (t <= 0) continue;
    if (t <= e.rise_days) {
      w += e.gain_lb * static_cast<double>(t) / e.rise_days;
    } else if (t <= e.rise_days + e.plateau_days) {
      w += e.gain_lb;
    } else if (t < e.rise_days + e.plateau_days + e.fall_days) {
      double down = static_cast<double>(t - e.rise_days - e.plateau_days) / e.fall_days;
      w += e.gain_lb * (1.0 - down);
    }
  }
  return w;
}

double TrueSystolic(const Person& p, int64_t day) {
  double s = p.body.systolic;
  if (p.Has(Chronic::kHypertension)) {
    // Treatment starts a month after diagnosis and takes six months to work.
    int64_t treated_from = p.chronic_onset[static_cast<int>(Chronic::kHypertension)] + 30;
    if (day > treated_from) {
      s -= 16.0 * std::min(1.0, static_cast<double>(day - treated_from) / 180.0);
    }
  }
  return s;
}

double TrueDiastolic(const Person& p, int64_t day) {
  double d = p.body.diastolic;
  if (p.Has(Chronic::kHypertension)) {
    int64_t treated_from = p.chronic_onset[static_cast<int>(Chronic::kHypertension)] + 30;
    if (day > treated_from) {
      d -= 8.0 * std::min(1.0, static_cast<double>(day - treated_from) / 180.0);
    }
  }
  return d;
}

}  // namespace tessera::riverside
