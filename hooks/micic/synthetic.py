"""Synthetic catalogues for benchmarks and tests: N made-up practices in a scratch repository.

Every value is visibly synthetic ("Synthetic practice 0042", example.org sources, filler
text) and deterministic, so two runs produce the same files. The repository gets a copy
of the site's machinery (mkdocs.yml, docs/, hooks/) and the real consultations, and never
touches the real practices/: its folder must be outside the repository or empty.
scripts/synthetic.py is its command line.
"""

from __future__ import annotations

import itertools
import json
import random
import shutil
from pathlib import Path

from . import vocabulary as vocab
from .kinds import CONSULTATION, PRACTICE

# The repository this package belongs to (hooks/micic/ → the root): the machinery a scratch
# repository copies (mkdocs.yml, docs/, hooks/, overrides/) and its real consultations.
ROOT = Path(__file__).resolve().parents[2]

# Filler words for the bodies: domain words, then made-up words so that the search index
# sees a vocabulary as large as real prose has; Zipf-weighted, like real text. Plain enough
# for Markdown, obviously not a real practice.
_DOMAIN_TEXT = """
synthetic migrants crisis evacuation consular hotline shelter registration documents employer
embassy transport border assistance community volunteers training language interpreters
information return reintegration wages recruitment contingency planning coordination mapping
outreach diaspora municipality ministry agreement protocol health identity passport camp
transit cash referral legal aid family tracing data protection
"""
_DOMAIN_WORDS = _DOMAIN_TEXT.split()
_SYLLABLES = [c + v for c in "bdfgklmnprstvz" for v in "aeiou"]
_MADE_UP = random.Random(0)
_MADE_UP_WORDS = sorted({"".join(_MADE_UP.choices(_SYLLABLES, k=_MADE_UP.randint(2, 4))) for _ in range(4000)})
_MADE_UP.shuffle(_MADE_UP_WORDS)  # sorted first: a set's order changes between runs
_WORDS = _DOMAIN_WORDS + _MADE_UP_WORDS
_CUMULATIVE = list(itertools.accumulate(1 / rank for rank in range(1, len(_WORDS) + 1)))

# What the build needs besides mkdocs.yml and the records (overrides: theme templates).
MACHINERY = ("docs", "hooks", "overrides")
_HEADINGS = ("Context", "What was done", "Results", "Lessons learned")


def _sentence(rng: random.Random) -> str:
    words = rng.choices(_WORDS, cum_weights=_CUMULATIVE, k=rng.randint(8, 18))
    return " ".join(words).capitalize() + "."


def _paragraph(rng: random.Random) -> str:
    return " ".join(_sentence(rng) for _ in range(rng.randint(3, 6)))


def practice_text(number: int, vocabulary: vocab.Vocabulary) -> str:
    """The file of synthetic practice number `number` (YAML front matter + Markdown body)."""
    rng = random.Random(number)
    countries = list(vocabulary.countries)
    scope = rng.choices(vocabulary.scopes.ids, weights=(3, 10, 4, 1))[0]
    lines = [
        "---",
        f"title: Synthetic practice {number:04d} on {rng.choice(_DOMAIN_WORDS)} and {rng.choice(_DOMAIN_WORDS)}",
        f"summary: A synthetic practice generated for benchmarks and tests (number {number}); it describes nothing real.",
    ]
    if scope != "global":
        picked = rng.sample(countries, rng.choices((1, 2, 3, 5), weights=(6, 3, 2, 1))[0])
        # quoted: unquoted NO (Norway) is YAML's false, which the validator rightly reports
        lines.append(f"countries: [{', '.join(json.dumps(c.id) for c in picked)}]")
    lines += [
        f"scope: {scope}",
        f"crisis_types: [{', '.join(rng.sample(vocabulary.crisis_types.ids, rng.randint(1, 2)))}]",
        f"phases: [{', '.join(rng.sample(vocabulary.phases.ids, rng.randint(1, 3)))}]",
        f"guidelines: [{', '.join(str(g) for g in sorted(rng.sample(vocabulary.guidelines.ids, rng.randint(0, 4))))}]",
        f"action_plan_points: [{', '.join(str(p) for p in sorted(rng.sample(vocabulary.action_plan_points.ids, rng.randint(0, 2))))}]",
        "stakeholders:",
    ]
    for s in range(rng.randint(1, 3)):
        lines += [
            f"  - name: Synthetic organisation {number:04d}-{s + 1}",
            f"    type: {rng.choice(vocabulary.stakeholder_types.ids)}",
        ]
    start = rng.randint(1995, 2024)
    lines.append(f"start_year: {start}")
    if rng.random() < 0.7:
        lines.append(f"end_year: {start + rng.randint(0, 5)}")
    lines.append("sources:")
    for s in range(rng.randint(1, 3)):
        lines += [
            f"  - title: Synthetic source {s + 1} for practice {number:04d}",
            f"    url: https://example.org/synthetic/{number:04d}/{s + 1}",
        ]
    lines += ["date_added: 2026-11-30", "last_reviewed: 2026-11-30", "---", ""]
    for heading in _HEADINGS:
        lines += [f"## {heading}", ""]
        for _ in range(rng.randint(1, 2)):
            lines += [_paragraph(rng), ""]
    lines += [f"- {_sentence(rng)}" for _ in range(rng.randint(2, 4))]
    return "\n".join(lines) + "\n"


def practice_slug(number: int) -> str:
    return f"synthetic-practice-{number:04d}"


def scaffold(out: Path, consultations: bool = True) -> Path:
    """A scratch repository at `out`: the site's config, docs, hooks and theme overrides,
    the real consultations (or none), no practices."""
    out.mkdir(parents=True, exist_ok=True)
    if any(out.iterdir()):
        raise FileExistsError(f"{out} is not empty: synthetic catalogues are only written into empty folders")
    shutil.copy(ROOT / "mkdocs.yml", out / "mkdocs.yml")
    for folder in MACHINERY:
        if (ROOT / folder).is_dir():
            shutil.copytree(ROOT / folder, out / folder, ignore=shutil.ignore_patterns("__pycache__"))
    (out / PRACTICE.folder).mkdir()
    if consultations:
        shutil.copytree(ROOT / CONSULTATION.folder, out / CONSULTATION.folder)
    else:
        (out / CONSULTATION.folder).mkdir()
    return out


def write_catalogue(out: Path, size: int, consultations: bool = True) -> Path:
    """A scratch repository at `out` with `size` synthetic practices; returns `out`."""
    scaffold(out, consultations)
    vocabulary = vocab.load()
    folder = out / PRACTICE.folder
    for number in range(1, size + 1):
        (folder / f"{practice_slug(number)}.md").write_text(practice_text(number, vocabulary), encoding="utf-8")
    return out
