#include "core/code_lists.h"

#include <algorithm>
#include <cstring>
#include <unordered_map>

#include "core/short_load.h"

namespace scrutiny {
namespace {

std::vector<CodeList> Build() {
  return {
      {"sex", "SSDA903 2025 and CIN census 2025 (Sex)",
       {{"M", "Male"}, {"F", "Female"}, {"U", "Unknown or not recorded"}}},
      {"yes_no", "Scrutiny", {{"Y", "Yes"}, {"N", "No"}}},
      {"ethnicity", "DfE ethnicity codes (CIN census, SSDA903)",
       {{"WBRI", "White British"}, {"WIRI", "White Irish"}, {"WOTH", "Any other White background"},
        {"WIRT", "Traveller of Irish heritage"}, {"WROM", "Gypsy/Roma"},
        {"MWBC", "White and Black Caribbean"}, {"MWBA", "White and Black African"},
        {"MWAS", "White and Asian"}, {"MOTH", "Any other mixed background"}, {"AIND", "Indian"},
        {"APKN", "Pakistani"}, {"ABAN", "Bangladeshi"}, {"AOTH", "Any other Asian background"},
        {"BCRB", "Black Caribbean"}, {"BAFR", "Black African"}, {"BOTH", "Any other Black background"},
        {"CHNE", "Chinese"}, {"OOTH", "Any other ethnic group"}, {"REFU", "Refused"},
        {"NOBT", "Information not yet obtained"}}},
      {"disability", "CIN census disability codes",
       {{"NONE", "No disability"}, {"MOB", "Mobility"}, {"HAND", "Hand function"},
        {"PC", "Personal care"}, {"INC", "Incontinence"}, {"COMM", "Communication"},
        {"LD", "Learning"}, {"HEAR", "Hearing"}, {"VIS", "Vision"}, {"BEH", "Behaviour"},
        {"CON", "Consciousness"}, {"AUT", "Autism or Asperger syndrome"},
        {"DDA", "Other disability (Equality Act definition)"}}},
      {"region", "ONS region codes (England)",
       {{"E12000001", "North East"}, {"E12000002", "North West"},
        {"E12000003", "Yorkshire and The Humber"}, {"E12000004", "East Midlands"},
        {"E12000005", "West Midlands"}, {"E12000006", "East of England"}, {"E12000007", "London"},
        {"E12000008", "South East"}, {"E12000009", "South West"}}},
      {"referral_source", "CIN census referral source (also used for contacts)",
       {{"1A", "Individual: family member"}, {"1B", "Individual: acquaintance"},
        {"1C", "Individual: self"}, {"1D", "Individual: other"}, {"2A", "Schools"},
        {"2B", "Education services"}, {"3A", "Health services: GP"},
        {"3B", "Health services: health visitor"}, {"3C", "Health services: school nurse"},
        {"3D", "Health services: other primary health services"},
        {"3E", "Health services: A&E"}, {"3F", "Health services: other"}, {"4", "Housing"},
        {"5A", "LA services: social care"}, {"5B", "LA services: other internal"},
        {"5C", "LA services: external"}, {"5D", "LA services: early help"}, {"6", "Police"},
        {"7", "Other legal agency"}, {"8", "Other"}, {"9", "Anonymous"}, {"10", "Unknown"}}},
      {"contact_outcome", "Scrutiny (next step decided on a contact)",
       {{"NFA", "No further action"}, {"INFO", "Information, advice or signposting"},
        {"EH", "Passed to early help"}, {"REF", "Referral to children's social care"},
        {"OPEN", "Passed to the allocated worker of an open case"}}},
      {"primary_need", "CIN census primary need code",
       {{"N0", "Not stated"}, {"N1", "Abuse or neglect"}, {"N2", "Child's disability"},
        {"N3", "Parental disability or illness"}, {"N4", "Family in acute stress"},
        {"N5", "Family dysfunction"}, {"N6", "Socially unacceptable behaviour"},
        {"N7", "Low income"}, {"N8", "Absent parenting"}, {"N9", "Cases other than children in need"}}},
      {"cin_closure_reason", "CIN census reason for closure",
       {{"RC1", "Adopted"}, {"RC2", "Died"}, {"RC3", "Child arrangements order"},
        {"RC4", "Special guardianship order"}, {"RC5", "Transferred to another local authority"},
        {"RC6", "Transferred to adult social care"},
        {"RC7", "Services ceased for any other reason, including child no longer in need"},
        {"RC8", "Case closed after assessment, no further action"},
        {"RC9", "Case closed after assessment, referred to early help"}}},
      {"assessment_factor", "CIN census factors identified at assessment (labels: see the CIN census guide)",
       {{"1A", ""}, {"1B", ""}, {"1C", ""}, {"2A", ""}, {"2B", ""}, {"2C", ""}, {"3A", ""},
        {"3B", ""}, {"3C", ""}, {"4A", ""}, {"4B", ""}, {"4C", ""}, {"5A", ""}, {"5B", ""},
        {"5C", ""}, {"6A", ""}, {"6B", ""}, {"6C", ""}, {"7A", ""}, {"8B", ""}, {"8C", ""},
        {"8D", ""}, {"8E", ""}, {"8F", ""}, {"9A", ""}, {"10A", ""}, {"11A", ""}, {"12A", ""},
        {"13A", ""}, {"14A", ""}, {"15A", ""}, {"16A", ""}, {"17A", ""}, {"18B", ""},
        {"18C", ""}, {"19A", ""}, {"19B", ""}, {"19C", ""}, {"20", ""}, {"21", ""}, {"22A", ""},
        {"23A", ""}, {"24A", ""}}},
      {"abuse_category", "CIN census category of abuse",
       {{"NEG", "Neglect"}, {"PHY", "Physical abuse"}, {"SAB", "Sexual abuse"},
        {"EMO", "Emotional abuse"}, {"MUL", "Multiple"}}},
      {"early_help_organisation", "Scrutiny (organisation leading early help; Annex A list 2)",
       {{"LA", "Local authority early help service"}, {"SCHOOL", "School or education setting"},
        {"HEALTH", "Health service"}, {"VOLUNTARY", "Voluntary or community organisation"},
        {"OTHER", "Other organisation"}}},
      {"legal_status", "SSDA903 LS",
       {{"C1", "Interim care order"}, {"C2", "Full care order"}, {"D1", "Freeing order granted"},
        {"E1", "Placement order granted"}, {"V2", "Single period of accommodation under section 20"},
        {"V3", "Accommodated under an agreed series of short-term breaks (single placements)"},
        {"V4", "Accommodated under an agreed series of short-term breaks (multiple placements)"},
        {"L1", "Under police protection and in local authority accommodation"},
        {"L2", "Emergency protection order"}, {"L3", "Child assessment order"},
        {"J1", "Remanded to local authority accommodation or youth detention accommodation"},
        {"J2", "Placed in local authority accommodation under PACE"},
        {"J3", "Sentenced to a youth rehabilitation order with residence or intensive fostering"}}},
      {"reason_new_episode", "SSDA903 RNE",
       {{"S", "Started to be looked after"}, {"L", "Change of legal status only"},
        {"P", "Change of placement and carer only"}, {"T", "Change of both legal status and placement"},
        {"B", "Change of placement with the same carer and legal status (see 903 guide)"},
        {"U", "Change of placement with the same carer and change of legal status (see 903 guide)"}}},
      {"category_of_need", "SSDA903 CIN (category of need)",
       {{"N1", "Abuse or neglect"}, {"N2", "Child's disability"}, {"N3", "Parental illness or disability"},
        {"N4", "Family in acute stress"}, {"N5", "Family dysfunction"},
        {"N6", "Socially unacceptable behaviour"}, {"N7", "Low income"}, {"N8", "Absent parenting"}}},
      {"placement_type", "SSDA903 PLACE (H5 and P2 to 2024; K3 from 2025; Z11-Z14 from 2026)",
       {{"A3", "Placed for adoption with parental consent with current foster carer"},
        {"A4", "Placed for adoption with parental consent not with current foster carer"},
        {"A5", "Placed for adoption with placement order with current foster carer"},
        {"A6", "Placed for adoption with placement order not with current foster carer"},
        {"H5", "Semi-independent living accommodation not subject to children's homes regulations"},
        {"K1", "Secure children's home"}, {"K2", "Children's home"},
        {"K3", "Supported accommodation (16 and over)"},
        {"P1", "Placed with own parent(s) or other person(s) with parental responsibility"},
        {"P2", "Independent living"}, {"P3", "Residential employment"},
        {"R1", "Residential care home"}, {"R2", "NHS or health trust establishment"},
        {"R3", "Family centre or mother and baby unit"}, {"R5", "Young offender institution"},
        {"S1", "Residential school"},
        {"T0", "Temporary placement (all types)"}, {"T1", "Temporary, periods in hospital"},
        {"T2", "Temporary, holiday away from usual placement"},
        {"T3", "Temporary, with a relative or friend"}, {"T4", "Temporary, other"},
        {"U1", "Foster placement with relative or friend, long-term"},
        {"U2", "Foster placement with relative or friend who is also an approved adopter (FFA)"},
        {"U3", "Foster placement with relative or friend, not long-term or FFA"},
        {"U4", "Foster placement with other foster carer, long-term"},
        {"U5", "Foster placement with other foster carer who is also an approved adopter (FFA)"},
        {"U6", "Foster placement with other foster carer, not long-term or FFA"},
        {"Z1", "Other placement"}, {"Z11", "Other placement (2026 code, see 903 guide)"},
        {"Z12", "Other placement (2026 code, see 903 guide)"},
        {"Z13", "Other placement (2026 code, see 903 guide)"},
        {"Z14", "Other placement (2026 code, see 903 guide)"}}},
      {"placement_provider", "SSDA903 PLACE_PROVIDER",
       {{"PR0", "Parent(s) or other person(s) with parental responsibility"},
        {"PR1", "Own provision (by the local authority)"}, {"PR2", "Other local authority provision"},
        {"PR3", "Other public provision"}, {"PR4", "Private provision"},
        {"PR5", "Voluntary or third sector provision"}}},
      {"reason_place_change", "SSDA903 REASON_PLACE_CHANGE",
       {{"CARPL", "Change to the care plan"}, {"CLOSE", "Placement closed"},
        {"ALLEG", "Allegation (s47)"}, {"STAND", "Standards of care concern"},
        {"APPRR", "Approval removed"}, {"CREQB", "Carer request: behaviour"},
        {"CREQO", "Carer request: other"}, {"CHILD", "Child's request"},
        {"LAREQ", "Responsible authority request"}, {"PLACE", "Change of placement status"},
        {"CUSTOD", "Custody arrangement"}, {"OTHER", "Other"}}},
      {"reason_episode_ceased", "SSDA903 REC",
       {{"X1", "Episode ceases and a new episode begins"}, {"E11", "Adopted: application unopposed"},
        {"E12", "Adopted: application opposed"}, {"E2", "Died"},
        {"E3", "Care taken over by another local authority"},
        {"E4A", "Returned home to live with parents or relatives (planned)"},
        {"E4B", "Returned home to live with parents or relatives (not planned)"},
        {"E13", "Left care to live with parents or relatives (not returned home)"},
        {"E41", "Residence order or child arrangements order"},
        {"E45", "Special guardianship order made to former foster carers"},
        {"E46", "Special guardianship order made to other carers"},
        {"E47", "Special guardianship order made to relatives or friends (former foster carers)"},
        {"E48", "Special guardianship order made to relatives or friends (other)"},
        {"E5", "Moved into independent living with supportive accommodation"},
        {"E6", "Moved into independent living without formalised support"},
        {"E7", "Transferred to residential care funded by adult social care"},
        {"E9", "Sentenced to custody"}, {"E14", "Accommodation on remand ended"},
        {"E15", "Age assessment determined child is 18 or over"},
        {"E16", "Child moved abroad"}, {"E17", "Aged 18 or over and remained with current carers"},
        {"E8", "Ceased for any other reason"}}},
      {"review_participation", "SSDA903 REVIEW_CODE",
       {{"PN0", "Child aged under 4 at the time of the review"},
        {"PN1", "Child physically attended and spoke for themselves"},
        {"PN2", "Child physically attended; an advocate spoke for them"},
        {"PN3", "Child physically attended; views conveyed non-verbally"},
        {"PN4", "Child physically attended but did not convey views"},
        {"PN5", "Child did not attend; views conveyed by an advocate"},
        {"PN6", "Child did not attend; views conveyed by another method"},
        {"PN7", "Child did not attend or convey views"}}},
      {"missing_type", "SSDA903 MISSING",
       {{"M", "Missing"}, {"A", "Away from placement without authorisation"}}},
      {"visit_plan", "Scrutiny (the plan a statutory visit is made under)",
       {{"CIN", "Child in need plan"}, {"CP", "Child protection plan"},
        {"LAC", "Looked after child"}}},
      {"health_check_type", "Scrutiny (SSDA903 OC2 and Annex A list 8)",
       {{"IHA", "Initial health assessment"}, {"RHA", "Review health assessment"},
        {"DENTAL", "Dental check"}}},
      {"care_leaver_eligibility", "Annex A list 9",
       {{"ELIGIBLE", "Eligible child (still looked after)"}, {"RELEVANT", "Relevant child"},
        {"FORMER_RELEVANT", "Former relevant child"}, {"QUALIFYING", "Qualifying care leaver"}}},
      {"in_touch", "SSDA903 OC3 IN_TOUCH",
       {{"YES", "In touch"}, {"NO", "Not in touch"}, {"DIED", "Died"},
        {"REFU", "Young person refuses contact"}, {"NREQ", "Local authority no longer required to be in touch"},
        {"RHOM", "Returned home for more than 6 months"}}},
      {"care_leaver_activity", "SSDA903 OC3 ACTIV (F = full-time, P = part-time, G = not in education, employment or training)",
       {{"F1", "Full-time in higher education"}, {"P1", "Part-time in higher education"},
        {"F2", "Full-time in education other than higher education"},
        {"P2", "Part-time in education other than higher education"},
        {"F3", "Full-time in training or employment (to 2021)"},
        {"P3", "Part-time in training or employment (to 2021)"},
        {"F4", "Full-time in training or employment (see 903 guide)"},
        {"P4", "Part-time in training or employment (see 903 guide)"},
        {"F5", "Full-time in training or employment (see 903 guide)"},
        {"P5", "Part-time in training or employment (see 903 guide)"},
        {"G4", "Not in education, employment or training: illness or disability"},
        {"G5", "Not in education, employment or training: other reasons"},
        {"G6", "Not in education, employment or training: pregnancy or parenting"},
        {"0", "Information not known"}}},
      {"care_leaver_accommodation", "SSDA903 OC3 ACCOM (letter = type; 1 = suitable, 2 = unsuitable)",
       {{"B1", "With parents or relatives: suitable"}, {"B2", "With parents or relatives: unsuitable"},
        {"C1", "Community home: suitable"}, {"C2", "Community home: unsuitable"},
        {"D1", "Semi-independent, transitional accommodation: suitable"},
        {"D2", "Semi-independent, transitional accommodation: unsuitable"},
        {"E1", "Supported lodgings: suitable"}, {"E2", "Supported lodgings: unsuitable"},
        {"G1", "Gone abroad: suitable"}, {"G2", "Gone abroad: unsuitable"},
        {"H1", "Deported: suitable"}, {"H2", "Deported: unsuitable"},
        {"K1", "Ordinary lodgings: suitable"}, {"K2", "Ordinary lodgings: unsuitable"},
        {"R1", "Residence not known: suitable"}, {"R2", "Residence not known: unsuitable"},
        {"S1", "No fixed abode or homeless: suitable"}, {"S2", "No fixed abode or homeless: unsuitable"},
        {"T1", "Foyers: suitable"}, {"T2", "Foyers: unsuitable"},
        {"U1", "Independent living: suitable"}, {"U2", "Independent living: unsuitable"},
        {"V1", "Emergency accommodation: suitable"}, {"V2", "Emergency accommodation: unsuitable"},
        {"W1", "Bed and breakfast: suitable"}, {"W2", "Bed and breakfast: unsuitable"},
        {"X1", "In custody: suitable"}, {"X2", "In custody: unsuitable"},
        {"Y1", "Other accommodation: suitable"}, {"Y2", "Other accommodation: unsuitable"},
        {"Z1", "With former foster carers: suitable"}, {"Z2", "With former foster carers: unsuitable"},
        {"0", "Information not known"}}},
      {"adopter_leaving_reason", "Annex A list 11 (reason for leaving the adoption process)",
       {{"1", "Withdrew"}, {"2", "On hold"}, {"3", "Refused or not approved by the agency"}}},
      {"adoption_reversal_reason", "SSDA903 REASON_PLACED_CEASED",
       {{"RD1", "The child's needs changed after the decision"},
        {"RD2", "The court did not make a placement order"},
        {"RD3", "Prospective adopters could not be found"}, {"RD4", "Any other reason"}}},
      {"previous_permanence", "SSDA903 PREV_PERM",
       {{"P1", "Adoption"}, {"P2", "Special guardianship order"},
        {"P3", "Residence order or child arrangements order naming with whom the child lives"},
        {"P4", "Other previous permanence order (label unverified)"},
        {"Z1", "No previous permanence order, or not known"}}},
      {"social_worker_change_reason", "SSDA903 SW_REASON (labels read from the codes, not from the DfE's guide: unverified)",
       {{"MANAGE", "Management decision"}, {"FCONTA", "Family's contact or request"},
        {"LEFTRL", "Worker left the role"}, {"ORGRST", "Organisational restructure"},
        {"TSPROC", "Transfer between services or teams"}, {"ABSENC", "Worker absent"},
        {"CHCHAN", "Change in the child's circumstances"}, {"PCCHAN", "Change of placement or carer"},
        {"SWDIED", "Worker died"}, {"OTHERS", "Any other reason"}}},
      {"foster_household_type", "Scrutiny (Ofsted fostering data collection)",
       {{"IN_HOUSE", "Local authority (in-house) mainstream foster carers"},
        {"CONNECTED", "Local authority family and friends (connected person) carers"},
        {"AGENCY", "Independent fostering agency carers"}}},
      {"service_area", "Scrutiny (what a team does)",
       {{"FRONT_DOOR", "Front door, MASH or duty"}, {"ASSESSMENT", "Assessment"},
        {"CIN", "Children in need"}, {"CP", "Child protection"}, {"CLA", "Children looked after"},
        {"CARE_LEAVERS", "Leaving care"}, {"DISABILITY", "Children with disabilities"},
        {"EARLY_HELP", "Early help"}, {"ADOPTION", "Adoption"}, {"FOSTERING", "Fostering"}}},
      {"worker_role", "CSWW OrgRole 1-6, plus Scrutiny codes for non-social-work roles",
       {{"1", "Senior manager"}, {"2", "Middle manager"}, {"3", "First line manager"},
        {"4", "Senior practitioner"}, {"5", "Case holder"}, {"6", "Qualified without cases"},
        {"PA", "Personal adviser"}, {"FSW", "Family support worker"}, {"EHW", "Early help worker"}}},
      {"leave_reason", "CSWW ReasonLeave (labels: see the CSWW guide)",
       {{"1", ""}, {"2", ""}, {"3", ""}, {"4", ""}, {"5", ""}, {"6", ""}, {"7", ""}, {"8", ""},
        {"9", ""}, {"10", ""}}},
  };
}

}  // namespace

namespace {

uint64_t FirstEightBytes(std::string_view s) { return LoadShort(s.data(), std::min<size_t>(s.size(), 8)); }

size_t WordSlot(uint64_t word, size_t mask) { return static_cast<size_t>((word * 0x9E3779B97F4A7C15ULL) >> 40) & mask; }

// Fills in a list's words and its table of codes by word, at most a quarter full.
void IndexWords(CodeList& list) {
  size_t size = 4;
  while (size < 4 * list.codes.size()) size *= 2;
  list.by_word.assign(size, 0);
  for (size_t i = 0; i < list.codes.size(); ++i) {
    list.words.push_back(FirstEightBytes(list.codes[i].code));
    size_t slot = WordSlot(list.words.back(), size - 1);
    while (list.by_word[slot] != 0) slot = (slot + 1) & (size - 1);
    list.by_word[slot] = static_cast<uint16_t>(i + 1);
  }
}

}  // namespace

int CodeList::IndexOf(std::string_view code) const {
  if (by_word.empty()) {  // a list made outside the catalogue
    auto it = std::find_if(codes.begin(), codes.end(), [&](const Code& c) { return c.code == code; });
    return it == codes.end() ? -1 : static_cast<int>(it - codes.begin());
  }
  uint64_t word = FirstEightBytes(code);
  size_t mask = by_word.size() - 1;
  for (size_t slot = WordSlot(word, mask);; slot = (slot + 1) & mask) {
    if (by_word[slot] == 0) return -1;
    size_t i = by_word[slot] - 1u;  // equal words and lengths of eight or less: equal codes
    if (words[i] == word && codes[i].code.size() == code.size() && (code.size() <= 8 || codes[i].code == code))
      return static_cast<int>(i);
  }
}

std::string_view CodeList::LabelOf(std::string_view code) const {
  for (const Code& c : codes)
    if (c.code == code) return c.label;
  return {};
}

const std::vector<CodeList>& CodeLists() {
  static const std::vector<CodeList> lists = [] {
    std::vector<CodeList> built = Build();
    for (CodeList& list : built) IndexWords(list);
    return built;
  }();
  return lists;
}

const CodeList* FindCodeList(std::string_view name) {
  static const auto by_name = [] {  // readers ask for a list by name for every coded cell
    std::unordered_map<std::string_view, const CodeList*> lists;
    for (const CodeList& l : CodeLists()) lists.emplace(l.name, &l);
    return lists;
  }();
  auto it = by_name.find(name);
  return it == by_name.end() ? nullptr : it->second;
}

}  // namespace scrutiny
