#pragma once
// The model's own checks of what a reader made (unique keys, references that
// resolve), for the reader tests.

#include <gtest/gtest.h>

#include <string>

#include "model/validator.h"

namespace scrutiny {

// Expects the model to find nothing wrong in a dataset read from a return.
template <typename Read>
void ExpectModelAccepts(const Read& r) {
  Problems problems;
  CheckDataset(r.dataset, r.sources, problems);
  std::string all;
  for (const Problem& p : problems.kept()) all += p.ToString() + "\n";
  EXPECT_TRUE(problems.empty()) << all;
}

}  // namespace scrutiny
