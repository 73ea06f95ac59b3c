from http import HTTPStatus
from typing import Any

import httpx

from ... import _parsing, errors
from ..._client import secrets_of
from ...client import AnswerContract, AuthenticatedClient, Client, OperationContract, answer_json, send, send_async
from ...models import _ANSWER_SHAPES
from ...models.clone_voice_agent_request import CloneVoiceAgentRequest
from ...models.clone_voice_agent_response import CloneVoiceAgentResponse
from ...models.error_response import ErrorResponse
from ...types import UNSET, Response


def _get_kwargs(
    *,
    body: CloneVoiceAgentRequest,
    voice_agent_id: str,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    if type(voice_agent_id) is not str:
        _parsing.checked(voice_agent_id, "voice_agent_id", (str,), "str")

    if not voice_agent_id:
        raise ValueError("voice_agent_id: must not be empty")
    params["voiceAgentId"] = voice_agent_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/voice-agents/clone",
        "params": params,
    }

    _kwargs["json"] = body.to_dict()

    return _kwargs


# The spec's view of each JSON answer, for client.ContractWatch (see openapi/templates/endpoint_macros.py.jinja).
_CONTRACT = OperationContract(
    operation="clone_voice_agent",
    method="POST",
    path="/v1/voice-agents/clone",
    answers={
        200: AnswerContract(
            shape="CloneVoiceAgentResponse",
            complete_under="data",
            as_sent={"data.agentName": "body.agentName"},
            not_the_source={"data.id": "query.voiceAgentId"},
            fresh={"data.createdAt": 300},
        ),
        400: AnswerContract(
            shape="ErrorResponse",
        ),
        401: AnswerContract(
            shape="ErrorResponse",
        ),
        404: AnswerContract(
            shape="ErrorResponse",
        ),
        415: AnswerContract(
            shape="ErrorResponse",
        ),
        429: AnswerContract(
            shape="ErrorResponse",
        ),
        500: AnswerContract(
            shape="ErrorResponse",
        ),
    },
    shapes=_ANSWER_SHAPES,
)


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response, sent: dict[str, Any]
) -> CloneVoiceAgentResponse | ErrorResponse:
    """The answer as its documented model; `sent` (the request's _get_kwargs) is what the contract watch's rules read."""
    if client.watch is not None:
        client.watch.observe_answer(_CONTRACT, response, secrets_of(client))
    try:
        if response.status_code == 200:
            _document = answer_json(response, client.max_json_depth)
            if client.watch is not None:
                client.watch.observe(_CONTRACT, 200, response, _document, sent, secrets_of(client))
            _response_200 = _document
            response_200: CloneVoiceAgentResponse = (
                CloneVoiceAgentResponse.from_dict(_response_200)
                if type(_response_200) is dict
                else _parsing.checked(_response_200, "response_200", (), "object", CloneVoiceAgentResponse.from_dict)
            )

            return response_200

        if response.status_code == 400:
            _document = answer_json(response, client.max_json_depth)
            if client.watch is not None:
                client.watch.observe(_CONTRACT, 400, response, _document, sent, secrets_of(client))
            _response_400 = _document
            response_400: ErrorResponse = (
                ErrorResponse.from_dict(_response_400)
                if type(_response_400) is dict
                else _parsing.checked(_response_400, "response_400", (), "object", ErrorResponse.from_dict)
            )

            return response_400

        if response.status_code == 401:
            _document = answer_json(response, client.max_json_depth)
            if client.watch is not None:
                client.watch.observe(_CONTRACT, 401, response, _document, sent, secrets_of(client))
            _response_401 = _document
            response_401: ErrorResponse = (
                ErrorResponse.from_dict(_response_401)
                if type(_response_401) is dict
                else _parsing.checked(_response_401, "response_401", (), "object", ErrorResponse.from_dict)
            )

            return response_401

        if response.status_code == 404:
            _document = answer_json(response, client.max_json_depth)
            if client.watch is not None:
                client.watch.observe(_CONTRACT, 404, response, _document, sent, secrets_of(client))
            _response_404 = _document
            response_404: ErrorResponse = (
                ErrorResponse.from_dict(_response_404)
                if type(_response_404) is dict
                else _parsing.checked(_response_404, "response_404", (), "object", ErrorResponse.from_dict)
            )

            return response_404

        if response.status_code == 415:
            _document = answer_json(response, client.max_json_depth)
            if client.watch is not None:
                client.watch.observe(_CONTRACT, 415, response, _document, sent, secrets_of(client))
            _response_415 = _document
            response_415: ErrorResponse = (
                ErrorResponse.from_dict(_response_415)
                if type(_response_415) is dict
                else _parsing.checked(_response_415, "response_415", (), "object", ErrorResponse.from_dict)
            )

            return response_415

        if response.status_code == 429:
            _document = answer_json(response, client.max_json_depth)
            if client.watch is not None:
                client.watch.observe(_CONTRACT, 429, response, _document, sent, secrets_of(client))
            _response_429 = _document
            response_429: ErrorResponse = (
                ErrorResponse.from_dict(_response_429)
                if type(_response_429) is dict
                else _parsing.checked(_response_429, "response_429", (), "object", ErrorResponse.from_dict)
            )

            return response_429

        if response.status_code == 500:
            _document = answer_json(response, client.max_json_depth)
            if client.watch is not None:
                client.watch.observe(_CONTRACT, 500, response, _document, sent, secrets_of(client))
            _response_500 = _document
            response_500: ErrorResponse = (
                ErrorResponse.from_dict(_response_500)
                if type(_response_500) is dict
                else _parsing.checked(_response_500, "response_500", (), "object", ErrorResponse.from_dict)
            )

            return response_500

    except (KeyError, TypeError, ValueError, AttributeError) as error:
        # `from None`: the raw error's text may quote the body; the masked summary says what it said.
        raise errors.invalid_response(response, error, secrets=secrets_of(client)) from None
    raise errors.unexpected_status(response, secrets=secrets_of(client))


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response, sent: dict[str, Any]
) -> Response[CloneVoiceAgentResponse | ErrorResponse]:
    parsed = _parse_response(client=client, response=response, sent=sent)
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=parsed,
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

    Not idempotent: every successful call creates one more agent, and the vendor documents no
    DELETE for voice agents: an agent, once created, stays on the account.

    Args:
        voice_agent_id (str): Id of the voice agent (or template) to copy.
        body (CloneVoiceAgentRequest): Body of a clone request. Evidence: the vendor's page does
            not mark `agentName` required.
            Decision: unknown properties are allowed (servers ignore them). Without `agentName`, or
            with an empty one, a server may refuse (400) or clone under a name of its own choosing
            (CONTRACT.md decision 4).

    Raises:
        errors.UnexpectedStatus: If the server returns a status code the spec does not document.
        errors.InvalidResponse: If a documented status comes with a body that is not the documented model
            (errors.ResponseDecodeError: not JSON at all; errors.JsonTooDeep: nested deeper than Client.max_json_depth).
        errors.ResponseTooLarge: If the body, decoded, is longer than Client.max_answer_bytes.
        errors.DeadlineExceeded: If the whole call takes longer than Client.deadline (an httpx.TimeoutException).
        httpx.TimeoutException: If a connect, read or write takes longer than Client.timeout.
        httpx.TransportError: If the request could not be sent or its answer not received.

    Returns:
        Response[CloneVoiceAgentResponse | ErrorResponse]
    """

    kwargs = _get_kwargs(
        body=body,
        voice_agent_id=voice_agent_id,
    )

    response = send(client, kwargs)

    return _build_response(client=client, response=response, sent=kwargs)


def sync(
    *,
    client: AuthenticatedClient,
    body: CloneVoiceAgentRequest,
    voice_agent_id: str,
) -> CloneVoiceAgentResponse | ErrorResponse:
    """Clone a voice agent

     Clone an existing voice agent, for example one of the voice agent templates created by
    Hamsa's experts, into a new agent named `agentName`.

    The clone gets a new `id`, exactly the requested `agentName`, its own `createdAt` and
    `updatedAt`, and a copy of every other configuration field of the source. The clone is a
    stored agent: it can itself be cloned. The source is not changed.

    Not idempotent: every successful call creates one more agent, and the vendor documents no
    DELETE for voice agents: an agent, once created, stays on the account.

    Args:
        voice_agent_id (str): Id of the voice agent (or template) to copy.
        body (CloneVoiceAgentRequest): Body of a clone request. Evidence: the vendor's page does
            not mark `agentName` required.
            Decision: unknown properties are allowed (servers ignore them). Without `agentName`, or
            with an empty one, a server may refuse (400) or clone under a name of its own choosing
            (CONTRACT.md decision 4).

    Raises:
        errors.UnexpectedStatus: If the server returns a status code the spec does not document.
        errors.InvalidResponse: If a documented status comes with a body that is not the documented model
            (errors.ResponseDecodeError: not JSON at all; errors.JsonTooDeep: nested deeper than Client.max_json_depth).
        errors.ResponseTooLarge: If the body, decoded, is longer than Client.max_answer_bytes.
        errors.DeadlineExceeded: If the whole call takes longer than Client.deadline (an httpx.TimeoutException).
        httpx.TimeoutException: If a connect, read or write takes longer than Client.timeout.
        httpx.TransportError: If the request could not be sent or its answer not received.

    Returns:
        CloneVoiceAgentResponse | ErrorResponse
    """

    kwargs = _get_kwargs(
        body=body,
        voice_agent_id=voice_agent_id,
    )
    response = send(client, kwargs)

    return _parse_response(client=client, response=response, sent=kwargs)


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

    Not idempotent: every successful call creates one more agent, and the vendor documents no
    DELETE for voice agents: an agent, once created, stays on the account.

    Args:
        voice_agent_id (str): Id of the voice agent (or template) to copy.
        body (CloneVoiceAgentRequest): Body of a clone request. Evidence: the vendor's page does
            not mark `agentName` required.
            Decision: unknown properties are allowed (servers ignore them). Without `agentName`, or
            with an empty one, a server may refuse (400) or clone under a name of its own choosing
            (CONTRACT.md decision 4).

    Raises:
        errors.UnexpectedStatus: If the server returns a status code the spec does not document.
        errors.InvalidResponse: If a documented status comes with a body that is not the documented model
            (errors.ResponseDecodeError: not JSON at all; errors.JsonTooDeep: nested deeper than Client.max_json_depth).
        errors.ResponseTooLarge: If the body, decoded, is longer than Client.max_answer_bytes.
        errors.DeadlineExceeded: If the whole call takes longer than Client.deadline (an httpx.TimeoutException).
        httpx.TimeoutException: If a connect, read or write takes longer than Client.timeout.
        httpx.TransportError: If the request could not be sent or its answer not received.

    Returns:
        Response[CloneVoiceAgentResponse | ErrorResponse]
    """

    kwargs = _get_kwargs(
        body=body,
        voice_agent_id=voice_agent_id,
    )

    response = await send_async(client, kwargs)

    return _build_response(client=client, response=response, sent=kwargs)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: CloneVoiceAgentRequest,
    voice_agent_id: str,
) -> CloneVoiceAgentResponse | ErrorResponse:
    """Clone a voice agent

     Clone an existing voice agent, for example one of the voice agent templates created by
    Hamsa's experts, into a new agent named `agentName`.

    The clone gets a new `id`, exactly the requested `agentName`, its own `createdAt` and
    `updatedAt`, and a copy of every other configuration field of the source. The clone is a
    stored agent: it can itself be cloned. The source is not changed.

    Not idempotent: every successful call creates one more agent, and the vendor documents no
    DELETE for voice agents: an agent, once created, stays on the account.

    Args:
        voice_agent_id (str): Id of the voice agent (or template) to copy.
        body (CloneVoiceAgentRequest): Body of a clone request. Evidence: the vendor's page does
            not mark `agentName` required.
            Decision: unknown properties are allowed (servers ignore them). Without `agentName`, or
            with an empty one, a server may refuse (400) or clone under a name of its own choosing
            (CONTRACT.md decision 4).

    Raises:
        errors.UnexpectedStatus: If the server returns a status code the spec does not document.
        errors.InvalidResponse: If a documented status comes with a body that is not the documented model
            (errors.ResponseDecodeError: not JSON at all; errors.JsonTooDeep: nested deeper than Client.max_json_depth).
        errors.ResponseTooLarge: If the body, decoded, is longer than Client.max_answer_bytes.
        errors.DeadlineExceeded: If the whole call takes longer than Client.deadline (an httpx.TimeoutException).
        httpx.TimeoutException: If a connect, read or write takes longer than Client.timeout.
        httpx.TransportError: If the request could not be sent or its answer not received.

    Returns:
        CloneVoiceAgentResponse | ErrorResponse
    """

    kwargs = _get_kwargs(
        body=body,
        voice_agent_id=voice_agent_id,
    )
    response = await send_async(client, kwargs)

    return _parse_response(client=client, response=response, sent=kwargs)
