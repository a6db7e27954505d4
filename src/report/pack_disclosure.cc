#include "report/pack_disclosure.h"

#include <cmath>
#include <map>
#include <numeric>
#include <set>

#include <fmt/format.h>

namespace scrutiny {

namespace {

// The pack's figures as one Publication, and where each is printed.
class PackFigures {
 public:
  void Collect(Pack& pack) {
    for (PackIndicator& i : pack.indicators)
      for (PackFigure* f : {&i.value, &i.numerator, &i.denominator, &i.previous_value, &i.last_year_value}) Add(f);
    for (PackSection& s : pack.sections) {
      for (PackChart& c : s.charts)
        for (PackFigure& f : c.values) Add(&f);
      for (PackTable& t : s.tables)
        for (PackTable::Row& r : t.rows)
          for (PackFigure& f : r.cells) Add(&f);
    }
    for (PackQualityNote& q : pack.quality) Add(&q.records);
  }

  // Registers counts first (so a ratio finds its printed counts), then ratios.
  Status Register(Pack& pack) {
    for (PackFigure* f : printed_)
      if (!IsRatio(*f)) Count(f->key, f->value);
    for (PackFigure* f : printed_)
      if (IsRatio(*f)) Ratio(*f);
    for (PackSection& s : pack.sections)
      for (PackTable& t : s.tables) AddTableSums(t);
    if (auto mistake = publication_.Check()) return Status::Internal("pack figures do not add up: " + *mistake);
    return Status::Ok();
  }

  const Publication& publication() const { return publication_; }
  const std::vector<PackFigure*>& printed() const { return printed_; }
  FigureId IdOf(const std::string& key) const {
    auto it = ids_.find(key);
    return it == ids_.end() ? kNoFigure : it->second;
  }
  // Hides every printed figure the protection suppresses.
  void Apply(const Protection& p, const std::string& symbol) {
    for (PackFigure* f : printed_) {
      auto it = ids_.find(f->key);
      if (it == ids_.end() || p.published(it->second)) continue;
      f->value = NAN;
      f->shown = symbol;
      f->suppressed = true;
    }
  }

 private:
  static bool IsRatio(const PackFigure& f) { return !std::isnan(f.numerator) || !std::isnan(f.denominator); }

  void Add(PackFigure* f) {
    if (!f->key.empty() && !std::isnan(f->value)) printed_.push_back(f);
  }

  FigureId Count(const std::string& key, double value) {
    if (auto it = ids_.find(key); it != ids_.end()) return it->second;
    FigureId id = publication_.AddCount(key, std::llround(value));
    ids_.emplace(key, id);
    return id;
  }

  // A percentage, rate or average, with the counts it is worked out from.
  void Ratio(const PackFigure& f) {
    if (ids_.count(f.key) || std::isnan(f.numerator) || std::isnan(f.denominator)) return;
    std::string stem = f.key.substr(0, f.key.rfind('|'));
    FigureId num = Count(stem + "|numerator", f.numerator);
    FigureId den = Count(stem + "|denominator", f.denominator);
    FigureId id = f.percentage && f.numerator <= f.denominator ? publication_.AddPercentage(f.key, num, den)
                                                               : publication_.AddRate(f.key, num, den, 1);
    ids_.emplace(f.key, id);
  }

  // A table's total row is the sum of its other rows, column by column, where it holds.
  void AddTableSums(const PackTable& t) {
    const PackTable::Row* total = nullptr;
    for (const PackTable::Row& r : t.rows)
      if (r.total) total = &r;
    if (!total) return;
    for (size_t c = 0; c < total->cells.size(); ++c) {
      if (IsRatio(total->cells[c]) || !ids_.count(total->cells[c].key)) continue;
      std::vector<FigureId> parts;
      double sum = 0;
      for (const PackTable::Row& r : t.rows) {
        if (r.total || c >= r.cells.size() || !ids_.count(r.cells[c].key)) continue;
        parts.push_back(ids_.at(r.cells[c].key));
        sum += r.cells[c].value;
      }
      if (!parts.empty() && sum == total->cells[c].value) publication_.AddSum(ids_.at(total->cells[c].key), parts);
    }
  }

