"""A live run (here: the correct mock served on loopback, named by the HAMSA_* variables) creates
no more agents than HAMSA_MAX_WRITES allows, says so, and lists every agent it created."""

from __future__ import annotations

from pathlib import Path

from contract_tests.mock import DEFAULT_API_KEY, TEMPLATE_IDS, create_app, serve_in_thread
from contract_tests.names import NAME_PREFIX
from tests.contract_suite.running import run_contract_suite

CAP = 5


def test_live_run_stops_creating_agents_at_the_cap(tmp_path: Path) -> None:
    app = create_app()
    with serve_in_thread(app) as base_url:
        run = run_contract_suite(
            tmp_path,
            env={
                "HAMSA_BASE_URL": base_url,
                "HAMSA_API_KEY": DEFAULT_API_KEY,
                "HAMSA_VOICE_AGENT_ID": next(iter(TEMPLATE_IDS.values())),
                "HAMSA_MAX_WRITES": str(CAP),
            },
        )

    # Checks that needed an agent past the cap are skipped, not failed: no violation, exit 0.
    assert run.returncode == 0, run.output
    assert f"Target:   live API at {base_url}" in run.output
    created = app.store.clone_ids()
    assert len(created) == CAP
    for agent_id in created:
        agent = app.store.get(agent_id)
        assert agent is not None
        assert agent["agentName"].startswith(NAME_PREFIX)
    summary = "\n".join(run.section("Writes:"))
    assert f"{CAP} agents created, cap {CAP} (HAMSA_MAX_WRITES)" in summary
    assert "cap reached" in summary
    for agent_id in created:
        assert agent_id in summary
    assert "write cap reached" in "\n".join(run.section("Skipped:"))
