#include "disclose/suppression.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <tuple>
#include <utility>

namespace scrutiny {
namespace {

// ---------------------------------------------------------------------------
// Arithmetic modulo the prime p = 2^61 - 1.
//
// The linear algebra is exact in this field, so there is no tolerance to
// choose and no overflow. A relation over the rationals holds modulo p unless
// p divides one of the denominators involved (minors of matrices of small
// integers: never, in practice), and a count worked out modulo p is the
// count itself, since counts lie far below p / 2.

constexpr uint64_t kPrime = (uint64_t{1} << 61) - 1;
__extension__ typedef unsigned __int128 Wide;

uint64_t Fold(Wide x) {
  uint64_t s = static_cast<uint64_t>(x & kPrime) + static_cast<uint64_t>(x >> 61);
  s = (s & kPrime) + (s >> 61);
  return s >= kPrime ? s - kPrime : s;
}
uint64_t Mul(uint64_t a, uint64_t b) { return Fold(static_cast<Wide>(a) * b); }
uint64_t Add(uint64_t a, uint64_t b) {
  uint64_t s = a + b;
  return s >= kPrime ? s - kPrime : s;
}
uint64_t Sub(uint64_t a, uint64_t b) { return a >= b ? a - b : a + kPrime - b; }
uint64_t Neg(uint64_t a) { return a == 0 ? 0 : kPrime - a; }

uint64_t Inverse(uint64_t a) {
  uint64_t result = 1, base = a;
  for (uint64_t e = kPrime - 2; e; e >>= 1) {
    if (e & 1) result = Mul(result, base);
    base = Mul(base, base);
  }
  return result;
}

uint64_t FromInt(int64_t v) {
  if (v >= 0) return static_cast<uint64_t>(v) % kPrime;
  return Neg((static_cast<uint64_t>(-(v + 1)) + 1) % kPrime);  // -(v + 1): no overflow
}

int64_t ToInt(uint64_t v) {
  return v <= kPrime / 2 ? static_cast<int64_t>(v) : -static_cast<int64_t>(kPrime - v);
}

// ---------------------------------------------------------------------------
// Linear knowledge.

// coef * x[column], one term of a linear combination of unknowns.
struct Term {
  int column;
  uint64_t coef;
};

// sum of coef * x[column] = value, terms sorted by column, no zero coefs.
struct Combination {
  std::vector<Term> terms;
  uint64_t value = 0;
};

// The coefficient of `column` in sorted terms, or 0.
uint64_t CoefIn(const std::vector<Term>& terms, int column) {
  auto it = std::lower_bound(terms.begin(), terms.end(), column,
                             [](const Term& t, int c) { return t.column < c; });
  return it != terms.end() && it->column == column ? it->coef : 0;
}

// Builds a combination from terms in any order, merging repeated columns.
Combination Combine(std::vector<Term> terms, uint64_t value = 0) {
  std::sort(terms.begin(), terms.end(),
            [](const Term& a, const Term& b) { return a.column < b.column; });
  Combination c;
  c.value = value;
  for (const Term& t : terms) {
    if (!c.terms.empty() && c.terms.back().column == t.column) {
      c.terms.back().coef = Add(c.terms.back().coef, t.coef);
      if (c.terms.back().coef == 0) c.terms.pop_back();
    } else if (t.coef != 0) {
      c.terms.push_back(t);
    }
  }
  return c;
}

// What a reader knows about the unknowns of one component: equations kept in
// reduced row echelon form, each with a pivot column found in no other row.
// A column is known exactly when its row has no other term.
class Knowledge {
 public:
  explicit Knowledge(int columns)
      : row_of_(columns, -1), rows_with_(columns), scratch_(columns, 0) {}

  // `c` less everything known: no terms left means c's value is known (and
  // is the remainder's value).
  Combination Reduce(const Combination& c);
  // Adds a reduced combination with at least one term.
  void Learn(Combination reduced);
  // Reduces `c` and learns what is new in it.
  void Tell(const Combination& c) {
    Combination r = Reduce(c);
    if (!r.terms.empty()) Learn(std::move(r));
  }

  bool Knows(int column) const {
    int r = row_of_[column];
    return r >= 0 && rows_[r].eq.terms.size() == 1;
  }
  uint64_t ValueOf(int column) const { return rows_[row_of_[column]].eq.value; }

