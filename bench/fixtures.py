"""Inputs the benchmarks share: a fake key and the spec's full 200 answer."""

from __future__ import annotations

import functools
import json

from hamsa_contract._spec import response_example

BASE_URL = "https://api.tryhamsa.com"  # never contacted: every transport here is in-process
API_KEY = "bench-key-not-a-secret"
SOURCE_ID = "tmpl-bench-source"


@functools.cache
def full_clone_answer() -> bytes:
    """The spec's 200 example (every VoiceAgent field filled), encoded as a server sends it."""
    return json.dumps(response_example(200), ensure_ascii=False).encode("utf-8")
