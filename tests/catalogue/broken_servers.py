"""Deliberately broken variants of the embedded mock, each breaking ONE rule of the contract, the
way real servers break it. Grouped by class: credentials, equal inputs, input size, characters,
overlap, unknown ids, storage, times, configuration, key leaks, schema faults, server errors,
rate limits and hangs. The servers that conform (and must pass) are in `conformant_servers.py`;
`catalogue.py` says what the suite must report for each.

Point the suite at one with `HAMSA_MOCK_APP=tests.catalogue.broken_servers:<name>`, or
serve it and run live (`live.py`). `slow_60ms` (the correct mock, 60 ms late) is here too, for
timing the suite:

    HAMSA_MOCK_TRANSPORT=http \
    HAMSA_MOCK_APP=tests.catalogue.broken_servers:slow_60ms make contract-test
"""

from __future__ import annotations

import base64
import html
import json
import re
import unicodedata
import urllib.parse
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any, Final

import anyio

from hamsa_contract import _agent_name_rules as name_rules
from hamsa_contract._spec import CLONE_PATH
from hamsa_contract.mock import DEFAULT_API_KEY, TEMPLATE_IDS, MockApp, create_app
from tests.catalogue.conformant_servers import every_nth, slow_60ms
from tests.support.wrapping import (
    TEMPLATE_ID,
    VALID_AUTHORIZATION,
    Answer,
    Asked,
    Factory,
    Handler,
    Send,
    WrappedMock,
    answer_when,
    error,
    per_server,
    rewrite_answers,
    rewrite_clones,
    rewrite_names,
    rewrite_requests,
    variant,
)

__all__ = ["slow_60ms"]

UNKNOWN_SOURCE: Final = "contract-test-forgotten"

# --- credentials that are almost right ----------------------------------------------------------


def _accepts_key_when(sloppy: Callable[[str, str], bool]) -> Callable[[Asked], Asked]:
    """Treat one `Token <key>` header as valid when `sloppy(key sent, real key)` holds."""

    def on_request(asked: Asked) -> Asked:
        values = asked.headers("authorization")
        if len(values) != 1:
            return asked
        scheme, _, sent = values[0].partition(" ")
        if scheme == "Token" and sent and sloppy(sent, DEFAULT_API_KEY):
            return asked.with_header("authorization", VALID_AUTHORIZATION)
        return asked

    return on_request


