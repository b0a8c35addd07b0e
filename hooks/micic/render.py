"""Render: the catalogue → pages through Jinja templates, straight to HTML.

Generated pages (records, lists, term pages, redirects) are rendered once, as HTML, with
autoescaping and links written to their final addresses (`href`): none of it goes through
Python-Markdown again. Only a record's body is Markdown; it is rendered once by the core
(body.render, the same rendering the check used), reduced to the allow-list (sanitize.py),
and its links inside the site rewritten to addresses. Each page comes with its metadata (for
the theme: title, description, search facets) and its table of contents. links.py checks
every generated link against the pages the build makes.

The field reference and the snippets of hand-written pages are still Markdown: they are a
constant handful of pages, rendered by the site generator with the hand-written ones.
"""

from __future__ import annotations

import functools
import html
import json
import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
import yaml
from markdown.extensions.toc import slugify
from markupsafe import Markup, escape

from . import body, charts, exports, sanitize, search
from .catalogue import Catalogue
from .fields import CONSULTATION_FIELDS, CONSULTATION_RULES, PRACTICE_FIELDS, PRACTICE_RULES, TRANSLATION_FIELDS
from .languages import Language, default
from .paths import page_path, relative_href
from .records import Consultation, Practice, Recommendation, Record, same
from .site import Site
from .vocabulary import Term
from .vocabulary import load as default_vocabulary

TEMPLATES = Path(__file__).with_name("templates")
# The characters Python-Markdown (with tables) lets a backslash escape; escaping others,
# like = or ~, would show the backslash.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]{}|!#+])")
# At the start of a line these would make a list or a definition: "2011. Floods", "- a", ": a".
_LINE_START = re.compile(r"^(?:(\d+)\.|-|:)")


def md_text(value: object) -> Markup:
    """Contributor text made inert for both HTML and Markdown."""
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", str(escape(" ".join(str(value).split()))))
    return Markup(_LINE_START.sub(_inert_line_start, text))


def _inert_line_start(match: re.Match[str]) -> str:
    if match.group(1):
        return f"{match.group(1)}\\."
    return "\\-" if match.group(0) == "-" else "&#58;"  # Markdown has no escape for ":"


def term_url(taxonomy_id: str, term: Term) -> str:
    return f"{taxonomy_id}/{term.slug}.md"


# Rendered practice entries, keyed by language, the practice object's identity and the link
# to it (a practice appears in a dozen lists, and rendering each again was a third of a large
# build's own work). Holding the practice keeps its id from being reused; pages() keeps only
# the entries of the practices it is given, so that a rebuild while serving, whose unchanged
# practices are the same objects (micic.prepare), reuses them, and nothing older is held.
_ENTRIES: dict[tuple[str, int, str], tuple[Practice, Markup]] = {}


@jinja2.pass_context
def practice_entry(context, practice: Practice, page: str) -> Markup:
    """A practice's entry in a list on the page at `page` (a src_uri), rendered once per link."""
    language = context["language"]
    key = (language.code, id(practice), relative_href(practice.src_uri, page))
    cached = _ENTRIES.get(key)
    if cached is None or cached[0] is not practice:
        template = context.environment.get_template("_practice_entry.html.j2")
        entry = Markup(template.render(p=practice, page=page, language=language))
        cached = _ENTRIES[key] = (practice, entry)
    return cached[1]


@jinja2.pass_context
def href(context, target: str) -> str:
    """The address of the page at `target` (a src_uri, "#fragment" allowed) from the page being rendered."""
    return relative_href(target, context["page"])


def heading_id(text: object) -> str:
    """The id Python-Markdown's table of contents gives a heading with this text."""
    return slugify(html.unescape(str(text)), "-")


@functools.lru_cache(maxsize=8192)
def _clean_body(text: str) -> str:
    """A body's HTML, once: rendered by the same Markdown as the check, reduced to the allow-list."""
    rendered = body.render(text)
    return sanitize.clean(rendered.html) if isinstance(rendered, body.Rendered) else ""


_BODY_HREF = re.compile(r'href="([^"#:?/][^":]*?\.md)(#[^"]*)?"')


@jinja2.pass_context
def body_html(context, record: Record, page: str) -> Markup:
    """A record's body as HTML for its page, in the page's language where it is translated:
    links to other pages' files become addresses."""
    translation = context["language"].translation_of(record)
    clean = _clean_body(translation.body if translation and translation.body else record.body)
    if ".md" in clean:
        folder = record.src_uri.rpartition("/")[0]

        def address(match: re.Match[str]) -> str:
            target = posixpath.normpath(posixpath.join(folder, html.unescape(match.group(1))))
            return f'href="{escape(relative_href(target, page))}{match.group(2) or ""}"'

        clean = _BODY_HREF.sub(address, clean)
    return Markup(clean)


