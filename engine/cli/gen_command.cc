// `tessera gen`: writes the Riverside sample health system into its sources
// and makes it the embedded default that every other command reads.

#include <filesystem>
#include <iostream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "engine/cli/args.h"
#include "engine/cli/command.h"
#include "engine/catalog/source_registry.h"
#include "engine/common/status_macros.h"
#include "engine/config/config_loader.h"
#include "engine/config/home.h"
#include "engine/devicehub/device_hub.h"
#include "engine/devicehub/device_tables.h"
#include "engine/identity/link_job.h"
#include "engine/identity/link_store.h"
#include "engine/identity/riverside_sources.h"
#include "engine/riverside/riverside.h"
#include "engine/riverside/unified_views.h"
#include "engine/types/datetime.h"

namespace tessera::cli {
namespace {

const std::vector<FlagSpec>& GenFlags() {
  // The rates' defaults are the generator's own.
  static const riverside::NoiseRates kRates;
  static const std::vector<FlagSpec> flags = {
      {"people", "N", "how many people live in Riverside", "1000"},
      {"seed", "N", "random seed; the same seed writes byte-identical data", "42"},
      {"noise", "X", "scales every noise rate below; 2 doubles them, 0 gives clean data", "1"},
      {"typo-rate", "P", "share of records with a typing error in a name", absl::StrCat(kRates.typo)},
      {"nickname-rate", "P", "share of records using a nickname (Bob for Robert)", absl::StrCat(kRates.nickname)},
      {"swapped-date-rate", "P", "share of birth dates with day and month swapped", absl::StrCat(kRates.swapped_day_month)},
      {"missing-rate", "P", "share of optional fields (phone, zip, ...) left empty", absl::StrCat(kRates.missing)},
      {"duplicate-person-rate", "P", "share of people a source holds twice", absl::StrCat(kRates.duplicate_person)},
      {"duplicate-fact-rate", "P", "share of EHR-ordered lab results also filed in the EHR", absl::StrCat(kRates.duplicate_fact)},
      {"resent-fact-rate", "P", "share of those that reach the EHR twice", absl::StrCat(kRates.resent_fact)},
      {"unit-variant-rate", "P", "share of people whose lab reports SI units under its own codes", absl::StrCat(kRates.unit_variant)},
      {"as-of", "YYYY-MM-DD", "the data's today: histories end on this date", "2026-11-01"},
      {"home", "DIR", "home folder of the embedded default (default: $TESSERA_HOME or ~/.tessera)", ""},
      {"postgres", "CONNECTION", "also load ehr, lab and pharmacy as schemas of this PostgreSQL database (ODBC connection string), with the ground truth as schema truth", ""},
      {"mariadb", "CONNECTION", "also load ehr, lab and pharmacy as MariaDB databases (ODBC connection string)", ""},
  };
  return flags;
}

constexpr char kGenUsage[] =
    "Usage: tessera gen [FLAGS]\n\n"
    "Generates Riverside, a fictional health system, as its own systems hold it:\n"
    "an EHR, a lab system and a pharmacy as SQLite files (and PostgreSQL or MariaDB\n"
    "when asked), home-device readings for the device hub ('tessera devicehub',\n"
    "the `devices` source at 127.0.0.1:50071), and the ground truth\n"
    "(which records are the same person, which rows the same fact) beside them.\n"
    "Writes the embedded default configuration so that 'tessera query' works next.\n\n";

// Where the embedded default keeps its link index.
std::string LinkIndexPath(const std::string& home) { return absl::StrCat(home, "/link.db"); }

config::TesseraConfig EmbeddedConfig(const std::string& home, const std::string& data_dir) {
  config::TesseraConfig cfg;
  for (const char* name : {"ehr", "lab", "pharmacy"}) {
    config::Source* source = cfg.add_source();
    source->set_name(name);
    source->mutable_odbc()->set_dialect(config::SQLITE);
    source->mutable_odbc()->set_connection_string(
        absl::StrCat("Driver=SQLite3;Database=", data_dir, "/", name, ".db"));
  }
  // The home devices are served by `tessera devicehub` on its default
  // address; queries that do not read them work without it.
  config::Source* devices = cfg.add_source();
  devices->set_name("devices");
  devices->mutable_grpc()->set_address(devicehub::kDefaultHubAddress);
  for (const devicehub::HubTable& t : devicehub::DeviceTableShapes()) {
    config::DeclaredTable* table = devices->mutable_grpc()->add_table();
    table->set_name(t.name);
    for (const Field& f : t.schema->fields()) {
      config::DeclaredColumn* c = table->add_column();
      c->set_name(f.name);
      c->set_type(f.type.ToString());
      c->set_not_null(!f.nullable);
    }
    for (const std::string& k : t.primary_key) table->add_primary_key(k);
  }
  // The link index `tessera link` keeps, so that the unified views carry
  // enterprise patient ids.
  config::Source* identity = cfg.add_source();
  identity->set_name("identity");
  identity->mutable_odbc()->set_dialect(config::SQLITE);
  identity->mutable_odbc()->set_connection_string(absl::StrCat("Driver=SQLite3;Database=", LinkIndexPath(home)));
  riverside::AddUnifiedViews({.code_map_file = absl::StrCat(data_dir, "/terminology/code_map.csv"),
                              .devices = true,
                              .identity_source = "identity"},
                             &cfg);
  return cfg;
}

// Links the freshly generated people into a new link index, as `tessera
// link` would, so that the unified views work at once.
absl::Status LinkGenerated(const config::TesseraConfig& cfg, const std::string& home, const std::string& data_dir) {
  absl::Time start = absl::Now();
  std::filesystem::remove(LinkIndexPath(home));  // The old ids mean nothing now.
  ASSIGN_OR_RETURN(std::unique_ptr<SourceRegistry> registry, SourceRegistry::Create(cfg));
  std::vector<std::unique_ptr<identity::RecordSource>> owned =
      identity::RiversideRecordSources(*registry, absl::StrCat(data_dir, "/devices/registrations.jsonl"));
  std::vector<identity::RecordSource*> sources;
  for (const auto& s : owned) sources.push_back(s.get());
  ASSIGN_OR_RETURN(std::unique_ptr<identity::LinkStore> store,
                   identity::LinkStore::Open(absl::StrCat("Driver=SQLite3;Database=", LinkIndexPath(home)),
                                             DialectKind::kSqlite, ""));
  identity::LinkJobOptions options;
  options.rebuild = true;
  ASSIGN_OR_RETURN(identity::LinkJobReport report, identity::RunLinkJob(sources, *store, options, nullptr));
  std::cout << absl::StrFormat("identity: %d records linked into %d enterprise ids in %.1f s (%s)\n",
                               report.result.stats.records, report.result.stats.clusters,
                               absl::ToDoubleSeconds(absl::Now() - start), LinkIndexPath(home));
  return absl::OkStatus();
}

int UsageError(absl::string_view message) {
  std::cerr << "tessera gen: " << message << "\n";
  return kExitUsage;
}

}  // namespace

int RunGen(const std::vector<std::string>& argv) {
  absl::StatusOr<ParsedArgs> args = ParseArgs(argv, GenFlags());
  if (!args.ok()) return UsageError(args.status().message());
  if (args->help) {
    std::cout << kGenUsage << FlagsHelp(GenFlags());
    return kExitOk;
  }
  if (!args->positionals.empty()) return UsageError("takes no arguments, only flags");
  riverside::GenOptions options;
  absl::StatusOr<int64_t> people = args->GetInt("people");
  absl::StatusOr<int64_t> seed = args->GetInt("seed");
  absl::StatusOr<double> noise = args->GetDouble("noise");
  absl::StatusOr<int64_t> as_of = ParseDate(args->Get("as-of"));
  for (const absl::Status& s : {people.status(), seed.status(), noise.status()}) {
    if (!s.ok()) return UsageError(s.message());
  }
  if (!as_of.ok()) return UsageError(absl::StrCat("--as-of: ", as_of.status().message()));
  if (*people < 1) return UsageError("--people must be at least 1");
  if (*noise < 0) return UsageError("--noise cannot be negative");
  struct RateFlag {
    const char* flag;
    double* rate;
  };
  for (RateFlag r : {RateFlag{"typo-rate", &options.rates.typo}, RateFlag{"nickname-rate", &options.rates.nickname},
                     RateFlag{"swapped-date-rate", &options.rates.swapped_day_month},
                     RateFlag{"missing-rate", &options.rates.missing},
                     RateFlag{"duplicate-person-rate", &options.rates.duplicate_person},
                     RateFlag{"duplicate-fact-rate", &options.rates.duplicate_fact},
                     RateFlag{"resent-fact-rate", &options.rates.resent_fact},
                     RateFlag{"unit-variant-rate", &options.rates.unit_variant}}) {
    absl::StatusOr<double> v = args->GetDouble(r.flag);
    if (!v.ok()) return UsageError(v.status().message());
    if (*v < 0 || *v > 1) return UsageError(absl::StrCat("--", r.flag, " is a share between 0 and 1"));
    *r.rate = *v;
  }
  options.people = *people;
  options.seed = static_cast<uint64_t>(*seed);
  options.noise = *noise;
  options.as_of = CivilFromDays(*as_of);
  std::string home = ResolveHome(args->Get("home"));
  options.data_dir = HomeDataDir(home);
  options.postgres_connection = args->Get("postgres");
  options.mariadb_connection = args->Get("mariadb");

  std::error_code ec;
  std::filesystem::create_directories(options.data_dir, ec);
  if (ec) {
    std::cerr << "tessera gen: cannot create " << options.data_dir << ": " << ec.message() << "\n";
    return kExitError;
  }
  absl::Time start = absl::Now();
  absl::Status status = riverside::GenerateRiverside(options, std::cout);
  if (!status.ok()) {
    std::cerr << "tessera gen: " << status.message() << "\n";
    return kExitError;
  }
  std::string config_path = HomeConfigPath(home);
  config::TesseraConfig cfg = EmbeddedConfig(home, options.data_dir);
  status = SaveConfig(cfg, config_path);
  if (status.ok()) status = LinkGenerated(cfg, home, options.data_dir);
  if (!status.ok()) {
    std::cerr << "tessera gen: " << status.message() << "\n";
    return kExitError;
  }
  std::cout << absl::StrFormat("Riverside: %d people in %.1f s; configuration written to %s\n", options.people,
                               absl::ToDoubleSeconds(absl::Now() - start), config_path);
  return kExitOk;
}

}  // namespace tessera::cli
