"""Each citation reader on the shapes it reads (and one it must leave to another reader).

One table per reader: (citation text, expected title, expected text before the title or None
to skip, expected container or None to skip). A case whose title is `PASS` must make the
reader answer None. Written for these tests, not copied from any document.
"""

from __future__ import annotations

import pytest

from checker.references import readers
from checker.references.dates import find_dates
from checker.references.fields import blank_dates

PASS = object()

CASES: dict[str, list[tuple[str, object, str | None, str | None]]] = {
    "read_numbered_report": [
        ("CRS Report R12345, Tides and Harbours: A Primer, by Jane Roe.",
         "Tides and Harbours: A Primer", None, None),
        ("Working Paper No. 12, Ports after the Storm, coordinated by John Doe.",
         "Ports after the Storm", None, None),
        ('Jane Roe, "Report on the Ports," Harbour Weekly, 2020.', PASS, None, None),
    ],
    "read_law_review": [
        ("Jane Roe, The Limits of Tides, 96 Harbor L.J. 461, 470 (2008).",
         "The Limits of Tides", None, "Harbor L.J."),
        ("Jane Roe & John Poe, Note, Ports and Torts, 12 Yale J. on Reg. 101 (1995).",
         "Ports and Torts", None, "Yale J. on Reg."),
        ("Roe v. Poe, 12 F.3d 34 (2d Cir. 1994).", PASS, None, None),
    ],
    "read_bluebook_periodical": [
        ("Jane Roe, Tides Turn, N.Y. TIMES, Oct. 7, 2014, at A22.", "Tides Turn", "",
         "N.Y. TIMES"),
        ("Editorial, A Long Wait, Harbor J. Sentinel, Aug. 2, 2014, at 8A.", "A Long Wait", "",
         "Harbor J. Sentinel"),
        ("Tide Tables, Harbor Inst. (last updated Sept. 9, 2013),  .", "Tide Tables", "",
         "Harbor Inst."),
        ("Press Release, Dep't of Harbors, Harbor Opens (Feb. 10, 2014),  .", "Harbor Opens",
         None, None),
        ("John Poe, Jr., Opinion, Let the Tide In, Wash. Post (Mar. 1, 2014),  .",
         "Let the Tide In", None, "Wash. Post"),
        ("Tide FAQ, HARBOR DEP'T OF PORTS,   (last visited Mar. 3, 2015).", "Tide FAQ", "",
         "HARBOR DEP'T OF PORTS"),
        ("Harbor Rights Campaign, Tide FAQ, HRC,   (last visited Feb. 20, 2015).", "Tide FAQ",
         "", "HRC"),
        ("Roe v. Poe - Freedom to Sail, HRC,   (last updated Sept. 17, 2014); infra note 4.",
         "Roe v. Poe - Freedom to Sail", "", "HRC"),
        ("Jane Roe, Harbor Tides (May 2, 2014).", PASS, None, None),
        ("Jane Roe, The Port, Harbour Press, 2001.", PASS, None, None),
        ("Jane Roe, The Port, Harbour Press, May 2001.", PASS, None, None),
    ],
    "read_editors_first": [
        ("Jane Roe (ed.), Harbour Songs. Ballads of the Coast. M\u00fcnchen: Beck, 1977, p. 230.",
         "Harbour Songs. Ballads of the Coast", None, None),
        ("Jane Roe and John Poe (eds.), Tides of the North, Genova: Tilgher, 2001, p. 4.",
         "Tides of the North", None, None),
        ("Jane Roe (ed.), _Harbour Songs_ (London: Nord, 1977).", PASS, None, None),
        ("The Harbour (ed.), as it was.", PASS, None, None),
    ],
    "read_link_label": [
        ("Harbour Summit 2003 State of the Port:  ", "Harbour Summit 2003 State of the Port",
         None, None),
        ("Jane Roe, Tides: A History", PASS, None, None),
    ],
    "read_list_post": [
        ('harbour-dev email ("Constancy of Tides")  ', "Constancy of Tides", None,
         "harbour-dev"),
        ("Jane's blog (\"The fate of reduce() in Tides\")", "The fate of reduce() in Tides", None,
         "Jane's blog"),
        ("Closure semantics (Guido van Rossum)", PASS, None, None),
        ("Harbour docs (tides -- Tide tables for ports)", "tides -- Tide tables for ports",
         None, "Harbour docs"),
        ("harbour-dev email  ", None, None, "harbour-dev"),
    ],
    "read_record": [
        ("Interview of Jane Roe (Jan. 7, 2004) at 3.", "Interview of Jane Roe", "", None),
        ("Memorandum from Jane Roe, Deputy Director, to John Poe, Chief (May 9, 2017).",
         "Memorandum from Jane Roe, Deputy Director, to John Poe, Chief", "", None),
        ("Email, Roe to Poe (June 3, 2016, 10:36 a.m.).", "Email, Roe to Poe", None, None),
        ("Testimony of Jane Roe, Hearing Before the Harbor Board (June 8, 2017).",
         "Testimony of Jane Roe, Hearing Before the Harbor Board", None, None),
        ('Letter from Jane Roe, "On Ports," Harbour Weekly, May 2, 2019.', PASS, None, None),
        ("Interview notes without a date.", PASS, None, None),
    ],
    "read_letter": [
        ("Jane Roe to John Poe, Jr., June 1, 1863, Roe-Poe Papers, Harbour Archive.",
         "Jane Roe to John Poe, Jr.", "", None),
        ("Robert C. Roe, Sr., to Albert C. Roe, March 2, 1864, Roe Papers.",
         "Robert C. Roe, Sr., to Albert C. Roe", None, None),
        ("New Voyages to North America, London, 1703, vol. 2.", PASS, None, None),
    ],
    "read_quoted_periodical": [
        ("K. Roe, Porty i przystanie, \u201eMorze i L\u0105d\u201d, III-2004 nr 12, s. 35.",
         "Porty i przystanie", None, "Morze i L\u0105d"),
        ("G. Roe i J. Poe, Dawne porty, \u201eRoczniki Morskie\u201d, XVI (1947), s. 100-183.",
         "Dawne porty", None, "Roczniki Morskie"),
        ("Hans Roe, \u201eDie H\u00e4fen\u201c, in: Studien 12 (2001), S. 4.", PASS, None, None),
    ],
    "read_quoted_title": [
        ("He said three modern cases \u201cdescribing the right to sail,\u201d but times changed.",
         PASS, None, None),
        ("J. Roe, 'Tides at Dover', in S.T. Poe (ed.), \"The Harbour Book\" (Nord 1982), p. 4.",
         "Tides at Dover", None, "The Harbour Book"),
        ('Tide tables: a "neap" keyword (Jane Roe)', PASS, None, None),
        ('Jane Roe, "Rivers and Ports," *Harbour Review*, May 5, 2020.', "Rivers and Ports",
         "Jane Roe, ", None),
        ('Roe, Jane. "Rivers and Ports." *Harbour Review*, May 5, 2020.', "Rivers and Ports",
         "Roe, Jane. ", None),
        ('"Ports reopen after storm," portnews.example, June 2, 2021.', "Ports reopen after storm",
         "", None),
        ('Roe, Jane (3 March 2016). "Ports of the North". Harbour Weekly. Retrieved 4 May 2020.',
         "Ports of the North", None, None),
        ("Петров П. «Реки и порты» // Вестник. 2019. № 2.", "Реки и порты", None, None),
        ("Roe, Jane, Rivers and Ports (Boston: Harbor Press, 2010).", PASS, None, None),
    ],
    "read_single_quoted_title": [
        ("Roe, J. (2019) ‘Rivers and ports’, *Harbour Review*, 12(3), pp. 45–67.",
         "Rivers and ports", "Roe, J. (2019) ", None),
        ("Roe, J. (2019) 'Rivers and ports', Harbour Weekly, 5 May.", "Rivers and ports",
         None, None),
        ("The harbour master's view of it is not the port's.", PASS, None, None),
        ("Alternatives to 'ebb' (Jane Roe)", PASS, None, None),
    ],
    "read_apa": [
        ("Roe, J. (2020). Rivers and ports of the north. Harbor Press.",
         "Rivers and ports of the north", None, None),
        ("World Port Council (2019) *Ports at a glance*. Boston: Harbor Press.",
         "Ports at a glance", None, None),
        ("Roe, J. (n.d.). Rivers and ports. Harbor Press.", "Rivers and ports", None, None),
        ("In 2019 (a dry year) the ports closed.", PASS, None, None),
    ],
    "read_chicago_author_date": [
        ("Roe, Jane. 2012. Rivers and Ports. Boston: Harbor Press.", "Rivers and Ports",
         None, None),
        ("Roe, Jane, and John Doe. 2015a. Great Rivers. Boston: Harbor Press.",
         "Great Rivers", None, None),
        ("Rivers and Ports. Boston: Harbor Press, 2012.", PASS, None, None),
    ],
    "read_gost": [
        ("Петров П.П., Сидоров С. С. Реки и порты // Вестник МГУ. 2019. № 3. С. 45–67.",
         "Реки и порты", "Петров П.П., Сидоров С. С.", None),
        ("Реки и порты [Электронный ресурс] // Портал. 2020.", "Реки и порты", "", None),
        ("Roe, Jane, Rivers and Ports (Boston: Harbor Press, 2010).", PASS, None, None),
    ],
    "read_italic_title": [
        ("Jane Roe, *Rivers and Ports* (Boston: Harbor Press, 2010), 45.", "Rivers and Ports",
         "Jane Roe, ", None),
        ("Roe, The Northern Harbours, in *Rivers and Ports*, ed. John Doe (Boston: Harbor "
         "Press, 2018)", "The Northern Harbours", "Roe", "Rivers and Ports"),
        ("*Reuters*, May 5, 2020.", None, "", "Reuters"),
        ("Marshall *Harbour Republican*, October 7, 1864.", None, "", "Harbour Republican"),
        ("Roe, Jane, Rivers and Ports (Boston: Harbor Press, 2010).", PASS, None, None),
    ],
    "read_author_colon": [
        ("Müller, Hans: Häfen und Gezeiten. Berlin 1998, S. 45.", "Häfen und Gezeiten",
         None, None),
        ("Müller, H. (Hrsg.): Die Häfen der Ostsee. München: Beck, 2005.",
         "Die Häfen der Ostsee", None, None),
        ("London: Harbor Press, 2010.", PASS, None, None),
    ],
    "read_initials_authors": [
        ("Петров П.П., Сидоров С.С. Реки и порты. М.: Наука, 2018.", "Реки и порты",
         None, None),
        ("Roe J, Doe JA, et al. Rivers and ports. Harbour Med J. 2019;38(2):201-20.",
         "Rivers and ports", None, None),
        ("Jane A. Roe, Rivers and Ports, 2010.", PASS, None, None),
        # no stop in the first 40 characters; a colon after the list; the year after it
        ("Lindqvist JF, van Dam WJ, Rutgers P, Enns R, et al. Rivers and ports. Harb J. "
         "2007;12:1-9.", "Rivers and ports", None, None),
        ("Roe J-F, Poe L G, Moe EO Jr: Why do tides turn? Ann Harb Res 10: 33-40, 2001.",
         "Why do tides turn?", None, None),
        ("Roe M, Poe G, 2011. A table of tides. Ann Harb Sci 69(2): 207-219.",
         "A table of tides", None, None),
        ("Harbour Board UK, Office of Tides. Rivers and ports. London, 2010.", PASS, None, None),
    ],
    "read_capitals_names": [
        ("DUPONT, Jean-Marie. Gestes et soins du port. Kiel : Nordhafen, 2010. 130 p.",
         "Gestes et soins du port", "DUPONT, Jean-Marie. ", None),
        ("MARTIN, Hélène. DURAND, Eve. Soins des marins. Kiel : Nordhafen, 2009.",
         "Soins des marins", None, None),
        ("ROE, Jeanne. Les marées du port. 1996.", "Les marées du port", None, None),
        # no given name after the capitals: a short form, not this shape
        ("DUPONT, supra note 4, at 5.", PASS, None, None),
        ("Dupont, Jean. Gestes et soins. Kiel : Nordhafen, 2010.", PASS, None, None),
    ],
    "read_authors_sentence": [
        ("M. Gupta and P. Banerjee. Automatic data partitioning. In Proceedings of the 6th "
         "Conference, Portland, OR, April 1991.", "Automatic data partitioning", None, None),
        ("Greg, W. W. A Bibliography of the English Drama. London: Bibliographical Society, "
         "1939.", "A Bibliography of the English Drama", "Greg, W. W. ", None),
        ("Peter Puschner and Anton Schedl. A tool for timing. In Proc. of the Workshop, 1993.",
         "A tool for timing", None, None),
        ("Lisa F. Rau. Extracting company names. In Proceedings of AIA, 1991.",
         "Extracting company names", None, None),
        # one name without an initial says nothing: "Harbour Songs" could be a name
        ("Harbour Songs. A book of the tides. London, 1990.", PASS, None, None),
        # an organisation's initials, a journal's abbreviation: no authors' sentence
        ("U.S. Census Bureau, USA Trade Online, Port Data, 2020.", PASS, None, None),
        ("137 HARV. L. REV. 2408 (2024).", PASS, None, None),
    ],
    "read_initials_list_comma": [
        ("Roe, J. P., Poe, A. and Moe, K., Drilling in the ring structure (abstract). Harbour "
         "Geology, v. 3, p. 9. 1990.", "Drilling in the ring structure (abstract)", None, None),
        ("Roe, J., Drilling in the ring, Harbour Geology, v. 3, pp. 9-12, 1990.",
         "Drilling in the ring", "Roe, J., ", None),
        ("Roe, J., Harbour Songs (London: Nord, 1987), 45.", "Harbour Songs", None, None),
        ("Roe, L. V., Poe-Kiel, V.I., Moe,K., Tides, Harbour Geology, v. 3, 1990.", "Tides",
         None, None),
        # a name the list did not take ("Poe, V I", initials without stops) is no title
        ("Roe, L. V., Poe, V I, Tides, Harbour Geology, v. 3, 1990.", PASS, None, None),
        ("Roe, Jane, Harbour Songs (London: Nord, 1987), 45.", PASS, None, None),
        ("ROE, supra note 4, at 5.", PASS, None, None),
    ],
    "read_one_name_author": [
        ("Cicero. De oratore. Trans. E. W. Sutton. Cambridge: Harvard University Press, 1942.",
         "De oratore", "Cicero. ", None),
        ("Ovid. Metamorphoseon. Stuttgart: Reclam, 1994.", "Metamorphoseon", None, None),
        ("Cicero. De oratore. Harvard University Press, 1979. Print.", "De oratore", None, None),
        # no imprint: nothing says the one word is an author's name
        ("Harbours. A history of the tides, 1990.", PASS, None, None),
    ],
    "read_old_style_book": [
        ("A Voyage to the Baltic Harbours, London, 1751, vol. 2, p. 47.",
         "A Voyage to the Baltic Harbours", None, None),
        ("Annals of the Harbour of Kiel, Hamburg [1802(?)], p. 9.",
         "Annals of the Harbour of Kiel", None, None),
        ("Jane Roe, Harbour Songs, London, 1751.", PASS, None, None),
        ("Harbour Board, Annual Report 2019 (Kiel, 2020).", PASS, None, None),
    ],
    "read_data_source": [
        ("U.S. Harbor Bureau, Port Data Online, Tide Gauge Series, station 0207, ",
         "Tide Gauge Series", "U.S. Harbor Bureau", "Port Data Online"),
        ("Harbour Statistics Agency, Ports Database, Annual Cargo Tables.",
         "Annual Cargo Tables", "Harbour Statistics Agency", "Ports Database"),
        ("Jane Roe, Rivers and Ports, Boston.", PASS, None, None),
        ("Harbor Bureau, Port Data, Volume 3.", PASS, None, None),
        ("U.S. Harbor Department, Washington, D.C., Office of Tides.", PASS, None, None),
        ("Harbor Bureau, Port Data Online, Tide Tables, May 5, 2020.", PASS, None, None),
        ("Harbor Data Monitor LLC; commodity 1201, ", None, "Harbor Data Monitor LLC", None),
    ],
    "read_title_by": [
        ("Legends of the Harbour, by Jane Roe, vol. 2, p. 30.", "Legends of the Harbour",
         None, None),
        ("Tide Tables: A Primer, by Ira R. Roe and John Poe  ", "Tide Tables: A Primer", None,
         None),
        ("The tales were collected, by Jane Roe, in 1880.", PASS, None, None),
    ],
    "read_volume_note": [
        ("Cf. Poe, Myths of the Harbour, 3d ed., Kiel, 1896, p. 62.", "Myths of the Harbour", None,
         None),
        ("Proceedings of the Harbour Society, new series, vol. 4 (1887), p. 132.", None, None,
         "Proceedings of the Harbour Society"),
        ("Proc. Harb. Antiq. Soc., n.s., vol. 4, 1887, p. 132.", None, None,
         "Proc. Harb. Antiq. Soc."),
        ("Roe, Harbour Tribes, vol. 1, p. 360.", "Harbour Tribes", "Roe", None),
        ("Roe, Tide Legends of the Coast, Boston, 1884, p. 93.", "Tide Legends of the Coast",
         "Roe", None),
        ("Coll. Harb. Hist. Soc., 1885, vol. 5, p. 130.", None, None, "Coll. Harb. Hist. Soc."),
        ("Harbour Antiquarian, vol. x, p. 33.", None, None, "Harbour Antiquarian"),
        ("Taken from the third volume of the Harbour Documents, p. 4.", "Harbour Documents",
         None, None),
        ("Kiel, 1689, p. 59, et. seq.", None, None, None),
        ("Journal of Harbour Folk-Lore, Vol. II. p. 229.", None, None,
         "Journal of Harbour Folk-Lore"),
        ("In the Harbour Monthly, vol. xii, 1887.", None, None, "Harbour Monthly"),
        ("Harbour Legends of the Coast, p. 30.", "Harbour Legends of the Coast", None, None),
        ("UNCTAD, p. 7.", PASS, None, None),
        ("Op. cit., vol. 5, p. 423.", PASS, None, None),
        ("Harbour Board, Annual Report, p. 7.", PASS, None, None),
    ],
    "read_archive_collection": [
        ("Records of the Harbour Board, Harbour State Library and Archives.",
         "Records of the Harbour Board", None, None),
        ("Roe Family Papers, Box 3, Folder 2, Harbour Historical Society, Boston.",
         "Roe Family Papers", None, None),
        ("Roe Family Papers, 1850-1870, Harbour Historical Society.", "Roe Family Papers",
         None, None),
        ("Harbour Papers, Second Series (Boston, 1901).", PASS, None, None),
    ],
    "read_unmarked": [
        ("Jane Roe, Rivers and Ports (Boston: Harbor Press, 2010), 45.", "Rivers and Ports",
         "Jane Roe", None),
        ("Roe, Jane. Rivers and Ports. Boston: Harbor Press, 2010.", "Rivers and Ports",
         "Roe, Jane", None),
        # the author given name first, the title, then the place and publisher: not two
        # persons ("Harbour Songs" is no name); two persons stay two
        ("Jane Roe, Harbour Songs. London: Nord, 1987, p. 58.", "Harbour Songs", "Jane Roe",
         None),
        ("Jane Roe, John Poe. Harbour Songs. London: Nord, 1987.", "Harbour Songs", None, None),
        ("U.S. Harbor Office (HO), Ports: Agencies Need Data, HO-19-123, May 2019, p. 5.",
         "Ports: Agencies Need Data", None, None),
        # a bibliography's inverted name, then the title (two words or more)
        ("Roe, Jane, Rivers and Ports: A History, Boston: Harbor Press, 2010.",
         "Rivers and Ports: A History", "Roe, Jane", None),
        ("Roe, Jane A., Rivers and Ports, Boston: Harbor Press, 2010.", "Rivers and Ports",
         "Roe, Jane A", None),
        ("Roe, Häfen, S. 47.", "Häfen", "Roe", None),
        # a short form: the one word after the name is the title
        ("Roe, Tides, 45.", "Tides", "Roe", None),
        ("Reuters, May 5, 2020.", None, None, "Reuters"),
        ("Portnews.kz, May 5, 2020.", None, None, "Portnews.kz"),
        ("the port authority's page, 2020.", None, None, None),
    ],
}


