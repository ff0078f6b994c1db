"""Regression checks on footnotes of the two sample papers (counts and a few fields).

The note texts are pasted as the extractor gives them, so these tests do not depend on
extraction. The rules they exercise are general; see test_references_styles.py for the
same shapes written independently of the samples.
"""

from checker.model import Footnote
from checker.references import parse_references, repair_across_notes, resolve_backreferences

NOTE_001_2 = (
    'Xu, Hongzhi. "Premier Li Peng and President Karimov attended signatory ceremony of four '
    'documents." *People\'s Daily*, April 20, 1994; Xu, Hongzhi. "China and Turkmenistan signed '
    'several documents." *People\'s Daily*, April 22, 1994; Xu, Hongzhi. "China and Kyrgyzstan '
    'signed 6 documents." *People\'s Daily*, April 23, 1994; and Xu, Hongzhi. "China and '
    'Kazakhstan signed border agreements and other documents." *People\'s Daily*, April 26, 1994.'
)
NOTE_001_7 = ('"SCO promotes transport links." Shanghai Cooperation Organization, 2017, '
              "http://eng.sectsco.org/ news/20170706/306862.html.")
NOTE_001_10 = (
    "Established by the Soviet Union's Organization for Cooperation of Railways (OSJD) in 1957, "
    'the SMGS convention governs the movements of cargo. P.J. Hodgkinson, "Report on Transport '
    'Facilitation procedures and documentation in Kazakhstan." United Nations Economic and '
    "Social Commission for Asia and the Pacific, https://www.unescap.org/sites/ default/files/"
    "Seamless%20Transport%20report\\_Kazakhstan.pdf."
)
NOTE_001_11 = (
    "Since summer 2019, RFE/RL's Kyrgyz service, *Radio Azattyk*, has published a series of "
    "detailed reports describing how Rayimbek Matraimov, a former customs official, and his "
    "family had smuggled over \\$700 million out of the country."
)
NOTE_001_16 = ('Yau, Tsz Yan. "Smart Cities or Surveillance? Huawei in Central Asia." *The '
               "Diplomat*, August 7, 2019, https://thediplomat.com/2019/08/smart-cities-or-"
               "surveillance-huawei-in-central-asia/.")
NOTE_001_18 = ('Yau, Tsz Yan. "Smart Cities or Surveillance? Huawei in Central Asia." *The '
               "Diplomat*, August 7, 2019. https://thediplo-mat.com/2019/08/smart-cities-or-"
               "surveillance-huawei-in-central-asia/.")
NOTE_000_21 = (
    'Uzbekistan: "V Tashkent pribyl ocherednoï gumanitarnyi gruz, predostavlenyi kitaiskimi '
    'partnerami," uzdaily.uz, April 10, 2020; Kazakhstan: "Dzhek ma napravil v Kazakstan '
    'medicinskie sredstva zaschity," lenta.inform.kz, April 11, 2020.; Kyrgyzstan: "V Kyrgyzstan '
    'pri byla pervaia partiia gryza predostavlennoogo osno vatelem alibaba djekom ma," '
    "kaktus.media, April 10, 2020.; Tajikistan— it is not clear from public reporting that any "
    "has been sent to Tajikistan, but it seems likely that some will have been sent."
)
NOTE_000_58 = ("“SCO Secretary-General Vladimir Norov, Alibaba Group CEO Jack Ma discuss "
               "intra-SCO IT cooperation,” [eng.sectsco.org](http://eng.sectsco.org), "
               "August 29, 2019.")
NOTE_000_62 = ("“Secretary Pompeo’s Visit to Kazakhstan,” [state.gov](http://state.gov), "
               "February 1, 2020.; “Secretary Pompeo’s Visit to Uzbekistan,” "
               "[state.gov](http://state.gov), February 2, 2020.")


def test_001_note_2_cites_four_articles() -> None:
    refs = parse_references(NOTE_001_2)
    assert len(refs) == 4
    assert all(r.authors == ["Xu, Hongzhi"] and r.container == "People's Daily" for r in refs)
    assert [r.date for r in refs] == ["1994-04-20", "1994-04-22", "1994-04-23", "1994-04-26"]


