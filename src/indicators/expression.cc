#include "indicators/expression.h"

#include <algorithm>
#include <cctype>
#include <charconv>

#include <fmt/format.h>

namespace scrutiny {

enum class Op {
  kNumber, kWord, kLiteral, kField, kAsAt, kPeriodStart, kDays, kWorkingDays, kMonths, kYears, kAge,
  kShift, kLatest, kCount, kPrevious, kCompare, kIn, kIsSet, kHas, kAnd, kOr, kNot,
};
enum class Cmp { kEq, kNe, kLt, kLe, kGt, kGe };

// A path to a value: through reference joins to a field or derived date.
struct Accessor {
  std::vector<const std::vector<int32_t>*> joins;
  const RecordType* type = nullptr;  // the type the field belongs to
  const Table* table = nullptr;
  int col = -1;
  const std::vector<int32_t>* derived = nullptr;
  FieldType field_type = FieldType::kDate;
  bool is_derived = false;

  // The row of `type` reached from `row`, or -1.
  int64_t Reach(size_t row) const {
    int64_t r = static_cast<int64_t>(row);
    for (const auto* j : joins) {
      if (r < 0) return -1;
      r = (*j)[static_cast<size_t>(r)];
    }
    return r;
  }
  double Read(size_t row) const {
    int64_t r = Reach(row);
    if (r < 0) return NAN;
    size_t u = static_cast<size_t>(r);
    if (derived) return (*derived)[u] == kNull ? NAN : (*derived)[u];
    if (table->IsNull(col, u)) return NAN;
    return field_type == FieldType::kDecimal ? table->Decimal(col, u) : table->Int(col, u);
  }
};

struct ExprNode {
  Op op = Op::kNumber;
  size_t column = 0;  // position in the text, for errors
  std::string text;   // word, literal, field path or related record type
  double number = NAN;
  Cmp cmp = Cmp::kEq;
  bool negate = false;
  int amount = 0;     // shift and "within": how many units
  char unit = 0;      // 'd' days, 'w' working days, 'm' months, 'y' years
  std::vector<std::unique_ptr<ExprNode>> kids;
  // Bound state.
  Accessor acc;
  std::vector<double> ids;  // kIn literals
  const RecordType* related = nullptr;
  int related_date = -1;
  std::unique_ptr<ExprNode> filter;  // on the related records
  std::string filter_text;
  bool text_compare = false;  // both sides are fields of text: compare the strings
  bool quoted = false;         // a word written in quotes: always a code, never a field
  bool related_spans = false;  // the related type has an end date (episodes, plans)
  const RelatedDates* dates = nullptr;
  const WorkingCalendar* calendar = nullptr;
};

namespace {

bool IsConditionOp(Op op) {
  return op == Op::kCompare || op == Op::kIn || op == Op::kIsSet || op == Op::kHas || op == Op::kAnd ||
         op == Op::kOr || op == Op::kNot || op == Op::kPrevious;
}

// ---- Tokens ----

struct Token {
  enum Kind { kEnd, kWord, kString, kSymbol } kind = kEnd;
  std::string text;
  size_t column = 0;
};

Result<std::vector<Token>> Tokenise(std::string_view s) {
  std::vector<Token> out;
  size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    if (std::isspace(static_cast<unsigned char>(c))) { ++i; continue; }
    size_t start = i;
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.') {
      while (i < s.size() && (std::isalnum(static_cast<unsigned char>(s[i])) || s[i] == '_' || s[i] == '.')) ++i;
      out.push_back({Token::kWord, std::string(s.substr(start, i - start)), start + 1});
    } else if (c == '\'' || c == '"') {
      size_t end = s.find(c, i + 1);
      if (end == std::string_view::npos) return Status::InvalidInput(fmt::format("column {}: unclosed quote", start + 1));
      out.push_back({Token::kString, std::string(s.substr(i + 1, end - i - 1)), start + 1});
      i = end + 1;
    } else if ((c == '<' || c == '>' || c == '!') && i + 1 < s.size() && s[i + 1] == '=') {
      out.push_back({Token::kSymbol, std::string(s.substr(i, 2)), start + 1});
      i += 2;
    } else if (std::string_view("=<>()[],+-").find(c) != std::string_view::npos) {
      out.push_back({Token::kSymbol, std::string(1, c), start + 1});
      ++i;
    } else {
      return Status::InvalidInput(fmt::format("column {}: unexpected character '{}'", start + 1, c));
    }
  }
  out.push_back({Token::kEnd, "", s.size() + 1});
  return out;
}

bool ParseNumber(std::string_view s, double& out) {
  if (s.empty() || !std::isdigit(static_cast<unsigned char>(s[0]))) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size();
}

char UnitOf(std::string_view w) {
  if (w == "day" || w == "days") return 'd';
  if (w == "working_day" || w == "working_days") return 'w';
  if (w == "month" || w == "months") return 'm';
  if (w == "year" || w == "years") return 'y';
  return 0;
}

// ---- Parser ----

class Parser {
 public:
  explicit Parser(std::vector<Token> tokens) : t_(std::move(tokens)) {}

  Result<std::unique_ptr<ExprNode>> ParseAll() {
    auto e = Or();
    if (!e.ok()) return e;
    if (Peek().kind != Token::kEnd) return Error(Peek(), "unexpected");
    return e;
  }

 private:
  using NodeResult = Result<std::unique_ptr<ExprNode>>;