  // A protected column that learning `reduced` would make known, or -1.
  int WouldReveal(const Combination& reduced, const std::vector<char>& protect) const;

 private:
  struct Row {
    int pivot;
    Combination eq;
  };

  void Eliminate(int r, uint64_t factor, const Combination& w);
  int SparsestColumn(const Combination& c) const;

  std::vector<Row> rows_;
  std::vector<int> row_of_;                  // pivot column -> row, or -1
  std::vector<std::vector<int>> rows_with_;  // column -> rows that may hold it
  std::vector<uint64_t> scratch_;            // dense accumulator for Reduce
  std::vector<int> touched_;
};

Combination Knowledge::Reduce(const Combination& c) {
  auto accumulate = [this](int column, uint64_t coef) {
    if (scratch_[column] == 0) touched_.push_back(column);
    scratch_[column] = Add(scratch_[column], coef);
  };
  for (const Term& t : c.terms) accumulate(t.column, t.coef);
  uint64_t value = c.value;
  // Rows hold no pivot column but their own, so one pass suffices.
  for (const Term& t : c.terms) {
    int r = row_of_[t.column];
    uint64_t f = scratch_[t.column];
    if (r < 0 || f == 0) continue;
    for (const Term& u : rows_[r].eq.terms) accumulate(u.column, Neg(Mul(f, u.coef)));
    value = Sub(value, Mul(f, rows_[r].eq.value));
  }
  std::sort(touched_.begin(), touched_.end());
  touched_.erase(std::unique(touched_.begin(), touched_.end()), touched_.end());
  Combination out;
  out.value = value;
  for (int column : touched_) {
    if (scratch_[column] != 0) out.terms.push_back({column, scratch_[column]});
    scratch_[column] = 0;
  }
  touched_.clear();
  return out;
}

int Knowledge::SparsestColumn(const Combination& c) const {
  int best = c.terms.front().column;
  for (const Term& t : c.terms) {
    if (rows_with_[t.column].size() < rows_with_[best].size()) best = t.column;
  }
  return best;
}

// rows_[r] -= factor * w, noting the columns the row gains.
void Knowledge::Eliminate(int r, uint64_t factor, const Combination& w) {
  const std::vector<Term>& a = rows_[r].eq.terms;
  std::vector<Term> out;
  out.reserve(a.size() + w.terms.size());
  size_t i = 0, j = 0;
  while (i < a.size() || j < w.terms.size()) {
    if (j == w.terms.size() || (i < a.size() && a[i].column < w.terms[j].column)) {
      out.push_back(a[i++]);
      continue;
    }
    uint64_t minus = Neg(Mul(factor, w.terms[j].coef));
    int column = w.terms[j++].column;
    bool had = i < a.size() && a[i].column == column;
    uint64_t coef = had ? Add(a[i++].coef, minus) : minus;
    if (coef != 0) out.push_back({column, coef});
    if (!had) rows_with_[column].push_back(r);
  }
  rows_[r].eq.terms = std::move(out);
  rows_[r].eq.value = Sub(rows_[r].eq.value, Mul(factor, w.value));
}

void Knowledge::Learn(Combination w) {
  int q = SparsestColumn(w);
  uint64_t inv = Inverse(CoefIn(w.terms, q));
  for (Term& t : w.terms) t.coef = Mul(t.coef, inv);
  w.value = Mul(w.value, inv);
  const int me = static_cast<int>(rows_.size());
  std::vector<int> holders = std::move(rows_with_[q]);
  for (int r : holders) {
    uint64_t f = CoefIn(rows_[r].eq.terms, q);
    if (f != 0) Eliminate(r, f, w);
  }
  rows_with_[q] = {me};
  for (const Term& t : w.terms) {
    if (t.column != q) rows_with_[t.column].push_back(me);
  }
  row_of_[q] = me;
  rows_.push_back({q, std::move(w)});
}

// Learning w (pivot q) turns row t into row_t - row_t[q] * w, which is the
// single term t exactly when the rest of row t is proportional to w. Only
// rows holding every column of w can qualify.
int Knowledge::WouldReveal(const Combination& w, const std::vector<char>& protect) const {
  if (w.terms.size() == 1 && protect[w.terms[0].column]) return w.terms[0].column;
  for (int r : rows_with_[SparsestColumn(w)]) {
    const Row& row = rows_[r];
    if (!protect[row.pivot] || row.eq.terms.size() != w.terms.size() + 1) continue;
    const Term* first = nullptr;
    bool proportional = true;
    size_t j = 0;
    for (const Term& t : row.eq.terms) {
      if (t.column == row.pivot) continue;
      const Term& u = w.terms[j++];
      if (t.column != u.column) { proportional = false; break; }
      if (!first) { first = &t; continue; }
      // t / u == first / w0, cross-multiplied.
      if (Mul(t.coef, w.terms[0].coef) != Mul(u.coef, first->coef)) { proportional = false; break; }
    }
    if (proportional) return row.pivot;
  }
  return -1;
}

// ---------------------------------------------------------------------------
// Grouping figures that share relations.

// Disjoint sets of figures, joined by the relations between them.
class UnionFind {
 public:
  explicit UnionFind(int n) : parent_(n) { std::iota(parent_.begin(), parent_.end(), 0); }
  int Find(int x) {
    while (parent_[x] != x) x = parent_[x] = parent_[parent_[x]];
    return x;
  }
  void Join(int a, int b) {
    a = Find(a), b = Find(b);
    if (a != b) parent_[std::max(a, b)] = std::min(a, b);
  }

