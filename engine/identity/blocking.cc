// File: engine/identity/blocking.cc

#include "engine/identity/blocking.h"

#include <algorithm>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace tessera::identity {
namespace {

char SoundexDigit(char c) {
  switch (c) {
    case 'b': case 'f': case 'p': case 'v': return '1';
    case 'c': case 'g': case 'j': case 'k': case 'q': case 's': case 'x': case 'z': return '2';
    case 'd': case 't': return '3';
    case 'l': return '4';
    case 'm': case 'n': return '5';
    case 'r': return '6';
    default: return '0';  // Vowels, h, w, y.
  }
}

}  // namespace

std::string Soundex(absl::string_view name) {
  std::string out;
  char last = 0;
  for (char raw : name) {
    char c = absl::ascii_tolower(static_cast<unsigned char>(raw));
    if (!absl::ascii_isalpha(static_cast<unsigned char>(c))) continue;
    char digit = SoundexDigit(c);
    if (out.empty()) {
      out.push_back(absl::ascii_toupper(static_cast<unsigned char>(c)));
      last = digit;
      continue;
    }
    // h and w do not separate equal codes; vowels do.
    if (c == 'h' || c == 'w') continue;
    if (digit != '0' && digit != last) out.push_back(digit);
    last = digit;
    if (out.size() == 4) break;
  }
  if (!out.empty()) out.resize(4, '0');
  return out;
}

std::vector<std::string> BlockingKeys(const PersonRecord& r) {
  std::vector<std::string> keys;
  if (r.birth.known()) {
    // Month and day in sorted order, so a swapped date lands in the same block.
    int lo = std::min(r.birth.month, r.birth.day), hi = std::max(r.birth.month, r.birth.day);
    keys.push_back(absl::StrCat("b", r.birth.year, "-", lo, "-", hi));
  }
  if (!r.family.empty() && !r.given.empty()) {
    keys.push_back(absl::StrCat("n", Soundex(r.family), Soundex(r.given)));
  }
  if (!r.family.empty() && !r.zip.empty()) {
    keys.push_back(absl::StrCat("z", r.zip, r.family.substr(0, 2), r.birth.year));
  }
  if (!r.national_id.empty()) keys.push_back(absl::StrCat("i", r.national_id));
  return keys;
}

CandidatePairs GenerateCandidates(const std::vector<PersonRecord>& records, const BlockingOptions& options,
                                  const std::vector<bool>* only_new) {
  absl::flat_hash_map<std::string, std::vector<uint32_t>> blocks;
  for (uint32_t i = 0; i < records.size(); ++i) {
    for (std::string& key : BlockingKeys(records[i])) blocks[std::move(key)].push_back(i);
  }
  CandidatePairs out;
  out.blocks = static_cast<int64_t>(blocks.size());
  for (const auto& [key, members] : blocks) {
    if (members.size() < 2) continue;
    if (static_cast<int>(members.size()) > options.max_block_size) {
      ++out.oversized_blocks;
      continue;
    }
    for (size_t a = 0; a < members.size(); ++a) {
      for (size_t b = a + 1; b < members.size(); ++b) {
        uint32_t i = members[a], j = members[b];
        if (only_new != nullptr && !(*only_new)[i] && !(*only_new)[j]) continue;
        out.pairs.emplace_back(std::min(i, j), std::max(i, j));
      }
    }
  }
  std::sort(out.pairs.begin(), out.pairs.end());
  out.pairs.erase(std::unique(out.pairs.begin(), out.pairs.end()), out.pairs.end());
  return out;
}

}  // namespace tessera::identity
