"""The contract suite's modules import one another in layers: no module depends on itself, however
indirectly (imports inside functions and under TYPE_CHECKING count too)."""

from __future__ import annotations

import ast
import graphlib
from pathlib import Path
from typing import Final

PACKAGE: Final = Path(__file__).resolve().parents[2] / "src" / "hamsa_contract"


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
            # `from hamsa_contract import _spec` imports the module hamsa_contract._spec; the
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
    assert "hamsa_contract.run._suite" in graph
    try:
        list(graphlib.TopologicalSorter(graph).static_order())
    except graphlib.CycleError as error:
        raise AssertionError(f"import cycle: {' -> '.join(error.args[1])}") from None


def test_the_checks_know_nothing_of_the_run_that_uses_them() -> None:
    graph = import_graph()
    for lower in (
        "hamsa_contract.judge._checks",
        "hamsa_contract.judge._conformance",
        "hamsa_contract.judge._judge",
    ):
        assert "hamsa_contract.run._suite" not in graph[lower], f"{lower} imports the suite"


# Folders, bottom layer first: a module imports from its own folder, the package's top-level
# private modules (the foundation), and folders before its own. The package's __init__, its
# pytest plugin and its console scripts stand on everything.
LAYERS: Final = ["mock", "drift", "plan", "report", "send", "judge", "run", "families"]
ENTRY_POINTS: Final = {"hamsa_contract", "hamsa_contract.pytest_plugin", "hamsa_contract._cli"}
PUBLIC_MODULES: Final = {"__init__", "__main__", "pytest_plugin", "conftest"}


def _folder(module: str) -> str:
    """The layer a module belongs to: its sub-package, or "" for the foundation."""
    parts = module.split(".")[1:]
    return parts[0] if parts and parts[0] in LAYERS else ""


def _allowed(folder: str) -> set[str]:
    if folder == "":
        return {""}
    return {"", *LAYERS[: LAYERS.index(folder) + 1]}


def test_every_folder_imports_only_its_own_and_lower_layers() -> None:
    graph = import_graph()
    assert set(LAYERS) <= {_folder(name) for name in graph}
    wrong = sorted(
        f"{name} imports {imported}"
        for name, imports in graph.items()
        if name not in ENTRY_POINTS
        for imported in imports
        if _folder(imported) not in _allowed(_folder(name)) and imported != "hamsa_contract"
    )
    assert not wrong, "\n".join(wrong)


def test_modules_are_private_unless_declared_public() -> None:
    public = sorted(
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if not path.stem.startswith("_")
        and path.stem not in PUBLIC_MODULES
        and not (path.parent.name == "families" and path.stem.startswith("test_"))
    )
    assert not public, f"name them _<module>.py or declare them public: {public}"


def test_the_package_docstring_maps_every_module() -> None:
    docstring = ast.get_docstring(ast.parse((PACKAGE / "__init__.py").read_text("utf-8"))) or ""
    missing = sorted(
        relative
        for path in PACKAGE.rglob("*.py")
        if path.name != "__init__.py"
        for relative in [path.relative_to(PACKAGE).as_posix()]
        if f"{relative}:" not in docstring
    )
    assert not missing, f"not in the module map of hamsa_contract/__init__.py: {missing}"
