from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.clone_voice_agent_request import CloneVoiceAgentRequest
from ...models.clone_voice_agent_response import CloneVoiceAgentResponse
from ...models.error_response import ErrorResponse
from ...types import UNSET, Response


def _get_kwargs(
    *,
    body: CloneVoiceAgentRequest,
    voice_agent_id: str,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    params: dict[str, Any] = {}

    params["voiceAgentId"] = voice_agent_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/voice-agents/clone",
        "params": params,
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CloneVoiceAgentResponse | ErrorResponse | None:
    if response.status_code == 200:
        response_200 = CloneVoiceAgentResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorResponse.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorResponse.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = ErrorResponse.from_dict(response.json())

        return response_404

    if response.status_code == 429:
        response_429 = ErrorResponse.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = ErrorResponse.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[CloneVoiceAgentResponse | ErrorResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: CloneVoiceAgentRequest,
    voice_agent_id: str,
) -> Response[CloneVoiceAgentResponse | ErrorResponse]:
    """Clone a voice agent

     Clone an existing voice agent, for example one of the voice agent templates created by
    Hamsa's experts, into a new agent named `agentName`.

    The clone gets a new `id`, exactly the requested `agentName`, its own `createdAt` and
    `updatedAt`, and a copy of every other configuration field of the source. The clone is a
    stored agent: it can itself be cloned. The source is not changed.

    Not idempotent: every successful call creates one more agent.

    Args:
        voice_agent_id (str): Id of the voice agent (or template) to copy.
        body (CloneVoiceAgentRequest): Body of a clone request.
            Decision: unknown properties are allowed (servers ignore them).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CloneVoiceAgentResponse | ErrorResponse]
    """

    kwargs = _get_kwargs(
        body=body,
        voice_agent_id=voice_agent_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: CloneVoiceAgentRequest,
    voice_agent_id: str,
) -> CloneVoiceAgentResponse | ErrorResponse | None:
    """Clone a voice agent

     Clone an existing voice agent, for example one of the voice agent templates created by
    Hamsa's experts, into a new agent named `agentName`.

    The clone gets a new `id`, exactly the requested `agentName`, its own `createdAt` and
    `updatedAt`, and a copy of every other configuration field of the source. The clone is a
    stored agent: it can itself be cloned. The source is not changed.

    Not idempotent: every successful call creates one more agent.

    Args:
        voice_agent_id (str): Id of the voice agent (or template) to copy.
        body (CloneVoiceAgentRequest): Body of a clone request.
            Decision: unknown properties are allowed (servers ignore them).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CloneVoiceAgentResponse | ErrorResponse
    """

    return sync_detailed(
        client=client,
        body=body,
        voice_agent_id=voice_agent_id,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: CloneVoiceAgentRequest,
    voice_agent_id: str,
) -> Response[CloneVoiceAgentResponse | ErrorResponse]:
    """Clone a voice agent

     Clone an existing voice agent, for example one of the voice agent templates created by
    Hamsa's experts, into a new agent named `agentName`.

    The clone gets a new `id`, exactly the requested `agentName`, its own `createdAt` and
    `updatedAt`, and a copy of every other configuration field of the source. The clone is a
    stored agent: it can itself be cloned. The source is not changed.

    Not idempotent: every successful call creates one more agent.

    Args:
        voice_agent_id (str): Id of the voice agent (or template) to copy.
        body (CloneVoiceAgentRequest): Body of a clone request.
            Decision: unknown properties are allowed (servers ignore them).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CloneVoiceAgentResponse | ErrorResponse]
    """

    kwargs = _get_kwargs(
        body=body,
        voice_agent_id=voice_agent_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: CloneVoiceAgentRequest,
    voice_agent_id: str,
) -> CloneVoiceAgentResponse | ErrorResponse | None:
    """Clone a voice agent

     Clone an existing voice agent, for example one of the voice agent templates created by
    Hamsa's experts, into a new agent named `agentName`.

    The clone gets a new `id`, exactly the requested `agentName`, its own `createdAt` and
    `updatedAt`, and a copy of every other configuration field of the source. The clone is a
    stored agent: it can itself be cloned. The source is not changed.

    Not idempotent: every successful call creates one more agent.

    Args:
        voice_agent_id (str): Id of the voice agent (or template) to copy.
        body (CloneVoiceAgentRequest): Body of a clone request.
            Decision: unknown properties are allowed (servers ignore them).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CloneVoiceAgentResponse | ErrorResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            voice_agent_id=voice_agent_id,
        )
    ).parsed
