"""The contract suite's modules import one another in layers: no module depends on itself, however
indirectly (imports inside functions and under TYPE_CHECKING count too)."""

from __future__ import annotations

import ast
import graphlib
from pathlib import Path
from typing import Final

PACKAGE: Final = Path(__file__).resolve().parents[2] / "contract_tests"


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(path: Path, known: set[str]) -> set[str]:
    """Modules of the package that `path` imports, wherever the import stands."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            # `from contract_tests import spec` imports the module contract_tests.spec; the
            # package itself counts only when a name comes from its __init__.
            submodules = [f"{node.module}.{alias.name}" for alias in node.names]
            names = [name for name in submodules if name in known]
            if len(names) < len(submodules):
                names.append(node.module)
        else:
            continue
        found |= {name for name in names if name in known}
    return found


def import_graph() -> dict[str, set[str]]:
    paths = {module_name(path): path for path in PACKAGE.rglob("*.py")}
    known = set(paths)
    return {name: imported_modules(path, known) - {name} for name, path in paths.items()}


def test_the_suite_has_no_import_cycles() -> None:
    graph = import_graph()
    assert "contract_tests.suite" in graph
    try:
        list(graphlib.TopologicalSorter(graph).static_order())
    except graphlib.CycleError as error:
        raise AssertionError(f"import cycle: {' -> '.join(error.args[1])}") from None


def test_the_checks_know_nothing_of_the_run_that_uses_them() -> None:
    graph = import_graph()
    for lower in ("contract_tests.checks", "contract_tests.conformance", "contract_tests.judge"):
        assert "contract_tests.suite" not in graph[lower], f"{lower} imports the suite"
