// File: engine/common/status_macros.h
//
// RETURN_IF_ERROR and ASSIGN_OR_RETURN, which the Abseil in Debian 12 lacks.
// Every module reports errors as absl::Status / absl::StatusOr<T>; these macros
// keep the propagation to one line.

#ifndef TESSERA_ENGINE_COMMON_STATUS_MACROS_H_
#define TESSERA_ENGINE_COMMON_STATUS_MACROS_H_

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define TESSERA_CONCAT_INNER_(a, b) a##b
#define TESSERA_CONCAT_(a, b) TESSERA_CONCAT_INNER_(a, b)

// Returns from the enclosing function when `expr` is not OK.
#define RETURN_IF_ERROR(expr)                      \
  do {                                             \
    ::absl::Status tessera_status_ = (expr);       \
    if (!tessera_status_.ok()) return tessera_status_; \
  } while (false)

// Evaluates `rexpr` (a StatusOr<T>); on error returns its status, otherwise
// moves the value into `lhs`, which may be a declaration (`auto x`).
#define ASSIGN_OR_RETURN(lhs, rexpr) \
  TESSERA_ASSIGN_OR_RETURN_IMPL_(TESSERA_CONCAT_(tessera_statusor_, __COUNTER__), lhs, rexpr)

#define TESSERA_ASSIGN_OR_RETURN_IMPL_(statusor, lhs, rexpr) \
  auto statusor = (rexpr);                                   \
  if (!statusor.ok()) return std::move(statusor).status();   \
  lhs = std::move(statusor).value()

#endif  // TESSERA_ENGINE_COMMON_STATUS_MACROS_H_
