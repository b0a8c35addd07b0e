"""Render: the catalogue → Markdown pages (and snippets) through Jinja templates.

Pages are Markdown with relative links to other pages' .md files, so that MkDocs checks
every generated link in a strict build. Contributor text passes through `md_text`, which
escapes both HTML and Markdown syntax; templates autoescape everything else. A record's body
is Markdown by contract (`body` filter); its HTML is sanitised after rendering.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from . import charts, search
from .catalogue import Catalogue
from .fields import CONSULTATION_FIELDS, CONSULTATION_RULES, PRACTICE_FIELDS, PRACTICE_RULES
from .paths import page_path
from .records import Consultation, Practice
from .site import Site
from .vocabulary import Term

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


def yaml_string(value: object) -> Markup:
    """A safe YAML scalar for a generated page's front matter (JSON is valid YAML).

    HTML-escaped as well: Material prints page.meta.title and .description without
    escaping (in <title>, the header and <meta content="…">)."""
    return Markup(json.dumps(str(escape(" ".join(str(value).split()))), ensure_ascii=False))


def markdown_body(value: object) -> Markup:
    """A record's body, left as the Markdown it is: escaping it would break quotes (>) and
    links; the HTML it becomes is reduced to an allow-list after rendering (sanitize.py),
    and links to javascript:, vbscript: and data: addresses are rejected by the validator."""
    return Markup(str(value))


def term_url(taxonomy_id: str, term: Term) -> str:
    return f"{taxonomy_id}/{term.slug}.md"


# Rendered practice entries, keyed by the practice object's identity (hashing a practice
# hashes all its fields: too slow for 80,000 look-ups). Holding the practice keeps its id
# from being reused; a rebuild reads new practice objects, so an edit is never served
# stale, and pages() empties it so that it holds one build's entries at most.
_ENTRIES: dict[tuple[int, str], tuple[Practice, Markup]] = {}


def practice_entry(practice: Practice, root: str) -> Markup:
    """A practice's entry in a list, rendered once: a practice appears in a dozen lists,
    and rendering each again was a third of a large build's own work."""
    cached = _ENTRIES.get((id(practice), root))
    if cached is None or cached[0] is not practice:
        entry = ENVIRONMENT.get_template("_macros.md.j2").module.practice_item(practice, root)
        cached = _ENTRIES[(id(practice), root)] = (practice, entry)
    return cached[1]


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = md_text
    env.filters["yaml"] = yaml_string
    env.filters["body"] = markdown_body
    env.globals["term_url"] = term_url
    env.globals["practice_entry"] = practice_entry
    # Charts and the Explore page's facets (charts.py, search.py): computed in the core.
    env.globals["taxonomy_chart"] = charts.taxonomy_chart
    env.globals["world_map"] = charts.world_map
    env.globals["facet_values"] = search.facet_values
    env.globals["search_filters"] = search.filters
    env.globals["contract"] = {"practice": PRACTICE_FIELDS, "consultation": CONSULTATION_FIELDS}
    env.globals["rules"] = {"practice": PRACTICE_RULES, "consultation": CONSULTATION_RULES}
    return env


ENVIRONMENT = _environment()


def render(template: str, **context) -> str:
    return ENVIRONMENT.get_template(template).render(**context)


def _plan(catalogue: Catalogue) -> Iterator[tuple[str, str, dict]]:
    """Every generated page, as (source path as if in docs/, template, its own context)."""
    for practice in catalogue.practices:
        yield (
            record_page(practice),
            "practice.md.j2",
            {"practice": practice, "related": catalogue.related[practice.slug]},
        )
    for consultation in catalogue.consultations:
        practices = (
            catalogue.practices_for(catalogue.taxonomy("regions"), consultation.region)
            if consultation.region
            else catalogue.global_practices
        )
        yield record_page(consultation), "consultation.md.j2", {"consultation": consultation, "practices": practices}
    yield "practices/index.md", "practices.md.j2", {}
    yield "consultations/index.md", "consultations.md.j2", {}
    yield "contribute/fields.md", "field-reference.md.j2", {}
    for taxonomy in catalogue.taxonomies:
        yield f"{taxonomy.id}/index.md", "taxonomy.md.j2", {"taxonomy": taxonomy}
        for term in catalogue.terms_shown(taxonomy):
            context = {"taxonomy": taxonomy, "term": term, "practices": catalogue.practices_for(taxonomy, term)}
            yield term_url(taxonomy.id, term), "term.md.j2", context
    for record in catalogue.records:
        for alias in record.aliases:
            yield record_page(record, alias), "redirect.md.j2", {"record": record}


def record_page(record: Practice | Consultation, slug: str | None = None) -> str:
    """Where a record's page (or, given an alias, its redirect) is generated."""
    return page_path(f"{record.folder}/{slug}.md" if slug else record.src_uri)


def page_paths(catalogue: Catalogue) -> list[str]:
    """The path of every generated page, without rendering any."""
    return [page_path(path) for path, _, _ in _plan(catalogue)]


def pages(catalogue: Catalogue, site: Site) -> dict[str, str]:
    """Every generated page: source path (as if in docs/) → Markdown."""
    _ENTRIES.clear()
    common = {"catalogue": catalogue, "site": site, "vocabulary": catalogue.vocabulary}
    return {page_path(path): render(template, **context, **common) for path, template, context in _plan(catalogue)}


def snippet(name: str, catalogue: Catalogue, site: Site, root: str = "", html_root: str = "") -> str:
    """A piece of generated Markdown for a hand-written page (the home page's lists).

    `root` leads from the page's Markdown file to docs/ (for Markdown links); `html_root`
    leads from the page's URL to the site root (for links inside raw HTML, such as the map's)."""
    return render(
        f"snippets/{name}.md.j2",
        catalogue=catalogue,
        site=site,
        root=root,
        html_root=html_root,
        vocabulary=catalogue.vocabulary,
    )


SNIPPET = re.compile(r"<!--\s*catalogue:([a-z-]+)\s*-->")


def fill_snippets(markdown: str, catalogue: Catalogue, site: Site, root: str = "", html_root: str = "") -> str:
    """Replace <!-- catalogue:NAME --> markers in a hand-written page with generated text."""
    return SNIPPET.sub(lambda m: snippet(m.group(1), catalogue, site, root, html_root), markdown)