  const Token& Peek(size_t ahead = 0) const { return t_[std::min(pos_ + ahead, t_.size() - 1)]; }
  bool IsWord(std::string_view w, size_t ahead = 0) const { return Peek(ahead).kind == Token::kWord && Peek(ahead).text == w; }
  bool IsSymbol(std::string_view s) const { return Peek().kind == Token::kSymbol && Peek().text == s; }
  Token Take() { return t_[std::min(pos_++, t_.size() - 1)]; }
  static Status Error(const Token& at, std::string_view what) {
    return Status::InvalidInput(fmt::format("column {}: {} '{}'", at.column, what, at.kind == Token::kEnd ? "end of text" : at.text));
  }
  Status Expect(std::string_view symbol) {
    if (!IsSymbol(symbol)) return Error(Peek(), fmt::format("expected '{}' but found", symbol));
    ++pos_;
    return Status::Ok();
  }
  static std::unique_ptr<ExprNode> Node(Op op, size_t column) {
    auto n = std::make_unique<ExprNode>();
    n->op = op;
    n->column = column;
    return n;
  }
  NodeResult Binary(Op op, std::string_view word, NodeResult (Parser::*next)()) {
    auto left = (this->*next)();
    if (!left.ok()) return left;
    std::unique_ptr<ExprNode> node = std::move(*left);
    while (IsWord(word)) {
      size_t col = Take().column;
      auto right = (this->*next)();
      if (!right.ok()) return right;
      auto joined = Node(op, col);
      joined->kids.push_back(std::move(node));
      joined->kids.push_back(std::move(*right));
      node = std::move(joined);
    }
    return node;
  }
  NodeResult Or() { return Binary(Op::kOr, "or", &Parser::And); }
  NodeResult And() { return Binary(Op::kAnd, "and", &Parser::Unary); }

  NodeResult Unary() {
    if (IsWord("not")) {
      auto n = Node(Op::kNot, Take().column);
      auto inner = Unary();
      if (!inner.ok()) return inner;
      n->kids.push_back(std::move(*inner));
      return n;
    }
    if (IsSymbol("(")) {
      Take();
      auto inner = Or();
      if (!inner.ok()) return inner;
      if (Status s = Expect(")"); !s.ok()) return s;
      return inner;
    }
    return Predicate();
  }

  Status Within(ExprNode& n) {
    Token amount = Take();
    double v = 0;
    if (amount.kind != Token::kWord || !ParseNumber(amount.text, v)) return Error(amount, "expected a number but found");
    Token unit = Take();
    n.amount = static_cast<int>(v);
    n.unit = UnitOf(unit.text);
    if (n.unit == 0) return Error(unit, "expected days, working_days, months or years but found");
    return Status::Ok();
  }

  NodeResult Predicate() {
    if (IsWord("previous")) {
      auto n = Node(Op::kPrevious, Take().column);
      if (Status s = Related(*n); !s.ok()) return s;
      if (IsWord("within")) {
        Take();
        if (Status s = Within(*n); !s.ok()) return s;
      }
      return n;
    }
    auto left = Value();
    if (!left.ok()) return left;
    const Token& t = Peek();
    if (t.kind == Token::kSymbol && (t.text == "=" || t.text == "!=" || t.text == "<" || t.text == "<=" || t.text == ">" || t.text == ">=")) {
      Token op = Take();
      auto right = Value();
      if (!right.ok()) return right;
      auto n = Node(Op::kCompare, op.column);
      n->cmp = op.text == "=" ? Cmp::kEq : op.text == "!=" ? Cmp::kNe : op.text == "<" ? Cmp::kLt
             : op.text == "<=" ? Cmp::kLe : op.text == ">" ? Cmp::kGt : Cmp::kGe;
      n->kids.push_back(std::move(*left));
      n->kids.push_back(std::move(*right));
      return n;
    }
    if (IsWord("in") || (IsWord("not") && IsWord("in", 1))) {
      auto n = Node(Op::kIn, t.column);
      if (IsWord("not")) { n->negate = true; Take(); }
      Take();
      if (Status s = Expect("("); !s.ok()) return s;
      n->kids.push_back(std::move(*left));
      while (true) {
        Token lit = Take();
        if (lit.kind != Token::kWord && lit.kind != Token::kString) return Error(lit, "expected a code but found");
        auto l = Node(Op::kWord, lit.column);
        l->text = lit.text;
        n->kids.push_back(std::move(l));
        if (IsSymbol(")")) break;
        if (Status s = Expect(","); !s.ok()) return s;
      }
      Take();
      return n;
    }
    if (IsWord("is")) {
      auto n = Node(Op::kIsSet, Take().column);
      if (IsWord("not")) { n->negate = true; Take(); }
      Token w = Take();
      if (w.text == "missing") n->negate = !n->negate;
      else if (w.text != "set") return Error(w, "expected 'set' or 'missing' but found");
      n->kids.push_back(std::move(*left));
      return n;
    }
    if (IsWord("has")) {
      auto n = Node(Op::kHas, Take().column);
      Token lit = Take();
      if (lit.kind != Token::kWord && lit.kind != Token::kString) return Error(lit, "expected a code but found");
      n->text = lit.text;
      n->kids.push_back(std::move(*left));
      return n;
    }
    return left;
  }

