"""Files a user names (`hamsa-contract-test --from`, `make adopt-drift`), read defensively: a
regular file only (never a device, a FIFO or a directory, which could be read without end or
block), at most `MAX_INPUT_BYTES`, UTF-8, and JSON or YAML nested at most `MAX_NESTING` deep.
Each refusal is an `InputFileError` saying in one line what is wrong, never a traceback.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any, Final

import yaml

from hamsa_client.client import DEFAULT_MAX_JSON_DEPTH, json_too_deep

# Ten times a full run's recordings (a few MB); parsed, a cassette this size takes about 400 MB
# and a minute. A browser's HAR of a whole session may be larger: keep the clone requests.
MAX_INPUT_BYTES: Final = 32 * 1024 * 1024
# The client's bound (its max_json_depth default): one number for every JSON the project reads
# (issue 23). The spec's example clone answer is nested 5 deep, a HAR or a cassette about as
# much; Python's parsers recurse and fail (RecursionError) around 1,000.
MAX_NESTING: Final = DEFAULT_MAX_JSON_DEPTH

# PyYAML's safe loader, libyaml's when PyYAML was built with it (many times faster).
_SAFE_LOADER: Final = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_FILE_KINDS: Final = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


class InputFileError(ValueError):
    """The file cannot be read as the input it should be; the message says why, in one line."""


class NoSuchFile(InputFileError):
    """Nothing at the path."""


class NestedTooDeep(ValueError):
    """JSON or YAML nested deeper than MAX_NESTING: whatever its format, it is none this reads."""

    def __init__(self) -> None:
        super().__init__(f"nested more than {MAX_NESTING} deep, the most this command reads")


def read_text(path: Path) -> str:
    """The UTF-8 text of the regular file at `path` (a BOM is allowed): opened without blocking,
    never more than MAX_INPUT_BYTES read; InputFileError otherwise."""
    try:
        # O_NONBLOCK: opening a FIFO that has no writer returns at once instead of waiting.
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        raise NoSuchFile(f"no file at {path}") from None
    except OSError as exc:
        raise InputFileError(f"cannot open {path}: {exc.strerror}") from None
    try:
        status = os.fstat(descriptor)  # of what was opened: a symlink's target, not the link
        if not stat.S_ISREG(status.st_mode):
            kinds = (name for test, name in _FILE_KINDS if test(status.st_mode))
            kind = next(kinds, "a special file")
            raise InputFileError(f"{path} is {kind}, not a regular file: nothing was read")
        if status.st_size > MAX_INPUT_BYTES:
            raise InputFileError(_too_large(path))
        # At most one byte past the cap, whatever the size said (/proc lies, a file may grow).
        data = _read_at_most(descriptor, MAX_INPUT_BYTES + 1)
    except OSError as exc:
        raise InputFileError(f"cannot read {path}: {exc.strerror}") from None
    finally:
        os.close(descriptor)
    if len(data) > MAX_INPUT_BYTES:
        raise InputFileError(_too_large(path))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputFileError(f"{path} is not UTF-8 text (byte {exc.start} is not)") from None


def _read_at_most(descriptor: int, limit: int) -> bytes:
    chunks: list[bytes] = []
    left = limit
    while left > 0:
        chunk = os.read(descriptor, min(left, 1024 * 1024))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def load_json(text: str | bytes, *, allow_nan: bool = True) -> Any:
    """The JSON value `text` holds; ValueError (one line, with where) when it is not JSON or is
    nested deeper than MAX_NESTING (NestedTooDeep: told by the client's json_too_deep before any
    parsing, so Python's recursive parser never meets it). With `allow_nan=False`, Python's
    NaN, Infinity and -Infinity (no JSON values, RFC 8259 §6) are refused too."""
    if json_too_deep(text, MAX_NESTING):
        raise NestedTooDeep()
    try:
        if allow_nan:
            return json.loads(text)
        if isinstance(text, bytes):  # as json.loads reads bytes: UTF-8, -16 or -32
            text = text.decode(json.detect_encoding(text), "surrogatepass")
        return STRICT_JSON.decode(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})") from None


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"not JSON: {name} is no JSON number (RFC 8259 §6)")


# NaN and Infinity are not JSON, though Python's parser accepts them by default. One decoder for
# every caller (the mock reads each request with it): `json.loads` with an option builds a new
# one each call.
STRICT_JSON: Final = json.JSONDecoder(parse_constant=_refuse_constant)


def load_yaml(text: str) -> Any:
    """The YAML value `text` holds (safe types only); ValueError (one line) when it is not YAML
    or is nested deeper than MAX_NESTING (NestedTooDeep), aliases counted where they point."""
    try:
        value = yaml.load(text, Loader=_SAFE_LOADER)  # noqa: S506 (a safe loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
        raise ValueError(f"not YAML: {exc.problem or exc.context}{where}") from None
    except RecursionError:
        raise NestedTooDeep() from None
    except (yaml.YAMLError, ValueError, TypeError) as exc:  # e.g. a timestamp 2026-13-45
        raise ValueError(f"not YAML: {str(exc).splitlines()[0] if str(exc) else exc!r}") from None
    if nesting_exceeds(value, MAX_NESTING):
        raise NestedTooDeep()
    return value


def nesting_exceeds(value: Any, limit: int) -> bool:
    """Whether lists and objects in `value` nest more than `limit` deep. Iterative, and each
    shared part (a YAML alias) walked again only when met deeper, so a document of aliases of
    aliases costs no more than its own size; a cycle nests without end."""
    deepest_seen: dict[int, int] = {}
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children = list(item.values())
        elif isinstance(item, list):
            children = item
        else:
            continue
        if depth > limit:
            return True
        if deepest_seen.get(id(item), 0) >= depth:
            continue
        deepest_seen[id(item)] = depth
        stack.extend((child, depth + 1) for child in children)
    return False


def http_status(value: Any) -> int | None:
    """`value` as an HTTP status code (100-599; a number, or digits as the VCR cassettes of
    schemathesis write it), None when it is none."""
    if isinstance(value, str) and value.isascii() and value.isdigit():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool) and 100 <= value <= 599:
        return value
    return None


def describe(value: Any) -> str:
    """What kind of JSON (or YAML) value `value` is, for a message; the value itself only when it
    is a short text or a number (a long text may carry the key, and would not fit one line)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return f"the number {value}" if abs(value) < 1e9 else "a number"
    if isinstance(value, str):
        return f"the text {value!r}" if len(value) <= 12 and value.isprintable() else "a text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return f"a {type(value).__name__}"


def _too_large(path: Path) -> str:
    return (
        f"{path} is larger than {MAX_INPUT_BYTES // (1024 * 1024)} MiB, the most this command "
        "reads: keep only the clone requests (a HAR viewer or jq can filter them)"
    )
