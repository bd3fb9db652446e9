// `tessera link`: builds or updates the identity link index, one enterprise
// patient id across every source's person records, and optionally scores it
// against the generator's ground truth.

#include <filesystem>
#include <iostream>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "engine/cli/args.h"
#include "engine/cli/command.h"
#include "engine/cli/open_sources.h"
#include "engine/config/home.h"
#include "engine/identity/evaluation.h"
#include "engine/identity/link_job.h"
#include "engine/identity/link_store.h"
#include "engine/identity/riverside_sources.h"

namespace tessera::cli {
namespace {

const std::vector<FlagSpec>& LinkFlags() {
  static const std::vector<FlagSpec> flags = {
      {"config", "FILE", "configuration file (default: the embedded default in the home folder)", ""},
      {"home", "DIR", "home folder of the embedded default (default: $TESSERA_HOME or ~/.tessera)", ""},
      {"store", "CONNECTION", "ODBC connection string of the link index (default: SQLite file HOME/link.db)", ""},
      {"store-dialect", "KIND", "sqlite, postgresql or mariadb (default: from the connection string's driver)", ""},
      {"store-schema", "NAME", "PostgreSQL schema or MariaDB database holding the index", ""},
      {"devices", "FILE", "read device registrations from this JSON lines file instead of the devices source", ""},
      {"rebuild", "", "link everything from scratch and re-estimate the weights", ""},
      {"match-weight", "W", "match weight (log2 of m/u summed over fields) at or above which two records are linked", "11"},
      {"possible-weight", "W", "match weight at or above which a pair is kept as a possible match", "6"},
      {"evaluate", "", "score the links against the ground truth (pairwise precision, recall, F1)", ""},
      {"truth", "FILE", "ground truth for --evaluate (default: HOME/data/truth/person_records.csv)", ""},
  };
  return flags;
}

constexpr char kLinkUsage[] =
    "Usage: tessera link [FLAGS]\n\n"
    "Resolves identity across the sources: gives every person one enterprise id\n"
    "and stores, for each, the records each source holds (ids and links only).\n"
    "Records sharing a reliable identifier (the EHR MRN) are linked directly;\n"
    "the rest by Fellegi-Sunter matching on demographics, with weights\n"
    "estimated from the data. The first run links everything; later runs link\n"
    "only records that are new or changed, and keep every other enterprise id.\n"
    "Device registrations come from the configured device hub (the devices\n"
    "source) when it answers, else from its export HOME/data/devices/registrations.jsonl.\n\n";

DialectKind GuessDialect(const std::string& connection) {
  std::string lower = absl::AsciiStrToLower(connection);
  if (absl::StrContains(lower, "postgres")) return DialectKind::kPostgres;
  if (absl::StrContains(lower, "maria") || absl::StrContains(lower, "mysql")) return DialectKind::kMariaDb;
  return DialectKind::kSqlite;
}

int Fail(absl::string_view message) {
  std::cerr << "tessera link: " << message << "\n";
  return kExitError;
}

int Evaluate(const identity::LinkJobReport& report, const std::string& truth_path) {
  absl::StatusOr<absl::flat_hash_map<identity::RecordKey, int64_t>> truth = identity::LoadRiversideTruth(truth_path);
  if (!truth.ok()) return Fail(truth.status().message());
  std::vector<int64_t> predicted, actual;
  int64_t unknown = 0;
  for (size_t i = 0; i < report.records.size(); ++i) {
    auto it = truth->find(report.records[i].key);
    if (it == truth->end()) {
      ++unknown;
      continue;
    }
    predicted.push_back(report.result.enterprise_ids[i]);
    actual.push_back(it->second);
  }
  identity::PairScores s = identity::ScorePairs(predicted, actual);
  std::cout << absl::StrFormat(
      "evaluation against %s: %d records scored (%d not in the truth)\n"
      "  linked pairs: %d true, %d false; missed pairs: %d\n"
      "  precision %.4f  recall %.4f  F1 %.4f\n",
      truth_path, predicted.size(), unknown, s.true_positives, s.false_positives, s.false_negatives, s.precision(),
      s.recall(), s.f1());
  return kExitOk;
}

}  // namespace

int RunLink(const std::vector<std::string>& argv) {
  absl::StatusOr<ParsedArgs> args = ParseArgs(argv, LinkFlags());
  if (!args.ok()) {
    std::cerr << "tessera link: " << args.status().message() << "\n";
    return kExitUsage;
  }
  if (args->help) {
    std::cout << kLinkUsage << FlagsHelp(LinkFlags());
    return kExitOk;
  }
  if (!args->positionals.empty()) {
    std::cerr << "tessera link: takes no arguments, only flags\n";
    return kExitUsage;
  }
  identity::LinkJobOptions options;
  options.rebuild = args->Has("rebuild");
  absl::StatusOr<double> match = args->GetDouble("match-weight");
  absl::StatusOr<double> possible = args->GetDouble("possible-weight");
  for (const absl::Status& s : {match.status(), possible.status()}) {
    if (!s.ok()) {
      std::cerr << "tessera link: " << s.message() << "\n";
      return kExitUsage;
    }
  }
  if (*possible > *match) {
    std::cerr << "tessera link: --possible-weight cannot exceed --match-weight\n";
    return kExitUsage;
  }
  options.link.match_weight = *match;
  options.link.possible_weight = *possible;

  const std::string home = ResolveHome(args->Get("home"));
  absl::StatusOr<std::unique_ptr<SourceRegistry>> registry = OpenSources(args->Get("config"), args->Get("home"));
  if (!registry.ok()) return Fail(registry.status().message());
  // Device registrations: the file named by --devices; else the configured
  // hub (the `devices` gRPC source) when it answers; else the hub's export.
  std::string devices = args->Get("devices");
  if (!devices.empty() && !std::filesystem::exists(devices)) {
    return Fail(absl::StrCat("no device registrations file at ", devices));
  }
  if (devices.empty()) {
    std::string export_file = absl::StrCat(HomeDataDir(home), "/devices/registrations.jsonl");
    absl::StatusOr<Connector*> hub = (*registry)->Find("devices");
    if (!hub.ok() || (*hub)->dialect() != nullptr) {
      devices = export_file;
    } else if (absl::Status health = (*hub)->CheckHealth(); !health.ok()) {
      std::cerr << "device hub not answering (" << health.message() << "); reading registrations from "
                << export_file << "\n";
      devices = export_file;
    }
  }
  std::vector<std::unique_ptr<identity::RecordSource>> owned = identity::RiversideRecordSources(**registry, devices);
  if (owned.empty()) return Fail("no configured source has a person table (ehr, lab, pharmacy) or device file");
  std::vector<identity::RecordSource*> sources;
  for (const auto& s : owned) sources.push_back(s.get());

  std::string store_connection = args->Get("store");
  DialectKind dialect = DialectKind::kSqlite;
  if (store_connection.empty()) {
    store_connection = absl::StrCat("Driver=SQLite3;Database=", home, "/link.db");
  } else if (args->Has("store-dialect")) {
    absl::StatusOr<DialectKind> kind = ParseDialectKind(args->Get("store-dialect"));
    if (!kind.ok()) {
      std::cerr << "tessera link: --store-dialect: " << kind.status().message() << "\n";
      return kExitUsage;
    }
    dialect = *kind;
  } else {
    dialect = GuessDialect(store_connection);
  }
  absl::StatusOr<std::unique_ptr<identity::LinkStore>> store =
      identity::LinkStore::Open(store_connection, dialect, args->Get("store-schema"));
  if (!store.ok()) return Fail(store.status().message());

  absl::StatusOr<identity::LinkJobReport> report = identity::RunLinkJob(sources, **store, options, &std::cerr);
  if (!report.ok()) return Fail(report.status().message());

  const identity::LinkStats& st = report->result.stats;
  std::cout << (report->incremental ? "incremental link" : "full link") << "\n";
  for (const auto& [source, count] : report->records_per_source) {
    std::cout << absl::StrFormat("  %-40s %9d records\n", source, count);
  }
  std::cout << absl::StrFormat(
      "  records %d (%d new or changed, %d removed)\n"
      "  pairs compared %d; deterministic links %d; matches %d; possible matches %d; links refused %d\n"
      "  enterprise ids %d%s\n"
      "  time: read %.2f s, link %.2f s, index %.2f s\n",
      st.records, st.new_records, st.removed_records, st.candidate_pairs, st.deterministic_links, st.matches,
      st.possible_matches, st.refused_links, st.clusters,
      st.reassigned_records > 0 ? absl::StrFormat(" (%d records moved by merges)", st.reassigned_records) : "",
      absl::ToDoubleSeconds(report->read_time), absl::ToDoubleSeconds(report->link_time),
      absl::ToDoubleSeconds(report->store_time));
  if (!report->incremental) {
    std::cout << absl::StrFormat("  EM: %d iterations%s, estimated match share among compared pairs %.4f\n",
                                 st.em_iterations, st.em_converged ? "" : " (not converged)",
                                 report->result.model.prior);
  }
  if (args->Has("evaluate")) {
    std::string truth = args->Has("truth") ? args->Get("truth")
                                           : absl::StrCat(HomeDataDir(home), "/truth/person_records.csv");
    return Evaluate(*report, truth);
  }
  return kExitOk;
}

}  // namespace tessera::cli
