"""The parse pipeline: paths -> Documents with footnotes and references, plus parse findings."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from checker.errors import InputError
from checker.extract import document_metadata, extract_footnotes, one_parse
from checker.extract.common import after_ditto, is_ditto
from checker.extract.formats import NATIVE_FORMATS
from checker.extract.worklist import listed_works
from checker.load import read_document
from checker.model import (
    Document,
    Finding,
    Footnote,
    Reference,
    Severity,
    reference_from_values,
    reference_values,
)
from checker.references import BackReferenceResolver, parse_references, repair_across_notes
from checker.references.backrefs import is_undated_case, is_unnamed_case
from checker.references.context import (
    MarkedLines,
    NamedWork,
    body_at_marker,
    case_named_before,
    case_year_before,
    work_named_before,
)
from checker.references.managed import managed_references
from checker.workers import map_shared

PARALLEL_FROM = 5000  # notes; fewer are parsed here sooner than workers start and answer
CONTEXT_BATCH = 1000  # notes whose context is taken at a time, as their references come
DOCUMENT_SUFFIXES = (".txt", ".md", ".markdown", ".text", ".html", ".htm", ".xhtml", ".tex",
                     ".bib", ".rst", ".texi", ".texinfo", ".xml", ".docx", ".odt", ".pdf",
                     ".doc", ".rtf", ".wiki", ".mediawiki", ".adoc", ".asciidoc", ".org")


@dataclass
class ParseRun:
    documents: list[Document] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)


def expand_paths(paths: Iterable[str]) -> list[str]:
    """Directories become the documents inside them (sorted, not recursive).

    A folder's README is its description, not one of its documents, so it is left out;
    a README named explicitly is parsed like any file. The files a LaTeX file of the folder
    reads as part of itself (its ``\\input`` chapters, its ``.bib``) are left out too: the
    main file is the document.
    """
    expanded: list[str] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            inside = [
                str(child)
                for child in sorted(path.iterdir())
                if child.is_file()
                and child.suffix.lower() in DOCUMENT_SUFFIXES
                and not child.name.startswith(".")
                and not child.stem.upper().startswith("README")
            ]
            inside = _without_latex_members(path, inside)
            # An empty folder stays in the list so that loading names the problem.
            expanded.extend(inside or [given])
        else:
            expanded.append(given)
    return expanded


def _without_latex_members(folder: Path, files: list[str]) -> list[str]:
    from checker.extract.latex import project_members
    from checker.load import read_text

    members: set[Path] = set()
    for name in files:
        if not name.lower().endswith(".tex"):
            continue
        try:
            text = read_text(name)
        except InputError:
            continue  # loading it names the problem
        itself = Path(name).resolve()
        members.update(path for path in ((folder / m).resolve() for m in project_members(text))
                       if path != itself)
    kept = [name for name in files if Path(name).resolve() not in members]
    if any(n.lower().endswith(".tex") for n in files) and not any(
            n.lower().endswith(".tex") for n in kept):
        return files  # files including each other: no main file to choose
    return kept


NoteHook = Callable[[list[Reference]], None]
ResolvedHook = Callable[[Document, list[Footnote]], None]


def parse_document(doc: Document, doc_date: str | None = None,
                   on_references: NoteHook | None = None,
                   on_resolved: ResolvedHook | None = None) -> list[Finding]:
    """Fill `doc` with its metadata, footnotes and references; return parse findings.
    `on_references(references)` is called with each note's references as soon as they are
    read (`parse_note_texts`), by the link check to start on the first links while the rest
    is read (not for a document whose references a LaTeX \\cite, a .bib entry or a reference
    manager's fields gave). `on_resolved(doc, notes)` is called with each run of notes, in
    order, once their references are final but for the URL repairs they may suggest (by the
    bibliography, to read their works' identities while the rest is read)."""
    with one_parse(doc):
        title, stated_date = document_metadata(doc)
        footnotes, findings = extract_footnotes(doc)
    doc.title = title
    if doc_date:
        doc.date, doc.date_source = doc_date, "option"
    elif stated_date:
        doc.date, doc.date_source = stated_date, "stated"
    texts = [footnote.text for footnote in footnotes]
    if any(footnote.references or footnote.cited for footnote in footnotes):
        on_references = None
    cited_before: set[tuple] = set()
    context = _NoteContext(doc, footnotes, on_resolved)
    for read, (footnote, references) in enumerate(
            zip(footnotes, parse_note_texts(texts), strict=True), start=1):
        if on_references is not None:
            on_references(references)
        # A LaTeX \cite or a .bib entry gave the note its references: they are kept.
        footnote.references = footnote.references or references
        if footnote.cited:  # what a reference manager's fields print: their records' works
            footnote.references, managed = managed_references(
                footnote, footnote.references, doc.path, cited_before)
            findings.extend(managed)
        context.read(read)
    context.finish()
    repair_across_notes(footnotes)
    doc.footnotes = footnotes
    return findings + url_repair_findings(doc)


class _NoteContext:
    """The context of a document's notes, taken as their references come, in order
    (`parse_note_texts` hands a large document's on a chunk at a time): the work the body
    names at a note's marker (`works_named_at_markers`) and the Ibid., Op. cit. and short
    forms pointing back (`BackReferenceResolver`), `CONTEXT_BATCH` notes at a time, so that
    the first notes of a large document are resolved while the workers read the later ones.

    A document with a list of works of its own waits for all its notes: whether its notes
    point to that list (`_listed_works`) depends on every one of them."""

    def __init__(self, doc: Document, footnotes: list[Footnote],
                 on_resolved: ResolvedHook | None = None) -> None:
        self._doc, self._footnotes, self._on_resolved = doc, footnotes, on_resolved
        self._list = _list_entries(doc, footnotes)  # the entries of its list of works
        self._resolver = BackReferenceResolver()
        self._lines: MarkedLines | None = None  # the body's, made when a note needs them
        self._resolved = 0  # the notes resolved so far

    def read(self, count: int) -> None:
        """The first `count` notes have their references."""
        if not self._list and count - self._resolved >= CONTEXT_BATCH:
            self._resolve(count)

    def finish(self) -> None:
        """Every note has its references: the rest are resolved."""
        if self._list:
            self._resolver = BackReferenceResolver(
                _listed_works(self._footnotes, self._list))
        self._resolve(len(self._footnotes))

    def _resolve(self, stop: int) -> None:
        batch = self._footnotes[self._resolved:stop]
        needing = notes_needing_the_body(batch)
        if needing and self._lines is None:
            self._lines = MarkedLines.of(self._doc.text)
        named = _works_named(self._lines, batch, needing) if needing else None
        self._resolver.feed(batch, named)
        self._resolved = stop
        if self._on_resolved is not None:
            self._on_resolved(self._doc, batch)


def _list_entries(doc: Document, footnotes: list[Footnote]) -> list[str]:
    """The entries of the document's own bibliography section (`listed_works`): text layouts
    and the text of PDF, Word and ODT files (LaTeX and bibliographies resolve their
    citations themselves)."""
    if doc.format not in ("markdown", "text", "html", *NATIVE_FORMATS):
        return []
    return listed_works(doc.text, {note.line for note in footnotes})


def _listed_works(footnotes: list[Footnote], entries: list[str]) -> list[Reference]:
    """The works of the document's own bibliography section (its `entries`), for its short
    notes to point to (an author-date note, a short form, a source named by its author
    alone); none when no note is such a note."""
    if not any(not note.references or any(_author_year_or_short(ref) for ref in note.references)
               for note in footnotes):
        return []
    works: list[Reference] = []
    for entry in entries:
        rest = after_ditto(entry.lstrip()) if works else None
        if rest is not None and len(works[-1].authors) == 1:
            # "–––.Title. Place: Publisher, Year": the author above, written out, is read with
            # the work (a title read alone may pass for a name)
            author = works[-1].authors[0]
            entry = f"{author}{'' if author.endswith('.') else '.'} {rest}"
        for ref in parse_references(entry):
            if not ref.authors and works and (rest is not None or is_ditto(ref.raw)):
                ref.authors = list(works[-1].authors)  # "–––. Title": the author above
            if ref.authors and ref.title:
                works.append(ref)
    return works


def _author_year_or_short(reference: Reference) -> bool:
    """An author-date note ("Roe 2001, 5"), or a short form by a family name alone ("Roe,
    *Short Title*, 12"): the document's list of works may give the work in full."""
    if not reference.authors or reference.url:
        return False
    return not reference.title or (
        "," not in reference.authors[0] and not reference.date and not reference.container)


def works_named_at_markers(text: str, footnotes: list[Footnote]) -> dict[int, NamedWork]:
    """By note position, the work the body names at the note's marker, for notes that need
    it (`notes_needing_the_body`)."""
    needing = notes_needing_the_body(footnotes)
    if not needing:
        return {}
    return _works_named(MarkedLines.of(text), footnotes, needing)


def notes_needing_the_body(footnotes: list[Footnote]) -> list[int]:
    """The positions of the notes that need the work the body names at their marker: no
    author of their own, or an ``Op. cit.`` with no name (older books and reports)."""
    return [position for position, footnote in enumerate(footnotes)
            if footnote.marker_lines and (
                (footnote.references and not footnote.references[0].authors)
                or (not footnote.references and footnote.text[:2].lower() in ("op", "lo")))]


def _works_named(lines: MarkedLines, footnotes: list[Footnote], needing: list[int]
                 ) -> dict[int, NamedWork]:
    """`works_named_at_markers` of the notes at `needing`, in the body's `lines`."""
    named: dict[int, NamedWork] = {}
    for position in needing:
        around = body_at_marker(lines, footnotes[position])
        first = footnotes[position].references[:1]
        if around and first and is_unnamed_case(first[0]):
            work = case_named_before(around[0])  # "Roe v. Poe,[12]" and "12 F.3d 34 (1994)."
        elif around and first and is_undated_case(first[0]):
            year = case_year_before(around[0])  # "decided in 1944.[2]" and "Roe v. Roe, 1 Mo. 9"
            if year:
                first[0].date = year
            continue
        else:
            work = work_named_before(*around) if around else None
        if work is not None:
            named[position] = work
    return named


def url_repair_findings(doc: Document) -> list[Finding]:
    findings = []
    for footnote in doc.footnotes:
        for reference in footnote.references:
            if reference.repairs and not reference.ibid:
                findings.append(
                    Finding(
                        rule="url-malformed",
                        severity=Severity.WARNING.value,
                        document=doc.path,
                        footnotes=[footnote.number],
                        part=footnote.part,
                        line=footnote.line,
                        message=(
                            f"URL printed as {reference.url_as_printed!r} was repaired to "
                            f"{reference.url!r}: " + "; ".join(reference.repairs)
                        ),
                    )
                )
            if reference.url_candidates and not reference.ibid:
                findings.append(candidate_question(doc, footnote, reference))
    return findings


def candidate_question(doc: Document, footnote: Footnote, reference: Reference) -> Finding:
    """A valid printed URL that evidence suggests was mangled: kept as printed, and asked."""
    suggested = "; or ".join(f"{url!r} ({why})" for url, why in reference.url_candidates)
    return Finding(
        rule="url-malformed", severity=Severity.INFO.value, document=doc.path,
        footnotes=[footnote.number], line=footnote.line,
        message=(f"URL {reference.url!r} is valid as printed and kept, but may be "
                 f"{suggested}; `footcheck check` asks which one answers"),
    )


def parse_paths(paths: Iterable[str], doc_date: str | None = None,
                on_references: NoteHook | None = None,
                on_resolved: ResolvedHook | None = None) -> ParseRun:
    """Parse every document; a file that cannot be read is an error of the run, not a stop.
    `on_references`, `on_resolved`: see `parse_document`."""
    run = ParseRun()
    for path in expand_paths(paths):
        try:
            doc = read_document(path)
            # a .bib without one entry raises too
            findings = parse_document(doc, doc_date, on_references, on_resolved)
        except InputError as error:
            run.errors.append(error)
            continue
        run.findings.extend(findings)
        run.documents.append(doc)
    return run


def parse_note_texts(texts: list[str]) -> Iterator[list[Reference]]:
    """`parse_references` over every note text, each note's references yielded in order as
    soon as they are read: on every core (`workers.map_shared`, each chunk as the workers end
    it) when there are `PARALLEL_FROM` notes or more, so that the link check starts on the
    first notes' links, and their context is taken (`_NoteContext`), while the workers read
    the rest. A text that recurs ("Ibid.", "Id. at 5.", a source cited again in the same
    words) is read once; every note gets references of its own."""
    counts = Counter(texts)  # each text's notes, the texts in the order first met
    distinct = list(counts)
    if len(texts) < PARALLEL_FROM:
        answers = map(_values_of, distinct)  # read one at a time, as they are asked for
    else:
        answers = map_shared(_parse_as_values, distinct)  # each chunk as the workers end it
    # text -> its references' values, for the texts that recur (most are met once: their
    # values are not held while the rest is read)
    read: dict[str, list[tuple]] = {}
    for text in texts:
        values = read.get(text)
        if values is None:  # a text met for the first time: the next distinct text's answer
            values = next(answers)
            if counts[text] > 1:
                read[text] = values
        yield [reference_from_values(one) for one in values]


def _values_of(text: str) -> list[tuple]:
    return [reference_values(reference) for reference in parse_references(text)]


def _parse_as_values(texts: Sequence[str]) -> list[list[tuple]]:
    """Plain tuples cross the process boundary several times faster than dataclasses."""
    return [_values_of(text) for text in texts]
