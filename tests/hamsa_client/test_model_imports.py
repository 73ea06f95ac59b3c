"""Every generated model module can be the first one imported, in a fresh interpreter.

openapi/templates/model.py.jinja imports the models a model refers to once, at the bottom of its
module, where stock imports them inside every method. Each check here imports one module before any
other (past `models/__init__.py`, which would otherwise fix the order) and then parses and encodes
an answer through the models: for this spec, and for a small spec whose models refer to each other
in a cycle and to themselves.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO_ROOT, load_spec

PACKAGE = REPO_ROOT / "src" / "hamsa_client"
MODELS = PACKAGE / "models"

# argv: the module to import first, the model (module:Class) to round-trip, JSON of one object.
IMPORT_FIRST = textwrap.dedent(
    """
    import importlib, importlib.machinery, importlib.util, json, sys
    from pathlib import Path

    import hamsa_client

    first, target, data = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
    models = Path(hamsa_client.__file__).parent / "models"
    # The package without running its __init__, which imports every module in a fixed order.
    spec = importlib.machinery.ModuleSpec("hamsa_client.models", None, is_package=True)
    package = importlib.util.module_from_spec(spec)
    package.__path__ = [str(models)]
    sys.modules["hamsa_client.models"] = package
    def loaded():
        return [name for name in sys.modules if name.startswith("hamsa_client.models.")]

    before = loaded()
    importlib.import_module(f"hamsa_client.models.{first}")
    after = loaded()
    module_name, class_name = target.split(":")
    model = getattr(importlib.import_module(f"hamsa_client.models.{module_name}"), class_name)
    parsed = model.from_dict(data)
    again = model.from_dict(parsed.to_dict())
    print(json.dumps({
        "package": hamsa_client.__file__,
        "loaded_before_first": before,
        "loaded_with_first": after,
        "round_trip_equal": again == parsed,
        "encoded": parsed.to_dict(),
    }))
    """
)


def import_first(
    first: str, target: str, data: dict[str, Any], pythonpath: Path | None = None
) -> dict[str, Any]:
    """Run IMPORT_FIRST in a fresh interpreter and return what it reports."""
    env = dict(os.environ)
    if pythonpath is not None:
        env["PYTHONPATH"] = str(pythonpath)
    result = subprocess.run(
        [sys.executable, "-c", IMPORT_FIRST, first, target, json.dumps(data)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    report: dict[str, Any] = json.loads(result.stdout)
    return report


def module_names(models: Path) -> list[str]:
    return sorted(path.stem for path in models.glob("*.py") if path.stem != "__init__")


@pytest.mark.parametrize("first", module_names(MODELS))
def test_each_model_module_of_the_client_imports_first(first: str) -> None:
    operation = load_spec()["paths"]["/v1/voice-agents/clone"]["post"]
    answer = operation["responses"]["200"]["content"]["application/json"]["example"]

    report = import_first(first, "clone_voice_agent_response:CloneVoiceAgentResponse", answer)

    assert Path(report["package"]).is_relative_to(MODELS.parent)
    assert report["loaded_before_first"] == []
    assert f"hamsa_client.models.{first}" in report["loaded_with_first"]
    assert report["round_trip_equal"] is True
    assert report["encoded"]["data"]["llmConfig"] == answer["data"]["llmConfig"]


# Left -> Right -> Left (through a nullable union), Right -> Tree -> Left, Tree -> list of Tree,
# Left -> Rights -> Right (additional properties of a model type). Counts, Labels and Closed take
# the model template's other paths for additional properties (typed, typed beside properties, none).
CYCLIC_SPEC = """
openapi: 3.1.0
info: {title: models in a cycle, version: "1"}
paths:
  /left:
    get:
      operationId: getLeft
      responses:
        "200":
          description: A Left.
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Left"}
components:
  schemas:
    Left:
      type: object
      properties:
        name: {type: string}
        right: {$ref: "#/components/schemas/Right"}
        rights: {$ref: "#/components/schemas/Rights"}
        counts: {$ref: "#/components/schemas/Counts"}
        labels: {$ref: "#/components/schemas/Labels"}
        closed: {$ref: "#/components/schemas/Closed"}
    Right:
      type: object
      properties:
        left: {anyOf: [{$ref: "#/components/schemas/Left"}, {type: "null"}]}
        tree: {$ref: "#/components/schemas/Tree"}
    Tree:
      type: object
      properties:
        children: {type: array, items: {$ref: "#/components/schemas/Tree"}}
        owner: {$ref: "#/components/schemas/Left"}
    Rights:
      type: object
      additionalProperties: {$ref: "#/components/schemas/Right"}
    Counts:
      type: object
      additionalProperties: {type: integer}
    Labels:
      type: object
      properties:
        main: {type: string}
      additionalProperties: {type: string}
    Closed:
      type: object
      properties:
        name: {type: string}
      additionalProperties: false
"""
CYCLIC_MODULES = ["closed", "counts", "labels", "left", "right", "rights", "tree"]

CYCLIC_LEFT = {
    "name": "outer",
    "right": {
        "left": {"name": "inner", "right": {"left": None}},
        "tree": {"children": [{"children": [], "owner": {"name": "leaf"}}], "extra": 1},
    },
    "rights": {"first": {"left": {"name": "deep"}}, "second": {"left": None}},
    "counts": {"calls": 3},
    "labels": {"main": "m", "colour": "blue"},
    "closed": {"name": "shut"},
}


@pytest.fixture(scope="module")
def cyclic_package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The CYCLIC_SPEC client, generated with this project's templates beside a copy of the
    hand-written modules: the folder for sys.path."""
    root = tmp_path_factory.mktemp("cyclic")
    spec = root / "spec.yaml"
    spec.write_text(CYCLIC_SPEC, encoding="utf-8")
    output = root / "generated"
    package = output / "hamsa_client"
    package.mkdir(parents=True)
    for module in PACKAGE.glob("*.py"):
        if module.name != "types.py":
            shutil.copy(module, package / module.name)
    result = subprocess.run(
        ["make", "--no-print-directory", "generate", f"SPEC={spec}", f"GENERATED={package}"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return output


@pytest.mark.parametrize("first", CYCLIC_MODULES)
def test_models_in_a_cycle_import_in_any_order(cyclic_package: Path, first: str) -> None:
    assert module_names(cyclic_package / "hamsa_client" / "models") == CYCLIC_MODULES

    report = import_first(first, "left:Left", CYCLIC_LEFT, pythonpath=cyclic_package)

    assert Path(report["package"]).is_relative_to(cyclic_package)
    assert report["loaded_before_first"] == []
    assert f"hamsa_client.models.{first}" in report["loaded_with_first"]
    assert report["round_trip_equal"] is True
    assert report["encoded"] == CYCLIC_LEFT