  Status Related(ExprNode& n) {
    Token type = Take();
    if (type.kind != Token::kWord) return Error(type, "expected a record type but found");
    std::string name = type.text;
    if (size_t dot = name.find('.'); dot != std::string::npos) {
      n.text = name.substr(0, dot) + "|" + name.substr(dot + 1);
      return Status::Ok();
    }
    n.text = name;
    if (IsSymbol("[")) {
      size_t open = pos_;
      Take();
      auto f = Or();
      if (!f.ok()) return f.status();
      if (Status s = Expect("]"); !s.ok()) return s;
      n.filter = std::move(*f);
      for (size_t i = open + 1; i + 1 < pos_; ++i) n.filter_text += t_[i].text + " ";
    }
    if (Peek().kind == Token::kWord && Peek().text.starts_with(".")) {
      n.text += '|';
      n.text += Take().text.substr(1);
    }
    return Status::Ok();
  }

  NodeResult Value() {
    auto term = Term();
    if (!term.ok()) return term;
    if (IsSymbol("+") || IsSymbol("-")) {
      Token sign = Take();
      auto n = Node(Op::kShift, sign.column);
      if (Status s = Within(*n); !s.ok()) return s;
      if (sign.text == "-") n->amount = -n->amount;
      n->kids.push_back(std::move(*term));
      return n;
    }
    return term;
  }

  NodeResult Term() {
    Token t = Take();
    if (t.kind == Token::kString) {
      auto n = Node(Op::kWord, t.column);
      n->text = t.text;
      n->quoted = true;
      return n;
    }
    if (t.kind != Token::kWord) return Error(t, "expected a value but found");
    static const std::pair<std::string_view, Op> kFunctions[] = {
        {"days", Op::kDays}, {"working_days", Op::kWorkingDays}, {"months", Op::kMonths}, {"years", Op::kYears}};
    for (auto [name, op] : kFunctions) {
      if (t.text != name || !IsSymbol("(")) continue;
      auto n = Node(op, t.column);
      Take();
      for (int i = 0; i < 2; ++i) {
        auto arg = Value();
        if (!arg.ok()) return arg;
        n->kids.push_back(std::move(*arg));
        if (Status s = Expect(i == 0 ? "," : ")"); !s.ok()) return s;
      }
      return n;
    }
    if (t.text == "age") {
      auto n = Node(Op::kAge, t.column);
      if (IsSymbol("(")) {
        Take();
        auto arg = Value();
        if (!arg.ok()) return arg;
        n->kids.push_back(std::move(*arg));
        if (Status s = Expect(")"); !s.ok()) return s;
      }
      return n;
    }
    if (t.text == "as_at") return Node(Op::kAsAt, t.column);
    if (t.text == "period_start") return Node(Op::kPeriodStart, t.column);
    if (t.text == "latest" || t.text == "count") {
      auto n = Node(t.text == "latest" ? Op::kLatest : Op::kCount, t.column);
      if (Status s = Related(*n); !s.ok()) return s;
      if (n->op == Op::kCount && IsWord("from")) {
        Take();
        auto from = Value();
        if (!from.ok()) return from;
        n->kids.push_back(std::move(*from));
      }
      return n;
    }
    auto n = Node(Op::kWord, t.column);
    n->text = t.text;
    if (ParseNumber(t.text, n->number)) n->op = Op::kNumber;
    return n;
  }

  std::vector<Token> t_;
  size_t pos_ = 0;
};

bool TestImpl(const ExprNode& n, const EvalContext& c);
std::vector<char> TestRows(const ExprNode& n, size_t rows);

// ---- Binding ----

class Binder {
 public:
  Binder(const RecordType& type, CaseIndex* index, std::set<std::string>& fields, bool& dynamic)
      : type_(type), index_(index), fields_(fields), dynamic_(dynamic) {}

  Status Bind(ExprNode& n) {
    switch (n.op) {
      case Op::kNumber: case Op::kLiteral: return Status::Ok();
      case Op::kWord: return BindField(n);
      case Op::kAsAt: case Op::kPeriodStart: dynamic_ = true; return Status::Ok();
      case Op::kAge: return BindAge(n);
      case Op::kLatest: case Op::kCount: case Op::kPrevious: return BindRelated(n);
      case Op::kCompare: return BindCompare(n);
      case Op::kIn: return BindIn(n);
      case Op::kHas: {
        if (Status s = BindField(*n.kids[0]); !s.ok()) return s;
        if (n.kids[0]->acc.field_type != FieldType::kCodeSet) return Err(n, "'has' needs a field of several codes, such as disability");
        return CheckCode(*n.kids[0], n.text, n);
      }
      default: break;
    }
    for (auto& k : n.kids)
      if (Status s = Bind(*k); !s.ok()) return s;
    if (n.op == Op::kDays || n.op == Op::kWorkingDays || n.op == Op::kMonths || n.op == Op::kYears || n.op == Op::kShift) {
      for (auto& k : n.kids)
        if (!YieldsDate(*k)) return Err(*k, "expected a date");
      n.calendar = index_ ? &index_->calendar() : nullptr;
    }
    if (n.op == Op::kAnd || n.op == Op::kOr || n.op == Op::kNot)
      for (auto& k : n.kids)
        if (!IsConditionOp(k->op)) return Err(*k, "expected a condition");
    return Status::Ok();
  }

  static bool YieldsDate(const ExprNode& n) {
    switch (n.op) {
      case Op::kAsAt: case Op::kPeriodStart: case Op::kLatest: return true;
      case Op::kShift: return true;
      case Op::kField: return n.acc.field_type == FieldType::kDate;
      default: return false;
    }
  }

 private:
  Status Err(const ExprNode& n, std::string_view what) const {
    return Status::InvalidInput(fmt::format("column {}: {}", n.column, what));
  }

  // Resolves a field path (child.sex, worker.team_id, decom) on type_.
  Status BindField(ExprNode& n) { return ResolvePath(n, type_, n.text, true); }

