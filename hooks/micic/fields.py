"""The content contract: every front-matter field, its type and its rules, declared once.

The validator, the JSON Schemas, the field reference page and the issue form are all
derived from these declarations, so they cannot drift apart. Each field type turns a raw
YAML value into a typed one, or reports why it cannot, in words a contributor can act on.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import pycountry

from .problems import Problem
from .read import FieldPath, RecordFile, describe
from .scalars import INVALID
from .vocabulary import Terms, Vocabulary

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# Names a record's slug (or alias) may not take: each generated folder's own page, and the
# site's generated folders and files, so that no record can stand where another page does.
RESERVED_SLUGS = frozenset(
    {
        *("index", "practices", "consultations", "recommendations", "explore", "contribute", "about"),
        *("regions", "crisis-types", "action-plan", "phases", "guidelines", "stakeholders", "countries"),
        *("data", "schema", "assets", "search", "pagefind", "feed", "sitemap", "404"),
        *("en", "fr", "es", "ar"),
    }
)
# How far in the future a date may be: time zones, and a file written late in the evening.
DATE_MARGIN = dt.timedelta(days=2)


class Checker:
    """Collects the problems of one document while its fields are converted."""

    def __init__(self, record_file: RecordFile, vocabulary: Vocabulary, today: dt.date | None = None) -> None:
        self.record_file = record_file
        self.vocabulary = vocabulary
        self.today = today or dt.date.today()
        self.problems: list[Problem] = []
        self.notes: list[Problem] = []  # worth a reviewer's look, never a reason to refuse

    def note(self, where: FieldPath, message: str, hint: str = "") -> None:
        line = self.record_file.line_of(where)
        self.notes.append(Problem(self.record_file.path, line, describe(where), message, hint))

    def report(self, where: FieldPath, message: str, hint: str = "") -> object:
        line = self.record_file.line_of(where)
        self.problems.append(Problem(self.record_file.path, line, describe(where), message, hint))
        return INVALID


def _kind(value: object) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int):
        return "a number"
    if isinstance(value, float):
        return "a decimal number"
    if isinstance(value, (dt.date, dt.datetime)):
        return "a date"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a group of fields"
    if value is None:
        return "empty"
    return "text"


class FieldType:
    """Base of all field types."""

    def check(self, value: Any, checker: Checker, where: FieldPath) -> Any:
        raise NotImplementedError

    def schema(self, vocabulary: Vocabulary) -> dict:
        raise NotImplementedError

    def explain(self, vocabulary: Vocabulary) -> str:
        """One phrase for the field reference: what a value looks like."""
        raise NotImplementedError


@dataclass(frozen=True)
class Text(FieldType):
    max_length: int = 200

    def check(self, value, checker, where):
        if not isinstance(value, str):
            return checker.report(
                where,
                f"must be text, not {_kind(value)}",
                "write the text; put it in quotes if it looks like a number or a date",
            )
        text = " ".join(value.split())
        if not text:
            return checker.report(where, "is empty", "write the text, or remove the field if it is optional")
        if len(text) > self.max_length:
            return checker.report(where, f"is {len(text)} characters long, more than {self.max_length}", "shorten it")
        return text

    def schema(self, vocabulary):
        return {"type": "string", "minLength": 1, "maxLength": self.max_length}

    def explain(self, vocabulary):
        return f"text, at most {self.max_length} characters"


@dataclass(frozen=True)
class Integer(FieldType):
    minimum: int
    maximum: int

    def check(self, value, checker, where):
        if isinstance(value, bool) or not isinstance(value, int):
            return checker.report(
                where,
                f"must be a whole number, not {_kind(value)} ({value!r})",
                f"write a number between {self.minimum} and {self.maximum}, without quotes",
            )
        if not self.minimum <= value <= self.maximum:
            return checker.report(
                where, f"{value} is out of range", f"write a number between {self.minimum} and {self.maximum}"
            )
        return value

    def schema(self, vocabulary):
        return {"type": "integer", "minimum": self.minimum, "maximum": self.maximum}

    def explain(self, vocabulary):
        return f"a whole number from {self.minimum} to {self.maximum}"


@dataclass(frozen=True)
class Year(Integer):
    """A year; with `begun`, one that has come (the catalogue records what has begun)."""

    begun: bool = False

    def check(self, value, checker, where):
        year = super().check(value, checker, where)
        if self.begun and isinstance(year, int) and year > checker.today.year:
            return checker.report(
                where,
                f"{year} has not come yet",
                "the catalogue records practices that have begun: add it once it starts",
            )
        return year


@dataclass(frozen=True)
class Date(FieldType):
    """A day that has come (give or take DATE_MARGIN): every date here records something done."""

    def check(self, value, checker, where):
        if isinstance(value, dt.datetime):
            return checker.report(where, "must be a date without a time", f"write {value.date().isoformat()}")
        if isinstance(value, dt.date):
            return self._not_future(value, checker, where)
        if isinstance(value, str):
            text = value.strip()
            if re.fullmatch(r"\d{4}-\d\d-\d\d", text):
                try:
                    return self._not_future(dt.date.fromisoformat(text), checker, where)
                except ValueError:
                    pass
            return checker.report(
                where,
                f"{text!r} is not a real date written YYYY-MM-DD",
                "write a real date as YYYY-MM-DD, like 2026-03-21",
            )
        return checker.report(
            where, f"must be a date, not {_kind(value)}", "write a date as YYYY-MM-DD, like 2026-03-21"
        )

    @staticmethod
    def _not_future(day: dt.date, checker: Checker, where: FieldPath):
        if day > checker.today + DATE_MARGIN:
            return checker.report(
                where,
                f"{day.isoformat()} is in the future",
                f"write the day it happened, {checker.today.isoformat()} at the latest",
            )
        return day

    def schema(self, vocabulary):
        return {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}

    def explain(self, vocabulary):
        return "a date, YYYY-MM-DD"


# Document mirrors, aggregators and user-blog platforms: a source there is a copy whose
# publisher, date and wording a reader cannot check. Matched against each label of the host.
COPY_SITES = frozenset(
    {
        *("fdocuments", "vdocuments", "dokumen", "docslib", "pdfslide", "documents-pub", "pdfcoffee", "yumpu"),
        *("scribd", "slideshare", "issuu", "sambuz", "studylib", "docplayer", "fliphtml5", "calameo"),
        *("theinfostride", "miragenews", "kompasiana"),
    }
)
# A host name (letters, digits, hyphens; internationalised names as the browser shows them
# or in their xn-- form) with a dot, or an IPv4 address.
_HOST = re.compile(r"(?:[^\W_](?:[\w-]{0,61}[^\W_])?\.)+[^\W\d_][\w-]{0,62}|\d{1,3}(?:\.\d{1,3}){3}")


@dataclass(frozen=True)
class Url(FieldType):
    def check(self, value, checker, where):
        if not isinstance(value, str):
            return checker.report(
                where, f"must be a web address, not {_kind(value)}", "write the full address, starting with https://"
            )
        url = value.strip()
        try:
            parts = urlsplit(url)
            port = parts.port  # raises on a port that is not a number
        except ValueError:
            parts, port = None, None
        if (
            parts is None
            or parts.scheme.lower() not in ("http", "https")
            or not parts.netloc
            or any(c.isspace() or c in '\\<>"' for c in url)
        ):
            return checker.report(
                where,
                f"{url[:80]!r} is not an http(s) web address",
                "write the full address of a public web page, starting with https://",
            )
        if "@" in parts.netloc:  # https://www.un.org@evil.example/ goes to evil.example
            return checker.report(
                where,
                f"the address names a user before its host ('{parts.netloc.rpartition('@')[0][:40]}@')",
                f"write the page's own address, starting https://{parts.netloc.rpartition('@')[2]}/",
            )
        if not _HOST.fullmatch(parts.hostname or "") or port == 0:
            return checker.report(
                where,
                f"'{parts.netloc[:60]}' is not a web site's name",
                "copy the address from the browser's address bar, like https://www.iom.int/…",
            )
        copier = next((label for label in parts.hostname.split(".") if label in COPY_SITES), None)
        if copier:
            checker.note(
                where,
                f"{parts.hostname} keeps copies of other publishers' documents",
                "link the publisher's own page or file instead (search for the document's title); if none exists, "
                "end the source's title with (copy)",
            )
        return url

    def schema(self, vocabulary):
        return {"type": "string", "format": "uri", "pattern": '^https?://[^\\s@/\\\\<>"]+(?:[/?#][^\\s\\\\<>"]*)?$'}

    def explain(self, vocabulary):
        return "a web address starting with http:// or https://"


@dataclass(frozen=True)
class Slug(FieldType):
    """A name that becomes part of a page's address: lowercase ASCII letters, digits, hyphens."""

    def check(self, value, checker, where):
        if not isinstance(value, str):
            return checker.report(where, f"must be a slug, not {_kind(value)}", "write it like old-name-of-the-page")
        slug = value.strip()
        if not SLUG.fullmatch(slug):
            return checker.report(
                where,
                f"'{slug[:80]}' is not a slug",
                f"write it as lowercase letters, digits and hyphens, like {suggest_slug(slug)}",
            )
        if slug in RESERVED_SLUGS:
            return checker.report(where, f"'{slug}' is the name of a page of the site", "remove it")
        return slug

    def schema(self, vocabulary):
        return {"type": "string", "pattern": f"^{SLUG.pattern}$", "not": {"enum": sorted(RESERVED_SLUGS)}}

    def explain(self, vocabulary):
        return "a slug: lowercase letters, digits and hyphens"


