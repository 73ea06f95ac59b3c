"""The API key never comes back: not in a header, not in a body, whatever the answer.

Every answer of the run gets the same check (`api_key_not_echoed`, through the judge and
schemathesis); these are the answers that matter most, one of each status. The 200 is the first
planned clone's: no agent is created for this family.
"""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest

from hamsa_contract.judge._leaks import key_leaks
from hamsa_contract.run._planned_clones import Clone
from hamsa_contract.run._suite import Suite
from hamsa_contract.send._clone_requests import CloneApi
from hamsa_contract.send._names import agent_name

pytestmark = pytest.mark.security

UNKNOWN_ID = "contract-test-no-such-agent"

# Each sends the run's key and gets a different documented error.
REQUESTS: dict[str, Callable[[CloneApi], httpx.Response]] = {
    # A name that is not a string: an empty one may get a clone (decision 4).
    "400-name-not-a-string": lambda api: api.post(
        params={"voiceAgentId": api.voice_agent_id}, json={"agentName": 7}
    ),
    "401-bearer-scheme": lambda api: api.post(
        params={"voiceAgentId": api.voice_agent_id},
        headers=api.auth(scheme="Bearer"),
        json={"agentName": agent_name("security check")},
    ),
    "404-unknown-agent": lambda api: api.clone("security check", voice_agent_id=UNKNOWN_ID),
}


def test_clone_answer_does_not_contain_the_key(suite: Suite, first: Clone) -> None:
    """No answer carries the API key, in a header or in the body: a clone's answer.

    Source: RFC 9110 §17.16.1 (confidentiality of credentials)."""
    places = key_leaks(suite.target.api_key, first.headers.multi_items(), first.content)
    assert not places, f"the API key appears in the clone answer: {', '.join(places)}"


@pytest.mark.parametrize("send", REQUESTS.values(), ids=REQUESTS.keys())
def test_error_answer_does_not_contain_the_key(
    api: CloneApi, suite: Suite, send: Callable[[CloneApi], httpx.Response]
) -> None:
    """No answer carries the API key, in a header or in the body: error answers.

    Source: RFC 9110 §17.16.1 (confidentiality of credentials)."""
    response = send(api)
    places = key_leaks(suite.target.api_key, response.headers.multi_items(), response.content)
    assert not places, (
        f"the API key appears in the {response.status_code} answer: {', '.join(places)}"
    )
