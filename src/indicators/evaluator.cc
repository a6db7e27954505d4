#include "indicators/evaluator.h"

#include <algorithm>
#include <cmath>
#include <list>
#include <map>
#include <memory>
#include <numeric>
#include <span>
#include <tuple>
#include <unordered_map>
#include <utility>

#include <fmt/format.h>

#include "indicators/breakdown.h"
#include "indicators/expression.h"

namespace scrutiny {
namespace {

constexpr const char* kAll = "All";

// A counting window (or snapshot date) for each period.
struct Window {
  Date first, last;
  bool applies = true;
  Date cohort_start;  // cohort measures: the latest start that is in the cohort
};

std::vector<Window> WindowsFor(const Indicator& ind, const Population& pop, const std::vector<Period>& periods) {
  Measure m = pop.measure;
  std::vector<Window> out;
  for (const Period& p : periods) {
    Window w{p.first, p.last, true, Date()};
    if (m == Measure::kRolling12) w.first = MonthsBefore(p.last, 12);
    if (m == Measure::kRolling36) w.first = MonthsBefore(p.last, 36);
    if (m == Measure::kYearToDate) w.first = FinancialYear::Of(p.last).first_day();
    int fy = FinancialYear::Of(p.last).start_year;
    w.applies = fy >= ind.first_year && fy <= ind.last_year;
    w.cohort_start = p.last.AddMonths(-pop.cohort_months);
    out.push_back(w);
  }
  return out;
}

// For a day, the first window ending on or after it and the first starting
// after it, read from tables over the windows' days rather than searched for
// each record. Windows are in date order.
class WindowLookup {
 public:
  explicit WindowLookup(const std::vector<Window>& w) : n_(w.size()) {
    if (w.empty()) return;
    base_ = w.front().first.days();
    int32_t top = w.front().last.days();
    for (const Window& x : w) base_ = std::min(base_, x.first.days()), top = std::max(top, x.last.days());
    size_t span = static_cast<size_t>(top - base_) + 1, ending = 0, starting = 0;
    ending_.resize(span);
    starting_.resize(span);
    for (size_t i = 0; i < span; ++i) {
      int32_t day = base_ + static_cast<int32_t>(i);
      while (ending < n_ && w[ending].last.days() < day) ++ending;
      while (starting < n_ && w[starting].first.days() <= day) ++starting;
      ending_[i] = static_cast<uint32_t>(ending);
      starting_[i] = static_cast<uint32_t>(starting);
    }
  }
  size_t FirstEndingFrom(int32_t day) const { return Read(ending_, day); }
  size_t FirstStartingAfter(int32_t day) const { return Read(starting_, day); }

 private:
  size_t Read(const std::vector<uint32_t>& table, int32_t day) const {
    if (day < base_) return 0;
    size_t i = static_cast<size_t>(day - base_);
    return i < table.size() ? table[i] : n_;
  }
  size_t n_;
  int32_t base_ = 0;
  std::vector<uint32_t> ending_, starting_;
};

// Groups shared by the passes of one indicator, named by label.
class GroupSet {
 public:
  GroupSet() { Index(kAll); }
  int Index(const std::string& label) {
    auto [it, added] = index_.emplace(label, static_cast<int>(labels_.size()));
    if (added) labels_.push_back(label);
    return it->second;
  }
  const std::vector<std::string>& labels() const { return labels_; }

 private:
  std::unordered_map<std::string, int> index_;
  std::vector<std::string> labels_;
};

// The population of an indicator bound to the loaded records.
struct BoundPopulation {
  const Population* spec = nullptr;
  const Table* table = nullptr;
  int date = -1, start = -1, end = -1, sum = -1;
  const std::vector<int32_t>* start_derived = nullptr;
  const std::vector<int32_t>* child = nullptr;  // row -> children row
  std::vector<Expression> fixed, varying;        // where: period-independent first
  std::vector<Window> windows;
  std::optional<WindowLookup> lookup;

