"""Edges of the run settings and the target choice: defaults, bounds and the exact errors."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from hamsa_contract.send._settings import (
    DEFAULT_REPORTS_DIR,
    DEFAULT_REQUEST_TIMEOUT_SECONDS,
    DEFAULT_SEED,
    RunSettings,
    SettingsError,
    child_run_environment,
)
from hamsa_contract.send._target import TargetError, open_target

LIVE = {
    "HAMSA_BASE_URL": "https://api.example.test",
    "HAMSA_API_KEY": "live-key",
    "HAMSA_VOICE_AGENT_ID": "agent-1",
}


def test_unset_and_blank_settings_take_their_defaults() -> None:
    for environ in ({}, {"HAMSA_SEED": " ", "HAMSA_REQUEST_TIMEOUT": "", "HAMSA_REPORTS_DIR": " "}):
        settings = RunSettings.from_environ(environ)
        assert settings.seed == DEFAULT_SEED
        assert settings.request_timeout == DEFAULT_REQUEST_TIMEOUT_SECONDS
        assert settings.reports_dir == DEFAULT_REPORTS_DIR.resolve()


def test_the_lowest_allowed_values_are_accepted() -> None:
    settings = RunSettings.from_environ(
        {"HAMSA_SEED": "0", "HAMSA_MAX_WRITES": "0", "HAMSA_REQUEST_TIMEOUT": "0.5"}
    )
    assert (settings.seed, settings.max_writes, settings.request_timeout) == (0, 0, 0.5)


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        ({"HAMSA_MAX_WRITES": "-1"}, "HAMSA_MAX_WRITES must be at least 0, got -1"),
        ({"HAMSA_REQUEST_TIMEOUT": "0"}, "HAMSA_REQUEST_TIMEOUT must be more than 0 seconds"),
    ],
)
def test_values_just_past_the_bounds_are_refused(environ: dict[str, str], message: str) -> None:
    with pytest.raises(SettingsError, match=message):
        RunSettings.from_environ(environ)


def test_a_relative_reports_dir_is_made_absolute(tmp_path: Path) -> None:
    os.chdir(tmp_path)
    assert RunSettings.from_environ({"HAMSA_REPORTS_DIR": "out"}).reports_dir == tmp_path / "out"


def test_a_child_run_sees_no_hamsa_variable_of_this_process(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("HAMSA_API_KEY", "users-live-key")
    monkeypatch.setenv("KEEP_ME", "1")

    environment = child_run_environment(tmp_path, {"HAMSA_MOCK_APP": "m:f", "KEEP_ME": "2"})

    assert "HAMSA_API_KEY" not in environment
    assert environment["HAMSA_REPORTS_DIR"] == str(tmp_path)
    assert (environment["HAMSA_MOCK_APP"], environment["KEEP_ME"]) == ("m:f", "2")
    assert environment["PATH"] == os.environ["PATH"]
    assert child_run_environment(tmp_path)["KEEP_ME"] == "1"


def test_a_live_base_url_keeps_everything_but_its_trailing_slashes() -> None:
    with open_target({**LIVE, "HAMSA_BASE_URL": "http://127.0.0.1:9/apiX//"}) as target:
        assert target.base_url == "http://127.0.0.1:9/apiX"
        assert target.description == "the server at http://127.0.0.1:9/apiX"


@pytest.mark.parametrize(
    ("base_url", "description"),
    [
        ("https://api.tryhamsa.com", "live API at https://api.tryhamsa.com"),
        ("https://api.uae.tryhamsa.com/", "live API at https://api.uae.tryhamsa.com"),
        ("https://API.tryhamsa.com", "live API at https://API.tryhamsa.com"),
        ("http://127.0.0.1:8000", "the server at http://127.0.0.1:8000"),
        (
            "https://api.tryhamsa.com.example.test",
            "the server at https://api.tryhamsa.com.example.test",
        ),
    ],
)
def test_only_the_vendors_hosts_are_called_the_live_api(base_url: str, description: str) -> None:
    with open_target({**LIVE, "HAMSA_BASE_URL": base_url}) as target:
        assert target.description == description


@pytest.mark.parametrize("base_url", ["https://", "ftp://api.example.test", "HTTPS//api"])
def test_a_live_base_url_needs_an_http_scheme_and_a_host(base_url: str) -> None:
    with (
        pytest.raises(TargetError, match="HAMSA_BASE_URL must be an http\\(s\\) URL"),
        open_target({**LIVE, "HAMSA_BASE_URL": base_url}),
    ):
        pass


@pytest.mark.parametrize(
    ("factory", "message"),
    [
        ("tests.catalogue.broken_servers:adds_fields:x", "has no attribute 'adds_fields:x'"),
        (
            "hamsa_contract.mock:DEFAULT_API_KEY",
            "HAMSA_MOCK_APP='hamsa_contract.mock:DEFAULT_API_KEY' is not callable",
        ),
        ("hamsa_contract.mock", "HAMSA_MOCK_APP must look like package.module:factory"),
    ],
)
def test_a_mock_app_that_cannot_serve_is_named(factory: str, message: str) -> None:
    with pytest.raises(TargetError, match=message), open_target({"HAMSA_MOCK_APP": factory}):
        pass
