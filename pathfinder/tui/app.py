"""The Pathfinder App: bindings, the command palette, user actions, crash handling and hosting.

Startup matters (first paint is measured against a bare Textual app), so this module and
:mod:`pathfinder.tui.core` import only Textual and the welcome screen; pydantic, the catalog, the
engine and the plan store are imported when first needed.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.worker import WorkerFailed

from pathfinder.tui.commands import PathfinderCommands
from pathfinder.tui.core import PathfinderCore
from pathfinder.tui.remembered import Remembered
from pathfinder.tui.themes import THEMES

if TYPE_CHECKING:
    pass

EXIT_CRASHED = 70
"""The exit status after an unexpected error (EX_SOFTWARE): scripts and service managers can tell."""

if TYPE_CHECKING:
    from rich.console import RenderableType


class PathfinderApp(PathfinderCore):
    """Keyboard-first career explorer: welcome → wizard (profile, compare, plan) → saved TOML plan."""

    CSS_PATH = "app.tcss"
    TITLE = "Pathfinder"
    CRASH_RETURN_CODE = EXIT_CRASHED
    COMMANDS = App.COMMANDS | {PathfinderCommands}
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [
        Binding("f1,question_mark", "help", "Help", id="help", tooltip="Keys and how Pathfinder works"),
        Binding("ctrl+s", "save", "Save", id="save", tooltip="Save the plan as a TOML file"),
        Binding("ctrl+o", "open", "Open", id="open", show=False, tooltip="Open a saved plan"),
        Binding("ctrl+z", "undo", "Undo", id="undo", show=False, tooltip="Undo the last change"),
        Binding("ctrl+y", "redo", "Redo", id="redo", show=False, tooltip="Redo what was undone"),
        Binding("ctrl+q", "quit", "Quit", id="quit", priority=True, tooltip="Quit (asks if unsaved)"),
    ]

    _remembered: Remembered | None = None

    def __init__(
        self, *, state_dir: Path | None = None, config_dir: Path | None = None, **options: Any
    ) -> None:
        """``state_dir`` (recent plans) and ``config_dir`` (preferences) default to folders in the data
        folder, which a hosted app changes to its visitor's own."""
        super().__init__(**options)
        self._state_dir, self._config_dir = state_dir, config_dir
        ours = {theme.name for theme in THEMES}
        for name in [name for name in self.available_themes if name not in ours]:
            self.unregister_theme(name)  # the palette offers Pathfinder's themes only
        self._remembered = Remembered(self)
        self._remembered.load()

    @property
    def state_dir(self) -> Path:
        """Where the recent plans are kept."""
        return self._state_dir if self._state_dir is not None else self.data_dir / "state"

    @property
    def config_dir(self) -> Path:
        """Where the preferences are kept."""
        return self._config_dir if self._config_dir is not None else self.data_dir / "config"

    def on_mount(self) -> None:
        if self._remembered is not None:
            self.call_after_refresh(self._remembered.tell_problem)

    def watch_theme(self, theme: str) -> None:
        """A theme the user chose (from the palette, or Textual's theme picker) is kept for next time."""
        if self.is_running and self._remembered is not None:
            self._remembered.theme_changed(theme)

    def folders_changed(self) -> None:
        """New folders (a hosted visitor's) bring their own preferences and recent plans."""
        if self._remembered is not None:
            self._remembered.load()
            self._remembered.tell_problem()

    def _after_plan_opened(self) -> None:
        super()._after_plan_opened()
        self.plan_used()

    def plan_used(self) -> None:
        """The session's plan was opened or saved: first in the recent plans."""
        if self._remembered is not None:
            self._remembered.plan_used()

    # ----- actions --------------------------------------------------------------------------------

    def action_new_profile(self) -> None:
        self.run_worker(self._new_profile(), group="flow")

    async def _new_profile(self) -> None:
        from pathfinder.tui.session import Session

        catalog = await self.need_catalog()
        if catalog is None:
            return
        if not await self.may_replace_session("Start a new profile and discard your unsaved changes?"):
            return
        self.set_session(Session.new(self.now(), catalog.meta.version))
        await self.push_wizard("background")

    def action_undo(self) -> None:
        self._take_back(redo=False)

    def action_redo(self) -> None:
        self._take_back(redo=True)

    def _take_back(self, redo: bool) -> None:
        """Undo (or redo) the last edit of the profile or plan, and say which it was."""
        from pathfinder.tui.screens.wizard import WizardScreen

        session = self.session
        what = None if session is None else (session.redo() if redo else session.undo())
        if session is None or what is None:
            self.notify("Nothing to redo." if redo else "Nothing to undo.", timeout=2)
            return
        self.mark_changed()
        self.notify(("Redone: " if redo else "Undone: ") + what, timeout=3)
        for screen in self.screen_stack:
            if isinstance(screen, WizardScreen):
                self.run_worker(screen.reload(), group="undo")

    def action_resume(self) -> None:
        """Back to the open plan as it was left (its wizard stays under the welcome screen)."""
        if self.session is None:
            self.notify("No plan is open: start a new profile or open a plan.")
            return
        self.resume_plan()

    def action_open(self) -> None:
        from pathfinder.tui.screens.dialogs import OpenDialog

        def chosen(path: Path | None) -> None:
            if path is not None:
                self.run_worker(self.open_plan(path), group="open")

        dialog = OpenDialog(self.plan_dir, allow_any_path=not self.hosted, folder_label=self.plan_dir_label)
        self.push_screen(dialog, chosen)

    def action_go_step(self, step: str) -> None:
        from pathfinder.tui.screens.wizard import WizardScreen

        if self.session is None:
            self.notify("Start a new profile or open a plan first.")
            return
        if isinstance(self.screen, WizardScreen):
            self.screen.go(step)
        else:
            self.resume_plan(step)

    def action_save(self) -> None:
        from pathfinder.tui.saving import save_session

        if self.session is None:
            self.notify("Nothing to save yet: start a new profile or open a plan.")
            return
        if self.session.path is None:
            self.action_save_as()
        else:
            save_session(self, self.session.path)

    def action_save_as(self) -> None:
        from pathfinder.tui.saving import ask_save_path

        if self.session is None:
            self.notify("Nothing to save yet: start a new profile or open a plan.")
            return
        ask_save_path(self)

    def action_export_markdown(self) -> None:
        from pathfinder.tui.saving import export_markdown

        if self.session is None:
            self.notify("Nothing to export yet.")
            return
        export_markdown(self)

    def action_export_calendar(self) -> None:
        from pathfinder.tui.saving import export_calendar

        if self.session is None:
            self.notify("Nothing to export yet.")
            return
        export_calendar(self)

    def action_view_toml(self) -> None:
        from pathfinder.tui.screens.dialogs import TomlView

        if self.session is None:
            self.notify("Nothing to show yet.")
            return
        from pathfinder.plan.store import plan_to_toml

        self.push_screen(TomlView(plan_to_toml(self.session.plan), keyless=self.hosted_keyless))

    def action_progress(self) -> None:
        from pathfinder.tui.screens.progress import ProgressScreen

        if self.session is None:
            self.notify("Open a plan to see its progress.")
            return
        self.push_screen(ProgressScreen())

    def action_import_profile(self) -> None:
        from pathfinder.tui.import_flow import import_profile

        self.run_worker(import_profile(self), group="flow")

    def action_xray_posting(self) -> None:
        from pathfinder.tui.import_flow import show_posting_xray

        show_posting_xray(self)

    def action_glance(self) -> None:
        self.run_worker(self._glance(), group="flow")

    async def _glance(self) -> None:
        from pathfinder.tui.screens.glance import GlanceScreen

        if await self.need_catalog() is not None:
            self.push_screen(GlanceScreen())

    def action_help(self) -> None:
        from pathfinder.tui.screens.help import HelpScreen
        from pathfinder.tui.screens.wizard import STEP_LABELS, WizardScreen

        screen = self.screen
        if isinstance(screen, HelpScreen):
            return
        first = "Everywhere"
        if isinstance(screen, WizardScreen):
            label = STEP_LABELS.get(screen.current or "", "")
            first = label if label in ("Skills", "Compare", "Plan") else "Wizard"
        self.push_screen(HelpScreen(first))

    def set_theme(self, name: str) -> None:
        self.theme = name

    async def action_quit(self) -> None:
        """Quit, asking first when there are unsaved changes."""
        self.run_worker(self._quit(), group="flow", exclusive=True)

    async def _quit(self) -> None:
        if self.session is not None and self.session.dirty:
            from pathfinder.tui.screens.dialogs import ConfirmQuit

            if not await self.ask(ConfirmQuit()):
                return
            from pathfinder.tui.drafts import discard_draft

            discard_draft(self.data_dir)
        self.exit(0)

    # ----- the last line of defence -------------------------------------------------------------

    def unexpected_error(self, error: Exception) -> None:
        """An unexpected error ends the app, but the work is kept (draft) and explained, not a traceback.

        The traceback goes to ``data_dir/logs/pathfinder.log``. Tests build the app with
        ``catch_crashes=False`` so that Textual shows them the traceback as usual.
        """
        if self.catch_crashes and self._crash_note is None:
            log_path = self._log_crash(error)
            kept = "Your unsaved changes are kept in the autosaved draft and offered back next time. "
            if self.session is not None and self.session.dirty:
                try:
                    from pathfinder.tui.drafts import save_draft

                    save_draft(self.session, self.data_dir)
                except Exception:  # the log still has the details
                    kept = ""
            else:
                kept = ""
            where = f"The details are in {log_path}." if log_path and not self.hosted else ""
            what = self.shown(f"{type(error).__name__}: {error}")
            self._crash_note = f"Pathfinder stopped after an unexpected error ({what}).\n{kept}{where}"

    def crash_message(self) -> RenderableType | None:
        """A short explanation on exit instead of Textual's traceback (unless tests want it)."""
        if not self.catch_crashes:
            return None
        from rich.panel import Panel

        note = self._crash_note or "Pathfinder stopped after an unexpected error."
        return Panel(note, title="Pathfinder stopped", border_style="red")

    def _log_crash(self, error: Exception) -> Path | None:
        import traceback

        log_path = self.data_dir / "logs" / "pathfinder.log"
        try:
            log_path.parent.mkdir(parents=True, exist_ok=True)
            with log_path.open("a", encoding="utf-8") as log:
                log.write(f"--- {self.now().isoformat()}\n")
                log.write("".join(traceback.format_exception(error)))
                inner = getattr(error, "error", None)  # a worker's failure: the bug's own traceback
                if isinstance(error, WorkerFailed) and isinstance(inner, BaseException):
                    log.write("The worker's error:\n" + "".join(traceback.format_exception(inner)))
        except OSError:
            return None
        return log_path

    # ----- hosting --------------------------------------------------------------------------------

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Textual's commands, minus the screenshot (a file on the server) when hosted."""
        for command in super().get_system_commands(screen):
            if self.hosted and command.title == "Screenshot":
                continue
            yield command

    def open_url(self, url: str, *, new_tab: bool = True) -> None:
        """Hosted: show the address instead of opening a browser on the server."""
        if self.hosted:
            self.notify(f"Open this address in your browser:\n{url}", title="Link", timeout=12)
        else:
            super().open_url(url, new_tab=new_tab)
