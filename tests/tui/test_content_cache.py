"""The per-user catalog cache: same catalog as the loader, rebuilt when content changes; its summary."""

from __future__ import annotations

import shutil
from pathlib import Path

from tui_helpers import CONTENT, DATA, AppFactory, current_step, settle

from pathfinder.catalog.loader import load_catalog
from pathfinder.tui.content_cache import load_catalog_cached, read_summary
from pathfinder.tui.screens.wizard import WizardScreen
from pathfinder.tui.widgets.picker import Picker

SAMPLE = DATA / "plans" / "sample-plan.toml"


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


def test_the_summary_is_read_from_a_current_cache_only(tmp_path: Path) -> None:
    """No cache, no summary; after a load the summary names every path; an edit makes it stale."""
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    cache = tmp_path / "cache"
    assert read_summary(content, cache) is None
    catalog = load_catalog_cached(content, cache)
    summary = read_summary(content, cache)
    assert summary is not None and summary.version == catalog.meta.version
    assert summary.path_names == {path.id: path.name for path in catalog.paths.values()}
    (content / "meta.toml").write_text((content / "meta.toml").read_text(encoding="utf-8") + "\n")
    assert read_summary(content, cache) is None


async def test_a_plan_opened_with_a_warm_cache_paints_before_the_content_loads(
    build_app: AppFactory, data_dir: Path
) -> None:
    """The plan screen shows the target's name from the summary; the content loads right after, and
    every step that needs it works."""
    load_catalog_cached(CONTENT, data_dir / "cache")
    app = build_app(catalog=None, content_dir=CONTENT, open_path=SAMPLE)
    async with app.run_test(size=(100, 30)) as pilot:
        assert isinstance(app.screen, WizardScreen) and app.content_summary is not None
        await settle(pilot, lambda: app.screen.query("#target"))
        assert app.screen.query_one("#target", Picker).value == "project-manager"
        await settle(pilot, lambda: app.catalog_ready.is_set())
        await pilot.press("f6")
        await settle(pilot, lambda: current_step(app) == "compare")
        assert app.catalog is not None and "project-manager" in app.catalog.paths
