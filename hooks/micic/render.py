"""Render: the catalogue → Markdown pages (and snippets) through Jinja templates.

Pages are Markdown with relative links to other pages' .md files, so that MkDocs checks
every generated link in a strict build. Contributor text passes through `md_text`, which
escapes both HTML and Markdown syntax; templates autoescape everything else. A record's body
is Markdown by contract (`body` filter); its HTML is sanitised after rendering.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from .catalogue import Catalogue
from .vocabulary import Term

TEMPLATES = Path(__file__).with_name("templates")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]{}|!#+~^=])")


@dataclass(frozen=True)
class Site:
    """What the pages need to know about the site they belong to."""

    name: str
    url: str = ""  # the public address, ending with /, when known
    repo_url: str = ""
    edit_branch: str = "main"

    def permalink(self, page_url: str) -> str:
        return f"{self.url}{page_url}" if self.url else f"/{page_url}"

    def edit_url(self, path: str) -> str:
        return f"{self.repo_url.rstrip('/')}/edit/{self.edit_branch}/{path}" if self.repo_url else ""


def md_text(value: object) -> Markup:
    """Contributor text made inert for both HTML and Markdown."""
    return Markup(_MARKDOWN_SPECIAL.sub(r"\\\1", str(escape(" ".join(str(value).split())))))


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
    return env


ENVIRONMENT = _environment()


def render(template: str, **context) -> str:
    return ENVIRONMENT.get_template(template).render(**context)


def pages(catalogue: Catalogue, site: Site) -> dict[str, str]:
    """Every generated page: source path (as if in docs/) → Markdown."""
    out: dict[str, str] = {}
    common = {"catalogue": catalogue, "site": site, "vocabulary": catalogue.vocabulary}
    for practice in catalogue.practices:
        out[f"practices/{practice.slug}.md"] = render(
            "practice.md.j2", practice=practice, related=catalogue.related[practice.slug], **common
        )
    for consultation in catalogue.consultations:
        out[f"consultations/{consultation.slug}.md"] = render(
            "consultation.md.j2",
            consultation=consultation,
            practices=catalogue.practices_for(catalogue.taxonomy("regions"), consultation.region)
            if consultation.region
            else catalogue.global_practices,
            **common,
        )
    out["practices/index.md"] = render("practices.md.j2", **common)
    out["consultations/index.md"] = render("consultations.md.j2", **common)
    for taxonomy in catalogue.taxonomies:
        out[f"{taxonomy.id}/index.md"] = render("taxonomy.md.j2", taxonomy=taxonomy, **common)
        for term in catalogue.terms_shown(taxonomy):
            out[term_url(taxonomy.id, term)] = render(
                "term.md.j2",
                taxonomy=taxonomy,
                term=term,
                practices=catalogue.practices_for(taxonomy, term),
                **common,
            )
    for record in (*catalogue.practices, *catalogue.consultations):
        for alias in record.aliases:
            out[f"{record.folder}/{alias}.md"] = render("redirect.md.j2", record=record, **common)
    return out


def snippet(name: str, catalogue: Catalogue, site: Site, root: str = "") -> str:
    """A piece of generated Markdown for a hand-written page (the home page's lists)."""
    return render(f"snippets/{name}.md.j2", catalogue=catalogue, site=site, root=root, vocabulary=catalogue.vocabulary)


SNIPPET = re.compile(r"<!--\s*catalogue:([a-z-]+)\s*-->")


def fill_snippets(markdown: str, catalogue: Catalogue, site: Site, root: str = "") -> str:
    """Replace <!-- catalogue:NAME --> markers in a hand-written page with generated text."""
    return SNIPPET.sub(lambda m: snippet(m.group(1), catalogue, site, root), markdown)
