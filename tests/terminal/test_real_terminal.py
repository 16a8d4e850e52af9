"""The installed ``pathfinder`` in a real terminal (tmux, 80x24), driven by keys as a person would.

Each test types the console script into a shell, reads the screen after every step, and checks what a
person would notice: the screens, the saved plan file, the error for a broken file, and the shell coming
back intact after quitting.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from tmux_terminal import PROMPT, Terminal

from pathfinder.plan.store import load_plan

pytestmark = pytest.mark.terminal

DATA = Path(__file__).resolve().parent.parent / "data" / "terminal"
BORDERS = " │┃▊▎▌▐█▀▄╭╮╰╯─"


def flattened(screen: str) -> str:
    """The screen's text with borders and line breaks removed, so wrapped paths read whole."""
    return "".join(line.strip(BORDERS) for line in screen.splitlines())


def assert_shell_restored(terminal: Terminal) -> None:
    """The app exited with 0 and left the terminal as it found it: main screen, no mouse mode, cursor on."""
    terminal.wait_for_pattern(r"^pathfinder-exit=0$", "the app's exit code")
    screen = terminal.wait_until(lambda text: text.rstrip().endswith(PROMPT.strip()), "the shell prompt")
    assert "Pathfinder —" not in screen, f"the app's screen was left behind:\n{screen}"
    assert terminal.pane("alternate_on") == "0", "the terminal is still on the alternate screen"
    assert terminal.pane("mouse_any_flag") == "0", "mouse reporting was left on"
    assert terminal.pane("cursor_flag") == "1", "the cursor was left hidden"
    assert terminal.pane("pane_current_command") == "sh"


def test_new_profile_journey_saves_a_plan_that_loads(terminal: Terminal) -> None:
    """Welcome → new profile → a role → a skill rating → a target → ctrl+s → ctrl+q → the file loads."""
    terminal.launch()
    terminal.wait_for("What would you like to do?", "the welcome screen")
    terminal.wait_for("No plans yet", "the saved-plans list (content loaded)")

    terminal.type("n")
    terminal.wait_for("Your roles", "the background step")
    terminal.settle()
    terminal.press("Tab", "Tab")  # the role list → the background picker → the job title
    terminal.settle()
    terminal.type("Team lead")
    terminal.wait_for("Job title Team lead")
    terminal.settle()
    terminal.press("Tab")
    terminal.settle()
    terminal.type("2018-01")
    terminal.wait_for("Start 2018-01")
    terminal.press("Enter")
    terminal.wait_for("Team lead (2018-01 →", "the saved role in the list")

    terminal.press("C-n")
    terminal.wait_for("Your degrees", "the education step")
    terminal.settle()
    terminal.press("C-n")
    terminal.wait_for("Certifications you hold", "the certifications step")
    terminal.settle()
    terminal.press("C-n")
    terminal.wait_for("skills rated above 0", "the skills step")
    terminal.settle()
    terminal.type("/")  # to the filter
    terminal.settle()
    terminal.type("sql")
    terminal.wait_for_pattern(r"^ sql\s*$", "the typed filter")
    terminal.wait_until(lambda screen: "Strategy and vision" not in screen, "the list filtered to SQL")
    terminal.press("Enter")  # back to the list, on SQL
    terminal.settle()
    terminal.type("3")
    terminal.wait_for_pattern(r"SQL\s+●●●○ 3", "SQL rated 3")
    terminal.wait_for("1 of 61 skills rated above 0")

    terminal.press("C-n")
    terminal.wait_for("Fit score", "the compare step")
    terminal.settle()
    terminal.press("C-n")
    terminal.wait_for("choose your target path", "the plan step")
    terminal.settle()
    terminal.press("Enter")  # open the target picker
    terminal.wait_for("Technical program manager", "the list of paths")
    terminal.press("Enter")  # the list opens on its first path: Product manager
    terminal.wait_for_pattern(r"Target Product manager.*\d+ done · \d+ skipped of \d+", "the generated steps")
    terminal.settle()

    terminal.press("C-s")
    terminal.wait_for("Save plan as", "the save dialog")
    terminal.wait_for("product-manager-plan.toml", "the suggested file name")
    terminal.settle()
    terminal.press("Enter")
    terminal.wait_for("product-manager-plan.toml", "the title naming the saved file")
    terminal.wait_until(lambda screen: "Save plan as" not in screen and "unsaved" not in screen, "the save")

    terminal.press("C-q")
    assert_shell_restored(terminal)

    saved = terminal.plan_dir / "product-manager-plan.toml"
    assert saved.is_file(), f"no plan in {terminal.plan_dir}: {sorted(terminal.plan_dir.iterdir())}"
    loaded = load_plan(saved)
    assert loaded.kind == "plan"
    plan = loaded.plan
    assert plan.target == "product-manager"
    assert [(role.title, role.start, role.end) for role in plan.profile.roles] == [
        ("Team lead", "2018-01", None)
    ]
    assert plan.profile.skills.get("sql") == 3
    assert plan.steps, "the saved plan has no steps"
    assert plan.history, "saving did not record the fit scores"


