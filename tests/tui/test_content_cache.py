"""The per-user catalog cache: same catalog as the loader, rebuilt when content changes."""

from __future__ import annotations

import shutil
from pathlib import Path

from tui_helpers import CONTENT

from pathfinder.catalog.loader import load_catalog
from pathfinder.tui.content_cache import load_catalog_cached


def test_cached_catalog_equals_the_loaded_one(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = load_catalog_cached(CONTENT, cache)
    assert len(list(cache.glob("catalog-*.pickle"))) == 1
    second = load_catalog_cached(CONTENT, cache)
    fresh = load_catalog(CONTENT)
    assert dict(second.paths) == dict(fresh.paths) and dict(second.skills) == dict(fresh.skills)
    assert second.comparison == first.comparison == fresh.comparison


def test_editing_content_rebuilds_the_cache(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    cache = tmp_path / "cache"
    before = load_catalog_cached(content, cache)
    meta = content / "meta.toml"
    meta.write_text(meta.read_text(encoding="utf-8").replace(before.meta.version, "9.9.9"), encoding="utf-8")
    after = load_catalog_cached(content, cache)
    assert after.meta.version == "9.9.9"
    assert len(list(cache.glob("catalog-*.pickle"))) == 1


def test_a_corrupt_cache_is_rebuilt(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    load_catalog_cached(CONTENT, cache)
    for file in cache.glob("catalog-*.pickle"):
        file.write_bytes(b"not a pickle")
    assert load_catalog_cached(CONTENT, cache).paths.keys() == load_catalog(CONTENT).paths.keys()
