"""Offline properties of the generated models: any document valid against an answer schema
survives `from_dict` then `to_dict` (date-times compare as instants: the models re-encode them
with Python's `isoformat`).

They send nothing, so no server can make them pass or fail: they are the project's tests, not
part of a contract run against a server.
"""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings

from hamsa_client.models import CloneVoiceAgentResponse, ErrorResponse, VoiceAgent
from hamsa_contract import _spec as spec
from hamsa_contract.judge._instants import same_document
from hamsa_contract.run._documents import valid_documents
from tests.conftest import PROPERTY_PROFILE

ROUND_TRIPS = settings(
    settings.get_profile(PROPERTY_PROFILE),
    max_examples=50,
    suppress_health_check=[HealthCheck.too_slow],
)


def _round_trips(model: type[Any], component: str, document: Any) -> None:
    encoded = model.from_dict(document).to_dict()
    assert same_document(document, encoded, spec.component(component)), (
        f"{model.__name__} changed the document:\nin  {document!r}\nout {encoded!r}"
    )


@ROUND_TRIPS
@given(document=valid_documents("VoiceAgent"))
def test_any_valid_voice_agent_round_trips(document: Any) -> None:
    """Any JSON valid against VoiceAgent decodes and re-encodes losslessly."""
    _round_trips(VoiceAgent, "VoiceAgent", document)


@ROUND_TRIPS
@given(document=valid_documents("CloneVoiceAgentResponse"))
def test_any_valid_clone_answer_round_trips(document: Any) -> None:
    """Any JSON valid against CloneVoiceAgentResponse decodes and re-encodes losslessly."""
    _round_trips(CloneVoiceAgentResponse, "CloneVoiceAgentResponse", document)


@ROUND_TRIPS
@given(document=valid_documents("ErrorResponse"))
def test_any_valid_error_answer_round_trips(document: Any) -> None:
    """Any JSON valid against ErrorResponse decodes and re-encodes losslessly."""
    _round_trips(ErrorResponse, "ErrorResponse", document)
