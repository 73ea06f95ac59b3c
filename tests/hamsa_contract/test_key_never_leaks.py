"""Servers that echo the key in a form other than as sent (escaped, encoded, in a cookie or a
redirect) are caught, and no report the run leaves, nor its output, shows any form of the key.

Each server is in broken_servers.py (`leaks_key_*` after ECHOED_KEY), served on loopback and run
live with HAMSA_API_KEY=ECHOED_KEY: the suite sees the key only as a user's run would."""

from __future__ import annotations

import base64
import html
import json
import re
import urllib.parse
from pathlib import Path
from typing import Final

import pytest

from hamsa_client.errors import MASK
from hamsa_contract._redaction import SHORT_KEY_NOTE
from hamsa_contract.mock import create_app, serve_in_thread
from tests.catalogue import broken_servers
from tests.catalogue.broken_servers import ECHOED_KEY, ECHOED_KEY_SERVERS
from tests.catalogue.entries import LEAK
from tests.support.live import live_environment
from tests.support.running import run_contract_suite

# Forms of the key spelled here by hand, not by the masking rule under test.
FORMS: Final = {
    ECHOED_KEY,
    ECHOED_KEY.replace("/", "\\/"),
    json.dumps(ECHOED_KEY.replace("/", "\\/"))[1:-1],  # a JSON body inside a HAR file
    "".join(f"\\u{ord(c):04x}" for c in ECHOED_KEY),
    "".join(f"\\\\u{ord(c):04x}" for c in ECHOED_KEY),
    "".join(f"&#{ord(c)};" for c in ECHOED_KEY),
    urllib.parse.quote(ECHOED_KEY, safe=""),
    urllib.parse.quote(ECHOED_KEY, safe="").replace("%2F", "%2f").replace("%3F", "%3f"),
    urllib.parse.quote_plus(ECHOED_KEY),
    urllib.parse.quote(ECHOED_KEY),
    urllib.parse.quote(ECHOED_KEY, safe="").replace("~", "%7E"),
    html.escape(ECHOED_KEY),
    # The base64 characters the key alone decides (the last one of a token mixes in padding).
    base64.b64encode(ECHOED_KEY.encode()).decode()[:-4],
    base64.urlsafe_b64encode(f"Token {ECHOED_KEY}".encode()).decode()[8:-4],
}


def forms_in(text: str) -> list[str]:
    return sorted(form for form in FORMS if form in text)


# One form in `make test` (the catalogue's sample has a server leaking the key too); every form in
# `make catalogue`.
@pytest.mark.parametrize(
    "server",
    [
        pytest.param(server, marks=() if position == 0 else pytest.mark.slow)
        for position, server in enumerate(ECHOED_KEY_SERVERS)
    ],
)
def test_a_server_echoing_a_form_of_the_key_is_broken_and_no_form_is_left(
    server: str, tmp_path: Path
) -> None:
    app = getattr(broken_servers, server)()
    with serve_in_thread(app) as base_url:
        run = run_contract_suite(
            tmp_path,
            marker="security or conformance",
            env=live_environment(base_url, {"HAMSA_API_KEY": ECHOED_KEY}),
        )

    assert run.returncode == 1, run.output
    assert LEAK in run.output, run.output
    assert forms_in(run.output) == [], run.output
    reports = list(run.reports_dir.iterdir())
    assert {"schemathesis-har.json", "schemathesis-cassette.yaml"} <= {p.name for p in reports}
    for path in reports:
        text = path.read_bytes().decode("utf-8", errors="replace")
        assert forms_in(text) == [], path.name


@pytest.mark.parametrize("key", ["k", pytest.param("test", marks=pytest.mark.slow)])
def test_a_short_key_keeps_a_conformant_server_kept_and_every_line_legible(
    key: str, tmp_path: Path
) -> None:
    """A key too short to be told apart from text (`test`, `k`: common with mocks) is masked
    where it was sent, and nowhere inside ordinary words; the summary says what that costs."""
    with serve_in_thread(create_app(api_key=key)) as base_url:
        run = run_contract_suite(tmp_path, env=live_environment(base_url, {"HAMSA_API_KEY": key}))

    assert run.returncode == 0, run.output
    assert "Verdict:  contract kept" in run.output, run.output
    assert SHORT_KEY_NOTE in run.output, run.output
    assert MASK not in run.output, run.output
    for path in run.reports_dir.iterdir():
        text = path.read_text(encoding="utf-8", errors="replace")
        assert f"Token {key}" not in text, path.name
        # Ordinary words are whole: masks stand only where a credential stood.
        if path.name.startswith("schemathesis-"):  # the recordings, with the names sent
            assert "contract-test" in text, path.name
        assert re.search(rf"[\w-]{re.escape(MASK)}|{re.escape(MASK)}[\w-]", text) is None, path.name
