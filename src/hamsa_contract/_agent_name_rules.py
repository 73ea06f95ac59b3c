"""What the contract says of a clone request's `agentName`, in one place: which bodies may create
an agent (CONTRACT.md decision 4), how long a name is and which lengths must be kept (decision
12), and so which requests leave the answer (a clone or 400) to the server.

A name of at most `KEPT_NAME_LENGTH` characters, counted both in code points (Python's `len`) and
in UTF-16 code units (JavaScript's `.length`), must come back exactly as sent; a longer one comes
back exactly or gets 400. A body without a name (missing, null or empty) gets a clone under a name
the server chooses, or 400. The mock's `Prefer` scenarios, the door's write cap and the suite's
rules all ask here.
"""

from __future__ import annotations

from typing import Any, Final

AGENT_NAME: Final = "agentName"
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


def asks_for_no_name(body: Any) -> bool:
    """A JSON object whose `agentName` is missing, null or empty: the server may clone under a
    name of its own choosing, or answer 400 (decision 4)."""
    return isinstance(body, dict) and body.get(AGENT_NAME) in (None, "")


def may_create(body: Any) -> bool:
    """Whether a clone request with this (parsed) body may create an agent on a conformant
    server: a JSON object whose `agentName` is a string, missing or null. Any other body gets
    400 (decision 4)."""
    return isinstance(body, dict) and (
        body.get(AGENT_NAME) is None or isinstance(body.get(AGENT_NAME), str)
    )


def left_to_the_server(body: Any) -> bool:
    """Whether a body that may create an agent may also be refused with 400 for its name: no
    name (decision 4), or one longer than 150 characters (decision 12)."""
    if asks_for_no_name(body):
        return True
    name = body.get(AGENT_NAME) if isinstance(body, dict) else None
    return isinstance(name, str) and may_be_refused_for_length(name)
