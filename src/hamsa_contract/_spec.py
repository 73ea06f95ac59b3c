"""The spec, as data: the clone operation and its schemas with every `$ref` inlined."""

from __future__ import annotations

import copy
import os
from functools import cache
from pathlib import Path
from typing import Any, Final

import yaml

ENV_SPEC: Final = "HAMSA_SPEC"
SPEC_NAME: Final = "hamsa-voice-agents.yaml"
# An installed wheel carries a copy of the spec here (hatch force-include, see pyproject.toml).
PACKAGED_SPEC: Final = Path(__file__).resolve().parent / "openapi" / SPEC_NAME
# In a checkout, openapi/ is the one copy (the packaged one never exists in git).
CHECKOUT_SPEC: Final = Path(__file__).resolve().parents[2] / "openapi" / SPEC_NAME


def locate_spec(candidates: tuple[Path, ...] = (PACKAGED_SPEC, CHECKOUT_SPEC)) -> Path:
    """The first of `candidates` that exists: the installed copy, else the checkout's openapi/.
    Raise FileNotFoundError naming every place looked at when there is none."""
    for path in candidates:
        if path.is_file():
            return path
    looked = ", ".join(str(path) for path in candidates)
    raise FileNotFoundError(f"the OpenAPI spec {SPEC_NAME} is in none of: {looked}")


# HAMSA_SPEC points the suite (and the mock) at another spec file, e.g. one just adopted drift into.
SPEC_PATH: Final = Path(os.environ.get(ENV_SPEC, "").strip() or locate_spec()).resolve()
CLONE_PATH: Final = "/v1/voice-agents/clone"
CLONE_METHOD: Final = "post"

Schema = dict[str, Any]
# The fields a clone gets for itself; every other field of `data` is its source's configuration,
# copied (CONTRACT.md decision 7). The mock, the semantics family and the test servers read this.
CLONE_OWN_FIELDS: Final = frozenset({"id", "agentName", "isTemplate", "createdAt", "updatedAt"})


@cache
def spec_text() -> str:
    """The spec file, as text (read once; see clear_caches)."""
    return SPEC_PATH.read_text(encoding="utf-8")


@cache
def document() -> dict[str, Any]:
    """The OpenAPI document, parsed once. Callers must treat it as read-only."""
    loaded: dict[str, Any] = yaml.safe_load(spec_text())
    return loaded


def clear_caches() -> None:
    """Forget the spec read so far: the next call reads `SPEC_PATH` again."""
    spec_text.cache_clear()
    document.cache_clear()
    fresh_tolerance_seconds.cache_clear()


def is_clone_call(method: str, path: str) -> bool:
    """Whether a request (its method and URL path) is a call of the clone operation."""
    return method.upper() == CLONE_METHOD.upper() and is_clone_path(path)


def is_clone_path(path: str) -> bool:
    """Whether a URL path is the clone operation's, whatever the method."""
    return path.endswith(CLONE_PATH)


def clone_operation() -> dict[str, Any]:
    """The `POST /v1/voice-agents/clone` operation object, `$ref`s inlined."""
    operation: dict[str, Any] = _inlined(document()["paths"][CLONE_PATH][CLONE_METHOD])
    return operation


def component(name: str) -> Schema:
    """A schema of `components.schemas`, self-contained (no `$ref` left)."""
    schema: Schema = _inlined(document()["components"]["schemas"][name])
    return schema


def response_schema(status: int) -> Schema:
    """The JSON schema of the clone operation's answer with that status."""
    content = clone_operation()["responses"][str(status)]["content"]
    return content["application/json"]["schema"]  # type: ignore[no-any-return]


def documented_statuses() -> frozenset[int]:
    """Every status the spec documents for the clone operation."""
    return frozenset(
        int(code) for code in document()["paths"][CLONE_PATH][CLONE_METHOD]["responses"]
    )


def response_example(status: int) -> dict[str, Any]:
    """The example body the spec gives for `status` (shared: treat it as read-only)."""
    response = document()["paths"][CLONE_PATH][CLONE_METHOD]["responses"][str(status)]
    example: dict[str, Any] = response["content"]["application/json"]["example"]
    return example


@cache
def fresh_tolerance_seconds() -> float:
    """How far a 200 clone's `createdAt` may be from the time of cloning, either way, in seconds:
    `fresh` of the 200 answer's `x-hamsa-watch` (the contract watch reads the same). A spec named
    by HAMSA_SPEC without one (a user's own copy, say) gets the project's spec's tolerance: the
    tolerance is the contract's (decision 7), not the copy's. ValueError when neither gives one."""
    seconds = _fresh_seconds(clone_operation())
    if seconds is None and locate_spec().resolve() != SPEC_PATH:
        project: Any = yaml.safe_load(locate_spec().read_text(encoding="utf-8"))
        seconds = _fresh_seconds(project["paths"][CLONE_PATH][CLONE_METHOD])
    if seconds is None:
        raise ValueError("the spec's 200 answer has no x-hamsa-watch.fresh tolerance")
    return seconds


def _fresh_seconds(operation: Any) -> float | None:
    try:
        watch = operation["responses"]["200"].get("x-hamsa-watch")
    except (KeyError, TypeError, AttributeError):
        return None
    fresh = watch.get("fresh", {}) if isinstance(watch, dict) else {}
    seconds = next(iter(fresh.values()), None) if isinstance(fresh, dict) else None
    if not isinstance(seconds, int | float) or isinstance(seconds, bool):
        return None
    return float(seconds)


def token_auth_header() -> str:
    """Name of the header the TokenAuth security scheme travels in."""
    scheme = document()["components"]["securitySchemes"]["TokenAuth"]
    return str(scheme["name"])


def _inlined(node: Any) -> Any:
    """A deep copy of `node`, local `$ref`s replaced by their targets (the spec has no cycles)."""
    if isinstance(node, dict):
        reference = node.get("$ref")
        if isinstance(reference, str) and reference.startswith("#/"):
            target: Any = document()
            for part in reference[2:].split("/"):
                target = target[part]
            siblings = {key: value for key, value in node.items() if key != "$ref"}
            return _inlined({**copy.deepcopy(target), **siblings})
        return {key: _inlined(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_inlined(item) for item in node]
    return node
