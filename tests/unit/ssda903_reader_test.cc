#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "ingest/ssda903_reader.h"
#include "model/validator.h"
#include "dataset_check.h"

namespace scrutiny {
namespace {

const std::string kHeader = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n";
const std::string kEpisodes =
    "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n";

struct Read {
  Result<Ssda903Return> result = Status::Internal("not read");
  std::string problems;  // one per line
  std::vector<std::string> children;  // each problem's child_id
  std::vector<std::string> fields;    // and model field
};

Read ReadTexts(const std::vector<Ssda903Text>& files, std::optional<int> year = 2023) {
  Read r;
  Problems problems(SIZE_MAX);
  r.result = ReadSsda903(files, {"900", "", year}, problems);
  for (const Problem& p : problems.kept()) {
    r.problems += p.ToString() + "\n";
    r.children.push_back(p.child_id);
    r.fields.push_back(p.model_field);
  }
  return r;
}

// A return of one child looked after since 2023, plus the given files.
Read ReadWith(std::vector<Ssda903Text> more, std::optional<int> year = 2023) {
  std::vector<Ssda903Text> files = {{"h.csv", kHeader + "A1,1,01/02/2015,WBRI,,,\n"},
                                    {"e.csv", kEpisodes + "A1,01/05/2023,S,C2,N1,U4,PR1,,,,BR1 2AB,,\n"}};
  files.insert(files.end(), more.begin(), more.end());
  return ReadTexts(files, year);
}

size_t Rows(const Read& r, std::string_view type) { return r.result->dataset.table(type).size(); }

TEST(Ssda903Reader, ReadsAChildAndEpisodeIntoTheModel) {
  Read r = ReadWith({});
  ASSERT_TRUE(r.result.ok());
  EXPECT_EQ(r.problems, "");
  const Table& children = r.result->dataset.table("children");
  ASSERT_EQ(children.size(), 1u);
  EXPECT_EQ(children.Format(0, 0), "900-A1");
  EXPECT_EQ(children.Format(children.type().IndexOf("sex"), 0), "M");
  EXPECT_EQ(children.Format(children.type().IndexOf("date_of_birth"), 0), "2015-02-01");
  const Table& episodes = r.result->dataset.table("looked_after_episodes");
  ASSERT_EQ(episodes.size(), 1u);
  EXPECT_EQ(episodes.Format(0, 0), "900-A1-E1");
  EXPECT_EQ(episodes.Format(episodes.type().IndexOf("home_postcode_district"), 0), "BR1");
  EXPECT_EQ(Rows(r, "councils"), 1u);
  ExpectModelAccepts(*r.result);
}

TEST(Ssda903Reader, FindsFilesByHeaderWithByteOrderMarkAndAnyCase) {
  Read r = ReadTexts({{"x.csv", "\xEF\xBB\xBF" "child,Sex,DOB,ethnic,upn,mother,mc_dob\nA1,2,01/02/2015,BAFR,,,\n"},
                      {"y.csv", kEpisodes + "A1,01/05/2023,S,C2,N1,U4,PR1,,,,,,\n"}});
  ASSERT_TRUE(r.result.ok());
  EXPECT_EQ(r.problems, "");
  EXPECT_EQ(Rows(r, "children"), 1u);
}

// A quoted field is unescaped into text the reader keeps only until its next
// row: the file must keep its own copy of every such cell it will read later.
TEST(Ssda903Reader, ReadsQuotedCellsLikeOthers) {
  Read r = ReadTexts({{"h.csv", kHeader + "\"A1\",1,\"01/02/2015\",WBRI,,,\n\"B2\",2,01/03/2016,\" WBRI \",,,\n"},
                      {"e.csv", kEpisodes + "\"A1\",01/05/2023,S,\"C2\",N1,U4,PR1,,,,\"BR1 2AB\",,\n"
                                            "B2,\"02/05/2023\",S,C2,N1,\"U4\",PR1,,,,,,\n"}});
  ASSERT_TRUE(r.result.ok());
  EXPECT_EQ(r.problems, "");
  const Table& children = r.result->dataset.table("children");
  ASSERT_EQ(children.size(), 2u);
  EXPECT_EQ(children.Format(0, 0), "900-A1");
  EXPECT_EQ(children.Format(0, 1), "900-B2");
  EXPECT_EQ(children.Format(children.type().IndexOf("ethnicity"), 1), "WBRI");
  const Table& episodes = r.result->dataset.table("looked_after_episodes");
  ASSERT_EQ(episodes.size(), 2u);
  EXPECT_EQ(episodes.Format(episodes.type().IndexOf("ls"), 0), "C2");
  EXPECT_EQ(episodes.Format(episodes.type().IndexOf("home_postcode_district"), 0), "BR1");
  EXPECT_EQ(episodes.Format(episodes.type().IndexOf("decom"), 1), "2023-05-02");
  EXPECT_EQ(episodes.Format(episodes.type().IndexOf("place"), 1), "U4");
}

TEST(Ssda903Reader, ReportsFilesItCannotRead) {
  Read r = ReadWith({{"odd.csv", "NAME,AGE\nx,1\n"}, {"half.csv", "CHILD,DECOM,RNE\n"}});
  ASSERT_TRUE(r.result.ok());
  EXPECT_EQ(r.problems,
            "odd.csv:1: column 'header', value '': the header is that of no SSDA903 table; file not read\n"
            "half.csv:1: column 'header', value 'LS, CIN, PLACE, PLACE_PROVIDER, DEC, REC, REASON_PLACE_CHANGE, "
            "HOME_POST, PL_POST, URN': the header is nearest that of episodes.csv but lacks these columns; file not read\n");
}

// previous_permanence, sw_episodes and DoLo: what the child had before care,
// its social workers and its deprivation of liberty orders.
TEST(Ssda903Reader, ReadsPreviousPermanenceSocialWorkersAndLibertyDeprivations) {
  Read r = ReadWith(
      {{"pp.csv", "CHILD,DOB,PREV_PERM,LA_PERM,DATE_PERM\nA1,01/02/2015,P2,202,ZZ/ZZ/2019\n"},
       {"sw.csv", "CHILD,DOB,SW_ID,SW_DECOM,SW_DEC,SW_REASON\nA1,01/02/2015,SW7,01/05/2023,01/09/2023,LEFTRL\n"
                  "A1,01/02/2015,SW8,01/09/2023,,\n"},
       {"dolo.csv", "CHILD,DOB,DOLO_START,DOLO_END\nA1,01/02/2015,01/01/2024,\n"}});
  ASSERT_TRUE(r.result.ok());
  EXPECT_EQ(r.problems, "");
  const Table& permanence = r.result->dataset.table("previous_permanence");
  ASSERT_EQ(permanence.size(), 1u);
  EXPECT_EQ(permanence.Format(permanence.type().IndexOf("previous_permanence"), 0), "P2");
  EXPECT_EQ(permanence.Format(permanence.type().IndexOf("as_at_date"), 0), "2024-03-31");
  EXPECT_EQ(permanence.Format(permanence.type().IndexOf("permanence_year"), 0), "2019");
  EXPECT_EQ(permanence.Format(permanence.type().IndexOf("permanence_date"), 0), "");
  const Table& workers = r.result->dataset.table("social_worker_episodes");
  ASSERT_EQ(workers.size(), 2u);
  EXPECT_EQ(workers.Format(workers.type().IndexOf("worker_id"), 0), "SW7");
  EXPECT_EQ(workers.Format(workers.type().IndexOf("change_reason"), 0), "LEFTRL");
  EXPECT_EQ(workers.Format(workers.type().IndexOf("end_date"), 1), "");
  EXPECT_EQ(Rows(r, "liberty_deprivations"), 1u);
  ExpectModelAccepts(*r.result);
}

TEST(Ssda903Reader, LeavesOutBadPermanenceSocialWorkerAndLibertyRows) {
  Read r = ReadWith(
      {{"pp.csv", "CHILD,DOB,PREV_PERM,LA_PERM,DATE_PERM\nA1,01/02/2015,P9,,\nA1,01/02/2015,P1,,31/02/2019\n"
                  "A1,01/02/2015,P1,,ZZ/13/2019\nA1,01/02/2015,P3,,ZZ/06/2030\nA1,01/02/2015,P1,,zz/06/2019\n"
                  "A1,01/02/2015,P1,,ZZ/04/2024\n"},
       {"sw.csv", "CHILD,DOB,SW_ID,SW_DECOM,SW_DEC,SW_REASON\nA1,01/02/2015,SW7,01/05/2023,01/04/2023,SWLAZY\n"
                  "A1,01/02/2015,,01/05/2023,,\n"},
       {"dolo.csv", "CHILD,DOB,DOLO_START,DOLO_END\nCHILD10,05/12/1993,01/01/2025,02/01/2025\n"}});
  ASSERT_TRUE(r.result.ok());
  EXPECT_EQ(r.problems,
            "pp.csv:2: column 'PREV_PERM', value 'P9': PREV_PERM in 2023-24 is one of: P1, P2, P3, P4, Z1\n"
            "pp.csv:3: column 'DATE_PERM', value '31/02/2019': DATE_PERM is DD/MM/YYYY, with ZZ for a day or month "
            "not known\n"
            "pp.csv:4: column 'DATE_PERM', value 'ZZ/13/2019': DATE_PERM is DD/MM/YYYY, with ZZ for a day or month "
            "not known\n"
            "pp.csv:5: column 'DATE_PERM', value 'ZZ/06/2030': DATE_PERM is after 1900 and not after the end of the "
            "collection year\n"
            "pp.csv:7: column 'DATE_PERM', value 'ZZ/04/2024': DATE_PERM is after 1900 and not after the end of the "
            "collection year\n"
            "sw.csv:2: column 'SW_REASON', value 'SWLAZY': SW_REASON in 2023-24 is one of: MANAGE, FCONTA, LEFTRL, "
            "ORGRST, TSPROC, ABSENC, CHCHAN, PCCHAN, SWDIED, OTHERS\n"
            "sw.csv:3: column 'SW_ID', value '': a value is required\n"
            "dolo.csv:2: column 'CHILD', value 'CHILD10': the child is not in the header file (or was left out of it)\n"
            "dolo.csv:2: column 'DOLO_START', value '01/01/2025': a date of the 2023-24 return is not after 31/03/2024\n"
            "dolo.csv:2: column 'DOLO_END', value '02/01/2025': a date of the 2023-24 return is not after 31/03/2024\n");
  EXPECT_EQ(Rows(r, "previous_permanence"), 1u);  // zz/06/2019: June 2019, day not known
  EXPECT_EQ(Rows(r, "social_worker_episodes"), 0u);
  EXPECT_EQ(Rows(r, "liberty_deprivations"), 0u);
  EXPECT_EQ(r.result->left_out(), 8u);
}

// A file of the return that is not CSV text would lose all its records: the
// whole return is refused, naming the file and line.
TEST(Ssda903Reader, RefusesTheReturnIfAFileIsNotCsvText) {
  Read latin1 = ReadWith({{"latin1.csv", kHeader + "B1,1,01/02/2015,WBRI,caf\xE9,,\n"}});
  ASSERT_FALSE(latin1.result.ok());
  EXPECT_EQ(latin1.result.status().message(),
            "latin1.csv:2: byte 64 (0xE9) is not UTF-8: save the file as UTF-8 CSV; nothing read");
  Read empty = ReadWith({{"empty.csv", ""}});
  ASSERT_FALSE(empty.result.ok());
  EXPECT_EQ(empty.result.status().message(),
            "empty.csv: the file is empty: a CSV file starts with a header line; nothing read");
  Read png = ReadWith({{"image.csv", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16)}});
  ASSERT_FALSE(png.result.ok());
  EXPECT_EQ(png.result.status().message(),
            "image.csv:3: byte 9 is a NUL byte: this is binary data, not a CSV text file; nothing read");
}

// Two files of one table are two returns' (mixed years): nothing is read.
TEST(Ssda903Reader, RefusesTwoFilesOfOneTable) {
  Read r = ReadWith({{"e2022.csv", kEpisodes + "A1,01/05/2022,S,C2,N1,U4,PR1,,,,BR1 2AB,,\n"}});
  ASSERT_FALSE(r.result.ok());
  EXPECT_EQ(r.result.status().message(),
            "e.csv and e2022.csv both hold the episodes.csv table; a return has one file of each (files of two "
            "years in one folder?); nothing read");
}

// A file over the size limit is refused before it is read.
TEST(Ssda903Reader, RefusesAFolderWithAFileOverTheSizeLimit) {
  auto dir = std::filesystem::temp_directory_path() / "scrutiny-ssda903-size";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "episodes.csv").close();
  std::filesystem::resize_file(dir / "episodes.csv", (uint64_t{1} << 20) + 1);
  auto files = ReadSsda903Folder(dir.string(), uint64_t{1} << 20);
  ASSERT_FALSE(files.ok());
  EXPECT_EQ(files.status().message(),
            (dir / "episodes.csv").string() + ": 2 MB is more than the 1 MB a return file may be (it is read whole "
            "into memory); nothing read. If it is one council's return, raise the limit with --max-file-mb");
  EXPECT_TRUE(ReadSsda903Folder(dir.string(), uint64_t{2} << 20).ok());
  std::filesystem::remove_all(dir);
}

