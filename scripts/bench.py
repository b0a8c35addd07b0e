"""Measure what building and validating cost as the catalogue grows (`make bench`).

    python scripts/bench.py                        sizes 250, 1,000 and 4,000; 3 runs each
    python scripts/bench.py --sizes 1000 --runs 5 --json bench.json

For each size, a synthetic catalogue (micic/synthetic.py) is written into a temporary
folder, and this project's build is measured side by side with two baselines, each in a
fresh process, the three alternating:
  plain files   plain MkDocs + Material, its default search, no hooks, building the same
                practice and consultation FILES: what a user would set up without this
                project (the headline baseline);
  same pages    plain MkDocs + Material building the pages this project generates (written
                by micic.standalone; the same theme settings and overrides, no hooks): what
                the hooks themselves cost.
Reported: median and min–max wall time, peak memory (with what Pagefind alone takes), the
validator against a floor (reading the files and parsing their front matter with libyaml),
rebuilds while serving (`mkdocs serve`, one practice edited five times), and the bytes a reader
downloads. Exit status 1 when a target is missed, so a regression is visible.

Targets (judged only at the sizes they name, or larger):
  build ÷ plain files        ≤ 1.5 from 1,000 practices
  scaling (4× the practices) ≤ 4.2 × the time, from 1,000 practices
  validator ÷ floor          ≤ 2.5 from 4,000 practices
  peak memory ÷ plain files  ≤ 2 from 4,000 practices
  serve: rebuild after an edit ≤ 1.5 s at 1,000 practices
  all four languages ÷ one   ≤ 2.5 at 1,000 practices (scripts/build.py, as `make build`)
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from html.parser import HTMLParser
from importlib import metadata
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import yaml

from micic import check, languages, search
from micic import synthetic as synthetic_
from micic.standalone import site_files, write_files

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SIZES = (250, 1000, 4000)
BUILD_RATIO, BUILD_RATIO_FROM = 1.5, 1000
SCALING_SLACK, SCALING_FROM = 1.05, 1000  # 4× the practices may take 4.2× the time
VALIDATOR_RATIO, VALIDATOR_FROM = 2.5, 4000
MEMORY_RATIO, MEMORY_FROM = 2.0, 4000
SERVE_SECONDS, SERVE_AT = 1.5, 1000
ALL_LANGUAGES_RATIO, ALL_LANGUAGES_AT = 2.5, 1000
QUERY_RESULTS = 10  # results the header search shows (overrides/assets/search.js), a fragment each
PRACTICE = synthetic_.practice_slug(1)
# The public address the builds get, as the deploy workflow gives one: it fills the sitemap
# and the permalinks as on the real site. No REPO_URL: no edit links.
SITE_URL = "https://example.org/catalogue/"

# The floor for the validator: a fresh Python that reads every record file and parses its
# front matter with libyaml, and does nothing else.
FLOOR = """\
import sys
from pathlib import Path
import yaml

paths = [Path(p) for p in sys.argv[1:]] or sorted(Path("practices").glob("*.md")) + sorted(Path("consultations").glob("*.md"))
for path in paths:
    front_matter = path.read_text(encoding="utf-8").split("---\\n", 2)[1]
    yaml.load(front_matter, Loader=yaml.CSafeLoader)
