// File: engine/expr/like.h
//
// SQL LIKE and ILIKE patterns as RE2 regular expressions. The binder compiles
// a constant pattern once (MakeLike) and the kLike node evaluates every row
// with that one automaton, which runs in time linear in the text whatever the
// pattern, unlike a backtracking matcher on '%a%a%a%b'.

#ifndef TESSERA_ENGINE_EXPR_LIKE_H_
#define TESSERA_ENGINE_EXPR_LIKE_H_

#include <memory>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "engine/expr/expr.h"
#include "re2/re2.h"

namespace tessera {

// The regular expression for `pattern`: '%' matches any sequence of
// characters, '_' exactly one UTF-8 character, `escape` makes the character
// after it literal ('\0' for no escape character, PostgreSQL's ESCAPE ''),
// and everything else matches itself (regex metacharacters included). The
// whole text must match: evaluate with RE2::FullMatch. `case_insensitive`
// gives ILIKE, with Unicode case folding ('ÉCOLE' ILIKE 'école').
//
// A pattern ending in the escape character is InvalidArgument("LIKE pattern
// must not end with escape character"), as in PostgreSQL.
absl::StatusOr<std::shared_ptr<const re2::RE2>> CompileLikePattern(absl::string_view pattern,
                                                                   bool case_insensitive,
                                                                   char escape = '\\');

// A bound `input LIKE pattern` (ILIKE when `case_insensitive`), built as the
// binder builds one: the compiled pattern in `regex`, the pattern text as
// args[1], the escape character in `field`. NOT LIKE is kNot over it.
absl::StatusOr<std::unique_ptr<Expr>> MakeLike(std::unique_ptr<Expr> input,
                                               absl::string_view pattern, bool case_insensitive,
                                               char escape = '\\');

}  // namespace tessera

#endif  // TESSERA_ENGINE_EXPR_LIKE_H_
