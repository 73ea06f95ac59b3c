"""Requests schemathesis does not make by itself, each with its documented status and the error
envelope (CONTRACT.md decision 5). None of them may create an agent on a conformant server: the
door (`send/_door/`) fails the first one that does and sends no more like it."""

from __future__ import annotations

import json
import random
from http import HTTPStatus
from typing import Any, Final
from urllib.parse import urlencode

import httpx
import pytest

from hamsa_contract.judge._answers import error_answer
from hamsa_contract.plan._budget import NotRun, created_agent_id
from hamsa_contract.run._planned_clones import Clone
from hamsa_contract.run._suite import Suite, active
from hamsa_contract.send._clone_requests import CloneApi
from hamsa_contract.send._credentials import almost_right, lookalike
from hamsa_contract.send._journal import excerpt
from hamsa_contract.send._names import agent_name

pytestmark = pytest.mark.requests

NAME: Final = {"agentName": agent_name("hand-made request")}
# Bodies a conformant server refuses with 400 (decisions 4 and 5). A missing, null or empty
# agentName may get a clone instead (decision 4): test_semantics.py sends those.
INVALID_BODIES: Final[dict[str, Any]] = {
    "agentName-a-number": {"agentName": 7},
    "agentName-a-boolean": {"agentName": True},
    "agentName-a-list": {"agentName": [agent_name("listed")]},
    "agentName-an-object": {"agentName": {"first": agent_name("nested")}},
    "body-a-list": [NAME],
    "body-a-string": agent_name("just a string"),
}
ALMOST_RIGHT: Final = almost_right(active().target.api_key)


def test_missing_voice_agent_id_is_400(api: CloneApi) -> None:
    """A request without voiceAgentId gets 400 and the error envelope.

    Source: CONTRACT.md decision 5."""
    error_answer(api.post(params=None, json=NAME), 400)


def test_empty_voice_agent_id_is_400(api: CloneApi) -> None:
    """A request with an empty voiceAgentId gets 400 and the error envelope.

    Source: CONTRACT.md decision 5."""
    error_answer(api.post(params={"voiceAgentId": ""}, json=NAME), 400)


def test_body_not_json_is_400(api: CloneApi) -> None:
    """A body that is not JSON (sent as application/json) gets 400 and the error envelope.

    Source: CONTRACT.md decision 5."""
    response = api.post(
        params={"voiceAgentId": api.voice_agent_id},
        headers={**api.auth(), "Content-Type": "application/json"},
        content=b'{"agentName": "contract-test not json",',
    )
    error_answer(response, 400)


@pytest.mark.parametrize("body", INVALID_BODIES.values(), ids=INVALID_BODIES.keys())
def test_invalid_body_is_400(api: CloneApi, body: Any) -> None:
    """A body that is not an object, or whose agentName is a number, a boolean, a list or an
    object, gets 400.

    Source: CONTRACT.md decisions 4 and 5."""
    error_answer(api.post(params={"voiceAgentId": api.voice_agent_id}, json=body), 400)


