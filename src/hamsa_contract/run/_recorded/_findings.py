"""hamsa_client's findings file (its contract watch's JSON lines): findings, not answers."""

from __future__ import annotations

from pathlib import Path
from typing import Final

from hamsa_contract._input_files import load_json
from hamsa_contract.drift._findings_file import FINDINGS_FORMAT, as_finding, findings_lines
from hamsa_contract.run._recorded._fields import NotThisFormat, Recording, RecordingError

FINDINGS: Final = "hamsa_client findings"


class FindingsReader:
    """Reads a findings file: JSON lines of format FINDINGS_FORMAT (or one such document)."""

    kind: Final = FINDINGS
    suffixes: Final = (".jsonl", ".ndjson")

    def read(self, path: Path, text: str, *, claimed: bool) -> Recording:
        if claimed:
            return Recording(path, FINDINGS, findings=findings_lines(text, sniff=False) or [])
        try:
            document = load_json(text)
        except ValueError:
            document = None
        if isinstance(document, dict) and document.get("format") == FINDINGS_FORMAT:
            try:
                return Recording(path, FINDINGS, findings=[as_finding(document)])
            except ValueError as exc:
                raise RecordingError(f"{path}: {exc}") from None
        findings = findings_lines(text)
        if findings is None:
            raise NotThisFormat(f"no JSON lines of format {FINDINGS_FORMAT}")
        return Recording(path, FINDINGS, findings=findings)