#: Accepts any Authorization header as the valid key (a wrong key, a wrong scheme, garbage).
accepts_any_key = rewrite_requests(
    lambda asked: (
        asked.with_header("authorization", VALID_AUTHORIZATION)
        if asked.header("authorization")
        else asked
    )
)
#: Accepts requests without credentials at all (auth middleware not mounted on this route).
accepts_no_credentials = rewrite_requests(
    lambda asked: (
        asked
        if asked.header("authorization")
        else asked.with_header("authorization", VALID_AUTHORIZATION)
    )
)
#: Rejects the valid key: every request gets 401.
rejects_valid_key = answer_when(lambda asked: True, lambda asked: error(401, "Unauthorized"))
#: Accepts any `Token <anything>`: it never looks the key up.
accepts_unknown_token = rewrite_requests(_accepts_key_when(lambda sent, key: True))
#: Compares all but the last character (an off-by-one in a hand-written compare).
key_last_character_ignored = rewrite_requests(
    _accepts_key_when(lambda sent, key: len(sent) == len(key) and sent[:-1] == key[:-1])
)
#: Compares only as many characters as were sent (strncmp with the sent length): any prefix passes.
key_prefix_accepted = rewrite_requests(_accepts_key_when(lambda sent, key: key.startswith(sent)))
#: Compares only the first half of the key (a key id, the secret part never checked).
key_first_half_only = rewrite_requests(
    _accepts_key_when(lambda sent, key: sent[: len(key) // 2] == key[: len(key) // 2])
)
#: Compares keys without regard to case.
key_case_insensitive = rewrite_requests(
    _accepts_key_when(lambda sent, key: sent.lower() == key.lower())
)
#: Accepts any header that contains the key (a substring search).
key_substring_accepted = rewrite_requests(_accepts_key_when(lambda sent, key: key in sent))
#: Ignores characters after the key (compares the key's length only).
key_trailing_characters_ignored = rewrite_requests(
    _accepts_key_when(lambda sent, key: sent.startswith(key))
)


def _scheme_ignored(asked: Asked) -> Asked:
    value = asked.header("authorization") or ""
    if value.split(" ")[-1] == DEFAULT_API_KEY:
        return asked.with_header("authorization", VALID_AUTHORIZATION)
    return asked


#: Accepts the key under any scheme, or bare (`Bearer <key>`, `<key>`).
scheme_ignored = rewrite_requests(_scheme_ignored)


def _bearer_as_token(asked: Asked) -> Asked:
    value = asked.header("authorization") or ""
    if value.startswith("Bearer "):
        return asked.with_header("authorization", f"Token {value.removeprefix('Bearer ')}")
    return asked


#: Accepts `Bearer <key>` as well as `Token <key>`.
accepts_bearer = rewrite_requests(_bearer_as_token)


def _bearer_only(asked: Asked) -> Asked:
    value = asked.header("authorization") or ""
    if value == VALID_AUTHORIZATION:
        return asked.with_header("authorization", "Token refused-as-token")
    return _bearer_as_token(asked)


#: Takes the key only as `Bearer <key>` and refuses `Token <key>`: to every rule sent with the key
#: it looks like a wrong key, but the key gets in, so the server is broken, not the settings.
bearer_only = rewrite_requests(_bearer_only)


def _one_authorization(pick: Callable[[list[str]], str]) -> Callable[[Asked], Asked]:
    def on_request(asked: Asked) -> Asked:
        values = asked.headers("authorization")
        return asked.with_header("authorization", pick(values)) if len(values) > 1 else asked

    return on_request


#: With several Authorization headers, reads the last (decision 9: only the first may decide).
last_authorization_header = rewrite_requests(_one_authorization(lambda values: values[-1]))
#: With several Authorization headers, accepts the request when any of them is valid (so both
#: orders get in).
any_authorization_header = rewrite_requests(
    _one_authorization(
        lambda values: VALID_AUTHORIZATION if VALID_AUTHORIZATION in values else values[0]
    )
)


def _lookup_before_auth(app: MockApp) -> Handler:
    async def handler(asked: Asked, send: Send) -> Answer:
        agent_id = asked.voice_agent_id
        if (
            asked.is_clone
            and asked.header("authorization") != VALID_AUTHORIZATION
            and agent_id
            and app.store.get(agent_id) is None
        ):
            return error(404, "Voice agent not found")
        return await send(asked)

    return handler


#: Looks the agent up before checking credentials: without a valid key, an unknown id gets 404
#: (decision 8: it tells an unauthenticated caller which ids exist).
lookup_before_auth = per_server(_lookup_before_auth)


# --- equal inputs: names are not keys -----------------------------------------------------------


def _names_are_keys(on_repeat: Callable[[Answer], Answer]) -> Callable[[MockApp], Handler]:
    def make(app: MockApp) -> Handler:
        first: dict[str, Answer] = {}

        async def handler(asked: Asked, send: Send) -> Answer:
            name = asked.agent_name
            if asked.authorized and isinstance(name, str) and name in first:
                return on_repeat(first[name])
            answer = await send(asked)
            if asked.is_clone and answer.status == 200 and isinstance(name, str):
                first[name] = answer
            return answer

        return handler

    return make


#: A second clone with a name already taken gets 409 Conflict.
duplicate_name_409 = per_server(
    _names_are_keys(lambda first: error(409, "An agent with this name already exists"))
)
#: A second clone with a name already taken gets 400.
duplicate_name_400 = per_server(
    _names_are_keys(lambda first: error(400, "agentName must be unique"))
)
#: A second clone with a name already taken gets the first agent back (same id), nothing new.
duplicate_name_returns_first = per_server(_names_are_keys(lambda first: first))

# --- input size: up to 150 characters kept exactly, longer kept or refused, never cut -----------
# (CONTRACT.md decision 12)

#: Cuts names to 255 characters (a VARCHAR(255) column).
truncates_names_255 = rewrite_names(lambda name: name[:255])
#: Cuts names to 1000 characters.
truncates_names_1000 = rewrite_names(lambda name: name[:1000])
#: Cuts names to 4096 characters.
truncates_names_4096 = rewrite_names(lambda name: name[:4096])


def _long_name(limit: int) -> Callable[[Asked], bool]:
    return lambda asked: (
        asked.authorized and isinstance(asked.agent_name, str) and len(asked.agent_name) > limit
    )


#: Crashes (500) on names over 1000 characters.
long_names_500 = answer_when(_long_name(1000), lambda asked: error(500, "Internal server error"))
#: Cuts names to the vendor's documented 150 characters instead of refusing longer ones.
cuts_names_at_150 = rewrite_names(lambda name: name[: name_rules.KEPT_NAME_LENGTH])
#: Refuses names over 100 characters with 400: a limit below the vendor's 150.
name_limit_100 = answer_when(
    lambda asked: (
        asked.authorized
        and isinstance(asked.agent_name, str)
        and name_rules.name_length(asked.agent_name) > 100
    ),
    lambda asked: error(400, "agentName is too long"),
)
#: Refuses names over 150 bytes of UTF-8 with 400 (a VARBINARY(150) column, or `Buffer.byteLength`
#: where `.length` was meant): 150 characters of Arabic or emoji are refused.
name_limit_in_utf8_bytes = answer_when(
    lambda asked: (
        asked.authorized
        and isinstance(asked.agent_name, str)
        and len(asked.agent_name.encode()) > name_rules.KEPT_NAME_LENGTH
    ),
    lambda asked: error(400, "agentName is too long"),
)


async def _null_name_crashes(asked: Asked, send: Send) -> Answer:
    """500 for a body without a name once the source is found (an unknown id still gets 404, so
    only a real clone shows it): the code that names the clone reads `agentName.trim()` of a
    missing name."""
    found = await send(asked)
    if found.status == 200 and name_rules.asks_for_no_name(asked.json()):
        return error(500, "Internal server error")
    return found


#: Crashes (500) on a clone request without a name (decision 4: 400 or a clone, never a 5xx).
missing_name_500 = variant(_null_name_crashes)

# --- characters: the name comes back exactly as sent --------------------------------------------

#: HTML-escapes names (`<` becomes `&lt;`), as a server that escapes on input does.
html_escapes_names = rewrite_names(html.escape)
#: Strips HTML tags from names (an input sanitiser).
strips_tags = rewrite_names(lambda name: re.sub(r"<[^>]*>", "", name))
#: Drops control characters (tab, newline, escape, DEL, ...).
strips_control_characters = rewrite_names(
    lambda name: "".join(ch for ch in name if unicodedata.category(ch) != "Cc")
)
#: Drops NUL characters only (a C string on the way to storage).
drops_nul = rewrite_names(lambda name: name.replace("\x00", ""))
#: Drops zero-width and bidirectional marks.
strips_invisible_characters = rewrite_names(
    lambda name: "".join(ch for ch in name if unicodedata.category(ch) != "Cf")
)
#: Normalises names to NFC.
nfc_names = rewrite_names(lambda name: unicodedata.normalize("NFC", name))
#: Normalises names to NFKC.
nfkc_names = rewrite_names(lambda name: unicodedata.normalize("NFKC", name))
#: Normalises names to NFD (a macOS file system on the way).
nfd_names = rewrite_names(lambda name: unicodedata.normalize("NFD", name))
#: Trims leading and trailing whitespace.
trims_names = rewrite_names(str.strip)
#: Collapses runs of spaces into one (but keeps the ends).
collapses_spaces = rewrite_names(lambda name: re.sub(" {2,}", " ", name))
#: Tidies the requested name (trims and collapses whitespace).
tidies_names = rewrite_names(lambda name: " ".join(name.split()))
#: Lowercases names.
lowercases_names = rewrite_names(str.lower)
#: Replaces characters outside the Basic Multilingual Plane (emoji) with U+FFFD (utf8mb3 storage).
mangles_astral_characters = rewrite_names(
    lambda name: "".join("\ufffd" if ord(ch) > 0xFFFF else ch for ch in name)
)
#: Reads UTF-8 as Latin-1 somewhere on the way (mojibake: `café` becomes `cafÃ©`).
mojibake_names = rewrite_names(lambda name: name.encode("utf-8").decode("latin-1"))
#: Unescapes backslash sequences in names (`\n` typed as two characters becomes a newline).
unescapes_backslashes = rewrite_names(lambda name: name.replace("\\n", "\n").replace("\\\\", "\\"))
#: Ignores the requested name: every clone is called after its source.
ignores_requested_name = rewrite_names(lambda name: "Copy of template")


def _markup(asked: Asked) -> bool:
    return isinstance(asked.agent_name, str) and "<script" in asked.agent_name


#: A web application firewall in front refuses names with markup: 403.
firewall_blocks_markup = answer_when(_markup, lambda asked: error(403, "Request blocked"))


def _blank(asked: Asked) -> bool:
    return asked.authorized and (
        isinstance(asked.agent_name, str)
        and asked.agent_name != ""
        and not asked.agent_name.strip()
    )


#: Refuses names made only of whitespace (a valid, non-empty string) with 400.
rejects_blank_names = answer_when(_blank, lambda asked: error(400, "agentName must not be blank"))


def _name_not_a_string(coerce: Callable[[Any], str]) -> Callable[[Asked], Asked]:
    def on_request(asked: Asked) -> Asked:
        document = asked.json()
        if isinstance(document, dict) and "agentName" in document:
            name = document["agentName"]
            if not isinstance(name, str):
                return asked.with_json({**document, "agentName": coerce(name)})
        return asked

    return on_request


#: Coerces a non-string agentName (7, null, a list) to a string and clones (lax validation).
coerces_names_to_strings = rewrite_requests(_name_not_a_string(lambda name: json.dumps(name)))


def _default_body(asked: Asked) -> Asked:
    if asked.is_clone and asked.body and not isinstance(asked.json(), dict):
        return asked.with_json({"agentName": "unnamed"})
    return asked


#: Accepts a body that is not a JSON object (garbage, a list, a string) and clones with a default.
accepts_non_object_body = rewrite_requests(_default_body)

# --- request shapes a loose binder accepts (CONTRACT.md decision 14) ---------------------------


def _as_json(asked: Asked, document: Any) -> Asked:
    return asked.with_json(document).with_header("content-type", "application/json")


def _binds_other_media_types(asked: Asked) -> Asked:
    """Express with urlencoded, multipart and text parsers beside json(), or a model binder that
    reads any body: a name in a form, a multipart field or JSON sent as text/plain is taken."""
    media_type = (asked.header("content-type") or "").split(";")[0].strip().lower()
    if not asked.is_clone or media_type in ("", "application/json"):
        return asked
    if media_type == "application/x-www-form-urlencoded":
        fields = dict(urllib.parse.parse_qsl(asked.body.decode("utf-8", "replace")))
        return _as_json(asked, fields)
    if media_type == "multipart/form-data":
        found = re.search(rb'name="agentName"\r\n\r\n(.*?)\r\n--', asked.body, re.S)
        return _as_json(asked, {"agentName": found.group(1).decode()}) if found else asked
    try:
        return _as_json(asked, json.loads(asked.body))
    except ValueError:
        return asked


#: Clones from a form, a multipart field or JSON sent as text/plain (decision 14: 400 or 415).
binds_other_media_types = rewrite_requests(_binds_other_media_types)


def _first_json_value(asked: Asked) -> Asked:
    """Go's json.Decoder.Decode, or a streaming parser: reads one value and ignores the rest."""
    if not asked.is_clone:
        return asked
    try:
        document, _ = json.JSONDecoder().raw_decode(asked.body.decode("utf-8").lstrip())
    except ValueError:
        return asked
    return asked.with_json(document)


#: Clones from a JSON value followed by more data (decision 14: 400).
reads_first_json_value = rewrite_requests(_first_json_value)


def _not_utf8(asked: Asked) -> bool:
    try:
        asked.body.decode("utf-8")
    except UnicodeDecodeError:
        return asked.is_clone
    return False


#: Crashes on a body that is not UTF-8 (decision 14: 400, never a 5xx).
server_error_on_non_utf8 = answer_when(_not_utf8, lambda asked: error(500, "Internal error"))


def _members_case_insensitive(asked: Asked) -> Asked:
    """Go's encoding/json, or a case-insensitive model binder: the last member whose name is
    agentName in any case wins."""
    document = asked.json() if asked.is_clone else None
    if not isinstance(document, dict):
        return asked
    names = [value for key, value in document.items() if key.lower() == "agentname"]
    return asked.with_json({**document, "agentName": names[-1]}) if names else asked


#: Binds AgentName or AGENTNAME as agentName (decision 14: member names compare exactly).
binds_members_case_insensitively = rewrite_requests(_members_case_insensitive)


def _falsy(asked: Asked) -> bool:
    return asked.authorized and asked.agent_name in ("0", "false", "null")


#: PHP's empty() on the name: "0" (and friends) refused as missing (decision 14: a name).
refuses_falsy_names = answer_when(_falsy, lambda asked: error(400, "agentName is required"))
#: PHP's `$name ?: $source['agentName']`: a "0" clone gets its source's name (decision 14).
falsy_names_default_to_source = rewrite_requests(
    lambda asked: (
        asked.with_json({**asked.json(), "agentName": "Copy of template"})
        if asked.authorized and asked.agent_name == "0"
        else asked
    )
)


#: Crashes on what lenient parsers take besides JSON (NaN): RFC 8259 §9 allows reading it, but
#: a 5xx is never an answer (decision 14).
server_error_on_nan = answer_when(
    lambda asked: asked.is_clone and b"NaN" in asked.body,
    lambda asked: error(500, "Internal error"),
)

# --- overlap: clones in flight at once ----------------------------------------------------------

# Long enough for clones sent together to be in the server together.
OVERLAP_SECONDS: Final = 0.05


def _overlapping(
    on_overlap: Callable[[Asked, Send, list[Asked]], Any],
) -> Callable[[MockApp], Handler]:
    """A handler that holds each clone a moment and lets `on_overlap` answer a clone that arrives
    while others are in flight (`None` from it: answer normally)."""

    def make(app: MockApp) -> Handler:
        in_flight: list[Asked] = []

        async def handler(asked: Asked, send: Send) -> Answer:
            if not (asked.is_clone and asked.authorized):
                return await send(asked)
            others = list(in_flight)
            in_flight.append(asked)
            try:
                await anyio.sleep(OVERLAP_SECONDS)
                answer = await on_overlap(asked, send, others) if others else None
                return answer if answer is not None else await send(asked)
            finally:
                in_flight.remove(asked)

        return handler

    return make


async def _conflict(asked: Asked, send: Send, others: list[Asked]) -> Answer:
    return error(500, "Internal server error: could not obtain lock")


#: A clone that arrives while another is in flight fails with 500 (a lock it cannot take).
overlap_500 = per_server(_overlapping(_conflict))


def _shared_id(app: MockApp) -> Handler:
    """Overlapping clones are each stored, but their answers all carry the first one's id (an id
    made from a timestamp)."""
    first_id: dict[str, str] = {}
    in_flight = 0

    async def handler(asked: Asked, send: Send) -> Answer:
        nonlocal in_flight
        if not asked.is_clone:
            return await send(asked)
        in_flight += 1
        try:
            await anyio.sleep(OVERLAP_SECONDS)
            answer = await send(asked)
            if answer.status != 200:
                return answer
            document = answer.json()
            document["data"]["id"] = first_id.setdefault("id", document["data"]["id"])
            return answer.with_json(document)
        finally:
            in_flight -= 1
            if in_flight == 0:
                first_id.clear()

    return handler


#: Overlapping clones are all stored, but all answered with the same id.
overlap_same_id = per_server(_shared_id)


def _last_write_wins(app: MockApp) -> Handler:
    """Overlapping clones overwrite one another: only the last one finished is stored."""
    lost: set[str] = set()
    group: list[str] = []
    in_flight = 0

    async def handler(asked: Asked, send: Send) -> Answer:
        nonlocal in_flight
        if not asked.is_clone:
            return await send(asked)
        if asked.voice_agent_id in lost:
            asked = asked.with_voice_agent_id(UNKNOWN_SOURCE)
        in_flight += 1
        try:
            await anyio.sleep(OVERLAP_SECONDS)
            answer = await send(asked)
            if answer.status == 200:
                group.append(answer.json()["data"]["id"])
            return answer
        finally:
            in_flight -= 1
            if in_flight == 0:
                lost.update(group[:-1])
                group.clear()

    return handler


#: Of clones in flight together, only the last is stored.
overlap_last_write_wins = per_server(_last_write_wins)

# --- unknown ids --------------------------------------------------------------------------------


async def _unknown_id_clones_template(asked: Asked, send: Send) -> Answer:
    answer = await send(asked)
    if answer.status != 404 or not asked.is_clone:
        return answer
    return await send(asked.with_voice_agent_id(TEMPLATE_ID))


#: Clones a template when the requested voiceAgentId is unknown (200 instead of 404).
unknown_id_clones_template = variant(_unknown_id_clones_template)


def _unknown_id_answer(status: int) -> Factory:
    return rewrite_answers(
        lambda asked, answer: (
            error(status, f"error {status}") if answer.status == 404 and asked.is_clone else answer
        )
    )


#: Crashes on an unknown voiceAgentId (500 instead of 404).
unknown_id_is_500 = _unknown_id_answer(500)
#: Answers an unknown voiceAgentId with 400.
unknown_id_is_400 = _unknown_id_answer(400)
#: Answers an unknown voiceAgentId with 403 (as if it belonged to someone else).
unknown_id_is_403 = _unknown_id_answer(403)
#: Crashes (500) on an unknown voiceAgentId that is not ASCII (an encoding bug on lookup).
unknown_non_ascii_id_is_500 = rewrite_answers(
    lambda asked, answer: (
        error(500, "Internal server error")
        if answer.status == 404 and not (asked.voice_agent_id or "").isascii()
        else answer
    )
)
#: Answers an unknown voiceAgentId with a proxy's HTML 404 page.
unknown_id_html_page = rewrite_answers(
    lambda asked, answer: (
        answer.with_body(b"<html><body><h1>404 Not Found</h1></body></html>", "text/html")
        if answer.status == 404
        else answer
    )
)


def _missing_id_is_404(asked: Asked, answer: Answer) -> Answer:
    if answer.status == 400 and asked.voice_agent_id is None:
        return error(404, "Voice agent not found")
    return answer


#: Answers a request without voiceAgentId with 404 instead of 400.
missing_id_is_404 = rewrite_answers(_missing_id_is_404)

# --- storage ------------------------------------------------------------------------------------


def _only_templates(asked: Asked) -> Asked:
    if asked.voice_agent_id not in (None, *TEMPLATE_IDS.values()):
        return asked.with_voice_agent_id(UNKNOWN_SOURCE)
    return asked


#: Does not store clones: only templates can be cloned.
clones_not_stored = rewrite_requests(_only_templates)

# --- times --------------------------------------------------------------------------------------


def _shift(stamp: str, by: timedelta) -> str:
    moment = datetime.fromisoformat(stamp) + by
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


#: Gives every clone an old createdAt, as if copied from the source.
created_at_of_source = rewrite_clones(
    lambda asked, agent: agent.update(createdAt="2024-01-01T00:00:00.000Z")
)
#: Gives every clone a createdAt a day in the future (a clock in the wrong time zone).
created_at_in_future = rewrite_clones(
    lambda asked, agent: agent.update(
        createdAt=_shift(agent["createdAt"], timedelta(days=1)),
        updatedAt=_shift(agent["updatedAt"], timedelta(days=1)),
    )
)
#: Sets updatedAt a second before createdAt.
updated_at_before_created_at = rewrite_clones(
    lambda asked, agent: agent.update(updatedAt=_shift(agent["createdAt"], timedelta(seconds=-1)))
)
#: Writes createdAt in a format that is not RFC 3339 (`2026-11-27 07:19:11`).
created_at_not_rfc3339 = rewrite_clones(
    lambda asked, agent: agent.update(
        createdAt=datetime.fromisoformat(agent["createdAt"]).strftime("%Y-%m-%d %H:%M:%S")
    )
)
#: Writes createdAt as epoch milliseconds (a number, not a date-time string).
created_at_epoch_millis = rewrite_clones(
    lambda asked, agent: agent.update(
        createdAt=int(datetime.fromisoformat(agent["createdAt"]).timestamp() * 1000)
    )
)

# --- configuration is a copy --------------------------------------------------------------------

#: Does not copy the configuration exactly: every clone's preamble is its own.
config_not_copied = rewrite_clones(
    lambda asked, agent: agent.update(preamble=f"{agent.get('preamble', '')} [{agent['id']}]")
)
#: Fills the clone's name into its greeting ("Hello, I am <name>").
greeting_names_the_clone = rewrite_clones(
    lambda asked, agent: agent.update(greetingMessage=f"Hello, I am {agent['agentName'][:40]}")
)


def _drops_tools_of_clones(asked: Asked, agent: dict[str, Any]) -> None:
    if asked.voice_agent_id not in TEMPLATE_IDS.values():
        agent.pop("tools", None)


#: Copies everything but `tools` when the source is itself a clone.
clone_of_clone_loses_tools = rewrite_clones(_drops_tools_of_clones)
#: Gives the clone the id of its source.
same_id_as_source = rewrite_clones(
    lambda asked, agent: agent.update(id=asked.voice_agent_id or agent["id"])
)

# --- the key never comes back -------------------------------------------------------------------

#: Echoes the Authorization header back in a debug header.
leaks_key_in_header = rewrite_answers(
    lambda asked, answer: answer.with_header(
        "x-debug-authorization", asked.header("authorization") or ""
    )
)
#: Puts the API key itself where the id of the key belongs.
leaks_key_in_body = rewrite_clones(lambda asked, agent: agent.update(apiKeyId=DEFAULT_API_KEY))


def _key_in_error_message(asked: Asked, answer: Answer) -> Answer:
    if answer.status < 400:
        return answer
    document = answer.json()
    document["message"] = f"{document['message']} (request with {asked.header('authorization')})"
    return answer.with_json(document)


#: Quotes the request's Authorization header in error messages.
leaks_key_in_error_message = rewrite_answers(_key_in_error_message)
#: Returns the key base64-encoded in a session header (as in HTTP Basic credentials).
leaks_key_base64 = rewrite_answers(
    lambda asked, answer: answer.with_header(
        "x-session", base64.b64encode(f"user:{DEFAULT_API_KEY}".encode()).decode()
    )
)


# The key the echoing servers below accept (each forms of it differ from it: `/` escaped in JSON,
# `+`, `?`, `=`, `&` URL-encoded, `&` and `>` HTML-escaped, `+` and `/` in its base64). Run them
# live with HAMSA_API_KEY=ECHOED_KEY (tests/hamsa_contract/test_key_never_leaks.py).
ECHOED_KEY: Final = "hk/live+7?id=Zq&x>~9"


def _echoes_key(rewrite: Callable[[Answer, str], Answer]) -> Factory:
    """A mock accepting ECHOED_KEY whose answers are rewritten by `rewrite(answer, key sent)`."""

    def factory() -> WrappedMock:
        async def handler(asked: Asked, send: Send) -> Answer:
            answer = await send(asked)
            _, _, key = (asked.header("authorization") or "").partition(" ")
            return rewrite(answer, key) if key else answer

        return WrappedMock(create_app(api_key=ECHOED_KEY), handler)

    return factory


def _key_in_body(spell: Callable[[str], str]) -> Factory:
    """Echoes the key, spelled by `spell`, as `requestedWith` in every JSON answer."""

    def rewrite(answer: Answer, key: str) -> Answer:
        if not answer.body.startswith(b"{"):
            return answer
        # Written by hand: the spelling is the server's, not json.dumps' (the spelled key is
        # valid inside a JSON string: ECHOED_KEY holds no quote and no backslash).
        echoed = f', "requestedWith": "{spell(key)}"}}'.encode()
        return answer.with_body(answer.body.rstrip()[:-1] + echoed)

    return _echoes_key(rewrite)


def _key_in_header(name: str, spell: Callable[[str], str]) -> Factory:
    return _echoes_key(lambda answer, key: answer.with_header(name, spell(key)))


#: Echoes the key JSON-encoded the way PHP's json_encode does by default: `/` written `\/`.
leaks_key_json_escaped_slash = _key_in_body(lambda key: key.replace("/", "\\/"))
#: Echoes the key with every character as a JSON `\uXXXX` escape (ensure_ascii encoders, UTF-16).
leaks_key_json_u_escaped = _key_in_body(lambda key: "".join(f"\\u{ord(c):04x}" for c in key))
#: Echoes the key HTML-escaped, every character a numeric entity (`&#104;`), as template engines
#: and WAF block pages write echoed input.
leaks_key_html_entities = _key_in_body(lambda key: "".join(f"&#{ord(c)};" for c in key))
#: Echoes the key URL-encoded (lower-case hex, `+` for nothing: as form encoders write it).
leaks_key_url_encoded = _key_in_body(
    lambda key: urllib.parse.quote(key, safe="").replace("%2F", "%2f").replace("%3F", "%3f")
)
# Header names schemathesis does not mask by itself (it masks names with `key`, `session`...).
#: Echoes base64 of the key (standard alphabet, padded) in a header.
leaks_key_base64_standard = _key_in_header(
    "x-request-id", lambda key: base64.b64encode(key.encode()).decode()
)
#: Echoes base64 of `Token <key>` (URL-safe alphabet, unpadded) in a header, as a JWT segment.
leaks_key_base64_url_safe_token = _key_in_header(
    "x-trace",
    lambda key: base64.urlsafe_b64encode(f"Token {key}".encode()).decode().rstrip("="),
)
#: Sets a cookie whose value is the key, URL-encoded as PHP's setcookie() does (`~` too).
leaks_key_in_set_cookie = _key_in_header(
    "set-cookie",
    lambda key: f"remember={urllib.parse.quote(key, safe='').replace('~', '%7E')}; Path=/",
)
#: Names a URL carrying the key in `Location`, as a redirect to a login page would (encoded as
#: urllib.parse.quote does by default: `/` kept).
leaks_key_in_location = _key_in_header(
    "location", lambda key: "/login?next=" + urllib.parse.quote(key)
)
#: The servers above that accept ECHOED_KEY only (tests/hamsa_contract/test_key_never_leaks.py).
ECHOED_KEY_SERVERS: Final = (
    "leaks_key_json_escaped_slash",
    "leaks_key_json_u_escaped",
    "leaks_key_html_entities",
    "leaks_key_url_encoded",
    "leaks_key_base64_standard",
    "leaks_key_base64_url_safe_token",
    "leaks_key_in_set_cookie",
    "leaks_key_in_location",
)

# --- schema faults ------------------------------------------------------------------------------

#: Drops a required field of the agent.
drops_updated_at = rewrite_clones(lambda asked, agent: agent.pop("updatedAt"))
#: Drops the agent's id.
drops_id = rewrite_clones(lambda asked, agent: agent.pop("id"))
#: Answers null for a boolean that is not nullable.
null_real_time = rewrite_clones(lambda asked, agent: agent.update(realTime=None))
#: Answers a number as a string.
string_silence_threshold = rewrite_clones(
    lambda asked, agent: agent.update(silenceThreshold=str(agent["silenceThreshold"]))
)
#: Answers an array of strings as one comma-separated string.
string_poke_messages = rewrite_clones(
    lambda asked, agent: agent.update(pokeMessages=",".join(agent.get("pokeMessages", [])))
)
#: Answers NaN for a number (Python's json module writes it; it is not JSON).
nan_silence_threshold = rewrite_clones(
    lambda asked, agent: agent.update(silenceThreshold=float("nan"))
)


def _envelope(edit: Callable[[dict[str, Any]], None], statuses: range) -> Factory:
    def on_answer(asked: Asked, answer: Answer) -> Answer:
        if answer.status not in statuses:
            return answer
        document = answer.json()
        edit(document)
        return answer.with_json(document)

    return rewrite_answers(on_answer)


#: Says `success: false` on a 200.
success_false_on_200 = _envelope(lambda doc: doc.update(success=False), range(200, 201))
#: Says `success: "true"` (a string) on a 200.
success_as_string = _envelope(lambda doc: doc.update(success="true"), range(200, 201))
#: Wraps the agent in a list (`data: [agent]`).
data_as_list = _envelope(lambda doc: doc.update(data=[doc["data"]]), range(200, 201))
#: Leaves `message` out of error answers (`messageKey` stays; there is no `error` either).
error_without_message = _envelope(lambda doc: doc.pop("message"), range(400, 600))
#: Error answers carry their text under `detail` (FastAPI's default), neither `message` nor
#: `error`: no SDK of the vendor's would find it (decision 5).
errors_in_detail = _envelope(
    lambda doc: doc.update(detail=doc.pop("message")) or doc.pop("messageKey", None),
    range(400, 600),
)
#: Sends error answers as plain text.
text_errors = rewrite_answers(
    lambda asked, answer: (
        answer.with_body(b"something went wrong", "text/plain") if answer.status >= 400 else answer
    )
)
#: Sends 401 answers as a login HTML page (a gateway in front).
html_401_page = rewrite_answers(
    lambda asked, answer: (
        answer.with_body(b"<!doctype html><title>Sign in</title>", "text/html; charset=utf-8")
        if answer.status == 401
        else answer
    )
)
#: Labels successful answers `text/plain` (the body is still JSON).
success_as_text_plain = rewrite_answers(
    lambda asked, answer: (
        answer.with_header("content-type", "text/plain") if answer.status == 200 else answer
    )
)
#: Cuts the body of successful answers short (invalid JSON).
truncated_success_body = rewrite_answers(
    lambda asked, answer: answer.with_body(answer.body[:-20]) if answer.status == 200 else answer
)
#: Answers invalid requests with 422, a status the spec does not document.
undocumented_status = rewrite_answers(
    lambda asked, answer: answer.with_status(422) if answer.status == 400 else answer
)
#: Answers successful clones with 201 Created, a status the spec does not document.
created_201 = rewrite_answers(
    lambda asked, answer: answer.with_status(201) if answer.status == 200 else answer
)
#: Answers errors with 200 and the error envelope (`success: false`).
errors_as_200 = rewrite_answers(
    lambda asked, answer: answer.with_status(200) if answer.status >= 400 else answer
)
#: Renames a required field (createdAt -> created_at): the generated client cannot read answers.
renames_created_at = rewrite_clones(
    lambda asked, agent: agent.update(created_at=agent.pop("createdAt"))
)

# --- server errors on some inputs ---------------------------------------------------------------

#: Crashes (500) on agent names that are not ASCII.
server_error_on_non_ascii_names = answer_when(
    lambda asked: (
        asked.authorized and isinstance(asked.agent_name, str) and not asked.agent_name.isascii()
    ),
    lambda asked: error(500, "Internal server error"),
)
#: Crashes (500) on names with a single quote (SQL built by string concatenation).
server_error_on_quotes = answer_when(
    lambda asked: (
        asked.authorized and isinstance(asked.agent_name, str) and "'" in asked.agent_name
    ),
    lambda asked: error(500, "syntax error at or near"),
)
#: Crashes (500) on a body that is not JSON.
server_error_on_invalid_json = answer_when(
    lambda asked: asked.authorized and asked.is_clone and bool(asked.body) and asked.json() is None,
    lambda asked: error(500, "Unexpected token in JSON"),
)
#: Crashes (500) when agentName is not a string.
server_error_on_non_string_name = answer_when(
    lambda asked: (
        asked.authorized
        and isinstance(asked.json(), dict)
        and "agentName" in asked.json()
        and not isinstance(asked.agent_name, str)
    ),
    lambda asked: error(500, "name.trim is not a function"),
)
#: A proxy in front of the API answers 502 with a JSON body of its own, without the error
#: envelope (`{"detail": "Bad Gateway"}`: no `success`, `message` or `error`), on non-ASCII names.
gateway_error_without_envelope = answer_when(
    lambda asked: (
        asked.authorized and isinstance(asked.agent_name, str) and not asked.agent_name.isascii()
    ),
    lambda asked: Answer(
        502, [(b"content-type", b"application/json")], b'{"detail": "Bad Gateway"}'
    ),
)

# --- rate limits and hangs ----------------------------------------------------------------------


def _too_many(retry_after: str | None) -> Callable[[Asked], Answer]:
    def answer(asked: Asked) -> Answer:
        made = error(429, "Too many requests")
        return made if retry_after is None else made.with_header("retry-after", retry_after)

    return answer


#: Answers every clone request 429 with Retry-After: 1, without end.
rate_limited_forever = answer_when(lambda asked: asked.is_clone, _too_many("1"))
#: Answers every clone request 429 asking to wait an hour.
rate_limited_for_an_hour = answer_when(lambda asked: asked.is_clone, _too_many("3600"))


async def _hang(asked: Asked) -> Answer:
    await anyio.sleep_forever()
    raise AssertionError("unreachable")


def _hangs_on_unknown_id(app: MockApp) -> Handler:
    async def handler(asked: Asked, send: Send) -> Answer:
        agent_id = asked.voice_agent_id
        if asked.is_clone and agent_id and app.store.get(agent_id) is None:
            return await _hang(asked)
        return await send(asked)

    return handler


#: Never answers a clone of an unknown voiceAgentId.
hangs_on_unknown_id = per_server(_hangs_on_unknown_id)
#: Never answers a request whose body is not JSON.
hangs_on_invalid_json = answer_when(
    lambda asked: asked.is_clone and bool(asked.body) and asked.json() is None, _hang
)

# Seconds between two bytes of a dripped answer: each read is quick, the whole answer is not.
DRIP_SECONDS: Final = 0.5


class _DripsOnUnknownId(WrappedMock):
    """Sends the head of its answer to a clone of an unknown voiceAgentId at once, then the body a
    byte every DRIP_SECONDS (until the client leaves)."""

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body", False):
                break
        asked = Asked(scope, body)
        answer = await self._send_to_mock(asked)
        await send(
            {"type": "http.response.start", "status": answer.status, "headers": answer.headers}
        )
        if not (asked.is_clone and answer.status == 404):
            await send({"type": "http.response.body", "body": answer.body})
            return
        async with anyio.create_task_group() as group:

            async def stop_when_the_client_leaves() -> None:
                while (await receive())["type"] != "http.disconnect":
                    pass
                group.cancel_scope.cancel()

            group.start_soon(stop_when_the_client_leaves)
            for byte in answer.body:
                await send({"type": "http.response.body", "body": bytes([byte]), "more_body": True})
                await anyio.sleep(DRIP_SECONDS)
            await send({"type": "http.response.body", "body": b""})
            group.cancel_scope.cancel()


def drips_on_unknown_id() -> WrappedMock:
    """Drips its answer to a clone of an unknown voiceAgentId (a 404 of ~55 bytes: ~27 s)."""
    return _DripsOnUnknownId(create_app(), lambda asked, send: send(asked))


# --- names through the layers that rewrite text -------------------------------------------------

#: Form-decodes names (`+` becomes a space, `%41` becomes `A`), as a body parsed as a form would.
form_decodes_names = rewrite_names(urllib.parse.unquote_plus)
#: Turns `+` into a space and nothing else (half a form decoder, hand-written).
plus_as_space_names = rewrite_names(lambda name: name.replace("+", " "))
#: Percent-decodes names (`%41` becomes `A`; `+` stays), as a URL-decoding middleware would.
percent_decodes_names = rewrite_names(urllib.parse.unquote)
#: Decodes HTML entities in names (`&amp;` becomes `&`), as an HTML sanitiser's output step would.
html_unescapes_names = rewrite_names(html.unescape)
#: Decodes JSON `\uXXXX` escapes typed as text in names (a second JSON decoding of the string).
json_unescapes_names = rewrite_names(
    lambda name: re.sub(r"\\u([0-9a-fA-F]{4})", lambda match: chr(int(match[1], 16)), name)
)
#: Case-folds names (`straße` becomes `strasse`), as a case-insensitive collation stores them.
casefolds_names = rewrite_names(str.casefold)
#: Replaces Unicode spaces (no-break, em, ideographic) with ASCII spaces.
normalises_unicode_spaces = rewrite_names(
    lambda name: "".join(" " if ch.isspace() and ch not in "\t\n\r\x0b\x0c" else ch for ch in name)
)
#: Turns CRLF into LF in names (a text-mode layer).
normalises_newlines = rewrite_names(lambda name: name.replace("\r\n", "\n"))

# --- other methods on the clone path (CONTRACT.md decision 10) ----------------------------------


def _clones_on(*methods: str) -> Factory:
    """A variant that treats `methods` on the clone path as POST: it clones, taking the name
    from the body or the query."""

    async def handler(asked: Asked, send: Send) -> Answer:
        path: str = asked.scope["path"]
        if asked.scope["method"] not in methods or not path.endswith(CLONE_PATH):
            return await send(asked)
        name = asked.agent_name or dict(asked.query()).get("agentName") or "unnamed"
        posted = replace(asked, scope={**asked.scope, "method": "POST"})
        return await send(
            posted.with_header("content-type", "application/json").with_json({"agentName": name})
        )

    return variant(handler)


#: Clones on GET too (a route registered for any method): a link can create agents.
get_clones = _clones_on("GET", "HEAD")
#: Clones on PUT and PATCH too (an "upsert" handler on the same path).
put_clones = _clones_on("PUT", "PATCH")
#: Answers DELETE on the clone path 204 No Content (a catch-all handler that says it deleted).
delete_answers_204 = answer_when(
    lambda asked: asked.scope["method"] == "DELETE" and asked.scope["path"].endswith(CLONE_PATH),
    lambda asked: Answer(204, [], b""),
)

# --- bodies of every error status (CONTRACT.md decision 5) --------------------------------------

#: Now and then answers 429 with a plain-text body (a gateway's rate limiter), Retry-After: 1.
rate_limit_text_plain = every_nth(
    lambda: Answer(
        429, [(b"content-type", b"text/plain"), (b"retry-after", b"1")], b"Too Many Requests"
    )
)
#: Crashes on a name that is not a string with the framework's HTML debug page (500 text/html).
server_error_html_page = answer_when(
    lambda asked: (
        asked.is_clone
        and asked.authorized
        and isinstance(asked.json(), dict)
        and "agentName" in asked.json()
        and not isinstance(asked.agent_name, str)
    ),
    lambda asked: Answer(
        500,
        [(b"content-type", b"text/html; charset=utf-8")],
        b"<!doctype html><title>500 Internal Server Error</title><h1>TypeError</h1>",
    ),
)

# --- answers that look right at a glance --------------------------------------------------------


def _answers_with_source(app: MockApp) -> Handler:
    async def handler(asked: Asked, send: Send) -> Answer:
        answer = await send(asked)
        source = app.store.get(asked.voice_agent_id or "")
        if not asked.is_clone or answer.status != 200 or source is None:
            return answer
        document = answer.json()
        document["data"] = dict(source)
        return answer.with_json(document)

    return handler


#: Stores the clone but answers with the source agent (its id, its name, its times).
answers_with_source_agent = per_server(_answers_with_source)
#: Writes createdAt and updatedAt in local time without an offset (`2026-12-01T15:04:05.123`).
times_without_offset = rewrite_clones(
    lambda asked, agent: agent.update(
        createdAt=agent["createdAt"].removesuffix("Z"),
        updatedAt=agent["updatedAt"].removesuffix("Z"),
    )
)
#: Puts a UTF-8 byte order mark before every JSON body (RFC 8259 §8.1: must not).
bom_before_json = rewrite_answers(
    lambda asked, answer: (
        answer.with_body(b"\xef\xbb\xbf" + answer.body) if answer.body.startswith(b"{") else answer
    )
)
#: Prefixes successful bodies with `)]}',` (an anti-XSSI guard meant for browsers only).
xssi_prefix = rewrite_answers(
    lambda asked, answer: (
        answer.with_body(b")]}',\n" + answer.body) if answer.status == 200 else answer
    )
)


def _long_name_on_unknown_id(app: MockApp) -> Handler:
    async def handler(asked: Asked, send: Send) -> Answer:
        name = asked.agent_name
        if (
            asked.is_clone
            and asked.authorized
            and isinstance(name, str)
            and len(name) > 1000
            and app.store.get(asked.voice_agent_id or "") is None
        ):
            return await send(asked.with_voice_agent_id(TEMPLATE_ID))
        return await send(asked)

    return handler


#: Clones a template for an unknown voiceAgentId when the name is long (a fallback on one branch).
unknown_id_long_name_clones_template = per_server(_long_name_on_unknown_id)
