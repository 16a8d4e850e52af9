"""``make_app``: the one way to build the App, shared by the CLI, the tests and the SSH host."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathfinder.catalog.catalog import Catalog
    from pathfinder.tui.app import PathfinderApp


def make_app(
    *,
    plan_dir: Path,
    data_dir: Path,
    content_dir: Path | None = None,
    catalog: Catalog | None = None,
    today: Callable[[], date] | None = None,
    now: Callable[[], datetime] | None = None,
    hosted: bool = False,
    hosted_keyless: bool = False,
    open_path: Path | None = None,
    catch_crashes: bool = True,
    state_dir: Path | None = None,
    config_dir: Path | None = None,
) -> PathfinderApp:
    """Build the App with its dependencies injected (directories, content, clock, hosting mode).

    ``catalog`` skips loading content (tests pass a prepared one); otherwise ``content_dir`` (or the
    shipped content) is loaded when first needed. ``open_path`` opens that plan at start.
    ``catch_crashes=False`` (tests) lets an unexpected error end the app instead of being explained.
    ``state_dir`` (recent plans) and ``config_dir`` (preferences) default to ``state`` and ``config`` in
    ``data_dir`` (a hosted visitor's own folder); the CLI passes the user's platform folders.
    """
    from pathfinder.tui.app import PathfinderApp

    return PathfinderApp(
        plan_dir=plan_dir,
        data_dir=data_dir,
        content_dir=content_dir,
        catalog=catalog,
        today=today,
        now=now,
        hosted=hosted,
        hosted_keyless=hosted_keyless,
        open_path=open_path,
        catch_crashes=catch_crashes,
        state_dir=state_dir,
        config_dir=config_dir,
    )
