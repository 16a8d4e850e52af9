"""Layering: only ``pathfinder.tui`` may import Textual; the engine and models stay UI-free."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import pathfinder

UI_PACKAGES = ("pathfinder.tui", "pathfinder.serve", "pathfinder.commands.app")


def non_ui_modules() -> list[str]:
    names = [
        info.name
        for info in pkgutil.walk_packages(pathfinder.__path__, prefix="pathfinder.")
        if not info.name.startswith(UI_PACKAGES) and info.name != "pathfinder.__main__"
    ]
    return sorted(names)


def test_no_layer_below_the_ui_imports_textual() -> None:
    """Importing every non-UI module leaves Textual unloaded."""
    modules = non_ui_modules()
    assert "pathfinder.engine" in modules and "pathfinder.catalog.models" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "[]", result.stdout
