"""MkDocs hooks: thin adapters from MkDocs events to the catalogue core (hooks/micic/).

Registered under `hooks:` in mkdocs.yml. MkDocs puts this file's folder on sys.path while
loading it, which is how `micic` is found. Collect early (pre_build), render late.

One build is one language: `theme.language` (SITE_LANGUAGE in the environment) chooses it, and
its pages go to site/ for the default language and site/<code>/ for the others.
scripts/build.py runs the builds of every language in one process, over a catalogue checked
once (micic.prepare).
"""

from __future__ import annotations

import hashlib
import html as html_
import logging
import shutil
import tempfile
from pathlib import Path

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils.templates import url_filter

from micic import languages, links, publish, sanitize, search
from micic.check import KINDS
from micic.paths import UnsafePath
from micic.prepare import prepare
from micic.render import fill_snippets, in_language, pages
from micic.site import Site

log = logging.getLogger("mkdocs.hooks.catalogue")

# The catalogue of the current build; set in on_pre_build, read by the later events.
state: dict[str, object] = {}


def _root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent


def _language() -> languages.Language:
    return state["language"]  # type: ignore[return-value]


def on_startup(command: str, dirty: bool) -> None:
    """Remember whether the site is being served: then Pagefind runs on the first build only;
    served with --dirty (as `make serve` does), a rebuild writes only the pages that changed."""
    state["serving"] = command == "serve"
    state["dirty"] = dirty
    if dirty:
        logging.getLogger("mkdocs.commands.build").addFilter(_dirty_build_warning)


def _dirty_build_warning(record: logging.LogRecord) -> bool:
    """MkDocs warns that a dirty build may leave navigation and links stale, which a strict
    build counts as a failure. Here every page a change can alter is written again (the
    generated ones by their change marks, the hand-written ones when their generated lists
    change), and the navigation names its pages itself: let it pass as a note, not a failure."""
    if record.levelno == logging.WARNING and record.getMessage().startswith("A 'dirty' build is being performed"):
        log.info("a partial rebuild (--dirty): only the pages an edit changed are written again")
        return False
    return True


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """The build's language (theme.language): its words for the site's name and navigation,
    its address and folder below the root (/fr/, site/fr/), and the other languages for the
    switcher and hreflang links. Without a repository (REPO_URL unset) there is nothing to
    edit: drop edit links. While serving, the search box says that search shows the pages as
    they were when serving began."""
    try:
        language = languages.language(config.theme["language"])
    except KeyError as error:
        raise PluginError(f"theme.language (SITE_LANGUAGE): {error.args[0]}") from error
    state["language"] = language
    root_url = config.site_url or ""
    state["site"] = Site(
        name=language.gettext(config.site_name), url=root_url, repo_url=config.repo_url or "", prefix=language.prefix
    )
    settings = languages.build_settings(language, config.site_name, config.site_description or "", config.nav, root_url)
    config.site_name, config.nav = settings["site_name"], settings["nav"]
    config.site_description = settings["site_description"] or config.site_description
    config.site_url = settings["site_url"] or config.site_url
    config.extra.update(settings["extra"])
    toc = config.mdx_configs.setdefault("toc", {})
    toc["permalink_title"] = language.gettext("Permanent link")
    if not state.get("serving") and language.prefix:
        config.site_dir = str(Path(config.site_dir) / language.code)
    if not config.repo_url:
        config.edit_uri = None
    config.extra["search_from_first_build"] = bool(state.get("serving"))
    return config