# A name a loosely binding server would clone under: every body below carries it, with the run's
# key and its agent, so such a server creates an agent where a conformant one refuses.
LOOSE: Final = agent_name("loose binding probe")
_LOOSE_JSON: Final = json.dumps({"agentName": LOOSE}).encode()
_BOUNDARY: Final = "contract-test-boundary"
# Bodies of other media types (CONTRACT.md decision 14, RFC 9110 §15.5.16): 400 or 415.
OTHER_MEDIA_TYPES: Final[dict[str, tuple[str, bytes]]] = {
    "form": ("application/x-www-form-urlencoded", urlencode({"agentName": LOOSE}).encode()),
    "multipart": (
        f"multipart/form-data; boundary={_BOUNDARY}",
        (
            f'--{_BOUNDARY}\r\nContent-Disposition: form-data; name="agentName"\r\n\r\n'
            f"{LOOSE}\r\n--{_BOUNDARY}--\r\n"
        ).encode(),
    ),
    "json-as-text-plain": ("text/plain", _LOOSE_JSON),
}
# Sent as application/json but not one JSON value in UTF-8 (CONTRACT.md decision 14, RFC 8259 §2,
# §8.1): 400. Trailing data is what a streaming decoder that stops after the first value takes.
NOT_ONE_JSON_VALUE: Final[dict[str, bytes]] = {
    "second-json-value": _LOOSE_JSON + b' {"agentName": "second"}',
    "trailing-text": _LOOSE_JSON + b" trailing",
    "latin-1-byte": json.dumps({"agentName": f"{LOOSE} caf\u00e9"}, ensure_ascii=False).encode(
        "latin-1"
    ),
    "lone-continuation-byte": _LOOSE_JSON[:-2] + b'\x80"}',
}
# What lenient parsers take besides JSON, which RFC 8259 §9 lets a parser accept (Python's json
# reads NaN), and a leading byte order mark (§8.1): sent for an unknown voiceAgentId, so a
# conformant server creates nothing whether it reads them or not; 400 or 404, never a 5xx.
JSON_EXTENSIONS: Final[dict[str, bytes]] = {
    "nan": _LOOSE_JSON[:-1] + b', "weight": NaN}',
    "comment": _LOOSE_JSON[:-1] + b" /* comment */}",
    "single-quotes": f"{{'agentName': '{LOOSE}'}}".encode(),
    "trailing-comma": _LOOSE_JSON[:-1] + b",}",
    # RFC 8259 §8.1: a parser may ignore a byte order mark, or refuse the body.
    "byte-order-mark": b"\xef\xbb\xbf" + _LOOSE_JSON,
}


@pytest.mark.parametrize(
    ("content_type", "body"), OTHER_MEDIA_TYPES.values(), ids=OTHER_MEDIA_TYPES.keys()
)
def test_body_of_another_media_type_is_400_or_415(
    api: CloneApi, content_type: str, body: bytes
) -> None:
    """A body with a name, sent as a form, multipart or plain text, is not a clone request: 400
    or 415 and the error envelope, never an agent.

    Source: CONTRACT.md decision 14 (RFC 9110 §8.3, §15.5.16)."""
    response = api.post(
        params={"voiceAgentId": api.voice_agent_id},
        headers={**api.auth(), "Content-Type": content_type},
        content=body,
    )
    error_answer(response, 400, 415)


@pytest.mark.parametrize("body", NOT_ONE_JSON_VALUE.values(), ids=NOT_ONE_JSON_VALUE.keys())
def test_body_not_one_json_value_in_utf8_is_400(api: CloneApi, body: bytes) -> None:
    """A body sent as application/json that is not one JSON value in UTF-8 (more data after the
    value, bytes that are not UTF-8) gets 400 and the error envelope, never an agent and never a
    5xx.

    Source: CONTRACT.md decision 14 (RFC 8259 §2, §8.1)."""
    response = api.post(
        params={"voiceAgentId": api.voice_agent_id},
        headers={**api.auth(), "Content-Type": "application/json"},
        content=body,
    )
    error_answer(response, 400)


@pytest.mark.parametrize("body", JSON_EXTENSIONS.values(), ids=JSON_EXTENSIONS.keys())
def test_json_extension_is_never_a_server_error(api: CloneApi, body: bytes) -> None:
    """A body with what lenient parsers take besides JSON (NaN, a comment, single quotes, a
    trailing comma, a byte order mark), for an unknown voiceAgentId: 400 (not JSON) or 404 (read,
    and the id is unknown) with the error envelope, never a 5xx.

    Source: CONTRACT.md decisions 4 and 14 (RFC 8259 §8.1, §9 let a parser accept these)."""
    response = api.post(
        params={"voiceAgentId": UNKNOWN_ID},
        headers={**api.auth(), "Content-Type": "application/json"},
        content=body,
    )
    error_answer(response, 400, 404)


UNKNOWN_ID: Final = "contract-test-no-such-agent"


def test_no_credentials_is_401(api: CloneApi) -> None:
    """A valid request without an Authorization header gets 401 and the error envelope, and
    creates nothing.

    Source: CONTRACT.md decisions 5 and 8."""
    error_answer(api.post(params={"voiceAgentId": api.voice_agent_id}, headers={}, json=NAME), 401)


