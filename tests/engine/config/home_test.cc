#include "engine/config/home.h"

#include <cstdlib>
#include <optional>
#include <string>

#include "gtest/gtest.h"

namespace tessera {
namespace {

// Saves $TESSERA_HOME and $HOME and puts them back after each test.
class HomeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    saved_tessera_home_ = Get("TESSERA_HOME");
    saved_home_ = Get("HOME");
  }
  void TearDown() override {
    Restore("TESSERA_HOME", saved_tessera_home_);
    Restore("HOME", saved_home_);
  }

 private:
  static std::optional<std::string> Get(const char* name) {
    const char* v = std::getenv(name);
    return v == nullptr ? std::nullopt : std::optional<std::string>(v);
  }
  static void Restore(const char* name, const std::optional<std::string>& v) {
    if (v.has_value()) {
      setenv(name, v->c_str(), 1);
    } else {
      unsetenv(name);
    }
  }

  std::optional<std::string> saved_tessera_home_;
  std::optional<std::string> saved_home_;
};

TEST_F(HomeTest, FlagWinsOverEverything) {
  setenv("TESSERA_HOME", "/from/env", 1);
  setenv("HOME", "/home/u", 1);
  EXPECT_EQ(ResolveHome("/from/flag"), "/from/flag");
  EXPECT_EQ(ResolveHome("relative/dir"), "relative/dir");
}

TEST_F(HomeTest, TesseraHomeWhenNoFlag) {
  setenv("TESSERA_HOME", "/from/env", 1);
  setenv("HOME", "/home/u", 1);
  EXPECT_EQ(ResolveHome(""), "/from/env");
}

TEST_F(HomeTest, DotTesseraInHomeWhenNeitherIsSet) {
  unsetenv("TESSERA_HOME");
  setenv("HOME", "/home/u", 1);
  EXPECT_EQ(ResolveHome(""), "/home/u/.tessera");
}

TEST_F(HomeTest, EmptyTesseraHomeCountsAsUnset) {
  setenv("TESSERA_HOME", "", 1);
  setenv("HOME", "/home/u", 1);
  EXPECT_EQ(ResolveHome(""), "/home/u/.tessera");
}

TEST_F(HomeTest, CurrentFolderWithoutHome) {
  unsetenv("TESSERA_HOME");
  unsetenv("HOME");
  EXPECT_EQ(ResolveHome(""), "./.tessera");
  setenv("HOME", "", 1);
  EXPECT_EQ(ResolveHome(""), "./.tessera");
}

TEST(Home, PathsInsideAHome) {
  EXPECT_EQ(HomeConfigPath("/home/u/.tessera"), "/home/u/.tessera/tessera.textproto");
  EXPECT_EQ(HomeDataDir("/home/u/.tessera"), "/home/u/.tessera/data");
}

}  // namespace
}  // namespace tessera
