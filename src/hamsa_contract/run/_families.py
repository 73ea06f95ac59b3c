"""The contract suite's test families (each a pytest marker), in the order they run, and what each
sends: read by the conftest (markers, order) and by `hamsa-contract-test --plan`."""

from __future__ import annotations

from typing import Final

FAMILIES: Final = {
    "requests": "requests schemathesis does not make: documented status and error envelope",
    "security": "the API key never comes back in an answer",
    "semantics": "clone semantics (CONTRACT.md decision 7), from the planned clones",
    "client": "the generated hamsa_client against the target",
    "drift": "drift between spec and answers: warnings, never failures",
    "conformance": "schemathesis: every phase, every applicable built-in check",
    "answers": "every answer of the run, judged against the spec whatever made the request",
}

# What each family sends, by kind of request (none of these creates an agent on a conformant
# server, except the planned clones and generated cases `plan/_writes.py` counts).
SENDS: Final = {
    "requests": (
        "POST without voiceAgentId, and with it empty (400)",
        "bodies not JSON, not an object, or whose agentName is not a string (400)",
        "a name sent as a form, multipart or text/plain (400 or 415); JSON followed by more "
        "data, bytes not UTF-8 (400); NaN, comments, single quotes, a trailing comma, a byte "
        "order mark for an unknown id (400 or 404)",
        "no Authorization header, for a valid request, an unknown id and an invalid body (401)",
        "the key as `Bearer <key>` and bare, an unknown key shaped like it, the key altered six "
        "ways, two Authorization headers one of which is valid (401)",
    ),
    "security": ("nothing of its own: it reads the answers of the planned clones and errors",),
    "semantics": (
        "the planned clones (see the writes above)",
        "clones of ids that do not exist (404), up to 10 generated, and a blank name for one, "
        'and names read as false ("0", "false", "null", ...)',
        "bodies without a name (missing, null, empty) and a name over 150 characters, for an id "
        "that does not exist (404 or 400)",
    ),
    "client": (
        "hamsa_client's requests are the planned clones' (sync and async); its offline round "
        "trips send nothing",
    ),
    "drift": ("nothing of its own: it reads every answer",),
    "conformance": (
        "schemathesis' generated cases, phases examples, coverage and fuzzing, positive and "
        "negative: aimed at HAMSA_VOICE_AGENT_ID while the cap leaves writes for them, at ids "
        "that do not exist after that",
        "the same accepted request again without the key and with a garbage key, once "
        "(ignored_auth)",
    ),
    "answers": ("nothing of its own: it reports what the judge found in every answer",),
}
