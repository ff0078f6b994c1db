"""Each legal finder (`checker/references/legal.py`) on the shapes it reads, and the fields a
whole note gets. Invented citations in Bluebook and CRS form, not copied from any document.

One table per finder: (note text, expected (title, container, date) per citation found).
"""

from __future__ import annotations

import pytest

from checker.model import Footnote
from checker.references import legal, parse_footnotes, parse_references
from checker.references.context import case_named_before, case_year_before

Found = tuple[str | None, str | None, str | None]

CASES: dict[str, list[tuple[str, list[Found]]]] = {
    "find_cases": [
        ("(quoting Parents Involved in Harb. Sch. v. Kiel Sch. Dist. No. 1, 551 U.S. 701 (2007))",
         [("Parents Involved in Harb. Sch. v. Kiel Sch. Dist. No. 1", "U.S.", "2007")]),
        ("Pierce v. Soc\u2019y of the Sisters of the Holy Names of Jesus & Mary, 268 U.S. 510 "
         "(1925).",
         [("Pierce v. Soc\u2019y of the Sisters of the Holy Names of Jesus & Mary", "U.S.",
           "1925")]),
        ("Miller v. Davis, Civ. Act. No. 15-44-DLB (E.D. Ky. Nov. 5, 2015).",
         [("Miller v. Davis", None, "2015-11-05")]),
        ("Roe v. Poe, No. 14-556, slip op. at 1\u20132 (U.S. June 26, 2015).",
         [("Roe v. Poe", None, "2015-06-26")]),
        ("Roe v. Poe, 986 F. Supp. 2d 982 (W.D. Wis.), aff'd, 766 F.3d 648 (7th Cir.), cert. "
         "denied, 135 S. Ct. 316 (2014).", [("Roe v. Poe", "F. Supp. 2d", "2014")]),
        ("Roe v. Harbor Bd., 2014 WI 96, \u00b6 12, 358 Wis. 2d 132, 853 N.W.2d 888.",
         [("Roe v. Harbor Bd.", "WI", "2014")]),
        ("Roe v. Harbor Board, 552 U.S. 312, 320 (2008).",
         [("Roe v. Harbor Board", "U.S.", "2008")]),
        ("See Poe v. Tidewater Mills, Inc., 491 F.3d 1021, 1030 (9th Cir. 2007) (holding that "
         "the rule applies).", [("Poe v. Tidewater Mills, Inc.", "F.3d", "2007")]),
        ("State v. Roe, 301 Ark. 22, 781 S.W.2d 1 (1989).", [("State v. Roe", "Ark.", "1989")]),
        ("Doe v. Acme Corp., 123 F. Supp. 2d 456, 460 n.4 (S.D.N.Y. 2000).",
         [("Doe v. Acme Corp.", "F. Supp. 2d", "2000")]),
        ("United States v. Poe, No. 1:18-cr-32 (D.D.C. Feb. 16, 2018).",
         [("United States v. Poe", None, "2018-02-16")]),
        ("Roe v. Harbor Mills, Inc., No. 19-cv-1234, 2020 WL 123456, at *3 (N.D. Cal. Mar. 2, "
         "2020).", [("Roe v. Harbor Mills, Inc.", "WL", "2020-03-02")]),
        ("In re Harbor Tug Litig., 12 F.4th 34, 40 (2d Cir. 2021).",
         [("In re Harbor Tug Litig.", "F.4th", "2021")]),
        ("The court in Roe v. Poe, 590 U.S. ___ (2020), went the other way.",
         [("Roe v. Poe", "U.S.", "2020")]),
        ("See, e.g., Roe v. Poe, 555 U.S. 555, 565 (2009); see also Tide Co. v. Roe, 518 U.S. "
         "470, 485 (1996); cf. Harbor, Inc. v. Plaintiffs' Legal Comm., 531 U.S. 341 (2001).",
         [("Roe v. Poe", "U.S.", "2009"), ("Tide Co. v. Roe", "U.S.", "1996"),
          ("Harbor, Inc. v. Plaintiffs' Legal Comm.", "U.S.", "2001")]),
        ("See Roe v. Poe, 766 F.3d 648, 656 (7th Cir.), cert. denied, 135 S. Ct. 316 (2014).",
         [("Roe v. Poe", "F.3d", "2014")]),
        ("In re Tide (Ranitidine) Prods. Liab. Litig., 512 F. Supp. 3d 1278 (S.D. Fla. 2021).",
         [("In re Tide (Ranitidine) Prods. Liab. Litig.", "F. Supp. 3d", "2021")]),
        ("Harbor Pharm. Lab'ys, Ltd. v. Novo Tide A/S, 566 U.S. 399, 405 (2012).",
         [("Harbor Pharm. Lab'ys, Ltd. v. Novo Tide A/S", "U.S.", "2012")]),
        ("The vessel was seized in Roe's harbor in 1990.", []),
    ],
    "find_law_review_articles": [
        ("(citing Ann Roe, The Death of Ports? Tides in the States, 51 DEMOGRAPHY 563 (2014))",
         [("The Death of Ports? Tides in the States", "DEMOGRAPHY", "2014")]),
        ("See generally Jane Roe, Tides: A Survey, 2014 HARBOR L. REV. 101, 120 n.5; Poe, supra.",
         [("Tides: A Survey", "HARBOR L. REV.", "2014")]),
        ("Jane Roe, Tides, 2014 Harbor L. Rev. 101 (2015).",  # the year in brackets decides
         [("Tides", "Harbor L. Rev.", "2015")]),
        ("See Jane Q. Roe & John Poe, Tides and the Common Law: Ten Years After Smith, 35 "
         "HARBOR L.Q. 1, 19 (2008) (arguing that \u201cthe tide comes in\u201d).",
         [("Tides and the Common Law: Ten Years After Smith", "HARBOR L.Q.", "2008")]),
        ("Cf. Jane Roe, Note, Harbors in Roe v. Poe, 12 Tide L.J. 5, 9 n.3 (1999); see also "
         "John Poe, Wharves, 7 Mar. L. Rev. 40 (2001).",
         [("Harbors in Roe v. Poe", "Tide L.J.", "1999"), ("Wharves", "Mar. L. Rev.", "2001")]),
        ("See generally Jane Roe, Tides, 20 J.L. ECON. & TIDES (forthcoming 2025).",
         [("Tides", "J.L. ECON. & TIDES", "2025")]),
        ("Jane Roe, Tides, 20 HARBOR NEWS 5 (2001).", []),
        ("See J. Harvie Roe III, Tides, 95 Va. L. Rev. 253 (2009); Ana de la Poe et al., Law "
         "and Tides, 75 Law & Contemp. Probs. 1 (2012).",
         [("Tides", "Va. L. Rev.", "2009"), ("Law and Tides", "Law & Contemp. Probs.", "2012")]),
    ],
    "find_case_short_forms": [
        ("See Roe, 552 U.S. at 330.", [("Roe", "U.S.", None)]),
        ("12 F.3d at 36.", [(None, "F.3d", None)]),
        ("The ship docked at 5 p.m.", []),
    ],
    "find_online_sources": [
        ("See Jane Roe & John Poe, Tides Rise Again in Roe v. Poe, HARBOR NEWS (May 26, 2023, "
         "4:45 AM), https://harbor.example/tides [https://perma.cc/AB12-CD34].",
         [("Tides Rise Again in Roe v. Poe", "HARBOR NEWS", "2023-05-26")]),
        ("Jane Roe, Tides Rise Again, Harbor News (May 26, 2023), https://harbor.example/t.",
         [("Tides Rise Again", "Harbor News", "2023-05-26")]),
        ("John Poe, Judge Rules on Tides, HARBOR J. SENTINEL, Oct. 6, 2014, at 1A.",
         [("Judge Rules on Tides", "HARBOR J. SENTINEL", "2014-10-06")]),
    ],
    "find_books": [
        ("See, e.g., HARBOR INST., HANDBOOK ON TIDES 226 (6th ed. 2005) (noting that).",
         [("HANDBOOK ON TIDES", None, "2005")]),
        ("(citing 2 JANE ROE, COMMENTARIES *2; Poe, supra note 9)",
         [("COMMENTARIES", None, None)]),
        ("THE HARBOR, the port.", []),
        ("JOHN Q. POE, JR., THE LAW OF TIDES 45 (1996).", [("THE LAW OF TIDES", None, "1996")]),
        ("JANE ROE ET AL., HARBOR RULES 3 (Ann Poe ed., 2010).",
         [("HARBOR RULES", None, "2010")]),
        ("See generally ANN ROE, THE HARBOR CASE: TIDES, PILOTS, AND THE DILEMMA OF THE PORT "
         "(2007).",
         [("THE HARBOR CASE: TIDES, PILOTS, AND THE DILEMMA OF THE PORT", None, "2007")]),
        ("See HARBOR LAW AND RELIGIOUS LIBERTY: EMERGING CONFLICTS (Jane Roe et al. eds., 2008).",
         [("HARBOR LAW AND RELIGIOUS LIBERTY: EMERGING CONFLICTS", None, "2008")]),
        ("HARBOR RIGHTS CAMPAIGN, 2014 STATE HARBOR INDEX (2015), available at "
         "http://harbor.example/index.", [("2014 STATE HARBOR INDEX", None, "2015")]),
        ("For analyses, see JANE ROE, FROM THE DOCK TO THE ALTAR (2013); JOHN POE, TIDES (2014).",
         [("FROM THE DOCK TO THE ALTAR", None, "2013"), ("TIDES", None, "2014")]),
    ],
    "find_docket_short_forms": [
        ("Roe, No. 14-556, slip op. at 24 (quoting Poe, 134 S. Ct. at 1636).",
         [("Roe", None, None)]),
        ("Roe v. Poe, No. 14-556, slip op. at 1 (U.S. June 26, 2015).", []),
    ],
    "find_unnamed_cases": [
        ("No. 14-556, slip op. at 4 (U.S. June 26, 2015).", [(None, None, "2015-06-26")]),
        ("552 U.S. 312 (2008).", [(None, "U.S.", "2008")]),
        ("See 84 F.4th 378, 380 (5th Cir. 2023); 603 S.W.2d 786 (Tex. 1980).",
         [(None, "F.4th", "2023"), (None, "S.W.2d", "1980")]),
        ("Roe v. Poe, 552 U.S. 312 (2008).", []),
        ("90 Stat. 539 (1976).", []),
    ],
    "find_crs_reports": [
        ("For more, see CRS Report R12345, Tides: A Primer, by Jane Roe and John Q. Poe, at 5.",
         [("Tides: A Primer", None, None)]),
        ("See CRS Report RL31943, Harbor Rules: The Pay-As-You-Go (PAYGO) Rule, by Bill Roe "
         "Jr. Section 5 would exempt the measure.",
         [("Harbor Rules: The Pay-As-You-Go (PAYGO) Rule", None, None)]),
        ("CRS Report R47388, Allocations: 302(a) Allocations and 302(b) Suballocations, by "
         "Drew C. Poe.", [("Allocations: 302(a) Allocations and 302(b) Suballocations", None,
                           None)]),
        ("The CRS has written on tides for years.", []),
    ],
    "find_federal_register": [
        ("Premarket Approval of Harbor Devices, 73 Fed. Reg. 49,603, 49,610 (Aug. 22, 2008).",
         [("Premarket Approval of Harbor Devices", "Fed. Reg.", "2008-08-22")]),
        ("See Labeling of Tide Tables, 71 Fed. Reg. 3922, 3934 (Jan. 24, 2006) (codified at 21 "
         "C.F.R. pts. 201, 314).", [("Labeling of Tide Tables", "Fed. Reg.", "2006-01-24")]),
        ("The agency said so. 61 Fed. Reg. 44,396 (Aug. 28, 1996).",
         [(None, "Fed. Reg.", "1996-08-28")]),
    ],
    "find_congressional_documents": [
        ("H.R. Rep. No. 94-853, at 45 (1976).", [("H.R. Rep. No. 94-853", None, "1976")]),
        ("See S. Rep. No. 94-33, at 2 (1975); H.R. Conf. Rep. No. 101-959 (1990).",
         [("S. Rep. No. 94-33", None, "1975"), ("H.R. Conf. Rep. No. 101-959", None, "1990")]),
        ("122 Cong. Rec. 5,003 (1976) (statement of Sen. Roe).",
         [(None, "Cong. Rec.", "1976")]),
        ("Harbor Safety Act of 1990: Hearing on H.R. 12 Before the Subcomm. on Ports of the H. "
         "Comm. on Commerce, 101st Cong. 15 (1990) (statement of Jane Roe).",
         [("Harbor Safety Act of 1990: Hearing on H.R. 12 Before the Subcomm. on Ports of the "
           "H. Comm. on Commerce", None, "1990")]),
    ],
    "find_named_acts": [
        ("Titles I-III of the Harbour Dues and Tolls Act of 1974, codified as amended at 9 "
         "U.S.C. §§601-688.", [("Harbour Dues and Tolls Act of 1974", None, "1974")]),
        ("Harbor Device Amendments of 1976, Pub. L. No. 94-295, 90 Stat. 539 (1976).",
         [("Harbor Device Amendments of 1976", None, "1976")]),
        ("Federal Food, Tide, and Harbor Act, 21 U.S.C. §§ 301-399.",
         [("Federal Food, Tide, and Harbor Act", None, None)]),
        ("The Harbor Act says little about tides.", []),
    ],
    "find_code_sections": [
        ("21 U.S.C. § 360k(a).", [("21 U.S.C. § 360k(a)", None, None)]),
        ("21 U.S.C. § 360k(a) (2018).", [("21 U.S.C. § 360k(a)", None, None)]),
        ("21 C.F.R. § 808.1(d) (2019).", [("21 C.F.R. § 808.1(d)", None, "2019")]),
        # an edition over two years is dated by its last (tests/corpus/README.md: a year range)
        ("Harb. Stat. § 765.001(2) (2011\u201312).", [("Harb. Stat. § 765.001(2)", None, "2012")]),
        ("See LA. CIV. CODE ANN. art. 86 (\u201cMarriage is a legal relationship.\u201d).",
         [("LA. CIV. CODE ANN. art. 86", None, None)]),
        ("HARB. STAT. §§ 765.001\u2013.30 (2013\u201314).",
         [("HARB. STAT. §§ 765.001\u2013.30", None, "2014")]),
        ("See 21 C.F.R. pt. 814.", [("21 C.F.R. pt. 814", None, None)]),
        ("Ark. Code Ann. § 9-12-315 (1987).", [("Ark. Code Ann. § 9-12-315", None, "1987")]),
        ("U.S. Const. art. VI, cl. 2.", [("U.S. Const. art. VI, cl. 2", None, None)]),
        ("U.S. CONST. amend. V.", [("U.S. CONST. amend. V", None, None)]),
        ("See Fed. R. Civ. P. 12(b)(6); Fed. R. Evid. 702.",
         [("Fed. R. Civ. P. 12(b)(6)", None, None), ("Fed. R. Evid. 702", None, None)]),
        ("HARB. CONST. art. XIII, § 13; Harb. Const. art. I, § 1.",
         [("HARB. CONST. art. XIII, § 13", None, None), ("Harb. Const. art. I, § 1", None, None)]),
        ("Okla. Stat. tit. 82, § 1086.2 (2011).",
         [("Okla. Stat. tit. 82, § 1086.2", None, "2011")]),
        ("(citing S.C. CODE ANN. § 48-39-280 (Supp. 1990))",
         [("S.C. CODE ANN. § 48-39-280", None, "1990")]),
    ],
    "find_public_laws": [
        ("Pub. L. No. 94-295, 90 Stat. 539 (1976).", [("Pub. L. No. 94-295", None, "1976")]),
        ("changed by P.L. 101-202, §5.", [("P.L. 101-202, §5", None, None)]),
    ],
    "find_restatements": [
        ("Id. (citing RESTATEMENT (SECOND) OF TORTS §§ 196, 197 (AM. L. INST. 1965)).",
         [("RESTATEMENT (SECOND) OF TORTS", None, "1965")]),
        ("See Restatement (Third) of Property: Servitudes § 2.1 (Am. L. Inst. 2000).",
         [("Restatement (Third) of Property: Servitudes", None, "2000")]),
        ("RESTATEMENT (SECOND) OF CONFLICT OF LAWS § 283 (AM. LAW INST. 1971).",
         [("RESTATEMENT (SECOND) OF CONFLICT OF LAWS", None, "1971")]),
    ],
    "find_english_cases": [
        ("(citing, inter alia, Roe\u2019s Case (1604) 77 Eng. Rep. 194, 195; 5 Co. Rep. 91 a)",
         [("Roe\u2019s Case", "Eng. Rep.", "1604")]),
        ("In any case (1604) was a year.", []),
    ],
    "find_session_laws": [
        ("See Act of Apr. 29, 1935, ch. 286, 1935 Minn. Laws 710, 712\u201313.",
         [("Act of Apr. 29, 1935", "Minn. Laws", "1935-04-29")]),
        ("Act of Mar. 3, 1891, ch. 561, 26 Stat. 1095.",
         [("Act of Mar. 3, 1891", "Stat.", "1891-03-03")]),
    ],
    "find_court_documents": [
        ("See Motion to Dismiss at 2, Roe v. Poe, No. 23-cv-1 (E.D. Mich. filed Oct. 2, 2024), "
         "ECF No. 25.", [("Motion to Dismiss", None, "2024-10-02")]),
        ("Cf. Brief for Respondent at 6, Roe, 114 F.4th 593 (No. 24-755).",
         [("Brief for Respondent", None, None)]),
        ("Order, Roe v. Harbor Bd., No. 14-cv-64 (W.D. Wis. June 13, 2014).",
         [("Order", None, "2014-06-13")]),
        ("The Order, as the court said, was final.", []),
        ("Id. (quoting Brief of Amici Curiae Jane Roe, Jo Poe & Ann Moe at 7, Roe v. Poe, 986 F. "
         "Supp. 2d 982 (W.D. Wis. 2014) (No. 14-cv-64)).",
         [("Brief of Amici Curiae Jane Roe, Jo Poe & Ann Moe", None, None)]),
        ("See Stipulation and Order, Roe v. Poe, No. 3:14-cv-64 (W.D. Wis. June 19, 2014).",
         [("Stipulation and Order", None, "2014-06-19")]),
    ],
    "find_act_sections": [
        ("Pursuant to Section 310(b)(2) of the Harbor Act.", [("Harbor Act", None, None)]),
        ("Sections 258(a)(4)(C), 258A(b), and 258C(b)(1) of HDTA.", [("HDTA", None, None)]),
        ("under Section 305(b)(2) of the Harbor Act (codified at 9 U.S.C. §636(b)(2))",
         [("9 U.S.C. §636(b)(2)", None, None)]),
        ("Section 300 of the Harbor Act (9 U.S.C. §631) sets the date.", []),
        ("Section 5 of the Harbor Dues Act of 1974.", []),
    ],
    "find_instruments": [
        ("Executive Order 14347 dated September 5, 2025.",
         [("Executive Order 14347", None, "2025-09-05")]),
        ("Exec. Order No. 13,771, 82 Fed. Reg. 9339 (Jan. 30, 2017).",
         [("Exec. Order No. 13,771", "Fed. Reg.", "2017-01-30")]),
        ("(Section 404 of S.Con.Res. 13 [111th Congress])",
         [("S.Con.Res. 13 (111th Congress)", None, None)]),
    ],
    "find_bills": [
        ("See S. 1858, 114th Cong. (2015).", [("S. 1858, 114th Cong.", None, "2015")]),
        ("H.R. 12, 113th Cong. § 3 (2013); H.R.J. Res. 5, 108th Cong. (2003).",
         [("H.R. 12, 113th Cong.", None, "2013"), ("H.R.J. Res. 5, 108th Cong.", None, "2003")]),
        ("the 114th Cong. did not act.", []),
        ("E.g., Assemb. 8070, 2013\u20132014 Reg. Sess. (N.Y. 2013) (Harbor Act).",
         [("Assemb. 8070, 2013\u20132014 Reg. Sess.", None, "2013")]),
    ],
}


