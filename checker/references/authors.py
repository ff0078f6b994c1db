"""The author part of a citation -> ["Family, Given", ...]; organisations are kept whole.

Reads the orders citation styles use: ``Family, Given`` (Chicago bibliography, first author
only: ``Smith, John, and Jane Doe``), ``Given Family`` (Chicago notes: ``P.J. Hodgkinson``,
``Kevin Acker, Deborah Brautigam, and Yufan Huang``), APA (``Smith, J. A., & Doe, R.``),
Vancouver and GOST (``Smith JA``, ``Иванов И.И.``), with particles (``Ursula von der Leyen``)
and ``et al.`` (dropped: the names listed are kept).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from checker.lazypattern import compile_lazily
from checker.references.patterns import DIGIT, YEAR, split_words

PARTICLES = frozenset(split_words(
    "van von de der den del della da di do dos das du la le bin ibn al el ter zu af ben st. "
    "mac "
))
SUFFIXES = frozenset(("jr.", "jr", "sr.", "sr", "ii", "iii", "iv"))
ORGANISATION_WORDS = frozenset(split_words(
    "academy administration agence agency airlines alliance analytics anonymous archive "
    "archives army association authority bank bbc bloomberg board bureau capital census "
    "center centre cnn coalition collection commission committee company congress consulting "
    "contributor contributors corporation correspondent correspondents council court customs "
    "daily department desk editor editorial editors embassy energy federation forces forum "
    "foundation fund gas gazette gmbh government group herald holdings house imf inc "
    "initiative institut institute institution institutions instituto interfax international "
    "journal library llc ltd magazine military ministerstvo ministries ministry movement "
    "museum nations nato navy network "
    "news oecd office oil organisation organisations organization organizations osce "
    "parliament partners partnership party petroleum plc police post press program programme "
    "project radio railway railways republic research reuters review rights secretariat "
    "senate service society sputnik staff state states statistics studies tass team "
    "television times tribunal tribune undp unesco unhcr unicef union universities university "
    "usaid watch wikipedia xinhua агентство администрация институт комитет министерство "
    "посольство правительство президент служба совет университет центр "
))
# Institution words that are also family names: after a common given name they are one
# ("Robert Service", "Jonathan House"); "Victoria University" stays an institution.
_FAMILY_NAME_ORGANISATION_WORDS = frozenset(("service", "bank", "house", "post", "press"))
COMMON_GIVEN_NAMES = frozenset(split_words(
    "adam alan albert alex alexander alice andrew ann anna anne anthony barbara ben benjamin "
    "bill brian bruce carl carol catherine charles chris christopher daniel david deborah "
    "dennis donald dorothy douglas edward elizabeth emily emma eric frank gary george gregory "
    "harold helen henry ian jack james jane janet jason jeffrey jennifer jessica joan john "
    "jonathan joseph joshua julia karen kate kenneth kevin larry laura linda lisa margaret mark "
    "martin mary matthew michael michelle nancy nicholas nicole patricia patrick paul peter "
    "philip rachel raymond richard robert roger ronald ruth ryan sam samuel sandra sarah scott "
    "sharon stephen steven susan thomas timothy walter william"
))
# Words that name kinds of documents, periodicals and offices, never a person: "Annual Report",
# "Congressional Edition", "Texas Narratives", "Maritime Executive" are no "Family, Given".
# (Words that are also family names, "Law", "Press", "House", "Story", are not listed.)
NOT_NAME_WORDS = frozenset(split_words(
    "act agreement almanac annual appendix archive archives briefing bulletin calendar catalog "
    "catalogue census chapter code collection congressional convention database decree "
    "dictionary digest edition encyclopedia encyclopaedia executive federal gazette guide "
    "handbook hearing hearings index international interview journal letters manual "
    "memorandum minutes monthly narratives national newsletter papers proceedings "
    "programme quarterly records regulations remarks report reports resolution review "
    "section statement statistics studies survey testimony transactions transcript treaty "
    "volume weekly yearbook world global factbook today "
    # the words a title starts with, never a name's
    "the why how what when where whose toward towards beyond against between among into "
    "through without within"
))
_WORD = compile_lazily(r"[^\W\d_]+")
_NOT_LETTERS = compile_lazily(r"[\W\d_]+")
_CONNECTORS = frozenset(("of", "for", "the", "on", "in", "at", "to"))
_LEAD = compile_lazily(
    r"^\s*(?:(?:and|&|by|see(?:\s+also)?(?:,?\s+(?:e\.g\.|for example|for instance),?)?|"
    r"cf\.?|compare|also|e\.g\.,?|i\.e\.,?|quoted in|"
    r"cited in|written by|interview(?:ed)? by|от|автор)\s+)+",
    re.IGNORECASE,
)
# Forms of address and offices printed before a name: "Sen.", "Sens. Portman and Murray",
# "Sir Henry Bedingfield", "Dr. Jane Roe", "President Lincoln".
_HONORIFIC = compile_lazily(
    r"(?:^|(?<=[;&]\s)|(?<=\band\s))(?:(?:sens?|senators?|reps?|representatives?|dr|prof|"
    r"professor|mr|mrs|ms|messrs|sir|dame|rev|hon|gov|governor|capt|col|president)\.?\s+)+"
    r"(?=[A-Z])",
    re.IGNORECASE,
)
# `_HONORIFIC`'s words, each a word of its own, with a stop or none: a cheap look before it
# in ASCII text (other scripts have letters its IGNORECASE takes for "s" and "i")
_HONORIFIC_TOKENS = frozenset(word + stop for word in split_words(
    "sen sens senator senators rep reps representative representatives dr prof professor mr "
    "mrs ms messrs sir dame rev hon gov governor capt col president") for stop in ("", "."))
_LIST_NUMBER = compile_lazily(r"^\s*(?:\[\d{1,4}\]|\d{1,4}\.?)\s+(?=[^\W\d_])")
# A converter's link around a name: "[Eich, Brendan](/wiki/Brendan_Eich)" (not a back-link
# to the marker, "[^](#cite_ref-3)", which goes with its brackets)
_NAME_LINK = compile_lazily(r"\[([^\W\d_][^\[\]]{1,79})\]\((?!#)[^()\s]*\)")
_ET_AL = compile_lazily(r",?\s*(?:et\s*al\.?|et\s+coll\.?|and\s+others|и\s+др\.?|u\.\s*a\.)\s*",
                        re.IGNORECASE)
_ROLE = compile_lazily(
    r",?\s*\(?\b(?:eds?|editors?|trans|translator|comp|compiler|ред|сост)\.?\)?\s*$",
    re.IGNORECASE,
)
_PAREN = compile_lazily(r"\s*[(\[][^()\[\]]*[)\]]\s*")
_SEPARATORS = compile_lazily(r"\s*(?:;|,?\s+and\s+|,?\s*&\s*|,?\s+и\s+|,?\s+und\s+|,?\s+et\s+)\s*")
_WITH = compile_lazily(
    r",?\s+with(?:\s+(?:the\s+)?(?:assistance|help|collaboration)\s+(?:of|from))?"
    r"\s+")
_SLASH = compile_lazily(r"\s*/\s*")
# Persons as family names with initials, each closed by a full stop, no comma between them
# ("Kee, KS. Green, MF. Mintz, J.", "Roe, G G. Poe, J T."), and the full stop between two
_DOTTED_PERSON = r"[A-ZÀ-ÖØ-Þ][\w'’-]+,\s(?:[A-ZÀ-ÖØ-Þ]{1,3}|[A-ZÀ-ÖØ-Þ]\s[A-ZÀ-ÖØ-Þ])"
_DOTTED_PERSONS = compile_lazily(rf"(?:{_DOTTED_PERSON}\.\s+)+{_DOTTED_PERSON}\.?$")
_DOTTED_BREAK = compile_lazily(r"(?<=[A-ZÀ-ÖØ-Þ])\.\s+(?=[A-ZÀ-ÖØ-Þ][\w'’-]+,\s)")
_SEPARATOR_WORDS = (", and ", " and ", ", & ", " & ", "&", ", и ", " и ", ", und ", " und ",
                    ", et ", " et ")
_INITIALS = compile_lazily(r"^(?:[^\W\d_]\.\s?-?){1,4}$|^[^\W\d_]\.?-[^\W\d_]\.?$")
# "JA" (Vancouver), "ME." (two initials, one stop)
_BARE_INITIALS = compile_lazily(r"^[A-ZА-ЯЁ]{1,3}\.?$")
_VANCOUVER_GIVEN = compile_lazily(r"^[A-ZÀ-ÖØ-Þ]{1,3}(?:-[A-ZÀ-ÖØ-Þ]{1,2})?$")  # "WJ", "J-F"
_NAME_WORD = compile_lazily(r"^[^\W\d_][^\W\d_'’.-]*(?:[-'’][^\W\d_][^\W\d_'’-]*)*\.?$")


@lru_cache(maxsize=4096)
def _is_initials(word: str) -> bool:
    return bool(_INITIALS.match(word)) and word[0].isupper()


@lru_cache(maxsize=8192)
def _is_name_word(word: str) -> bool:
    if word.lower() in PARTICLES or word.lower() in SUFFIXES:
        return True
    if _is_initials(word):
        return True
    if not word[0].isupper() or not _NAME_WORD.match(word):
        return False
    if word.endswith(("'s", "’s")) and len(word) > 3:
        return False  # "Roe's": a possessive, the name of what follows
    # "Hongzhi", "McDonald", "O'Brien": not an all-capital acronym such as "NATO"
    letters = [ch for ch in word if ch.isalpha()]
    return len(letters) <= 2 or not all(ch.isupper() for ch in letters[1:])


def _all_initials(words: Sequence[str]) -> bool:
    return bool(words) and all(
        _is_initials(w) or _BARE_INITIALS.match(w) for w in words
    )


def _family_like(words: Sequence[str]) -> bool:
    """A family name written first: one to three name words, not initials."""
    return 1 <= len(words) <= 3 and all(_is_name_word(w) for w in words) and not any(
        _is_initials(w) or (len(words) > 1 and _BARE_INITIALS.match(w)) for w in words
    ) and words[-1].lower() not in PARTICLES


def _given_like(words: Sequence[str]) -> bool:
    return 1 <= len(words) <= 4 and all(
        _is_name_word(w) or _BARE_INITIALS.match(w) for w in words
    )


# Capitals that are countries, agencies and learned societies, never a family name
_ACRONYMS = frozenset(split_words(
    "usa uae ussr prc dprk roc drc gdr frg cia fbi nsa nasa noaa ieee acm siam ams aps who "
    "wto wef iaea fao ilo"
))


def _capitals_family(words: Sequence[str]) -> tuple[str, str] | None:
    """A family name printed in capitals beside the given names (French and Vancouver lists,
    East Asian names): ``BARONE Robert``, ``Mei-shu HUANG`` -> ("Barone", "Robert")."""
    capitals = [i for i, w in enumerate(words) if len(w) >= 3 and w.isupper()
                and w.replace("-", "").isalpha()]  # not initials: "R.J.W. Roe"
    if len(capitals) != 1 or capitals[0] not in (0, len(words) - 1) or not 2 <= len(words) <= 4:
        return None
    at = capitals[0]
    if words[at].lower() in ORGANISATION_WORDS or words[at].lower() in _ACRONYMS:
        return None  # "USA Today", "NATO Review"
    given = words[1:] if at == 0 else words[:-1]
    if not all(_is_name_word(w) and w.lower() not in NOT_NAME_WORDS for w in given):
        return None
    family = "-".join(part.capitalize() for part in words[at].split("-"))
    return family, " ".join(given)


def _person(words: Sequence[str]) -> str | None:
    """A name written as words -> "Family, Given"; None when it is not a person's name."""
    parts = _name_parts(tuple(words))
    return None if parts is None else f"{parts[0]}, {parts[1]}"


