"""Which of the suite's checks a run left out, and why: "contract kept" needs every one of them.

The planned checks are every test of the family modules, collected afresh from their files
whatever narrowed this run's own collection. A check the run did not start is not run: left out by
pytest's selection (`-m`, `-k`, `--deselect`, `--ignore`, test paths or node ids; from the command
line, PYTEST_ADDOPTS or a config file's addopts; or a plugin that drops tests), or never reached
(`-x`/`--maxfail`, an interruption). Options that only change the output change nothing here.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import pytest

from hamsa_contract.run._families import FAMILIES

# Checks named in one not-run reason before the rest are only counted.
NAMED_CHECKS: Final = 4


def planned_checks(session: pytest.Session, suite_dir: Path) -> dict[str, str]:
    """Node id -> family of every check the suite holds: its family modules collected afresh, in
    this session (the same node ids as the run's own items), without any hook that selects."""
    planned: dict[str, str] = {}
    for family in FAMILIES:
        module = pytest.Module.from_parent(session, path=suite_dir / f"test_{family}.py")
        planned.update(dict.fromkeys((item.nodeid for item in _items(module)), family))
    return planned


def _items(collector: pytest.Collector) -> Iterator[pytest.Item]:
    for node in collector.collect():
        if isinstance(node, pytest.Item):
            yield node
        elif isinstance(node, pytest.Collector):
            yield from _items(node)


@dataclass(frozen=True)
class Selection:
    """What became of the planned checks in this run, by node id."""

    collected: Collection[str]  # found by the run's own collection
    deselected: Collection[str]  # then deselected, as pytest reports it (`pytest_deselected`)
    selected: Collection[str]  # left to run
    started: Collection[str]  # whose run began


def selecting_options(config: pytest.Config) -> str:
    """The options of this run that deselect tests, as a user would type them."""
    option = config.option
    named = []
    if option.markexpr:
        named.append(f"-m {option.markexpr!r}")
    if option.keyword:
        named.append(f"-k {option.keyword!r}")
    if option.deselect:
        named.append("--deselect " + " ".join(option.deselect))
    return _from_addopts(", ".join(named) or "a plugin")


def collecting_options(config: pytest.Config, suite_dir: Path) -> str:
    """The options of this run that keep tests from being collected."""
    option = config.option
    named = [
        f"{flag} " + " ".join(values)
        for flag, values in (("--ignore", option.ignore), ("--ignore-glob", option.ignore_glob))
        if values
    ]
    if not any(_covers(argument, config, suite_dir) for argument in config.args):
        named.append("test paths " + " ".join(config.args))
    return _from_addopts(", ".join(named) or "a plugin")


def _from_addopts(how: str) -> str:
    # Options a CI sets for every pytest run come from the environment, unseen on the command.
    return how + ("; PYTEST_ADDOPTS is set" if os.environ.get("PYTEST_ADDOPTS", "").strip() else "")


def _covers(argument: str, config: pytest.Config, suite_dir: Path) -> bool:
    """Whether collecting `argument` collects the whole suite (its folder or one above)."""
    if "::" in argument:
        return False
    path = (config.invocation_params.dir / argument).resolve()
    return path == suite_dir or path in suite_dir.parents


def not_run_reasons(
    planned: Mapping[str, str],
    selection: Selection,
    *,
    deselected_by: str,
    not_collected_by: str,
    stopped: str | None,
) -> Counter[str]:
    """Not-run reason -> count, family by family, for every planned check the run did not
    start: not collected (`not_collected_by`), deselected (`deselected_by`), dropped from the
    run's list by a plugin, or never reached (`stopped` says why: `-x`, Ctrl-C)."""
    reasons: Counter[str] = Counter()
    for family in FAMILIES:
        checks = [nodeid for nodeid, owner in planned.items() if owner == family]
        missed: dict[str, list[str]] = {}
        for nodeid in checks:
            if nodeid in selection.started:
                continue
            if nodeid not in selection.collected:
                why = f"not collected ({not_collected_by})"
            elif nodeid in selection.deselected:
                why = f"not selected ({deselected_by})"
            elif nodeid not in selection.selected:
                why = "dropped from the run by a plugin or hook"
            else:
                why = f"not reached ({stopped or 'the run ended before it'})"
            missed.setdefault(why, []).append(nodeid)
        for why, nodeids in missed.items():
            reasons[f"{family}: {why}: {_named(nodeids, len(checks))}"] += len(nodeids)
    return reasons


def _named(nodeids: list[str], family_size: int) -> str:
    if len(nodeids) == family_size:
        return "the whole family"
    names = [nodeid.rsplit("::", 1)[-1] for nodeid in nodeids]
    shown = ", ".join(names[:NAMED_CHECKS])
    more = len(names) - NAMED_CHECKS
    return shown + (f" and {more} more" if more > 0 else "")