def test_broken_plan_shows_file_and_line_without_a_traceback(terminal: Terminal) -> None:
    """``pathfinder BROKEN.toml``: an error naming the file and line 4, no traceback; the shell comes back."""
    broken = terminal.root / "broken.toml"
    shutil.copyfile(DATA / "broken-plan.toml", broken)
    original = broken.read_bytes()
    terminal.launch(str(broken))
    screen = terminal.wait_until(lambda text: "broken.toml:4" in flattened(text), "the file and line")
    assert "not valid TOML" in flattened(screen)
    assert "Traceback" not in screen
    terminal.settle()
    terminal.press("Enter")  # close the error
    terminal.wait_for("What would you like to do?", "the welcome screen after the error")
    terminal.settle()
    terminal.press("C-q")
    assert_shell_restored(terminal)
    assert "Traceback" not in terminal.screen()
    assert broken.read_bytes() == original, "the broken file was changed"


def opened(name: str) -> Callable[[str], bool]:
    """A check of the screen: the plan file ``name`` is open (in the title) and no dialog is over it."""
    return lambda screen: f"Pathfinder — {name}" in screen and "Open a plan" not in screen


def test_switching_plans_back_and_forth_keeps_the_app_running(terminal: Terminal) -> None:
    """`pathfinder A.toml`, ctrl+o B, ctrl+o A, quit: the app ran throughout and exits with 0 (switching
    plans used to crash it with DuplicateIds and exit 0 all the same)."""
    sample = Path(__file__).resolve().parent.parent / "data" / "tui" / "plans" / "sample-plan.toml"
    first, second = terminal.root / "first.toml", terminal.root / "second.toml"
    shutil.copyfile(sample, first)
    second.write_text(
        sample.read_text(encoding="utf-8").replace('target = "project-manager"', 'target = "product-manager"')
    )
    terminal.launch(str(first))
    terminal.wait_for("Pathfinder — first.toml", "plan A in the title")
    for path, name in ((second, "second.toml"), (first, "first.toml")):
        terminal.settle()
        terminal.press("C-o")
        terminal.wait_for("Open a plan", "the open dialog")
        terminal.type(str(path))
        terminal.press("Enter")
        terminal.wait_until(opened(name), f"{name} open")
    terminal.settle()
    terminal.press("C-q")
    assert_shell_restored(terminal)


def test_an_unexpected_error_exits_70_with_the_traceback_in_the_log(terminal: Terminal) -> None:
    """A bug (simulated in the help action) ends the app with a short note, exit status 70, and the whole
    traceback in the log file the note names."""
    script = (
        "import sys; import pathfinder.tui.app as a; from pathfinder.commands.app import run_app; "
        "a.PathfinderApp.action_help = lambda self: 1 / 0; sys.exit(run_app([]))"
    )
    terminal.type(f'{Path(sys.executable)} -c "{script}"; echo pathfinder-exit=$?')
    terminal.press("Enter")
    terminal.wait_for("What would you like to do?", "the welcome screen")
    terminal.settle()
    terminal.press("F1")
    terminal.wait_for_pattern(r"^pathfinder-exit=70$", "exit status 70")
    screen = flattened(terminal.screen())
    assert "unexpected error" in screen and "ZeroDivisionError" in screen
    logs = list(terminal.pathfinder_home.rglob("pathfinder.log")) + list(
        terminal.home.rglob("pathfinder.log")
    )
    assert logs, "no log file was written"
    log = logs[0].read_text(encoding="utf-8")
    assert "Traceback" in log and "ZeroDivisionError: division by zero" in log


def test_a_broken_config_is_explained_and_a_chosen_theme_is_kept(terminal: Terminal) -> None:
    """A config.toml that is not valid TOML: the app starts (defaults), names the file and line, and
    leaves the file alone. Without it, a theme chosen in the palette is written to config.toml."""
    config = terminal.pathfinder_home / "config" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text('# mine\ntheme = "light\n', encoding="utf-8")
    terminal.launch()
    terminal.wait_for("What would you like to do?", "the welcome screen")
    screen = terminal.wait_until(lambda text: "config.toml:2" in flattened(text), "the file and line")
    assert "Traceback" not in screen
    terminal.settle()
    terminal.press("C-q")
    assert_shell_restored(terminal)
    assert config.read_text(encoding="utf-8") == '# mine\ntheme = "light\n', "the broken config was changed"

    config.unlink()
    terminal.launch()
    terminal.wait_for("What would you like to do?", "the welcome screen")
    terminal.settle()
    terminal.press("C-p")
    terminal.wait_for("Search for commands", "the command palette")
    terminal.type("Theme: high")
    terminal.wait_for("Theme: high contrast", "the theme command")
    terminal.settle()
    terminal.press("Enter")
    terminal.wait_until(lambda _: config.is_file(), "the config file")
    terminal.settle()
    terminal.press("C-q")
    assert_shell_restored(terminal)
    assert 'theme = "high-contrast"' in config.read_text(encoding="utf-8")