@lru_cache(maxsize=8192)
def _name_parts(words: tuple[str, ...]) -> tuple[str, str] | None:
    """`_person`'s family and given names, cached: the same people come back in other
    lists ("Roe and Poe", "Poe and Kiel")."""
    tail = 2 if len(words) >= 3 and words[-1].lower() in SUFFIXES else 1
    family = words[:-tail]
    if (len(family) >= 2 or tail == 2 or "-" in words[-tail]) \
            and _VANCOUVER_GIVEN.match(words[-tail]) and all(_is_name_word(w) for w in family) \
            and not any(_is_initials(w) or _BARE_INITIALS.match(w) or w.lower() in NOT_NAME_WORDS
                        for w in family):
        # Vancouver, the initials after a family name of two words ("van Dam WJ", "Lopes
        # Albers AD", "Le Goff C"), or hyphenated ("Roe J-F"), or before a suffix ("Moe EO Jr")
        return " ".join(family), " ".join(words[-tail:])
    if len(words) >= 2 and any(w.isupper() and len(w) >= 3 for w in words):
        capitals = _capitals_family(words)
        if capitals is not None:
            return capitals
    if not 2 <= len(words) <= 5 or not all(_is_name_word(w) for w in words):
        if len(words) >= 2 and _given_like(words[1:]) and _all_initials(words[1:]) \
                and _is_name_word(words[0]):
            pass  # "Smith JA": Vancouver
        else:
            return None
    if not any(len(w.strip(".")) > 1 and not _is_initials(w) for w in words):
        return None  # initials only
    if any(w.lower() in NOT_NAME_WORDS for w in words):
        return None  # "Annual Report", "Congressional Edition": a document, no person
    if len(words) == 2 and words[0].lower() in PARTICLES \
            and words[0].lower() not in COMMON_GIVEN_NAMES:
        return None  # "Le Monde", "Al Jazeera", "Der Spiegel": no given name, no person
    # Family first with initials after it: "Иванов И.И.", "Smith JA", "Smith J. A."
    if not _is_initials(words[0]) and _all_initials(words[1:]) and (
        len(words) == 2 or all(_is_initials(w) or _BARE_INITIALS.match(w) for w in words[1:])
    ) and not _BARE_INITIALS.match(words[0]):
        last_is_bare = bool(_BARE_INITIALS.match(words[-1]))
        if last_is_bare or words[-1].endswith("."):
            return words[0], " ".join(words[1:])
    if len(words) == 2 and _chinese_family_first(words[0], words[1]):
        return words[0], words[1]  # "Xi Jinping", "Wang Yi": the family name first
    suffix = ""
    if words[-1].lower() in SUFFIXES:
        suffix = " " + words[-1]
        words = words[:-1]
        if len(words) < 2:
            return None
    split = len(words) - 1
    while split > 1 and words[split - 1].lower() in PARTICLES:
        split -= 1
    return " ".join(words[split:]), " ".join(words[:split]) + suffix