  Publication publication_;
  std::map<std::string, FigureId> ids_;
  std::vector<PackFigure*> printed_;
};

constexpr const char* kNotPublished = "not published (small numbers)";

// Rewrites the words of an indicator that quote a hidden figure.
void RewriteIndicator(PackIndicator& i, std::map<std::string, std::string>& headlines) {
  bool hidden = i.value.suppressed || i.numerator.suppressed || i.denominator.suppressed;
  if (hidden || i.previous_value.suppressed) i.previous_words = kNotPublished, i.previous_arrow.clear();
  if (hidden || i.last_year_value.suppressed) i.last_year_words = kNotPublished, i.last_year_arrow.clear();
  if (!hidden && !i.previous_value.suppressed && !i.last_year_value.suppressed) return;
  std::string old = i.headline;
  i.headline = fmt::format("{}: {}.", i.title, hidden ? "not published for the period because the numbers are small"
                                                      : "earlier figures are not published because the numbers are small");
  headlines[old] = i.headline;
  if (!hidden) return;
  i.rag.clear(), i.rag_words.clear();
  i.spc_variation.clear(), i.spc_assurance.clear();
  i.spc_text = kNotPublished;
  i.forecast.clear(), i.likelihood.clear(), i.likelihood_words.clear();
  i.benchmark.clear();
}

void RewriteWords(Pack& pack, int threshold, const std::string& symbol) {
  std::map<std::string, std::string> headlines;
  for (PackIndicator& i : pack.indicators) RewriteIndicator(i, headlines);
  // A headline that can no longer quote its figures says nothing: it leaves the lists.
  auto replace = [&](std::vector<std::string>& list) {
    std::erase_if(list, [&](const std::string& h) { return headlines.count(h) > 0; });
  };
  replace(pack.headlines);
  for (PackSection& s : pack.sections) {
    replace(s.headlines);
    for (PackChart& c : s.charts) {
      bool any = false;
      for (const PackFigure& f : c.values) any |= f.suppressed;
      if (!any || c.mean.empty()) continue;
      c.mean.clear(), c.upper_limit.clear(), c.lower_limit.clear();
      c.variation_text += " Process limits are not shown because some months are not published.";
    }
  }
  for (PackQualityNote& q : pack.quality)
    if (q.records.suppressed)
      q.text = fmt::format("A small number ({} or fewer, shown as {}) of the records counted in {} have missing dates that count against it.",
                           threshold, symbol, q.indicator);
}

}  // namespace

Result<PackSuppression> SuppressPack(Pack& pack, const SuppressionRules& rules) {
  PackFigures figures;
  figures.Collect(pack);
  if (Status s = figures.Register(pack); !s.ok()) return s;
  ProtectResult protection = Protect(figures.publication(), rules);
  if (!protection.ok()) return Status::Internal("small-number suppression failed: " + protection.error());
  figures.Apply(*protection, rules.symbol);
  RewriteWords(pack, static_cast<int>(rules.threshold), rules.symbol);
  Protection::Tally tally = protection->tally();
  pack.suppression_note = fmt::format(
      "Counts from 1 to {0} are shown as {1}, and so are other figures that would let them be worked out "
      "(totals, other rows, percentages); {2} of {3} figures in this pack are hidden. 0 means none. "
      "Management commentary is published as written.",
      rules.threshold, rules.symbol, tally.suppressed(), tally.figures);
  return PackSuppression{tally.figures, tally.suppressed()};
}

AttackReport AttackPublishedPack(Pack before, Pack published, int64_t threshold) {
  PackFigures all, shown;
  all.Collect(before);
  if (!all.Register(before).ok()) return {};
  shown.Collect(published);  // the same walk, so the same order; suppressed figures are NaN there
  std::vector<bool> hidden(static_cast<size_t>(all.publication().size()), false);
  std::vector<bool> seen(hidden.size(), false);
  std::map<std::string, bool> printed;
  for (PackFigure* f : shown.printed()) printed[f->key] = true;
  for (PackFigure* f : all.printed()) {
    FigureId id = all.IdOf(f->key);
    if (id != kNoFigure && !printed.count(f->key)) hidden[static_cast<size_t>(id)] = true;
  }
  // A ratio's counts that are not printed themselves are known only through the ratio.
  const Publication& pub = all.publication();
  for (FigureId id = 0; id < pub.size(); ++id)
    if (pub.figure(id).kind != FigureKind::kCount) {
      for (FigureId side : {pub.figure(id).numerator, pub.figure(id).denominator}) seen[static_cast<size_t>(side)] = true;
    }
  for (PackFigure* f : all.printed()) seen[static_cast<size_t>(all.IdOf(f->key))] = false;
  PublishedPack reader;
  reader.threshold = threshold;
  reader.sums = pub.sums();
  for (FigureId id = 0; id < pub.size(); ++id) {
    const Publication::Figure& f = pub.figure(id);
    PublishedPack::Figure r{f.label, f.kind, f.numerator, f.denominator, f.per, false, 0, 0, 0};
    bool unprinted_side = seen[static_cast<size_t>(id)];  // a ratio's count printed nowhere
    r.published = !hidden[static_cast<size_t>(id)] && !unprinted_side;
    if (r.published && f.kind == FigureKind::kCount) r.count = f.value;
    if (r.published && f.kind != FigureKind::kCount) {
      int64_t top = pub.figure(f.numerator).value, bottom = pub.figure(f.denominator).value;
      int64_t g = std::gcd(top, bottom);
      r.top = g ? top / g : 0, r.bottom = g ? bottom / g : 0;
    }
    reader.figures.push_back(std::move(r));
  }
  // Counts printed nowhere (the sides of a percentage) are not secret unless small.
  AttackReport report = Attack(reader);
  auto secret = [&](const AttackReport::Recovery& r) {
    const Publication::Figure& f = pub.figure(r.figure);
    bool small_count = f.kind == FigureKind::kCount && f.value >= 1 && f.value <= threshold;
    return hidden[static_cast<size_t>(r.figure)] || small_count;
  };
  std::erase_if(report.figures, [&](const AttackReport::Recovery& r) { return !secret(r); });
  return report;
}

}  // namespace scrutiny
