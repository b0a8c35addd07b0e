"""Sanitise: the HTML of a record page, reduced to an allow-list before any reader sees it.

A record's body is contributor Markdown, and Markdown lets raw HTML and attribute lists
(`{ onclick=… }`) through untouched. The validator rejects the worst links with a located
message (check.py), but the page itself is only safe once its HTML holds nothing outside
this allow-list: what Python-Markdown and Material produce for a record page (headings
with their permalink, tables, lists, links, code, quotes, admonitions), and nothing that
runs, loads or submits anything. Pure functions, no MkDocs: any build step can call them.
"""

from __future__ import annotations

import re
from html import unescape as _unescape

import nh3

TAGS = frozenset(
    {
        *("h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "hr", "div", "span", "small"),
        *("a", "strong", "b", "em", "i", "s", "del", "ins", "mark", "sub", "sup", "abbr", "cite", "q"),
        *("code", "pre", "kbd", "samp", "var", "blockquote", "details", "summary"),
        *("ul", "ol", "li", "dl", "dt", "dd"),
        *("table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "colgroup", "col"),
    }
)
# No img, audio, video, iframe, object, form, input, svg, math, style or script: a record
# page is text with links, and an external image would tell a third party who reads it.
ATTRIBUTES: dict[str, set[str]] = {
    "*": {"id", "class", "title", "lang", "dir"},
    "a": {"href"},
    "abbr": set(),
    "blockquote": {"cite"},
    "q": {"cite"},
    "ol": {"start", "reversed"},
    "li": {"value"},
    "td": {"colspan", "rowspan", "align", "style"},
    "th": {"colspan", "rowspan", "align", "scope", "style"},
    "col": {"span"},
    "colgroup": {"span"},
    "details": {"open"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
STYLE_PROPERTIES = frozenset({"text-align"})  # what Markdown tables write for aligned columns
EXTERNAL_REL = "noopener noreferrer"

# The sanitised output is serialised by html5ever: attributes double-quoted, with " < > &
# escaped inside values, so an <a> start tag is matched exactly by this pattern.
_ANCHOR = re.compile(r'<a((?: [a-zA-Z:-]+="[^"]*")*)>')
_HREF = re.compile(r' href="((?:https?:)?//[^"]*)"', re.IGNORECASE)


_NOT_IN_ANCHOR = re.compile(r"[^\w-]+")


def anchor(value: str) -> str:
    """An id (or the fragment of an in-page link) limited to word characters and hyphens, and
    kept out of the theme's own namespace (Material's toggles are __drawer, __search…)."""
    return _NOT_IN_ANCHOR.sub("-", value).lstrip("_") or "section"


def _attribute(tag: str, name: str, value: str) -> str | None:
    if name == "id":
        return anchor(value)
    if tag == "a" and name == "href" and value.startswith("#"):
        return "#" + anchor(value[1:])
    return value


def clean(html: str) -> str:
    """The HTML with only allow-listed tags, attributes and URL schemes left, and
    rel="noopener noreferrer" on every link that leaves the site."""
    cleaned = nh3.clean(
        html,
        tags=set(TAGS),
        clean_content_tags={"script", "style"},
        attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
        attribute_filter=_attribute,
        strip_comments=True,
        link_rel=None,  # added below to external links only: in-page anchors need none
        url_schemes=set(URL_SCHEMES),
        filter_style_properties=set(STYLE_PROPERTIES),
    )
    return _ANCHOR.sub(_with_rel, cleaned)


def plain_text(html: str) -> str:
    """The text of an HTML fragment, tags removed and entities decoded (escape it to print it)."""
    return _unescape(nh3.clean(html, tags=set())) if html else ""


def _with_rel(match: re.Match[str]) -> str:
    attributes = match.group(1)
    if _HREF.search(attributes):
        return f'<a{attributes} rel="{EXTERNAL_REL}">'
    return match.group(0)


# --- A built page, whichever engine wrote it ------------------------------------------------
#
# A record page's content is reduced to the allow-list by the core before any engine sees it
# (render.py), but an engine may run its own Markdown over it again (Zensical, reading the
# staged page), which could turn inert text back into markup. So after the engine, the part of
# each record page that holds the record (between the markers its template writes; a body
# cannot hold them, since its comments are stripped) and the page's table of contents are
# reduced to the allow-list again.

RECORD_START, RECORD_END = "<!-- micic:record -->", "<!-- /micic:record -->"
_RECORD = re.compile(re.escape(RECORD_START) + "(.*?)" + re.escape(RECORD_END), re.DOTALL)
_TOC_START = re.compile(r'<nav class="md-nav md-nav--secondary"[^>]*>')
_NAV_TAG = re.compile(r"<(/?)nav\b[^>]*>")
TOC_TAGS = frozenset({"nav", "ul", "li", "a", "span", "label"})
TOC_ATTRIBUTES = {
    "*": {"class", "id", "aria-label", "for"},
    "a": {"href"},
    "nav": {"data-md-component"},
    "ul": {"data-md-component", "data-md-scrollfix"},  # Material's script follows the reader with them
}


def clean_toc(html: str) -> str:
    return nh3.clean(
        html,
        tags=set(TOC_TAGS),
        attributes={tag: set(names) for tag, names in TOC_ATTRIBUTES.items()},
        attribute_filter=_attribute,
        strip_comments=True,
        link_rel=None,
        url_schemes=set(),  # the table of contents links only to the page's own headings
    )


def clean_built_record_page(page_html: str) -> str:
    """A built record page with its record and its table of contents reduced to the allow-list."""
    page_html = _RECORD.sub(lambda m: f"{RECORD_START}{clean(m.group(1))}{RECORD_END}", page_html)
    start = _TOC_START.search(page_html)
    if start is None:
        return page_html
    depth, end = 0, None
    for tag in _NAV_TAG.finditer(page_html, start.start()):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            end = tag.end()
            break
    if end is None:
        return page_html
    return page_html[: start.start()] + clean_toc(page_html[start.start() : end]) + page_html[end:]
