// File: engine/riverside/output_file.h
//
// A text file written under a temporary name and renamed into place when
// complete, so a reader never sees half a file and a failed run leaves the
// previous file intact.

#ifndef TESSERA_ENGINE_RIVERSIDE_OUTPUT_FILE_H_
#define TESSERA_ENGINE_RIVERSIDE_OUTPUT_FILE_H_

#include <cstdio>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace tessera::riverside {

class OutputFile {
 public:
  explicit OutputFile(std::string path);
  ~OutputFile();  // Removes the temporary file if Close() was not reached.

  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  absl::Status Open();
  // Buffered; errors surface in Close().
  void Append(absl::string_view text);
  // Flushes, closes and renames the file into place.
  absl::Status Close();

 private:
  std::string path_;
  std::string temp_path_;
  std::FILE* file_ = nullptr;
  std::string buffer_;
  bool failed_ = false;
};

// Renames `from` to `to`, replacing `to`; the error names both paths.
absl::Status RenameFile(const std::string& from, const std::string& to);

// Creates `path` and its parents if missing.
absl::Status MakeDirectories(const std::string& path);

}  // namespace tessera::riverside

#endif  // TESSERA_ENGINE_RIVERSIDE_OUTPUT_FILE_H_
