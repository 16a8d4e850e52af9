"""Start-up stays light: the App and the welcome screen import no pydantic, TOML writer, catalog,
engine or plan store (they load when first needed), so first paint stays close to a bare Textual app."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("pydantic", "tomli_w", "pathfinder.catalog", "pathfinder.engine", "pathfinder.plan")


def test_the_app_module_imports_nothing_heavy() -> None:
    code = (
        "import sys\n"
        "import pathfinder.commands.app, pathfinder.tui, pathfinder.tui.app, pathfinder.tui.screens.welcome\n"
        f"print(sorted(m for m in sys.modules if m.startswith({HEAVY!r})))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "[]"
