"""Every rule of the suite names the CONTRACT.md decision or the RFC it enforces (issue 15): a
rule with no source is one the contract may not back, and a stricter-than-contract rule fails
servers that keep it.

A rule is a test function of a suite family (`hamsa_contract/families/test_*.py`; its
docstring's first paragraph is the rule the summary prints), or one of the suite's own checks run
on every answer.
Each docstring carries a `Source:` line naming a decision (1 to the last one CONTRACT.md has) or
an RFC section.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Final

import pytest

from hamsa_contract import families
from hamsa_contract.judge._checks import SuiteChecks
from hamsa_contract.judge._conformance import AuthProbeOnce
from hamsa_contract.report._ledger import Ledger
from hamsa_contract.report._sources import source_of
from hamsa_contract.send._door import GuardedTransport
from tests.test_contract_document import DECISIONS as CONTRACT_DECISIONS

SUITE_DIR: Final = Path(families.__file__).resolve().parent
SOURCE: Final = re.compile(r"Source: ([^\n]+)")


def _suite_rules() -> dict[str, str]:
    """Docstring of every test function of the suite families, by `module::function`."""
    rules = {}
    for path in sorted(SUITE_DIR.glob("test_*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.FunctionDef) and node.name.startswith("test_"):
                rules[f"{path.name}::{node.name}"] = ast.get_docstring(node) or ""
    return rules


def _custom_checks() -> dict[str, str]:
    checks = SuiteChecks(api_key="k", voice_agent_id="a", ledger=Ledger())
    found = {f"checks.{check.__name__}": check.__doc__ or "" for check in checks.all()}
    found["conformance.AuthProbeOnce"] = AuthProbeOnce.__doc__ or ""
    found["transport.GuardedTransport._refuse"] = GuardedTransport._refuse.__doc__ or ""
    return found


RULES: Final = {**_suite_rules(), **_custom_checks()}


def source_problem(docstring: str) -> str | None:
    """What is wrong with a rule's `Source:` line; None when it names a decision or an RFC."""
    line = SOURCE.search(docstring)
    if line is None:
        return "no `Source:` line"
    named = line.group(1)
    # The one reading of a source the failures and the summary use (report/_sources.py).
    source = source_of(docstring)
    if source is None:
        return f"the source names neither a CONTRACT.md decision nor an RFC section: {named!r}"
    unknown = [number for number in source.decisions if number not in CONTRACT_DECISIONS]
    return f"CONTRACT.md has no decision {unknown}" if unknown else None


def test_the_suite_has_rules_to_check() -> None:
    assert len(_suite_rules()) >= 30
    assert len(_custom_checks()) >= 6


@pytest.mark.parametrize("docstring", RULES.values(), ids=RULES.keys())
def test_every_rule_names_its_source(docstring: str) -> None:
    assert source_problem(docstring) is None, source_problem(docstring)


@pytest.mark.parametrize(
    ("docstring", "problem"),
    [
        ("A rule.", "no `Source:` line"),
        ("A rule.\n\nSource: common sense.", "names neither"),
        ("A rule.\n\nSource: CONTRACT.md decision 99.", "no decision [99]"),
        ("A rule.\n\nSource: CONTRACT.md decisions 5 and 0.", "no decision [0]"),
    ],
)
def test_a_rule_without_a_real_source_is_named(docstring: str, problem: str) -> None:
    assert problem in (source_problem(docstring) or "")


def test_a_decision_or_an_rfc_section_is_a_source() -> None:
    assert source_problem("R.\n\nSource: CONTRACT.md decisions 8 and 9.") is None
    assert source_problem("R.\n\nSource: RFC 9110 §8.3.1.") is None
