#pragma once
// One collection year of the SSDA903 return read row by row with that year's
// rules (its code lists, its last day): the children of its header and their
// episodes, reviews, missing episodes, care leaver, adoption, previous
// permanence, social worker and deprivation of liberty rows, each
// knowing its year, file and line. The years are then combined into one
// history per child (ssda903_history.h) and made the model's records
// (ssda903_reader.h). See docs/ssda903.md.

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/status.h"
#include "ingest/child_map.h"
#include "ingest/episode_cleaning.h"
#include "ingest/model_record.h"
#include "ingest/ssda903_file.h"
#include "model/fingerprint.h"
#include "model/validator.h"

namespace scrutiny {

// Ssda903Child is what the header (and uasc) table says of a child, and its episodes.
struct Ssda903Child {
  Ssda903Origin from;  // the header row
  std::string_view sex, ethnicity;
  Date dob;
  bool uasc = false;
  std::optional<Date> uasc_ceased;
  std::vector<Ssda903Episode> episodes;  // in the order read; none if not looked after
  // The history's entry for the child, once its year is combined with earlier ones.
  Ssda903Child* in_history = nullptr;
  // Noted while its records are made: whether an episode of it was kept, and
  // any record; its child_id interned in the dataset's pool (-1 before).
  bool looked_after = false, with_records = false;
  int32_t model_id = -1;
};

// Ssda903Review is one row of reviews.
struct Ssda903Review {
  Ssda903Origin from;
  std::string_view child;
  Ssda903Child* of;  // its entry in the year's children, then in the history's
  Date date;
  std::string_view participation;
};

// Ssda903Missing is one row of missing.
struct Ssda903Missing {
  Ssda903Origin from;
  std::string_view child;
  Ssda903Child* of;  // its entry in the year's children, then in the history's
  Date start;
  std::optional<Date> end;
  std::string_view type;
};

// Ssda903CareLeaver is one row of oc3: the young person on their birthday in the year.
struct Ssda903CareLeaver {
  Ssda903Origin from;
  std::string_view child;
  Ssda903Child* of;  // its entry in the year's children, then in the history's
  Date as_at;
  bool relevant = false;  // 17 on that birthday; otherwise former relevant
  std::string_view in_touch, activity, accommodation;
};

// Ssda903Outcomes is one row of oc2: a child looked after for 12 months on 31
// March, and what the year held for them (flags as "Y", "N" or "" for not given).
struct Ssda903Outcomes {
  Ssda903Origin from;
  std::string_view child;
  Ssda903Child* of;  // its entry in the year's children, then in the history's
  Date as_at;
  std::string_view health_check, teeth_check, immunisations, convicted, substance_misuse;
  std::optional<int> sdq_score;
};

// Ssda903Adoption is a child's ad1 and placed_for_adoption rows taken together.
struct Ssda903Adoption {
  Ssda903Origin from;  // the first row read
  std::optional<Date> decision, match, reversed;
  std::string_view reversal_reason;
};

// Ssda903PreviousPermanence is one row of previous_permanence: what the return
// says of an order the child had before this period of care.
struct Ssda903PreviousPermanence {
  Ssda903Origin from;
  std::string_view child;
  Ssda903Child* of;  // its entry in the year's children, then in the history's
  Date as_at;  // the 31 March of the return
  std::string_view option, la;
  std::optional<Date> date;  // when DATE_PERM gives day and month
  std::optional<int> year;   // when DATE_PERM gives at least the year
};

// Ssda903SocialWorkerEpisode is one row of sw_episodes.
struct Ssda903SocialWorkerEpisode {
  Ssda903Origin from;
  std::string_view child;
  Ssda903Child* of;  // its entry in the year's children, then in the history's
  std::string_view worker;
  Date start;
  std::optional<Date> end;
  std::string_view reason;
};

// Ssda903LibertyDeprivation is one row of DoLo: a deprivation of liberty order.
struct Ssda903LibertyDeprivation {
  Ssda903Origin from;
  std::string_view child;
  Ssda903Child* of;  // its entry in the year's children, then in the history's
  Date start;
  std::optional<Date> end;
};

// What is known of each child (a ChildMap) is listed in CHILD order (ByChild)
// so that records and problems come out in one order.

// A CHILD's first eight bytes as a number that orders as the text does.
uint64_t ChildPrefix(std::string_view child);

template <typename T>
std::vector<std::pair<const std::string_view, T>*> ByChild(ChildMap<T>& map) {
  using Entry = std::pair<const std::string_view, T>;
  std::vector<std::pair<uint64_t, Entry*>> keyed;  // most comparisons settled by the prefix alone
  keyed.reserve(map.size());
  for (auto& entry : map) keyed.push_back({ChildPrefix(entry.first), &entry});
  std::sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first < b.first : a.second->first < b.second->first;
  });
  std::vector<Entry*> entries;
  entries.reserve(keyed.size());
  for (const auto& k : keyed) entries.push_back(k.second);
  return entries;
}

// Ssda903Records is what one year's return, or several combined, say of each
// child. Their texts are views of the rows of the files they were read from,
// and each record points at its child's entry: so records are moved whole
// (which keeps the entries where they are), never copied.
struct Ssda903Records {
  Ssda903Records() = default;
  Ssda903Records(Ssda903Records&&) noexcept = default;
  Ssda903Records& operator=(Ssda903Records&&) noexcept = default;
  Ssda903Records(const Ssda903Records&) = delete;
  Ssda903Records& operator=(const Ssda903Records&) = delete;

  ChildMap<Ssda903Child> children;  // with their episodes
  std::vector<Ssda903Review> reviews;
  std::vector<Ssda903Missing> missing;
  std::vector<Ssda903CareLeaver> care_leavers;
  std::vector<Ssda903Outcomes> outcomes;
  ChildMap<Ssda903Adoption> adoptions;
  std::vector<Ssda903PreviousPermanence> previous_permanence;
  std::vector<Ssda903SocialWorkerEpisode> social_workers;
  std::vector<Ssda903LibertyDeprivation> liberty_deprivations;
};

// Ssda903Year is one year's return read.
struct Ssda903Year {
  std::string input;  // the folder or XML file, for messages
  int collection_year = 0;
  std::vector<Ssda903File> files;  // the rows the records view: moved only whole, never row by row
  Ssda903Records records;
  uint64_t fixed = 0;  // episodes closed after the year end taken as open
};

// Reads the tables of one return (its year options.collection_year, or that of
// its latest DECOM), noting each file in `counts` (the index records' origins
// name). Fails when the year is neither given nor inferable or two files hold
// one table; bad values go to problems and their rows are left out.
Result<Ssda903Year> ReadSsda903Year(std::string input, std::vector<Ssda903File> files, const ReturnOptions& options,
                                    std::vector<Ssda903FileCount>& counts, Problems& problems);

}  // namespace scrutiny
