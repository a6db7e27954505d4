#pragma once
// Checked reading of TOML tables for the configuration files (suites, targets).

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "core/status.h"

namespace scrutiny {

// TomlReader reads the keys of one TOML table (an [[indicator]], a [[target]])
// with checks, keeping the first error with its file and line, and reports
// keys it was not asked for.
class TomlReader {
 public:
  TomlReader(const toml::table& t, const std::string& path, std::string context)
      : t_(t), path_(path), context_(std::move(context)) {}

  int line() const { return static_cast<int>(t_.source().begin.line); }
  int LineOf(std::string_view key) const {
    const toml::node* n = t_.get(key);
    return n ? static_cast<int>(n->source().begin.line) : line();
  }
  Status Fail(std::string_view key, std::string_view what) {
    if (status_.ok()) status_ = Status::InvalidInput(fmt::format("{}:{}: {}: {}", path_, LineOf(key), context_, what));
    return status_;
  }
  const Status& status() const { return status_; }
  void set_context(std::string c) { context_ = std::move(c); }

  std::string String(std::string_view key, bool required, std::string fallback = "") {
    used_.insert(std::string(key));
    const toml::node* n = t_.get(key);
    if (!n) {
      if (required) Fail(key, fmt::format("'{}' is required", key));
      return fallback;
    }
    if (auto v = n->value<std::string>()) return *v;
    Fail(key, fmt::format("'{}' must be text in quotes", key));
    return fallback;
  }
  std::optional<int64_t> Integer(std::string_view key) {
    used_.insert(std::string(key));
    const toml::node* n = t_.get(key);
    if (!n) return std::nullopt;
    if (auto v = n->value<int64_t>()) return *v;
    Fail(key, fmt::format("'{}' must be a whole number", key));
    return std::nullopt;
  }
  std::optional<double> Number(std::string_view key) {
    used_.insert(std::string(key));
    const toml::node* n = t_.get(key);
    if (!n) return std::nullopt;
    if (auto v = n->value<double>()) return *v;
    Fail(key, fmt::format("'{}' must be a number", key));
    return std::nullopt;
  }
  bool Bool(std::string_view key) { return OptionalBool(key).value_or(false); }
  std::optional<bool> OptionalBool(std::string_view key) {
    used_.insert(std::string(key));
    const toml::node* n = t_.get(key);
    if (!n) return std::nullopt;
    if (auto v = n->value<bool>()) return *v;
    Fail(key, fmt::format("'{}' must be true or false", key));
    return std::nullopt;
  }
  std::vector<std::string> Strings(std::string_view key) {
    used_.insert(std::string(key));
    std::vector<std::string> out;
    const toml::node* n = t_.get(key);
    if (!n) return out;
    if (auto s = n->value<std::string>()) return {*s};
    const toml::array* a = n->as_array();
    if (!a) { Fail(key, fmt::format("'{}' must be a list of texts", key)); return out; }
    for (const toml::node& e : *a) {
      if (auto s = e.value<std::string>()) out.push_back(*s);
      else Fail(key, fmt::format("'{}' must be a list of texts", key));
    }
    return out;
  }
  std::vector<double> Numbers(const toml::table& t, std::string_view key) {
    std::vector<double> out;
    if (const toml::array* a = t[key].as_array())
      for (const toml::node& e : *a)
        if (auto d = e.value<double>()) out.push_back(*d);
    return out;
  }
  const toml::table* Table(std::string_view key) {
    used_.insert(std::string(key));
    return t_[key].as_table();
  }
  const toml::array* Array(std::string_view key) {
    used_.insert(std::string(key));
    return t_[key].as_array();
  }
  void CheckUnknownKeys() {
    for (auto&& [k, v] : t_)
      if (!used_.count(std::string(k.str()))) {
        if (status_.ok())
          status_ = Status::InvalidInput(fmt::format("{}:{}: {}: unknown key '{}'", path_, v.source().begin.line, context_, k.str()));
      }
  }

 private:
  const toml::table& t_;
  const std::string& path_;
  std::string context_;
  Status status_;
  std::set<std::string> used_;
};

}  // namespace scrutiny
