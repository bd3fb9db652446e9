#include "engine/cli/open_sources.h"

#include <filesystem>

#include "absl/strings/str_cat.h"
#include "engine/common/status_macros.h"
#include "engine/config/config_loader.h"
#include "engine/config/home.h"

namespace tessera::cli {

absl::StatusOr<std::unique_ptr<SourceRegistry>> OpenSources(const std::string& config_flag,
                                                            const std::string& home_flag) {
  std::string path = config_flag;
  if (path.empty()) {
    std::string home = ResolveHome(home_flag);
    path = HomeConfigPath(home);
    if (!std::filesystem::exists(path)) {
      return absl::NotFoundError(absl::StrCat(
          "no configuration at ", path,
          ": run 'tessera gen' to create the embedded sample, or pass --config FILE"));
    }
  }
  ASSIGN_OR_RETURN(config::TesseraConfig cfg, LoadConfig(path));
  return SourceRegistry::Create(cfg);
}

}  // namespace tessera::cli
