"""Answers with undocumented fields, seen the way a contract run sees them, and adopted into a
copy of the spec."""

from __future__ import annotations

import copy
import json
import shutil
from datetime import date
from pathlib import Path
from typing import Any, Final

import yaml

from hamsa_contract import _spec as spec
from hamsa_contract._redaction import Redactor
from hamsa_contract.drift._detect import inspect_answer
from hamsa_contract.drift._log import DriftLog
from tools.drift_adoption import Adoption, adopt_file

API_KEY: Final = "hamsa-test-key-0123456789abcdef"
OBSERVED_ON: Final = date(2026, 11, 27)


def answer(status: int) -> dict[str, Any]:
    """A copy of the spec's example answer for `status`, free to change."""
    return copy.deepcopy(spec.response_example(status))


def drift_document(*answers: tuple[int, dict[str, Any]]) -> dict[str, Any]:
    """The drift.json content a run would write after seeing `answers` (status, body)."""
    log = DriftLog()
    for status, body in answers:
        under = "data" if status == 200 else None
        log.record(status, inspect_answer(body, spec.response_schema(status), complete_under=under))
    return log.document(Redactor([API_KEY]), observed_on=OBSERVED_ON, target="test server")


def spec_copy(tmp_path: Path) -> Path:
    """A copy of openapi/ in `tmp_path`; the path of its spec file."""
    shutil.copytree(spec.SPEC_PATH.parent, tmp_path / "openapi")
    return tmp_path / "openapi" / spec.SPEC_PATH.name


# hamsa_client's hand-written modules; `make generate` writes the rest (api/, models/, types.py).
CLIENT_SOURCE: Final = Path(__file__).resolve().parents[2] / "src" / "hamsa_client"


def client_copy(root: Path) -> Path:
    """`root`/hamsa_client holding a copy of the client's hand-written modules, for `make generate`
    (`--generated` of tools.adopt_drift) to complete: its path. `root` goes on PYTHONPATH."""
    package = root / "hamsa_client"
    package.mkdir(parents=True)
    for module in CLIENT_SOURCE.glob("*"):
        if module.is_file() and module.name != "types.py":
            shutil.copy(module, package / module.name)
    return package


def adopt_into_copy(
    tmp_path: Path, *answers: tuple[int, dict[str, Any]]
) -> tuple[Adoption, dict[str, Any], Path]:
    """Adopt what `answers` drifted into a copy of the spec: the adoption, the edited spec as
    data, and the spec file's path."""
    spec_path = spec_copy(tmp_path)
    report_path = tmp_path / "drift.json"
    report_path.write_text(json.dumps(drift_document(*answers)), encoding="utf-8")
    adoption = adopt_file(spec_path, report_path)
    return adoption, yaml.safe_load(spec_path.read_text(encoding="utf-8")), spec_path


def schemas(document: dict[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = document["components"]["schemas"]
    return found


def example(document: dict[str, Any], status: int) -> dict[str, Any]:
    operation = document["paths"][spec.CLONE_PATH][spec.CLONE_METHOD]
    found: dict[str, Any] = operation["responses"][str(status)]["content"]["application/json"]
    return found["example"]  # type: ignore[no-any-return]
