"""Kinds of record: the folder a kind's files live in, its fields, its rules and how its
record is built. Declared once; discovery, the checker, the schemas and the exports read them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .fields import CONSULTATION_FIELDS, CONSULTATION_RULES, PRACTICE_FIELDS, PRACTICE_RULES, CrossFieldRule, Field
from .read import RecordFile
from .records import Record, build_consultation, build_practice
from .vocabulary import Vocabulary


@dataclass(frozen=True)
class Kind:
    """A kind of record: the folder its files live in, its fields, its rules, its record."""

    name: str
    folder: str
    fields: tuple[Field, ...]
    rules: tuple[CrossFieldRule, ...]
    build: Callable[[RecordFile, str, dict, Vocabulary], Record]


PRACTICE = Kind("practice", "practices", PRACTICE_FIELDS, PRACTICE_RULES, build_practice)
CONSULTATION = Kind("consultation", "consultations", CONSULTATION_FIELDS, CONSULTATION_RULES, build_consultation)
KINDS = (PRACTICE, CONSULTATION)
