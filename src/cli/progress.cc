#include "cli/progress.h"

#include <unistd.h>

#include <cstdio>

namespace scrutiny {

ProgressDisplay::ProgressDisplay(std::string label)
    : label_(std::move(label)), start_(Clock::now()), last_(start_), terminal_(isatty(STDERR_FILENO) == 1) {}

ProgressDisplay::~ProgressDisplay() {
  if (shown_ && terminal_) std::fputc('\n', stderr);
}

void ProgressDisplay::Update(uint64_t done, uint64_t total) {
  auto now = Clock::now();
  if (now - start_ < std::chrono::seconds(1)) return;
  auto gap = terminal_ ? std::chrono::milliseconds(100) : std::chrono::milliseconds(5000);
  if (shown_ && now - last_ < gap && done < total) return;
  last_ = now;
  shown_ = true;
  double share = total ? static_cast<double>(done) / static_cast<double>(total) : 1.0;
  double seconds = std::chrono::duration<double>(now - start_).count();
  if (terminal_) {
    constexpr int kWidth = 30;
    int filled = static_cast<int>(share * kWidth);
    std::fprintf(stderr, "\r%s [%-*s] %3.0f%% %5.1fs", label_.c_str(), kWidth, std::string(static_cast<size_t>(filled), '#').c_str(),
                 share * 100, seconds);
  } else {
    std::fprintf(stderr, "%s: %.0f%% after %.1fs\n", label_.c_str(), share * 100, seconds);
  }
  std::fflush(stderr);
}

}  // namespace scrutiny