  int32_t Start(size_t r) const { return start_derived ? (*start_derived)[r] : table->Int(start, r); }
};

Result<BoundPopulation> BindPopulation(const Indicator& ind, const Population& p, CaseIndex& index,
                                       const std::vector<Period>& periods) {
  BoundPopulation b;
  b.spec = &p;
  b.table = &index.table(*p.type);
  const RecordType& t = *p.type;
  b.date = p.date.empty() ? -1 : t.IndexOf(p.date);
  b.start = p.start.empty() ? -1 : t.IndexOf(p.start);
  if (!p.start.empty() && b.start < 0) b.start_derived = index.Derived(t, p.start);
  b.end = p.end.empty() ? -1 : t.IndexOf(p.end);
  b.sum = p.sum.empty() ? -1 : t.IndexOf(p.sum);
  if (int c = t.IndexOf("child_id"); c >= 0) b.child = &index.Join(t, c);
  for (const std::string& w : p.where) {
    auto e = Expression::Bind(w, t, &index);
    if (!e.ok()) return e.status();
    (e->depends_on_period() ? b.varying : b.fixed).push_back(std::move(*e));
  }
  b.windows = WindowsFor(ind, p, periods);
  b.lookup.emplace(b.windows);
  return b;
}

// The periods [first, last) a row counts in, which are always consecutive;
// false if none. Fills the context's own and reference dates.
bool PeriodRange(const BoundPopulation& b, size_t r, size_t& first, size_t& last, EvalContext& c) {
  const auto& w = b.windows;
  c.row = r;
  first = 0;
  last = w.size();
  if (b.spec->measure == Measure::kAll) return !w.empty();
  bool snapshot = b.spec->measure == Measure::kSnapshot || b.spec->measure == Measure::kCohort;
  int32_t d = snapshot ? b.Start(r) : b.table->Int(b.date, r);
  if (d == kNull) return false;
  c.own_date = c.reference = Date::FromDays(d);
  first = b.lookup->FirstEndingFrom(d);
  if (snapshot) {
    int32_t e = b.end >= 0 ? b.table->Int(b.end, r) : kNull;
    last = e == kNull ? w.size() : b.lookup->FirstEndingFrom(e);
    if (b.spec->measure == Measure::kCohort)
      while (first < last && Date::FromDays(d) > w[first].cohort_start) ++first;
  } else {
    last = b.lookup->FirstStartingAfter(d);
  }
  return first < last;
}

// How many of an item's runs of periods (a worker's allocations) cover each
// period, per group: difference arrays kept at zero between items.
class ItemRuns {
 public:
  explicit ItemRuns(size_t periods) : periods_(periods) {}
  void Add(size_t group, size_t first, size_t last) {
    if (diff_.size() <= group) diff_.resize(group + 1);
    std::vector<int>& d = diff_[group];
    if (d.empty()) d.assign(periods_ + 1, 0);
    if (std::find(touched_.begin(), touched_.end(), group) == touched_.end()) touched_.push_back(group);
    ++d[first];
    --d[last];
  }
  // Calls visit(group, period, count) for each period covered, and clears.
  template <typename Visit>
  void Drain(Visit&& visit) {
    for (size_t g : touched_) {
      std::vector<int>& d = diff_[g];
      int running = 0;
      for (size_t p = 0; p < periods_; ++p) {
        running += std::exchange(d[p], 0);
        if (running > 0) visit(g, p, running);
      }
      d[periods_] = 0;
    }
    touched_.clear();
  }

 private:
  size_t periods_;
  std::vector<std::vector<int>> diff_;  // [group] -> +1 where a run starts, -1 after it ends
  std::vector<size_t> touched_;         // groups with runs since the last Drain
};

// Sums for one pass over a population: all records, and those passing the
// extra conditions; for averages per item (caseloads), each item's count.
struct Tallies {
  std::vector<std::vector<double>> all, passing;               // [group][period]
  std::vector<std::vector<std::vector<double>>> per_item;      // [group][period] -> counts
  void Grow(size_t groups, size_t periods) {
    while (all.size() < groups) {
      all.emplace_back(periods, 0.0);
      passing.emplace_back(periods, 0.0);
      per_item.emplace_back(periods);
    }
  }
};

// (period, group) packed into one sortable number.
uint64_t Slot(size_t period, size_t group) { return (static_cast<uint64_t>(period) << 32) | group; }
size_t SlotPeriod(uint64_t s) { return s >> 32; }
size_t SlotGroup(uint64_t s) { return s & 0xFFFFFFFF; }

// The records of a population in counting order, each with the run of
// periods it counts in, its own date and its group: found once and shared by
// the indicators that count the same records in different ways (contacts, and
// of them those decided in a day, and those leading to a referral).
struct SpanSet {
  std::vector<uint32_t> rows;
  std::vector<uint32_t> first, last;
  std::vector<Date> own_date;
  std::vector<int32_t> group;       // local to the breakdown that built the set
  std::vector<int32_t> item;        // the child or worker counted, when counting items
  std::vector<std::string> labels;  // of those groups

  size_t Bytes() const {
    return (rows.capacity() + first.capacity() + last.capacity()) * sizeof(uint32_t) +
           own_date.capacity() * sizeof(Date) + (group.capacity() + item.capacity()) * sizeof(int32_t);
  }

  // Puts each item's records together, in table order within an item (a
  // stable counting sort, skipped when they already are).
  void GroupByItem() {
    if (std::is_sorted(item.begin(), item.end())) return;
    std::vector<uint32_t> next(static_cast<size_t>(*std::max_element(item.begin(), item.end())) + 2, 0);
    for (int32_t k : item) ++next[static_cast<size_t>(k) + 1];
    std::partial_sum(next.begin(), next.end(), next.begin());
    std::vector<uint32_t> order(item.size());
    for (size_t i = 0; i < item.size(); ++i) order[next[static_cast<size_t>(item[i])]++] = static_cast<uint32_t>(i);
    auto permute = [&](auto& column) {
      std::remove_reference_t<decltype(column)> out(column.size());
      for (size_t i = 0; i < order.size(); ++i) out[i] = column[order[i]];
      column = std::move(out);
    };
    permute(rows), permute(first), permute(last), permute(own_date), permute(group), permute(item);
  }
};

// The most recently used span sets; few, since each may hold millions of rows
// and indicators sharing a population sit together in a suite. A set is freed
// too when some uses (indicators computed) go by without it.
class SpanCache {
 public:
  const SpanSet* Find(const std::string& key) {
    for (auto it = entries_.begin(); it != entries_.end(); ++it)
      if (it->key == key) {
        it->used = use_;
        entries_.splice(entries_.begin(), entries_, it);
        return entries_.front().set.get();
      }
    return nullptr;
  }
  const SpanSet* Add(const std::string& key, std::unique_ptr<SpanSet> set) {
    entries_.push_front({key, std::move(set), use_});
    if (entries_.size() > kKept) entries_.pop_back();
    return entries_.front().set.get();
  }
  // As CaseIndex::NextUse, FreeUnused and CachedBytes.
  void NextUse() { ++use_; }
  void FreeUnused(uint32_t keep) {
    entries_.remove_if([&](const Entry& e) { return e.used + keep < use_; });
  }
  size_t CachedBytes() const {
    size_t sum = 0;
    for (const Entry& e : entries_) sum += e.set->Bytes();
    return sum;
  }

