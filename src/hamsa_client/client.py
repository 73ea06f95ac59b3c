"""The clients and what the generated calls use from them (one public module, as the generator names
it).

Defined in the private modules _client (Client, AuthenticatedClient), _bounds (deadline, answer size
and JSON depth), _retries (RetryPolicy) and _watch (ContractWatch); the shapes the watch compares
are generated into models (ANSWER_SHAPES here).
"""

from ._bounds import (
    DEFAULT_DEADLINE,
    DEFAULT_MAX_ANSWER_BYTES,
    DEFAULT_MAX_JSON_DEPTH,
    DEFAULT_TIMEOUT,
    answer_json,
    aread_bounded,
    json_too_deep,
    read_bounded,
    request_deadline,
)
from ._client import AuthenticatedClient, Client, send, send_async
from ._regions import Region
from ._retries import RetryPolicy, RetryTransport
from ._watch import (
    FINDINGS_FORMAT,
    WATCH_LOGGER,
    AnswerContract,
    AnswerShape,
    ContractWatch,
    Finding,
    OperationContract,
)
from .models import _ANSWER_SHAPES as ANSWER_SHAPES

__all__ = [
    "ANSWER_SHAPES",
    "DEFAULT_DEADLINE",
    "DEFAULT_MAX_ANSWER_BYTES",
    "DEFAULT_MAX_JSON_DEPTH",
    "DEFAULT_TIMEOUT",
    "FINDINGS_FORMAT",
    "WATCH_LOGGER",
    "AnswerContract",
    "AnswerShape",
    "AuthenticatedClient",
    "Client",
    "ContractWatch",
    "Finding",
    "OperationContract",
    "Region",
    "RetryPolicy",
    "RetryTransport",
    "answer_json",
    "aread_bounded",
    "json_too_deep",
    "read_bounded",
    "request_deadline",
    "send",
    "send_async",
]
