"""The planned clones (see `plan/_writes.py`), made once per run and shared by every rule they
serve.

- `first`: one clone of the run's agent through hamsa_client (sync), named `probes.KEPT_NAME`.
- `overlapping`: three clones of the run's agent in flight at once through hamsa_client (async),
  two with the first clone's name, the last named `probes.FALSY_NAME` ("0").
- `clones_of_clones`: one clone of each overlapping clone (raw requests), with names that start
  with a space or differ only in their Unicode form; the first body also has members named
  `agentName` but for case (`probes.CASE_VARIANT_MEMBERS`).
- `left_to_the_server`: two requests whose answer the contract leaves to the server (a clone or
  400): one without `agentName` (CONTRACT.md decision 4), one named `probes.LONG_NAME`, over 150
  characters (decision 12). Each may create an agent, so they are planned writes like the rest.

A clone that did not come back as 200 is kept as it came: each rule asserts what it needs, so one
bad answer fails the rules it breaks, with that answer shown.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

import httpx

from hamsa_client import AuthenticatedClient
from hamsa_client.api.voice_agents import clone_voice_agent
from hamsa_client.errors import HamsaError
from hamsa_client.models import CloneVoiceAgentRequest, CloneVoiceAgentResponse, ErrorResponse
from hamsa_client.types import Response
from hamsa_contract import _spec as spec
from hamsa_contract.judge._answers import agent_of
from hamsa_contract.plan._budget import NotRun, created_agent_id
from hamsa_contract.plan._writes import CLONES_OF_CLONES, FIRST, LEFT_TO_THE_SERVER, OVERLAPPING
from hamsa_contract.run._probes import (
    CASE_VARIANT_MEMBERS,
    COMPOSED_NAME,
    DECOMPOSED_NAME,
    FALSY_NAME,
    KEPT_NAME,
    LEADING_SPACE_NAME,
    LONG_NAME,
)
from hamsa_contract.run._suite import Suite, active
from hamsa_contract.send._journal import KEPT_PER_TEST, Exchange

Parsed = CloneVoiceAgentResponse | ErrorResponse


@dataclass(frozen=True)
class Clone:
    """A clone request and its answer, and when (by our clock) it was sent and answered.

    `requested_name` is None for a request sent without `agentName`."""

    requested_name: str | None
    source: str
    status_code: int
    headers: httpx.Headers
    content: bytes
    sent: datetime
    answered: datetime
    parsed: Parsed | None = None
    client_error: HamsaError | None = field(default=None, repr=False)
    request: Exchange | None = field(default=None, repr=False)

    @property
    def data(self) -> dict[str, Any]:
        """The agent of a successful clone answer; AssertionError saying what is wrong if not."""
        return agent_of(self.status_code, self.content)

    def instant(self, name: str) -> datetime:
        """A date-time field of the agent; AssertionError if it is absent or unreadable."""
        value = self.data.get(name)
        try:
            return datetime.fromisoformat(value)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            raise AssertionError(f"{name} is {value!r}, not a date-time") from None


def make_first(suite: Suite) -> Clone:
    with suite.budget.planned(FIRST), suite.generated_client() as client:
        clone = _sync_clone(client, KEPT_NAME, suite.target.voice_agent_id)
    # The request as hamsa_client sent it, for the client family's request check.
    return replace(clone, request=suite.journal.recent(1)[0])


def make_overlapping(suite: Suite) -> list[Clone]:
    with suite.budget.planned(OVERLAPPING):
        clones = asyncio.run(_overlapping(suite, OVERLAPPING.writes))
    # Sent side by side: each clone's request is the journal's exchange that brought its answer.
    sent = suite.journal.recent(KEPT_PER_TEST)
    return [
        replace(
            clone,
            request=next(
                (
                    exchange
                    for exchange in reversed(sent)
                    if exchange.status_code == clone.status_code
                    and exchange.response_body == clone.content
                ),
                None,
            ),
        )
        for clone in clones
    ]


@contextmanager
def judging(clone: Clone) -> Iterator[None]:
    """A failed assertion inside is about `clone`: its request is the one the failure shows
    first, whole."""
    try:
        yield
    except AssertionError:
        if clone.request is not None:
            active().journal.blame(clone.request)
        raise


def make_clones_of_clones(suite: Suite, parents: list[Clone]) -> list[Clone]:
    names = (LEADING_SPACE_NAME, COMPOSED_NAME, DECOMPOSED_NAME)
    with suite.budget.planned(CLONES_OF_CLONES), suite.http_client() as http:
        clones: list[Clone] = []
        for parent, name in zip(parents, names, strict=True):
            parent_id = created_agent_id(parent.status_code, parent.content)
            if parent_id is None:
                raise NotRun(
                    "not run: an overlapping clone came back without an id to clone "
                    "(its failure is reported by the rules it broke)"
                )
            # The first also carries members named agentName but for case (decision 14).
            extra = None if clones else CASE_VARIANT_MEMBERS
            clones.append(_raw_clone(suite, http, parent_id, name, extra))
        return clones


def make_left_to_the_server(suite: Suite) -> list[Clone]:
    """The run's agent cloned without a name, then with `LONG_NAME`: each answered 400 or with a
    clone (see the module docstring)."""
    source = suite.target.voice_agent_id
    with suite.budget.planned(LEFT_TO_THE_SERVER), suite.http_client() as http:
        return [_raw_clone(suite, http, source, None), _raw_clone(suite, http, source, LONG_NAME)]


def _raw_clone(
    suite: Suite,
    http: httpx.Client,
    source: str,
    name: str | None,
    extra: dict[str, str] | None = None,
) -> Clone:
    """One clone request sent as is: `{"agentName": name}` followed by the `extra` members, or
    `{}` for no name."""
    sent = datetime.now(UTC)
    response = http.post(
        spec.CLONE_PATH,
        params={"voiceAgentId": source},
        headers={spec.token_auth_header(): f"Token {suite.target.api_key}"},
        json={} if name is None else {"agentName": name, **(extra or {})},
    )
    return Clone(
        name,
        source,
        response.status_code,
        response.headers,
        response.content,
        sent,
        datetime.now(UTC),
        request=Exchange.of(response),
    )


def _sync_clone(client: AuthenticatedClient, name: str, source: str) -> Clone:
    sent = datetime.now(UTC)
    try:
        response = clone_voice_agent.sync_detailed(
            client=client, body=CloneVoiceAgentRequest(agent_name=name), voice_agent_id=source
        )
    except HamsaError as error:
        return _unparsed(error, name, source, sent)
    return _parsed(response, name, source, sent)


async def _overlapping(suite: Suite, count: int) -> list[Clone]:
    source = suite.target.voice_agent_id
    async with suite.generated_client() as client:

        async def one(name: str) -> Clone:
            sent = datetime.now(UTC)
            try:
                response = await clone_voice_agent.asyncio_detailed(
                    client=client,
                    body=CloneVoiceAgentRequest(agent_name=name),
                    voice_agent_id=source,
                )
            except HamsaError as error:
                return _unparsed(error, name, source, sent)
            return _parsed(response, name, source, sent)

        # All but the last share the first clone's name (names are not keys); the last is "0".
        names = [*([KEPT_NAME] * (count - 1)), FALSY_NAME]
        # A request that could not run (NotRun) or failed otherwise is raised, once all are back.
        results = await asyncio.gather(*(one(name) for name in names), return_exceptions=True)
    errors = [result for result in results if isinstance(result, BaseException)]
    if errors:
        raise errors[0]
    return [result for result in results if isinstance(result, Clone)]


def _parsed(response: Response[Parsed], name: str, source: str, sent: datetime) -> Clone:
    """A clone whose answer hamsa_client parsed into a documented model."""
    return Clone(
        name,
        source,
        response.status_code,
        httpx.Headers(response.headers),
        response.content,
        sent,
        datetime.now(UTC),
        parsed=response.parsed,
    )


def _unparsed(error: HamsaError, name: str, source: str, sent: datetime) -> Clone:
    """A clone whose answer hamsa_client refused: kept with the answer the error carries."""
    return Clone(
        name,
        source,
        error.status_code,
        error.headers,
        error.content,
        sent,
        datetime.now(UTC),
        client_error=error,
    )
