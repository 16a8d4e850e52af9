"""Reports for people and scripts: Rich text for the terminal, printable Markdown, and stable JSON.

All three show the same things: the ranked paths with their score breakdowns, strengths and top gaps,
every certification's status, and the sources and dates behind the figures shown.
"""

from __future__ import annotations

from pathfinder.render.json_report import REPORT_FORMAT, render_json, report_json
from pathfinder.render.markdown import render_markdown
from pathfinder.render.text import render_text

__all__ = ["REPORT_FORMAT", "render_json", "render_markdown", "render_text", "report_json"]
