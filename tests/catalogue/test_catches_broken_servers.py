"""The default live run fails each deliberately broken server of the catalogue, naming the rule it
broke, and says "contract kept" for each conformant one (`catalogue.py`).

Each server is run as a user would run the suite against theirs: served on loopback, named by
HAMSA_BASE_URL / HAMSA_API_KEY / HAMSA_VOICE_AGENT_ID, no HAMSA_MAX_WRITES (the default cap, 10),
the whole suite (no `-m`).

A run takes seconds and each server needs its own, so the runs go a few at a time in threads,
once per module, and each test reads its server's run. By default one server per class of fault
runs (`SAMPLE`, every conformant server among them, those built on real stacks included);
`CATALOGUE=all` runs the whole catalogue (`python -m bench.catalogue` also counts what it
catches at other caps), `CATALOGUE=stacks` only the servers built on real stacks.
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

# Runs at once: each is a pytest process and a server thread; the machine has 2 cores.
PARALLEL_RUNS: Final = 3
# A run that ends without an answer to some requests prints its summary and a line per check;
# a library traceback would add hundreds.
MAX_LINES_WITHOUT_AN_ANSWER: Final = 80

SAMPLE: Final = frozenset(
    {
        "binds_other_media_types",
        "reads_first_json_value",
        "server_error_on_non_utf8",
        "server_error_on_nan",
        "binds_members_case_insensitively",
        "refuses_falsy_names",
        "falsy_names_default_to_source",
        "other_media_types_400",
        "reads_nan",
        "stdlib_closes_early",
        "mock_on_hypercorn",
        "aiohttp_any_content_type",
        "falcon_binds_forms",
        "accepts_no_credentials",
        "drips_on_unknown_id",
        "rejects_valid_key",
        "bearer_only",
        "key_prefix_accepted",
        "key_case_insensitive",
        "last_authorization_header",
        "lookup_before_auth",
        "duplicate_name_409",
        "truncates_names_1000",
        "rejects_long_names",
        "cuts_names_at_150",
        "name_limit_100",
        "name_limit_in_utf8_bytes",
        "missing_name_500",
        "errors_in_detail",
        "names_nameless_clones",
        "accepts_empty_name",
        "refuses_a_missing_name",
        "errors_with_error_only",
        "refuses_names_over_150",
        "keeps_names_up_to_10000",
        "html_escapes_names",
        "nfkc_names",
        "strips_control_characters",
        "mangles_astral_characters",
        "trims_names",
        "coerces_names_to_strings",
        "overlap_same_id",
        "overlap_last_write_wins",
        "unknown_id_clones_template",
        "unknown_id_is_403",
        "clones_not_stored",
        "created_at_in_future",
        "greeting_names_the_clone",
        "same_id_as_source",
        "leaks_key_in_header",
        "leaks_key_in_error_message",
        "null_real_time",
        "success_false_on_200",
        "html_401_page",
        "created_201",
        "server_error_on_quotes",
        "rate_limited_forever",
        "hangs_on_unknown_id",
        "omits_optional_fields",
        "renames_optional_field",
        "nulls_where_allowed",
        "adds_fields",
        "short_ids",
        "gzip_answers",
        "occasional_429",
        "times_with_offset",
        "charset_in_content_type",
        "content_type_in_any_case",
        "first_authorization_header",
        "validates_before_auth",
        "answers_cors_preflight",
        "form_decodes_names",
        "get_clones",
        "rate_limit_text_plain",
        "bom_before_json",
        # every server built on a real stack (real_stacks/): each framework's defaults differ
        "fastapi_pydantic",
        "fastapi_key_in_handler",
        "flask_waitress_sqlite",
        "aiohttp_web",
        "django_asgi",
        "falcon_asgi",
    }
)


def _selected(entry: Entry, selection: str) -> bool:
    """`CATALOGUE=all`: every server; `CATALOGUE=stacks`: the servers built on real stacks only
    (CI's other interpreters, where the frameworks and the threaded runs are what differ);
    otherwise the sample."""
    if selection == "all":
        return True
    if selection == "stacks":
        return entry.name in STACKS
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


def test_sample_has_every_class_of_fault_and_every_kind_of_outcome() -> None:
    sampled = {entry.kind for entry in CATALOGUE if entry.name in SAMPLE}
    assert {entry.kind for entry in CATALOGUE} == sampled
    assert {entry.expect for entry in CATALOGUE if entry.name in SAMPLE} == set(Expect)
