"""Accuracy of the posting X-ray on the postings kept in tests/data/postings (see expected.toml there).

For each posting: the path a careful reader gives it, the X-ray's top three paths with their scores, and
whether the top one is right; then the share right overall, on the development and hold-out sets, and on
the postings whose title names another path than the work.

Run from the repository root:

    .venv/bin/python bench/posting_accuracy.py
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from pathfinder.catalog.loader import load_catalog
from pathfinder.engine.posting import xray_posting

POSTINGS = Path(__file__).resolve().parent.parent / "tests" / "data" / "postings"


def main() -> int:
    catalog = load_catalog(None)
    expected = tomllib.loads((POSTINGS / "expected.toml").read_text(encoding="utf-8"))["posting"]
    tallies: dict[str, list[int]] = {}
    for item in expected:
        xray = xray_posting((POSTINGS / item["file"]).read_text(encoding="utf-8"), catalog)
        right = xray.paths[0].id == item["path"]
        groups = ["all", item["set"]] + (["misleading title"] if item.get("misleading") else [])
        for group in groups:
            tally = tallies.setdefault(group, [0, 0])
            tally[0] += right
            tally[1] += 1
        top = "  ".join(f"{path.id} {path.score:g}" for path in xray.paths[:3])
        print(f"{'ok ' if right else 'MISS'} {item['file']:<44} expected {item['path']:<26} got {top}")
    print()
    for group, (right, total) in tallies.items():
        print(f"{group:<17} {right}/{total} right ({100 * right / total:.0f} %)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
