// What people are prescribed and what they pick up: courses of treatment
// become EHR medication orders (renewed yearly) and pharmacy dispensings
// (refilled, with the late and missed refills real adherence has).

#include <algorithm>
#include <string>
#include <vector>

#include "engine/riverside/history.h"

namespace tessera::riverside {
namespace {

constexpr int64_t kHour = 3600;

// One course of treatment: a drug taken from `start` until `end`.
struct Course {
  Drug drug;
  int64_t start = 0;
  int64_t end = kNoDay;
  bool chronic = true;
  bool as_needed = false;  // PRN: refilled irregularly.
  int days_supply = 30;
  int encounter = -1;
  bool outside = false;
};

void AddChronic(const HistoryContext& context, Rng& rng, const Person& p, Chronic c, Drug drug,
                std::vector<Course>& courses) {
  Course course;
  course.drug = drug;
  course.start = p.chronic_onset[static_cast<int>(c)] + rng.Between(0, 60);
  if (course.start >= context.as_of_day) return;
  if (rng.Chance(0.12)) {
    course.end = course.start + rng.Between(60, 1200);
    if (course.end >= context.as_of_day) course.end = kNoDay;
  }
  course.days_supply = rng.Chance(0.35) ? 90 : 30;
  // Anticoagulation clinics dispense warfarin a month at a time.
  if (drug == Drug::kWarfarin) course.days_supply = 30;
  courses.push_back(course);
}

std::vector<Course> ChronicCourses(const HistoryContext& context, Rng& rng, const Person& p) {
  std::vector<Course> courses;
  auto add = [&](Chronic c, Drug d, double probability) {
    if (p.Has(c) && rng.Chance(probability)) AddChronic(context, rng, p, c, d, courses);
  };
  bool ace = false;
  if (p.Has(Chronic::kHypertension)) {
    ace = rng.Chance(0.6);
    AddChronic(context, rng, p, Chronic::kHypertension, ace ? Drug::kLisinopril : Drug::kAmlodipine,
               courses);
    add(Chronic::kHypertension, Drug::kHydrochlorothiazide, 0.3);
  }
  add(Chronic::kDiabetes, Drug::kMetformin, 0.85);
  add(Chronic::kDiabetes, Drug::kGlipizide, p.body.a1c > 8 ? 0.6 : 0.25);
  add(Chronic::kHyperlipidemia, Drug::kAtorvastatin, 0.75);
  add(Chronic::kHeartFailure, Drug::kFurosemide, 0.85);
  add(Chronic::kHeartFailure, Drug::kCarvedilol, 0.7);
  if (!ace) add(Chronic::kHeartFailure, Drug::kLisinopril, 0.6);
  if (p.Has(Chronic::kAtrialFibrillation)) {
    double u = rng.Unit();
    if (u < 0.7) {
      AddChronic(context, rng, p, Chronic::kAtrialFibrillation, Drug::kWarfarin, courses);
    } else if (u < 0.95) {
      AddChronic(context, rng, p, Chronic::kAtrialFibrillation, Drug::kApixaban, courses);
    }
    add(Chronic::kAtrialFibrillation, Drug::kMetoprolol, 0.6);
  }
  if (p.Has(Chronic::kOsteoarthritis)) {
    size_t before = courses.size();
    add(Chronic::kOsteoarthritis, rng.Chance(0.5) ? Drug::kNaproxen : Drug::kIbuprofen600, 0.35);
    if (courses.size() > before) courses.back().as_needed = true;
    add(Chronic::kOsteoarthritis, Drug::kAcetaminophen, 0.3);
  }
  add(Chronic::kAsthma, Drug::kAlbuterol, 0.8);
  add(Chronic::kCopd, Drug::kAlbuterol, 0.8);
  add(Chronic::kDepression, Drug::kSertraline, 0.6);
  add(Chronic::kHypothyroidism, Drug::kLevothyroxine, 0.95);
  return courses;
}

// The drug an acute problem is treated with, if any.
bool AcuteDrug(Rng& rng, const char* icd10, Drug* drug) {
  std::string code = icd10;
  if (code == "J06.9" || code == "J20.9") {
    *drug = Drug::kAmoxicillin;
    return rng.Chance(code == "J06.9" ? 0.25 : 0.4);
  }
  if (code == "N39.0") {
    *drug = Drug::kCephalexin;
    return rng.Chance(0.7);
  }
  if (code == "M54.50" || code == "S93.401A" || code == "M25.561") {
    double u = rng.Unit();
    *drug = u < 0.45 ? Drug::kIbuprofen800 : Drug::kNaproxen;
    return u < 0.8;
  }
  if (code == "R51.9") {
    *drug = Drug::kAcetaminophen;
    return rng.Chance(0.3);
  }
  return false;
}

bool IsAnticoagulatedNow(const HistoryContext& context, const std::vector<Course>& courses) {
  for (const Course& c : courses) {
    if (c.drug == Drug::kWarfarin && c.end > context.as_of_day - 90) return true;
  }
  return false;
}

std::vector<Course> AcuteCourses(const HistoryContext& context, Rng& rng, const Person& p,
                                 bool anticoagulated) {
  std::vector<Course> courses;
  for (const ConditionEpisode& c : p.conditions) {
    if (c.chronic || c.encounter < 0) continue;
    Drug drug;
    if (!AcuteDrug(rng, c.code->code, &drug)) continue;
    Course course;
    course.drug = drug;
    course.chronic = false;
    course.start = p.encounters[c.encounter].start / kSecondsPerDay;
    course.days_supply = static_cast<int>(rng.Between(7, 10));
    course.end = course.start + course.days_supply;
    course.encounter = c.encounter;
    courses.push_back(course);
  }
  // Some anticoagulated patients are prescribed an NSAID anyway (knee pain,
  // a new prescriber): the drug-interaction workloads look for exactly this.
  if (anticoagulated && rng.Chance(0.35)) {
    Course course;
    course.drug = rng.Chance(0.5) ? Drug::kIbuprofen800 : Drug::kNaproxen;
    course.chronic = false;
    course.days_supply = static_cast<int>(rng.Between(10, 30));
    for (int i = static_cast<int>(p.encounters.size()) - 1; i >= 0; --i) {
      const Encounter& e = p.encounters[i];
      int64_t day = e.start / kSecondsPerDay;
      if (day < context.as_of_day - 120) break;
      if (e.kind == EncounterKind::kOffice) {
        course.encounter = i;
        course.start = day;
        break;
      }
    }
    if (course.encounter < 0) course.start = context.as_of_day - rng.Between(5, 100);
    course.end = course.start + course.days_supply;
    courses.push_back(course);
  }
  return courses;
}

// The office or telehealth visit closest to `day` within ten days, or -1:
// prescriptions are written at visits when there is one.
int NearestVisit(const Person& p, int64_t day) {
  int best = -1;
  int64_t best_distance = 11;
  for (size_t i = 0; i < p.encounters.size(); ++i) {
    const Encounter& e = p.encounters[i];
    if (e.kind != EncounterKind::kOffice && e.kind != EncounterKind::kTelehealth &&
        e.kind != EncounterKind::kPreventive) {
      continue;
    }
    int64_t distance = e.start / kSecondsPerDay - day;
    if (distance < 0) distance = -distance;
    if (distance < best_distance) {
      best_distance = distance;
      best = static_cast<int>(i);
    }
  }
  return best;
}

int QuantityFor(Drug drug, int days_supply) {
  int per_day = DrugInfoOf(drug).units_per_day;
  if (per_day == 0) return std::max(1, days_supply / 30);  // One inhaler a month.
  return per_day * days_supply;
}

void EmitFills(const HistoryContext& context, Rng& rng, Person& p, int order_index,
               const MedOrder& order, bool as_needed, int rx) {
  if (rng.Chance(0.06)) return;  // Never picked up.
  int ndc_count = static_cast<int>(DrugInfoOf(order.drug).ndcs.size());
  int ndc = static_cast<int>(rng.Below(ndc_count));
  int64_t day = order.start_day + rng.Between(0, 3);
  int64_t stop = std::min(order.end_day, context.as_of_day);
  for (int fill_number = 0; fill_number <= order.refills && day < stop; ++fill_number) {
    if (day >= context.pharmacy_start_day) {
      // Generic manufacturers change now and then, and so does the NDC.
      if (rng.Chance(0.1)) ndc = static_cast<int>(rng.Below(ndc_count));
      Fill fill;
      fill.drug = order.drug;
      fill.order = order_index;
      fill.rx = rx;
      fill.fill_number = fill_number;
      fill.ndc = ndc;
      fill.day = day;
      fill.days_supply = order.days_supply;
      fill.quantity = order.quantity;
      p.fills.push_back(fill);
    }
    int64_t delay = as_needed         ? rng.Between(0, 60)
                    : rng.Chance(0.8) ? rng.Between(-3, 4)
                                      : rng.Between(5, 40);
    day += order.days_supply + delay;
  }
}

// Turns courses into yearly prescriptions (orders) and their dispensings.
void EmitOrders(const HistoryContext& context, Rng& rng, Person& p,
                const std::vector<Course>& courses) {
  int rx = 0;
  for (const Course& course : courses) {
    int64_t order_start = course.start;
    bool outside = !p.in_ehr || rng.Chance(course.chronic ? 0.03 : 0.05);
    while (order_start < context.as_of_day && order_start < course.end) {
      MedOrder order;
      order.drug = course.drug;
      order.start_day = order_start;
      int64_t planned_end = course.chronic ? order_start + 365 : course.end;
      order.end_day = std::min(planned_end, course.end);
      order.discontinued = course.end < planned_end && course.end != kNoDay;
      order.days_supply = course.days_supply;
      order.quantity = QuantityFor(course.drug, course.days_supply);
      order.refills = course.chronic ? 365 / course.days_supply - 1 : 0;
      if (order.end_day > context.window_start_day) {
        order.encounter = course.encounter >= 0 ? course.encounter : NearestVisit(p, order_start);
        order.ordered_at =
            order.encounter >= 0
                ? p.encounters[order.encounter].start + 60 * rng.Between(10, 40)
                : order_start * kSecondsPerDay + 9 * kHour + 60 * rng.Between(0, 480);
        order.outside = outside;
        int index = static_cast<int>(p.orders.size());
        p.orders.push_back(order);
        if (p.in_pharmacy) EmitFills(context, rng, p, index, order, course.as_needed, ++rx);
      }
      if (!course.chronic) break;
      order_start = planned_end;
    }
  }
}

}  // namespace

void GenerateMedications(const HistoryContext& context, Rng& rng, Person& person) {
  std::vector<Course> chronic = ChronicCourses(context, rng, person);
  std::vector<Course> acute =
      AcuteCourses(context, rng, person, IsAnticoagulatedNow(context, chronic));
  EmitOrders(context, rng, person, chronic);
  EmitOrders(context, rng, person, acute);
}

}  // namespace tessera::riverside
