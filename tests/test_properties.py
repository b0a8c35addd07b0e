"""Properties that hold for any input at all (Hypothesis, 2,000 examples each).

The reader and validator never raise, whatever bytes or YAML-shaped front matter a file
holds: every outcome is a record or located problems. The issue-form converter never raises
on any issue body. Front-matter text renders as itself, and never as markup.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import issue_to_practice as converter
import markdown
import yaml
from conftest import VALID_PRACTICE
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from micic import vocabulary
from micic.check import PRACTICE, check_file
from micic.fields import PRACTICE_FIELDS
from micic.problems import Problem
from micic.read import read_bytes
from micic.render import md_text

EXAMPLES = settings(
    max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
VOCABULARY = vocabulary.load()
# One scratch repository for all examples (Hypothesis runs examples, not fixtures, repeatedly).
SCRATCH = Path(tempfile.mkdtemp(prefix="micic-properties-"))
(SCRATCH / "practices").mkdir()
FILE = SCRATCH / "practices" / "any-practice.md"


def _check(raw: bytes):
    """Write raw as a practice and check it, as the validator does for a pull request."""
    FILE.write_bytes(raw)
    record, problems = check_file(SCRATCH, FILE, PRACTICE, VOCABULARY)
    assert all(isinstance(p, Problem) and p.path == "practices/any-practice.md" for p in problems)
    assert all(isinstance(p.line, int) and p.line >= 0 and p.message for p in problems)
    assert (record is None) == bool(problems), "a record exactly when there is no problem"
    for p in problems:
        str(p)  # and every problem can be shown
    return record, problems


# --- Arbitrary bytes ----------------------------------------------------------------------

_BYTES = st.one_of(
    st.binary(max_size=3000),
    st.builds(lambda b: b"---\n" + b + b"\n---\n", st.binary(max_size=2000)),
    st.builds(lambda t: t.encode("utf-8", "surrogatepass"), st.text(max_size=2000)),
)


@EXAMPLES
@given(_BYTES)
def test_the_reader_never_raises_on_arbitrary_bytes(raw: bytes):
    record_file, problems = read_bytes("practices/any-practice.md", raw)
    assert (record_file is None) <= bool(problems), "no file read means a problem says why"
    assert all(isinstance(p, Problem) for p in problems)


@EXAMPLES
@given(_BYTES)
def test_the_validator_never_raises_on_arbitrary_bytes(raw: bytes):
    _check(raw)


# --- Arbitrary YAML-shaped front matter ---------------------------------------------------

# Scalars that YAML, the contract or a browser read in surprising ways.
_TRICKY = [
    *("yes", "No", "ON", "off", "y", "~", "null", "true", "NaN", ".inf", "-.inf", "0x7d6", "0o17", "017", "1_000"),
    *("2026-02-30", "2026-11-30", "2026-11-30 10:00:00", "2026-13-45T25:61", "1:30", "13.0", "1e400", "9" * 30),
    *("&a x", "*a", "&a [*a, *a]", "!!python/object/apply:os.system ['x']", "!!binary aGk=", "!x y", "<<"),
    *("'quoted'", '"dq \\u0000"', '"\\x07"', "|", ">-", "[", "]", "{", "}", "{a: [b, {c: d}]}", "- x", "? k"),
    *("javascript:alert(1)", "https://example.org/", "data:,x", "<script>alert(1)</script>", "PH", "XX", "ph"),
    *("conflict", "national", "global", "state", "\t", "\u200b", "\ufeff", "\u202e", "\x85", "\u2028"),
]
_KEYS = st.one_of(st.sampled_from([f.name for f in PRACTICE_FIELDS] + ["name", "type", "title", "url"]), st.text())
_SCALARS = st.one_of(
    st.sampled_from(_TRICKY), st.text(max_size=40), st.integers(), st.floats(), st.booleans(), st.none(), st.dates()
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=6), st.dictionaries(_KEYS, inner, max_size=6)),
    max_leaves=12,
)


def _dumped(data: dict, flow: bool) -> str:
    return yaml.safe_dump(data, default_flow_style=flow, allow_unicode=True, sort_keys=False)


# Front matter as YAML libraries write it, and as people type it (lines of tricky tokens,
# with odd indentation), over a valid practice's fields so that deep rules are reached too.
_VALID_FIELDS = yaml.safe_load(VALID_PRACTICE.split("---\n")[1])
_FRONT_MATTER = st.one_of(
    st.builds(_dumped, st.dictionaries(_KEYS, _VALUES, max_size=8), st.booleans()),
    st.builds(
        lambda changes, flow: _dumped({**_VALID_FIELDS, **changes}, flow),
        st.dictionaries(st.sampled_from(list(_VALID_FIELDS)), _VALUES, max_size=3),
        st.booleans(),
    ),
    st.builds(
        "\n".join,
        st.lists(
            st.builds(
                lambda indent, key, value: f"{indent}{key}: {value}",
                st.sampled_from(["", "", " ", "  ", "    ", "\t", "- "]),
                _KEYS,
                st.one_of(st.sampled_from(_TRICKY), st.text(max_size=20)),
            ),
            max_size=15,
        ),
    ),
)
_BODY = st.one_of(
    st.just("Body.\n"),
    st.text(max_size=300),
    st.builds(
        "".join,
        st.lists(st.sampled_from(["[x](", "javascript:", "<a href=", '"', ")", "\n", "> ", "- ", "    ", "&#106;"])),
    ),
)


@EXAMPLES
@given(_FRONT_MATTER, _BODY)
def test_the_validator_never_raises_on_yaml_shaped_front_matter(front_matter: str, body: str):
    record, problems = _check(f"---\n{front_matter}\n---\n{body}".encode("utf-8", "surrogatepass"))
    if record is not None:  # anything accepted is a complete, typed practice
        assert record.title and record.sources and isinstance(record.date_added, dt.date)


# --- The issue-form converter -------------------------------------------------------------

_HEADINGS = [*converter.LABELS.values(), *converter.SECTION_LABELS.values(), "Before you submit", "Other"]
_ANSWERS = st.one_of(
    st.text(max_size=200),
    st.sampled_from([*_TRICKY, "_No response_", "- [X] 1. x", "- [x] Conflict", "Name | state", "T | https://x.org"]),
)
_ISSUE_BODY = st.one_of(
    st.text(max_size=3000),
    st.builds(
        "".join,
        st.lists(st.builds(lambda h, a: f"### {h}\n\n{a}\n\n", st.sampled_from(_HEADINGS), _ANSWERS), max_size=25),
    ),
)


@EXAMPLES
@given(_ISSUE_BODY)
def test_the_converter_never_raises_on_arbitrary_issue_bodies(body: str):
    result = converter.convert(body, dt.date(2026, 11, 30))
    assert result.ok == (result.text is not None and not result.problems)
    assert isinstance(converter.comment(result.problems), str)
    if result.ok:  # what it writes, the validator accepts
        record, problems = _check(result.text.encode("utf-8"))
        assert problems == []


# --- Front-matter text renders as itself --------------------------------------------------

_MARKDOWN = markdown.Markdown(extensions=["attr_list", "md_in_html", "tables", "admonition", "def_list", "toc"])
# Where templates put contributor text: a heading, a lead paragraph, a list item, a definition.
_CONTEXTS = ["# {}", "# h\n\n{}\n{{ .lead }}\n\nx", "- **[{}](x.md)**  \n  {}  \n  <small>y</small>", "Term\n:   {}"]
_MARKUP = list("ab1. -#*_`[]()!<>&\"'{}|\\+=~^:\n\t") + ["http://x.org", "<b>", "&amp;", "{: #id }", "1. ", "* "]


class _Rendered(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text = ""
        self.tags: set[str] = set()

    def handle_starttag(self, tag: str, attrs) -> None:
        self.tags.add(tag)
        if any(name not in ("id", "href", "class") for name, _ in attrs):
            self.tags.add(f"{tag}[{attrs}]")

    def handle_data(self, data: str) -> None:
        self.text += data


@EXAMPLES
@given(st.sampled_from(_CONTEXTS), st.lists(st.sampled_from(_MARKUP), max_size=30).map("".join))
def test_front_matter_text_renders_as_itself_and_never_as_markup(context: str, text: str):
    _MARKDOWN.reset()
    rendered = _Rendered()
    rendered.feed(_MARKDOWN.convert(context.format(md_text(text), md_text(text))))
    allowed = {"h1", "p", "ul", "li", "strong", "a", "small", "br", "dl", "dt", "dd"}
    assert rendered.tags <= allowed
    assert " ".join(text.split()) in rendered.text
