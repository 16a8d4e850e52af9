"""Each stylesheet parsed once per process.

Textual parses the app's whole stylesheet twice while an app starts (its re-parse on the first theme
refresh fills a throw-away cache) and again whenever a screen brings a stylesheet of its own. A parse
depends only on the CSS text, where it was read from, its scope and the theme's variables, so one cache
keyed by all of those is safe; it also lets every app forked by the SSH host reuse its fork server's.
"""

from __future__ import annotations

from typing import Any

MAX_ENTRIES = 4096


def share_css_parse_cache() -> bool:
    """Make Textual's per-stylesheet parse cache process-wide (keyed by the variables too).

    Returns True when installed now, False when already installed (or Textual lacks the hook).
    """
    try:
        from textual.css.stylesheet import Stylesheet
    except ImportError:
        return False
    original = getattr(Stylesheet, "_parse_rules", None)
    if original is None or getattr(original, "_pathfinder_shared", False):
        return False
    shared: dict[tuple[Any, ...], Any] = {}

    def parse_rules(
        self: Any,
        css: str,
        read_from: Any,
        is_default_rules: bool = False,
        tie_breaker: int = 0,
        scope: str = "",
    ) -> Any:
        variables = tuple(sorted(self._variables.items()))
        key = (css, read_from, is_default_rules, tie_breaker, scope, variables)
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
