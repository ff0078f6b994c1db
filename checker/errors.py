"""Errors that end a document's (or the run's) processing with a one-line message.

Each carries its kind as an enum (what went wrong, for code to decide on) beside its
message in words (for the user), as lychee's `ErrorKind` does.
"""

from enum import StrEnum


class InputProblem(StrEnum):
    """Why a document cannot be used."""

    MISSING = "missing"  # no such file
    UNREADABLE = "unreadable"  # permission denied, an I/O error
    NOT_A_FILE = "not-a-file"  # a directory, a device, a socket
    EMPTY = "empty"  # 0 bytes, or only whitespace
    TOO_LARGE = "too-large"  # over the file or line size limit
    BINARY = "binary"  # NUL bytes, control characters, a known binary format
    UNDECODABLE = "undecodable"  # no encoding decodes it
    TOO_DEEP = "too-deep"  # nested beyond what footcheck reads (HTML elements)
    DAMAGED = "damaged"  # a Word, ODF or PDF file that cannot be read (damaged, encrypted...)


class ConfigProblem(StrEnum):
    """Why the configuration, the command line or an output folder is unusable."""

    NOT_FOUND = "not-found"  # the configuration file named is not there
    UNREADABLE = "unreadable"  # a file that cannot be read
    INVALID = "invalid"  # invalid TOML, an unknown key, a wrong type or value
    UNWRITABLE = "unwritable"  # a folder or file that cannot be written


class WriteProblem(StrEnum):
    """Why an output file was not written."""

    EDITED = "edited"  # edited by hand (or not written by footcheck): not overwritten
    UNMERGEABLE = "unmergeable"  # edited, and does not parse, so cannot be merged
    UNWRITABLE = "unwritable"  # the report folder or the step summary cannot be written


class InputError(Exception):
    """A document cannot be used (missing, binary, undecodable...). Exit code 2."""

    def __init__(self, path: str, kind: InputProblem, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.kind = InputProblem(kind)
        self.problem = problem


class ConfigError(Exception):
    """The configuration or command line is unusable. Exit code 2."""

    def __init__(self, kind: ConfigProblem, message: str) -> None:
        super().__init__(message)
        self.kind = ConfigProblem(kind)


class WriteRefused(Exception):
    """An output file exists and was edited by hand, or cannot be written; we will not
    overwrite it."""

    def __init__(self, kind: WriteProblem, message: str) -> None:
        super().__init__(message)
        self.kind = WriteProblem(kind)