def suggest_slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or "my-practice"


@dataclass(frozen=True)
class Choice(FieldType):
    """One id from a vocabulary; numbers stay numbers (guidelines, points)."""

    vocabulary_name: str

    def terms(self, vocabulary: Vocabulary) -> Terms:
        return getattr(vocabulary, self.vocabulary_name)

    def resolve(self, text: str, vocabulary: Vocabulary) -> str | int:
        """The id a contributor means by an id, a name or a synonym (for the scaffold and the
        issue form); text it cannot place comes back unchanged, for check() to report."""
        terms = self.terms(vocabulary)
        text = " ".join(str(text).split())
        found = terms.resolve(text)
        if found is not None:
            return found
        return int(text) if isinstance(terms.terms[0].id, int) and text.isdigit() else text

    def check(self, value, checker, where):
        terms = self.terms(checker.vocabulary)
        numeric = isinstance(terms.terms[0].id, int)  # not .ids: that builds a list (249 countries)
        if numeric and isinstance(value, float) and value.is_integer():
            return checker.report(where, f"{value} is a decimal number", f"write {int(value)}")
        if numeric and isinstance(value, str) and value.strip().isdigit():
            return checker.report(where, f"'{value}' is text, not a number", f"write {value.strip()} without quotes")
        if (numeric and isinstance(value, int) and not isinstance(value, bool)) or (
            not numeric and isinstance(value, str)
        ):
            if value in terms:
                return terms[value]
            return self.unknown(value, terms, checker, where)
        return checker.report(where, f"must be a {terms.name}, not {_kind(value)}", f"allowed: {self.allowed(terms)}")

    def unknown(self, value, terms: Terms, checker: Checker, where: FieldPath):
        suggestion = None if isinstance(value, int) else terms.suggest(value)
        guess = f"did you mean '{suggestion}'? " if suggestion else ""
        return checker.report(where, f"unknown {terms.name} '{value}'", f"{guess}allowed: {self.allowed(terms)}")

    def allowed(self, terms: Terms) -> str:
        if len(terms) > 20:
            return "see the field reference"
        if isinstance(terms.ids[0], int):
            return f"a number from {terms.ids[0]} to {terms.ids[-1]}"
        return ", ".join(str(i) for i in terms.ids)

    def schema(self, vocabulary):
        terms = self.terms(vocabulary)
        if isinstance(terms.ids[0], int):
            return {"type": "integer", "enum": terms.ids}
        return {"type": "string", "enum": terms.ids}

    def explain(self, vocabulary):
        terms = self.terms(vocabulary)
        return f"one {terms.name} ({self.allowed(terms)})"


