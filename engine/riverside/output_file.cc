#include "engine/riverside/output_file.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>

#include "absl/strings/str_cat.h"

namespace tessera::riverside {
namespace {

constexpr size_t kFlushBytes = 1 << 20;

absl::Status FileError(absl::string_view what, const std::string& path, int error) {
  return absl::UnavailableError(
      absl::StrCat("cannot ", what, " \"", path, "\": ", std::strerror(error)));
}

}  // namespace

OutputFile::OutputFile(std::string path)
    : path_(std::move(path)), temp_path_(absl::StrCat(path_, ".tmp")) {}

OutputFile::~OutputFile() {
  if (file_ != nullptr) {
    std::fclose(file_);
    std::remove(temp_path_.c_str());
  }
}

absl::Status OutputFile::Open() {
  file_ = std::fopen(temp_path_.c_str(), "wb");
  if (file_ == nullptr) return FileError("create", temp_path_, errno);
  return absl::OkStatus();
}

void OutputFile::Append(absl::string_view text) {
  buffer_.append(text.data(), text.size());
  if (buffer_.size() >= kFlushBytes) {
    if (std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size()) failed_ = true;
    buffer_.clear();
  }
}

absl::Status OutputFile::Close() {
  if (file_ == nullptr) return absl::InternalError(absl::StrCat("\"", path_, "\" is not open"));
  if (!buffer_.empty() && std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size()) {
    failed_ = true;
  }
  int error = errno;
  bool close_failed = std::fclose(file_) != 0;
  file_ = nullptr;
  if (failed_ || close_failed) {
    std::remove(temp_path_.c_str());
    return FileError("write", temp_path_, close_failed ? errno : error);
  }
  return RenameFile(temp_path_, path_);
}

absl::Status RenameFile(const std::string& from, const std::string& to) {
  if (std::rename(from.c_str(), to.c_str()) != 0) {
    return absl::UnavailableError(
        absl::StrCat("cannot rename \"", from, "\" to \"", to, "\": ", std::strerror(errno)));
  }
  return absl::OkStatus();
}

absl::Status MakeDirectories(const std::string& path) {
  std::error_code error;
  std::filesystem::create_directories(path, error);
  if (error) {
    return absl::UnavailableError(
        absl::StrCat("cannot create directory \"", path, "\": ", error.message()));
  }
  return absl::OkStatus();
}

}  // namespace tessera::riverside