@pytest.mark.parametrize(("name", "text", "expected"), [
    (name, text, expected) for name, cases in CASES.items() for text, expected in cases])
def test_finder_reads_its_shape(name: str, text: str, expected: list[Found]) -> None:
    finder = getattr(legal, name)
    found = [(c.reference.title, c.reference.container, c.reference.date) for c in finder(text)]
    assert found == expected


def test_every_finder_has_cases() -> None:
    assert {finder.__name__ for finder in legal.FINDERS} == set(CASES)


def test_crs_report_authors_stop_at_the_pin_cite_and_initials_stay() -> None:
    (ref,) = parse_references("See CRS Report R12345, Tides: A Primer, by Jane Q. Roe and John "
                              "Poe, at 5.")
    assert ref.authors == ["Roe, Jane Q.", "Poe, John"] and ref.container is None


def test_an_act_and_its_public_law_are_one_work() -> None:
    refs = parse_references("Harbor Device Amendments of 1976, Pub. L. No. 94-295, 90 Stat. 539 "
                            "(1976) (codified as amended at 21 U.S.C. § 360c).")
    assert [(r.title, r.date) for r in refs] == [("Harbor Device Amendments of 1976", "1976")]


def test_a_case_cited_twice_in_one_note_is_one_reference() -> None:
    refs = parse_references("Roe v. Poe, 12 F.3d 34 (2d Cir. 1994). The court in Roe v. Poe, 12 "
                            "F.3d 34 (2d Cir. 1994), said so.")
    assert [r.title for r in refs] == ["Roe v. Poe"]


