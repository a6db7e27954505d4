#include "synth/council_returns.h"

#include <algorithm>

#include <fmt/format.h>

#include "synth/annex_a_writer.h"
#include "synth/cin_census_writer.h"
#include "synth/csww_writer.h"
#include "synth/record_fields.h"
#include "synth/ssda903_writer.h"

namespace scrutiny {
namespace {

struct FormatName {
  CouncilFormat format;
  std::string_view name;
};
constexpr FormatName kFormats[] = {{CouncilFormat::kScrutiny, "scrutiny"},
                                   {CouncilFormat::kSsda903, "ssda903"},
                                   {CouncilFormat::kCinCensus, "cin-census"},
                                   {CouncilFormat::kCsww, "csww"},
                                   {CouncilFormat::kAnnexA, "annex-a"}};

Status WriteYear(const Dataset& council, CouncilFormat format, int year, const std::string& dir) {
  std::string label = FinancialYear{year}.Label();
  switch (format) {
    case CouncilFormat::kSsda903: return WriteSsda903(council, year, fmt::format("{}/{}", dir, label));
    case CouncilFormat::kCinCensus: return WriteCinCensus(council, year, fmt::format("{}/cin-census-{}.xml", dir, label));
    case CouncilFormat::kCsww: return WriteCsww(council, year, fmt::format("{}/csww-{}-09-30.xml", dir, year));
    default: return Status::Ok();
  }
}

}  // namespace

Result<std::vector<CouncilFormat>> ParseCouncilFormats(std::string_view list) {
  std::vector<CouncilFormat> formats;
  for (size_t from = 0; from <= list.size();) {
    size_t to = std::min(list.find(',', from), list.size());
    std::string_view name = list.substr(from, to - from);
    from = to + 1;
    auto it = std::find_if(std::begin(kFormats), std::end(kFormats), [&](const FormatName& f) { return f.name == name; });
    if (it == std::end(kFormats))
      return Status::InvalidInput(fmt::format("--format '{}': use scrutiny, ssda903, cin-census, csww or annex-a, "
                                              "or a comma-separated list of them", name));
    if (std::find(formats.begin(), formats.end(), it->format) == formats.end()) formats.push_back(it->format);
  }
  return formats;
}

Status WriteCouncilReturns(const Dataset& council, const ReturnsToWrite& returns, const std::string& dir) {
  std::string la_code(RecordFields(council, "councils").Text(0, "la_code"));
  for (CouncilFormat format : returns.formats) {
    if (format == CouncilFormat::kScrutiny) continue;
    std::string name(std::find_if(std::begin(kFormats), std::end(kFormats), [&](const FormatName& f) {
                       return f.format == format;
                     })->name);
    std::string folder = fmt::format("{}/{}/{}", dir, name, la_code);
    if (format == CouncilFormat::kAnnexA) {
      std::string path = fmt::format("{}/annex-a-{}.xlsx", folder, returns.annex_a_as_at.ToIso());
      if (Status s = WriteAnnexA(council, returns.annex_a_as_at, path); !s.ok()) return s;
      continue;
    }
    for (int year = returns.first_year; year <= returns.last_year; ++year)
      if (Status s = WriteYear(council, format, year, folder); !s.ok()) return s;
  }
  return Status::Ok();
}

}  // namespace scrutiny
