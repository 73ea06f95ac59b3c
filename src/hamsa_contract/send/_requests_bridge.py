"""schemathesis sends with `requests`; this adapter hands its requests to the suite's door.

So generated cases share the door's write cap, journal, 429 handling and no-answer rules with
every other request of the run, and reach in-process targets too. Answers that come this way are
marked as judged by schemathesis (the case runner validates them with its checks).
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import Any

import httpx
import requests
from requests.adapters import HTTPAdapter
from urllib3 import HTTPResponse
from urllib3._collections import HTTPHeaderDict

from hamsa_contract.send._door import JUDGED_BY_SCHEMATHESIS


class DoorAdapter(HTTPAdapter):
    """A requests transport adapter that sends through an httpx transport (the door)."""

    def __init__(self, door: httpx.BaseTransport, timeout: float) -> None:
        super().__init__()
        self._door = door
        self._timeout = timeout

    def send(
        self,
        request: requests.PreparedRequest,
        stream: bool = False,
        timeout: Any = None,
        verify: Any = True,
        cert: Any = None,
        proxies: Mapping[str, str] | None = None,
    ) -> requests.Response:
        content = _body_bytes(request.body)
        seconds = timeout if isinstance(timeout, int | float) else self._timeout
        outgoing = httpx.Request(
            request.method or "GET",
            request.url or "",
            headers=[
                (name, _as_bytes(value).decode("latin-1"))
                for name, value in request.headers.items()
            ],
            content=content,
            extensions={
                "timeout": httpx.Timeout(seconds).as_dict(),
                JUDGED_BY_SCHEMATHESIS: True,
            },
        )
        answer = self._door.handle_request(outgoing)
        # httpx has decoded the body already: describe it as it is now.
        headers = HTTPHeaderDict(
            [
                (name, value)
                for name, value in answer.headers.multi_items()
                if name.lower() not in ("content-encoding", "content-length", "transfer-encoding")
            ]
        )
        headers["Content-Length"] = str(len(answer.content))
        raw = HTTPResponse(
            body=io.BytesIO(answer.content),
            headers=headers,
            status=answer.status_code,
            reason=answer.reason_phrase,
            preload_content=False,
            decode_content=False,
            version=11,
        )
        return self.build_response(request, raw)


def _body_bytes(body: object) -> bytes:
    if body is None:
        return b""
    if isinstance(body, str | bytes):
        return _as_bytes(body)
    raise TypeError(f"cannot send a streamed body ({type(body).__name__}) through the door")


def _as_bytes(value: str | bytes) -> bytes:
    return value.encode("utf-8") if isinstance(value, str) else value


def door_session(door: httpx.BaseTransport, timeout: float) -> requests.Session:
    """A requests session whose every request goes through `door`."""
    session = requests.Session()
    adapter = DoorAdapter(door, timeout)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session
