"""Knobs of a contract run, read once from the environment; a bad value is a clear error.

`OPTIONS` is the one table of settings that are both an environment variable and a flag of
`hamsa-contract-test`: a flag only sets its variable (`with_flags`), so both are read and checked
by the same code (`RunSettings.from_environ` here, `target.open_target`).
"""

from __future__ import annotations

import math
import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from hamsa_contract.send._target import LIVE_MAX_WRITES

ENV_MAX_WRITES: Final = "HAMSA_MAX_WRITES"
ENV_SEED: Final = "HAMSA_SEED"
ENV_REQUEST_TIMEOUT: Final = "HAMSA_REQUEST_TIMEOUT"
ENV_REPORTS_DIR: Final = "HAMSA_REPORTS_DIR"
ENV_DETAILS: Final = "HAMSA_DETAILS"
ENV_CONCURRENCY: Final = "HAMSA_CONCURRENCY"

DEFAULT_SEED: Final = 20261125
DEFAULT_REQUEST_TIMEOUT_SECONDS: Final = 30.0
# An hour: a server slower than that is hung, and larger values (`inf`) overflow the timers of the
# socket layer mid-run.
MAX_REQUEST_TIMEOUT_SECONDS: Final = 3600.0
# Requests that create nothing in flight at once. Eight brings a run's ~170 such requests to ~22
# round trips (a verdict in seconds at 200 ms per answer) while staying a small burst for one API
# key; 1 sends everything one after another, as before.
DEFAULT_CONCURRENCY: Final = 8
# Relative: reports go to ./reports of the directory the run starts in (the checkout for make).
DEFAULT_REPORTS_DIR: Final = Path("reports")


def child_run_environment(
    reports_dir: Path, overrides: Mapping[str, str] | None = None
) -> dict[str, str]:
    """The environment for running the suite as a child process: this process's environment
    without any HAMSA_* variable (a user's live settings never leak into it), reports written to
    `reports_dir`, then `overrides` (e.g. a target's variables)."""
    environment = {
        name: value for name, value in os.environ.items() if not name.startswith("HAMSA_")
    }
    return environment | {ENV_REPORTS_DIR: str(reports_dir)} | dict(overrides or {})


@dataclass(frozen=True)
class Option:
    """A setting that is an environment variable and a command-line flag."""

    variable: str
    flag: str
    metavar: str
    help: str


OPTIONS: Final = (
    Option(
        "HAMSA_BASE_URL",
        "--base-url",
        "URL",
        "the server to judge, e.g. https://api.tryhamsa.com (https://api.uae.tryhamsa.com for "
        "the UAE). With HAMSA_API_KEY and --voice-agent-id: the live API; none of the three: "
        "the embedded mock",
    ),
    Option(
        "HAMSA_VOICE_AGENT_ID",
        "--voice-agent-id",
        "ID",
        "the agent or template every clone is made from (one the key may clone)",
    ),
    Option(
        ENV_MAX_WRITES,
        "--max-writes",
        "N",
        f"how many agents the run may create (default {LIVE_MAX_WRITES} against live, no cap on "
        "the mock)",
    ),
    Option(
        ENV_SEED,
        "--seed",
        "N",
        f"seed of the suite's own probes and of schemathesis' generation (default {DEFAULT_SEED})",
    ),
    Option(
        ENV_REQUEST_TIMEOUT,
        "--timeout",
        "SECONDS",
        "seconds a request may take, from connecting to the last byte of its answer; an answer "
        f"not complete by then is no answer (default {DEFAULT_REQUEST_TIMEOUT_SECONDS:g}, at most "
        f"{MAX_REQUEST_TIMEOUT_SECONDS:g})",
    ),
    Option(
        ENV_CONCURRENCY,
        "--concurrency",
        "N",
        f"requests that create nothing sent at once (default {DEFAULT_CONCURRENCY}; 1 sends "
        "everything one at a time); writes always go one planned step at a time",
    ),
    Option(
        ENV_REPORTS_DIR,
        "--reports-dir",
        "DIR",
        "where reports go (default ./reports; a folder the run can write to): JUnit XML, "
        "drift.json, created-agents.jsonl, schemathesis' VCR and HAR",
    ),
)


