from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import _parsing
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
        if type(self.id) is not str:
            _parsing.checked(self.id, "id", (str,), "str")

        id = self.id

        if type(self.agent_name) is not str:
            _parsing.checked(self.agent_name, "agent_name", (str,), "str")

        agent_name = self.agent_name

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        if type(self.greeting_message) is not str and self.greeting_message is not UNSET:
            _parsing.checked(self.greeting_message, "greeting_message", (str, Unset), "str")

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

        if type(self.preamble) is not str and self.preamble is not UNSET:
            _parsing.checked(self.preamble, "preamble", (str, Unset), "str")

        preamble = self.preamble

        if type(self.lang) is not str and self.lang is not UNSET:
            _parsing.checked(self.lang, "lang", (str, Unset), "str")

        lang = self.lang

        poke_messages: list[str] | Unset = UNSET
        if not isinstance(self.poke_messages, Unset):
            poke_messages = self.poke_messages

        if self.real_time is not True and self.real_time is not False and self.real_time is not UNSET:
            _parsing.checked(self.real_time, "real_time", (bool, Unset), "bool")

        real_time = self.real_time

        if (
            type(self.silence_threshold) is not int
            and type(self.silence_threshold) is not float
            and self.silence_threshold is not UNSET
        ):
            _parsing.checked(self.silence_threshold, "silence_threshold", (int, float, Unset), "float")

        silence_threshold = self.silence_threshold

        if self.interrupt is not True and self.interrupt is not False and self.interrupt is not UNSET:
            _parsing.checked(self.interrupt, "interrupt", (bool, Unset), "bool")

        interrupt = self.interrupt

        if type(self.type_) is not str and self.type_ is not UNSET:
            _parsing.checked(self.type_, "type_", (str, Unset), "str")

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

        if type(self.project_id) is not str and self.project_id is not UNSET:
            _parsing.checked(self.project_id, "project_id", (str, Unset), "str")

        project_id = self.project_id

        if type(self.api_key_id) is not str and self.api_key_id is not UNSET:
            _parsing.checked(self.api_key_id, "api_key_id", (str, Unset), "str")

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

        if self.is_template is not True and self.is_template is not False and self.is_template is not UNSET:
            _parsing.checked(self.is_template, "is_template", (bool, Unset), "bool")

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
            and self.user_inactivity_timeout is not UNSET
        ):
            _parsing.checked(self.user_inactivity_timeout, "user_inactivity_timeout", (int, float, Unset), "float")

        user_inactivity_timeout = self.user_inactivity_timeout

        if (
            type(self.max_call_duration) is not int
            and type(self.max_call_duration) is not float
            and self.max_call_duration is not UNSET
        ):
            _parsing.checked(self.max_call_duration, "max_call_duration", (int, float, Unset), "float")

        max_call_duration = self.max_call_duration

        if (
            type(self.response_delay) is not int
            and type(self.response_delay) is not float
            and self.response_delay is not UNSET
        ):
            _parsing.checked(self.response_delay, "response_delay", (int, float, Unset), "float")

        response_delay = self.response_delay

        if (
            self.background_noise is not True
            and self.background_noise is not False
            and self.background_noise is not UNSET
        ):
            _parsing.checked(self.background_noise, "background_noise", (bool, Unset), "bool")

        background_noise = self.background_noise

        if (
            type(self.wait_for_user_to_speak_first) is not int
            and type(self.wait_for_user_to_speak_first) is not float
            and self.wait_for_user_to_speak_first is not UNSET
        ):
            _parsing.checked(
                self.wait_for_user_to_speak_first, "wait_for_user_to_speak_first", (int, float, Unset), "float"
            )

        wait_for_user_to_speak_first = self.wait_for_user_to_speak_first

        if self.thinking_voice is not True and self.thinking_voice is not False and self.thinking_voice is not UNSET:
            _parsing.checked(self.thinking_voice, "thinking_voice", (bool, Unset), "bool")

        thinking_voice = self.thinking_voice

        if (
            self.speaker_identification is not True
            and self.speaker_identification is not False
            and self.speaker_identification is not UNSET
        ):
            _parsing.checked(self.speaker_identification, "speaker_identification", (bool, Unset), "bool")

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

        if self.agentic_rag is not True and self.agentic_rag is not False and self.agentic_rag is not UNSET:
            _parsing.checked(self.agentic_rag, "agentic_rag", (bool, Unset), "bool")

        agentic_rag = self.agentic_rag

        if (
            self.language_dialect_switcher is not True
            and self.language_dialect_switcher is not False
            and self.language_dialect_switcher is not UNSET
        ):
            _parsing.checked(self.language_dialect_switcher, "language_dialect_switcher", (bool, Unset), "bool")

        language_dialect_switcher = self.language_dialect_switcher

        if (
            type(self.min_interruption_duration) is not int
            and type(self.min_interruption_duration) is not float
            and self.min_interruption_duration is not UNSET
        ):
            _parsing.checked(self.min_interruption_duration, "min_interruption_duration", (int, float, Unset), "float")

        min_interruption_duration = self.min_interruption_duration

        if (
            type(self.vad_activation_threshold) is not int
            and type(self.vad_activation_threshold) is not float
            and self.vad_activation_threshold is not UNSET
        ):
            _parsing.checked(self.vad_activation_threshold, "vad_activation_threshold", (int, float, Unset), "float")

        vad_activation_threshold = self.vad_activation_threshold

        if (
            self.enable_auto_gain_control is not True
            and self.enable_auto_gain_control is not False
            and self.enable_auto_gain_control is not UNSET
        ):
            _parsing.checked(self.enable_auto_gain_control, "enable_auto_gain_control", (bool, Unset), "bool")

        enable_auto_gain_control = self.enable_auto_gain_control

        if (
            self.send_denoised_to_stt is not True
            and self.send_denoised_to_stt is not False
            and self.send_denoised_to_stt is not UNSET
        ):
            _parsing.checked(self.send_denoised_to_stt, "send_denoised_to_stt", (bool, Unset), "bool")

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
        if type(id) is not str:
            _parsing.checked(id, "id", (str,), "str")

        agent_name = src_dict["agentName"]
        if type(agent_name) is not str:
            _parsing.checked(agent_name, "agentName", (str,), "str")

        created_at = datetime.datetime.fromisoformat(src_dict["createdAt"])

        updated_at = datetime.datetime.fromisoformat(src_dict["updatedAt"])

        greeting_message = src_dict.get("greetingMessage", UNSET)
        if type(greeting_message) is not str and greeting_message is not UNSET:
            _parsing.checked(greeting_message, "greetingMessage", (str, Unset), "str")

        _greeting_message_type = src_dict.get("greetingMessageType", UNSET)
        greeting_message_type: None | str | Unset = _greeting_message_type
        if (
            _greeting_message_type is not None
            and type(_greeting_message_type) is not str
            and _greeting_message_type is not UNSET
        ):
            greeting_message_type = _parsing.checked(
                _greeting_message_type, "greetingMessageType", (_parsing.NoneType, str, Unset), "None | str"
            )

        _description = src_dict.get("description", UNSET)
        description: None | str | Unset = _description
        if _description is not None and type(_description) is not str and _description is not UNSET:
            description = _parsing.checked(_description, "description", (_parsing.NoneType, str, Unset), "None | str")

        preamble = src_dict.get("preamble", UNSET)
        if type(preamble) is not str and preamble is not UNSET:
            _parsing.checked(preamble, "preamble", (str, Unset), "str")

        lang = src_dict.get("lang", UNSET)
        if type(lang) is not str and lang is not UNSET:
            _parsing.checked(lang, "lang", (str, Unset), "str")

        _poke_messages = src_dict.get("pokeMessages", UNSET)
        poke_messages: list[str] | Unset = UNSET
        if _poke_messages is not UNSET:
            if type(_poke_messages) is not list:
                _parsing.checked(_poke_messages, "pokeMessages", (list,), "list")
            poke_messages = []
            for poke_messages_item_data in _poke_messages:
                poke_messages_item = poke_messages_item_data
                if type(poke_messages_item) is not str:
                    _parsing.checked(poke_messages_item, "pokeMessages_item", (str,), "str")

                poke_messages.append(poke_messages_item)

        real_time = src_dict.get("realTime", UNSET)
        if real_time is not True and real_time is not False and real_time is not UNSET:
            _parsing.checked(real_time, "realTime", (bool, Unset), "bool")

        silence_threshold = src_dict.get("silenceThreshold", UNSET)
        if (
            type(silence_threshold) is not int
            and type(silence_threshold) is not float
            and silence_threshold is not UNSET
        ):
            _parsing.checked(silence_threshold, "silenceThreshold", (int, float, Unset), "float")

        interrupt = src_dict.get("interrupt", UNSET)
        if interrupt is not True and interrupt is not False and interrupt is not UNSET:
            _parsing.checked(interrupt, "interrupt", (bool, Unset), "bool")

        type_ = src_dict.get("type", UNSET)
        if type(type_) is not str and type_ is not UNSET:
            _parsing.checked(type_, "type", (str, Unset), "str")

        _outcome = src_dict.get("outcome", UNSET)
        outcome: None | str | Unset = _outcome
        if _outcome is not None and type(_outcome) is not str and _outcome is not UNSET:
            outcome = _parsing.checked(_outcome, "outcome", (_parsing.NoneType, str, Unset), "None | str")

        _outcome_response_shape = src_dict.get("outcomeResponseShape", UNSET)
        outcome_response_shape: None | OutcomeResponseShape | Unset = _outcome_response_shape
        if _outcome_response_shape is not None and _outcome_response_shape is not UNSET:
            outcome_response_shape = (
                OutcomeResponseShape.from_dict(_outcome_response_shape)
                if type(_outcome_response_shape) is dict
                else _parsing.checked(
                    _outcome_response_shape,
                    "outcomeResponseShape",
                    (_parsing.NoneType, Unset),
                    "None | OutcomeResponseShape",
                    OutcomeResponseShape.from_dict,
                )
            )

        project_id = src_dict.get("projectId", UNSET)
        if type(project_id) is not str and project_id is not UNSET:
            _parsing.checked(project_id, "projectId", (str, Unset), "str")

        api_key_id = src_dict.get("apiKeyId", UNSET)
        if type(api_key_id) is not str and api_key_id is not UNSET:
            _parsing.checked(api_key_id, "apiKeyId", (str, Unset), "str")

        _voice_id = src_dict.get("voiceId", UNSET)
        voice_id: None | str | Unset = _voice_id
        if _voice_id is not None and type(_voice_id) is not str and _voice_id is not UNSET:
            voice_id = _parsing.checked(_voice_id, "voiceId", (_parsing.NoneType, str, Unset), "None | str")

        _voice_record_id = src_dict.get("voiceRecordId", UNSET)
        voice_record_id: None | str | Unset = _voice_record_id
        if _voice_record_id is not None and type(_voice_record_id) is not str and _voice_record_id is not UNSET:
            voice_record_id = _parsing.checked(
                _voice_record_id, "voiceRecordId", (_parsing.NoneType, str, Unset), "None | str"
            )

        _voice_record = src_dict.get("voiceRecord", UNSET)
        voice_record: None | Unset | VoiceRecord = _voice_record
        if _voice_record is not None and _voice_record is not UNSET:
            voice_record = (
                VoiceRecord.from_dict(_voice_record)
                if type(_voice_record) is dict
                else _parsing.checked(
                    _voice_record,
                    "voiceRecord",
                    (_parsing.NoneType, Unset),
                    "None | VoiceRecord",
                    VoiceRecord.from_dict,
                )
            )

        _collection_id = src_dict.get("collectionId", UNSET)
        collection_id: None | str | Unset = _collection_id
        if _collection_id is not None and type(_collection_id) is not str and _collection_id is not UNSET:
            collection_id = _parsing.checked(
                _collection_id, "collectionId", (_parsing.NoneType, str, Unset), "None | str"
            )

        is_template = src_dict.get("isTemplate", UNSET)
        if is_template is not True and is_template is not False and is_template is not UNSET:
            _parsing.checked(is_template, "isTemplate", (bool, Unset), "bool")

        _icon = src_dict.get("icon", UNSET)
        icon: None | str | Unset = _icon
        if _icon is not None and type(_icon) is not str and _icon is not UNSET:
            icon = _parsing.checked(_icon, "icon", (_parsing.NoneType, str, Unset), "None | str")

        _webhook_url = src_dict.get("webhookUrl", UNSET)
        webhook_url: None | str | Unset = _webhook_url
        if _webhook_url is not None and type(_webhook_url) is not str and _webhook_url is not UNSET:
            webhook_url = _parsing.checked(_webhook_url, "webhookUrl", (_parsing.NoneType, str, Unset), "None | str")

        _webhook_auth = src_dict.get("webhookAuth", UNSET)
        webhook_auth: None | Unset | WebhookAuth = _webhook_auth
        if _webhook_auth is not None and _webhook_auth is not UNSET:
            webhook_auth = (
                WebhookAuth.from_dict(_webhook_auth)
                if type(_webhook_auth) is dict
                else _parsing.checked(
                    _webhook_auth,
                    "webhookAuth",
                    (_parsing.NoneType, Unset),
                    "None | WebhookAuth",
                    WebhookAuth.from_dict,
                )
            )

        _params = src_dict.get("params", UNSET)
        params: AgentParams | None | Unset = _params
        if _params is not None and _params is not UNSET:
            params = (
                AgentParams.from_dict(_params)
                if type(_params) is dict
                else _parsing.checked(
                    _params, "params", (_parsing.NoneType, Unset), "AgentParams | None", AgentParams.from_dict
                )
            )

        _alignment = src_dict.get("alignment", UNSET)
        alignment: Alignment | Unset = (
            UNSET
            if _alignment is UNSET
            else Alignment.from_dict(_alignment)
            if type(_alignment) is dict
            else _parsing.checked(_alignment, "alignment", (Unset,), "object", Alignment.from_dict)
        )

        _tools = src_dict.get("tools", UNSET)
        tools: AgentTools | Unset = (
            UNSET
            if _tools is UNSET
            else AgentTools.from_dict(_tools)
            if type(_tools) is dict
            else _parsing.checked(_tools, "tools", (Unset,), "object", AgentTools.from_dict)
        )

        _web_tools_ids = src_dict.get("webToolsIds", UNSET)
        web_tools_ids: list[str] | Unset = UNSET
        if _web_tools_ids is not UNSET:
            if type(_web_tools_ids) is not list:
                _parsing.checked(_web_tools_ids, "webToolsIds", (list,), "list")
            web_tools_ids = []
            for web_tools_ids_item_data in _web_tools_ids:
                web_tools_ids_item = web_tools_ids_item_data
                if type(web_tools_ids_item) is not str:
                    _parsing.checked(web_tools_ids_item, "webToolsIds_item", (str,), "str")

                web_tools_ids.append(web_tools_ids_item)

        _voice_dictionary_ids = src_dict.get("voiceDictionaryIds", UNSET)
        voice_dictionary_ids: list[str] | Unset = UNSET
        if _voice_dictionary_ids is not UNSET:
            if type(_voice_dictionary_ids) is not list:
                _parsing.checked(_voice_dictionary_ids, "voiceDictionaryIds", (list,), "list")
            voice_dictionary_ids = []
            for voice_dictionary_ids_item_data in _voice_dictionary_ids:
                voice_dictionary_ids_item = voice_dictionary_ids_item_data
                if type(voice_dictionary_ids_item) is not str:
                    _parsing.checked(voice_dictionary_ids_item, "voiceDictionaryIds_item", (str,), "str")

                voice_dictionary_ids.append(voice_dictionary_ids_item)

        _knowledge_base_items_ids = src_dict.get("knowledgeBaseItemsIds", UNSET)
        knowledge_base_items_ids: list[str] | Unset = UNSET
        if _knowledge_base_items_ids is not UNSET:
            if type(_knowledge_base_items_ids) is not list:
                _parsing.checked(_knowledge_base_items_ids, "knowledgeBaseItemsIds", (list,), "list")
            knowledge_base_items_ids = []
            for knowledge_base_items_ids_item_data in _knowledge_base_items_ids:
                knowledge_base_items_ids_item = knowledge_base_items_ids_item_data
                if type(knowledge_base_items_ids_item) is not str:
                    _parsing.checked(knowledge_base_items_ids_item, "knowledgeBaseItemsIds_item", (str,), "str")

                knowledge_base_items_ids.append(knowledge_base_items_ids_item)

        _web_tools_overrides = src_dict.get("webToolsOverrides", UNSET)
        web_tools_overrides: None | Unset | WebToolsOverrides = _web_tools_overrides
        if _web_tools_overrides is not None and _web_tools_overrides is not UNSET:
            web_tools_overrides = (
                WebToolsOverrides.from_dict(_web_tools_overrides)
                if type(_web_tools_overrides) is dict
                else _parsing.checked(
                    _web_tools_overrides,
                    "webToolsOverrides",
                    (_parsing.NoneType, Unset),
                    "None | WebToolsOverrides",
                    WebToolsOverrides.from_dict,
                )
            )

        user_inactivity_timeout = src_dict.get("userInactivityTimeout", UNSET)
        if (
            type(user_inactivity_timeout) is not int
            and type(user_inactivity_timeout) is not float
            and user_inactivity_timeout is not UNSET
        ):
            _parsing.checked(user_inactivity_timeout, "userInactivityTimeout", (int, float, Unset), "float")

        max_call_duration = src_dict.get("maxCallDuration", UNSET)
        if (
            type(max_call_duration) is not int
            and type(max_call_duration) is not float
            and max_call_duration is not UNSET
        ):
            _parsing.checked(max_call_duration, "maxCallDuration", (int, float, Unset), "float")

        response_delay = src_dict.get("responseDelay", UNSET)
        if type(response_delay) is not int and type(response_delay) is not float and response_delay is not UNSET:
            _parsing.checked(response_delay, "responseDelay", (int, float, Unset), "float")

        background_noise = src_dict.get("backgroundNoise", UNSET)
        if background_noise is not True and background_noise is not False and background_noise is not UNSET:
            _parsing.checked(background_noise, "backgroundNoise", (bool, Unset), "bool")

        wait_for_user_to_speak_first = src_dict.get("waitForUserToSpeakFirst", UNSET)
        if (
            type(wait_for_user_to_speak_first) is not int
            and type(wait_for_user_to_speak_first) is not float
            and wait_for_user_to_speak_first is not UNSET
        ):
            _parsing.checked(wait_for_user_to_speak_first, "waitForUserToSpeakFirst", (int, float, Unset), "float")

        thinking_voice = src_dict.get("thinkingVoice", UNSET)
        if thinking_voice is not True and thinking_voice is not False and thinking_voice is not UNSET:
            _parsing.checked(thinking_voice, "thinkingVoice", (bool, Unset), "bool")

        speaker_identification = src_dict.get("speakerIdentification", UNSET)
        if (
            speaker_identification is not True
            and speaker_identification is not False
            and speaker_identification is not UNSET
        ):
            _parsing.checked(speaker_identification, "speakerIdentification", (bool, Unset), "bool")

        _llm_config = src_dict.get("llmConfig", UNSET)
        llm_config: LlmConfig | Unset = (
            UNSET
            if _llm_config is UNSET
            else LlmConfig.from_dict(_llm_config)
            if type(_llm_config) is dict
            else _parsing.checked(_llm_config, "llmConfig", (Unset,), "object", LlmConfig.from_dict)
        )

        _noise_cancellation = src_dict.get("noiseCancellation", UNSET)
        noise_cancellation: None | str | Unset = _noise_cancellation
        if (
            _noise_cancellation is not None
            and type(_noise_cancellation) is not str
            and _noise_cancellation is not UNSET
        ):
            noise_cancellation = _parsing.checked(
                _noise_cancellation, "noiseCancellation", (_parsing.NoneType, str, Unset), "None | str"
            )

        _cancel_noise_per = src_dict.get("cancelNoisePer", UNSET)
        cancel_noise_per: None | str | Unset = _cancel_noise_per
        if _cancel_noise_per is not None and type(_cancel_noise_per) is not str and _cancel_noise_per is not UNSET:
            cancel_noise_per = _parsing.checked(
                _cancel_noise_per, "cancelNoisePer", (_parsing.NoneType, str, Unset), "None | str"
            )

        agentic_rag = src_dict.get("agenticRag", UNSET)
        if agentic_rag is not True and agentic_rag is not False and agentic_rag is not UNSET:
            _parsing.checked(agentic_rag, "agenticRag", (bool, Unset), "bool")

        language_dialect_switcher = src_dict.get("languageDialectSwitcher", UNSET)
        if (
            language_dialect_switcher is not True
            and language_dialect_switcher is not False
            and language_dialect_switcher is not UNSET
        ):
            _parsing.checked(language_dialect_switcher, "languageDialectSwitcher", (bool, Unset), "bool")

        min_interruption_duration = src_dict.get("minInterruptionDuration", UNSET)
        if (
            type(min_interruption_duration) is not int
            and type(min_interruption_duration) is not float
            and min_interruption_duration is not UNSET
        ):
            _parsing.checked(min_interruption_duration, "minInterruptionDuration", (int, float, Unset), "float")

        vad_activation_threshold = src_dict.get("vadActivationThreshold", UNSET)
        if (
            type(vad_activation_threshold) is not int
            and type(vad_activation_threshold) is not float
            and vad_activation_threshold is not UNSET
        ):
            _parsing.checked(vad_activation_threshold, "vadActivationThreshold", (int, float, Unset), "float")

        enable_auto_gain_control = src_dict.get("enableAutoGainControl", UNSET)
        if (
            enable_auto_gain_control is not True
            and enable_auto_gain_control is not False
            and enable_auto_gain_control is not UNSET
        ):
            _parsing.checked(enable_auto_gain_control, "enableAutoGainControl", (bool, Unset), "bool")

        send_denoised_to_stt = src_dict.get("sendDenoisedToStt", UNSET)
        if send_denoised_to_stt is not True and send_denoised_to_stt is not False and send_denoised_to_stt is not UNSET:
            _parsing.checked(send_denoised_to_stt, "sendDenoisedToStt", (bool, Unset), "bool")

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
