"""Product vs project manager at a glance: the catalog's comparison and each role's week."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.markup import escape
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from pathfinder.tui.widgets.fit import sources_line
from pathfinder.tui.widgets.footer import Footer
from pathfinder.tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from pathfinder.tui.app import PathfinderApp


class GlanceScreen(Screen[None]):
    """Side by side: aspects, how they work together, and the risk of one person doing both."""

    DEFAULT_CSS = """
    #glance {
        padding: 0 1;
    }

    .glance-intro {
        margin-bottom: 1;
    }

    .glance-row {
        height: auto;
        border-bottom: solid $panel;
    }

    .glance-aspect {
        width: 18;
        padding-right: 1;
        color: $primary;
    }

    .glance-cell {
        width: 1fr;
        padding: 0 1;
    }

    .glance-notes {
        height: auto;
        margin-top: 1;
    }

    .glance-notes Static {
        margin-bottom: 1;
    }
    """

    BINDINGS = [Binding("escape", "app.pop_screen", "Back", id="glance-back")]

    def compose(self) -> ComposeResult:
        app: PathfinderApp = self.app  # type: ignore[assignment]
        catalog = app.catalog
        assert catalog is not None
        comparison = catalog.comparison
        left = catalog.paths.get(comparison.left)
        right = catalog.paths.get(comparison.right)
        yield TitleBar()
        with VerticalScroll(id="glance"):
            yield Static(
                f"[b]{escape(comparison.title)}[/b]\n{escape(comparison.intro)}", classes="glance-intro"
            )
            with Horizontal(classes="glance-row glance-head"):
                yield Static("", classes="glance-aspect")
                yield Static(
                    f"[b]{escape(left.name if left else comparison.left)}[/b]", classes="glance-cell"
                )
                yield Static(
                    f"[b]{escape(right.name if right else comparison.right)}[/b]", classes="glance-cell"
                )
            for aspect in comparison.aspects:
                with Horizontal(classes="glance-row"):
                    yield Static(f"[b]{escape(aspect.title)}[/b]", classes="glance-aspect")
                    yield Static(escape(aspect.product), classes="glance-cell")
                    yield Static(escape(aspect.project), classes="glance-cell")
            # The paths' own lines, worded as in `pathfinder content compare`: they add to the
            # comparison's rows of the same theme rather than repeat them.
            for label, attribute in (("Goal, in short", "goal"), ("Focus, in short", "focus")):
                with Horizontal(classes="glance-row"):
                    yield Static(f"[b]{label}[/b]", classes="glance-aspect")
                    for path in (left, right):
                        yield Static(escape(getattr(path, attribute)) if path else "", classes="glance-cell")
            with Horizontal(classes="glance-row"):
                yield Static("[b]A typical week, in detail[/b]", classes="glance-aspect")
                for path in (left, right):
                    week = "\n".join(f"• {escape(item)}" for item in path.typical_week) if path else ""
                    yield Static(week, classes="glance-cell")
            with Vertical(classes="glance-notes"):
                together = "\n".join(f"• {escape(item)}" for item in comparison.together)
                yield Static(f"[b]How they work together[/b]\n{together}")
                yield Static(f"[b]When one person does both[/b]\n{escape(comparison.blurring_risk)}")
                yield Static(sources_line(comparison.sources, comparison.as_of, comparison.confidence))
        yield Footer()