TEST(Ssda903Reader, LeavesOutRowsWithBadDatesAndCodes) {
  Read r = ReadTexts({{"h.csv", kHeader + "A1,1,31/02/2015,WBRI,,,\nA2,M,01/02/2015,XXXX,,,\nA3,2,01/02/2015,WBRI,,,\n"},
                      {"e.csv", kEpisodes + "A3,01/05/2023,S,C2,N1,K3,PR1,,,,,,\nA3,2023-06-01,S,C2,N1,U4,PR1,,,,,,\n"
                                            "A3,01/07/2023,P,C2,N1,U4,PR1,\n"}});
  ASSERT_TRUE(r.result.ok());
  EXPECT_EQ(r.problems,
            "e.csv:4: the row has 8 fields but the header has 13; row left out\n"
            "h.csv:2: column 'DOB', value '31/02/2015': a date is DD/MM/YYYY, names a real day and is after 1900\n"
            "h.csv:3: column 'SEX', value 'M': SEX in 2023-24 is 1 (male) or 2 (female)\n"
            "h.csv:3: column 'ETHNIC', value 'XXXX': ETHNIC in 2023-24 is one of: WBRI, WIRI, WOTH, WIRT, WROM, MWBC, "
            "MWBA, MWAS, MOTH, AIND, APKN, ABAN, AOTH, BCRB, BAFR, BOTH, CHNE, OOTH, REFU, NOBT\n"
            "e.csv:2: column 'PLACE', value 'K3': PLACE in 2023-24 is one of: A3, A4, A5, A6, H5, K1, K2, P1, P2, P3, "
            "R1, R2, R3, R5, S1, T0, T1, T2, T3, T4, U1, U2, U3, U4, U5, U6, Z1\n"
            "e.csv:3: column 'DECOM', value '2023-06-01': a date is DD/MM/YYYY, names a real day and is after 1900\n"
            "h.csv:4: column 'CHILD', value 'A3': the child has no episode, care leaver or adoption record; left out\n");
  // Each names its row's child (docs/check.md); the row not read as a row, none.
  EXPECT_EQ(r.children,
            (std::vector<std::string>{"", "900-A1", "900-A2", "900-A2", "900-A3", "900-A3", "900-A3"}));
  EXPECT_EQ(r.fields, (std::vector<std::string>{"", "children.date_of_birth", "children.sex", "children.ethnicity",
                                                "looked_after_episodes.place", "looked_after_episodes.decom", ""}));
  EXPECT_EQ(r.result->left_out(), 6u);
  EXPECT_EQ(Rows(r, "children"), 0u);
}

