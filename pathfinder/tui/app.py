"""The Pathfinder App: bindings, the command palette, user actions, crash handling and hosting.

Startup matters (first paint is measured against a bare Textual app), so this module and
:mod:`pathfinder.tui.core` import only Textual and the welcome screen; pydantic, the catalog, the
engine and the plan store are imported when first needed.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from pathfinder.tui.commands import PathfinderCommands
from pathfinder.tui.core import PathfinderCore


class PathfinderApp(PathfinderCore):
    """Keyboard-first career explorer: welcome → wizard (profile, compare, plan) → saved TOML plan."""

    CSS_PATH = "app.tcss"
    TITLE = "Pathfinder"
    COMMANDS = App.COMMANDS | {PathfinderCommands}
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [
        Binding("f1,question_mark", "help", "Help", id="help", tooltip="Keys and how Pathfinder works"),
        Binding("ctrl+s", "save", "Save", id="save", tooltip="Save the plan as a TOML file"),
        Binding("ctrl+o", "open", "Open", id="open", show=False, tooltip="Open a saved plan"),
        Binding("ctrl+q", "quit", "Quit", id="quit", priority=True, tooltip="Quit (asks if unsaved)"),
    ]

    # ----- actions --------------------------------------------------------------------------------

    def action_new_profile(self) -> None:
        self.run_worker(self._new_profile(), group="flow")

    async def _new_profile(self) -> None:
        from pathfinder.tui.session import Session

        catalog = await self.need_catalog()
        if catalog is None:
            return
        if self.session is not None and self.session.dirty:
            from pathfinder.tui.screens.dialogs import ConfirmDiscard

            if not await self._ask(ConfirmDiscard("Start a new profile and discard unsaved changes?")):
                return
        self.set_session(Session.new(self.now(), catalog.meta.version))
        self.push_wizard("background")

    async def _ask(self, screen: Screen[bool]) -> bool:
        future: asyncio.Future[bool] = asyncio.get_running_loop().create_future()
        self.push_screen(screen, lambda answer: future.set_result(bool(answer)))
        return await future

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
            self.push_wizard(step)

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

    def action_glance(self) -> None:
        self.run_worker(self._glance(), group="flow")

    async def _glance(self) -> None:
        from pathfinder.tui.screens.glance import GlanceScreen

        if await self.need_catalog() is not None:
            self.push_screen(GlanceScreen())

    def action_help(self) -> None:
        from pathfinder.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def set_theme(self, name: str) -> None:
        self.theme = name

    async def action_quit(self) -> None:
        """Quit, asking first when there are unsaved changes."""
        self.run_worker(self._quit(), group="flow", exclusive=True)

    async def _quit(self) -> None:
        if self.session is not None and self.session.dirty:
            from pathfinder.tui.screens.dialogs import ConfirmQuit

            if not await self._ask(ConfirmQuit()):
                return
            from pathfinder.tui.drafts import discard_draft

            discard_draft(self.data_dir)
        self.exit(0)

    # ----- the last line of defence -------------------------------------------------------------

    def _handle_exception(self, error: Exception) -> None:
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
        super()._handle_exception(error)

    def _fatal_error(self) -> None:
        """Print a short explanation on exit instead of Textual's traceback (unless tests want it)."""
        if not self.catch_crashes:
            super()._fatal_error()
            return
        from rich.panel import Panel

        self.bell()
        note = self._crash_note or "Pathfinder stopped after an unexpected error."
        self._exit_renderables.append(Panel(note, title="Pathfinder stopped", border_style="red"))
        self._close_messages_no_wait()

    def _log_crash(self, error: Exception) -> Path | None:
        import traceback

        log_path = self.data_dir / "logs" / "pathfinder.log"
        try:
            log_path.parent.mkdir(parents=True, exist_ok=True)
            with log_path.open("a", encoding="utf-8") as log:
                log.write(f"--- {self.now().isoformat()}\n")
                log.write("".join(traceback.format_exception(error)))
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
