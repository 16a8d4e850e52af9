"""The App's core: injected dependencies, start-up (opening a plan file), the session and drafts.

Imported at start-up: Textual and the welcome screen only. Pydantic, the catalog, the engine and the
plan store are imported when first needed.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any

from textual import events
from textual.notifications import SeverityLevel
from textual.screen import Screen

from pathfinder.tui.compat import load_screen_css
from pathfinder.tui.compat.style_caches import share_css_parse_cache, share_theme_colors
from pathfinder.tui.content_app import ContentApp
from pathfinder.tui.screens.welcome import OpeningScreen, WelcomeScreen
from pathfinder.tui.themes import DEFAULT_THEME, THEMES

if TYPE_CHECKING:
    from pathfinder.catalog.catalog import Catalog
    from pathfinder.errors import PathfinderError
    from pathfinder.plan.store import LoadedPlan
    from pathfinder.tui.session import Session

DRAFT_DELAY_SECONDS = 0.8
NOT_OPENED_MODE = "plan-not-opened"


class PathfinderCore(ContentApp):
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
        share_css_parse_cache()
        share_theme_colors()
        css_path: list[str | PurePath] | None = None
        if open_path is not None and isinstance(self.CSS_PATH, str):
            # The first screen will be the wizard: read its stylesheet together with the app's, so the
            # CSS is parsed once (Textual re-parses all of it when a screen brings a stylesheet of its own).
            css_path = [self.CSS_PATH, "screens/wizard.tcss"]
        super().__init__(css_path=css_path)
        self._init_content(data_dir, content_dir, catalog)
        self.plan_dir = plan_dir
        self.today: Callable[[], date] = today or date.today
        self._now = now
        self.hosted = hosted or hosted_keyless
        self.hosted_keyless = hosted_keyless
        self.open_path = open_path
        self._session: Session | None = None
        self.catch_crashes = catch_crashes
        self._crash_note: str | None = None
        self._startup_error: PathfinderError | None = None
        self._migrated_from: int | None = None
        self._opening_finished = open_path is None
        self._previewed_text = ""
        self._draft_timer: Any = None
        self._when_started: list[Callable[[], None]] = []
        if self.hosted:
            self.sub_title = "hosted demo"
        self.plan_dir_label = "your plans folder" if self.hosted else str(plan_dir)
        """How the plan folder is named on screen: a hosted demo never shows the server's paths."""
        for theme in THEMES:
            self.register_theme(theme)
        self.theme = DEFAULT_THEME

    # ----- what a visitor may read -----------------------------------------------------------------

    def hidden_folders(self) -> list[tuple[Path, str]]:
        """The folders a hosted demo never names, with the words it uses instead."""
        folders = [
            (self.plan_dir, "your plans folder"),
            (self.data_dir, "your data folder"),
            (Path.home(), "~"),
        ]
        # an OS error names the folder as resolved (a symlinked data directory): hide that spelling too
        return folders + [
            (folder.resolve(), label) for folder, label in folders if folder.resolve() != folder
        ]

    def shown(self, text: str) -> str:
        """``text`` for the screen: in a hosted demo, no server path (see ``hosted_text``)."""
        from pathfinder.tui.hosted_text import visitor_text

        return visitor_text(text, self.hidden_folders()) if self.hosted else text

    def shown_path(self, path: Path) -> str:
        """A file as messages name it: its path; in a hosted demo, its name (in your plans folder)."""
        if not self.hosted:
            return str(path)
        return f"{path.name} in your plans folder" if path.parent == self.plan_dir else path.name

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        super().notify(self.shown(message), title=title, severity=severity, timeout=timeout, markup=markup)

    def show_error(self, error: PathfinderError) -> None:
        from pathfinder.tui.hosted_text import visitor_error

        super().show_error(visitor_error(error, self.hidden_folders()) if self.hosted else error)

    # ----- start-up -------------------------------------------------------------------------------

    def get_default_screen(self) -> Screen[Any]:
        """The welcome screen; or, for a plan file given at start, that plan (read before the first frame)."""
        if self.open_path is None:
            return WelcomeScreen()
        return self._open_at_start(self.open_path)

    def _open_at_start(self, path: Path) -> Screen[Any]:
        """Read the plan now, so that the first screen painted is the plan itself.

        With the content's summary cached, a current plan whose shown fields look right is painted from
        a preview and validated (with the models, and pydantic) right after the first frame, before any
        input is handled; the content loads then too. Otherwise the plan is validated first. A problem
        leaves a bare base screen, and the error view naming the file, line and field is shown over it.
        """
        from pathfinder.tui.plan_files import as_plan_error, read_plan, read_plan_preview
        from pathfinder.tui.session import Session

        self._loading_started = True
        names_known = self._catalog is not None or self._read_content_summary()
        previewed = read_plan_preview(path) if names_known else None
        if previewed is not None and not previewed[0].target:
            # a preview paints only the plan step; without a target the wizard opens on the comparison
            previewed = None
        if previewed is not None:
            self.set_session(Session.from_preview(previewed[0], path))
            self._previewed_text = previewed[1]
        else:
            try:
                self._start_session(path, read_plan(path))
            except Exception as error:
                self._startup_error = as_plan_error(path, error)
                return OpeningScreen()
            if not names_known and self._load_catalog_now() is None:
                return OpeningScreen()
        from pathfinder.tui.screens.wizard import WizardScreen

        wizard = WizardScreen(self._first_step())
        # Textual reads a screen's CSS_PATH when the screen is pushed, not for the default screen.
        load_screen_css(self, wizard)
        return wizard

    def on_mount(self) -> None:
        """Explain a plan file that could not be opened; otherwise start-up chores after the first frame."""
        from pathfinder.tui.resize_guard import guard_resize_signal

        guard_resize_signal()  # the driver has installed its resize handler: no storm may nest it
        if self.open_path is None:
            self.call_after_refresh(self._after_first_frame)
            return
        problem = self.content_error or self._startup_error
        if problem is not None:
            self._opening_finished = True
            # After the base screen is mounted, or the error view pushed over it can be left empty.
            self.call_after_refresh(self.show_error, problem)
        else:
            self.call_after_refresh(self._finish_opening)
        self.call_after_refresh(self._startup_done)

    def _finish_opening(self) -> None:
        """The plan is on screen: validate it if it was painted from a preview, load the content if it
        was painted from the summary, then tell what changed. Runs once, before any input is handled."""
        if self._opening_finished:
            return
        self._opening_finished = True
        session = self._session
        if session is not None and session.previewing and session.path is not None:
            from pathfinder.tui.plan_files import as_plan_error, validate_previewed
            from pathfinder.tui.session import Session

            try:
                plan = validate_previewed(session.path, self._previewed_text)
            except Exception as error:
                self._show_startup_problem(as_plan_error(session.path, error))
                return
            self.set_session(Session(plan=plan, path=session.path, visited=session.visited))
        if self.catalog is None and self.content_error is not None:
            self._show_startup_problem(self.content_error)
            return
        self._after_plan_opened()

    def _show_startup_problem(self, error: PathfinderError) -> None:
        """The opened plan cannot be worked on: a bare base screen with the error view over it."""
        self._session = None
        self._refresh_title()
        # The wizard is the base of the default mode's screens (which Textual cannot replace): go on in
        # a mode of its own, from a bare screen; the error view closes onto the welcome screen.
        self.add_mode(NOT_OPENED_MODE, OpeningScreen)
        self.switch_mode(NOT_OPENED_MODE)
        self.show_error(error)

    async def on_event(self, event: events.Event) -> None:
        """No input reaches a plan that is still being opened (painted from its preview)."""
        if not self._opening_finished and isinstance(event, events.InputEvent):
            self._finish_opening()
        await super().on_event(event)

    @property
    def session(self) -> Session | None:
        """The plan being edited (a plan still shown from its preview is validated first)."""
        if self._session is not None and self._session.previewing:
            self._finish_opening()
        return self._session

    @property
    def shown_session(self) -> Session | None:
        """The session as the wizard paints it: an opened plan may still be its unvalidated preview."""
        return self._session

    def _after_first_frame(self) -> None:
        """The welcome is on screen: offer a draft left behind; content loads when first needed."""
        from pathfinder.tui.draft_offer import offer_draft

        if self.catalog is not None:
            self.catalog_ready.set()
        offer_draft(self)
        self.call_after_refresh(self._startup_done)

    def when_started(self, callback: Callable[[], None]) -> None:
        """Call ``callback`` once start-up is over: the first screen drawn and its chores done (the
        entry points resume the garbage collector they paused, see ``pathfinder.collector``)."""
        self._when_started.append(callback)

    def _startup_done(self) -> None:
        self.sweep_leftovers()
        callbacks, self._when_started = self._when_started, []
        for callback in callbacks:
            callback()

    def folders_changed(self) -> None:
        """Hook: ``plan_dir`` and ``data_dir`` now point elsewhere (a hosted app handed to its visitor)."""

    def sweep_leftovers(self) -> None:
        """Remove the temporary files of saves that were killed (plans and draft folders)."""
        from pathfinder.plan.store import sweep_temporaries
        from pathfinder.tui.drafts import drafts_dir

        for folder in (self.plan_dir, drafts_dir(self.data_dir)):
            sweep_temporaries(folder)

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
        self._session = session
        self._refresh_title()

    def _refresh_title(self) -> None:
        session = self._session
        parts = []
        if self.hosted:
            parts.append("hosted demo")
        if session is not None:
            if session.path is not None:
                label = session.path.name
            elif session.origin is not None:
                label = f"new plan from {session.origin.name}"
            else:
                label = "unsaved plan"
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

    async def push_wizard(self, step: str = "background") -> None:
        """Show the wizard for a new session (a new profile, an opened plan, a draft) at ``step``.

        There is only ever one wizard: the base wizard of a plan opened at start is started over (Textual
        cannot replace a default screen), any other is replaced by a new one.
        """
        from pathfinder.tui.screens.wizard import WizardScreen

        while len(self.screen_stack) > 1:
            await self.pop_screen()  # removed before a new wizard comes: no two at once
        base = self.screen_stack[0]
        if isinstance(base, WizardScreen):
            await base.start_over(step)
        else:
            await self.push_screen(WizardScreen(step))

    def resume_plan(self, step: str | None = None) -> None:
        """Back to the open plan, where it was left (its wizard when it is still there), or at ``step``."""
        from pathfinder.tui.screens.wizard import WizardScreen

        session = self.session
        if session is None:
            return
        wizards = [screen for screen in self.screen_stack if isinstance(screen, WizardScreen)]
        if not wizards:
            self.push_screen(WizardScreen(step or session.last_step or self._first_step()))
            return
        while self.screen is not wizards[-1]:
            self.pop_screen()
        if step is not None:
            wizards[-1].go(step)

    async def may_replace_session(self, question: str) -> bool:
        """True when the open plan may make way for another: it has no unsaved changes, or the user
        agreed to discard them."""
        if self._session is None or not self._session.dirty:
            return True
        from pathfinder.tui.screens.dialogs import ConfirmDiscard

        return await self.ask(ConfirmDiscard(question))

    async def ask(self, screen: Screen[bool]) -> bool:
        """Show a yes/no dialog and wait for the answer (from a worker); closed without one, it is a no."""
        answer: bool | None = await self.push_screen_wait(screen)
        return bool(answer)

    async def open_plan(self, path: Path) -> bool:
        """Open a plan file into a new session (asking first when the open plan has unsaved changes);
        a broken file shows the error view and leaves the open plan as it was."""
        from pathfinder.tui.plan_files import as_plan_error, read_plan

        catalog = await self.need_catalog()
        if catalog is None:
            return False
        if not await self.may_replace_session(f"Open {path.name} and discard your unsaved changes?"):
            return False
        try:
            loaded = await asyncio.to_thread(read_plan, path)
        except Exception as error:
            self.show_error(as_plan_error(path, error))
            return False
        self._start_session(path, loaded)
        self._after_plan_opened()
        await self.push_wizard(self._first_step())
        return True

    def _start_session(self, path: Path, loaded: LoadedPlan) -> None:
        from pathfinder.tui.session import Session

        if loaded.kind == "plan":
            self.set_session(Session(plan=loaded.plan, path=path))
        else:  # a profile-only file: a new plan from it, its steps proposed when the plan step shows
            session = Session(plan=loaded.plan, origin=path)
            session.steps_for = None
            self.set_session(session)
        self._migrated_from = loaded.migrated_from

    def _first_step(self) -> str:
        """Where an opened plan starts: its steps, or the comparison when no target is chosen yet."""
        session = self._session
        return "plan" if session is not None and session.plan.target else "compare"

    def _after_plan_opened(self) -> None:
        """Tell the user what changed while the plan was read: unknown ids, an older schema; offer a newer
        draft of this plan left behind (its unsaved edits)."""
        self._warn_unknown_references()
        session = self._session
        if session is not None and session.path is not None:
            from pathfinder.tui.drafts import draft_is_newer_for

            if draft_is_newer_for(self.data_dir, session.path):
                from pathfinder.tui.draft_offer import offer_draft

                self.call_after_refresh(offer_draft, self)
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

    def go_home(self) -> None:
        """Back to the welcome screen. The open plan's wizard stays underneath, as it was left (half-typed
        fields too), so that "Resume" on the welcome screen returns to it."""
        from pathfinder.tui.screens.wizard import WizardScreen

        stack = self.screen_stack
        wizards = [index for index, screen in enumerate(stack) if isinstance(screen, WizardScreen)]
        if wizards:
            for _ in range(len(stack) - 1 - wizards[-1]):
                self.pop_screen()
            self.push_screen(WelcomeScreen())
            return
        while len(self.screen_stack) > 1:
            self.pop_screen()
        if not isinstance(self.screen_stack[0], WelcomeScreen):
            self.push_screen(WelcomeScreen())