def test_unknown_id_without_credentials_is_401(api: CloneApi) -> None:
    """An unknown voiceAgentId without an Authorization header gets 401, not 404: an
    unauthenticated caller learns nothing about which ids exist.

    Source: CONTRACT.md decision 8."""
    error_answer(api.post(params={"voiceAgentId": UNKNOWN_ID}, headers={}, json=NAME), 401)


# Servers validate and authenticate in either order: both answers conform (decision 8).
INVALID_WITHOUT_CREDENTIALS: Final[dict[str, tuple[bool, Any]]] = {
    "invalid-body": (True, {"agentName": 7}),
    "missing-voiceAgentId": (False, NAME),
}


@pytest.mark.parametrize(
    ("with_id", "body"),
    INVALID_WITHOUT_CREDENTIALS.values(),
    ids=INVALID_WITHOUT_CREDENTIALS.keys(),
)
def test_invalid_request_without_credentials_is_400_or_401(
    api: CloneApi, with_id: bool, body: Any
) -> None:
    """An invalid body or a missing voiceAgentId without an Authorization header gets 400 or
    401 (in whichever order the server checks) and the error envelope.

    Source: CONTRACT.md decision 8."""
    params = {"voiceAgentId": api.voice_agent_id} if with_id else None
    error_answer(api.post(params=params, headers={}, json=body), 400, 401)


@pytest.mark.parametrize("scheme", ["Bearer", None], ids=["bearer-instead-of-token", "no-scheme"])
def test_valid_key_with_wrong_scheme_is_401(api: CloneApi, scheme: str | None) -> None:
    """The valid key sent as `Bearer <key>`, or bare, gets 401: the header must be `Token <key>`.

    Source: CONTRACT.md decision 5 (the header is `Token <key>`: evidence)."""
    response = api.post(
        params={"voiceAgentId": api.voice_agent_id}, headers=api.auth(scheme=scheme), json=NAME
    )
    error_answer(response, 401)


def test_well_formed_unknown_key_is_401(api: CloneApi, suite: Suite) -> None:
    """`Token <a key shaped like the real one, never issued>` gets 401 and the error envelope.

    Source: CONTRACT.md decision 5."""
    # Seeded so a run is repeatable: this key is fake, nothing needs it unpredictable.
    unknown_key = lookalike(suite.target.api_key, random.Random(suite.settings.seed))  # noqa: S311
    suite.hide(unknown_key)
    response = api.post(
        params={"voiceAgentId": api.voice_agent_id}, headers=api.auth(key=unknown_key), json=NAME
    )
    error_answer(response, 401)


@pytest.mark.parametrize("key", ALMOST_RIGHT.values(), ids=ALMOST_RIGHT.keys())
def test_almost_right_key_is_401(api: CloneApi, suite: Suite, key: str) -> None:
    """The real key slightly altered (a character changed, cut, added, case-swapped, half
    replaced, or embedded in a longer string) gets 401.

    Source: CONTRACT.md decision 5."""
    suite.hide(key)
    response = api.post(
        params={"voiceAgentId": api.voice_agent_id}, headers=api.auth(key=key), json=NAME
    )
    error_answer(response, 401)


def test_repeated_authorization_headers_never_let_the_wrong_key_in(
    api: CloneApi, suite: Suite
) -> None:
    """Two Authorization headers, the valid key and a wrong one, are refused (400 or 401) or
    judged by the first: never let in because some header is valid.

    Source: CONTRACT.md decision 9 (RFC 9110 §5.3: Authorization is not a list).

    Both orders go to an unknown voiceAgentId, so no order creates an agent on any server: a
    server that judges by the first header answers the valid-first order 404 (it got past
    authentication) and the wrong-first order 401; a server that refuses repeats answers 400 or
    401 to both. A 404 to the wrong-first order means the valid key let it in: the server judges
    by the last header, or accepts when any header is valid.
    """
    valid = ("Authorization", f"Token {suite.target.api_key}")
    wrong = ("Authorization", "Token contract-test-not-a-key")
    params = {"voiceAgentId": UNKNOWN_ID}
    valid_first = api.post_raw_headers(params=params, headers=[valid, wrong], json=NAME)
    wrong_first = api.post_raw_headers(params=params, headers=[wrong, valid], json=NAME)
    assert wrong_first.status_code != 404, (
        "with the wrong key first and the valid key last, the request got past authentication "
        f"(404 for an unknown id; valid key first: {valid_first.status_code}): the server "
        "judges by the last header or lets in any valid one"
    )
    error_answer(wrong_first, 400, 401)
    error_answer(valid_first, 400, 401, 404)


