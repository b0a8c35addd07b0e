"""Regenerate hooks/micic/world-shapes.json, the world map's country shapes.

python scripts/world_map.py   (after `npm ci`, which installs the pinned world-atlas)

The shapes change only when world-atlas or the projection does, so the result is committed
and building the site needs no Node.js.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from micic.charts import SHAPES_FILE, country_shapes  # noqa: E402

TOPOLOGY = ROOT / "node_modules" / "world-atlas" / "countries-110m.json"


def main() -> int:
    if not TOPOLOGY.exists():
        print(f"{TOPOLOGY.relative_to(ROOT)} is missing: run `npm ci` first", file=sys.stderr)
        return 1
    shapes = country_shapes(json.loads(TOPOLOGY.read_text(encoding="utf-8")))
    SHAPES_FILE.write_text(json.dumps(shapes, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(
        f"wrote {SHAPES_FILE.relative_to(ROOT)}: {len(shapes['countries'])} countries, {SHAPES_FILE.stat().st_size:,} bytes"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
