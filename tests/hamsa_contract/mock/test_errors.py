"""Every error the contract names, with its status, its envelope and its place in the order."""

from __future__ import annotations

from typing import Any

import anyio
import httpx
import pytest

from hamsa_contract.mock import (
    ARABIC_SUPPORT_TEMPLATE_ID,
    DEFAULT_API_KEY,
    IN_PROCESS_BASE_URL,
    MockApp,
    create_app,
    serve_in_thread,
)
from hamsa_contract.mock._auth import MALFORMED, MISSING, UNKNOWN_KEY
from hamsa_contract.mock._request_rules import CLONE_PATH
from hamsa_contract.mock._validation import MAX_BODY_BYTES, MAX_NAME_CHARACTERS
from tests.hamsa_contract.mock.support import AUTH, assert_error, client_for, post_clone

TEMPLATE = ARABIC_SUPPORT_TEMPLATE_ID


@pytest.mark.parametrize(
    ("authorization", "says"),
    [
        pytest.param(None, MISSING, id="missing"),
        pytest.param(f"Bearer {DEFAULT_API_KEY}", MALFORMED, id="bearer"),
        pytest.param(DEFAULT_API_KEY, MALFORMED, id="bare-key"),
        pytest.param("Token", MALFORMED, id="scheme-only"),
        pytest.param("Token ", MALFORMED, id="empty-key"),
        pytest.param("Token not-the-key", UNKNOWN_KEY, id="unknown-key"),
        pytest.param(f"Token {DEFAULT_API_KEY}x", UNKNOWN_KEY, id="key-with-suffix"),
        pytest.param(f"Token {DEFAULT_API_KEY.upper()}", UNKNOWN_KEY, id="key-in-other-case"),
    ],
)
def test_401_for_anything_but_the_token_says_which_of_missing_malformed_unknown(
    anonymous: httpx.Client, authorization: str | None, says: str
) -> None:
    headers = {} if authorization is None else {"Authorization": authorization}
    response = post_clone(anonymous, TEMPLATE, "Name", headers=headers)
    assert assert_error(response, 401, "UNAUTHORIZED") == says
    assert DEFAULT_API_KEY not in response.text
    assert DEFAULT_API_KEY.upper() not in response.text


def test_401_for_two_authorization_headers(anonymous: httpx.Client) -> None:
    headers = [("Authorization", f"Token {DEFAULT_API_KEY}")] * 2
    response = post_clone(anonymous, TEMPLATE, "Name", headers=headers)
    assert assert_error(response, 401, "UNAUTHORIZED") == MALFORMED


def test_the_three_refusals_say_different_things() -> None:
    assert len({MISSING, MALFORMED, UNKNOWN_KEY}) == 3
    assert "no Authorization header" in MISSING
    assert "malformed" in MALFORMED
    assert "unknown API key" in UNKNOWN_KEY


def test_token_scheme_is_case_insensitive(anonymous: httpx.Client) -> None:
    # RFC 9110 section 11.1: the auth scheme is case-insensitive, the key is not.
    response = post_clone(
        anonymous, TEMPLATE, "Name", headers={"Authorization": "token mock-api-key"}
    )
    assert response.status_code == 200


def test_401_never_echoes_the_key_sent(anonymous: httpx.Client) -> None:
    sent = "Token almost-mock-api-key-but-not"
    response = post_clone(anonymous, TEMPLATE, "Name", headers={"Authorization": sent})
    assert_error(response, 401, "UNAUTHORIZED")
    assert "almost" not in response.text


def test_a_custom_key_replaces_the_default() -> None:
    app = create_app(api_key="team-key-1")
    with client_for(app, headers={}) as c:
        assert post_clone(
            c, TEMPLATE, "N", headers={"Authorization": "Token team-key-1"}
        ).is_success
        refused = post_clone(c, TEMPLATE, "N", headers=AUTH)
        assert_error(refused, 401, "UNAUTHORIZED")


@pytest.mark.parametrize("api_key", ["", " padded", "two words"])
def test_an_unusable_key_is_refused_at_creation(api_key: str) -> None:
    with pytest.raises(ValueError, match="API key"):
        create_app(api_key=api_key)


def test_401_comes_before_400_and_404(anonymous: httpx.Client) -> None:
    # Nothing about the request is judged before the caller is known.
    response = anonymous.post(CLONE_PATH, content=b"not json")
    assert_error(response, 401, "UNAUTHORIZED")


