"""Each public package exports exactly the names it binds and documents (as httpx's own
tests/test_exported_members.py does): nothing public is left out of `__all__`, nothing in it is
missing or unpromised."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
import types
from pathlib import Path

import attrs
import pytest

from tests.conftest import REPO_ROOT

# Where each package's names are promised, besides its own docstring.
PUBLIC_PACKAGES = {
    "hamsa_client": [REPO_ROOT / "README.md", *sorted((REPO_ROOT / "docs").glob("*.md"))],
    "hamsa_contract": [],
    "hamsa_contract.mock": [REPO_ROOT / "docs" / "mock.md"],
}
# hamsa_contract's one public module that is no package: the pytest11 plugin, whose public names
# are its fixtures (hamsa_contract's docstring lists what is public; the fixtures are in
# docs/mock.md). Its other modules are private (`_name.py`), in folders that export nothing, and
# families/ holds the suite's checks, which pytest runs.
PLUGIN = "hamsa_contract.pytest_plugin"
PLUGIN_FIXTURES = ["hamsa_mock", "hamsa_mock_server"]
SUITE_CHECKS = "hamsa_contract.families"


def _public_names(module: types.ModuleType) -> list[str]:
    """Names a user finds on the package: public, and not one of its submodules."""
    return sorted(
        name
        for name, value in vars(module).items()
        if not name.startswith("_") and not isinstance(value, types.ModuleType)
    )


@pytest.mark.parametrize("package", [*PUBLIC_PACKAGES, "hamsa_client.models"])
def test_all_lists_every_public_name_and_nothing_else(package: str) -> None:
    module = importlib.import_module(package)
    assert sorted(module.__all__) == _public_names(module)


@pytest.mark.parametrize(("package", "documents"), PUBLIC_PACKAGES.items())
def test_every_exported_name_is_documented(package: str, documents: list[Path]) -> None:
    module = importlib.import_module(package)
    text = "\n".join([module.__doc__ or "", *(path.read_text("utf-8") for path in documents)])
    undocumented = [name for name in module.__all__ if not re.search(rf"\b{name}\b", text)]
    assert not undocumented, f"{package} exports names its documents never mention"


def test_models_exports_every_data_model_it_promises() -> None:
    models = importlib.import_module("hamsa_client.models")
    assert models.__doc__ == "Contains all the data models used in inputs/outputs"
    defined = {
        name
        for path in (REPO_ROOT / "src" / "hamsa_client" / "models").glob("[!_]*.py")
        for name, value in vars(importlib.import_module(f"hamsa_client.models.{path.stem}")).items()
        if inspect.isclass(value) and attrs.has(value) and value.__module__.endswith(path.stem)
    }
    assert set(models.__all__) == defined


def test_errors_exports_every_error_and_the_masking_rule_and_documents_them() -> None:
    """hamsa_client.errors (not a package, so not above): every error it defines, the client's
    bounds' included, and the one masking rule are exported, and each capitalised name is in
    docs/client.md; its lower-case helpers are for the generated calls."""
    errors = importlib.import_module("hamsa_client.errors")
    defined_errors = {
        name
        for name, value in vars(errors).items()
        if inspect.isclass(value)
        and issubclass(value, Exception)
        and value.__module__ == errors.__name__
    }
    assert defined_errors <= set(errors.__all__)
    assert {"KeyMask", "MASK", "SHORT_KEY_CHARS"} <= set(errors.__all__)
    assert all(hasattr(errors, name) for name in errors.__all__)
    text = (REPO_ROOT / "docs" / "client.md").read_text("utf-8")
    undocumented = [
        name for name in errors.__all__ if name[0].isupper() and not re.search(rf"\b{name}\b", text)
    ]
    assert not undocumented


def test_the_pytest_plugin_defines_the_documented_fixtures_and_nothing_else() -> None:
    plugin = importlib.import_module(PLUGIN)
    own = [
        name
        for name in _public_names(plugin)
        if getattr(getattr(plugin, name), "__module__", None) == PLUGIN
    ]
    assert own == PLUGIN_FIXTURES
    text = (REPO_ROOT / "docs" / "mock.md").read_text("utf-8")
    assert all(re.search(rf"\b{name}\b", text) for name in own)
    assert PLUGIN in (importlib.import_module("hamsa_contract").__doc__ or "")


def test_every_other_public_module_of_hamsa_contract_exports_nothing() -> None:
    """A module or folder of hamsa_contract whose name has no leading underscore is public: it is
    checked above, or it is a folder of private modules whose __init__ binds no public name."""
    contract = importlib.import_module("hamsa_contract")
    public = [
        found.name
        for found in pkgutil.walk_packages(contract.__path__, "hamsa_contract.")
        if not any(part.startswith("_") for part in found.name.split(".")[1:])
        and not found.name.startswith(f"{SUITE_CHECKS}.")
    ]
    checked = {name for name in PUBLIC_PACKAGES if name.startswith("hamsa_contract.")}
    assert {*checked, PLUGIN, SUITE_CHECKS} <= set(public)
    folders = sorted(set(public) - {*checked, PLUGIN, SUITE_CHECKS})
    assert folders, "no folder of private modules found"
    exporting = {
        name: names
        for name in folders
        if (names := _public_names(importlib.import_module(name)))
        or hasattr(importlib.import_module(name), "__all__")
    }
    assert exporting == {}
