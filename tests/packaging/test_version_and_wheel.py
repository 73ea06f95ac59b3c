"""One version number, and a wheel whose every package says it is typed (PEP 561).

The version is written once, in openapi/config.yaml: hatchling reads it for the hamsa-client
distribution (the generator writes no packaging files: `make generate` runs it with --meta none).
"""

from __future__ import annotations

import importlib.metadata
import re
import tomllib
import zipfile
from pathlib import Path

import pytest
import yaml

from tests.conftest import REPO_ROOT
from tests.support.environments import build_wheel

# The packages the wheel ships (pyproject.toml, [tool.hatch.build.targets.wheel]).
SHIPPED_PACKAGES = ("hamsa_client", "hamsa_contract")


def _config_version() -> str:
    config = yaml.safe_load((REPO_ROOT / "openapi" / "config.yaml").read_text(encoding="utf-8"))
    version: str = config["package_version_override"]
    return version


def test_the_version_is_written_once_and_every_copy_agrees() -> None:
    root = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in root["project"]
    assert root["project"]["dynamic"] == ["version"]
    assert root["tool"]["hatch"]["version"]["path"] == "openapi/config.yaml"
    version = _config_version()
    assert re.fullmatch(r"\d+\.\d+\.\d+", version)
    assert importlib.metadata.version("hamsa-client") == version


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_wheel(tmp_path_factory.mktemp("dist"))


def test_the_wheel_carries_the_version(wheel: Path) -> None:
    assert wheel.name.startswith(f"hamsa_client-{_config_version()}-")


def test_every_package_the_wheel_ships_is_marked_typed(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
    assert {name.split("/", 1)[0] for name in names if name.endswith(".py")} == set(
        SHIPPED_PACKAGES
    )
    assert [package for package in SHIPPED_PACKAGES if f"{package}/py.typed" not in names] == []


def test_the_changelog_has_an_unreleased_section_then_the_current_version() -> None:
    changelog = (REPO_ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    versions = re.findall(r"^## \[([^\]]+)\]", changelog, re.MULTILINE)
    assert versions[:2] == ["Unreleased", _config_version()]
