"""Reference parsing across the citation styles real papers use (written for these tests,
not taken from the sample papers): Chicago notes and bibliography, think-tank endnotes, APA,
Harvard, MLA, Wikipedia, GOST, news, government and social-media citations."""

import pytest

from checker.model import Footnote
from checker.references import parse_footnotes, parse_references


def one(text: str):
    refs = parse_references(text)
    assert len(refs) == 1, refs
    return refs[0]


CASES = [
    # Chicago notes
    ('Steven Lee Myers, "China\'s Pandemic Response Draws Praise," *New York Times*, '
     "March 5, 2020, https://www.nytimes.com/2020/03/05/world/asia/china-coronavirus.html.",
     {"authors": ["Myers, Steven Lee"], "title": "China's Pandemic Response Draws Praise",
      "container": "New York Times", "domain": "nytimes.com", "date": "2020-03-05",
      "type": "news"}),
    ("Jane Smith, *The Book Title: A Subtitle* (New York: Penguin, 2015), 45–47.",
     {"authors": ["Smith, Jane"], "title": "The Book Title: A Subtitle", "publisher": "Penguin",
      "date": "2015", "type": "book", "url": None}),
    ('John Doe and Richard Roe, "Article Title," *Journal of Things* 12, no. 3 (2018): '
     "233–50, https://doi.org/10.1080/12345.678.",
     {"authors": ["Doe, John", "Roe, Richard"], "container": "Journal of Things",
      "doi": "10.1080/12345.678", "date": "2018", "type": "journal"}),
    ('Marlene Laruelle, "The Paradox of Nationalism," in *Central Asia in Context*, ed. '
     "John Smith (London: Routledge, 2018), 101–20.",
     {"title": "The Paradox of Nationalism", "container": "Central Asia in Context",
      "type": "chapter", "date": "2018"}),
    ("Paul Stronski and Nicole Ng, *Cooperation and Competition: Russia and China in Central "
     "Asia, the Russian Far East, and the Arctic* (Washington, DC: Carnegie Endowment for "
     "International Peace, 2018), https://carnegieendowment.org/2018/02/28/coop-pub-75673.",
     {"authors": ["Stronski, Paul", "Ng, Nicole"],
      "publisher": "Carnegie Endowment for International Peace", "date": "2018"}),
    ('Bruce Pannier, "Kyrgyzstan\'s Coronavirus Crisis," RFE/RL, July 7, 2020, '
     "https://www.rferl.org/a/kyrgyzstan-crisis/30712345.html (accessed July 20, 2020).",
     {"container": "RFE/RL", "date": "2020-07-07", "accessed": "2020-07-20", "type": "news"}),
    ('Nargis Kassenova, "China\'s Silk Road and Kazakhstan\'s Bright Path," PONARS Eurasia '
     "Policy Memo No. 506, February 2018, http://www.ponarseurasia.org/memo/silk-road.",
     {"authors": ["Kassenova, Nargis"], "date": "2018-02", "type": "report"}),
    ("International Crisis Group, *Central Asia's Silk Road Rivalries*, Europe and Central "
     "Asia Report no. 245 (Brussels: ICG, 2017), 12.",
     {"title": "Central Asia's Silk Road Rivalries", "authors": ["International Crisis Group"],
      "publisher": "ICG", "type": "report", "date": "2017"}),
    ("Alexander Cooley, Great Games, Local Rules: The New Great Power Contest in Central Asia "
     "(New York: Oxford University Press, 2012), 3.",
     {"title": "Great Games, Local Rules: The New Great Power Contest in Central Asia",
      "publisher": "Oxford University Press", "type": "book"}),
    ("Nikolai Demchenko, *Irrigation of Turkestan* (Tashkent, 1918), 12.",
     {"title": "Irrigation of Turkestan", "container": None, "type": "book", "date": "1918"}),
    # Chicago bibliography, italics lost in the PDF text
    ("Pantucci, Raffaello. Sinostan: China's Inadvertent Empire. Oxford: Oxford University "
     "Press, 2019.",
     {"authors": ["Pantucci, Raffaello"], "title": "Sinostan: China's Inadvertent Empire",
      "publisher": "Oxford University Press", "date": "2019", "type": "book"}),
    ('Smith, John. 2019. "Dams and Diplomacy." Central Asian Survey 38 (2): 145–67.',
     {"authors": ["Smith, John"], "container": "Central Asian Survey", "date": "2019",
      "type": "journal"}),
    # think-tank and government endnotes
    ('U.S. Department of State, "2019 Country Reports on Human Rights Practices: Kazakhstan," '
     "March 11, 2020, https://www.state.gov/reports/2019-country-reports/kazakhstan/.",
     {"title": "2019 Country Reports on Human Rights Practices: Kazakhstan",
      "authors": ["U.S. Department of State"], "date": "2020-03-11", "type": "government"}),
    ('Ministry of Foreign Affairs of the Republic of Kazakhstan, "Statement on the Situation," '
     "press release, January 6, 2022.",
     {"publisher": "Ministry of Foreign Affairs of the Republic of Kazakhstan",
      "date": "2022-01-06", "type": "government"}),
    ('"Press Statements following Russian-Chinese talks." Presidential Executive Office, 2015, '
     "http://en.kremlin.ru/events/president/transcripts/49433.",
     {"domain": "en.kremlin.ru", "date": "2015", "type": "government"}),
    ("Kazakhstan Ministry of Energy, Annual Report 2019 (Nur-Sultan, 2020), 14.",
     {"title": "Annual Report 2019", "date": "2020"}),
    ('David Dollar, "Seven Years into China\'s Belt and Road," Brookings Institution, '
     "October 1, 2020, https://www.brookings.edu/blog/2020/10/01/seven-years/.",
     {"container": "Brookings Institution", "type": "report", "date": "2020-10-01"}),
    # APA, Harvard, MLA
    ("Smith, J. A., & Doe, R. (2019). Title of the article on trade. Journal of Trade, "
     "12(3), 45–67. https://doi.org/10.1000/xyz123",
     {"authors": ["Smith, J. A.", "Doe, R."], "title": "Title of the article on trade",
      "container": "Journal of Trade", "date": "2019", "type": "journal"}),
    ("Umarov, T. (2020, March 30). China looms large in Central Asia. Carnegie Moscow Center. "
     "https://carnegie.ru/commentary/81402",
     {"authors": ["Umarov, T."], "title": "China looms large in Central Asia",
      "container": "Carnegie Moscow Center", "date": "2020-03-30"}),
    ("Frankopan, Peter (2015). The Silk Roads: A New History of the World. London: "
     "Bloomsbury. ISBN 978-1-4088-3997-3.",
     {"title": "The Silk Roads: A New History of the World", "publisher": "Bloomsbury",
      "type": "book"}),
    ("Smith, J. (2019) 'Water scarcity in Central Asia', The Guardian, 5 May. Available at: "
     "https://www.theguardian.com/world/2019/may/05/water (Accessed: 10 June 2020).",
     {"title": "Water scarcity in Central Asia", "container": "The Guardian",
      "accessed": "2020-06-10", "type": "news"}),
    ('Smith, John. "Title of Essay." *Journal of Studies*, vol. 12, no. 3, 2019, pp. 45-67.',
     {"title": "Title of Essay", "container": "Journal of Studies", "type": "journal"}),
    # MLA 7 (volume.issue, "Print."), as a PDF's Works Cited prints it
    ("Ribner, Irving. \u201cThe Idea of History in Marlowe\u2019s Tamburlaine.\u201d ELH 20.4 "
     "(1953): 251\u2013266. Print.",
     {"authors": ["Ribner, Irving"], "title": "The Idea of History in Marlowe\u2019s Tamburlaine",
      "container": "ELH", "date": "1953", "type": "journal"}),
    # Wikipedia
    ('Pannier, Bruce (5 January 2022). "Kazakhstan\'s Protests". RFE/RL. Archived from the '
     "original on 6 January 2022. Retrieved 7 January 2022.",
     {"authors": ["Pannier, Bruce"], "container": "RFE/RL", "date": "2022-01-05",
      "accessed": "2022-01-07"}),
    ('Vakulchuk, Roman; Overland, Indra (2019). "China\'s Belt and Road Initiative". Journal '
     "of Eurasian Studies. 10 (1): 8–20. doi:10.1177/1879366519829241.",
     {"authors": ["Vakulchuk, Roman", "Overland, Indra"], "doi": "10.1177/1879366519829241",
      "url": "https://doi.org/10.1177/1879366519829241", "type": "journal"}),
    ('"Kazakhstan". The World Factbook. Central Intelligence Agency. Retrieved 14 January 2022.',
     {"title": "Kazakhstan", "container": "The World Factbook", "accessed": "2022-01-14",
      "date": None}),
    # GOST and other languages
    ("Лаумулин М.Т. Китай в Центральной Азии // Казахстан-Спектр. 2019. № 2. С. 7–22.",
     {"authors": ["Лаумулин, М.Т."], "title": "Китай в Центральной Азии",
      "container": "Казахстан-Спектр", "date": "2019", "type": "journal"}),
    ("«Токаев провел переговоры» // Tengrinews.kz. 17 мая 2023. URL: "
     "https://tengrinews.kz/kazakhstan_news/12345/ (дата обращения: 20.05.2023).",
     {"title": "Токаев провел переговоры", "container": "Tengrinews.kz", "date": "2023-05-17",
      "accessed": "2023-05-20", "domain": "tengrinews.kz"}),
    ("Dupont, Pierre. « La Chine en Asie centrale ». Le Monde, 12 mars 2020.",
     {"title": "La Chine en Asie centrale", "container": "Le Monde", "date": "2020-03-12"}),
    ("Müller, Hans. „Chinas Seidenstraße“. Frankfurter Allgemeine Zeitung, 5. März 2019.",
     {"title": "Chinas Seidenstraße", "date": "2019-03-05", "type": "news"}),
    # news and sites
    ('"China-led \\$280 Million Kyrgyzstan Project Abandoned After Protests," Reuters.com, '
     "February 18, 2020.",
     {"title": "China-led $280 Million Kyrgyzstan Project Abandoned After Protests",
      "container": "Reuters.com", "domain": "reuters.com", "url": None, "type": "news"}),
    ('Reuters. "Kazakhstan Says It Will Not Help Russia Evade Sanctions." Reuters, March 28, '
     "2022.",
     {"container": "Reuters", "authors": [], "date": "2022-03-28"}),
    ("Reuters, May 5, 2020.", {"title": None, "container": "Reuters", "date": "2020-05-05"}),
    ("https://www.example.com/some/page.html",
     {"url": "https://www.example.com/some/page.html", "domain": "example.com", "type": "web"}),
    # social media
    ("Donald J. Trump (@realDonaldTrump), Twitter, January 2, 2018, 4:49 p.m., "
     "https://twitter.com/realDonaldTrump/status/948355557022420992.",
     {"authors": ["Trump, Donald J."], "container": "Twitter", "type": "social",
      "date": "2018-01-02"}),
    ('"Tokayev speech at the UN," YouTube video, posted by Akorda, September 22, 2021, '
     "https://www.youtube.com/watch?v=abcdEFGhijk.",
     {"type": "social", "date": "2021-09-22"}),
    # Chicago author-date
    ("Ostrowski, Wojciech. 2011. Politics and Oil in Kazakhstan. London: Routledge.",
     {"authors": ["Ostrowski, Wojciech"], "title": "Politics and Oil in Kazakhstan",
      "publisher": "Routledge", "date": "2011", "type": "book"}),
    ('Heathershaw, J. 2014. "The Global Performance State." Europe-Asia Studies 66: 29–51.',
     {"authors": ["Heathershaw, J."], "title": "The Global Performance State",
      "container": "Europe-Asia Studies", "date": "2014", "type": "journal"}),
    # an editor's role between the name and an unmarked title
    ("Anna Kowalska and Piotr Nowak, eds., Water and Power in the Steppe (Warsaw: Scholar, "
     "2016), 12.",
     {"authors": ["Kowalska, Anna", "Nowak, Piotr"], "title": "Water and Power in the Steppe",
      "publisher": "Scholar", "date": "2016", "type": "book"}),
    # a report's series number after an unmarked title
    ("Human Rights Watch, Silenced Voices, Asia Report no. 17 (New York: HRW, June 3, 2015).",
     {"title": "Silenced Voices", "authors": ["Human Rights Watch"], "date": "2015-06-03",
      "type": "report"}),
    # Wikipedia reference lists copied as text: caret and back-link letters
    ('^ a b c Ozturk, Aylin (4 April 2016). "Ferghana water talks stall". Asia Plus. '
     "Archived (PDF) from the original on 9 May 2017. Retrieved 1 June 2018.",
     {"authors": ["Ozturk, Aylin"], "title": "Ferghana water talks stall",
      "container": "Asia Plus", "date": "2016-04-04", "accessed": "2018-06-01"}),
    ('^ "Census results" (PDF). Statistics Agency. 2019. Archived (PDF) from the original '
     "on 2 May 2020.",
     {"title": "Census results", "date": "2019"}),
    # a quoted title with a quoted title inside it, straight quotes throughout
    ('"Ministry answers the article "Dams on the Naryn": 12 claims, 4 corrections," kloop.kg, '
     "June 2, 2021.",
     {"title": 'Ministry answers the article "Dams on the Naryn": 12 claims, 4 corrections',
      "container": "kloop.kg", "date": "2021-06-02", "type": "news"}),
    # an agreement between states is a government document, whatever site prints it
    ('"Agreement between the Government of the Kyrgyz Republic and the Government of the '
     'Republic of Tajikistan on the State Border," signed March 3, 2005, '
     "https://cbd.minjust.gov.kg/act/view/123.",
     {"type": "government", "date": "2005-03-03"}),
    # GOST book without "//", authors by initials
    ("Петров П.П., Сидоров С. С. Вода и власть в Ферганской долине. М.: Наука, 2017. 210 с.",
     {"authors": ["Петров, П.П.", "Сидоров, С. С."],
      "title": "Вода и власть в Ферганской долине", "publisher": "Наука", "date": "2017",
      "type": "book"}),
    # a Russian organisation's name: only its first word capitalised
    ('"Годовой отчёт," Министерство энергетики Республики Узбекистан, 12 мая 2021 г.',
     {"container": "Министерство энергетики Республики Узбекистан", "date": "2021-05-12",
      "type": "government"}),
    # Vancouver: the year, a semicolon, the volume
    ("Kim S. Glacier loss in the Pamirs. Mountain Research. 2018;12(3):45-67.",
     {"authors": ["Kim, S."], "title": "Glacier loss in the Pamirs",
      "container": "Mountain Research", "date": "2018", "type": "journal"}),
    ("Ortiz M, Bekov TK, et al. Snow cover in the Tien Shan. Alpine Research. "
     "2017;9(1):10-21. doi:10.1080/15230430.2017.1234567",
     {"authors": ["Ortiz, M", "Bekov, TK"], "title": "Snow cover in the Tien Shan",
      "container": "Alpine Research", "date": "2017", "type": "journal"}),
    ("Retrieved from https://www.example.org/country/overview",
     {"title": None, "url": "https://www.example.org/country/overview"}),
    ("Carnegie Institution. (2019). Water futures in the Aral basin [Policy brief]. "
     "https://www.example.org/research/aral/",
     {"title": "Water futures in the Aral basin", "authors": ["Carnegie Institution"],
      "date": "2019", "type": "report"}),
    ("Asian Bank (2019) Tajik Energy Review [Online]. Available at: "
     "https://www.example.org/handle/10986/1 (Accessed: 12 May 2020).",
     {"title": "Tajik Energy Review", "authors": ["Asian Bank"], "date": "2019",
      "accessed": "2020-05-12"}),
    ('"Aral Sea." Wikipedia. Wikimedia Foundation, 3 Feb. 2022.',
     {"title": "Aral Sea", "container": "Wikipedia", "date": "2022-02-03", "type": "web"}),
    ("Available at: https://www.example.org/statements/2020-04 (accessed 12 April 2020).",
     {"title": None, "url": "https://www.example.org/statements/2020-04",
      "accessed": "2020-04-12"}),
    # an organisation's acronym in brackets before the title, and a date range in the title
    ("Asian Development Bank (ADB), Key Indicators 2020–21: Asia and the Pacific "
     "(Manila: ADB, 2021), 12.",
     {"authors": ["Asian Development Bank (ADB)"], "publisher": "ADB", "date": "2021",
      "title": "Key Indicators 2020–21: Asia and the Pacific"}),
    # a chapter in an edited book whose title has commas
    ('Anna Ivanova, "Water Politics," in Eurasia Today: States, Markets, and Borders, ed. '
     "Paul Green and Mary White (Oxford: Oxford University Press, 2016), 40–58.",
     {"title": "Water Politics", "container": "Eurasia Today: States, Markets, and Borders",
      "type": "chapter", "date": "2016"}),
    # a family name that is also an institution word, after a common given name
    ("Jonathan House, A Military History of the Cold War (Norman: University of Oklahoma "
     "Press, 2012), 88.",
     {"authors": ["House, Jonathan"], "title": "A Military History of the Cold War"}),
    ("Victoria University, Annual Report 2019 (Wellington: VUW, 2020).",
     {"authors": ["Victoria University"], "title": "Annual Report 2019"}),
    # a government body with its document's number before the title
    ('Ministry of Economy of the Republic of Kazakhstan, Order No. 45-2/113, "On Customs '
     'Rates," May 4, 2021.',
     {"authors": ["Ministry of Economy of the Republic of Kazakhstan"],
      "title": "On Customs Rates", "date": "2021-05-04"}),
    # APA chapter in an edited book
    ("Brown, T. (2018). Border trade. In S. Green & P. White (Eds.), Markets of the Steppe "
     "(pp. 12–30). Routledge.",
     {"title": "Border trade", "container": "Markets of the Steppe", "type": "chapter",
      "date": "2018"}),
    # MLA: the date after "Web." is when it was read
    ('Tokayev, K. "Address to the Nation." Nur-Sultan, 2020. Web. 5 Apr. 2021.',
     {"date": "2020", "accessed": "2021-04-05"}),
    # an outlet spelled with a small first letter
    ('Ana Petrova, "Steppe Politics," openDemocracy, 3 March 2021.',
     {"container": "openDemocracy", "date": "2021-03-03"}),
    # a site and a date, nothing else
    ("Lenta.ru, 12 May 2019.",
     {"title": None, "container": "Lenta.ru", "domain": "lenta.ru", "date": "2019-05-12"}),
    # a numbered series with its month in brackets: a report, not a journal's volume
    ('Dina Sultan, "Rail Corridors," Eurasia Policy Memo No. 512 (March 2019), '
     "https://www.example.org/memo-512/.",
     {"type": "report", "date": "2019-03", "container": "Eurasia Policy Memo"}),
    # an outlet whose name starts with an article is no person
    ('Der Spiegel, "Die Lage in Zentralasien," 4. Mai 2021, https://www.spiegel.de/a-123.html.',
     {"authors": [], "container": "Der Spiegel", "type": "news"}),
    # a book with a DOI and its publisher in brackets
    ("Ann Lee, Steppe Empires (Cambridge: Cambridge University Press, 2010), "
     "https://doi.org/10.1017/CBO9780511000001.",
     {"type": "book", "doi": "10.1017/CBO9780511000001"}),
    # an international instrument named by its title alone, and a UN resolution
    ("Treaty on Friendship and Cooperation among the Central Asian States, signed "
     "September 14, 2022, Cholpon-Ata.",
     {"title": "Treaty on Friendship and Cooperation among the Central Asian States",
      "container": None, "type": "government", "date": "2022-09-14"}),
    ("UN General Assembly Resolution 2758 (XXVI), A/RES/2758, October 25, 1971.",
     {"type": "government", "date": "1971-10-25"}),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_fields(text: str, expected: dict) -> None:
    ref = one(text)
    for name, value in expected.items():
        assert getattr(ref, name) == value, (name, ref)


def test_raw_is_the_citation_itself() -> None:
    refs = parse_references('Lee, Ann. "First." *Star*, May 1, 2001; and Lee, Ann. "Second." '
                            "*Star*, May 2, 2001.")
    assert [r.raw for r in refs] == ['Lee, Ann. "First." *Star*, May 1, 2001',
                                     'Lee, Ann. "Second." *Star*, May 2, 2001']


def test_several_works_with_labels_and_see_also() -> None:
    refs = parse_references(
        'See, e.g., Smith, "First Article," *Daily Star*, May 1, 2001; Doe, "Second Article," '
        "*Daily Star*, May 2, 2001."
    )
    assert [(r.title, r.authors) for r in refs] == [("First Article", ["Smith"]),
                                                     ("Second Article", ["Doe"])]
    refs = parse_references('"A first story," kun.uz, May 5, 2020. See also "A second story," '
                            "gazeta.uz, May 6, 2020.")
    assert [r.domain for r in refs] == ["kun.uz", "gazeta.uz"]


def test_sentences_of_works_without_semicolons() -> None:
    refs = parse_references('"Floods in the south," kaktus.media, May 5, 2020. '
                            '"Dams overflow," 24.kg, May 6, 2020.')
    assert [r.title for r in refs] == ["Floods in the south", "Dams overflow"]


def test_a_semicolon_right_after_a_url_separates_works() -> None:
    refs = parse_references(
        'Ann Lee, "Steppe Trade," Carnegie, March 3, 2020, https://example.org/trade/81402; '
        'Bob Ray, "Pamir Roads," Eurasia Monitor 17, no. 4 (2020).'
    )
    assert [(r.title, r.url) for r in refs] == [
        ("Steppe Trade", "https://example.org/trade/81402"), ("Pamir Roads", None)]


def test_every_link_of_a_note_is_a_cited_page() -> None:
    refs = parse_references("See the ministry's statements at https://www.example.gov/en/news/ "
                            "and https://www.example.gov/en/press/.")
    assert [r.url for r in refs] == ["https://www.example.gov/en/news/",
                                     "https://www.example.gov/en/press/"]
    # an archived copy, a DOI already read and a link to a cited site's home page are not
    refs = parse_references(
        '"Floods," [kaktus.media](http://kaktus.media), May 5, 2020, '
        "archived at https://web.archive.org/web/2020/https://kaktus.media/floods."
    )
    assert [r.url for r in refs] == [
        "https://web.archive.org/web/2020/https://kaktus.media/floods"]
    refs = parse_references('Lee, "Water," *Survey* 3 (2019), https://doi.org/10.1080/02634937.2019.11.')
    assert [r.doi for r in refs] == ["10.1080/02634937.2019.11"]
    assert parse_references("Ibid., https://example.org/page.") == []


def test_author_date_cites_in_a_note_are_one_reference_each() -> None:
    refs = parse_references("See Cooley (2012) and Laruelle and Peyrouse (2018, p. 12); "
                            "Smith et al. (2019a: 45), 7.")
    assert [(r.authors, r.date, r.title) for r in refs] == [
        (["Cooley"], "2012", None), (["Laruelle", "Peyrouse"], "2018", None),
        (["Smith"], "2019", None)]
    # an APA reference starts the same way but goes on: it is a full citation
    (ref,) = parse_references("Abazov, R. (2007). Culture and Customs. Westport: Greenwood.")
    assert ref.title == "Culture and Customs"


def test_semicolons_inside_titles_and_parentheses_do_not_split() -> None:
    ref = one('"War; and peace in the valley," *Times* (London; New York edition), May 3, 2001.')
    assert ref.title == "War; and peace in the valley"


@pytest.mark.parametrize(
    "text",
    [
        "These numbers are approximate and vary depending on the source used; the trend, "
        "however, is clear.",
        "Author interview with a Kazakh official, Almaty, March 2019.",
        "Personal communication with the author, May 2021.",
        "Aigerim Sultanova, interview with the author, Osh, 14 June 2021.",
        "Daniyar Bek, interview by the author via Zoom, July 8, 2021.",
        "Video conversation with a ministry official, 2020.",
        "The term \"soft power\" was coined by Joseph Nye in 1990 and has been used widely since.",
        "Since summer 2019, RFE/RL's Kyrgyz service, *Radio Azattyk*, has published a series of "
        "detailed reports describing how a former customs official smuggled money abroad.",
        "Ibid., 45.",
        "Op. cit.",
        "",
    ],
)
def test_explanatory_notes_and_backreferences_have_no_own_reference(text: str) -> None:
    assert parse_references(text) == []


def test_prose_then_citation_keeps_the_citation() -> None:
    ref = one("This figure was calculated by the author from official customs statistics; see "
              'Kazakhstan Bureau of National Statistics, "Foreign Trade Turnover," 2020, '
              "https://stat.gov.kz/official/industry/31/statistic/7.")
    assert ref.title == "Foreign Trade Turnover"
    assert ref.authors == ["Kazakhstan Bureau of National Statistics"]
    assert ref.raw.startswith("Kazakhstan Bureau")


def test_citation_then_prose_keeps_the_citation() -> None:
    ref = one('Jane Doe, "Water Wars," *Steppe Monitor*, May 5, 2020, '
              "https://example.org/water. The article quotes officials who asked not to be "
              "named and whose claims could not be verified independently.")
    assert ref.url == "https://example.org/water"
    assert "verified" not in ref.raw


def test_date_in_a_title_is_not_the_publication_date() -> None:
    ref = one('"The 2019 elections in review," eurasianet.org, January 5, 2021.')
    assert ref.date == "2021-01-05"
    ref = one('"Protests of May 2019," kaktus.media.')
    assert ref.date is None


def test_dates_after_the_title_win_over_prose_dates() -> None:
    ref = one("See the remarks in parliament on 12 May 2020, reported by \"Minister defends "
              'policy," Kun.uz, May 13, 2020.')
    assert ref.date == "2020-05-13"


def test_all_fields_have_their_types() -> None:
    for text, _ in CASES:
        for ref in parse_references(text):
            assert isinstance(ref.authors, list) and all(isinstance(a, str) for a in ref.authors)
            assert ref.type in ("news", "journal", "report", "book", "chapter", "government",
                                "web", "social")
            for name in ("date", "accessed"):
                value = getattr(ref, name)
                assert value is None or len(value) in (4, 7, 10)
            assert ref.raw


def test_long_and_odd_notes_stay_fast() -> None:
    """Cost grows with the length of a note, not with its square (a converter can glue a
    whole page into one note)."""
    import time

    notes = [
        "It's the author's view that China's role isn't clear. " * 2000,
        '"a" b "c, ' * 3000,
        '"Title," site.com, May 5, 2020; ' * 1000,
        "https://example.org/a- b/ c%20 d " * 2000,
        "Smith. Title. Oxford: OUP, 2019. " * 2000,
        "x" * 100_000,
    ]
    start = time.perf_counter()
    for text in notes:
        parse_references(text)
    assert time.perf_counter() - start < 3.0


def test_a_perma_cc_copy_after_a_url_is_the_archived_copy_not_a_work() -> None:
    refs = parse_references("Ann Roe, Harbor Rules, PORT BLOG (May 2, 2023), "
                            "https://port.example/2023/05/rules [https://perma.cc/AB12-CD34].")
    assert [r.url for r in refs] == ["https://port.example/2023/05/rules"]
    (alone,) = parse_references("Archived record, https://perma.cc/AB12-CD34.")
    assert alone.url == "https://perma.cc/AB12-CD34"


def test_records_an_investigation_cites_have_their_writer_as_author() -> None:
    (memo,) = parse_references("Memorandum from Jane Roe, Deputy Director, to John Poe (May 9, "
                               "2017).")
    assert (memo.title, memo.authors, memo.date) == (
        "Memorandum from Jane Roe, Deputy Director, to John Poe", ["Roe, Jane"], "2017-05-09")
    interview, case = parse_references("Interview of John Poe (Jan. 3, 2018) at 2; see also "
                                       "United States v. Roe, No. 1:18-cr-32 (D.D.C. Feb. 16, "
                                       "2018).")
    assert (interview.title, interview.authors, interview.date) == (
        "Interview of John Poe", [], "2018-01-03")
    assert case.title == "United States v. Roe"


def test_a_record_written_by_an_office_has_no_person_as_author() -> None:
    (letter,) = parse_references("Letter from Harbor Agent to Commissioner of Ports, July 9, 1899.")
    assert (letter.title, letter.authors, letter.date) == (
        "Letter from Harbor Agent to Commissioner of Ports", [], "1899-07-09")


def test_a_name_that_is_its_links_host_is_the_site_not_an_author() -> None:
    (before,) = parse_references("Harbor Ledger, “Tolls Rise Again,” April 7, 2026, "
                                 "https://harbor-ledger.com/article/tolls-rise.")
    assert (before.authors, before.container) == ([], "Harbor Ledger")
    (after,) = parse_references("Ann Roe, “Bulk Freight Slows,” portwatch, March 5, 2026, "
                                "https://www.portwatch.com/blog/bulk-freight.")
    assert (after.authors, after.container) == (["Roe, Ann"], "portwatch")
    (owner,) = parse_references("Harbor Shipping Council, “The Top Ports,” "
                                "https://www.harborshipping.org/top-ports.")
    assert owner.authors == ["Harbor Shipping Council"] and owner.container is None


# Wikipedia reference lists converted to markdown (docling, pandoc): back-links, links to the
# wiki's own pages, identifier links, spaced punctuation (invented examples of those shapes)
CONVERTED_WIKIPEDIA = [
    ('[**^**](#cite_ref-1) ["Harbour of the North"](https://harbour.example/north). '
     '[*Harbour Weekly*](/wiki/Harbour_Weekly "Harbour Weekly"). Retrieved April 1, 2021.',
     {"title": "Harbour of the North", "container": "Harbour Weekly", "date": None,
      "url": "https://harbour.example/north", "accessed": "2021-04-01"}),
    ('^ [***a***](#cite_ref-HW_3-0) [***b***](#cite_ref-HW_3-1) ["Tides Explained"]'
     '(https://tides.example/post/tides). *Tides Blog*. Retrieved September 17, 2019.',
     {"title": "Tides Explained", "container": "Tides Blog"}),
    ('[Smith, John](/wiki/John_Smith "John Smith") (2005). [*Ducks of the World*]'
     '(https://archive.org/details/ducks00). London: Harbour Press. p. 45. '
     '[ISBN](/wiki/ISBN_(identifier) "ISBN (identifier)") [978-0-12-345678-9]'
     '(/wiki/Special:BookSources/978-0-12-345678-9 "Special:BookSources/978-0-12-345678-9").',
     {"title": "Ducks of the World", "authors": ["Smith, John"], "date": "2005",
      "url": "https://archive.org/details/ducks00"}),
    ('Lind, Anna; Berg, Olof (March 2007). "Sediment in Estuaries". *Estuary Letters* . '
     '**17** (1): 5- 20. [ISSN](\\wiki\\ISSN_(identifier)) '
     '[0129-6264](https://search.worldcat.org/issn/0129-6264) .',
     {"title": "Sediment in Estuaries", "container": "Estuary Letters", "date": "2007-03",
      "url": None}),
    ('Lind, Anna; Berg, Olof (27 April 2019). "Survey of Harbour Silt". '
     '[arXiv](\\wiki\\ArXiv_(identifier)) : [1806.01799](https://arxiv.org/abs/1806.01799) '
     '[ [cs.DS](https://arxiv.org/archive/cs.DS) ].',
     {"title": "Survey of Harbour Silt", "date": "2019-04-27", "container": None}),
    ('["Dredging Report"](https://web.archive.org/web/20210825121127/https://dredge.example/r.pdf)'
     ' (PDF) . Archived from [the original](https://dredge.example/r.pdf) (PDF) on 2021-08-25 .'
     ' Retrieved 2020-03-09 .',
     {"title": "Dredging Report", "url": "https://dredge.example/r.pdf", "date": None,
      "accessed": "2020-03-09"}),
    ('Berg, Olof (January 2013). [*Harbour Dredging*](https://www.sea.example/books/588/) . '
     'Sea Society. [doi](\\wiki\\Doi_(identifier)) : [10.1090/conm/588](https://doi.org/'
     '10.1090%2Fconm%2F588) .',
     {"title": "Harbour Dredging", "doi": "10.1090/conm/588", "date": "2013-01",
      "url": "https://www.sea.example/books/588/"}),
    # a link's label holding brackets, then the site: the URL stays as printed
    ('["Pier opens [Updated] | Harbour News"](http://harbour.example/2014/03/pier-opens/). '
     'harbour.example. Retrieved 2014-04-05.',
     {"title": "Pier opens [Updated] | Harbour News",
      "url": "http://harbour.example/2014/03/pier-opens/"}),
    # CS1 authors joined by semicolons, initials with full stops, "et al." last
    ('Lind, A. M.; Berg, O.-J.; Holm, K.P.; et al. (2010). ["Silt in the Sound"]'
     '(https://estuary.example/silt). *Estuary Letters*. 108 (5): 1815.',
     {"title": "Silt in the Sound", "authors": ["Lind, A. M.", "Berg, O.-J.", "Holm, K.P."],
      "container": "Estuary Letters", "date": "2010"}),
    ('Murray-Lind, Anna P.; van Berg, Olof (1998). "Tides of the North". *Harbour Review*. '
     '95 (15): 9047–52.',
     {"title": "Tides of the North", "authors": ["Murray-Lind, Anna P.", "van Berg, Olof"]}),
    # cite book: "In Editors (eds.). *Book*." holds the chapter; editors listed with ";"
    ('Roe, Jane (1986). "Pilots of the Sound". In Poe, B.; Doe, Ann (eds.). *The Harbour '
     'Book of Days*. Kiel: Nord. pp. 52–54.',
     {"title": "Pilots of the Sound", "authors": ["Roe, Jane"],
      "container": "The Harbour Book of Days", "date": "1986"}),
    ('Roe, J. (1992). "Family Anatidae (Ducks and Swans)". In del Poe, J.; Doe, A.; Moe, J. '
     '(eds.). *Handbook of the Harbour Birds*. Vol. 1. Kiel: Nord. pp. 536–629.',
     {"title": "Family Anatidae (Ducks and Swans)", "authors": ["Roe, J."],
      "container": "Handbook of the Harbour Birds", "date": "1992"}),
    # a bracket with italics after a book's title goes on the title: no outlet in it
    ('Roe, Jane, ed. (2005). *Ducks and Swans: Species Accounts* (*Cairina* to *Mergus*). '
     'Harbour Birds of the World. Nord Press. ISBN 978-0-19-861009-0.',
     {"title": "Ducks and Swans: Species Accounts", "container": None, "date": "2005"}),
    # the editors of a book between the date and its title; an original date in brackets
    ('Roe, Jane (April 2009) [originally published in 1966]. Poe, Ben (ed.). '
     '[*Dredging, Early*](https://harbour.example/1966/dredging). Harbour Encyclopaedia. '
     'Retrieved 7 January 2011.',
     {"title": "Dredging, Early", "authors": ["Roe, Jane"], "date": "2009-04"}),
    # cite book: after the italic title, the plain name is the publisher (an ISBN printed)
    ('Roe, Jane (1980). *Harbour Yesterday*. John Poe. p. 18. ISBN 0-86868-012-5.',
     {"title": "Harbour Yesterday", "container": None, "publisher": "John Poe",
      "date": "1980"}),
    ('Roe, Jane (2011). [*Tides*](https://books.example.org/books?id=x). Harbour Publishing '
     'Company. p. 22.',
     {"title": "Tides", "container": None, "publisher": "Harbour Publishing Company"}),
    # links to the wiki's articles written absolute (a saved page): their text only; a quoted
    # title linked there is the article cited
    ('Roe, Jane (2009-10-01). ["Triangle Review"](https://www.harbour.example/triangle/) . '
     '*[Harbour](https://en.wikipedia.org/wiki/Harbour_(magazine))*. Retrieved 2018-07-09.',
     {"title": "Triangle Review", "container": "Harbour",
      "url": "https://www.harbour.example/triangle/"}),
    ('Roe, Jane (2015), *Tides*, [Nord & Company](https://en.wikipedia.org/wiki/Nord_%26_Co), '
     '[ISBN](https://en.wikipedia.org/wiki/ISBN_(identifier)) [9780786478071]'
     '(https://en.wikipedia.org/wiki/Special:BookSources/9780786478071)',
     {"title": "Tides", "url": None, "date": "2015"}),
    ('["Duck"](https://en.wikipedia.org/wiki/Duck). *Wikipedia*. Retrieved 2020-01-01.',
     {"title": "Duck", "url": "https://en.wikipedia.org/wiki/Duck"}),
    # a note that is one link: its text is the title; a quoted title keeps its brackets
    ('[Harbour Films – A Definitive 2023 List (Live the Same Tide Over)]'
     '(https://harbour.example/films/)',
     {"title": "Harbour Films – A Definitive 2023 List (Live the Same Tide Over)",
      "date": None, "container": None, "url": "https://harbour.example/films/"}),
    ('[here](https://harbour.example/films/)', {"title": None}),
    ('["1990 (63rd): Short Film (Live Action)"](https://harbour.example/a) . *Awards '
     'Database*.', {"title": "1990 (63rd): Short Film (Live Action)", "authors": [],
                    "container": "Awards Database"}),
    # what CS1 prints about the file, the kind of work, the language, and the pages cited
    ('Harbour Board (21 December 2007). [Fifth Report on the Tides](https://harbour.example/'
     'r5.pdf) (PDF) (Report). p. 89. Retrieved 2 March 2020.',
     {"title": "Fifth Report on the Tides", "authors": ["Harbour Board"],
      "date": "2007-12-21"}),
    ('Roe, Jane (2019). ["Les canards"](https://canard.example/x) (in French). *Le Canard*. '
     'Retrieved 1 May 2020.',
     {"title": "Les canards", "container": "Le Canard", "date": "2019"}),
    # a protocol-relative link takes https
    ('Roe, J. (2007). [Harbour Pilots](//books.example.org/books?id=abc). Harbour Press.',
     {"title": "Harbour Pilots", "url": "https://books.example.org/books?id=abc",
      "date": "2007"}),
]


@pytest.mark.parametrize(("text", "expected"), CONVERTED_WIKIPEDIA,
                         ids=[c[0][:40] for c in CONVERTED_WIKIPEDIA])
def test_converted_wikipedia_references(text: str, expected: dict) -> None:
    reference = one(text)
    for name, value in expected.items():
        assert getattr(reference, name) == value, (name, getattr(reference, name))


# Technical documents (PEPs, design notes): reference lists of labelled links, reST links,
# a page's title with its link in brackets (invented examples of those shapes)
TECHNICAL_REFERENCES = [
    ("Tide tables for the harbour (https://tides.example.org/tables.html)",
     {"title": "Tide tables for the harbour", "url": "https://tides.example.org/tables.html"}),
    ("`Harbour Benchmark Suite <https://code.example.org/harbour/bench>`_",
     {"title": "Harbour Benchmark Suite", "url": "https://code.example.org/harbour/bench"}),
    ("Harbour Benchmark Suite `<https://code.example.org/harbour/bench>`__",
     {"title": "Harbour Benchmark Suite", "domain": "code.example.org"}),
    # a post's author in brackets after its subject: a name, a thread's starter, a nickname
    # (only where the link is a list's archive)
    ("Tide tables for Python 4 (Jane Roe)\n   https://mail.example.org/pipermail/harbour-dev/"
     "2006-July/066889.html", {"title": "Tide tables for Python 4", "authors": ["Roe, Jane"]}),
    ('Sky pie: a "neap" keyword (a thread started by Jane Roe)\n   https://mail.example.org/'
     "pipermail/harbour-3000/2006-October/003968.html",
     {"title": 'Sky pie: a "neap" keyword', "authors": ["Roe, Jane"]}),
    ("Alternatives to 'ebb' (Tidewalker)\n   https://mail.example.org/pipermail/harbour-3000/"
     "2006-October/004021.html", {"title": "Alternatives to 'ebb'", "authors": ["Tidewalker"],
                                  "container": None}),
    ("Tide tables (Draft) https://tides.example.org/tables.html",
     {"title": "Tide tables (Draft)", "authors": []}),
]


@pytest.mark.parametrize(("text", "expected"), TECHNICAL_REFERENCES,
                         ids=[c[0][:40] for c in TECHNICAL_REFERENCES])
def test_technical_references(text: str, expected: dict) -> None:
    reference = one(text)
    for name, value in expected.items():
        assert getattr(reference, name) == value, (name, getattr(reference, name))


def test_a_labelled_list_of_links_is_one_reference_per_link() -> None:
    refs = parse_references("Tides: https://tides.example.org/ Currents: "
                            "https://currents.example.net/about")
    assert [(r.title, r.domain) for r in refs] == [("Tides", "tides.example.org"),
                                                    ("Currents", "currents.example.net")]
    refs = parse_references("Harbour charts\n   https://charts.example.org/north.html\n"
                            "   https://charts.example.org/south.html")
    assert [(r.title, r.url) for r in refs] == [
        ("Harbour charts", "https://charts.example.org/north.html"),
        ("Harbour charts", "https://charts.example.org/south.html")]
    refs = parse_references("Jane Roe, posting to harbour-dev, May 2011: "
                            "https://lists.example.org/harbour-dev/2011-May/0001.html and "
                            "https://lists.example.org/harbour-dev/2011-May/0007.html")
    assert [(r.authors, r.date) for r in refs] == [(["Roe, Jane"], "2011-05")] * 2


def test_links_with_a_sentence_between_them_are_no_list() -> None:
    refs = parse_references("The charts are at https://charts.example.org/north.html and "
                            "the tables are at https://tides.example.org/tables.html.")
    assert [r.title for r in refs] == [None, None]


# Humanities notes: archives, newspapers and pages named inside commentary (invented examples)
def test_an_archive_collection_cited_as_a_whole_is_a_work() -> None:
    roe, board = parse_references(
        "See Jane Roe, “The Harbour Board, 1862–1865,” *Harbour Quarterly* 27, no. 4 (April "
        "1924): 253–275; Records of the Harbour Board, Harbour State Library and Archives.")
    assert roe.title == "The Harbour Board, 1862–1865"
    assert (board.title, board.container, board.authors) == (
        "Records of the Harbour Board", None, [])


def test_a_letter_in_a_collection_named_after_in() -> None:
    (letter,) = parse_references("J. R. Roe to John Poe, August 7, 1864, from the border in "
                                 "Records of the Harbour Board, Harbour State Archives.")
    assert (letter.title, letter.container, letter.date) == (
        "J. R. Roe to John Poe", "Records of the Harbour Board", "1864-08-07")


def test_a_newspaper_issue_named_inside_commentary() -> None:
    (paper,) = parse_references("See the reprinted article in Harbourtown *Courier*, "
                                "July 5, 1862.")
    assert (paper.title, paper.container, paper.date) == (None, "Courier", "1862-07-05")


def test_a_sentence_of_commentary_with_a_link_is_no_part_of_the_citation_before() -> None:
    book, page = parse_references(
        "See Jane Roe, *The Harbour Pilots* (Boston: Tide Press, 2008). "
        "[J. R. Poe](http://wiki.example.org/J.%20R.%20Poe), a pilot in the harbour, had left "
        "for the coast in 1863 after the war closed the port to the ships he knew.")
    assert (book.title, book.url) == ("The Harbour Pilots", None)
    assert (page.title, page.url) == (None, "http://wiki.example.org/J.%20R.%20Poe")


def test_a_quoted_title_with_its_date_after_running_words() -> None:
    (post,) = parse_references("and my summary of the estimates at “How Many Ships Came to "
                               "Port?,” June 25, 2013, <http://harbour.example.edu/ships.html>.")
    assert (post.title, post.date) == ("How Many Ships Came to Port?", "2013-06-25")


# 19th-century notes: volume and page, abbreviated periodicals, "by" after the title
OLD_STYLE_NOTES = [
    ("Roe, Harbour Tribes, vol. 1, p. 360.",
     {"title": "Harbour Tribes", "authors": ["Roe"], "container": None}),
    ("See Mr. Roe's Tide Legends, p. 30.", {"title": "Tide Legends", "authors": ["Roe"]}),
    ("Science, vol. xv, p. 117.", {"title": None, "container": "Science"}),
    ("Coll. Harb. Hist. Soc., 1885, vol. 5, p. 130.",
     {"title": None, "container": "Coll. Harb. Hist. Soc", "date": "1885"}),
    ('J. Roe, "Tide Spirits," in Proc. Harb. Soc., vol. iv, p. 12.',
     {"title": "Tide Spirits", "container": "Proc. Harb. Soc"}),
    ("The Tide Spirits, by J. Roe, in the Harbour Monthly, vol. 5, 1880.",
     {"title": "The Tide Spirits", "authors": ["Roe, J."], "container": "Harbour Monthly",
      "date": "1880"}),
    ('"The Tide Spirits," by J. Roe, *Harbour Monthly*, May 1880.',
     {"title": "The Tide Spirits", "authors": ["Roe, J."], "container": "Harbour Monthly"}),
    ("Kiel, 1689, p. 59, et. seq.", {"title": None, "container": None, "date": "1689"}),
]


@pytest.mark.parametrize(("text", "expected"), OLD_STYLE_NOTES,
                         ids=[c[0][:40] for c in OLD_STYLE_NOTES])
def test_old_style_notes(text: str, expected: dict) -> None:
    reference = one(text)
    for name, value in expected.items():
        assert getattr(reference, name) == value, (name, getattr(reference, name))


def test_where_an_archive_keeps_a_record_is_no_container() -> None:
    (letter,) = parse_references("Letter from Jane Roe to John Poe, July 9, 1899, Folder 12 "
                                 "Harbour Affairs, Box 3, NARA-KC.")
    assert (letter.title, letter.container, letter.date) == (
        "Letter from Jane Roe to John Poe", None, "1899-07-09")


def test_a_census_table_titled_by_its_year() -> None:
    key, census = parse_references("[@roe2008harbours, 181]. U.S. Bureau of Harbours, 1960 "
                                   "Census, Harbour County, n.d., census.example.gov.")
    assert (key.authors, key.date) == (["Roe"], "2008")
    assert (census.title, census.authors, census.container, census.domain) == (
        "1960 Census", ["U.S. Bureau of Harbours"], None, "census.example.gov")


def test_a_short_form_ending_on_a_one_digit_page_before_commentary() -> None:
    refs = parse_references("Roe, *Tides of War*, 7. Other scholars, such as John Poe, have "
                            "pointed to the practices of the harbour masters, which were "
                            "common in the ports where the ships were taken. See John Poe, "
                            "*Harbour Reckoning* (Boston: Tide Press, 2010).")
    assert [(r.title, r.container) for r in refs] == [("Tides of War", None),
                                                      ("Harbour Reckoning", None)]


def test_a_sentence_thanking_linked_people_cites_only_their_pages() -> None:
    refs = parse_references(
        "I am grateful for the suggestions that were made by [Jane Roe](https://social.example"
        ".com/jroe) and [John Poe](http://poe.example.edu/), who each looked at the charts "
        "while they were being drawn and found many things that they wished were different.")
    assert [(r.title, r.container, r.url) for r in refs] == [
        (None, None, "https://social.example.com/jroe"), (None, None, "http://poe.example.edu/")]


def test_a_quoted_letters_signature_is_no_title() -> None:
    refs = parse_references('The master received the following reply:-- *To the Pilot John '
                            'Poe.* Kiel, Nov. 25, 1826. "It gave me great pleasure to receive '
                            'your charts. I send you a ring as a token of my esteem. "JANE ROE." '
                            "Poe adds that the stones in the ring were false.")
    assert "JANE ROE" not in [r.title for r in refs]


@pytest.mark.parametrize(("text", "title", "authors", "container", "date"), [
    ("Jane Roe, Tides Turn, N.Y. TIMES, Oct. 7, 2014, at A22.",
     "Tides Turn", ["Roe, Jane"], "N.Y. TIMES", "2014-10-07"),
    ("Editorial, A Long Wait, Harbor J. Sentinel, Aug. 2, 2014, at 8A.",
     "A Long Wait", [], "Harbor J. Sentinel", "2014-08-02"),
    ("Press Release, Dep't of Harbors, Harbor Opens (Feb. 10, 2014), "
     "https://harbors.example/news/opens.html.",
     "Harbor Opens", ["Dep't of Harbors"], None, "2014-02-10"),
    ("Tide Tables, Harbor Inst. (last updated Sept. 9, 2013), https://harbor.example/tides.",
     "Tide Tables", [], "Harbor Inst", "2013-09-09"),
    ("John Q. Poe, Jr., The Law of Tides 45 (1996).",
     "The Law of Tides", ["Poe, John Q. Jr"], None, "1996"),
])
def test_bluebook_news_web_and_book_citations(text: str, title: str, authors: list[str],
                                              container: str | None, date: str) -> None:
    """Bluebook's newspaper (``OUTLET, date, at page``), web page (``SITE (last updated
    date), URL``), press release (the issuer after the kind of piece) and a book whose
    author carries a suffix; the kind of piece (``Editorial``) is no author."""
    (ref,) = parse_references(text)
    assert (ref.title, ref.authors, ref.container, ref.date) == (title, authors, container, date)


def test_polish_notes_tamze_place_year_books_and_chapters() -> None:
    """Polish notes: a book as ``Title, Place YEAR, s. N`` (no publisher, no author needed),
    ``w:`` ("in") before the book that holds a chapter, ``red.`` its editor, ``Por.`` and
    ``Zob.`` signals, and ``Tamże`` (ibid.) for the previous note's work."""
    notes = [Footnote(number=1, line=1, text="Zob. Dzieje portu, Gdańsk-Gdynia 1990, s. 5."),
             Footnote(number=2, line=2, text="Tamże, s. 1900."),
             Footnote(number=3, line=3, text="Por. K. Poe, Port i miasto, w: Studia nad portami,"
                                             " red. J. Roe, Gdynia 1969, s. 310—372.")]
    parse_footnotes(notes)
    assert [(r.title, r.authors, r.container, r.date) for n in notes for r in n.references] == [
        ("Dzieje portu", [], None, "1990"), ("Dzieje portu", [], None, "1990"),
        ("Port i miasto", ["Poe, K."], "Studia nad portami", "1969")]
    assert notes[1].references[0].ibid


def test_french_chapter_dans_and_voir() -> None:
    """French notes: ``dans`` before the book that holds a chapter, ``dir.`` its editor;
    ``Voir`` is a signal, not a name."""
    (chapter,) = parse_references("Jean Roe, « Les ports », dans Études portuaires, dir. J. Poe,"
                                  " Paris, PUF, 1969, p. 31.")
    assert (chapter.title, chapter.authors, chapter.container, chapter.date) == (
        "Les ports", ["Roe, Jean"], "Études portuaires", "1969")
    (book,) = parse_references("Voir Jean Roe, Les ports de France, Paris, 1998, p. 12.")
    assert (book.title, book.authors) == ("Les ports de France", ["Roe, Jean"])


def test_a_book_cited_after_commentary_keeps_the_sentences_before_its_imprint() -> None:
    """A book's place and publisher never stand alone: the title before them is read even
    when its subtitle follows a full stop and commentary precedes the citation."""
    (ref,) = parse_references(
        "He was also called a harbour poet and a critic of the port's history and its many "
        "old songs (\u201cHafendichter\u201d), see: Jane Roe, Harbour Songs: or the Coast in "
        "Ballads. K\u00f6ln: Rheinland-Verlag, 1987, p. 58.")
    assert (ref.title, ref.authors, ref.date) == (
        "Harbour Songs: or the Coast in Ballads", ["Roe, Jane"], "1987")


def test_a_bluebook_report_keeps_the_link_printed_after_it() -> None:
    (ref,) = parse_references("HARBOR BUREAU, TIDES IN AMERICA 4 (2012), "
                              "https://harbor.example/tides.pdf.")
    assert (ref.title, ref.authors, ref.date, ref.url) == (
        "TIDES IN AMERICA", ["HARBOR BUREAU"], "2012", "https://harbor.example/tides.pdf")


def test_a_book_editor_is_no_author_of_a_part_and_a_series_volume_no_outlet() -> None:
    """``R. Roe (ed.), 'Part', *Book*``: the editor edited the book, not the part; a series
    with its volume marked after the book (``Harbour Society Vol. XXV (London 1887)``,
    ``Harbour Society XIII-XIV (1878, 1879)``) is no container."""
    (part,) = parse_references("R. Roe (ed.), 'De Haut', _The Visitation of Harbours_, "
                               "Harbour Society XLII (London 1898), pp. 212\u201314.")
    assert (part.title, part.authors, part.container, part.date) == (
        "De Haut", [], "The Visitation of Harbours", "1898")
    (book,) = parse_references("J. Poe, _Allegations of the Harbour_ Vol. I, Harbour Society "
                               "Vol. XXV (London 1887), p. 39.")
    assert (book.title, book.container, book.date) == ("Allegations of the Harbour", None, "1887")
    (run,) = parse_references("W. Poe (ed.), _The Visitations of Harbours_ 2 Vols, Harbour "
                              "Society XIII-XIV (1878, 1879), I, p. 88.")
    assert (run.title, run.container, run.date) == ("The Visitations of Harbours", None, "1878")


def test_french_short_forms_op_cit_with_a_title_and_guillemets() -> None:
    """French notes cite again by the name and the title, with ``op. cit.`` (``art. cit.``)
    or by the title in guillemets with spaces inside: both are the work cited before."""
    notes = [Footnote(number=1, line=1, text="Jean Roe, « Les ports », dans Études portuaires, "
                                             "dir. J. Poe, Paris, PUF, 1969, p. 31."),
             Footnote(number=2, line=2, text="Jean Roe, Les quais, Paris, 1971, p. 3."),
             Footnote(number=3, line=3, text="J. Roe, Les ports, op. cit., p. 14."),
             Footnote(number=4, line=4, text="Roe, « Les ports », p. 15.")]
    parse_footnotes(notes)
    for note in notes[2:]:
        (ref,) = note.references
        assert (ref.title, ref.container, ref.date) == ("Les ports", "Études portuaires", "1969")


def test_a_chicago_note_by_three_authors_with_an_unmarked_title() -> None:
    """``A, B, and C, Title (Place: Publisher, Year)``: the names before "and C" are
    authors too, not the start of the title (italics lost in a plain-text copy)."""
    (ref,) = parse_references("Jure Roe, Anand Poe, and Jeffrey D. Moe, Mining of Harbours, "
                              "2nd ed. (Cambridge: Nord Press, 2014), ch. 3.")
    assert (ref.title, ref.authors, ref.date) == (
        "Mining of Harbours", ["Roe, Jure", "Poe, Anand", "Moe, Jeffrey D."], "2014")


def test_a_bare_supra_note_is_a_cross_reference_citing_nothing() -> None:
    """``See supra note 1.`` sends the reader to another note; ``Roe, supra note 1`` cites
    Roe's work of that note."""
    notes = [Footnote(number=1, line=1, text="Jane Roe, Tides, 12 HARBOR L.J. 3, 5 (2001)."),
             Footnote(number=2, line=2, text="See supra note 1."),
             Footnote(number=3, line=3, text="Roe, supra note 1, at 7.")]
    parse_footnotes(notes)
    assert notes[1].references == []
    assert [r.title for r in notes[2].references] == ["Tides"]


def test_a_slip_opinion_by_docket_takes_the_name_the_body_gives(tmp_path) -> None:
    """A note that cites a case by docket number alone (``No. 14-556 (U.S. June 26,
    2015).``) takes the case's name from the body at its marker; Id. after it is that case,
    with the full date of the slip opinion."""
    from checker.parse import parse_paths
    paper = tmp_path / "paper.txt"
    paper.write_text("The harbour cases\n\n"
                     "Then the Court decided Roe v. Harbor Board,[1] and it held so.[2]\n\n"
                     "[Footnote 1: No. 14-556 (U.S. June 26, 2015).]\n\n"
                     "[Footnote 2: Id. at 4.]\n", encoding="utf-8")
    run = parse_paths([str(paper)])
    (doc,) = run.documents
    assert [(r.title, r.container, r.date) for n in doc.footnotes for r in n.references] == [
        ("Roe v. Harbor Board", None, "2015-06-26"), ("Roe v. Harbor Board", None, "2015-06-26")]


def test_a_piece_cut_inside_an_act_then_commentary_is_no_citation() -> None:
    refs = parse_references(
        "It wrote off the rule, see Act of Apr. 29, 1935, ch. 286, 1935 Harb. Laws 710, 712, as "
        "merely the State\u2019s attempt to \u201cavoid paying for the taking.\u201d Roe, 143 "
        "S. Ct. at 1379.")
    assert [r.title for r in refs] == ["Act of Apr. 29, 1935", "Roe"]


@pytest.mark.parametrize(("text", "expected"), [
    ("Some ports moved slowly. E.g., Alan Roe, In Kiel, One Port Closes, N.Y. TIMES (June 26, "
     "2015, 12:16 PM), http://harbor.example/kiel; Erik Poe & Manny Moe, After the Storm, Ports "
     "Fall in Line, N.Y. TIMES (June 29, 2015), http://harbor.example/storm.",
     [("In Kiel, One Port Closes", ["Roe, Alan"], "N.Y. TIMES", "2015-06-26"),
      ("After the Storm, Ports Fall in Line", ["Poe, Erik", "Moe, Manny"], "N.Y. TIMES",
       "2015-06-29")]),
    ("Lisa Roe, Harbor Act Introduced, WIS. GAZETTE, (July 29, 2015, 1:29), "
     "http://harbor.example/act.",
     [("Harbor Act Introduced", ["Roe, Lisa"], "WIS. GAZETTE", "2015-07-29")]),
    ("E.g., Press Release, Dep\u2019t of Harbors, Harbor Chief Announces Port Benefits Available "
     "to All Ships in Seven New States (July 9, 2015), http://harbor.example/pr.",
     [("Harbor Chief Announces Port Benefits Available to All Ships in Seven New States",
       ["Dep\u2019t of Harbors"], None, "2015-07-09")]),
    ("Tide Tables, WIS. DEP\u2019T HARBORS (Oct. 21, 2014), https://harbor.example/tides.",
     [("Tide Tables", [], "WIS. DEP\u2019T HARBORS", "2014-10-21")]),
])
def test_bluebook_web_sources_in_their_common_variants(text: str, expected: list) -> None:
    """A title that opens with a comma phrase is no second author (Bluebook joins a list of
    authors with "&"); a comma before the bracketed date, a time without AM/PM; a long press
    release title; a title alone before a site in small capitals; "E.g.," after commentary."""
    assert [(r.title, r.authors, r.container, r.date) for r in parse_references(text)] == expected


def test_a_quoted_title_before_in_colon_and_its_journal() -> None:
    """``"Title" in: *Journal*, issue 13`` (German and Wikipedia notes put a colon after
    "in"): the quoted title is a citation's even after a few words of lead."""
    refs = parse_references("This is mentioned in \"When the Tide Turned. Notes on a film\" in: "
                            "_Harbour Review_, issue 13.")
    assert [(r.title, r.container) for r in refs] == [
        ("When the Tide Turned. Notes on a film", "Harbour Review")]


def test_a_sentence_of_commentary_before_a_case_is_no_citation() -> None:
    refs = parse_references("Examples are Kiel and Lübeck litigation. Roe v. Harbor Bd., No. "
                            "14-0424 (S.D. Ala. Sept. 9, 2015); Poe v. Moe, Civ. Act. No. 15-44 "
                            "(E.D. Ky. Nov. 5, 2015).")
    assert [(r.title, r.date) for r in refs] == [("Roe v. Harbor Bd.", "2015-09-09"),
                                                 ("Poe v. Moe", "2015-11-05")]


def test_a_double_quote_closed_by_two_single_ones_in_a_pdf() -> None:
    """LaTeX's '' as some fonts set it, copied from a PDF: "“Title’’ in Book" is read as
    "“Title” in Book" (the title and the book it is in); two single quotes with no double one
    open before them stay as they are (a possessive closing a single quotation)."""
    from checker.references.leftovers import clean_converted

    [walsh] = parse_references(
        "Brian Walsh, \u201cThe Dramaturgy of Discomfort in Richard II\u2019\u2019 in Richard II: "
        "New Critical Essays, ed. Jeremy Lopez (London: Routledge, 2012), 181.")
    assert (walsh.title, walsh.container) == ("The Dramaturgy of Discomfort in Richard II",
                                              "Richard II: New Critical Essays")
    assert clean_converted("as \u2018the students\u2019\u2019 words") == \
        "as \u2018the students\u2019\u2019 words"


def test_a_quotation_inside_a_quotation_closed_out_of_order_in_a_pdf() -> None:
    """“... ‘Tides.”’: the two closing marks' boxes overlap and were read right to left; the
    single one closes first. An apostrophe in a word closes nothing."""
    from checker.references.leftovers import clean_converted

    [work] = parse_references(
        "For his account of the port, see Walter Roe, \u201cWhen the Harbour Ruled the Coast: "
        "Kiel and Its Forged \u2018Charters.\u201d\u2019")
    assert (work.title, work.authors) == (
        "When the Harbour Ruled the Coast: Kiel and Its Forged \u2018Charters.\u2019",
        ["Roe, Walter"])
    assert clean_converted("\u201cIt\u2019s the \u2018best\u2019 tide,\u201d\u2019s") == \
        "\u201cIt\u2019s the \u2018best\u2019 tide,\u201d\u2019s"


def test_a_name_ending_a_see_sentence_is_the_next_titles_author() -> None:
    """"... see also Jean E. Howard. "Title." Journal": the name's full stop ends no citation
    of its own; the name is the quoted title's author."""
    found = parse_references(
        "Alan Liu. \u201cThe Power of Formalism.\u201d ELH 56.4 (1989): 721\u201371. For another "
        "critique, see also Jean E. Howard. \u201cThe New Historicism in Renaissance "
        "Studies.\u201d English Literary Renaissance 16 (1986): 13\u201343.")
    assert [(ref.title, ref.authors) for ref in found] == [
        ("The Power of Formalism", ["Liu, Alan"]),
        ("The New Historicism in Renaissance Studies", ["Howard, Jean E."])]


def test_zotero_placeholder_links_of_google_docs_are_the_citation_not_its_url() -> None:
    """Zotero in Google Docs links each citation to https://www.zotero.org/google-docs/?id;
    exported (markdown, Word, HTML), the link is no page to cite or check."""
    (ref,) = parse_references("[Jane Roe, \u201cPorts of Call,\u201d *Harbour Review* 12 (2001): "
                              "5.](https://www.zotero.org/google-docs/?a1B2c3)")
    assert (ref.title, ref.authors, ref.container, ref.date, ref.url) == (
        "Ports of Call", ["Roe, Jane"], "Harbour Review", "2001", None)
    (broken,) = parse_references("[Roe, *Ports*, 2001.](https://www.zotero.org/google-docs/"
                                 "?broken=x9Y8z7)")
    assert broken.url is None and broken.title == "Ports"
    (wrapped,) = parse_references(  # Google Docs' HTML export wraps every link
        "[Roe, *Ports*, 2001.](https://www.google.com/url?q=https://www.zotero.org/google-docs/"
        "?a1B2c3&sa=D&source=editors&ust=1700000000000000)")
    assert wrapped.url is None and wrapped.title == "Ports"
    # a page of zotero.org itself is cited as any page
    (page,) = parse_references("\u201cCitation styles,\u201d Zotero, 2020, "
                               "https://www.zotero.org/styles/")
    assert page.url == "https://www.zotero.org/styles/"


def test_a_link_beside_an_author_year_cite_stays_a_reference() -> None:
    """The author-year finder replaces the splitter's citation that held both; the printed
    link is still cited (and checked)."""
    refs = parse_references("See (Roe 2001) and the ministry's data at "
                            "https://ministry.example/data.")
    assert [(r.authors, r.date, r.url) for r in refs] == [
        (["Roe"], "2001", None), ([], None, "https://ministry.example/data")]


@pytest.mark.parametrize("text, title, authors, container, date", [
    # APA: the title reads as a sentence of prose; the head before it says it is the title
    ("Cooper, G. F. (1990). The computational complexity of probabilistic inference using "
     "Bayesian belief networks. Artificial Intelligence, 42(2-3), 393-405.",
     "The computational complexity of probabilistic inference using Bayesian belief networks",
     ["Cooper, G. F."], "Artificial Intelligence", "1990"),
    # a second work of the year, "(1994a)"
    ("Gent, I. P., & Walsh, T. (1994a). Easy problems are sometimes hard. Artificial "
     "Intelligence, 70, 335-345.", "Easy problems are sometimes hard",
     ["Gent, I. P.", "Walsh, T."], "Artificial Intelligence", "1994"),
    # initials first, the authors a sentence of their own (ACM, IEEE)
    ("M. Gupta and P. Banerjee. Automatic data partitioning on distributed memory "
     "multiprocessors. In Proceedings of the 6th Distributed Memory Computing Conference, "
     "Portland, OR, April 1991.", "Automatic data partitioning on distributed memory "
     "multiprocessors", ["Gupta, M.", "Banerjee, P."], None, "1991-04"),
    ("W. H. Enright. Improving the efficiency of matrix operations in the numerical solution "
     "of stiff ordinary differential equations. ACM Trans. Math. Softw., 4(2), 127-136, 1978.",
     "Improving the efficiency of matrix operations in the numerical solution of stiff "
     "ordinary differential equations", ["Enright, W. H."], None, "1978"),
    # full names, two joined by "and": the list says they are persons
    ("Peter Puschner and Anton Schedl. A tool for the computation of worst case task execution "
     "times. In Proc. of the 5th EUROMICRO Workshop on Real-Time Systems, 1993.",
     "A tool for the computation of worst case task execution times",
     ["Puschner, Peter", "Schedl, Anton"], None, "1993"),
    # family names first, initials after them, the last initial ending the sentence
    ("Knopfmacher, A., and Warlimont, R. Distinct degree factorizations for polynomials over "
     "a finite field. Trans. Amer. Math. Soc. 347, (1995), 2235-2243.",
     "Distinct degree factorizations for polynomials over a finite field",
     ["Knopfmacher, A.", "Warlimont, R."], None, "1995"),
])
def test_reference_list_heads_of_the_sciences(text, title, authors, container, date) -> None:
    """Shapes of AnyStyle's training set (bench/anystyle_score.py --set core)."""
    (ref,) = parse_references(text)
    assert (ref.title, ref.authors, ref.date) == (title, authors, date)
    if container is not None:
        assert ref.container == container


def test_an_organisation_with_initials_is_no_list_of_authors() -> None:
    """"U.S. Census Bureau" is no "U. S. Census", nor "L. REV." an author."""
    (ref,) = parse_references("U.S. Census Bureau, USA Trade Online, HS Port-Level Data, "
                              "https://usatrade.census.gov/.")
    assert (ref.title, ref.authors) == ("HS Port-Level Data", ["U.S. Census Bureau"])


def test_tex_quotation_marks_typed_as_such_mark_the_title() -> None:
    (ref,) = parse_references("C. Rosene, ``Incremental dependence analysis,'' Ph.D. thesis, "
                              "Rice University, March 1990.")
    assert ref.title == "Incremental dependence analysis"


@pytest.mark.parametrize("text, container", [
    ("Roe, J. (2001). Harbour tolls in the Baltic. ACM Trans. Math. Softw., 4(2), 127-136.",
     "ACM Trans. Math. Softw"),
    ("Jane Roe, \u201cHarbour tolls,\u201d IEEE J. Robotics Automation 4, pp. 213-218, 1988.",
     "IEEE J. Robotics Automation"),
    ("Jane Roe, \u201cHarbour tolls,\u201d J. Marit. Hist. 12 (2001): 4-9.", "J. Marit. Hist"),
])
def test_an_abbreviated_journal_keeps_its_full_stops(text, container) -> None:
    (ref,) = parse_references(text)
    assert ref.container == container and ref.title.lower().startswith("harbour tolls")


def test_an_editor_or_a_degree_is_no_abbreviated_journal() -> None:
    from checker.references.container import _abbreviated_outlet

    assert _abbreviated_outlet("Ed. John Poe. London: Nord") is None
    assert _abbreviated_outlet("Ph.D. thesis, Rice University") is None
    assert _abbreviated_outlet("Vol. 3, No. 2") is None
    assert _abbreviated_outlet("Morgan Kaufmann.") is None


def test_a_publisher_after_an_unmarked_book_title_is_no_outlet() -> None:
    (book,) = parse_references("B. K. P. Horn. Robot Vision. MIT Press, Cambridge, MA, 1986.")
    assert (book.title, book.container, book.publisher) == ("Robot Vision", None, "MIT Press")
    # a quoted title is an article's: the name after it is where it appeared
    (article,) = parse_references("Jane Roe, \u201cTides,\u201d Harbour Press, May 5, 2020.")
    assert article.container == "Harbour Press"


def test_proceedings_after_in_keep_their_abbreviations() -> None:
    (paper,) = parse_references(
        "Baader, F. (1991). Augmenting concept languages by transitive closure of roles. In "
        "Proc. of the 12th Int. Joint Conf. on Artificial Intelligence (IJCAI-91), pages 446-451.")
    assert paper.container == "Proc. of the 12th Int. Joint Conf. on Artificial Intelligence"


@pytest.mark.parametrize("text", [
    "Reilly, W. S. (1996). Believable Emotional and Social Agents. Ph.D. thesis, School of "
    "Computer Science, Carnegie Mellon University.",
    "Jane Roe, \u201cTides,\u201d Technical Report TR-9, Harbour Institute, 2001.",
    "Roe, J. (2001). Tides of the Baltic. Unpublished manuscript.",
])
def test_a_thesis_or_a_report_is_held_by_no_outlet(text) -> None:
    (work,) = parse_references(text)
    assert work.container is None and work.title.startswith(("Believable", "Tides"))


def test_an_edited_book_in_a_bibliography_has_its_editor_as_author() -> None:
    (book,) = parse_references("Leach, Neil, ed. Rethinking Architecture: A Reader In Cultural "
                               "Theory. London: Routledge, 1997.")
    assert (book.title, book.authors, book.publisher, book.date) == (
        "Rethinking Architecture: A Reader In Cultural Theory", ["Leach, Neil"], "Routledge",
        "1997")


@pytest.mark.parametrize("text, title, authors, container, date", [
    # the year after the names, not in brackets (ecology, Chicago author-date): the title
    # after it reads as prose, and stays the entry's title
    ("Marsh, T. 2011. The nesting of gulls on the northern cliffs in a wet year. Coastal "
     "Birds 12: 40-51.", "The nesting of gulls on the northern cliffs in a wet year",
     ["Marsh, T"], "Coastal Birds", "2011"),
    ("Fenwick, A. R., and D. L. Hale. 2008. Movements of young otters along a river that was "
     "dammed. River Notes 7: 101-119.", "Movements of young otters along a river that was "
     "dammed", ["Fenwick, A. R.", "Hale, D. L."], "River Notes", "2008"),
])
def test_author_date_heads_keep_a_title_that_reads_as_prose(text, title, authors, container,
                                                             date) -> None:
    (ref,) = parse_references(text)
    assert (ref.title, ref.authors, ref.container, ref.date) == (title, authors, container, date)


def test_a_title_and_year_after_a_name_are_no_author_date_head() -> None:
    """"Roe, Harbour Tides, 1990.": the year after a title's comma, not after names; the
    commentary after it is no title."""
    refs = parse_references("Roe, Harbour Tides, 1990. The book was reviewed widely and its "
                            "argument was taken up by many of the later historians of the port.")
    assert [(ref.title, ref.authors, ref.date) for ref in refs] == [
        ("Harbour Tides", ["Roe"], "1990")]


@pytest.mark.parametrize("text, title", [
    ("Jane P. Roe, The Harbour Office, 5th edn (Kiel: Nordhafen, 2008).", "The Harbour Office"),
    ("Roe, J., & Poe, A. (2008). Tides and currents: A field guide (3rd ed.). Kiel: Nordhafen.",
     "Tides and currents: A field guide"),
    ("Roe, Jane. Harbour Songs. 2nd ed. London: Nord, 1987.", "Harbour Songs"),
])
def test_an_edition_after_the_title_is_no_part_of_it(text, title) -> None:
    assert one(text).title == title


def test_an_edition_named_inside_a_title_stays_in_it() -> None:
    """No punctuation or bracket before it: the title's own words."""
    assert one('Jane Roe, "The 2nd Edition Problem," *Harbour Review* 4 (2001): 5.').title == \
        "The 2nd Edition Problem"


@pytest.mark.parametrize("text, title, authors, container, date", [
    # the year after an initial's comma (Elsevier's Harvard)
    ("Okafor, B.C., Lind, P., Aster, M.J., 2015. Salt in the soils of an old delta. Delta "
     "Soils 4, 11-20.", "Salt in the soils of an old delta",
     ["Okafor, B.C.", "Lind, P.", "Aster, M.J."], "Delta Soils", "2015"),
    # a title that ends with a year
    ("Roe, C., & Poe, S. (2007). Harbour dredging: A survey from 1995 to 2005. Journal of "
     "Ports, 33 (1), 135–146.", "Harbour dredging: A survey from 1995 to 2005",
     ["Roe, C.", "Poe, S."], "Journal of Ports", "2007"),
    # names with initials, a comma, the title, the journal with its volume
    ("Zeller, R. A., Amberg, G. C., The sulfide breccia of the harbour - a mud volcano. "
     "Harbour Geology, v. 17, pp. 253-274. 1972.", "The sulfide breccia of the harbour - a "
     "mud volcano", ["Zeller, R. A.", "Amberg, G. C."], "Harbour Geology", "1972"),
])
def test_name_first_entries_of_the_sciences(text, title, authors, container, date) -> None:
    (ref,) = parse_references(text)
    assert (ref.title, ref.authors, ref.container, ref.date) == (title, authors, container, date)


def test_a_title_and_year_after_a_given_name_are_no_initials_list() -> None:
    """"Roe, Jane, Title, 1990": no initials, so no author-date head with a comma before the
    year; a Chicago note keeps reading as it does."""
    ref = one("Jane Roe, The Harbour Pilot (Boston: Harbor Press, 2005), 12.")
    assert (ref.title, ref.authors, ref.date) == ("The Harbour Pilot", ["Roe, Jane"], "2005")


def test_french_bibliography_names_in_capitals_are_the_authors() -> None:
    ref = one("MARTIN, Hélène. DURAND, Eve. Les soins des marins, un guide. Kiel : Nordhafen, "
              "2009. 266 p.")
    assert (ref.title, ref.authors, ref.date) == (
        "Les soins des marins, un guide", ["Martin, Hélène", "Durand, Eve"], "2009")


def test_a_short_form_in_capitals_is_no_french_bibliography_entry() -> None:
    """"See JONES, supra note 4, at 5." stays a back-reference, not a title."""
    assert parse_references("See JONES, supra note 4, at 5.") == []


def test_a_list_name_printed_without_a_space_before_its_initials() -> None:
    ref = one("Schall, R. B., Gibbs, R.V. and Kiefer,S.W., Basaltic melts of the harbour "
              "(abstract). Harbour Geology, v. 56, pp. 1016. 1975.")
    assert (ref.title, ref.authors) == ("Basaltic melts of the harbour (abstract)",
                                        ["Schall, R. B.", "Gibbs, R.V.", "Kiefer, S.W."])


@pytest.mark.parametrize("text, title, authors, container, date", [
    # the year after a given name's full stop ("Roe, Jane. 2004.")
    ("Moreau, Philippe. 2004. A double inequality in the mobility of young harbour pilots. "
     "Kiel: Nordhafen.", "A double inequality in the mobility of young harbour pilots",
     ["Moreau, Philippe"], None, "2004"),
    # the year after a comma, the title to the comma before the journal and its numbers
    ("Roe, P.F. and Poe, R.D., 2010, Fragmentation of harbour walls owing to the tides, "
     "Harbour Geoscience, 3, 257-261.", "Fragmentation of harbour walls owing to the tides",
     ["Roe, P.F.", "Poe, R.D."], "Harbour Geoscience", "2010"),
])
def test_author_date_entries_with_a_given_name_or_a_comma_after_the_year(
        text, title, authors, container, date) -> None:
    (ref,) = parse_references(text)
    assert (ref.title, ref.authors, ref.date) == (title, authors, date)
    if container is not None:
        assert ref.container == container


def test_a_subtitle_as_a_sentence_before_the_journal_and_its_volume() -> None:
    ref = one("Kornfeld, Reimar (1981). Hafenanalyse und Förderplan. Fallbericht aus der "
              "Hafenschule. Zeitschrift für Häfen 28, 1-10.")
    assert (ref.title, ref.container) == (
        "Hafenanalyse und Förderplan. Fallbericht aus der Hafenschule", "Zeitschrift für Häfen")


def test_a_place_and_publisher_or_an_abbreviated_journal_is_no_subtitle() -> None:
    assert one("Roe, J. 2009. Talking about the harbour. Chicago: Harbor University Press. "
               "Second printing 2 vols.").title == "Talking about the harbour"
    assert one("Roe, J. 1989. Excerpts of the harbour records. Harb. Spices Med. Pl. 4: "
               "42-114.").title == "Excerpts of the harbour records"


# Reference-list entries of the sciences and medicine (invented examples of the shapes): a
# list's number before the entry, Vancouver author lists (family names, initials, no stops)
NUMBERED_AND_VANCOUVER = [
    ("37. Roe P, Poe AB, Moe C. Tide pools as nurseries for the harbour seal. Mar Biol. "
     "2000;355(12):2220-1.",
     {"authors": ["Roe, P", "Poe, AB", "Moe, C"],
      "title": "Tide pools as nurseries for the harbour seal", "container": "Mar Biol",
      "date": "2000"}),
    ("[4] Roe, K., Poe, M. (2003). Is salt a predictor of tidal outcome? Harbour Studies, "
     "29(2), 487-497.",
     {"authors": ["Roe, K.", "Poe, M."], "title": "Is salt a predictor of tidal outcome?",
      "date": "2003"}),
    ("12) Roe J, Poe K. Salinity of the inner harbour. J Harb Res. 2004;4:120-30.",
     {"authors": ["Roe, J", "Poe, K"], "title": "Salinity of the inner harbour",
      "container": "J Harb Res", "date": "2004"}),
    # a list opening with no full stop in its first words, particles, "et al."
    ("Lindqvist JF, van Dam WJ, Rutgers P, Enns R, Hansen SB, Poe R, et al. Long-term "
     "monitoring of tidal flats in the northern harbour: the TIDE trial. Coast Res. 2007;12:1-9.",
     {"authors": ["Lindqvist, JF", "van Dam, WJ", "Rutgers, P", "Enns, R", "Hansen, SB",
                  "Poe, R"],
      "title": "Long-term monitoring of tidal flats in the northern harbour: the TIDE trial",
      "date": "2007"}),
    # the year after the authors, in brackets or as a sentence
    ("Hill JO, Lund RR (2007) Consistent monitoring of harbour silt: a key to dredging "
     "plans. Harbour 15(12): 3091-6.",
     {"authors": ["Hill, JO", "Lund, RR"],
      "title": "Consistent monitoring of harbour silt: a key to dredging plans",
      "container": "Harbour", "date": "2007"}),
    ("77. Tarn A. 1989. Nature of the tidal bore in narrow estuaries. Rev Est Dis 11: 440-451.",
     {"authors": ["Tarn, A"], "title": "Nature of the tidal bore in narrow estuaries",
      "date": "1989"}),
    # family names with initials, each person closed by a full stop
    ("166. Roe, KS. Poe, M. Lund, G G. (2003). Is salt a predictor of tidal outcome? "
     "Harbour Studies, 29: 487-497.",
     {"authors": ["Roe, KS", "Poe, M", "Lund, G G"],
      "title": "Is salt a predictor of tidal outcome?", "container": "Harbour Studies",
      "date": "2003"}),
    # a colon after the list; initials with a hyphen, spaced or after "Jr"; no year ("in
    # press"); a family name of two words, a particle in capitals
    ("6. Roe J-F, Poe L G, Moe EO Jr, Lopes Albers AD, Le Goff C: Why do tides turn? Ann "
     "Harb Res 10: 33-40, 2001.",
     {"authors": ["Roe, J-F", "Poe, L G", "Moe, EO Jr", "Lopes Albers, AD", "Le Goff, C"],
      "title": "Why do tides turn?", "date": "2001"}),
    ("Roe JK, Poe DJ, Lund JL. Tidal implants reduce the silting of harbours. J Harb Eng, "
     "in press.",
     {"authors": ["Roe, JK", "Poe, DJ", "Lund, JL"],
      "title": "Tidal implants reduce the silting of harbours"}),
    # the journal's name before "year;volume", abbreviated or in lower case
    ("Roe MT, Poe H. Silt and the harbour seal. Am J Harb 2013; 382: 536-551.",
     {"title": "Silt and the harbour seal", "container": "Am J Harb", "date": "2013"}),
    ("Roe Y, Poe S. Tidal evaluation of harbour walls. The harbour surface. 2013;11(1):47-53.",
     {"title": "Tidal evaluation of harbour walls", "container": "The harbour surface",
      "date": "2013"}),
    # a title that reads as a sentence of prose after persons closed by full stops
    ("Roe, YS. Poe, DH. Lund, NY. (2008). Deficit of the theory of tides in individuals who "
     "are at a very high risk of being flooded by the sea. Harbour Research, 99: 111-118.",
     {"authors": ["Roe, YS", "Poe, DH", "Lund, NY"], "date": "2008",
      "title": "Deficit of the theory of tides in individuals who are at a very high risk of "
               "being flooded by the sea"}),
    # a first family name of two words, "and" before the last name, a title opening with "A"
    ("50. Russell Lund E, Aldridge Poe JM and Roe JM. A comparison of tidal loading in narrow "
     "harbours across a range of wind speeds. Harb Eng. 2015;4:1-9.",
     {"authors": ["Russell Lund, E", "Aldridge Poe, JM", "Roe, JM"], "date": "2015",
      "title": "A comparison of tidal loading in narrow harbours across a range of wind speeds",
      "container": "Harb Eng"}),
    # the year after the list and a comma; a family name with a particle and of two words
    ("Roe M, da Silva Lund E, Poe G, 2011. A generalized tide table for mixed-size harbours. "
     "Ann Harb Sci 69(2): 207-219.",
     {"authors": ["Roe, M", "da Silva Lund, E", "Poe, G"], "date": "2011",
      "title": "A generalized tide table for mixed-size harbours", "container": "Ann Harb Sci"}),
    # a title opening with a word and a bracket, after "et al."
    ("Lund A, Roe H, Poe D et al. Dredging (DR-354825) is active in the harbour after the "
     "storm. Harbour 2007; 109: 497-499.",
     {"authors": ["Lund, A", "Roe, H", "Poe, D"], "container": "Harbour", "date": "2007",
      "title": "Dredging (DR-354825) is active in the harbour after the storm"}),
    # other list numbers; a particle in capitals first; a comma before the last initials
    ("(7) De Lund T, Roe MM, Van den Poe K, Moe, B. Can we use tide gauges in narrow "
     "harbours? Adv Harb. 2005;22(5): 467-475.",
     {"authors": ["De Lund, T", "Roe, MM", "Van den Poe, K", "Moe, B"], "date": "2005",
      "title": "Can we use tide gauges in narrow harbours?", "container": "Adv Harb"}),
    ("10- Roe A, Poe ER. Silt and outcomes in the inner harbour. J Harb. 2003; 55(6): 1035-8.",
     {"authors": ["Roe, A", "Poe, ER"], "title": "Silt and outcomes in the inner harbour",
      "container": "J Harb", "date": "2003"}),
    # "Am" opening a journal's name (American), pages with letters
    ("Roe PR, Poe CT, Lund JA Jr: Hyperoxia stimulates silt release from harbour walls. "
     "Am J Harb 267: L187-L192, 1994",
     {"authors": ["Roe, PR", "Poe, CT", "Lund, JA Jr"], "container": "Am J Harb",
      "title": "Hyperoxia stimulates silt release from harbour walls", "date": "1994"}),
    # ", and" before the last name; French "et coll."; the year after the list, then a link
    ("52. Roe SK, Poe LK, and Lund DB. Short-term variability of tides. Harb Chem 1989; 35: "
     "369-373",
     {"authors": ["Roe, SK", "Poe, LK", "Lund, DB"], "container": "Harb Chem",
      "title": "Short-term variability of tides", "date": "1989"}),
    ("24- Roe C, Poe R, Lund P, et coll. Effects of dredging on the outcomes of the harbour: a "
     "prospective trial. Harbour, 2000 ; 356 : 26-30",
     {"authors": ["Roe, C", "Poe, R", "Lund, P"], "date": "2000",
      "title": "Effects of dredging on the outcomes of the harbour: a prospective trial"}),
    ("Roe M, Poe G, 2011. A generalized tide table for harbours of mixed sizes in the north. "
     "Ann Harb Sci 69(2): 207-219. https://doi.org/10.1007/s13595-011-0158-z",
     {"authors": ["Roe, M", "Poe, G"], "container": "Ann Harb Sci", "date": "2011",
      "title": "A generalized tide table for harbours of mixed sizes in the north"}),
    # "[Internet] ... [cited ...]; Available from: <URL>": the link is the entry's
    ("38. Roe CE, Poe NL, Lund LM. Key factors in harbour coordination: pilots' perspectives. "
     "Appl Harb Res [Internet]. 2014 [cited 2015 Jun 3]; Available from: "
     "http://www.example.org/science/article/pii/S0897189714000457",
     {"authors": ["Roe, CE", "Poe, NL", "Lund, LM"], "container": "Appl Harb Res",
      "title": "Key factors in harbour coordination: pilots' perspectives",
      "url": "http://www.example.org/science/article/pii/S0897189714000457"}),
    ("34-Roe PM, Poe A, Lund-Green A, Moe JA. Causes of fatal accidents in the northern harbour "
     "region, 1979-1986. Br Harb J 1990; 301: 1193-7",
     {"authors": ["Roe, PM", "Poe, A", "Lund-Green, A", "Moe, JA"], "container": "Br Harb J",
      "title": "Causes of fatal accidents in the northern harbour region, 1979-1986"}),
    # a quoted title in a long entry that opens with its author and year
    ("Roe G. (1999) : \"Esperienze di carte archeologiche nel delta padano\u201d, in : La "
     "forma della citt\u00e0 e del territorio. Esperienze metodologiche e risultati a confronto. "
     "Atti dell'incontro di studio. S. Maria Capua Vetere, 27-28 novembre 1998, Atlante "
     "tematico di topografia antica, V, Supplemento 1999, Roma, 1999, p. 187-197.",
     {"authors": ["Roe, G."], "title": "Esperienze di carte archeologiche nel delta padano"}),
    # a link after a title that reads as prose
    ("Roe S, Poe YY, Lund C. Recyclable harbour walls with tuneable properties for the "
     "treatment of tidal water in a number of applications. Harb Mater. 2014. 6(7): 4658-68. "
     "https://doi.org/10.1021/hm4039272",
     {"authors": ["Roe, S", "Poe, YY", "Lund, C"], "doi": "10.1021/hm4039272",
      "title": "Recyclable harbour walls with tuneable properties for the treatment of tidal "
               "water in a number of applications"}),
]


@pytest.mark.parametrize(("text", "expected"), NUMBERED_AND_VANCOUVER,
                         ids=[c[0][:40] for c in NUMBERED_AND_VANCOUVER])
def test_numbered_and_vancouver_references(text: str, expected: dict) -> None:
    reference = one(text)
    for name, value in expected.items():
        assert getattr(reference, name) == value, (name, getattr(reference, name))


@pytest.mark.parametrize("text", [
    "2. Korinther 5,17.",  # a book of scripture
    "3. Aufl., Berlin: Harbour, 2005.",  # an edition
    "2) Jane Roe, *Tides of the North* (London: Harbour Press, 2001), 45.",  # no initials
])
def test_a_number_before_no_list_of_authors_is_kept(text: str) -> None:
    references = parse_references(text)
    assert references and references[0].raw.startswith(text[:3]), references


@pytest.mark.parametrize(("text", "entry"), [
    ("[12] Roe J, Poe K. Salinity of the harbour. J Harb Res. 2004;4:120-30.", "Roe J, Poe K."),
    ("78. ROE A., Le port du nord, Paris, Minuit, 1993, 402 p.", "ROE A.,"),
    ("[27] J.-M. Roe, P. Poe, and J.-M. Lund, \u201cTide tables,\u201d in Proc. Harb. Conf., "
     "1998, pp. 76\u201380.", "J.-M. Roe,"),
])
def test_a_list_number_is_no_part_of_the_entry(text: str, entry: str) -> None:
    references = parse_references(text)
    assert references and references[0].raw.startswith(entry), references
