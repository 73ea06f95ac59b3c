"""No report the suite writes, and nothing it prints, contains the API key.

The end-to-end test uses a server that echoes the key in its answer *body*: schemathesis records
bodies as they came, so only the suite's own scrubbing (`Redactor.scrub_file`) keeps the key out
of the VCR cassette and the HAR file. The unit tests pin down `scrub_file` itself.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Final
from urllib.parse import quote

from hamsa_contract._redaction import MASK, Redactor
from hamsa_contract.mock import DEFAULT_API_KEY
from tests.conftest import REPO_ROOT
from tests.support.running import run_contract_suite

REPORTS: Final = ["contract-tests.xml", "schemathesis-cassette.yaml", "schemathesis-har.json"]
# The reports that record answer bodies, where the echoed key would sit.
RECORDINGS: Final = ["schemathesis-cassette.yaml", "schemathesis-har.json"]


def key_forms(key: str) -> list[str]:
    return [key, quote(key, safe="")]


def test_a_server_echoing_the_key_in_its_body_leaves_no_key_in_any_report(
    tmp_path: Path,
) -> None:
    run = run_contract_suite(
        tmp_path,
        marker="security or conformance",
        env={"HAMSA_MOCK_APP": "tests.catalogue.broken_servers:leaks_key_in_body"},
    )

    assert run.returncode == 1, run.output
    assert "security: No answer carries the API key" in run.output, run.output
    # Every report there is checked; these three must be among them.
    assert set(REPORTS) <= {path.name for path in run.reports_dir.iterdir()}, run.output
    for path in run.reports_dir.iterdir():
        text = path.read_bytes().decode("utf-8", errors="replace")
        for form in key_forms(DEFAULT_API_KEY):
            assert form not in text, f"{path.name} contains the key"
    for name in RECORDINGS:
        # The echoed body was recorded, with the key masked where it stood.
        recorded = (run.reports_dir / name).read_text(encoding="utf-8")
        assert "apiKeyId" in recorded, name
        assert MASK in recorded, name
    for form in key_forms(DEFAULT_API_KEY):
        assert form not in run.output


def test_scrub_file_masks_every_form_of_the_secret_in_place(tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    report.write_text('{"key": "k/1 2", "url": "?key=k%2F1%202", "again": "k/1 2"}\n')

    assert Redactor(["k/1 2"]).scrub_file(str(report)) is True

    assert report.read_text() == (f'{{"key": "{MASK}", "url": "?key={MASK}", "again": "{MASK}"}}\n')


def test_scrub_file_masks_a_longer_secret_whole(tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    report.write_text("short=abc long=abcdef")

    assert Redactor(["abc", "abcdef"]).scrub_file(str(report)) is True

    assert report.read_text() == f"short={MASK} long={MASK}"


def test_scrub_file_keeps_bytes_that_are_not_utf8(tmp_path: Path) -> None:
    report = tmp_path / "report.bin"
    report.write_bytes(b"\xff\xfe secret \x80 \xd8\xb9\n")

    assert Redactor(["secret"]).scrub_file(str(report)) is True

    assert report.read_bytes() == b"\xff\xfe " + MASK.encode() + b" \x80 \xd8\xb9\n"


def test_scrub_file_leaves_a_clean_file_untouched(tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    report.write_bytes(b"nothing secret here\r\n")
    os.utime(report, (0, 0))

    assert Redactor(["s3cr3t"]).scrub_file(str(report)) is False

    assert report.read_bytes() == b"nothing secret here\r\n"
    assert report.stat().st_mtime == 0  # not rewritten


def test_scrub_file_keeps_line_endings(tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    report.write_bytes(b"a s3cr3t\r\nb\r\n")

    Redactor(["s3cr3t"]).scrub_file(str(report))

    assert report.read_bytes() == f"a {MASK}\r\nb\r\n".encode()


NON_ASCII_KEY = "\u043a\u043b\u044e\u0447"  # ключ
SCRUB_IN_A_CHILD = (
    "import sys; from hamsa_contract._redaction import Redactor; "
    f"Redactor([{NON_ASCII_KEY!a}]).scrub_file(sys.argv[1])"
)
# The POSIX locale, with Python's UTF-8 mode and locale coercion off: the locale encoding is ASCII.
ASCII_LOCALE = {"LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"}


def test_scrub_file_reads_and_writes_utf8_whatever_the_locale(tmp_path: Path) -> None:
    """A non-ASCII key is masked, and other non-ASCII text kept, under any locale."""
    content = f"{NON_ASCII_KEY}: {NON_ASCII_KEY}, \u0438\u043c\u044f\n".encode()
    expected = f"{MASK}: {MASK}, \u0438\u043c\u044f\n".encode()
    here, in_child = tmp_path / "here.txt", tmp_path / "child.txt"
    here.write_bytes(content)
    in_child.write_bytes(content)

    Redactor([NON_ASCII_KEY]).scrub_file(str(here))
    subprocess.run(
        [sys.executable, "-c", SCRUB_IN_A_CHILD, str(in_child)],
        cwd=REPO_ROOT,
        env={**os.environ, **ASCII_LOCALE},
        check=True,
        capture_output=True,
    )

    assert here.read_bytes() == expected
    assert in_child.read_bytes() == expected
