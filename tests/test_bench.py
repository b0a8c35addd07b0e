"""scripts/bench.py keeps working: one tiny run, and its parts. No timing is asserted here:
the targets are judged by `make bench` on the sizes they name, never at these tiny sizes."""

from __future__ import annotations

import json
import subprocess
import sys

import bench
import pytest
import synthetic as synthetic_script
import yaml
from conftest import ROOT

from micic import synthetic as synthetic_
from micic.check import check_repository


@pytest.mark.slow
def test_a_tiny_run_reports_all_six_measures(tmp_path):
    report_file = tmp_path / "bench.json"
    run = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "bench.py"),
            "--sizes",
            "10",
            "20",
            "--runs",
            "1",
            "--json",
            str(report_file),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=tmp_path,
    )
    assert run.returncode == 0, run.stdout + run.stderr[-3000:]
    for heading in ("1. build", "2. scaling", "3. validator", "4. peak memory", "5. bytes", "6. hostile files"):
        assert heading in run.stdout
    report = json.loads(report_file.read_text())
    assert report["sizes"] == [10, 20]
    # Only the hostile-file target applies below 1,000 practices; every defect file is timed.
    assert [t["name"].split(" (")[0] for t in report["targets"]] == ["slowest hostile file"]
    defects = len(list((ROOT / "tests" / "defects").glob("*.md")))
    assert report["hostile"]["files"] == defects + 3
    assert "five-megabytes.md" in report["hostile"]["seconds"]
    assert [(s["from"], s["to"]) for s in report["scaling"]] == [(10, 20)]
    for result in report["results"]:
        assert result["build"]["ours"]["median"] > 0 and result["build"]["plain"]["median"] > 0
        assert result["validator"]["files"] == result["size"] + len(
            list((ROOT / "consultations").glob("*.md"))
        )  # records and their translations
        assert result["validator"]["ratio"] > 0 and result["validator"]["one_file"]["median"] > 0
        assert result["memory"]["ours_mib"] > 0 and result["memory"]["plain_mib"] > 0
        page = result["bytes"]["practice_page"]
        assert page["html"] > 0 and any(name.endswith(".css") for name in page["files"])
        assert result["bytes"]["plain_search"]["engine"] == "material"  # the plain build has Material's search
    assert report["machine"]["cpus"] >= 1 and report["machine"]["python"]


def test_the_plain_configuration_has_material_search_and_none_of_ours():
    plain = bench.plain_config((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    assert "hooks:" not in plain and "mkdocs_adapter" not in plain
    assert plain.count("plugins:") == 1 and "\nplugins:\n  - search\n" in plain
    assert yaml.safe_load(plain.split("\nplugins:\n  - search\n")[1])["extra"]["words"]["Search"] == "Search"
    theme = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").split("\ntheme:\n")[1].split("\n\n")[0]
    assert theme in plain  # the same theme settings, overrides included
    assert "markdown_extensions:" in plain


def test_the_plain_configuration_refuses_a_config_without_hooks():
    with pytest.raises(ValueError, match="hooks"):
        bench.plain_config("site_name: x\nplugins: []\n")


def test_first_view_counts_the_same_site_assets_a_page_references(tmp_path):
    site = tmp_path / "site"
    page = "practices/a/"
    (site / page).mkdir(parents=True)
    (site / "assets").mkdir()
    (site / "assets" / "site.css").write_text("body { color: black; }\n" * 50)
    (site / "assets" / "app.js").write_text("console.log(1);\n" * 50)
    (site / "assets" / "logo.svg").write_text("<svg></svg>")
    (site / "assets" / "unused.js").write_text("never referenced")
    (site / page / "index.html").write_text(
        '<link rel="stylesheet" href="../../assets/site.css"><link rel="canonical" href="https://x.org/a/">'
        '<script src="../../assets/app.js"></script><script src="https://cdn.example.org/x.js"></script>'
        f'<img src="{bench.SITE_URL}assets/logo.svg" alt="">'
    )
    view = bench.first_view(site, page)
    assert set(view["files"]) == {"assets/site.css", "assets/app.js", "assets/logo.svg"}
    assert view["total"] == view["html"] + sum(view["files"].values())
    assert view["files"]["assets/site.css"] < len("body { color: black; }\n" * 50)  # gzip-compressed


def test_first_view_counts_the_sitemap_material_fetches_for_an_alternate_link(tmp_path):
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "sitemap.xml").write_text("<urlset></urlset>")
    (site / "a" / "index.html").write_text('<link rel="alternate" type="application/atom+xml" href="../feed.xml">')
    assert set(bench.first_view(site, "a/")["files"]) == {"sitemap.xml"}
    (site / "a" / "index.html").write_text("<p>no alternate</p>")
    assert bench.first_view(site, "a/")["files"] == {}
    (site / "a" / "index.html").write_text('<link rel="alternate feed" type="application/atom+xml" href="../feed.xml">')
    assert bench.first_view(site, "a/")["files"] == {}
    # the hreflang links' rel, "alternate " (overrides/main.html), which the browser test shows is not fetched
    (site / "a" / "index.html").write_text('<link rel="alternate " hreflang="fr" href="../fr/a/">')
    assert bench.first_view(site, "a/")["files"] == {}


def test_synthetic_catalogues_are_valid_deterministic_and_visibly_synthetic(tmp_path):
    first = synthetic_.write_catalogue(tmp_path / "first", 30)
    second = synthetic_.write_catalogue(tmp_path / "second", 30)
    result = check_repository(first)
    assert result.problems == ()
    assert len(result.practices) == 30
    assert all(p.title.startswith("Synthetic practice") for p in result.practices)
    assert all(s.url.startswith("https://example.org/synthetic/") for p in result.practices for s in p.sources)
    for path in (first / "practices").iterdir():
        assert path.read_bytes() == (second / "practices" / path.name).read_bytes()


def test_synthetic_catalogues_are_never_written_over_files(tmp_path):
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "note.md").write_text("keep me")
    with pytest.raises(FileExistsError):
        synthetic_.write_catalogue(tmp_path / "taken", 3)
    with pytest.raises(SystemExit):
        synthetic_script.main([str(ROOT / "build-synthetic"), "--size", "3"])  # inside the repository
    assert not (ROOT / "build-synthetic").exists()


def test_bench_catalogues_stay_out_of_the_real_practices(tmp_path):
    catalogue = bench.make_catalogue(tmp_path, 5)
    first = f"{synthetic_.practice_slug(1)}.md"
    assert (catalogue.repo / "practices" / first).is_file()
    assert (catalogue.plain / "docs" / "practices" / first).is_file()
    assert not list((ROOT / "practices").glob("synthetic-*"))