def shortened(text: str, length: int = 90) -> str:
    """Text cut at a word before `length` characters, with an ellipsis where it was cut."""
    if len(text) <= length:
        return text
    cut = text[: length - 1].rsplit(" ", 1)[0].rstrip(" ,;:.")
    return f"{cut}…"


def _lang_attribute(page_language: Language, text_language: str) -> Markup:
    """` lang="en" dir="ltr"` where a piece of a page is in another language than the page."""
    if text_language == page_language.code:
        return Markup("")
    from .languages import language

    return Markup(' lang="{}" dir="{}"').format(text_language, language(text_language).dir)


def _environment(language: Language) -> jinja2.Environment:
    """The templates' environment for one language: its message catalogue (Jinja's i18n
    extension, with autoescaping and named placeholders) and filters that give a term's or a
    record's words in that language."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.i18n"],
    )
    env.install_gettext_translations(language.messages, newstyle=True)  # type: ignore[attr-defined]
    env.filters["md"] = md_text
    env.filters["name"] = language.name_of
    env.filters["label"] = language.label_of
    env.filters["description"] = language.description_of
    env.filters["title"] = language.title_of
    env.filters["summary"] = language.summary_of
    env.filters["years"] = lambda p: (
        language.gettext("since %(year)s") % {"year": p.start_year} if p.end_year is None else p.years
    )
    env.globals["language"] = language
    # Between the items of a list: "، " in Arabic. (Translators: the separator of a list's items.)
    env.globals["comma"] = language.gettext(", ")
    env.globals["default_language"] = default()
    # ` lang=…` on a record's title and summary, or its body, where they are not translated
    env.globals["text_lang"] = lambda r: _lang_attribute(
        language, language.code if language.translation_of(r) else language.record_language(r)
    )
    env.globals["body_lang"] = lambda r: _lang_attribute(
        language,
        language.code if (t := language.translation_of(r)) is not None and t.body else language.record_language(r),
    )
    env.globals["term_url"] = term_url
    env.globals["practice_entry"] = practice_entry
    env.globals["href"] = href
    env.globals["slugify"] = heading_id
    env.globals["date_range"] = language.date_range
    env.globals["body_html"] = body_html
    env.globals["phase_groups"] = phase_groups
    # ` lang=…` on what is never translated (a consultation's recommendations), where the page is in another language
    env.globals["original_lang"] = lambda r: _lang_attribute(language, language.record_language(r))
    env.filters["shortened"] = shortened
    # Charts and the Explore page's facets (charts.py, search.py): computed in the core.
    env.globals["taxonomy_chart"] = charts.taxonomy_chart
    env.globals["world_map"] = charts.world_map
    env.globals["facet_values"] = search.facet_values
    env.globals["search_filters"] = search.filters
    env.globals["contract"] = {
        "practice": PRACTICE_FIELDS,
        "consultation": CONSULTATION_FIELDS,
        "translation": TRANSLATION_FIELDS,
        "recommendation": exports.RECOMMENDATION_ROW,
    }
    env.globals["rules"] = {"practice": PRACTICE_RULES, "consultation": CONSULTATION_RULES}
    return env


@functools.cache
def environment(language: Language | None = None) -> jinja2.Environment:
    return _environment(language or default())


def render(template: str, language: Language | None = None, **context) -> str:
    return environment(language).get_template(template).render(**context)


def _plan(catalogue: Catalogue) -> Iterator[tuple[str, str, dict]]:
    """Every generated page, as (source path as if in docs/, template, its own context)."""
    for practice in catalogue.practices:
        yield (
            record_page(practice),
            "practice.html.j2",
            {"practice": practice, "related": catalogue.related.get(practice.slug, ())},
        )
    for consultation in catalogue.consultations:
        practices = (
            catalogue.practices_for(catalogue.taxonomy("regions"), consultation.region)
            if consultation.region
            else catalogue.global_practices
        )
        yield record_page(consultation), "consultation.html.j2", {"consultation": consultation, "practices": practices}
    for recommendation in catalogue.recommendations:
        context = {"recommendation": recommendation, "answers": catalogue.bearing_on(recommendation)}
        yield record_page(recommendation), "recommendation.html.j2", context
    yield "practices/index.md", "practices.html.j2", {}
    yield "consultations/index.md", "consultations.html.j2", {}
    yield "recommendations/index.md", "recommendations.html.j2", {}
    yield "contribute/fields.md", "field-reference.md.j2", {}
    for taxonomy in catalogue.taxonomies:
        yield f"{taxonomy.id}/index.md", "taxonomy.html.j2", {"taxonomy": taxonomy}
        for term in catalogue.terms_shown(taxonomy):
            context = {
                "taxonomy": taxonomy,
                "term": term,
                "practices": catalogue.practices_for(taxonomy, term),
                "recommendations": catalogue.recommendations_for(taxonomy, term),
            }
            yield term_url(taxonomy.id, term), "term.html.j2", context
    for record in catalogue.records:
        for alias in record.aliases:
            yield record_page(record, alias), "redirect.html.j2", {"record": record}


def phase_groups(recommendations) -> list[tuple[Term | None, tuple[Recommendation, ...]]]:
    """Recommendations by crisis phase, in the phases' order: those on exactly one phase under
    it, then (None) those on several phases or none. Groups without any are left out."""
    groups: dict[Term | None, list[Recommendation]] = {}
    for recommendation in recommendations:
        key = recommendation.phases[0] if len(recommendation.phases) == 1 else None
        groups.setdefault(key, []).append(recommendation)
    order = [*default_vocabulary().phases, None]
    return [(phase, tuple(groups[phase])) for phase in order if phase in groups]


def record_page(record: Practice | Consultation | Recommendation, slug: str | None = None) -> str:
    """Where a record's page (or, given an alias, its redirect) is generated."""
    return page_path(f"{record.folder}/{slug}.md" if slug else record.src_uri)


