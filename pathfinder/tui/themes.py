"""Pathfinder's themes: dark, light and high-contrast, registered on the App at start."""

from __future__ import annotations

from textual.theme import Theme

DARK = Theme(
    name="pathfinder-dark",
    primary="#5FA8D3",
    secondary="#9A8CD6",
    accent="#F2B134",
    warning="#F2B134",
    error="#E5534B",
    success="#57AB5A",
    foreground="#E6EDF3",
    background="#14181F",
    surface="#1C222B",
    panel="#252D38",
    dark=True,
)

LIGHT = Theme(
    name="pathfinder-light",
    primary="#1F6FB2",
    secondary="#6A4FB3",
    accent="#B25E00",
    warning="#9A6700",
    error="#C62828",
    success="#1A7F37",
    foreground="#1F2328",
    background="#F6F8FA",
    surface="#FFFFFF",
    panel="#E7ECF2",
    dark=False,
)

HIGH_CONTRAST = Theme(
    name="pathfinder-high-contrast",
    primary="#FFFF00",
    secondary="#00FFFF",
    accent="#FF9900",
    warning="#FFCC00",
    error="#FF5555",
    success="#00FF66",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#1A1A1A",
    boost="#333333",
    dark=True,
    luminosity_spread=0.3,
    text_alpha=1.0,
    variables={
        "block-cursor-background": "#FFFF00",
        "block-cursor-foreground": "#000000",
        "block-cursor-text-style": "bold",
        "input-selection-background": "#FFFF00 60%",
        "footer-key-foreground": "#FFFF00",
    },
)

THEMES: tuple[Theme, ...] = (DARK, LIGHT, HIGH_CONTRAST)
DEFAULT_THEME = DARK.name