"""


# ---------------------------------------------------------------------------- running


@dataclass(frozen=True)
class Run:
    seconds: float  # wall time
    cpu_seconds: float  # user + system, of the process and its children
    peak_rss_mib: float  # the largest resident set of the process or any of its children


def run(command: list[str], cwd: Path, log: Path) -> Run:
    """Run a command in a fresh process; its own rusage comes from wait4 (ru_maxrss in KiB)."""
    env = {k: v for k, v in os.environ.items() if k != "REPO_URL"}
    env.update(NO_MKDOCS_2_WARNING="1", SITE_URL=SITE_URL)
    with log.open("w") as output:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=output, stderr=subprocess.STDOUT, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed in {cwd} ({process.returncode}):\n{log.read_text()[-3000:]}")
    return Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


@dataclass(frozen=True)
class Stats:
    median: float
    min: float
    max: float
    runs: tuple[float, ...]

    @classmethod
    def of(cls, values: Iterable[float]) -> Stats:
        values = tuple(values)
        return cls(statistics.median(values), min(values), max(values), values)

    def __str__(self) -> str:
        return f"{self.median:.2f} ({self.min:.2f}–{self.max:.2f})"


def alternate(commands: dict[str, Callable[[], Run]], runs: int) -> dict[str, list[Run]]:
    """Run each command `runs` times, alternating, with the order reversed every other round
    so that neither side always runs on a warmer machine."""
    results: dict[str, list[Run]] = {name: [] for name in commands}
    names = list(commands)
    for round_ in range(runs):
        for name in names if round_ % 2 == 0 else reversed(names):
            results[name].append(commands[name]())
    return results


# ---------------------------------------------------------------------- catalogues


@dataclass(frozen=True)
class Catalogue:
    size: int
    repo: Path  # this project: hooks, and the synthetic practices
    plain: Path  # plain MkDocs + Material: the same pages as files, no hooks
    files: Path  # plain MkDocs + Material: the same practice files, no hooks (the headline baseline)


def plain_config(config: str) -> str:
    """The project's mkdocs.yml without hooks, plugins or edit links, and with Material's
    default search: the same theme settings (overrides included: pages name their
    templates), none of our build steps."""
    out: list[str] = []
    dropping = False
    found = set()
    for line in config.splitlines():
        key = line.split(":", 1)[0].strip()
        if line.startswith(("hooks:", "plugins:")):
            found.add(key)
            dropping = True
            continue
        if dropping and (line.startswith((" ", "-")) or not line.strip()):
            continue
        dropping = False
        # Our on_config drops edit links when there is no repository (the benchmark sets
        # none); MkDocs would otherwise warn on every page.
        if line.startswith("edit_uri:"):
            continue
        out.append(line)
    if "hooks" not in found:
        raise ValueError("mkdocs.yml has no top-level `hooks:`: the plain build would not differ from ours")
    # What the hooks' on_config gives the theme's templates (the switcher's languages, their words).
    english = languages.default()
    extra = {"extra": {"languages": languages.alternates(english), "words": english.theme_words}}
    return "\n".join([*out, "", "plugins:", "  - search", yaml.safe_dump(extra, allow_unicode=True)])


def make_catalogue(folder: Path, size: int) -> Catalogue:
    repo = synthetic_.write_catalogue(folder / "repo", size)
    plain = folder / "plain"
    with _site_url():
        files, problems = site_files(repo)
    if problems:
        raise RuntimeError("the synthetic catalogue is invalid:\n" + "\n".join(problems[:20]))
    write_files(plain / "docs", files)
    write_plain_config(repo, plain)
    return Catalogue(size, repo, plain, write_plain_files(repo, folder / "files"))


def write_plain_files(repo: Path, out: Path) -> Path:
    """The headline baseline: the record files themselves in a plain MkDocs + Material site,
    with Material's default search and the same Markdown extensions, as a user would set it
    up without this project (a one-line home page; no hooks, overrides or generated pages)."""
    docs = out / "docs"
    for folder in ("practices", "consultations"):
        shutil.copytree(repo / folder, docs / folder)
    (docs / "index.md").write_text("# Practices\n\nThe practices and consultations, one page each.\n", encoding="utf-8")
    config = plain_config((repo / "mkdocs.yml").read_text(encoding="utf-8"))
    kept = [line for line in _without_sections(config, ("nav:", "validation:", "extra_css:")).splitlines()]
    kept = [line for line in kept if not line.strip().startswith(("custom_dir:", "strict:"))]
    # A navigation of the home page alone, as this project keeps records out of its own: a
    # navigation listing every record would make each page list them all (and the build slow).
    kept += ["nav:", "  - Home: index.md"]
    (out / "mkdocs.yml").write_text("\n".join(kept) + "\n", encoding="utf-8")
    return out


def _without_sections(config: str, names: tuple[str, ...]) -> str:
    out, dropping = [], False
    for line in config.splitlines():
        if line.startswith(names):
            dropping = True
            continue
        if dropping and (line.startswith((" ", "-")) or not line.strip()):
            continue
        dropping = False
        out.append(line)
    return "\n".join(out)


def write_plain_config(repo: Path, plain: Path) -> None:
    """Next to a docs folder written by render_pages: the plain mkdocs.yml, and the theme
    overrides it names."""
    for folder in set(synthetic_.MACHINERY) - {"docs", "hooks"}:
        if (repo / folder).is_dir():
            shutil.copytree(repo / folder, plain / folder)
    (plain / "mkdocs.yml").write_text(plain_config((repo / "mkdocs.yml").read_text(encoding="utf-8")), encoding="utf-8")


@contextlib.contextmanager
def _site_url() -> Iterator[None]:
    """SITE_URL for rendering in this process, as the builds get it, restored afterwards."""
    before = os.environ.get("SITE_URL")
    os.environ["SITE_URL"] = SITE_URL
    try:
        yield
    finally:
        if before is None:
            del os.environ["SITE_URL"]
        else:
            os.environ["SITE_URL"] = before


def build_command(root: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "--strict",
        "-f",
        str(root / "mkdocs.yml"),
        "-d",
        str(root / "site"),
    ]


def build(root: Path, strict: bool = True) -> Run:
    shutil.rmtree(root / "site", ignore_errors=True)  # measure building, not cleaning the last build
    command = build_command(root)
    return run(command if strict else [c for c in command if c != "--strict"], root, root / "build.log")


def build_all_languages(root: Path) -> Run:
    """`make build`: every language, one MkDocs build each, in one process (scripts/build.py)."""
    shutil.rmtree(root / "site", ignore_errors=True)
    command = [sys.executable, str(ROOT / "scripts" / "build.py"), "--config-file", str(root / "mkdocs.yml"),
               "--site-dir", str(root / "site")]  # fmt: skip
    return run(command, root, root / "build-all.log")


def serve_rebuild(repo: Path, edits: int = 5, timeout: float = 300) -> list[float]:
    """Seconds MkDocs reports for each rebuild while serving, as `make serve` serves (--dirty;
    the first build, with Pagefind, is not counted), after each of `edits` successive edits
    to one practice, a rebuild apart (one rebuild varies with what else the machine does).
    The server listens on loopback only."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "serve",
        "--dirty",
        "-f",
        str(repo / "mkdocs.yml"),
        "-a",
        f"127.0.0.1:{port}",
    ]  # fmt: skip  (as `make serve` runs it)
    log = repo / "serve.log"
    edited = repo / "practices" / f"{PRACTICE}.md"
    original = edited.read_text(encoding="utf-8")
    built = re.compile(r"Documentation built in ([0-9.]+) seconds")
    with log.open("w") as out:
        server = subprocess.Popen(
            command, cwd=repo, stdout=out, stderr=subprocess.STDOUT, env={**os.environ, "SITE_URL": SITE_URL}
        )
        try:
            deadline = time.monotonic() + timeout
            while "Serving on" not in log.read_text() and time.monotonic() < deadline:
                time.sleep(0.2)
            for edit in range(1, edits + 1):
                edited.write_text(original + f"\nEdit {edit} while serving.\n", encoding="utf-8")
                while len(built.findall(log.read_text())) < edit + 1 and time.monotonic() < deadline:
                    time.sleep(0.1)
        finally:
            server.terminate()
            server.wait(timeout=30)
            edited.write_text(original, encoding="utf-8")
    times = [float(t) for t in built.findall(log.read_text())[1:]]
    if len(times) < edits:
        raise RuntimeError(f"mkdocs serve did not rebuild {edits} times within {timeout} s: see {log}")
    return times


