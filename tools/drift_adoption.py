"""Adopting the unknown fields of a `drift.json` (or of hamsa_client's findings file, read into
the same layout) into the spec, where each belongs.

Each unknown field is added to the schema its answer's JSON path leads to (following `$ref`s and
the spec's nullable `anyOf: [$ref, null]`), in the form `drift_schema` builds, and to the example
answers of the statuses it was seen in (`test_spec` wants the 200 example to fill every field).
Nothing declared is ever removed or changed: absent fields and type changes are only listed for a
person. A field is held back, and said why, when its values carried the API key, when only `null`
was seen (its type is unknown), or when its path leads nowhere in the spec.

The spec is edited as a YAML round trip (ruamel.yaml): comments, key order, quoting and flow
lists stay as they are, and an adoption that adds nothing leaves the file untouched.
"""

from __future__ import annotations

import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.representer import RoundTripRepresenter

from hamsa_contract._input_files import InputFileError, NoSuchFile, load_json, read_text
from hamsa_contract._redaction import MASK
from hamsa_contract._spec import CLONE_METHOD, CLONE_PATH
from hamsa_contract.drift._findings_file import (
    FINDINGS_FORMAT,
    FindingsFileError,
    as_drift_report,
    findings_lines,
)
from hamsa_contract.drift._log import FORMAT
from tools.drift_field_schema import FieldWriter, yaml_value

JSON: Final = "application/json"
_TOKEN: Final = re.compile(r"\[\]|[^.\[\]]+")


class DriftReportError(ValueError):
    """drift.json is missing, unreadable, or in a layout this version does not read."""


@dataclass(frozen=True)
class Adopted:
    """One field added to one schema of the spec."""

    schema: str  # e.g. `VoiceAgent`
    name: str  # e.g. `voiceStyle`
    path: str  # where answers carry it, e.g. `data.voiceStyle`
    statuses: tuple[int, ...]
    new_schemas: tuple[str, ...]  # named schemas made for its nested objects


@dataclass
class Adoption:
    """What an adoption did, and what it leaves for a person."""

    observed_on: str
    target: str
    added: list[Adopted] = field(default_factory=list)
    already_declared: list[str] = field(default_factory=list)
    held_back: list[str] = field(default_factory=list)
    for_a_person: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.added)


def read_report(path: Path) -> dict[str, Any]:
    """The drift.json at `path`, or the drift in hamsa_client's findings file at `path` in the
    same layout; DriftReportError when there is none or it cannot be read."""
    try:
        text = read_text(path)
    except NoSuchFile:
        raise DriftReportError(
            f"no drift report at {path}: run the contract suite first (make contract-test), "
            "or name the contract watch's findings file (--report FILE)"
        ) from None
    except InputFileError as exc:
        raise DriftReportError(str(exc)) from None
    try:
        findings = findings_lines(text)
    except FindingsFileError as exc:
        raise DriftReportError(f"{path}: {exc}") from None
    if findings is not None:
        return as_drift_report(findings, str(path))
    try:
        report = load_json(text)
    except ValueError as exc:
        raise DriftReportError(
            f"{path} is neither JSON nor a findings file (JSON lines of format "
            f"{FINDINGS_FORMAT}): {exc}"
        ) from None
    if not isinstance(report, dict) or report.get("format") != FORMAT:
        raise DriftReportError(f"{path} is not a drift report of format {FORMAT}")
    return report


def adopt(spec: CommentedMap, report: dict[str, Any]) -> Adoption:
    """Add the report's unknown fields to `spec` (a round-trip document), in place."""
    observed_on = str(report["observed_on"])
    adoption = Adoption(observed_on=observed_on, target=str(report.get("target", "")))
    schemas = spec["components"]["schemas"]
    taken = set(schemas)
    for entry in report["unknown_fields"]:
        _adopt_entry(spec, entry, observed_on, taken, adoption)
    adoption.for_a_person += [_absent_line(entry) for entry in report["declared_fields_absent"]]
    adoption.for_a_person += [_type_change_line(entry) for entry in report["type_changes"]]
    return adoption


def adopt_file(spec_path: Path, report_path: Path) -> Adoption:
    """Adopt `report_path`'s unknown fields into the spec file; write it only if fields were
    added."""
    report = read_report(report_path)
    yaml = _round_trip()
    original = spec_path.read_text(encoding="utf-8")
    spec = yaml.load(original)
    adoption = adopt(spec, report)
    if adoption.changed:
        buffer = io.StringIO()
        yaml.dump(spec, buffer)
        spec_path.write_text(buffer.getvalue(), encoding="utf-8")
    return adoption


def _round_trip() -> YAML:
    """A YAML reader and writer that keeps the spec's layout byte for byte."""
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap long lines
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.Representer = _SpecRepresenter
    return yaml


class _SpecRepresenter(RoundTripRepresenter):
    """Writes None as `null`, as the spec does (ruamel's round trip writes an empty value)."""

    def represent_none(self, data: Any) -> ScalarNode:
        return self.represent_scalar("tag:yaml.org,2002:null", "null")