 private:
  struct Entry {
    std::string key;
    std::unique_ptr<SpanSet> set;
    uint32_t used = 0;
  };
  static constexpr size_t kKept = 4;
  std::list<Entry> entries_;
  uint32_t use_ = 0;
};

class Pass {
 public:
  Pass(const Indicator& ind, BoundPopulation& pop, CaseIndex& index, GroupSet& groups, Breakdown* breakdown,
       size_t periods, SpanCache& spans, std::string spans_key)
      : ind_(ind), pop_(pop), index_(index), groups_(groups), breakdown_(breakdown), periods_(periods),
        span_cache_(spans), spans_key_(std::move(spans_key)) {}

  Status BindExtras(const std::vector<std::string>& conditions, const std::string& value) {
    for (const std::string& text : conditions) {
      auto e = Expression::Bind(text, *pop_.spec->type, &index_);
      if (!e.ok()) return e.status();
      extra_.push_back(std::move(*e));
      alternatives_.push_back(RecencyAlternatives(text));
    }
    if (!value.empty()) {
      auto e = Expression::Bind(value, *pop_.spec->type, &index_);
      if (!e.ok()) return e.status();
      value_ = std::make_unique<Expression>(std::move(*e));
    }
    if (!ind_.per.empty()) per_ = pop_.spec->type->IndexOf(ind_.per);
    return Status::Ok();
  }

  // Visits every counted (record, period, group) with whether it passes the extra conditions.
  const std::vector<Expression>& extras() const { return extra_; }
  const Expression* value() const { return value_.get(); }
  const std::string& Label(size_t global) const { return groups_.labels()[global]; }

  size_t RowCount() const { return order_ ? order_->size() : pop_.table->size(); }
  size_t RowAt(size_t i) const { return order_ ? static_cast<size_t>((*order_)[i]) : i; }

  // The run of periods [first, last) in which row r meets the population's
  // conditions that do not vary, or vary on one run; false if none.
  bool Span(size_t r, EvalContext& c, size_t& first, size_t& last) const {
    c.row = r;
    for (const Expression& e : pop_.fixed)
      if (!e.Test(c)) return false;
    if (!PeriodRange(pop_, r, first, last, c)) return false;
    for (const Expression& e : pop_.varying)
      if (e.holds_on_one_run()) Narrow(e, c, first, last);
    return first < last;
  }

  double SumOf(size_t r) const {
    const Table& t = *pop_.table;
    if (t.IsNull(pop_.sum, r)) return 0;
    return t.type().field(pop_.sum).type == FieldType::kDecimal ? t.Decimal(pop_.sum, r) : t.Int(pop_.sum, r);
  }

  template <typename Visit>
  void Run(Visit&& visit) {
    for (size_t i = 0; i < RowCount(); ++i) {
      size_t r = RowAt(i), p0 = 0, p1 = 0;
      EvalContext c;
      if (!Span(r, c, p0, p1)) continue;
      Date own = c.reference;
      for (size_t p = p0; p < p1; ++p) {
        if (!pop_.windows[p].applies) continue;
        c.reference = own;
        AtPeriod(c, p);
        bool counted = true;
        for (const Expression& e : pop_.varying)
          if (!e.holds_on_one_run() && !e.Test(c)) { counted = false; break; }
        if (!counted) continue;
        bool passes = true;
        for (const Expression& e : extra_)
          if (!e.Test(c)) { passes = false; break; }
        size_t g = breakdown_ ? Global(breakdown_->GroupOf(c)) : 0;
        visit(r, p, g, c, passes);
      }
    }
  }

  void Count(Tallies& out) {
    scrutiny::Tally tally = pop_.spec->tally;
    bool by_item = per_ >= 0 || tally == scrutiny::Tally::kChildren;
    if (by_item) {
      const std::vector<int32_t>* item = per_ >= 0 ? &ItemKeys() : pop_.child;
      if (!item) item = &index_.Identity(*pop_.spec->type);
      order_name_ = per_ >= 0 ? "per:" + ind_.per : "child";
      item_ = item;
    }
    if (PeriodIndependent()) return CountRanges(out, by_item);  // span sets group their own records
    if (by_item) order_ = &index_.GroupedRows(*pop_.spec->type, *item_, order_name_);
    int32_t current = -1;
    auto flush = [&] {
      out.Grow(groups_.labels().size(), periods_);
      FlushItem(out, pending_all_, false);
      FlushItem(out, pending_passing_, true);
    };
    Run([&](size_t r, size_t p, size_t g, const EvalContext& c, bool passes) {
      double weight = 1;
      if (value_) {
        weight = value_->Value(c);
        if (std::isnan(weight)) return;
      } else if (tally == scrutiny::Tally::kSum) {
        weight = SumOf(r);
      }
      if (by_item) {
        int32_t item = (*item_)[r];
        if (item != current) {
          flush();
          current = item;
        }
        for (size_t group : {size_t{0}, g}) {
          pending_all_.push_back(Slot(p, group));
          if (passes) pending_passing_.push_back(Slot(p, group));
          if (g == 0) break;
        }
        return;
      }
      out.Grow(groups_.labels().size(), periods_);
      // An average's value is over the records, or over the sum of a field (cases per FTE).
      double base = !value_ ? weight : tally == scrutiny::Tally::kSum ? SumOf(r) : 1;
      for (size_t group : {size_t{0}, g}) {
        out.all[group][p] += base;
        if (passes) out.passing[group][p] += weight;
        if (g == 0) break;
      }
    });
    flush();
  }

