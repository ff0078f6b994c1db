"""LaTeX -> footnotes, read with pylatexenc (its walker finds the commands and their
arguments; its latex2text turns a note's LaTeX into text).

What it reads, in document order, following ``\\input``/``\\include``/``\\subfile`` from the
main file (paths relative to the main file's folder, ``.tex`` added when missing):

* ``\\footnote[n]{...}`` and ``\\endnote{...}`` (nested braces; ``\\emph``/``\\textit`` as
  markdown's ``*italics*``, which the reference parser reads as a title; ``\\url``,
  ``\\href{url}{text}``: the target goes into the note's text so that it is the note's URL);
  ``\\footnotetext`` with the current number; commented-out lines and verbatim environments
  (``verbatim``, ``lstlisting``, ``minted``, ``comment``) and ``\\verb`` are skipped;
* ``\\let\\footnote=\\endnote`` (or ``\\renewcommand{\\footnote}{\\endnote}``): footnotes are
  numbered on the endnote counter;
* numbering restarts: ``\\setcounter{footnote|endnote}{n}``, and ``\\chapter`` in book-like
  classes (book, report, memoir, scrbook, scrreprt...) or after ``\\counterwithin{footnote}``;
  where numbering restarts, each note gets its `Footnote.part` (1, 2, ...);
* ``\\cite``-family commands inside a note (natbib and biblatex, ``\\nocite`` too): the cited
  entries of the ``.bib`` files named by ``\\bibliography``/``\\addbibresource`` become the
  note's references (its text is then not parsed for references); the text shows
  ``Author, Title (Year), postnote``;
* biblatex's ``\\footcite``, ``\\footcites``, ``\\footfullcite``, ``\\smartcite`` and, under a
  footnote citation style (``autocite=footnote``, ``verbose*``, ``authortitle*``,
  ``chicago-notes``...), ``\\autocite``: each is a note of its own.

A note's `Footnote.file` is the included file holding it (None in the main file) and its
`line` a line of that file.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from checker.bibliography.read import BibItem, BibliographyError, read_bibliography
from checker.errors import InputError
from checker.extract.common import ITALIC_OFF, ITALIC_ON, LineIndex, clean_note_text, with_emphasis
from checker.lazypattern import compile_lazily
from checker.model import Finding, Footnote, Reference, Severity, copy_reference

Reader = Callable[[str], str]  # a path -> its text; raises InputError

RULE = "latex"
MAX_INCLUDE_DEPTH = 16
BOOK_CLASSES = frozenset({"book", "report", "memoir", "scrbook", "scrreprt", "amsbook",
                          "extbook", "extreport", "ctexbook", "ctexrep", "thesis"})
NOTE_COMMANDS = {"footnote": "footnote", "endnote": "endnote"}
TEXT_COMMANDS = {"footnotetext": "footnote", "endnotetext": "endnote"}
FOOTCITE_COMMANDS = frozenset({"footcite", "footcites", "footcitetext", "footcitetexts",
                               "footfullcite", "smartcite", "smartcites", "Smartcite",
                               "Smartcites", "Footcite", "Footcites"})
AUTOCITE_COMMANDS = frozenset({"autocite", "autocites", "Autocite", "Autocites"})
CITE_COMMANDS = frozenset({
    "cite", "Cite", "cites", "Cites", "citep", "citet", "citealp", "citealt", "citeauthor",
    "Citeauthor", "citetitle", "citeyear", "citedate", "citeurl", "parencite", "Parencite",
    "parencites", "textcite", "Textcite", "textcites", "supercite", "supercites", "fullcite",
    "nocite", *AUTOCITE_COMMANDS, *FOOTCITE_COMMANDS,
})
INCLUDE_COMMANDS = frozenset({"input", "include", "subfile", "import", "subimport",
                              "includefrom", "subincludefrom"})
BIB_COMMANDS = frozenset({"bibliography", "addbibresource", "addglobalbib", "addsectionbib"})
FOOTNOTE_STYLES = ("verbose", "authortitle", "chicago-notes", "oscola", "footnote-dw",
                   "windycity", "historische-zeitschrift")
VERBATIM_ENVIRONMENTS = ("lstlisting", "minted", "Verbatim", "BVerbatim", "LVerbatim",
                         "comment", "alltt", "filecontents", "filecontents*")

_MULTICITE = compile_lazily(
    r"\\(?:foot|paren|text|auto|smart|super|Foot|Paren|Text|Auto|Smart)?cites(?:texts)?\*?"
    r"((?:\s*\([^()]*\)){0,2}(?:\s*(?:\[[^\]]*\]){0,2}\s*\{[^{}]*\})+)")
_MULTICITE_KEY = compile_lazily(r"\{([^{}]*)\}")
_ALIAS = compile_lazily(
    r"\\(?:global\s*)?let\s*\\(footnote)\s*=?\s*\\(endnote)\b"
    r"|\\(?:re)?newcommand\*?\s*\{?\s*\\(footnote)\s*\}?\s*(?:\[\d\])?\s*"
    r"\{\s*\\(endnote)\b[^{}]*(?:\{#1\})?\s*\}")
_COMMENT = compile_lazily(r"(?<!\\)%.*")
_BIBLATEX = compile_lazily(r"\\usepackage\s*\[([^\]]*)\]\s*\{biblatex(?:-chicago)?\}", re.DOTALL)


@dataclass
class LatexNote:
    number: int
    line: int
    file: str
    stream: str  # the counter: footnote | endnote
    segment: int  # which run of that counter (after restarts)
    body: list  # pylatexenc nodes of the note (None for a \footcite note)
    keys: list[tuple[str, str]] = field(default_factory=list)  # (key, postnote) cited
    cite_text: str = ""  # for a \footcite note: its command, rendered later
    text: str = ""
    references: list[Reference] = field(default_factory=list)


@dataclass
class LatexResult:
    footnotes: list[Footnote]
    findings: list[Finding]
    bibliographies: list[str]


def _walker_context():
    from pylatexenc.latexwalker import get_default_latex_context_db
    from pylatexenc.macrospec import EnvironmentSpec, MacroSpec, VerbatimArgsParser

    # Without specials (``--``, ``~``, ``''``): the walker needs the structure only, and
    # testing every character for them took half its time; `typographic` turns them into text.
    db = get_default_latex_context_db().filter_context(keep_which=["macros", "environments"])
    single = [MacroSpec(name, "*[[{") for name in CITE_COMMANDS]
    db.add_context_category(
        "footcheck", prepend=True,
        macros=[
            *single,
            *(MacroSpec(name, "[{") for name in (*NOTE_COMMANDS, *TEXT_COMMANDS)),
            MacroSpec("footnotemark", "["), MacroSpec("href", "[{{"), MacroSpec("url", "{"),
            MacroSpec("enquote", "*{"), MacroSpec("import", "{{"),
            MacroSpec("subimport", "*{{"), MacroSpec("subfile", "{"),
            MacroSpec("addbibresource", "[{"), MacroSpec("addglobalbib", "[{"),
            MacroSpec("counterwithin", "*{{"), MacroSpec("counterwithout", "*{{"),
            MacroSpec("let", ""),
        ],
        environments=[
            EnvironmentSpec(name, args_parser=VerbatimArgsParser(
                verbatim_arg_type="verbatim-environment"))
            for name in VERBATIM_ENVIRONMENTS
        ],
    )
    return db


_CONTEXT = None


def walker_context():
    global _CONTEXT
    if _CONTEXT is None:
        _CONTEXT = _walker_context()
    return _CONTEXT


def strip_comments(text: str) -> str:
    """Comments blanked out with spaces: offsets and lines stay those of `text`."""
    return _COMMENT.sub(lambda match: " " * len(match.group(0)), text)


def _blank(text: str, start: int, end: int) -> str:
    return text[:start] + re.sub(r"[^\n]", " ", text[start:end]) + text[end:]


def prepare(text: str) -> tuple[str, set[str]]:
    """The source with what the walker would misread rewritten in place (offsets and lines
    kept): ``\\let\\footnote=\\endnote`` blanked (the alias is returned), and multi-cite
    commands (``\\footcites[p]{a}{b}``) turned into one-argument ones (``\\footcites{a,b}``)."""
    aliased: set[str] = set()
    visible = strip_comments(text)
    for match in reversed(list(_ALIAS.finditer(visible))):
        aliased.add("footnote")
        text = _blank(text, match.start(), match.end())
    pieces, last = [], 0
    for match in _MULTICITE.finditer(text):
        keys = ",".join(k.strip() for k in _MULTICITE_KEY.findall(match.group(1)))
        head = match.group(0)[: match.start(1) - match.start()].rstrip("*")
        new = head + "{" + keys + "}"
        old = match.group(0)
        newlines = old.count("\n")
        padding = len(old) - len(new) - newlines
        if padding < 0:  # cannot keep the offsets; leave it (rare: very short keys)
            continue
        pieces.append(text[last:match.start()] + new + " " * padding + "\n" * newlines)
        last = match.end()
    pieces.append(text[last:])
    return "".join(pieces), aliased


_TITLE = compile_lazily(r"\\(title|date)\s*(?:\[[^\]]*\])?\s*\{")


def latex_metadata(text: str) -> tuple[str | None, str | None]:
    """The ``\\title{...}`` and ``\\date{...}`` of the preamble as text (either may be None;
    ``\\date{\\today}`` states nothing)."""
    from checker.bibliography.read import latex_value

    found: dict[str, str | None] = {"title": None, "date": None}
    visible = strip_comments(text[:200_000])
    for match in _TITLE.finditer(visible):
        depth, end = 1, match.end()
        while end < len(visible) and depth:
            depth += {"{": 1, "}": -1}.get(visible[end], 0) if visible[end - 1] != "\\" else 0
            end += 1
        raw = visible[match.end(): end - 1]
        if found[match.group(1)] is None and "\\today" not in raw:
            value = latex_value(raw.replace("\\\\", " "))
            found[match.group(1)] = value or None
    return found["title"], found["date"]


_INCLUDED = compile_lazily(r"\\(?:input|include|subfile)\s*\{([^{}]+)\}")
_BIB_NAMED = compile_lazily(r"\\(?:bibliography|addbibresource|addglobalbib)\s*(?:\[[^\]]*\])?"
                            r"\s*\{([^{}]+)\}")


def project_members(text: str) -> list[str]:
    """The files a LaTeX file reads as part of itself (``\\input``, ``\\include``, the
    bibliographies), as written, ``.tex``/``.bib`` added: a folder holding a LaTeX project
    is one document, its main file."""
    visible = strip_comments(text)
    names = [n.strip() for n in _INCLUDED.findall(visible)]
    members = [n if n.endswith(".tex") else n + ".tex" for n in names]
    for value in _BIB_NAMED.findall(visible):
        members.extend(n.strip() if n.strip().endswith((".bib", ".json")) else n.strip() + ".bib"
                       for n in value.split(",") if n.strip())
    return members


def biblatex_footnote_style(text: str) -> bool:
    """Does biblatex's \\autocite make footnotes here (autocite=footnote, or a note style)?"""
    for match in _BIBLATEX.finditer(strip_comments(text)):
        options = dict(
            (part.partition("=")[0].strip(), part.partition("=")[2].strip())
            for part in match.group(1).split(",")
        )
        if options.get("autocite") == "footnote":
            return True
        if "notes" in options:  # biblatex-chicago [notes]
            return True
        style = options.get("citestyle") or options.get("style") or ""
        if style.startswith(FOOTNOTE_STYLES):
            return True
    return False