  Status ResolvePath(ExprNode& n, const RecordType& on, std::string_view path, bool record) {
    Accessor acc;
    const RecordType* type = &on;
    std::string_view rest = path;
    while (true) {
      size_t dot = rest.find('.');
      std::string_view name = rest.substr(0, dot);
      if (dot == std::string_view::npos) {
        if (CaseIndex::IsDerived(*type, name)) {
          acc.is_derived = true;
          acc.field_type = FieldType::kDate;
          if (index_) acc.derived = index_->Derived(*type, name);
        } else {
          int col = type->IndexOf(name);
          if (col < 0) return Err(n, fmt::format("{} has no field '{}'", type->name, name));
          acc.col = col;
          acc.field_type = type->field(col).type;
        }
        acc.type = type;
        acc.table = index_ ? &index_->table(*type) : nullptr;
        break;
      }
      int col = ReferenceField(*type, name);
      if (col < 0) return Err(n, fmt::format("{} has no reference '{}' (a field such as {}_id naming another record)", type->name, name, name));
      if (index_) acc.joins.push_back(&index_->Join(*type, col));
      type = FindRecordType(type->field(col).references);
      rest = rest.substr(dot + 1);
    }
    if (record) fields_.insert(std::string(path));
    n.op = Op::kField;
    n.acc = std::move(acc);
    return Status::Ok();
  }

  static int ReferenceField(const RecordType& type, std::string_view alias) {
    for (size_t i = 0; i < type.fields.size(); ++i) {
      const Field& f = type.fields[i];
      if (f.references.empty()) continue;
      std::string_view name = f.name;
      if (name == "la_code" ? alias == "council" : (name.ends_with("_id") && name.substr(0, name.size() - 3) == alias))
        return static_cast<int>(i);
    }
    return -1;
  }

  Status BindAge(ExprNode& n) {
    if (n.kids.empty()) dynamic_ = true;
    for (auto& k : n.kids)
      if (Status s = Bind(*k); !s.ok()) return s;
    ExprNode birth;
    birth.column = n.column;
    std::string path = type_.name == "children" ? "date_of_birth" : "child.date_of_birth";
    if (Status s = ResolvePath(birth, type_, path, false); !s.ok()) return Err(n, fmt::format("age: {} records have no child", type_.name));
    n.acc = std::move(birth.acc);
    return Status::Ok();
  }

  Status CheckCode(const ExprNode& field, const std::string& code, const ExprNode& at) {
    const Accessor& a = field.acc;
    if (a.is_derived) return Err(at, "a derived date cannot be compared with a code");
    const Field& f = a.type->field(a.col);
    if ((f.type == FieldType::kCode || f.type == FieldType::kCodeSet) && f.codes && !f.codes->Contains(code))
      return Err(at, fmt::format("'{}' is not a code of {} (field {})", code, f.code_list, f.name));
    if (f.type == FieldType::kFlag && code != "Y" && code != "N") return Err(at, fmt::format("'{}': {} is Y or N", code, f.name));
    return Status::Ok();
  }

  // Turns a word beside a field of codes, identifiers or flags into the value it stands for.
  Status MakeLiteral(ExprNode& lit, const ExprNode& field) {
    const std::string& code = lit.text;
    if (Status s = CheckCode(field, code, lit); !s.ok()) return s;
    lit.op = Op::kLiteral;
    if (field.acc.field_type == FieldType::kFlag) lit.number = code == "Y" ? 1 : 0;
    else lit.number = field.acc.table ? field.acc.table->pool().Find(code) : -1;
    return Status::Ok();
  }

  static bool IsTextual(const ExprNode& n) {
    if (n.op != Op::kField || n.acc.is_derived) return false;
    FieldType t = n.acc.field_type;
    return t == FieldType::kCode || t == FieldType::kId || t == FieldType::kText || t == FieldType::kFlag || t == FieldType::kCodeSet;
  }

  Status BindCompare(ExprNode& n) {
    ExprNode& a = *n.kids[0];
    ExprNode& b = *n.kids[1];
    auto bind_side = [&](ExprNode& x) {
      if (x.op == Op::kNumber || (x.op == Op::kWord && x.quoted)) return Status::Ok();
      return x.op == Op::kWord ? BindField(x) : Bind(x);
    };
    auto wordish = [](const ExprNode& x) { return x.op == Op::kWord || x.op == Op::kNumber; };
    Status sa = bind_side(a), sb = bind_side(b);
    if (IsTextual(a) && wordish(b)) return Equality(n, b, a);
    if (IsTextual(b) && wordish(a)) return Equality(n, a, b);
    if (!sa.ok()) return sa;
    if (!sb.ok()) return sb;
    for (const ExprNode* x : {&a, &b})
      if (x->op == Op::kWord) return Err(*x, fmt::format("'{}' is a code, so the other side must be a field of codes", x->text));
    bool flags = a.acc.field_type == FieldType::kFlag || b.acc.field_type == FieldType::kFlag;
    if (IsTextual(a) && IsTextual(b) && !flags) {
      if (n.cmp != Cmp::kEq && n.cmp != Cmp::kNe) return Err(n, "codes can only be compared with = or !=");
      n.text_compare = true;
      return Status::Ok();
    }
    if (IsTextual(a) || IsTextual(b)) return Err(n, "a field of codes can only be compared with a code or another field of codes");
    if (YieldsDate(a) != YieldsDate(b) && a.op != Op::kNumber && b.op != Op::kNumber)
      return Err(n, "cannot compare a date with a number");
    return Status::Ok();
  }

