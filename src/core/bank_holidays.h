#pragma once
// England and Wales bank holidays, computed from the rules of the Banking and
// Financial Dealings Act 1971 and royal proclamations: fixed days with
// substitute days, Easter, the May and August Mondays, and one-off days.

#include <vector>

#include "core/date.h"

namespace scrutiny {

// Easter Sunday of a Gregorian year (anonymous Gregorian algorithm).
Date EasterSunday(int year);

// Every England and Wales bank holiday of the year, in date order. One-off
// days are known from 1995 to 2040; later years get only the regular days.
std::vector<Date> EnglandWalesBankHolidays(int year);

}  // namespace scrutiny
