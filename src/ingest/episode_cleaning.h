#pragma once
// Episode cleaning makes one child's SSDA903 episodes a chain the model can
// count on: sorted by start (DECOM), duplicates left out, an episode that
// overlaps the next or is open before it ended at the next one's start. A gap
// between episodes is kept: it starts a new period of care.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "ingest/ssda903_file.h"
#include "model/validator.h"

namespace scrutiny {

// Ssda903Episode is one row of episodes.csv, its codes already the model's.
struct Ssda903Episode {
  Ssda903Origin from;
  std::string_view child;
  Date decom;
  std::optional<Date> dec;
  std::string_view rne, ls, cin, place, place_provider, rec, reason_place_change;
  std::string home_district, placement_district;
  std::string_view urn;
};

// The reason episodes ceased when a new episode began at once.
inline constexpr std::string_view kContinuingRec = "X1";

// Cleans the episodes of one child (all its rows, of every year read) in place,
// reporting each fix against the file (of `files`) and line of the episode
// changed or left out, with the child's child_id (la_code-CHILD). Returns the number of fixes.
size_t CleanEpisodes(std::vector<Ssda903Episode>& episodes, const std::vector<Ssda903FileCount>& files,
                     std::string_view la_code, Problems& problems);

}  // namespace scrutiny
