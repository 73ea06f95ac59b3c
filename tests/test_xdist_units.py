"""`make test` spreads tests/ over pytest-xdist workers in units that keep shared fixtures whole
(tests/conftest.py): a module's fixtures are made once, on one worker."""

from __future__ import annotations

from tests.conftest import FIRST_GROUPS, REPO_ROOT, xdist_group

CATALOGUE = "tests/catalogue/test_catches_broken_servers.py"


def test_a_module_is_one_unit_whatever_its_parameters() -> None:
    assert xdist_group(f"{CATALOGUE}::test_suite_fails[a::b]") == CATALOGUE
    assert xdist_group(f"{CATALOGUE}::test_suite_keeps[adds_fields]") == CATALOGUE
    client_module = "tests/hamsa_client/test_bounds.py"
    assert xdist_group(f"{client_module}::Test::test_x") == client_module


def test_the_install_tests_share_one_unit_for_their_session_virtualenvs() -> None:
    units = {
        xdist_group(f"{path.relative_to(REPO_ROOT)}::test")
        for path in (REPO_ROOT / "tests" / "install").glob("test_*.py")
    }
    assert units == {"install"}


def test_the_longest_units_go_first_and_exist() -> None:
    assert FIRST_GROUPS == (CATALOGUE, "install")
    assert (REPO_ROOT / CATALOGUE).is_file()
