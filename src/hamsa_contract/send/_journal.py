"""A log of the suite's own HTTP exchanges, so a failing check can show what it sent and got."""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Final

import httpx

from hamsa_contract._redaction import Redactor, curl_line, elided

# Enough of a body to read the gist of an error or the start of an agent.
EXCERPT_CHARACTERS: Final = 600
# The request a failure is about is shown whole, up to this many characters of each body.
WHOLE_CHARACTERS: Final = 2400
KEPT_PER_TEST: Final = 20


@dataclass(frozen=True)
class Exchange:
    """One request and the answer to it, as bytes on the wire."""

    method: str
    url: str
    request_headers: tuple[tuple[str, str], ...]
    request_body: bytes
    status_code: int | None  # None: no answer came (see `unanswered`)
    response_headers: tuple[tuple[str, str], ...]
    response_body: bytes
    unanswered: str = ""

    @classmethod
    def of(cls, response: httpx.Response) -> Exchange:
        request = response.request
        return cls(
            method=request.method,
            url=str(request.url),
            request_headers=tuple(request.headers.multi_items()),
            request_body=request.read(),
            status_code=response.status_code,
            response_headers=tuple(response.headers.multi_items()),
            response_body=response.content,
        )

    @classmethod
    def without_answer(cls, request: httpx.Request, reason: str) -> Exchange:
        return cls(
            method=request.method,
            url=str(request.url),
            request_headers=tuple(request.headers.multi_items()),
            request_body=request.read(),
            status_code=None,
            response_headers=(),
            response_body=b"",
            unanswered=reason,
        )

    def render(self, redact: Redactor, *, whole: bool = False) -> str:
        """The request as a curl line and an excerpt of the answer, secrets masked. `whole`: both
        bodies up to WHOLE_CHARACTERS, a longer one elided in the middle with its length."""
        limit = WHOLE_CHARACTERS if whole else EXCERPT_CHARACTERS
        curl = curl_line(
            self.method,
            self.url,
            self.request_headers,
            self.request_body,
            redact,
            max_body=limit,
        )
        if self.status_code is None:
            return redact(f"  {curl}\n  -> no answer: {self.unanswered}")
        if whole:
            text = elided(redact(self.response_body.decode("utf-8", errors="replace")), limit)
        else:
            text = excerpt(self.response_body, redact=redact)
        content_type = dict((k.lower(), v) for k, v in self.response_headers).get("content-type")
        return redact(
            f"  {curl}\n  -> {self.status_code} ({content_type or 'no content type'}) {text}"
        )


# The run's masking, for every excerpt not given one (assertion messages): set when a run opens.
_run_redact: Callable[[str], str] | None = None


def mask_excerpts_with(redact: Callable[[str], str] | None) -> None:
    """Mask every excerpt made from now on with `redact` unless it is given its own (None: stop)."""
    global _run_redact
    _run_redact = redact


def excerpt(
    body: bytes, limit: int = EXCERPT_CHARACTERS, redact: Callable[[str], str] | None = None
) -> str:
    """The start of a body as text, with its size when cut; masked by `redact` (or the run's
    masking) before the cut, so that no part of a secret the cut runs through is left."""
    text = body.decode("utf-8", errors="replace")
    masking = redact or _run_redact
    if masking is not None:
        text = masking(text)
    if len(text) > limit:
        return f"{text[:limit]}... ({len(body)} bytes)"
    return text


class Journal:
    """The exchanges of the running test and of the fixtures that fed it, and a run-wide count.

    A fixture shared by several tests (a clone made once per module) sends its requests while the
    first of them is set up; they are kept under the fixture too, so every test that uses it can
    show them.
    """

    def __init__(self) -> None:
        self._current: deque[Exchange] = deque(maxlen=KEPT_PER_TEST)
        self._by_fixture: dict[tuple[str, str], deque[Exchange]] = {}
        self._fixtures: list[tuple[str, str]] = []
        self._total = 0
        self._blamed: Exchange | None = None
        self._lock = threading.Lock()

    @property
    def total(self) -> int:
        """Requests sent through the journal's transports in the whole run."""
        with self._lock:
            return self._total

    def start_test(self) -> None:
        with self._lock:
            self._current.clear()
            self._blamed = None

    def blame(self, exchange: Exchange) -> None:
        """`exchange` broke a rule in the running test: the first one blamed is shown first,
        whole, when the test fails (later requests of the test are no explanation of it)."""
        with self._lock:
            if self._blamed is None:
                self._blamed = exchange

    def take_blamed(self) -> Exchange | None:
        """The first exchange blamed since the test started (or the last call), forgotten here."""
        with self._lock:
            blamed, self._blamed = self._blamed, None
        return blamed

    @contextmanager
    def fixture(self, scope_id: str, name: str) -> Iterator[None]:
        """Keep the exchanges sent while this fixture is set up under (`scope_id`, `name`)."""
        key = (scope_id, name)
        with self._lock:
            self._by_fixture[key] = deque(maxlen=KEPT_PER_TEST)
            self._fixtures.append(key)
        try:
            yield
        finally:
            with self._lock:
                self._fixtures.remove(key)

    def record_unanswered(self, request: httpx.Request, reason: str) -> None:
        """A request that got no answer (`reason`: e.g. "timed out after 3 s")."""
        self.record(Exchange.without_answer(request, reason))

    def attribute(self, exchange: Exchange) -> None:
        """An exchange sent before the fixture now being set up asked for it (the settings check
        makes the first clone): kept under that fixture, not counted again."""
        with self._lock:
            if self._fixtures:
                self._by_fixture[self._fixtures[-1]].append(exchange)

    def record(self, exchange: Exchange) -> None:
        with self._lock:
            self._current.append(exchange)
            if self._fixtures:
                self._by_fixture[self._fixtures[-1]].append(exchange)
            self._total += 1

    def recent(self, count: int = 3) -> list[Exchange]:
        """The last `count` exchanges of the running test, oldest first."""
        with self._lock:
            return list(self._current)[-count:]

    def behind(self, node_id: str, fixture_names: Iterable[str], count: int = 3) -> list[Exchange]:
        """The exchanges a test saw: its fixtures' (those visible from `node_id`), then its own."""
        names = set(fixture_names)
        with self._lock:
            found = [
                exchange
                for (scope_id, name), exchanges in self._by_fixture.items()
                if name in names and node_id.startswith(scope_id)
                for exchange in exchanges
            ]
            found += [exchange for exchange in self._current if exchange not in found]
        return found[-count:]
