#include "report/pack_config.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <toml++/toml.h>

#include "core/config_path.h"
#include "core/toml_document.h"
#include "core/toml_reader.h"
#include "indicators/breakdown.h"

namespace scrutiny {

namespace {

Status ReadTables(TomlReader& top, const std::string& path, const Suite& suite, PackConfig& out) {
  const toml::array* list = top.Array("table");
  if (!list) return Status::Ok();
  for (const toml::node& n : *list) {
    const toml::table* t = n.as_table();
    if (!t) return Status::InvalidInput(fmt::format("{}:{}: [[table]] must be a table", path, n.source().begin.line));
    TomlReader r(*t, path, "[[table]]");
    PackTableSpec spec{r.String("indicator", true), r.String("by", true), r.String("title", false)};
    const Indicator* ind = r.status().ok() ? suite.Find(spec.indicator) : nullptr;
    if (r.status().ok() && !ind) r.Fail("indicator", fmt::format("the suite has no indicator '{}'", spec.indicator));
    if (ind) {
      auto offered = Breakdown::Available(*ind);
      if (std::find(offered.begin(), offered.end(), spec.by) == offered.end())
        r.Fail("by", fmt::format("indicator {} has no breakdown '{}' (it has: {})", spec.indicator, spec.by, fmt::join(offered, ", ")));
      if (spec.title.empty()) spec.title = fmt::format("{}, by {}", ind->title, spec.by);
    }
    r.CheckUnknownKeys();
    if (!r.status().ok()) return r.status();
    out.tables.push_back(std::move(spec));
  }
  return Status::Ok();
}

}  // namespace

Result<PackConfig> PackConfig::Parse(std::string_view text, const std::string& path, const Suite& suite) {
  auto parsed = ParseTomlDocument(text, path);
  if (!parsed.ok()) return parsed.status();
  const toml::table& root = *parsed;
  PackConfig c;
  TomlReader top(root, path, "pack file");
  c.committee = top.String("committee", false, c.committee);
  if (auto years = top.Integer("trend_years")) {
    if (*years < 2 || *years > 20) top.Fail("trend_years", "'trend_years' must be from 2 to 20");
    else c.trend_years = static_cast<int>(*years);
  }
  std::string spc = top.String("spc_charts", false, "targets");
  if (spc != "targets" && spc != "all") top.Fail("spc_charts", "'spc_charts' must be \"targets\" or \"all\"");
  c.spc_for_all = spc == "all";
  c.trends = top.Strings("trends");
  for (const std::string& n : c.trends)
    if (!suite.Find(n)) top.Fail("trends", fmt::format("the suite has no indicator '{}'", n));
  if (!top.status().ok()) return top.status();
  if (Status s = ReadTables(top, path, suite, c); !s.ok()) return s;
  top.CheckUnknownKeys();
  if (!top.status().ok()) return top.status();
  return c;
}

Result<PackConfig> PackConfig::Load(const std::string& path, const Suite& suite) {
  std::ifstream in(path);
  if (!in) return Status::IoError(fmt::format("{}: cannot read the pack file", path));
  std::stringstream text;
  text << in.rdbuf();
  return Parse(text.str(), path, suite);
}

std::string DefaultPackConfigPath() { return ShippedConfigPath("pack.toml"); }

}  // namespace scrutiny
