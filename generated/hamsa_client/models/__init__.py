"""Contains all the data models used in inputs/outputs"""

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