 private:
  std::vector<int> parent_;
};

// Counts tied together by sums (and small complements): protected on their
// own, since nothing outside them says anything about them.
struct Component {
  std::vector<FigureId> counts;       // column i is counts[i]
  std::vector<int> sums;              // indices into Publication::sums()
  std::vector<FigureId> complements;  // percentages; column counts.size() + j
};

// Splits the counts into components, ordered by their first figure;
// `local` gets each count's column and `component_of` its component.
std::vector<Component> Components(UnionFind& uf, const std::vector<char>& is_count,
                                  std::vector<int>& local, std::vector<int>& component_of) {
  const int n = static_cast<int>(is_count.size());
  std::vector<int> index_of_root(n, -1);
  std::vector<Component> out;
  local.assign(n, -1);
  component_of.assign(n, -1);
  for (FigureId f = 0; f < n; ++f) {
    if (!is_count[f]) continue;
    int& index = index_of_root[uf.Find(f)];
    if (index < 0) {
      index = static_cast<int>(out.size());
      out.emplace_back();
    }
    component_of[f] = index;
    local[f] = static_cast<int>(out[index].counts.size());
    out[index].counts.push_back(f);
  }
  return out;
}

// The combination total - sum of parts (= 0).
Combination SumEquation(const Publication::Sum& sum, const std::vector<int>& local) {
  std::vector<Term> terms;
  terms.push_back({local[sum.total], 1});
  for (FigureId p : sum.parts) terms.push_back({local[p], Neg(1)});
  return Combine(std::move(terms));
}

Combination Unit(int column, uint64_t value = 0) { return Combination{{{column, 1}}, value}; }

std::string Quoted(const Publication& pub, FigureId id) {
  const std::string& label = pub.figure(id).label;
  return label.empty() ? fmt::format("figure #{}", id) : fmt::format("'{}'", label);
}

// ---------------------------------------------------------------------------
// Protection.

using Reason = SuppressionReason;

// Works out the decisions for one publication.
class Protector {
 public:
  Protector(const Publication& pub, const SuppressionRules& rules);
  std::vector<Protection::Decision> Run();

 private:
  bool Small(int64_t v) const { return v >= 1 && v <= rules_.threshold; }
  int64_t Value(FigureId f) const { return pub_.figure(f).value; }
  bool IsCount(FigureId f) const { return pub_.figure(f).kind == FigureKind::kCount; }
  bool HasSmallComplement(FigureId ratio) const;
  void MeasureHeights();
  void Group();
  // Publication order: zeros, then totals by height, then larger values, then
  // the order added. Suppression prefers the opposite end.
  auto OrderKey(FigureId f) const {
    return std::make_tuple(Value(f) != 0, -height_[f], -Value(f), f);
  }
  void ProtectComponent(const Component& c);
  void Gauss(const Component& c);
  bool AddSingletonGuards(const Component& c);
  void JudgeRatio(FigureId ratio);
  Protection::Decision Describe(FigureId f) const;

