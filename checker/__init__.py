"""footcheck: parse a paper's footnotes, keep a clean bibliography, check every link."""

from checker.compiled import use_sources_if_stale

__version__ = "0.1.0"

use_sources_if_stale()  # before any parser module is imported (see checker/compiled.py)
