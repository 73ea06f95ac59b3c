"""The pre-commit hooks run exactly what `make lint typecheck` runs, with the same tools."""

from __future__ import annotations

import re

import yaml

from tests.conftest import REPO_ROOT


def _recipe(target: str) -> list[str]:
    """The commands of a Makefile target, `$(BIN)` spelled as the default virtualenv's."""
    makefile = (REPO_ROOT / "Makefile").read_text(encoding="utf-8")
    match = re.search(rf"^{target}:.*\n((?:\t.*\n)+)", makefile, re.MULTILINE)
    assert match is not None, f"no recipe for make {target}"
    return [line.strip().replace("$(BIN)", ".venv/bin") for line in match[1].splitlines()]


def test_the_hooks_are_the_lint_and_typecheck_recipes() -> None:
    config = yaml.safe_load((REPO_ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = [hook for repo in config["repos"] for hook in repo["hooks"]]
    assert [hook["entry"] for hook in hooks] == [*_recipe("lint"), *_recipe("typecheck")]
    # Each hook checks the whole tree, as make does, not only the files a commit touches.
    assert all(hook["language"] == "system" and not hook["pass_filenames"] for hook in hooks)
