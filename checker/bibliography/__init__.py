"""The clean bibliography: one entry per cited work, as biblatex/BibTeX and CSL-JSON.

* `entries.build_entries(doc)` -> `Entry` list (duplicates merged, stable readable keys);
* `write.write_bibliography(doc, refs_dir, classic=False, on_edited="refuse")` writes
  ``refs/<doc.id>.bib`` and ``.json`` atomically, without overwriting hand edits;
* `write.write_library(documents, refs_dir)` adds their works to ``refs/library.bib`` and
  ``.json``, one entry per work across every document parsed so far (see `library`);
* `update.update_bibliography(doc, links, refs_dir, ...)` applies what a link check learned
  (``check --update-refs``), keeping ``.bak`` copies and returning a diff.
"""

from checker.bibliography.entries import Entry, build_entries
from checker.bibliography.update import apply_link_results, update_bibliography
from checker.bibliography.write import (
    WriteResult,
    write_bibliography,
    write_entries,
    write_library,
)

__all__ = [
    "Entry",
    "WriteResult",
    "apply_link_results",
    "build_entries",
    "update_bibliography",
    "write_bibliography",
    "write_entries",
    "write_library",
]