def test_001_note_7_url_joined() -> None:
    (ref,) = parse_references(NOTE_001_7)
    assert ref.url == "http://eng.sectsco.org/news/20170706/306862.html"
    assert ref.url_as_printed == "http://eng.sectsco.org/ news/20170706/306862.html"
    assert ref.container == "Shanghai Cooperation Organization" and ref.date == "2017"
    assert ref.repairs


def test_001_note_10_prose_then_citation() -> None:
    (ref,) = parse_references(NOTE_001_10)
    assert ref.authors == ["Hodgkinson, P.J."]
    assert ref.title.startswith("Report on Transport Facilitation")
    assert ref.url == ("https://www.unescap.org/sites/default/files/"
                       "Seamless%20Transport%20report_Kazakhstan.pdf")
    assert len(ref.repairs) == 2  # the space and the escape
    assert ref.type == "report"


def test_001_note_11_is_explanatory() -> None:
    assert parse_references(NOTE_001_11) == []


def test_001_note_18_hyphen_kept_and_thediplomat_suggested() -> None:
    """Printed whole on one line, the URL is valid: kept; the outlet's name suggests."""
    (ref,) = parse_references(NOTE_001_18)
    assert ref.domain == "thediplo-mat.com" and ref.repairs == ()
    assert ref.url == ref.url_as_printed
    assert [c for c, _ in ref.url_candidates] == [ref.url.replace("diplo-mat", "diplomat")]


def test_000_note_21_three_works_and_no_prose() -> None:
    refs = parse_references(NOTE_000_21)
    assert [r.domain for r in refs] == ["uzdaily.uz", "lenta.inform.kz", "kaktus.media"]
    assert [r.date for r in refs] == ["2020-04-10", "2020-04-11", "2020-04-10"]
    assert not any("Tajikistan" in (r.title or "") for r in refs)


def test_000_note_58_site_linked_not_a_page() -> None:
    (ref,) = parse_references(NOTE_000_58)
    assert ref.date == "2019-08-29"
    assert ref.domain == "eng.sectsco.org" and ref.container == "eng.sectsco.org"
    assert ref.url is None
    assert ref.title.startswith("SCO Secretary-General Vladimir Norov")


def test_000_note_62_two_works() -> None:
    refs = parse_references(NOTE_000_62)
    assert [r.title for r in refs] == ["Secretary Pompeo’s Visit to Kazakhstan",
                                       "Secretary Pompeo’s Visit to Uzbekistan"]
    assert all(r.domain == "state.gov" and r.type == "government" for r in refs)


def test_ibid_copy_follows_a_suggestion_from_another_note() -> None:
    notes = [Footnote(16, 1, NOTE_001_16), Footnote(17, 2, NOTE_001_18), Footnote(18, 3, "Ibid.")]
    for note in notes:
        note.references = parse_references(note.text)
    resolve_backreferences(notes)
    repair_across_notes(notes)
    ibid = notes[2].references[0]
    assert ibid.ibid and ibid.url == notes[1].references[0].url
    assert [c for c, _ in ibid.url_candidates] == [notes[0].references[0].url]


NOTE_001_1 = (
    "The General Office of the State Council of the People's Republic of China, Gazette of the "
    "State Council of the People's Republic of China. Issue No. 1, Serial No. 686, Beijing: "
    "Printing House of the Secretarial Bureau of the General Office of the State Council, 1992, "
    "http://www.gov.cn/gongbao/shuju/1992/gwyb199201.pdf."
)


def test_001_note_1_organisation_title_and_publisher() -> None:
    (ref,) = parse_references(NOTE_001_1)
    assert ref.authors == ["The General Office of the State Council of the People's Republic "
                           "of China"]
    assert ref.title == "Gazette of the State Council of the People's Republic of China"
    assert ref.publisher.startswith("Printing House of the Secretarial Bureau")
    assert ref.date == "1992" and ref.type == "government"