 private:
  // The `per` field's values as small numbers: the row each names in the
  // table it references (a worker), else the raw value.
  const std::vector<int32_t>& ItemKeys() {
    const RecordType& type = *pop_.spec->type;
    if (!type.field(per_).references.empty()) return index_.Join(type, per_);
    return index_.Column(type, per_);
  }

  // True when a record's group is the same in every period it spans and the
  // periods it counts in (and is in the numerator in) form one run, so it can
  // be added to that run at once.
  bool PeriodIndependent() const {
    if (value_) return false;
    if (breakdown_ && breakdown_->depends_on_period()) return false;
    for (const Expression& e : pop_.varying)
      if (!e.holds_on_one_run()) return false;
    return true;
  }

  // The population's span set, from the cache or found now.
  const SpanSet& Spans() {
    std::string key = spans_key_ + "|" + order_name_;
    if (const SpanSet* hit = span_cache_.Find(key)) return *hit;
    auto set = std::make_unique<SpanSet>();
    const size_t rows = pop_.table->size();
    for (auto* column : {&set->rows, &set->first, &set->last}) column->reserve(rows);
    set->own_date.reserve(rows);
    set->group.reserve(rows);
    for (size_t r = 0; r < rows; ++r) {  // in table order, which reads columns in sequence
      if (item_ && (*item_)[r] < 0) continue;
      size_t p0 = 0, p1 = 0;
      EvalContext c;
      if (!Span(r, c, p0, p1)) continue;
      Date own = c.own_date;
      c.reference = own;
      AtPeriod(c, p0);
      set->rows.push_back(static_cast<uint32_t>(r));
      set->first.push_back(static_cast<uint32_t>(p0));
      set->last.push_back(static_cast<uint32_t>(p1));
      set->own_date.push_back(own);
      set->group.push_back(breakdown_ ? breakdown_->GroupOf(c) : 0);
      if (item_) set->item.push_back((*item_)[r]);
    }
    if (item_) set->GroupByItem();
    if (breakdown_)
      for (size_t l = 0; l < breakdown_->groups(); ++l) set->labels.push_back(breakdown_->Label(static_cast<int>(l)));
    return *span_cache_.Add(key, std::move(set));
  }

  // The parts of "A or B or ..." when every one is a condition on recency
  // (their runs are then the union of each part's); empty otherwise.
  std::vector<Expression> RecencyAlternatives(const std::string& text) {
    std::vector<Expression> parts;
    for (const std::string& part : Expression::Alternatives(text)) {
      auto e = Expression::Bind(part, *pop_.spec->type, &index_);
      if (!e.ok() || !e->on_latest_related()) return {};
      parts.push_back(std::move(*e));
    }
    if (parts.size() < 2) parts.clear();
    return parts;
  }

  // Sets numerator_runs_ to the runs of periods within [p0, p1) in which the
  // extra conditions hold: bisection for those holding on one run, the related
  // records' dates for one on recency (visited within 20 working days of the
  // as-at date), a test per period for the rest.
  void NumeratorRuns(EvalContext& c, Date own, size_t p0, size_t p1) {
    numerator_runs_.clear();
    size_t q0 = p0, q1 = p1;
    bool per_period = false;
    const Expression* recency = nullptr;
    const std::vector<Expression>* any_recency = nullptr;
    for (size_t i = 0; i < extra_.size(); ++i) {
      const Expression& e = extra_[i];
      c.reference = own;
      if (!e.depends_on_period()) {
        AtPeriod(c, p0);
        if (!e.Test(c)) return;
      } else if (e.holds_on_one_run()) {
        Narrow(e, c, q0, q1);
      } else if (e.on_latest_related() && !recency && !any_recency) {
        recency = &e;
      } else if (!alternatives_[i].empty() && !recency && !any_recency) {
        any_recency = &alternatives_[i];
      } else {
        per_period = true;
      }
    }
    if (!per_period) {
      if (recency) RecentRuns(*recency, c.row, q0, q1);
      else if (any_recency) UnionOfRecentRuns(*any_recency, c.row, q0, q1);
      else if (q0 < q1) numerator_runs_.push_back({q0, q1});
      return;
    }
    for (size_t p = q0; p < q1; ++p) {
      c.reference = own;
      AtPeriod(c, p);
      bool holds = true;
      for (const Expression& e : extra_)
        if (e.depends_on_period() && !e.holds_on_one_run() && !e.Test(c)) { holds = false; break; }
      if (!holds) continue;
      if (!numerator_runs_.empty() && numerator_runs_.back().second == p) numerator_runs_.back().second = p + 1;
      else numerator_runs_.push_back({p, p + 1});
    }
  }

  // Sets numerator_runs_ to the runs within [q0, q1) in which any of the
  // conditions on recency holds: each one's runs, merged.
  void UnionOfRecentRuns(const std::vector<Expression>& parts, size_t r, size_t q0, size_t q1) {
    std::vector<std::pair<size_t, size_t>> all;
    for (const Expression& part : parts) {
      numerator_runs_.clear();
      RecentRuns(part, r, q0, q1);
      all.insert(all.end(), numerator_runs_.begin(), numerator_runs_.end());
    }
    std::sort(all.begin(), all.end());
    numerator_runs_.clear();
    for (auto [first, last] : all) {
      if (!numerator_runs_.empty() && first <= numerator_runs_.back().second)
        numerator_runs_.back().second = std::max(numerator_runs_.back().second, last);
      else
        numerator_runs_.push_back({first, last});
    }
  }