@dataclass(frozen=True)
class Language(Choice):
    """An ISO 639-1 language code."""

    vocabulary_name: str = "languages"

    def allowed(self, terms: Terms) -> str:
        return "ISO 639-1 codes, like en, fr or es"


@dataclass(frozen=True)
class Country(Choice):
    """An ISO 3166-1 alpha-2 country code; owns the look-up of country names (pycountry)."""

    vocabulary_name: str = "countries"

    def resolve(self, text: str, vocabulary: Vocabulary) -> str | int:
        """A code from any ISO code or name a contributor writes: "Philippines", "lb", "LBN"."""
        text = " ".join(str(text).split())
        try:
            code = pycountry.countries.lookup(text).alpha_2 if text else None
        except LookupError:
            code = None
        return code if code in self.terms(vocabulary) else text

    def unknown(self, value, terms: Terms, checker: Checker, where: FieldPath):
        text = value.strip()
        if text.upper() in terms:
            return checker.report(where, f"country codes are written in capitals: '{text}'", f"write {text.upper()}")
        by_name = {t.name.lower(): t.id for t in terms}
        match = by_name.get(text.lower()) or next(
            iter(by_name[n] for n in difflib.get_close_matches(text.lower(), list(by_name), n=1, cutoff=0.75)), None
        )
        hint = f"did you mean {match} ({terms[match].name})? " if match else ""
        return checker.report(
            where,
            f"'{text}' is not an ISO 3166-1 alpha-2 country code",
            f"{hint}use two-letter codes, like PH, LB or MX",
        )

    def allowed(self, terms: Terms) -> str:
        return "ISO 3166-1 alpha-2 codes, like PH, LB or MX"


