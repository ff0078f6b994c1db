"""footcheck: parse a paper's footnotes, keep a clean bibliography, check every link."""

__version__ = "0.1.0"