def test_signals_split_cases_and_a_regulation_in_one_note() -> None:
    notes = [Footnote(1, 1, "See, e.g., Roe v. Poe, 555 U.S. 555 (2009) (noting the rule); "
                            "see also 21 C.F.R. § 808.1(d) (2019).")]
    parse_footnotes(notes)
    assert [(r.title, r.date) for r in notes[0].references] == [
        ("Roe v. Poe", "2009"), ("21 C.F.R. § 808.1(d)", "2019")]


def test_id_with_a_section_after_a_code_section_is_that_section_of_the_code() -> None:
    texts = ["21 U.S.C. § 360k(a).", "Id. § 360k(b)(1).", "Id.", "Roe v. Poe, 12 F.3d 34 (2d "
             "Cir. 1994).", "Id. at 36."]
    notes = [Footnote(number, number, text) for number, text in enumerate(texts, start=1)]
    parse_footnotes(notes)
    assert [n.references[0].title for n in notes] == [
        "21 U.S.C. § 360k(a)", "21 U.S.C. § 360k(b)(1)", "21 U.S.C. § 360k(b)(1)",
        "Roe v. Poe", "Roe v. Poe"]
    assert all(n.references[0].ibid for n in notes[1:3] + notes[4:])


def test_a_case_cited_again_by_name_volume_and_reporter_is_the_full_case() -> None:
    texts = ["Roe v. Poe, 552 U.S. 312 (2008).", "Doe v. Tide Co., 12 F.3d 34 (2d Cir. 1994).",
             "See Roe, 552 U.S. at 330.", "12 F.3d at 36.", "Moe, 99 U.S. at 5."]
    notes = [Footnote(number, number, text) for number, text in enumerate(texts, start=1)]
    parse_footnotes(notes)
    assert [(n.references[0].title, n.references[0].ibid) for n in notes[2:]] == [
        ("Roe v. Poe", True), ("Doe v. Tide Co.", True), ("Moe", False)]


