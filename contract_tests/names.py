"""Names of the agents the suite creates: all start with one prefix, so a user can find them."""

from __future__ import annotations

from typing import Final

NAME_PREFIX: Final = "contract-test "


def agent_name(label: str) -> str:
    """The name for an agent the suite creates, e.g. `contract-test second clone`."""
    return label if label.startswith(NAME_PREFIX) else f"{NAME_PREFIX}{label}"
