"""Which optional extras of the hamsa-client distribution are installed, read from its metadata.

The wheel always carries `hamsa_contract`; only the extras bring what it imports (`[mock]`:
starlette, uvicorn...; `[contract]`: schemathesis, pytest...). Entry points check their extra
first, so a client-only install gets one line naming the extra instead of an ImportError.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import metadata
from typing import Final

DISTRIBUTION: Final = "hamsa-client"
_NAME: Final = re.compile(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[([^\]]*)\])?")


@cache
def missing_requirements(extra: str, distribution: str = DISTRIBUTION) -> tuple[str, ...]:
    """Names of the distributions `distribution[extra]` requires that are not installed, in
    metadata order, following extras that build on other extras of the same distribution. Read
    once per process. Empty when the distribution itself is not installed (e.g. the client copied
    as a folder): nothing is known then, and a missing module shows up as the usual ImportError."""
    try:
        requirements = metadata.requires(distribution) or []
    except metadata.PackageNotFoundError:
        return ()
    missing: list[str] = []
    for requirement in requirements:
        spec, _, marker = requirement.partition(";")
        if not re.search(rf"""extra\s*==\s*["']{re.escape(extra)}["']""", marker):
            continue
        name = _NAME.match(spec)
        if name is None:
            continue
        if _normalized(name[1]) == _normalized(distribution):
            for inner in (name[2] or "").split(","):
                missing += missing_requirements(inner.strip(), distribution)
        elif not _installed(name[1]):
            missing.append(name[1])
    return tuple(dict.fromkeys(missing))


def distribution_version(distribution: str = DISTRIBUTION) -> str:
    """The installed version of `distribution`, from its metadata (the one place it is kept)."""
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "unknown (not installed as a distribution)"


def install_hint(command: str, extra: str, missing: tuple[str, ...]) -> str:
    """The one line a command prints when its extra is not installed."""
    return (
        f"{command} needs the [{extra}] extra of {DISTRIBUTION} (not installed: "
        f"{', '.join(missing)}): pip install '{DISTRIBUTION}[{extra}]'"
    )


def _installed(name: str) -> bool:
    try:
        metadata.distribution(name)
    except metadata.PackageNotFoundError:
        return False
    return True


def _normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()