@dataclass(frozen=True)
class ListOf(FieldType):
    item: FieldType
    min_items: int = 0
    max_items: int = 50

    def check(self, value, checker, where):
        if value is None:
            value = []
        if not isinstance(value, list):
            if isinstance(value, (str, int)) and not isinstance(value, bool):
                return checker.report(where, f"must be a list, not {_kind(value)}", f"write it as a list: [{value}]")
            return checker.report(where, f"must be a list, not {_kind(value)}", "write a list, like [a, b]")
        if len(value) < self.min_items:
            return checker.report(
                where, f"needs at least {self.min_items} {'entry' if self.min_items == 1 else 'entries'}", "add one"
            )
        if len(value) > self.max_items:
            return checker.report(
                where, f"has {len(value)} entries, more than {self.max_items}", "keep the ones that matter most"
            )
        items = [v if v is INVALID else self.item.check(v, checker, (*where, i)) for i, v in enumerate(value)]
        if any(i is INVALID for i in items):
            return INVALID
        seen: set = set()
        for i, item in enumerate(items):
            key = item if not isinstance(item, dict) else repr(sorted(item.items(), key=str))
            if key in seen:
                checker.report((*where, i), "is listed twice", "remove the repeated entry")
                return INVALID
            seen.add(key)
        return tuple(items)

    def schema(self, vocabulary):
        return {
            "type": "array",
            "items": self.item.schema(vocabulary),
            "minItems": self.min_items,
            "maxItems": self.max_items,
            "uniqueItems": True,
        }

    def explain(self, vocabulary):
        least = f" of at least {self.min_items}" if self.min_items else ""
        return f"a list{least}, like [a, b], each entry {self.item.explain(vocabulary)}"


@dataclass(frozen=True)
class Group(FieldType):
    """A small mapping of named fields, such as a stakeholder or a source."""

    fields: tuple[Field, ...]
    noun: str  # "stakeholder", "source"
    one_of: tuple[str, ...] = ()  # optional fields of which at least one must be given

    def check(self, value, checker, where):
        if not isinstance(value, dict):
            names = ", ".join(f.name for f in self.fields if f.required)
            return checker.report(
                where,
                f"each {self.noun} must have the fields {names}, not {_kind(value)}",
                f"write it as: {{{', '.join(f + ': …' for f in names.split(', '))}}}",
            )
        checked = check_fields(value, self.fields, checker, where)
        if self.one_of and all(_unset(value.get(name)) for name in self.one_of):
            return checker.report(
                where,
                f"this {self.noun} has none of {', '.join(self.one_of)}",
                f"add at least one of them, with what the {self.noun} clearly bears on",
            )
        return checked

    def schema(self, vocabulary):
        result = object_schema(self.fields, vocabulary)
        if self.one_of:
            result["anyOf"] = [{"required": [name], "properties": {name: {"minItems": 1}}} for name in self.one_of]
        return result

    def explain(self, vocabulary):
        least = f"; at least one of {', '.join(self.one_of)}" if self.one_of else ""
        return f"{self.noun} ({', '.join(f.name for f in self.fields)}{least})"


