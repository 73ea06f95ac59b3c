"""openapi/templates/ overrides only what the generated code itself must do differently, and stays
small: each override is diffed against the stock template of the pinned openapi-python-client it
replaces. A test fails when the pinned generator's stock template changes (the override was made
from another one: review it against the new stock, then record the new hash), when an override
grows past its recorded size, and when a template is added or removed without being recorded here.

Everything else the client does (strict type checks in _parsing.py, bounds, retries, the watch's
rules, masking, regions) is hand-written Python in src/hamsa_client, beside what `make generate`
writes; openapi/TEMPLATES.md says what each override changes and why.
"""

from __future__ import annotations

import difflib
import hashlib
from pathlib import Path
from typing import NamedTuple

import openapi_python_client
import pytest

from tests.conftest import REPO_ROOT

OVERRIDES = REPO_ROOT / "openapi" / "templates"
STOCK = Path(openapi_python_client.__file__).parent / "templates"


class Override(NamedTuple):
    """What was recorded for one override: the start of the sha256 of the stock template it was
    made from (None: not a stock template), its lines, and the lines a diff against stock changes
    (added plus removed)."""

    stock_sha256: str | None
    lines: int
    changed: int


RECORDED = {
    "endpoint_macros.py.jinja": Override("58edb8b4913db6ed", lines=263, changed=65),
    "endpoint_module.py.jinja": Override("c1b2628053eb4875", lines=189, changed=107),
    "model.py.jinja": Override("fd1c79680d51c06c", lines=254, changed=101),
    "models_init.py.jinja": Override("4f64a3d6e1b15a56", lines=24, changed=11),
    "property_templates/any_property.py.jinja": Override("1f5f9a325f4cc6cf", lines=6, changed=3),
    "property_templates/boolean_property.py.jinja": Override(
        "df1821adba927948", lines=10, changed=3
    ),
    "property_templates/float_property.py.jinja": Override("bcc65b46da262043", lines=10, changed=3),
    "property_templates/json_type_checks.jinja": Override(None, lines=26, changed=26),
    "property_templates/list_property.py.jinja": Override("4390b5f673fdb10d", lines=64, changed=4),
    "property_templates/model_property.py.jinja": Override("9f6efdbfb6212ee4", lines=39, changed=7),
    "property_templates/union_property.py.jinja": Override(
        "03790f2710deaeb2", lines=119, changed=21
    ),
    "types.py.jinja": Override("93df9d75883a4eaf", lines=54, changed=3),
}
# Lines all overrides add beyond the stock templates they replace (a new template counts whole).
TOTAL_GROWTH = 158


def stock_lines(name: str) -> list[str]:
    stock = STOCK / name
    return stock.read_text("utf-8").splitlines() if stock.is_file() else []


def changed_lines(stock: list[str], ours: list[str]) -> list[str]:
    """The lines a unified diff from `stock` to `ours` adds or removes."""
    return [
        line
        for line in difflib.unified_diff(stock, ours, lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def test_every_override_is_recorded() -> None:
    present = {
        path.relative_to(OVERRIDES).as_posix() for path in OVERRIDES.rglob("*") if path.is_file()
    }
    assert present == set(RECORDED), "record each override (and forget each removed one) here"


@pytest.mark.parametrize("name", sorted(RECORDED))
def test_the_stock_template_is_the_one_the_override_was_made_from(name: str) -> None:
    stock = STOCK / name
    recorded = RECORDED[name].stock_sha256
    if recorded is None:
        assert not stock.exists(), f"{name} is now a stock template: diff the override against it"
        return
    assert stock.is_file(), f"the pinned generator has no stock {name} any more"
    digest = hashlib.sha256(stock.read_bytes()).hexdigest()
    assert digest.startswith(recorded), (
        f"the pinned generator's stock {name} changed: review openapi/templates/{name} against it,"
        " then record the new hash"
    )


@pytest.mark.parametrize("name", sorted(RECORDED))
def test_an_override_does_not_grow_past_its_recorded_size(name: str) -> None:
    ours = (OVERRIDES / name).read_text("utf-8").splitlines()
    changed = changed_lines(stock_lines(name), ours)
    recorded = RECORDED[name]
    assert len(ours) <= recorded.lines, f"{name}: {len(ours)} lines, {recorded.lines} recorded"
    assert len(changed) <= recorded.changed, (
        f"{name}: {len(changed)} lines differ from stock, {recorded.changed} recorded:\n"
        + "\n".join(changed)
    )


def test_the_overrides_together_stay_within_their_recorded_growth() -> None:
    ours = sum(len((OVERRIDES / name).read_text("utf-8").splitlines()) for name in RECORDED)
    growth = ours - sum(len(stock_lines(name)) for name in RECORDED)
    assert growth <= TOTAL_GROWTH


def test_a_grown_override_is_reported_with_its_diff() -> None:
    stock = ["a", "b", "c"]
    ours = ["a", "B", "c", "d"]
    assert changed_lines(stock, ours) == ["-b", "+B", "+d"]
    assert changed_lines(stock, stock) == []
