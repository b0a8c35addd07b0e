"""Synthetic catalogues for benchmarks and tests: N made-up practices in a scratch repository.

    python scripts/synthetic.py OUT --size 1000

Every value is visibly synthetic ("Synthetic practice 0042", example.org sources, filler
text) and deterministic, so two runs produce the same files. The repository gets a copy
of the site's machinery (mkdocs.yml, docs/, hooks/) and the real consultations, and never
touches the real practices/: OUT must be outside the repository or an empty folder.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from micic.kinds import PRACTICE
from micic.synthetic import ROOT, write_catalogue


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path, help="an empty or new folder outside the repository")
    parser.add_argument("--size", type=int, default=1000, help="how many practices (default 1000)")
    args = parser.parse_args(argv)
    if args.out.resolve().is_relative_to(ROOT):
        parser.error("write synthetic catalogues outside the repository, for example under /tmp")
    try:
        write_catalogue(args.out, args.size)
    except FileExistsError as error:
        parser.error(str(error))
    print(f"wrote {args.size} synthetic practices into {args.out / PRACTICE.folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