# Chinese names are written family name first ("Xi Jinping", "Wang Yi", "Li Keqiang"). Read
# so when the first word is a common Chinese family name and the second a pinyin given name
# that is not itself a common family name ("Jane Li" and "Wei Li" stay given-first).
CHINESE_FAMILY_NAMES = frozenset(split_words(
    "bai cai cao chen cheng dai deng ding dong du fan fang feng fu gao gong gu guo han hao he "
    "hu hua huang jia jiang jin kong lai lei li liang liao lin liu long lu luo lü ma mao meng "
    "mo pan peng qian qin qiu ren shao shen shi song su sun tan tang tao tian wan wang wei wen "
    "wu xi xia xiao xie xiong xu xue yan yang yao ye yin yu yuan zeng zhang zhao zheng zhong "
    "zhou zhu zou"
))
_PINYIN_INITIAL = r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])"
_PINYIN_FINAL = (
    r"(?:iang|iong|uang|ang|eng|ing|ong|ian|iao|uai|uan|ai|ei|ao|ou|an|en|in|un|ia|ie|iu|ua|"
    r"uo|ui|ue|ve|er|a|o|e|i|u|ü|v)"
)
# One or two syllables; a syllable after the first starts with a consonant (pinyin writes
# "Xi'an" otherwise), which keeps "Yau" and "Pannier" out.
_PINYIN_GIVEN = compile_lazily(
    rf"{_PINYIN_INITIAL}?{_PINYIN_FINAL}(?:{_PINYIN_INITIAL}{_PINYIN_FINAL})?"
    rf"|{_PINYIN_INITIAL}?{_PINYIN_FINAL}-{_PINYIN_INITIAL}?{_PINYIN_FINAL}"
)


