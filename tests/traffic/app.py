"""A small application that clones agents through hamsa_client with the contract watch on.

    python -m tests.traffic.app SERVER FINDINGS HAR

SERVER is `mock` or `misbehaves` (tests.traffic.servers), served on loopback for the run. The
app clones twice with the sync API and twice with the async one, every name with a space at each
end, logs to stderr (the `hamsa_client.contract` logger included) and writes the findings file
and a HAR recording of its traffic.
"""

from __future__ import annotations

import asyncio
import logging
import sys
from pathlib import Path

from hamsa_client import AuthenticatedClient, ContractWatch
from hamsa_client.api.voice_agents import clone_voice_agent
from hamsa_client.models import CloneVoiceAgentRequest, CloneVoiceAgentResponse
from hamsa_contract.mock import DEFAULT_API_KEY, TEMPLATE_IDS, create_app
from hamsa_contract.mock._server import serve_in_thread
from tests.traffic.har import HarRecorder
from tests.traffic.servers import misbehaves

NAME = " Acme Support "
SOURCE_ID = next(iter(TEMPLATE_IDS.values()))
CALLS = 2


def client(
    base_url: str, watch: ContractWatch, hooks: dict[str, list[object]]
) -> AuthenticatedClient:
    return AuthenticatedClient(
        base_url=base_url,
        token=DEFAULT_API_KEY,
        watch=watch,
        httpx_args={"event_hooks": hooks},
    )


def clone_sync(base_url: str, watch: ContractWatch, recorder: HarRecorder) -> None:
    with client(base_url, watch, recorder.hooks()) as through:
        for _ in range(CALLS):
            answer = clone_voice_agent.sync(
                client=through, voice_agent_id=SOURCE_ID, body=CloneVoiceAgentRequest(NAME)
            )
            assert isinstance(answer, CloneVoiceAgentResponse), answer


async def clone_async(base_url: str, watch: ContractWatch, recorder: HarRecorder) -> None:
    async with client(base_url, watch, recorder.async_hooks()) as through:
        for _ in range(CALLS):
            answer = await clone_voice_agent.asyncio(
                client=through, voice_agent_id=SOURCE_ID, body=CloneVoiceAgentRequest(NAME)
            )
            assert isinstance(answer, CloneVoiceAgentResponse), answer


def main(server: str, findings: Path, har: Path) -> None:
    logging.basicConfig(
        level=logging.INFO, stream=sys.stderr, format="%(name)s %(levelname)s %(message)s"
    )
    app = misbehaves() if server == "misbehaves" else create_app()
    watch = ContractWatch(findings_file=findings)
    recorder = HarRecorder()
    with serve_in_thread(app) as base_url:
        clone_sync(base_url, watch, recorder)
        asyncio.run(clone_async(base_url, watch, recorder))
    recorder.write(har)


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]))
