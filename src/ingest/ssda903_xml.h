#pragma once
// The XML form of the SSDA903 return (one file, root EXPSSDA903, a CHILD per
// child holding its HEADER and EPISODEs) turned into the tables of the CSV
// form, so that one reader checks both: each row keeps the line of the
// element it comes from. See docs/ssda903.md.

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "ingest/ssda903_file.h"
#include "model/validator.h"

namespace scrutiny {

// The tables the file's elements make, in the order of Ssda903Tables(). Fails
// (with a problem naming the line) if the text is not well-formed XML or its
// root is not EXPSSDA903.
Result<std::vector<Ssda903File>> Ssda903XmlTables(const std::string& name, std::string_view text, Problems& problems);

}  // namespace scrutiny
