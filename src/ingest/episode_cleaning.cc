#include "ingest/episode_cleaning.h"

#include <algorithm>

#include <fmt/format.h>

#include "ingest/model_record.h"
#include "ingest/ssda903_row_check.h"

namespace scrutiny {
namespace {

std::string DecText(const Ssda903Episode& e) { return e.dec ? e.dec->ToDmy() : ""; }

// Fixes reported against the files the child's episodes came from, with its child_id.
struct Fixes {
  const std::vector<Ssda903FileCount>& files;
  std::string_view la_code;
  Problems& problems;

  void Report(const Ssda903Episode& e, std::string column, std::string value, std::string rule) const {
    const Ssda903FileCount& file = files[e.from.file];
    Problem problem{file.name, e.from.line, column, fmt::format("CHILD {}: {}", e.child, value), std::move(rule),
                    ChildIdOfReturn(la_code, e.child)};
    problem.model_field = file.ModelField(column);
    problems.Add(std::move(problem));
  }
};

// Leaves out every episode with the same DECOM as an earlier one (in file order).
size_t DropDuplicates(std::vector<Ssda903Episode>& episodes, const Fixes& fixes) {
  size_t before = episodes.size();
  auto same_start = [](const Ssda903Episode& a, const Ssda903Episode& b) { return a.decom == b.decom; };
  auto kept = std::unique(episodes.begin(), episodes.end(), [&](const Ssda903Episode& a, const Ssda903Episode& b) {
    if (!same_start(a, b)) return false;
    fixes.Report(b, "DECOM", b.decom.ToDmy(),
           "duplicate episode: another episode of the child starts the same day; left out");
    return true;
  });
  episodes.erase(kept, episodes.end());
  return before - episodes.size();
}

// Ends an episode at the start of the next, as a change of episode (REC X1).
void EndAt(Ssda903Episode& e, const Ssda903Episode& next, const Fixes& fixes) {
  bool open = !e.dec;
  fixes.Report(e, "DEC", fmt::format("{} -> {}", open ? "open" : DecText(e), next.decom.ToDmy()),
         open ? "open episode that is not the child's last: ended at the next episode's start (REC X1)"
              : "episode overlaps the next: ended at the next episode's start (REC X1)");
  e.dec = next.decom;
  e.rec = kContinuingRec;
}

}  // namespace

size_t CleanEpisodes(std::vector<Ssda903Episode>& episodes, const std::vector<Ssda903FileCount>& files,
                     std::string_view la_code, Problems& problems) {
  Fixes report{files, la_code, problems};
  auto by_start = [](const Ssda903Episode& a, const Ssda903Episode& b) { return a.decom < b.decom; };
  if (!std::is_sorted(episodes.begin(), episodes.end(), by_start))  // mostly they are: no buffer to allocate
    std::stable_sort(episodes.begin(), episodes.end(), by_start);
  size_t fixes = DropDuplicates(episodes, report);
  for (size_t i = 0; i + 1 < episodes.size(); ++i) {
    Ssda903Episode& e = episodes[i];
    const Ssda903Episode& next = episodes[i + 1];
    if (!e.dec || *e.dec > next.decom) {
      EndAt(e, next, report);
      ++fixes;
    } else if (*e.dec < next.decom && e.rec == kContinuingRec) {
      report.Report(e, "DEC", DecText(e),
             "gap after an episode that ceased X1 (a new episode begins): kept as a new period of care");
    }
  }
  return fixes;
}

}  // namespace scrutiny