TEST(Ssda903Reader, MapsCodesByCollectionYear) {
  std::vector<Ssda903Text> files = {{"h.csv", kHeader + "A1,U,01/02/2015,WBRI,,,\n"},
                                    {"e.csv", kEpisodes + "A1,01/05/2025,S,C2,N1,K3,PR1,,,,,,\nA1,01/06/2025,P,C2,N1,H5,PR1,,,,,,\n"}};
  Read r = ReadTexts(files, 2025);
  ASSERT_TRUE(r.result.ok());
  EXPECT_EQ(r.problems,
            "e.csv:3: column 'PLACE', value 'H5': PLACE in 2025-26 is one of: A3, A4, A5, A6, K1, K2, K3, P1, P3, R1, "
            "R2, R3, R5, S1, T0, T1, T2, T3, T4, U1, U2, U3, U4, U5, U6, Z1\n");
  const Table& children = r.result->dataset.table("children");
  EXPECT_EQ(children.Format(children.type().IndexOf("sex"), 0), "U");
  EXPECT_EQ(Rows(r, "looked_after_episodes"), 1u);
}

TEST(Ssda903Reader, InfersTheCollectionYearFromTheLatestDecom) {
  Read r = ReadWith({}, std::nullopt);
  ASSERT_TRUE(r.result.ok());
  EXPECT_EQ(r.result->collection_year, 2023);
  Read none = ReadTexts({{"h.csv", kHeader}}, std::nullopt);
  EXPECT_FALSE(none.result.ok());
}

