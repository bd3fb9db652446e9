#include "engine/riverside/riverside.h"

#include <chrono>
#include <cmath>
#include <functional>
#include <memory>
#include <thread>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_replace.h"
#include "absl/synchronization/mutex.h"
#include "engine/common/status_macros.h"
#include "engine/riverside/device_source.h"
#include "engine/riverside/device_writer.h"
#include "engine/riverside/ehr_source.h"
#include "engine/riverside/ehr_writer.h"
#include "engine/riverside/formats.h"
#include "engine/riverside/lab_source.h"
#include "engine/riverside/lab_writer.h"
#include "engine/riverside/output_file.h"
#include "engine/riverside/pharmacy_source.h"
#include "engine/riverside/pharmacy_writer.h"
#include "engine/riverside/population.h"
#include "engine/riverside/sql_target.h"
#include "engine/riverside/truth_tables.h"
#include "engine/riverside/truth_writer.h"
#include "engine/types/datetime.h"

namespace tessera::riverside {
namespace {

using Clock = std::chrono::steady_clock;

// Bump when the same options would produce different data, so consumers of
// the manifest can tell generations apart.
constexpr int kFormatVersion = 1;

constexpr int64_t kHistoryDays = 1096;  // Three years of EHR and lab history.
constexpr int64_t kPharmacyDays = 730;  // Two years of dispensings.
constexpr int64_t kDeviceDays = 180;    // Six months of home readings.

double SecondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Progress lines come from several threads; each line is written whole.
class Progress {
 public:
  explicit Progress(std::ostream& out) : out_(out) {}
  void Line(const std::string& line) {
    absl::MutexLock lock(&mu_);
    out_ << line << "\n";
    out_.flush();
  }