  // Sets numerator_runs_ to the runs of periods within [q0, q1) in which a
  // condition on the recency of row r's related records holds: from a period,
  // on while its latest related record keeps it holding, then on to the next
  // period with a later record.
  void RecentRuns(const Expression& e, size_t r, size_t q0, size_t q1) {
    std::span<const int32_t> dates = e.RelatedDatesOf(r);
    auto later = dates.begin();  // the first record after the period's as-at date
    for (size_t p = q0; p < q1;) {
      later = std::upper_bound(later, dates.end(), pop_.windows[p].last.days());
      size_t last = p;
      if (later != dates.begin()) {
        Date until = e.LastAsAtFor(Date::FromDays(*(later - 1)));
        last = std::min(q1, pop_.lookup->FirstEndingFrom(until.days() + 1));
      }
      if (last > p) {
        if (!numerator_runs_.empty() && numerator_runs_.back().second == p) numerator_runs_.back().second = last;
        else numerator_runs_.push_back({p, last});
        p = last;
      } else if (later == dates.end()) {
        break;
      } else {
        p = pop_.lookup->FirstEndingFrom(*later);
      }
    }
  }

  // Sets the context to period p.
  void AtPeriod(EvalContext& c, size_t p) const {
    c.as_at = pop_.windows[p].last;
    c.window_first = pop_.windows[p].first;
    Measure m = pop_.spec->measure;
    if (m == Measure::kSnapshot || m == Measure::kCohort || m == Measure::kAll) c.reference = c.as_at;
  }

  // Narrows [first, last) to the periods where `e`, which holds on one leading
  // or trailing run of periods, holds.
  void Narrow(const Expression& e, EvalContext& c, size_t& first, size_t& last) const {
    if (first >= last) return;
    auto holds = [&](size_t p) { AtPeriod(c, p); return e.Test(c); };
    bool at_first = holds(first), at_last = holds(last - 1);
    if (at_first && at_last) return;
    if (!at_first && !at_last) { last = first; return; }
    size_t lo = first, hi = last - 1;  // holds(lo) != holds(hi); find the change
    while (hi - lo > 1) {
      size_t mid = lo + (hi - lo) / 2;
      (holds(mid) == at_first ? lo : hi) = mid;
    }
    if (at_first) last = hi;
    else first = hi;
  }

  // Counts with difference arrays: +w where a record's periods begin, -w after
  // they end. For children, each child's runs of periods are merged first.
  void CountRanges(Tallies& out, bool by_child) {
    size_t n_periods = periods_;
    std::vector<std::vector<double>> all_diff, passing_diff;
    auto add = [&](std::vector<std::vector<double>>& diff, size_t g, size_t p0, size_t p1, double w) {
      while (diff.size() <= g) diff.emplace_back(n_periods + 1, 0.0);
      diff[g][p0] += w;
      diff[g][p1] -= w;
    };
    struct Run { size_t group, first, last; bool passing; };
    std::vector<Run> runs;
    int32_t current = -1;
    size_t item_rows = 0;
    ItemRuns item_runs(n_periods);
    auto flush_per_item = [&] {
      out.Grow(groups_.labels().size(), n_periods);
      for (const Run& run : runs) item_runs.Add(run.group, run.first, run.last);
      item_runs.Drain([&](size_t g, size_t p, int count) {
        out.per_item[g][p].push_back(count);
        out.all[g][p] += count;
      });
      runs.clear();
    };
    auto flush = [&] {
      bool one_row = item_rows <= 1;
      item_rows = 0;
      if (per_ >= 0) return flush_per_item();
      // One row's runs are apart and in order within each group; several rows' may overlap.
      if (!one_row)
        std::sort(runs.begin(), runs.end(), [](const Run& a, const Run& b) {
          return std::tie(a.passing, a.group, a.first) < std::tie(b.passing, b.group, b.first);
        });
      for (size_t i = 0; i < runs.size();) {
        Run merged = runs[i++];
        while (i < runs.size() && runs[i].passing == merged.passing && runs[i].group == merged.group && runs[i].first <= merged.last)
          merged.last = std::max(merged.last, runs[i++].last);
        add(merged.passing ? passing_diff : all_diff, merged.group, merged.first, merged.last, 1);
      }
      runs.clear();
    };
    const SpanSet& spans = Spans();
    std::vector<size_t> global;
    for (const std::string& label : spans.labels) global.push_back(static_cast<size_t>(groups_.Index(label)));
    for (size_t i = 0; i < spans.rows.size(); ++i) {
      size_t r = spans.rows[i], p0 = spans.first[i], p1 = spans.last[i];
      EvalContext c;
      c.row = r;
      c.own_date = c.reference = spans.own_date[i];
      if (!extra_.empty()) NumeratorRuns(c, spans.own_date[i], p0, p1);
      size_t g = breakdown_ ? global[static_cast<size_t>(spans.group[i])] : 0;
      double w = pop_.spec->tally == scrutiny::Tally::kSum ? SumOf(r) : 1;
      if (by_child && spans.item[i] != current) {
        flush();
        current = spans.item[i];
      }
      ++item_rows;
      for (size_t group : {size_t{0}, g}) {
        if (by_child) {
          runs.push_back({group, p0, p1, false});
          if (per_ < 0)
            for (auto [q0, q1] : numerator_runs_) runs.push_back({group, q0, q1, true});
        } else {
          add(all_diff, group, p0, p1, w);
          for (auto [q0, q1] : numerator_runs_) add(passing_diff, group, q0, q1, w);
        }
        if (g == 0) break;
      }
    }
    flush();
    out.Grow(groups_.labels().size(), n_periods);
    if (extra_.empty()) passing_diff = all_diff;  // no numerator conditions: every record passes
    for (auto pair : {std::make_pair(&all_diff, &out.all), std::make_pair(&passing_diff, &out.passing)}) {
      for (size_t g = 0; g < pair.first->size(); ++g) {
        double running = 0;
        for (size_t p = 0; p < n_periods; ++p) (*pair.second)[g][p] += (running += (*pair.first)[g][p]);
      }
    }
  }

