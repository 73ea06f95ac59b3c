"""The names the planned clones carry: each probes many ways a server can mangle a name at once.

CONTRACT.md decision 7: a name is any non-empty string and comes back exactly as sent, whatever its
characters, and names are not keys; decision 12: a name of at most 150 characters (code points and
UTF-16 code units alike) must come back exactly, a longer one exactly or with 400. The pieces below
are one for each layer that rewrites text on its way to storage (markup, HTML entities, backslash,
JSON and percent escapes, form-encoding `+`, control characters, Unicode spaces, mixed case,
right-to-left text, emoji sequences, Unicode forms).

- `KEPT_NAME` (the first clone, and all but the last overlapping one: names are not keys):
  exactly 150 code points, all in the BMP, with Arabic text, so a limit below 150 or one counted
  in UTF-8 bytes refuses it, and a server that cuts at fewer characters changes it.
- `FALSY_NAME` ("0", the last overlapping clone): a name other languages read as false.
- `COMPOSED_NAME`, `DECOMPOSED_NAME` (clones of clones): one text in two Unicode forms, so a
  normalising server changes at least one, with emoji: exactly 150 UTF-16 code units, fewer code
  points, so a limit counted in UTF-8 bytes refuses them.
- `LEADING_SPACE_NAME` (the first clone of a clone): starts with a space; its escapes are all well
  formed; backslash escapes and Unicode spaces. Its body also carries `CASE_VARIANT_MEMBERS`,
  members named `agentName` but for case.
- `LONG_NAME` (6,000 characters, every piece): sent where the contract leaves the answer to the
  server (`plan/_writes.py`): back exactly, or 400; never cut.
"""

from __future__ import annotations

from typing import Final

from hamsa_contract._agent_name_rules import KEPT_NAME_LENGTH, utf16_units
from hamsa_contract.send._names import NAME_PREFIX

# Every piece is a way real servers mangle text (named in the comment beside it).
PIECES: Final = (
    "markup <b>bold</b> <script>alert(1)</script> &amp; &lt; &#39; ",  # HTML escaping, sanitising
    "quotes ' \" ` and \\ backslash \\n \\u0041 %20 %s {0} {{name}} ${HOME} $(id) ",  # escapes
    "form a+b c++ %41%2B ",  # form decoding (`+` is a space) and percent-decoding (`%41` is A)
    "sql ' OR 1=1 -- ; DROP TABLE agents; ",  # naive quoting
    "path ../../etc/passwd ",
    "tab\tnewline\ncrlf\r\nescape\x1b[31m del\x7f nul\x00 bell\x07 ",  # control characters
    "  double  spaces   and more ",  # whitespace collapsing
    "no-break\u00a0space em\u2003space ideographic\u3000space ",  # Unicode spaces made ASCII
    "MiXeD CaSe ",  # case folding
    "Arabic وكيل خدمة العملاء ",  # right-to-left text
    "marks \u200f\u200e\u202e reversed\u202c zero\u200bwidth ",  # bidi and zero-width characters
    "emoji 🤖✨ 👩🏽\u200d💻 🇸🇦 ",  # astral plane, modifiers, ZWJ sequences, flags
    "composed café ",  # NFC form
    "decomposed cafe\u0301 ",  # NFD form
    "compatibility ﬁ \uff21 ² ",  # NFKC changes these (a ligature, a fullwidth A, a superscript)
    "ΣΑΣ straße İ ",  # case mappings that change length
)
# Long enough to catch servers that cut or refuse names at 255, 1000 or 4096 characters.
LONG_NAME_LENGTH: Final = 6000


def _long_name() -> str:
    body = NAME_PREFIX + "".join(PIECES)
    filler = "".join(f"[{position:05d}]" for position in range(0, LONG_NAME_LENGTH, 7))
    # Ends in spaces: a trimming server changes it.
    return (body + filler)[: LONG_NAME_LENGTH - 3] + "   "


def _exactly_150_units(start: str, pieces: tuple[str, ...], pad: str) -> str:
    """`start` and as many of `pieces` as fit, padded with `pad` (then spaces, a trimming
    server's bait) to exactly 150 UTF-16 code units."""
    name = start
    for piece in pieces:
        if utf16_units(name + piece) <= KEPT_NAME_LENGTH - 3:
            name += piece
    while utf16_units(name + pad) <= KEPT_NAME_LENGTH - 3:
        name += pad
    return name + " " * (KEPT_NAME_LENGTH - utf16_units(name))


#: A name over 150 characters: back exactly or 400 (decision 12).
LONG_NAME: Final = _long_name()
#: The first clone's name, shared by the overlapping clones (names are not keys): 150 code points.
KEPT_NAME: Final = _exactly_150_units(
    NAME_PREFIX,
    (PIECES[9], PIECES[0], PIECES[5], PIECES[8]),  # Arabic, markup, control characters, case
    "ب",
)
# Emoji, bidi marks, Unicode spaces, compatibility forms and case mappings, after the form probe.
_ASTRAL_PIECES: Final = (PIECES[11], PIECES[10], PIECES[14], PIECES[15], PIECES[7])
#: Names of the clones of clones: one text in two Unicode forms (150 UTF-16 units), and a name
#: with a leading space.
COMPOSED_NAME: Final = _exactly_150_units(f"{NAME_PREFIX}Ångström café ǅ ", _ASTRAL_PIECES, "🤖")
DECOMPOSED_NAME: Final = _exactly_150_units(
    f"{NAME_PREFIX}A\u030angstro\u0308m cafe\u0301 ", _ASTRAL_PIECES, "🤖"
)
# Its escapes are all well formed, so a strict decoder (JavaScript's decodeURIComponent) that
# gives up on the long name's lone `%s` still decodes this one. It carries, within 150
# characters, what a server limited to 150 never keeps of the long name: backslash escapes
# (`\\n`, `\\\\`) and Unicode spaces.
LEADING_SPACE_NAME: Final = (
    f" {NAME_PREFIX}leading space, escapes %41%2B%25 a+b &amp; \\u0041 \\n \\\\ "
    "no-break\u00a0em\u2003ideographic\u3000space sql ' OR 1=1 -- ;  double  spaces   and more "
)
#: Members named `agentName` but for case, sent after it in the body of the first clone of a clone
# (CONTRACT.md decision 14: member names compare exactly, so these are unknown properties and the
# clone is named `LEADING_SPACE_NAME`). A server that binds names without regard to case (Go's
# encoding/json, case-insensitive model binders) takes the last of them instead.
CASE_VARIANT_MEMBERS: Final = {
    "AgentName": f"{NAME_PREFIX}member AgentName, not agentName",
    "AGENTNAME": f"{NAME_PREFIX}member AGENTNAME, not agentName",
}
#: The last overlapping clone's name: PHP's empty() and loose comparisons read it as missing, yet
# it is a name like any other (CONTRACT.md decision 14). It cannot carry the `contract-test`
# marker; the run's summary lists the agent's id with the others.
FALSY_NAME: Final = "0"