_SpecRepresenter.add_representer(type(None), _SpecRepresenter.represent_none)


def _adopt_entry(
    spec: CommentedMap, entry: dict[str, Any], observed_on: str, taken: set[str], out: Adoption
) -> None:
    path = str(entry["path"])
    statuses = [int(status) for status in entry["statuses"]]
    values = list(entry.get("values", []))
    if entry.get("carries_api_key") or MASK in json.dumps(entry, ensure_ascii=False):
        out.held_back.append(
            f"{path}: its values carried the API key (masked in drift.json). An answer must never "
            "carry the key: fix the server, not the spec."
        )
        return
    *parents, name = _TOKEN.findall(path)
    if name == "[]":
        out.held_back.append(f"{path}: not a field name")
        return
    targets: dict[int, tuple[CommentedMap, str, list[int]]] = {}
    for status in statuses:
        found = _parent_schema(spec, status, parents)
        if found is None:
            out.held_back.append(f"{path}: the spec has no object schema there in {status} answers")
            continue
        schema, owner = found
        targets.setdefault(id(schema), (schema, owner, []))[2].append(status)
    for schema, owner, seen_in in targets.values():
        properties = schema.setdefault("properties", CommentedMap())
        if name in properties:
            out.already_declared.append(f"{owner}.{name}")
            continue
        writer = FieldWriter(observed_on=observed_on, statuses=seen_in, taken=taken)
        node = writer.field(name, entry["schema"], values, owner)
        if node is None:
            out.held_back.append(f"{path}: only null was seen, so its type is unknown")
            continue
        properties[name] = node
        spec["components"]["schemas"].update(writer.components)
        out.held_back += [
            f"{field}: only null was seen, so its type is unknown" for field in writer.untyped
        ]
        example = next((value for value in values if value is not None), None)
        for status in seen_in:
            _add_to_example(spec, status, parents, name, example)
        out.added.append(Adopted(owner, name, path, tuple(seen_in), tuple(writer.components)))


def _parent_schema(
    spec: CommentedMap, status: int, tokens: list[str]
) -> tuple[CommentedMap, str] | None:
    """The object schema (and the name of the schema holding it) at `tokens` of a `status`
    answer; None when the path leads nowhere."""
    response = _operation(spec)["responses"].get(str(status))
    if response is None:
        return None
    node, owner = _resolve(spec, response["content"][JSON]["schema"], f"Answer{status}")
    for token in tokens:
        if not isinstance(node, dict):
            return None
        child = node.get("items") if token == "[]" else node.get("properties", {}).get(token)
        node, owner = _resolve(spec, child, owner)
    if not isinstance(node, CommentedMap) or node.get("type") != "object":
        return None
    return node, owner


def _resolve(spec: CommentedMap, node: Any, owner: str) -> tuple[Any, str]:
    """Follow `$ref`s, and the one non-null branch of a nullable `anyOf`/`oneOf`."""
    while isinstance(node, dict):
        reference = node.get("$ref")
        if isinstance(reference, str) and reference.startswith("#/components/schemas/"):
            owner = reference.rsplit("/", 1)[-1]
            node = spec["components"]["schemas"].get(owner)
            continue
        options = node.get("anyOf") or node.get("oneOf") or []
        concrete = [option for option in options if option.get("type") != "null"]
        if len(concrete) != 1:
            break
        node = concrete[0]
    return node, owner


def _add_to_example(
    spec: CommentedMap, status: int, parents: list[str], name: str, value: Any
) -> None:
    """Put the field into the example answer for `status`, wherever its parent object is."""
    media = _operation(spec)["responses"][str(status)]["content"][JSON]
    containers = [media.get("example")]
    for token in parents:
        step: list[Any] = []
        for container in containers:
            if token == "[]" and isinstance(container, list):
                step += container
            elif isinstance(container, dict) and token in container:
                step.append(container[token])
        containers = step
    for container in containers:
        if isinstance(container, dict) and name not in container:
            container[name] = yaml_value(value)


def _operation(spec: CommentedMap) -> Any:
    return spec["paths"][CLONE_PATH][CLONE_METHOD]


def _where(entry: dict[str, Any]) -> str:
    statuses = ", ".join(str(status) for status in entry["statuses"])
    return f"in {statuses} answers, seen {entry['times_seen']} times"


def _absent_line(entry: dict[str, Any]) -> str:
    return (
        f"declared field absent: {entry['path']} ({_where(entry)}). Renamed or dropped by the "
        "vendor? The spec still declares it."
    )


def _type_change_line(entry: dict[str, Any]) -> str:
    declared = " or ".join(entry["declared"])
    seen = " or ".join(entry["seen"])
    example = json.dumps(entry["values"][0], ensure_ascii=False) if entry["values"] else "?"
    return (
        f"type change: {entry['path']} is declared {declared}, seen {seen} (e.g. {example}; "
        f"{_where(entry)}). Decide whether the spec or the server is wrong."
    )
