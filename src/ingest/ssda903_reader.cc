#include "ingest/ssda903_reader.h"

#include <algorithm>
#include <charconv>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>

#include <fmt/format.h>

#include "ingest/episode_cleaning.h"
#include "ingest/model_record.h"
#include "ingest/return_file_size.h"
#include "ingest/ssda903_file.h"
#include "ingest/ssda903_history.h"
#include "ingest/ssda903_xml.h"
#include "ingest/ssda903_year.h"

namespace scrutiny {
namespace {

namespace fs = std::filesystem;

// RecordMaking makes the model's records of a history: each child's episodes
// cleaned and numbered, its reviews, missing episodes, care leaver rows and
// adoption, and the child itself if any of these is kept.
class RecordMaking {
 public:
  RecordMaking(const Ssda903Options& options, Ssda903Return& out, Problems& problems)
      : options_(options), out_(out), problems_(problems) {}
  void Run(Ssda903History& history);

 private:
  // The record emptied and given the child's child_id, <la_code>-<CHILD>, its first field.
  ModelRecord& Begin(ModelRecord& record, Ssda903Child& child, std::string_view id) const {
    return record.Clear().SetInterned("child_id", ChildId(record, child, id));
  }
  template <typename Row>
  ModelRecord& Begin(ModelRecord& record, const Row& row) const { return Begin(record, *row.of, row.child); }
  // The child's child_id, interned once.
  int32_t ChildId(ModelRecord& record, Ssda903Child& child, std::string_view id) const {
    if (child.model_id < 0) child.model_id = record.Intern({options_.la_code, "-", id});
    return child.model_id;
  }
  // A number's decimal digits, valid until the next call.
  std::string_view Digits(int n) {
    return {digits_, static_cast<size_t>(std::to_chars(digits_, digits_ + sizeof digits_, n).ptr - digits_)};
  }
  // Adds a record; one the model refuses is counted as left out of its file.
  bool Add(ModelRecord& record, const Ssda903Origin& from);
  // Reports a fix or a record left out, against the child (the return's CHILD).
  void Report(const Ssda903Origin& from, std::string_view child, std::string_view column, std::string value,
              std::string rule);
  void AddEpisodes(ModelRecord& record, std::string_view id, Ssda903Child& child);
  // Whether the row's child has an episode kept; if not, the row is reported and left out.
  template <typename Row>
  bool LookedAfter(const Row& row);
  void AddReviews(const std::vector<Ssda903Review>& reviews);
  void AddMissing(const std::vector<Ssda903Missing>& missing);
  void AddCareLeavers(const std::vector<Ssda903CareLeaver>& leavers);
  void AddOutcomes(const std::vector<Ssda903Outcomes>& outcomes);
  void AddAdoptions(ChildMap<Ssda903Adoption>& adoptions);
  void AddPreviousPermanence(const std::vector<Ssda903PreviousPermanence>& rows);
  void AddSocialWorkers(const std::vector<Ssda903SocialWorkerEpisode>& episodes);
  void AddLibertyDeprivations(const std::vector<Ssda903LibertyDeprivation>& orders);
  void AddChildren(const std::vector<std::pair<const std::string_view, Ssda903Child>*>& children);

