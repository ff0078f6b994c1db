"""Indented JSON, exactly as ``json.dumps(value, ensure_ascii=False, indent=2)`` writes it,
written piece by piece and several times faster.

The standard library indents only with its pure-Python encoder, which hands ``json.dump``
every bracket, key and value as a separate write: printing the parse of 100,000 notes took
ten seconds, and building it as one tree of dicts first held every note's dict at once.
Here a list may be any iterable (a generator of one note's dict at a time), each item is
rendered by a plain recursive function, and each item is one write.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from json.encoder import encode_basestring as _json_string  # as dumps(ensure_ascii=False)
from typing import Any


def json_pieces(value: Any, level: int = 0) -> Iterator[str]:
    """`value` as indented JSON at nesting `level`, in pieces: an iterator (a generator)
    item by item, each item whole, and a dict or list holding one (a few levels down) item
    by item; everything else as one piece (`json_text`)."""
    if isinstance(value, dict) and _holds_stream(value):
        inner = "  " * (level + 1)
        for index, (name, item) in enumerate(value.items()):
            yield ("{\n" if index == 0 else ",\n") + inner + _key(name) + ": "
            yield from json_pieces(item, level + 1)
        yield "\n" + "  " * level + "}"
    elif (streamed := _streamed(value)) or (isinstance(value, list | tuple)
                                            and _holds_stream(value)):
        inner = "  " * (level + 1)
        empty = True
        for item in value:
            if streamed:  # one piece an item
                yield ("[\n" if empty else ",\n") + inner + json_text(item, inner)
            else:
                yield ("[\n" if empty else ",\n") + inner
                yield from json_pieces(item, level + 1)
            empty = False
        yield "[]" if empty else "\n" + "  " * level + "]"
    else:
        yield json_text(value, "  " * level)


def _holds_stream(value: dict | list | tuple, depth: int = 3) -> bool:
    items = value.values() if isinstance(value, dict) else value
    return any(_streamed(item) or (depth > 0 and isinstance(item, dict | list | tuple)
                                   and _holds_stream(item, depth - 1)) for item in items)


def _streamed(value: Any) -> bool:
    return hasattr(type(value), "__next__")


def _key(name: Any) -> str:
    if isinstance(name, str):
        return _json_string(name)
    return json.dumps({name: 0}, ensure_ascii=False)[1:-4]  # as json makes it a string


def json_text(value: Any, indent: str = "") -> str:
    """`value` as indented JSON, its nested lines indented by `indent` more."""
    kind = type(value)
    if kind is str:
        return _json_string(value)
    if value is None:
        return "null"
    inner = indent + "  "
    if kind is dict:
        if not value:
            return "{}"
        return "{\n" + ",\n".join(
            inner + (_json_string(name) if type(name) is str else _key(name)) + ": "
            + (_json_string(item) if type(item) is str else
               "null" if item is None else json_text(item, inner))
            for name, item in value.items()) + "\n" + indent + "}"
    if kind is list or kind is tuple:
        if not value:
            return "[]"
        return "[\n" + ",\n".join(
            inner + (_json_string(item) if type(item) is str else json_text(item, inner))
            for item in value) + "\n" + indent + "]"
    if isinstance(value, str):
        return _json_string(value)
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, list | tuple | dict):  # subclasses
        return json_text(dict(value) if isinstance(value, dict) else list(value), indent)
    # floats and anything json itself must judge (NaN, an unserialisable value)
    return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + indent)