def page_paths(catalogue: Catalogue) -> list[str]:
    """The path of every generated page, without rendering any."""
    return [page_path(path) for path, _, _ in _plan(catalogue)]


@dataclass(frozen=True)
class Page:
    """A generated page: its metadata (title, description, search facets…, and `generated`,
    which tells the theme's templates of either engine that the core made it), and either its
    finished HTML with its table of contents, or Markdown for the site generator to render."""

    src_uri: str
    meta: dict
    html: str = ""
    toc: tuple[dict, ...] = field(default=(), repr=False)  # Python-Markdown's toc_tokens shape
    markdown: str = ""

    @property
    def front_matter(self) -> str:
        """The metadata as YAML front matter (JSON is YAML). Text is HTML-escaped as well:
        Material prints page.meta.title and .description without escaping (in <title>, the
        header and <meta content="…">)."""
        lines = "".join(
            f"{key}: {json.dumps(_escaped(value), ensure_ascii=False)}\n" for key, value in self.meta.items()
        )
        return f"---\n{lines}---\n"

    @property
    def source(self) -> str:
        """The page as a Markdown file: front matter, then the HTML (which Markdown leaves alone) or the Markdown."""
        return f"{self.front_matter}\n{self.html or self.markdown}"


def _escaped(value: object) -> object:
    return str(escape(" ".join(value.split()))) if isinstance(value, str) else value


def pages(catalogue: Catalogue, site: Site, language: Language | None = None) -> dict[str, Page]:
    """Every generated page in one language, by source path (as if in docs/). A page made
    from records alone (OWN_CONTEXT) is rendered again only when they are other objects than
    last time's, so a rebuild while serving renders again only what an edit changed."""
    alive = {id(p): p for p in catalogue.practices}
    for key in [k for k, v in _ENTRIES.items() if alive.get(k[1]) is not v[0]]:
        del _ENTRIES[key]
    code = (language or default()).code
    kept, fresh = _PAGES.get((code, site), {}), {}
    result = {}
    for path, name, context in _plan(catalogue):
        inputs = (tuple(context.values()), catalogue.consultations) if name in OWN_CONTEXT else None
        before = kept.get(path)
        if inputs is not None and before is not None and same(before[0], inputs):
            rendered = before[1]
        else:
            rendered = _render(catalogue, site, path, name, context, language)
        if inputs is not None:
            fresh[path] = (inputs, rendered)
        result[page_path(path)] = rendered
    _PAGES[(code, site)] = fresh
    return result


# The templates that read nothing of the catalogue but their own context (from _plan) and its
# consultations (which a recommendation's or a region's list names): their pages are reused
# while those are the same. The others (lists of everything, the Explore page…) read the whole
# catalogue and are rendered every time.
OWN_CONTEXT = frozenset(
    {"practice.html.j2", "consultation.html.j2", "recommendation.html.j2", "term.html.j2", "redirect.html.j2"}
)
# The last pages rendered from OWN_CONTEXT templates, by language and site: path → (inputs, page).
_PAGES: dict[tuple[str, Site], dict[str, tuple[tuple, Page]]] = {}


