// A lexical subset of Python's parser for /api/v1/validate/code: brackets and
// string literals, reported with CPython's SyntaxError texts as ast.parse raises
// them. Imports and function bodies are not evaluated (lfkit has no Python).
#pragma once

#include <optional>
#include <string>

namespace lfkit::handlers::execution {

// The str() of the SyntaxError ast.parse would raise for these lexical faults,
// e.g. "'(' was never closed (<unknown>, line 1)"; nullopt when none is found.
std::optional<std::string> python_lexical_error(const std::string& code);

}  // namespace lfkit::handlers::execution
