// TLS, client certificates and bearer tokens against a real server, with
// certificates made at test time by the `openssl` command and the server
// configured through a real ServerConfig file.

#include <chrono>
#include <cstdlib>
#include <string>

#include "absl/strings/str_cat.h"
#include "engine/config/config_loader.h"
#include "engine/server/server_config.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/engine/server/server_harness.h"

namespace tessera::testing {
namespace {

using ::testing::HasSubstr;

std::string Dir() { return CertificateDir(); }
std::string Pem(const std::string& name) { return ReadFile(absl::StrCat(Dir(), "/", name)); }

// Writes the sources file and a ServerConfig naming `extra` lines, and
// loads it as `tessera serve --config` would.
server::ServerSettings Configure(const std::string& name, const std::string& extra) {
  std::string sources = absl::StrCat(Dir(), "/sources.textproto");
  EXPECT_TRUE(SaveConfig(RiversideSources(), sources).ok());
  std::string path = absl::StrCat(Dir(), "/", name, ".textproto");
  WriteFile(path, absl::StrCat("listen_address: \"127.0.0.1:0\"\nsources_config: \"sources.textproto\"\n", extra));
  absl::StatusOr<server::ServerSettings> settings = server::LoadServerConfig(path);
  EXPECT_TRUE(settings.ok()) << settings.status();
  return settings.ok() ? *settings : server::ServerSettings();
}

std::shared_ptr<grpc::Channel> TlsChannel(const std::string& address, const std::string& ca,
                                          const std::string& cert = "", const std::string& key = "") {
  grpc::SslCredentialsOptions ssl;
  ssl.pem_root_certs = Pem(ca);
  if (!cert.empty()) {
    ssl.pem_cert_chain = Pem(cert);
    ssl.pem_private_key = Pem(key);
  }
  return grpc::CreateChannel(address, grpc::SslCredentials(ssl));
}

// Counts the patients through `channel`; the count must equal the
// in-process one when the call succeeds.
grpc::Status Query(const std::shared_ptr<grpc::Channel>& channel,
                   const std::function<void(grpc::ClientContext&)>& prepare = {}) {
  auto stub = v1::QueryService::NewStub(channel);
  StreamResult r = Execute(*stub, "SELECT count(*) FROM ehr.patient", [&](grpc::ClientContext& c) {
    c.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    if (prepare) prepare(c);
  });
  if (r.status.ok()) {
    absl::StatusOr<StreamResult> local = ExecuteInProcess(RiversideSources(), "SELECT count(*) FROM ehr.patient");
    EXPECT_TRUE(local.ok()) << local.status();
    if (local.ok()) EXPECT_EQ(r.rows, local->rows);
  }
  return r.status;
}

class SecurityTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { ASSERT_TRUE(MakeCertificates()); }
};

TEST_F(SecurityTest, TlsServesClientsThatTrustItsCa) {
  absl::StatusOr<RunningServer> s =
      StartServer(Configure("tls", "tls_cert_file: \"server.pem\"\ntls_key_file: \"server.key\"\n"));
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_TRUE(Query(TlsChannel(s->address(), "ca.pem")).ok());
  // Plaintext cannot talk to it, nor a client trusting another CA.
  EXPECT_EQ(Query(s->channel).error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(Query(TlsChannel(s->address(), "other-ca.pem")).error_code(), grpc::StatusCode::UNAVAILABLE);
}

TEST_F(SecurityTest, ClientCertificatesAreRequiredWhenConfigured) {
  absl::StatusOr<RunningServer> s = StartServer(Configure(
      "mtls", "tls_cert_file: \"server.pem\"\ntls_key_file: \"server.key\"\nclient_ca_file: \"ca.pem\"\n"));
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_TRUE(Query(TlsChannel(s->address(), "ca.pem", "client.pem", "client.key")).ok());
  EXPECT_EQ(Query(TlsChannel(s->address(), "ca.pem")).error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(Query(TlsChannel(s->address(), "ca.pem", "stranger.pem", "stranger.key")).error_code(),
            grpc::StatusCode::UNAVAILABLE);
}

TEST_F(SecurityTest, BearerTokensAuthenticateEveryCall) {
  WriteFile(Dir() + "/tokens", "# token principal\ns3cr3t-alpha  dr.alvarez\ns3cr3t-beta   clinic-app\n");
  absl::StatusOr<RunningServer> s = StartServer(Configure("tokens", "token_file: \"tokens\"\n"));
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_TRUE(s->server->authenticator().requires_token());
  auto bearer = [](const std::string& value) {
    return [value](grpc::ClientContext& c) { c.AddMetadata("authorization", value); };
  };
  EXPECT_TRUE(Query(s->channel, bearer("Bearer s3cr3t-alpha")).ok());
  EXPECT_TRUE(Query(s->channel, bearer("Bearer s3cr3t-beta")).ok());
  grpc::Status missing = Query(s->channel);
  EXPECT_EQ(missing.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_THAT(missing.error_message(), HasSubstr("bearer token"));
  grpc::Status wrong = Query(s->channel, bearer("Bearer s3cr3t-gamma"));
  EXPECT_EQ(wrong.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_THAT(wrong.error_message(), ::testing::Not(HasSubstr("gamma")));  // Never echoed.
  EXPECT_EQ(Query(s->channel, bearer("Basic s3cr3t-alpha")).error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(Query(s->channel, bearer("Bearer s3cr3t-alph")).error_code(), grpc::StatusCode::UNAUTHENTICATED);

  // The other calls are guarded too.
  grpc::ClientContext list_context;
  v1::TableList tables;
  EXPECT_EQ(s->stub->ListTables(&list_context, v1::TableListRequest(), &tables).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  grpc::ClientContext explain_context;
  v1::ExplainRequest explain;
  explain.set_sql("SELECT 1");
  v1::ExplainResponse plan;
  EXPECT_EQ(s->stub->Explain(&explain_context, explain, &plan).error_code(), grpc::StatusCode::UNAUTHENTICATED);
  grpc::ClientContext describe_context;
  v1::TableDetailsRequest describe;
  describe.set_table("customer");
  v1::TableDetails table;
  EXPECT_EQ(s->stub->DescribeTable(&describe_context, describe, &table).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
}

TEST_F(SecurityTest, TokensOverTlsWithClientCertificates) {
  WriteFile(Dir() + "/tokens2", "tok-123 reporting\n");
  absl::StatusOr<RunningServer> s = StartServer(
      Configure("all", "tls_cert_file: \"server.pem\"\ntls_key_file: \"server.key\"\n"
                       "client_ca_file: \"ca.pem\"\ntoken_file: \"tokens2\"\n"));
  ASSERT_TRUE(s.ok()) << s.status();
  auto channel = TlsChannel(s->address(), "ca.pem", "client.pem", "client.key");
  EXPECT_TRUE(Query(channel, [](grpc::ClientContext& c) { c.AddMetadata("authorization", "Bearer tok-123"); }).ok());
  EXPECT_EQ(Query(channel).error_code(), grpc::StatusCode::UNAUTHENTICATED);
}

TEST_F(SecurityTest, ConfigurationMistakesNameTheFileAndLine) {
  std::string path = Dir() + "/broken.textproto";
  WriteFile(path, "listen_address: \"127.0.0.1:0\"\nsources_config: \"sources.textproto\"\ntls_cert_file: \"server.pem\"\n");
  absl::StatusOr<server::ServerSettings> no_key = server::LoadServerConfig(path);
  ASSERT_FALSE(no_key.ok());
  EXPECT_THAT(no_key.status().message(), HasSubstr(absl::StrCat(path, ": line 3: TLS needs both")));

  WriteFile(path, "sources_config: \"sources.textproto\"\ntls_cert_file: \"missing.pem\"\ntls_key_file: \"server.key\"\n");
  absl::StatusOr<server::ServerSettings> missing = server::LoadServerConfig(path);
  ASSERT_FALSE(missing.ok());
  EXPECT_THAT(missing.status().message(), HasSubstr("line 2: tls_cert_file: cannot read"));

  WriteFile(path, "sources_config: \"sources.textproto\"\nclient_ca_file: \"ca.pem\"\n");
  absl::StatusOr<server::ServerSettings> ca_without_tls = server::LoadServerConfig(path);
  ASSERT_FALSE(ca_without_tls.ok());
  EXPECT_THAT(ca_without_tls.status().message(), HasSubstr("line 2: client certificates need TLS"));

  WriteFile(path, "listen_adress: \"x\"\n");
  absl::StatusOr<server::ServerSettings> typo = server::LoadServerConfig(path);
  ASSERT_FALSE(typo.ok());
  EXPECT_THAT(typo.status().message(), HasSubstr("line 1, column 1"));

  WriteFile(path, "listen_address: \"127.0.0.1:0\"\n");
  absl::StatusOr<server::ServerSettings> no_sources = server::LoadServerConfig(path);
  ASSERT_FALSE(no_sources.ok());
  EXPECT_THAT(no_sources.status().message(), HasSubstr("sources_config is missing"));

  WriteFile(Dir() + "/bad-tokens", "alpha one\nbeta\n");
  WriteFile(path, "sources_config: \"sources.textproto\"\ntoken_file: \"bad-tokens\"\n");
  absl::StatusOr<server::ServerSettings> settings = server::LoadServerConfig(path);
  ASSERT_TRUE(settings.ok()) << settings.status();
  settings->listen_address = "127.0.0.1:0";
  absl::StatusOr<std::unique_ptr<server::TesseraServer>> refused = server::TesseraServer::Start(*settings);
  ASSERT_FALSE(refused.ok());
  EXPECT_THAT(refused.status().message(), HasSubstr("bad-tokens: line 2: expected \"TOKEN PRINCIPAL\""));

  WriteFile(Dir() + "/dup-tokens", "alpha one\nalpha two\n");
  absl::StatusOr<std::unique_ptr<server::Authenticator>> dup =
      server::Authenticator::FromTokenFile(Dir() + "/dup-tokens");
  ASSERT_FALSE(dup.ok());
  EXPECT_THAT(dup.status().message(), HasSubstr("line 2: this token is already given to \"one\""));
}

}  // namespace
}  // namespace tessera::testing