TEST(Ssda903Reader, CleansEpisodesAndReportsEachFix) {
  Read r = ReadTexts({{"h.csv", kHeader + "A1,1,01/02/2015,WBRI,,,\n"},
                      {"e.csv", kEpisodes +
                                    "A1,01/09/2023,P,C2,N1,U4,PR1,,X1,,,,\n"        // 2: last, open with REC
                                    "A1,01/05/2023,S,C2,N1,U4,PR1,,X1,,,,\n"        // 3: open, not last
                                    "A1,01/06/2023,P,C2,N1,U4,PR1,15/07/2023,X1,,,,\n"  // 4: overlaps 5
                                    "A1,01/07/2023,P,C2,N1,U6,PR1,01/08/2023,X1,,,,\n"  // 5: gap after X1
                                    "A1,01/07/2023,P,C2,N1,U5,PR1,,,,,,\n"}});      // 6: duplicate of 5
  ASSERT_TRUE(r.result.ok());
  EXPECT_EQ(r.problems,
            "e.csv:6: column 'DECOM', value 'CHILD A1: 01/07/2023': duplicate episode: another episode of the child "
            "starts the same day; left out\n"
            "e.csv:3: column 'DEC', value 'CHILD A1: open -> 01/06/2023': open episode that is not the child's last: "
            "ended at the next episode's start (REC X1)\n"
            "e.csv:4: column 'DEC', value 'CHILD A1: 15/07/2023 -> 01/07/2023': episode overlaps the next: ended at "
            "the next episode's start (REC X1)\n"
            "e.csv:5: column 'DEC', value 'CHILD A1: 01/08/2023': gap after an episode that ceased X1 (a new episode "
            "begins): kept as a new period of care\n"
            "e.csv:2: column 'REC', value 'CHILD A1: X1': REC without DEC on the child's last episode: the episode is "
            "open at the year end; REC dropped\n");
  EXPECT_EQ(r.children, std::vector<std::string>(5, "900-A1"));
  EXPECT_EQ(r.fields, (std::vector<std::string>{"looked_after_episodes.decom", "looked_after_episodes.dec",
                                                "looked_after_episodes.dec", "looked_after_episodes.dec",
                                                "looked_after_episodes.rec"}));
  EXPECT_EQ(r.result->fixed, 4u);
  EXPECT_EQ(Rows(r, "looked_after_episodes"), 4u);
  ExpectModelAccepts(*r.result);
}

