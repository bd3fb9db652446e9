// File: bench/latency/latency_bench.cc
//
// The dashboard latency benchmark's load driver. For each workload it first
// asks Tessera (over gRPC, as an application would), the floor (the
// sub-queries a perfect engine would send, run directly on the databases)
// and the peer (PostgreSQL with postgres_fdw and mysql_fdw) the same
// questions and stops unless all three answers agree; only agreeing
// workloads are timed. Then, per concurrency, closed-loop phases of every
// (workload, system) pair run in a random order, several rounds each, so
// drift on the shared machine falls on all three alike. Writes every
// latency and summary to a JSON file; scripts/bench-latency.sh prints the
// table and draws the plot.
//
// Flags (all --name=value): --tessera HOST:PORT, --ehr ODBC (PostgreSQL,
// schema ehr), --lab ODBC (MariaDB, database lab), --pharmacy ODBC (SQLite),
// --identity ODBC (SQLite link index), --peer ODBC and --peer_plain ODBC
// (the peer database, its wrappers' use_remote_estimate on and off),
// --devices HOST:PORT (the device hub), --config FILE (Tessera's sources
// configuration, for the patient view's SQL),
// --people N (for the record), --concurrency 1,8,32, --seconds S (per
// workload, system and concurrency; default 6), --rounds R (default 3),
// --checks K (random patients checked per per-patient workload; default 20),
// --workloads a,b (default all), --out FILE.

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/match.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "bench/latency/answer.h"
#include "bench/latency/closed_loop.h"
#include "bench/latency/floor_util.h"
#include "bench/latency/tessera_client.h"
#include "bench/latency/workloads.h"
#include "engine/config/config_loader.h"
#include "engine/format/json_escape.h"

namespace tessera::bench::latency {
namespace {

constexpr absl::Duration kRequestDeadline = absl::Minutes(2);
const char* const kSystems[] = {"tessera", "floor", "peer"};

// JSON string contents (JsonQuote without its quotes).
std::string JsonEscape(absl::string_view s) {
  std::string quoted = JsonQuote(s);
  return quoted.substr(1, quoted.size() - 2);
}

struct Flags {
  std::map<std::string, std::string> values;
  std::string Get(const std::string& name, const std::string& fallback = "") const {
    auto it = values.find(name);
    return it == values.end() ? fallback : it->second;
  }
  int Int(const std::string& name, int fallback) const {
    int v = 0;
    return absl::SimpleAtoi(Get(name), &v) && v > 0 ? v : fallback;
  }
};

absl::StatusOr<Flags> ParseFlags(int argc, char** argv) {
  Flags flags;
  for (int i = 1; i < argc; ++i) {
    absl::string_view arg = argv[i];
    if (!absl::ConsumePrefix(&arg, "--") || arg.find('=') == absl::string_view::npos) {
      return absl::InvalidArgumentError(absl::StrCat("argument ", i, " (\"", argv[i], "\"): expected --name=value"));
    }
    size_t eq = arg.find('=');
    flags.values[std::string(arg.substr(0, eq))] = std::string(arg.substr(eq + 1));
  }
  for (const char* required : {"tessera", "ehr", "lab", "pharmacy", "identity", "peer", "devices", "config", "out"}) {
    if (flags.Get(required).empty()) return absl::InvalidArgumentError(absl::StrCat("--", required, " is required"));
  }
  return flags;
}

std::unique_ptr<odbc::OdbcConnector> Connect(const std::string& name, const std::string& conn, DialectKind dialect) {
  odbc::OdbcSourceOptions options;
  options.name = name;
  options.connection_string = conn;
  options.dialect = dialect;
  options.max_idle_connections = 64;  // One per client at the highest concurrency.
  return std::make_unique<odbc::OdbcConnector>(std::move(options));
}

// What one client thread needs: its own gRPC channel and random patients.
struct Client {
  std::unique_ptr<TesseraClient> tessera;
  std::mt19937_64 random;
};

struct Bench {
  Flags flags;
  Connections connections;
  std::vector<Client> clients;
  int64_t max_patient = 0;

  int64_t Patient(std::mt19937_64& random) const {
    return std::uniform_int_distribution<int64_t>(1, max_patient)(random);
  }

