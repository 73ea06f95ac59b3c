"""Template agents the mock starts with, under fixed ids that users can write tests against.

Each template fills every field of the spec's `VoiceAgent`, with some nullable fields `null`, and
between them they use the spellings seen in the wild (`telephony-optimized` and
`telephony_optimized`, `OpenAI` and `openai`), so a client is exercised the way real data would.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, Final

# The spec's example `voiceAgentId`, so schemathesis' examples phase clones a real template.
ARABIC_SUPPORT_TEMPLATE_ID: Final = "4f1c2d9e-8a7b-4c3d-9e2f-1a2b3c4d5e6f"
ENGLISH_SALES_TEMPLATE_ID: Final = "8e2d4b6a-1c3f-4e5a-9b7d-2f4e6a8c0b13"
ENGLISH_BOOKING_FLOW_TEMPLATE_ID: Final = "c3a9e1f7-5b2d-4c8e-a6f0-7d9b1e3c5a24"

TEMPLATE_IDS: Final[Mapping[str, str]] = MappingProxyType(
    {
        "arabic_support": ARABIC_SUPPORT_TEMPLATE_ID,
        "english_sales": ENGLISH_SALES_TEMPLATE_ID,
        "english_booking_flow": ENGLISH_BOOKING_FLOW_TEMPLATE_ID,
    }
)

_PROJECT_ID = "2b8f6c1e-5d4a-4f3b-8e7c-6a5b4c3d2e1f"
_API_KEY_ID = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d"

_ARABIC_SUPPORT: dict[str, Any] = {
    "id": ARABIC_SUPPORT_TEMPLATE_ID,
    "agentName": "دعم العملاء (قالب)",
    "greetingMessage": "مرحباً بك، كيف يمكنني مساعدتك اليوم؟",
    "greetingMessageType": "STATIC",
    "description": "قالب وكيل دعم العملاء باللغة العربية",
    "preamble": "أنت وكيل دعم ودود ومهني. أجب بإيجاز وبلهجة مهذبة، واسأل عن رقم الطلب عند الحاجة.",
    "lang": "ar",
    "pokeMessages": ["هل ما زلت معي؟", "هل تحتاج إلى مساعدة إضافية؟"],
    "realTime": True,
    "silenceThreshold": 800,
    "interrupt": True,
    "type": "Single Prompt",
    "outcome": "لخّص مشكلة المتصل وهل تم حلها.",
    "outcomeResponseShape": {
        "type": "object",
        "properties": {
            "resolved": {"type": "boolean", "description": "هل تم حل المشكلة"},
            "summary": {"type": "string"},
        },
        "required": ["resolved"],
    },
    "projectId": _PROJECT_ID,
    "apiKeyId": _API_KEY_ID,
    "voiceId": "3c2b1a09-8f7e-4d6c-9b5a-4e3d2c1b0a9f",
    "voiceRecordId": None,
    "voiceRecord": None,
    "collectionId": None,
    "isTemplate": True,
    "icon": None,
    "webhookUrl": "https://example.com/hamsa/webhook",
    "webhookAuth": {"authKey": "Token", "authSecret": "webhook-secret"},
    "params": {},
    "alignment": {"greetingMessage": "rtl", "preamble": "rtl"},
    "tools": {"genderDetection": True, "smartCallEnd": True},
    "webToolsIds": [],
    "voiceDictionaryIds": [],
    "knowledgeBaseItemsIds": [],
    "webToolsOverrides": None,
    "userInactivityTimeout": 15,
    "maxCallDuration": 600,
    "responseDelay": 0.5,
    "backgroundNoise": False,
    "waitForUserToSpeakFirst": 0,
    "thinkingVoice": False,
    "speakerIdentification": False,
    "llmConfig": {
        "provider": "OpenAI",
        "modelName": "GPT-4.1",
        "baseUrl": None,
        "apiKey": None,
        "temperature": 0.2,
    },
    "noiseCancellation": "telephony-optimized",
    "cancelNoisePer": "conversation",
    "agenticRag": False,
    "languageDialectSwitcher": True,
    "minInterruptionDuration": 0.3,
    "vadActivationThreshold": 0.5,
    "enableAutoGainControl": True,
    "sendDenoisedToStt": False,
    "createdAt": "2025-03-02T08:15:00.000Z",
    "updatedAt": "2025-06-18T12:40:27.512Z",
}

_ENGLISH_SALES: dict[str, Any] = {
    "id": ENGLISH_SALES_TEMPLATE_ID,
    "agentName": "Outbound Sales (template)",
    "greetingMessage": "Hi, this is Sam from Acme. Do you have two minutes?",
    "greetingMessageType": "PROMPT",
    "description": None,
    "preamble": (
        "You are a polite outbound sales agent for Acme. Qualify the lead, answer questions "
        "about pricing, and offer a demo. Never pressure the caller."
    ),
    "lang": "en",
    "pokeMessages": ["Are you still there?"],
    "realTime": False,
    "silenceThreshold": 650.5,
    "interrupt": True,
    "type": "Single Prompt",
    "outcome": "Whether the lead is qualified, and the demo slot if one was booked.",
    "outcomeResponseShape": {
        "type": "object",
        "properties": {
            "qualified": {"type": "boolean"},
            "demoSlot": {"type": "string", "format": "date-time"},
            "interests": {"type": "array", "items": {"type": "string"}},
        },
        "required": ["qualified"],
    },
    "projectId": _PROJECT_ID,
    "apiKeyId": _API_KEY_ID,
    "voiceId": "b7e6d5c4-3b2a-4f19-8e7d-6c5b4a3f2e1d",
    "voiceRecordId": "0d9c8b7a-6f5e-4d3c-8b2a-19f8e7d6c5b4",
    "voiceRecord": {"url": "https://example.com/voices/sam.wav", "durationSeconds": 12.4},
    "collectionId": "5f4e3d2c-1b0a-4c9d-8e7f-6a5b4c3d2e1f",
    "isTemplate": True,
    "icon": "https://example.com/icons/sales.png",
    "webhookUrl": None,
    "webhookAuth": None,
    "params": {"company": "Acme", "currency": "USD"},
    "alignment": {"greetingMessage": "ltr", "preamble": "ltr"},
    "tools": {"genderDetection": False, "smartCallEnd": True},
    "webToolsIds": ["e1d2c3b4-a5f6-4e7d-8c9b-0a1f2e3d4c5b"],
    "voiceDictionaryIds": ["f0e1d2c3-b4a5-4f6e-9d8c-7b6a5f4e3d2c"],
    "knowledgeBaseItemsIds": [
        "a9b8c7d6-e5f4-4a3b-9c2d-1e0f9a8b7c6d",
        "b8c7d6e5-f4a3-4b2c-8d1e-0f9a8b7c6d5e",
    ],
    "webToolsOverrides": {"e1d2c3b4-a5f6-4e7d-8c9b-0a1f2e3d4c5b": {"timeoutSeconds": 8}},
    "userInactivityTimeout": 10,
    "maxCallDuration": 900,
    "responseDelay": 0,
    "backgroundNoise": True,
    "waitForUserToSpeakFirst": 1.5,
    "thinkingVoice": True,
    "speakerIdentification": False,
    "llmConfig": {
        "provider": "openai",
        "modelName": "gpt-4.1-mini",
        "baseUrl": "https://llm.example.com/v1",
        "apiKey": "example-llm-key",
        "temperature": 0.7,
    },
    "noiseCancellation": "telephony_optimized",
    "cancelNoisePer": None,
    "agenticRag": True,
    "languageDialectSwitcher": False,
    "minInterruptionDuration": 0.5,
    "vadActivationThreshold": 0.65,
    "enableAutoGainControl": False,
    "sendDenoisedToStt": True,
    "createdAt": "2025-01-20T10:00:00.000Z",
    "updatedAt": "2025-01-20T10:00:00.000Z",
}

_ENGLISH_BOOKING_FLOW: dict[str, Any] = {
    "id": ENGLISH_BOOKING_FLOW_TEMPLATE_ID,
    "agentName": "Clinic Appointment Booking (template)",
    "greetingMessage": "Hello, you've reached the clinic. Would you like to book an appointment?",
    "greetingMessageType": None,
    "description": "Books, moves and cancels clinic appointments.",
    "preamble": "Follow the booking flow. Confirm the date, time and patient name before booking.",
    "lang": "en",
    "pokeMessages": [],
    "realTime": True,
    "silenceThreshold": 1000,
    "interrupt": False,
    "type": "Flow Agent",
    "outcome": None,
    "outcomeResponseShape": None,
    "projectId": _PROJECT_ID,
    "apiKeyId": _API_KEY_ID,
    "voiceId": None,
    "voiceRecordId": None,
    "voiceRecord": None,
    "collectionId": None,
    "isTemplate": True,
    "icon": None,
    "webhookUrl": "https://example.com/clinic/calls",
    "webhookAuth": {"authKey": "Bearer", "authSecret": "clinic-webhook-secret"},
    "params": None,
    "alignment": {"greetingMessage": "ltr", "preamble": "ltr"},
    # Older API versions put other tool objects here; the spec keeps unknown keys.
    "tools": {"genderDetection": False, "smartCallEnd": False, "transferCall": {"enabled": True}},
    "webToolsIds": [],
    "voiceDictionaryIds": [],
    "knowledgeBaseItemsIds": [],
    "webToolsOverrides": None,
    "userInactivityTimeout": 20,
    "maxCallDuration": 300,
    "responseDelay": 0.25,
    "backgroundNoise": False,
    "waitForUserToSpeakFirst": 0,
    "thinkingVoice": False,
    "speakerIdentification": True,
    "llmConfig": {
        "provider": "OpenAI",
        "modelName": "GPT-4.1",
        "baseUrl": None,
        "apiKey": None,
        "temperature": 0,
    },
    "noiseCancellation": None,
    "cancelNoisePer": None,
    "agenticRag": False,
    "languageDialectSwitcher": False,
    "minInterruptionDuration": 0.2,
    "vadActivationThreshold": 0.4,
    "enableAutoGainControl": True,
    "sendDenoisedToStt": False,
    "createdAt": "2024-11-05T16:30:45.120Z",
    "updatedAt": "2025-02-11T09:05:13.004Z",
}

# Read-only views: the store deep-copies these on start, so no request can change them.
TEMPLATES: Final[tuple[Mapping[str, Any], ...]] = tuple(
    MappingProxyType(agent) for agent in (_ARABIC_SUPPORT, _ENGLISH_SALES, _ENGLISH_BOOKING_FLOW)
)