TEST(Ssda903Reader, RefusesRecordsOfChildrenNotInHeaderOrNotLookedAfter) {
  Read r = ReadTexts({{"h.csv", kHeader + "A1,1,01/02/2015,WBRI,,,\nA2,2,01/02/2005,WBRI,,,\n"},
                      {"e.csv", kEpisodes + "A1,01/05/2023,S,C2,N1,U4,PR1,,,,,,\nZ9,01/05/2023,S,C2,N1,U4,PR1,,,,,,\n"},
                      {"r.csv", "CHILD,DOB,REVIEW,REVIEW_CODE\nA1,01/02/2015,01/06/2023,PN1\nA2,01/02/2005,01/06/2023,PN1\n"
                                "A1,01/02/2015,01/06/2023,PN2\nA1,01/02/2015,01/06/2030,PN1\n"},
                      {"o.csv", "CHILD,DOB,IN_TOUCH,ACTIV,ACCOM\nA2,01/02/2005,YES,F4,01\n"}});
  ASSERT_TRUE(r.result.ok());
  EXPECT_EQ(r.problems,
            "e.csv:3: column 'CHILD', value 'Z9': the child is not in the header file (or was left out of it)\n"
            "r.csv:3: column 'CHILD', value 'A2': the child has no episode in the episodes file: not looked after\n"
            "r.csv:4: column 'REVIEW', value '01/06/2023 (first on line 2)': a second review of the child that day\n"
            "r.csv:5: column 'REVIEW', value '01/06/2030': a date of the 2023-24 return is not after 31/03/2024\n"
            "o.csv:2: column 'ACCOM', value '01': ACCOM in 2023-24 is one of: B1, B2, C1, C2, D1, D2, E1, E2, G1, G2, "
            "H1, H2, K1, K2, R1, R2, S1, S2, T1, T2, U1, U2, V1, V2, W1, W2, X1, X2, Y1, Y2, Z1, Z2, 0\n"
            "h.csv:3: column 'CHILD', value 'A2': the child has no episode, care leaver or adoption record; left out\n");
  EXPECT_EQ(Rows(r, "looked_after_reviews"), 1u);
}

