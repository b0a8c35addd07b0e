"""Body rules: what in a record's Markdown body would hang or crash the page's rendering,
run in a browser, break a link, or be silently dropped from the page.

The limits are checked before Python-Markdown runs, each a located problem; then the body is
rendered once with the site's own Markdown extensions (MARKDOWN, which mkdocs.yml must
match: a test says so), so that anything else Python-Markdown cannot turn into a page is the
record's problem, with its line, and never a build's traceback.
"""

from __future__ import annotations

import functools
import html
import re
from dataclasses import dataclass

import markdown

from .gate import printable
from .problems import Problem
from .read import RecordFile

# The site's Markdown: the same extensions, in the same order, as mkdocs.yml's markdown_extensions.
MARKDOWN_EXTENSIONS = ("attr_list", "md_in_html", "tables", "admonition", "def_list", "toc")
MARKDOWN_CONFIGS = {"toc": {"permalink": True}}

# Where a body can name an address: Markdown links and images, reference definitions,
# autolinks, and HTML or attribute-list attributes that browsers follow or load.
_BODY_ADDRESS = re.compile(
    r"""\]\(\s*<?(?P<inline>[^\s)>]+)
    | ^[ ]{0,3}\[[^\]\n]+\]:\s*<?(?P<reference>[^\s>]+)
    | <(?P<autolink>[a-z][a-z0-9+.-]{1,31}:[^\s<>]*)>
    | \b(?:href|src|srcset|action|formaction|poster|background|cite|data|xlink:href)\s*=\s*
      (?:"(?P<double>[^"]*)"|'(?P<single>[^']*)'|(?P<bare>[^\s"'>]+))""",
    re.IGNORECASE | re.MULTILINE | re.VERBOSE,
)
_FORBIDDEN_SCHEMES = ("javascript", "vbscript", "data")
# What a browser ignores in an address: control characters, spaces and backslashes.
_IGNORED_IN_ADDRESS = {**dict.fromkeys(range(0x21)), ord("\\"): None}

# Python-Markdown recurses once per nested list, quote, <div markdown> or emphasis (a few
# hundred levels raise RecursionError), slows quadratically with the links of one block (4,000
# '[' on a line take seconds) and with runs of backslash escapes (240,000 take 10 s): these
# limits keep every body's rendering well under a second, far above what a page of text needs
# (the longest body has ~100 lines).
MAX_BODY_LINES = 2000
MAX_BODY_MARKUP = 1000  # '[' and '<': links, images and HTML tags
MAX_BODY_NESTING = 10
MAX_LINE_CHARS = 10_000
MAX_ESCAPES = 1000  # backslashes in the whole body
MAX_EMPHASIS_MARKS = 200  # runs of * or _ in one paragraph
_CONTAINER = re.compile(r"(?: {4}|\t|[ ]{0,3}(?:>|[-*+]|\d{1,9}[.)])(?=[ \t>]|$)[ ]?)")
_MARKDOWN_HTML_OPEN = re.compile(r"<([a-z][a-z0-9]*)\b[^>]*\bmarkdown\b", re.IGNORECASE)
_EMPHASIS = re.compile(r"[*_]+")
_IMAGE = re.compile(r"!\[[^\]\n]*\]\s*[(\[]|<img\b", re.IGNORECASE)
# A heading id the theme may print anywhere (table of contents, permalinks): word characters and hyphens.
HEADING_ID = re.compile(r"[\w-]+")


@dataclass(frozen=True)
class Rendered:
    """A body as Python-Markdown renders it, with its headings (level, id, text)."""

    html: str
    headings: tuple[tuple[int, str, str], ...]


def body_problems(record_file: RecordFile) -> list[Problem]:
    shape = _body_shape(record_file)
    if shape:
        return shape
    links = _body_links(record_file)
    flagged = {p.line for p in links}  # a data: image is one problem, said once
    problems = links + [p for p in _body_images(record_file) if p.line not in flagged]
    rendered = render(record_file.body)
    if isinstance(rendered, BaseException):
        return [*problems, _unrenderable(record_file, rendered)]
    return problems + _heading_ids(record_file, rendered) + _fragment_links(record_file, rendered)


_MD = markdown.Markdown(extensions=list(MARKDOWN_EXTENSIONS), extension_configs=MARKDOWN_CONFIGS)


