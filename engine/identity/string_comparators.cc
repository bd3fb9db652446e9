// File: engine/identity/string_comparators.cc

#include "engine/identity/string_comparators.h"

#include <algorithm>
#include <cstddef>

#include "absl/container/inlined_vector.h"

namespace tessera::identity {

double Jaro(absl::string_view a, absl::string_view b) {
  if (a.empty() || b.empty()) return 0.0;
  if (a == b) return 1.0;
  // Characters match when equal and no further apart than this window.
  const size_t window = std::max<size_t>(std::max(a.size(), b.size()) / 2, 1) - 1;
  // Names are short: inline buffers avoid an allocation per comparison.
  absl::InlinedVector<char, 32> a_matched(a.size(), 0);
  absl::InlinedVector<char, 32> b_matched(b.size(), 0);
  size_t matches = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    size_t lo = i > window ? i - window : 0;
    size_t hi = std::min(i + window + 1, b.size());
    for (size_t j = lo; j < hi; ++j) {
      if (b_matched[j] || a[i] != b[j]) continue;
      a_matched[i] = b_matched[j] = 1;
      ++matches;
      break;
    }
  }
  if (matches == 0) return 0.0;
  // Half the matched characters that appear in a different order.
  size_t out_of_order = 0;
  size_t k = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    if (!a_matched[i]) continue;
    while (!b_matched[k]) ++k;
    if (a[i] != b[k]) ++out_of_order;
    ++k;
  }
  const double m = static_cast<double>(matches);
  return (m / a.size() + m / b.size() + (m - out_of_order / 2.0) / m) / 3.0;
}

double JaroWinkler(absl::string_view a, absl::string_view b, double prefix_scale) {
  double jaro = Jaro(a, b);
  size_t prefix = 0;
  size_t limit = std::min<size_t>({4, a.size(), b.size()});
  while (prefix < limit && a[prefix] == b[prefix]) ++prefix;
  return jaro + prefix * std::min(prefix_scale, 0.25) * (1.0 - jaro);
}

}  // namespace tessera::identity
