#pragma once
// Headlines: plain-English sentences written from the figures, in the style
// of committee reports ("183 referrals in January 2026, about the same as
// December 2025 (180) and lower than January 2025 (201).").

#include <string>

#include "assess/scorecard.h"

namespace scrutiny {

// A period in words: "January 2026", "Q3 2025-26", "2025-26", "April 2025 to
// January 2026", "the 12 months to January 2026", "31 January 2026".
std::string PeriodWords(const Period& p);

// A title as it reads inside a sentence: "Referrals" -> "referrals"; "ICPCs ..." unchanged.
std::string InSentence(const std::string& title);

// A sentence on one indicator's value for `period`, its movement and its target.
std::string Headline(const ScorecardLine& line, const Period& period);

}  // namespace scrutiny
