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


def _attribute(tag: str, name: str, value: str) -> str | None:
    """Keep ids out of the theme's own namespace (Material's toggles are __drawer, __search…)."""
    if name == "id" and value.startswith("__"):
        return None
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


def _with_rel(match: re.Match[str]) -> str:
    attributes = match.group(1)
    if _HREF.search(attributes):
        return f'<a{attributes} rel="{EXTERNAL_REL}">'
    return match.group(0)