def test_a_law_review_article_keeps_its_authors_and_the_url_after_it() -> None:
    (ref,) = parse_references(
        "See Jane Q. Roe & John Poe, Tides, 20 HARBOR L. REV. 1, 5 (2025), "
        "https://harbor.example/tides (noting that \u201cthe tide comes in every day and the "
        "court saw it so\u201d).")
    assert (ref.title, ref.authors, ref.container, ref.date, ref.url) == (
        "Tides", ["Roe, Jane Q.", "Poe, John"], "HARBOR L. REV.", "2025",
        "https://harbor.example/tides")


def _resolved(texts: list[str]) -> list[list[str | None]]:
    notes = [Footnote(number, number, text) for number, text in enumerate(texts, start=1)]
    parse_footnotes(notes)
    return [[ref.title for ref in note.references] for note in notes]


def test_supra_means_the_work_of_that_author_in_the_note_pointed_to() -> None:
    assert _resolved([
        "Roe v. Poe, 12 F.3d 34 (2d Cir. 1994); see also Jane Doe, Tides, 9 HARBOR L. REV. 1 "
        "(2001); John Moe, Wharves, 7 MAR. L.J. 40 (2003).",
        "Moe, supra note 1, at 42; Doe, supra note 1, at 5 (quoting Roe v. Poe, 12 F.3d 34, 36 "
        "(2d Cir. 1994)).",
    ])[1] == ["Wharves", "Tides", "Roe v. Poe"]


