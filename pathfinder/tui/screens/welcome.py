"""The first screen: start, open a saved plan, read the product-vs-project overview, or quit.

Imported at start-up: Textual only. Saved plans are listed once content has loaded.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.markup import escape
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from pathfinder.tui.screens.chrome import settle_toast_rack
from pathfinder.tui.widgets.footer import Footer
from pathfinder.tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from pathfinder.tui.app import PathfinderApp
    from pathfinder.tui.plan_list import SavedPlan

KEYLESS_NOTE = (
    "You connected without an SSH key: plans are kept only for this visit. "
    "Use “View plan as TOML” (command palette, ctrl+p) to copy yours, or reconnect "
    "with an SSH key to keep plans."
)
RESUME_OPTION = "resume"
MENU = (
    ("new", "Start a new profile", "n"),
    ("open", "Open a saved plan…", "o"),
    ("glance", "Product vs project at a glance", "g"),
    ("import", "Import LinkedIn / JSON Resume…", "i"),
    ("xray", "X-ray a job posting", "x"),
    ("quit", "Quit", "q"),
)


class WelcomeScreen(Screen[None]):
    """Pathfinder's front door."""

    _plans_to_read = True
    _resumed_before = False

    BINDINGS = [
        Binding(
            "r",
            "app.resume",
            "Resume",
            id="welcome-resume",
            show=False,
            tooltip="Back to the plan that is open",
        ),
        Binding("n", "app.new_profile", "New", id="welcome-new", tooltip="Start a new profile"),
        Binding("o", "app.open", "Open", id="welcome-open", tooltip="Open a saved plan by path"),
        Binding("g", "app.glance", "Product vs project", id="welcome-glance", tooltip="The two roles"),
        Binding(
            "i", "app.import_profile", "Import", id="welcome-import", show=False, tooltip="Import a profile"
        ),
        Binding(
            "x", "app.xray_posting", "X-ray", id="welcome-xray", show=False, tooltip="X-ray a job posting"
        ),
        Binding("q", "app.quit", "Quit", id="welcome-quit", show=False, tooltip="Quit Pathfinder"),
    ]

    @property
    def pf_app(self) -> PathfinderApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Vertical(id="welcome"):
            yield Static(
                "[b]Pathfinder[/b]  [dim]product or project management?[/dim]\n"
                "Compare your experience with six career paths, see what fits and why, "
                "and keep a plan you can come back to.",
                id="welcome-intro",
            )
            if self.pf_app.hosted_keyless:
                yield Static(KEYLESS_NOTE, id="keyless-note")
            with Horizontal(id="welcome-body"):
                menu = OptionList(*self._menu_options(), id="welcome-menu")
                menu.border_title = "What would you like to do?"
                yield menu
                plans = OptionList(self._first_plans_option(), id="saved-plans")
                plans.border_title = "Recent and saved plans"
                plans.border_subtitle = "o  open another plan by path"
                yield plans
        yield Footer()

    def _resume_options(self) -> list[Option]:
        """ "Resume" first in the menu while a plan is open (the app keeps it when coming home)."""
        session = self.pf_app.session
        if session is None:
            return []
        name = session.plan.name
        if session.path is not None and name == "My plan":  # not named yet: the file tells it apart
            name += f" ({session.path.name})"
        return [Option(f"[b]r[/b]  Resume “{escape(name)}”", id=RESUME_OPTION)]

    def _show_resume(self) -> None:
        """Keep the menu's "Resume" line in step with the open plan (it may have changed meanwhile)."""
        menu = self.query_one("#welcome-menu", OptionList)
        menu.clear_options()
        menu.add_options(self._menu_options())
        menu.highlighted = 0

    def _menu_options(self) -> list[Option]:
        """The menu: "Resume" first while a plan is open, then the fixed choices."""
        fixed = [Option(f"[b]{key}[/b]  {label}", id=option_id) for option_id, label, key in MENU]
        return [*self._resume_options(), *fixed]

    def _first_plans_option(self) -> Option:
        """What the saved-plans list shows first: "no plans yet" at once when the folder has no plan
        files and there are no recent plans (a new visitor's), else a placeholder until the files are
        read after the first frame."""
        from pathfinder.tui.plan_list import has_plan_files
        from pathfinder.tui.remembered import RECENTS_FILE

        self._plans_to_read = (
            has_plan_files(self.pf_app.plan_dir) or (self.pf_app.state_dir / RECENTS_FILE).exists()
        )
        if self._plans_to_read:
            return Option("looking for plans…", disabled=True)
        return Option(f"No plans yet in {escape(self.pf_app.plan_dir_label)}", disabled=True)

    def on_mount(self) -> None:
        settle_toast_rack(self)
        self.query_one("#welcome-menu", OptionList).focus()
        if self._plans_to_read:
            self.call_after_refresh(self.list_saved_plans)  # after the first frame: it reads files

    def visitor_arrived(self) -> None:
        """The hosted app was started ahead of its visitor and has just been handed to them: show the
        note for visitors without a key, and their own saved plans (the folder it was started with had
        none, so the list changes only when theirs has some)."""
        if self.pf_app.hosted_keyless and not self.query("#keyless-note"):
            self.query_one("#welcome", Vertical).mount(Static(KEYLESS_NOTE, id="keyless-note"), before=1)
        first = self._first_plans_option()
        if self._plans_to_read:
            listing = self.query_one("#saved-plans", OptionList)
            listing.clear_options()
            listing.add_option(first)
            self.list_saved_plans()

    def show_loading(self, loading: bool) -> None:
        """A quiet “loading content…” in the title line while the career content loads on first use."""
        self.sub_title = "loading content…" if loading else None

    @work(group="saved-plans", exclusive=True)
    async def list_saved_plans(self) -> None:
        import asyncio

        from pathfinder.tui.plan_list import welcome_plans

        app = self.pf_app
        catalog = app.catalog
        names = {path.id: path.name for path in catalog.paths.values()} if catalog else None
        try:
            plans = await asyncio.to_thread(
                welcome_plans, app.plan_dir, app.state_dir, names, hosted=app.hosted
            )
        except OSError as error:
            self.notify(
                f"Could not list {self.pf_app.plan_dir_label}: {error.strerror or error}", severity="warning"
            )
            plans = []
        listing = next(iter(self.query("#saved-plans").results(OptionList)), None)
        if listing is None:  # the screen was torn down (a quit) while the folder was read
            return
        self._plans = {str(index): plan for index, plan in enumerate(plans)}
        listing.clear_options()
        if not plans:
            listing.add_option(Option(f"No plans yet in {escape(self.pf_app.plan_dir_label)}", disabled=True))
            return
        listing.add_options(Option(plan_prompt(plan), id=str(index)) for index, plan in enumerate(plans))
        listing.highlighted = 0

    def on_screen_resume(self) -> None:
        """Back on the welcome screen: list the plans again (a plan may have been saved meanwhile)."""
        if not self._resumed_before:
            self._resumed_before = True  # the first resume is the start: on_mount lists what needs it
            return
        self._show_resume()
        self.list_saved_plans()

    @on(OptionList.OptionSelected, "#welcome-menu")
    def menu_chosen(self, event: OptionList.OptionSelected) -> None:
        actions = {
            RESUME_OPTION: self.pf_app.action_resume,
            "new": self.pf_app.action_new_profile,
            "open": self._focus_plans,
            "glance": self.pf_app.action_glance,
            "import": self.pf_app.action_import_profile,
            "xray": self.pf_app.action_xray_posting,
        }
        if event.option_id == "quit":
            self.run_worker(self.pf_app.action_quit())
        elif event.option_id in actions:
            actions[event.option_id]()

    def _focus_plans(self) -> None:
        listing = self.query_one("#saved-plans", OptionList)
        if listing.option_count and not listing.get_option_at_index(0).disabled:
            listing.focus()
        else:
            self.pf_app.action_open()

    @on(OptionList.OptionSelected, "#saved-plans")
    def plan_chosen(self, event: OptionList.OptionSelected) -> None:
        plan = getattr(self, "_plans", {}).get(event.option_id or "")
        if plan is None:
            return
        if plan.missing:
            self._forget(plan.path, plan.name)
        else:
            self.run_worker(self.pf_app.open_plan(plan.path), group="open")

    def _forget(self, path: Path, name: str) -> None:
        """Take a recent plan whose file is gone off the list."""
        from pathfinder.recents import forget

        try:
            forget(self.pf_app.state_dir, path)
        except OSError as error:
            self.notify(f"Could not update the recent plans: {error.strerror or error}", severity="warning")
            return
        self.notify(f"Removed “{escape(name)}” from the recent plans (its file is gone).")
        self.list_saved_plans()


def plan_prompt(plan: SavedPlan) -> Text:
    """A plan in the list: its name in bold, then (dimmed, indented) its target and when it was saved."""
    first, second = plan.lines()
    return Text.assemble((first, "bold"), "\n  ", (second, "dim"))


class OpeningScreen(Screen[None]):
    """The base screen while a plan given on the command line opens (cheaper than the welcome)."""

    def compose(self) -> ComposeResult:
        yield Static("Opening your plan…", id="opening")
