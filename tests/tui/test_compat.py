"""The one door to Textual's internals: every private name Pathfinder uses is listed in
``pathfinder.tui.compat``, still exists in the installed Textual and Rich with the parameters used, and
is used nowhere else in ``pathfinder``."""

from __future__ import annotations

import importlib
import inspect
import re
from pathlib import Path
from typing import Any

import pytest

from pathfinder.tui.compat.private_names import PRIVATE_NAMES, PrivateName

PACKAGE = Path(__file__).resolve().parents[2] / "pathfinder"


def owner_of(use: PrivateName) -> Any:
    module_name, _, class_name = use.owner.partition(":")
    module = importlib.import_module(module_name)
    return getattr(module, class_name) if class_name else module


def fresh_instance(owner: type[Any]) -> Any:
    """An instance to look for data attributes on (set by the constructor)."""
    if owner.__name__ == "Option":
        return owner("an option")
    return owner()


def upgrade_note(use: PrivateName) -> str:
    return (
        f"{use.owner}.{use.name} changed in the installed Textual/Rich. Pathfinder uses it for: {use.why}. "
        f"Replace it with: {use.replace_with}; see pathfinder/tui/compat/."
    )


@pytest.mark.parametrize("use", PRIVATE_NAMES, ids=lambda use: f"{use.owner}.{use.name}")
def test_each_private_name_still_exists_with_the_parameters_used(use: PrivateName) -> None:
    owner = owner_of(use)
    if use.parameters is None and use.owner.startswith("textual.drivers.web_driver:"):
        # a web driver reads stdin when made: its constructors' code says what it sets
        sets = "".join(
            inspect.getsource(each.__init__) for each in owner.__mro__[:-1] if "__init__" in vars(each)
        )
        assert re.search(rf"self\.{use.name}\b[^=\n]*=", sets), upgrade_note(use)
    elif use.parameters is None:
        holder = owner if inspect.ismodule(owner) else fresh_instance(owner)
        assert hasattr(holder, use.name), upgrade_note(use)
    elif use.parameters == ("keyword",):
        assert use.name in inspect.signature(owner.__init__).parameters, upgrade_note(use)
    else:
        function = getattr(owner, use.name, None)
        assert callable(function), upgrade_note(use)
        assert tuple(inspect.signature(function).parameters) == use.parameters, upgrade_note(use)


def private_uses_outside_compat(package: Path = PACKAGE) -> list[str]:
    names = sorted({use.name for use in PRIVATE_NAMES if use.name.startswith("_")})
    used = re.compile(r"(?:\.|\bdef |\b)(" + "|".join(map(re.escape, names)) + r")\b")
    private_module = re.compile(r"\b(?:textual|rich)(?:\.\w+)*\._\w+")
    found = []
    compat = package / "tui" / "compat"
    for path in sorted(package.rglob("*.py")):
        if compat in path.parents:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("#", 1)[0]
            if used.search(code) or private_module.search(code):
                found.append(f"{path.relative_to(package.parent)}:{number}: {line.strip()}")
    return found


def test_no_module_outside_compat_touches_a_private_name_of_textual_or_rich() -> None:
    assert private_uses_outside_compat() == []


def test_the_check_finds_a_private_use(tmp_path: Path) -> None:
    """The scan sees a private module, a private attribute and an override outside compat, and nothing
    inside it (so its empty result above means something)."""
    (tmp_path / "tui" / "compat").mkdir(parents=True)
    (tmp_path / "tui" / "compat" / "door.py").write_text("driver = app._driver\n", encoding="utf-8")
    (tmp_path / "tui" / "screen.py").write_text(
        "from textual._context import active_app\n"
        "driver = self.app._driver  # a comment about _fatal_error is fine\n"
        "def _handle_exception(self, error): ...\n",
        encoding="utf-8",
    )
    assert [line.split(":")[1] for line in private_uses_outside_compat(tmp_path)] == ["1", "2", "3"]
