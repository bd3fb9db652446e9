// `tessera devicehub`: runs the sample home-device hub, which serves
// Riverside's device registrations and readings over the gRPC source
// contract until interrupted.

#include <csignal>
#include <iostream>

#include "absl/strings/str_cat.h"
#include "engine/cli/args.h"
#include "engine/cli/command.h"
#include "engine/config/home.h"
#include "engine/devicehub/device_hub.h"

namespace tessera::cli {
namespace {

const std::vector<FlagSpec>& DeviceHubFlags() {
  static const std::vector<FlagSpec> flags = {
      {"data", "DIR", "folder holding devices/registrations.jsonl and readings.jsonl (default: the home folder's data)", ""},
      {"listen", "HOST:PORT", "address to serve on; port 0 picks a free one", devicehub::kDefaultHubAddress},
      {"home", "DIR", "home folder of the embedded default (default: $TESSERA_HOME or ~/.tessera)", ""},
      {"tls-cert", "FILE", "serve TLS with this PEM certificate chain (with --tls-key)", ""},
      {"tls-key", "FILE", "the PEM private key of --tls-cert", ""},
  };
  return flags;
}

constexpr char kDeviceHubUsage[] =
    "Usage: tessera devicehub [FLAGS]\n\n"
    "Runs the sample home-device hub: Riverside's scale, blood-pressure cuff and\n"
    "glucose-meter data (written by 'tessera gen') served as the tables\n"
    "`registrations` and `readings` over Tessera's gRPC source contract\n"
    "(proto/source.proto). It evaluates the filters, order and limit the engine\n"
    "pushes into it itself. The embedded default's `devices` source points at\n"
    "its default address. Stop it with Ctrl-C or SIGTERM.\n\n"
    "Example:\n"
    "  tessera devicehub &\n"
    "  tessera query \"SELECT * FROM devices.readings WHERE type = 'glucose' LIMIT 5\"\n\n";

}  // namespace

int RunDeviceHub(const std::vector<std::string>& argv) {
  absl::StatusOr<ParsedArgs> args = ParseArgs(argv, DeviceHubFlags());
  if (!args.ok()) {
    std::cerr << "tessera devicehub: " << args.status().message() << "\n";
    return kExitUsage;
  }
  if (args->help) {
    std::cout << kDeviceHubUsage << FlagsHelp(DeviceHubFlags());
    return kExitOk;
  }
  if (!args->positionals.empty()) {
    std::cerr << "tessera devicehub: takes no arguments, only flags\n";
    return kExitUsage;
  }
  devicehub::HubOptions options;
  options.data_dir = args->Has("data") ? args->Get("data") : HomeDataDir(ResolveHome(args->Get("home")));
  options.listen = args->Get("listen");
  options.tls_cert_file = args->Get("tls-cert");
  options.tls_key_file = args->Get("tls-key");

  // The server's threads inherit the blocked signals; this thread waits
  // for them and shuts down cleanly.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  absl::StatusOr<std::unique_ptr<devicehub::DeviceHub>> hub = devicehub::DeviceHub::Start(options);
  if (!hub.ok()) {
    std::cerr << "tessera devicehub: " << hub.status().message() << "\n";
    return kExitError;
  }
  std::cout << "device hub serving " << (*hub)->Summary() << " from " << options.data_dir << " on "
            << (*hub)->address() << std::endl;
  int received = 0;
  sigwait(&signals, &received);
  std::cout << "device hub stopping (" << (received == SIGINT ? "interrupted" : "terminated") << ")" << std::endl;
  (*hub)->Shutdown();
  return kExitOk;
}

}  // namespace tessera::cli
