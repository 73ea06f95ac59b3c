"""tools/set_up.py, the set-up `make install` and `./contract-test` share: a venv is rebuilt when
what it is built from changed since, and an old python3 gets one line saying what to run."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from tools.set_up import INPUTS, ROOT, STAMP_NAME, is_current, set_up


def _stamp(venv: Path, when: float) -> None:
    stamp = venv / STAMP_NAME
    stamp.touch()
    os.utime(stamp, (when, when))


def test_a_venv_without_its_stamp_is_not_current(tmp_path: Path) -> None:
    assert not is_current(tmp_path)


def test_a_stamp_older_than_what_the_venv_is_built_from_is_not_current(tmp_path: Path) -> None:
    newest = max((ROOT / name).stat().st_mtime for name in INPUTS)
    _stamp(tmp_path, newest - 1)
    assert not is_current(tmp_path)
    _stamp(tmp_path, newest + 1)
    assert is_current(tmp_path)


def test_an_old_python_is_told_what_to_run_and_nothing_is_built(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "version_info", (3, 10, 14, "final", 0))
    problem = set_up(tmp_path / "venv")
    assert problem is not None
    assert "Python 3.10.14, older than 3.11" in problem
    assert "python3.11 or newer" in problem
    assert not (tmp_path / "venv").exists()
