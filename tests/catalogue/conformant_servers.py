"""Variants of the embedded mock that differ from it in ways the contract allows: the suite must
say "contract kept" for every one (a failure here is a false alarm).

Each bends one thing real, correct servers do differently: added or reordered fields, nulls and
absent fields where the spec allows them, other id and time formats, compression, chunked or
pretty-printed bodies, a charset in the content type, latency, an occasional 429 with
Retry-After.
"""

from __future__ import annotations

import gzip
import json
import random
import uuid
from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from typing import Any, Final

import anyio

from hamsa_contract import _agent_name_rules as name_rules
from hamsa_contract import _spec as spec
from hamsa_contract._schema_walk import branches, declared_properties
from hamsa_contract.mock import MockApp, create_app
from tests.catalogue.real_stacks.serving import by_hypercorn
from tests.support.wrapping import (
    VALID_AUTHORIZATION,
    Answer,
    Asked,
    Factory,
    Handler,
    Send,
    answer_when,
    error,
    per_server,
    rewrite_answers,
    rewrite_clones,
    rewrite_requests,
    variant,
)

# --- additive and optional ----------------------------------------------------------------------

ADDED_FIELDS: Final = ("data.voiceStyle", "data.llmConfig.region", "requestId", "traceId")


def _adds_fields(asked: Asked, answer: Answer) -> Answer:
    try:
        document = answer.json()
    except ValueError:
        return answer
    if answer.status == 200:
        document["requestId"] = "req-1"
        document["data"]["voiceStyle"] = "calm"
        document["data"]["llmConfig"]["region"] = "eu"
    elif isinstance(document, dict):
        document["traceId"] = "trace-1"
    return answer.with_json(document)


#: Adds fields the spec does not know, to successes (envelope, agent, nested) and errors.
adds_fields = rewrite_answers(_adds_fields)


def _nullable_fields(schema: Mapping[str, Any]) -> list[str]:
    return [
        name
        for name, subschema in declared_properties(dict(schema)).items()
        if any(
            branch.get("type") == "null" or "null" in (branch.get("type") or [])
            for branch in branches(subschema)
        )
    ]


NULLABLE_AGENT_FIELDS: Final = tuple(_nullable_fields(spec.component("VoiceAgent")))
# CONTRACT.md decision 2: only these are required in `data`.
REQUIRED_AGENT_FIELDS: Final = frozenset({"id", "agentName", "createdAt", "updatedAt"})

#: Answers null for every field of the agent the spec allows to be null.
nulls_where_allowed = rewrite_clones(
    lambda asked, agent: agent.update(dict.fromkeys(NULLABLE_AGENT_FIELDS))
)


def _only_required(asked: Asked, agent: dict[str, Any]) -> None:
    for name in set(agent) - REQUIRED_AGENT_FIELDS:
        del agent[name]


#: Leaves out every optional field of the agent (decision 2).
omits_optional_fields = rewrite_clones(_only_required)
#: Renames an optional field (greetingMessage -> greeting): absent plus unknown, warnings only.
renames_optional_field = rewrite_clones(
    lambda asked, agent: agent.update(greeting=agent.pop("greetingMessage"))
)
#: Keeps `isTemplate: true` on clones of templates (isTemplate is not configuration).
keeps_is_template = rewrite_clones(lambda asked, agent: agent.update(isTemplate=True))


def _error_extras(asked: Asked, answer: Answer) -> Answer:
    if answer.status < 400:
        return answer
    document = answer.json()
    document.pop("messageKey", None)
    document.update(statusCode=answer.status, path=asked.scope["path"], details=[])
    return answer.with_json(document)


#: Error answers without the optional messageKey, with fields of their own (path, details).
errors_with_extra_fields = rewrite_answers(_error_extras)

# --- other ids and times ------------------------------------------------------------------------


def _short_ids(app: MockApp) -> Handler:
    """Ids like `agt_0001` instead of UUIDs: answers carry the short id, requests may use it."""
    short_of: dict[str, str] = {}
    long_of: dict[str, str] = {}

    async def handler(asked: Asked, send: Send) -> Answer:
        source = asked.voice_agent_id
        if source in long_of:
            asked = asked.with_voice_agent_id(long_of[source])
        answer = await send(asked)
        if answer.status != 200 or not asked.is_clone:
            return answer
        document = answer.json()
        long_id = document["data"]["id"]
        short = short_of.setdefault(long_id, f"agt_{len(short_of) + 1:04d}")
        long_of[short] = long_id
        document["data"]["id"] = short
        return answer.with_json(document)

    return handler


