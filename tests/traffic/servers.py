"""A server whose clone answers drift and break the contract in the ways production shows first.

The correct mock, its 200 clone answers rewritten: a field the spec does not know (`voiceStyle`),
a declared optional field left out (`lang`), the requested name trimmed, and the request's key
echoed in a field of its own (`debugToken`). Error answers are left alone.
"""

from __future__ import annotations

from typing import Any, Final

from tests.support.wrapping import Asked, rewrite_clones

ADDED_FIELD: Final = "data.voiceStyle"
ECHO_FIELD: Final = "data.debugToken"
DROPPED_FIELD: Final = "data.lang"


def _misbehave(asked: Asked, agent: dict[str, Any]) -> None:
    agent["voiceStyle"] = "calm"
    agent.pop("lang", None)
    if isinstance(agent.get("agentName"), str):
        agent["agentName"] = agent["agentName"].strip()
    authorization = asked.header("authorization") or ""
    agent["debugToken"] = authorization.removeprefix("Token ")


#: Adds a field, drops an optional one, trims names and echoes the key, in every 200 clone.
misbehaves = rewrite_clones(_misbehave)
