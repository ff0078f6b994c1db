"""Citation keys: readable, lower-case ASCII, stable across runs.

A key is ``<who><year><word>``:

* who: the first author's family name (``yau``; ``van der Berg`` -> ``vanderberg``), or the
  first significant word of an organisation author; without authors, the container's main
  label (``kaktus.media`` -> ``kaktus``, ``Reuters.com`` -> ``reuters``, ``People's Daily``
  -> ``peoples``), else the cited domain's or the URL's (``eng.sectsco.org`` -> ``sectsco``),
  else ``anon``;
* year: the first four digits of the cited date, ``nd`` without one;
* word: the first significant word of the title (stop words of the usual citation languages
  and one-letter words skipped), nothing without a title.

Everything goes through `unidecode` (``Кактус`` -> ``kaktus``). A key depends only on its
own reference, so adding a work never renames another, except that works with the same key
get ``a``, ``b``, ``c``... in document order (the first keeps the plain key, so a later
addition never renames an earlier entry).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from checker.bibliography.names import split_person
from checker.model import Reference
from checker.transliterate import to_ascii

_STOP_WORDS_TEXT = """
    a an the of in on and or for to at by with from as is are was be its it into about
    after over under how why what when who this that these those not no vs via
    la le les l un une des du de et en au aux d sur pour par dans
    der die das den dem des ein eine einer und im zu von mit auf fur uber
    el los las y del il lo gli e al con por para una
    v vo na o ob i s so k ko u po za iz ot do pri dlia dlya ne kak chto eto
"""
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())

MAX_PART = 20  # characters kept of each key part
# Second-level labels under which sites register (example.co.uk, example.com.cn).
_GENERIC_SLD = frozenset({"co", "com", "org", "net", "gov", "ac", "edu", "or", "ne", "go", "mil"})
_HOST = re.compile(r"^[\w-]+(\.[\w-]+)+$", re.UNICODE)
_YEAR = re.compile(r"^(\d{4})")
# ASCII as bytes: capitals lower-cased, small letters and digits kept, every other byte a space
_WORD_BYTES = bytes(c + 32 if 65 <= c <= 90 else c if 97 <= c <= 122 or 48 <= c <= 57 else 32
                    for c in range(256))
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://")
_HOST_END = re.compile(r"[/?#:\s]")


def ascii_words(text: str | None) -> tuple[str, ...]:
    """Lower-case ASCII words of `text` (apostrophes dropped inside words: ``Norov's`` ->
    ``norovs``)."""
    return _ascii_words(text) if text else ()


def title_words(title: str | None) -> tuple[str, ...]:
    """`ascii_words` of a title, not kept: a paper's titles are mostly distinct, and keeping
    them would only push the names and sites that recur out of `ascii_words`' cache."""
    return _fold(title) if title else ()


def _fold(text: str) -> tuple[str, ...]:
    """The runs of ASCII letters and digits, lower-cased, of `text` made ASCII (`unidecode`),
    its apostrophes (' `) dropped: one table lookup a byte, no pattern."""
    folded = to_ascii(text)
    return tuple(folded.encode("ascii", "replace").translate(_WORD_BYTES, b"'`")
                 .decode("ascii").split())


_ascii_words = lru_cache(maxsize=16384)(_fold)  # outlets, sites and names recur


def significant_words(text: str | None) -> list[str]:
    """`ascii_words` without stop words, one-letter words and bare numbers (unless nothing
    else is left)."""
    words = [w for w in ascii_words(text) if w not in STOP_WORDS and len(w) > 1]
    return [w for w in words if not w.isdigit()] or words


def first_significant(words: Iterable[str]) -> str:
    """The first of `significant_words` of a text whose `ascii_words` are `words`; "" when
    there is none."""
    number = ""
    for word in words:
        if len(word) > 1 and word not in STOP_WORDS:
            if not word.isdigit():
                return word
            number = number or word
    return number


@lru_cache(maxsize=16384)
def host_of(text: str | None) -> str | None:
    """The host name when `text` is a site name or URL (``kaktus.media``,
    ``https://www.Reuters.com/x``), else None."""
    if not text:
        return None
    host = _SCHEME.sub("", text.strip().lower())
    host = _HOST_END.split(host, maxsplit=1)[0].rstrip(".")
    if host.startswith("www."):
        host = host[4:]
    return host if _HOST.match(host) and not host.replace(".", "").isdigit() else None


@lru_cache(maxsize=4096)
def site_label(host: str) -> str:
    """The main label of a host: ``eng.sectsco.org`` -> ``sectsco``, ``bbc.co.uk`` -> ``bbc``,
    ``www.gov.cn`` -> ``gov``."""
    labels = host.lower().removeprefix("www.").split(".")
    if len(labels) > 1:
        labels = labels[:-1]  # the top-level domain
    if len(labels) > 1 and labels[-1] in _GENERIC_SLD:
        labels = labels[:-1]
    return labels[-1]


@lru_cache(maxsize=4096)  # the works without an author of a site name it alike
def source_label(container: str | None, domain: str | None) -> str | None:
    """The word naming where a work appeared: container first (a site name or the first
    significant word of an outlet's name), then the cited domain."""
    host = host_of(container)
    if host:
        word = "".join(ascii_words(site_label(host)))
    else:
        word = next(iter(significant_words(container)), "")
    if not word and domain and (host := host_of(domain)):
        word = "".join(ascii_words(site_label(host)))
    return word[:MAX_PART] or None


def author_label(authors: list[str]) -> str | None:
    """First author's family name (people) or first significant word (organisations)."""
    for name in authors:
        person = split_person(name)
        word = "".join(ascii_words(person[0])) if person else next(
            iter(significant_words(name)), "")
        if word:
            return word[:MAX_PART]
    return None


def key_base(ref: Reference) -> str:
    """The key of `ref` before collision suffixes."""
    return key_base_from(ref, title_words(ref.title), author_label(ref.authors))


def key_base_from(ref: Reference, title_words: Sequence[str], author: str | None) -> str:
    """`key_base` of `ref` from the `title_words` of its title and the `author_label` of its
    authors (made once for its identities too)."""
    who = author or source_label(ref.container, ref.domain or ref.url) or "anon"
    match = _YEAR.match(ref.date or "")
    year = match.group(1) if match else "nd"
    return f"{who}{year}{first_significant(title_words)[:MAX_PART]}"


def key_suffix(n: int) -> str:
    """0 -> a, 25 -> z, 26 -> aa..."""
    letters = ""
    n += 1
    while n:
        n, rest = divmod(n - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters


def assign_keys(bases: Iterable[str]) -> list[str]:
    """Unique keys for `bases` in document order: the first of equal bases keeps it, the
    next get ``a``, ``b``... (skipping any key already taken)."""
    bases = list(bases)
    taken = set(bases)
    used: set[str] = set()
    tried: dict[str, int] = {}  # base -> suffixes found taken so far (`used` only grows)
    keys = []
    for base in bases:
        key = base
        if key in used:
            n = tried.get(base, 0)
            key = base + key_suffix(n)
            while key in used or key in taken:
                n += 1
                key = base + key_suffix(n)
            tried[base] = n + 1
        used.add(key)
        keys.append(key)
    return keys


def free_key(base: str, taken: set[str], tried: dict[str, int]) -> str:
    """`base`, or `base` with the first suffix not in `taken`; `tried` remembers per base
    how many suffixes were found taken (for a `taken` that only grows)."""
    if base not in taken:
        return base
    n = tried.get(base, 0)
    key = base + key_suffix(n)
    while key in taken:
        n += 1
        key = base + key_suffix(n)
    tried[base] = n + 1
    return key
