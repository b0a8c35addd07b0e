"""Scalars: the text of one YAML scalar → the value it stands for, as a pure function.

YAML 1.1 (libyaml's) reads unquoted text in surprising ways: `no` is false, `0x7d6` is 2006,
`1:30` is 90, `2026-02-30` crashes. `resolve` says what a plain scalar is, or why it cannot
be read as written, so the reader can report it on its line; it never raises.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import yaml

MAX_INTEGER_DIGITS = 18
_YAML_11_BOOLEANS = {"yes", "no", "on", "off", "y", "n"}
_PLAIN_INTEGER = re.compile(rf"[-+]?(?:0|[1-9][0-9]{{0,{MAX_INTEGER_DIGITS - 1}}})")
_resolver = yaml.resolver.Resolver()
_constructor = yaml.constructor.SafeConstructor()


class _Invalid:
    """Stands for a value already reported as unreadable, so no rule reports it twice."""

    def __repr__(self) -> str:
        return "<invalid>"


INVALID = _Invalid()


@dataclass(frozen=True)
class Issue:
    """Why a scalar cannot be read as written; `stop` when reading cannot go on."""

    message: str
    hint: str
    stop: bool = False


@functools.lru_cache(maxsize=4096)
def implicit_tag(text: str) -> str:
    """The tag YAML gives an unquoted scalar; cached, as keys and ids repeat in every file."""
    return _resolver.resolve(yaml.ScalarNode, text, (True, False))


def resolve(text: str, plain: bool) -> tuple[object, Issue | None]:
    """The value of a scalar (`plain`: unquoted and not a block), and the issue if any.

    A value with an issue is INVALID, except YAML 1.1 booleans, kept as the text they look like."""
    if not plain:  # quoted, or a block scalar: always text
        return text, None
    tag = implicit_tag(text)
    if tag == "tag:yaml.org,2002:str":
        return text, None
    if tag == "tag:yaml.org,2002:bool" and text.lower() in _YAML_11_BOOLEANS:
        meaning = str(text.lower() in ("yes", "on", "y")).lower()
        return text, Issue(
            f"unquoted {text} is read by YAML as {meaning}", f'put it in quotes if you mean the text: "{text}"'
        )
    if tag == "tag:yaml.org,2002:merge":
        return None, Issue("YAML merge keys (<<) are not allowed", "write the fields out in full", stop=True)
    if tag == "tag:yaml.org,2002:int" and ":" in text:
        return text, None  # YAML 1.1 reads 1:30 as a base-60 number; nobody means that
    if tag == "tag:yaml.org,2002:int" and not _PLAIN_INTEGER.fullmatch(text):
        digits = sum(c.isdigit() for c in text)
        if digits > MAX_INTEGER_DIGITS and re.fullmatch(r"[-+]?[0-9]+", text):
            return INVALID, Issue(
                f"the number {text[:12]}… has {digits:,} digits",
                f"write a real value: numbers here have at most {MAX_INTEGER_DIGITS} digits",
            )
        # 0x7d6, 03726, 2_006: YAML 1.1 reads them as other numbers than they look
        return INVALID, Issue(
            f"{text} is not written as a plain whole number",
            "write it with the digits 0-9 only and no leading zero, like 2006; or quote it if it is text",
        )
    try:
        return _constructor.construct_object(yaml.ScalarNode(tag, text)), None
    except (ValueError, OverflowError, yaml.YAMLError):
        if tag == "tag:yaml.org,2002:timestamp":
            return INVALID, Issue(
                f"{text} is not a real date", "write a date that exists, as YYYY-MM-DD, like 2026-03-21"
            )
        return INVALID, Issue(f"cannot read the value {text!r}", "put it in quotes")
    # a datetime stays one: the field's type says whether a time is allowed
