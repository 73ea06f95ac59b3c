"""A server that adds undocumented fields of every shape: the mock, its answers extended.

Not broken: a tolerant client keeps working, and the suite passes it with drift warnings. Point
the suite at it with `HAMSA_MOCK_APP=tests.support.drift_servers:adds_new_shapes`.
"""

from __future__ import annotations

from typing import Any, Final

from tests.support.wrapping import Answer, Asked, rewrite_answers

# Where each added field appears in answers (status, JSON path), as drift.json names them.
ADDED: Final = (
    (200, "requestId"),
    (200, "data.voiceStyle"),
    (200, "data.escalation"),
    (200, "data.transfers"),
    (200, "data.tools.transferCall"),
    (200, "data.llmConfig.region"),
    (404, "traceId"),
)


def with_new_shapes(status: int, document: dict[str, Any]) -> dict[str, Any]:
    """`document` (an answer with that status) with the fields this server adds, in place."""
    if status == 200:
        document["requestId"] = "req-7f3a"
        data = document["data"]
        data["voiceStyle"] = "calm"
        data["escalation"] = {"afterSeconds": 30, "target": "human"}
        data["transfers"] = [
            {"number": "+97140000000", "label": "Sales"},
            {"number": "+97140000001", "label": None},
        ]
        data["tools"]["transferCall"] = True
        data["llmConfig"]["region"] = "eu"
    else:
        document["traceId"] = "trace-1"
    return document


def _adds_new_shapes(asked: Asked, answer: Answer) -> Answer:
    try:
        document = answer.json()
    except ValueError:
        return answer
    if not isinstance(document, dict):
        return answer
    return answer.with_json(with_new_shapes(answer.status, document))


#: Adds a scalar, a nested object, an array of objects and fields inside `tools` and `llmConfig`
#: to every clone, a field to the success envelope, and one to every error envelope.
adds_new_shapes = rewrite_answers(_adds_new_shapes)