TEST(Ssda903Reader, ReadsCareLeaversMissingAndAdoptions) {
  Read r = ReadTexts(
      {{"h.csv", kHeader + "A1,1,01/02/2015,WBRI,,,\nL1,2,10/10/2004,WBRI,,,\n"},
       {"e.csv", kEpisodes + "A1,01/05/2023,S,E1,N1,A5,PR1,,,,,,\n"},
       {"m.csv", "CHILD,DOB,MISSING,MIS_START,MIS_END\nA1,01/02/2015,M,02/06/2023,03/06/2023\n"},
       {"o.csv", "CHILD,DOB,IN_TOUCH,ACTIV,ACCOM\nL1,10/10/2004,YES,F4,B1\n"},
       {"a.csv", "CHILD,DOB,DATE_INT,DATE_MATCH,FOSTER_CARE,NB_ADOPTR,SEX_ADOPTR,LS_ADOPTR\nA1,01/02/2015,01/06/2023,01/09/2023,0,2,MF,L0\n"},
       {"p.csv", "CHILD,DOB,DATE_PLACED,DATE_PLACED_CEASED,REASON_PLACED_CEASED\nA1,01/02/2015,01/06/2023,,\n"},
       {"u.csv", "CHILD,SEX,DOB,DUC\nL1,2,10/10/2004,10/10/2022\n"}});
  ASSERT_TRUE(r.result.ok());
  EXPECT_EQ(r.problems, "");
  const Table& leavers = r.result->dataset.table("care_leavers");
  ASSERT_EQ(leavers.size(), 1u);
  EXPECT_EQ(leavers.Format(leavers.type().IndexOf("as_at_date"), 0), "2023-10-10");
  EXPECT_EQ(leavers.Format(leavers.type().IndexOf("eligibility"), 0), "FORMER_RELEVANT");
  const Table& adoptions = r.result->dataset.table("adoptions");
  ASSERT_EQ(adoptions.size(), 1u);
  EXPECT_EQ(adoptions.Format(adoptions.type().IndexOf("match_date"), 0), "2023-09-01");
  EXPECT_EQ(Rows(r, "missing_episodes"), 1u);
  const Table& children = r.result->dataset.table("children");
  EXPECT_EQ(children.Format(children.type().IndexOf("uasc"), 1), "Y");
  ExpectModelAccepts(*r.result);
}

