"""The example output in the docs is what the code prints: each summary line a doc shows (those it
does not cut with "...") is a line `summary.render` writes for the same facts."""

from __future__ import annotations

from pathlib import Path
from typing import Final

import pytest

from hamsa_contract.report._summary import RunFacts, render
from hamsa_contract.report._verdict import Verdict
from tests.conftest import REPO_ROOT
from tests.support.facts import run_facts
from tests.test_readme import fenced_blocks

# The lines a summary example may show, whatever the run: the ones that depend on the facts.
SUMMARY_LABELS: Final = ("Verdict:", "Drift:", "Writes:", "  - unknown", "  - declared", "  - plan")


def _facts(drift: dict[str, list[str]], absent: dict[str, list[str]]) -> RunFacts:
    """The run the docs show: a live run, 3 failures, the default cap, with this drift."""
    return run_facts(
        verdict=Verdict.BROKEN,
        failures={"a rule": 3},
        drift=drift,
        absent=absent,
        created_ids=tuple(f"agent-{n}" for n in range(10)),
    )


def _shown_summary_lines(path: Path) -> list[str]:
    return [
        line
        for block in fenced_blocks(path)
        if block.language == "text" and ("Drift:" in block.code or "Verdict:" in block.code)
        for line in block.code.splitlines()
        if line.startswith(SUMMARY_LABELS) and "..." not in line
    ]


def _drift_of(lines: list[str]) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """The drift a doc's lines show, read back from the summary's own wording."""
    drift, absent = {}, {}
    for line in lines:
        if line.startswith("  - unknown field "):
            path, statuses = line.removeprefix("  - unknown field ").split(" in ")
            drift[path] = statuses.removesuffix(" answers").split(", ")
        if line.startswith("  - declared field absent: "):
            path, statuses = line.removeprefix("  - declared field absent: ").split(" in ")
            absent[path] = statuses.removesuffix(" answers").split(", ")
    return drift, absent


@pytest.mark.parametrize("name", ["contract-suite.md", "drift.md"])
def test_the_summary_lines_a_doc_shows_are_the_lines_the_code_prints(name: str) -> None:
    shown = _shown_summary_lines(REPO_ROOT / "docs" / name)
    assert shown, f"{name} shows no summary"
    printed = render(_facts(*_drift_of(shown)))
    for line in shown:
        if line.startswith("Verdict:") and "BROKEN" not in line:
            continue
        assert line in printed, f"{name} shows a line the summary never prints:\n{line}"
