#pragma once
// Parsing a TOML file a user edits (suite, targets, pack, benchmark groups)
// with toml++, refusing first what toml++ 3.3 (Debian 12) must not see, where
// it reaches an unreachable point or a false assumption (undefined behaviour,
// found by fuzz/config_fuzzer.cc): a character beyond ASCII outside a quoted
// string or comment, a control character (a NUL...), both of which TOML
// allows nowhere, and a table header with no key after its [.

#include <string>
#include <string_view>

#include <toml++/toml.h>

#include "core/status.h"

namespace scrutiny {

// The document, or an error naming the file, line and the rule broken.
Result<toml::table> ParseTomlDocument(std::string_view text, const std::string& path);

}  // namespace scrutiny