  Status Equality(ExprNode& n, ExprNode& lit, const ExprNode& field) {
    if (n.cmp != Cmp::kEq && n.cmp != Cmp::kNe) return Err(n, "codes can only be compared with = or !=");
    if (field.acc.field_type == FieldType::kCodeSet) return Err(n, "use 'has' to test a field of several codes");
    return MakeLiteral(lit, field);
  }

  Status BindIn(ExprNode& n) {
    if (Status s = BindField(*n.kids[0]); !s.ok()) return s;
    if (!IsTextual(*n.kids[0])) return Err(n, "'in' needs a field of codes");
    for (size_t i = 1; i < n.kids.size(); ++i) {
      if (Status s = MakeLiteral(*n.kids[i], *n.kids[0]); !s.ok()) return s;
      n.ids.push_back(n.kids[i]->number);
    }
    return Status::Ok();
  }

  Status BindRelated(ExprNode& n) {
    std::string name = n.text, field;
    if (size_t bar = name.find('|'); bar != std::string::npos) {
      field = name.substr(bar + 1);
      name = name.substr(0, bar);
    }
    n.related = FindRecordType(name);
    if (!n.related) return Err(n, fmt::format("no record type '{}'", name));
    bool direct = false;
    for (const Field& f : n.related->fields) direct |= f.references == type_.name;
    if (!direct && (n.related->IndexOf("child_id") < 0 || (type_.IndexOf("child_id") < 0 && type_.name != "children")))
      return Err(n, fmt::format("{} records are not linked to {} records (by a reference or by child)", name, type_.name));
    if (field.empty()) field = std::string(n.related->field(SpanOf(*n.related).start).name);
    n.related_date = n.related->IndexOf(field);
    if (n.related_date < 0 || n.related->field(n.related_date).type != FieldType::kDate)
      return Err(n, fmt::format("{} has no date field '{}'", name, field));
    if (n.filter) {
      bool filter_dynamic = false;
      std::set<std::string> unused;
      Binder inner(*n.related, index_, unused, filter_dynamic);
      if (Status s = inner.Bind(*n.filter); !s.ok()) return s;
      if (!IsConditionOp(n.filter->op)) return Err(*n.filter, "expected a condition in [ ]");
      if (filter_dynamic) return Err(*n.filter, "a condition in [ ] cannot depend on the period");
    }
    if (n.op != Op::kPrevious) dynamic_ = true;
    n.related_spans = SpanOf(*n.related).end >= 0;
    n.calendar = index_ ? &index_->calendar() : nullptr;
    for (auto& k : n.kids)
      if (Status s = Bind(*k); !s.ok()) return s;
    if (index_) {
      const Table& t = index_->table(*n.related);
      auto keep = [&] { return n.filter ? TestRows(*n.filter, t.size()) : std::vector<char>(t.size(), 1); };
      n.dates = &index_->Related(type_, *n.related, n.related_date, fmt::format("{}.{}[{}]", name, field, n.filter_text), keep);
    }
    return Status::Ok();
  }

  const RecordType& type_;
  CaseIndex* index_;
  std::set<std::string>& fields_;
  bool& dynamic_;
};

// ---- Evaluation ----

// Calendar parts of a date, remembering the last two asked for: evaluation
// asks for the same as-at date and the same record's date again and again.
Date::Parts PartsOf(Date d) {
  thread_local Date recent[2] = {Date::FromDays(INT32_MIN), Date::FromDays(INT32_MIN)};
  thread_local Date::Parts parts[2];
  thread_local int next = 0;
  for (int i = 0; i < 2; ++i)
    if (recent[i] == d) return parts[i];
  next ^= 1;
  recent[next] = d;
  return parts[next] = d.parts();
}

double Months(Date a, Date b) {
  Date::Parts pa = PartsOf(a), pb = PartsOf(b);
  int m = (pb.year - pa.year) * 12 + (pb.month - pa.month);
  if (pb.day < pa.day && pb.day != DaysInMonth(pb.year, pb.month)) --m;
  return m;
}

// A date some months on, remembering the last asked for: evaluation shifts
// the same as-at date ("as_at - 12 months") for record after record.
Date ShiftMonths(Date d, int months) {
  thread_local Date last_from = Date::FromDays(INT32_MIN), last_to;
  thread_local int last_months = 0;
  if (d != last_from || months != last_months) {
    last_from = d;
    last_months = months;
    last_to = d.AddMonths(months);
  }
  return last_to;
}

Date Shift(Date d, int amount, char unit, const WorkingCalendar* cal) {
  switch (unit) {
    case 'd': return d.AddDays(amount);
    case 'm': return ShiftMonths(d, amount);
    case 'y': return ShiftMonths(d, 12 * amount);
    default: break;
  }
  if (amount >= 0) return cal->AddWorkingDays(d, amount);
  for (int left = -amount; left > 0;) {
    d = d.AddDays(-1);
    if (cal->IsWorkingDay(d)) --left;
  }
  return d;
}

// days(), working_days(), months() or years() from a to b.
double Between(const ExprNode& n, Date a, Date b) {
  switch (n.op) {
    case Op::kDays: return b.days() - a.days();
    case Op::kWorkingDays: return n.calendar->WorkingDaysBetween(a, b);
    case Op::kMonths: return Months(a, b);
    default: return b.YearsSince(a);
  }
}

double EvalNode(const ExprNode& n, const EvalContext& c);

