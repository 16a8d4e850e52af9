"""The help screen (F1 or ?): what Pathfinder does and every key that matters."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

HELP = """\
# Pathfinder keys

Pathfinder compares your profile with six career paths (product manager, project manager and their
neighbours), explains every score, and keeps a plan you can save as a TOML file.

| Everywhere | |
|---|---|
| `F1` or `?` | this help |
| `ctrl+p` | command palette: jump to a step, save, open, export, switch theme |
| `ctrl+s` | save the plan (asks for a name the first time) |
| `ctrl+o` | open a plan file |
| `ctrl+q` | quit (asks first if there are unsaved changes) |
| `tab` / `shift+tab` | move between fields; the mouse works too |

| Wizard | |
|---|---|
| `ctrl+n` / `ctrl+b` | next step (checks this one first) / previous step |
| `F2`–`F7` | jump to Background, Education, Certifications, Skills, Compare, Plan |
| `ctrl+t` / `ctrl+r` | add / remove a role, degree or certification |
| `enter` | save the form (in a field) or open an item (in a list) |
| `ctrl+g` | back to the welcome screen |

| Skills | |
|---|---|
| type in the filter | narrow the list; `↓` or `enter` moves to the list; `/` back to the filter |
| `0`–`4`, `←` / `→` | rate the highlighted skill (0 none, 1 aware, 2 working, 3 proficient, 4 expert) |
| `a` / `A` | accept the suggested rating / all suggestions |

| Compare | |
|---|---|
| `enter` on a number | why: the components, weights, skills that counted, and the sources |

| Plan | |
|---|---|
| `space` | change status: todo → doing → done → skipped |
| `e` or `enter` | edit the step (title, status, due date, notes) |
| `a` / `x` | add a custom step / remove a step |
| `⇧↑` / `⇧↓` (or `K` / `J`) | move the step up / down |

Your work is autosaved as a draft while you edit; if Pathfinder stops unexpectedly, the draft is
offered back next time. Press `escape` to close this help.
"""


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,f1,question_mark", "app.pop_screen", "Close", id="help-close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog help-dialog"):
            yield Markdown(HELP)
