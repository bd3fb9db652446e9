// File: tests/conformance/slt_main.cc
//
// slt_runner: runs sqllogictest scripts against Tessera and prints a line
// per script and a summary line ("slt: N passed, N failed, N errors,
// N skipped"), e.g.
//
//   bazel run //tests/conformance:slt_runner -- --verbose /work/shared/conformance/slt
//
// It exits 0 when every script ran to its end (wrong answers included) and
// 1 when a script could not be read, parsed or set up, or on a usage error.

#include <algorithm>
#include <cstdio>
#include <functional>
#include <fstream>
#include <iostream>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "tests/conformance/slt_runner.h"

namespace tessera::slt {
namespace {

constexpr char kUsage[] =
    "usage: slt_runner [options] PATH...\n"
    "  PATH                 a .test script, or a folder of them\n"
    "  --verbose            print every failure and error with its SQL, expected and actual\n"
    "  --failures FILE      write every failure and error to FILE\n"
    "  --timeout SECONDS    cancel a query after this long (default 10)\n"
    "  --engine-name NAME   the name skipif/onlyif match (default postgresql)\n"
    "  --disable-pass NAME  switch an optimizer pass off, e.g. source_pushdown (repeatable)\n"
    "  --slowest N          list the N slowest queries with their times\n"
    "  --work-dir DIR       where the scripts' SQLite files go (default $TEST_TMPDIR or /tmp)\n";

struct Args {
  RunnerOptions runner;
  bool verbose = false;
  std::string failures_path;
  int slowest = 0;
  std::vector<std::string> paths;
};

bool ParseArgs(int argc, char** argv, Args& args) {
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&](std::string& out) {
      if (i + 1 >= argc) return false;
      out = argv[++i];
      return true;
    };
    std::string v;
    if (arg == "--verbose") {
      args.verbose = true;
    } else if (arg == "--failures") {
      if (!value(args.failures_path)) return false;
    } else if (arg == "--timeout") {
      double seconds = 0;
      if (!value(v) || !absl::SimpleAtod(v, &seconds) || seconds <= 0) return false;
      args.runner.query_timeout = absl::Seconds(seconds);
    } else if (arg == "--engine-name") {
      if (!value(args.runner.engine_name)) return false;
    } else if (arg == "--disable-pass") {
      if (!value(v)) return false;
      args.runner.disabled_passes.insert(v);
    } else if (arg == "--slowest") {
      if (!value(v) || !absl::SimpleAtoi(v, &args.slowest) || args.slowest < 0) return false;
    } else if (arg == "--work-dir") {
      if (!value(args.runner.work_dir)) return false;
    } else if (arg.rfind("--", 0) == 0) {
      return false;
    } else {
      args.paths.push_back(arg);
    }
  }
  return !args.paths.empty();
}

int Main(int argc, char** argv) {
  Args args;
  if (!ParseArgs(argc, argv, args)) {
    std::cerr << kUsage;
    return 1;
  }
  std::ofstream failures;
  if (!args.failures_path.empty()) {
    failures.open(args.failures_path);
    if (!failures) {
      std::cerr << "slt_runner: cannot write " << args.failures_path << "\n";
      return 1;
    }
  }
  absl::Time start = absl::Now();
  SltRunner runner(args.runner);
  FileResult total;
  bool all_ran = true;
  std::vector<std::pair<absl::Duration, std::string>> times;  // (took, "file:line")
  for (const std::string& path : args.paths) {
    for (const std::string& script : ListScripts(path)) {
      FileResult r = runner.RunFile(script);
      std::cout << FormatFileLine(r) << std::endl;
      all_ran = all_ran && r.status.ok();
      for (const Problem& p : r.problems) {
        if (args.verbose) std::cout << FormatProblem(p) << "\n";
        if (failures.is_open()) failures << FormatProblem(p) << "\n";
      }
      for (const auto& [line, took] : r.query_times) times.emplace_back(took, absl::StrCat(r.file, ":", line));
      total.passed += r.passed;
      total.failed += r.failed;
      total.errors += r.errors;
      total.skipped += r.skipped;
      total.statements_failed += r.statements_failed;
      total.statement_time += r.statement_time;
      total.query_time += r.query_time;
    }
  }
  if (args.slowest > 0) {
    size_t n = std::min<size_t>(args.slowest, times.size());
    std::partial_sort(times.begin(), times.begin() + n, times.end(), std::greater<>());
    std::cout << "slowest queries:\n";
    for (size_t i = 0; i < n; ++i) {
      std::cout << "  " << absl::StrFormat("%8.3f s  ", absl::ToDoubleSeconds(times[i].first)) << times[i].second << "\n";
    }
  }
  auto seconds = [](absl::Duration d) { return absl::StrFormat("%.2f s", absl::ToDoubleSeconds(d)); };
  std::cout << "time: " << seconds(absl::Now() - start) << " (statements in SQLite " << seconds(total.statement_time)
            << ", queries in Tessera " << seconds(total.query_time) << ")";
  if (total.statements_failed > 0) std::cout << "; " << total.statements_failed << " statements failed in SQLite";
  std::cout << "\n";
  std::cout << "slt: " << total.passed << " passed, " << total.failed << " failed, " << total.errors << " errors, "
            << total.skipped << " skipped" << std::endl;
  return all_ran ? 0 : 1;
}

}  // namespace
}  // namespace tessera::slt

int main(int argc, char** argv) { return tessera::slt::Main(argc, argv); }