def _chinese_family_first(first: str, second: str) -> bool:
    given = second.lower()
    return (first.lower() in CHINESE_FAMILY_NAMES and given not in CHINESE_FAMILY_NAMES
            and second[:1].isupper() and bool(_PINYIN_GIVEN.fullmatch(given)))


def clean_author_text(text: str) -> str:
    """Strip what surrounds names: "See", "by", "(@handle)", "(12 May 2015)", roles, et al."""
    text = text or ""
    if "](" in text:
        text = _NAME_LINK.sub(r"\1", text)
    if "(" in text or "[" in text:
        text = _PAREN.sub(" ", text)
    text = _LEAD.sub("", text)
    if text[:1].isdigit() or text[:1] == "[":
        text = _LIST_NUMBER.sub("", text)  # "3. Chang, P.", "[9] Eric Brown": a list's number
    lowered = text.lower()
    if ("." in text or " " in text) and (
            not text.isascii() or not _HONORIFIC_TOKENS.isdisjoint(lowered.split())):
        text = _HONORIFIC.sub("", text)
        lowered = text.lower()
    if ("al" in lowered and ("et" in lowered or "other" in lowered or not lowered.isascii())) \
            or "others" in lowered or "др" in lowered or "u." in lowered or "et coll" in lowered:
        text = _ET_AL.sub(" ", text)  # (in ASCII, "et al" has "et", "and others" "other")
    if "ed" in lowered or "trans" in lowered or "comp" in lowered or "ред" in lowered:
        text = _ROLE.sub("", text.rstrip(" .,:;"))
    if DIGIT.search(text[-8:]):
        text = _TRAILING_YEAR.sub("", text)  # "Smith, John. 2019." (author-date)
    return " ".join(text.split()).strip(" ,;:—–-")