def on_pre_build(config: MkDocsConfig) -> None:
    """Validate every record before MkDocs cleans the site folder (so a bad change never
    destroys the last good build), then take the catalogue (checked once for every language)."""
    prepared = prepare(_root(config))
    result = prepared.result
    for note in result.notes:  # info, not warning: a strict build fails on warnings
        log.info(f"note: {note}")
    if result.problems:
        for problem in result.problems:
            log.error(str(problem))
        files = len({p.path for p in result.problems})
        raise PluginError(
            f"{len(result.problems)} problem(s) in {files} file(s): fix them and build again "
            "(run `make validate` to see them without building)"
        )
    state["catalogue"] = prepared.catalogue
    try:
        state["per_bundle"] = search.practices_per_bundle(config.extra)
    except ValueError as error:
        raise PluginError(str(error)) from error
    config.extra["search_bundles"] = search.merged(prepared.catalogue.practices, state["per_bundle"])


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Put each hand-written page's translation into the language (about.fr.md at about/ in
    French; no language publishes about.fr.md under that name); add the record pages and the
    generated index pages as virtual files, rendered by the core in the language (their
    metadata in front matter; their HTML is put in place in on_page_content), and check every
    link they hold against the pages of the site."""
    language = _language()
    translated: dict[str, str] = {}
    for file in list(files):
        of = languages.page_translation_of(file.src_uri)
        if of is not None:
            files.remove(file)
            if of[1] == language.code:
                translated[of[0]] = file.abs_src_path
    for file in files:
        if file.src_uri in translated:
            file.abs_src_path = translated[file.src_uri]
    state["translated_pages"] = set(translated)
    try:
        generated = pages(state["catalogue"], state["site"], language)
    except UnsafePath as error:  # the validator refuses what leads here; this is the last guard
        raise PluginError(str(error)) from error
    broken = links.generated_link_problems(generated, {f.src_uri for f in files})
    if broken:
        raise PluginError("generated pages link to no page: " + "; ".join(broken[:10]))
    state["pages"] = generated
    state["built"] = set()
    marks = _ChangeMarks(_root(config), language.code) if state.get("dirty") else None
    for src_uri, page in generated.items():
        if files.get_file_from_path(src_uri) is None:
            # An HTML page gets only its front matter: its content is put in place after
            # rendering (on_page_content), so Python-Markdown never reads it.
            content = page.front_matter if page.html else page.source
            if marks is None:
                files.append(File.generated(config, src_uri, content=content, inclusion=InclusionLevel.NOT_IN_NAV))
            else:
                path = marks.write(src_uri, content, page.html)
                files.append(File.generated(config, src_uri, abs_src_path=path, inclusion=InclusionLevel.NOT_IN_NAV))
    if marks is not None:
        written, state["lists"] = state.setdefault("lists_written", {}), {}
        for file in files:  # hand-written pages with generated lists: written again when those change
            if file.is_documentation_page() and not file.generated_by:
                digest = _lists_digest(file, language)
                if digest is not None and written.get(file.src_uri) != digest:
                    state["lists"][file.src_uri] = digest  # remembered once the page is written
                    file.is_modified = lambda: True  # type: ignore[method-assign]
    return files


def _lists_digest(file: File, language: languages.Language) -> str | None:
    """A digest of a hand-written page's generated lists (its <!-- catalogue:NAME --> markers
    filled, as on_page_markdown fills them), or None for a page without any."""
    text = Path(file.abs_src_path).read_text(encoding="utf-8")
    if "<!-- catalogue:" not in text:
        return None
    root, html_root = "../" * file.src_uri.count("/"), "../" * file.url.count("/")
    filled = fill_snippets(text, state["catalogue"], state["site"], root, html_root, language)
    return hashlib.sha256(filled.encode()).hexdigest()


class _ChangeMarks:
    """While serving with --dirty: each generated page as a small file whose modification time
    changes only when the page does (its front matter and a digest of its HTML), so that MkDocs
    rebuilds only the pages an edit changed. Kept in build/serve/<language>/."""

    def __init__(self, root: Path, code: str) -> None:
        self.folder = root / "build" / "serve" / code

    def write(self, src_uri: str, content: str, page_html: str) -> str:
        if page_html:
            content += f"\n<!-- {hashlib.sha256(page_html.encode()).hexdigest()} -->\n"
        path = self.folder / src_uri
        if not path.is_file() or path.read_text(encoding="utf-8") != content:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(content, encoding="utf-8")
        return str(path)


def on_env(env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
    """The theme's templates are compiled once a process: MkDocs makes a new Jinja environment
    for every build, which would compile them all again for each rebuild while serving and
    for each language of `make build` (whose builds are forked from the first)."""
    env.bytecode_cache = state.setdefault("compiled_templates", _CompiledTemplates())  # type: ignore[assignment]
    env.auto_reload = False  # one build's templates do not change: no file check at each include
    _navigation_once(env)
    return env


def _navigation_once(env: jinja2.Environment) -> None:
    """Material's navigation (partials/nav.html) rendered once for all the pages outside it that
    see its links alike, not once a page: a page outside the navigation (a record's, a term's)
    has no item of it active, so its navigation depends on it only through the addresses of the
    navigation's links as seen from it, which are the key. A page in the navigation is rendered
    as the theme renders it."""
    template = env.get_template("partials/nav.html")
    render = template.root_render_func
    rendered: dict[tuple[str, ...], str] = {}

    def root(context: jinja2.runtime.Context):
        page, nav = context.get("page"), context.get("nav")
        if page is None or nav is None or page in nav.pages:
            yield from render(context)
            return
        key = (context.get("base_url"), *(url_filter(context, target) for target in _targets(nav)))
        if key not in rendered:
            rendered[key] = "".join(render(context))
        yield rendered[key]

    template.root_render_func = root  # type: ignore[method-assign]


def _targets(nav) -> list[str]:
    """Every address the navigation links to: its home page's, its pages' and its links'."""
    found = [nav.homepage.url if nav.homepage else ""]

    def walk(items) -> None:
        for item in items:
            if getattr(item, "url", None) is not None:
                found.append(item.url)
            walk(getattr(item, "children", None) or [])

    walk(nav.items)
    return found


