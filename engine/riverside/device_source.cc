#include "engine/riverside/device_source.h"

#include <algorithm>
#include <tuple>

#include "absl/strings/str_format.h"

namespace tessera::riverside {
namespace {

// People type their own profiles into a phone app: nicknames are three times
// as common as at a registration desk, and optional fields are skipped twice
// as often.
constexpr SourceHabits kHubHabits = {3.0, 2.0};

// A 48-bit odd multiplier permutes 48-bit numbers, so sequence numbers map to
// distinct, unordered-looking hex ids.
uint64_t Scramble(uint64_t n, uint64_t salt) {
  return ((n * 0x9E3779B97F4BULL) ^ salt) & 0xFFFFFFFFFFFFULL;
}

const char* SerialPrefix(DeviceKind kind) {
  switch (kind) {
    case DeviceKind::kScale:
      return "SC";
    case DeviceKind::kBpCuff:
      return "BP";
    case DeviceKind::kGlucoseMeter:
      return "GM";
  }
  return "XX";
}

// The first reading at or after `at`.
size_t FirstReadingFrom(const Device& d, int64_t at) {
  return static_cast<size_t>(
      std::lower_bound(d.readings.begin(), d.readings.end(), at,
                       [](const Reading& r, int64_t t) { return r.at < t; }) -
      d.readings.begin());
}

}  // namespace

DeviceData BuildDevices(const std::vector<Person>& people, const HistoryContext& context,
                        const NoiseRates& rates) {
  DeviceData data;
  std::vector<Registration> regs;
  // Account numbers: per person, 2*i for the first account, 2*i+1 for the
  // second; replaced by hex ids in order of first registration below.
  std::vector<uint64_t> account_of;
  uint64_t serial_number = 0;
  for (size_t i = 0; i < people.size(); ++i) {
    const Person& p = people[i];
    if (p.devices.empty()) continue;
    Rng rng = Rng::For(context.seed, Stream::kDeviceNoise, i);
    std::string noise;
    Demographics owner = RecordIdentity(p.identity, rates, kHubHabits, rng, &noise);
    for (const Device& d : p.devices) {
      Registration r;
      r.device = &d;
      r.person = i;
      r.registered_at = d.registered_at;
      r.serial = absl::StrFormat("%s-%08X", SerialPrefix(d.kind),
                                 Scramble(++serial_number, context.seed) & 0xFFFFFFFFULL);
      r.end_reading = d.readings.size();
      r.owner = owner;
      r.noise = noise;
      regs.push_back(std::move(r));
      account_of.push_back(2 * i);
    }
    if (!rng.Chance(rates.duplicate_person)) continue;
    // A second account (a new phone, a forgotten password) re-registers the
    // person's last device; its later readings arrive under the new account.
    Registration& last = regs.back();
    const Device& d = *last.device;
    int64_t lo = std::max(d.registered_at / kSecondsPerDay + 1, context.device_start_day);
    int64_t hi = context.as_of_day - 2;
    int64_t day = lo < hi ? rng.Between(lo, hi) : hi;
    Registration dup = last;
    dup.duplicate = true;
    dup.registered_at = day * kSecondsPerDay + 18 * 3600 + 60 * rng.Between(0, 240);
    dup.noise.clear();
    dup.owner = RecordDuplicateIdentity(p.identity, rates, kHubHabits, rng, &dup.noise);
    dup.first_reading = FirstReadingFrom(d, dup.registered_at);
    last.end_reading = dup.first_reading;
    regs.push_back(std::move(dup));
    account_of.push_back(2 * i + 1);
  }

  std::vector<size_t> order(regs.size());
  for (size_t k = 0; k < order.size(); ++k) order[k] = k;
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return std::tie(regs[a].registered_at, regs[a].person, a) <
           std::tie(regs[b].registered_at, regs[b].person, b);
  });
  std::vector<uint64_t> user_number(2 * people.size(), 0);  // By account; 0 = none yet.
  uint64_t next_user = 0;
  for (size_t n = 0; n < order.size(); ++n) {
    Registration r = regs[order[n]];
    uint64_t& number = user_number[account_of[order[n]]];
    if (number == 0) number = ++next_user;
    r.user_id = absl::StrFormat("u%012x", Scramble(number, context.seed >> 16));
    r.registration_id = absl::StrFormat("R%08d", n + 1);
    data.reading_count += static_cast<int64_t>(r.end_reading - r.first_reading);
    data.registrations.push_back(std::move(r));
  }
  return data;
}

}  // namespace tessera::riverside