  const Publication& pub_;
  const SuppressionRules& rules_;
  std::vector<Reason> reason_;
  std::vector<FigureId> related_;
  std::vector<char> guard_;  // suppressed by the singleton rule; protected
  std::vector<int> height_;  // levels of sums below a figure (capped)
  std::vector<int> local_;   // count -> its column in its component
  std::vector<Component> components_;
};

Protector::Protector(const Publication& pub, const SuppressionRules& rules)
    : pub_(pub),
      rules_(rules),
      reason_(pub.size(), Reason::kPublished),
      related_(pub.size(), kNoFigure),
      guard_(pub.size(), 0),
      height_(pub.size(), 0) {}

bool Protector::HasSmallComplement(FigureId ratio) const {
  const Publication::Figure& r = pub_.figure(ratio);
  return r.kind == FigureKind::kPercentage && Small(Value(r.denominator) - Value(r.numerator));
}

// Grand totals sit above subtotals, which sit above cells. Relaxation capped
// at 32 levels, so a (meaningless) cycle of sums cannot loop.
void Protector::MeasureHeights() {
  for (int level = 0; level < 32; ++level) {
    bool changed = false;
    for (const Publication::Sum& s : pub_.sums()) {
      for (FigureId p : s.parts) {
        if (height_[s.total] < height_[p] + 1) {
          height_[s.total] = height_[p] + 1;
          changed = true;
        }
      }
    }
    if (!changed) break;
  }
}

void Protector::Group() {
  const int n = pub_.size();
  UnionFind uf(n);
  std::vector<char> is_count(n);
  for (FigureId f = 0; f < n; ++f) is_count[f] = IsCount(f);
  for (const Publication::Sum& s : pub_.sums()) {
    for (FigureId p : s.parts) uf.Join(s.total, p);
  }
  std::vector<FigureId> complements;
  for (FigureId f = 0; f < n; ++f) {
    if (!HasSmallComplement(f)) continue;
    uf.Join(pub_.figure(f).numerator, pub_.figure(f).denominator);
    complements.push_back(f);
  }
  std::vector<int> component_of;
  components_ = Components(uf, is_count, local_, component_of);
  for (size_t s = 0; s < pub_.sums().size(); ++s) {
    components_[component_of[pub_.sums()[s].total]].sums.push_back(static_cast<int>(s));
  }
  for (FigureId r : complements) {
    components_[component_of[pub_.figure(r).denominator]].complements.push_back(r);
  }
}

std::vector<Protection::Decision> Protector::Run() {
  for (FigureId f = 0; f < pub_.size(); ++f) {
    if (IsCount(f) && Small(Value(f))) reason_[f] = Reason::kSmallCount;
  }
  MeasureHeights();
  Group();
  for (const Component& c : components_) ProtectComponent(c);
  for (FigureId f = 0; f < pub_.size(); ++f) {
    if (!IsCount(f)) JudgeRatio(f);
  }
  std::vector<Protection::Decision> out;
  out.reserve(pub_.size());
  for (FigureId f = 0; f < pub_.size(); ++f) out.push_back(Describe(f));
  return out;
}

// Gaussian secondary suppression, then singleton guards; each new guard is
// protected too, so the component is solved again until none is added.
void Protector::ProtectComponent(const Component& c) {
  if (!rules_.secondary) return;
  Gauss(c);
  while (rules_.protect_singletons && AddSingletonGuards(c)) Gauss(c);
}

// Offers the component's unprotected counts for publication in order and
// refuses (suppresses) each one whose publication would make a protected
// column known: a small count, a small complement (a hidden column tied to
// its percentage's sides), or a singleton guard. Why this is enough:
//  - the sums alone are homogeneous and fix no non-zero value, so nothing
//    protected is known at the start, and each step keeps it so;
//  - a refused count cannot be worked out at the end either, since knowing it
//    (with more published than when it was refused) would reveal the column
//    it protects; so no suppressed figure at all can be recovered;
//  - zeros go first and are then always published: knowledge made of sums and
//    zeros fixes no non-zero value, so a zero is never needed as a secondary.
// Cost: sparse elimination per component; about 0.4 s for 54,000 figures.
void Protector::Gauss(const Component& c) {
  const int counts = static_cast<int>(c.counts.size());
  Knowledge known(counts + static_cast<int>(c.complements.size()));
  for (int s : c.sums) known.Tell(SumEquation(pub_.sums()[s], local_));
  std::vector<char> protect(counts + c.complements.size(), 0);
  for (size_t j = 0; j < c.complements.size(); ++j) {
    const Publication::Figure& r = pub_.figure(c.complements[j]);
    const int hidden = counts + static_cast<int>(j);  // denominator - numerator
    known.Tell(Combine({{local_[r.denominator], 1}, {local_[r.numerator], Neg(1)},
                        {hidden, Neg(1)}}));
    protect[hidden] = 1;
  }
  std::vector<FigureId> candidates;
  for (FigureId f : c.counts) {
    if (reason_[f] == Reason::kSmallCount || guard_[f]) {
      protect[local_[f]] = 1;
      continue;
    }
    reason_[f] = Reason::kPublished;
    related_[f] = kNoFigure;
    candidates.push_back(f);
  }
  std::sort(candidates.begin(), candidates.end(),
            [this](FigureId a, FigureId b) { return OrderKey(a) < OrderKey(b); });
  for (FigureId f : candidates) {
    Combination w = known.Reduce(Unit(local_[f]));
    if (w.terms.empty()) continue;  // already known: publishing it adds nothing
    int revealed = known.WouldReveal(w, protect);
    if (revealed < 0) {
      known.Learn(std::move(w));
      continue;
    }
    reason_[f] = Reason::kSecondary;
    related_[f] = revealed < counts ? c.counts[revealed] : c.complements[revealed - counts];
  }
}

// A sum whose only two suppressed figures include a count of 1: that child
// knows their own cell, so the sum gives them the other. Suppresses one more
// non-zero figure of the sum (the one latest in publication order).
bool Protector::AddSingletonGuards(const Component& c) {
  bool added = false;
  for (int s : c.sums) {
    const Publication::Sum& sum = pub_.sums()[s];
    std::vector<FigureId> members = sum.parts;
    members.push_back(sum.total);
    int suppressed = 0;
    FigureId single = kNoFigure, extra = kNoFigure;
    for (FigureId m : members) {
      if (reason_[m] != Reason::kPublished) {
        ++suppressed;
        if (reason_[m] == Reason::kSmallCount && Value(m) == 1) single = m;
      } else if (Value(m) != 0 && (extra == kNoFigure || OrderKey(m) > OrderKey(extra))) {
        extra = m;
      }
    }
    if (suppressed != 2 || single == kNoFigure || extra == kNoFigure) continue;
    reason_[extra] = Reason::kSingleton;
    related_[extra] = single;
    guard_[extra] = 1;
    added = true;
  }
  return added;
}

void Protector::JudgeRatio(FigureId ratio) {
  const Publication::Figure& r = pub_.figure(ratio);
  for (FigureId side : {r.numerator, r.denominator}) {
    if (reason_[side] == Reason::kSmallCount) {
      reason_[ratio] = Reason::kRatioOfSuppressed;
      related_[ratio] = side;
      return;
    }
  }
  if (HasSmallComplement(ratio)) {
    reason_[ratio] = Reason::kComplement;
    return;
  }
  for (FigureId side : {r.numerator, r.denominator}) {
    if (reason_[side] != Reason::kPublished) {
      reason_[ratio] = Reason::kRatioOfSuppressed;
      related_[ratio] = side;
      return;
    }
  }
}

Protection::Decision Protector::Describe(FigureId f) const {
  Protection::Decision d;
  d.reason = reason_[f];
  d.related = related_[f];
  const Publication::Figure& fig = pub_.figure(f);
  const int64_t t = rules_.threshold;
  switch (d.reason) {
    case Reason::kPublished:
      d.why = "published";
      if (fig.kind == FigureKind::kCount) {
        d.shown = fmt::format("{}", fig.value);
      } else if (Value(fig.denominator) == 0) {
        d.shown = "z";
      } else {
        d.shown = fmt::format("{:.1f}", static_cast<double>(Value(fig.numerator)) * fig.per /
                                            static_cast<double>(Value(fig.denominator)));
      }
      return d;
    case Reason::kSmallCount:
      d.why = fmt::format("primary: a count from 1 to {}", t);
      break;
    case Reason::kComplement:
      d.why = fmt::format("complement: denominator minus numerator is from 1 to {}", t);
      break;
    case Reason::kRatioOfSuppressed:
      d.why = fmt::format("ratio of the suppressed count {}", Quoted(pub_, d.related));
      break;
    case Reason::kSecondary:
      d.why = IsCount(d.related)
                  ? fmt::format("secondary: publishing it would reveal {}", Quoted(pub_, d.related))
                  : fmt::format("secondary: publishing it would reveal the complement of {}",
                                Quoted(pub_, d.related));
      break;
    case Reason::kSingleton:
      d.why = fmt::format(
          "singleton: a third suppression in a sum with {}, a single child who could "
          "otherwise work out the other suppressed figure",
          Quoted(pub_, d.related));
      break;
  }
  d.shown = rules_.symbol;
  return d;
}

// ---------------------------------------------------------------------------
// Checking a publication.

std::optional<std::string> CheckSum(const Publication& pub, const Publication::Sum& sum) {
  auto valid_count = [&pub](FigureId f) {
    return f >= 0 && f < pub.size() && pub.figure(f).kind == FigureKind::kCount;
  };
  if (!valid_count(sum.total)) return fmt::format("a sum's total (#{}) is not a count", sum.total);
  const std::string total = Quoted(pub, sum.total);
  if (sum.parts.empty()) return fmt::format("the sum for {} has no parts", total);
  std::vector<FigureId> parts = sum.parts;
  std::sort(parts.begin(), parts.end());
  int64_t added = 0;
  bool overflow = false;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (!valid_count(parts[i])) return fmt::format("a part of the sum for {} is not a count", total);
    if (parts[i] == sum.total) return fmt::format("{} is a part of its own sum", total);
    if (i > 0 && parts[i] == parts[i - 1]) {
      return fmt::format("{} is a part of the sum for {} twice", Quoted(pub, parts[i]), total);
    }
    overflow |= __builtin_add_overflow(added, pub.figure(parts[i]).value, &added);
  }
  if (overflow || added != pub.figure(sum.total).value) {
    return fmt::format("sum does not hold: {} is {} but its {} parts add up to {}", total,
                       pub.figure(sum.total).value, parts.size(),
                       overflow ? std::string("more than 2^63") : fmt::format("{}", added));
  }
  return std::nullopt;
}

std::optional<std::string> CheckRatio(const Publication& pub, FigureId id) {
  const Publication::Figure& r = pub.figure(id);
  for (FigureId side : {r.numerator, r.denominator}) {
    if (side < 0 || side >= pub.size() || pub.figure(side).kind != FigureKind::kCount) {
      return fmt::format("{} names a numerator or denominator that is not a count", Quoted(pub, id));
    }
  }
  if (!(r.per > 0) || !std::isfinite(r.per)) {
    return fmt::format("{} has a scale of {}", Quoted(pub, id), r.per);
  }
  const int64_t n = pub.figure(r.numerator).value, d = pub.figure(r.denominator).value;
  if (r.kind == FigureKind::kPercentage && n > d) {
    return fmt::format("{}: numerator {} ({}) exceeds denominator {} ({})", Quoted(pub, id),
                       Quoted(pub, r.numerator), n, Quoted(pub, r.denominator), d);
  }
  return std::nullopt;
}

}  // namespace