@functools.lru_cache(maxsize=8192)
def render(text: str) -> Rendered | BaseException:
    """The body's HTML and headings, or what Python-Markdown raised instead (once per text:
    the body rules and the link check both need it)."""
    try:
        _MD.reset()
        out = _MD.convert(text)
        tokens = list(_MD.toc_tokens)
    except (Exception, RecursionError) as error:  # noqa: BLE001 - any failure is the record's problem
        _MD.reset()
        return error
    headings = []
    while tokens:
        token = tokens.pop(0)
        headings.append((token["level"], token["id"], html.unescape(token["name"])))
        tokens[:0] = token["children"]
    return Rendered(out, tuple(headings))


def _unrenderable(record_file: RecordFile, error: BaseException) -> Problem:
    """The first paragraph that fails on its own, or the body's first line."""
    body, line = record_file.body, record_file.body_line
    offset = 0
    for block in re.split(r"(\n\s*\n)", body):
        if block.strip() and isinstance(render(block), BaseException):
            line = record_file.body_line + body.count("\n", 0, offset)
            break
        offset += len(block)
    return Problem(
        record_file.path,
        line,
        "body",
        f"the body cannot be made into a page ({type(error).__name__})",
        "simplify the formatting from this line on: plain paragraphs, headings, short lists and links",
    )


def _heading_ids(record_file: RecordFile, rendered: Rendered) -> list[Problem]:
    problems = []
    for _level, heading_id, _text in rendered.headings:
        if not HEADING_ID.fullmatch(heading_id):
            at = record_file.body.find(heading_id[:20])
            line = record_file.body_line + record_file.body.count("\n", 0, max(at, 0))
            problems.append(
                Problem(
                    record_file.path,
                    line,
                    "body",
                    "a heading's id may only have letters, digits, hyphens and underscores",
                    "remove the { id=… } after the heading: the page gives every heading an id itself",
                )
            )
    return problems


# The sections a record's page adds after its body, which the body may link to.
PAGE_ANCHORS = frozenset({"sources"})


def _fragment_links(record_file: RecordFile, rendered: Rendered) -> list[Problem]:
    """A link to a part of the same page (#…) must lead to one of its headings."""
    headings = {heading_id for _level, heading_id, _text in rendered.headings} | PAGE_ANCHORS
    return [
        Problem(
            record_file.path,
            line,
            "body",
            f"the link '#{printable(fragment)[:60]}' leads to no heading of this page",
            "link to a heading of this page by its id, or remove the link",
        )
        for line, path, fragment in _relative_links(record_file.body, record_file.body_line)
        if not path and fragment not in headings
    ]


def _body_images(record_file: RecordFile) -> list[Problem]:
    """Images are dropped from record pages (sanitize.py: an image from another site tells
    that site who reads the page), so say so rather than lose them without a word."""
    body = record_file.body
    if "![" not in body and "<img" not in body.lower():
        return []
    return [
        Problem(
            record_file.path,
            record_file.body_line + body.count("\n", 0, match.start()),
            "body",
            "images are not shown on practice and consultation pages",
            "describe what the image shows in words, or link to it: [what it shows](https://…)",
        )
        for match in _IMAGE.finditer(body)
    ]


