"""Layering: only ``pathfinder.tui`` may import Textual; the engine and models stay UI-free.

The import-linter contracts in ``pyproject.toml`` read the static import graph (deferred imports
included); these tests check it with ``lint-imports`` and run the real imports in a subprocess, which is
the only way to see that a deferred import really defers.
"""

from __future__ import annotations

import ast
import pkgutil
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import pathfinder

ROOT = Path(__file__).resolve().parent.parent
UI_PACKAGES = ("pathfinder.tui", "pathfinder.commands.app")
"""Every other module, the SSH host's included, imports without loading Textual: the host reaches the
UI (``pathfinder.tui.hosting``) only inside the functions that start an app."""


def non_ui_modules() -> list[str]:
    names = [
        info.name
        for info in pkgutil.walk_packages(pathfinder.__path__, prefix="pathfinder.")
        if not info.name.startswith(UI_PACKAGES) and info.name != "pathfinder.__main__"
    ]
    return sorted(names)


def loaded_after_importing(modules: list[str], prefixes: tuple[str, ...]) -> list[str]:
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {prefixes!r}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    return list(ast.literal_eval(result.stdout.strip()))


def test_no_module_outside_the_ui_loads_textual_when_imported() -> None:
    """Importing every non-UI module (the SSH host's too) leaves Textual unloaded."""
    modules = non_ui_modules()
    assert {"pathfinder.engine", "pathfinder.catalog.models", "pathfinder.serve.zygote"} <= set(modules)
    assert loaded_after_importing(modules, ("textual",)) == []


@pytest.mark.parametrize(
    "statement",
    ["pathfinder.catalog.loader", "pathfinder.engine", "pathfinder.plan.store", "pathfinder.engine.history"],
)
def test_the_model_and_engine_layers_load_no_terminal_library(statement: str) -> None:
    """Below the renderers nothing draws: neither Textual nor Rich is loaded."""
    assert loaded_after_importing([statement], ("textual", "rich")) == []


def test_import_linter_contracts_are_kept() -> None:
    """``lint-imports`` (as .ci/run runs it): the catalog, engine, plan, host and Textual contracts."""
    lint_imports = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert lint_imports is not None, "import-linter is missing: pip install -e '.[test]'"
    result = subprocess.run([lint_imports], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert " kept, 0 broken." in result.stdout, result.stdout