// ---------------------------------------------------------------------------
// Publication.

FigureId Publication::AddCount(std::string label, int64_t value) {
  Figure f;
  f.label = std::move(label);
  f.value = value;
  figures_.push_back(std::move(f));
  return size() - 1;
}

FigureId Publication::AddPercentage(std::string label, FigureId numerator, FigureId denominator) {
  Figure f;
  f.label = std::move(label);
  f.kind = FigureKind::kPercentage;
  f.numerator = numerator;
  f.denominator = denominator;
  figures_.push_back(std::move(f));
  return size() - 1;
}

FigureId Publication::AddRate(std::string label, FigureId numerator, FigureId denominator,
                              double per) {
  FigureId id = AddPercentage(std::move(label), numerator, denominator);
  figures_[id].kind = FigureKind::kRate;
  figures_[id].per = per;
  return id;
}

void Publication::AddSum(FigureId total, std::vector<FigureId> parts) {
  sums_.push_back(Sum{total, std::move(parts)});
}

std::optional<std::string> Publication::Check() const {
  for (FigureId f = 0; f < size(); ++f) {
    if (figures_[f].kind == FigureKind::kCount) {
      if (figures_[f].value < 0) {
        return fmt::format("{} is a negative count ({})", Quoted(*this, f), figures_[f].value);
      }
    } else if (auto error = CheckRatio(*this, f)) {
      return error;
    }
  }
  for (const Sum& sum : sums_) {
    if (auto error = CheckSum(*this, sum)) return error;
  }
  return std::nullopt;
}