class _Walk:
    def __init__(self, main_path: str, read: Reader) -> None:
        self.root = Path(main_path).parent
        self.main = main_path
        self.read = read
        self.notes: list[LatexNote] = []
        self.findings: list[Finding] = []
        self.counters = {"footnote": 0, "endnote": 0}
        self.segments = {"footnote": 0, "endnote": 0}
        self.emitted = {"footnote": False, "endnote": False}
        self.aliases: dict[str, str] = {}
        self.chapter_resets: set[str] = set()
        self.section_resets: set[str] = set()
        self.bibliographies: list[str] = []
        self.autocite_notes = False
        self.stack: list[str] = []

    # -- files ------------------------------------------------------------------------------
    def warn(self, message: str, line: int | None, file: str) -> None:
        self.findings.append(Finding(rule=RULE, severity=Severity.WARNING.value,
                                     message=message, document=self.main, line=line,
                                     file=None if file == self.main else file))

    def walk_file(self, path: str, text: str) -> None:
        from pylatexenc.latexwalker import LatexWalker

        text, aliased = prepare(text)
        for name in aliased:
            self.aliases[name] = "endnote"
        self.autocite_notes = self.autocite_notes or biblatex_footnote_style(text)
        walker = LatexWalker(text, latex_context=walker_context(), tolerant_parsing=True)
        try:
            nodes = walker.get_latex_nodes()[0]
        except RecursionError:  # braces or environments nested thousands of levels deep
            self.warn("LaTeX nests its groups too deeply to be read (thousands of levels); "
                      "this file's notes are not read", None, path)
            return
        except Exception as error:  # pylatexenc on broken LaTeX: say so
            self.warn(f"LaTeX could not be read ({error})", None, path)
            return
        self.stack.append(path)
        self.lines = LineIndex(text)
        self.file = path
        self.visit(nodes or [])
        self.stack.pop()

    def follow(self, target: str, line: int) -> None:
        """\\input{file}: read it where LaTeX would (the main file's folder, .tex added)."""
        file, lines = self.file, self.lines
        if len(self.stack) >= MAX_INCLUDE_DEPTH:
            self.warn(f"\\input of {target} nested too deep; not followed", line, file)
            return
        candidates = [target] if target.endswith(".tex") else [target + ".tex", target]
        bases = [self.root, Path(file).parent]
        path = next((str(base / name) for base in bases for name in candidates
                     if (base / name).is_file()), None)
        if path is None:
            self.warn(f"included file {target} not found; its notes are not counted", line,
                      file)
            return
        if any(os.path.samefile(path, seen) for seen in self.stack if os.path.exists(seen)):
            self.warn(f"{target} includes itself; not followed again", line, file)
            return
        try:
            text = self.read(path)
        except InputError as error:
            self.warn(f"included file {error.path} {error.problem}", line, file)
            return
        self.walk_file(path, text)
        self.file, self.lines = file, lines

    # -- counters ---------------------------------------------------------------------------
    def restart(self, counter: str, value: int) -> None:
        if counter not in self.counters:
            return
        self.counters[counter] = value
        if self.emitted[counter]:
            self.segments[counter] += 1
            self.emitted[counter] = False

    def add_note(self, stream: str, number: int | None, node, body, keys, cite_text="") -> None:
        if number is None:
            self.counters[stream] += 1
            number = self.counters[stream]
        self.emitted[stream] = True
        self.notes.append(LatexNote(
            number=number, line=self.lines.line_of(node.pos), file=self.file, stream=stream,
            segment=self.segments[stream], body=body, keys=keys, cite_text=cite_text))

    # -- nodes ------------------------------------------------------------------------------
    def visit(self, nodes) -> None:
        from pylatexenc import latexwalker as lw

        for node in nodes:
            if node is None:
                continue
            if isinstance(node, lw.LatexMacroNode):
                self.macro(node)
            elif isinstance(node, lw.LatexEnvironmentNode):
                if node.environmentname not in VERBATIM_ENVIRONMENTS \
                        and node.environmentname != "verbatim":
                    self.visit(node.nodelist or [])
            elif isinstance(node, lw.LatexGroupNode):
                self.visit(node.nodelist or [])

    def macro(self, node) -> None:
        name = node.macroname
        name = self.aliases.get(name, name)
        args = node.nodeargd.argnlist if node.nodeargd else []
        line = self.lines.line_of(node.pos)
        if name in NOTE_COMMANDS or name in TEXT_COMMANDS:
            stream = NOTE_COMMANDS.get(name) or TEXT_COMMANDS[name]
            stream = self.aliases.get(stream, stream)
            optional = arg_text(args[0]) if args else ""
            number = int(optional) if optional.isdigit() else None
            if name in TEXT_COMMANDS and number is None:
                number = max(self.counters[stream], 1)
            argument = args[1] if len(args) > 1 else None
            body = (argument.nodelist if hasattr(argument, "nodelist") else [argument]) \
                if argument is not None else []
            if argument is not None and not argument.latex_verbatim().rstrip().endswith("}"):
                self.warn(f"the braces of this \\{node.macroname} never close: its text runs to "
                          "the end of the file", line, self.file)
            self.add_note(stream, number, node, body, cited_keys(body))
            return
        if name == "footnotemark":
            if not (args and arg_text(args[0]).isdigit()):
                self.counters["footnote"] += 1
            return
        if name in FOOTCITE_COMMANDS or (name in AUTOCITE_COMMANDS and self.autocite_notes):
            stream = self.aliases.get("footnote", "footnote")
            self.add_note(stream, None, node, [], cite_keys(node), cite_text=name)
            return
        if name in INCLUDE_COMMANDS:
            parts = [arg_text(a) for a in args if a is not None and arg_text(a)]
            if parts:
                self.follow("/".join(p.rstrip("/") for p in parts[-2:])
                            if name in ("import", "subimport") else parts[-1], line)
            return
        if name in BIB_COMMANDS:
            for value in (arg_text(a) for a in args[-1:] if a is not None):
                for part in value.split(","):
                    if part.strip():
                        self.bib(part.strip())
            return
        if name == "documentclass" and args and args[-1] is not None:
            if arg_text(args[-1]) in BOOK_CLASSES:
                self.chapter_resets.add("footnote")
        elif name == "setcounter" and len(args) >= 3 and args[1] is not None:
            value = arg_text(args[2]) if args[2] is not None else ""
            if value.lstrip("-").isdigit():
                self.restart(arg_text(args[1]), int(value))
        elif name in ("counterwithin", "counterwithout") and len(args) >= 3:
            counter, within = arg_text(args[1]), arg_text(args[2])
            resets = self.chapter_resets if within == "chapter" else self.section_resets
            (resets.add if name == "counterwithin" else resets.discard)(counter)
        elif name == "chapter" and not (args and args[0] is not None):
            for counter in self.chapter_resets:
                self.restart(counter, 0)
        elif name == "section" and not (args and args[0] is not None):
            for counter in self.section_resets:
                self.restart(counter, 0)
        for arg in args:  # \section{A title\footnote{...}}
            if arg is not None:
                self.visit([arg])

    def bib(self, name: str) -> None:
        candidates = [name] if name.endswith((".bib", ".json")) else [name + ".bib", name]
        for base in (self.root, Path(self.file).parent):
            for candidate in candidates:
                path = base / candidate
                if path.is_file():
                    if str(path) not in self.bibliographies:
                        self.bibliographies.append(str(path))
                    return
        self.warn(f"bibliography {name} not found; citations to it are not resolved", None,
                  self.file)


