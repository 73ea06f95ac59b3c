"""A log of the suite's own HTTP exchanges, so a failing check can show what it sent and got."""

from __future__ import annotations

import threading
from collections import deque
from dataclasses import dataclass
from typing import Final

import httpx

from contract_tests.redaction import Redactor, curl_line

# Enough of a body to read the gist of an error or the start of an agent.
EXCERPT_CHARACTERS: Final = 600
KEPT_PER_TEST: Final = 20


@dataclass(frozen=True)
class Exchange:
    """One request and the answer to it, as bytes on the wire."""

    method: str
    url: str
    request_headers: tuple[tuple[str, str], ...]
    request_body: bytes
    status_code: int
    response_headers: tuple[tuple[str, str], ...]
    response_body: bytes

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

    def render(self, redact: Redactor) -> str:
        """The request as a curl line and an excerpt of the answer, secrets masked."""
        text = self.response_body.decode("utf-8", errors="replace")
        if len(text) > EXCERPT_CHARACTERS:
            text = f"{text[:EXCERPT_CHARACTERS]}... ({len(self.response_body)} bytes)"
        content_type = dict((k.lower(), v) for k, v in self.response_headers).get("content-type")
        curl = curl_line(self.method, self.url, self.request_headers, self.request_body, redact)
        return redact(
            f"  {curl}\n  -> {self.status_code} ({content_type or 'no content type'}) {text}"
        )


class Journal:
    """The exchanges of the running test (the last KEPT_PER_TEST), and a count over the run."""

    def __init__(self) -> None:
        self._current: deque[Exchange] = deque(maxlen=KEPT_PER_TEST)
        self._total = 0
        self._lock = threading.Lock()

    @property
    def total(self) -> int:
        """Requests sent through the journal's transports in the whole run."""
        with self._lock:
            return self._total

    def start_test(self) -> None:
        with self._lock:
            self._current.clear()

    def record(self, exchange: Exchange) -> None:
        with self._lock:
            self._current.append(exchange)
            self._total += 1

    def recent(self, count: int = 3) -> list[Exchange]:
        """The last `count` exchanges of the running test, oldest first."""
        with self._lock:
            return list(self._current)[-count:]