#: Gives agents short, non-UUID ids (`agt_0001`).
short_ids = per_server(_short_ids)

PLUS_FOUR: Final = timezone(timedelta(hours=4))


def _restamp(agent: dict[str, Any], write: Any) -> None:
    for name in ("createdAt", "updatedAt"):
        agent[name] = write(datetime.fromisoformat(agent[name]))


#: Writes times with a +04:00 offset (the same instant).
times_with_offset = rewrite_clones(
    lambda asked, agent: _restamp(
        agent, lambda moment: moment.astimezone(PLUS_FOUR).isoformat(timespec="milliseconds")
    )
)
#: Writes times without fractional seconds.
times_without_fraction = rewrite_clones(
    lambda asked, agent: _restamp(agent, lambda moment: moment.strftime("%Y-%m-%dT%H:%M:%SZ"))
)

# --- bodies and headers -------------------------------------------------------------------------


def _reorder(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _reorder(value[key]) for key in reversed(list(value))}
    if isinstance(value, list):
        return [_reorder(item) for item in value]
    return value


#: Sends object keys in reverse order.
keys_reordered = rewrite_answers(
    lambda asked, answer: (
        answer.with_json(_reorder(answer.json())) if answer.body.startswith(b"{") else answer
    )
)
#: Escapes every non-ASCII character (`\u00e9`), as json.dumps does by default.
ascii_escaped_json = rewrite_answers(
    lambda asked, answer: (
        answer.with_json(answer.json(), ensure_ascii=True)
        if answer.body.startswith(b"{")
        else answer
    )
)
#: Pretty-prints JSON bodies.
pretty_json = rewrite_answers(
    lambda asked, answer: (
        answer.with_json(answer.json(), indent=2) if answer.body.startswith(b"{") else answer
    )
)
#: Labels JSON `application/json; charset=utf-8`.
charset_in_content_type = rewrite_answers(
    lambda asked, answer: (
        answer.with_header("content-type", "application/json; charset=utf-8")
        if answer.header("content-type") == "application/json"
        else answer
    )
)
#: Adds headers of its own (request id, caching, rate-limit counters, a cookie).
extra_headers = rewrite_answers(
    lambda asked, answer: (
        answer.with_header("x-request-id", str(uuid.uuid4()))
        .with_header("cache-control", "no-store")
        .with_header("x-ratelimit-remaining", "99")
        .with_header("set-cookie", "region=eu; Path=/; HttpOnly")
    )
)
#: Compresses every body with gzip (Content-Encoding: gzip).
gzip_answers = rewrite_answers(
    lambda asked, answer: (
        answer.with_body(gzip.compress(answer.body))
        .with_header("content-encoding", "gzip")
        .with_header("vary", "Accept-Encoding")
    )
)
#: Sends bodies chunked, without Content-Length.
chunked_answers = rewrite_answers(lambda asked, answer: answer.without_header("content-length"))

# --- timing -------------------------------------------------------------------------------------

LATENCY_SECONDS: Final = 0.060


async def _slow(asked: Asked, send: Send) -> Answer:
    await anyio.sleep(LATENCY_SECONDS)
    return await send(asked)


#: The correct mock, answering every request 60 ms late (for timing the suite, not a break).
slow_60ms = variant(_slow)


def _jitter(app: MockApp) -> Handler:
    rng = random.Random(9)  # noqa: S311 - latency, not security

    async def handler(asked: Asked, send: Send) -> Answer:
        await anyio.sleep(rng.uniform(0.050, 0.200))
        return await send(asked)

    return handler


#: Answers each request 50-200 ms late.
latency_50_200ms = per_server(_jitter)

# Every this many requests gets one 429 first.
RATE_LIMIT_EVERY: Final = 25


def every_nth(make_answer: Callable[[], Answer], every: int = RATE_LIMIT_EVERY) -> Factory:
    """A variant that answers every `every`-th request itself (the answer `make_answer` gives),
    the rest through the mock."""

    def make(app: MockApp) -> Handler:
        count = 0

        async def handler(asked: Asked, send: Send) -> Answer:
            nonlocal count
            count += 1
            if count % every == 0:
                return make_answer()
            return await send(asked)

        return handler

    return per_server(make)


