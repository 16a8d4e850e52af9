"""The App's core: injected dependencies, start-up (content on first use), the session and drafts.

Imported at start-up: Textual and the welcome screen only. Pydantic, the catalog, the engine and the
plan store are imported when first needed.
"""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any

from textual.app import App
from textual.screen import Screen

from pathfinder.tui.css_cache import share_css_parse_cache
from pathfinder.tui.screens.welcome import OpeningScreen, WelcomeScreen
from pathfinder.tui.themes import DEFAULT_THEME, THEMES

if TYPE_CHECKING:
    from pathfinder.catalog.catalog import Catalog
    from pathfinder.errors import PathfinderError
    from pathfinder.plan.store import LoadedPlan
    from pathfinder.tui.content_cache import ContentSummary
    from pathfinder.tui.session import Session

DRAFT_DELAY_SECONDS = 0.8


class PathfinderCore(App[int]):
    """State and start-up; :class:`pathfinder.tui.app.PathfinderApp` adds the actions and bindings."""

    SUB_TITLE = "product · project management"

    def __init__(
        self,
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
    ) -> None:
        gc.disable()
        share_css_parse_cache()
        css_path: list[str | PurePath] | None = None
        if open_path is not None and isinstance(self.CSS_PATH, str):
            # The first screen will be the wizard: read its stylesheet together with the app's, so the
            # CSS is parsed once (Textual re-parses all of it when a screen brings a stylesheet of its own).
            css_path = [self.CSS_PATH, "screens/wizard.tcss"]
        super().__init__(css_path=css_path)
        self.plan_dir = plan_dir
        self.data_dir = data_dir
        self.content_dir = content_dir
        self._catalog: Catalog | None = catalog
        self._catalog_deferred = False
        """An opened plan was painted from the content's summary; the catalog loads on first use."""
        self.content_summary: ContentSummary | None = None
        self.today: Callable[[], date] = today or date.today
        self._now = now
        self.hosted = hosted or hosted_keyless
        self.hosted_keyless = hosted_keyless
        self.open_path = open_path
        self.session: Session | None = None
        self.catalog_ready = asyncio.Event()
        self._loading_started = False
        self.catch_crashes = catch_crashes
        self._crash_note: str | None = None
        self.content_error: PathfinderError | None = None
        self._startup_error: PathfinderError | None = None
        self._migrated_from: int | None = None
        self._draft_timer: Any = None
        if self.hosted:
            self.sub_title = "hosted demo"
        self.plan_dir_label = "your plans folder" if self.hosted else str(plan_dir)
        """How the plan folder is named on screen: a hosted demo never shows the server's paths."""
        for theme in THEMES:
            self.register_theme(theme)
        self.theme = DEFAULT_THEME

    # ----- start-up -------------------------------------------------------------------------------

    def get_default_screen(self) -> Screen[Any]:
        """The welcome screen; or, for a plan file given at start, that plan (read before the first frame)."""
        if self.open_path is None:
            return WelcomeScreen()
        return self._open_at_start(self.open_path)

    def _open_at_start(self, path: Path) -> Screen[Any]:
        """Load the content and the plan now, so that the first screen painted is the plan itself.

        Nothing else could be shown meanwhile. A problem leaves a bare base screen, and the error view
        naming the file, line and field is shown over it once the app is mounted.
        """
        self._loading_started = True
        from pathfinder.tui.plan_files import as_plan_error, read_plan

        try:
            self._start_session(path, read_plan(path))
        except Exception as error:
            self._startup_error = as_plan_error(path, error)
            return OpeningScreen()
        if self._catalog is None:
            from pathfinder.tui.content_cache import read_summary

            self.content_summary = read_summary(self.content_dir, self.data_dir / "cache")
            self._catalog_deferred = self.content_summary is not None
            if not self._catalog_deferred:
                self._load_catalog_now()
                if self.content_error is not None:
                    return OpeningScreen()
        from pathfinder.tui.screens.wizard import WizardScreen

        wizard = WizardScreen(self._first_step())
        # Textual reads a screen's CSS_PATH when the screen is pushed, not for the default screen.
        self._load_screen_css(wizard)
        return wizard

    def on_mount(self) -> None:
        """Explain a plan file that could not be opened; otherwise start-up chores after the first frame."""
        if self.open_path is None:
            self.call_after_refresh(self._after_first_frame)
            return
        problem = self.content_error or self._startup_error
        if problem is not None:
            # After the base screen is mounted, or the error view pushed over it can be left empty.
            self.call_after_refresh(self.show_error, problem)
        else:
            self.call_after_refresh(self._finish_opening)
        self.call_after_refresh(self._startup_done)

    def _finish_opening(self) -> None:
        """The plan is on screen: load the content now (if it was painted from the summary), then check."""
        if self.catalog is None and self.content_error is not None:
            self.switch_screen(OpeningScreen())  # the wizard cannot work without content
            self.show_error(self.content_error)
            return
        self._after_plan_opened()

    @property
    def catalog(self) -> Catalog | None:
        """The career content (None until loaded, or if it failed to load: see ``content_error``)."""
        if self._catalog is None and self._catalog_deferred:
            self._catalog_deferred = False
            self._load_catalog_now()
        return self._catalog

    @catalog.setter
    def catalog(self, catalog: Catalog | None) -> None:
        self._catalog = catalog

    def path_names(self) -> dict[str, str]:
        """Career path id → name, from the content or, before it has loaded, from its summary."""
        if self._catalog is None and self.content_summary is not None:
            return self.content_summary.path_names
        catalog = self.catalog
        return {path.id: path.name for path in catalog.paths.values()} if catalog is not None else {}

    def _after_first_frame(self) -> None:
        """The welcome is on screen: offer a draft left behind; content loads when first needed."""
        if self.catalog is not None:
            self.catalog_ready.set()
        self._offer_draft()
        self.call_after_refresh(self._startup_done)

    def ensure_content_loading(self) -> None:
        """Start loading the catalog unless it is loaded or loading (the welcome needs none of it)."""
        if self._loading_started:
            return
        self._loading_started = True
        self.run_worker(self._load_content(), name="load-content", group="content", exclusive=True)

    def _startup_done(self) -> None:
        """Collect garbage again once start-up work is over; freeze what start-up allocated."""
        gc.enable()
        gc.freeze()

    async def _load_content(self) -> None:
        """Load the catalog off the UI thread (the welcome screen stays responsive meanwhile)."""
        from pathfinder.errors import ContentError

        if self.catalog is None:
            try:
                self.catalog = await asyncio.to_thread(self._read_catalog)
            except ContentError as error:
                self.content_error = error
            except Exception as error:
                self.content_error = ContentError(f"The career content could not be loaded: {error}")
        self.catalog_ready.set()
        if self.content_error is not None:
            self.show_error(self.content_error)

    def _load_catalog_now(self) -> None:
        """Load the catalog on this thread (at start, for a plan file); a failure is kept to be shown."""
        from pathfinder.errors import ContentError

        if self.catalog is None:
            try:
                self.catalog = self._read_catalog()
            except ContentError as error:
                self.content_error = error
            except Exception as error:
                self.content_error = ContentError(f"The career content could not be loaded: {error}")
        self.catalog_ready.set()

    def _read_catalog(self) -> Catalog:
        from pathfinder.tui.content_cache import load_catalog_cached

        return load_catalog_cached(self.content_dir, self.data_dir / "cache")

    async def need_catalog(self) -> Catalog | None:
        """The catalog, loading it if needed; None if it failed to load."""
        if self._catalog_deferred:
            return self.catalog
        if not self.catalog_ready.is_set():
            self.ensure_content_loading()
            if isinstance(self.screen, WelcomeScreen):
                self.screen.show_loading(True)
        await self.catalog_ready.wait()
        if isinstance(self.screen, WelcomeScreen):
            self.screen.show_loading(False)
        return self.catalog

    def now(self) -> datetime:
        """An aware timestamp for saves, consistent with the injected clock."""
        from datetime import UTC

        if self._now is not None:
            return self._now()
        current = datetime.now(UTC)
        if self.today is date.today:
            return current
        return datetime.combine(self.today(), current.timetz())

    # ----- sessions -------------------------------------------------------------------------------

    def set_session(self, session: Session) -> None:
        self.session = session
        self._refresh_title()

    def _refresh_title(self) -> None:
        session = self.session
        parts = []
        if self.hosted:
            parts.append("hosted demo")
        if session is not None:
            label = session.path.name if session.path is not None else "unsaved plan"
            parts.append(label + (" •" if session.dirty else ""))
        self.sub_title = " · ".join(parts) if parts else self.SUB_TITLE

    def session_saved(self) -> None:
        """After a save: update the title and let the wizard refresh what depends on history."""
        self._refresh_title()
        from pathfinder.tui.screens.wizard import WizardScreen

        for screen in self.screen_stack:
            if isinstance(screen, WizardScreen):
                screen.session_saved()

    def mark_changed(self) -> None:
        """Something in the session changed: flag unsaved work and autosave a draft soon."""
        if self.session is None:
            return
        self.session.dirty = True
        self._refresh_title()
        if self._draft_timer is not None:
            self._draft_timer.stop()
        self._draft_timer = self.set_timer(DRAFT_DELAY_SECONDS, self.write_draft)

    def write_draft(self) -> None:
        """Write the draft now (also called by the debounce timer)."""
        from pathfinder.tui.drafts import save_draft

        self._draft_timer = None
        if self.session is not None and self.session.dirty:
            try:
                save_draft(self.session, self.data_dir)
            except Exception as error:
                self.notify(f"Could not write the draft: {error}", severity="warning")

    def _offer_draft(self) -> None:
        from pathfinder.tui.drafts import draft_summary

        summary = draft_summary(self.data_dir)
        if summary is None:
            return
        from pathfinder.tui.screens.dialogs import DraftOffer

        def answered(recover: bool | None) -> None:
            from pathfinder.tui.drafts import discard_draft

            if recover:
                self.run_worker(self._recover_draft(), group="flow")
            else:
                discard_draft(self.data_dir)

        self.push_screen(DraftOffer(summary), answered)

    async def _recover_draft(self) -> None:
        from pathfinder.tui.drafts import read_draft
        from pathfinder.tui.session import Session

        if await self.need_catalog() is None:
            return
        draft = read_draft(self.data_dir)
        if draft is None:
            self.notify("The draft could not be read.", severity="warning")
            return
        self.set_session(Session(plan=draft.plan, path=draft.source, dirty=True))
        self.push_wizard("plan" if draft.plan.target else "background")

    def push_wizard(self, step: str = "background") -> None:
        """Show the wizard (creating it if needed) at ``step``."""
        from pathfinder.tui.screens.wizard import WizardScreen

        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.push_screen(WizardScreen(step))

    async def open_plan(self, path: Path) -> bool:
        """Open a plan file into a new session; a broken file shows the error view."""
        from pathfinder.tui.plan_files import as_plan_error, read_plan

        catalog = await self.need_catalog()
        if catalog is None:
            return False
        try:
            loaded = await asyncio.to_thread(read_plan, path)
        except Exception as error:
            self.show_error(as_plan_error(path, error))
            return False
        self._start_session(path, loaded)
        self._after_plan_opened()
        self.push_wizard(self._first_step())
        return True

    def _start_session(self, path: Path, loaded: LoadedPlan) -> None:
        from pathfinder.tui.session import Session

        self.set_session(Session(plan=loaded.plan, path=path if loaded.kind == "plan" else None))
        self._migrated_from = loaded.migrated_from

    def _first_step(self) -> str:
        """Where an opened plan starts: its steps, or the comparison when no target is chosen yet."""
        return "plan" if self.session is not None and self.session.plan.target else "compare"

    def _after_plan_opened(self) -> None:
        """Tell the user what changed while the plan was read: unknown ids, an older schema."""
        self._warn_unknown_references()
        if self._migrated_from is not None:
            self.notify(f"Updated from schema version {self._migrated_from}; save to keep the new format.")
            self._migrated_from = None

    def _warn_unknown_references(self) -> None:
        from pathfinder.tui.plan_files import unknown_references_note

        catalog = self.catalog
        if self.session is not None and catalog is not None:
            note = unknown_references_note(self.session.plan, catalog)
            if note is not None:
                self.notify(note, severity="warning")

    def show_error(self, error: PathfinderError) -> None:
        from pathfinder.tui.screens.dialogs import ErrorScreen

        def closed(_: None) -> None:
            if isinstance(self.screen, OpeningScreen):
                self.push_screen(WelcomeScreen())

        self.push_screen(ErrorScreen(error), closed)

    def go_home(self) -> None:
        """Back to the welcome screen (created now if the app started on a plan file)."""
        while len(self.screen_stack) > 2:
            self.pop_screen()
        if isinstance(self.screen_stack[0], WelcomeScreen):
            if len(self.screen_stack) > 1:
                self.pop_screen()
        elif len(self.screen_stack) > 1:
            self.switch_screen(WelcomeScreen())
        else:
            self.push_screen(WelcomeScreen())
