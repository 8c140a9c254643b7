#include "handlers/execution/python_syntax.hpp"

#include <cctype>
#include <cstring>
#include <vector>

namespace lfkit::handlers::execution {
namespace {

struct Open {
  char bracket;
  int line;
};

std::string where(int line) {
  return " (<unknown>, line " + std::to_string(line) + ")";
}

char opener_of(char closer) {
  return closer == ')' ? '(' : closer == ']' ? '[' : '{';
}

}  // namespace

std::optional<std::string> python_lexical_error(const std::string& code) {
  std::vector<Open> stack;
  int line = 1;
  size_t i = 0;
  const size_t n = code.size();
  while (i < n) {
    char c = code[i];
    if (c == '\n') {
      ++line;
      ++i;
      continue;
    }
    if (c == '#') {
      while (i < n && code[i] != '\n') ++i;
      continue;
    }
    if (c == '\\' && i + 1 < n && code[i + 1] == '\n') {
      i += 2;
      ++line;
      continue;
    }
    // String literal, with an optional prefix (r, b, u, f and pairs).
    size_t j = i;
    bool raw = false;
    while (j < n && j - i < 2 && std::strchr("rRbBuUfF", code[j]) && code[j] != '\0') {
      if (code[j] == 'r' || code[j] == 'R') raw = true;
      ++j;
    }
    const bool prefix_ok =
        j == i ||
        (i == 0 || !(std::isalnum(static_cast<unsigned char>(code[i - 1])) || code[i - 1] == '_'));
    if (j < n && (code[j] == '\'' || code[j] == '"') && prefix_ok) {
      const char quote = code[j];
      const bool triple = j + 2 < n && code[j + 1] == quote && code[j + 2] == quote;
      const int start_line = line;
      i = j + (triple ? 3 : 1);
      bool closed = false;
      while (i < n) {
        char d = code[i];
        if (d == '\\' && !raw && i + 1 < n) {
          if (code[i + 1] == '\n') ++line;
          i += 2;
          continue;
        }
        if (d == '\\' && raw && i + 1 < n) {  // raw strings still skip an escaped quote
          if (code[i + 1] == '\n') ++line;
          i += 2;
          continue;
        }
        if (d == '\n') {
          if (!triple) break;
          ++line;
        }
        if (d == quote) {
          if (!triple) {
            ++i;
            closed = true;
            break;
          }
          if (i + 2 < n && code[i + 1] == quote && code[i + 2] == quote) {
            i += 3;
            closed = true;
            break;
          }
        }
        ++i;
      }
      if (!closed) {
        if (triple) {
          // A final newline does not open another line for the tokenizer.
          const int detected = line - (code.ends_with('\n') && line > start_line ? 1 : 0);
          return "unterminated triple-quoted string literal (detected at line " +
                 std::to_string(detected) + ")" + where(start_line);
        }
        return "unterminated string literal (detected at line " + std::to_string(start_line) + ")" +
               where(start_line);
      }
      continue;
    }
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '_') {
      while (i < n && (std::isalnum(static_cast<unsigned char>(code[i])) || code[i] == '_')) ++i;
      continue;
    }
    if (c == '(' || c == '[' || c == '{') {
      stack.push_back({c, line});
    } else if (c == ')' || c == ']' || c == '}') {
      if (stack.empty()) return std::string("unmatched '") + c + "'" + where(line);
      Open top = stack.back();
      stack.pop_back();
      if (top.bracket != opener_of(c)) {
        std::string msg = std::string("closing parenthesis '") + c +
                          "' does not match opening parenthesis '" + top.bracket + "'";
        if (top.line != line) msg += " on line " + std::to_string(top.line);
        return msg + where(line);
      }
    }
    ++i;
  }
  if (!stack.empty())
    return std::string("'") + stack.back().bracket + "' was never closed" +
           where(stack.back().line);
  return std::nullopt;
}

}  // namespace lfkit::handlers::execution