def _read(reader: readers.Reader, text: str) -> readers.TitleParts | None:
    dates = find_dates(text)
    return reader(text, blank_dates(text, dates) if dates else text)


@pytest.mark.parametrize(
    ("name", "text", "title", "before", "container"),
    [(name, *case) for name, cases in CASES.items() for case in cases],
)
def test_reader_reads_its_shape(name: str, text: str, title: object, before: str | None,
                                container: str | None) -> None:
    parts = _read(getattr(readers, name), text)
    if title is PASS:
        assert parts is None
        return
    assert parts is not None
    assert parts.title == title
    if before is not None:
        assert parts.before == before
    if container is not None:
        assert parts.container == container


def test_every_reader_has_cases() -> None:
    assert [reader.__name__ for reader in readers.READERS] == list(CASES)


def test_the_last_reader_always_answers() -> None:
    assert readers.find_title("", "") == readers.TitleParts(reader="read_unmarked")
    assert readers.READERS[-1] is readers.read_unmarked


def test_a_bibliography_run_into_one_line_is_read_at_once() -> None:
    """Hundreds of commas and no law review: every reader gives up (or answers) in linear
    time. The law-review pattern used to backtrack for minutes on this shape (a French
    bibliography, `Name (Given), Title, Place, year.`, run together by a PDF's conversion)."""
    import signal

    entry = ("Quay (Anne Marie), Le port et la ville, éd. revue, Lyon, 2003. — Les digues, "
             "Paris, 1998 (Études, 12). Marlow (Jean) et Weir (Paul), « Sur les marées », dans "
             "Les côtes, 2e éd., 2018, p. 189-216,  . ")
    text = entry * 12

    def give_up(*_: object) -> None:
        raise TimeoutError("a reader backtracked")

    previous = signal.signal(signal.SIGALRM, give_up)
    signal.alarm(10)
    try:
        for reader in readers.READERS:
            _read(reader, text)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