  const Ssda903Options& options_;
  Ssda903Return& out_;
  Problems& problems_;
  ChildMap<Ssda903Child>* children_ = nullptr;  // the history's
  char digits_[16];
};

void RecordMaking::Run(Ssda903History& history) {
  AddCouncil(out_.dataset, out_.sources, options_.la_code, options_.council_name, problems_);
  children_ = &history.records.children;
  auto children = ByChild(history.records.children);
  ModelRecord episode(out_.dataset, out_.sources, "looked_after_episodes");
  size_t episodes = 0;
  for (const auto* entry : children) episodes += entry->second.episodes.size();
  episode.Reserve(episodes);
  for (auto* entry : children)
    if (!entry->second.episodes.empty()) AddEpisodes(episode, entry->first, entry->second);
  AddReviews(history.records.reviews);
  AddMissing(history.records.missing);
  AddCareLeavers(history.records.care_leavers);
  AddOutcomes(history.records.outcomes);
  AddAdoptions(history.records.adoptions);
  AddPreviousPermanence(history.records.previous_permanence);
  AddSocialWorkers(history.records.social_workers);
  AddLibertyDeprivations(history.records.liberty_deprivations);
  AddChildren(children);
}

bool RecordMaking::Add(ModelRecord& record, const Ssda903Origin& from) {
  Ssda903FileCount& file = out_.files[from.file];
  bool kept = record.Add(file.name, from.line, problems_);
  if (!kept) ++file.left_out;
  return kept;
}

void RecordMaking::Report(const Ssda903Origin& from, std::string_view child, std::string_view column,
                          std::string value, std::string rule) {
  const Ssda903FileCount& file = out_.files[from.file];
  Problem problem{file.name, from.line, std::string(file.Label(column)), std::move(value), std::move(rule),
                  ChildIdOfReturn(options_.la_code, child)};
  problem.model_field = file.ModelField(column);
  problems_.Add(std::move(problem));
}

void RecordMaking::AddEpisodes(ModelRecord& record, std::string_view id, Ssda903Child& child) {
  std::vector<Ssda903Episode>& episodes = child.episodes;
  out_.fixed += CleanEpisodes(episodes, out_.files, options_.la_code, problems_);
  Ssda903Episode& last = episodes.back();
  if (!last.dec && !last.rec.empty()) {
    Report(last.from, id, "REC", fmt::format("CHILD {}: {}", id, last.rec),
           "REC without DEC on the child's last episode: the episode is open at the year end; REC dropped");
    last.rec = {};
    ++out_.fixed;
  }
  int number = 0, kept = 0;
  for (const Ssda903Episode& e : episodes) {
    record.Clear()
        .Set("episode_id", {options_.la_code, "-", id, "-E", Digits(++number)})
        .SetInterned("child_id", ChildId(record, child, id))
        .Set("decom", e.decom).Set("rne", e.rne).Set("ls", e.ls).Set("cin", e.cin).Set("place", e.place)
        .Set("place_provider", e.place_provider).Set("dec", e.dec).Set("rec", e.rec)
        .Set("reason_place_change", e.reason_place_change).Set("home_postcode_district", e.home_district)
        .Set("placement_postcode_district", e.placement_district).Set("urn", e.urn);
    kept += Add(record, e.from);
  }
  if (kept) child.looked_after = child.with_records = true;
}

template <typename Row>
bool RecordMaking::LookedAfter(const Row& row) {
  if (row.of->looked_after) return true;
  Report(row.from, row.child, "CHILD", std::string(row.child), "every episode of the child was left out: not looked after");
  ++out_.files[row.from.file].left_out;
  return false;
}

void RecordMaking::AddReviews(const std::vector<Ssda903Review>& reviews) {
  ModelRecord record(out_.dataset, out_.sources, "looked_after_reviews");
  record.Reserve(reviews.size());
  for (const Ssda903Review& r : reviews) {
    if (!LookedAfter(r)) continue;
    Add(Begin(record, r).Set("review_date", r.date).Set("participation", r.participation), r.from);
  }
}

void RecordMaking::AddMissing(const std::vector<Ssda903Missing>& missing) {
  ModelRecord record(out_.dataset, out_.sources, "missing_episodes");
  record.Reserve(missing.size());
  int number = 0;
  for (const Ssda903Missing& m : missing) {
    if (!LookedAfter(m)) continue;
    Add(record.Clear()
            .Set("missing_id", {options_.la_code, "-M", Digits(++number)})
            .SetInterned("child_id", ChildId(record, *m.of, m.child))
            .Set("start_date", m.start).Set("end_date", m.end).Set("missing_type", m.type),
        m.from);
  }
}

void RecordMaking::AddCareLeavers(const std::vector<Ssda903CareLeaver>& leavers) {
  ModelRecord record(out_.dataset, out_.sources, "care_leavers");
  record.Reserve(leavers.size());
  for (const Ssda903CareLeaver& c : leavers) {
    bool kept = Add(Begin(record, c).Set("as_at_date", c.as_at)
                        .Set("eligibility", c.relevant ? "RELEVANT" : "FORMER_RELEVANT")
                        .Set("in_touch", c.in_touch).Set("activity", c.activity).Set("accommodation", c.accommodation),
                    c.from);
    if (kept) c.of->with_records = true;
  }
}

void RecordMaking::AddOutcomes(const std::vector<Ssda903Outcomes>& outcomes) {
  ModelRecord record(out_.dataset, out_.sources, "looked_after_outcomes");
  record.Reserve(outcomes.size());
  for (const Ssda903Outcomes& o : outcomes) {
    if (!LookedAfter(o)) continue;
    Add(Begin(record, o).Set("as_at_date", o.as_at)
            .Set("health_check", o.health_check).Set("teeth_check", o.teeth_check)
            .Set("immunisations", o.immunisations).Set("convicted", o.convicted)
            .Set("substance_misuse", o.substance_misuse)
            .Set("sdq_score", o.sdq_score ? Digits(*o.sdq_score) : ""),
        o.from);
  }
}

void RecordMaking::AddAdoptions(ChildMap<Ssda903Adoption>& adoptions) {
  ModelRecord record(out_.dataset, out_.sources, "adoptions");
  for (const auto* entry : ByChild(adoptions)) {
    const auto& [child, a] = *entry;
    Ssda903Child& of = children_->Find(child)->second;  // an adoption row's child is in the header
    bool kept = Add(record.Clear()
                        .Set("adoption_id", {options_.la_code, "-", child, "-A"})
                        .SetInterned("child_id", ChildId(record, of, child))
                        .Set("decision_date", a.decision).Set("match_date", a.match)
                        .Set("decision_reversed_date", a.reversed).Set("reversal_reason", a.reversal_reason),
                    a.from);
    if (kept) of.with_records = true;
  }
}

void RecordMaking::AddPreviousPermanence(const std::vector<Ssda903PreviousPermanence>& rows) {
  ModelRecord record(out_.dataset, out_.sources, "previous_permanence");
  record.Reserve(rows.size());
  for (const Ssda903PreviousPermanence& p : rows) {
    if (!LookedAfter(p)) continue;
    Add(Begin(record, p).Set("as_at_date", p.as_at).Set("previous_permanence", p.option)
            .Set("permanence_la", p.la).Set("permanence_date", p.date)
            .Set("permanence_year", p.year ? Digits(*p.year) : ""),
        p.from);
  }
}

void RecordMaking::AddSocialWorkers(const std::vector<Ssda903SocialWorkerEpisode>& episodes) {
  ModelRecord record(out_.dataset, out_.sources, "social_worker_episodes");
  record.Reserve(episodes.size());
  for (const Ssda903SocialWorkerEpisode& w : episodes) {
    if (!LookedAfter(w)) continue;
    Add(Begin(record, w).Set("worker_id", w.worker).Set("start_date", w.start)
            .Set("end_date", w.end).Set("change_reason", w.reason),
        w.from);
  }
}

void RecordMaking::AddLibertyDeprivations(const std::vector<Ssda903LibertyDeprivation>& orders) {
  ModelRecord record(out_.dataset, out_.sources, "liberty_deprivations");
  record.Reserve(orders.size());
  for (const Ssda903LibertyDeprivation& d : orders) {
    if (!LookedAfter(d)) continue;
    Add(Begin(record, d).Set("start_date", d.start).Set("end_date", d.end), d.from);
  }
}

void RecordMaking::AddChildren(const std::vector<std::pair<const std::string_view, Ssda903Child>*>& children) {
  ModelRecord record(out_.dataset, out_.sources, "children");
  record.Reserve(children.size());
  for (auto* entry : children) {
    auto& [id, child] = *entry;
    if (!child.with_records) {
      Report(child.from, id, "CHILD", std::string(id), "the child has no episode, care leaver or adoption record; left out");
      ++out_.files[child.from.file].left_out;
      continue;
    }
    Add(Begin(record, child, id).Set("la_code", options_.la_code).Set("sex", child.sex)
            .Set("date_of_birth", child.dob).Set("ethnicity", child.ethnicity).Set("uasc", child.uasc ? "Y" : "N")
            .Set("uasc_ceased_date", child.uasc_ceased),
        child.from);
  }
}

// The tables of one input: its CSV files, or its XML file's elements.
Result<std::vector<Ssda903File>> InputTables(const Ssda903Input& input, Problems& problems) {
  if (input.xml) return Ssda903XmlTables(input.name, input.files.at(0).text, problems);
  std::vector<Ssda903File> tables;
  for (const Ssda903Text& text : input.files) {
    auto file = Ssda903File::Read(text.name, text.text, problems);
    if (!file.ok()) return file.status();
    if (*file) tables.push_back(std::move(**file));
  }
  return tables;
}

// The whole file's text, read in one go; an error naming it if it cannot be read.
Result<std::string> FileText(const std::string& path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  std::streamoff size = in ? static_cast<std::streamoff>(in.tellg()) : -1;
  std::string text(size > 0 ? static_cast<size_t>(size) : 0, '\0');
  if (size > 0) in.seekg(0), in.read(text.data(), size);
  if (!in || size < 0) return Status::IoError(fmt::format("{}: cannot be read", path));
  return text;
}

}  // namespace

uint64_t Ssda903Return::left_out() const {
  uint64_t n = 0;
  for (const Ssda903FileCount& f : files)
    n += f.left_out;
  return n;
}

Result<std::vector<Ssda903Text>> ReadSsda903Folder(const std::string& dir, uint64_t max_file_bytes) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return Status::IoError(fmt::format("{}: not a folder", dir));
  std::vector<Ssda903Text> files;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    std::string extension = entry.path().extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(), [](unsigned char c) { return std::tolower(c); });
    if (extension != ".csv") continue;
    if (Status s = CheckReturnFileSize(entry.path().string(), max_file_bytes); !s.ok()) return s;
    auto text = FileText(entry.path().string());
    if (!text.ok()) return text.status();
    files.push_back({entry.path().string(), std::move(*text)});
  }
  if (ec) return Status::IoError(fmt::format("{}: {}", dir, ec.message()));
  std::sort(files.begin(), files.end(), [](const Ssda903Text& a, const Ssda903Text& b) { return a.name < b.name; });
  return files;
}