def arg_text(node) -> str:
    """The raw text of an argument, without its braces or brackets."""
    if node is None:
        return ""
    text = node.latex_verbatim().strip()
    if text[:1] in "{[" and text[-1:] in "}]":
        text = text[1:-1]
    return text.strip()


def cite_keys(node) -> list[tuple[str, str]]:
    """(key, postnote) of a cite command node (``\\cite[p.~3]{a,b}``)."""
    args = node.nodeargd.argnlist if node.nodeargd else []
    if not args or args[-1] is None:
        return []
    optional = [arg_text(a) for a in args[1:-1] if a is not None]
    postnote = optional[-1] if optional else ""
    return [(key.strip(), postnote) for key in arg_text(args[-1]).split(",") if key.strip()]


def cited_keys(nodes) -> list[tuple[str, str]]:
    """Every key cited by cite commands anywhere inside `nodes`."""
    from pylatexenc import latexwalker as lw

    found: list[tuple[str, str]] = []
    for node in nodes or []:
        if isinstance(node, lw.LatexMacroNode):
            if node.macroname in CITE_COMMANDS:
                found.extend(cite_keys(node))
            elif node.nodeargd:
                found.extend(cited_keys([a for a in node.nodeargd.argnlist if a is not None]))
        elif isinstance(node, lw.LatexGroupNode | lw.LatexEnvironmentNode):
            found.extend(cited_keys(node.nodelist))
    return found


