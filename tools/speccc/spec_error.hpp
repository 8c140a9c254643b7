// Errors in the spec are values: file, JSON pointer and what is wrong.
#pragma once

#include <string>
#include <variant>
#include <vector>

namespace speccc {

struct SpecError {
  std::string file;
  std::string pointer;  // JSON pointer into the document, "" for file-level errors
  std::string message;

  std::string to_string() const {
    return file + (pointer.empty() ? "" : "#" + pointer) + ": " + message;
  }
};

template <typename T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}
  Result(SpecError e) : v_(std::move(e)) {}
  bool ok() const { return v_.index() == 0; }
  T& value() { return std::get<0>(v_); }
  const SpecError& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, SpecError> v_;
};

}  // namespace speccc