 private:
  absl::Mutex mu_;
  std::ostream& out_;
};

// "1,000 patients, 8,123 encounters, ...".
std::string Summary(const SourceLoad& source) {
  std::string out;
  for (const TableLoad& t : source.tables) {
    std::string name = absl::StrReplaceAll(t.spec.name, {{"_", " "}});
    absl::StrAppend(&out, out.empty() ? "" : ", ", FormatThousands(t.rows), " ", name,
                    absl::EndsWith(name, "s") ? "" : "s");
  }
  return out;
}

std::string Rate(double r) { return absl::StrFormat("%.6g", r); }

absl::Status Validate(const GenOptions& o) {
  if (o.people < 1) {
    return absl::InvalidArgumentError(absl::StrCat("people must be at least 1, got ", o.people));
  }
  if (o.data_dir.empty()) return absl::InvalidArgumentError("data_dir must be set");
  if (!(o.noise >= 0) || !std::isfinite(o.noise)) {
    return absl::InvalidArgumentError(
        absl::StrCat("noise must be a finite number >= 0, got ", o.noise));
  }
  const std::pair<const char*, double> rates[] = {
      {"typo", o.rates.typo},
      {"nickname", o.rates.nickname},
      {"swapped_day_month", o.rates.swapped_day_month},
      {"missing", o.rates.missing},
      {"duplicate_person", o.rates.duplicate_person},
      {"duplicate_fact", o.rates.duplicate_fact},
      {"resent_fact", o.rates.resent_fact},
      {"unit_variant", o.rates.unit_variant},
  };
  for (const auto& [name, rate] : rates) {
    if (!(rate >= 0 && rate <= 1)) {
      return absl::InvalidArgumentError(
          absl::StrCat(name, " rate must be between 0 and 1, got ", rate));
    }
  }
  return absl::OkStatus();
}

// A unit of output work that runs on its own thread.
struct Task {
  std::string name;
  std::function<absl::Status()> run;
  absl::Status status = absl::OkStatus();
};

// Everything generated, before any of it is written.
struct Generated {
  std::vector<Person> people;
  LabData lab;
  EhrData ehr;
  PharmacyData pharmacy;
  DeviceData devices;
};

std::unique_ptr<Generated> Generate(const HistoryContext& context, const NoiseRates& rates,
                                    int64_t people, int threads) {
  auto g = std::make_unique<Generated>();
  g->people = GeneratePopulation(context, people, threads);
  // The lab needs the EHR's MRNs, and the EHR needs the lab's result ids to
  // record which results both hold.
  SourceRecords ehr_patients = BuildEhrPatients(g->people, context, rates);
  g->lab = BuildLab(g->people, context, rates, ehr_patients);
  g->ehr = BuildEhr(g->people, context, rates, std::move(ehr_patients), g->lab);
  g->pharmacy = BuildPharmacy(g->people, context, rates);
  g->devices = BuildDevices(g->people, context, rates);
  return g;
}

// The manifest: what was asked for and how much came out.
std::vector<std::pair<std::string, std::string>> Manifest(const GenOptions& o,
                                                          const HistoryContext& context,
                                                          const NoiseRates& rates,
                                                          const std::vector<SourceLoad>& sources,
                                                          const Generated& g) {
  std::vector<std::pair<std::string, std::string>> m = {
      {"generator", "riverside"},
      {"format_version", absl::StrCat(kFormatVersion)},
      {"people", absl::StrCat(o.people)},
      {"seed", absl::StrCat(o.seed)},
      {"noise", Rate(o.noise)},
      {"as_of", FormatDate(context.as_of_day)},
      {"history_start", FormatDate(context.window_start_day)},
      {"pharmacy_start", FormatDate(context.pharmacy_start_day)},
      {"device_start", FormatDate(context.device_start_day)},
      {"rate.typo", Rate(rates.typo)},
      {"rate.nickname", Rate(rates.nickname)},
      {"rate.swapped_day_month", Rate(rates.swapped_day_month)},
      {"rate.missing", Rate(rates.missing)},
      {"rate.duplicate_person", Rate(rates.duplicate_person)},
      {"rate.duplicate_fact", Rate(rates.duplicate_fact)},
      {"rate.resent_fact", Rate(rates.resent_fact)},
      {"rate.unit_variant", Rate(rates.unit_variant)},
  };
  for (const SourceLoad& s : sources) {
    for (const TableLoad& t : s.tables) {
      m.push_back({absl::StrCat("rows.", s.source, ".", t.spec.name), absl::StrCat(t.rows)});
    }
  }
  m.push_back({"rows.devices.registrations", absl::StrCat(g.devices.registrations.size())});
  m.push_back({"rows.devices.readings", absl::StrCat(g.devices.reading_count)});
  auto duplicates = [](const SourceRecords& r) {
    int64_t n = 0;
    for (const PersonRecord& p : r.records) n += p.duplicate ? 1 : 0;
    return absl::StrCat(n);
  };
  int64_t device_duplicates = 0;
  for (const Registration& r : g.devices.registrations) device_duplicates += r.duplicate ? 1 : 0;
  m.push_back({"duplicates.ehr.patient", duplicates(g.ehr.patients)});
  m.push_back({"duplicates.lab.patient", duplicates(g.lab.patients)});
  m.push_back({"duplicates.pharmacy.customer", duplicates(g.pharmacy.customers)});
  m.push_back({"duplicates.devices.registration", absl::StrCat(device_duplicates)});
  m.push_back({"same_facts", absl::StrCat(g.ehr.same_facts.size())});
  return m;
}

// Loads one source into one SQL target and reports how long it took.
absl::Status LoadSource(const SourceLoad& source, const char* target, DialectKind dialect,
                        const std::string& connection, const std::string& data_dir,
                        Progress& progress) {
  Clock::time_point begin = Clock::now();
  RETURN_IF_ERROR(dialect == DialectKind::kSqlite ? LoadIntoSqlite(data_dir, source)
                                                  : LoadIntoServer(dialect, connection, source));
  progress.Line(absl::StrFormat("%s: %s loaded into %s in %.1f s", source.source, Summary(source),
                                target, SecondsSince(begin)));
  return absl::OkStatus();
}

}  // namespace

absl::Status GenerateRiverside(const GenOptions& options, std::ostream& out) {
  RETURN_IF_ERROR(Validate(options));
  Progress progress(out);
  Clock::time_point start = Clock::now();
  std::string devices_dir = absl::StrCat(options.data_dir, "/devices");
  std::string truth_dir = absl::StrCat(options.data_dir, "/truth");
  RETURN_IF_ERROR(MakeDirectories(devices_dir));
  RETURN_IF_ERROR(MakeDirectories(truth_dir));
  // The deployment's terminology: what the unified views translate with.
  RETURN_IF_ERROR(MakeDirectories(absl::StrCat(options.data_dir, "/terminology")));
  RETURN_IF_ERROR(WriteCodeMap(absl::StrCat(options.data_dir, "/terminology/code_map.csv")));

  NoiseRates rates = options.rates.Scaled(options.noise);
  HistoryContext context;
  context.seed = options.seed;
  context.as_of_day = DaysFromCivil(options.as_of);
  context.window_start_day = context.as_of_day - kHistoryDays;
  context.pharmacy_start_day = context.as_of_day - kPharmacyDays;
  context.device_start_day = context.as_of_day - kDeviceDays;
  context.north_site_rate = rates.unit_variant;
  int threads = options.threads > 0
                    ? options.threads
                    : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));

  Clock::time_point step = Clock::now();
  std::unique_ptr<Generated> g = Generate(context, rates, options.people, threads);
  progress.Line(absl::StrFormat("population: %s people generated in %.1f s",
                                FormatThousands(options.people), SecondsSince(step)));

  std::vector<SourceLoad> sources = {
      {"ehr", EhrTables(g->ehr, context)},
      {"lab", LabTables(g->lab)},
      {"pharmacy", PharmacyTables(g->pharmacy)},
  };
  TruthInputs truth;
  truth.people = &g->people;
  truth.ehr = &g->ehr;
  truth.lab = &g->lab;
  truth.pharmacy = &g->pharmacy;
  truth.devices = &g->devices;
  truth.manifest = Manifest(options, context, rates, sources, *g);
  // The truth, as tables, goes only to PostgreSQL: the one database that
  // holds all of Riverside and checks the federated answers against it.
  const SourceLoad truth_tables = TruthTables(truth);
  std::vector<Task> tasks;
  auto add_sql_target = [&](const char* target, DialectKind dialect,
                            const std::string& connection) {
    for (const SourceLoad& source : sources) {
      tasks.push_back(
          {absl::StrCat(source.source, " into ", target), [&, target, dialect, connection] {
             return LoadSource(source, target, dialect, connection, options.data_dir, progress);
           }});
    }
  };
  add_sql_target("SQLite", DialectKind::kSqlite, "");
  if (!options.postgres_connection.empty()) {
    add_sql_target("PostgreSQL", DialectKind::kPostgres, options.postgres_connection);
    tasks.push_back({"truth into PostgreSQL", [&] {
                       return LoadSource(truth_tables, "PostgreSQL", DialectKind::kPostgres,
                                         options.postgres_connection, options.data_dir, progress);
                     }});
  }
  if (!options.mariadb_connection.empty()) {
    add_sql_target("MariaDB", DialectKind::kMariaDb, options.mariadb_connection);
  }
  tasks.push_back({"device files", [&]() -> absl::Status {
                     Clock::time_point begin = Clock::now();
                     RETURN_IF_ERROR(WriteDeviceFiles(g->devices, devices_dir));
                     progress.Line(absl::StrFormat(
                         "devices: %s registrations, %s readings written in %.1f s",
                         FormatThousands(g->devices.registrations.size()),
                         FormatThousands(g->devices.reading_count), SecondsSince(begin)));
                     return absl::OkStatus();
                   }});
  tasks.push_back(
      {"truth files", [&]() -> absl::Status {
         Clock::time_point begin = Clock::now();
         RETURN_IF_ERROR(WriteTruthFiles(truth, truth_dir));
         int64_t records = g->ehr.patients.records.size() + g->lab.patients.records.size() +
                           g->pharmacy.customers.records.size() + g->devices.registrations.size();
         progress.Line(absl::StrFormat(
             "truth: %s person records, %s same facts written in %.1f s", FormatThousands(records),
             FormatThousands(g->ehr.same_facts.size()), SecondsSince(begin)));
         return absl::OkStatus();
       }});

  // Every load runs at once: server loads mostly wait on their server, and
  // the SQLite files are independent, so the slowest load bounds the run.
  std::vector<std::thread> running;
  for (Task& task : tasks) running.emplace_back([&task] { task.status = task.run(); });
  for (std::thread& thread : running) thread.join();

  absl::Status first = absl::OkStatus();
  for (const Task& task : tasks) {
    if (task.status.ok()) continue;
    if (first.ok()) {
      first = task.status;
    } else {
      progress.Line(absl::StrCat("error: ", task.name, ": ", task.status.ToString()));
    }
  }
  if (first.ok()) {
    progress.Line(absl::StrFormat("done in %.1f s", SecondsSince(start)));
  }
  return first;
}

}  // namespace tessera::riverside