def pagefind_alone(repo: Path) -> Run:
    """Pagefind over the built site, run as the build runs it (into the same bundles, which it
    writes again as they were), in a process of its own, told which pages each bundle holds."""
    site = repo / "site"
    practices = check.check_repository(repo).practices
    plan = repo / "search-bundles.json"
    plan.write_text(json.dumps(search.bundle_pages(site, practices, search.PRACTICES_PER_BUNDLE)), encoding="utf-8")
    script = "import json, sys; from pathlib import Path; from micic import search; "
    script += "search.index_bundles(Path(sys.argv[1]), json.loads(Path(sys.argv[2]).read_text()))"
    return run([sys.executable, "-c", script, str(site), str(plan)], repo, repo / "pagefind.log")


def validate(repo: Path, *paths: str) -> Run:
    command = [sys.executable, str(ROOT / "scripts" / "validate.py"), "--root", str(repo), *paths]
    return run(command, repo, repo / "validate.log")


def floor(repo: Path, *paths: str) -> Run:
    return run([sys.executable, "-c", FLOOR, *paths], repo, repo / "floor.log")


# --------------------------------------------------------------------------- bytes


class _Assets(HTMLParser):
    """The URLs a page makes the browser fetch on first view: stylesheets, icons,
    preloads, scripts and images; and whether it has <link rel="alternate"> (below)."""

    FETCHED_RELS = {"stylesheet", "icon", "shortcut", "preload", "modulepreload", "manifest", "apple-touch-icon"}

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.alternate = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        rels = set((a.get("rel") or "").lower().split()) if tag == "link" else set()
        # Material's selector is link[rel=alternate]: the attribute exactly (ASCII case aside, as
        # HTML compares rel), not a token of it; so not the hreflang links' "alternate ".
        self.alternate = self.alternate or (tag == "link" and (a.get("rel") or "").lower() == "alternate")
        if self.FETCHED_RELS & rels and a.get("href"):
            self.urls.append(a["href"])
        elif tag in ("script", "img") and a.get("src"):
            self.urls.append(a["src"])


