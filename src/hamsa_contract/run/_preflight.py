"""Settings checked before the server is judged: the first answers of a run tell a mistake in the
user's settings from a broken server.

Four mistakes look like a broken server to every rule, so each is looked for first, from what the
server answered, and each ends the run at once with one line naming the setting and what was seen
(exit status `SETTINGS_WRONG`, distinct from BROKEN, INCOMPLETE and a usage error):

1. no connection to HAMSA_BASE_URL (refused, unknown host, no connect within a few seconds);
2. HAMSA_BASE_URL's path answers nothing like the clone endpoint: a request without a key, which
   the endpoint answers 401 (CONTRACT.md decisions 5 and 8), gets 404, 405 or 501 (no such
   resource, no POST there, no POST at all: RFC 9110 §15.5.5, §15.5.6, §15.6.2; Python's
   `http.server` answers 501), a redirect, or a 2xx that is neither a clone nor an error envelope
   (a web page, another service's JSON). Only this POST's answer counts: a conformant server
   answers 405 to other methods (decision 10), and it is never asked them here;
3. HAMSA_API_KEY refused: `Token <key>` gets 401 for a well-formed request, and so does every
   other way of sending the key (`Bearer <key>`, the bare key). If any of them gets in, the key
   is good and the server is broken (it must take `Token <key>`): the run goes on to BROKEN;
4. HAMSA_VOICE_AGENT_ID unknown: with the key accepted (an unknown id got 404 with it, which a
   server answers only past authentication), the first planned clone of the agent gets 404 too.

The probes cost no agent on a conformant server: 1-3 go to an id that does not exist or carry no
valid key, and 4 is the plan's first clone (`plan.FIRST`), made here and kept for the checks that
read it. They go through the run's door like every request, so their answers are judged and a
server that creates an agent where it must not is caught as it would be later. Anything else
(a 5xx, a 403, a request left unanswered) is no evidence against the settings: the run goes on
and judges it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Final

import httpx

from hamsa_contract import _spec as spec
from hamsa_contract.plan._budget import NotRun
from hamsa_contract.plan._writes import FIRST
from hamsa_contract.run._planned_clones import Clone, make_first
from hamsa_contract.run._suite import Suite
from hamsa_contract.send._door import NoAnswer
from hamsa_contract.send._names import agent_name

# The exit status of a run stopped by a mistake in its settings (see report/_verdict.py for 0-2, and
# cli.CANNOT_START for 4).
SETTINGS_WRONG: Final = 3
# A closed port is refused at once; a host that drops packets would otherwise take the whole
# request timeout to tell.
CONNECT_SECONDS: Final = 5.0
# An id no server has: the key's probe, where a conformant server creates nothing.
UNKNOWN_AGENT: Final = "contract-test-preflight-no-such-agent"
PROBE_NAME: Final = agent_name("settings check")
REDIRECTS: Final = frozenset({301, 302, 303, 307, 308})
# No such resource, no POST on it, no POST on the whole server (RFC 9110 §15.5.5, §15.5.6,
# §15.6.2): whatever the body says, the clone endpoint is not there.
NO_ROUTE: Final = frozenset({404, 405, 501})
# How the probes would send the key, for a server that refuses `Token <key>`: if any gets in,
# the key is good.
OTHER_FORMS: Final = {"Bearer <key>": "Bearer {key}", "the bare key": "{key}"}
# What each probe sends, for `hamsa-contract-test --plan`.
PROBES: Final = (
    "POST the clone path without a key (the endpoint answers 401): is HAMSA_BASE_URL reachable "
    "and the endpoint's root?",
    f"POST with `Token <key>` for the unknown id {UNKNOWN_AGENT} (404 past authentication): is "
    "HAMSA_API_KEY accepted? If refused, the same as `Bearer <key>` and as the bare key",
    "the first planned clone of HAMSA_VOICE_AGENT_ID (404: the agent is unknown)",
)


@dataclass(frozen=True)
class Mistake:
    """A setting the server's answers show to be wrong: which one, and what was seen."""

    variable: str
    flag: str | None
    seen: str

    @property
    def line(self) -> str:
        setting = self.variable if self.flag is None else f"{self.variable} ({self.flag})"
        return f"Wrong setting: {setting}: {self.seen}"


class SettingsWrong(Exception):
    """The run must stop: `mistake` says which setting is wrong."""

    def __init__(self, mistake: Mistake) -> None:
        super().__init__(mistake.line)
        self.mistake = mistake


@dataclass
class Preflight:
    """What the checks saw; `first` is the plan's first clone when they made it."""

    key_accepted: bool = False
    first: Clone | None = None


def check_target(suite: Suite) -> Preflight:
    """Probe the target without creating anything (cases 1-3); raise SettingsWrong for a mistake
    the answers show."""
    seen = Preflight()
    timeout = suite.settings.request_timeout
    with httpx.Client(
        base_url=suite.target.base_url,
        transport=suite.transport,
        timeout=httpx.Timeout(timeout, connect=min(timeout, CONNECT_SECONDS)),
    ) as http:
        try:
            _check_endpoint(http, suite)
            seen.key_accepted = _check_key(http, suite)
        except NoAnswer as exc:
            _raise_if_unreachable(exc, suite)
    return seen