@dataclass(frozen=True)
class Field:
    name: str
    type: FieldType
    description: str
    required: bool = True
    example: Any = None

    def explain(self, vocabulary: Vocabulary) -> str:
        return self.type.explain(vocabulary)


def check_fields(data: dict, fields: tuple[Field, ...], checker: Checker, where: FieldPath = ()) -> dict | object:
    """Check a mapping against its declared fields; returns converted values or INVALID."""
    known = {f.name: f for f in fields}
    result: dict[str, Any] = {}
    valid = True
    for name in data:
        if name not in known:
            close = difflib.get_close_matches(str(name), list(known), n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'?" if close else f"remove it; allowed fields: {', '.join(known)}"
            visible = "".join(c for c in str(name) if c.isprintable() and not c.isspace())
            if visible in known:  # a no-break or zero-width space, pasted from a word processor
                hidden = next(c for c in str(name) if not c.isprintable() or c.isspace())
                hint = f"retype the name as '{visible}': it contains an invisible character (U+{ord(hidden):04X})"
            checker.report((*where, name), f"unknown field '{name}'", hint)
            valid = False
    for f in fields:
        value = data.get(f.name)
        if value is None or value == "" or value == []:
            if f.required:
                line_where = (*where, f.name) if f.name in data else where
                checker.report(
                    line_where,
                    f"missing required field '{f.name}'" if f.name not in data else f"'{f.name}' is empty",
                    f"add '{f.name}:' with {f.explain(checker.vocabulary)}",
                )
                valid = False
            continue
        if value is INVALID:
            valid = False
            continue
        converted = f.type.check(value, checker, (*where, f.name))
        if converted is INVALID:
            valid = False
        result[f.name] = converted
    return result if valid else INVALID


def object_schema(fields: tuple[Field, ...], vocabulary: Vocabulary) -> dict:
    return {
        "type": "object",
        "properties": {f.name: {"description": f.description, **f.type.schema(vocabulary)} for f in fields},
        "required": [f.name for f in fields if f.required],
        "additionalProperties": False,
    }


# --- Rules between fields -----------------------------------------------------------------
# Declared once with the fields: the checker applies them, the JSON Schemas, the field
# reference, the scaffold's questions and the issue form read them.


def _id(value: object) -> object:
    return getattr(value, "id", value)  # a converted Term, or an id as a contributor wrote it


def _unset(value: object) -> bool:
    return value is None or value == "" or value == [] or value is INVALID


@dataclass(frozen=True)
class RequiredUnless:
    """`field` is required unless `other` is `value`; with `absent`, it must then be left out."""

    field: str
    other: str
    value: str
    message: str  # {value} is the other field's value: "a practice with scope '{value}' needs 'countries'"
    hint: str
    absent: str = ""  # the message when the field is given although `other` is `value`
    absent_hint: str = ""

    def required(self, values: dict) -> bool | None:
        """Whether the field is needed, given the other values (None: the other is unknown)."""
        other = values.get(self.other)
        return None if _unset(other) else _id(other) != self.value

    def check(self, values: dict, checker: Checker, where: FieldPath = ()) -> None:
        required = self.required(values)
        raw = checker.record_file.data
        if required and _unset(raw.get(self.field)):
            at = (*where, self.field) if self.field in raw else where
            checker.report(at, self.message.format(value=_id(values[self.other])), self.hint)
        elif required is False and self.absent and not _unset(values.get(self.field)):
            checker.report((*where, self.field), self.absent, self.absent_hint)

    def schema(self) -> list[dict]:
        unless = {"properties": {self.other: {"const": self.value}}, "required": [self.other]}
        schemas = [{"if": {"not": unless}, "then": {"required": [self.field]}}]
        if self.absent:
            schemas.append({"if": unless, "then": {"not": {"required": [self.field]}}})
        return schemas

    def explain(self) -> str:
        rule = f"`{self.field}` is required unless `{self.other}` is `{self.value}`"
        return rule + (", and is then left out." if self.absent else ".")


@dataclass(frozen=True)
class InOrder:
    """`later` is not before `earlier` (years or dates), within a group of fields if `within`."""

    earlier: str
    later: str
    hint: str
    within: tuple[str, ...] = ()

    def check(self, values: dict, checker: Checker, where: FieldPath = ()) -> None:
        group = values
        for name in self.within:
            group = group.get(name) if isinstance(group, dict) else None
        if not isinstance(group, dict):
            return
        first, then = group.get(self.earlier), group.get(self.later)
        if _unset(first) or _unset(then) or not then < first:
            return
        shown = {
            name: getattr(v, "isoformat", lambda v=v: v)() for name, v in ((self.earlier, first), (self.later, then))
        }
        checker.report(
            (*where, *self.within, self.later),
            f"{self.later} {shown[self.later]} is before {self.earlier} {shown[self.earlier]}",
            self.hint.format(earlier=shown[self.earlier]),
        )

    def schema(self) -> list[dict]:
        return []  # JSON Schema cannot compare two values

    def explain(self) -> str:
        where = f" (in `{'.'.join(self.within)}`)" if self.within else ""
        return f"`{self.later}` is not before `{self.earlier}`{where}."


@dataclass(frozen=True)
class InGroup:
    """The term in `field` belongs to the term in `group` (a country to its region)."""

    field: str
    group: str

    def check(self, values: dict, checker: Checker, where: FieldPath = ()) -> None:
        term, group = values.get(self.field), values.get(self.group)
        if not _unset(term) and not _unset(group) and term.group != group.id:
            checker.report(
                (*where, self.field),
                f"{term.id} ({term.name}) is not in the {self.group} {group.id}",
                f"correct the {self.field} or the {self.group}",
            )

    def schema(self) -> list[dict]:
        return []

    def explain(self) -> str:
        return f"`{self.field}` is in the `{self.group}`."


@dataclass(frozen=True)
class Cites:
    """Each entry of `field` names in `key` the url of an entry of one of the lists `among`
    (a recommendation cites one of its consultation's documents or sources). Read from the
    file as written, so that a wrong address is reported with the file's other problems."""

    field: str
    key: str
    among: tuple[str, ...]

    def check(self, values: dict, checker: Checker, where: FieldPath = ()) -> None:
        raw = checker.record_file.data
        urls = [
            entry["url"].strip()
            for name in self.among
            for entry in (raw.get(name) if isinstance(raw.get(name), list) else ())
            if isinstance(entry, dict) and isinstance(entry.get("url"), str)
        ]
        entries = raw.get(self.field)
        for i, entry in enumerate(entries if isinstance(entries, list) else ()):
            cited = entry.get(self.key) if isinstance(entry, dict) else None
            if not isinstance(cited, str) or not cited.strip() or cited.strip() in urls:
                continue
            close = difflib.get_close_matches(cited.strip(), urls, n=1, cutoff=0.6)
            guess = f"did you mean {close[0]}? " if close else ""
            checker.report(
                (*where, self.field, i, self.key),
                f"'{cited.strip()[:100]}' is not the url of one of the {' or '.join(self.among)}",
                f"{guess}copy the url of the {' or '.join(self.among)} entry it comes from, "
                f"or add that document to {self.among[0]} first",
            )

    def schema(self) -> list[dict]:
        return []  # JSON Schema cannot compare values across lists

    def explain(self) -> str:
        among = " or ".join(f"`{name}`" for name in self.among)
        return f"Each entry of `{self.field}` gives as `{self.key}` the `url` of one of the {among}."


CrossFieldRule = RequiredUnless | InOrder | InGroup | Cites


def required(field: Field, rules: tuple[CrossFieldRule, ...], values: dict) -> bool:
    """Whether a field must be given, with the values known so far (scaffold, issue form)."""
    return field.required or any(
        isinstance(rule, RequiredUnless) and rule.field == field.name and rule.required(values) for rule in rules
    )


def conditional(field: Field, rules: tuple[CrossFieldRule, ...]) -> RequiredUnless | None:
    """The rule that makes a field required or not, if any."""
    return next((r for r in rules if isinstance(r, RequiredUnless) and r.field == field.name), None)


# --- The contract -------------------------------------------------------------------------

YEAR = Year(1900, 2100)
SOURCE = Group(
    (
        Field("title", Text(300), "The title of the page or document."),
        Field("url", Url(), "Its public web address."),
    ),
    noun="source",
)
STAKEHOLDER = Group(
    (
        Field("name", Text(200), "The organisation's name."),
        Field("type", Choice("stakeholder_types"), "What kind of actor it is."),
    ),
    noun="stakeholder",
)
DOCUMENT = Group(
    (
        Field("title", Text(300), "The document's title."),
        Field("url", Url(), "Its public web address."),
        Field("language", Language(), "Its language, as an ISO 639-1 code."),
        Field("kind", Choice("document_kinds"), "What kind of document it is."),
    ),
    noun="document",
)


def _tags(name: str, vocabulary_name: str, description: str) -> Field:
    """An optional list of terms: what a recommendation bears on."""
    return Field(name, ListOf(Choice(vocabulary_name)), description, required=False)


RECOMMENDATION = Group(
    (
        Field("text", Text(400), "What civil society recommended, in your own words and faithful to the source."),
        _tags("phases", "phases", "The crisis phases it bears on."),
        _tags("guidelines", "guidelines", "The MICIC guidelines it bears on."),
        _tags("action_plan_points", "action_plan_points", "The points of the 8-point Plan it bears on."),
        _tags("crisis_types", "crisis_types", "The kinds of crisis it names."),
        _tags("messages", "key_messages", "Which of civil society's three messages it carries."),
        Field("source", Url(), "The url of the document or source that states it."),
    ),
    noun="recommendation",
    one_of=("phases", "guidelines", "action_plan_points"),
)
GOVERNMENT_CONSULTATION = Group(
    (
        Field("city", Text(100), "Where the government consultation met."),
        Field("country", Country(), "Its country, as an ISO code."),
        Field("start_date", Date(), "Its first day."),
        Field("end_date", Date(), "Its last day."),
    ),
    noun="government consultation",
)
LANGUAGE = Field(
    "language",
    Choice("site_languages"),
    "The language the record is written in (default: en); its translations live beside it, in <slug>.<language>.md.",
    required=False,
)
ALIASES = Field(
    "aliases",
    ListOf(Slug(), max_items=20),
    "Former slugs of this file, so that old links keep working after a rename.",
    required=False,
)

PRACTICE_FIELDS: tuple[Field, ...] = (
    Field(
        "title",
        Text(150),
        "What the practice is, in a few words.",
        example="Repatriation of Filipino workers from Libya in 2011",
    ),
    Field("summary", Text(300), "One or two sentences: what was done, by whom, for whom."),
    Field(
        "countries",
        ListOf(Country(), max_items=60),
        "Where it took place, as ISO 3166-1 alpha-2 codes; regions are derived from them.",
        required=False,
        example=["PH", "LY"],
    ),
    Field("scope", Choice("scopes"), "How far it reaches.", example="national"),
    Field(
        "crisis_types",
        ListOf(Choice("crisis_types"), min_items=1),
        "The kinds of crisis it responds to.",
        example=["conflict"],
    ),
    Field(
        "phases",
        ListOf(Choice("phases"), min_items=1),
        "The MICIC crisis phases it belongs to.",
        example=["emergency-response"],
    ),
    Field(
        "guidelines",
        ListOf(Choice("guidelines")),
        "The MICIC guidelines (1–15) it clearly serves.",
        required=False,
        example=[10, 13],
    ),
    Field(
        "action_plan_points",
        ListOf(Choice("action_plan_points")),
        "The points (1–8) of civil society's 5-year 8-point Plan of Action it clearly serves.",
        required=False,
        example=[3],
    ),
    Field(
        "stakeholders",
        ListOf(STAKEHOLDER, min_items=1),
        "Who carried it out.",
        example=[{"name": "Department of Foreign Affairs (Philippines)", "type": "state"}],
    ),
    Field("start_year", Year(1900, 2100, begun=True), "The year it began.", example=2011),
    Field("end_year", YEAR, "The year it ended; leave out while it is ongoing.", required=False),
    Field(
        "sources",
        ListOf(SOURCE, min_items=1),
        "Public pages that document every fact on the page.",
        example=[{"title": "A public report", "url": "https://example.org/report"}],
    ),
    Field("date_added", Date(), "When the practice was added to the catalogue.", example="2026-11-30"),
    Field("last_reviewed", Date(), "When its facts were last checked against its sources.", example="2026-11-30"),
    ALIASES,
    LANGUAGE,
)

CONSULTATION_FIELDS: tuple[Field, ...] = (
    Field("title", Text(150), "The consultation's name."),
    Field("summary", Text(300), "One or two sentences on what it was and what it stressed."),
    Field("kind", Choice("consultation_kinds"), "What kind of consultation it was."),
    Field("region", Choice("regions"), "The region it covered; leave out for a global consultation.", required=False),
    Field("city", Text(100), "Where it met."),
    Field("country", Country(), "Its country, as an ISO code."),
    Field("start_date", Date(), "Its first day."),
    Field("end_date", Date(), "Its last day."),
    Field("organizers", ListOf(Text(200), min_items=1), "Who organised it."),
    Field("participants", Integer(1, 100000), "How many took part, where a source says so.", required=False),
    Field(
        "government_consultation",
        GOVERNMENT_CONSULTATION,
        "The government consultation it fed, if any.",
        required=False,
    ),
    Field(
        "action_plan_points",
        ListOf(Choice("action_plan_points")),
        "The points of the 8-point Plan it addressed.",
        required=False,
    ),
    Field("sources", ListOf(SOURCE, min_items=1), "Public pages that document every fact on the page."),
    Field("documents", ListOf(DOCUMENT), "Outcome documents, statements and reports.", required=False),
    Field(
        "recommendations",
        ListOf(RECOMMENDATION, max_items=60),
        "What civil society recommended there, as its documents and sources give it. Add new ones at the end: "
        "a recommendation's address is its consultation and its place in this list.",
        required=False,
    ),
    ALIASES,
    LANGUAGE,
)

TRANSLATION = Group(
    (
        Field("method", Choice("translation_methods"), "How it was translated.", example="machine-assisted"),
        Field("date", Date(), "When it was translated (or last checked against the record).", example="2026-12-01"),
        Field("by", Text(200), "Who translated it, if they wish to be named.", required=False),
    ),
    noun="translation",
)
# A translation file, <slug>.<language>.md beside its record: these fields and an optional
# body, nothing else; every other field comes from the record it translates.
TRANSLATION_FIELDS: tuple[Field, ...] = (
    # French, Spanish and Arabic run a fifth longer than English: a translated title may too.
    Field("title", Text(180), "The record's title, translated."),
    Field("summary", Text(300), "The record's summary, translated."),
    Field("translation", TRANSLATION, "How, when and by whom it was translated."),
)

PRACTICE_RULES: tuple[CrossFieldRule, ...] = (
    RequiredUnless(
        "countries",
        "scope",
        "global",
        "a practice with scope '{value}' needs 'countries'",
        "list the countries as ISO codes, like countries: [PH, LB], or set scope: global",
    ),
    InOrder("start_year", "end_year", "correct one of the two years"),
    InOrder(
        "date_added",
        "last_reviewed",
        "a record is reviewed when it is added at the earliest: write {earlier} or later",
    ),
)

CONSULTATION_RULES: tuple[CrossFieldRule, ...] = (
    RequiredUnless(
        "region",
        "kind",
        "global-civil-society",
        "missing required field 'region'",
        "add 'region:' with the region the consultation covered",
        absent="a global consultation has no region",
        absent_hint="remove the region line",
    ),
    InGroup("country", "region"),
    InOrder("start_date", "end_date", "correct one of the two dates"),
    InOrder("start_date", "end_date", "correct one of the two dates", within=("government_consultation",)),
    Cites("recommendations", "source", ("documents", "sources")),
)
