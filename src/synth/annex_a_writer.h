#pragma once
// Writes one council of the record model as Ofsted's Annex A workbook (.xlsx,
// libxlsxwriter) as it would stand on a date: Lists 1 to 7 of the six months
// before it, List 9 (care leavers) and List 10 (adoption), with the older
// template's headers, bare codes and dates as Excel dates, text in a
// shared-string table as Excel saves it, as `scrutiny convert --from annex-a` reads.

#include <string>

#include "core/date.h"
#include "core/status.h"
#include "model/table.h"

namespace scrutiny {

// Writes the workbook of the council as at the date to path.
Status WriteAnnexA(const Dataset& council, Date as_at, const std::string& path);

}  // namespace scrutiny
