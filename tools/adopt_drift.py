"""`make adopt-drift`: put the fields the last contract run saw, and the spec lacks, into the spec,
then regenerate the client. `--report` may also name the JSON-lines findings file of hamsa_client's
contract watch (`make adopt-drift REPORT=findings.jsonl`): the fields production traffic showed.

    python -m tools.adopt_drift [--report reports/drift.json] [--spec openapi/...yaml]
                                         [--generated src/hamsa_client] [--no-generate]

Prints what it added, what it held back and why, and what a person must decide (declared fields
absent, type changes). A second run with the same report changes nothing. Exit status 0, or 2
when the report cannot be read, or the generator's status when regeneration fails.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Final

from hamsa_contract import _spec as spec
from hamsa_contract.drift._log import DRIFT_REPORT_NAME
from hamsa_contract.send._settings import DEFAULT_REPORTS_DIR, ENV_REPORTS_DIR
from tools.drift_adoption import Adoption, DriftReportError, adopt_file

REPO_ROOT: Final = Path(__file__).resolve().parent.parent
NEXT_STEPS: Final = (
    "Next: review `git diff openapi/ src/hamsa_client/`; give the mock's templates "
    "(src/hamsa_contract/mock/_templates.py) a value for each new "
    "VoiceAgent field, since they fill every field; then `make test`, and commit."
)


def main(argv: Sequence[str] | None = None) -> int:
    arguments = _parser().parse_args(argv)
    try:
        adoption = adopt_file(arguments.spec, arguments.report)
    except DriftReportError as exc:
        print(f"adopt-drift: {exc}", file=sys.stderr)
        return 2
    for line in describe(adoption, arguments.report, arguments.spec):
        print(line)
    if adoption.changed and arguments.generate:
        status = regenerate(arguments.spec, arguments.generated)
        if status != 0:
            return status
    if adoption.changed:
        print(NEXT_STEPS)
    return 0


def describe(adoption: Adoption, report: Path, spec_path: Path) -> list[str]:
    """What the adoption did, as lines for a person."""
    lines = [f"Drift report {report} (observed {adoption.observed_on}, {adoption.target})"]
    if adoption.added:
        lines.append(f"Added to {spec_path}:")
        for added in adoption.added:
            statuses = ", ".join(str(status) for status in added.statuses)
            lines.append(f"  + {added.schema}.{added.name} ({added.path} in {statuses} answers)")
            lines += [f"    + new schema {name}" for name in added.new_schemas]
    else:
        lines.append("Nothing to adopt: the spec already declares every field the report lists.")
    lines += [f"  = already declared: {name}" for name in adoption.already_declared]
    if adoption.held_back:
        lines.append("Not adopted:")
        lines += [f"  - {reason}" for reason in adoption.held_back]
    if adoption.for_a_person:
        lines.append("For a person to decide (adoption never changes a declared field):")
        lines += [f"  - {line}" for line in adoption.for_a_person]
    return lines


def regenerate(spec_path: Path, generated: Path) -> int:
    """`make generate` from `spec_path` into `generated`; its exit status."""
    print(f"Regenerating {generated} (make generate)")
    completed = subprocess.run(
        [
            "make",
            "--no-print-directory",
            "generate",
            f"SPEC={spec_path.resolve()}",
            f"GENERATED={generated.resolve()}",
        ],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode != 0:
        print(completed.stdout + completed.stderr, file=sys.stderr)
    return completed.returncode


def _parser() -> argparse.ArgumentParser:
    reports_dir = Path(os.environ.get(ENV_REPORTS_DIR, "").strip() or DEFAULT_REPORTS_DIR)
    parser = argparse.ArgumentParser(
        prog="make adopt-drift",
        description="Add the fields the last contract run saw, and the spec lacks, to the spec.",
    )
    parser.add_argument("--report", type=Path, default=reports_dir / DRIFT_REPORT_NAME)
    parser.add_argument("--spec", type=Path, default=spec.SPEC_PATH)
    parser.add_argument("--generated", type=Path, default=REPO_ROOT / "src" / "hamsa_client")
    parser.add_argument(
        "--no-generate",
        dest="generate",
        action="store_false",
        help="edit the spec only; do not run make generate",
    )
    return parser


if __name__ == "__main__":
    sys.exit(main())
