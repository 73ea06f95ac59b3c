"""A live run (here: the correct mock served on loopback, named by the HAMSA_* variables) creates
no more agents than HAMSA_MAX_WRITES allows; when the cap leaves checks unfunded the verdict is
INCOMPLETE (exit 2, never "contract kept"), and the summary says which cap funds them and lists
every agent created."""

from __future__ import annotations

from pathlib import Path

from hamsa_contract.mock import create_app
from hamsa_contract.plan._writes import Funding
from hamsa_contract.send._names import NAME_PREFIX
from tests.support.live import run_live

CAP = 2


def test_live_run_under_a_small_cap_is_incomplete_and_stops_creating_agents(
    tmp_path: Path,
) -> None:
    app = create_app()
    done = run_live(app, tmp_path, {"HAMSA_MAX_WRITES": str(CAP)})
    output = done.run.output

    assert done.run.returncode == 2, output
    assert "Verdict:  INCOMPLETE" in output
    assert done.run.section("Failures:") == ["Failures: none"], output
    assert len(done.run.section("Not run:")) > 1, output
    created = app.store.clone_ids()
    assert 0 < len(created) <= CAP
    for agent_id in created:
        agent = app.store.get(agent_id)
        assert agent is not None
        assert NAME_PREFIX.strip() in agent["agentName"]
    writes = "\n".join(done.run.section("Writes:"))
    assert f"{len(created)} agent" in writes, output
    assert f"cap {CAP} (HAMSA_MAX_WRITES)" in writes, output
    for step in Funding.for_cap(CAP).unfunded:
        assert f"HAMSA_MAX_WRITES={Funding.for_cap(CAP).cap_needed(step)} funds it" in writes
    for agent_id in created:
        assert agent_id in writes
