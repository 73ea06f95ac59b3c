"""Which server the suite judges: the live API named by HAMSA_* variables, or the embedded mock.

This is the only module of the suite that knows the mock exists. Everything else gets a `Target`:
a base URL, a key, the id of an agent the key may clone, and the transport that reaches it.

- Live: `HAMSA_BASE_URL`, `HAMSA_API_KEY` and `HAMSA_VOICE_AGENT_ID`, all three. Writes are capped
  at 10 unless `HAMSA_MAX_WRITES` says otherwise (see `plan/_writes.py`).
- None of them: the embedded mock, with its default key and its first template. `HAMSA_MOCK_APP`
  (`package.module:factory`) swaps in another app factory, e.g. a deliberately broken variant;
  `HAMSA_MOCK_TRANSPORT` is `in-process` (default: no socket) or `http` (a loopback server).
  A fresh mock is a throwaway store, so its writes are not capped unless the user sets a cap.
- Some of them: a `TargetError` naming what is missing, before any request; so is a key that
  starts with a scheme word (`Token `, `Bearer `, `Basic `).
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Final
from urllib.parse import urlsplit

import httpx

from hamsa_client import Region

LIVE_VARIABLES: Final = ("HAMSA_BASE_URL", "HAMSA_API_KEY", "HAMSA_VOICE_AGENT_ID")
ENV_MOCK_APP: Final = "HAMSA_MOCK_APP"
ENV_MOCK_TRANSPORT: Final = "HAMSA_MOCK_TRANSPORT"
DEFAULT_MOCK_APP: Final = "hamsa_contract.mock:create_app"
IN_PROCESS: Final = "in-process"
OVER_HTTP: Final = "http"
LIVE_MAX_WRITES: Final = 10
# The vendor's own hosts (the spec's servers, CONTRACT.md): only a target there is "the live API".
VENDOR_HOSTS: Final = frozenset(urlsplit(region.value).hostname for region in Region)
# A key pasted with its scheme (`Token <key>` copied from a curl line, `Bearer <key>` from another
# API's docs): the suite adds `Token ` itself (the vendor's evidence), so it would send the word
# twice and every rule would fail on a server that is fine.
SCHEME_BEFORE_KEY: Final = re.compile(r"(token|bearer|basic)\s", re.IGNORECASE)


# No idle connection is kept, so each request opens its own.
_ONE_CONNECTION_PER_REQUEST: Final = httpx.Limits(max_keepalive_connections=0)


class TargetError(ValueError):
    """The environment names no usable target."""


@dataclass(frozen=True)
class Target:
    """A server to judge, and how to reach it.

    `asgi_app` is set when requests are handed to the app in this process instead of a socket;
    `default_max_writes` is the write cap when the user sets none (None: uncapped). The two
    transport factories reach the target from sync and from async clients.
    """

    description: str
    base_url: str
    api_key: str = field(repr=False)
    voice_agent_id: str
    default_max_writes: int | None
    asgi_app: Any = field(default=None, repr=False)
    make_transport: Callable[[], httpx.BaseTransport] = field(
        default=httpx.HTTPTransport, repr=False
    )
    make_async_transport: Callable[[], httpx.AsyncBaseTransport] = field(
        default=httpx.AsyncHTTPTransport, repr=False
    )
    # Transports that open a new connection for every request (None: the ones above reuse no
    # connection), for requests that may create an agent (see `send/_door/`).
    make_fresh_transport: Callable[[], httpx.BaseTransport] | None = field(
        default=lambda: httpx.HTTPTransport(limits=_ONE_CONNECTION_PER_REQUEST), repr=False
    )
    make_fresh_async_transport: Callable[[], httpx.AsyncBaseTransport] | None = field(
        default=lambda: httpx.AsyncHTTPTransport(limits=_ONE_CONNECTION_PER_REQUEST), repr=False
    )


@contextmanager
def open_target(environ: Mapping[str, str]) -> Iterator[Target]:
    """The target the environment names, ready to take requests until the block exits."""
    live = live_target(environ)
    if live is not None:
        yield live
    else:
        with _embedded_target(environ) as target:
            yield target


def live_target(environ: Mapping[str, str]) -> Target | None:
    """The live target the environment names (None: the embedded mock), opening nothing;
    TargetError when the live settings are incomplete or unusable."""
    live = {name: environ.get(name, "").strip() for name in LIVE_VARIABLES}
    given = [name for name, value in live.items() if value]
    if given and len(given) < len(LIVE_VARIABLES):
        missing = [name for name in LIVE_VARIABLES if name not in given]
        raise TargetError(
            f"{', '.join(given)} {'is' if len(given) == 1 else 'are'} set but "
            f"{' and '.join(missing)} {'is' if len(missing) == 1 else 'are'} not. "
            "Set all three to test the live API, or none to test the embedded mock."
        )
    return _live_target(live) if given else None


def _live_target(live: Mapping[str, str]) -> Target:
    base_url = live["HAMSA_BASE_URL"].rstrip("/")
    parts = urlsplit(base_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise TargetError(
            f"HAMSA_BASE_URL must be an http(s) URL such as https://api.tryhamsa.com, "
            f"got {base_url!r}"
        )
    vendor = parts.hostname in VENDOR_HOSTS
    scheme = SCHEME_BEFORE_KEY.match(live["HAMSA_API_KEY"])
    if scheme is not None:
        raise TargetError(
            f"HAMSA_API_KEY starts with the scheme word {scheme[1]!r}: set the key alone, the "
            "suite sends it as `Token <key>`"
        )
    return Target(
        description=f"live API at {base_url}" if vendor else f"the server at {base_url}",
        base_url=base_url,
        api_key=live["HAMSA_API_KEY"],
        voice_agent_id=live["HAMSA_VOICE_AGENT_ID"],
        default_max_writes=LIVE_MAX_WRITES,
    )


@contextmanager
def _embedded_target(environ: Mapping[str, str]) -> Iterator[Target]:
    from hamsa_contract import mock

    factory_path = environ.get(ENV_MOCK_APP, "").strip() or DEFAULT_MOCK_APP
    mode = environ.get(ENV_MOCK_TRANSPORT, "").strip() or IN_PROCESS
    if mode not in (IN_PROCESS, OVER_HTTP):
        raise TargetError(
            f"{ENV_MOCK_TRANSPORT} must be {IN_PROCESS!r} or {OVER_HTTP!r}, got {mode!r}"
        )
    app = _load_factory(factory_path)()
    name = "embedded mock" if factory_path == DEFAULT_MOCK_APP else f"embedded {factory_path}"
    voice_agent_id = next(iter(mock.TEMPLATE_IDS.values()))
    if mode == IN_PROCESS:
        transport = mock.InProcessTransport(app)
        yield Target(
            description=f"{name} (in-process)",
            base_url=mock.IN_PROCESS_BASE_URL,
            api_key=mock.DEFAULT_API_KEY,
            voice_agent_id=voice_agent_id,
            default_max_writes=None,
            asgi_app=app,
            make_transport=lambda: transport,
            make_async_transport=lambda: transport,
            make_fresh_transport=None,
            make_fresh_async_transport=None,
        )
        return
    with mock.serve_in_thread(app) as base_url:
        yield Target(
            description=f"{name} (over HTTP at {base_url})",
            base_url=base_url,
            api_key=mock.DEFAULT_API_KEY,
            voice_agent_id=voice_agent_id,
            default_max_writes=None,
        )


def _load_factory(path: str) -> Callable[[], Any]:
    module_name, _, attribute = path.partition(":")
    if not module_name or not attribute:
        raise TargetError(f"{ENV_MOCK_APP} must look like package.module:factory, got {path!r}")
    try:
        factory = getattr(importlib.import_module(module_name), attribute)
    except (ImportError, AttributeError) as exc:
        raise TargetError(f"{ENV_MOCK_APP}={path!r} cannot be loaded: {exc}") from exc
    if not callable(factory):
        raise TargetError(f"{ENV_MOCK_APP}={path!r} is not callable")
    return factory  # type: ignore[no-any-return]
