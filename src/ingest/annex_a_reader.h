#pragma once
// Reading Ofsted's Annex A workbook (ILACS child-level data, Lists 1 to 11)
// into Scrutiny's record model: contacts, early help, referrals, assessments,
// section 47 enquiries, children in need, child protection plans and adoptions,
// care leavers (given the date the workbook describes), with the children
// they are about. Every bad value is a problem naming the
// sheet, row, column, value and rule; a row with one is left out whole and
// counted. Lists the model has no place for are named, not read. See
// docs/annex-a.md.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/status.h"
#include "ingest/return_file_size.h"
#include "ingest/xlsx_workbook.h"
#include "model/table.h"
#include "model/validator.h"

namespace scrutiny {

// AnnexAOptions says what the workbook does not: whose it is and when.
struct AnnexAOptions {
  std::string la_code;       // the council (the workbook does not carry it)
  std::string council_name;  // for councils.csv; "Council <la_code>" if empty
  // The date the workbook describes (List 9's care leavers' as_at_date); List 9 is not read without it.
  std::optional<Date> as_at;
  uint64_t max_file_bytes = kMaxReturnFileBytes;  // a larger file is refused unread
};

// AnnexASheetCount says what became of the rows of one sheet.
struct AnnexASheetCount {
  std::string sheet;
  int list = 0;                  // 0: no list Scrutiny reads
  std::string_view record_type;  // empty: not read
  uint64_t rows = 0;
  uint64_t left_out = 0;
};

// AnnexAReturn is a workbook read into the model.
struct AnnexAReturn {
  Dataset dataset;
  RowSources sources;  // sheet and row of every record, for CheckDataset
  std::vector<AnnexASheetCount> sheets;
  uint64_t left_out() const;
};

// Reads a workbook already open; file names it in problems.
Result<AnnexAReturn> ReadAnnexA(const XlsxWorkbook& workbook, const std::string& file, const AnnexAOptions& options,
                                Problems& problems);

// Reads the .xlsx workbook whose bytes are given, within the limits; file names it in problems and errors.
Result<AnnexAReturn> ReadAnnexAXlsx(std::string_view bytes, const std::string& file, const AnnexAOptions& options,
                                    Problems& problems, const XlsxLimits& limits = {});

// Opens the .xlsx file, or the folder of one CSV file per list ("List 1.csv"...,
// headers as in the workbook), and reads it. Fails only when nothing can be
// read (no council code, a file that is not a workbook, a folder that cannot
// be read); bad values go to problems.
Result<AnnexAReturn> ReadAnnexAFile(const std::string& path, const AnnexAOptions& options, Problems& problems);

}  // namespace scrutiny