def test_id_means_the_last_work_cited_outside_a_parenthetical() -> None:
    titles = _resolved([
        "Roe v. Poe, 552 U.S. 312, 320 (2008) (quoting Doe v. Moe, 12 F.3d 34 (2d Cir. 1994)).",
        "See id. at 321 (\u201cThe tide comes in.\u201d); cf. Jane Roe, Tides, 9 HARBOR L. REV. 1 "
        "(2001).",
        "Id. at 3; see also id. at 5.",
        "Roe, 552 U.S. at 330; id. at 331.",
    ])
    assert titles[1:] == [["Roe v. Poe", "Tides"], ["Tides"], ["Roe v. Poe"]]


def test_a_case_cited_by_reporter_alone_takes_the_name_it_was_cited_with_before() -> None:
    titles = _resolved(["Roe v. Poe, 552 U.S. 312, 320 (2008).", "Doe v. Moe, 12 F.3d 34 (2d "
                        "Cir. 1994).", "552 U.S. 312 (2008).", "See id. at 315."])
    assert titles[2:] == [["Roe v. Poe"], ["Roe v. Poe"]]


@pytest.mark.parametrize(("lead", "name"), [
    ("the first effort arrived in Roe Harbor Transportation Co. v. New York City,",
     "Roe Harbor Transportation Co. v. New York City"),
    ("Baker cited only one Texas case, Tide v. City of Houston,", "Tide v. City of Houston"),
    ("The Court decided Roe v. Poe", "Roe v. Poe"),
    ("as the court said in its opinion,", None),
])
def test_the_case_the_body_names_at_the_marker(lead: str, name: str | None) -> None:
    work = case_named_before(lead)
    assert (work.title if work else None) == name