_ABBREVIATION = compile_lazily(r"\s*\(([A-Z][A-Z&.-]{1,11})\)")


def organisation_name(text: str) -> str:
    """An institution's name as its author text prints it, its abbreviation in brackets kept:
    ``United Nations Conference on Trade and Development (UNCTAD)``."""
    if "(" in text:
        text = _ABBREVIATION.sub(lambda m: f"\x01{m.group(1)}\x02", text)
    name = clean_author_text(text)
    if "\x01" in name:
        name = name.replace("\x01", " (").replace("\x02", ")")
    return name


_TRAILING_YEAR = compile_lazily(r",?\s+" + YEAR + r"[a-z]?[.,]?\s*$")


# Italics, quotes, "Place: Publisher" or a closing possessive ("The Court's"): no institution
_NOT_IN_A_NAME = compile_lazily(r"[*_\"“”«»]|\w:\s|\s\S+['’]s$")
_NAME_BREAKER = compile_lazily(r"[*_\"“”«»:'’]")  # a cheap look before it: a mark it needs
_COUNTRY_ABBREVIATIONS = frozenset(("U.S.", "US", "U.K.", "UK", "U.N.", "UN", "E.U.", "EU"))
# Small words an institution's name keeps in lower case ("Friends of the Earth", "Institut für
# Zeitgeschichte", "Banque de France"); other lower-case words make a sentence.
_NAME_SMALL_WORDS = frozenset(split_words(
    "of for the on in at to and a an by with from de la le les du des der die das den dem und "
    "für fur zur zum et y e i del della di da do dos das van von"
))


def _prose_words(words: list[str]) -> int:
    """How many words are in lower case without being a name's small word: a Latin-script
    institution is written in title case; two such words make the text a sentence."""
    return sum(1 for w in words if w[:1].islower() and w[:1].isascii()
               and w.lower().strip(",.;:") not in _NAME_SMALL_WORDS
               and "." not in w.strip(",.;:"))  # "motherjones.com" is a site's name


# The words of an institution's name as the Bluebook abbreviates them (table T6)
_ABBREVIATED_BODY_WORD = compile_lazily(
    r"\b(?:Comm['’]n|Ass['’]n|Dep['’]t|Gov['’]t|Nat['’]l|Int['’]l|Sec['’]y|Off\.|Admin\.|"
    r"Ctr\.|Inst\.|Found\.|Univ\.|Cong\.|Serv\.|Agric\.|Auth\.|Comm\.)(?!\w)")


