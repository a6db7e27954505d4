#pragma once
// ProgressDisplay shows how far a long task has got on stderr: nothing for
// the first second, then a bar redrawn in place on a terminal, or a line every
// few seconds when stderr is a file or pipe.

#include <chrono>
#include <cstdint>
#include <string>

namespace scrutiny {

class ProgressDisplay {
 public:
  explicit ProgressDisplay(std::string label);
  ~ProgressDisplay();  // ends the bar's line if one was drawn
  void Update(uint64_t done, uint64_t total);

 private:
  using Clock = std::chrono::steady_clock;
  std::string label_;
  Clock::time_point start_, last_;
  bool terminal_;
  bool shown_ = false;
};

}  // namespace scrutiny
