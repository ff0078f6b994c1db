"""PDF -> positioned lines, with pypdfium2 (PDFium, Apache-2.0/BSD; not an AGPL library).

Reads each page's characters with their boxes, baselines and sizes (the size taken from the
character's box height, which includes the text matrix that `FPDFText_GetFontSize` leaves
out), its link annotations (rectangle and URI) and its horizontal rules (thin path objects:
the line drawn above the footnotes). Characters become lines by baseline; a raised or lowered
run of small characters near a line (a note marker ``¹``, a note number set 2 pt off its line)
joins that line as a raised run; a baseline is cut where a gap wider than two ems shows a
second column. Words are spaced by the gaps between characters (LaTeX output has no space
characters). `pdf_layout.py` finds the notes in these lines.

A password-protected PDF, a damaged one, or one without a text layer (scanned pages) is a
`NativeError` with one line.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass, field

from checker.extract.native import NativeError, clean_title

HYPHEN_MARKS = ("\x02", "\ufffe")  # PDFium's mark for a hyphen it takes for a line break
ROW_TOLERANCE = 1.0  # points: characters this close in baseline share a row
COLUMN_GAP = 2.0  # ems: a wider gap inside a row separates two columns
SPACE_GAP = 0.17  # ems: a wider gap between two characters is a space
MIN_SPACE_GAP = 0.02  # ems: a space character with a narrower gap is letter-spacing
PUNCTUATION_GAP = 0.12  # ems: after a comma, colon or semicolon, before a letter
MIN_CHARS_PER_PAGE = 2  # fewer on average: no text layer
GUTTER = 5  # points: the narrowest empty band taken for the space between two columns
MIN_COLUMN_CHARS = 10  # a column's rows hold at least this many letters (most of them)


@dataclass(slots=True)
class Glyph:
    char: str
    x0: float
    x1: float
    baseline: float
    size: float  # the character box's height: comparable between characters and lines
    raised: bool = False  # set when the glyph joined a line from off its baseline
    space_before: bool = False  # a space character (PDFium's or the file's) comes before it
    italic: bool = False  # set in an italic font


@dataclass
class Line:
    page: int  # 1-based
    glyphs: list[Glyph]  # left to right
    baseline: float
    size: float  # the median size of the line's own (not raised) glyphs
    text: str = ""  # spaced text, raised runs included as they are printed
    links: list[str | None] = field(default_factory=list)  # per glyph: the URI it links to

    @property
    def x0(self) -> float:
        return self.glyphs[0].x0

    @property
    def x1(self) -> float:
        return self.glyphs[-1].x1


@dataclass
class Page:
    number: int
    width: float
    height: float
    lines: list[Line]
    rules: list[tuple[float, float, float]]  # (x0, x1, y) of thin horizontal paths
    gutter: float | None = None  # the x between two columns, on a page set in two

    def columns(self) -> list[tuple[float, float]]:
        """The x ranges read one after the other: the whole width, or left and right."""
        if self.gutter is None:
            return [(0.0, self.width)]
        return [(0.0, self.gutter), (self.gutter, self.width)]


def read_pages(data: bytes) -> tuple[list[Page], str | None, str | None]:
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        if "password" in str(error).lower():
            raise NativeError("is password-protected (encrypted); give footcheck an "
                              "unprotected copy") from None
        raise NativeError(f"is a damaged PDF ({error})") from None
    try:
        pages = [_read_page(document[index], index + 1) for index in range(len(document))]
        metadata = document.get_metadata_dict()
    finally:
        document.close()
    characters = sum(len(line.glyphs) for page in pages for line in page.lines)
    if characters < MIN_CHARS_PER_PAGE * max(1, len(pages)):
        raise NativeError("has no text layer (scanned pages?); make it searchable first "
                          "(OCR, e.g. ocrmypdf)")
    return pages, _title(metadata.get("Title")), _pdf_date(metadata.get("CreationDate"))


def _title(value: str | None) -> str | None:
    value = (value or "").strip()
    for prefix in ("Microsoft Word - ", "Microsoft PowerPoint - "):
        value = value.removeprefix(prefix)
    if value.lower().endswith((".doc", ".docx", ".odt", ".rtf", ".tex", ".dvi")):
        return None
    return clean_title(value)


def _pdf_date(value: str | None) -> str | None:
    """``D:20230205150934+00'00'`` -> ``2023-02-05``."""
    value = (value or "").removeprefix("D:")
    if len(value) >= 8 and value[:8].isdigit():
        return f"{value[:4]}-{value[4:6]}-{value[6:8]}"
    return None


# --- one page ---------------------------------------------------------------------------


def _read_page(page, number: int) -> Page:  # type: ignore[no-untyped-def]
    import pypdfium2.raw as raw

    width, height = page.get_size()
    textpage = page.get_textpage()
    handle = textpage.raw
    count = raw.FPDFText_CountChars(handle)
    glyphs: list[Glyph] = []
    box = raw.FS_RECTF()
    x, y = ctypes.c_double(), ctypes.c_double()
    low_half = False
    for index in range(count):
        code = raw.FPDFText_GetUnicode(handle, index)
        if low_half:  # the second half of a surrogate pair, joined to the first below
            low_half = False
            continue
        if 0xD800 <= code < 0xDC00 and index + 1 < count:  # a character beyond the BMP
            following = raw.FPDFText_GetUnicode(handle, index + 1)
            if 0xDC00 <= following < 0xE000:
                code = 0x10000 + ((code - 0xD800) << 10) + (following - 0xDC00)
                low_half = True
        if code in (0, 10, 13) or 0xD800 <= code < 0xE000:
            continue
        generated = raw.FPDFText_IsGenerated(handle, index) == 1
        if generated and code != 32:
            continue
        char = chr(code)
        if not raw.FPDFText_GetLooseCharBox(handle, index, box):
            continue
        raw.FPDFText_GetCharOrigin(handle, index, x, y)
        if char == " ":  # where PDFium (or the file) puts a word space
            glyphs.append(Glyph(" ", box.left, box.left, y.value, 0.0))
            continue
        size = box.top - box.bottom
        if size <= 0.5 or raw.FPDFText_GetCharAngle(handle, index) > 0.2:
            continue  # invisible, or rotated text (a margin note, a stamp)
        if char in HYPHEN_MARKS:
            char = "-"
        glyphs.append(Glyph(char, box.left, max(box.right, box.left), y.value, size))
    _mark_italics(glyphs, _italic_boxes(page))
    links = _links(page, textpage)
    rules = _rules(page)
    textpage.close()
    rows = _rows(glyphs)
    gutter = find_gutter(rows, width)
    lines = build_lines(rows, number, gutter)
    for line in lines:
        line.links = [_link_at(links, glyph) for glyph in line.glyphs]
    return Page(number, width, height, lines, rules, gutter)


def _italic_boxes(page) -> list[tuple[float, float, float, float]]:  # type: ignore[no-untyped-def]
    """The boxes (left, bottom, right, top) of the page's text set in an italic font: one
    whose descriptor gives the italic flag or a slant (``ItalicAngle``), or whose name says
    so. PDFium makes a text object of each run shown in one font, on one line; those inside
    a form (drawn elsewhere, in its own coordinates) are not looked at."""
    import pypdfium2.raw as raw

    boxes = []
    fonts: dict[int | None, bool] = {}  # a font's address -> is it italic
    for text in page.get_objects(filter=[raw.FPDF_PAGEOBJ_TEXT], max_depth=0):
        font = raw.FPDFTextObj_GetFont(text.raw)
        key = ctypes.cast(font, ctypes.c_void_p).value
        italic = fonts.get(key)
        if italic is None:
            angle = ctypes.c_int()
            name = ctypes.create_string_buffer(128)
            raw.FPDFFont_GetBaseFontName(font, name, len(name))
            lowered = name.value.decode("latin-1").lower()
            italic = fonts[key] = bool(
                raw.FPDFFont_GetFlags(font) & _ITALIC_FLAG
                or (raw.FPDFFont_GetItalicAngle(font, angle) and angle.value != 0)
                or "italic" in lowered or "oblique" in lowered)
        if italic:
            boxes.append(text.get_bounds())
    return boxes


_ITALIC_FLAG = 1 << 6  # a font descriptor's Italic flag (PDF 1.7, 9.8.2)
MAX_LINE_HEIGHT = 144.0  # points: a text object taller than two inches is no line of text


def _mark_italics(glyphs: list[Glyph], boxes: list[tuple[float, float, float, float]]) -> None:
    """Mark the glyphs whose middle lies in one of the italic text boxes (looked up by the
    point of the page's height they are at)."""
    if not boxes:
        return
    by_height: dict[int, list[tuple[float, float, float, float]]] = {}
    for box in boxes:
        if not 0 <= box[3] - box[1] <= MAX_LINE_HEIGHT:
            continue  # no line of text (a drawing made of glyphs, a damaged matrix)
        for height in range(int(box[1]), int(box[3]) + 1):
            by_height.setdefault(height, []).append(box)
    for glyph in glyphs:
        middle = glyph.baseline + 0.3 * glyph.size
        near = by_height.get(int(middle))
        if near and glyph.size:
            centre = (glyph.x0 + glyph.x1) / 2
            glyph.italic = any(left <= centre <= right and bottom <= middle <= top
                               for left, bottom, right, top in near)


def _links(page, textpage) -> list[tuple[float, float, float, float, str]]:  # type: ignore[no-untyped-def]
    """(x0, y0, x1, y1, URI) of each link annotation to a web address."""
    import pypdfium2.raw as raw

    found = []
    position = ctypes.c_int(0)
    link = raw.FPDF_LINK()
    rect = raw.FS_RECTF()
    while raw.FPDFLink_Enumerate(page.raw, ctypes.byref(position), ctypes.byref(link)):
        action = raw.FPDFLink_GetAction(link)
        if not action or raw.FPDFAction_GetType(action) != raw.PDFACTION_URI:
            continue
        size = raw.FPDFAction_GetURIPath(page.pdf.raw, action, None, 0)
        if size <= 1:
            continue
        buffer = ctypes.create_string_buffer(size)
        raw.FPDFAction_GetURIPath(page.pdf.raw, action, buffer, size)
        uri = buffer.value.decode("utf-8", "replace").strip()
        if not raw.FPDFLink_GetAnnotRect(link, rect):
            continue
        x0, x1 = sorted((rect.left, rect.right))
        y0, y1 = sorted((rect.bottom, rect.top))
        found.append((x0, y0, x1, y1, uri))
    return found


def _link_at(links: list[tuple[float, float, float, float, str]], glyph: Glyph) -> str | None:
    middle_x = (glyph.x0 + glyph.x1) / 2
    middle_y = glyph.baseline + glyph.size * 0.3
    for x0, y0, x1, y1, uri in links:
        if x0 - 0.5 <= middle_x <= x1 + 0.5 and y0 - 0.5 <= middle_y <= y1 + 0.5:
            return uri
    return None


def _rules(page) -> list[tuple[float, float, float]]:  # type: ignore[no-untyped-def]
    """Thin, wide path objects: rules drawn across the page (above footnotes, under heads)."""
    import pypdfium2.raw as raw

    found = []
    for item in page.get_objects(max_depth=2, filter=[raw.FPDF_PAGEOBJ_PATH]):
        try:
            left, bottom, right, top = item.get_bounds()
        except Exception:  # a path without bounds
            continue
        if top - bottom < 2.0 and right - left > 30:
            found.append((left, right, (top + bottom) / 2))
    return found


# --- lines -------------------------------------------------------------------------------


def find_gutter(rows: list[list[Glyph]], width: float) -> float | None:
    """The middle of the empty vertical band between two columns, if the page has one: a band
    at least `GUTTER` points wide, in the middle third of the page, that almost no row of
    text crosses while many rows end before it and many start after it."""
    if len(rows) < 16:
        return None
    start, end = int(width * 0.3), int(width * 0.7)
    crossing = [0] * (end - start + 1)
    for row in rows:
        covered = {x for glyph in row
                   for x in range(max(start, int(glyph.x0)), min(end, int(glyph.x1)) + 1)
                   if not glyph.char.isspace()}
        for x in covered:
            crossing[x - start] += 1
    best: tuple[int, int] | None = None
    run_start = None
    limit = 0.04 * len(rows)
    for offset, count in enumerate([*crossing, len(rows)]):
        if count <= limit:
            run_start = offset if run_start is None else run_start
            continue
        if run_start is not None and offset - run_start >= GUTTER and \
                (best is None or offset - run_start > best[1] - best[0]):
            best = (run_start, offset)
        run_start = None
    if best is None:
        return None
    middle = start + (best[0] + best[1]) / 2
    left = sorted(sum(1 for g in row if g.x1 < middle and g.char.isalpha()) for row in rows)
    right = sorted(sum(1 for g in row if g.x0 > middle and g.char.isalpha()) for row in rows)
    # both sides hold lines of text on a good share of the rows (a table of contents' page
    # numbers beside their dotted leaders are no column)
    share = int(0.7 * len(rows))
    return middle if min(left[share], right[share]) >= MIN_COLUMN_CHARS else None


def _rows(glyphs: list[Glyph]) -> list[list[Glyph]]:
    """Glyphs grouped by baseline, each row left to right."""
    rows: list[list[Glyph]] = []
    for glyph in sorted(glyphs, key=lambda g: -g.baseline):
        if rows and abs(rows[-1][0].baseline - glyph.baseline) <= ROW_TOLERANCE:
            rows[-1].append(glyph)
        else:
            rows.append([glyph])
    for index, row in enumerate(rows):
        row.sort(key=lambda g: g.x0)
        visible = []
        space = False
        for glyph in row:
            if glyph.char.isspace():
                space = True
                continue
            glyph.space_before = glyph.space_before or (space and bool(visible))
            space = False
            visible.append(glyph)
        rows[index] = visible
    return [row for row in rows if row]


def build_lines(rows: list[list[Glyph]], page: int, gutter: float | None = None) -> list[Line]:
    """Rows of glyphs (`_rows`) -> lines in reading order (one column after the other)."""
    segments = _segments(rows, gutter)
    full = [segment for segment in segments if not _is_marker_run(segment)]
    small = [segment for segment in segments if _is_marker_run(segment)]
    lines = [_line(segment, page) for segment in full]
    for segment in small:
        host = _host(segment, lines)
        if host is None:
            lines.append(_line(segment, page))
            continue
        for glyph in segment:
            glyph.raised = True
        host.glyphs = sorted(host.glyphs + segment, key=lambda g: g.x0)
    for line in lines:
        line.text = spaced_text(line.glyphs, line.size)
    return _reading_order([line for line in lines if line.text.strip()], gutter)


def _segments(rows: list[list[Glyph]], gutter: float | None) -> list[list[Glyph]]:
    """Rows of glyphs on one baseline, cut at the gutter and where a gap of two ems shows
    another column."""
    segments = []
    for row in rows:
        visible = [g for g in row if not g.char.isspace()]
        if not visible:
            continue
        current = [visible[0]]
        for glyph in visible[1:]:
            size = max(glyph.size, current[-1].size)
            straddles = gutter is not None and current[-1].x1 <= gutter <= glyph.x0
            if straddles or glyph.x0 - current[-1].x1 > COLUMN_GAP * size:
                segments.append(current)
                current = []
            current.append(glyph)
        segments.append(current)
    return segments


def _is_marker_run(segment: list[Glyph]) -> bool:
    """A short run that may be a note marker or number set off its line ("12", "*", "†")."""
    text = "".join(g.char for g in segment)
    return len(text) <= 4 and all(c.isdigit() or c in "*†‡§,.–-" for c in text)


def _line(segment: list[Glyph], page: int) -> Line:
    sizes = sorted(g.size for g in segment)
    return Line(page, list(segment), segment[0].baseline, sizes[len(sizes) // 2])


def _host(segment: list[Glyph], lines: list[Line]) -> Line | None:
    """The line a marker run belongs to: set smaller than it, a little above (a superscript)
    or beside its baseline, and touching it horizontally."""
    run_size = max(g.size for g in segment)
    baseline = segment[0].baseline
    best: tuple[float, Line] | None = None
    for line in lines:
        if run_size > 0.9 * line.size:
            continue
        offset = baseline - line.baseline
        if not -0.35 * line.size <= offset <= 0.65 * line.size:
            continue
        reach = 1.5 * line.size
        if segment[0].x0 > line.x1 + reach or segment[-1].x1 < line.x0 - reach:
            continue
        score = abs(offset - 0.3 * line.size)
        if best is None or score < best[0]:
            best = (score, line)
    return best[1] if best else None


def word_gap(previous: Glyph, glyph: Glyph, size: float) -> bool:
    """Is there a word space between two neighbouring glyphs of a line set at `size`? A gap
    of a sixth of an em (an eighth after a comma, colon or semicolon before a letter:
    ``Baltimore: Johns``, ``Adelman, Janet``); or a space character where the glyphs are not
    touching (letter-spaced capitals get PDFium spaces inside their words, with no gap to
    speak of), or where a small letter meets a capital (an italic ``f`` reaches over the space
    in ``of Dramatist``)."""
    gap = glyph.x0 - previous.x1
    em = min(size, max(previous.size, glyph.size))
    if gap > SPACE_GAP * em:
        return True
    if glyph.space_before and (gap > MIN_SPACE_GAP * em
                               or (previous.char.islower() and glyph.char.isupper())):
        return True
    return previous.char in ",:;" and glyph.char.isalpha() and gap > PUNCTUATION_GAP * em


def spaced_text(glyphs: list[Glyph], size: float) -> str:
    """The line's text with a space wherever there is a word space."""
    out: list[str] = []
    previous: Glyph | None = None
    for glyph in glyphs:
        if previous is not None and word_gap(previous, glyph, size) and out[-1] != " ":
            out.append(" ")
        out.append(glyph.char)
        previous = glyph
    return "".join(out)


def _reading_order(lines: list[Line], gutter: float | None) -> list[Line]:
    """Top to bottom; on a page set in two columns, the left column before the right one
    (lines spanning both stay where they are, above or below the columns)."""
    lines.sort(key=lambda line: (-line.baseline, line.x0))
    if gutter is None:
        return lines
    left = [line for line in lines if line.x1 <= gutter]
    right = [line for line in lines if line.x0 >= gutter]
    columns = left + right
    if not columns:
        return lines
    top = max(line.baseline for line in columns)
    spanning = [line for line in lines if line not in columns]
    above = [line for line in spanning if line.baseline > top]
    below = [line for line in spanning if line.baseline <= top]
    return above + left + right + below
