"""`hamsa-contract-test --plan`: what a run with these settings would send and create, sending
nothing (no target is opened: the embedded mock is not even built).

It reads the same settings, cap and plan as a run (`settings`, `target`, `plan.Funding`), the
settings check's probes (`preflight.PROBES`), what each family sends (`families.SENDS`) and the
rules every answer is judged by (the registry, `report/_rules.py`).
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from typing import Final

from hamsa_contract.judge._checks import RULES, Use
from hamsa_contract.plan._writes import Funding
from hamsa_contract.run._families import FAMILIES, SENDS
from hamsa_contract.run._preflight import PROBES
from hamsa_contract.send._door import NO_AGENT_CREATED
from hamsa_contract.send._settings import RunSettings
from hamsa_contract.send._target import ENV_MOCK_APP, ENV_MOCK_TRANSPORT, live_target

WIDTH: Final = 100


def plan_lines(environ: Mapping[str, str]) -> list[str]:
    """The plan as lines of text; SettingsError or TargetError for unusable settings."""
    settings = RunSettings.from_environ(environ)
    live = live_target(environ)
    if live is None:
        app = environ.get(ENV_MOCK_APP, "").strip() or "the embedded mock"
        transport = environ.get(ENV_MOCK_TRANSPORT, "").strip() or "in-process"
        target, agent, default_cap = f"{app} ({transport})", "its first template", None
    else:
        target, agent, default_cap = live.description, live.voice_agent_id, live.default_max_writes
    cap = settings.max_writes if settings.max_writes is not None else default_cap
    funding = Funding.for_cap(cap)
    lines = [
        f"Plan:     {target}, agent {agent}, seed {settings.seed}, "
        f"timeout {settings.request_timeout:g} s; nothing sent",
        f"Reports:  {settings.reports_dir}",
        "Writes:   "
        + (
            "no cap: every planned clone and every generated case that may create an agent"
            if cap is None
            else f"at most {cap} agents (cap {cap}, HAMSA_MAX_WRITES / --max-writes)"
        ),
        "  - settings check: no agent (an unknown id, or no valid key); its clone is the "
        "first clone below",
    ]
    for step in funding.funded:
        lines.append(f"  - {step.name}: {step.writes}, for: {'; '.join(step.serves)}")
    generated = funding.generated_writes
    lines.append(
        "  - generated cases: "
        + ("no cap" if generated is None else f"up to {generated}")
        + ", positive cases of schemathesis aimed at the agent"
    )
    for step in funding.unfunded:
        lines.append(
            f"  - not funded: {step.name} ({step.writes}): its checks would not run; "
            f"HAMSA_MAX_WRITES={funding.cap_needed(step)} funds it"
        )
    lines.append("Requests: every answer is judged against the spec")
    lines += [f"  - settings check: {probe}" for probe in PROBES]
    for family in FAMILIES:
        lines += [f"  - {family}: {sends}" for sends in SENDS[family]]
    lines.append(
        "Rules:    the suite's own, beside schemathesis' response checks; each with its source"
    )
    assert NO_AGENT_CREATED.name in RULES  # the door's rule, registered when the door is imported
    lines += [
        f"  - {rule.name}: {rule.title} (source: {rule.citation})"
        for rule in RULES
        if rule.judge is None or rule.uses & (Use.ANSWERS | Use.GENERATED)
    ]
    return [wrapped for line in lines for wrapped in _wrapped(line)]


def _wrapped(line: str) -> list[str]:
    """A long line cut at WIDTH, its continuation indented under its text."""
    indent = " " * (len(line) - len(line.lstrip(" -")))
    return textwrap.wrap(line, WIDTH, subsequent_indent=indent or " " * 10) or [line]
