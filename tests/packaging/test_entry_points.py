"""The console scripts and the pytest plugin, as this checkout's editable install registers them.

The real thing, installed from the wheel outside the checkout, is in tests/install/.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import hamsa_contract
import hamsa_contract.pytest_plugin
from hamsa_contract import _cli as cli
from hamsa_contract._spec import CHECKOUT_SPEC, PACKAGED_SPEC, SPEC_PATH, locate_spec
from tests.conftest import REPO_ROOT

PLUGIN = "hamsa_contract.pytest_plugin"


def test_the_plugin_is_registered_once_by_its_entry_point(pytestconfig: pytest.Config) -> None:
    manager = pytestconfig.pluginmanager
    assert manager.get_plugin(PLUGIN) is hamsa_contract.pytest_plugin
    registered_from = [
        dist.project_name
        for plugin, dist in manager.list_plugin_distinfo()
        if plugin is hamsa_contract.pytest_plugin
    ]
    assert registered_from == ["hamsa-client"]


def test_an_explicit_pytest_plugins_line_is_harmless(tmp_path: Path) -> None:
    (tmp_path / "conftest.py").write_text(f"pytest_plugins = [{PLUGIN!r}]\n", encoding="utf-8")
    (tmp_path / "test_it.py").write_text(
        "def test_it(hamsa_mock):\n    assert hamsa_mock.template_ids\n", encoding="utf-8"
    )
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tmp_path)]
    result = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 passed" in result.stdout


def test_importing_the_plugin_imports_no_server_code() -> None:
    probe = (
        "import sys, hamsa_contract.pytest_plugin; "
        "heavy = {'starlette', 'uvicorn', 'schemathesis', 'hypothesis', 'hamsa_contract.mock'}; "
        "print(sorted(heavy & set(sys.modules)))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_the_contract_run_is_the_installed_suite_with_its_own_settings(tmp_path: Path) -> None:
    arguments = cli.contract_suite_arguments(["-m", "semantics"], {})
    package = Path(hamsa_contract.__file__).resolve().parent
    assert arguments[0] == str(package / "families")
    assert f"--config-file={package / 'families' / 'pytest-suite.ini'}" in arguments
    assert (package / "families" / "pytest-suite.ini").is_file()
    assert f"--rootdir={package.parent}" in arguments
    assert arguments[-2:] == ["-m", "semantics"]


def test_the_junit_report_goes_where_the_reports_go(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chosen = cli.contract_suite_arguments([], {"HAMSA_REPORTS_DIR": str(tmp_path / "out")})
    assert f"--junitxml={tmp_path / 'out' / 'contract-tests.xml'}" in chosen
    monkeypatch.chdir(tmp_path)
    default = cli.contract_suite_arguments([], {})
    assert f"--junitxml={tmp_path / 'reports' / 'contract-tests.xml'}" in default


def test_a_missing_extra_stops_the_command_with_the_install_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(cli, "missing_requirements", lambda extra: ("schemathesis",))
    assert cli.contract_test([]) == cli.CANNOT_START
    assert cli.mock() == cli.CANNOT_START
    err = capsys.readouterr().err
    assert "hamsa-contract-test needs the [contract] extra" in err
    assert "pip install 'hamsa-client[mock]'" in err


def test_the_checkout_reads_the_spec_from_openapi() -> None:
    assert SPEC_PATH == CHECKOUT_SPEC == REPO_ROOT / "openapi" / "hamsa-voice-agents.yaml"
    assert not PACKAGED_SPEC.exists()  # never duplicated in git: only the wheel has it


def test_the_packaged_spec_wins_when_present(tmp_path: Path) -> None:
    packaged, checkout = tmp_path / "packaged.yaml", tmp_path / "checkout.yaml"
    checkout.write_text("checkout", encoding="utf-8")
    assert locate_spec((packaged, checkout)) == checkout
    packaged.write_text("packaged", encoding="utf-8")
    assert locate_spec((packaged, checkout)) == packaged


def test_no_spec_anywhere_names_every_place_looked(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="none of") as error:
        locate_spec((tmp_path / "a.yaml", tmp_path / "b.yaml"))
    assert str(tmp_path / "a.yaml") in str(error.value)
    assert str(tmp_path / "b.yaml") in str(error.value)