def test_a_note_citing_a_case_by_reporter_alone_takes_its_name_from_the_body() -> None:
    from checker.parse import works_named_at_markers
    from checker.references import resolve_backreferences

    body = ("The first effort came in Roe Harbor Co. v. New York\n"
            "City,<sup>1</sup> which set a test.<sup>2</sup>")
    notes = [Footnote(1, 4, "438 U.S. 104 (1978).", marker_lines=(2,)),
             Footnote(2, 5, "Roe Harbor, 438 U.S. at 124.", marker_lines=(2,))]
    for note in notes:
        note.references = parse_references(note.text)
    resolve_backreferences(notes, works_named_at_markers(body, notes))
    assert [[r.title for r in n.references] for n in notes] == [
        ["Roe Harbor Co. v. New York City"], ["Roe Harbor Co. v. New York City"]]


def test_the_body_at_a_marker_is_found_by_the_lines_the_extraction_counts() -> None:
    """A page break (form feed, as pdftotext leaves it) is not a line of its own: marker
    lines count lines by their newlines, as every reader does."""
    from checker.parse import works_named_at_markers
    from checker.references import resolve_backreferences

    body = ("Page one ends here.\f\n"
            "The first effort came in Roe Harbor Co. v. New York\n"
            "City,<sup>1</sup> which set a test.")
    notes = [Footnote(1, 5, "438 U.S. 104 (1978).", marker_lines=(3,))]
    notes[0].references = parse_references(notes[0].text)
    resolve_backreferences(notes, works_named_at_markers(body, notes))
    assert [r.title for r in notes[0].references] == ["Roe Harbor Co. v. New York City"]


