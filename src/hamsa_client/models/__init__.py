"""Contains all the data models used in inputs/outputs"""

from .._watch import AnswerShape as _AnswerShape
from .agent_params import AgentParams
from .agent_tools import AgentTools
from .alignment import Alignment
from .clone_voice_agent_request import CloneVoiceAgentRequest
from .clone_voice_agent_response import CloneVoiceAgentResponse
from .error_response import ErrorResponse
from .llm_config import LlmConfig
from .outcome_response_shape import OutcomeResponseShape
from .voice_agent import VoiceAgent
from .voice_record import VoiceRecord
from .web_tools_overrides import WebToolsOverrides
from .webhook_auth import WebhookAuth

# Every model the watch compares, by name (references, not nesting: a model may contain itself);
# private here (the package exports models only), public as hamsa_client.client.ANSWER_SHAPES.
_ANSWER_SHAPES: dict[str, _AnswerShape] = {
    "CloneVoiceAgentRequest": _AnswerShape(
        required=frozenset(()),
        optional=frozenset(("agentName",)),
        children={},
    ),
    "CloneVoiceAgentResponse": _AnswerShape(
        required=frozenset(
            (
                "success",
                "message",
                "data",
            )
        ),
        optional=frozenset(()),
        children={
            "data": "VoiceAgent",
        },
    ),
    "ErrorResponse": _AnswerShape(
        required=frozenset(("success",)),
        optional=frozenset(
            (
                "message",
                "messageKey",
                "error",
            )
        ),
        children={},
    ),
    "VoiceAgent": _AnswerShape(
        required=frozenset(
            (
                "id",
                "agentName",
                "createdAt",
                "updatedAt",
            )
        ),
        optional=frozenset(
            (
                "greetingMessage",
                "greetingMessageType",
                "description",
                "preamble",
                "lang",
                "pokeMessages",
                "realTime",
                "silenceThreshold",
                "interrupt",
                "type",
                "outcome",
                "outcomeResponseShape",
                "projectId",
                "apiKeyId",
                "voiceId",
                "voiceRecordId",
                "voiceRecord",
                "collectionId",
                "isTemplate",
                "icon",
                "webhookUrl",
                "webhookAuth",
                "params",
                "alignment",
                "tools",
                "webToolsIds",
                "voiceDictionaryIds",
                "knowledgeBaseItemsIds",
                "webToolsOverrides",
                "userInactivityTimeout",
                "maxCallDuration",
                "responseDelay",
                "backgroundNoise",
                "waitForUserToSpeakFirst",
                "thinkingVoice",
                "speakerIdentification",
                "llmConfig",
                "noiseCancellation",
                "cancelNoisePer",
                "agenticRag",
                "languageDialectSwitcher",
                "minInterruptionDuration",
                "vadActivationThreshold",
                "enableAutoGainControl",
                "sendDenoisedToStt",
            )
        ),
        children={
            "webhookAuth": "WebhookAuth",
            "alignment": "Alignment",
            "tools": "AgentTools",
            "llmConfig": "LlmConfig",
        },
    ),
    "WebhookAuth": _AnswerShape(
        required=frozenset(()),
        optional=frozenset(
            (
                "authKey",
                "authSecret",
            )
        ),
        children={},
    ),
    "Alignment": _AnswerShape(
        required=frozenset(()),
        optional=frozenset(
            (
                "greetingMessage",
                "preamble",
            )
        ),
        children={},
    ),
    "AgentTools": _AnswerShape(
        required=frozenset(()),
        optional=frozenset(
            (
                "genderDetection",
                "smartCallEnd",
            )
        ),
        children={},
    ),
    "LlmConfig": _AnswerShape(
        required=frozenset(()),
        optional=frozenset(
            (
                "provider",
                "modelName",
                "baseUrl",
                "apiKey",
                "temperature",
            )
        ),
        children={},
    ),
}

__all__ = (
    "AgentParams",
    "AgentTools",
    "Alignment",
    "CloneVoiceAgentRequest",
    "CloneVoiceAgentResponse",
    "ErrorResponse",
    "LlmConfig",
    "OutcomeResponseShape",
    "VoiceAgent",
    "VoiceRecord",
    "WebhookAuth",
    "WebToolsOverrides",
)
