"""Credentials that are almost right: the run's key, slightly altered, the way real servers get
key checks wrong (a prefix compare, case folding, substring search, ignored trailing characters).

Each is derived from the real key, so each is a secret too: the suite masks them wherever it
prints (`Suite.hide`).
"""

from __future__ import annotations

import random
import string
from typing import Final

MIN_LENGTH_FOR_HALVES: Final = 4


def lookalike(key: str, rng: random.Random) -> str:
    """A different key of the same shape: each letter or digit swapped for another of its kind."""
    pools = (string.ascii_lowercase, string.ascii_uppercase, string.digits)
    swapped = "".join(
        next((rng.choice(pool.replace(char, "")) for pool in pools if char in pool), char)
        for char in key
    )
    return swapped if swapped != key else f"{key}x"


def almost_right(key: str) -> dict[str, str]:
    """Keys a conformant server refuses, by the mistake each catches; none equals `key`."""
    last = key[-1]
    other_last = "A" if last != "A" else "B"
    half = len(key) // 2
    variants = {
        "last-character-changed": key[:-1] + other_last,
        "one-character-short": key[:-1],
        "one-character-longer": key + "0",
        "second-half-changed": key[:half] + "x" * (len(key) - half),
        "inside-a-longer-string": f"x{key}x",
    }
    if key.swapcase() != key:
        variants["case-changed"] = key.swapcase()
    if len(key) < MIN_LENGTH_FOR_HALVES:
        del variants["second-half-changed"]
    return {name: value for name, value in variants.items() if value and value != key}