def transfer_size(path: Path) -> int:
    """Bytes on the wire: gzip at the usual server level, or as is when already compressed."""
    data = path.read_bytes()
    return len(data) if data[:2] == b"\x1f\x8b" else len(gzip.compress(data, compresslevel=6, mtime=0))


def first_view(site: Path, page_url: str) -> dict:
    """Gzip bytes of a page and of every same-site asset it references. Material's script
    also fetches sitemap.xml for every <link rel="alternate"> (to find a page's other
    languages): Chromium fetched it for such a link, so it is counted. The site's feed link
    says rel="alternate feed", which that selector does not match."""
    parser = _Assets()
    page = site / page_url / "index.html"
    parser.feed(page.read_text(encoding="utf-8"))
    urls = [*parser.urls, SITE_URL + "sitemap.xml"] if parser.alternate else parser.urls
    assets: dict[str, int] = {}
    for url in urls:
        resolved = urljoin(SITE_URL + page_url, url)
        if not resolved.startswith(SITE_URL):
            continue  # another site: not ours to count (there should be none)
        file = site / urlsplit(resolved).path.removeprefix(urlsplit(SITE_URL).path)
        if file.is_file():
            assets[file.relative_to(site).as_posix()] = transfer_size(file)
    html = transfer_size(page)
    return {"html": html, "assets": sum(assets.values()), "total": html + sum(assets.values()), "files": assets}