def test_400_comes_before_404(http: httpx.Client) -> None:
    response = http.post(CLONE_PATH, params={"voiceAgentId": "unknown"}, json={"agentName": 7})
    assert_error(response, 400, "VALIDATION_ERROR")


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        pytest.param({}, "voiceAgentId is required", id="missing"),
        pytest.param({"voiceAgentId": ""}, "voiceAgentId must not be empty", id="empty"),
        pytest.param(
            [("voiceAgentId", TEMPLATE), ("voiceAgentId", TEMPLATE)], "given once", id="repeated"
        ),
    ],
)
def test_400_for_a_bad_voice_agent_id(http: httpx.Client, params: Any, expected: str) -> None:
    response = http.post(CLONE_PATH, params=params, json={"agentName": "Name"})
    assert expected in assert_error(response, 400, "VALIDATION_ERROR")


@pytest.mark.parametrize(
    ("content", "content_type", "expected"),
    [
        pytest.param(b"", "application/json", "body is required", id="no-body"),
        pytest.param(b"   ", "application/json", "body is required", id="blank-body"),
        pytest.param(b'{"agentName": "N"} x', "application/json", "not valid JSON", id="trailing"),
        pytest.param(b'{"agentName": "N"}{}', "application/json", "not valid JSON", id="2-values"),
        pytest.param(b'{"agentName": ', "application/json", "not valid JSON", id="truncated"),
        pytest.param(b"<html>oops</html>", "application/json", "not valid JSON", id="html"),
        pytest.param(b'{"agentName": NaN}', "application/json", "not valid JSON", id="nan"),
        pytest.param(b'{"agentName": "\xff"}', "application/json", "not valid JSON", id="not-utf8"),
        pytest.param(b"[" * 100_000, "application/json", "not valid JSON", id="deep-nesting"),
        pytest.param(b"[]", "application/json", "body must be of type object", id="array"),
        pytest.param(b'"Name"', "application/json", "body must be of type object", id="string"),
        pytest.param(b"null", "application/json", "body must be of type object", id="null"),
        pytest.param(
            b'{"agentName": 7}', "application/json", "agentName must be of type string", id="number"
        ),
        pytest.param(
            b'{"agentName": ["N"]}', "application/json", "must be of type string", id="list-name"
        ),
        pytest.param(b'{"agentName": true}', "application/json", "of type string", id="boolean"),
    ],
)
def test_400_for_a_bad_body(
    http: httpx.Client, content: bytes, content_type: str | None, expected: str
) -> None:
    headers = {} if content_type is None else {"Content-Type": content_type}
    response = http.post(
        CLONE_PATH, params={"voiceAgentId": TEMPLATE}, content=content, headers=headers
    )
    assert expected in assert_error(response, 400, "VALIDATION_ERROR")


@pytest.mark.parametrize(
    ("content", "content_type"),
    [
        pytest.param(b'{"agentName": "N"}', None, id="no-type"),
        pytest.param(b'{"agentName": "N"}', "text/plain", id="text"),
        pytest.param(b"agentName=N", "application/x-www-form-urlencoded", id="form"),
        pytest.param(
            b'--b\r\nContent-Disposition: form-data; name="agentName"\r\n\r\nN\r\n--b--\r\n',
            "multipart/form-data; boundary=b",
            id="multipart",
        ),
    ],
)
def test_415_for_a_body_of_another_media_type(
    http: httpx.Client, content: bytes, content_type: str | None
) -> None:
    """CONTRACT.md decision 14 (RFC 9110 §15.5.16): not a clone request; nothing created."""
    headers = {} if content_type is None else {"Content-Type": content_type}
    response = http.post(
        CLONE_PATH, params={"voiceAgentId": TEMPLATE}, content=content, headers=headers
    )
    message = assert_error(response, 415, "UNSUPPORTED_MEDIA_TYPE")
    assert "sent as application/json" in message


def test_400_for_a_body_over_the_limit(http: httpx.Client) -> None:
    name = "x" * MAX_BODY_BYTES
    response = post_clone(http, TEMPLATE, name)
    message = assert_error(response, 400, "VALIDATION_ERROR")
    assert "larger than" in message
    assert len(response.content) < 1000  # the body is not echoed back


def test_a_name_past_the_mocks_cap_is_400_citing_it_and_stores_nothing(
    app: MockApp, http: httpx.Client
) -> None:
    at_cap = "\U0001f600" * MAX_NAME_CHARACTERS
    assert post_clone(http, TEMPLATE, at_cap).json()["data"]["agentName"] == at_cap
    stored = app.store.clone_ids()
    message = assert_error(post_clone(http, TEMPLATE, at_cap + "x"), 400, "VALIDATION_ERROR")
    assert str(MAX_NAME_CHARACTERS) in message
    assert app.store.clone_ids() == stored


