#include "engine/exec/explain.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace tessera {
namespace {

void Append(const Operator& op, int depth, bool with_stats, std::vector<std::string>* out) {
  std::string indent(depth * 2, ' ');
  std::string line = absl::StrCat(indent, depth > 0 ? "-> " : "", op.Describe());
  if (with_stats) {
    absl::StrAppendFormat(&line, "  (rows=%d batches=%d time=%.3f ms)", op.stats().rows_out, op.stats().batches_out,
                          absl::ToDoubleMilliseconds(op.stats().time));
  }
  out->push_back(line);
  for (const std::string& detail : op.Details()) out->push_back(absl::StrCat(indent, "     ", detail));
  for (const Operator* child : op.children()) Append(*child, depth + 1, with_stats, out);
}

}  // namespace

std::vector<std::string> ExplainLines(const Operator& root, bool with_stats) {
  std::vector<std::string> lines;
  Append(root, 0, with_stats, &lines);
  return lines;
}

}  // namespace tessera