// ---------------------------------------------------------------------------
// Protection.

Protection::Tally Protection::tally() const {
  Tally t;
  t.figures = size();
  for (const Decision& d : decisions_) {
    switch (d.reason) {
      case SuppressionReason::kPublished: ++t.published; break;
      case SuppressionReason::kSmallCount: ++t.small_counts; break;
      case SuppressionReason::kComplement: ++t.complements; break;
      case SuppressionReason::kRatioOfSuppressed: ++t.ratios_of_suppressed; break;
      case SuppressionReason::kSecondary: ++t.secondary; break;
      case SuppressionReason::kSingleton: ++t.singleton; break;
    }
  }
  return t;
}

ProtectResult ProtectResult::Of(std::vector<Protection::Decision> decisions, int64_t threshold) {
  Protection p;
  p.decisions_ = std::move(decisions);
  p.threshold_ = threshold;
  return ProtectResult(std::move(p));
}

const std::string& ProtectResult::error() const {
  static const std::string kNone;
  return ok() ? kNone : std::get<std::string>(state_);
}

ProtectResult Protect(const Publication& publication, const SuppressionRules& rules) {
  if (rules.threshold < 0) {
    return ProtectResult::Error(fmt::format("the threshold is negative ({})", rules.threshold));
  }
  if (auto error = publication.Check()) return ProtectResult::Error(*error);
  return ProtectResult::Of(Protector(publication, rules).Run(), rules.threshold);
}

