// `tessera patient`: one patient's whole record across every source, as
// tables or as a FHIR R4 Bundle.

#include <iostream>

#include "absl/strings/numbers.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "engine/cli/args.h"
#include "engine/cli/command.h"
#include "engine/cli/interrupt.h"
#include "engine/cli/open_sources.h"
#include "engine/fhir/fhir_bundle.h"
#include "engine/fhir/patient_record.h"
#include "engine/format/result_writer.h"
#include "engine/session/session.h"

namespace tessera::cli {
namespace {

const std::vector<FlagSpec>& PatientFlags() {
  static const std::vector<FlagSpec> flags = {
      {"format", "FORMAT", "output: table (each view's rows) or fhir (an R4 Bundle in JSON)", "table"},
      {"config", "FILE", "configuration file (default: the embedded default in the home folder)", ""},
      {"home", "DIR", "home folder of the embedded default (default: $TESSERA_HOME or ~/.tessera)", ""},
      {"timing", "", "print the elapsed time to standard error", ""},
      {"timeout", "SECONDS", "give up (and stop the sources) after this long; 0 for no limit", "0"},
  };
  return flags;
}

constexpr char kPatientUsage[] =
    "Usage: tessera patient [FLAGS] ENTERPRISE_ID\n\n"
    "Prints one patient's whole record across every source (FHIR's\n"
    "Patient/$everything): the golden patient record, then every observation,\n"
    "condition, medication, procedure and encounter about them, deduplicated\n"
    "and in one vocabulary, each naming the source records it stands for. The\n"
    "enterprise id is the one the link index gives (`tessera link`; the\n"
    "`patient` view lists them).\n\n"
    "Examples:\n"
    "  tessera patient 17\n"
    "  tessera patient --format fhir 17 > patient-17.json\n\n";

void PrintTables(const PatientRecord& record) {
  for (const RecordSection& s : record.sections) {
    std::cout << s.view << "\n";
    std::unique_ptr<ResultWriter> writer = MakeResultWriter(OutputFormat::kTable, std::cout);
    writer->Begin(*s.schema);
    writer->Write(s.AsBatch());
    writer->End(static_cast<int64_t>(s.rows.size()));
    std::cout << "\n";
  }
}

}  // namespace

int RunPatient(const std::vector<std::string>& argv) {
  absl::StatusOr<ParsedArgs> args = ParseArgs(argv, PatientFlags());
  if (!args.ok()) {
    std::cerr << "tessera patient: " << args.status().message() << "\n";
    return kExitUsage;
  }
  if (args->help) {
    std::cout << kPatientUsage << FlagsHelp(PatientFlags());
    return kExitOk;
  }
  int64_t id = 0;
  if (args->positionals.size() != 1 || !absl::SimpleAtoi(args->positionals[0], &id)) {
    std::cerr << "tessera patient: give one enterprise id (a number); see tessera patient --help\n";
    return kExitUsage;
  }
  const std::string format = args->Get("format");
  if (format != "table" && format != "fhir") {
    std::cerr << "tessera patient: --format is table or fhir, not \"" << format << "\"\n";
    return kExitUsage;
  }
  absl::StatusOr<int64_t> timeout = args->GetInt("timeout");
  if (!timeout.ok() || *timeout < 0) {
    std::cerr << "tessera patient: --timeout takes a number of seconds\n";
    return kExitUsage;
  }
  absl::StatusOr<std::unique_ptr<SourceRegistry>> sources = OpenSources(args->Get("config"), args->Get("home"));
  if (!sources.ok()) {
    std::cerr << "tessera patient: " << sources.status().message() << "\n";
    return kExitError;
  }
  Session session(sources->get());
  QueryContext ctx(*timeout == 0 ? absl::InfiniteFuture() : absl::Now() + absl::Seconds(*timeout));
  CancelOnInterrupt interrupt(ctx);
  absl::Time start = absl::Now();
  absl::StatusOr<PatientRecord> record = ReadPatientRecord(session, id, ctx);
  if (!record.ok()) {
    std::cerr << "tessera patient: " << record.status().message() << "\n";
    return kExitError;
  }
  if (format == "fhir") {
    std::cout << RenderFhirBundle(*record) << "\n";
  } else {
    PrintTables(*record);
  }
  if (args->Has("timing")) {
    size_t rows = 0;
    for (const RecordSection& s : record->sections) rows += s.rows.size();
    std::cerr << absl::StrFormat("patient %d: %d rows from %d views in %.1f ms\n", id, rows, record->sections.size(),
                                 absl::ToDoubleMilliseconds(absl::Now() - start));
  }
  return kExitOk;
}

}  // namespace tessera::cli
