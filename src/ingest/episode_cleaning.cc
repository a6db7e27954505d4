#include "ingest/episode_cleaning.h"

#include <algorithm>

#include <fmt/format.h>

#include "ingest/ssda903_row_check.h"

namespace scrutiny {
namespace {

std::string DecText(const Ssda903Episode& e) { return e.dec ? e.dec->ToDmy() : ""; }

// Files is where the episodes came from, for reports.
using Files = std::vector<Ssda903FileCount>;

void Report(Problems& problems, const Files& files, const Ssda903Episode& e, std::string column, std::string value,
            std::string rule) {
  problems.Add({files[e.from.file].name, e.from.line, std::move(column), fmt::format("CHILD {}: {}", e.child, value),
                std::move(rule)});
}

// Leaves out every episode with the same DECOM as an earlier one (in file order).
size_t DropDuplicates(std::vector<Ssda903Episode>& episodes, const Files& files, Problems& problems) {
  size_t before = episodes.size();
  auto same_start = [](const Ssda903Episode& a, const Ssda903Episode& b) { return a.decom == b.decom; };
  auto kept = std::unique(episodes.begin(), episodes.end(), [&](const Ssda903Episode& a, const Ssda903Episode& b) {
    if (!same_start(a, b)) return false;
    Report(problems, files, b, "DECOM", b.decom.ToDmy(),
           "duplicate episode: another episode of the child starts the same day; left out");
    return true;
  });
  episodes.erase(kept, episodes.end());
  return before - episodes.size();
}

// Ends an episode at the start of the next, as a change of episode (REC X1).
void EndAt(Ssda903Episode& e, const Ssda903Episode& next, const Files& files, Problems& problems) {
  bool open = !e.dec;
  Report(problems, files, e, "DEC", fmt::format("{} -> {}", open ? "open" : DecText(e), next.decom.ToDmy()),
         open ? "open episode that is not the child's last: ended at the next episode's start (REC X1)"
              : "episode overlaps the next: ended at the next episode's start (REC X1)");
  e.dec = next.decom;
  e.rec = kContinuingRec;
}

}  // namespace

size_t CleanEpisodes(std::vector<Ssda903Episode>& episodes, const Files& files, Problems& problems) {
  auto by_start = [](const Ssda903Episode& a, const Ssda903Episode& b) { return a.decom < b.decom; };
  if (!std::is_sorted(episodes.begin(), episodes.end(), by_start))  // mostly they are: no buffer to allocate
    std::stable_sort(episodes.begin(), episodes.end(), by_start);
  size_t fixes = DropDuplicates(episodes, files, problems);
  for (size_t i = 0; i + 1 < episodes.size(); ++i) {
    Ssda903Episode& e = episodes[i];
    const Ssda903Episode& next = episodes[i + 1];
    if (!e.dec || *e.dec > next.decom) {
      EndAt(e, next, files, problems);
      ++fixes;
    } else if (*e.dec < next.decom && e.rec == kContinuingRec) {
      Report(problems, files, e, "DEC", DecText(e),
             "gap after an episode that ceased X1 (a new episode begins): kept as a new period of care");
    }
  }
  return fixes;
}

}  // namespace scrutiny
