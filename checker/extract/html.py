"""Footnotes in HTML: note lists, asides, linked notes and `<sup>` markers.

Definitions are found, in this order, in
1. note containers: `ol/section/div.footnotes`, `ol.references` (Wikipedia),
   `div.reflist`, `.endnotes`, `[role=doc-endnotes]`: each list item is a note;
2. `<aside>` elements and elements marked as one note (`role=doc-footnote`,
   `epub:type=footnote`, `class=footnote`);
3. targets of numbered in-page links (`<a href="#fn1">1</a>`), the target coming
   after the link (the pair of a marker and its back-link link both ways);
4. paragraphs that start with `<sup>N</sup>` (HTML exported from a PDF).
Markers are numbered `<sup>` elements and numbered links to a definition.

Lines: BeautifulSoup with lxml keeps no source positions, so a line is found from
the element's `id` in the source, else from its rank among tags of the same name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from checker.extract.common import (
    ITALIC_OFF,
    ITALIC_ON,
    LineIndex,
    clean_note_text,
    is_cited_link,
    is_power,
    marker_numbers,
    with_emphasis,
)
from checker.extract.extraction import MarkerHandout
from checker.lazypattern import compile_lazily
from checker.model import Footnote

_CONTAINER_TAGS = {"ol", "ul", "section", "div", "aside"}
_CONTAINER_CLASSES = {"footnotes", "endnotes", "notes", "reflist", "references", "footnote-list"}
_SINGLE_NOTE_CLASSES = {"footnote", "endnote", "fn"}
_SINGLE_NOTE_ROLES = {"doc-footnote", "doc-endnote"}
_BACKLINK_CLASSES = {
    "footnote-back", "reversefootnote", "footnote-backref", "footnote-return", "mw-cite-backlink",
    "backlink", "fn-backref",
}
_BACKLINK_TEXTS = {"↩", "↩︎", "^", "↑", "⤴", "back", "return"}
_NOTE_BLOCKS = {"p", "li", "dd", "dt", "aside", "div", "td"}
_INLINE_TARGETS = {"a", "span", "sup", "cite", "b", "strong", "i", "em", "small"}
MAX_LINKED_NOTE = 5000
_BLOCKS = {"p", "li", "div", "dd", "dt", "td", "aside", "section", "blockquote", "article"}
_SEPARATE = _BLOCKS | {"br", "tr", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "table"}
_NUMBER_TEXT = compile_lazily(r"^\s*\[?\s*(\d{1,5}(?:\s*[,–-]\s*\d{1,5})*)\s*\]?\s*$")
# Word numbers endnotes i, ii, iii... by default: "[iv]" in the marker and the note
_ROMAN_TEXT = compile_lazily(
    r"^\s*\[?\s*(c{0,3}(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3}))\s*\]?\s*$", re.IGNORECASE
)
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
# "12. ", "[12] ", and Project Gutenberg's "[Footnote 12: ...]"
_LEADING_NUMBER = compile_lazily(
    r"^\s*(?P<open>\[(?:Footnote\s+)?)?(?P<number>\d{1,5})\]?(?:[.):]\s*|\s+)", re.IGNORECASE)
_ID_DIGITS = compile_lazily(r"(\d{1,5})\D*$")
_HIDDEN = compile_lazily(
    r"<!--.*?-->|<script\b.*?</script\s*>|<style\b.*?</style\s*>", re.IGNORECASE | re.DOTALL
)
_ID_ATTRIBUTE = compile_lazily(r"""\b(?:id|name)\s*=\s*(["'])(.*?)\1""", re.IGNORECASE)


_held: ContextVar[tuple[str, BeautifulSoup] | None] = ContextVar("held_tree", default=None)


@contextmanager
def html_tree(text: str) -> Iterator[BeautifulSoup]:
    """The page as BeautifulSoup's tree (lxml), torn down when the block ends. The tree is one
    large web of reference cycles (every element knows its parent and its neighbours), which
    only the garbage collector's rare full pass would free: a 13,000-note page kept 110 MB
    alive after it was read. Decomposed, it goes at once. (The BeautifulSoup object's own
    `decompose` does not reach its children: each top element is decomposed.)
    Inside `held_tree(text)`, the tree it holds, torn down when that block ends."""
    held = _held.get()
    if held is not None and held[0] is text:
        yield held[1]
        return
    soup = BeautifulSoup(text, "lxml")
    try:
        yield soup
    finally:
        for top in list(soup.contents):
            top.decompose()
        soup.decompose()


@contextmanager
def held_tree(text: str) -> Iterator[None]:
    """A block in which every `html_tree(text)` of this very text is one tree, made here and
    torn down when the block ends: a page's metadata and its notes read one parse (a 4 MB
    page of 13,000 notes: 1.6 s less). Its readers take it in turn, the one that changes it
    last (the notes' reader drops scripts and styles)."""
    with html_tree(text) as soup:
        token = _held.set((text, soup))
        try:
            yield
        finally:
            _held.reset(token)


def extract_html(text: str) -> tuple[list[Footnote], dict[int, list[int]]]:
    """Footnotes in document order and markers (number -> 1-based lines)."""
    with html_tree(text) as soup:
        return _extract(soup, text)


def _extract(soup: BeautifulSoup, text: str) -> tuple[list[Footnote], dict[int, list[int]]]:
    for hidden in soup.find_all(["script", "style", "noscript", "template"]):
        hidden.decompose()
    finder = _Finder(soup)
    locator = _Locator(text, finder.tags)
    definitions = finder.find()
    markers = _markers(finder, locator)
    footnotes = []
    handout = MarkerHandout({n: sorted(lines) for n, lines in markers.items()},
                            (number for _, number in definitions))
    for element, number in definitions:
        body = _note_text(element, finder.skip)
        body = _strip_own_number(body, number)
        line = locator.line(element)
        footnotes.append(
            Footnote(
                number=number,
                line=line,
                text=clean_note_text(body),
                marker_lines=handout.take(number, line),
            )
        )
    return footnotes, markers


class _Finder:
    def __init__(self, soup: BeautifulSoup) -> None:
        self.soup = soup
        self.definitions: list[tuple[Tag, int]] = []
        self.taken: set[int] = set()  # id() of definition elements
        self.skip: set[int] = set()  # id() of leading numbers and back-links inside them
        # One list of all tags, filtered by hand below: bs4's find_all and CSS select
        # walk the whole tree on every call.
        self.tags: list[Tag] = soup.find_all(True)
        self.order = {id(tag): rank for rank, tag in enumerate(self.tags)}

    def find(self) -> list[tuple[Tag, int]]:
        containers = [tag for tag in self.tags if _is_container(tag)]
        holds_container: set[int] = set()
        for container in containers:
            holds_container.update(id(parent) for parent in container.parents)
        for container in containers:
            if not self._inside_taken(container):
                self._container(container)
        for tag in self.tags:
            if tag.name == "aside" and id(tag) not in holds_container:
                if not self._inside_taken(tag):
                    self._aside(tag)
            elif _is_single_note(tag) and not self._inside_taken(tag):
                self._add(tag, self._number_of(tag))
        self._linked()
        for tag in self.tags:
            if (
                tag.name in ("p", "div", "li")
                and _starts_with_sup(tag)
                and not self._inside_taken(tag)
            ):
                self._add(tag, self._number_of(tag))
        self.definitions.sort(key=lambda pair: self.order.get(id(pair[0]), 0))
        return self.definitions

    # -- shapes --

    def _container(self, container: Tag) -> None:
        items = [item for item in container.find_all("li") if not _nested_item(item, container)]
        if items:
            positions: dict[int, int] = {}  # id(ol) -> next position
            for item in items:
                parent = item.parent
                if isinstance(parent, Tag) and parent.name == "ol":
                    number = _list_position(item, parent, positions)
                else:
                    number = self._number_of(item)
                self._add(item, number)
            self.taken.add(id(container))
            return
        for block in container.find_all(["p", "div"], recursive=False) or [container]:
            if _leading_number(block) is not None:
                self._add(block, self._number_of(block))
        self.taken.add(id(container))

    def _aside(self, aside: Tag) -> None:
        paragraphs = [p for p in aside.find_all("p") if _leading_number(p) is not None]
        if len(paragraphs) > 1:
            for paragraph in paragraphs:
                self._add(paragraph, self._number_of(paragraph))
            return
        if aside.get_text(strip=True):
            self._add(aside, self._number_of(aside))

    def _linked(self) -> None:
        by_id: dict[str, Tag] = {}
        links: list[Tag] = []
        for tag in self.tags:
            if tag.has_attr("id"):
                by_id.setdefault(str(tag["id"]), tag)
            if tag.name == "a":
                if tag.has_attr("name"):
                    by_id.setdefault(str(tag["name"]), tag)
                if tag.has_attr("href"):
                    links.append(tag)
        for link in links:
            href = str(link["href"])
            if not href.startswith("#") or len(href) < 2:
                continue
            numbers = _numbers_of(link.get_text())
            target = by_id.get(href[1:])
            if not numbers or target is None:
                continue
            if self.order.get(id(target), -1) <= self.order.get(id(link), 0):
                continue  # pointing back up: a back-link from a note to its marker
            if target.name in _NOTE_BLOCKS:
                block = target
            elif target.name in _INLINE_TARGETS:
                block = target.find_parent(list(_NOTE_BLOCKS))
            else:
                continue  # a heading or a section: a table of contents, not a note
            if block is None or self._inside_taken(block) or block.find(_is_container_like):
                continue
            if len(block.get_text()) > MAX_LINKED_NOTE:
                continue  # a page or a chapter, not a note
            if len(numbers) == 1:
                self._add(block, numbers[0])

    # -- helpers --

    def _add(self, element: Tag, number: int | None) -> None:
        if number is None:
            number = (self.definitions[-1][1] + 1) if self.definitions else 1
        self.definitions.append((element, number))
        self.taken.add(id(element))
        for inner in element.descendants:
            if isinstance(inner, Tag) and _is_backlink(inner):
                self.skip.add(id(inner))
        lead = _leading_element(element)
        if lead is not None:
            self.skip.add(id(lead))

    def _number_of(self, element: Tag) -> int | None:
        number = _leading_number(element)
        if number is not None:
            return number
        identifier = element.get("id")
        if identifier:
            match = _ID_DIGITS.search(str(identifier))
            if match:
                return int(match.group(1))
        return None

    def _inside_taken(self, element: Tag) -> bool:
        if id(element) in self.taken:
            return True
        return any(id(parent) in self.taken for parent in element.parents)


def _is_container(tag: Tag) -> bool:
    classes = tag.get("class") or ()
    if tag.name in _CONTAINER_TAGS and any(name in _CONTAINER_CLASSES for name in classes):
        return True
    if tag.name == "ol" and "references" in classes:
        return True
    return str(tag.get("role", "")) in ("doc-endnotes", "doc-footnotes")


def _is_single_note(tag: Tag) -> bool:
    if tag.name in ("html", "body", "a", "sup"):
        return False
    classes = set(tag.get("class") or [])
    if classes & _SINGLE_NOTE_CLASSES:
        # in a microformats card (an infobox's "vcard"), class "fn" is a formatted name
        return not (classes & _SINGLE_NOTE_CLASSES <= {"fn"} and _in_card(tag))
    if str(tag.get("role", "")) in _SINGLE_NOTE_ROLES:
        return True
    return str(tag.get("epub:type", "")) in ("footnote", "endnote", "rearnote")


def _in_card(tag: Tag) -> bool:
    return any({"vcard", "h-card"} & set(parent.get("class") or []) for parent in tag.parents)


def _is_container_like(tag: Tag) -> bool:
    return tag.name in ("ol", "ul", "section", "article", "h1", "h2", "table")


def _nested_item(item: Tag, container: Tag) -> bool:
    for parent in item.parents:
        if parent is container:
            return False
        if parent.name == "li":
            return True
    return False


def _list_position(item: Tag, parent: Tag, positions: dict[int, int]) -> int:
    """The number a browser shows: `value`, else `start` plus the rank in the list."""
    if id(parent) not in positions:
        start = str(parent.get("start", "1"))
        positions[id(parent)] = int(start) if start.lstrip("-").isdigit() else 1
    value = str(item.get("value", ""))
    number = int(value) if value.isdigit() else positions[id(parent)]
    positions[id(parent)] = number + 1
    return number


def _is_backlink(tag: Tag) -> bool:
    classes = set(tag.get("class") or [])
    if classes & _BACKLINK_CLASSES or str(tag.get("role", "")) == "doc-backlink":
        return True
    if tag.name != "a":
        return False
    href = str(tag.get("href", ""))
    return href.startswith("#") and tag.get_text(strip=True) in _BACKLINK_TEXTS


def _first_content(element: Tag) -> Tag | NavigableString | None:
    """The first node with visible text, descending into wrappers like <p>."""
    for node in element.descendants:
        if isinstance(node, Comment):
            continue
        if isinstance(node, NavigableString):
            if node.strip():
                return node
            continue
        if isinstance(node, Tag) and node.name in ("sup", "a") and node.get_text(strip=True):
            return node
    return None


def _leading_element(element: Tag) -> Tag | None:
    node = _first_content(element)
    if isinstance(node, Tag) and _numbers_of(node.get_text(), _roman_allowed(node)):
        return node
    return None


def _leading_number(element: Tag) -> int | None:
    node = _first_content(element)
    if node is None:
        return None
    if isinstance(node, Tag):
        numbers = _numbers_of(node.get_text(), _roman_allowed(node))
        return numbers[0] if len(numbers) == 1 else None
    match = _LEADING_NUMBER.match(str(node))
    return int(match.group("number")) if match else None


def _numbers_of(text: str, roman: bool = True) -> list[int]:
    """The note numbers a marker's text names: "3", "[3]", "3-5", or (Word endnotes, in a
    link) a roman numeral "[iv]"."""
    match = _NUMBER_TEXT.match(text)
    if match:
        return marker_numbers(match.group(1))
    if roman and text.strip(" []"):
        match = _ROMAN_TEXT.match(text)
        if match and match.group(1):
            return [_roman_value(match.group(1).lower())]
    return []


def _roman_allowed(node: Tag) -> bool:
    """A roman numeral opens a note as a link or in brackets ("[iv]"), not as an italic
    word ("<i>I</i> argue")."""
    return node.name == "a" or "[" in node.get_text()


def _roman_value(numeral: str) -> int:
    total = 0
    for index, char in enumerate(numeral):
        value = _ROMAN_VALUES[char]
        following = _ROMAN_VALUES[numeral[index + 1]] if index + 1 < len(numeral) else 0
        total += -value if value < following else value
    return total


def _starts_with_sup(element: Tag) -> bool:
    node = _first_content(element)
    if not (isinstance(node, Tag) and node.name == "sup" and _NUMBER_TEXT.match(node.get_text())):
        return False
    return len(element.get_text(strip=True)) > len(node.get_text(strip=True)) + 3


def _strip_own_number(text: str, number: int) -> str:
    match = _LEADING_NUMBER.match(text)
    if match and int(match.group("number")) == number:
        text = text[match.end() :]
        if len(match.group("open") or "") > 1 and text.rstrip().endswith("]"):
            text = text.rstrip()[:-1]  # "[Footnote 1: ...]" loses its closing bracket too
    return text


def _note_text(element: Tag, skip: set[int]) -> str:
    """The element's text without skipped parts; external links as markdown links, italics
    (`<i>`, `<em>`) as markdown emphasis (`*Title*`: the reference parser reads an italic
    name as a book's title or an outlet, as in markdown notes)."""
    return with_emphasis("".join(_walk(element, skip)))


_ITALIC_TAGS = {"i", "em"}


def _walk(element: Tag, skip: set[int]) -> Iterator[str]:
    stack: list[Tag | NavigableString | str] = [element]
    while stack:
        node = stack.pop()
        if isinstance(node, str) and not isinstance(node, NavigableString):
            yield node
            continue
        if isinstance(node, Comment):
            continue
        if isinstance(node, NavigableString):
            yield str(node)
            continue
        if id(node) in skip:
            continue
        if node.name == "br":
            yield " "
            continue
        href = str(node.get("href", "")) if node.name == "a" else ""
        label = node.get_text() if href else ""
        if is_cited_link(href) and href.strip() not in label:
            stack.append(f"]({href.strip()})")
            stack.extend(reversed(node.contents))
            stack.append("[")
            continue
        if node.name in _ITALIC_TAGS:
            stack.append(ITALIC_OFF)
            stack.extend(reversed(node.contents))
            stack.append(ITALIC_ON)
            continue
        if node.name in _SEPARATE:
            stack.append(" ")
        stack.extend(reversed(node.contents))
        if node.name in _SEPARATE:
            stack.append(" ")


def _markers(finder: _Finder, locator: _Locator) -> dict[int, list[int]]:
    by_line: dict[int, set[int]] = {}
    definition_ids = set()
    for element, _ in finder.definitions:
        for inner in (element, *element.descendants):
            if isinstance(inner, Tag):
                if inner.has_attr("id"):
                    definition_ids.add(str(inner["id"]))
                if inner.name == "a" and inner.has_attr("name"):
                    definition_ids.add(str(inner["name"]))
    skipped = finder.skip
    for tag in finder.tags:
        if tag.name not in ("sup", "a"):
            continue
        if id(tag) in skipped or any(id(parent) in skipped for parent in tag.parents):
            continue
        if tag.name == "a":
            href = str(tag.get("href", ""))
            if not href.startswith("#") or href[1:] not in definition_ids:
                continue
        numbers = _numbers_of(tag.get_text(), roman=tag.name == "a")
        if not numbers:
            continue
        before = tag.previous_sibling
        if tag.name == "sup" and isinstance(before, NavigableString) and is_power(str(before)):
            continue  # 10<sup>6</sup>: a power, not a marker
        line = locator.line(tag)
        for number in numbers:
            by_line.setdefault(number, set()).add(line)
    return {number: sorted(lines) for number, lines in by_line.items()}


class _Locator:
    """Source line of a parsed element: by its id, else by its rank among same-named tags."""

    def __init__(self, text: str, tags: list[Tag]) -> None:
        self.tags = tags
        self.lines = LineIndex(text)
        self.source = _HIDDEN.sub(lambda match: " " * len(match.group(0)), text)
        self.ids: dict[str, int] = {}
        for match in _ID_ATTRIBUTE.finditer(self.source):
            self.ids.setdefault(match.group(2), match.start())
        self.offsets: dict[str, list[int]] = {}
        self.ranks: dict[str, dict[int, int]] = {}

    def line(self, element: Tag) -> int:
        identifier = element.get("id")
        if identifier and str(identifier) in self.ids:
            return self.lines.line_of(self.ids[str(identifier)])
        name = element.name
        if name not in self.offsets:
            pattern = re.compile(rf"<{re.escape(name)}[\s/>]", re.IGNORECASE)
            self.offsets[name] = [match.start() for match in pattern.finditer(self.source)]
            same = (tag for tag in self.tags if tag.name == name)
            self.ranks[name] = {id(tag): rank for rank, tag in enumerate(same)}
        rank = self.ranks[name].get(id(element))
        offsets = self.offsets[name]
        if rank is None or rank >= len(offsets):
            return 1
        return self.lines.line_of(offsets[rank])