// ---------------------------------------------------------------------------
// The reader's view and the attack.

PublishedPack WhatIsPublished(const Publication& publication, const Protection& protection) {
  PublishedPack pack;
  pack.threshold = protection.threshold();
  if (protection.size() != publication.size()) return pack;
  pack.sums = publication.sums();
  for (FigureId f = 0; f < publication.size(); ++f) {
    const Publication::Figure& fig = publication.figure(f);
    PublishedPack::Figure seen;
    seen.label = fig.label;
    seen.kind = fig.kind;
    seen.numerator = fig.numerator;
    seen.denominator = fig.denominator;
    seen.per = fig.per;
    seen.published = protection.published(f);
    if (seen.published && fig.kind == FigureKind::kCount) {
      seen.count = fig.value;
    } else if (seen.published) {
      const int64_t n = publication.figure(fig.numerator).value;
      const int64_t d = publication.figure(fig.denominator).value;
      const int64_t g = d == 0 ? 1 : std::gcd(n, d);
      seen.top = d == 0 ? 0 : n / g;
      seen.bottom = d == 0 ? 0 : d / g;
    }
    pack.figures.push_back(std::move(seen));
  }
  return pack;
}

namespace {

// Solves what one pack's reader can, component by component.
class Reader {
 public:
  explicit Reader(const PublishedPack& pack);
  AttackReport Report();

 private:
  bool IsCount(FigureId f) const {
    return f >= 0 && f < static_cast<int>(pack_.figures.size()) &&
           pack_.figures[f].kind == FigureKind::kCount;
  }
  bool Usable(const Publication::Sum& s) const {
    return IsCount(s.total) && std::all_of(s.parts.begin(), s.parts.end(),
                                           [this](FigureId p) { return IsCount(p); });
  }
  bool UsableRatio(const PublishedPack::Figure& r) const {
    return r.kind != FigureKind::kCount && IsCount(r.numerator) && IsCount(r.denominator);
  }
  void Group();
  void LearnSums();
  void LearnPublished();
  void Tell(FigureId anchor, std::vector<Term> terms, uint64_t value = 0);
  Term T(FigureId f, int64_t coef) const { return {local_[f], FromInt(coef)}; }
  std::optional<int64_t> Known(FigureId count);
  std::optional<int64_t> KnownDifference(FigureId plus, FigureId minus);