def with_flags(environ: Mapping[str, str], flags: Mapping[str, str | None]) -> dict[str, str]:
    """`environ` with each flag given (`OPTIONS`' flag -> value; None: not given) set as its
    variable: a flag wins over the environment."""
    chosen = {
        option.variable: value
        for option in OPTIONS
        if (value := flags.get(option.flag)) is not None
    }
    return dict(environ) | chosen


class SettingsError(ValueError):
    """An environment variable of the suite holds a value it cannot use."""


@dataclass(frozen=True)
class RunSettings:
    """What the user chose for this run.

    `max_writes` is None when the user set no cap: the target then decides (see `Target`).
    """

    max_writes: int | None
    seed: int
    request_timeout: float
    reports_dir: Path
    # Requests that create nothing sent at once (writes always go one planned step at a time).
    concurrency: int = DEFAULT_CONCURRENCY

    @classmethod
    def from_environ(cls, environ: Mapping[str, str]) -> RunSettings:
        """Read the HAMSA_* run knobs; raise SettingsError naming the variable at fault."""
        max_writes = _int(environ, ENV_MAX_WRITES, minimum=0)
        seed = _int(environ, ENV_SEED, minimum=0)
        timeout = _positive_float(environ, ENV_REQUEST_TIMEOUT)
        concurrency = _int(environ, ENV_CONCURRENCY, minimum=1)
        return cls(
            max_writes=max_writes,
            seed=DEFAULT_SEED if seed is None else seed,
            request_timeout=DEFAULT_REQUEST_TIMEOUT_SECONDS if timeout is None else timeout,
            reports_dir=reports_dir(environ),
            concurrency=DEFAULT_CONCURRENCY if concurrency is None else concurrency,
        )


def reports_dir(environ: Mapping[str, str]) -> Path:
    """Where a run writes its reports: HAMSA_REPORTS_DIR, else ./reports; an absolute path."""
    chosen = environ.get(ENV_REPORTS_DIR, "").strip()
    return Path(chosen or DEFAULT_REPORTS_DIR).resolve()


def usable_reports_dir(path: Path) -> Path:
    """`path`, created if need be, once a file could be written in it; else SettingsError naming
    HAMSA_REPORTS_DIR and what is wrong (a file, read-only, a name too long), so a run never
    finds out only at its end, after every request was sent, that its reports cannot be kept."""
    try:
        if path.exists() and not path.is_dir():
            raise SettingsError(f"{ENV_REPORTS_DIR} must be a folder, got the file {str(path)!r}")
        path.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=path):
            pass
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise SettingsError(
            f"{ENV_REPORTS_DIR} must be a folder the run can write to, got {str(path)!r} ({reason})"
        ) from None
    return path


def _int(environ: Mapping[str, str], name: str, *, minimum: int) -> int | None:
    raw = environ.get(name, "").strip()
    if not raw:
        return None
    try:
        value = int(raw)
    except ValueError:
        raise SettingsError(f"{name} must be a whole number, got {raw!r}") from None
    if value < minimum:
        raise SettingsError(f"{name} must be at least {minimum}, got {value}")
    return value


def _positive_float(environ: Mapping[str, str], name: str) -> float | None:
    raw = environ.get(name, "").strip()
    if not raw:
        return None
    try:
        value = float(raw)
    except ValueError:
        raise SettingsError(f"{name} must be a number of seconds, got {raw!r}") from None
    if not value > 0:
        raise SettingsError(f"{name} must be more than 0 seconds, got {raw!r}")
    if not (math.isfinite(value) and value <= MAX_REQUEST_TIMEOUT_SECONDS):
        raise SettingsError(
            f"{name} must be at most {MAX_REQUEST_TIMEOUT_SECONDS:g} seconds, got {raw!r}"
        )
    return value