class _CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates kept in memory; Jinja compiles a template again when its source changes."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Fill the <!-- catalogue:NAME --> markers of hand-written pages (the home page), and say
    on a page shown in another language than its own how it was translated, or that it is not."""
    generated = state["pages"].get(page.file.src_uri) if page.file.generated_by else None
    if generated is not None and generated.html:
        return markdown
    if "<!--" in markdown and generated is None:
        root = "../" * page.file.src_uri.count("/")
        html_root = "../" * page.url.count("/")
        markdown = fill_snippets(markdown, state["catalogue"], state["site"], root, html_root, _language())
    translation = page.meta.get("translation") if page.file.src_uri in state["translated_pages"] else None
    return in_language(markdown, _language(), translation, state["catalogue"].vocabulary)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """A generated page's HTML, as the core rendered it (record bodies already reduced to the
    allow-list of micic.sanitize), with its table of contents and its anchors for MkDocs'
    link validation."""
    generated = state["pages"].get(page.file.src_uri) if page.file.generated_by else None
    if generated is None or not generated.html:
        return html
    page.toc = get_toc([dict(token) for token in generated.toc])
    _clean_toc(page.toc)
    page.present_anchor_ids = set(links.anchors(generated.html))
    return generated.html


def _clean_toc(items) -> None:
    """The table of contents is printed by the theme outside the page's content: give its
    entries the ids the sanitised headings have, and titles that are text, not markup (the
    toc-item partial prints every title as text)."""
    for item in items:
        item.id = sanitize.anchor(item.id)
        item.title = html_.escape(sanitize.plain_text(item.title))
        _clean_toc(item.children)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Remember the pages this build wrote (a rebuild with --dirty writes only some)."""
    state["built"].add(page.file.src_uri)
    if page.file.src_uri in state.get("lists", {}):
        state["lists_written"][page.file.src_uri] = state["lists"][page.file.src_uri]
    return output


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav) -> dict:
    """Point "Edit this page" at the file the page shows: the record's own under practices/
    or consultations/ (or its translation), a hand-written page's translation."""
    site, language = state["site"], _language()
    record = state["catalogue"].record_at(page.file.src_uri)
    if record is not None:
        translation = language.translation_of(record)
        page.edit_url = site.edit_url(translation.path if translation else record.path) or None
    elif page.file.src_uri in state["translated_pages"]:
        docs = Path(config.docs_dir).relative_to(_root(config)).as_posix()
        path = f"{docs}/{languages.translated_page(page.file.src_uri, language.code)}"
        page.edit_url = site.edit_url(path) or None
    return context


def on_post_build(config: MkDocsConfig) -> None:
    """Clean the record pages again, write the open data and the feed, then let Pagefind index
    the built pages (micic.publish, as after any engine)."""
    site_dir = Path(config.site_dir)
    kept = state.get("search_index")
    reuse = bool(state.get("serving") and kept is not None)
    partial = reuse and state.get("dirty")  # a rebuild with --dirty: only the pages it wrote
    try:
        index = publish.finish(
            site_dir,
            state["catalogue"],
            state["site"],
            _language(),
            index=not reuse,
            written=state["built"] if partial else None,
            per_bundle=state["per_bundle"],
        )
    except search.SearchIndexError as error:
        raise PluginError(str(error)) from error
    if reuse:
        # A rebuild while serving: the index of the first build, copied back (Pagefind over
        # the whole site would take longer than the rest of the rebuild); with --dirty the
        # site folder is not emptied, and the index is still there.
        for bundle in kept.iterdir():
            if not (partial and (site_dir / bundle.name).is_dir()):
                shutil.copytree(bundle, site_dir / bundle.name, dirs_exist_ok=True)
        return
    log.info(f"Pagefind indexed {index.pages} pages ({index.bytes / 1024:.0f} KiB in {index.files} files)")
    if state.get("serving"):
        kept = Path(tempfile.mkdtemp(prefix="micic-search-"))
        for bundle in index.bundles:
            shutil.copytree(site_dir / bundle, kept / bundle)
        state["search_index"] = kept


def on_serve(server, config: MkDocsConfig, builder):
    """Rebuild on changes to records and to the core, not only to docs/."""
    root = _root(config)
    for folder in (*(kind.folder for kind in KINDS), "hooks", "overrides"):
        if (root / folder).is_dir():
            server.watch(str(root / folder))
    return server
