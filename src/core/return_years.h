#pragma once
// The collection years in which the statutory returns changed their codes,
// shared by the readers (src/ingest) and the synthetic council's writers
// (src/synth) so that both agree on which code a year uses. A year is the
// financial year's first year: 2024 for 2024-25 (the CIN census of March 2025).

namespace scrutiny {

inline constexpr int kSsda903SexLettersFrom = 2025;       // SSDA903 SEX M/F/U from 2025-26 (1/2 before)
inline constexpr int kSsda903PlaceH5P2LastYear = 2024;    // PLACE H5 and P2 retired after 2024-25
inline constexpr int kSsda903PlaceK3From = 2025;          // PLACE K3 (supported accommodation) from 2025-26
inline constexpr int kSsda903PlaceZ1xFrom = 2026;         // PLACE Z11-Z14 from 2026-27
inline constexpr int kSsda903SwEpisodesFrom = 2023;       // sw_episodes (social worker episodes) from 2023-24
inline constexpr int kSsda903DoLoFrom = 2026;             // DoLo (deprivation of liberty orders) from 2026-27
inline constexpr int kSsda903ActivityF3P3LastYear = 2021;  // the 2022 schema replaced ACTIV F3/P3 with F4/P4, F5/P5
inline constexpr int kCinCensusSexFrom = 2024;            // census Sex M/F/U replaces GenderCurrent from 2024-25

}  // namespace scrutiny
