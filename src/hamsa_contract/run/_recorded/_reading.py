"""Which reader reads a recording: the one its file's suffix names, or, for a name without a
known suffix, the first that recognises the text. Every reader has one interface (`Reader`)."""

from __future__ import annotations

from pathlib import Path
from typing import Final, Protocol

from hamsa_contract._input_files import InputFileError, read_text
from hamsa_contract.drift._findings_file import FINDINGS_FORMAT, FindingsFileError
from hamsa_contract.run._recorded._fields import (
    Malformed,
    NotThisFormat,
    Recording,
    RecordingError,
)
from hamsa_contract.run._recorded._findings import FindingsReader
from hamsa_contract.run._recorded._har import HarReader
from hamsa_contract.run._recorded._vcr import VcrReader


class Reader(Protocol):
    """Reads one recording format. `read` raises NotThisFormat when the text is not in it
    (`claimed`: the file's name says it is), Malformed naming an entry that is not what the
    format says, RecordingError when the file cannot be judged at all."""

    @property
    def kind(self) -> str: ...

    @property
    def suffixes(self) -> tuple[str, ...]: ...

    def read(self, path: Path, text: str, *, claimed: bool) -> Recording: ...


# In the order a file without a known suffix is tried.
READERS: Final[tuple[Reader, ...]] = (HarReader(), FindingsReader(), VcrReader())


def read_recording(path: Path) -> Recording:
    """Read a HAR file, a VCR cassette or a findings file, whichever `path` holds (its name's
    suffix, `.har`, `.yaml` or `.yml`, `.jsonl` or `.ndjson`, says which, when it has one); a
    RecordingError naming the entry and what is wrong when it cannot be judged."""
    try:
        text = read_text(path)
    except InputFileError as exc:
        raise RecordingError(str(exc)) from None
    suffix = path.suffix.lower()
    claimed = next((reader for reader in READERS if suffix in reader.suffixes), None)
    try:
        if claimed is not None:
            try:
                return claimed.read(path, text, claimed=True)
            except NotThisFormat as exc:
                raise RecordingError(f"{path}: named {path.suffix}, but {exc}") from None
        for reader in READERS:
            try:
                return reader.read(path, text, claimed=False)
            except NotThisFormat:
                continue
    except (Malformed, FindingsFileError) as exc:
        raise RecordingError(f"{path}: {exc}") from None
    raise RecordingError(
        f"{path} is not a HAR file, a VCR cassette or a hamsa_client findings file "
        f"(JSON lines of format {FINDINGS_FORMAT})"
    )