bool TextCompare(const ExprNode& n, const EvalContext& c) {
  std::string_view text[2];
  for (size_t i = 0; i < 2; ++i) {
    const Accessor& a = n.kids[i]->acc;
    int64_t r = a.Reach(c.row);
    if (r < 0 || a.table->IsNull(a.col, static_cast<size_t>(r))) return false;
    text[i] = a.table->Text(a.col, static_cast<size_t>(r));
  }
  return (text[0] == text[1]) == (n.cmp == Cmp::kEq);
}

bool Holds(double a, Cmp cmp, double b) {
  switch (cmp) {
    case Cmp::kEq: return a == b;
    case Cmp::kNe: return a != b;
    case Cmp::kLt: return a < b;
    case Cmp::kLe: return a <= b;
    case Cmp::kGt: return a > b;
    case Cmp::kGe: return a >= b;
  }
  return false;
}

bool TestImpl(const ExprNode& n, const EvalContext& c) {
  switch (n.op) {
    case Op::kAnd: return TestImpl(*n.kids[0], c) && TestImpl(*n.kids[1], c);
    case Op::kOr: return TestImpl(*n.kids[0], c) || TestImpl(*n.kids[1], c);
    case Op::kNot: return !TestImpl(*n.kids[0], c);
    case Op::kCompare: {
      if (n.text_compare) return TextCompare(n, c);
      double a = EvalNode(*n.kids[0], c), b = EvalNode(*n.kids[1], c);
      return !std::isnan(a) && !std::isnan(b) && Holds(a, n.cmp, b);
    }
    case Op::kIn: {
      double v = EvalNode(*n.kids[0], c);
      if (std::isnan(v)) return false;
      bool found = std::find(n.ids.begin(), n.ids.end(), v) != n.ids.end();
      return found != n.negate;
    }
    case Op::kIsSet: return std::isnan(EvalNode(*n.kids[0], c)) == n.negate;
    case Op::kHas: {
      const Accessor& a = n.kids[0]->acc;
      int64_t r = a.Reach(c.row);
      if (r < 0 || a.table->IsNull(a.col, static_cast<size_t>(r))) return false;
      std::string_view codes = a.table->Text(a.col, static_cast<size_t>(r));
      while (!codes.empty()) {
        size_t semi = codes.find(';');
        if (codes.substr(0, semi) == n.text) return true;
        if (semi == std::string_view::npos) break;
        codes.remove_prefix(semi + 1);
      }
      return false;
    }
    case Op::kPrevious: {
      int32_t key = n.dates->key_of_row[c.row];
      if (key < 0) return false;
      const auto& s = n.dates->starts;
      auto first = s.begin() + n.dates->offsets[static_cast<size_t>(key)];
      auto last = s.begin() + n.dates->offsets[static_cast<size_t>(key) + 1];
      int32_t own = c.own_date.days();
      int32_t from = n.unit ? Shift(c.own_date, -n.amount, n.unit, n.calendar).days() : INT32_MIN;
      auto it = std::lower_bound(first, last, from);
      return it != last && *it < own;
    }
    default: {
      double v = EvalNode(n, c);
      return !std::isnan(v) && v != 0;
    }
  }
}

double EvalNode(const ExprNode& n, const EvalContext& c) {
  auto date = [&](size_t i) { return EvalNode(*n.kids[i], c); };
  switch (n.op) {
    case Op::kNumber: case Op::kLiteral: return n.number;
    case Op::kField: return n.acc.Read(c.row);
    case Op::kAsAt: return c.as_at.days();
    case Op::kPeriodStart: return c.window_first.days();
    case Op::kDays: case Op::kWorkingDays: case Op::kMonths: case Op::kYears: {
      double a = date(0), b = date(1);
      if (std::isnan(a) || std::isnan(b)) return NAN;
      return Between(n, Date::FromDays(static_cast<int32_t>(a)), Date::FromDays(static_cast<int32_t>(b)));
    }
    case Op::kAge: {
      double on = n.kids.empty() ? c.reference.days() : date(0);
      return std::isnan(on) ? NAN : AgeInYears(n.acc.Read(c.row), Date::FromDays(static_cast<int32_t>(on)));
    }
    case Op::kShift: {
      double d = date(0);
      return std::isnan(d) ? NAN : Shift(Date::FromDays(static_cast<int32_t>(d)), n.amount, n.unit, n.calendar).days();
    }
    case Op::kLatest: case Op::kCount: {
      int32_t key = n.dates->key_of_row[c.row];
      if (key < 0) return n.op == Op::kCount ? 0 : NAN;
      size_t first = static_cast<size_t>(n.dates->offsets[static_cast<size_t>(key)]);
      size_t last = static_cast<size_t>(n.dates->offsets[static_cast<size_t>(key) + 1]);
      const auto& s = n.dates->starts;
      size_t upto = static_cast<size_t>(std::upper_bound(s.begin() + static_cast<long>(first), s.begin() + static_cast<long>(last), c.as_at.days()) - s.begin());
      if (n.op == Op::kLatest) return upto > first ? s[upto - 1] : NAN;
      if (n.kids.empty()) return static_cast<double>(upto - first);
      double from = date(0);
      if (std::isnan(from)) return NAN;
      int count = 0;
      for (size_t i = first; i < upto; ++i) {
        int32_t end = n.dates->ends[i];
        if (n.related_spans ? (end == kNull || end > from) : s[i] > from) ++count;
      }
      return count;
    }
    default: return TestImpl(n, c) ? 1 : 0;
  }
}

// ---- Filters, a column at a time ----

// A field of the record itself, read straight from its column.
bool PlainColumn(const ExprNode& n) {
  return n.op == Op::kField && n.acc.joins.empty() && !n.acc.is_derived && n.acc.field_type != FieldType::kDecimal;
}