def search_bytes(site: Path) -> dict:
    """What searching costs a reader (the files as Chromium fetched them, checked by hand):
    Material's index and worker, which stock Material fetches on every first view; or what
    Pagefind loads for a one-word query showing the first results: its script, worker,
    entry, metadata and WebAssembly for the site's language, one index chunk (the median:
    a typical word; the largest is reported too) and one fragment per result shown. With
    several bundles (search.bundles), each one's entry, metadata and index chunk as well."""
    pagefind = site / "pagefind"
    material = site / "search" / "search_index.json"
    if pagefind.is_dir():
        bundles = [pagefind, *sorted(site.glob("pagefind-[0-9]*"), key=lambda b: int(b.name.rpartition("-")[2]))]
        runtime = sum(transfer_size(pagefind / name) for name in ("pagefind.js", "pagefind-worker.js"))
        chunk = fragment = 0.0
        chunks, fragments = [], []
        for bundle in bundles:
            entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
            language = next(iter(entry["languages"].values()))
            files = [bundle / "pagefind-entry.json", bundle / f"pagefind.{language['hash']}.pf_meta"]
            if bundle == pagefind:  # merged bundles are searched with the first's WebAssembly
                files.append(bundle / f"wasm.{language['wasm']}.pagefind")
            runtime += sum(transfer_size(f) for f in files if f.is_file())
            own = sorted(transfer_size(f) for f in bundle.glob("index/*.pf_index"))
            chunk += statistics.median(own) if own else 0
            chunks += own
            fragments += [transfer_size(f) for f in bundle.glob("fragment/*.pf_fragment")]
        fragment = statistics.median(fragments) if fragments else 0
        query = round(chunk + QUERY_RESULTS * fragment)
        return {
            "engine": "pagefind",
            "bundles": len(bundles),
            "runtime": runtime,
            "query": query,
            "total": runtime + query,
            "index_chunks": len(chunks),
            "median_chunk": round(statistics.median(chunks)) if chunks else 0,
            "largest_chunk": max(chunks, default=0),
            "median_fragment": round(fragment),
            "bundle_on_disk": sum(f.stat().st_size for b in bundles for f in b.rglob("*") if f.is_file()),
        }
    if material.is_file():
        workers = list((site / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
        index, worker = transfer_size(material), sum(transfer_size(f) for f in workers)
        return {"engine": "material", "index": index, "worker": worker, "total": index + worker}
    return {"engine": "none", "total": 0}


# ------------------------------------------------------------------------ measuring

DEFECTS = ROOT / "tests" / "defects"  # the validator's defect corpus: broken and hostile files
HOSTILE_LIMIT = 0.5  # seconds: "a hostile file is rejected in well under a second" (issue 5)


def _largest_hostile_files(practices: Path) -> None:
    """The heaviest inputs, too large to commit: 5 MB, 10,000 levels of nesting, a bracket bomb."""
    valid = (DEFECTS / "valid").glob("*.md")
    body = next(iter(sorted(valid))).read_text(encoding="utf-8")
    (practices / "five-megabytes.md").write_text(body + "x" * (5 * 1024 * 1024), encoding="utf-8")
    (practices / "deep-nesting-10000.md").write_text("---\ntitle: " + "[" * 10_000 + "\n---\n", encoding="utf-8")
    (practices / "bracket-bomb.md").write_text(body + "[" * 100_000 + "\n", encoding="utf-8")


def hostile(folder: Path, runs: int) -> dict:
    """Seconds to check each broken or hostile file alone (the defect corpus and the largest
    hostile inputs), in this process: best of `runs`. The slowest is held to HOSTILE_LIMIT."""
    from micic.check import check_repository

    practices = folder / "practices"
    practices.mkdir(parents=True)
    for path in DEFECTS.glob("*.md"):
        shutil.copy(path, practices / path.name)
    _largest_hostile_files(practices)
    check_repository(folder, [next(practices.iterdir())])  # load the vocabularies first
    seconds = {}
    for path in sorted(practices.iterdir()):
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            check_repository(folder, [path])
            times.append(time.perf_counter() - start)
        seconds[path.name] = min(times)
    slowest = max(seconds, key=seconds.get)
    return {"files": len(seconds), "slowest": slowest, "slowest_seconds": seconds[slowest],
            "median_seconds": statistics.median(seconds.values()), "seconds": seconds}  # fmt: skip


@dataclass
class SizeResult:
    size: int
    build: dict = field(default_factory=dict)
    validator: dict = field(default_factory=dict)
    memory: dict = field(default_factory=dict)
    bytes: dict = field(default_factory=dict)


def measure(catalogue: Catalogue, runs: int, say: Callable[[str], None]) -> SizeResult:
    result = SizeResult(catalogue.size)
    say(f"{catalogue.size}: building ({runs} runs each, alternating)")
    builds = alternate(
        {
            "ours": lambda: build(catalogue.repo),
            "files": lambda: build(catalogue.files, strict=False),
            "plain": lambda: build(catalogue.plain),
        },
        runs,
    )
    ours, files, plain = (Stats.of(r.seconds for r in builds[k]) for k in ("ours", "files", "plain"))
    result.build = {
        "ours": asdict(ours),
        "files": asdict(files),
        "plain": asdict(plain),
        "ratio": ours.median / files.median,
        "ratio_same_pages": ours.median / plain.median,
        "cpu_ours": asdict(Stats.of(r.cpu_seconds for r in builds["ours"])),
        "cpu_plain": asdict(Stats.of(r.cpu_seconds for r in builds["plain"])),
    }
    peak = {k: max(r.peak_rss_mib for r in builds[k]) for k in ("ours", "files", "plain")}
    result.memory = {
        "ours_mib": peak["ours"],
        "files_mib": peak["files"],
        "plain_mib": peak["plain"],
        "ratio": peak["ours"] / peak["files"],
        "ratio_same_pages": peak["ours"] / peak["plain"],
    }
    if catalogue.size == ALL_LANGUAGES_AT:
        say(f"{catalogue.size}: every language ({runs} runs)")
        every = Stats.of(build_all_languages(catalogue.repo).seconds for _ in range(runs))
        result.build["all_languages"] = asdict(every)
        result.build["all_languages_ratio"] = every.median / ours.median
        build(catalogue.repo)  # the one-language site, which the measures below read
    if catalogue.size == SERVE_AT:
        say(f"{catalogue.size}: serving, then editing one practice")
        rebuilds = Stats.of(serve_rebuild(catalogue.repo))
        result.build["serve_rebuild"] = rebuilds.median
        result.build["serve_rebuilds"] = asdict(rebuilds)
    if (catalogue.repo / "site" / "pagefind").is_dir():
        # Not a target: what of our build is Pagefind's, to tell where time and memory go.
        say(f"{catalogue.size}: Pagefind alone, once")
        alone = pagefind_alone(catalogue.repo)
        result.build["pagefind_alone"] = alone.seconds
        result.memory["pagefind_alone_mib"] = alone.peak_rss_mib

    say(f"{catalogue.size}: validating")
    one = f"practices/{PRACTICE}.md"
    checks = alternate(
        {
            "validator": lambda: validate(catalogue.repo),
            "floor": lambda: floor(catalogue.repo),
            "one_file": lambda: validate(catalogue.repo, one),
            "one_file_floor": lambda: floor(catalogue.repo, one),
        },
        runs,
    )
    stats = {name: Stats.of(r.seconds for r in values) for name, values in checks.items()}
    result.validator = {
        "files": len(list((catalogue.repo / "practices").glob("*.md")))
        + len(list((catalogue.repo / "consultations").glob("*.md"))),
        **{name: asdict(s) for name, s in stats.items()},
        "ratio": stats["validator"].median / stats["floor"].median,
    }

    page = f"practices/{PRACTICE}/"
    result.bytes = {
        "practice_page": first_view(catalogue.repo / "site", page),
        "plain_practice_page": first_view(catalogue.plain / "site", page),
        "search": search_bytes(catalogue.repo / "site"),
        "plain_search": search_bytes(catalogue.plain / "site"),
    }
    return result


@dataclass(frozen=True)
class Target:
    name: str
    size: int
    value: float
    limit: float

    @property
    def met(self) -> bool:
        return self.value <= self.limit


def scaling(results: list[SizeResult]) -> list[dict]:
    """Each size against the previous one: time ratio, and the limit for that growth."""
    out = []
    for small, large in zip(results, results[1:], strict=False):
        growth = large.size / small.size
        ratio = large.build["ours"]["median"] / small.build["ours"]["median"]
        plain = large.build["plain"]["median"] / small.build["plain"]["median"]
        out.append(
            {
                "from": small.size,
                "to": large.size,
                "ratio": ratio,
                "plain_ratio": plain,
                "limit": growth * SCALING_SLACK,
            }
        )
    return out


def targets(results: list[SizeResult], scales: list[dict], attacks: dict) -> list[Target]:
    out = [
        Target(f"slowest hostile file ({attacks['slowest']}), seconds", 0, attacks["slowest_seconds"], HOSTILE_LIMIT)
    ]
    for r in results:
        if r.size >= BUILD_RATIO_FROM:
            out.append(Target("build ÷ plain files", r.size, r.build["ratio"], BUILD_RATIO))
        if r.size >= VALIDATOR_FROM:
            out.append(Target("validator ÷ floor", r.size, r.validator["ratio"], VALIDATOR_RATIO))
        if r.size >= MEMORY_FROM:
            out.append(Target("peak memory ÷ plain files", r.size, r.memory["ratio"], MEMORY_RATIO))
        if "serve_rebuild" in r.build:
            out.append(Target("serve: rebuild after an edit, seconds", r.size, r.build["serve_rebuild"], SERVE_SECONDS))
        if "all_languages_ratio" in r.build:
            ratio = r.build["all_languages_ratio"]
            out.append(Target("all four languages ÷ one language", r.size, ratio, ALL_LANGUAGES_RATIO))
    for s in scales:
        if s["from"] >= SCALING_FROM:
            out.append(Target(f"scaling {s['from']}→{s['to']}", s["to"], s["ratio"], s["limit"]))
    return out


def machine() -> dict:
    model = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.is_file():
        model = next(
            (
                line.split(":", 1)[1].strip()
                for line in cpuinfo.read_text().splitlines()
                if line.startswith("model name")
            ),
            "",
        )
    return {
        "cpus": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "cpu_model": model or platform.processor(),
        "system": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "mkdocs": metadata.version("mkdocs"),
        "mkdocs_material": metadata.version("mkdocs-material"),
        "pagefind": _version("pagefind"),
    }


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return ""


# -------------------------------------------------------------------------- report


def _kib(n: float) -> str:
    return f"{n / 1024:.1f} KiB"


def table(results: list[SizeResult], scales: list[dict], attacks: dict, checked: list[Target], runs: int) -> str:
    lines = [f"Median (min–max) of {runs} run(s); times in seconds, sizes gzip-compressed.", ""]
    head = f"{'':34}" + "".join(f"{r.size:>22,}" for r in results)
    lines.append(head)

    def row(label: str, cell: Callable[[SizeResult], str]) -> None:
        lines.append(f"{label:34}" + "".join(f"{cell(r):>22}" for r in results))

    lines.append("1. build")
    row("  this project", lambda r: str(Stats(**r.build["ours"])))
    row("  plain Material, same files", lambda r: str(Stats(**r.build["files"])))
    row("  ratio (target ≤ 1.5 from 1,000)", lambda r: f"{r.build['ratio']:.2f}")
    row("  plain Material, same pages", lambda r: str(Stats(**r.build["plain"])))
    row("  ratio: the hooks' overhead", lambda r: f"{r.build['ratio_same_pages']:.2f}")
    row(
        "  serve: rebuild after an edit",
        lambda r: str(Stats(**r.build["serve_rebuilds"])) if "serve_rebuilds" in r.build else "",
    )
    row(
        "  all four languages (make build)",
        lambda r: str(Stats(**r.build["all_languages"])) if "all_languages" in r.build else "",
    )
    row(
        "  ÷ one language (target ≤ 2.5)",
        lambda r: f"{r.build['all_languages_ratio']:.2f}" if "all_languages_ratio" in r.build else "",
    )
    row("  ms per practice (this project)", lambda r: f"{1000 * r.build['ours']['median'] / r.size:.2f}")
    row("  of which Pagefind, run alone as the build runs it", lambda r: f"{r.build.get('pagefind_alone', 0):.2f}")
    lines.append("2. scaling (this project; plain)")
    for s in scales:
        lines.append(
            f"  {s['from']:,} → {s['to']:,}: {s['ratio']:.2f}× the time (limit {s['limit']:.2f}); plain {s['plain_ratio']:.2f}×"
        )
    if not scales:
        lines.append("  (needs two sizes)")
    lines.append("3. validator")
    row("  files", lambda r: f"{r.validator['files']:,}")
    row("  validate.py, all files", lambda r: str(Stats(**r.validator["validator"])))
    row("  floor: read + libyaml", lambda r: str(Stats(**r.validator["floor"])))
    row("  ratio (target ≤ 2.5 at 4,000)", lambda r: f"{r.validator['ratio']:.2f}")
    row("  one file, cold, end to end", lambda r: str(Stats(**r.validator["one_file"])))
    row("  floor for one file", lambda r: str(Stats(**r.validator["one_file_floor"])))
    lines.append("4. peak memory (MiB)")
    row("  this project", lambda r: f"{r.memory['ours_mib']:.0f}")
    row("  plain Material, same files", lambda r: f"{r.memory['files_mib']:.0f}")
    row("  ratio (target ≤ 2 at 4,000)", lambda r: f"{r.memory['ratio']:.2f}")
    row("  plain Material, same pages", lambda r: f"{r.memory['plain_mib']:.0f}")
    row("  Pagefind alone (its largest bundle)", lambda r: f"{r.memory.get('pagefind_alone_mib', 0):.0f}")
    lines.append("5. bytes")
    row("  practice page, first view", lambda r: _kib(r.bytes["practice_page"]["total"]))
    row("    plain build", lambda r: _kib(r.bytes["plain_practice_page"]["total"]))
    row("  search: a query (this project)", lambda r: _kib(r.bytes["search"]["total"]))
    row("    plain: Material's index", lambda r: _kib(r.bytes["plain_search"]["total"]))
    lines.append(f"6. hostile files: {attacks['files']} broken or hostile files, each checked alone")
    lines.append(f"  median {attacks['median_seconds'] * 1000:.1f} ms; slowest {attacks['slowest_seconds'] * 1000:.1f} ms"
                 f" ({attacks['slowest']}; limit {HOSTILE_LIMIT * 1000:.0f} ms)")  # fmt: skip
    lines.append("")
    for t in checked:
        at = f" at {t.size:,}" if t.size else ""
        lines.append(f"{'✓' if t.met else '✗'} {t.name}{at}: {t.value:.3g} (limit {t.limit:.3g})")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=list(DEFAULT_SIZES), help="practices per catalogue")
    parser.add_argument(
        "--runs", type=int, default=3, help="runs of each measurement (default 3; fewer is a smoke test)"
    )
    parser.add_argument("--json", type=Path, help="also write the results as JSON to this file")
    parser.add_argument("--keep", type=Path, help="generate the catalogues here (kept) instead of a temporary folder")
    args = parser.parse_args(argv)
    if args.runs < 1 or any(size < 1 for size in args.sizes):
        parser.error("--runs and --sizes must be positive")

    def say(text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    with tempfile.TemporaryDirectory(prefix="micic-bench-") as temporary:
        base = args.keep or Path(temporary)
        results = []
        for size in sorted(set(args.sizes)):
            say(f"{size}: generating the synthetic catalogue")
            results.append(measure(make_catalogue(base / f"catalogue-{size}", size), args.runs, say))
        say("hostile files: checking each alone")
        attacks = hostile(base / "hostile", args.runs)
    scales = scaling(results)
    checked = targets(results, scales, attacks)
    print(table(results, scales, attacks, checked, args.runs))
    if args.runs < 3:
        print(f"Only {args.runs} run(s): figures are indicative, not a measurement.")
    report = {
        "machine": machine(),
        "runs": args.runs,
        "sizes": [r.size for r in results],
        "results": [asdict(r) for r in results],
        "scaling": scales,
        "hostile": attacks,
        "targets": [{**asdict(t), "met": t.met} for t in checked],
        "ok": all(t.met for t in checked),
    }
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0 if report["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
