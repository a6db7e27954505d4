#pragma once
// Errors as values (after LevelDB's Status): a function that can fail returns
// a Status, or a Result<T> holding either a value or the Status that stopped it.

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace scrutiny {

// Exit codes of the scrutiny command (documented in README.md and --help).
enum class ExitCode : int {
  kOk = 0,
  kQualityProblems = 1,  // scrutiny check: soft data-quality problems only (the data would load)
  kUsage = 64,     // bad command line
  kBadInput = 65,  // input data broke a rule; nothing was loaded
  kIoError = 74,   // a file could not be read or written
  kInternal = 70,  // a fault of ours
};

// Status says whether an operation worked and, if not, why.
class Status {
 public:
  enum class Code { kOk, kInvalidInput, kNotFound, kIoError, kInternal };

  Status() = default;
  static Status Ok() { return Status(); }
  static Status InvalidInput(std::string m) { return {Code::kInvalidInput, std::move(m)}; }
  static Status NotFound(std::string m) { return {Code::kNotFound, std::move(m)}; }
  static Status IoError(std::string m) { return {Code::kIoError, std::move(m)}; }
  static Status Internal(std::string m) { return {Code::kInternal, std::move(m)}; }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }
  ExitCode exit_code() const;

 private:
  Status(Code c, std::string m) : code_(c), message_(std::move(m)) {}
  Code code_ = Code::kOk;
  std::string message_;
};

// Result holds a T or the Status explaining why there is none.
template <typename T>
class Result {
 public:
  Result(T value) : state_(std::move(value)) {}
  Result(Status status) : state_(std::move(status)) {}

  bool ok() const { return std::holds_alternative<T>(state_); }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(state_);
  }
  T& value() & { return std::get<T>(state_); }
  const T& value() const& { return std::get<T>(state_); }
  T&& value() && { return std::get<T>(std::move(state_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T operator*() && { return std::move(*this).value(); }  // safe in range-for over a temporary

 private:
  std::variant<T, Status> state_;
};

}  // namespace scrutiny
