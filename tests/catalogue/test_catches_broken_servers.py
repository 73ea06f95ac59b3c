"""The default live run fails each deliberately broken server of the catalogue, naming the rule it
broke, and says "contract kept" for each conformant one (`catalogue.py`).

Each server is run as a user would run the suite against theirs: served on loopback, named by
HAMSA_BASE_URL / HAMSA_API_KEY / HAMSA_VOICE_AGENT_ID, no HAMSA_MAX_WRITES (the default cap, 10),
the whole suite (no `-m`).

A run takes seconds and each server needs its own, so the runs go a few at a time in threads,
once per module, and each test reads its server's run (under `make test`'s pytest-xdist, the
module runs whole on one worker: tests/conftest.py). By default (`make test`) one server per class
of fault or of allowed difference runs, and every server built on a real stack (`SAMPLE`);
`CATALOGUE=all` (`make catalogue`) runs the whole catalogue (`python -m bench.catalogue` also
counts what it catches at other caps), `CATALOGUE=stacks` only the servers built on real stacks.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Final

import pytest

from hamsa_contract.mock import DEFAULT_API_KEY
from hamsa_contract.plan._writes import PLANNED_WRITES
from hamsa_contract.run._preflight import SETTINGS_WRONG
from hamsa_contract.send._target import LIVE_MAX_WRITES
from tests.catalogue.entries import CATALOGUE, Entry, Expect
from tests.catalogue.real_stacks import STACKS
from tests.support.live import LiveRun, run_live

pytestmark = pytest.mark.catalogue

# Runs at once: each is a pytest process and a server thread; the machine has 2 cores.
PARALLEL_RUNS: Final = 3
# A run that ends without an answer to some requests prints its summary and a line per check;
# a library traceback would add hundreds.
MAX_LINES_WITHOUT_AN_ANSWER: Final = 80

# The fast sample (`make test`): one server per class of fault or of allowed difference (each
# `Entry.kind` of the catalogue), the quickest of its class, and every server built on a real
# stack (each framework's defaults differ). `make catalogue` runs them all.
ONE_PER_KIND: Final = {
    "credentials": "rejects_valid_key",
    "almost-right credentials": "key_prefix_accepted",
    "repeated Authorization": "last_authorization_header",
    "equal inputs": "duplicate_name_409",
    "input size": "truncates_names_1000",
    "name length": "cuts_names_at_150",
    "no name": "missing_name_500",
    "characters": "html_escapes_names",
    "text-rewriting layers": "form_decodes_names",
    "other methods": "get_clones",
    "error bodies": "errors_in_detail",
    "answers": "bom_before_json",
    "invalid input": "coerces_names_to_strings",
    "overlap": "overlap_same_id",
    "unknown ids": "unknown_id_is_403",
    "storage": "clones_not_stored",
    "times": "created_at_in_future",
    "configuration": "greeting_names_the_clone",
    "ids": "same_id_as_source",
    "key leaks": "leaks_key_in_header",
    "schema": "null_real_time",
    "server errors": "server_error_on_quotes",
    "request shapes": "binds_other_media_types",
    "request shapes (real stack)": "aiohttp_any_content_type",
    "rate limits": "rate_limited_for_an_hour",
    "hangs": "hangs_on_unknown_id",
    "additions": "adds_fields",
    "optional": "omits_optional_fields",
    "ids and times": "short_ids",
    "bodies": "gzip_answers",
    "headers": "charset_in_content_type",
    "timing": "occasional_429",
    "precedence": "first_authorization_header",
    "real stack": "fastapi_pydantic",
}
REAL_STACKS: Final = frozenset(
    {*STACKS, *(entry.name for entry in CATALOGUE if entry.kind == "real stack")}
)
SAMPLE: Final = frozenset({*ONE_PER_KIND.values(), *REAL_STACKS})


def _selected(entry: Entry, selection: str) -> bool:
    """`CATALOGUE=all` (`make catalogue`): every server; `CATALOGUE=stacks`: the servers built on
    real stacks only; otherwise (`make test`) the sample."""
    if selection == "all":
        return True
    if selection == "stacks":
        return entry.name in REAL_STACKS
    return entry.name in SAMPLE


ENTRIES: Final = tuple(
    entry for entry in CATALOGUE if _selected(entry, os.environ.get("CATALOGUE", "").strip())
)


@pytest.fixture(scope="module")
def runs(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, LiveRun]]:
    """The live run of every entry a selected test of this module reads, by name."""
    selected = {
        entry.name
        for item in request.session.items
        if isinstance(item, pytest.Function) and item.module is request.module
        for entry in [getattr(item, "callspec", None) and item.callspec.params.get("entry")]
        if isinstance(entry, Entry)
    }

    # The folders are made here, not in the threads: TempPathFactory creates the session's
    # basetemp on first use without a lock, so threads racing to that first use each create one
    # and `mktemp` then finds its folder outside "the" basetemp ("... is not a normalized and
    # relative path").
    chosen = [entry for entry in ENTRIES if entry.name in selected]
    folders = {entry.name: tmp_path_factory.mktemp(entry.name) for entry in chosen}

    def run(entry: Entry) -> tuple[str, LiveRun]:
        return entry.name, run_live(entry.factory(), folders[entry.name], entry.env)

    with ThreadPoolExecutor(PARALLEL_RUNS) as pool:
        yield dict(pool.map(run, chosen))


def _of(expect: Expect) -> list[Entry]:
    return [entry for entry in ENTRIES if entry.expect is expect]


def _ids(entries: list[Entry]) -> list[str]:
    return [entry.name for entry in entries]


def _never_shows_the_key(done: LiveRun) -> None:
    assert DEFAULT_API_KEY not in done.run.output
    for report in done.run.reports_dir.iterdir():
        assert DEFAULT_API_KEY not in report.read_text(encoding="utf-8"), report.name


@pytest.mark.parametrize("entry", _of(Expect.BROKEN), ids=_ids(_of(Expect.BROKEN)))
def test_suite_fails_a_broken_server_naming_the_rule(
    runs: dict[str, LiveRun], entry: Entry
) -> None:
    done = runs[entry.name]
    output = done.run.output

    assert done.run.returncode == 1, output
    assert "Verdict:  CONTRACT BROKEN" in output
    failures = done.run.section("Failures:")
    assert any(entry.rule in line for line in failures[1:]), "\n".join(failures)
    _never_shows_the_key(done)


@pytest.mark.parametrize("entry", _of(Expect.UNANSWERED), ids=_ids(_of(Expect.UNANSWERED)))
def test_suite_never_passes_a_server_that_leaves_requests_unanswered(
    runs: dict[str, LiveRun], entry: Entry
) -> None:
    """Rate-limited without end, or hanging on one kind of request: not a pass, said briefly,
    without library tracebacks."""
    done = runs[entry.name]
    output = done.run.output
    lines = output.splitlines()

    assert done.run.returncode != 0, output
    assert "Verdict:  contract kept" not in output
    assert "no answer" in "\n".join(done.run.section("Not run:")), output
    assert not [line for line in lines if "site-packages" in line], output
    assert len(lines) <= MAX_LINES_WITHOUT_AN_ANSWER, output
    _never_shows_the_key(done)


@pytest.mark.parametrize("entry", _of(Expect.SETTINGS), ids=_ids(_of(Expect.SETTINGS)))
def test_suite_names_the_setting_when_the_server_answers_as_to_a_wrong_one(
    runs: dict[str, LiveRun], entry: Entry
) -> None:
    """A server that answers every form of the key with 401 is, to a client, a wrong key: the run
    stops with one line naming the variable, exit status 3, and creates nothing."""
    done = runs[entry.name]
    output = done.run.output

    assert done.run.returncode == SETTINGS_WRONG, output
    named = [line for line in output.splitlines() if line.startswith("Wrong setting: ")]
    assert len(named) == 1, output
    assert named[0].startswith(f"Wrong setting: {entry.rule}"), output
    assert "Verdict:" not in output
    assert done.created == 0
    _never_shows_the_key(done)


@pytest.mark.parametrize("entry", _of(Expect.CONFORMANT), ids=_ids(_of(Expect.CONFORMANT)))
def test_suite_keeps_a_conformant_server_within_the_default_cap(
    runs: dict[str, LiveRun], entry: Entry
) -> None:
    done = runs[entry.name]
    output = done.run.output

    assert done.run.returncode == 0, output
    assert "Verdict:  contract kept" in output
    assert done.run.section("Failures:") == ["Failures: none"], output
    assert done.run.section("Not run:") == ["Not run:  none"], output
    assert PLANNED_WRITES <= done.created <= LIVE_MAX_WRITES, output
    _never_shows_the_key(done)


def test_catalogue_names_each_server_once_and_only_servers_that_exist() -> None:
    names = [entry.name for entry in CATALOGUE]
    assert len(set(names)) == len(names)
    assert set(names) >= SAMPLE
    for entry in CATALOGUE:
        assert callable(entry.factory), entry.name
        assert (entry.expect in (Expect.BROKEN, Expect.SETTINGS)) == bool(entry.rule), entry.name


def test_sample_has_one_server_of_each_class_every_real_stack_and_every_outcome() -> None:
    kinds = {entry.name: entry.kind for entry in CATALOGUE}
    assert set(ONE_PER_KIND) == set(kinds.values())
    assert all(kinds[name] == kind for kind, name in ONE_PER_KIND.items())
    assert {name for name, kind in kinds.items() if "real stack" in kind} <= SAMPLE
    assert {entry.expect for entry in CATALOGUE if entry.name in SAMPLE} == set(Expect)
