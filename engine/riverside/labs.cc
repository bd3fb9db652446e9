// Blood tests: what is drawn at which visit, on which schedule (HbA1c every
// few months for diabetics, INR monthly on warfarin, ...), and what the
// result truly is given the person's physiology and treatment.

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "engine/riverside/history.h"

namespace tessera::riverside {
namespace {

constexpr int64_t kHour = 3600;
constexpr int64_t kNever = std::numeric_limits<int64_t>::min() / 2;

bool Taking(const Person& p, Drug drug, int64_t day) {
  for (const MedOrder& o : p.orders) {
    if (o.drug == drug && o.start_day <= day && day < o.end_day) return true;
  }
  return false;
}

bool EverTook(const Person& p, Drug drug, int64_t day) {
  for (const MedOrder& o : p.orders) {
    if (o.drug == drug && o.start_day <= day) return true;
  }
  return false;
}

double TrueValue(Rng& rng, const Person& p, LabTest test, int64_t day, bool acute_care) {
  const Physiology& b = p.body;
  bool hf = p.Has(Chronic::kHeartFailure);
  switch (test) {
    case LabTest::kGlucose: {
      // Average glucose follows HbA1c (the ADAG relation); a single draw
      // scatters widely around it.
      double mean = 28.7 * b.a1c - 46.7;
      double v = rng.Normal(mean, p.Has(Chronic::kDiabetes) ? 25 : 8) + (acute_care ? 12 : 0);
      return std::clamp(v, 55.0, 450.0);
    }
    case LabTest::kHba1c:
      return std::clamp(rng.Normal(b.a1c, 0.35), 4.0, 14.0);
    case LabTest::kCreatinine:
      return std::clamp(rng.Normal(b.creatinine + (hf && acute_care ? 0.25 : 0), 0.07), 0.3, 8.0);
    case LabTest::kLdl: {
      double ldl = b.ldl * (EverTook(p, Drug::kAtorvastatin, day) ? 0.62 : 1.0);
      return std::clamp(rng.Normal(ldl, 12), 30.0, 280.0);
    }
    case LabTest::kPotassium: {
      double mean =
          4.2 - (Taking(p, Drug::kFurosemide, day) ? 0.3 : 0) + (p.Has(Chronic::kCkd) ? 0.4 : 0);
      return std::clamp(rng.Normal(mean, 0.3), 2.8, 6.5);
    }
    case LabTest::kSodium:
      return std::clamp(rng.Normal(hf ? 137 : 140, 2), 125.0, 150.0);
    case LabTest::kInr:
      if (Taking(p, Drug::kWarfarin, day)) return rng.ClampedNormal(2.5, 0.6, 1.1, 6.0);
      return rng.ClampedNormal(1.0, 0.07, 0.8, 1.3);
    case LabTest::kBnp:
      if (hf) return rng.ClampedNormal(450, 250, 110, 3000) * (acute_care ? 2.2 : 1.0);
      return rng.ClampedNormal(40, 22, 5, 99);
    case LabTest::kHemoglobin:
      return std::clamp(rng.Normal(b.hemoglobin, 0.4), 6.0, 19.0);
  }
  return 0;
}

// The true value quantized to what the main lab reports, in hundredths, so
// that a main-site row and the ground truth agree exactly.
int64_t Quantize(LabTest test, double value) {
  int decimals = LabTestInfoOf(test).main.decimals;
  int64_t step = decimals == 0 ? 100 : decimals == 1 ? 10 : 1;
  return static_cast<int64_t>(std::llround(value * 100.0 / static_cast<double>(step))) * step;
}

class Drawer {
 public:
  Drawer(Rng& rng, Person& p) : rng_(rng), p_(p) {
    std::fill(std::begin(last_), std::end(last_), kNever);
  }

  // Starts a new draw (one accession) at `collected_at`.
  void Begin(int64_t collected_at, int encounter, bool ordered_in_ehr, bool acute_care) {
    ++draw_;
    collected_at_ = collected_at;
    encounter_ = encounter;
    ordered_in_ehr_ = ordered_in_ehr;
    acute_care_ = acute_care;
    site_ = rng_.Chance(0.9) ? p_.home_site
                             : (p_.home_site == LabSite::kMain ? LabSite::kNorth : LabSite::kMain);
    drew_blood_ = false;
  }

  void Add(LabTest test, bool point_of_care = false) {
    int64_t day = collected_at_ / kSecondsPerDay;
    LabResult r;
    r.test = test;
    r.site = site_;
    r.ordered_in_ehr = ordered_in_ehr_ || point_of_care;
    r.point_of_care = point_of_care;
    r.draw = draw_;
    r.encounter = encounter_;
    r.collected_at = collected_at_;
    bool slow = test == LabTest::kHba1c || test == LabTest::kLdl;
    r.resulted_at = point_of_care ? collected_at_ + 60 * rng_.Between(5, 15)
                    : slow        ? collected_at_ + 60 * rng_.Between(240, 1680)
                                  : collected_at_ + 60 * rng_.Between(40, 240);
    r.value_x100 = Quantize(test, TrueValue(rng_, p_, test, day, acute_care_));
    p_.labs.push_back(r);
    last_[static_cast<int>(test)] = day;
    if (!point_of_care) drew_blood_ = true;
  }

  // A basic metabolic panel, as far as this lab's menu goes.
  void AddBasicPanel() {
    Add(LabTest::kGlucose);
    Add(LabTest::kCreatinine);
    Add(LabTest::kPotassium);
    Add(LabTest::kSodium);
  }

