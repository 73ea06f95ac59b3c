"""CONTRACT.md, at the repository's root, is the contract every citation resolves to (issue 24).

Code, spec, docs and failure messages cite "CONTRACT.md decision N" (or "decision N",
"decisions 4 and 5", "decisions 8 to 10"): each number cited anywhere must be a decision the
document has, under its anchor `#decision-N`, and each decision the document has must be cited
by something outside it (a decision nothing relies on is dead text, or a citation went missing).
"""

from __future__ import annotations

import re
import subprocess
from typing import Final

import pytest

from tests.conftest import REPO_ROOT

CONTRACT: Final = REPO_ROOT / "CONTRACT.md"
# Files that cite decisions: the project's own text (generated code repeats the spec's words).
CITING_SUFFIXES: Final = frozenset({".py", ".md", ".yaml", ".toml", ".jinja", ".txt"})
# "decision 7", "Decision 9", "decisions 4, 5 and 6", "decisions 8 to 10".
CITATION: Final = re.compile(r"\b[Dd]ecisions? (\d+(?:(?:, | and | to | or )\d+)*)")
HEADING: Final = re.compile(r'^<a id="decision-(\d+)"></a>\n### (\d+)\. ', re.MULTILINE)
# Texts that show a wrong citation on purpose (the rules-source test's own examples).
WRONG_ON_PURPOSE: Final = frozenset({"tests/hamsa_contract/report/test_rules.py"})


def decisions_in(document: str) -> list[int]:
    """The decision numbers a contract document defines, each under its own anchor."""
    numbers = []
    for anchor, heading in HEADING.findall(document):
        assert anchor == heading, f"decision {heading} sits under the anchor #decision-{anchor}"
        numbers.append(int(heading))
    return numbers


def cited_numbers(text: str) -> set[int]:
    """Every decision number a text cites, ranges ("8 to 10") expanded."""
    numbers: set[int] = set()
    for listed in CITATION.findall(text):
        for start, end in re.findall(r"(\d+)(?: to (\d+))?", listed):
            numbers.update(range(int(start), int(end or start) + 1))
    return numbers


def citing_files() -> dict[str, str]:
    """The text of every project file that may cite a decision, by path from the root: the files
    git tracks or would (what .gitignore leaves out, virtualenvs, reports, a mutation workspace, is
    no project text)."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    found = {}
    for relative in sorted(set(listed.split("\0")) - {""}):
        path = REPO_ROOT / relative
        if path.suffix in CITING_SUFFIXES and path.is_file() and path != CONTRACT:
            found[relative] = path.read_text(encoding="utf-8", errors="replace")
    return found


DOCUMENT: Final = CONTRACT.read_text(encoding="utf-8")
DECISIONS: Final = decisions_in(DOCUMENT)
CITED: Final = {
    path: numbers
    for path, text in citing_files().items()
    if path not in WRONG_ON_PURPOSE and (numbers := cited_numbers(text))
}


def test_decisions_are_numbered_from_one_without_gaps() -> None:
    assert list(range(1, len(DECISIONS) + 1)) == DECISIONS
    assert len(DECISIONS) >= 14


@pytest.mark.parametrize("path", sorted(CITED))
def test_every_cited_decision_exists(path: str) -> None:
    unknown = sorted(CITED[path] - set(DECISIONS))
    assert not unknown, f"{path} cites decisions CONTRACT.md does not have: {unknown}"


def test_every_decision_is_cited_outside_the_document() -> None:
    cited = set().union(*CITED.values())
    assert not set(DECISIONS) - cited, f"decisions nothing cites: {sorted(set(DECISIONS) - cited)}"


def test_the_readme_links_the_contract() -> None:
    assert "](CONTRACT.md)" in (REPO_ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("Source: CONTRACT.md decision 7.", {7}),
        ("(CONTRACT.md decisions 4, 5 and 6)", {4, 5, 6}),
        ("decisions 8 to 10 at the door", {8, 9, 10}),
        ("Decision 9 lets either answer conform", {9}),
        ("no citation in a decision-free sentence", set()),
    ],
)
def test_citations_are_read_as_written(text: str, numbers: set[int]) -> None:
    assert cited_numbers(text) == numbers


def test_a_document_with_a_misplaced_anchor_is_refused() -> None:
    with pytest.raises(AssertionError, match="decision 2 sits under the anchor #decision-3"):
        decisions_in('<a id="decision-3"></a>\n### 2. Two\n')