def page(catalogue: Catalogue, site: Site, src_uri: str, language: Language | None = None) -> Page:
    """One generated page (a record's, say), rendered as pages() renders it."""
    path, name, context = next(entry for entry in _plan(catalogue) if entry[0] == src_uri)
    return _render(catalogue, site, path, name, context, language)


def _render(catalogue: Catalogue, site: Site, path: str, name: str, context: dict, language: Language | None) -> Page:
    common = {"catalogue": catalogue, "site": site, "vocabulary": catalogue.vocabulary}
    template = environment(language).get_template(name)
    if name.endswith(".md.j2"):
        return _markdown_page(path, template.render(**context, **common))
    module = template.make_module({**context, **common, "page": path})
    page_html = _unique_ids(str(module))
    return Page(path, {**module.meta, "generated": True}, page_html, _toc(page_html))


def _markdown_page(path: str, text: str) -> Page:
    """A page written as Markdown with front matter (the field reference)."""
    _, front, markdown = text.split("---\n", 2)
    return Page(path, {**yaml.safe_load(front), "generated": True}, markdown=markdown)


_HEADING = re.compile(r'<h([1-6])\b[^>]*\bid="([^"]*)"[^>]*>(.*?)</h\1>', re.DOTALL)
_HEADERLINK = re.compile(r'<a\b[^>]*class="headerlink"[^>]*>.*?</a>', re.DOTALL)


def _toc(page_html: str) -> tuple[dict, ...]:
    """The page's headings as Python-Markdown's toc_tokens: nested by level, names as HTML text."""
    root: list[dict] = []
    stack: list[tuple[int, list[dict]]] = [(0, root)]
    for level, anchor, inner in _HEADING.findall(page_html):
        name = html.escape(sanitize.plain_text(_HEADERLINK.sub("", inner)).strip(), quote=False)
        token = {"level": int(level), "id": html.unescape(anchor), "name": name, "children": []}
        while stack[-1][0] >= token["level"]:
            stack.pop()
        stack[-1][1].append(token)
        stack.append((token["level"], token["children"]))
    return tuple(root)


def _unique_ids(page_html: str) -> str:
    """A page assembled from pieces rendered apart (the body, the generated headings) could
    repeat an id: later ones get _1, _2, as Python-Markdown does within one document."""
    seen: dict[str, int] = {}

    def rename(match: re.Match[str]) -> str:
        anchor = match.group(2)
        if anchor not in seen:
            seen[anchor] = 0
            return match.group(0)
        seen[anchor] += 1
        new = f"{anchor}_{seen[anchor]}"
        return match.group(0).replace(f'id="{anchor}"', f'id="{new}"', 1).replace(f'href="#{anchor}"', f'href="#{new}"')

    return _HEADING.sub(rename, page_html)


def snippet(
    name: str, catalogue: Catalogue, site: Site, root: str = "", html_root: str = "", language: Language | None = None
) -> str:
    """A piece of generated Markdown for a hand-written page (the home page's lists).

    `root` leads from the page's Markdown file to docs/ (for Markdown links); `html_root`
    leads from the page's URL to the site root (for links inside raw HTML, such as the map's)."""
    return render(
        f"snippets/{name}.md.j2",
        language,
        catalogue=catalogue,
        site=site,
        root=root,
        html_root=html_root,
        vocabulary=catalogue.vocabulary,
    )


def in_language(markdown: str, language: Language, translation: dict | None, vocabulary) -> str:
    """A hand-written page (or the field reference) as shown in `language`: a translation, with
    a note saying how it was made; or the original, marked as such and with its own `lang`."""
    if language.default:
        return markdown
    note = render("page-note.html.j2", language, translation=translation, vocabulary=vocabulary)
    if translation:
        return f"{note}\n{markdown}"
    original = default()
    return f'{note}\n<div lang="{original.code}" dir="{original.dir}" markdown>\n\n{markdown}\n\n</div>\n'


SNIPPET = re.compile(r"<!--\s*catalogue:([a-z-]+)\s*-->")


def fill_snippets(
    markdown: str,
    catalogue: Catalogue,
    site: Site,
    root: str = "",
    html_root: str = "",
    language: Language | None = None,
) -> str:
    """Replace <!-- catalogue:NAME --> markers in a hand-written page with generated text."""
    return SNIPPET.sub(lambda m: snippet(m.group(1), catalogue, site, root, html_root, language), markdown)
