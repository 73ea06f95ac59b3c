"""Choosing the target: live only with all three variables, a clear error with some of them."""

from __future__ import annotations

from pathlib import Path

import pytest
from starlette.types import Receive, Scope, Send

from hamsa_contract.mock import DEFAULT_API_KEY, TEMPLATE_IDS, create_app, serve_in_thread
from hamsa_contract.send._settings import RunSettings, SettingsError
from hamsa_contract.send._target import LIVE_MAX_WRITES, TargetError, open_target
from tests.support.running import run_contract_suite

LIVE = {
    "HAMSA_BASE_URL": "https://api.example.test/",
    "HAMSA_API_KEY": "live-key",
    "HAMSA_VOICE_AGENT_ID": "agent-1",
}


def test_all_three_variables_name_the_live_target() -> None:
    with open_target(LIVE) as target:
        assert target.base_url == "https://api.example.test"
        assert (target.api_key, target.voice_agent_id) == ("live-key", "agent-1")
        assert target.default_max_writes == LIVE_MAX_WRITES
        assert target.asgi_app is None
        assert "live-key" not in repr(target)


@pytest.mark.parametrize("missing", sorted(LIVE))
def test_some_variables_are_an_error_naming_the_missing_one(missing: str) -> None:
    partial = {name: value for name, value in LIVE.items() if name != missing}
    with pytest.raises(TargetError, match=missing), open_target(partial):
        pass


def test_a_base_url_that_is_not_http_is_an_error() -> None:
    with (
        pytest.raises(TargetError, match="HAMSA_BASE_URL"),
        open_target({**LIVE, "HAMSA_BASE_URL": "api.tryhamsa.com"}),
    ):
        pass


def test_no_variable_names_the_embedded_mock_in_process() -> None:
    with open_target({}) as target:
        assert target.asgi_app is not None
        assert target.api_key == DEFAULT_API_KEY
        assert target.voice_agent_id in TEMPLATE_IDS.values()
        assert target.default_max_writes is None


def test_embedded_mock_over_http_serves_on_loopback() -> None:
    with open_target({"HAMSA_MOCK_TRANSPORT": "http"}) as target:
        assert target.base_url.startswith("http://127.0.0.1:")
        assert target.asgi_app is None


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        ({"HAMSA_MOCK_TRANSPORT": "carrier-pigeon"}, "HAMSA_MOCK_TRANSPORT"),
        ({"HAMSA_MOCK_APP": "no_colon_here"}, "package.module:factory"),
        ({"HAMSA_MOCK_APP": "hamsa_contract.mock:no_such_factory"}, "cannot be loaded"),
    ],
)
def test_bad_mock_settings_are_errors(environ: dict[str, str], message: str) -> None:
    with pytest.raises(TargetError, match=message), open_target(environ):
        pass


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        ({"HAMSA_MAX_WRITES": "lots"}, "HAMSA_MAX_WRITES must be a whole number"),
        ({"HAMSA_MAX_WRITES": "-1"}, "HAMSA_MAX_WRITES must be at least 0"),
        ({"HAMSA_SEED": "1.5"}, "HAMSA_SEED must be a whole number"),
        ({"HAMSA_REQUEST_TIMEOUT": "0"}, "HAMSA_REQUEST_TIMEOUT must be more than 0"),
        ({"HAMSA_REQUEST_TIMEOUT": "soon"}, "HAMSA_REQUEST_TIMEOUT must be a number"),
    ],
)
def test_bad_run_settings_are_errors(environ: dict[str, str], message: str) -> None:
    with pytest.raises(SettingsError, match=message):
        RunSettings.from_environ(environ)


def test_run_settings_defaults_and_values(tmp_path: Path) -> None:
    defaults = RunSettings.from_environ({})
    assert defaults.max_writes is None
    chosen = RunSettings.from_environ(
        {
            "HAMSA_MAX_WRITES": "7",
            "HAMSA_SEED": "42",
            "HAMSA_REQUEST_TIMEOUT": "2.5",
            "HAMSA_REPORTS_DIR": str(tmp_path),
        }
    )
    assert (chosen.max_writes, chosen.seed, chosen.request_timeout) == (7, 42, 2.5)
    assert chosen.reports_dir == tmp_path


def test_partial_live_configuration_stops_the_run_before_any_request(tmp_path: Path) -> None:
    """Only some HAMSA_* variables: the suite exits with a usage error naming the missing ones,
    and the server it was pointed at receives nothing."""
    app = create_app()
    requests_seen: list[str] = []

    async def counting(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            requests_seen.append(scope["path"])
        await app(scope, receive, send)

    with serve_in_thread(counting) as base_url:
        run = run_contract_suite(
            tmp_path, env={"HAMSA_BASE_URL": base_url, "HAMSA_API_KEY": DEFAULT_API_KEY}
        )
    assert run.returncode == pytest.ExitCode.USAGE_ERROR, run.output
    assert "HAMSA_VOICE_AGENT_ID" in run.output
    assert "Set all three to test the live API, or none to test the embedded mock." in run.output
    assert requests_seen == []
