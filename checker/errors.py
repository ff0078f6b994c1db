"""Errors that end a document's (or the run's) processing with a one-line message."""


class InputError(Exception):
    """A document cannot be used (missing, binary, undecodable...). Exit code 2."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class ConfigError(Exception):
    """The configuration or command line is unusable. Exit code 2."""


class WriteRefused(Exception):
    """An output file exists and was edited by hand; we will not overwrite it."""
