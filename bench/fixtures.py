"""Inputs the benchmarks share: a fake key and the spec's full 200 answer."""

from __future__ import annotations

import functools
import json
from typing import Any

import yaml

from bench.machine import REPO_ROOT

SPEC_PATH = REPO_ROOT / "openapi" / "hamsa-voice-agents.yaml"
BASE_URL = "https://api.tryhamsa.com"  # never contacted: every transport here is in-process
API_KEY = "bench-key-not-a-secret"
SOURCE_ID = "tmpl-bench-source"


@functools.cache
def full_clone_answer() -> bytes:
    """The spec's 200 example (every VoiceAgent field filled), encoded as a server sends it."""
    with SPEC_PATH.open(encoding="utf-8") as spec_file:
        spec: dict[str, Any] = yaml.safe_load(spec_file)
    operation = spec["paths"]["/v1/voice-agents/clone"]["post"]
    example = operation["responses"]["200"]["content"]["application/json"]["example"]
    return json.dumps(example, ensure_ascii=False).encode("utf-8")