  // Adds the (period, group) slots one item (a child, a worker) was counted in.
  void FlushItem(Tallies& out, std::vector<uint64_t>& slots, bool passing) {
    std::sort(slots.begin(), slots.end());
    for (size_t i = 0; i < slots.size();) {
      size_t j = i;
      while (j < slots.size() && slots[j] == slots[i]) ++j;
      size_t p = SlotPeriod(slots[i]), g = SlotGroup(slots[i]);
      if (per_ >= 0) {
        if (!passing) {
          out.per_item[g][p].push_back(static_cast<double>(j - i));
          out.all[g][p] += static_cast<double>(j - i);
        }
      } else {
        (passing ? out.passing : out.all)[g][p] += 1;
      }
      i = j;
    }
    slots.clear();
  }

  size_t Global(int local) {
    size_t l = static_cast<size_t>(local);
    if (l >= local_to_global_.size()) local_to_global_.resize(l + 1, 0);
    if (local_to_global_[l] == 0) local_to_global_[l] = static_cast<size_t>(groups_.Index(breakdown_->Label(local)));
    return local_to_global_[l];
  }

  const Indicator& ind_;
  BoundPopulation& pop_;
  CaseIndex& index_;
  GroupSet& groups_;
  Breakdown* breakdown_;
  size_t periods_;
  std::vector<Expression> extra_;
  std::vector<std::vector<Expression>> alternatives_;  // by extra condition: see RecencyAlternatives
  std::unique_ptr<Expression> value_;
  int per_ = -1;
  std::vector<size_t> local_to_global_;
  const std::vector<int32_t>* order_ = nullptr;  // rows grouped by item, when counting items
  const std::vector<int32_t>* item_ = nullptr;
  std::vector<uint64_t> pending_all_, pending_passing_;
  std::vector<std::pair<size_t, size_t>> numerator_runs_;
  SpanCache& span_cache_;
  std::string spans_key_;
  std::string order_name_;
};

double Statistic(const std::vector<double>& counts, const std::string& statistic) {
  if (counts.empty()) return NAN;
  if (statistic == "min") return *std::min_element(counts.begin(), counts.end());
  if (statistic == "max") return *std::max_element(counts.begin(), counts.end());
  if (statistic == "median") {
    std::vector<double> part = counts;  // the middle value put in place, the smaller ones before it
    size_t n = part.size();
    auto middle = part.begin() + static_cast<long>(n / 2);
    std::nth_element(part.begin(), middle, part.end());
    return n % 2 ? *middle : (*std::max_element(part.begin(), middle) + *middle) / 2;
  }
  double sum = 0;  // of whole counts, so exact in any order
  for (double c : counts) sum += c;
  return sum / static_cast<double>(counts.size());
}

// Children aged 0-17 for a period: all councils, or one (by la_code).
class ChildPopulation {
 public:
  explicit ChildPopulation(const Dataset& data) : table_(data.table("population")) {
    const RecordType& t = table_.type();
    la_ = t.IndexOf("la_code");
    year_ = t.IndexOf("year");
    children_ = t.IndexOf("children_0_17");
    const Table& councils = data.table("councils");
    for (size_t r = 0; r < councils.size(); ++r) councils_.emplace_back(councils.Text(0, r));
  }
  double Of(const std::string& la_code, Date as_at) const {
    int fy = FinancialYear::Of(as_at).start_year;
    int best_year = 0, earliest = 99999;
    double best = NAN, first = NAN;
    for (size_t r = 0; r < table_.size(); ++r) {
      if (table_.Text(la_, r) != la_code) continue;
      int y = table_.Int(year_, r);
      if (y <= fy && y > best_year) { best_year = y; best = table_.Int(children_, r); }
      if (y < earliest) { earliest = y; first = table_.Int(children_, r); }
    }
    return std::isnan(best) ? first : best;
  }
  double Total(Date as_at) const {
    double sum = 0;
    for (const std::string& c : councils_) {
      double v = Of(c, as_at);
      if (std::isnan(v)) return NAN;
      sum += v;
    }
    return councils_.empty() ? NAN : sum;
  }

