"""Trust: each class of hostile contribution, in several encodings and positions, is refused
with a located message (validator, build and issue form alike) or neutralised in every output.

The classes are listed in SECURITY.md; each test here is named after one of them.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import validate
from conftest import VALID_PRACTICE, write

from micic import catalogue as catalogue_
from micic import exports, gate, paths, vocabulary
from micic import issue_form as converter
from micic.check import check_repository
from micic.render import page_paths
from micic.site import Site

TODAY = dt.date(2026, 12, 1)


def _problems(root: Path, **kwargs) -> list[tuple[str, int, str, str]]:
    result = check_repository(root, today=kwargs.pop("today", TODAY), **kwargs)
    return [(p.path, p.line, p.field, p.message) for p in result.problems]


def _practice(replace: dict[str, str] | None = None, body: str = "## Context\n\nSynthetic body text.\n") -> str:
    text = VALID_PRACTICE.partition("---\n\n")[0] + "---\n\n" + body
    for old, new in (replace or {}).items():
        assert old in text, old
        text = text.replace(old, new)
    return text


# --- 1. The gate: refused characters, raw or escaped, in every position ------------------------

REFUSED = {
    "nul": "\x00",
    "escape": "\x1b",
    "delete": "\x7f",
    "c1-control": "\x9b",  # CSI: a terminal escape in one byte
    "next-line": "\x85",
    "line-separator": "\u2028",
    "paragraph-separator": "\u2029",
    "right-to-left-override": "\u202e",
    "left-to-right-isolate": "\u2066",
    "right-to-left-mark": "\u200f",
    "arabic-letter-mark": "\u061c",
    "zero-width-space": "\u200b",
    "word-joiner": "\u2060",
    "byte-order-mark-inside": "\ufeff",
    "soft-hyphen": "\u00ad",
    "tag-character": "\U000e0041",
    "hangul-filler": "\u3164",
    "non-character": "\ufdd0",
    "non-character-fffe": "\ufffe",
    "non-character-plane-1": "\U0001ffff",
}


def _escaped(char: str) -> str:
    """The character as a YAML double-quoted escape, which libyaml decodes."""
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


# (where, how): the line the character lands on, and the field the problem must name.
POSITIONS = {
    "title-raw": ("title: Test practice about evacuation", 'title: "Test practice{c}about evacuation"', 2, "title"),
    "title-escaped": ("title: Test practice about evacuation", 'title: "Test practice{e}about evacuation"', 2, "title"),
    "stakeholder-escaped": ("  - name: Test ministry", '  - name: "Test{e}ministry"', 11, "stakeholders.0.name"),
    "source-url-escaped": (
        "    url: https://example.org/source",
        '    url: "https://example.org/{e}source"',
        17,
        "sources.0.url",
    ),
    "key-escaped": ("scope: national", '"sco{e}pe": national', 5, ""),  # a key: the problem names the line
}
# Characters libyaml takes as line breaks or refuses outright are found in the raw text, before
# the YAML is read, so that no line number after them is wrong: the problem names the line only.
RAW_FIRST = {"\x00", "\x1b", "\x7f", "\x9b", "\x85", "\u2028", "\u2029", "\ufffe"}


@pytest.mark.parametrize("position", sorted(POSITIONS))
@pytest.mark.parametrize("name", sorted(REFUSED))
def test_refused_character_is_located_in_any_position_and_encoding(name: str, position: str, tmp_path: Path):
    char = REFUSED[name]
    old, new, line, field = POSITIONS[position]
    write(tmp_path, "practices/p.md", _practice({old: new.format(c=char, e=_escaped(char))}))
    problems = _problems(tmp_path)
    assert len(problems) == 1, problems
    path, found_line, found_field, message = problems[0]
    assert (path, found_line) == ("practices/p.md", line)
    assert f"U+{ord(char):04X}" in message
    if position.endswith("raw") and char in RAW_FIRST:
        assert found_field == ""
    else:
        assert found_field == field


@pytest.mark.parametrize("name", sorted(REFUSED))
@pytest.mark.parametrize("where", ["first-line", "middle", "in-a-heading", "in-a-link"])
def test_refused_character_in_the_body_is_located_on_its_line(name: str, where: str, tmp_path: Path):
    char = REFUSED[name]
    lines = ["## Context", "", "Text.", "", "More text.", "", "[a link](https://example.org/)"]
    index = {"first-line": 0, "middle": 4, "in-a-heading": 0, "in-a-link": 6}[where]
    lines[index] = lines[index][:3] + char + lines[index][3:]
    write(tmp_path, "practices/p.md", _practice(body="\n".join(lines) + "\n"))
    problems = _problems(tmp_path)
    assert [(p[1], p[2]) for p in problems] == [(22 + index, "body")], problems
    assert f"U+{ord(char):04X}" in problems[0][3]


@pytest.mark.parametrize(
    "text",
    [
        "منظمات المجتمع المدني",  # Arabic
        "می\u200cخواهم",  # Persian with a zero-width non-joiner
        "क्‍ष",  # Devanagari with a zero-width joiner
        "Red Cross \u2764\ufe0f volunteers",  # emoji with a variation selector
        "Côte d’Ivoire — «réfugiés»",
    ],
)
def test_scripts_and_joiners_that_languages_need_pass_the_gate(text: str, tmp_path: Path):
    write(tmp_path, "practices/p.md", _practice({"title: Test practice about evacuation": f'title: "{text}"'}))
    assert _problems(tmp_path) == []


def test_accepted_text_is_read_in_its_composed_form(tmp_path: Path):
    decomposed = "Re\u0301seau des migrants"  # é as e + combining acute
    write(tmp_path, "practices/p.md", _practice({"title: Test practice about evacuation": f"title: {decomposed}"}))
    result = check_repository(tmp_path, today=TODAY)
    assert result.practices[0].title == "R\u00e9seau des migrants"


# --- 2. Look-alike duplicates --------------------------------------------------------------------

LOOK_ALIKES = {
    "cyrillic-letters": "Tеst prаctice about evacuation",  # е and а are Cyrillic
    "greek-omicron": "Test practice ab\u03bfut evacuation",
    "full-width": "Ｔｅｓｔ practice about evacuation",
    "capitals": "TEST PRACTICE ABOUT EVACUATION",
    "zero-width-joiner": "Test prac\u200dtice about evacuation",
    "ligature": "Test practice about evacuation\u2002",  # en space, folded with the others
    "decomposed": "Test practice about evacuation",
    "mathematical-letters": "𝐓est practice about evacuation",
}


@pytest.mark.parametrize("name", sorted(LOOK_ALIKES))
def test_look_alike_title_is_a_duplicate_on_its_title_line(name: str, tmp_path: Path):
    write(tmp_path, "practices/a-first.md", _practice())
    other = _practice({"title: Test practice about evacuation": f'title: "{LOOK_ALIKES[name]}"'})
    write(tmp_path, "practices/b-second.md", other)
    problems = _problems(tmp_path)
    assert [(p[0], p[1], p[2]) for p in problems] == [("practices/b-second.md", 2, "title")], problems
    assert "already used by practices/a-first.md" in problems[0][3]


def test_titles_that_differ_for_a_reader_are_not_duplicates(tmp_path: Path):
    write(tmp_path, "practices/a-first.md", _practice())
    other = _practice({"title: Test practice about evacuation": "title: Test practice about evacuations"})
    write(tmp_path, "practices/b-second.md", other)
    assert _problems(tmp_path) == []


# --- 3. Paths only from slugs: aliases and reserved names ------------------------------------------

BAD_ALIASES = {
    "parent-folder": ("../index", "is not a slug"),
    "nested": ("regions/asia-pacific", "is not a slug"),
    "absolute": ("/etc/passwd", "is not a slug"),
    "capitals": ("Old-Name", "is not a slug"),
    "spaces": ("old name", "is not a slug"),
    "dot": ("old.name", "is not a slug"),
    "non-ascii": ("réseau", "is not a slug"),
    "backslash": ("..\\\\x", "is not a slug"),
    "index": ("index", "is the name of a page of the site"),
    "generated-folder": ("regions", "is the name of a page of the site"),
    "own-slug": ("p", "cannot be the file's own name"),
    "number": ("2011", "must be a slug, not a number"),
    "empty-text": ('""', "is not a slug"),
}


@pytest.mark.parametrize("name", sorted(BAD_ALIASES))
def test_alias_that_is_not_a_free_slug_is_refused_on_its_line(name: str, tmp_path: Path):
    alias, message = BAD_ALIASES[name]
    text = _practice({"last_reviewed: 2026-11-30": f"last_reviewed: 2026-11-30\naliases:\n  - {alias}"})
    write(tmp_path, "practices/p.md", text)
    problems = _problems(tmp_path)
    assert len(problems) == 1 and problems[0][1] == 21 and problems[0][2].startswith("aliases"), problems
    assert message in problems[0][3]


def test_alias_naming_another_records_slug_is_refused_on_its_line(tmp_path: Path):
    write(tmp_path, "practices/a-first.md", _practice())
    text = _practice(
        {
            "title: Test practice about evacuation": "title: Another practice",
            "last_reviewed: 2026-11-30": "last_reviewed: 2026-11-30\naliases:\n  - old-name\n  - a-first",
        }
    )
    write(tmp_path, "practices/b-second.md", text)
    assert _problems(tmp_path) == [
        ("practices/b-second.md", 22, "aliases.1", "the slug 'a-first' is already used by practices/a-first.md")
    ]


def test_alias_naming_a_hand_written_page_is_refused(tmp_path: Path):
    write(tmp_path, "docs/practices/how-to-read.md", "# How to read\n")
    text = _practice({"last_reviewed: 2026-11-30": "last_reviewed: 2026-11-30\naliases: [how-to-read]"})
    write(tmp_path, "practices/p.md", text)
    assert [(p[1], p[2]) for p in _problems(tmp_path)] == [(20, "aliases.0")]


@pytest.mark.parametrize("slug", ["index", "regions", "data", "explore", "fr", "feed", "countries"])
def test_record_cannot_take_a_reserved_name(slug: str, tmp_path: Path):
    write(tmp_path, f"practices/{slug}.md", _practice())
    problems = _problems(tmp_path)
    assert [(p[0], p[2]) for p in problems] == [(f"practices/{slug}.md", "")]
    assert "is the name of a page of the site" in problems[0][3]


@pytest.mark.parametrize(
    "path", ["../index.md", "/etc/passwd.md", "practices/../../x.md", "practices/a b.md", "practices/A.md", "x"]
)
def test_a_generated_page_path_that_is_not_made_of_slugs_is_never_accepted(path: str):
    with pytest.raises(paths.UnsafePath):
        paths.page_path(path)


@pytest.mark.parametrize("relative", ["../outside.json", "/tmp/outside.json", "data/../../x", ""])
def test_nothing_is_written_outside_the_site_folder(relative: str, tmp_path: Path):
    with pytest.raises(paths.UnsafePath):
        paths.inside(tmp_path / "site", relative)


# --- 4. The published tree is the repository's own ----------------------------------------------


@pytest.mark.parametrize(
    "link, target",
    [
        ("docs/passwd.md", "/etc/passwd"),
        ("docs/assets/host.css", "/etc/hostname"),
        ("overrides/partials/footer.html", "/etc/passwd"),
        ("hooks/leak.py", "/etc/passwd"),
        ("docs/outside", "/tmp"),
        ("docs/git-config.md", ".git/config"),
    ],
)
def test_a_symbolic_link_out_of_the_repository_is_refused_by_the_validator(link: str, target: str, tmp_path: Path):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config").write_text("[core]\n")
    write(tmp_path, "practices/p.md", _practice())
    where = tmp_path / link
    where.parent.mkdir(parents=True, exist_ok=True)
    where.symlink_to(target if target.startswith("/") else tmp_path / target)
    assert _problems(tmp_path) == [(link, 0, "", "symbolic link to a file outside the repository")]
    out = io.StringIO()
    assert validate.main(["--root", str(tmp_path)], stdout=out) == validate.PROBLEMS
    assert link in out.getvalue()


def test_a_symbolic_link_inside_the_published_tree_is_accepted(tmp_path: Path):
    write(tmp_path, "practices/p.md", _practice())
    write(tmp_path, "docs/about.md", "# About\n")
    (tmp_path / "docs" / "about-us.md").symlink_to(tmp_path / "docs" / "about.md")
    assert _problems(tmp_path) == []


# --- 5. The body's Markdown cannot crash or stall the build --------------------------------------

BODY_BOMBS = {
    "nested-emphasis": (" ".join(f"*w{i}" for i in range(600)) + " x" + "*" * 600, "runs of * or _"),
    "nested-strong": ("**a " * 300 + "b" + " c**" * 300, "runs of * or _"),
    "backslash-run": ("\\" * 5000, "backslashes"),
    "escaped-stars": ("\\*" * 3000, "backslashes"),
    "long-line": ("word " * 5000, "characters, more than"),
    "bracket-run": ("[" * 1500, "links and tags"),
    "nested-quotes": ("\n".join("> " * i + "q" for i in range(1, 20)), "nested more than"),
}


@pytest.mark.parametrize("name", sorted(BODY_BOMBS))
def test_a_body_that_would_crash_or_stall_markdown_is_a_located_problem(name: str, tmp_path: Path):
    bomb, message = BODY_BOMBS[name]
    write(tmp_path, "practices/p.md", _practice(body=f"## Context\n\nText.\n\n{bomb}\n"))
    problems = _problems(tmp_path)
    assert len(problems) == 1 and problems[0][2] == "body" and problems[0][1] >= 24, problems
    assert message in problems[0][3]


def test_any_exception_while_rendering_a_body_is_that_records_problem(tmp_path: Path, monkeypatch):
    from micic import body

    real = body._MD.convert
    body.render.cache_clear()

    def fragile(text: str) -> str:
        if "trigger" in text:
            raise RecursionError("maximum recursion depth exceeded")
        return real(text)

    monkeypatch.setattr(body._MD, "convert", fragile)
    write(tmp_path, "practices/p.md", _practice(body="## Context\n\nFine.\n\nA trigger here.\n\nFine again.\n"))
    problems = _problems(tmp_path)
    body.render.cache_clear()
    assert problems == [("practices/p.md", 26, "body", "the body cannot be made into a page (RecursionError)")]


@pytest.mark.parametrize(
    "heading",
    [
        "## Further reading { id='x\" autofocus onfocus=\"alert(document.domain)' }",
        "## Further reading { id='x\"y' }",
        '## Further reading { id="a b" }',
    ],
)
def test_a_heading_id_that_is_not_slug_like_is_refused(heading: str, tmp_path: Path):
    write(tmp_path, "practices/p.md", _practice(body=f"## Context\n\nText.\n\n{heading}\n\nMore.\n"))
    problems = _problems(tmp_path)
    assert [(p[1], p[2]) for p in problems] == [(26, "body")], problems
    assert "heading's id" in problems[0][3]


def test_a_link_to_a_missing_page_is_refused_before_the_build(tmp_path: Path):
    write(tmp_path, "docs/index.md", "# Home\n")
    body = "## Context\n\n[home](../index.md) and [regions](../regions/index.md).\n\n[gone](../regions/atlantis.md)\n"
    write(tmp_path, "practices/p.md", _practice(body=body))
    assert _problems(tmp_path) == [
        ("practices/p.md", 26, "body", "the link '../regions/atlantis.md' leads to no page of this site")
    ]


def test_in_page_links_must_name_a_heading_of_the_page(tmp_path: Path):
    body = "## Context\n\nSee [below](#what-was-done) and [sources](#sources).\n\n## What was done\n\n[x](#nowhere)\n"
    write(tmp_path, "practices/p.md", _practice(body=body))
    assert [(p[1], p[3]) for p in _problems(tmp_path)] == [(28, "the link '#nowhere' leads to no heading of this page")]


# --- 6. Sane values ----------------------------------------------------------------------------------

URLS = {
    "user-info": ("https://www.un.org@evil.example/report", "names a user before its host"),
    "user-and-password": ("https://user:secret@example.org/", "names a user before its host"),
    "no-host": ("https:///path", "is not an http(s) web address"),
    "spaces-in-host": ('"https://exa mple.org/"', "is not an http(s) web address"),
    "quote": ('"https://example.org/\\"onmouseover=x"', "is not an http(s) web address"),
    "angle-brackets": ("https://example.org/<script>", "is not an http(s) web address"),
    "bad-port": ("https://example.org:99999/", "is not an http(s) web address"),
    "host-without-dot": ("https://intranet/", "is not a web site's name"),
    "host-with-percent": ("https://bad%2ehost.example/", "is not a web site's name"),
    "javascript": ("javascript:alert(1)", "is not an http(s) web address"),
    "file": ("file:///etc/passwd", "is not an http(s) web address"),
}


@pytest.mark.parametrize("name", sorted(URLS))
def test_a_source_address_that_is_not_a_plain_web_address_is_refused(name: str, tmp_path: Path):
    url, message = URLS[name]
    write(tmp_path, "practices/p.md", _practice({"url: https://example.org/source": f"url: {url}"}))
    problems = _problems(tmp_path)
    assert [(p[1], p[2]) for p in problems] == [(17, "sources.0.url")], problems
    assert message in problems[0][3]


@pytest.mark.parametrize(
    "replace, line, field, message",
    [
        ({"date_added: 2026-11-30": "date_added: 2027-01-01"}, 18, "date_added", "is in the future"),
        ({"last_reviewed: 2026-11-30": "last_reviewed: '2099-05-05'"}, 19, "last_reviewed", "is in the future"),
        ({"last_reviewed: 2026-11-30": "last_reviewed: 2026-01-01"}, 19, "last_reviewed", "is before date_added"),
        ({"start_year: 2006": "start_year: 2030", "end_year: 2006": "end_year: 2031"}, 13, "start_year", "not come"),
    ],
)
def test_dates_are_no_later_than_today_and_in_order(replace, line, field, message, tmp_path: Path):
    write(tmp_path, "practices/p.md", _practice(replace))
    problems = _problems(tmp_path)
    assert [(p[1], p[2]) for p in problems] == [(line, field)], problems
    assert message in problems[0][3]


def test_a_date_two_days_ahead_is_allowed_for_time_zones(tmp_path: Path):
    write(tmp_path, "practices/p.md", _practice({"last_reviewed: 2026-11-30": "last_reviewed: 2026-12-03"}))
    assert _problems(tmp_path) == []


@pytest.mark.parametrize("key", ['"ti\\x1b[31mtle"', '"ti\\u009btle"', '"x\\x07"'])
def test_terminal_output_writes_control_characters_out(key: str, tmp_path: Path):
    write(tmp_path, "practices/p.md", _practice({"scope: national": f"scope: national\n{key}: 1"}))
    out = io.StringIO()
    validate.main(["--root", str(tmp_path)], stdout=out)
    text = out.getvalue()
    assert "U+" in text and not any(gate.refusal(c) for c in text if c != "\n"), text


def test_a_file_name_with_an_escape_sequence_is_printed_written_out(tmp_path: Path):
    write(tmp_path, "practices/a\x1b[2Jb.md", _practice())
    out = io.StringIO()
    assert validate.main(["--root", str(tmp_path)], stdout=out) == validate.PROBLEMS
    assert "a<U+001B>[2Jb.md" in out.getvalue() and "\x1b" not in out.getvalue()


# --- 7. The issue-form path goes through the same gate --------------------------------------------

ISSUE_BODY = (Path(__file__).parent / "fixtures" / "issue_bodies" / "complete.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["escape", "right-to-left-override", "line-separator", "nul", "zero-width-space"])
def test_issue_form_answers_with_refused_characters_are_reported_not_dropped(name: str):
    title = next(line for line in ISSUE_BODY.split("\n")[1:] if line.strip() and not line.startswith("#"))
    body = ISSUE_BODY.replace(title, title[:5] + REFUSED[name] + title[5:], 1)
    result = converter.convert(body, today=TODAY)
    assert result.text is None
    assert any(f"U+{ord(REFUSED[name]):04X}" in p.message for p in result.problems), result.problems
    assert all(not gate.refusal(c) for c in converter.comment(result.problems) if c != "\n")


# --- 8. Every export parses, and no CSV cell is a formula -----------------------------------------

FORMULAS = ['=HYPERLINK("https://evil.example","x")', "+1+1", "-2+3", "@SUM(A1)", "=1|cmd"]


def _catalogue_with(tmp_path: Path, titles: list[str]):
    for i, title in enumerate(titles):
        text = _practice(
            {
                "title: Test practice about evacuation": f"title: {json.dumps(title)}",
                "  - name: Test ministry": f"  - name: {json.dumps(title)}",
            }
        )
        write(tmp_path, f"practices/p{i}.md", text)
    result = check_repository(tmp_path, today=TODAY)
    assert result.ok, result.problems
    return catalogue_.build(vocabulary.load(), result.practices, result.consultations)


def test_csv_cells_that_a_spreadsheet_would_run_start_with_a_quote(tmp_path: Path):
    catalogue = _catalogue_with(tmp_path, FORMULAS)
    out = {e.path: e.text for e in exports.exports(catalogue, Site("Test"))}
    rows = list(csv.DictReader(io.StringIO(out["data/practices.csv"])))
    assert sorted(row["title"] for row in rows) == sorted(f"'{f}" for f in FORMULAS)
    for row in rows:
        assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in row.values())
    assert sorted(p["title"] for p in json.loads(out["data/practices.json"])) == sorted(FORMULAS)  # JSON: as written


def test_the_feed_is_well_formed_whatever_the_text(tmp_path: Path):
    catalogue = _catalogue_with(tmp_path, ["</title><script>&amp;", "]]> <![CDATA[", "&#0; &#xFFFE; \\x00", "'\"<>&"])
    feed = {e.path: e.text for e in exports.exports(catalogue, Site("Test"))}["feed.xml"]
    root = ET.fromstring(feed)
    titles = {e.text for e in root.iter("{http://www.w3.org/2005/Atom}title")}
    assert "</title><script>&amp;" in titles


def test_text_xml_cannot_hold_is_replaced_not_written():
    assert exports._xml("a\x00b\ufffec\x1b") == "a\ufffdb\ufffdc\ufffd"
    ET.fromstring(f"<a>{exports._xml(chr(0) + 'x')}</a>")


def test_every_generated_page_path_is_made_of_slugs(tmp_path: Path):
    catalogue = _catalogue_with(tmp_path, ["One", "Two"])
    assert all(paths.page_path(p) == p for p in page_paths(catalogue))


def test_problems_never_carry_raw_control_characters():
    from micic.problems import Problem

    problem = Problem("practices/\x1b[2Jx.md", 1, "ti\x1btle", "unknown field 'ti\x1b]0;owned\x07tle'", "\x9b31m")
    assert all(not gate.refusal(c) for c in str(problem) if c != "\n")


# --- 9. Copies: a note, not an error -------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "https://www.scribd.com/document/1/x",
        "https://es.slideshare.net/org/report",
        "https://fdocuments.in/document/x.html",
        "https://dokumen.tips/documents/x.html",
        "https://issuu.com/org/docs/report",
    ],
)
def test_a_source_on_a_copy_site_is_noted_on_its_line_without_failing(url: str, tmp_path: Path):
    write(tmp_path, "practices/p.md", _practice({"url: https://example.org/source": f"url: {url}"}))
    result = check_repository(tmp_path, today=TODAY)
    assert result.ok and [(n.line, n.field) for n in result.notes] == [(17, "sources.0.url")]
    assert "keeps copies" in result.notes[0].message and "publisher's own page" in result.notes[0].hint
    out = io.StringIO()
    assert validate.main(["--root", str(tmp_path), "--format", "github"], stdout=out) == validate.VALID
    assert out.getvalue().startswith("::warning file=practices/p.md,line=17,")


def test_an_original_publishers_page_is_not_noted(tmp_path: Path):
    write(tmp_path, "practices/p.md", _practice({"url: https://example.org/source": "url: https://www.iom.int/news/x"}))
    assert check_repository(tmp_path, today=TODAY).notes == ()


# --- 10. Search records: what Pagefind returns is shown as text -----------------------------------


@pytest.mark.parametrize("script", sorted((Path(__file__).parent.parent / "overrides" / "assets").glob("*.js")))
def test_the_site_scripts_never_write_html_from_search_results(script: Path):
    """Titles and excerpts come from indexed pages: they are set as text (and <mark> built as
    an element), never assigned as HTML."""
    source = script.read_text(encoding="utf-8")
    assert not any(sink in source for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write"))
