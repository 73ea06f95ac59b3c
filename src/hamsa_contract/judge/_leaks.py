"""Where, if anywhere, an answer gives the API key back: the contract watch's rule
(`hamsa_client._rules.key_places`), in any form hamsa_client's one mask knows
(`hamsa_client.errors.KeyMask`): as given, escaped (JSON, URL, HTML), or inside base64 (HTTP Basic
credentials, a JWT payload, a session cookie). A key shorter than SHORT_KEY_CHARS is looked for in
headers only, as a whole word: in a body it cannot be told apart from the text."""

from __future__ import annotations

from collections.abc import Iterable

from hamsa_client._rules import key_places
from hamsa_client.errors import KeyMask


def key_leaks(api_key: str, headers: Iterable[tuple[str, str]], body: bytes) -> list[str]:
    """Places in an answer that contain the key, in any form: header names and values, and the
    body."""
    return key_places(KeyMask([api_key]), headers, body)