bool IsConstant(const ExprNode& n) { return n.op == Op::kNumber || n.op == Op::kLiteral; }

// A comparison of a field with a constant (plan = CIN) over every row; false
// if it is of another form.
bool CompareRows(const ExprNode& n, std::vector<char>& out) {
  const ExprNode& a = *n.kids[0];
  const ExprNode& b = *n.kids[1];
  bool field_first = PlainColumn(a) && IsConstant(b);
  if (n.text_compare || (!field_first && !(IsConstant(a) && PlainColumn(b)))) return false;
  const Accessor& field = (field_first ? a : b).acc;
  double constant = (field_first ? b : a).number;
  for (size_t r = 0; r < out.size() && !std::isnan(constant); ++r) {
    int32_t v = field.table->Int(field.col, r);
    out[r] = v != kNull && (field_first ? Holds(v, n.cmp, constant) : Holds(constant, n.cmp, v));
  }
  return true;
}

// A field among codes (ls not in (V3, V4)) over every row; false if the field is not plain.
bool InRows(const ExprNode& n, std::vector<char>& out) {
  if (!PlainColumn(*n.kids[0])) return false;
  const Accessor& field = n.kids[0]->acc;
  for (size_t r = 0; r < out.size(); ++r) {
    int32_t v = field.table->Int(field.col, r);
    out[r] = v != kNull && (std::find(n.ids.begin(), n.ids.end(), v) != n.ids.end()) != n.negate;
  }
  return true;
}

// Whether each of the first `rows` records passes a condition that does not
// depend on the period (a filter on related records): a column at a time for
// comparisons of fields with codes, else record by record.
std::vector<char> TestRows(const ExprNode& n, size_t rows) {
  std::vector<char> out(rows);
  if (n.op == Op::kAnd || n.op == Op::kOr) {
    std::vector<char> a = TestRows(*n.kids[0], rows), b = TestRows(*n.kids[1], rows);
    for (size_t r = 0; r < rows; ++r) out[r] = n.op == Op::kAnd ? a[r] && b[r] : a[r] || b[r];
    return out;
  }
  if (n.op == Op::kNot) {
    std::vector<char> a = TestRows(*n.kids[0], rows);
    for (size_t r = 0; r < rows; ++r) out[r] = !a[r];
    return out;
  }
  if (n.op == Op::kCompare && CompareRows(n, out)) return out;
  if (n.op == Op::kIn && InRows(n, out)) return out;
  EvalContext c;
  for (size_t r = 0; r < rows; ++r) {
    c.row = r;
    out[r] = TestImpl(n, c);
  }
  return out;
}

bool Static(const ExprNode& n) {
  switch (n.op) {
    case Op::kAsAt: case Op::kPeriodStart: case Op::kLatest: case Op::kCount: return false;
    case Op::kAge: return !n.kids.empty() && Static(*n.kids[0]);
    default: break;
  }
  for (const auto& k : n.kids)
    if (!Static(*k)) return false;
  return true;
}

// A number that only grows, or only shrinks, as the as-at date moves on.
bool Monotone(const ExprNode& n) {
  if (n.op == Op::kAge) return n.kids.empty() || Static(*n.kids[0]) || n.kids[0]->op == Op::kAsAt;
  if (n.op != Op::kDays && n.op != Op::kWorkingDays && n.op != Op::kMonths && n.op != Op::kYears) return false;
  const ExprNode& a = *n.kids[0];
  const ExprNode& b = *n.kids[1];
  return (Static(a) && b.op == Op::kAsAt) || (a.op == Op::kAsAt && Static(b));
}

bool OneRun(const ExprNode& n) {
  if (Static(n)) return true;
  switch (n.op) {
    case Op::kCompare: {
      const ExprNode& a = *n.kids[0];
      const ExprNode& b = *n.kids[1];
      if (n.cmp == Cmp::kEq || n.cmp == Cmp::kNe) return false;
      return (Monotone(a) && Static(b)) || (Static(a) && Monotone(b));
    }
    case Op::kNot: return OneRun(*n.kids[0]);
    case Op::kAnd: case Op::kOr:
      return (Static(*n.kids[0]) && OneRun(*n.kids[1])) || (OneRun(*n.kids[0]) && Static(*n.kids[1]));
    default: return false;
  }
}

// The "latest" node of a condition on how recent the latest related record
// is: days or working days from it to the as-at date at most a number, or it
// after a shift of the as-at date. nullptr for a condition of another form.
const ExprNode* LatestOfRecency(const ExprNode& n) {
  if (n.op != Op::kCompare || n.text_compare) return nullptr;
  const ExprNode& a = *n.kids[0];
  const ExprNode& b = *n.kids[1];
  if ((a.op == Op::kDays || a.op == Op::kWorkingDays) && a.kids[0]->op == Op::kLatest &&
      a.kids[1]->op == Op::kAsAt && b.op == Op::kNumber && (n.cmp == Cmp::kLe || n.cmp == Cmp::kLt))
    return a.kids[0].get();
  if (a.op == Op::kLatest && b.op == Op::kShift && b.kids[0]->op == Op::kAsAt && (n.cmp == Cmp::kGt || n.cmp == Cmp::kGe))
    return &a;
  // "latest X = as_at": a record dated the as-at date itself (a statement at a year end).
  if (a.op == Op::kLatest && b.op == Op::kAsAt && (n.cmp == Cmp::kEq || n.cmp == Cmp::kGe)) return &a;
  return nullptr;
}