#: Now and then answers 429 with Retry-After: 1; the request sent again succeeds.
occasional_429 = every_nth(lambda: error(429, "Too many requests").with_header("retry-after", "1"))

# --- content types and headers as HTTP compares them (RFC 9110 §8.3.1, §5.1) ---------------------


def _relabel_json(content_type: str) -> Factory:
    return rewrite_answers(
        lambda asked, answer: (
            answer.with_header("content-type", content_type)
            if answer.header("content-type") == "application/json"
            else answer
        )
    )


#: Labels JSON `Application/JSON` (media types are case-insensitive).
content_type_in_any_case = _relabel_json("Application/JSON")
#: Labels JSON `application/json; charset="UTF-8"` (a quoted parameter value, upper-case charset).
quoted_charset = _relabel_json('application/json; charset="UTF-8"')
#: Labels JSON `application/json;charset=utf-8` (no space before the parameter).
charset_without_space = _relabel_json("application/json;charset=utf-8")
#: Labels JSON `APPLICATION/JSON ; Charset=UTF-8` (every part in upper case, spaces around `;`).
content_type_upper_case = _relabel_json("APPLICATION/JSON ; Charset=UTF-8")
#: Sends header names in mixed case (`Content-Type`, `Retry-After`): names are case-insensitive.
header_names_in_mixed_case = rewrite_answers(
    lambda asked, answer: replace(
        answer, headers=[(name.title(), value) for name, value in answer.headers]
    )
)

# --- precedence of checks (CONTRACT.md decisions 8 and 9) ----------------------------------------


def _first_authorization(asked: Asked) -> Asked:
    values = asked.headers("authorization")
    return asked.with_header("authorization", values[0]) if len(values) > 1 else asked


#: With several Authorization headers, reads the first (Node.js, Go's Header.Get, Starlette).
first_authorization_header = rewrite_requests(_first_authorization)


def _invalid_before_auth(asked: Asked) -> bool:
    name = asked.agent_name
    return (
        asked.is_clone
        and asked.header("authorization") != VALID_AUTHORIZATION
        and (not asked.voice_agent_id or not (isinstance(name, str) and name))
    )


#: Validates the query and the body before credentials (a FastAPI/Pydantic model): without a
#: key, a missing voiceAgentId or an invalid body gets 400.
validates_before_auth = answer_when(
    _invalid_before_auth, lambda asked: error(400, "voiceAgentId and agentName are required")
)

# --- other methods (CONTRACT.md decision 10) -----------------------------------------------------


def _on_clone_path(asked: Asked) -> bool:
    path: str = asked.scope["path"]
    return path.endswith(spec.CLONE_PATH)


def _preflight(asked: Asked) -> bool:
    return asked.scope["method"] == "OPTIONS" and _on_clone_path(asked)


#: Answers OPTIONS on the clone path as a CORS preflight (204 with Access-Control headers).
answers_cors_preflight = answer_when(
    _preflight,
    lambda asked: Answer(
        204,
        [
            (b"access-control-allow-origin", b"*"),
            (b"access-control-allow-methods", b"POST"),
            (b"access-control-allow-headers", b"authorization, content-type"),
        ],
        b"",
    ),
)


#: Answers OPTIONS 501 with an HTML page, as Python's http.server does for any method it has no
#: handler for (RFC 9110 §15.6.2: the method is not supported).
options_not_implemented_501 = answer_when(
    _preflight,
    lambda asked: Answer(
        501,
        [(b"content-type", b"text/html;charset=utf-8")],
        b"<html><body><h1>Error response</h1><p>Error code: 501</p></body></html>",
    ),
)


def _other_method(asked: Asked) -> bool:
    return asked.scope["method"] not in ("POST", "OPTIONS") and _on_clone_path(asked)


#: Answers other methods on the clone path 404 (a router without a 405), not 405: any 4xx conforms.
other_methods_404 = answer_when(_other_method, lambda asked: error(404, "Not found"))


