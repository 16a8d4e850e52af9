"""The process-wide CSS parse cache: reused for the same stylesheet and theme, never across themes."""

from __future__ import annotations

from textual.css.stylesheet import Stylesheet

from pathfinder.tui.compat.style_caches import share_css_parse_cache

CSS = "Static { color: $primary; }"


def parsed_color(variables: dict[str, str]) -> object:
    sheet = Stylesheet(variables=variables)
    sheet.add_source(CSS, read_from=("test.tcss", ""))
    sheet.parse()
    return sheet.rules[0].styles.color


def test_a_second_stylesheet_reuses_the_parse_and_a_new_theme_does_not() -> None:
    share_css_parse_cache()
    assert share_css_parse_cache() is False, "installing twice must be a no-op"
    red = Stylesheet(variables={"primary": "red"})
    red.add_source(CSS, read_from=("test.tcss", ""))
    red.parse()
    again = Stylesheet(variables={"primary": "red"})
    again.add_source(CSS, read_from=("test.tcss", ""))
    again.parse()
    assert again.rules[0] is red.rules[0]
    assert parsed_color({"primary": "blue"}) != parsed_color({"primary": "red"})
    assert str(parsed_color({"primary": "blue"})).startswith("Color(0, 0, 255")