 private:
  const Table& table_;
  int la_ = -1, year_ = -1, children_ = -1;
  std::vector<std::string> councils_;
};

}  // namespace

// Indicators that count the same records the same way (a count and its rate,
// caseload mean and median) share one pass.
struct PassCache {
  std::map<std::string, std::pair<std::shared_ptr<const Tallies>, std::vector<std::string>>> entries;
  SpanCache spans;
};

namespace {

// The bands of an indicator matter only when they are the breakdown.
std::string BandsKey(const Indicator& ind, const std::string& breakdown) {
  std::string key;
  for (const Bands& b : ind.bands)
    if (b.name == breakdown) key += "|b:" + b.name + b.value;
  return key;
}

// What decides a population's span set: its records, how they are dated and
// selected, the breakdown and the periods.
std::string SpansKey(const Indicator& ind, const Population& p, const std::vector<Period>& periods,
                     const std::string& breakdown) {
  std::string key = fmt::format("{}|{}|{}|{}|{}|{}|{}|{}|{}|{}", p.type->name, MeasureName(p.measure), p.date, p.start,
                                p.end, p.cohort_months, breakdown, periods.size(), periods.front().label,
                                periods.back().label);
  for (const std::string& w : p.where) key += "|w:" + w;
  return key + BandsKey(ind, breakdown);
}

std::string PassKey(const Indicator& ind, const std::vector<Period>& periods, const std::string& breakdown) {
  const Population& p = ind.population;
  std::string key = fmt::format("{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}", p.type->name, MeasureName(p.measure), p.date,
                                p.start, p.end, p.cohort_months, static_cast<int>(p.tally), p.sum, ind.value, ind.per,
                                breakdown, periods.size(), periods.front().label, periods.back().label);
  for (const std::string& w : p.where) key += "|w:" + w;
  for (const std::string& n : ind.numerator) key += "|n:" + n;
  return key + BandsKey(ind, breakdown) + fmt::format("|{}-{}", ind.first_year, ind.last_year);
}

}  // namespace

Evaluator::Evaluator(const Dataset& data, size_t cache_budget)
    : index_(data), cache_(std::make_unique<PassCache>()), cache_budget_(cache_budget) {}
Evaluator::~Evaluator() = default;

void Evaluator::NextUse() {
  // Indicators that share records sit together in a suite; keeping what the
  // last two used measured best on england (1 to 4 within 1%). Below the
  // budget nothing is freed: building again costs more than the memory.
  constexpr uint32_t kKeep = 2;
  index_.NextUse();
  cache_->spans.NextUse();
  if (index_.CachedBytes() + cache_->spans.CachedBytes() <= cache_budget_) return;
  index_.FreeUnused(kKeep);
  cache_->spans.FreeUnused(kKeep);
}

Result<IndicatorSeries> Evaluator::Compute(const Indicator& ind, const std::vector<Period>& periods,
                                           const std::string& breakdown_name) {
  NextUse();
  IndicatorSeries out;
  out.indicator = &ind;
  out.breakdown = breakdown_name;
  out.periods = periods;
  GroupSet groups;
  std::optional<Breakdown> main_breakdown, den_breakdown;
  if (!breakdown_name.empty()) {
    auto b = Breakdown::Make(breakdown_name, ind, &index_);
    if (!b.ok()) return b.status();
    main_breakdown.emplace(std::move(*b));
  }
  auto pop = BindPopulation(ind, ind.population, index_, periods);
  if (!pop.ok()) return pop.status();
  std::shared_ptr<const Tallies> tallies;  // shared with the pass cache, copied only to grow
  Tallies den_tallies;
  std::string key = periods.empty() ? "" : PassKey(ind, periods, breakdown_name);
  if (auto hit = cache_->entries.find(key); !key.empty() && hit != cache_->entries.end()) {
    tallies = hit->second.first;
    for (const std::string& label : hit->second.second) groups.Index(label);
  } else {
    Pass main(ind, *pop, index_, groups, main_breakdown ? &*main_breakdown : nullptr, periods.size(), cache_->spans,
              SpansKey(ind, ind.population, periods, breakdown_name));
    if (Status s = main.BindExtras(ind.numerator, ind.value); !s.ok()) return s;
    auto counted = std::make_shared<Tallies>();
    main.Count(*counted);
    tallies = counted;
    if (!key.empty()) cache_->entries[key] = {tallies, groups.labels()};
  }
  bool own_denominator = false;
  if (ind.denominator) {
    Indicator den_ind = ind;
    den_ind.population = *ind.denominator;
    den_ind.bands.clear();
    if (!breakdown_name.empty()) {
      auto b = Breakdown::Make(breakdown_name, den_ind, &index_);
      if (!b.ok()) return b.status();
      den_breakdown.emplace(std::move(*b));
    }
    auto den_pop = BindPopulation(ind, *ind.denominator, index_, periods);
    if (!den_pop.ok()) return den_pop.status();
    Pass den(den_ind, *den_pop, index_, groups, den_breakdown ? &*den_breakdown : nullptr, periods.size(),
             cache_->spans, SpansKey(den_ind, *ind.denominator, periods, breakdown_name));
    den.Count(den_tallies);
    den_tallies.Grow(groups.labels().size(), periods.size());
    own_denominator = true;
  }
  size_t n_groups = groups.labels().size();
  if (tallies->all.size() < n_groups) {
    auto grown = std::make_shared<Tallies>(*tallies);
    grown->Grow(n_groups, periods.size());
    tallies = grown;
  }
  const Tallies* denominator = own_denominator ? &den_tallies : tallies.get();
  ChildPopulation children(index_.data());
  out.groups = groups.labels();
  std::vector<size_t> order(n_groups);
  std::iota(order.begin(), order.end(), 0);
  if (main_breakdown)
    std::sort(order.begin() + 1, order.end(), [&](size_t a, size_t b) {
      return main_breakdown->SortKey(out.groups[a]) < main_breakdown->SortKey(out.groups[b]);
    });
  out.cells.assign(n_groups, std::vector<Cell>(periods.size()));
  for (size_t slot = 0; slot < n_groups; ++slot) {
    size_t g = order[slot];
    out.groups[slot] = groups.labels()[g];
    for (size_t p = 0; p < periods.size(); ++p) {
      Cell& cell = out.cells[slot][p];
      if (!pop->windows[p].applies) { cell = {NAN, NAN, NAN}; continue; }
      double all = tallies->all[g][p], passing = tallies->passing[g][p];
      switch (ind.unit) {
        case Unit::kCount: cell = {all, NAN, all}; break;
        case Unit::kPercentage: {
          double den = denominator->all[g][p];
          double num = ind.denominator ? all : passing;
          if (ind.denominator && !ind.numerator.empty()) num = passing;
          double v = den > 0 ? 100.0 * num / den : NAN;
          cell = {num, den, ind.complement && !std::isnan(v) ? 100.0 - v : v};
          break;
        }
        case Unit::kRate: {
          double base = NAN;
          if (g == 0) base = children.Total(periods[p].last);
          else if (breakdown_name == "council") base = children.Of(groups.labels()[g], periods[p].last);
          cell = {all, base, base > 0 ? all * 10000.0 / base : NAN};
          break;
        }
        case Unit::kDays:
        case Unit::kAverage:
          if (!ind.per.empty()) cell = {all, static_cast<double>(tallies->per_item[g][p].size()), Statistic(tallies->per_item[g][p], ind.statistic)};
          else cell = {passing, all, all > 0 ? passing / all : NAN};
          break;
      }
    }
  }
  return out;
}

namespace {

// Formats the value of a field path for a drill-down listing.
std::string FormatValue(const Expression& e, const EvalContext& c) {
  double v = e.Value(c);
  if (std::isnan(v)) return "";
  const Field* f = e.field();
  if (e.yields_date()) return Date::FromDays(static_cast<int32_t>(v)).ToIso();
  if (f && f->type == FieldType::kFlag) return v == 1 ? "Y" : "N";
  if (f && f->type != FieldType::kInteger && f->type != FieldType::kDecimal)
    return std::string(e.field_table()->pool().Get(static_cast<int32_t>(v)));
  return fmt::format("{:g}", v);
}

// The fields a drill-down shows for records of a population.
std::vector<Expression> DrillFields(const Indicator& ind, const Population& pop, CaseIndex& index) {
  std::vector<std::string> paths;
  auto add = [&](const std::string& p) {
    if (!p.empty() && std::find(paths.begin(), paths.end(), p) == paths.end()) paths.push_back(p);
  };
  add(pop.date);
  add(pop.start);
  add(pop.end);
  std::vector<std::string> texts = pop.where;
  if (&pop == &ind.population) {
    texts.insert(texts.end(), ind.numerator.begin(), ind.numerator.end());
    if (!ind.value.empty()) texts.push_back(ind.value);
  }
  for (const std::string& t : texts)
    if (auto e = Expression::Bind(t, *pop.type, nullptr); e.ok())
      for (const std::string& f : e->fields()) add(f);
  for (std::string_view f : {"team_id", "worker_id", "personal_adviser_id"})
    if (pop.type->IndexOf(f) >= 0) add(std::string(f));
  std::vector<Expression> out;
  for (const std::string& p : paths)
    if (auto e = Expression::Bind(p, *pop.type, &index); e.ok()) out.push_back(std::move(*e));
  return out;
}

}  // namespace

Result<Drilldown> Evaluator::Drill(const Indicator& ind, const Period& period, const std::string& breakdown_name,
                                   const std::string& group) {
  auto series = Compute(ind, {period}, breakdown_name);
  if (!series.ok()) return series.status();
  Drilldown out;
  out.indicator = &ind;
  out.period = period;
  auto g = std::find(series->groups.begin(), series->groups.end(), group.empty() ? kAll : group);
  if (g == series->groups.end()) out.cell = {0, 0, NAN};
  else out.cell = series->cells[static_cast<size_t>(g - series->groups.begin())][0];
  std::vector<Period> periods{period};
  GroupSet groups;
  auto list = [&](const Population& spec, const std::vector<std::string>& extras, bool is_numerator_pass) -> Status {
    Indicator pass_ind = ind;
    pass_ind.population = spec;
    std::optional<Breakdown> b;
    if (!breakdown_name.empty()) {
      auto made = Breakdown::Make(breakdown_name, pass_ind, &index_);
      if (!made.ok()) return made.status();
      b.emplace(std::move(*made));
    }
    auto pop = BindPopulation(ind, spec, index_, periods);
    if (!pop.ok()) return pop.status();
    SpanCache unshared;
    Pass pass(pass_ind, *pop, index_, groups, b ? &*b : nullptr, 1, unshared, "");
    if (Status s = pass.BindExtras(extras, is_numerator_pass ? ind.value : ""); !s.ok()) return s;
    std::vector<Expression> fields = DrillFields(ind, spec, index_);
    const Table& t = *pop->table;
    int child_col = spec.type->IndexOf("child_id");
    pass.Run([&](size_t r, size_t, size_t gi, const EvalContext& c, bool passes) {
      std::string label = b ? pass.Label(gi) : kAll;
      if (!group.empty() && label != group) return;
      DrillRecord rec;
      rec.record_type = std::string(spec.type->name);
      rec.key = t.KeyText(r);
      if (child_col >= 0) rec.child_id = t.Format(child_col, r);
      rec.group = label;
      rec.value = pass.value() ? pass.value()->Value(c) : NAN;
      if (ind.denominator) rec.role = is_numerator_pass ? (passes ? "numerator" : "") : "denominator";
      else if (ind.unit == Unit::kPercentage) rec.role = passes ? "numerator" : "denominator";
      else rec.role = "counted";
      if (rec.role.empty()) return;
      if (pass.value() && std::isnan(rec.value)) rec.role = "excluded";
      for (const Expression& f : fields) rec.fields.emplace_back(f.text(), FormatValue(f, c));
      for (const Expression& e : pass.extras()) rec.fields.emplace_back(e.text(), e.Test(c) ? "Y" : "N");
      out.records.push_back(std::move(rec));
    });
    return Status::Ok();
  };
  if (Status s = list(ind.population, ind.numerator, true); !s.ok()) return s;
  if (ind.denominator)
    if (Status s = list(*ind.denominator, {}, false); !s.ok()) return s;
  return out;
}

}  // namespace scrutiny
