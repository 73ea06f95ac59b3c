"""The names the planned clones carry: each probes many ways a server can mangle a name at once.

CONTRACT.md section 7: a name is any non-empty string and comes back exactly as sent, whatever its
length or characters, and names are not keys. One clone carries all of `LONG_NAME` (thousands of
characters of markup, HTML entities, backslash, JSON and percent escapes, form-encoding `+`,
control characters, Unicode spaces, mixed case, right-to-left text, emoji sequences and Unicode
forms: one piece for each layer that rewrites text on its way to storage); the clones of clones
carry a name that starts with a space (its escapes all well formed), and names whose only
difference is their Unicode form, so a normalising server changes at least one of them.
"""

from __future__ import annotations

from typing import Final

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


#: The first clone's name, shared by the overlapping clones (names are not keys).
LONG_NAME: Final = _long_name()
#: Names of the clones of clones: a leading space, then one text in two Unicode forms.
# Its escapes are all well formed, so a strict decoder (JavaScript's decodeURIComponent) that
# gives up on the long name's lone `%s` still decodes this one.
LEADING_SPACE_NAME: Final = f" {NAME_PREFIX}leading space, escapes %41%2B%25 a+b &amp; \\u0041"
COMPOSED_NAME: Final = f"{NAME_PREFIX}Ångström café ǅ"
DECOMPOSED_NAME: Final = f"{NAME_PREFIX}A\u030angstro\u0308m cafe\u0301"
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