# Methods the spec does not document on the clone path (decision 10). PUT, PATCH and DELETE could
# change or delete the agent they name, so no method but POST is ever aimed at the user's agent:
# each goes first to an id no server knows, then (if that created nothing) to the run's own first
# clone, with a name in the body and in the query, so a server that clones on it has all it needs.
OTHER_METHODS: Final = ("GET", "HEAD", "PUT", "PATCH", "DELETE")
OTHER_METHOD_NAME: Final = agent_name("other method probe")


def _other_method(api: CloneApi, method: str, voice_agent_id: str) -> httpx.Response:
    return api.request(
        method,
        params={"voiceAgentId": voice_agent_id, "agentName": OTHER_METHOD_NAME},
        json=None if method == "HEAD" else {"agentName": OTHER_METHOD_NAME},
    )


def _never_2xx(suite: Suite, response: httpx.Response, method: str, aimed_at: str) -> None:
    status = response.status_code
    assert not 200 <= status < 300, (
        f"{method} on the clone path ({aimed_at}) got {status}: only POST clones; another "
        f"method must not answer 2xx (405 expected): {excerpt(response.content, 200)}"
    )
    assert status < 500, f"{method} on the clone path ({aimed_at}) got a server error {status}"
    if not 400 <= status < 500:
        # The contract expects a 4xx but does not forbid, say, a redirect: a warning only.
        suite.ledger.note(f"{method} on the clone path got {status}, not a 4xx (decision 10)")


@pytest.mark.parametrize("method", OTHER_METHODS)
def test_other_methods_on_the_clone_path_never_clone(
    api: CloneApi, suite: Suite, first: Clone, method: str
) -> None:
    """GET, HEAD, PUT, PATCH and DELETE on the clone path never answer 2xx and create nothing
    (405 expected, any 4xx conforms).

    Source: CONTRACT.md decision 10 (RFC 9110 §9.2.1: GET and HEAD are safe)."""
    unknown = _other_method(api, method, UNKNOWN_ID)
    _never_2xx(suite, unknown, method, "an unknown voiceAgentId")
    own = created_agent_id(first.status_code, first.content)
    if own is None:
        raise NotRun("not run: the first clone has no id to aim other methods at")
    _never_2xx(suite, _other_method(api, method, own), method, "an agent this run created")


def test_options_on_the_clone_path_creates_nothing(api: CloneApi, first: Clone) -> None:
    """OPTIONS on the clone path may answer a CORS preflight, or 501 for a method the server does
    not support, but never with a clone or another server error.

    Source: CONTRACT.md decision 10 (RFC 9110 §15.6.2: 501 when the method is not supported)."""
    own = created_agent_id(first.status_code, first.content)
    if own is None:
        raise NotRun("not run: the first clone has no id to aim OPTIONS at")
    response = api.request(
        "OPTIONS",
        params={"voiceAgentId": own, "agentName": OTHER_METHOD_NAME},
        headers={"Origin": "https://example.com", "Access-Control-Request-Method": "POST"},
    )
    # Python's http.server, among others, answers 501 to every method it has no handler for.
    assert response.status_code < 500 or response.status_code == HTTPStatus.NOT_IMPLEMENTED, (
        f"OPTIONS got a server error {response.status_code}"
    )
    assert created_agent_id(response.status_code, response.content) is None, (
        f"OPTIONS on the clone path answered with an agent: {excerpt(response.content, 200)}"
    )
