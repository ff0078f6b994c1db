"""What a note means only beside the other notes: Ibid., Op. cit., short forms, and URL
repairs attested elsewhere in the document."""

from __future__ import annotations

import re
from dataclasses import replace

from checker.model import Footnote, Reference

_IBID = re.compile(r"^\s*(?:ibid|ibidem|id)\.?(?=[\s,.;]|$)", re.IGNORECASE)
_OP_CIT = re.compile(r"^\s*(?P<who>[^,]{2,60}?),?\s+(?:op\.\s*cit|loc\.\s*cit)\.?", re.IGNORECASE)
_SHORT_FORM = re.compile(
    r"^\s*(?P<who>[A-Z][\w'’-]+)(?:\s+et\s+al\.)?,\s+[\"“*]?(?P<short>[^\"”*,]{3,80})"
)
# "Cooley, Great Games, 102." : a short form without quotes or italics
_UNMARKED_SHORT = re.compile(
    r"^(?P<who>[A-Z][\w'’-]+)(?:\s+(?:et\s+al\.|and\s+[A-Z][\w'’-]+))?,\s+"
    r"(?P<short>[A-Z][^,.;]{2,80}),\s*(?:pp?\.\s*)?\d+(?:[–-]\d+)?\.?$"
)
_WORD = re.compile(r"\w+")


def _family(reference: Reference) -> str | None:
    if reference.authors:
        return reference.authors[0].split(",")[0].strip().lower()
    return None


def _words(text: str | None) -> list[str]:
    return _WORD.findall((text or "").lower())


def _copy(work: Reference, raw: str) -> Reference:
    return replace(work, authors=list(work.authors), repairs=[], raw=raw, ibid=True)


def resolve_backreferences(footnotes: list[Footnote]) -> None:
    """Replace Ibid./Op. cit./short-form notes by the work they point to (``ibid=True``)."""
    seen: list[Reference] = []
    previous: list[Reference] = []
    for footnote in footnotes:
        text = footnote.text.strip()
        if _IBID.match(text):
            if previous:
                footnote.references = [_copy(previous[-1], text)]
            previous = footnote.references or previous
            continue
        op_cit = _OP_CIT.match(text) if "cit" in text[:80].lower() else None
        if op_cit:
            who = op_cit.group("who").strip().lower()
            for work in reversed(seen):
                family = _family(work)
                if family and (family in who or who.endswith(family)):
                    footnote.references = [_copy(work, text)]
                    break
        elif footnote.references:
            footnote.references = [_resolve_short(ref, seen) for ref in footnote.references]
        else:
            short = _UNMARKED_SHORT.match(text)
            if short:
                probe = Reference(title=short.group("short"), raw=text,
                                  authors=[f"{short.group('who')}, X"])
                resolved = _resolve_short(probe, seen)
                if resolved is not probe:
                    footnote.references = [resolved]
        if footnote.references:
            previous = footnote.references
            seen.extend(r for r in footnote.references if not r.ibid)


def _resolve_short(reference: Reference, seen: list[Reference]) -> Reference:
    """"Smith, Short Title, 45." -> the earlier work by Smith whose title starts that way."""
    if reference.date or reference.url or reference.container or not reference.title:
        return reference
    short = _words(reference.title)
    family = _family(reference)
    match = _SHORT_FORM.match(reference.raw)
    if not family and match:
        family = match.group("who").lower()
    if not short or not family:
        return reference
    for work in reversed(seen):
        if _family(work) == family and _words(work.title)[: len(short)] == short:
            return _copy(work, reference.raw)
    return reference


def repair_across_notes(footnotes: list[Footnote]) -> None:
    """A host printed with a line-wrap hyphen (``thediplo-mat.com``) that another note of the
    document prints whole (``thediplomat.com``) is repaired, and the repair recorded."""
    printed: dict[str, int] = {}
    for note in footnotes:
        for ref in note.references:
            if ref.url and ref.domain:
                printed[ref.domain] = printed.get(ref.domain, 0) + 1
    for note in footnotes:
        for ref in note.references:
            host = ref.domain if ref.url else None
            if not host or "-" not in host:
                continue
            joined = host.replace("-", "")
            # A hyphenated host printed twice is probably real.
            if joined in printed and printed[host] == 1:
                assert ref.url is not None
                ref.url = re.sub(re.escape(host), joined, ref.url, count=1, flags=re.IGNORECASE)
                ref.domain = joined
                ref.repairs.append(
                    f"removed line-wrap hyphen: {host} -> {joined} (as printed in another note)"
                )