  absl::StatusOr<Answer> Ask(const Workload& w, const std::string& system, Client& client, int64_t patient) {
    if (system == "tessera") {
      if (w.tessera_call) return w.tessera_call(*client.tessera, patient);
      return client.tessera->Query(w.tessera_sql(patient), kRequestDeadline);
    }
    if (system == "floor") return w.floor(connections, patient);
    // Read only while clients run: the check filled it before.
    auto trial = peer_trials.find(w.name);
    const bool plain =
        system == "peer_plain" || (system == "peer" && trial != peer_trials.end() && trial->second.timed_plain);
    Connector& peer = plain ? *connections.peer_plain : *connections.peer;
    if (w.peer_call) return w.peer_call(connections, peer, patient);
    return ScanAll(peer, w.peer_sql(patient));
  }

  // The peer's answers during the check, with remote estimates on [0] and
  // off [1]: their times, or why that configuration was dropped (a
  // statement timeout, say). Timing uses the faster one (ChoosePeer).
  struct PeerTrial {
    std::vector<double> ms[2];
    std::string failed[2];
    bool timed_plain = false;
  };
  std::map<std::string, PeerTrial> peer_trials;

  // Picks the peer's configuration for `w` from its check; says which.
  std::string ChoosePeer(const Workload& w) {
    PeerTrial& t = peer_trials[w.name];
    auto said = [&](int v) {
      return t.failed[v].empty() ? absl::StrFormat("%.1f ms", Quantile(t.ms[v], 0.5))
                                 : absl::StrCat("failed (", t.failed[v], ")");
    };
    const bool plain = !t.failed[0].empty() ||
                       (t.failed[1].empty() && Quantile(t.ms[1], 0.5) < Quantile(t.ms[0], 0.5));
    t.timed_plain = plain;
    return absl::StrFormat("peer with use_remote_estimate on %s, off %s (median of %d checked answers): timed %s",
                           said(0), said(1), static_cast<int>(std::max(t.ms[0].size(), t.ms[1].size())),
                           plain ? "off" : "on");
  }