  bool DueFor(LabTest test, int64_t day, int64_t interval) const {
    return day - last_[static_cast<int>(test)] >= interval;
  }
  bool drew_blood() const { return drew_blood_; }

 private:
  Rng& rng_;
  Person& p_;
  int64_t last_[kLabTestCount];
  int draw_ = 0;
  int64_t collected_at_ = 0;
  int encounter_ = -1;
  bool ordered_in_ehr_ = false;
  bool acute_care_ = false;
  LabSite site_ = LabSite::kMain;
  bool drew_blood_ = false;
};

void OfficeTests(Rng& rng, const Person& p, int64_t day, bool preventive, int age, Drawer& d) {
  bool diabetic = p.Has(Chronic::kDiabetes);
  if (diabetic && d.DueFor(LabTest::kHba1c, day, 80) && rng.Chance(0.85)) {
    d.Add(LabTest::kHba1c, /*point_of_care=*/rng.Chance(0.25));
  } else if (!diabetic && preventive && age >= 35 && d.DueFor(LabTest::kHba1c, day, 1000) &&
             rng.Chance(p.Has(Chronic::kObesity) ? 0.6 : 0.2)) {
    d.Add(LabTest::kHba1c);
  }
  bool metabolic = p.Has(Chronic::kHypertension) || p.Has(Chronic::kHeartFailure) ||
                   p.Has(Chronic::kCkd) || diabetic || age >= 65;
  if (((metabolic && rng.Chance(0.7)) || (preventive && age >= 18 && rng.Chance(0.6))) &&
      d.DueFor(LabTest::kCreatinine, day, 150)) {
    d.AddBasicPanel();
  }
  if ((p.Has(Chronic::kHyperlipidemia) || diabetic || age >= 40) &&
      d.DueFor(LabTest::kLdl, day, 330) && rng.Chance(0.7)) {
    d.Add(LabTest::kLdl);
  }
  if (((preventive && age >= 18 && rng.Chance(0.5)) || p.Has(Chronic::kCkd)) &&
      d.DueFor(LabTest::kHemoglobin, day, 180)) {
    d.Add(LabTest::kHemoglobin);
  }
  if (p.Has(Chronic::kHeartFailure) && d.DueFor(LabTest::kBnp, day, 120) && rng.Chance(0.6)) {
    d.Add(LabTest::kBnp);
  }
  if (diabetic && rng.Chance(0.15)) d.Add(LabTest::kGlucose, /*point_of_care=*/true);
}

// Monthly-ish INR checks while on warfarin, drawn without a visit.
void InrChecks(const HistoryContext& context, Rng& rng, Person& p, Drawer& d) {
  int64_t first = kNoDay, last = kNever;
  for (const MedOrder& o : p.orders) {
    if (o.drug != Drug::kWarfarin) continue;
    first = std::min(first, o.start_day);
    last = std::max(last, std::min(o.end_day, context.as_of_day));
  }
  if (first == kNoDay) return;
  for (int64_t day = std::max(first + 5, context.window_start_day); day < last;
       day += rng.Between(21, 42)) {
    d.Begin(day * kSecondsPerDay + 7 * kHour + 60 * rng.Between(0, 240), -1,
            /*ordered_in_ehr=*/rng.Chance(0.75), /*acute_care=*/false);
    d.Add(LabTest::kInr);
  }
}

}  // namespace

void GenerateLabs(const HistoryContext& context, Rng& rng, Person& person) {
  Drawer d(rng, person);
  for (size_t i = 0; i < person.encounters.size(); ++i) {
    const Encounter& e = person.encounters[i];
    int64_t day = e.start / kSecondsPerDay;
    int age = AgeOn(person, day);
    int index = static_cast<int>(i);
    switch (e.kind) {
      case EncounterKind::kOffice:
      case EncounterKind::kPreventive:
        d.Begin(e.start + 60 * rng.Between(15, 50), index, true, false);
        OfficeTests(rng, person, day, e.kind == EncounterKind::kPreventive, age, d);
        break;
      case EncounterKind::kEmergency:
        if (age < 12 && rng.Chance(0.7)) break;
        d.Begin(e.start + 60 * rng.Between(10, 40), index, true, true);
        d.AddBasicPanel();
        d.Add(LabTest::kHemoglobin);
        if (person.Has(Chronic::kHeartFailure) && rng.Chance(0.7)) d.Add(LabTest::kBnp);
        break;
      case EncounterKind::kInpatient:
        d.Begin(e.start + 60 * rng.Between(20, 90), index, true, true);
        d.AddBasicPanel();
        d.Add(LabTest::kHemoglobin);
        if (person.Has(Chronic::kHeartFailure)) d.Add(LabTest::kBnp);
        d.Begin((day + 1) * kSecondsPerDay + 5 * kHour + 60 * rng.Between(0, 60), index, true,
                true);
        d.AddBasicPanel();
        break;
      default:
        continue;
    }
    if (d.drew_blood() &&
        (e.kind == EncounterKind::kOffice || e.kind == EncounterKind::kPreventive)) {
      person.procedures.push_back({Cpt::kVenipuncture, e.start + 60 * 20, index});
    }
  }
  for (const LabResult& r : person.labs) {
    if (!r.point_of_care) continue;
    Cpt cpt = r.test == LabTest::kHba1c ? Cpt::kHba1cPointOfCare : Cpt::kGlucosePointOfCare;
    person.procedures.push_back({cpt, r.collected_at, r.encounter});
  }
  InrChecks(context, rng, person, d);
}

}  // namespace tessera::riverside