# -- text -----------------------------------------------------------------------------------
def verbatim_url(raw: str) -> str:
    """A URL as written in ``\\url{}``/``\\href{}``: spaces and escapes (``\\%``) removed."""
    return re.sub(r"\\([%#&_$~])", r"\1", "".join(raw.split()))


def citation_text(reference: Reference | None, key: str, postnote: str) -> str:
    """``Kant, Critique of Pure Reason (1996), B37`` for a resolved key, else the key."""
    if reference is None:
        text = key
    else:
        who = reference.authors[0].split(",")[0] if reference.authors else ""
        parts = [p for p in (who, reference.title) if p]
        text = ", ".join(parts) or key
        if reference.date:
            text += f" ({reference.date[:4]})"
    if postnote:
        text += ", " + postnote.replace("~", " ")
    return text


def _text_context(entries: dict[str, BibItem]):
    from pylatexenc.latex2text import MacroTextSpec, get_default_latex_context_db

    def url(n) -> str:
        args = n.nodeargd.argnlist if n.nodeargd else []
        return verbatim_url(arg_text(args[-1])) if args else ""

    def href(n, l2tobj) -> str:
        """``\\href{url}{text}`` -> ``text url``: the target is the note's URL."""
        args = n.nodeargd.argnlist if n.nodeargd else []
        if len(args) < 3:
            return ""
        target = verbatim_url(arg_text(args[1]))
        label = l2tobj.nodelist_to_text([args[2]]).strip() if args[2] is not None else ""
        return target if not label or label == target else f"{label} {target}"

    def cite(n) -> str:
        if n.macroname == "nocite":
            return ""
        return "; ".join(
            citation_text(entries[key].reference if key in entries else None, key, post)
            for key, post in cite_keys(n))

    db = get_default_latex_context_db()
    db.add_context_category("footcheck", prepend=True, macros=[
        MacroTextSpec("url", simplify_repl=url), MacroTextSpec("href", simplify_repl=href),
        MacroTextSpec("enquote", simplify_repl="\u201c%(2)s\u201d"),
        # Italics as markdown's (`with_emphasis`, as for every format): the reference parser
        # reads an italic run as a title.
        *(MacroTextSpec(name, simplify_repl=f"{ITALIC_ON}%s{ITALIC_OFF}")
          for name in ("emph", "textit", "textsl")),
        MacroTextSpec("label", discard=True), MacroTextSpec("index", discard=True),
        *(MacroTextSpec(name, simplify_repl=cite) for name in CITE_COMMANDS),
    ])
    return db


