#pragma once
// ChildMap holds what a return says of each child, by its CHILD.

#include <cstddef>
#include <cstdint>
#include <deque>
#include <string_view>
#include <utility>

#include "model/fingerprint.h"

namespace scrutiny {

// ChildMap<T> keeps one T per CHILD. Entries never move once added (records
// read point at them) and are listed in the order added; a CHILD is found by
// its fingerprint in one flat table, then its text is compared, so that a
// lookup is mostly one cache miss rather than a walk through hashed nodes.
template <typename T>
class ChildMap {
 public:
  using Entry = std::pair<const std::string_view, T>;

  // The child's entry, or nullptr.
  Entry* Find(std::string_view child) {
    size_t at = PlaceOf(child);
    return at < entries_.size() ? &entries_[at] : nullptr;
  }
  const Entry* Find(std::string_view child) const {
    size_t at = PlaceOf(child);
    return at < entries_.size() ? &entries_[at] : nullptr;
  }
  // The child's entry, added with `value` if new; whether it was added.
  template <typename... Value>
  std::pair<Entry*, bool> Add(std::string_view child, Value&&... value) {
    auto next = static_cast<uint32_t>(entries_.size());
    bool fresh = false;
    uint32_t at = index_.Insert(Fingerprint::Of(child), next, &fresh);
    if (!fresh) {
      if (entries_[at].first == child) return {&entries_[at], false};
      if (size_t found = Search(child); found < entries_.size()) return {&entries_[found], false};  // never seen
      ++unindexed_;
    }
    entries_.emplace_back(std::piecewise_construct, std::forward_as_tuple(child),
                          std::forward_as_tuple(std::forward<Value>(value)...));
    return {&entries_.back(), true};
  }
  void Reserve(size_t n) { index_.Reserve(n); }
  size_t size() const { return entries_.size(); }
  auto begin() { return entries_.begin(); }
  auto end() { return entries_.end(); }

 private:
  // The child's place in entries_, or size() if it has none.
  size_t PlaceOf(std::string_view child) const {
    if (const uint32_t* at = index_.Find(Fingerprint::Of(child)); at && entries_[*at].first == child) return *at;
    return unindexed_ ? Search(child) : entries_.size();
  }
  // A search of every entry, for a CHILD whose fingerprint another has (two of a billion: 1 in 10^20).
  size_t Search(std::string_view child) const {
    for (size_t i = 0; i < entries_.size(); ++i)
      if (entries_[i].first == child) return i;
    return entries_.size();
  }

  std::deque<Entry> entries_;
  FingerprintMap index_;  // fingerprint -> place in entries_
  size_t unindexed_ = 0;  // entries whose fingerprint another CHILD has
};

}  // namespace scrutiny