  const PublishedPack& pack_;
  std::vector<int> local_, component_of_;
  std::vector<Knowledge> known_;
};

Reader::Reader(const PublishedPack& pack) : pack_(pack) {
  Group();
  LearnSums();
  LearnPublished();
}

// Components joined by the sums and by the published ratios.
void Reader::Group() {
  const int n = static_cast<int>(pack_.figures.size());
  UnionFind uf(n);
  std::vector<char> is_count(n);
  for (FigureId f = 0; f < n; ++f) is_count[f] = IsCount(f);
  for (const Publication::Sum& s : pack_.sums) {
    if (!Usable(s)) continue;
    for (FigureId p : s.parts) uf.Join(s.total, p);
  }
  for (const PublishedPack::Figure& r : pack_.figures) {
    if (r.published && UsableRatio(r)) uf.Join(r.numerator, r.denominator);
  }
  for (const Component& c : Components(uf, is_count, local_, component_of_)) {
    known_.emplace_back(static_cast<int>(c.counts.size()));
  }
}

void Reader::LearnSums() {
  for (const Publication::Sum& s : pack_.sums) {
    if (!Usable(s)) continue;
    std::vector<Term> terms{T(s.total, 1)};
    for (FigureId p : s.parts) terms.push_back(T(p, -1));
    Tell(s.total, std::move(terms));
  }
}

// Published counts are known values; a published ratio ties its sides.
void Reader::LearnPublished() {
  for (FigureId f = 0; f < static_cast<int>(pack_.figures.size()); ++f) {
    const PublishedPack::Figure& fig = pack_.figures[f];
    if (!fig.published) continue;
    if (fig.kind == FigureKind::kCount) {
      Tell(f, {T(f, 1)}, FromInt(fig.count));
    } else if (UsableRatio(fig) && fig.bottom == 0) {  // "z": no denominator, no numerator
      Tell(fig.denominator, {T(fig.denominator, 1)});
      if (fig.kind == FigureKind::kPercentage) Tell(fig.numerator, {T(fig.numerator, 1)});
    } else if (UsableRatio(fig)) {  // bottom * numerator - top * denominator = 0
      Tell(fig.numerator, {T(fig.numerator, fig.bottom), T(fig.denominator, -fig.top)});
    }
  }
}

void Reader::Tell(FigureId anchor, std::vector<Term> terms, uint64_t value) {
  known_[component_of_[anchor]].Tell(Combine(std::move(terms), value));
}

std::optional<int64_t> Reader::Known(FigureId count) {
  const PublishedPack::Figure& fig = pack_.figures[count];
  if (fig.published) return fig.count;
  Knowledge& k = known_[component_of_[count]];
  if (!k.Knows(local_[count])) return std::nullopt;
  return ToInt(k.ValueOf(local_[count]));
}

std::optional<int64_t> Reader::KnownDifference(FigureId plus, FigureId minus) {
  if (component_of_[plus] != component_of_[minus]) {
    auto a = Known(plus), b = Known(minus);
    if (!a || !b) return std::nullopt;
    return *a - *b;
  }
  if (plus == minus) return 0;
  Combination left = known_[component_of_[plus]].Reduce(Combine({T(plus, 1), T(minus, -1)}));
  if (!left.terms.empty()) return std::nullopt;
  return ToInt(Neg(left.value));  // reducing moved the known value to the other side
}

AttackReport Reader::Report() {
  AttackReport report;
  for (FigureId f = 0; f < static_cast<int>(pack_.figures.size()); ++f) {
    const PublishedPack::Figure& fig = pack_.figures[f];
    if (fig.kind == FigureKind::kCount) {
      if (!fig.published) {
        if (auto v = Known(f)) report.figures.push_back({f, static_cast<double>(*v)});
      }
      continue;
    }
    if (!UsableRatio(fig)) continue;
    if (!fig.published) {
      auto n = Known(fig.numerator), d = Known(fig.denominator);
      if (n && d && *d != 0) {
        report.figures.push_back(
            {f, static_cast<double>(*n) * fig.per / static_cast<double>(*d)});
      }
    }
    if (fig.kind == FigureKind::kPercentage) {
      auto rest = KnownDifference(fig.denominator, fig.numerator);
      if (rest && *rest >= 1 && *rest <= pack_.threshold) {
        report.small_groups.push_back({f, static_cast<double>(*rest)});
      }
    }
  }
  return report;
}

}  // namespace

AttackReport Attack(const PublishedPack& pack) { return Reader(pack).Report(); }

}  // namespace scrutiny
