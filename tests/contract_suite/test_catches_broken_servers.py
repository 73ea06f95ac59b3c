"""The contract suite fails each deliberately broken server, naming the rule it broke, and
passes servers that only add fields or answer null where the spec allows it.

Each run points the suite at a variant of the mock (`broken_servers.py`) and runs the family of
checks the break belongs to, as a user would: `pytest contract_tests -m <family>`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

import pytest

from contract_tests.mock import DEFAULT_API_KEY
from tests.contract_suite import broken_servers
from tests.contract_suite.running import SuiteRun, run_contract_suite

VARIANTS: Final = "tests.contract_suite.broken_servers"

# variant, family run, rule the summary must name, text the failure output must show
BROKEN: Final = [
    (
        "accepts_any_key",
        "conformance",
        "ST401 API accepts invalid authentication",
        "invalid credentials",
    ),
    ("rejects_valid_key", "conformance", "ST202 Schema-valid request rejected", "401"),
    ("server_error_on_non_ascii_names", "conformance", "ST101 Server error", "500"),
    ("drops_updated_at", "conformance", "ST108 Response violates schema", "updatedAt"),
    ("null_real_time", "conformance", "ST108 Response violates schema", "realTime"),
    (
        "string_silence_threshold",
        "conformance",
        "ST108 Response violates schema",
        "silenceThreshold",
    ),
    ("undocumented_status", "conformance", "ST103 Undocumented status code", "422"),
    ("text_errors", "conformance", "ST105 Undocumented Content-Type", "text/plain"),
    ("accepts_empty_name", "conformance", "ST201 Schema-violating request accepted", "agentName"),
    (
        "accepts_bearer",
        "requests",
        "sent as `Bearer <key>`, or bare, gets 401",
        "Bearer [Filtered]",
    ),
    ("accepts_unknown_token", "requests", "never issued>` gets 401", "expected 401, got 200"),
    ("missing_id_is_404", "requests", "without voiceAgentId gets 400", "expected 400, got 404"),
    ("tidies_names", "semantics", "comes back exactly as sent", "asked for"),
    ("config_not_copied", "semantics", "Two clones of one source are equal", "preamble"),
    ("same_id_as_source", "semantics", "The clone has a new, non-empty id", "id of its source"),
    ("unknown_id_clones_template", "semantics", "unknown voiceAgentId gives 404", "got 200"),
    ("unknown_id_is_500", "semantics", "unknown voiceAgentId gives 404", "got 500"),
    (
        "clones_not_stored",
        "semantics",
        "is a stored agent that can be cloned",
        "expected 200, got 404",
    ),
    ("created_at_of_source", "semantics", "createdAt is the time of cloning", "2024-01-01"),
    (
        "leaks_key_in_header",
        "security",
        "No answer carries the API key",
        "header x-debug-authorization",
    ),
    ("leaks_key_in_body", "security", "No answer carries the API key", "body"),
    ("renames_created_at", "client", "hamsa_client sends a request the spec allows", "createdAt"),
    (
        "renames_greeting_message",
        "drift",
        "carries every field the spec declares",
        "greetingMessage",
    ),
]


def run_variant(tmp_path: Path, variant: str, marker: str | None = None) -> SuiteRun:
    return run_contract_suite(
        tmp_path, marker=marker, env={"HAMSA_MOCK_APP": f"{VARIANTS}:{variant}"}
    )


@pytest.mark.parametrize(
    ("variant", "family", "rule", "shown"), BROKEN, ids=[row[0] for row in BROKEN]
)
def test_suite_fails_a_broken_server(
    tmp_path: Path, variant: str, family: str, rule: str, shown: str
) -> None:
    run = run_variant(tmp_path, variant, marker=family)

    assert run.returncode == 1, run.output
    failures = run.section("Failures:")
    assert any(line.startswith(f"  - {family}: ") and rule in line for line in failures), run.output
    assert shown in run.output, run.output
    # Each failure names its rule and shows the request to repeat it; the key is masked throughout.
    assert ("Reproduce with:" if family == "conformance" else "Rule broken:") in run.output
    assert "curl -X POST" in run.output
    assert DEFAULT_API_KEY not in run.output


@pytest.mark.parametrize("variant", ["adds_fields", "nulls_where_allowed"])
def test_suite_passes_a_server_that_only_adds_fields_or_nulls_where_allowed(
    tmp_path: Path, variant: str
) -> None:
    run = run_variant(tmp_path, variant)

    assert run.returncode == 0, run.output
    assert run.section("Failures:") == ["Failures: none"]
    drift = "\n".join(run.section("Drift:"))
    if variant == "adds_fields":
        for path in broken_servers.ADDED_FIELDS:
            assert f"unknown field {path} in" in drift, run.output
    else:
        assert drift == "Drift:    none", run.output


def test_reports_never_contain_the_key(tmp_path: Path) -> None:
    """A server that echoes the key in every answer: the suite fails it, and neither the terminal
    nor any report (JUnit, schemathesis' VCR and HAR) contains the key."""
    run = run_variant(tmp_path, "leaks_key_in_header")

    assert run.returncode == 1, run.output
    assert "conformance: ST901 Custom check failed: `api_key_not_echoed`" in run.output
    reports = sorted(path.name for path in run.reports_dir.iterdir())
    assert reports == [
        "contract-tests.xml",
        "drift.json",
        "schemathesis-cassette.yaml",
        "schemathesis-har.json",
    ]
    for path in run.reports_dir.iterdir():
        text = path.read_text(encoding="utf-8")
        exchanges = path.name not in {"contract-tests.xml", "drift.json"}
        assert "x-debug-authorization" in text.lower() or not exchanges, path
        assert DEFAULT_API_KEY not in text, f"{path.name} contains the key"
    assert DEFAULT_API_KEY not in run.output
