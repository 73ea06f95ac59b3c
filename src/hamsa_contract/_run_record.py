"""What a contract run writes down as it goes, so that nothing a user needs is lost if it ends
badly: each agent as it is created, and the exit status it decided.

- Agents: one JSON line per agent (`{"id": ..., "name": ...}`), written and flushed the moment
  the answer reports it, to `created-agents.jsonl` in the reports folder and, under
  `hamsa-contract-test`, in a private folder of the command's own. A Ctrl-C, a crash or a reports
  folder that turns read-only mid-run still leaves the list (the agents are permanent on a live
  account: the vendor documents no DELETE).
- Status: the run's pytest child records the exit status it decided, after its summary.
  `hamsa-contract-test` exits with the child's status only when the two agree; any other ending
  (a crash, a kill, an error in a report writer) is the tool's own failure, and the command
  prints the agents from its private copy.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Final

# Set by `hamsa-contract-test` for its pytest child: the private folder of this run's record.
ENV_RUN_RECORD: Final = "HAMSA_CONTRACT_RUN_RECORD"
AGENTS_FILE: Final = "created-agents.jsonl"
STATUS_FILE: Final = "status.json"


def record_folder(environ: Mapping[str, str]) -> Path | None:
    chosen = environ.get(ENV_RUN_RECORD, "").strip()
    return Path(chosen) if chosen else None


class AgentsLog:
    """Appends each created agent to every file given, one JSON line each, flushed at once. A file
    that cannot be written is given up (its error kept for the summary); the others go on. Safe
    to share between threads."""

    def __init__(self, paths: Iterable[Path], redact: Callable[[str], str]) -> None:
        self._redact = redact
        self._lock = threading.Lock()
        self._files: dict[Path, IO[str]] = {}
        self.problems: list[str] = []
        for path in paths:
            try:
                # Truncated: like every report, the file is this run's.
                self._files[path] = path.open("w", encoding="utf-8")
            except OSError as exc:
                self._give_up(path, exc)

    def add(self, agent_id: str, name: str | None) -> None:
        line = self._redact(json.dumps({"id": agent_id, "name": name}, ensure_ascii=False))
        with self._lock:
            for path, file in list(self._files.items()):
                try:
                    file.write(line + "\n")
                    file.flush()
                except OSError as exc:
                    del self._files[path]
                    self._give_up(path, exc)

    def close(self) -> None:
        with self._lock:
            for path, file in list(self._files.items()):
                try:
                    file.close()
                except OSError as exc:
                    self._give_up(path, exc)
            self._files.clear()

    def _give_up(self, path: Path, exc: OSError) -> None:
        self.problems.append(f"{path}: {exc.strerror or type(exc).__name__}")


def read_agents(path: Path) -> list[tuple[str, str | None]]:
    """(id, name) of each agent in an agents file; a line cut short by a crash is skipped."""
    agents: list[tuple[str, str | None]] = []
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return agents
    for line in lines:
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        if isinstance(entry, dict) and isinstance(entry.get("id"), str):
            name = entry.get("name")
            agents.append((entry["id"], name if isinstance(name, str) else None))
    return agents


@dataclass(frozen=True)
class Ending:
    """How the run's pytest child said it ended."""

    exit_status: int
    agents_shown: bool


def write_ending(folder: Path, ending: Ending) -> None:
    (folder / STATUS_FILE).write_text(
        json.dumps({"exit_status": ending.exit_status, "agents_shown": ending.agents_shown}),
        encoding="utf-8",
    )


def read_ending(folder: Path) -> Ending | None:
    try:
        entry = json.loads((folder / STATUS_FILE).read_text(encoding="utf-8"))
        return Ending(int(entry["exit_status"]), bool(entry["agents_shown"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None
