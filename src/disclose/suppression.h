#pragma once
// Small-number suppression (statistical disclosure control) for everything a
// public committee pack prints, so that no reader can identify a child.
//
// DfE conventions (performance-methods.md 2.1): counts from 1 to a threshold
// (5) are replaced by a symbol ("c"); zeros stay visible as true zeros; a
// percentage or rate worked out from a suppressed count is suppressed, and so
// is a percentage whose complement (denominator minus numerator, e.g. the one
// child of five not visited) is from 1 to the threshold. Then secondary
// suppression (2.3 B, after Statistics Norway's GaussSuppression): the other
// counts are offered for publication in order, zeros first, then totals, then
// larger values, and one is suppressed instead whenever publishing it would
// make a protected quantity a linear combination of published figures, given
// the sums the reader knows (margins, a year and its months, the same total
// broken down two ways) and the published ratios.
//
// Attack() plays the reader: from what is published alone it solves the
// linear system and reports every suppressed figure it can work out.
//
//   Publication pub;
//   FigureId t1 = pub.AddCount("4.3 | 2025-10 | team T1", 3);
//   FigureId t2 = pub.AddCount("4.3 | 2025-10 | team T2", 40);
//   FigureId all = pub.AddCount("4.3 | 2025-10 | all teams", 43);
//   pub.AddSum(all, {t1, t2});
//   ProtectResult result = Protect(pub);  // T1 is "c", and so is T2 (43 - 40)
//   if (!result.ok()) ... result.error() ...
//   result->decision(t2).why   // "secondary: publishing it would reveal '... T1'"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace scrutiny {

// Index of a figure in its Publication, in the order it was added.
using FigureId = int;
constexpr FigureId kNoFigure = -1;

enum class FigureKind { kCount, kPercentage, kRate };

// Every figure a public pack prints, and the sums its reader knows.
class Publication {
 public:
  // One printed figure. Counts carry their value; percentages and rates name
  // the counts they are worked out from.
  struct Figure {
    std::string label;  // for messages: "4.3 | 2025-10 | team T1 | numerator"
    FigureKind kind = FigureKind::kCount;
    int64_t value = 0;  // counts only
    FigureId numerator = kNoFigure, denominator = kNoFigure;  // ratios only
    double per = 100;   // ratios are printed as numerator / denominator * per
  };

  // A relation the reader knows: total = the sum of parts.
  struct Sum {
    FigureId total = kNoFigure;
    std::vector<FigureId> parts;
  };

  FigureId AddCount(std::string label, int64_t value);
  // Numerator as a share of denominator, in percent. The numerator counts
  // part of the denominator's group, so the rest (the complement) is a group
  // of children too and is protected like a count.
  FigureId AddPercentage(std::string label, FigureId numerator, FigureId denominator);
  // Numerator per `per` of denominator (e.g. per 10,000 children); no
  // complement.
  FigureId AddRate(std::string label, FigureId numerator, FigureId denominator,
                   double per = 10000);
  // Records that the reader knows total = sum of parts: a table's margin, a
  // year and its months, a second breakdown of the same total.
  void AddSum(FigureId total, std::vector<FigureId> parts);

  // The first mistake in what was added (a sum that does not hold, a
  // numerator above its denominator, a negative count, a bad id), or nullopt.
  std::optional<std::string> Check() const;

  int size() const { return static_cast<int>(figures_.size()); }
  const Figure& figure(FigureId id) const { return figures_[id]; }
  const std::vector<Figure>& figures() const { return figures_; }
  const std::vector<Sum>& sums() const { return sums_; }

 private:
  std::vector<Figure> figures_;
  std::vector<Sum> sums_;
};

// How a publication is protected.
struct SuppressionRules {
  int64_t threshold = 5;     // counts from 1 to this are suppressed
  std::string symbol = "c";  // printed instead of a suppressed figure
  bool secondary = true;     // off only to show what differencing would reveal
  // Where a sum holds only two suppressed figures and one is a count of 1,
  // that child could work out the other; suppress a third figure of the sum.
  bool protect_singletons = true;
};

