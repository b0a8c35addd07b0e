"""Write the whole site's Markdown into a folder, without MkDocs: the core as a standalone step.

    python scripts/render_pages.py --out build/docs           a complete docs folder
    python scripts/render_pages.py --out build/docs --force   replace what is there

The folder gets the hand-written pages of docs/ (with their <!-- catalogue:NAME --> markers
filled) and every generated page (practices, consultations, index and term pages), at the
paths the MkDocs hooks give them. A static-site generator without a plugin API (such as
Material for MkDocs' successor, which reads mkdocs.yml) can build the site from it with
`docs_dir` pointed there and no hooks. Invalid records stop it, as they stop the build.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from micic.standalone import site_files, write_files

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, required=True, help="the folder to write the pages into")
    parser.add_argument("--root", type=Path, default=ROOT, help="the repository (default: this one)")
    parser.add_argument("--force", action="store_true", help="empty the folder first when it is not empty")
    args = parser.parse_args(argv)
    root, out = args.root.resolve(), args.out.resolve()
    if out in (root, root / "docs", *root.parents) or any(out == root / folder for folder in ("hooks", "practices")):
        parser.error(f"{args.out} holds the repository's own files: choose another folder")
    if out.exists() and any(out.iterdir()):
        if not args.force:
            parser.error(f"{args.out} is not empty: choose an empty folder, or add --force to replace its content")
        shutil.rmtree(out)
    files, problems = site_files(root)
    if problems:
        print("\n".join(problems), file=sys.stderr)
        print(f"{len(problems)} problem(s): nothing written (run `make validate` for details)", file=sys.stderr)
        return 1
    write_files(out, files)
    print(f"wrote {len(files)} files into {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
