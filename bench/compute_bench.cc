// Benchmarks computing the default suite on a loaded store, after the read:
// every indicator for 60 months, with and without team breakdowns.
// Usage: SCRUTINY_BENCH_DB=large.db build/bench/compute_bench
//        [SCRUTINY_BENCH_INDICATORS=6.5,7.8] [SCRUTINY_BENCH_BY=council]
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <iostream>
#include <sstream>

#include "core/memory_policy.h"
#include "indicators/breakdown.h"
#include "indicators/evaluator.h"
#include "store/store.h"

namespace {

using namespace scrutiny;

struct Loaded {
  Dataset data;
  Suite suite;
  std::vector<const Indicator*> chosen;
};

Loaded* Load() {
  static Loaded* loaded = [] {
    KeepFreedMemory();  // as the scrutiny command does
    const char* db = std::getenv("SCRUTINY_BENCH_DB");
    if (!db) { std::cerr << "set SCRUTINY_BENCH_DB to a loaded store\n"; std::exit(2); }
    auto* l = new Loaded();
    auto store = Store::Open(db);
    if (!store.ok() || !store->Read(l->data, std::nullopt, false).ok()) { std::cerr << "cannot read " << db << "\n"; std::exit(2); }
    auto suite = LoadSuite(SCRUTINY_SOURCE_DIR "/config/suites/scrutiny-dataset.toml");
    if (!suite.ok()) { std::cerr << suite.status().message() << "\n"; std::exit(2); }
    l->suite = std::move(*suite);
    std::string only = std::getenv("SCRUTINY_BENCH_INDICATORS") ? std::getenv("SCRUTINY_BENCH_INDICATORS") : "";
    for (const Indicator& ind : l->suite.indicators)
      if (only.empty() || ("," + only + ",").find("," + ind.number + ",") != std::string::npos) l->chosen.push_back(&ind);
    return l;
  }();
  return loaded;
}

void ComputeSuite(benchmark::State& state, const std::string& by) {
  Loaded* l = Load();
  auto periods = History(*Period::Parse("2026-03"), 60);
  for (auto _ : state) {
    Evaluator evaluator(l->data);
    for (const Indicator* ind : l->chosen) {
      auto offered = Breakdown::Available(*ind);
      bool has = std::find(offered.begin(), offered.end(), by) != offered.end();
      auto series = evaluator.Compute(*ind, periods, has ? by : "");
      benchmark::DoNotOptimize(series);
    }
  }
}

void BM_Suite60Months(benchmark::State& state) { ComputeSuite(state, ""); }
void BM_Suite60MonthsByBreakdown(benchmark::State& state) {
  ComputeSuite(state, std::getenv("SCRUTINY_BENCH_BY") ? std::getenv("SCRUTINY_BENCH_BY") : "team");
}
BENCHMARK(BM_Suite60Months)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Suite60MonthsByBreakdown)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