@lru_cache(maxsize=4096)  # a paper's authors and outlets are looked at note after note
def is_organisation(text: str) -> bool:
    """An institution rather than people: a ministry, a bank, "Human Rights Watch", "ICG"."""
    text = text.strip(" .,;:")
    if not text or (not text[0].isupper() and not text[0].isdigit()):
        return False
    words = text.split()
    if len(words) == 1:
        letters = _NOT_LETTERS.sub("", text)
        return len(letters) >= 2 and letters.isupper()  # "ICG", "OSCE"
    if _NAME_BREAKER.search(text) and _NOT_IN_A_NAME.search(text):
        return False  # italics, quotes, "Place: Publisher": a citation, not an institution
    if ("'" in text or "’" in text or "." in text) and _ABBREVIATED_BODY_WORD.search(text):
        return True  # Bluebook's abbreviations (T6): "Harbor Comm'n", "Cong. Budget Off."
    if _prose_words(words) >= 2:
        return False  # "An example of a work which...", "Senate roll call vote": a sentence
    if words[0] in _COUNTRY_ABBREVIATIONS and words[1][:1].isupper():
        return True  # "U.S. Navy", "U.K. Home Office": not the initials of a person
    if len(words) == 2 and words[1].lower() in _FAMILY_NAME_ORGANISATION_WORDS and \
            words[0].lower() in COMMON_GIVEN_NAMES:
        return False
    if not ORGANISATION_WORDS.isdisjoint(_WORD.findall(text.lower())):
        return True
    if any(w in _CONNECTORS for w in words[1:-1]):
        return True  # "Friends of the Earth", "Center for Strategic Studies"
    if "," in text or "&" in text or ";" in text or "/" in text or any(
            word in text for word in (" and ", " und ", " et ", " и ")):
        return False
    capitalised = [w for w in words if w[:1].isupper()]
    return len(capitalised) >= 5 and not any(w.lower() in PARTICLES for w in words)


def parse_authors(text: str) -> list[str]:
    """Person authors in "Family, Given" form; [] when the text is not a list of persons."""
    return list(_parse_authors(text))


@lru_cache(maxsize=8192)
def _parse_authors(text: str) -> tuple[str, ...]:
    """Cached: a paper cites the same people again and again, and the title finder asks
    about the same text more than once."""
    text = clean_author_text(text)
    if not text or len(text) > 250 or DIGIT.search(text):
        return ()
    if ". " in text and text.count(",") >= 2 and _DOTTED_PERSONS.match(text):
        # "Kee, KS. Green, MF." -> "Kee, KS; Green, MF" (each person's stop closes the name)
        text = _DOTTED_BREAK.sub("; ", text).rstrip(".")
    last_word = text.rsplit(None, 1)[-1]
    if text.endswith(".") and not _is_initials(last_word) and last_word.lower() not in SUFFIXES:
        text = text[:-1]
    if "/" in text:  # "Müller/Schmidt", "Lutz Roe/ G. Poe", "Roe, Jan/ Poe, Ute" (German lists)
        text = _SLASH.sub(";", text)
    if ";" in text:
        semicolon_groups = [g.strip() for g in text.split(";") if g.strip()]
        if len(semicolon_groups) >= 2 and all(g.count(",") == 1 for g in semicolon_groups):
            paired: list[str] = []
            for group in semicolon_groups:
                family, _, given = group.partition(",")
                if not (_family_like(family.split()) and _given_like(given.split())):
                    break
                paired.append(f"{family.strip()}, {given.strip()}")
            else:
                # "Vakulchuk, Roman; Overland, Indra" (Wikipedia), "Press, WH; Roe, J":
                # people, even where a family name is an institution's word
                return tuple(paired)
    if is_organisation(text):
        return ()
    if " with " in text:  # "Jane Roe with (the assistance of) John Poe"
        text = _WITH.sub(";", text)
    if ";" in text or "&" in text or " and " in text or " и " in text or " und " in text \
            or " et " in text:
        for separator in _SEPARATOR_WORDS:
            if separator in text:
                text = text.replace(separator, ";")
        groups = [g.strip() for g in text.split(";") if g.strip()]
    else:
        groups = [text]
    parts: list[str] = []
    group_of: list[int] = []
    for number, group in enumerate(groups):
        for part in group.split(","):
            part = part.strip()
            if part:
                parts.append(part)
                group_of.append(number)
    persons: list[str] = []
    index = 0
    count = len(parts)
    while index < count:
        words = parts[index].split()
        following = parts[index + 1].split() if index + 1 < count else None
        if following and _all_initials(words) and group_of[index] != group_of[index + 1]:
            shared = _person(following)  # "J. & J.A. Venn", "G. und W. Roe": one family
            if shared is not None:
                persons.append(f"{shared.split(',', 1)[0]}, {' '.join(words)}")
                index += 1
                continue
        if following and len(following) == 1 and following[0].lower() in SUFFIXES \
                and len(words) >= 2:
            person = _person((*words, following[0]))  # "Robert Campbell Martin, Jr."
            if person is not None:
                persons.append(person)
                index += 2
                continue
        if following and group_of[index] == group_of[index + 1] and _family_like(words) \
                and _given_like(following):
            inverted = (
                _all_initials(following)  # APA: "Smith, J. A."
                or (index == 0 and (
                    len(words) == 1
                    or any(w.lower() in PARTICLES for w in words)
                    or len(following) == 1
                ))
            )
            if inverted and not (index > 0 and not _all_initials(following)):
                given = " ".join(following)
                if index + 2 < count and parts[index + 2].lower().rstrip(".") in {
                    "jr", "sr", "ii", "iii"
                }:
                    given += " " + parts[index + 2]
                    index += 1
                persons.append(f"{' '.join(words)}, {given}")
                index += 2
                continue
        if len(words) == 1 and words[0].lower().rstrip(".") in {"jr", "sr", "ii", "iii"} \
                and persons:
            persons[-1] += " " + words[0]
            index += 1
            continue
        person = _person(words)
        if person is None:
            return ()
        persons.append(person)
        index += 1
    return tuple(persons)