def check_agent(suite: Suite, seen: Preflight) -> None:
    """Case 4, once the key is known to work and the cap funds the first clone: make the plan's
    first clone now (kept in `seen.first` for the checks that read it); SettingsWrong if it gets
    404, as the unknown id did."""
    if not (seen.key_accepted and suite.budget.funding.is_funded(FIRST)):
        return
    try:
        seen.first = make_first(suite)
    except NotRun:
        return
    if seen.first.status_code == 404:
        answer = _answer(seen.first.status_code, seen.first.headers, seen.first.content)
        raise SettingsWrong(
            Mistake(
                "HAMSA_VOICE_AGENT_ID",
                "--voice-agent-id",
                f"no agent {suite.target.voice_agent_id!r} for this key: cloning it got "
                f"{answer}, as the unknown id did, while the key is accepted",
            )
        )


def _post(http: httpx.Client, agent: str, authorization: str | None) -> httpx.Response:
    headers = {} if authorization is None else {spec.token_auth_header(): authorization}
    return http.post(
        spec.CLONE_PATH,
        params={"voiceAgentId": agent},
        headers=headers,
        json={"agentName": PROBE_NAME},
    )


def _check_endpoint(http: httpx.Client, suite: Suite) -> None:
    response = _post(http, suite.target.voice_agent_id, None)
    status = response.status_code
    looks_like_endpoint = not (
        status in NO_ROUTE
        or status in REDIRECTS
        or (200 <= status < 300 and not _is_envelope(response.content))
    )
    if looks_like_endpoint:
        return
    where = f"{suite.target.base_url}{spec.CLONE_PATH}"
    root = "give the API's root, such as https://api.tryhamsa.com"
    if status in REDIRECTS:
        hint = f"it redirects to {response.headers.get('location', '(no Location)')}"
    elif status == 404:
        hint = f"{root} (no /v1, no page path)"
    else:
        hint = f"is another server listening there? {root}"
    raise SettingsWrong(
        Mistake(
            "HAMSA_BASE_URL",
            "--base-url",
            f"POST {where} without a key got {_answer(status, response.headers, response.content)}"
            f", nothing like the clone endpoint (it answers 401); {hint}",
        )
    )


def _check_key(http: httpx.Client, suite: Suite) -> bool:
    """Whether the key is known to be accepted; SettingsWrong if every form of it is refused."""
    key = suite.target.api_key
    response = _post(http, UNKNOWN_AGENT, f"Token {key}")
    if response.status_code != 401:
        return response.status_code == 404
    for form in OTHER_FORMS.values():
        if _post(http, UNKNOWN_AGENT, form.format(key=key)).status_code != 401:
            # The key gets in another way: the server is broken, not the key.
            return True
    advice = "check the key (it is read from the environment only)"
    if not _is_envelope(response.content):
        # Another server's own login (a proxy's, another API's) refuses every key alike.
        advice += "; that 401 is not the API's error envelope: is HAMSA_BASE_URL the API's?"
    raise SettingsWrong(
        Mistake(
            "HAMSA_API_KEY",
            None,
            f"refused: `Token <key>` got {_answer(401, response.headers, response.content)}, "
            f"and so did {' and '.join(OTHER_FORMS)}; {advice}",
        )
    )


def _raise_if_unreachable(exc: NoAnswer, suite: Suite) -> None:
    """A request that got no answer is a settings mistake only when no connection was made."""
    cause = exc.__context__
    if isinstance(cause, httpx.ConnectError | httpx.ConnectTimeout | httpx.UnsupportedProtocol):
        reason = str(cause) or type(cause).__name__
        raise SettingsWrong(
            Mistake(
                "HAMSA_BASE_URL",
                "--base-url",
                f"no connection to {suite.target.base_url} ({reason}); is the server running "
                "there?",
            )
        ) from None


def _is_envelope(body: bytes) -> bool:
    """A JSON object with a boolean `success`: the shape of clone and error answers alike (an
    error's text in `message` or `error`, decision 5, or in neither: that is judged later)."""
    try:
        document = json.loads(body)
    except (ValueError, RecursionError):
        return False
    return isinstance(document, dict) and isinstance(document.get("success"), bool)


def _answer(status: int, headers: httpx.Headers, body: bytes) -> str:
    """`404 (text/html)`, with the error message when the body is the envelope (its `message`,
    or its `error`: CONTRACT.md decision 5)."""
    content_type = headers.get("content-type", "no content type").split(";")[0]
    try:
        document = json.loads(body)
        message = document.get("message") or document.get("error")
    except (ValueError, RecursionError, AttributeError):
        message = None
    said = f' "{message[:80]}"' if isinstance(message, str) else ""
    return f"{status} ({content_type}){said}"
