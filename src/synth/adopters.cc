// The council's adoption agency: people enquiring, the two stages of
// assessment, approval, matching, placement and adoption orders, and those
// who leave the process on the way (Annex A list 11).

#include <fmt/format.h>

#include "synth/record_writer.h"
#include "synth/simulation.h"

namespace scrutiny {
namespace {

// One adopter family's journey; each stage is empty once the family has left.
struct AdopterJourney {
  Date enquiry;
  std::optional<Date> stage1_start, stage1_end, stage2_start, stage2_end, approval, match, placed, order;
  std::optional<Date> left;
  const char* left_reason = "";
  int children = 1;
};

}  // namespace

void Simulation::SimulateAdopters() {
  RecordWriter w(out_, "adopters");
  double per_day = profile_.children_0_17 / 10000.0 * 6 / 365.25;
  for (Date d = start_; d <= end_; d = d.AddDays(1)) {
    for (int n = rng_.Poisson(per_day); n > 0; --n) {
      AdopterJourney j;
      j.enquiry = d;
      // Each step happens by the end of the simulation, or the family stops there.
      auto step = [&](std::optional<Date>& at, Date from, int lo, int hi, double stays) {
        if (j.left || rng_.Chance(1 - stays)) {
          if (!j.left) {
            j.left = ByEnd(from.AddDays(rng_.Int(7, 60)));
            j.left_reason = rng_.Chance(0.6) ? "1" : rng_.Chance(0.5) ? "2" : "3";
          }
          return false;
        }
        at = ByEnd(from.AddDays(rng_.Int(lo, hi)));
        return at.has_value();
      };
      if (step(j.stage1_start, d, 10, 60, 0.45) && step(j.stage1_end, *j.stage1_start, 40, 70, 0.9) &&
          step(j.stage2_start, *j.stage1_end, 0, 21, 0.9) && step(j.stage2_end, *j.stage2_start, 80, 140, 0.9) &&
          step(j.approval, *j.stage2_end, 0, 30, 0.95) && step(j.match, *j.approval, 14, 420, 0.95) &&
          step(j.placed, *j.match, 14, 60, 0.98))
        step(j.order, *j.placed, 180, 420, 1.0);
      j.children = rng_.Chance(0.8) ? 1 : rng_.Chance(0.8) ? 2 : 3;
      std::string family = NextId("AF");
      for (int adopter = rng_.Chance(0.55) ? 2 : 1; adopter > 0; --adopter) {
        w.Add()
            .Text("adopter_id", NextId("AD"))
            .Text("la_code", profile_.la_code)
            .Text("family_id", family)
            .Flag("ffa", rng_.Chance(0.1))
            .Date("enquiry_date", j.enquiry)
            .Date("stage1_start_date", j.stage1_start)
            .Date("stage1_end_date", j.stage1_end)
            .Date("stage2_start_date", j.stage2_start)
            .Date("stage2_end_date", j.stage2_end)
            .Date("application_date", j.stage2_start)
            .Date("approval_date", j.approval)
            .Date("match_date", j.match)
            .Date("placed_date", j.placed)
            .Date("adoption_order_date", j.order)
            .Date("left_date", j.left);
        if (j.left) w.Text("left_reason", j.left_reason);
        if (j.placed) w.Int("children_placed", j.children);
      }
    }
  }
}

}  // namespace scrutiny