_TYPOGRAPHIC = (("---", "\u2014"), ("--", "\u2013"), ("``", "\u201c"), ("''", "\u201d"),
                ("`", "\u2018"), ("~", " "), ("!`", "\u00a1"), ("?`", "\u00bf"))


def typographic(text: str) -> str:
    """LaTeX's ligatures and ties as characters: ``--`` -> en dash, ``\u0060\u0060`` -> \u201c,
    ``~`` -> space (the walker reads no specials, see `walker_context`)."""
    for written, character in _TYPOGRAPHIC:
        text = text.replace(written, character)
    return text


def _converter(entries: dict[str, BibItem]):
    """pylatexenc's latex2text with our macros (`_text_context`), LaTeX's ligatures turned
    into characters in plain text only (a ``~`` or ``--`` inside ``\\url`` stays)."""
    from pylatexenc.latex2text import LatexNodes2Text

    class NoteText(LatexNodes2Text):
        def chars_node_to_text(self, node, textcol=0):
            return typographic(super().chars_node_to_text(node, textcol))

    return NoteText(latex_context=_text_context(entries), math_mode="text",
                    strict_latex_spaces=True)


def render(note: LatexNote, converter, entries: dict[str, BibItem]) -> str:
    if note.cite_text:
        return "; ".join(
            citation_text(entries[k].reference if k in entries else None, k, post)
            for k, post in note.keys)
    try:
        text = converter.nodelist_to_text(note.body)
    except Exception:  # latex2text on odd input: the raw source
        text = "".join(n.latex_verbatim() for n in note.body)
    return with_emphasis(text)


