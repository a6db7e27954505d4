#pragma once
// Reading a CIN census return (the DfE's children in need XML, census years
// 2017 to 2026) into Scrutiny's record model: each child, and each of its
// CINdetails as a CIN episode with its referral, assessments, section 47
// enquiries and ICPCs, CIN plans, CP plans and their reviews. Every bad value
// is a problem naming file, line, item, value and rule; a child or episode
// with one is left out whole and counted. See docs/returns.md.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "ingest/model_record.h"
#include "ingest/xml_return.h"
#include "model/table.h"
#include "model/validator.h"

namespace scrutiny {

// CinCensusReturn is a census read into the model, with what was left out.
struct CinCensusReturn {
  Dataset dataset;
  RowSources sources;   // file and line of every record, for CheckDataset
  int collection_year = 0;  // 2022 for the census of 31 March 2023; the latest of several
  std::vector<int> years;   // every census read, earliest first
  uint64_t children = 0, children_left_out = 0;
  uint64_t episodes = 0, episodes_left_out = 0;  // CINdetails
  uint64_t combined = 0;  // children and episodes found in two censuses and kept once
};

// Reads one census file. Fails only when nothing can be read: no council
// code, text that is not a CIN census message (the problems say where), or
// no year given or in the header.
Result<CinCensusReturn> ReadCinCensus(const std::string& name, std::string_view text, const ReturnOptions& options,
                                      Problems& problems);

// The model's fields the census's items become, named in its problems.
std::span<const ItemField> CinCensusFields();

}  // namespace scrutiny
