"""How long an agent's name is, as CONTRACT.md decision 12 counts it: the one place the 150 lives.

A name of at most `KEPT_NAME_LENGTH` characters, counted both in code points (Python's `len`) and
in UTF-16 code units (JavaScript's `.length`), must come back exactly as sent; a longer one comes
back exactly or gets 400. The mock's `Prefer: name-limit=` and the suite's name rules both ask here.
"""

from __future__ import annotations

from typing import Final

#: The vendor's documented maximum for an agent's name (v2 create): decision 12.
KEPT_NAME_LENGTH: Final = 150


def utf16_units(name: str) -> int:
    """The name's length in UTF-16 code units: a character outside the BMP counts twice."""
    return len(name) + sum(1 for character in name if ord(character) > 0xFFFF)


def name_length(name: str) -> int:
    """The longer of the name's two lengths: UTF-16 code units are never fewer than code points."""
    return utf16_units(name)


def may_be_refused_for_length(name: str, limit: int = KEPT_NAME_LENGTH) -> bool:
    """Whether a server with a name limit of `limit` (counted both ways) may refuse `name`."""
    return name_length(name) > limit