def test_id_after_any_signal_and_the_statute_in_its_parenthetical() -> None:
    titles = _resolved([
        "Roe v. Poe, 552 U.S. 312, 320 (2008).",
        "See, e.g., id. at 321 (citing S.C. CODE ANN. § 4-1-2 (Supp. 1990)).",
        "Compare id. at 322, with Doe v. Moe, 12 F.3d 34, 36, 40\u201341 (2d Cir. 1994).",
    ])
    assert titles[1:] == [["Roe v. Poe", "S.C. CODE ANN. § 4-1-2"], ["Roe v. Poe", "Doe v. Moe"]]


def test_two_cases_of_one_party_in_one_note_stay_two() -> None:
    notes = [Footnote(1, 1, "Roe v. Poe, 84 F.4th 378 (5th Cir. 2023); Roe v. Poe, 93 F.4th 251 "
                            "(5th Cir. 2024) (Elrod, J., dissenting)."),
             Footnote(2, 2, "Roe, 84 F.4th at 385; see Roe, 93 F.4th at 253.")]
    parse_footnotes(notes)
    assert [(r.title, r.date) for r in notes[1].references] == [
        ("Roe v. Poe", "2023"), ("Roe v. Poe", "2024")]


def test_a_section_of_an_act_by_short_name_or_initials_is_the_act_cited_before() -> None:
    assert _resolved([
        "Titles I-IX of the Harbor Dues and Tolls Act of 1974; the Balanced Tides and "
        "Emergency Harbor Control Act of 1985.",
        "Pursuant to Section 310(b) of the Tolls Act and Section 251 of BTEHCA.",
        "Section 2001 of the Resolution Act would apply.",
    ])[1:] == [["Harbor Dues and Tolls Act of 1974",
                "Balanced Tides and Emergency Harbor Control Act of 1985"], []]


@pytest.mark.parametrize(("lead", "year"), [
    ("The trial went badly. It was decided by the Supreme Court of Harbor in 1944.", "1944"),
    ("In 1930 a suit was filed. The court decided it in 1944.", "1944"),
    ("The court heard it between 1940 and 1944.", None),
    ("The court decided it.", None),
])
def test_the_year_the_body_gives_a_case_at_the_marker(lead: str, year: str | None) -> None:
    assert case_year_before(lead) == year


