"""Discovery: which files are records, and whether the tree a build reads is the repository's own.

Nothing here reads a record; it only says which files to read, and refuses (with a problem
each) files in the wrong place, of the wrong type, and symbolic links."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from . import gate
from .fields import suggest_slug
from .kinds import KINDS, Kind
from .problems import Problem


def discover(root: Path, paths: Iterable[Path] | None = None) -> tuple[list[tuple[Kind, Path]], list[Problem]]:
    """The record files to check: every .md in practices/ and consultations/, or those named."""
    found: list[tuple[Kind, Path]] = []
    problems: list[Problem] = []
    folders = {kind.folder: kind for kind in KINDS}
    if paths is None:
        candidates = []
        for kind in KINDS:
            folder = root / kind.folder
            if folder.is_symlink():  # never walk (or publish) whatever a link points to
                problems.append(Problem(kind.folder, 0, "", "symbolic links are not accepted", "make it a real folder"))
            elif folder.is_dir():
                candidates.extend(sorted(folder.rglob("*")))
    else:
        candidates = []
        for path in paths:
            path = path if path.is_absolute() else Path.cwd() / path
            candidates.extend(sorted(path.rglob("*")) if path.is_dir() and not path.is_symlink() else [path])
    for path in candidates:
        try:
            relative = path.absolute().relative_to(root.absolute())
        except ValueError:
            problems.append(Problem(str(path), 0, "", "file is outside the repository", "check the path"))
            continue
        shown = relative.as_posix()
        if any(part.startswith(".") for part in relative.parts) or (path.is_dir() and not path.is_symlink()):
            continue
        kind = folders.get(relative.parts[0]) if len(relative.parts) > 1 else None
        if path.is_symlink():
            problems.append(
                Problem(shown, 0, "", "symbolic links are not accepted", "replace the link with the file itself")
            )
        elif kind is None:
            problems.append(
                Problem(
                    shown,
                    0,
                    "",
                    "this file is not in practices/ or consultations/",
                    f"move it to practices/{path.name} (or consultations/{path.name})",
                )
            )
        elif len(relative.parts) > 2:
            problems.append(
                Problem(shown, 0, "", f"{kind.folder}/ has no subfolders", f"move it to {kind.folder}/{path.name}")
            )
        elif path.suffix != ".md":
            problems.append(
                Problem(
                    shown,
                    0,
                    "",
                    "not a Markdown file",
                    f"rename it to {suggest_slug(path.stem)}.md, or remove it from {kind.folder}/",
                )
            )
        elif not path.exists():
            problems.append(Problem(shown, 0, "", "file does not exist", "check the path"))
        else:
            found.append((kind, path))
    return found, problems


# The folders a build reads besides the records: a symbolic link in them could publish any file
# of the machine that builds the site (CI included).
PUBLISHED_FOLDERS = ("docs", "overrides", "hooks")


def tree_problems(root: Path) -> list[Problem]:
    """Symbolic links in what the build reads, unless they stay inside the repository (and
    out of its hidden folders, such as .git)."""
    problems = []
    top = root.resolve()
    for folder in PUBLISHED_FOLDERS:
        base = root / folder
        links = [base] if base.is_symlink() else []
        if base.is_dir() and not base.is_symlink():
            for parent, folders, names in os.walk(base):
                links += [Path(parent) / n for n in (*folders, *names) if (Path(parent) / n).is_symlink()]
        for link in links:
            target = link.resolve()
            inside = (
                target.is_relative_to(top) and not any(part.startswith(".") for part in target.relative_to(top).parts)
                if target.is_relative_to(top)
                else False
            )
            if not inside:
                problems.append(
                    Problem(
                        gate.printable(link.relative_to(root).as_posix()),
                        0,
                        "",
                        "symbolic link to a file outside the repository",
                        "replace the link with the file itself, or remove it",
                    )
                )
    return problems
