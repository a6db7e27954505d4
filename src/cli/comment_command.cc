// scrutiny comment: management commentary on an indicator's value, kept in the store with its history.

#include <algorithm>
#include <cstdlib>
#include <iostream>

#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/suite_loading.h"
#include "indicators/period.h"
#include "ingest/csv_reader.h"
#include "store/store.h"

namespace scrutiny {
namespace {

struct CommentOptions {
  std::string db = DefaultStorePath();
  std::string suite;
  std::string indicator, period, council, text, actions, author;
  bool history = false;
};

constexpr size_t kLongest = 20000;  // characters in a comment or its actions

Status CheckText(std::string_view what, const std::string& text) {
  if (text.size() > kLongest) return Status::InvalidInput(fmt::format("--{} is longer than {} characters", what, kLongest));
  if (FindInvalidUtf8(text) != std::string_view::npos) return Status::InvalidInput(fmt::format("--{} is not UTF-8 text", what));
  return Status::Ok();
}

std::string AuthorOf(const CommentOptions& o) {
  if (!o.author.empty()) return o.author;
  for (const char* name : {"SCRUTINY_AUTHOR", "USER"})
    if (const char* v = std::getenv(name); v && *v) return v;
  return "";
}

void Print(const Comment& c, std::ostream& out) {
  out << fmt::format("#{} {} by {}\n  {}\n", c.comment_id, c.written_at, c.author, c.text);
  if (!c.actions.empty()) out << fmt::format("  Actions: {}\n", c.actions);
}

ExitCode RunComment(const CommentOptions& o) {
  auto suite = LoadSuite(o.suite.empty() ? DefaultSuitePath() : o.suite);
  if (!suite.ok()) return Report(suite.status());
  if (!suite->Find(o.indicator)) return Report(Status::InvalidInput(fmt::format("the suite has no indicator '{}'", o.indicator)));
  auto period = Period::Parse(o.period);
  if (!period.ok()) return Report(period.status());
  auto store = Store::Open(o.db);
  if (!store.ok()) return Report(store.status());
  auto councils = store->Councils();
  if (!councils.ok()) return Report(councils.status());
  std::string council = o.council;
  if (council.empty() && councils->size() == 1) council = councils->front();
  if (council.empty()) return Report(Status::InvalidInput("the store holds several councils (or none): choose one with --council"));
  if (std::find(councils->begin(), councils->end(), council) == councils->end())
    return Report(Status::InvalidInput(fmt::format("the store holds no council '{}'", council)));
  if (o.history) {
    auto all = store->CommentHistory(council, o.indicator, period->label);
    if (!all.ok()) return Report(all.status());
    if (all->empty()) std::cout << fmt::format("No commentary on {} for {}.\n", o.indicator, period->label);
    for (const Comment& c : *all) Print(c, std::cout);
    return ExitCode::kOk;
  }
  if (o.text.empty()) return Report(Status::InvalidInput("--text is required (or --history to read what was written)"));
  for (auto [what, text] : {std::pair{"text", &o.text}, std::pair{"actions", &o.actions}})
    if (Status s = CheckText(what, *text); !s.ok()) return Report(s);
  Comment c{0, council, o.indicator, period->label, o.text, o.actions, AuthorOf(o), ""};
  if (c.author.empty()) return Report(Status::InvalidInput("say who wrote it: --author NAME (or set SCRUTINY_AUTHOR)"));
  auto id = store->AddComment(c);
  if (!id.ok()) return Report(id.status());
  std::cout << fmt::format("Comment #{} on {} for {} ({}) saved; packs for the period will carry it.\n", *id,
                           o.indicator, period->label, council);
  return ExitCode::kOk;
}

}  // namespace

void AddCommentCommand(CLI::App& app, CommandOutcome& outcome) {
  auto o = std::make_shared<CommentOptions>();
  CLI::App* cmd = app.add_subcommand("comment", "Add management commentary on an indicator's value for a period, or read its history.");
  cmd->add_option("indicator", o->indicator, "Indicator number, e.g. 4.3")->required();
  cmd->add_option("--period", o->period, "The period commented on: 2025-10, 2025-26-Q3, 2025-26 ...")->required();
  cmd->add_option("--text", o->text, "The commentary: why the value is what it is");
  cmd->add_option("--actions", o->actions, "What is being done about it");
  cmd->add_option("--author", o->author, "Who wrote it (default $SCRUTINY_AUTHOR, else $USER)");
  cmd->add_option("--council", o->council, "The council (LA code) when the store holds several");
  cmd->add_flag("--history", o->history, "List every comment written on the indicator's period, oldest first");
  cmd->add_option("--suite", o->suite, "Suite file (default config/suites/scrutiny-dataset.toml)");
  cmd->add_option("--db", o->db, "Store file (default $SCRUTINY_DB or scrutiny.db)");
  cmd->callback([o, &outcome] { outcome.code = RunComment(*o); });
}

}  // namespace scrutiny
