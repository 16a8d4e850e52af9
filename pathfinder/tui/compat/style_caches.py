"""Textual's per-app style work, done once per process: parsing stylesheets, working out theme colours.

Textual parses an app's whole stylesheet twice while the app starts (its re-parse on the first theme
refresh fills a throw-away cache), again whenever a screen brings a stylesheet of its own, and afresh for
every App; it works out a theme's few hundred colour variables per App too. Each result depends only on its
inputs (the CSS text, where it was read from, its scope and the theme's variables; the theme's colours),
so one cache per process keyed by all of them is safe. The app installs both at start; the SSH host's fork
server installs them before it warms up, so every visitor's forked app inherits them filled.

Both wrap Textual internals of the pinned version and stand aside if those are missing, so a different
Textual only loses the speed-up.
"""

from __future__ import annotations

from typing import Any

MAX_ENTRIES = 4096


def share_css_parse_cache() -> bool:
    """Make Textual's per-stylesheet parse cache process-wide (keyed by the variables too)."""
    try:
        from textual.css.stylesheet import Stylesheet
    except ImportError:
        return False
    original = getattr(Stylesheet, "_parse_rules", None)
    if original is None or getattr(original, "_pathfinder_shared", False):
        return False
    shared: dict[tuple[Any, ...], Any] = {}
    variable_sets: dict[tuple[tuple[str, str], ...], int] = {}

    def variables_id(stylesheet: Any) -> int:
        """A small number for the stylesheet's variables, worked out once per variables dict (Textual
        replaces the dict when the theme changes; it never edits it in place)."""
        variables = stylesheet._variables
        known = stylesheet.__dict__.get("_pathfinder_variables")
        if known is None or known[0] is not variables:
            number = variable_sets.setdefault(tuple(sorted(variables.items())), len(variable_sets))
            known = stylesheet._pathfinder_variables = (variables, number)
        return int(known[1])

    def parse_rules(
        self: Any,
        css: str,
        read_from: Any,
        is_default_rules: bool = False,
        tie_breaker: int = 0,
        scope: str = "",
    ) -> Any:
        key = (css, read_from, is_default_rules, tie_breaker, scope, variables_id(self))
        cached = shared.get(key)
        if cached is not None:
            return cached
        rules = original(self, css, read_from, is_default_rules, tie_breaker, scope)
        if len(shared) < MAX_ENTRIES:
            shared[key] = rules
        return rules

    parse_rules._pathfinder_shared = True  # type: ignore[attr-defined]
    Stylesheet._parse_rules = parse_rules  # type: ignore[method-assign]
    return True


COLOR_FIELDS = ("primary", "secondary", "warning", "error", "success", "accent", "foreground", "background",
                "surface", "panel", "boost", "dark", "luminosity_spread", "text_alpha", "ansi")  # fmt: skip


def share_theme_colors() -> bool:
    """Remember the colour variables Textual generates from a theme (each App works them out again:
    about 1.5 ms); each caller gets its own copy of the dict."""
    try:
        from textual.design import ColorSystem
    except ImportError:
        return False
    original = getattr(ColorSystem, "generate", None)
    if original is None or getattr(original, "_pathfinder_shared", False):
        return False
    if not all(hasattr(ColorSystem("#000000"), name) for name in (*COLOR_FIELDS, "variables")):
        return False
    shared: dict[tuple[Any, ...], dict[str, str]] = {}

    def generate(self: Any) -> dict[str, str]:
        key = (*(getattr(self, name) for name in COLOR_FIELDS), tuple(sorted(self.variables.items())))
        cached = shared.get(key)
        if cached is None:
            cached = original(self)
            if len(shared) < MAX_ENTRIES:
                shared[key] = cached
        return dict(cached)

    generate._pathfinder_shared = True  # type: ignore[attr-defined]
    ColorSystem.generate = generate  # type: ignore[method-assign]
    return True
