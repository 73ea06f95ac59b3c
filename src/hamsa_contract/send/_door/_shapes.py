"""What a clone request is, as far as creating an agent goes (`Shape`), read from the request
alone: its credentials, the agent it names and its body (CONTRACT.md decisions 4, 8, 9 and 14)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Final

import httpx

from hamsa_contract import _agent_name_rules as name_rules
from hamsa_contract import _http_terms as http_terms
from hamsa_contract import _spec as spec
from hamsa_contract.plan._budget import WriteBudget

TOKEN_SCHEME: Final = "Token"


@dataclass(frozen=True)
class Shape:
    """What a clone request is, as far as creating an agent goes.

    `valid_credentials`: the first Authorization header carries the run's key (`Token`, in any
    case: RFC 9110 §11.1). With more headers after it, a conformant server may refuse the request
    or judge it by that first header (CONTRACT.md decision 9), so such a request may create an
    agent and is charged like one; a request whose first header is not the key never may.
    """

    valid_credentials: bool
    agent: str  # "known", "unknown" or "missing"
    valid_body: bool

    @property
    def may_create(self) -> bool:
        return self.valid_credentials and self.agent == "known" and self.valid_body

    @property
    def must_not_create(self) -> str | None:
        """Why a conformant server creates nothing for this request (None: it may)."""
        if not self.valid_credentials:
            return "a request without valid credentials"
        if self.agent == "unknown":
            return "an unknown voiceAgentId"
        if not self.may_create:
            return "an invalid request"
        return None


@dataclass(frozen=True)
class Classifier:
    """Tells a request's shape for a run: its key, its agent, and the agents it created."""

    api_key: str
    voice_agent_id: str
    budget: WriteBudget

    def __call__(self, request: httpx.Request) -> Shape | None:
        """The request's shape, or None when it is not a clone request."""
        if not spec.is_clone_call(request.method, request.url.path):
            return None
        authorizations = request.headers.get_list(spec.token_auth_header())
        ids = request.url.params.get_list("voiceAgentId")
        if len(ids) != 1 or not ids[0]:
            agent = "missing"
        elif ids[0] == self.voice_agent_id or ids[0] in self.budget.created_ids:
            agent = "known"
        else:
            agent = "unknown"
        return Shape(
            valid_credentials=bool(authorizations)
            and http_terms.credentials(authorizations[0], TOKEN_SCHEME) == self.api_key,
            agent=agent,
            valid_body=_has_valid_body(request),
        )


def resendable(shape: Shape | None) -> bool:
    """Whether a request that got no answer may go again: it creates nothing by plan (not a
    clone request, or one a conformant server refuses)."""
    return shape is None or shape.must_not_create is not None


_UTF8_BOM: Final = b"\xef\xbb\xbf"


def clone_request_document(content_type: str | None, body: bytes) -> object | None:
    """The JSON value of a body a conformant server reads as a clone request, or None when it is
    not one (CONTRACT.md decision 14): sent as another media type than `application/json` (any
    case, any parameters: RFC 9110 §8.3), bytes that are not UTF-8, or not one JSON value alone
    (trailing data: RFC 8259 §2). What a parser may take besides JSON (RFC 8259 §9: NaN, which
    Python's parser reads), a leading byte order mark (RFC 8259 §8.1) and a body without a
    Content-Type (RFC 9110 §8.3) may create an agent."""
    # Without a Content-Type a server may examine the data (RFC 9110 §8.3): JSON may be read.
    if content_type is not None and not http_terms.is_json(content_type):
        return None
    try:
        document: object = json.loads(body.removeprefix(_UTF8_BOM).decode("utf-8"))
        return document
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None


def _has_valid_body(request: httpx.Request) -> bool:
    """Whether the request may create an agent: a body a conformant server reads as a clone
    request (decision 14) that is a JSON object with a string, missing or null `agentName`
    (decision 4: without a name the server may clone under its own)."""
    document = clone_request_document(request.headers.get("content-type"), request.read())
    return name_rules.may_create(document)