# JSON that decodes to a string UTF-8 cannot encode: lone surrogates, alone or among characters.
UNSTORABLE_NAMES = [
    pytest.param(b'{"agentName": "\\ud800"}', id="lone-high-surrogate"),
    pytest.param(b'{"agentName": "\\udfff"}', id="lone-low-surrogate"),
    pytest.param(b'{"agentName": "Acme \\ude00 support"}', id="low-surrogate-inside"),
    pytest.param(b'{"agentName": "\\ud83d"}', id="half-an-emoji"),
]


def _post_json(http: httpx.Client, content: bytes) -> httpx.Response:
    return http.post(
        CLONE_PATH,
        params={"voiceAgentId": TEMPLATE},
        content=content,
        headers={"Content-Type": "application/json"},
    )


@pytest.mark.parametrize("content", UNSTORABLE_NAMES)
def test_a_name_utf8_cannot_hold_is_400_in_process_and_stores_nothing(
    app: MockApp, http: httpx.Client, content: bytes
) -> None:
    message = assert_error(_post_json(http, content), 400, "VALIDATION_ERROR")
    assert "UTF-8" in message
    assert app.store.clone_ids() == ()


@pytest.mark.parametrize("content", UNSTORABLE_NAMES)
def test_a_name_utf8_cannot_hold_is_400_over_http_and_stores_nothing(content: bytes) -> None:
    app = create_app()
    with serve_in_thread(app) as base_url, httpx.Client(base_url=base_url, headers=AUTH) as http:
        assert_error(_post_json(http, content), 400, "VALIDATION_ERROR")
        assert app.store.clone_ids() == ()
        # The well-formed pair is one emoji, kept exactly.
        pair = _post_json(http, b'{"agentName": "\\ud83d\\ude00"}')
        assert pair.json()["data"]["agentName"] == "\U0001f600"


def test_json_with_a_charset_parameter_is_json(http: httpx.Client) -> None:
    response = http.post(
        CLONE_PATH,
        params={"voiceAgentId": TEMPLATE},
        content='{"agentName": "Ünïcode"}'.encode(),
        headers={"Content-Type": "application/json; charset=utf-8"},
    )
    assert response.status_code == 200
    assert response.json()["data"]["agentName"] == "Ünïcode"


def test_400_messages_do_not_echo_the_input(http: httpx.Client) -> None:
    response = http.post(
        CLONE_PATH, params={"voiceAgentId": TEMPLATE}, json={"agentName": ["secret-ish" * 50]}
    )
    assert "secret-ish" not in assert_error(response, 400, "VALIDATION_ERROR")


@pytest.mark.parametrize("voice_agent_id", ["unknown", "4F1C2D9E-8A7B-4C3D-9E2F-1A2B3C4D5E6F", " "])
def test_404_for_an_unknown_voice_agent(http: httpx.Client, voice_agent_id: str) -> None:
    response = post_clone(http, voice_agent_id, "Name")
    assert_error(response, 404, "VOICE_AGENT_NOT_FOUND")


@pytest.mark.parametrize("method", ["GET", "PUT", "PATCH", "DELETE", "OPTIONS"])
def test_405_with_allow_for_other_methods(anonymous: httpx.Client, method: str) -> None:
    response = anonymous.request(method, CLONE_PATH, params={"voiceAgentId": TEMPLATE})
    assert_error(response, 405, "METHOD_NOT_ALLOWED")
    assert response.headers["allow"] == "POST"


@pytest.mark.parametrize("path", ["/v1/voice-agents/copy", CLONE_PATH + "/", "/"])
def test_404_envelope_for_an_unknown_path(anonymous: httpx.Client, path: str) -> None:
    assert_error(anonymous.post(path), 404, "NOT_FOUND")


def test_an_unexpected_failure_is_a_500_envelope(monkeypatch: pytest.MonkeyPatch) -> None:
    app: MockApp = create_app()

    def broken(source_id: str, agent_name: str) -> None:
        raise RuntimeError("store exploded")

    monkeypatch.setattr(app.store, "add_clone", broken)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)

    async def call() -> httpx.Response:
        async with httpx.AsyncClient(transport=transport, base_url=IN_PROCESS_BASE_URL) as c:
            return await c.post(
                CLONE_PATH, params={"voiceAgentId": TEMPLATE}, json={"agentName": "N"}, headers=AUTH
            )

    response = anyio.run(call)
    message = assert_error(response, 500, "INTERNAL_ERROR")
    assert "exploded" not in message
