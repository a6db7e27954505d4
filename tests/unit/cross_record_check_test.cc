#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "model/cross_record_check.h"

namespace scrutiny {
namespace {

// Children C0..C(n-1) then referrals, some naming unknown children, some
// repeating a referral id: AddRows (lookups in slot order) must report exactly
// what Add row by row does, in row order.
std::vector<std::string> ProblemsFound(bool by_rows) {
  Dataset d;
  Table& children = d.table("children");
  Table& referrals = d.table("referrals");
  const RecordType& ct = children.type();
  for (int i = 0; i < 5000; ++i) {
    children.AddRow();
    children.SetText(ct.IndexOf("child_id"), "900-C" + std::to_string(i));
  }
  const RecordType& rt = referrals.type();
  std::vector<uint32_t> lines;
  for (int i = 0; i < 20000; ++i) {
    referrals.AddRow();
    int id = i % 997 == 5 ? i - 3 : i;                  // a repeated key now and then
    int child = i % 1201 == 7 ? 900000 + i : (i * 7919) % 5000;  // an unknown child now and then
    referrals.SetText(rt.IndexOf("referral_id"), "900-R" + std::to_string(id));
    referrals.SetText(rt.IndexOf("child_id"), "900-C" + std::to_string(child));
    lines.push_back(static_cast<uint32_t>(i + 2));
  }
  Problems problems(1000);
  CrossRecordCheck check;
  for (size_t r = 0; r < children.size(); ++r) check.Add(children, r, "children.csv", r + 2, problems);
  check.FinishType(ct);
  if (by_rows) {
    check.AddRows(referrals, lines, "referrals.csv", problems);
  } else {
    for (size_t r = 0; r < referrals.size(); ++r) check.Add(referrals, r, "referrals.csv", lines[r], problems);
  }
  std::vector<std::string> out;
  for (const Problem& p : problems.kept()) out.push_back(p.ToString());
  return out;
}

TEST(CrossRecordCheck, AddRowsReportsAsAddDoesInRowOrder) {
  std::vector<std::string> one_by_one = ProblemsFound(false), by_rows = ProblemsFound(true);
  EXPECT_EQ(by_rows, one_by_one);
  ASSERT_GT(one_by_one.size(), 30u);
  EXPECT_EQ(one_by_one.front(), "referrals.csv:7: column 'referral_id', value '900-R2': duplicate referral_id: also on line 4");
  bool unknown = false;
  for (const std::string& p : one_by_one) unknown |= p.find("no children record has child_id '900-C900007'") != std::string::npos;
  EXPECT_TRUE(unknown);
}

}  // namespace
}  // namespace scrutiny
