#pragma once
// What every fuzz target does with a reader's result: check the records read
// across records, as a load would, and format every problem.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "fuzz/pieces.h"
#include "ingest/model_record.h"
#include "model/validator.h"

namespace scrutiny::fuzz {

template <typename Return>
void Finish(const Result<Return>& read, Problems& problems) {
  if (read.ok()) CheckDataset(read->dataset, read->sources, problems);
  for (const Problem& p : problems.kept()) (void)p.ToString();
}

// Reads the bytes as the one file of an XML return (CIN census, CSWW) of council 900.
template <typename Reader>
void ReadXmlReturn(const uint8_t* data, size_t size, Reader read) {
  Problems problems(10);
  std::string_view text(reinterpret_cast<const char*>(data), size);
  Finish(read("fuzz.xml", text, ReturnOptions{"900", "", std::nullopt}, problems), problems);
}

// Cuts the bytes at 0xFF into up to `max_years` files of an XML return, each read
// with `read` and all combined with `combine` as several years of council 900.
template <typename Return, typename Reader, typename Combine>
void ReadXmlYears(const uint8_t* data, size_t size, size_t max_years, Reader read, Combine combine) {
  Problems problems(10);
  std::vector<Return> years;
  for (std::string& text : Pieces(data, size, max_years)) {
    auto year = read("fuzz" + std::to_string(years.size()) + ".xml", text, ReturnOptions{"900", "", std::nullopt},
                     problems);
    if (!year.ok()) return;
    years.push_back(std::move(*year));
  }
  Finish(combine(std::move(years), problems), problems);
}

}  // namespace scrutiny::fuzz
