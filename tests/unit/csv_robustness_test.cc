#include <gtest/gtest.h>

#include <random>

#include "ingest/csv_loader.h"

namespace scrutiny {
namespace {

// Random damage to a valid file must give problems, never a crash; the
// sanitizer fuzzer (fuzz/run) searches far harder than this quick check.
TEST(CsvRobustness, DamagedFilesGiveProblemsNotCrashes) {
  const std::string valid =
      "episode_id,child_id,decom,rne,ls,cin,place,place_provider,dec,rec\n"
      "E1,C1,2024-03-01,S,C2,N1,U6,PR1,2024-06-01,X1\n"
      "E2,C1,2024-06-01,P,C2,N1,\"K2\",PR4,,\n";
  const std::string alphabet = ",\"\n\r;YN-0123456789abcXE\xC3\xA9\xFF";
  std::mt19937 rng(12345);
  for (int round = 0; round < 20000; ++round) {
    std::string text = valid;
    int edits = 1 + static_cast<int>(rng() % 6);
    for (int e = 0; e < edits && !text.empty(); ++e) {
      size_t at = rng() % text.size();
      switch (rng() % 3) {
        case 0: text[at] = alphabet[rng() % alphabet.size()]; break;
        case 1: text.erase(at, 1 + rng() % 8); break;
        default: text.insert(at, 1, alphabet[rng() % alphabet.size()]);
      }
    }
    Dataset d;
    Table& t = d.table("looked_after_episodes");
    std::vector<uint32_t> lines;
    Problems problems(5);
    ReadRecordFile("fuzz.csv", text, t, lines, problems);
    ASSERT_EQ(lines.size(), t.size());
    for (size_t r = 0; r < t.size(); ++r)
      for (int c = 0; c < static_cast<int>(t.type().fields.size()); ++c) (void)t.Format(c, r);
  }
}

}  // namespace
}  // namespace scrutiny
