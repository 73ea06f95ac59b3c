"""The spec's own form of a field observed in live answers, built from genson's inferred schema.

The rules follow the spec's decisions (CONTRACT.md): every adopted field is optional (no
`required`), nullable only if `null` was seen, never an `enum` (tolerant reader), numbers stay
`number` even when only whole ones were seen, and a nested object becomes a named schema under
`components.schemas`, referenced as the spec already does (`anyOf: [$ref, null]` when nullable).
Each field says in its `description` when it was observed and that the vendor does not document
it, carries `x-observed-on` (the date) so tests can tell observations from decisions, and gets an
example taken from the values seen.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, Final

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

OBSERVED_KEY: Final = "x-observed-on"
SCALARS: Final = frozenset({"string", "number", "boolean"})


class FieldWriter:
    """Builds schema nodes for fields observed on one date in answers with some statuses.

    New named schemas go to `components` (name -> node) and their names to `taken`, so two
    fields never get the same schema name. A field of a new schema whose values were all null is
    left out (an untyped extra property, as before) and named in `untyped`.
    """

    def __init__(self, *, observed_on: str, statuses: Iterable[int], taken: set[str]) -> None:
        self.observed_on = observed_on
        codes = ", ".join(str(status) for status in sorted(statuses))
        self.description = (
            f"Observed in live {codes} answers on {observed_on}; not documented by the vendor."
        )
        self.taken = taken
        self.components: dict[str, CommentedMap] = {}
        # Fields of new schemas left out because only null was seen, as `Schema.field`.
        self.untyped: list[str] = []

    def field(
        self, name: str, inferred: dict[str, Any], samples: list[Any], owner: str
    ) -> CommentedMap | None:
        """The property node for field `name` of schema `owner`; None when only null was seen."""
        node = self._node(name, inferred, samples, owner)
        if node is None:
            return None
        node["description"] = self.description
        node[OBSERVED_KEY] = DoubleQuotedScalarString(self.observed_on)
        example = next((sample for sample in samples if sample is not None), None)
        # Objects are shown by their named schema's own example.
        if example is not None and _flat(example) and "$ref" not in node and "anyOf" not in node:
            node["examples"] = _flow([example])
        return node

    def _node(
        self, name: str, inferred: dict[str, Any], samples: list[Any], owner: str
    ) -> CommentedMap | None:
        nullable, alternatives = _alternatives(inferred)
        if not alternatives:
            return None
        nodes = [self._one(name, branch, samples, owner) for branch in alternatives]
        if len(nodes) == 1 and "$ref" not in nodes[0]:
            node = nodes[0]
            if nullable:
                node["type"] = _types([node["type"], "null"])
            return node
        if all(branch["type"] in SCALARS for branch in alternatives):
            types = [branch["type"] for branch in alternatives] + (["null"] if nullable else [])
            return CommentedMap([("type", _types(types))])
        if len(nodes) == 1 and not nullable:
            return nodes[0]
        if nullable:
            nodes.append(CommentedMap([("type", DoubleQuotedScalarString("null"))]))
        return CommentedMap([("anyOf", CommentedSeq(nodes))])

    def _one(
        self, name: str, branch: dict[str, Any], samples: list[Any], owner: str
    ) -> CommentedMap:
        type_ = branch["type"]
        if type_ == "object":
            component = self._component(name, branch, samples, owner)
            return CommentedMap(
                [("$ref", DoubleQuotedScalarString(f"#/components/schemas/{component}"))]
            )
        node = CommentedMap([("type", type_)])
        if type_ == "array" and "items" in branch:
            items = [item for sample in samples if isinstance(sample, list) for item in sample]
            item_node = self._node(f"{name}Item", branch["items"], items, owner)
            if item_node is not None:
                node["items"] = item_node
        return node

    def _component(
        self, name: str, inferred: dict[str, Any], samples: list[Any], owner: str
    ) -> str:
        component = self._free_name(name, owner)
        objects = [sample for sample in samples if isinstance(sample, dict)]
        node = CommentedMap([("type", "object"), ("description", self.description)])
        node[OBSERVED_KEY] = DoubleQuotedScalarString(self.observed_on)
        self.components[component] = node  # claimed before its fields, which may add more
        properties = CommentedMap()
        for key, subschema in inferred.get("properties", {}).items():
            values = [sample[key] for sample in objects if key in sample]
            child = self.field(key, subschema, values, component)
            if child is None:
                self.untyped.append(f"{component}.{key}")
            else:
                properties[key] = child
        if properties:
            node["properties"] = properties
        else:
            node["additionalProperties"] = True  # only `{}` seen: free-form, as the spec's are
        if objects:
            node["examples"] = _block([objects[0]])
        return component

    def _free_name(self, name: str, owner: str) -> str:
        base = pascal(name)
        for candidate in (base, pascal(owner) + base):
            if candidate not in self.taken:
                self.taken.add(candidate)
                return candidate
        number = 2
        while f"{pascal(owner)}{base}{number}" in self.taken:
            number += 1
        self.taken.add(f"{pascal(owner)}{base}{number}")
        return f"{pascal(owner)}{base}{number}"


def pascal(name: str) -> str:
    """`voiceStyle` -> `VoiceStyle`, `call_transfers` -> `CallTransfers`."""
    words = [word for word in re.split(r"[^0-9A-Za-z]+", name) if word]
    joined = "".join(word[0].upper() + word[1:] for word in words) or "Field"
    return joined if joined[0].isalpha() else f"Field{joined}"


def _alternatives(inferred: dict[str, Any]) -> tuple[bool, list[dict[str, Any]]]:
    """Whether null was seen, and one branch per other JSON type (integers count as numbers)."""
    if "anyOf" in inferred:
        parts = [_alternatives(branch) for branch in inferred["anyOf"]]
        nullable = any(part[0] for part in parts)
        branches = [branch for part in parts for branch in part[1]]
    else:
        type_ = inferred.get("type")
        types = [type_] if isinstance(type_, str) else list(type_ or [])
        nullable = "null" in types
        branches = [_branch(inferred, name) for name in types if name != "null"]
    unique: dict[str, dict[str, Any]] = {}
    for branch in branches:
        unique.setdefault(branch["type"], branch)
    return nullable, list(unique.values())


def _branch(inferred: dict[str, Any], type_: str) -> dict[str, Any]:
    branch: dict[str, Any] = {"type": "number" if type_ == "integer" else type_}
    keep = {"object": "properties", "array": "items"}.get(type_)
    if keep and keep in inferred:
        branch[keep] = inferred[keep]
    return branch


def _flat(value: Any) -> bool:
    """Whether `value` is a scalar or a list of scalars (written inline, like the spec does)."""
    if isinstance(value, list):
        return all(not isinstance(item, dict | list) for item in value)
    return not isinstance(value, dict)


def _types(names: list[str]) -> CommentedSeq:
    """`[string, "null"]`, written as the spec writes type lists."""
    seq = CommentedSeq(DoubleQuotedScalarString(name) if name == "null" else name for name in names)
    seq.fa.set_flow_style()
    return seq


def _flow(values: list[Any]) -> CommentedSeq:
    seq = CommentedSeq(_inline(value) for value in values)
    seq.fa.set_flow_style()
    return seq


def _inline(value: Any) -> Any:
    if isinstance(value, str):
        return DoubleQuotedScalarString(value)
    if isinstance(value, list):
        return _flow(value)
    return value


def _block(values: list[Any]) -> CommentedSeq:
    return CommentedSeq(yaml_value(value) for value in values)


def yaml_value(value: Any) -> Any:
    """A JSON value as the spec writes examples: mappings in block style, scalar lists inline."""
    if isinstance(value, dict):
        return CommentedMap((key, yaml_value(item)) for key, item in value.items())
    if isinstance(value, list):
        return _flow(value) if _flat(value) else _block(value)
    return value
