"""The first screen: start, open a saved plan, read the product-vs-project overview, or quit.

Imported at start-up: Textual only. Saved plans are listed once content has loaded.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.markup import escape
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

KEYLESS_NOTE = (
    "You connected without an SSH key: plans are kept only for this visit. "
    "Use “View plan as TOML” (command palette, ctrl+p) to copy yours, or reconnect "
    "with an SSH key to keep plans."
)
MENU = (
    ("new", "Start a new profile", "n"),
    ("open", "Open a saved plan…", "o"),
    ("glance", "Product vs project at a glance", "g"),
    ("import", "Import from LinkedIn or JSON Resume…", "i"),
    ("xray", "X-ray a job posting", "x"),
    ("quit", "Quit", "q"),
)


class WelcomeScreen(Screen[None]):
    """Pathfinder's front door."""

    _plans_to_read = True
    _resumed_before = False

    BINDINGS = [
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
                menu = OptionList(
                    *(Option(f"[b]{key}[/b]  {label}", id=option_id) for option_id, label, key in MENU),
                    id="welcome-menu",
                )
                menu.border_title = "What would you like to do?"
                yield menu
                plans = OptionList(self._first_plans_option(), id="saved-plans")
                plans.border_title = "Saved plans"
                plans.border_subtitle = "o  open another plan by path"
                yield plans
        yield Footer()

    def _first_plans_option(self) -> Option:
        """What the saved-plans list shows first: "no plans yet" at once when the folder has no plan
        files (a new visitor's), else a placeholder until the files are read after the first frame."""
        from pathfinder.tui.plan_list import has_plan_files

        self._plans_to_read = has_plan_files(self.pf_app.plan_dir)
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

        from pathfinder.tui.plan_list import saved_plans

        catalog = self.pf_app.catalog
        names = {path.id: path.name for path in catalog.paths.values()} if catalog else None
        try:
            plans = await asyncio.to_thread(saved_plans, self.pf_app.plan_dir, names)
        except OSError as error:
            self.notify(
                f"Could not list {self.pf_app.plan_dir_label}: {error.strerror or error}", severity="warning"
            )
            plans = []
        listing = next(iter(self.query("#saved-plans").results(OptionList)), None)
        if listing is None:  # the screen was torn down (a quit) while the folder was read
            return
        self._plans = {str(index): plan.path for index, plan in enumerate(plans)}
        listing.clear_options()
        if not plans:
            listing.add_option(Option(f"No plans yet in {escape(self.pf_app.plan_dir_label)}", disabled=True))
            return
        listing.add_options(Option(escape(plan.label()), id=str(index)) for index, plan in enumerate(plans))
        listing.highlighted = 0

    def on_screen_resume(self) -> None:
        """Back on the welcome screen: list the plans again (a plan may have been saved meanwhile)."""
        if not self._resumed_before:
            self._resumed_before = True  # the first resume is the start: on_mount lists what needs it
            return
        self.list_saved_plans()

    @on(OptionList.OptionSelected, "#welcome-menu")
    def menu_chosen(self, event: OptionList.OptionSelected) -> None:
        actions = {
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
        path = getattr(self, "_plans", {}).get(event.option_id or "")
        if path is not None:
            self.run_worker(self.pf_app.open_plan(path), group="open")


class OpeningScreen(Screen[None]):
    """The base screen while a plan given on the command line opens (cheaper than the welcome)."""

    def compose(self) -> ComposeResult:
        yield Static("Opening your plan…", id="opening")
