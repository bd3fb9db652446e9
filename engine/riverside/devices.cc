// Home devices: bathroom scales, blood-pressure cuffs and glucose meters that
// report to the device hub. Heart-failure patients weigh themselves daily,
// which is what the weight-gain alert workloads read.

#include <algorithm>
#include <cmath>

#include "engine/riverside/history.h"

namespace tessera::riverside {
namespace {

constexpr int64_t kHour = 3600;

int32_t Round(double v) { return static_cast<int32_t>(std::llround(v)); }

void AddDevice(const HistoryContext& context, Rng& rng, Person& p, DeviceKind kind,
               int64_t earliest_registration) {
  Device d;
  d.kind = kind;
  d.metric = kind == DeviceKind::kScale && rng.Chance(0.3);
  int64_t day = rng.Between(earliest_registration, context.as_of_day - 10);
  d.registered_at = day * kSecondsPerDay + 8 * kHour + 60 * rng.Between(0, 14 * 60);
  int64_t first = std::max(day + 1, context.device_start_day);
  bool hf = p.Has(Chronic::kHeartFailure);
  for (int64_t t = first; t < context.as_of_day; ++t) {
    switch (kind) {
      case DeviceKind::kScale:
        if (!rng.Chance(hf ? 0.85 : 0.35)) break;
        d.readings.push_back({t * kSecondsPerDay + 6 * kHour + 60 * rng.Between(0, 180),
                              Round((TrueWeightLb(context, p, t) + rng.Normal(0, 0.5)) * 10), 0,
                              0});
        break;
      case DeviceKind::kBpCuff:
        for (int evening = 0; evening < 2; ++evening) {
          if (!rng.Chance(evening ? 0.15 : 0.45)) continue;
          int64_t at = t * kSecondsPerDay + (evening ? 19 : 6) * kHour + 60 * rng.Between(0, 150);
          d.readings.push_back({at, Round(TrueSystolic(p, t) - 4 + rng.Normal(0, 9)),
                                Round(TrueDiastolic(p, t) - 2 + rng.Normal(0, 6)),
                                Round(rng.ClampedNormal(p.body.pulse, 6, 45, 140))});
        }
        break;
      case DeviceKind::kGlucoseMeter: {
        double mean = 28.7 * p.body.a1c - 46.7;
        if (rng.Chance(0.55)) {
          d.readings.push_back({t * kSecondsPerDay + 6 * kHour + 60 * rng.Between(0, 120),
                                Round(rng.ClampedNormal(mean - 25, 20, 45, 450)), 0, 0});
        }
        if (rng.Chance(0.2)) {
          d.readings.push_back({t * kSecondsPerDay + 13 * kHour + 60 * rng.Between(0, 420),
                                Round(rng.ClampedNormal(mean + 45, 35, 60, 550)), 0, 0});
        }
        break;
      }
    }
  }
  p.devices.push_back(std::move(d));
}

}  // namespace

void GenerateDevices(const HistoryContext& context, Rng& rng, Person& p) {
  if (AgeOn(p, context.as_of_day) < 18) return;
  bool hf = p.Has(Chronic::kHeartFailure);
  bool htn = p.Has(Chronic::kHypertension);
  bool dm = p.Has(Chronic::kDiabetes);
  // Heart-failure patients are given scales at discharge, mostly recently;
  // everyone else bought theirs whenever.
  int64_t early = context.device_start_day - (hf ? 400 : 900);
  double scale = hf ? 0.7 : (dm || p.Has(Chronic::kObesity)) ? 0.08 : 0.025;
  if (rng.Chance(scale)) AddDevice(context, rng, p, DeviceKind::kScale, early);
  double cuff = hf ? 0.3 : htn ? 0.15 : 0.01;
  if (rng.Chance(cuff)) AddDevice(context, rng, p, DeviceKind::kBpCuff, early);
  if (dm && rng.Chance(0.3)) AddDevice(context, rng, p, DeviceKind::kGlucoseMeter, early);
}

}  // namespace tessera::riverside
