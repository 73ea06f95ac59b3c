"""Running the installed console scripts as a user's shell would: what the packaging tests share."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Final

# The console scripts of the environment under test.
BIN: Final = Path(sys.executable).parent
# The caller's environment without any HAMSA_* setting: each test names the ones it means.
CLEAN_ENV: Final = {name: value for name, value in os.environ.items() if "HAMSA_" not in name}


def run_command(
    name: str,
    *arguments: str,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    timeout: float = 120,
) -> subprocess.CompletedProcess[str]:
    """`name` (a console script in BIN) with `arguments`, in CLEAN_ENV plus `env`."""
    return subprocess.run(
        [str(BIN / name), *arguments],
        env={**CLEAN_ENV, **(env or {})},
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
