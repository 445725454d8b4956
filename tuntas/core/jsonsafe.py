"""Reading JSON from strangers: nesting depth limited before the parser runs.

Python's ``json`` recurses once per nested array or object; a body of a few thousand
``[`` raises ``RecursionError`` (a 500) and deep but legal bodies cost stack and time.
``loads`` counts the nesting first, on the text with its strings removed, one C-speed
``re.sub`` per level, and refuses anything deeper than ``MAX_DEPTH`` with
``JsonTooDeep`` (a ``json.JSONDecodeError``, so callers that catch malformed JSON
catch this too).
"""

from __future__ import annotations

import json
import re
from typing import Any

# No request this system takes nests deeper than a few levels.
MAX_DEPTH = 32
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_INNERMOST = re.compile(r"\[\]|\{\}")


class JsonTooDeep(json.JSONDecodeError):
    def __init__(self, doc: str, limit: int) -> None:
        super().__init__(f"nested deeper than {limit} levels", doc, 0)


def nesting_depth(text: str, limit: int = MAX_DEPTH) -> int:
    """The deepest nesting of arrays and objects in ``text``, counted up to ``limit + 1``
    (at most ``limit`` when there are not more brackets than that).

    Malformed text (unbalanced brackets) is counted as far as it goes; the parser then
    refuses it.
    """
    if text.count("[") + text.count("{") <= limit:
        return limit  # too few brackets to nest deeper (the usual body: no scan)
    brackets = _NOT_BRACKET.sub("", _STRING.sub("", text))
    depth = 0
    while brackets and depth <= limit:
        reduced = _INNERMOST.sub("", brackets)
        if reduced == brackets:
            break
        brackets = reduced
        depth += 1
    return depth


def loads(data: str | bytes, *, max_depth: int = MAX_DEPTH, **kwargs: Any) -> Any:
    """``json.loads`` that refuses nesting deeper than ``max_depth``."""
    text = data.decode("utf-8") if isinstance(data, bytes) else data
    if nesting_depth(text, max_depth) > max_depth:
        raise JsonTooDeep(text[:64], max_depth)
    try:
        return json.loads(text, **kwargs)
    except RecursionError as exc:  # cannot happen below the limit; never a 500
        raise JsonTooDeep(text[:64], max_depth) from exc