def load_bibliographies(paths: list[str], read: Reader, warn) -> dict[str, BibItem]:
    entries: dict[str, BibItem] = {}
    for path in paths:
        try:
            items = read_bibliography(read(path), path)
        except InputError as error:
            warn(f"bibliography {error.path} {error.problem}")
            continue
        except BibliographyError as error:
            warn(f"bibliography {path} {error}")
            continue
        for item in items:
            entries.setdefault(item.key, item)
    return entries


def extract_latex(text: str, path: str, read: Reader) -> LatexResult:
    """The notes of the LaTeX document at `path` (its text given), in document order."""
    walk = _Walk(path, read)
    walk.walk_file(path, text)
    entries = load_bibliographies(
        walk.bibliographies, read, lambda message: walk.warn(message, None, path))
    converter = _converter(entries)
    unresolved: dict[str, list[int]] = {}
    streams = {note.stream for note in walk.notes}
    split = any(len({n.segment for n in walk.notes if n.stream == s}) > 1 for s in streams)
    parts: dict[tuple[str, int], int] = {}
    footnotes: list[Footnote] = []
    for note in walk.notes:
        references = []
        for key, _ in note.keys:
            if key in entries:
                references.append(copy_reference(entries[key].reference))
            elif key != "*":
                unresolved.setdefault(key, []).append(note.number)
        part = parts.setdefault((note.stream, note.segment), len(parts) + 1) if split else None
        footnotes.append(Footnote(
            number=note.number, line=note.line,
            text=clean_note_text(render(note, converter, entries)), marker_lines=(note.line,),
            references=references, part=part, file=None if note.file == path else note.file))
    if unresolved and walk.bibliographies:
        listed = ", ".join(sorted(unresolved)[:12])
        walk.warn(f"{len(unresolved)} cited keys are in none of the bibliographies "
                  f"({', '.join(walk.bibliographies)}): {listed}", None, path)
    elif unresolved:
        walk.findings.append(Finding(
            rule=RULE, severity=Severity.INFO.value, document=path,
            message=f"notes cite {len(unresolved)} keys but the document names no "
                    "bibliography (\\bibliography or \\addbibresource): their texts are "
                    "parsed instead"))
    return LatexResult(footnotes, walk.findings, walk.bibliographies)
