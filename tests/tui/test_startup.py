"""Start-up stays light: the App and the welcome screen import no pydantic, TOML writer, catalog,
engine or plan store (they load when first needed), so first paint stays close to a bare Textual app."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from textual.widgets import OptionList
from tui_helpers import CONTENT, DATA, AppFactory, settle

from pathfinder.tui.content_cache import load_catalog_cached

HEAVY = ("pydantic", "tomli_w", "pathfinder.catalog", "pathfinder.engine", "pathfinder.plan")


def test_the_app_module_imports_nothing_heavy() -> None:
    code = (
        "import sys\n"
        "import pathfinder.commands.app, pathfinder.tui, pathfinder.tui.app, pathfinder.tui.screens.welcome\n"
        f"print(sorted(m for m in sys.modules if m.startswith({HEAVY!r})))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "[]"


OPEN_PLAN_FIRST_FRAME = """
import asyncio, sys
from pathlib import Path
from textual.app import App
from pathfinder.tui import make_app

content, plan, folder = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
seen = {}
display = App._display
def first_frame(app, screen, renderable):
    if renderable is not None and "heavy" not in seen and type(screen).__name__ == "WizardScreen":
        seen["heavy"] = sorted(m for m in sys.modules if m.startswith("pydantic"))[:3]
    return display(app, screen, renderable)
App._display = first_frame
app = make_app(plan_dir=folder, data_dir=folder, content_dir=content, open_path=plan)
async def until_painted(pilot):
    while "heavy" not in seen:
        await asyncio.sleep(0.01)
    await pilot.pause()
    print(seen["heavy"], type(app.session.plan).__name__)
    pilot.app.exit()
app.run(headless=True, size=(100, 30), auto_pilot=until_painted)
"""


def test_an_opened_plan_is_painted_before_pydantic_loads(tmp_path: Path) -> None:
    """With the content cached by an earlier run, the plan screen's first frame needs neither pydantic
    nor the models; the plan is validated (a real ``Plan``) right after."""
    load_catalog_cached(CONTENT, tmp_path / "cache")  # what any earlier run leaves behind
    plan = DATA / "plans" / "sample-plan.toml"
    result = subprocess.run(
        [sys.executable, "-c", OPEN_PLAN_FIRST_FRAME, str(CONTENT), str(plan), str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,  # import Pathfinder from where this process did (not a checkout in the directory)
    )
    assert result.stdout.strip().splitlines()[-1] == "[] Plan", result.stdout + result.stderr


async def test_a_new_visitor_sees_no_plans_at_once_and_saved_plans_are_listed(
    build_app: AppFactory, plan_dir: Path
) -> None:
    """An empty plan folder needs no reading: "No plans yet" is in the first frame. With a plan file
    there, the list shows it once read."""
    app = build_app()
    async with app.run_test(size=(100, 30)) as pilot:
        listing = app.screen.query_one("#saved-plans", OptionList)
        assert "No plans yet" in str(listing.get_option_at_index(0).prompt)
        await pilot.pause()
        assert not [worker for worker in app.workers if worker.group == "saved-plans"]
    plan_dir.mkdir(parents=True, exist_ok=True)
    (plan_dir / "sample-plan.toml").write_bytes((DATA / "plans" / "sample-plan.toml").read_bytes())
    app = build_app()
    async with app.run_test(size=(100, 30)) as pilot:
        listing = app.screen.query_one("#saved-plans", OptionList)
        await settle(pilot, lambda: "Sam's move" in str(listing.get_option_at_index(0).prompt))


def test_building_the_app_leaves_the_garbage_collector_alone(build_app: AppFactory) -> None:
    """An app built but never run (a test, a script) must not switch the collector off for the process."""
    import gc

    assert gc.isenabled()
    build_app()
    assert gc.isenabled()


def test_the_collector_paused_for_start_up_resumes_once_the_first_screen_is_drawn(
    build_app: AppFactory,
) -> None:
    """What the ``pathfinder`` command does: collector off while the app starts, back on (and start-up's
    objects frozen) once the welcome screen is drawn, not before."""
    import asyncio
    import gc

    from pathfinder.collector import pause_for_startup

    seen: dict[str, bool] = {}

    async def run() -> None:
        resume = pause_for_startup()
        try:
            app = build_app()
            app.when_started(resume)
            app.when_started(lambda: seen.update(on_after_start=gc.isenabled()))
            async with app.run_test(size=(80, 24)) as pilot:
                seen["off_while_starting"] = not gc.isenabled()
                await app.workers.wait_for_complete()
                await pilot.pause()
                await pilot.pause()
                seen["on_when_started"] = gc.isenabled()
        finally:
            resume()

    gc.unfreeze()
    try:
        asyncio.run(run())
        assert seen == {"off_while_starting": True, "on_after_start": True, "on_when_started": True}
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
        gc.enable()


def test_pausing_the_collector_restores_its_state_once() -> None:
    import gc

    from pathfinder.collector import pause_for_startup

    gc.disable()
    try:
        resume = pause_for_startup()
        resume()
        assert not gc.isenabled(), "a collector that was off stays off"
    finally:
        gc.enable()
    resume = pause_for_startup()
    assert not gc.isenabled()
    resume()
    resume()
    assert gc.isenabled()
    gc.unfreeze()