def _body_shape(record_file: RecordFile) -> list[Problem]:
    body, first = record_file.body, record_file.body_line

    def problem(line: int, message: str, hint: str) -> list[Problem]:
        return [Problem(record_file.path, line, "body", message, hint)]

    lines = body.split("\n")
    if len(lines) > MAX_BODY_LINES:
        return problem(
            first + MAX_BODY_LINES,
            f"the body has {len(lines):,} lines, more than {MAX_BODY_LINES:,}",
            "a practice is a page of text: shorten it and link long documents in sources",
        )
    markup = escapes = emphasis = 0
    open_html: list[str] = []
    for number, line in enumerate(lines, start=first):
        markup += line.count("[") + line.count("<")
        if markup > MAX_BODY_MARKUP:
            return problem(
                number,
                f"the body has more than {MAX_BODY_MARKUP:,} links and tags ('[' and '<')",
                "shorten it: a page of text needs far fewer, and long lists of documents belong in sources",
            )
        if len(line) > MAX_LINE_CHARS:
            return problem(
                number,
                f"the line has {len(line):,} characters, more than {MAX_LINE_CHARS:,}",
                "break it into paragraphs, with an empty line between them",
            )
        escapes += line.count("\\")
        if escapes > MAX_ESCAPES:
            return problem(
                number,
                f"the body has more than {MAX_ESCAPES:,} backslashes",
                "remove them: plain text needs no backslashes",
            )
        emphasis = 0 if not line.strip() else emphasis + len(_EMPHASIS.findall(line))
        if emphasis > MAX_EMPHASIS_MARKS:
            return problem(
                number,
                f"the paragraph has more than {MAX_EMPHASIS_MARKS} runs of * or _ (emphasis)",
                "use emphasis sparingly, and never nested inside itself",
            )
        depth, position = 0, 0
        while (container := _CONTAINER.match(line, position)) and container.end() > position:
            depth, position = depth + 1, container.end()
        if "<" in line:  # most lines have no tag: skip both searches
            open_html += [m.group(1).lower() for m in _MARKDOWN_HTML_OPEN.finditer(line)]
            while open_html and f"</{open_html[-1]}" in line.lower():
                open_html.pop()
        if depth + len(open_html) > MAX_BODY_NESTING:
            return problem(
                number,
                f"lists, quotes, indentation or HTML blocks are nested more than {MAX_BODY_NESTING} levels deep",
                "flatten the structure: use headings and short lists",
            )
    return []


def addresses(record_file: RecordFile):
    """Every address the body names, as (line, the address as written)."""
    for match in _BODY_ADDRESS.finditer(record_file.body):
        group = next(name for name, value in match.groupdict().items() if value is not None)
        line = record_file.body_line + record_file.body.count("\n", 0, match.start(group))
        yield line, match.group(group)


def _body_links(record_file: RecordFile) -> list[Problem]:
    """Links in the body that would run code or smuggle a document: a located problem each.

    Browsers decode entities and ignore tabs, newlines and case in a scheme, so the address
    is compared as a browser would read it (the page's sanitiser drops them too)."""
    # Fast path: a body that, read as a browser reads an address, names none of these
    # schemes anywhere cannot link to one (searching every address costs ten times more).
    readable = html.unescape(record_file.body).translate(_IGNORED_IN_ADDRESS).lower()
    if not any(f"{scheme}:" in readable for scheme in _FORBIDDEN_SCHEMES):
        return []
    problems = []
    for line, written in addresses(record_file):
        address = re.sub(r"[\x00-\x20\\]", "", html.unescape(written)).lower()
        scheme = address.partition(":")[0]
        if ":" in address and scheme in _FORBIDDEN_SCHEMES:
            problems.append(
                Problem(
                    record_file.path,
                    line,
                    "body",
                    f"links to '{scheme}:' addresses are not allowed",
                    "link only to web pages (https://…) or to other pages of this site",
                )
            )
    return problems


_SCHEME = re.compile(r"[a-z][a-z0-9+.-]*:", re.IGNORECASE)
# Python-Markdown writes every attribute double-quoted, with " escaped.
_HREF = re.compile(r'<a\b[^>]*?\shref="([^"]*)"')


def relative_links(record_file: RecordFile) -> tuple[tuple[int, str, str], ...]:
    """The links to other pages of this site, as (line, path, fragment), for the link check
    between files (links.py): read from the rendered body, as MkDocs reads them (a link in a
    code block is no link). Links to the page's own headings are checked with the body."""
    return tuple(link for link in _relative_links(record_file.body, record_file.body_line) if link[1])


@functools.lru_cache(maxsize=8192)
def _relative_links(body: str, body_line: int) -> tuple[tuple[int, str, str], ...]:
    rendered = render(body)
    if isinstance(rendered, BaseException) or "href" not in rendered.html:
        return ()
    found = []
    for match in _HREF.finditer(rendered.html):
        address = html.unescape(match.group(1)).strip()
        if _SCHEME.match(address) or address.startswith("/"):
            continue  # another site, or an absolute path MkDocs leaves alone
        at = body.find(address.partition("#")[0] or address)
        line = body_line + body.count("\n", 0, max(at, 0))
        path, _, fragment = address.partition("#")
        found.append((line, path.partition("?")[0], fragment))
    return tuple(found)