enum class SuppressionReason {
  kPublished,
  kSmallCount,         // primary: a count from 1 to the threshold
  kComplement,         // a percentage whose denominator minus numerator is small
  kRatioOfSuppressed,  // a percentage or rate of a suppressed count
  kSecondary,          // suppressed so that another figure cannot be worked out
  kSingleton,          // a third suppression in a sum beside a count of 1
};

// The decision for every figure of one publication.
class Protection {
 public:
  // What happens to one figure, and why.
  struct Decision {
    SuppressionReason reason = SuppressionReason::kPublished;
    // kSecondary: the figure it protects (for a complement, the percentage);
    // kSingleton: the count of 1; kRatioOfSuppressed: the suppressed count.
    FigureId related = kNoFigure;
    std::string shown;  // as printed: "12", "66.7", "z" (no denominator), or the symbol
    std::string why;    // for the pack's authors, not for print: it can say a cell is small
    bool published() const { return reason == SuppressionReason::kPublished; }
  };

  // How many figures were lost, and to what.
  struct Tally {
    int figures = 0, published = 0;
    int small_counts = 0, complements = 0, ratios_of_suppressed = 0;
    int secondary = 0, singleton = 0;
    int suppressed() const { return figures - published; }
    double share_lost() const { return figures ? double(suppressed()) / figures : 0.0; }
  };

  const Decision& decision(FigureId id) const { return decisions_[id]; }
  bool published(FigureId id) const { return decisions_[id].published(); }
  int size() const { return static_cast<int>(decisions_.size()); }
  int64_t threshold() const { return threshold_; }
  Tally tally() const;

 private:
  friend class ProtectResult;
  std::vector<Decision> decisions_;
  int64_t threshold_ = 0;
};

// A Protection, or why the publication was refused (errors as values).
class ProtectResult {
 public:
  static ProtectResult Error(std::string message) { return ProtectResult(std::move(message)); }
  static ProtectResult Of(std::vector<Protection::Decision> decisions, int64_t threshold);

  bool ok() const { return std::holds_alternative<Protection>(state_); }
  const std::string& error() const;  // empty when ok()
  const Protection& value() const { return std::get<Protection>(state_); }
  const Protection* operator->() const { return &value(); }
  const Protection& operator*() const { return value(); }

 private:
  explicit ProtectResult(std::variant<Protection, std::string> state) : state_(std::move(state)) {}
  std::variant<Protection, std::string> state_;
};

// Decides what to publish: primary, ratio, complement and secondary
// suppression. Refuses a publication that fails Check() or a negative
// threshold.
ProtectResult Protect(const Publication& publication,
                      const SuppressionRules& rules = SuppressionRules());

// What a reader of the printed pack has: every figure's label and
// definition, the sums, the threshold, and the values of published figures
// only. A published ratio is taken as its exact fraction, which a percentage
// to one decimal place of a denominator under 1,000 is in effect.
struct PublishedPack {
  // One figure as the reader sees it.
  struct Figure {
    std::string label;
    FigureKind kind = FigureKind::kCount;
    FigureId numerator = kNoFigure, denominator = kNoFigure;
    double per = 100;
    bool published = false;
    int64_t count = 0;           // a published count
    int64_t top = 0, bottom = 0;  // a published ratio as top/bottom in lowest terms; 0/0 is "z"
  };
  std::vector<Figure> figures;
  std::vector<Publication::Sum> sums;
  int64_t threshold = 5;
};

// The reader's view of `publication` as protected by `protection` (which must
// have been made from it).
PublishedPack WhatIsPublished(const Publication& publication, const Protection& protection);

// What a reader worked out that was meant to be hidden.
struct AttackReport {
  // A suppressed figure (or, in small_groups, a percentage's complement) and
  // the value the reader found.
  struct Recovery {
    FigureId figure = kNoFigure;
    double value = 0;
  };
  std::vector<Recovery> figures;       // suppressed counts and ratios worked out
  std::vector<Recovery> small_groups;  // percentages whose complement (1..threshold) was worked out
  bool empty() const { return figures.empty() && small_groups.empty(); }
};

// Plays the reader: solves the linear equations of the sums, the published
// counts and the published ratios (each ratio with one known side gives the
// other, in chains, since all are solved together) and reports what it can
// determine. Exact arithmetic modulo a 61-bit prime.
AttackReport Attack(const PublishedPack& pack);

}  // namespace scrutiny
