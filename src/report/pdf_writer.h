#pragma once
// The PDF committee pack: an A4 portrait, all-vector document drawn with cairo
// and pango from a Pack. Cover, contents with page numbers and links, headlines,
// the summary scorecard, performance below expectation (with commentary and
// actions) and particularly good performance, one section per service area with
// its charts and tables, data-quality notes, definitions and how small numbers
// were treated. Every footer reads "Page n of N"; every page of a confidential
// pack carries Pack::kConfidentialMark in its header. The writer lays out only:
// every figure and word comes from the Pack as it is.

#include <string>

#include "report/pack.h"

namespace scrutiny {

// Writes `pack` to `path`. On failure returns false, sets `*error` (when not
// null) to what went wrong, and leaves no partial file. Throws nothing.
bool WritePackPdf(const Pack& pack, const std::string& path, std::string* error);

}  // namespace scrutiny