// Whether a condition on recency holds at an as-at date when the latest
// related record is dated `latest`.
bool HoldsWithLatest(const ExprNode& n, Date latest, Date as_at) {
  const ExprNode& a = *n.kids[0];
  const ExprNode& b = *n.kids[1];
  if (a.op == Op::kLatest && b.op == Op::kAsAt) return Holds(latest.days(), n.cmp, as_at.days());
  if (a.op == Op::kLatest) return Holds(latest.days(), n.cmp, Shift(as_at, b.amount, b.unit, b.calendar).days());
  return Holds(Between(a, latest, as_at), n.cmp, b.number);
}

// About the last as-at date at which a related record dated `latest` makes a
// condition on recency hold: where to start looking for it (working days
// taken as five in seven days, rather than counted one by one).
Date GuessLastAsAt(const ExprNode& n, Date latest) {
  const ExprNode& a = *n.kids[0];
  const ExprNode& b = *n.kids[1];
  bool after = a.op == Op::kLatest;
  if (after && b.op == Op::kAsAt) return latest;
  int amount = after ? -b.amount : static_cast<int>(std::clamp(b.number, 0.0, 3660.0));
  char unit = after ? b.unit : a.op == Op::kDays ? 'd' : 'w';
  return unit == 'w' ? latest.AddDays(amount * 7 / 5) : Shift(latest, amount, unit, nullptr);
}

}  // namespace

double AgeInYears(double birth, Date on) {
  if (std::isnan(birth)) return NAN;
  Date b = Date::FromDays(static_cast<int32_t>(birth));
  return on < b ? NAN : on.YearsSince(b);
}

std::vector<std::string> Expression::Alternatives(std::string_view text) {
  auto tokens = Tokenise(text);
  if (!tokens.ok()) return {std::string(text)};
  std::vector<std::string> parts;
  int depth = 0;
  size_t start = 0;
  for (const Token& t : *tokens) {
    if (t.kind == Token::kSymbol && (t.text == "(" || t.text == "[")) ++depth;
    if (t.kind == Token::kSymbol && (t.text == ")" || t.text == "]")) --depth;
    if (depth == 0 && t.kind == Token::kWord && t.text == "or") {
      parts.emplace_back(text.substr(start, t.column - 1 - start));
      start = t.column - 1 + t.text.size();
    }
  }
  parts.emplace_back(text.substr(start));
  return parts;
}

Result<Expression> Expression::Bind(std::string_view text, const RecordType& type, CaseIndex* index) {
  auto tokens = Tokenise(text);
  if (!tokens.ok()) return tokens.status();
  Parser parser(std::move(*tokens));
  auto root = parser.ParseAll();
  if (!root.ok()) return root.status();
  Expression e;
  e.text_ = std::string(text);
  Binder binder(type, index, e.fields_, e.dynamic_);
  if (Status s = binder.Bind(**root); !s.ok()) return s;
  if ((*root)->op == Op::kWord) return Status::InvalidInput("column 1: expected a condition or value");
  e.root_ = std::move(*root);
  e.one_run_ = IsConditionOp(e.root_->op) && OneRun(*e.root_);
  if (index) e.latest_ = LatestOfRecency(*e.root_);
  return e;
}

Expression::Expression(Expression&&) noexcept = default;
Expression& Expression::operator=(Expression&&) noexcept = default;
Expression::~Expression() = default;

bool Expression::Test(const EvalContext& c) const { return TestImpl(*root_, c); }
double Expression::Value(const EvalContext& c) const { return EvalNode(*root_, c); }

std::span<const int32_t> Expression::RelatedDatesOf(size_t row) const {
  const RelatedDates& d = *latest_->dates;
  int32_t key = d.key_of_row[row];
  if (key < 0) return {};
  auto first = static_cast<size_t>(d.offsets[static_cast<size_t>(key)]);
  auto last = static_cast<size_t>(d.offsets[static_cast<size_t>(key) + 1]);
  return std::span<const int32_t>(d.starts).subspan(first, last - first);
}

Date Expression::LastAsAtFor(Date d) const {
  constexpr int32_t kSpanDays = 1 << 16;  // about 180 years of days
  if (last_as_at_.empty()) {
    last_as_at_first_day_ = d.days() - kSpanDays / 2;
    last_as_at_.assign(kSpanDays, kNull);
  }
  int64_t i = static_cast<int64_t>(d.days()) - last_as_at_first_day_;
  if (i < 0 || i >= kSpanDays) return FindLastAsAtFor(d);
  int32_t& known = last_as_at_[static_cast<size_t>(i)];
  if (known == kNull) known = FindLastAsAtFor(d).days();
  return Date::FromDays(known);
}

Date Expression::FindLastAsAtFor(Date d) const {
  // It holds from d on to the last date, so search from the guess.
  auto holds = [&](Date as_at) { return HoldsWithLatest(*root_, d, as_at); };
  Date last = std::max(d, GuessLastAsAt(*root_, d));
  if (holds(last)) {
    while (holds(last.AddDays(1))) last = last.AddDays(1);
  } else {
    do last = last.AddDays(-1);
    while (last >= d && !holds(last));
  }
  return last;
}

bool Expression::is_condition() const { return IsConditionOp(root_->op); }
const Table* Expression::field_table() const { return root_->op == Op::kField ? root_->acc.table : nullptr; }
const Field* Expression::field() const {
  const Accessor& a = root_->acc;
  return root_->op == Op::kField && !a.is_derived ? &a.type->field(a.col) : nullptr;
}
bool Expression::yields_date() const { return Binder::YieldsDate(*root_); }

}  // namespace scrutiny