  // Every system's answer equals Tessera's for `checks` patients (or once).
  absl::Status Check(const Workload& w, int checks, int64_t* rows) {
    std::mt19937_64 random(20261101);
    for (int i = 0; i < (w.per_patient ? checks : 1); ++i) {
      int64_t patient = w.per_patient ? Patient(random) : 0;
      absl::StatusOr<Answer> want = Ask(w, "tessera", clients[0], patient);
      if (!want.ok()) return absl::Status(want.status().code(), absl::StrCat("tessera: ", want.status().message()));
      *rows += want->rows.size();
      PeerTrial& trial = peer_trials[w.name];
      for (const char* system : {"floor", "peer", "peer_plain"}) {
        const int variant = std::string(system) == "peer_plain" ? 1 : 0;
        const bool is_peer = std::string(system) != "floor";
        if (is_peer && !trial.failed[variant].empty()) continue;
        absl::Time start = absl::Now();
        absl::StatusOr<Answer> got = Ask(w, system, clients[0], patient);
        if (is_peer && got.ok()) trial.ms[variant].push_back(absl::ToDoubleMilliseconds(absl::Now() - start));
        if (is_peer && !got.ok() && trial.failed[1 - variant].empty()) {
          trial.failed[variant] = std::string(got.status().message());  // The other configuration may do.
          continue;
        }
        if (!got.ok()) return absl::Status(got.status().code(), absl::StrCat(system, ": ", got.status().message()));
        absl::Status same = SameAnswer(*want, *got, w.ordered);
        if (!same.ok()) {
          return absl::FailedPreconditionError(
              absl::StrCat(system, " differs from tessera", w.per_patient ? absl::StrCat(" for patient ", patient) : "",
                           ": ", same.message()));
        }
      }
    }
    return absl::OkStatus();
  }
};

std::string JsonNumbers(const std::vector<double>& v) {
  return absl::StrCat("[", absl::StrJoin(v, ",", [](std::string* out, double d) {
                        absl::StrAppend(out, absl::StrFormat("%.3f", d));
                      }),
                      "]");
}

int Run(int argc, char** argv) {
  absl::StatusOr<Flags> flags = ParseFlags(argc, argv);
  if (!flags.ok()) {
    std::cerr << "latency_bench: " << flags.status().message() << "\n";
    return 2;
  }
  Bench bench;
  bench.flags = *flags;
  Connections& c = bench.connections;
  c.ehr = Connect("ehr", flags->Get("ehr"), DialectKind::kPostgres);
  c.lab = Connect("lab", flags->Get("lab"), DialectKind::kMariaDb);
  c.pharmacy = Connect("pharmacy", flags->Get("pharmacy"), DialectKind::kSqlite);
  c.identity = Connect("identity", flags->Get("identity"), DialectKind::kSqlite);
  c.peer = Connect("peer", flags->Get("peer"), DialectKind::kPostgres);
  c.peer_plain = Connect("peer_plain", flags->Get("peer_plain", flags->Get("peer")), DialectKind::kPostgres);
  c.devices = grpc::CreateChannel(flags->Get("devices"), grpc::InsecureChannelCredentials());
  absl::StatusOr<config::TesseraConfig> config = LoadConfig(flags->Get("config"));
  if (!config.ok()) {
    std::cerr << "latency_bench: " << config.status().message() << "\n";
    return 2;
  }
  for (const config::View& view : config->view()) {
    if (view.name() != "patient") continue;
    absl::StatusOr<std::string> golden = PeerGoldenRecordTemplate(view.sql());
    if (!golden.ok()) {
      std::cerr << "latency_bench: " << flags->Get("config") << ": " << golden.status().message() << "\n";
      return 2;
    }
    c.peer_golden_record = *golden;
  }
  for (const std::string& file : config->code_map_file()) {
    absl::Status loaded = c.code_maps.LoadFile(file);
    if (!loaded.ok()) {
      std::cerr << "latency_bench: " << loaded.message() << "\n";
      return 2;
    }
  }

  std::vector<int> concurrency;
  for (absl::string_view part : absl::StrSplit(flags->Get("concurrency", "1,8,32"), ',', absl::SkipEmpty())) {
    int n = 0;
    if (!absl::SimpleAtoi(part, &n) || n < 1 || n > 256) {
      std::cerr << "latency_bench: --concurrency: \"" << part << "\" is not a client count from 1 to 256\n";
      return 2;
    }
    concurrency.push_back(n);
  }
  const int max_clients = *std::max_element(concurrency.begin(), concurrency.end());
  for (int i = 0; i < max_clients; ++i) {
    bench.clients.push_back({std::make_unique<TesseraClient>(flags->Get("tessera")), std::mt19937_64(1000 + i)});
  }
  absl::StatusOr<Answer> max_id = ScanAll(*c.identity, "SELECT max(enterprise_id) FROM link_record");
  if (!max_id.ok() || max_id->rows.size() != 1 || !absl::SimpleAtoi(max_id->rows[0][0], &bench.max_patient) ||
      bench.max_patient < 1) {
    std::cerr << "latency_bench: cannot read the enterprise ids from the link index: "
              << (max_id.ok() ? "empty" : max_id.status().ToString()) << "\n";
    return 1;
  }

  // ------------------------------------------------------------- checks
  std::vector<Workload> workloads;
  std::string wanted = flags->Get("workloads");
  std::string checks_json;
  for (Workload& w : Workloads()) {
    if (!wanted.empty() && !absl::StrContains(absl::StrCat(",", wanted, ","), absl::StrCat(",", w.name, ","))) {
      continue;
    }
    int64_t rows = 0;
    absl::Status checked = bench.Check(w, flags->Int("checks", 20), &rows);
    std::cout << "check " << w.name << ": "
              << (checked.ok() ? absl::StrCat("tessera, floor and peer agree (", rows, " rows)") : checked.ToString())
              << std::endl;
    std::string peer_choice = checked.ok() ? bench.ChoosePeer(w) : "";
    if (checked.ok()) std::cout << "  " << peer_choice << std::endl;
    absl::StrAppend(&checks_json, checks_json.empty() ? "" : ",", "{\"workload\":\"", w.name, "\",\"ok\":",
                    checked.ok() ? "true" : "false", ",\"rows\":", rows, ",\"message\":\"",
                    JsonEscape(checked.ok() ? "" : std::string(checked.message())), "\",\"peer_choice\":\"",
                    JsonEscape(peer_choice), "\",\"peer_remote_estimate\":",
                    bench.peer_trials[w.name].timed_plain ? "false" : "true", "}");
    if (checked.ok()) workloads.push_back(std::move(w));
  }

  // ------------------------------------------------------------- timing
  const absl::Duration phase = absl::Seconds(flags->Int("seconds", 6)) / flags->Int("rounds", 3);
  struct Cell {
    LoadResult load;
  };
  std::map<std::tuple<std::string, int, std::string>, Cell> cells;
  std::mt19937_64 order(7);
  for (int n : concurrency) {
    for (int round = 0; round < flags->Int("rounds", 3); ++round) {
      std::vector<std::pair<const Workload*, std::string>> phases;
      for (const Workload& w : workloads) {
        for (const char* s : kSystems) phases.push_back({&w, s});
      }
      std::shuffle(phases.begin(), phases.end(), order);
      for (const auto& [w, system] : phases) {
        LoadResult load = RunClosedLoop(n, phase, [&, w = w, system = system](int client, int64_t) -> absl::Status {
          Client& cl = bench.clients[client];
          int64_t patient = w->per_patient ? bench.Patient(cl.random) : 0;
          return bench.Ask(*w, system, cl, patient).status();
        });
        Cell& cell = cells[{w->name, n, system}];
        cell.load.latencies_ms.insert(cell.load.latencies_ms.end(), load.latencies_ms.begin(),
                                      load.latencies_ms.end());
        cell.load.errors += load.errors;
        if (cell.load.first_error.empty()) cell.load.first_error = load.first_error;
        cell.load.seconds += load.seconds;
        std::cout << absl::StrFormat("c=%-3d round %d %-18s %-8s %6zu requests, median %8.2f ms%s\n", n, round,
                                     w->name, system, load.latencies_ms.size(),
                                     Quantile(load.latencies_ms, 0.5),
                                     load.errors ? absl::StrCat(", ", load.errors, " errors: ", load.first_error)
                                                 : "");
        std::cout.flush();
      }
    }
  }

  // --------------------------------------------------------------- JSON
  std::string json = absl::StrCat("{\"people\":", flags->Get("people", "0"), ",\"seconds_per_cell\":",
                                   flags->Int("seconds", 6), ",\"rounds\":", flags->Int("rounds", 3),
                                   ",\"checks\":[", checks_json, "],\"workloads\":[");
  for (size_t i = 0; i < workloads.size(); ++i) {
    absl::StrAppend(&json, i ? "," : "", "{\"name\":\"", workloads[i].name, "\",\"question\":\"",
                    JsonEscape(workloads[i].question), "\",\"peer_note\":\"", JsonEscape(workloads[i].peer_note),
                    "\",\"tessera_sql\":\"", JsonEscape(workloads[i].tessera_sql(1)), "\"}");
  }
  absl::StrAppend(&json, "],\"cells\":[");
  bool first = true;
  for (const auto& [key, cell] : cells) {
    const auto& [name, n, system] = key;
    const LoadResult& l = cell.load;
    absl::StrAppend(
        &json, first ? "" : ",",
        absl::StrFormat("{\"workload\":\"%s\",\"concurrency\":%d,\"system\":\"%s\",\"requests\":%d,\"errors\":%d,"
                        "\"first_error\":\"%s\",\"median_ms\":%.3f,\"p95_ms\":%.3f,\"p99_ms\":%.3f,"
                        "\"throughput_qps\":%.3f,\"latencies_ms\":%s}",
                        name, n, system, l.latencies_ms.size(), l.errors, JsonEscape(l.first_error),
                        Quantile(l.latencies_ms, 0.5), Quantile(l.latencies_ms, 0.95), Quantile(l.latencies_ms, 0.99),
                        l.seconds > 0 ? l.latencies_ms.size() / l.seconds : 0.0, JsonNumbers(l.latencies_ms)));
    first = false;
  }
  absl::StrAppend(&json, "]}\n");
  std::ofstream out(flags->Get("out"));
  out << json;
  if (!out.good()) {
    std::cerr << "latency_bench: cannot write " << flags->Get("out") << "\n";
    return 1;
  }
  return workloads.empty() ? 1 : 0;
}

}  // namespace
}  // namespace tessera::bench::latency

int main(int argc, char** argv) { return tessera::bench::latency::Run(argc, argv); }
