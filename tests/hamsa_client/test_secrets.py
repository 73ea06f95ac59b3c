"""The API key is sent where the spec says and nowhere else: not in a repr, an error, a log line."""

from __future__ import annotations

import itertools
import json
import logging
import traceback
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from hamsa_client import AuthenticatedClient, Client, RetryPolicy
from hamsa_client.errors import MASK, HamsaError, JsonTooDeep, ResponseTooLarge
from tests.hamsa_client.loopback import Script, serve
from tests.support.client import API_KEY, MODES, Mode, answer, answers, clone, make_client


def texts_of(error: BaseException) -> list[str]:
    """Every text an error shows: str, repr, the formatted traceback, and what it carries."""
    found = [str(error), repr(error), "".join(traceback.format_exception(error))]
    if isinstance(error, HamsaError):
        found += [error.excerpt, error.content.decode("utf-8", "replace"), repr(error.headers)]
        found += [value for _, value in error.headers.multi_items()]
    return found


def used(client: Any) -> Any:
    client.get_httpx_client()
    client.get_async_httpx_client()
    return client


CLIENTS: dict[str, Callable[[], Any]] = {
    "fresh": lambda: AuthenticatedClient(token=API_KEY),
    "after building its httpx clients": lambda: used(AuthenticatedClient(token=API_KEY)),
    "with_headers": lambda: used(AuthenticatedClient(token=API_KEY)).with_headers({"X-A": "1"}),
    "with_timeout": lambda: AuthenticatedClient(token=API_KEY).with_timeout(httpx.Timeout(1.0)),
    "custom header": lambda: used(
        AuthenticatedClient(token=API_KEY, prefix="", auth_header_name="X-Api-Key")
    ),
    "with retries": lambda: used(AuthenticatedClient(token=API_KEY, retries=RetryPolicy())),
    "key given as a header": lambda: used(Client(headers={"Authorization": f"Token {API_KEY}"})),
}


@pytest.mark.parametrize("name", CLIENTS)
def test_repr_and_str_of_a_client_never_show_the_key(name: str) -> None:
    client = CLIENTS[name]()

    assert API_KEY not in repr(client)
    assert API_KEY not in str(client)


@pytest.mark.parametrize(
    ("options", "header", "value"),
    [
        pytest.param({}, "Authorization", f"Token {API_KEY}", id="default-token-scheme"),
        pytest.param({"prefix": "Bearer"}, "Authorization", f"Bearer {API_KEY}", id="prefix"),
        pytest.param({"prefix": "", "auth_header_name": "X-Key"}, "X-Key", API_KEY, id="raw"),
    ],
)
def test_the_key_is_sent_in_the_auth_header(
    mode: Mode, options: dict[str, str], header: str, value: str
) -> None:
    seen: list[httpx.Request] = []
    handler = answers(httpx.Response(404, json={"success": False, "message": "no"}), seen=seen)

    clone(mode, make_client(handler, **options))

    assert seen[0].headers[header] == value


ECHOES: dict[str, tuple[int, bytes]] = {
    "undocumented status": (520, b"<html>Authorization: Token %s</html>"),
    "html page on a documented status": (500, b"<html><pre>Token %s</pre></html>"),
    "schema mismatch": (200, b'{"success": true, "message": "Token %s"}'),
}


@pytest.mark.parametrize("name", ECHOES)
@pytest.mark.parametrize(
    "options",
    [
        pytest.param({}, id="authorization"),
        pytest.param({"auth_header_name": "X-Key"}, id="custom"),
    ],
)
def test_errors_mask_a_key_the_server_echoes(
    mode: Mode, name: str, options: dict[str, str]
) -> None:
    status, template = ECHOES[name]
    echo = {"x-echo": f"Token {API_KEY}"}

    with pytest.raises(HamsaError) as caught:
        clone(mode, make_client(answer(status, template % API_KEY.encode(), echo), **options))

    error = caught.value
    assert all(API_KEY not in text for text in texts_of(error))
    assert MASK in error.headers["x-echo"]
    assert MASK.encode() in error.content


# Answers past a bound: read up to the cap (the key within it), or nested past the depth cap.
BOUNDED_ECHOES: dict[str, tuple[dict[str, int], bytes]] = {
    "longer than the cap": ({"max_answer_bytes": 64}, b'{"echo": "Token %s", "x": "' + b"x" * 200),
    "nested too deep": ({}, b'{"echo": "Token %s", "deep": ' + b"[" * 1200 + b"]" * 1200 + b"}"),
}


@pytest.mark.parametrize("name", BOUNDED_ECHOES)
def test_an_answer_past_a_bound_masks_a_key_it_echoes(mode: Mode, name: str) -> None:
    options, template = BOUNDED_ECHOES[name]
    echo = {"x-echo": f"Token {API_KEY}"}

    with pytest.raises((ResponseTooLarge, JsonTooDeep)) as caught:
        clone(mode, make_client(answer(200, template % API_KEY.encode(), echo), **options))

    error = caught.value
    assert all(API_KEY not in text for text in texts_of(error))
    assert MASK in error.headers["x-echo"]
    assert MASK.encode() in error.content


@pytest.mark.parametrize(
    "failure",
    [
        httpx.ConnectError("[Errno 111] Connection refused"),
        httpx.ReadTimeout("timed out"),
        httpx.RemoteProtocolError("Server disconnected without sending a response."),
    ],
    ids=type,
)
def test_transport_errors_do_not_show_the_key(mode: Mode, failure: httpx.TransportError) -> None:
    with pytest.raises(httpx.TransportError) as caught:
        clone(mode, make_client(answers(failure, seen=[])))

    assert all(API_KEY not in text for text in texts_of(caught.value))
    assert API_KEY not in repr(caught.value.request)


def test_nothing_logged_at_debug_shows_the_key(
    caplog: pytest.LogCaptureFixture, clone_200_example: dict[str, Any]
) -> None:
    """Over real connections, so that httpx and httpcore log all they do; a retry and errors too."""
    caplog.set_level(logging.DEBUG)
    policy = RetryPolicy(max_retries=1, sleep=lambda _: None, async_sleep=no_wait)
    scripts = [
        Script(body=json.dumps(clone_200_example).encode()),
        Script(status=429, body=b'{"success": false, "message": "slow down"}'),
        Script(status=520, body=b"<html>oops</html>"),
    ]
    for script, mode in itertools.product(scripts, MODES):
        with serve(script) as base_url:
            client = AuthenticatedClient(base_url=base_url, token=API_KEY, retries=policy)
            try:
                clone(mode, client)
            except HamsaError as error:
                logging.getLogger("app").exception("clone failed: %s", error)

    loggers = {record.name.split(".")[0] for record in caplog.records}
    assert {"httpx", "httpcore", "hamsa_client", "app"} <= loggers  # the logs were on
    assert API_KEY not in caplog.text
    assert all(API_KEY not in record.getMessage() for record in caplog.records)


async def no_wait(seconds: float) -> None:
    pass
