"""Recording what an httpx client sends and receives as a HAR 1.2 file, as a browser's or a
proxy's recorder would: every header as sent (the Authorization header and its key included),
bodies as text."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx


class HarRecorder:
    """httpx event hooks that collect every exchange; `write` puts them in a HAR file."""

    def __init__(self) -> None:
        self.entries: list[dict[str, Any]] = []

    def hooks(self) -> dict[str, list[Any]]:
        return {"response": [self._on_response]}

    def async_hooks(self) -> dict[str, list[Any]]:
        return {"response": [self._on_async_response]}

    async def _on_async_response(self, response: httpx.Response) -> None:
        await response.aread()
        self._record(response)

    def _on_response(self, response: httpx.Response) -> None:
        response.read()
        self._record(response)

    def _record(self, response: httpx.Response) -> None:
        request = response.request
        self.entries.append(
            {
                "startedDateTime": datetime.now(UTC).isoformat(),
                "time": 0,
                "request": {
                    "method": request.method,
                    "url": str(request.url),
                    "httpVersion": "HTTP/1.1",
                    "headers": _headers(request.headers),
                    "queryString": [
                        {"name": name, "value": value}
                        for name, value in request.url.params.multi_items()
                    ],
                    "postData": {
                        "mimeType": request.headers.get("content-type", ""),
                        "text": request.content.decode("utf-8"),
                    },
                    "headersSize": -1,
                    "bodySize": len(request.content),
                },
                "response": {
                    "status": response.status_code,
                    "statusText": response.reason_phrase,
                    "httpVersion": "HTTP/1.1",
                    "headers": _headers(response.headers),
                    "content": {
                        "size": len(response.content),
                        "mimeType": response.headers.get("content-type", ""),
                        "text": response.text,
                    },
                    "redirectURL": "",
                    "headersSize": -1,
                    "bodySize": len(response.content),
                },
                "cache": {},
                "timings": {"send": 0, "wait": 0, "receive": 0},
            }
        )

    def write(self, path: Path) -> None:
        creator = {"name": "tests.traffic.har", "version": "1"}
        document = {"log": {"version": "1.2", "creator": creator, "entries": self.entries}}
        path.write_text(json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8")


def _headers(headers: httpx.Headers) -> list[dict[str, str]]:
    return [{"name": name, "value": value} for name, value in headers.multi_items()]
