#include "engine/riverside/pharmacy_source.h"

#include <algorithm>
#include <map>
#include <tuple>

namespace tessera::riverside {
namespace {

int64_t FirstFillDay(const Person& p) {
  int64_t first = kNoDay;
  for (const Fill& f : p.fills) first = std::min(first, f.day);
  return first;
}

struct Pending {
  int64_t day;
  int64_t customer_id;
  size_t person;
  int k;  // Index into Person::fills.
};

}  // namespace

PharmacyData BuildPharmacy(const std::vector<Person>& people, const HistoryContext& context,
                           const NoiseRates& rates) {
  PharmacyData pharmacy;
  RecordOptions options;
  options.stream = Stream::kPharmacyNoise;
  options.id_base = kFirstCustomerId;
  options.present = [](const Person& p) { return p.in_pharmacy; };
  options.first_fact_day = FirstFillDay;
  pharmacy.customers = BuildRecords(people, context, rates, options);

  std::vector<Pending> pending;
  for (size_t i = 0; i < people.size(); ++i) {
    if (!pharmacy.customers.Has(i)) continue;
    const std::vector<Fill>& fills = people[i].fills;
    for (size_t k = 0; k < fills.size(); ++k) {
      int64_t at = fills[k].day * kSecondsPerDay;
      pending.push_back(
          {fills[k].day, pharmacy.customers.RecordFor(i, at), i, static_cast<int>(k)});
    }
  }
  std::sort(pending.begin(), pending.end(), [](const Pending& a, const Pending& b) {
    return std::tie(a.day, a.customer_id, a.person, a.k) <
           std::tie(b.day, b.customer_id, b.person, b.k);
  });

  // Prescription numbers are handed out when a prescription is first filled.
  std::map<std::pair<size_t, int>, int64_t> rx_numbers;
  int64_t next_rx = 3000001;
  pharmacy.dispensings.reserve(pending.size());
  for (size_t n = 0; n < pending.size(); ++n) {
    const Pending& item = pending[n];
    const Person& p = people[item.person];
    const Fill& fill = p.fills[item.k];
    auto [it, inserted] = rx_numbers.try_emplace({item.person, fill.rx}, next_rx);
    if (inserted) ++next_rx;
    DispensingRow row;
    row.id = static_cast<int64_t>(n) + 1;
    row.customer_id = item.customer_id;
    row.rx_number = it->second;
    row.fill = &fill;
    const MedOrder& order = p.orders[fill.order];
    if (!order.outside) {
      row.prescriber_department =
          order.encounter >= 0 ? p.encounters[order.encounter].department : "";
    }
    pharmacy.dispensings.push_back(row);
  }
  return pharmacy;
}

}  // namespace tessera::riverside
