#pragma once
// An .xlsx workbook made in memory from a fuzzer's input: the pieces are the
// workbook, its relationships, the shared strings and sheet1, sheet2... parts,
// zipped without compression so the fuzzer mutates the XML, not the deflate
// stream.

#include <zip.h>

#include <string>
#include <vector>

#include "ingest/xlsx_workbook.h"

namespace scrutiny::fuzz {

// Caps small enough that an input inflating to the cap (a mutated zip bomb)
// costs a millisecond, not a hundred.
inline const XlsxLimits kFuzzLimits{uint64_t{1} << 16, uint64_t{1} << 18};

inline std::string PartName(size_t i) {
  if (i == 0) return "xl/workbook.xml";
  if (i == 1) return "xl/_rels/workbook.xml.rels";
  if (i == 2) return "xl/sharedStrings.xml";
  return "xl/worksheets/sheet" + std::to_string(i - 2) + ".xml";
}

// The zip of the parts, or empty if libzip refuses.
inline std::string WorkbookOfParts(const std::vector<std::string>& parts) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* out = zip_source_buffer_create(nullptr, 0, 0, &error);
  zip_t* z = out ? zip_open_from_source(out, ZIP_TRUNCATE, &error) : nullptr;
  zip_error_fini(&error);
  if (!z) {
    if (out) zip_source_free(out);
    return "";
  }
  zip_source_keep(out);
  for (size_t i = 0; i < parts.size(); ++i) {
    zip_source_t* part = zip_source_buffer(z, parts[i].data(), parts[i].size(), 0);
    zip_int64_t index = part ? zip_file_add(z, PartName(i).c_str(), part, ZIP_FL_OVERWRITE) : -1;
    if (index < 0) zip_source_free(part);
    else zip_set_file_compression(z, static_cast<zip_uint64_t>(index), ZIP_CM_STORE, 0);
  }
  std::string bytes;
  bool closed = zip_close(z) == 0;
  if (!closed) zip_discard(z);
  zip_stat_t stat;
  zip_stat_init(&stat);
  if (closed && zip_source_stat(out, &stat) == 0 && zip_source_open(out) == 0) {
    bytes.resize(stat.size);
    zip_int64_t n = zip_source_read(out, bytes.data(), stat.size);
    bytes.resize(n > 0 ? static_cast<size_t>(n) : 0);
    zip_source_close(out);
  }
  zip_source_free(out);
  return bytes;
}

}  // namespace scrutiny::fuzz
