// scrutiny report: the committee pack for a period, in HTML, PDF and Excel,
// public (small numbers suppressed) or confidential (every figure, marked Part 2).

#include <chrono>
#include <filesystem>
#include <iostream>
#include <sstream>

#include <fmt/chrono.h>
#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/suite_loading.h"
#include "report/html_writer.h"
#include "report/pack_builder.h"
#include "report/pack_disclosure.h"
#include "report/pdf_writer.h"
#include "report/xlsx_writer.h"

namespace scrutiny {
namespace {

struct ReportOptions {
  std::string db = DefaultStorePath();
  JudgingFileOptions files;
  std::string pack;
  std::string period, council, audience = "public", formats = "html,pdf,xlsx", out = ".";
  int threshold = 5;
  bool timing = false;
};

std::vector<std::string> Split(const std::string& list) {
  std::vector<std::string> out;
  std::stringstream in(list);
  for (std::string item; std::getline(in, item, ',');)
    if (!item.empty()) out.push_back(item);
  return out;
}

std::string Today() { return fmt::format("{:%Y-%m-%d}", fmt::gmtime(std::chrono::system_clock::to_time_t(std::chrono::system_clock::now()))); }

Status WriteFormat(const Pack& pack, const std::string& format, const std::string& path) {
  std::string error;
  if (format == "html" && !SavePackHtml(pack, path, &error)) return Status::IoError(error);
  if (format == "pdf" && !WritePackPdf(pack, path, &error)) return Status::IoError(error);
  if (format == "xlsx") return WritePackXlsx(pack, path);
  return Status::Ok();
}

// The council a pack is for: the one named, or the store's only one.
Result<std::string> CouncilOf(Store& store, const std::string& wanted) {
  auto councils = store.Councils();
  if (!councils.ok()) return councils.status();
  if (!wanted.empty()) {
    if (std::find(councils->begin(), councils->end(), wanted) == councils->end())
      return Status::InvalidInput(fmt::format("the store holds no council '{}'", wanted));
    return wanted;
  }
  if (councils->size() != 1)
    return Status::InvalidInput(fmt::format("the store holds {} councils: choose one with --council", councils->size()));
  return councils->front();
}

ExitCode RunReport(const ReportOptions& o) {
  auto period = Period::Parse(o.period);
  if (!period.ok()) return Report(period.status());
  std::vector<std::string> formats = Split(o.formats);
  for (const std::string& f : formats)
    if (f != "html" && f != "pdf" && f != "xlsx")
      return Report(Status::InvalidInput(fmt::format("--format '{}': choose from html, pdf and xlsx", f)));
  auto files = JudgingFiles::Load(o.files);
  if (!files.ok()) return Report(files.status());
  const Suite* suite = &files->suite;
  auto config = PackConfig::Load(o.pack.empty() ? DefaultPackConfigPath() : o.pack, *suite);
  if (!config.ok()) return Report(config.status());
  auto store = Store::Open(o.db);
  if (!store.ok()) return Report(store.status());
  auto council = CouncilOf(*store, o.council);
  if (!council.ok()) return Report(council.status());
  auto comments = store->CurrentComments(*council, period->label);
  if (!comments.ok()) return Report(comments.status());
  using Clock = std::chrono::steady_clock;
  auto started = Clock::now();
  std::vector<std::pair<std::string, double>> times;
  auto lap = [&](std::string what) {
    auto now = Clock::now();
    times.emplace_back(std::move(what), std::chrono::duration<double>(now - started).count());
    started = now;
  };
  // Left for the process exit to free (see compute).
  Dataset& data = *new Dataset();
  if (Status s = store->Read(data, *council, false); !s.ok()) return Report(s);
  lap("read the store");
  Audience audience = o.audience == "confidential" ? Audience::kConfidential : Audience::kPublic;
  PackBuilder builder(data, {suite, &files->targets, &files->benchmarks, &*config, *comments, audience, Today()});
  auto pack = builder.Build(*council, *period);
  if (!pack.ok()) return Report(pack.status());
  lap("compute and judge");
  if (audience == Audience::kPublic) {
    SuppressionRules rules;
    rules.threshold = o.threshold;
    auto hidden = SuppressPack(*pack, rules);
    if (!hidden.ok()) return Report(hidden.status());
    lap(fmt::format("suppress ({} of {} figures hidden)", hidden->suppressed, hidden->figures));
  }
  std::error_code ec;
  std::filesystem::create_directories(o.out, ec);
  if (ec) return Report(Status::IoError(fmt::format("{}: cannot make the folder: {}", o.out, ec.message())));
  for (const std::string& format : formats) {
    std::string path = (std::filesystem::path(o.out) / fmt::format("pack-{}-{}-{}.{}", *council, period->label, o.audience, format)).string();
    if (Status s = WriteFormat(*pack, format, path); !s.ok()) return Report(s);
    lap("write " + format);
    std::cout << path << "\n";
  }
  if (o.timing)
    for (const auto& [what, seconds] : times) std::cerr << fmt::format("{:<40} {:.3f} s\n", what, seconds);
  return ExitCode::kOk;
}

}  // namespace

void AddReportCommand(CLI::App& app, CommandOutcome& outcome) {
  auto o = std::make_shared<ReportOptions>();
  CLI::App* cmd = app.add_subcommand("report", "Write the committee pack for a period: HTML, PDF and Excel, public (small numbers suppressed) or confidential.");
  cmd->add_option("--period", o->period, "2025-10 (month), 2025-26-Q3, 2025-26, 2025-10-YTD ...")->required();
  cmd->add_option("--audience", o->audience, "public (small numbers suppressed) or confidential (every figure; Part 2)")
      ->check(CLI::IsMember({"public", "confidential"}));
  cmd->add_option("--format", o->formats, "Comma-separated: html, pdf, xlsx (default all three)");
  cmd->add_option("--out", o->out, "Folder to write the pack to (default: here)");
  cmd->add_option("--council", o->council, "The council (LA code) when the store holds several");
  cmd->add_option("--threshold", o->threshold, "Public packs: counts from 1 to this are suppressed (default 5)")->check(CLI::Range(1, 100));
  o->files.AddTo(cmd);
  cmd->add_option("--pack", o->pack, "What the pack shows besides the scorecard (default config/pack.toml)");
  cmd->add_option("--db", o->db, "Store file (default $SCRUTINY_DB or scrutiny.db)");
  cmd->add_flag("--timing", o->timing, "Report the time of each step on stderr");
  cmd->callback([o, &outcome] { outcome.code = RunReport(*o); });
}

}  // namespace scrutiny
