"""Hand-made clone requests: the valid one, and each way of getting one wrong on purpose."""

from __future__ import annotations

from typing import Any

import httpx

from hamsa_contract import _spec as spec
from hamsa_contract.send._names import agent_name


class CloneApi:
    """Sends clone requests to the target with the run's key, unless told otherwise."""

    def __init__(self, http: httpx.Client, *, api_key: str, voice_agent_id: str) -> None:
        self._http = http
        self._api_key = api_key
        self.voice_agent_id = voice_agent_id

    def auth(self, *, scheme: str | None = "Token", key: str | None = None) -> dict[str, str]:
        """An Authorization header: `Token <run's key>` unless scheme or key say otherwise."""
        credential = self._api_key if key is None else key
        return {
            spec.token_auth_header(): credential if scheme is None else f"{scheme} {credential}"
        }

    def clone(self, name: str, voice_agent_id: str | None = None) -> httpx.Response:
        """A valid clone request for `voice_agent_id` (the run's agent by default)."""
        return self.post(
            params={
                "voiceAgentId": self.voice_agent_id if voice_agent_id is None else voice_agent_id
            },
            json={"agentName": agent_name(name)},
        )

    def post_raw_headers(
        self, *, params: dict[str, str], headers: list[tuple[str, str]], **body: Any
    ) -> httpx.Response:
        """A POST to the clone path with exactly these header lines (repeats kept)."""
        return self._http.post(spec.CLONE_PATH, params=params, headers=headers, **body)

    def request(
        self,
        method: str,
        *,
        params: dict[str, str],
        headers: dict[str, str] | None = None,
        json: Any = None,
    ) -> httpx.Response:
        """A request with any method to the clone path, with the run's auth and these headers."""
        return self._http.request(
            method,
            spec.CLONE_PATH,
            params=params,
            headers={**self.auth(), **(headers or {})},
            json=json,
        )

    def post(
        self,
        *,
        params: dict[str, str] | None,
        headers: dict[str, str] | None = None,
        **body: Any,
    ) -> httpx.Response:
        """A POST to the clone path: `headers` default to the run's auth, `body` is httpx's
        `json=` or `content=`."""
        return self._http.post(
            spec.CLONE_PATH,
            params=params,
            headers=self.auth() if headers is None else headers,
            **body,
        )