Result<Ssda903Input> ReadSsda903Input(const std::string& path, uint64_t max_file_bytes) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    auto files = ReadSsda903Folder(path, max_file_bytes);
    if (!files.ok()) return files.status();
    return Ssda903Input{path, std::move(*files), false};
  }
  if (Status s = CheckReturnFileSize(path, max_file_bytes); !s.ok()) return s;
  auto text = FileText(path);
  if (!text.ok()) return text.status();
  return Ssda903Input{path, {{path, std::move(*text)}}, true};
}

Result<Ssda903Return> ReadSsda903Years(const std::vector<Ssda903Input>& inputs, const Ssda903Options& options,
                                       Problems& problems) {
  if (!IsIdText(options.la_code))
    return Status::InvalidInput(fmt::format("'{}' is not a council code (letters, digits, - _ . /)", options.la_code));
  if (inputs.size() > 1 && options.collection_year)
    return Status::InvalidInput("a collection year is given for one return only: of several, each one's year is that "
                                "of its latest DECOM");
  Ssda903Return out;
  std::vector<Ssda903Year> years;
  for (const Ssda903Input& input : inputs) {
    auto tables = InputTables(input, problems);
    if (!tables.ok()) return tables.status();
    auto year = ReadSsda903Year(input.name, std::move(*tables), options, out.files, problems);
    if (!year.ok()) return year.status();
    out.fixed += year->fixed;
    years.push_back(std::move(*year));
  }
  auto history = CombineSsda903Years(years, out.files, options.la_code, problems);
  if (!history.ok()) return history.status();
  out.years = history->years;
  out.collection_year = out.years.back();
  out.combined = history->combined;
  RecordMaking(options, out, problems).Run(*history);
  return out;
}

Result<Ssda903Return> ReadSsda903(const std::vector<Ssda903Text>& files, const Ssda903Options& options,
                                  Problems& problems) {
  return ReadSsda903Years({{"", files, false}}, options, problems);
}

Result<Ssda903Return> ReadSsda903Xml(const std::string& name, std::string_view text, const Ssda903Options& options,
                                     Problems& problems) {
  return ReadSsda903Years({{name, {{name, std::string(text)}}, true}}, options, problems);
}

}  // namespace scrutiny
