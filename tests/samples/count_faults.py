#!/usr/bin/env python3
"""Counts the faults of the CIN census and CSWW samples under the rules of
docs/returns.md, independently of Scrutiny's C++ readers, to check the counts
their tests expect. Run: python3 tests/samples/count_faults.py"""
import collections
import datetime
import pathlib
import xml.etree.ElementTree as ET

HERE = pathlib.Path(__file__).parent
REFERRAL_SOURCES = set("1A 1B 1C 1D 2A 2B 3A 3B 3C 3D 3E 3F 4 5A 5B 5C 5D 6 7 8 9 10".split())
NEEDS = {f"N{i}" for i in range(10)}
CLOSURES = {f"RC{i}" for i in range(1, 10)}
MARCH_END = datetime.date(2022, 3, 31)
ETHNICITIES = set("WBRI WIRI WOTH WIRT WROM MWBC MWBA MWAS MOTH AIND APKN ABAN AOTH BCRB BAFR BOTH CHNE OOTH "
                  "REFU NOBT".split())


def date(text, last):
    """The date, or 'bad' or 'late' as the rule it breaks."""
    try:
        d = datetime.date.fromisoformat(text)
    except (TypeError, ValueError):
        return "bad"
    if d.year < 1900:
        return "bad"
    return "late" if d > last else d


def census():
    root = ET.parse(HERE / "cin-census/fake_CIN_data.xml").getroot()
    last = datetime.date(2022, 7, 21)  # the header's ReferenceDate
    faults, kept, episodes_left_out, in_need = collections.Counter(), [], 0, 0
    for child in root.find("Children").findall("Child"):
        ids = child.find("ChildIdentifiers")
        ok = ids.findtext("GenderCurrent") in ("1", "2", "0", "9")
        ok &= date(ids.findtext("PersonBirthDate"), last) not in ("bad", "late")
        ok &= child.findtext("ChildCharacteristics/Ethnicity") in ETHNICITIES
        episodes = []
        for e in child.findall("CINdetails"):
            good = e.findtext("ReferralSource") in REFERRAL_SOURCES and e.findtext("PrimaryNeedCode") in NEEDS
            referral = date(e.findtext("CINreferralDate"), last)
            for item in ("CINreferralDate", "CINclosureDate"):
                if e.findtext(item) and date(e.findtext(item), last) in ("bad", "late"):
                    faults["date after the ReferenceDate"] += 1
                    good = False
            if e.findtext("CINclosureDate"):
                good &= e.findtext("ReasonForClosure") in CLOSURES
            if good:
                closure = e.findtext("CINclosureDate")
                episodes.append((referral, datetime.date.fromisoformat(closure) if closure else None))
            else:
                episodes_left_out += 1
        if ok and not episodes:
            faults["child with no episode"] += 1
        if ok and episodes:
            kept += episodes
            in_need += any(r <= MARCH_END and (c is None or c > MARCH_END) for r, c in episodes)
        else:
            faults["child left out"] += 1
            episodes_left_out += len(episodes)
    june = sum(1 for r, _ in kept if r.strftime("%Y-%m") == "2022-06")
    print("CIN census:", dict(faults), "episodes kept", len(kept), "left out", episodes_left_out,
          "referrals kept in June 2022", june, "children in need on 31 March 2022", in_need)


def workforce():
    root = ET.parse(HERE / "csww/social_work_workforce_2022.xml").getroot()
    last = datetime.date(2022, 9, 30)
    faults, kept = collections.Counter(), 0
    for w in root.findall("CSWWWorker"):
        ok = w.findtext("AgencyWorker") in ("0", "1", "true", "false")
        ok &= 0 <= float(w.findtext("FTE")) <= 1
        if w.findtext("OrgRole") not in list("123456"):
            faults["OrgRole missing or unknown"] += 1
            ok = False
        if w.findtext("RoleStartDate") is None:
            faults["RoleStartDate missing"] += 1
            ok = False
        for item in ("RoleStartDate", "RoleEndDate"):
            if w.findtext(item) and date(w.findtext(item), last) in ("bad", "late"):
                faults["date after 30 September"] += 1
                ok = False
        kept += ok
    print("CSWW:", dict(faults), "workers kept", kept)


census()
workforce()
