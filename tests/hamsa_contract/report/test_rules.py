"""Every rule of the suite names the CONTRACT.md decision or the RFC it enforces (issue 15): a
rule with no source is one the contract may not back, and a stricter-than-contract rule fails
servers that keep it.

A rule is a test function of a suite family (`hamsa_contract/families/test_*.py`; its
docstring's first paragraph is the rule the summary prints, and its `Source:` line names a
decision, 1 to the last one CONTRACT.md has, or an RFC section), or a rule of the registry
(`report/_rules.py`: the suite's own checks, run on every answer, and the door's), which names its
source when it is registered.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Final

import pytest

from hamsa_contract import families
from hamsa_contract.judge._checks import RULES as REGISTRY
from hamsa_contract.judge._conformance import AuthProbeOnce
from hamsa_contract.report._rules import RuleRegistry, defined, rules_table
from hamsa_contract.report._sources import source_of
from hamsa_contract.send import _door
from tests.conftest import REPO_ROOT
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
    """Each registered rule's citation, as a `Source:` line; and the one check class outside it."""
    assert _door.NO_AGENT_CREATED.name in REGISTRY
    found = {f"rules.{rule.name}": f"{rule.title}.\n\nSource: {rule.citation}" for rule in REGISTRY}
    found["conformance.AuthProbeOnce"] = AuthProbeOnce.__doc__ or ""
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
    assert len(_custom_checks()) >= 9


def test_a_rule_that_names_no_source_is_not_registered() -> None:
    with pytest.raises(ValueError, match=r"names no CONTRACT\.md decision"):
        defined("made_up", "A rule", "common sense", None)


def test_a_rule_name_is_registered_once() -> None:
    registry = RuleRegistry()
    registry.register(defined("once", "A rule", "CONTRACT.md decision 5", None))
    with pytest.raises(ValueError, match="registered already"):
        registry.register(defined("once", "A rule", "RFC 9110 §15.6.1", None))


def test_a_kind_of_the_watchs_findings_is_judged_by_one_rule() -> None:
    registry = RuleRegistry()
    first = defined("first", "A rule", "CONTRACT.md decision 5", None, watch_kinds=frozenset("k"))
    registry.register(first)
    assert registry.judging("k") is first
    assert registry.judging("other") is None
    with pytest.raises(ValueError, match="'first' judges the watch's 'k' findings already"):
        registry.register(
            defined("second", "A rule", "CONTRACT.md decision 5", None, watch_kinds=frozenset("k"))
        )


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


def test_the_docs_table_of_rules_is_the_registry() -> None:
    """docs/contract-suite.md lists the registered rules, each once, as the registry has them."""
    text = (REPO_ROOT / "docs" / "contract-suite.md").read_text(encoding="utf-8")
    shown = text.split("<!-- rules: begin -->\n", 1)[1].split("<!-- rules: end -->", 1)[0]
    expected = "\n".join(rules_table(REGISTRY)) + "\n"
    assert shown == expected, f"paste this table into docs/contract-suite.md:\n{expected}"
