#include "cli/suite_loading.h"

#include <cmath>

#include <fmt/format.h>

#include "store/store.h"

namespace scrutiny {

Status ReadStore(const std::string& db, const std::optional<std::string>& council, Dataset& data, bool record_ids) {
  auto store = Store::Open(db);
  if (!store.ok()) return store.status();
  return store->Read(data, council, record_ids);
}

std::string CsvField(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

}  // namespace scrutiny
