// `tessera serve`: the client API server (tessera.v1.QueryService) over the
// configured sources, until SIGINT or SIGTERM.

#include <csignal>
#include <filesystem>
#include <iostream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "engine/cli/args.h"
#include "engine/cli/command.h"
#include "engine/config/config_loader.h"
#include "engine/config/home.h"
#include "engine/server/server.h"
#include "engine/server/server_config.h"

namespace tessera::cli {
namespace {

const std::vector<FlagSpec>& ServeFlags() {
  static const std::vector<FlagSpec> flags = {
      {"config", "FILE", "server configuration (ServerConfig in proto/config.proto): address, TLS, tokens, sources", ""},
      {"listen", "HOST:PORT", "address to listen on; port 0 picks a free one (overrides the configuration's)", ""},
      {"home", "DIR", "without --config: home folder of the embedded default (default: $TESSERA_HOME or ~/.tessera)",
       ""},
  };
  return flags;
}

constexpr char kDefaultListen[] = "127.0.0.1:7410";

constexpr char kServeUsage[] =
    "Usage: tessera serve [--config FILE] [--listen HOST:PORT]\n\n"
    "Serves the federation to applications over gRPC: tessera.v1.QueryService\n"
    "(proto/query_service.proto) runs SQL and streams the result as columnar\n"
    "batches, explains plans, lists and describes tables. The server also answers\n"
    "gRPC health checks (grpc.health.v1) and server reflection, so grpcurl and\n"
    "load balancers work without Tessera's protos. A client's deadline and its\n"
    "cancellation stop the query at its sources.\n\n"
    "With --config FILE the server reads a ServerConfig in protobuf text format:\n"
    "  listen_address: \"0.0.0.0:7410\"\n"
    "  tls_cert_file: \"server.pem\"      # TLS; with tls_key_file\n"
    "  tls_key_file: \"server.key\"\n"
    "  client_ca_file: \"clients-ca.pem\" # optional: require client certificates\n"
    "  token_file: \"tokens\"             # optional: lines \"TOKEN PRINCIPAL\"; calls\n"
    "                                   # send \"authorization: Bearer TOKEN\"\n"
    "  sources_config: \"tessera.textproto\"\n"
    "  query_memory_limit_bytes: 1073741824\n"
    "  max_concurrent_queries: 16\n"
    "File names are relative to the configuration's folder.\n\n"
    "Without --config it serves the embedded default ($TESSERA_HOME, made by\n"
    "'tessera gen') with no TLS and no tokens, and so listens on loopback only\n"
    "(default 127.0.0.1:7410).\n\n"
    "SIGINT or SIGTERM stops the server: running calls get a few seconds to\n"
    "finish, then are cancelled at their sources.\n\n"
    "Examples:\n"
    "  tessera serve --listen 127.0.0.1:7410\n"
    "  tessera serve --config /etc/tessera/server.textproto\n"
    "  tessera console --server 127.0.0.1:7410\n\n";

bool IsLoopback(absl::string_view address) {
  return absl::StartsWith(address, "127.") || absl::StartsWith(address, "localhost:") ||
         absl::StartsWith(address, "[::1]:");
}

// The settings for the embedded default: its sources, nothing else.
absl::StatusOr<server::ServerSettings> HomeSettings(const std::string& home_flag) {
  std::string path = HomeConfigPath(ResolveHome(home_flag));
  if (!std::filesystem::exists(path)) {
    return absl::NotFoundError(absl::StrCat("no configuration at ", path,
                                            ": run 'tessera gen' to create the embedded sample, or pass --config FILE"));
  }
  absl::StatusOr<config::TesseraConfig> sources = LoadConfig(path);
  if (!sources.ok()) return sources.status();
  server::ServerSettings settings;
  settings.listen_address = kDefaultListen;
  settings.sources = *std::move(sources);
  settings.sources_path = path;
  return settings;
}

// What the server is about to do, for the person who started it.
void PrintStartup(const server::TesseraServer& server, const server::ServerSettings& settings, bool embedded) {
  std::cout << "Tessera server listening on " << server.address() << "\n";
  std::cout << "  sources (" << settings.sources_path << "):\n";
  for (const std::string& name : server.sources().names()) {
    absl::StatusOr<Connector*> source = server.sources().Find(name);
    std::cout << "    " << name << "  " << (source.ok() ? (*source)->description() : "?") << "\n";
  }
  if (!settings.tls()) {
    std::cout << "  TLS: off (plaintext)\n";
  } else {
    std::cout << "  TLS: on" << (settings.client_ca_pem.empty() ? "" : ", client certificates required") << "\n";
  }
  if (server.authenticator().requires_token()) {
    std::cout << "  auth: bearer tokens (" << server.authenticator().token_count() << " in " << settings.token_file
              << ")\n";
  } else if (!settings.client_ca_pem.empty()) {
    std::cout << "  auth: client certificates (principal: the certificate's common name)\n";
  } else {
    std::cout << "  auth: none, every caller is \"anonymous\"\n";
  }
  if (embedded) {
    std::cout << "  Serving the embedded default without TLS or tokens: for use on this machine only.\n";
  }
  if (server.authenticator().requires_token() && !settings.tls()) {
    std::cout << "  WARNING: bearer tokens travel in plaintext without TLS.\n";
  }
  std::cout << "Services: tessera.v1.QueryService, grpc.health.v1.Health, server reflection. "
               "SIGINT or SIGTERM stops.\n";
  std::cout.flush();
}

}  // namespace

int RunServe(const std::vector<std::string>& argv) {
  absl::StatusOr<ParsedArgs> args = ParseArgs(argv, ServeFlags());
  if (!args.ok()) {
    std::cerr << "tessera serve: " << args.status().message() << "\n";
    return kExitUsage;
  }
  if (args->help) {
    std::cout << kServeUsage << FlagsHelp(ServeFlags());
    return kExitOk;
  }
  if (!args->positionals.empty()) {
    std::cerr << "tessera serve: takes no arguments (\"" << args->positionals[0] << "\")\n";
    return kExitUsage;
  }
  const bool embedded = !args->Has("config");
  if (!embedded && args->Has("home")) {
    std::cerr << "tessera serve: --home is for the embedded default; with --config, name the sources there\n";
    return kExitUsage;
  }
  absl::StatusOr<server::ServerSettings> settings =
      embedded ? HomeSettings(args->Get("home")) : server::LoadServerConfig(args->Get("config"));
  if (!settings.ok()) {
    std::cerr << "tessera serve: " << settings.status().message() << "\n";
    return kExitError;
  }
  if (args->Has("listen")) settings->listen_address = args->Get("listen");
  if (embedded && !IsLoopback(settings->listen_address)) {
    std::cerr << "tessera serve: without --config the server has no TLS and no tokens, so it listens on loopback "
                 "only (127.0.0.1:PORT, localhost:PORT or [::1]:PORT), not "
              << settings->listen_address << "\n";
    return kExitUsage;
  }

  // Signals are taken by sigwait below; blocked before any thread starts so
  // that every thread inherits the mask.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  absl::StatusOr<std::unique_ptr<server::TesseraServer>> server = server::TesseraServer::Start(*settings);
  if (!server.ok()) {
    std::cerr << "tessera serve: " << server.status().message() << "\n";
    return kExitError;
  }
  PrintStartup(**server, *settings, embedded);
  int signal = 0;
  sigwait(&stop_signals, &signal);
  std::cout << "Stopping on " << (signal == SIGINT ? "SIGINT" : "SIGTERM") << ": finishing running calls.\n";
  std::cout.flush();
  (*server)->Shutdown(absl::Seconds(5));
  std::cout << "Stopped.\n";
  return kExitOk;
}

}  // namespace tessera::cli