# Where the names start after words that lead into a citation: "For a survey, see Jane Roe",
# "An example is Jane Roe", "Source: Jane Roe", "Autumn reader, 1528: J. Roe".
_LEAD_INTO_NAMES = compile_lazily(
    r"(?:^|[\s(])(?:see(?:\s+also)?(?:\s+especially)?|especially|is|are|by|from|in|cf\.|"
    r"vgl\.|vergl\.|siehe|source|sources|quelle)[:,]?\s+|(?<=[^\W_]{2})[.:!?]\s+",
    re.IGNORECASE,
)


def trailing_authors(text: str) -> list[str]:
    """The persons that end a sentence of commentary and lead into the work: ``On convict
    labour, see Jane Roe`` -> ["Roe, Jane"]; [] when the text does not end so."""
    text = text.rstrip(" ,;:")
    for lead in reversed(list(_LEAD_INTO_NAMES.finditer(text))):
        tail = text[lead.end():]
        if not tail or len(tail.split()) > 8:
            break
        if tail[:1].isupper():
            persons = parse_authors(tail)
            if persons:
                return persons
    return []


_POSSESSIVE = compile_lazily(
    r"^(?:(?:from|in|see|and|also)\s+)*(?P<name>(?:[A-Z][\w.'’-]*\s+){1,3}[A-Z][\w-]+)['’]s"
    r"(?:\s+(?P<rest>[^\W\d_][^;:]*?))?,?\s*$",
    re.IGNORECASE,
)
_POSSESSIVE_WORK = compile_lazily(
    r"^(?:interview|article|essay|review|letter|book|speech|address|lecture|report|"
    r"memoir|diary|journal|poem|story|study|thesis|dissertation|paper|post|blog)\b",
    re.IGNORECASE,
)


def possessive_author(text: str) -> list[str]:
    """The writer named as the owner of the work: ``Linda Roe's interview with Poe,
    entitled`` / ``From Abraham Roe's`` -> ["Roe, Linda"]; [] otherwise."""
    if "'s" not in text and "’s" not in text:
        return []
    found = _POSSESSIVE.match(text.strip())
    if found is None or found.group("name")[:1].islower():
        return []
    rest = found.group("rest")
    if rest and (len(rest.split()) > 6 or not _POSSESSIVE_WORK.match(rest)):
        return []
    return parse_authors(found.group("name"))


def family_name(text: str) -> str | None:
    """A lone family name as short forms cite it ("Smith", "de Haas", "Smith et al.")."""
    text = clean_author_text(text).rstrip(".")
    words = text.split()
    if 1 <= len(words) <= 3 and words[-1][:1].isupper() and all(
        _is_name_word(w) and w.lower() not in NOT_NAME_WORDS for w in words
    ) and not _is_initials(words[-1]) and not is_organisation(text):
        return text
    return None


def family_names(text: str) -> list[str]:
    """Family names as short forms list them: "Cooley and Heathershaw", "Smith, Doe, and
    Lee", "Smith et al."; [] when the text is not such a list."""
    return list(_family_names(text))


@lru_cache(maxsize=4096)
def _family_names(text: str) -> tuple[str, ...]:
    """Cached: short forms name the same authors note after note."""
    text = clean_author_text(text).rstrip(".")
    if not text:
        return ()
    names = [part for part in _SEPARATORS.split(text.replace(", ", "; ")) if part]
    if not 1 <= len(names) <= 4:
        return ()
    found = [family_name(name) for name in names]
    if any(name is None or len(name.split()) > 2 for name in found):
        return ()
    return tuple(name for name in found if name)
