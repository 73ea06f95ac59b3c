"""What the two console scripts share: argparse with one-line errors and exit status 4, and exit
status 5 for the tool's own failure."""

from __future__ import annotations

import argparse
import sys
from typing import Final, NoReturn

from hamsa_contract._extras import DISTRIBUTION, distribution_version

# As pytest's usage error: a command that cannot start (bad flag or value, missing extra).
CANNOT_START: Final = 4
# The tool itself failed (a bug, pytest's INTERNALERROR, a run that ended without its verdict):
# never a verdict on the server (0-2), a wrong setting (3) or a bad command line (4).
TOOL_FAILED: Final = 5


class _OneLineParser(argparse.ArgumentParser):
    """argparse, but a bad command line is one line and exit status 4 (not usage and 2)."""

    def error(self, message: str) -> NoReturn:
        print(f"{self.prog}: error: {message} (see {self.prog} --help)", file=sys.stderr)
        raise SystemExit(CANNOT_START)


def one_line_parser(prog: str, description: str, epilog: str) -> argparse.ArgumentParser:
    """A parser with its own --help (description, options, then `epilog` as written) and
    --version, whose errors are one line and exit status 4."""
    parser = _OneLineParser(
        prog=prog,
        description=description,
        epilog=epilog,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        allow_abbrev=False,
    )
    parser.add_argument("--version", action="version", version=version_line(prog))
    return parser


def version_line(prog: str) -> str:
    """What `<prog> --version` prints: the command and the installed distribution's version."""
    return f"{prog} ({DISTRIBUTION}) {distribution_version()}"