#: Repeats a name in the envelope of every JSON answer (`"success"` twice, the same value): RFC
#: 8259 §4 says names SHOULD be unique, the contract is silent, so a warning at most.
duplicate_json_keys = rewrite_answers(
    lambda asked, answer: (
        answer.with_body(
            answer.body[:-1] + b',"success":' + json.dumps(answer.json()["success"]).encode() + b"}"
        )
        if answer.body.startswith(b"{") and answer.body.endswith(b"}")
        else answer
    )
)


# --- names and error bodies the contract leaves to the server (CONTRACT.md decisions 4, 5, 12) --


def _refuse(condition: Callable[[Asked], bool], message: str) -> Factory:
    """400 with the error envelope for authorized clone requests meeting `condition`."""
    return answer_when(
        lambda asked: asked.is_clone and asked.authorized and condition(asked),
        lambda asked: error(400, message),
    )


def _no_name(asked: Asked) -> bool:
    return name_rules.asks_for_no_name(asked.json())


#: Clones a body without a name (missing, null or empty) under a name of its own, "Untitled
#: agent": decision 4 lets the server choose.
names_nameless_clones = rewrite_requests(
    lambda asked: (
        asked.with_json({**asked.json(), "agentName": "Untitled agent"})
        if asked.is_clone and _no_name(asked)
        else asked
    )
)
#: Clones an empty name under "unnamed" (a default a framework fills in for an empty field).
accepts_empty_name = rewrite_requests(
    lambda asked: (
        asked.with_json({**asked.json(), "agentName": "unnamed"})
        if asked.agent_name == ""
        else asked
    )
)
#: Refuses a body without a name (missing, null or empty) with 400, as a server that requires
#: the field does.
refuses_a_missing_name = _refuse(_no_name, "agentName is required")


def _over(limit: int) -> Callable[[Asked], bool]:
    return lambda asked: (
        isinstance(asked.agent_name, str) and name_rules.name_length(asked.agent_name) > limit
    )


#: Refuses names over 150 characters (UTF-16 code units, as JavaScript's `.length` counts) with
#: 400: the vendor's documented maximum, enforced.
refuses_names_over_150 = _refuse(_over(name_rules.KEPT_NAME_LENGTH), "agentName is too long")
#: Refuses names over 1000 characters with 400 (a column limit well above the vendor's).
rejects_long_names = _refuse(_over(1000), "agentName is too long")
#: Keeps names up to 10,000 characters exactly (the 6,000-character one included), refusing only
#: longer ones: over 150 is kept, which decision 12 allows.
keeps_names_up_to_10000 = _refuse(_over(10_000), "agentName is too long")


def _error_only(asked: Asked, answer: Answer) -> Answer:
    if answer.status < 400:
        return answer
    document = answer.json()
    return answer.with_json({"success": False, "error": document.get("message", "failed")})


#: Every error body carries `error` and no `message` (nor `messageKey`), as the vendor's Flutter
#: SDK expects of some answers (decision 5).
errors_with_error_only = rewrite_answers(_error_only)


# --- request shapes (CONTRACT.md decision 14) ---------------------------------------------------

#: A body of another media type refused with 400 instead of 415 (decision 14 allows both).
other_media_types_400 = rewrite_answers(
    lambda asked, answer: answer.with_status(400) if answer.status == 415 else answer
)


def _reads_nan(asked: Asked) -> Asked:
    """Python's json (Flask, Django, FastAPI by default) reads NaN: RFC 8259 §9 lets a parser
    accept such extensions."""
    if not asked.is_clone or b"NaN" not in asked.body:
        return asked
    try:
        document = json.loads(asked.body)
    except ValueError:
        return asked
    if not isinstance(document, dict):
        return asked
    finite = {key: value for key, value in document.items() if value == value}  # NaN != NaN
    return asked.with_json(finite)


#: Reads a body with NaN in it, as Python's json does (RFC 8259 §9).
reads_nan = rewrite_requests(_reads_nan)


class _OnHypercorn:
    """The correct mock served by Hypercorn instead of uvicorn: Hypercorn closes a kept-alive
    connection after an answer given before the request's body was read whole (RFC 9112 §9.5)."""

    def __init__(self) -> None:
        self.app = create_app()
        self._serving = by_hypercorn(self.app)

    def serve(self) -> AbstractContextManager[str]:
        return self._serving()

    def clone_count(self) -> int:
        return len(self.app.store.clone_ids())


def mock_on_hypercorn() -> _OnHypercorn:
    return _OnHypercorn()