// The public fake return (data-to-insight, MIT) for 2017-18, with its deliberate faults.
// OC2: a child looked after for 12 months on 31 March; its flags (1 or 0)
// become Y or N of looked_after_outcomes at that day, SDQ 0 to 40.
TEST(Ssda903Reader, ReadsOc2IntoOutcomesAtTheYearEnd) {
  const std::string oc2 = "CHILD,DOB,SDQ_SCORE,SDQ_REASON,CONVICTED,HEALTH_CHECK,IMMUNISATIONS,TEETH_CHECK,"
                          "HEALTH_ASSESSMENT,SUBSTANCE_MISUSE,INTERVENTION_RECEIVED,INTERVENTION_OFFERED\n";
  Read r = ReadWith({{"oc2.csv", oc2 + "A1,01/02/2015,12,SDQ1,0,1,1,0,1,,,\n"  // read
                                       "A1,01/02/2015,41,,,1,,,,,,\n"           // SDQ out of range
                                       "A1,01/02/2015,,,,2,,,,,,\n"             // not 1 or 0
                                       "B9,01/02/2015,,,,1,,,,,,\n"}},          // no such child
                    2024);
  ASSERT_TRUE(r.result.ok());
  const Table& t = r.result->dataset.table("looked_after_outcomes");
  ASSERT_EQ(t.size(), 1u);
  auto field = [&](const char* name) { return t.Format(t.type().IndexOf(name), 0); };
  EXPECT_EQ(field("child_id"), "900-A1");
  EXPECT_EQ(field("as_at_date"), "2025-03-31");
  EXPECT_EQ(field("health_check"), "Y");
  EXPECT_EQ(field("teeth_check"), "N");
  EXPECT_EQ(field("immunisations"), "Y");
  EXPECT_EQ(field("convicted"), "N");
  EXPECT_EQ(field("substance_misuse"), "");
  EXPECT_EQ(field("sdq_score"), "12");
  EXPECT_NE(r.problems.find("oc2.csv:3: column 'SDQ_SCORE', value '41': a whole number from 0 to 40"), std::string::npos)
      << r.problems;
  EXPECT_NE(r.problems.find("oc2.csv:4: column 'HEALTH_CHECK', value '2': 1 (yes) or 0 (no)"), std::string::npos)
      << r.problems;
  EXPECT_NE(r.problems.find("oc2.csv:5: column 'CHILD', value 'B9'"), std::string::npos) << r.problems;
  ExpectModelAccepts(*r.result);
}

TEST(Ssda903Reader, ReadsThePublicSampleReportingItsFaults) {
  auto files = ReadSsda903Folder(SCRUTINY_SOURCE_DIR "/tests/samples/ssda903");
  ASSERT_TRUE(files.ok()) << files.status().message();
  Problems problems(SIZE_MAX);
  auto r = ReadSsda903(*files, {"900", "", std::nullopt}, problems);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->collection_year, 2017);
  std::map<std::string, size_t> by_rule;
  for (const Problem& p : problems.kept()) ++by_rule[p.rule];
  // placed_for_adoption.csv: every REASON_PLACED_CEASED is XXX.
  EXPECT_EQ(by_rule["REASON_PLACED_CEASED in 2017-18 is one of: RD1, RD2, RD3, RD4"], 29u);
  // oc3.csv: ACCOM 01 and 02.
  EXPECT_EQ(by_rule["ACCOM in 2017-18 is one of: B1, B2, C1, C2, D1, D2, E1, E2, G1, G2, H1, H2, K1, K2, R1, R2, S1, "
                    "S2, T1, T2, U1, U2, V1, V2, W1, W2, X1, X2, Y1, Y2, Z1, Z2, 0"], 2u);
  // Counted from the files: 12 DEC of 01/04/2018; 5042 reviews after 31/03/2018 (the fake reviews run to 2030),
  // and the one row of sw_episodes and of DoLo, each with two dates of 2020 or 2025.
  EXPECT_EQ(by_rule["DEC is after the end of the collection year: the episode is taken as open at the year end"], 12u);
  EXPECT_EQ(by_rule["a date of the 2017-18 return is not after 31/03/2018"], 5042u + 2u + 2u);
  EXPECT_EQ(r->dataset.table("looked_after_episodes").size(), 5050u);
  // previous_permanence: 2675 rows, all Z1, of which 552 are of a child with no episode (counted with Python).
  EXPECT_EQ(r->dataset.table("previous_permanence").size(), 2675u - 552u);
  // sw_episodes and DoLo: their one row each is of CHILD10, in no header; SW_REASON SWLAZY is no code.
  EXPECT_EQ(by_rule["the child is not in the header file (or was left out of it)"], 2u);
  EXPECT_EQ(by_rule["SW_REASON in 2017-18 is one of: MANAGE, FCONTA, LEFTRL, ORGRST, TSPROC, ABSENC, CHCHAN, PCCHAN, "
                    "SWDIED, OTHERS"], 1u);
  EXPECT_EQ(r->dataset.table("social_worker_episodes").size(), 0u);
  EXPECT_EQ(r->dataset.table("liberty_deprivations").size(), 0u);
  ExpectModelAccepts(*r);
}

}  // namespace
}  // namespace scrutiny
