"""The key never shows in any form: not escaped or encoded in an error's text, headers or
content, not in a repr's cookies, not in httpcore's log, and a key that cannot be sent is refused
without being quoted."""

from __future__ import annotations

import base64
import json
import logging
import urllib.parse
from typing import Final

import httpx
import pytest

from hamsa_client import AuthenticatedClient
from hamsa_client.errors import MASK, HamsaError
from tests.hamsa_client.loopback import Script, serve
from tests.support.client import MODES, Mode, answer, clone

# A key whose forms all differ from it (JSON `\/`, URL encoding, base64 with `+` and `/`).
KEY: Final = "hk/live+7?id=Zq&x~9"
# Forms spelled here by hand, not by the masking rule under test.
FORMS: Final = {
    "as sent": KEY,
    "JSON, / escaped": KEY.replace("/", "\\/"),
    "JSON, every character \\u": "".join(f"\\u{ord(c):04x}" for c in KEY),
    "URL-encoded": urllib.parse.quote(KEY, safe=""),
    "URL-encoded, / kept": urllib.parse.quote(KEY),
    "base64 of the key": base64.b64encode(KEY.encode()).decode(),
    "base64 URL-safe of Token key": base64.urlsafe_b64encode(f"Token {KEY}".encode()).decode(),
    "HTML entities": "".join(f"&#{ord(c)};" for c in KEY),
}


def shown(error: HamsaError) -> str:
    return "\n".join(
        [str(error), repr(error), error.excerpt, repr(error.headers), repr(error.content)]
        + [f"{name}: {value}" for name, value in error.headers.multi_items()]
        + [error.content.decode("utf-8", "replace")]
    )


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("status", [502, 200])
def test_errors_never_show_an_echoed_form_of_the_key(mode: Mode, form: str, status: int) -> None:
    spelled = FORMS[form]
    body = f"<p>request from {spelled}</p>".encode()
    headers = {
        "x-echo": spelled,
        "set-cookie": f"remember={spelled}; Path=/",
        "location": f"/login?next={spelled}",
    }
    client = AuthenticatedClient(
        token=KEY, httpx_args={"transport": httpx.MockTransport(answer(status, body, headers))}
    )

    with pytest.raises(HamsaError) as caught:
        clone(mode, client)

    text = shown(caught.value)
    assert [name for name, form_text in FORMS.items() if form_text in text] == []
    assert MASK in caught.value.headers["x-echo"]


@pytest.mark.parametrize(
    ("token", "problem"),
    [
        (KEY + "\n", "whitespace"),
        (" " + KEY, "whitespace"),
        (KEY[:5] + "\x07" + KEY[5:], "a control character"),
        (KEY + "\u00e9", "a non-ASCII character"),
        ("", "non-empty"),
    ],
)
def test_a_token_that_cannot_be_sent_is_refused_unquoted(token: str, problem: str) -> None:
    with pytest.raises(ValueError, match=problem) as caught:
        AuthenticatedClient(token=token)
    assert KEY not in str(caught.value)
    assert KEY[:5] not in str(caught.value)


def test_repr_hides_cookie_values() -> None:
    client = AuthenticatedClient(token=KEY, cookies={"session": "s3ss10n-value"})
    assert "s3ss10n-value" not in repr(client)
    assert f"'session': '{MASK}'" in repr(client)


def test_httpcore_debug_log_never_shows_an_echoed_key(caplog: pytest.LogCaptureFixture) -> None:
    echoes = {name: value for name, value in FORMS.items() if "\\" not in value}
    script = Script(
        status=502,
        body=b"bad gateway",
        headers={
            "Content-Type": "text/plain",
            **{f"x-echo-{index}": value for index, value in enumerate(echoes.values())},
        },
    )
    with serve(script) as base_url, caplog.at_level(logging.DEBUG):
        client = AuthenticatedClient(base_url=base_url, token=KEY)
        with pytest.raises(HamsaError):
            clone("sync", client)

    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "x-echo-0" in logged  # the headers were logged, masked
    assert [name for name, value in echoes.items() if value in logged] == []
    assert [name for name, value in echoes.items() if json.dumps(value) in logged] == []
