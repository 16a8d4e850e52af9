"""The ``pathfinder`` command: the app with no arguments, headless commands for scripts otherwise.

Each sub-command lives in ``pathfinder/commands/<name>.py`` and exposes ``register(subparsers)``;
its handler returns an exit code. A ``PathfinderError`` becomes a clear message on stderr and exit 2.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from pathfinder import __version__
from pathfinder.errors import PathfinderError

EXIT_OK = 0
EXIT_BAD_INPUT = 2

SUBCOMMANDS = ("content", "plan", "report", "serve", "import", "posting", "help")


def textual_version() -> str:
    """Textual's installed version, read without importing Textual (keeps ``--version`` fast)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("textual")
    except PackageNotFoundError:
        return "not installed"


def build_parser() -> argparse.ArgumentParser:
    from pathfinder.commands import content, import_profile, plan, posting, report, serve

    parser = argparse.ArgumentParser(
        prog="pathfinder",
        description="Explore product and project management careers, compare your profile "
        "against each path and keep a plan. With no command (or a plan file), opens the app.",
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"Pathfinder {__version__} (Textual {textual_version()})",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in (content, plan, report, import_profile, posting, serve):
        module.register(subparsers)
    return parser


def print_error(error: PathfinderError) -> None:
    """A PathfinderError as a short panel on stderr: title, message, one line per problem."""
    from rich.console import Console
    from rich.panel import Panel
    from rich.text import Text

    from pathfinder.safe_text import printable

    console = Console(stderr=True, highlight=False)
    body = error.message
    if error.problems:
        body += "\n\n" + "\n".join(f"• {problem}" for problem in error.problems)
    # Text, not markup: messages quote TOML such as "[meta]", which Rich would swallow as a style tag;
    # no soft wrap, so long problem lines wrap inside the panel instead of being cut off.
    body, title = printable(body), printable(error.title)  # a file's text never reaches the terminal raw
    console.print(Panel(Text(body), title=title, title_align="left", border_style="red"))


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns (and exits with) the exit code."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    try:
        if not args_list or (args_list[0] not in SUBCOMMANDS and not args_list[0].startswith("-")):
            from pathfinder.commands.app import run_app

            code = run_app(args_list)
        else:
            parser = build_parser()
            args = parser.parse_args(args_list)
            handler = getattr(args, "handler", None)
            if handler is None:
                parser.print_help()
                code = EXIT_OK
            else:
                code = int(handler(args))
    except PathfinderError as error:
        print_error(error)
        code = EXIT_BAD_INPUT
    except KeyboardInterrupt:
        code = 130
    return code


def run() -> None:
    """Console-script wrapper that exits with ``main``'s code."""
    sys.exit(main())
