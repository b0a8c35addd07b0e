"""Broken and hostile files: each must fail with exactly this message, on this line, and no traceback.

One file per defect in tests/defects/ (add a defect by adding a file and a row to EXPECTED);
defects that cannot be committed as files (megabytes, binary data, symbolic links, odd file
names and folders) are written by GENERATED below. Files in tests/defects/valid/ look odd
(byte-order mark, Windows line ends) but are valid, and must read as the plain file does.
Every file is checked inside a scratch repository's practices/ folder, as a pull request's would be.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from conftest import VALID_PRACTICE, write

from micic import read
from micic.check import check_repository

DEFECTS = Path(__file__).parent / "defects"
VALID = DEFECTS / "valid"

# file → (line, field, message, hint) of its one problem
EXPECTED: dict[str, tuple[int, str, str, str]] = {
    "alias-bomb.md": (
        2,
        "lol0",
        "YAML anchors and aliases (&name, *name) are not allowed",
        "write the value out in full",
    ),
    "byte-order-mark-duplicate-key.md": (
        6,
        "scope",
        "duplicate key 'scope' (first given on line 5)",
        "keep one 'scope' and delete the other",
    ),
    "byte-order-mark-only.md": (0, "", "file is empty", "start from the template in CONTRIBUTING.md"),
    "capitalised-scope.md": (
        5,
        "scope",
        "unknown scope 'National'",
        "did you mean 'national'? allowed: local, national, regional, global",
    ),
    "colon-in-title.md": (
        2,
        "",
        "YAML syntax error: mapping values are not allowed in this context",
        "a value that contains ': ' must be put in quotes, like title: \"Lebanon: a mapping\"",
    ),
    "consultation-in-practices.md": (
        1,
        "",
        "this file describes a consultation, but it is in practices/",
        "move it to consultations/consultation-in-practices.md",
    ),
    "control-character.md": (
        2,
        "",
        "the front matter contains an invisible control character (U+0008)",
        "delete it and retype the text around it (it comes with text copied from PDFs and word processors)",
    ),
    "countries-without-brackets.md": (4, "countries", "must be a list, not text", "write it as a list: [PH, LB]"),
    "country-name-not-code.md": (
        4,
        "countries.0",
        "'Philippines' is not an ISO 3166-1 alpha-2 country code",
        "did you mean PH (Philippines)? use two-letter codes, like PH, LB or MX",
    ),
    "crlf-duplicate-key.md": (
        6,
        "scope",
        "duplicate key 'scope' (first given on line 5)",
        "keep one 'scope' and delete the other",
    ),
    "custom-tag.md": (
        5,
        "scope",
        "YAML tags such as '!Ref' are not allowed",
        "remove '!Ref' and write the plain value",
    ),
    "data-image-in-body.md": (
        24,
        "body",
        "links to 'data:' addresses are not allowed",
        "link only to web pages (https://…) or to other pages of this site",
    ),
    "date-with-slashes.md": (
        18,
        "date_added",
        "'30/11/2026' is not a real date written YYYY-MM-DD",
        "write a real date as YYYY-MM-DD, like 2026-03-21",
    ),
    "decimal-guideline.md": (
        8,
        "guidelines.0",
        "must be a MICIC guideline, not a decimal number",
        "allowed: a number from 1 to 15",
    ),
    "deep-nesting.md": (
        4,
        "countries.0.0.0",
        "values are nested more than 4 levels deep",
        "use the flat structure shown in the template",
    ),
    "duplicate-key-in-stakeholder.md": (
        13,
        "stakeholders.0.name",
        "duplicate key 'name' (first given on line 11)",
        "keep one 'name' and delete the other",
    ),
    "duplicate-key.md": (
        6,
        "scope",
        "duplicate key 'scope' (first given on line 5)",
        "keep one 'scope' and delete the other",
    ),
    "empty-file.md": (0, "", "file is empty", "start from the template in CONTRIBUTING.md"),
    "empty-front-matter.md": (1, "", "empty front matter", "fill in the fields between the two '---' lines"),
    "empty-phases.md": (
        7,
        "phases",
        "'phases' is empty",
        "add 'phases:' with a list of at least 1, like [a, b], each entry one phase (preparedness, emergency-response, post-crisis)",
    ),
    "empty-title.md": (2, "title", "'title' is empty", "add 'title:' with text, at most 150 characters"),
    "end-before-start.md": (14, "end_year", "end_year 2004 is before start_year 2006", "correct one of the two years"),
    "field-name-is-a-list.md": (6, "", "a field name must be plain text", "write each field as 'name: value'"),
    "float-guideline.md": (8, "guidelines.0", "13.0 is a decimal number", "write 13"),
    "float-year.md": (
        13,
        "start_year",
        "must be a whole number, not a decimal number (2006.0)",
        "write a number between 1900 and 2100, without quotes",
    ),
    "front-matter-is-a-list.md": (
        2,
        "",
        "front matter is not a list of 'field: value' lines",
        "write one field per line, like 'title: My practice'",
    ),
    "hex-year.md": (
        13,
        "start_year",
        "0x7d6 is not written as a plain whole number",
        "write it with the digits 0-9 only and no leading zero, like 2006; or quote it if it is text",
    ),
    "html-image-in-body.md": (
        26,
        "body",
        "images are not shown on practice and consultation pages",
        "describe what the image shows in words, or link to it: [what it shows](https://…)",
    ),
    "image-in-body.md": (
        28,
        "body",
        "images are not shown on practice and consultation pages",
        "describe what the image shows in words, or link to it: [what it shows](https://…)",
    ),
    "huge-number.md": (
        13,
        "start_year",
        "the number 999999999999… has 400 digits",
        "write a real value: numbers here have at most 18 digits",
    ),
    "impossible-date-february.md": (
        18,
        "date_added",
        "2026-02-30 is not a real date",
        "write a date that exists, as YYYY-MM-DD, like 2026-03-21",
    ),
    "impossible-date.md": (
        18,
        "date_added",
        "2026-13-45 is not a real date",
        "write a date that exists, as YYYY-MM-DD, like 2026-03-21",
    ),
    "invalid-country.md": (
        4,
        "countries.1",
        "'XX' is not an ISO 3166-1 alpha-2 country code",
        "use two-letter codes, like PH, LB or MX",
    ),
    "invisible-space-in-value.md": (
        4,
        "countries.1",
        "contains an invisible character (U+200B ZERO WIDTH SPACE)",
        "delete it and retype the text around it (it comes with text copied from PDFs and word processors)",
    ),
    "javascript-link-in-body.md": (
        22,
        "body",
        "links to 'javascript:' addresses are not allowed",
        "link only to web pages (https://…) or to other pages of this site",
    ),
    "javascript-source-url.md": (
        17,
        "sources.0.url",
        "'javascript:alert(document.cookie)' is not an http(s) web address",
        "write the full address of a public web page, starting with https://",
    ),
    "latin-1.md": (
        3,
        "",
        "file is not UTF-8 text (byte 0xdc cannot be read)",
        "save the file with UTF-8 encoding (in most editors: Save as… → Encoding: UTF-8)",
    ),
    "lowercase-country.md": (4, "countries.0", "country codes are written in capitals: 'ph'", "write PH"),
    "merge-key.md": (6, "", "YAML merge keys (<<) are not allowed", "write the fields out in full"),
    "missing-front-matter.md": (
        1,
        "",
        "missing front matter: the file must start with a line '---'",
        "put the fields between two lines of three dashes (---) at the very top of the file",
    ),
    "missing-start-year.md": (
        1,
        "",
        "missing required field 'start_year'",
        "add 'start_year:' with a whole number from 1900 to 2100",
    ),
    "missing-summary.md": (
        1,
        "",
        "missing required field 'summary'",
        "add 'summary:' with text, at most 300 characters",
    ),
    "misspelt-crisis-type.md": (
        6,
        "crisis_types.0",
        "unknown crisis type 'natural-disasters'",
        "did you mean 'natural-disaster'? allowed: conflict, natural-disaster, slow-onset-environmental-change, epidemic, generalised-violence, political-economic-collapse",
    ),
    "nested-lists-in-body.md": (
        34,
        "body",
        "lists, quotes, indentation or HTML blocks are nested more than 10 levels deep",
        "flatten the structure: use headings and short lists",
    ),
    "no-countries-national-scope.md": (
        1,
        "",
        "a practice with scope 'national' needs 'countries'",
        "list the countries as ISO codes, like countries: [PH, LB], or set scope: global",
    ),
    "python-tag.md": (
        2,
        "title",
        "YAML tags such as '!!python/object/apply:os.system' are not allowed",
        "remove '!!python/object/apply:os.system' and write the plain value",
    ),
    "quoted-impossible-date.md": (
        18,
        "date_added",
        "'2026-02-30' is not a real date written YYYY-MM-DD",
        "write a real date as YYYY-MM-DD, like 2026-03-21",
    ),
    "repeated-country.md": (4, "countries.2", "is listed twice", "remove the repeated entry"),
    "source-not-http.md": (
        17,
        "sources.0.url",
        "'ftp://example.org/source' is not an http(s) web address",
        "write the full address of a public web page, starting with https://",
    ),
    "stakeholder-as-text.md": (
        11,
        "stakeholders.0",
        "each stakeholder must have the fields name, type, not text",
        "write it as: {name: …, type: …}",
    ),
    "str-tag.md": (5, "scope", "YAML tags such as '!!str' are not allowed", "remove '!!str' and write the plain value"),
    "summary-too-long.md": (3, "summary", "is 319 characters long, more than 300", "shorten it"),
    "tab-indentation.md": (
        11,
        "",
        "YAML syntax error: found character that cannot start any token (while scanning for the next token)",
        "indent with spaces, not tabs",
    ),
    "text-before-front-matter.md": (
        1,
        "",
        "missing front matter: the file must start with a line '---'",
        "put the fields between two lines of three dashes (---) at the very top of the file",
    ),
    "title-is-a-number.md": (
        2,
        "title",
        "must be text, not a number",
        "write the text; put it in quotes if it looks like a number or a date",
    ),
    "unclosed-flow-list.md": (
        5,
        "",
        "YAML syntax error: did not find expected ',' or ']' (while parsing a flow sequence)",
        "check the indentation, quotes and colons on this line and the one before",
    ),
    "unclosed-quote.md": (
        19,
        "",
        "YAML syntax error: found unexpected end of stream (while scanning a quoted scalar)",
        "check the indentation, quotes and colons on this line and the one before",
    ),
    "unknown-crisis-type.md": (
        6,
        "crisis_types.0",
        "unknown crisis type 'war'",
        "did you mean 'conflict'? allowed: conflict, natural-disaster, slow-onset-environmental-change, epidemic, generalised-violence, political-economic-collapse",
    ),
    "unknown-field-in-stakeholder.md": (
        13,
        "stakeholders.0.website",
        "unknown field 'website'",
        "remove it; allowed fields: name, type",
    ),
    "unknown-field.md": (
        6,
        "region",
        "unknown field 'region'",
        "remove it; allowed fields: title, summary, countries, scope, crisis_types, phases, guidelines, action_plan_points, stakeholders, start_year, end_year, sources, date_added, last_reviewed, aliases, language",
    ),
    "unknown-guideline.md": (8, "guidelines.0", "unknown MICIC guideline '16'", "allowed: a number from 1 to 15"),
    "unknown-stakeholder-type.md": (
        12,
        "stakeholders.0.type",
        "unknown stakeholder type 'government'",
        "did you mean 'state'? allowed: state, local-authority, international-organization, civil-society, migrant-diaspora-organization, private-sector",
    ),
    "unquoted-no.md": (
        4,
        "countries.1",
        "unquoted NO is read by YAML as false",
        'put it in quotes if you mean the text: "NO"',
    ),
    "unquoted-on.md": (
        11,
        "stakeholders.0.name",
        "unquoted ON is read by YAML as true",
        'put it in quotes if you mean the text: "ON"',
    ),
    "unquoted-yes.md": (
        2,
        "title",
        "unquoted Yes is read by YAML as true",
        'put it in quotes if you mean the text: "Yes"',
    ),
    "unterminated-front-matter.md": (
        1,
        "",
        "unterminated front matter: no closing '---' line",
        "add a line of three dashes (---) after the last field",
    ),
    "utf-16.md": (
        1,
        "",
        "file is UTF-16 text, not UTF-8",
        "save the file with UTF-8 encoding (in most editors: Save as… → Encoding: UTF-8)",
    ),
    "vbscript-html-link-in-body.md": (
        24,
        "body",
        "links to 'vbscript:' addresses are not allowed",
        "link only to web pages (https://…) or to other pages of this site",
    ),
    "whitespace-only.md": (0, "", "file is empty", "start from the template in CONTRIBUTING.md"),
    "windows-1252.md": (
        2,
        "",
        "file is not UTF-8 text (byte 0x93 cannot be read)",
        "save the file with UTF-8 encoding (in most editors: Save as… → Encoding: UTF-8)",
    ),
    "year-as-text.md": (
        13,
        "start_year",
        "must be a whole number, not text ('2006')",
        "write a number between 1900 and 2100, without quotes",
    ),
    "year-out-of-range.md": (13, "start_year", "1806 is out of range", "write a number between 1900 and 2100"),
}


def test_every_defect_file_has_an_expectation():
    assert sorted(p.name for p in DEFECTS.glob("*.md")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_defect_is_reported_with_its_line_field_and_fix(name: str, tmp_path: Path):
    (tmp_path / "practices").mkdir()
    shutil.copy(DEFECTS / name, tmp_path / "practices" / name)
    result = check_repository(tmp_path)
    found = [(p.path, p.line, p.field, p.message, p.hint) for p in result.problems]
    assert found == [(f"practices/{name}", *EXPECTED[name])]
    assert result.practices == ()


# --- Defects written by the test --------------------------------------------------------

MB = 1024 * 1024
SIZE_HINT = "a practice is a page of text: shorten it and link long documents in sources"
SYMLINK = "symbolic links are not accepted"


def _practice(**changes: str) -> str:
    """VALID_PRACTICE with some lines replaced: {"old line": "new line"}."""
    text = VALID_PRACTICE
    for old, new in changes.items():
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def _padded(size: int) -> str:
    """A valid practice whose body makes the file exactly size bytes."""
    return VALID_PRACTICE + "x" * (size - len(VALID_PRACTICE.encode()))


def _link(link: str, target: str) -> Callable[[Path], None]:
    """A symbolic link in the repository to target, a path relative to the scratch folder."""

    def make(root: Path) -> None:
        outside = root.parent / "outside"
        write(outside, "secret.md", VALID_PRACTICE)
        (root / link).parent.mkdir(parents=True, exist_ok=True)
        (root / link).symlink_to(root.parent / target)

    return make


def _file(relative: str, content: str | bytes) -> Callable[[Path], None]:
    return lambda root: write(root, relative, content) and None


@dataclass(frozen=True)
class Generated:
    """A defect the test writes: what to make, what to check, and the one problem expected."""

    make: Callable[[Path], None]
    problem: tuple[str, int, str, str, str]  # path, line, field, message, hint
    named: str | None = None  # check only this path, as pre-commit names changed files


GENERATED: dict[str, Generated] = {
    "five-megabytes": Generated(
        _file("practices/five-megabytes.md", _padded(5 * MB)),
        ("practices/five-megabytes.md", 0, "", "file is 5,242,880 bytes, more than the 262,144 allowed", SIZE_HINT),
    ),
    "one-byte-too-large": Generated(
        _file("practices/one-byte-too-large.md", _padded(read.MAX_FILE_BYTES + 1)),
        ("practices/one-byte-too-large.md", 0, "", "file is 262,145 bytes, more than the 262,144 allowed", SIZE_HINT),
    ),
    "binary-data": Generated(
        _file("practices/binary-data.md", bytes(range(256)) * 16),
        ("practices/binary-data.md", 0, "", "file is binary, not text", "save the file as plain UTF-8 text (.md)"),
    ),
    "image-renamed": Generated(
        _file("practices/photo.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(1000)),
        ("practices/photo.md", 0, "", "file is binary, not text", "save the file as plain UTF-8 text (.md)"),
    ),
    "huge-front-matter": Generated(
        _file(
            "practices/huge-front-matter.md", _practice(**{"scope: national": "scope: national" + "\n# note" * 5000})
        ),
        (
            "practices/huge-front-matter.md",
            2,
            "",
            "front matter is longer than 32,768 bytes",
            "keep the fields short and put the description in the body, below the second '---'",
        ),
    ),
    "huge-list": Generated(
        _file(
            "practices/huge-list.md", _practice(**{"countries: [PH, LB]": f"countries: [{', '.join(['PH'] * 5000)}]"})
        ),
        (
            "practices/huge-list.md",
            4,
            "countries",
            "list has more than 100 entries",
            "keep only the entries that matter",
        ),
    ),
    "long-list": Generated(
        _file(
            "practices/long-list.md",
            _practice(
                **{
                    "sources:\n": "sources:\n"
                    + "".join(f"  - title: Source {i}\n    url: https://example.org/{i}\n" for i in range(50))
                }
            ),
        ),
        ("practices/long-list.md", 15, "sources", "has 51 entries, more than 50", "keep the ones that matter most"),
    ),
    "hundreds-of-fields": Generated(
        _file(
            "practices/hundreds-of-fields.md",
            _practice(**{"scope: national": "scope: national\n" + "\n".join(f"note{i}: x" for i in range(500))}),
        ),
        ("practices/hundreds-of-fields.md", 102, "", "more than 100 fields", "keep only the fields in the template"),
    ),
    "very-long-string": Generated(
        _file(
            "practices/very-long-string.md", _practice(**{"title: Test practice": "title: Test practice" + " x" * 5000})
        ),
        (
            "practices/very-long-string.md",
            2,
            "title",
            "value is longer than 2,000 characters",
            "shorten it; long text belongs in the body, below the second '---'",
        ),
    ),
    "very-deep-nesting": Generated(
        _file("practices/very-deep-nesting.md", _practice(**{"[PH, LB]": "[" * 10000 + "]" * 10000})),
        (
            "practices/very-deep-nesting.md",
            4,
            "countries.0.0.0",
            "values are nested more than 4 levels deep",
            "use the flat structure shown in the template",
        ),
    ),
    "very-long-body": Generated(
        _file("practices/very-long-body.md", VALID_PRACTICE + "line\n" * 5000),
        (
            "practices/very-long-body.md",
            2021,
            "body",
            "the body has 5,005 lines, more than 2,000",
            "a practice is a page of text: shorten it and link long documents in sources",
        ),
    ),
    "bracket-bomb-in-body": Generated(
        _file("practices/bracket-bomb-in-body.md", VALID_PRACTICE + "[" * 100_000 + "\n"),
        (
            "practices/bracket-bomb-in-body.md",
            25,
            "body",
            "the body has more than 1,000 links and tags ('[' and '<')",
            "shorten it: a page of text needs far fewer, and long lists of documents belong in sources",
        ),
    ),
    "upper-case-file-name": Generated(
        _file("practices/Test-Practice.md", VALID_PRACTICE),
        (
            "practices/Test-Practice.md",
            0,
            "",
            "file name 'Test-Practice.md' is not a lowercase slug",
            "rename it to test-practice.md (lowercase letters, digits and hyphens)",
        ),
    ),
    "non-ascii-file-name": Generated(
        _file("practices/evacuación-líbano.md", VALID_PRACTICE),
        (
            "practices/evacuación-líbano.md",
            0,
            "",
            "file name 'evacuación-líbano.md' is not a lowercase slug",
            "rename it to evacuacion-libano.md (lowercase letters, digits and hyphens)",
        ),
    ),
    "spaces-in-file-name": Generated(
        _file("practices/my practice (draft).md", VALID_PRACTICE),
        (
            "practices/my practice (draft).md",
            0,
            "",
            "file name 'my practice (draft).md' is not a lowercase slug",
            "rename it to my-practice-draft.md (lowercase letters, digits and hyphens)",
        ),
    ),
    "not-markdown": Generated(
        _file("practices/test-practice.txt", VALID_PRACTICE),
        (
            "practices/test-practice.txt",
            0,
            "",
            "not a Markdown file",
            "rename it to test-practice.md, or remove it from practices/",
        ),
    ),
    "upper-case-suffix": Generated(
        _file("practices/test-practice.MD", VALID_PRACTICE),
        (
            "practices/test-practice.MD",
            0,
            "",
            "not a Markdown file",
            "rename it to test-practice.md, or remove it from practices/",
        ),
    ),
    "subfolder": Generated(
        _file("practices/2026/test-practice.md", VALID_PRACTICE),
        (
            "practices/2026/test-practice.md",
            0,
            "",
            "practices/ has no subfolders",
            "move it to practices/test-practice.md",
        ),
    ),
    "wrong-folder": Generated(
        _file("practice/test-practice.md", VALID_PRACTICE),
        (
            "practice/test-practice.md",
            0,
            "",
            "this file is not in practices/ or consultations/",
            "move it to practices/test-practice.md (or consultations/test-practice.md)",
        ),
        named="practice/test-practice.md",
    ),
    "link-to-a-file-outside": Generated(
        _link("practices/linked.md", "outside/secret.md"),
        ("practices/linked.md", 0, "", SYMLINK, "replace the link with the file itself"),
    ),
    "link-to-system-file": Generated(
        lambda root: (root / "practices" / "passwd.md").symlink_to("/etc/passwd"),
        ("practices/passwd.md", 0, "", SYMLINK, "replace the link with the file itself"),
    ),
    "link-to-a-folder-outside": Generated(
        _link("practices/more", "outside"),
        ("practices/more", 0, "", SYMLINK, "replace the link with the file itself"),
    ),
    "records-folder-is-a-link": Generated(
        lambda root: (shutil.rmtree(root / "practices"), _link("practices", "outside")(root)),
        ("practices", 0, "", SYMLINK, "make it a real folder"),
    ),
    "named-link-to-a-file-outside": Generated(
        _link("practices/linked.md", "outside/secret.md"),
        ("practices/linked.md", 0, "", SYMLINK, "replace the link with the file itself"),
        named="practices/linked.md",
    ),
}


@pytest.mark.parametrize("name", sorted(GENERATED))
def test_generated_defect_is_reported_with_its_line_field_and_fix(name: str, tmp_path: Path):
    root = tmp_path / "repo"
    (root / "practices").mkdir(parents=True)
    defect = GENERATED[name]
    defect.make(root)
    result = check_repository(root, [root / defect.named] if defect.named else None)
    found = [(p.path, p.line, p.field, p.message, p.hint) for p in result.problems]
    assert found == [defect.problem]
    assert result.practices == ()


def test_there_are_at_least_forty_defects():
    assert len(EXPECTED) + len(GENERATED) >= 40 and len(EXPECTED) >= 40


# --- Odd but valid ----------------------------------------------------------------------

# Re-encodings of valid/plain.md: each must give exactly the same record.
SAME_AS_PLAIN = ["byte-order-mark.md", "crlf-line-ends.md", "old-mac-line-ends.md", "byte-order-mark-and-crlf.md"]


@pytest.mark.parametrize("name", sorted(p.name for p in VALID.glob("*.md")))
def test_odd_but_valid_file_is_accepted(name: str, tmp_path: Path):
    (tmp_path / "practices").mkdir()
    shutil.copy(VALID / name, tmp_path / "practices" / name)
    result = check_repository(tmp_path)
    assert [str(p) for p in result.problems] == []
    assert len(result.practices) == 1


@pytest.mark.parametrize("name", SAME_AS_PLAIN)
def test_byte_order_mark_and_line_ends_do_not_change_the_record(name: str, tmp_path: Path):
    (tmp_path / "practices").mkdir()
    shutil.copy(VALID / "plain.md", tmp_path / "practices" / "plain.md")
    shutil.copy(VALID / name, tmp_path / "practices" / name)
    plain, odd = sorted(check_repository(tmp_path).practices, key=lambda p: p.slug != "plain")
    assert (VALID / name).read_bytes() != (VALID / "plain.md").read_bytes()
    assert dataclasses.replace(odd, path=plain.path, slug=plain.slug) == plain


# --- Hostile files are refused before they can cost anything --------------------------------
# Promptness is shown by structure, not by a clock (timings are in `make bench`): the size
# is checked before the file is read, and the YAML stops at the first refused event.


def test_an_oversized_file_is_refused_without_being_read(tmp_path: Path, monkeypatch):
    write(tmp_path, "practices/five-megabytes.md", _padded(5 * MB))
    reads: list[Path] = []
    original = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: reads.append(self) or original(self))
    result = check_repository(tmp_path)
    assert [p.message for p in result.problems] == ["file is 5,242,880 bytes, more than the 262,144 allowed"]
    assert reads == []


def _events_read(monkeypatch) -> list[yaml.Event]:
    """Every YAML event the reader pulls from the parser, in order."""
    pulled: list[yaml.Event] = []
    original = yaml.parse

    def counting(*args, **kwargs):
        for event in original(*args, **kwargs):
            pulled.append(event)
            yield event

    monkeypatch.setattr(yaml, "parse", counting)
    return pulled


@pytest.mark.parametrize(
    ("name", "last_event"),
    [
        ("alias-bomb.md", yaml.ScalarEvent),  # its first anchor: lol0: &lol0 "lol"
        ("merge-key.md", yaml.ScalarEvent),
        ("python-tag.md", yaml.SequenceStartEvent),
    ],
)
def test_a_hostile_file_is_refused_at_its_first_refused_event(name, last_event, tmp_path: Path, monkeypatch):
    front_matter = (DEFECTS / name).read_text().split("---\n")[1]
    everything = list(yaml.parse(front_matter))
    pulled = _events_read(monkeypatch)
    write(tmp_path, f"practices/{name}", (DEFECTS / name).read_bytes())
    assert len(check_repository(tmp_path).problems) == 1
    assert isinstance(pulled[-1], last_event)
    assert len(everything) > 2 * len(pulled), "the rest of the file was never parsed"


def test_deep_nesting_and_huge_lists_stop_at_the_limit(tmp_path: Path, monkeypatch):
    pulled = _events_read(monkeypatch)
    GENERATED["very-deep-nesting"].make(tmp_path)
    check_repository(tmp_path)
    assert len(pulled) <= 20  # not 20,000 events: the reader stops one level past MAX_DEPTH
    pulled.clear()
    (tmp_path / "practices" / "very-deep-nesting.md").unlink()
    GENERATED["huge-list"].make(tmp_path)
    check_repository(tmp_path)
    assert len(pulled) <= read.MAX_ITEMS + 20  # not 5,000: it stops at entry MAX_ITEMS + 1


def test_a_link_is_never_followed(tmp_path: Path, monkeypatch):
    root = tmp_path / "repo"
    (root / "practices").mkdir(parents=True)
    _link("practices/linked.md", "outside/secret.md")(root)
    opened: list[str] = []
    original = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: opened.append(str(self)) or original(self))
    check_repository(root)
    assert opened == [] and os.path.islink(root / "practices" / "linked.md")
