from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="VoiceAgent")

# The JSON names of the properties; every other key of an object goes to additional_properties.
_PROPERTY_NAMES = frozenset(
    {
        "id",
        "agentName",
        "createdAt",
        "updatedAt",
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
    }
)


@_attrs_define
class VoiceAgent:
    """A voice agent: its identity, its prompts and its call behaviour.
    Decision: only `id`, `agentName`, `createdAt` and `updatedAt` are required; every other
    field is optional (present in practice). Unknown properties are kept.

        Attributes:
            id (str): Unique id of the agent. A clone's id differs from its source's.
            agent_name (str): Display name of the agent.
            created_at (datetime.datetime): When this agent was created. For a clone, the time of cloning.
            updated_at (datetime.datetime): When this agent was last changed; never before `createdAt`.
            greeting_message (str | Unset): First thing the agent says when a call starts.
            greeting_message_type (None | str | Unset): How `greetingMessage` is used: said as written, or as a prompt.
                Evidence: v1 create and v2 agents show it (null in the vendor's own example); the
                clone page does not, so it is optional.
            description (None | str | Unset): Free-text description of the agent.
            preamble (str | Unset): System prompt that drives the agent's behaviour.
            lang (str | Unset): Language code of the agent.
            poke_messages (list[str] | Unset): Messages the agent says to nudge a silent caller.
            real_time (bool | Unset): Whether the agent runs in real-time (speech-to-speech) mode.
            silence_threshold (float | Unset): Silence, in milliseconds, after which the caller is taken to have finished
                speaking.
            interrupt (bool | Unset): Whether the caller may interrupt the agent while it speaks.
            type_ (str | Unset): Kind of agent.
            outcome (None | str | Unset): What the agent should extract from each call once it ends.
            outcome_response_shape (None | OutcomeResponseShape | Unset): JSON-Schema-like shape of the call outcome.
            project_id (str | Unset): Project the agent belongs to.
            api_key_id (str | Unset): Id of the API key that created the agent (an id, never the key itself).
            voice_id (None | str | Unset): Id of the voice the agent speaks with.
            voice_record_id (None | str | Unset): Id of a recorded voice sample, if one is attached.
            voice_record (None | Unset | VoiceRecord): The recorded voice sample, if one is attached.
            collection_id (None | str | Unset): Collection (folder) the agent is filed in.
            is_template (bool | Unset): Whether the agent is a template. A clone of a template need not be one.
            icon (None | str | Unset): Icon shown for the agent.
            webhook_url (None | str | Unset): URL the platform posts call events to.
            webhook_auth (None | Unset | WebhookAuth): Credentials the platform sends to `webhookUrl`.
            params (AgentParams | None | Unset): Free-form parameters available to the agent's prompts.
            alignment (Alignment | Unset): Text direction of the agent's prompts.
            tools (AgentTools | Unset): Built-in tools switched on for the agent. Older API versions put other tool objects
                here;
                unknown keys are kept.
            web_tools_ids (list[str] | Unset): Ids of the web tools the agent may call.
            voice_dictionary_ids (list[str] | Unset): Ids of the pronunciation dictionaries the agent uses.
            knowledge_base_items_ids (list[str] | Unset): Ids of the knowledge-base items the agent may consult.
            web_tools_overrides (None | Unset | WebToolsOverrides): Per-agent overrides of web tool settings.
            user_inactivity_timeout (float | Unset): Seconds of caller inactivity before the agent acts.
            max_call_duration (float | Unset): Longest call the agent will take, in seconds.
            response_delay (float | Unset): Delay before the agent answers, in seconds (may be fractional).
            background_noise (bool | Unset): Whether ambient background noise is mixed into the agent's voice.
            wait_for_user_to_speak_first (float | Unset): How long the agent waits for the caller to speak first before
                greeting.
            thinking_voice (bool | Unset): Whether the agent plays a thinking sound while it prepares an answer.
            speaker_identification (bool | Unset): Whether the agent tells speakers apart.
            llm_config (LlmConfig | Unset): Language model behind the agent.
            noise_cancellation (None | str | Unset): Noise cancellation mode.
            cancel_noise_per (None | str | Unset): Scope of noise cancellation.
            agentic_rag (bool | Unset): Whether the agent decides by itself when to query its knowledge base.
            language_dialect_switcher (bool | Unset): Whether the agent follows the caller's dialect.
            min_interruption_duration (float | Unset): Shortest caller speech, in seconds, that counts as an interruption.
            vad_activation_threshold (float | Unset): Voice-activity-detection threshold (0 to 1).
            enable_auto_gain_control (bool | Unset): Whether automatic gain control is applied to the caller's audio.
            send_denoised_to_stt (bool | Unset): Whether denoised audio (rather than raw) is sent to speech-to-text.
    """

    id: str
    agent_name: str
    created_at: datetime.datetime
    updated_at: datetime.datetime
    greeting_message: str | Unset = UNSET
    greeting_message_type: None | str | Unset = UNSET
    description: None | str | Unset = UNSET
    preamble: str | Unset = UNSET
    lang: str | Unset = UNSET
    poke_messages: list[str] | Unset = UNSET
    real_time: bool | Unset = UNSET
    silence_threshold: float | Unset = UNSET
    interrupt: bool | Unset = UNSET
    type_: str | Unset = UNSET
    outcome: None | str | Unset = UNSET
    outcome_response_shape: None | OutcomeResponseShape | Unset = UNSET
    project_id: str | Unset = UNSET
    api_key_id: str | Unset = UNSET
    voice_id: None | str | Unset = UNSET
    voice_record_id: None | str | Unset = UNSET
    voice_record: None | Unset | VoiceRecord = UNSET
    collection_id: None | str | Unset = UNSET
    is_template: bool | Unset = UNSET
    icon: None | str | Unset = UNSET
    webhook_url: None | str | Unset = UNSET
    webhook_auth: None | Unset | WebhookAuth = UNSET
    params: AgentParams | None | Unset = UNSET
    alignment: Alignment | Unset = UNSET
    tools: AgentTools | Unset = UNSET
    web_tools_ids: list[str] | Unset = UNSET
    voice_dictionary_ids: list[str] | Unset = UNSET
    knowledge_base_items_ids: list[str] | Unset = UNSET
    web_tools_overrides: None | Unset | WebToolsOverrides = UNSET
    user_inactivity_timeout: float | Unset = UNSET
    max_call_duration: float | Unset = UNSET
    response_delay: float | Unset = UNSET
    background_noise: bool | Unset = UNSET
    wait_for_user_to_speak_first: float | Unset = UNSET
    thinking_voice: bool | Unset = UNSET
    speaker_identification: bool | Unset = UNSET
    llm_config: LlmConfig | Unset = UNSET
    noise_cancellation: None | str | Unset = UNSET
    cancel_noise_per: None | str | Unset = UNSET
    agentic_rag: bool | Unset = UNSET
    language_dialect_switcher: bool | Unset = UNSET
    min_interruption_duration: float | Unset = UNSET
    vad_activation_threshold: float | Unset = UNSET
    enable_auto_gain_control: bool | Unset = UNSET
    send_denoised_to_stt: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        if not isinstance(self.id, str):
            raise TypeError(f"id: expected str, got {type(self.id).__name__}")

        id = self.id

        if not isinstance(self.agent_name, str):
            raise TypeError(f"agent_name: expected str, got {type(self.agent_name).__name__}")

        agent_name = self.agent_name

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        if type(self.greeting_message) is not str and not isinstance(self.greeting_message, (str, Unset)):
            raise TypeError(f"greeting_message: expected str, got {type(self.greeting_message).__name__}")

        greeting_message = self.greeting_message

        greeting_message_type: None | str | Unset
        if isinstance(self.greeting_message_type, Unset):
            greeting_message_type = UNSET
        else:
            greeting_message_type = self.greeting_message_type

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        if type(self.preamble) is not str and not isinstance(self.preamble, (str, Unset)):
            raise TypeError(f"preamble: expected str, got {type(self.preamble).__name__}")

        preamble = self.preamble

        if type(self.lang) is not str and not isinstance(self.lang, (str, Unset)):
            raise TypeError(f"lang: expected str, got {type(self.lang).__name__}")

        lang = self.lang

        poke_messages: list[str] | Unset = UNSET
        if not isinstance(self.poke_messages, Unset):
            poke_messages = self.poke_messages

        if self.real_time is not True and self.real_time is not False and not isinstance(self.real_time, Unset):
            raise TypeError(f"real_time: expected bool, got {type(self.real_time).__name__}")

        real_time = self.real_time

        if (
            type(self.silence_threshold) is not int
            and type(self.silence_threshold) is not float
            and (
                isinstance(self.silence_threshold, bool) or not isinstance(self.silence_threshold, (int, float, Unset))
            )
        ):
            raise TypeError(f"silence_threshold: expected float, got {type(self.silence_threshold).__name__}")

        silence_threshold = self.silence_threshold

        if self.interrupt is not True and self.interrupt is not False and not isinstance(self.interrupt, Unset):
            raise TypeError(f"interrupt: expected bool, got {type(self.interrupt).__name__}")

        interrupt = self.interrupt

        if type(self.type_) is not str and not isinstance(self.type_, (str, Unset)):
            raise TypeError(f"type_: expected str, got {type(self.type_).__name__}")

        type_ = self.type_

        outcome: None | str | Unset
        if isinstance(self.outcome, Unset):
            outcome = UNSET
        else:
            outcome = self.outcome

        outcome_response_shape: dict[str, Any] | None | Unset
        if isinstance(self.outcome_response_shape, Unset):
            outcome_response_shape = UNSET
        elif isinstance(self.outcome_response_shape, OutcomeResponseShape):
            outcome_response_shape = self.outcome_response_shape.to_dict()
        else:
            outcome_response_shape = self.outcome_response_shape

        if type(self.project_id) is not str and not isinstance(self.project_id, (str, Unset)):
            raise TypeError(f"project_id: expected str, got {type(self.project_id).__name__}")

        project_id = self.project_id

        if type(self.api_key_id) is not str and not isinstance(self.api_key_id, (str, Unset)):
            raise TypeError(f"api_key_id: expected str, got {type(self.api_key_id).__name__}")

        api_key_id = self.api_key_id

        voice_id: None | str | Unset
        if isinstance(self.voice_id, Unset):
            voice_id = UNSET
        else:
            voice_id = self.voice_id

        voice_record_id: None | str | Unset
        if isinstance(self.voice_record_id, Unset):
            voice_record_id = UNSET
        else:
            voice_record_id = self.voice_record_id

        voice_record: dict[str, Any] | None | Unset
        if isinstance(self.voice_record, Unset):
            voice_record = UNSET
        elif isinstance(self.voice_record, VoiceRecord):
            voice_record = self.voice_record.to_dict()
        else:
            voice_record = self.voice_record

        collection_id: None | str | Unset
        if isinstance(self.collection_id, Unset):
            collection_id = UNSET
        else:
            collection_id = self.collection_id

        if self.is_template is not True and self.is_template is not False and not isinstance(self.is_template, Unset):
            raise TypeError(f"is_template: expected bool, got {type(self.is_template).__name__}")

        is_template = self.is_template

        icon: None | str | Unset
        if isinstance(self.icon, Unset):
            icon = UNSET
        else:
            icon = self.icon

        webhook_url: None | str | Unset
        if isinstance(self.webhook_url, Unset):
            webhook_url = UNSET
        else:
            webhook_url = self.webhook_url

        webhook_auth: dict[str, Any] | None | Unset
        if isinstance(self.webhook_auth, Unset):
            webhook_auth = UNSET
        elif isinstance(self.webhook_auth, WebhookAuth):
            webhook_auth = self.webhook_auth.to_dict()
        else:
            webhook_auth = self.webhook_auth

        params: dict[str, Any] | None | Unset
        if isinstance(self.params, Unset):
            params = UNSET
        elif isinstance(self.params, AgentParams):
            params = self.params.to_dict()
        else:
            params = self.params

        alignment: dict[str, Any] | Unset = UNSET
        if not isinstance(self.alignment, Unset):
            alignment = self.alignment.to_dict()

        tools: dict[str, Any] | Unset = UNSET
        if not isinstance(self.tools, Unset):
            tools = self.tools.to_dict()

        web_tools_ids: list[str] | Unset = UNSET
        if not isinstance(self.web_tools_ids, Unset):
            web_tools_ids = self.web_tools_ids

        voice_dictionary_ids: list[str] | Unset = UNSET
        if not isinstance(self.voice_dictionary_ids, Unset):
            voice_dictionary_ids = self.voice_dictionary_ids

        knowledge_base_items_ids: list[str] | Unset = UNSET
        if not isinstance(self.knowledge_base_items_ids, Unset):
            knowledge_base_items_ids = self.knowledge_base_items_ids

        web_tools_overrides: dict[str, Any] | None | Unset
        if isinstance(self.web_tools_overrides, Unset):
            web_tools_overrides = UNSET
        elif isinstance(self.web_tools_overrides, WebToolsOverrides):
            web_tools_overrides = self.web_tools_overrides.to_dict()
        else:
            web_tools_overrides = self.web_tools_overrides

        if (
            type(self.user_inactivity_timeout) is not int
            and type(self.user_inactivity_timeout) is not float
            and (
                isinstance(self.user_inactivity_timeout, bool)
                or not isinstance(self.user_inactivity_timeout, (int, float, Unset))
            )
        ):
            raise TypeError(
                f"user_inactivity_timeout: expected float, got {type(self.user_inactivity_timeout).__name__}"
            )

        user_inactivity_timeout = self.user_inactivity_timeout

        if (
            type(self.max_call_duration) is not int
            and type(self.max_call_duration) is not float
            and (
                isinstance(self.max_call_duration, bool) or not isinstance(self.max_call_duration, (int, float, Unset))
            )
        ):
            raise TypeError(f"max_call_duration: expected float, got {type(self.max_call_duration).__name__}")

        max_call_duration = self.max_call_duration

        if (
            type(self.response_delay) is not int
            and type(self.response_delay) is not float
            and (isinstance(self.response_delay, bool) or not isinstance(self.response_delay, (int, float, Unset)))
        ):
            raise TypeError(f"response_delay: expected float, got {type(self.response_delay).__name__}")

        response_delay = self.response_delay

        if (
            self.background_noise is not True
            and self.background_noise is not False
            and not isinstance(self.background_noise, Unset)
        ):
            raise TypeError(f"background_noise: expected bool, got {type(self.background_noise).__name__}")

        background_noise = self.background_noise

        if (
            type(self.wait_for_user_to_speak_first) is not int
            and type(self.wait_for_user_to_speak_first) is not float
            and (
                isinstance(self.wait_for_user_to_speak_first, bool)
                or not isinstance(self.wait_for_user_to_speak_first, (int, float, Unset))
            )
        ):
            raise TypeError(
                f"wait_for_user_to_speak_first: expected float, got {type(self.wait_for_user_to_speak_first).__name__}"
            )

        wait_for_user_to_speak_first = self.wait_for_user_to_speak_first

        if (
            self.thinking_voice is not True
            and self.thinking_voice is not False
            and not isinstance(self.thinking_voice, Unset)
        ):
            raise TypeError(f"thinking_voice: expected bool, got {type(self.thinking_voice).__name__}")

        thinking_voice = self.thinking_voice

        if (
            self.speaker_identification is not True
            and self.speaker_identification is not False
            and not isinstance(self.speaker_identification, Unset)
        ):
            raise TypeError(f"speaker_identification: expected bool, got {type(self.speaker_identification).__name__}")

        speaker_identification = self.speaker_identification

        llm_config: dict[str, Any] | Unset = UNSET
        if not isinstance(self.llm_config, Unset):
            llm_config = self.llm_config.to_dict()

        noise_cancellation: None | str | Unset
        if isinstance(self.noise_cancellation, Unset):
            noise_cancellation = UNSET
        else:
            noise_cancellation = self.noise_cancellation

        cancel_noise_per: None | str | Unset
        if isinstance(self.cancel_noise_per, Unset):
            cancel_noise_per = UNSET
        else:
            cancel_noise_per = self.cancel_noise_per

        if self.agentic_rag is not True and self.agentic_rag is not False and not isinstance(self.agentic_rag, Unset):
            raise TypeError(f"agentic_rag: expected bool, got {type(self.agentic_rag).__name__}")

        agentic_rag = self.agentic_rag

        if (
            self.language_dialect_switcher is not True
            and self.language_dialect_switcher is not False
            and not isinstance(self.language_dialect_switcher, Unset)
        ):
            raise TypeError(
                f"language_dialect_switcher: expected bool, got {type(self.language_dialect_switcher).__name__}"
            )

        language_dialect_switcher = self.language_dialect_switcher

        if (
            type(self.min_interruption_duration) is not int
            and type(self.min_interruption_duration) is not float
            and (
                isinstance(self.min_interruption_duration, bool)
                or not isinstance(self.min_interruption_duration, (int, float, Unset))
            )
        ):
            raise TypeError(
                f"min_interruption_duration: expected float, got {type(self.min_interruption_duration).__name__}"
            )

        min_interruption_duration = self.min_interruption_duration

        if (
            type(self.vad_activation_threshold) is not int
            and type(self.vad_activation_threshold) is not float
            and (
                isinstance(self.vad_activation_threshold, bool)
                or not isinstance(self.vad_activation_threshold, (int, float, Unset))
            )
        ):
            raise TypeError(
                f"vad_activation_threshold: expected float, got {type(self.vad_activation_threshold).__name__}"
            )

        vad_activation_threshold = self.vad_activation_threshold

        if (
            self.enable_auto_gain_control is not True
            and self.enable_auto_gain_control is not False
            and not isinstance(self.enable_auto_gain_control, Unset)
        ):
            raise TypeError(
                f"enable_auto_gain_control: expected bool, got {type(self.enable_auto_gain_control).__name__}"
            )

        enable_auto_gain_control = self.enable_auto_gain_control

        if (
            self.send_denoised_to_stt is not True
            and self.send_denoised_to_stt is not False
            and not isinstance(self.send_denoised_to_stt, Unset)
        ):
            raise TypeError(f"send_denoised_to_stt: expected bool, got {type(self.send_denoised_to_stt).__name__}")

        send_denoised_to_stt = self.send_denoised_to_stt

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "agentName": agent_name,
                "createdAt": created_at,
                "updatedAt": updated_at,
            }
        )
        if greeting_message is not UNSET:
            field_dict["greetingMessage"] = greeting_message
        if greeting_message_type is not UNSET:
            field_dict["greetingMessageType"] = greeting_message_type
        if description is not UNSET:
            field_dict["description"] = description
        if preamble is not UNSET:
            field_dict["preamble"] = preamble
        if lang is not UNSET:
            field_dict["lang"] = lang
        if poke_messages is not UNSET:
            field_dict["pokeMessages"] = poke_messages
        if real_time is not UNSET:
            field_dict["realTime"] = real_time
        if silence_threshold is not UNSET:
            field_dict["silenceThreshold"] = silence_threshold
        if interrupt is not UNSET:
            field_dict["interrupt"] = interrupt
        if type_ is not UNSET:
            field_dict["type"] = type_
        if outcome is not UNSET:
            field_dict["outcome"] = outcome
        if outcome_response_shape is not UNSET:
            field_dict["outcomeResponseShape"] = outcome_response_shape
        if project_id is not UNSET:
            field_dict["projectId"] = project_id
        if api_key_id is not UNSET:
            field_dict["apiKeyId"] = api_key_id
        if voice_id is not UNSET:
            field_dict["voiceId"] = voice_id
        if voice_record_id is not UNSET:
            field_dict["voiceRecordId"] = voice_record_id
        if voice_record is not UNSET:
            field_dict["voiceRecord"] = voice_record
        if collection_id is not UNSET:
            field_dict["collectionId"] = collection_id
        if is_template is not UNSET:
            field_dict["isTemplate"] = is_template
        if icon is not UNSET:
            field_dict["icon"] = icon
        if webhook_url is not UNSET:
            field_dict["webhookUrl"] = webhook_url
        if webhook_auth is not UNSET:
            field_dict["webhookAuth"] = webhook_auth
        if params is not UNSET:
            field_dict["params"] = params
        if alignment is not UNSET:
            field_dict["alignment"] = alignment
        if tools is not UNSET:
            field_dict["tools"] = tools
        if web_tools_ids is not UNSET:
            field_dict["webToolsIds"] = web_tools_ids
        if voice_dictionary_ids is not UNSET:
            field_dict["voiceDictionaryIds"] = voice_dictionary_ids
        if knowledge_base_items_ids is not UNSET:
            field_dict["knowledgeBaseItemsIds"] = knowledge_base_items_ids
        if web_tools_overrides is not UNSET:
            field_dict["webToolsOverrides"] = web_tools_overrides
        if user_inactivity_timeout is not UNSET:
            field_dict["userInactivityTimeout"] = user_inactivity_timeout
        if max_call_duration is not UNSET:
            field_dict["maxCallDuration"] = max_call_duration
        if response_delay is not UNSET:
            field_dict["responseDelay"] = response_delay
        if background_noise is not UNSET:
            field_dict["backgroundNoise"] = background_noise
        if wait_for_user_to_speak_first is not UNSET:
            field_dict["waitForUserToSpeakFirst"] = wait_for_user_to_speak_first
        if thinking_voice is not UNSET:
            field_dict["thinkingVoice"] = thinking_voice
        if speaker_identification is not UNSET:
            field_dict["speakerIdentification"] = speaker_identification
        if llm_config is not UNSET:
            field_dict["llmConfig"] = llm_config
        if noise_cancellation is not UNSET:
            field_dict["noiseCancellation"] = noise_cancellation
        if cancel_noise_per is not UNSET:
            field_dict["cancelNoisePer"] = cancel_noise_per
        if agentic_rag is not UNSET:
            field_dict["agenticRag"] = agentic_rag
        if language_dialect_switcher is not UNSET:
            field_dict["languageDialectSwitcher"] = language_dialect_switcher
        if min_interruption_duration is not UNSET:
            field_dict["minInterruptionDuration"] = min_interruption_duration
        if vad_activation_threshold is not UNSET:
            field_dict["vadActivationThreshold"] = vad_activation_threshold
        if enable_auto_gain_control is not UNSET:
            field_dict["enableAutoGainControl"] = enable_auto_gain_control
        if send_denoised_to_stt is not UNSET:
            field_dict["sendDenoisedToStt"] = send_denoised_to_stt

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        id = src_dict["id"]
        if not isinstance(id, str):
            raise TypeError(f"id: expected str, got {type(id).__name__}")

        agent_name = src_dict["agentName"]
        if not isinstance(agent_name, str):
            raise TypeError(f"agentName: expected str, got {type(agent_name).__name__}")

        created_at = datetime.datetime.fromisoformat(src_dict["createdAt"])

        updated_at = datetime.datetime.fromisoformat(src_dict["updatedAt"])

        greeting_message = src_dict.get("greetingMessage", UNSET)
        if type(greeting_message) is not str and not isinstance(greeting_message, (str, Unset)):
            raise TypeError(f"greetingMessage: expected str, got {type(greeting_message).__name__}")

        _greeting_message_type = src_dict.get("greetingMessageType", UNSET)
        greeting_message_type: None | str | Unset
        if _greeting_message_type is None or isinstance(_greeting_message_type, (str, Unset)):
            greeting_message_type = _greeting_message_type
        else:
            raise TypeError(f"greetingMessageType: expected None | str, got {type(_greeting_message_type).__name__}")

        _description = src_dict.get("description", UNSET)
        description: None | str | Unset
        if _description is None or isinstance(_description, (str, Unset)):
            description = _description
        else:
            raise TypeError(f"description: expected None | str, got {type(_description).__name__}")

        preamble = src_dict.get("preamble", UNSET)
        if type(preamble) is not str and not isinstance(preamble, (str, Unset)):
            raise TypeError(f"preamble: expected str, got {type(preamble).__name__}")

        lang = src_dict.get("lang", UNSET)
        if type(lang) is not str and not isinstance(lang, (str, Unset)):
            raise TypeError(f"lang: expected str, got {type(lang).__name__}")

        _poke_messages = src_dict.get("pokeMessages", UNSET)
        poke_messages: list[str] | Unset = UNSET
        if _poke_messages is not UNSET:
            if not isinstance(_poke_messages, list):
                raise TypeError(f"pokeMessages: expected list, got {type(_poke_messages).__name__}")
            poke_messages = []
            for poke_messages_item_data in _poke_messages:
                poke_messages_item = poke_messages_item_data
                if not isinstance(poke_messages_item, str):
                    raise TypeError(f"pokeMessages_item: expected str, got {type(poke_messages_item).__name__}")

                poke_messages.append(poke_messages_item)

        real_time = src_dict.get("realTime", UNSET)
        if real_time is not True and real_time is not False and not isinstance(real_time, Unset):
            raise TypeError(f"realTime: expected bool, got {type(real_time).__name__}")

        silence_threshold = src_dict.get("silenceThreshold", UNSET)
        if (
            type(silence_threshold) is not int
            and type(silence_threshold) is not float
            and (isinstance(silence_threshold, bool) or not isinstance(silence_threshold, (int, float, Unset)))
        ):
            raise TypeError(f"silenceThreshold: expected float, got {type(silence_threshold).__name__}")

        interrupt = src_dict.get("interrupt", UNSET)
        if interrupt is not True and interrupt is not False and not isinstance(interrupt, Unset):
            raise TypeError(f"interrupt: expected bool, got {type(interrupt).__name__}")

        type_ = src_dict.get("type", UNSET)
        if type(type_) is not str and not isinstance(type_, (str, Unset)):
            raise TypeError(f"type: expected str, got {type(type_).__name__}")

        _outcome = src_dict.get("outcome", UNSET)
        outcome: None | str | Unset
        if _outcome is None or isinstance(_outcome, (str, Unset)):
            outcome = _outcome
        else:
            raise TypeError(f"outcome: expected None | str, got {type(_outcome).__name__}")

        _outcome_response_shape = src_dict.get("outcomeResponseShape", UNSET)
        outcome_response_shape: None | OutcomeResponseShape | Unset
        if _outcome_response_shape is None or isinstance(_outcome_response_shape, Unset):
            outcome_response_shape = _outcome_response_shape
        elif isinstance(_outcome_response_shape, dict):
            outcome_response_shape = OutcomeResponseShape.from_dict(_outcome_response_shape)
        else:
            raise TypeError(
                f"outcomeResponseShape: expected None | OutcomeResponseShape, got {type(_outcome_response_shape).__name__}"
            )

        project_id = src_dict.get("projectId", UNSET)
        if type(project_id) is not str and not isinstance(project_id, (str, Unset)):
            raise TypeError(f"projectId: expected str, got {type(project_id).__name__}")

        api_key_id = src_dict.get("apiKeyId", UNSET)
        if type(api_key_id) is not str and not isinstance(api_key_id, (str, Unset)):
            raise TypeError(f"apiKeyId: expected str, got {type(api_key_id).__name__}")

        _voice_id = src_dict.get("voiceId", UNSET)
        voice_id: None | str | Unset
        if _voice_id is None or isinstance(_voice_id, (str, Unset)):
            voice_id = _voice_id
        else:
            raise TypeError(f"voiceId: expected None | str, got {type(_voice_id).__name__}")

        _voice_record_id = src_dict.get("voiceRecordId", UNSET)
        voice_record_id: None | str | Unset
        if _voice_record_id is None or isinstance(_voice_record_id, (str, Unset)):
            voice_record_id = _voice_record_id
        else:
            raise TypeError(f"voiceRecordId: expected None | str, got {type(_voice_record_id).__name__}")

        _voice_record = src_dict.get("voiceRecord", UNSET)
        voice_record: None | Unset | VoiceRecord
        if _voice_record is None or isinstance(_voice_record, Unset):
            voice_record = _voice_record
        elif isinstance(_voice_record, dict):
            voice_record = VoiceRecord.from_dict(_voice_record)
        else:
            raise TypeError(f"voiceRecord: expected None | VoiceRecord, got {type(_voice_record).__name__}")

        _collection_id = src_dict.get("collectionId", UNSET)
        collection_id: None | str | Unset
        if _collection_id is None or isinstance(_collection_id, (str, Unset)):
            collection_id = _collection_id
        else:
            raise TypeError(f"collectionId: expected None | str, got {type(_collection_id).__name__}")

        is_template = src_dict.get("isTemplate", UNSET)
        if is_template is not True and is_template is not False and not isinstance(is_template, Unset):
            raise TypeError(f"isTemplate: expected bool, got {type(is_template).__name__}")

        _icon = src_dict.get("icon", UNSET)
        icon: None | str | Unset
        if _icon is None or isinstance(_icon, (str, Unset)):
            icon = _icon
        else:
            raise TypeError(f"icon: expected None | str, got {type(_icon).__name__}")

        _webhook_url = src_dict.get("webhookUrl", UNSET)
        webhook_url: None | str | Unset
        if _webhook_url is None or isinstance(_webhook_url, (str, Unset)):
            webhook_url = _webhook_url
        else:
            raise TypeError(f"webhookUrl: expected None | str, got {type(_webhook_url).__name__}")

        _webhook_auth = src_dict.get("webhookAuth", UNSET)
        webhook_auth: None | Unset | WebhookAuth
        if _webhook_auth is None or isinstance(_webhook_auth, Unset):
            webhook_auth = _webhook_auth
        elif isinstance(_webhook_auth, dict):
            webhook_auth = WebhookAuth.from_dict(_webhook_auth)
        else:
            raise TypeError(f"webhookAuth: expected None | WebhookAuth, got {type(_webhook_auth).__name__}")

        _params = src_dict.get("params", UNSET)
        params: AgentParams | None | Unset
        if _params is None or isinstance(_params, Unset):
            params = _params
        elif isinstance(_params, dict):
            params = AgentParams.from_dict(_params)
        else:
            raise TypeError(f"params: expected AgentParams | None, got {type(_params).__name__}")

        _alignment = src_dict.get("alignment", UNSET)
        alignment: Alignment | Unset
        if isinstance(_alignment, Unset):
            alignment = UNSET
        elif isinstance(_alignment, dict):
            alignment = Alignment.from_dict(_alignment)

        else:
            raise TypeError(f"alignment: expected object, got {type(_alignment).__name__}")

        _tools = src_dict.get("tools", UNSET)
        tools: AgentTools | Unset
        if isinstance(_tools, Unset):
            tools = UNSET
        elif isinstance(_tools, dict):
            tools = AgentTools.from_dict(_tools)

        else:
            raise TypeError(f"tools: expected object, got {type(_tools).__name__}")

        _web_tools_ids = src_dict.get("webToolsIds", UNSET)
        web_tools_ids: list[str] | Unset = UNSET
        if _web_tools_ids is not UNSET:
            if not isinstance(_web_tools_ids, list):
                raise TypeError(f"webToolsIds: expected list, got {type(_web_tools_ids).__name__}")
            web_tools_ids = []
            for web_tools_ids_item_data in _web_tools_ids:
                web_tools_ids_item = web_tools_ids_item_data
                if not isinstance(web_tools_ids_item, str):
                    raise TypeError(f"webToolsIds_item: expected str, got {type(web_tools_ids_item).__name__}")

                web_tools_ids.append(web_tools_ids_item)

        _voice_dictionary_ids = src_dict.get("voiceDictionaryIds", UNSET)
        voice_dictionary_ids: list[str] | Unset = UNSET
        if _voice_dictionary_ids is not UNSET:
            if not isinstance(_voice_dictionary_ids, list):
                raise TypeError(f"voiceDictionaryIds: expected list, got {type(_voice_dictionary_ids).__name__}")
            voice_dictionary_ids = []
            for voice_dictionary_ids_item_data in _voice_dictionary_ids:
                voice_dictionary_ids_item = voice_dictionary_ids_item_data
                if not isinstance(voice_dictionary_ids_item, str):
                    raise TypeError(
                        f"voiceDictionaryIds_item: expected str, got {type(voice_dictionary_ids_item).__name__}"
                    )

                voice_dictionary_ids.append(voice_dictionary_ids_item)

        _knowledge_base_items_ids = src_dict.get("knowledgeBaseItemsIds", UNSET)
        knowledge_base_items_ids: list[str] | Unset = UNSET
        if _knowledge_base_items_ids is not UNSET:
            if not isinstance(_knowledge_base_items_ids, list):
                raise TypeError(f"knowledgeBaseItemsIds: expected list, got {type(_knowledge_base_items_ids).__name__}")
            knowledge_base_items_ids = []
            for knowledge_base_items_ids_item_data in _knowledge_base_items_ids:
                knowledge_base_items_ids_item = knowledge_base_items_ids_item_data
                if not isinstance(knowledge_base_items_ids_item, str):
                    raise TypeError(
                        f"knowledgeBaseItemsIds_item: expected str, got {type(knowledge_base_items_ids_item).__name__}"
                    )

                knowledge_base_items_ids.append(knowledge_base_items_ids_item)

        _web_tools_overrides = src_dict.get("webToolsOverrides", UNSET)
        web_tools_overrides: None | Unset | WebToolsOverrides
        if _web_tools_overrides is None or isinstance(_web_tools_overrides, Unset):
            web_tools_overrides = _web_tools_overrides
        elif isinstance(_web_tools_overrides, dict):
            web_tools_overrides = WebToolsOverrides.from_dict(_web_tools_overrides)
        else:
            raise TypeError(
                f"webToolsOverrides: expected None | WebToolsOverrides, got {type(_web_tools_overrides).__name__}"
            )

        user_inactivity_timeout = src_dict.get("userInactivityTimeout", UNSET)
        if (
            type(user_inactivity_timeout) is not int
            and type(user_inactivity_timeout) is not float
            and (
                isinstance(user_inactivity_timeout, bool)
                or not isinstance(user_inactivity_timeout, (int, float, Unset))
            )
        ):
            raise TypeError(f"userInactivityTimeout: expected float, got {type(user_inactivity_timeout).__name__}")

        max_call_duration = src_dict.get("maxCallDuration", UNSET)
        if (
            type(max_call_duration) is not int
            and type(max_call_duration) is not float
            and (isinstance(max_call_duration, bool) or not isinstance(max_call_duration, (int, float, Unset)))
        ):
            raise TypeError(f"maxCallDuration: expected float, got {type(max_call_duration).__name__}")

        response_delay = src_dict.get("responseDelay", UNSET)
        if (
            type(response_delay) is not int
            and type(response_delay) is not float
            and (isinstance(response_delay, bool) or not isinstance(response_delay, (int, float, Unset)))
        ):
            raise TypeError(f"responseDelay: expected float, got {type(response_delay).__name__}")

        background_noise = src_dict.get("backgroundNoise", UNSET)
        if background_noise is not True and background_noise is not False and not isinstance(background_noise, Unset):
            raise TypeError(f"backgroundNoise: expected bool, got {type(background_noise).__name__}")

        wait_for_user_to_speak_first = src_dict.get("waitForUserToSpeakFirst", UNSET)
        if (
            type(wait_for_user_to_speak_first) is not int
            and type(wait_for_user_to_speak_first) is not float
            and (
                isinstance(wait_for_user_to_speak_first, bool)
                or not isinstance(wait_for_user_to_speak_first, (int, float, Unset))
            )
        ):
            raise TypeError(
                f"waitForUserToSpeakFirst: expected float, got {type(wait_for_user_to_speak_first).__name__}"
            )

        thinking_voice = src_dict.get("thinkingVoice", UNSET)
        if thinking_voice is not True and thinking_voice is not False and not isinstance(thinking_voice, Unset):
            raise TypeError(f"thinkingVoice: expected bool, got {type(thinking_voice).__name__}")

        speaker_identification = src_dict.get("speakerIdentification", UNSET)
        if (
            speaker_identification is not True
            and speaker_identification is not False
            and not isinstance(speaker_identification, Unset)
        ):
            raise TypeError(f"speakerIdentification: expected bool, got {type(speaker_identification).__name__}")

        _llm_config = src_dict.get("llmConfig", UNSET)
        llm_config: LlmConfig | Unset
        if isinstance(_llm_config, Unset):
            llm_config = UNSET
        elif isinstance(_llm_config, dict):
            llm_config = LlmConfig.from_dict(_llm_config)

        else:
            raise TypeError(f"llmConfig: expected object, got {type(_llm_config).__name__}")

        _noise_cancellation = src_dict.get("noiseCancellation", UNSET)
        noise_cancellation: None | str | Unset
        if _noise_cancellation is None or isinstance(_noise_cancellation, (str, Unset)):
            noise_cancellation = _noise_cancellation
        else:
            raise TypeError(f"noiseCancellation: expected None | str, got {type(_noise_cancellation).__name__}")

        _cancel_noise_per = src_dict.get("cancelNoisePer", UNSET)
        cancel_noise_per: None | str | Unset
        if _cancel_noise_per is None or isinstance(_cancel_noise_per, (str, Unset)):
            cancel_noise_per = _cancel_noise_per
        else:
            raise TypeError(f"cancelNoisePer: expected None | str, got {type(_cancel_noise_per).__name__}")

        agentic_rag = src_dict.get("agenticRag", UNSET)
        if agentic_rag is not True and agentic_rag is not False and not isinstance(agentic_rag, Unset):
            raise TypeError(f"agenticRag: expected bool, got {type(agentic_rag).__name__}")

        language_dialect_switcher = src_dict.get("languageDialectSwitcher", UNSET)
        if (
            language_dialect_switcher is not True
            and language_dialect_switcher is not False
            and not isinstance(language_dialect_switcher, Unset)
        ):
            raise TypeError(f"languageDialectSwitcher: expected bool, got {type(language_dialect_switcher).__name__}")

        min_interruption_duration = src_dict.get("minInterruptionDuration", UNSET)
        if (
            type(min_interruption_duration) is not int
            and type(min_interruption_duration) is not float
            and (
                isinstance(min_interruption_duration, bool)
                or not isinstance(min_interruption_duration, (int, float, Unset))
            )
        ):
            raise TypeError(f"minInterruptionDuration: expected float, got {type(min_interruption_duration).__name__}")

        vad_activation_threshold = src_dict.get("vadActivationThreshold", UNSET)
        if (
            type(vad_activation_threshold) is not int
            and type(vad_activation_threshold) is not float
            and (
                isinstance(vad_activation_threshold, bool)
                or not isinstance(vad_activation_threshold, (int, float, Unset))
            )
        ):
            raise TypeError(f"vadActivationThreshold: expected float, got {type(vad_activation_threshold).__name__}")

        enable_auto_gain_control = src_dict.get("enableAutoGainControl", UNSET)
        if (
            enable_auto_gain_control is not True
            and enable_auto_gain_control is not False
            and not isinstance(enable_auto_gain_control, Unset)
        ):
            raise TypeError(f"enableAutoGainControl: expected bool, got {type(enable_auto_gain_control).__name__}")

        send_denoised_to_stt = src_dict.get("sendDenoisedToStt", UNSET)
        if (
            send_denoised_to_stt is not True
            and send_denoised_to_stt is not False
            and not isinstance(send_denoised_to_stt, Unset)
        ):
            raise TypeError(f"sendDenoisedToStt: expected bool, got {type(send_denoised_to_stt).__name__}")

        voice_agent = cls(
            id,
            agent_name,
            created_at,
            updated_at,
            greeting_message,
            greeting_message_type,
            description,
            preamble,
            lang,
            poke_messages,
            real_time,
            silence_threshold,
            interrupt,
            type_,
            outcome,
            outcome_response_shape,
            project_id,
            api_key_id,
            voice_id,
            voice_record_id,
            voice_record,
            collection_id,
            is_template,
            icon,
            webhook_url,
            webhook_auth,
            params,
            alignment,
            tools,
            web_tools_ids,
            voice_dictionary_ids,
            knowledge_base_items_ids,
            web_tools_overrides,
            user_inactivity_timeout,
            max_call_duration,
            response_delay,
            background_noise,
            wait_for_user_to_speak_first,
            thinking_voice,
            speaker_identification,
            llm_config,
            noise_cancellation,
            cancel_noise_per,
            agentic_rag,
            language_dialect_switcher,
            min_interruption_duration,
            vad_activation_threshold,
            enable_auto_gain_control,
            send_denoised_to_stt,
        )

        if not _PROPERTY_NAMES.issuperset(src_dict):
            voice_agent.additional_properties = {
                key: value for key, value in src_dict.items() if key not in _PROPERTY_NAMES
            }
        return voice_agent

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties


# After the class, so that models referring to each other import in any order (see the note at the top).
from ..models.agent_params import AgentParams
from ..models.agent_tools import AgentTools
from ..models.alignment import Alignment
from ..models.llm_config import LlmConfig
from ..models.outcome_response_shape import OutcomeResponseShape
from ..models.voice_record import VoiceRecord
from ..models.web_tools_overrides import WebToolsOverrides
from ..models.webhook_auth import WebhookAuth
