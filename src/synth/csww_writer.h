#pragma once
// Writes one council of the record model as its children's social work
// workforce return (CSWW, XML) of 30 September of a year: the qualified social
// workers in post that day or who left in the year before it, their caseloads
// that day, and the council's vacancies, as `scrutiny convert --from csww` reads.

#include <string>

#include "core/status.h"
#include "model/table.h"

namespace scrutiny {

// Writes the census of 30 September year to path.
Status WriteCsww(const Dataset& council, int year, const std::string& path);

}  // namespace scrutiny
