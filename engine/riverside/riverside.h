// File: engine/riverside/riverside.h
//
// The Riverside generator: one fictional health system of N people, spread
// over the sources that hold its data (ehr, lab, pharmacy, devices), each in
// its own shape and with the noise real integration meets, plus the ground
// truth needed to score linkage and deduplication. Same options, same bytes.
// The tables and files are described in engine/riverside/README.md.

#ifndef TESSERA_ENGINE_RIVERSIDE_RIVERSIDE_H_
#define TESSERA_ENGINE_RIVERSIDE_RIVERSIDE_H_

#include <cstdint>
#include <ostream>
#include <string>

#include "absl/status/status.h"
#include "absl/time/civil_time.h"
#include "engine/riverside/noise.h"

namespace tessera::riverside {

struct GenOptions {
  int64_t people = 1000;
  uint64_t seed = 42;
  // Multiplies every noise rate; 2.0 doubles them, 0 gives clean data.
  double noise = 1.0;
  // The data's "today": fixed so output is deterministic. History runs three
  // years back (EHR, lab), two (pharmacy) and 180 days (home devices).
  absl::CivilDay as_of = absl::CivilDay(2026, 11, 1);
  // SQLite files (ehr.db, lab.db, pharmacy.db), devices/ and truth/ go here;
  // created if missing.
  std::string data_dir;
  // Empty = skip; else ehr, lab and pharmacy are loaded as schemas of that
  // PostgreSQL database (an ODBC connection string), and the ground truth
  // as schema truth (truth_tables.h).
  std::string postgres_connection;
  // Empty = skip; else loaded as databases ehr, lab and pharmacy of that
  // MariaDB server.
  std::string mariadb_connection;
  // The base noise rates, before `noise` scales them.
  NoiseRates rates;
  // Threads for generating people; 0 = one per core. Output does not depend
  // on it.
  int threads = 0;
};

// Generates the population once, then writes every target: the SQLite files,
// the device files and the truth files always, PostgreSQL and MariaDB when
// their connections are set. Targets and sources load on parallel threads.
// Prints one progress line per step to `progress` ("ehr: 1,000 patients,
// 8,123 encounters, ... loaded into PostgreSQL in 1.2 s"). Errors name the
// target, source and table; when several targets fail, the first in the order
// SQLite, PostgreSQL, MariaDB, files is returned and the others are printed.
absl::Status GenerateRiverside(const GenOptions& options, std::ostream& progress);

}  // namespace tessera::riverside

#endif  // TESSERA_ENGINE_RIVERSIDE_RIVERSIDE_H_
