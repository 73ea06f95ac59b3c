"""The catalogue of servers the suite is proven against: what the default live run must say about
each (`broken_servers.py`, `conformant_servers.py`).

- BROKEN: "CONTRACT BROKEN", exit 1, with `rule` in a line of the Failures section;
- UNANSWERED: the server leaves requests without an answer (rate-limited without end, hanging):
  never "contract kept", and the run ends with a short account (see `env` for its timeout);
- CONFORMANT: "contract kept", exit 0, no failure, every check run (the variants of the mock in
  `conformant_servers.py`, and the servers built on real stacks in `real_stacks/`);
- SETTINGS: the run stops before any check, with one line naming `rule` (a setting) and exit
  status 3: the server answers exactly as it would to a mistake in the user's settings, so the
  suite cannot tell them apart and names the setting (see
  `src/hamsa_contract/run/_preflight.py`).
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Final

from tests.catalogue import broken_servers, conformant_servers
from tests.catalogue.broken_servers import ECHOED_KEY, ECHOED_KEY_SERVERS
from tests.catalogue.real_stacks import STACKS
from tests.support.live import SelfServed, Served


class Expect(enum.Enum):
    BROKEN = "broken"
    UNANSWERED = "unanswered"
    CONFORMANT = "conformant"
    SETTINGS = "settings"


@dataclass(frozen=True)
class Entry:
    """One server of the catalogue and what the suite must report for it."""

    name: str
    kind: str  # the class of fault (or of allowed difference) it shows
    expect: Expect
    rule: str = ""
    env: Mapping[str, str] = field(default_factory=dict)

    @property
    def factory(self) -> Callable[[], Served | SelfServed]:
        if self.name in STACKS:
            return STACKS[self.name]
        module = conformant_servers if self.expect is Expect.CONFORMANT else broken_servers
        made: Callable[[], Served] = getattr(module, self.name)
        return made


# Rules as the summary names them (each a substring of a `  - <rule> (xN)` line).
ANY_KEY: Final = "no agent is created for a request without valid credentials"
UNKNOWN_ID: Final = "unknown voiceAgentId gives 404"
NAME_EXACT: Final = "A name of at most 150 characters"
NAME_LONG: Final = "A name longer than 150 characters comes back exactly, or gets 400"
NO_NAME: Final = "A body without agentName gets 400 with the error envelope, or a clone"
NEW_ID: Final = "Every clone has a new, non-empty id"
OVERLAP: Final = "Clones requested at the same time, with the same name, each succeed"
STORED: Final = "Each clone is a stored agent"
CREATED_AT: Final = "createdAt is the time of cloning"
SAME_CONFIG: Final = "Clones of one source are equal apart from"
CLONE_OF_CLONE: Final = "A clone of a clone copies its parent's configuration"
LEAK: Final = "No answer carries the API key"
SCHEMA: Final = "ST108 Response violates schema"
SERVER_ERROR: Final = "ST101 Server error"
STATUS: Final = "ST103 Undocumented status code"
CONTENT_TYPE: Final = "ST105 Undocumented Content-Type"
JSON_ERROR: Final = "ST109 JSON deserialization error"
INVALID_BODY: Final = "no agent is created for an invalid request"
UNKNOWN_ID_NO_KEY: Final = "An unknown voiceAgentId without an Authorization header gets 401"
REPEATED: Final = "Two Authorization headers, the valid key and a wrong one"
OTHER_METHODS: Final = "GET, HEAD, PUT, PATCH and DELETE on the clone path never answer 2xx"
NOT_UTF8: Final = "not one JSON value in UTF-8"
EXTENSIONS: Final = "what lenient parsers take besides JSON"
FALSY: Final = "A name other languages read as false, null or empty"
ENVELOPE_5XX: Final = "`server_error_carries_envelope`"
HANG_TIMEOUT: Final = {"HAMSA_REQUEST_TIMEOUT": "3"}


def _broken(name: str, kind: str, rule: str) -> Entry:
    return Entry(name, kind, Expect.BROKEN, rule)


def _conformant(name: str, kind: str) -> Entry:
    return Entry(name, kind, Expect.CONFORMANT)


CATALOGUE: Final = (
    # credentials
    _broken("accepts_any_key", "credentials", ANY_KEY),
    _broken("accepts_no_credentials", "credentials", ANY_KEY),
    # Every form of the key refused, as a wrong key is: indistinguishable from one.
    Entry("rejects_valid_key", "credentials", Expect.SETTINGS, "HAMSA_API_KEY"),
    _broken("bearer_only", "credentials", ANY_KEY),
    _broken("accepts_unknown_token", "credentials", ANY_KEY),
    _broken("key_last_character_ignored", "almost-right credentials", ANY_KEY),
    _broken("key_prefix_accepted", "almost-right credentials", ANY_KEY),
    _broken("key_first_half_only", "almost-right credentials", ANY_KEY),
    _broken("key_case_insensitive", "almost-right credentials", ANY_KEY),
    _broken("key_substring_accepted", "almost-right credentials", ANY_KEY),
    _broken("key_trailing_characters_ignored", "almost-right credentials", ANY_KEY),
    _broken("scheme_ignored", "credentials", ANY_KEY),
    _broken("accepts_bearer", "credentials", ANY_KEY),
    _broken("last_authorization_header", "repeated Authorization", REPEATED),
    _broken("any_authorization_header", "repeated Authorization", REPEATED),
    _broken("lookup_before_auth", "credentials", UNKNOWN_ID_NO_KEY),
    # equal inputs
    _broken("duplicate_name_409", "equal inputs", OVERLAP),
    _broken("duplicate_name_400", "equal inputs", OVERLAP),
    _broken("duplicate_name_returns_first", "equal inputs", NEW_ID),
    # input size
    _broken("truncates_names_255", "input size", NAME_LONG),
    _broken("truncates_names_1000", "input size", NAME_LONG),
    _broken("truncates_names_4096", "input size", NAME_LONG),
    _broken("long_names_500", "input size", SERVER_ERROR),
    # the name's length (decision 12): at each boundary
    _broken("cuts_names_at_150", "name length", NAME_LONG),
    _broken("name_limit_100", "name length", NAME_EXACT),
    _broken("name_limit_in_utf8_bytes", "name length", NAME_EXACT),
    # a body without a name (decision 4)
    _broken("missing_name_500", "no name", NO_NAME),
    # characters
    _broken("html_escapes_names", "characters", NAME_EXACT),
    _broken("strips_tags", "characters", NAME_EXACT),
    _broken("strips_control_characters", "characters", NAME_EXACT),
    _broken("drops_nul", "characters", NAME_EXACT),
    _broken("strips_invisible_characters", "characters", NAME_EXACT),
    _broken("nfc_names", "characters", NAME_EXACT),
    _broken("nfkc_names", "characters", NAME_EXACT),
    _broken("nfd_names", "characters", NAME_EXACT),
    _broken("trims_names", "characters", NAME_EXACT),
    _broken("collapses_spaces", "characters", NAME_EXACT),
    _broken("tidies_names", "characters", NAME_EXACT),
    _broken("lowercases_names", "characters", NAME_EXACT),
    _broken("mangles_astral_characters", "characters", NAME_EXACT),
    _broken("mojibake_names", "characters", NAME_EXACT),
    _broken("unescapes_backslashes", "characters", NAME_EXACT),
    _broken("ignores_requested_name", "characters", NAME_EXACT),
    _broken("firewall_blocks_markup", "characters", STATUS),
    _broken("rejects_blank_names", "characters", "A name of only whitespace is a valid agentName"),
    # layers that rewrite text on its way to storage
    _broken("form_decodes_names", "text-rewriting layers", NAME_EXACT),
    _broken("plus_as_space_names", "text-rewriting layers", NAME_EXACT),
    _broken("percent_decodes_names", "text-rewriting layers", NAME_EXACT),
    _broken("html_unescapes_names", "text-rewriting layers", NAME_EXACT),
    _broken("json_unescapes_names", "text-rewriting layers", NAME_EXACT),
    _broken("casefolds_names", "text-rewriting layers", NAME_EXACT),
    _broken("normalises_unicode_spaces", "text-rewriting layers", NAME_EXACT),
    _broken("normalises_newlines", "text-rewriting layers", NAME_EXACT),
    # other methods on the clone path
    _broken("get_clones", "other methods", OTHER_METHODS),
    _broken("put_clones", "other methods", OTHER_METHODS),
    _broken("delete_answers_204", "other methods", OTHER_METHODS),
    # bodies of every error status
    _broken("rate_limit_text_plain", "error bodies", CONTENT_TYPE),
    _broken("server_error_html_page", "error bodies", CONTENT_TYPE),
    # answers that look right at a glance
    _broken("answers_with_source_agent", "answers", NEW_ID),
    _broken("times_without_offset", "answers", SCHEMA),
    _broken("bom_before_json", "answers", JSON_ERROR),
    _broken("xssi_prefix", "answers", JSON_ERROR),
    # invalid input accepted
    _broken("coerces_names_to_strings", "invalid input", INVALID_BODY),
    _broken("accepts_non_object_body", "invalid input", INVALID_BODY),
    # overlap
    _broken("overlap_500", "overlap", OVERLAP),
    _broken("overlap_same_id", "overlap", OVERLAP),
    _broken("overlap_last_write_wins", "overlap", STORED),
    # unknown ids
    _broken("unknown_id_clones_template", "unknown ids", "no agent is created for an unknown"),
    _broken("unknown_id_is_500", "unknown ids", UNKNOWN_ID),
    _broken("unknown_id_is_400", "unknown ids", UNKNOWN_ID),
    _broken("unknown_id_is_403", "unknown ids", UNKNOWN_ID),
    _broken("unknown_non_ascii_id_is_500", "unknown ids", UNKNOWN_ID),
    _broken("unknown_id_html_page", "unknown ids", CONTENT_TYPE),
    _broken("missing_id_is_404", "unknown ids", "without voiceAgentId gets 400"),
    _broken(
        "unknown_id_long_name_clones_template", "unknown ids", "no agent is created for an unknown"
    ),
    # storage and times
    _broken("clones_not_stored", "storage", STORED),
    _broken("created_at_of_source", "times", CREATED_AT),
    _broken("created_at_in_future", "times", CREATED_AT),
    _broken("updated_at_before_created_at", "times", CREATED_AT),
    _broken("created_at_not_rfc3339", "times", SCHEMA),
    _broken("created_at_epoch_millis", "times", SCHEMA),
    # configuration and ids
    _broken("config_not_copied", "configuration", SAME_CONFIG),
    _broken("greeting_names_the_clone", "configuration", CLONE_OF_CLONE),
    _broken("clone_of_clone_loses_tools", "configuration", CLONE_OF_CLONE),
    _broken("same_id_as_source", "ids", NEW_ID),
    # key leaks
    _broken("leaks_key_in_header", "key leaks", LEAK),
    _broken("leaks_key_in_body", "key leaks", LEAK),
    _broken("leaks_key_in_error_message", "key leaks", LEAK),
    _broken("leaks_key_base64", "key leaks", LEAK),
    *(
        Entry(name, "key leaks", Expect.BROKEN, LEAK, env={"HAMSA_API_KEY": ECHOED_KEY})
        for name in ECHOED_KEY_SERVERS
    ),
    # schema faults
    _broken("drops_updated_at", "schema", SCHEMA),
    _broken("drops_id", "schema", SCHEMA),
    _broken("null_real_time", "schema", SCHEMA),
    _broken("string_silence_threshold", "schema", SCHEMA),
    _broken("string_poke_messages", "schema", SCHEMA),
    _broken("nan_silence_threshold", "schema", SCHEMA),
    _broken("success_false_on_200", "schema", SCHEMA),
    _broken("success_as_string", "schema", SCHEMA),
    _broken("data_as_list", "schema", SCHEMA),
    _broken("error_without_message", "schema", SCHEMA),
    _broken("errors_in_detail", "error bodies", SCHEMA),
    _broken("text_errors", "schema", CONTENT_TYPE),
    _broken("html_401_page", "schema", CONTENT_TYPE),
    _broken("success_as_text_plain", "schema", CONTENT_TYPE),
    _broken("truncated_success_body", "schema", JSON_ERROR),
    _broken("undocumented_status", "schema", STATUS),
    _broken("created_201", "schema", STATUS),
    _broken("errors_as_200", "schema", SCHEMA),
    _broken("renames_created_at", "schema", SCHEMA),
    # server errors on some inputs
    _broken("server_error_on_non_ascii_names", "server errors", SERVER_ERROR),
    _broken("server_error_on_quotes", "server errors", SERVER_ERROR),
    _broken("server_error_on_invalid_json", "server errors", SERVER_ERROR),
    _broken("server_error_on_non_string_name", "server errors", SERVER_ERROR),
    _broken("gateway_error_without_envelope", "server errors", ENVELOPE_5XX),
    # request shapes a loose binder accepts (decision 14)
    _broken("binds_other_media_types", "request shapes", INVALID_BODY),
    _broken("reads_first_json_value", "request shapes", INVALID_BODY),
    _broken("server_error_on_non_utf8", "request shapes", NOT_UTF8),
    _broken("server_error_on_nan", "request shapes", EXTENSIONS),
    _broken("binds_members_case_insensitively", "request shapes", NAME_EXACT),
    _broken("refuses_falsy_names", "request shapes", FALSY),
    _broken("falsy_names_default_to_source", "request shapes", NAME_EXACT),
    _broken("aiohttp_any_content_type", "request shapes (real stack)", INVALID_BODY),
    _broken("falcon_binds_forms", "request shapes (real stack)", INVALID_BODY),
    # no answer
    Entry("rate_limited_forever", "rate limits", Expect.UNANSWERED),
    Entry("rate_limited_for_an_hour", "rate limits", Expect.UNANSWERED),
    Entry("hangs_on_unknown_id", "hangs", Expect.UNANSWERED, env=HANG_TIMEOUT),
    Entry("hangs_on_invalid_json", "hangs", Expect.UNANSWERED, env=HANG_TIMEOUT),
    Entry("drips_on_unknown_id", "hangs", Expect.UNANSWERED, env=HANG_TIMEOUT),
    # conformant
    _conformant("adds_fields", "additions"),
    _conformant("nulls_where_allowed", "optional"),
    _conformant("omits_optional_fields", "optional"),
    _conformant("renames_optional_field", "optional"),
    _conformant("keeps_is_template", "optional"),
    _conformant("errors_with_extra_fields", "additions"),
    _conformant("short_ids", "ids and times"),
    _conformant("times_with_offset", "ids and times"),
    _conformant("times_without_fraction", "ids and times"),
    _conformant("keys_reordered", "bodies"),
    _conformant("ascii_escaped_json", "bodies"),
    _conformant("pretty_json", "bodies"),
    _conformant("charset_in_content_type", "headers"),
    _conformant("extra_headers", "headers"),
    _conformant("gzip_answers", "bodies"),
    _conformant("chunked_answers", "bodies"),
    _conformant("latency_50_200ms", "timing"),
    _conformant("occasional_429", "timing"),
    _conformant("slow_60ms", "timing"),
    _conformant("content_type_in_any_case", "headers"),
    _conformant("quoted_charset", "headers"),
    _conformant("charset_without_space", "headers"),
    _conformant("content_type_upper_case", "headers"),
    _conformant("header_names_in_mixed_case", "headers"),
    _conformant("first_authorization_header", "precedence"),
    _conformant("validates_before_auth", "precedence"),
    _conformant("answers_cors_preflight", "other methods"),
    _conformant("other_methods_404", "other methods"),
    _conformant("options_not_implemented_501", "other methods"),
    _conformant("duplicate_json_keys", "bodies"),
    # what decisions 4, 5 and 12 leave to the server, each way
    _conformant("names_nameless_clones", "no name"),
    _conformant("accepts_empty_name", "no name"),
    _conformant("refuses_a_missing_name", "no name"),
    _conformant("errors_with_error_only", "error bodies"),
    _conformant("refuses_names_over_150", "name length"),
    _conformant("rejects_long_names", "name length"),
    _conformant("keeps_names_up_to_10000", "name length"),
    _conformant("other_media_types_400", "request shapes"),
    _conformant("reads_nan", "request shapes"),
    # conformant, built on real stacks (each with its framework's defaults)
    _conformant("fastapi_pydantic", "real stack"),
    _conformant("fastapi_key_in_handler", "real stack"),
    _conformant("flask_waitress_sqlite", "real stack"),
    _conformant("aiohttp_web", "real stack"),
    _conformant("django_asgi", "real stack"),
    _conformant("falcon_asgi", "real stack"),
    _conformant("stdlib_closes_early", "real stack"),
    _conformant("mock_on_hypercorn", "real stack"),
)