def test_a_case_cited_without_its_year_takes_the_year_the_body_gives_it() -> None:
    from checker.parse import works_named_at_markers
    from checker.references import resolve_backreferences

    body = ("The dispute reached the Supreme Court of Harbor in\n"
            "1944.<footnotemark>1</footnotemark> The rest followed.")
    notes = [Footnote(1, 4, "The opinion (Roe v. Roe, 180 S.W.2d 592) was read.",
                      marker_lines=(2,))]
    notes[0].references = parse_references(notes[0].text)
    resolve_backreferences(notes, works_named_at_markers(body, notes))
    assert [(r.title, r.date) for r in notes[0].references] == [("Roe v. Roe", "1944")]


def test_government_report_shapes_issuer_number_and_analysis() -> None:
    (release,) = parse_references('Harbor Line, "Harbor Line Joins the Tide Program," press '
                                  'release, August 28, 2025, https://harborline.example/news/1.')
    assert (release.authors, release.container) == (["Harbor Line"], None)
    (guidance,) = parse_references('U.S. Harbor Protection, "Updated Guidance on Tides," HPMS # '
                                   '68180454, March 17, 2026, https://harbor.example/b/2.')
    assert (guidance.container, guidance.date) == (None, "2026-03-17")
    (source,) = parse_references("GAO analysis of data from Harbor Watch Vessel Viewer, "
                                 "https://harborwatch.example/map.")
    assert source.title == "Harbor Watch Vessel Viewer"


def test_a_body_cited_again_by_its_initials_is_its_earlier_work_with_its_own_link() -> None:
    notes = [Footnote(1, 1, 'Harbor Conference on Trade and Tides (HCTT), "Tides and Trade," '
                            "March 10, 2026, https://hctt.example/tides."),
             Footnote(2, 2, "HCTT, p. 7, https://hctt.example/tides.pdf.")]
    parse_footnotes(notes)
    (ref,) = notes[1].references
    assert (ref.title, ref.date, ref.url) == ("Tides and Trade", "2026-03-10",
                                              "https://hctt.example/tides.pdf")


def test_an_article_cited_again_by_author_volume_and_journal_is_the_article() -> None:
    assert _resolved(["Jane Roe, Tides and the Law, 35 Harbor L.Q. 1, 19 (2008).",
                      "Roe, 35 Harbor L.Q. at 21."])[1] == ["Tides and the Law"]


def test_supra_inside_a_parenthetical_and_sources_cited_supra() -> None:
    titles = _resolved([
        "Jane Roe, Tides, 9 HARBOR L. REV. 1 (2001); John Moe, Wharves, 7 MAR. L.J. 40 (2003).",
        "Doe v. Poe, 12 F.3d 34 (2d Cir. 1994) (citing, inter alia, Moe, supra note 1, at 42).",
        "See sources cited supra note 1.",
    ])
    assert titles[1:] == [["Doe v. Poe", "Wharves"], []]


def test_bluebook_authors_lose_their_suffix_and_et_al() -> None:
    refs = parse_references("J. Harvie Roe III, Tides, 95 Va. L. Rev. 253 (2009); Ana de la "
                            "Poe et al., Law and Tides, 75 Law & Contemp. Probs. 1 (2012).")
    assert [r.authors for r in refs] == [["Roe, J. Harvie"], ["de la Poe, Ana"]]


@pytest.mark.parametrize(("text", "title", "authors"), [
    ("Harbor Comm'n, Annual Report 12 (2018).", "Annual Report", ["Harbor Comm'n"]),
    ("U.S. Dep't of Harbors, Tide Policy Statement 4 (Jan. 2020), https://harbors.example/p.",
     "Tide Policy Statement", ["U.S. Dep't of Harbors"]),
    ("Jane Roe, The Harbor Book 45 (2d ed. 2001).", "The Harbor Book", ["Roe, Jane"]),
    ("Harbor Board, Annual Report 2019 (Kiel, 2020).", "Annual Report 2019", ["Harbor Board"]),
])
def test_bluebook_report_or_book_without_its_pin_page(text: str, title: str,
                                                      authors: list[str]) -> None:
    (ref,) = parse_references(text)
    assert (ref.title, ref.authors) == (title, authors)
