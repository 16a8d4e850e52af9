"""`pathfinder content`: check the career content, list what it holds, and print the PM comparison.

``check`` exits 0 with a one-line summary, or 2 with every problem listed on stderr. ``list`` prints a
table or stable JSON. ``sources`` lists every cited domain with the facts that rest on it. ``compare``
prints the product-vs-project comparison as a table or as Markdown.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pathfinder.commands.common import add_command_group

if TYPE_CHECKING:
    from rich.console import Console

    from pathfinder.catalog.catalog import Catalog
    from pathfinder.catalog.models import CareerPath

Row = dict[str, Any]
Column = tuple[str, int | None, Callable[[Row], str]]
KINDS = ("paths", "skills", "categories", "certifications", "backgrounds", "degrees", "resources")
"""What ``content list`` can list (``pathfinder.catalog.listing.LISTINGS``; kept here so ``--help`` stays
cheap: the catalog and pydantic are imported only when a command runs)."""


def _joined(values: list[str]) -> str:
    return ", ".join(values) if values else "—"


def _best_paths(row: Row) -> str:
    scores: dict[str, int] = row["affinities"]
    top = max(scores.values(), default=0)
    return _joined([path for path, score in scores.items() if score == top]) + f" ({top}/5)"


TEXT_COLUMNS: dict[str, list[Column]] = {
    "paths": [
        ("id", None, lambda row: row["id"]),
        ("name", 1, lambda row: row["name"]),
        ("skills", None, lambda row: str(len(row["skills"]))),
        ("certifications", 2, lambda row: _joined(row["certifications"])),
    ],
    "skills": [
        ("id", None, lambda row: row["id"]),
        ("name", 1, lambda row: row["name"]),
        ("category", 1, lambda row: row["category_name"]),
    ],
    "categories": [
        ("id", None, lambda row: row["id"]),
        ("name", 1, lambda row: row["name"]),
        ("skills", None, lambda row: str(len(row["skills"]))),
    ],
    "certifications": [
        ("id", None, lambda row: row["id"]),
        ("name", 2, lambda row: row["short_name"]),
        ("issuer", 3, lambda row: row["issuer"]),
        ("prerequisites", None, lambda row: "yes" if row["prerequisites"] else "none"),
    ],
    "backgrounds": [
        ("id", None, lambda row: row["id"]),
        ("name", 1, lambda row: row["name"]),
        ("closest paths", 1, _best_paths),
    ],
    "degrees": [
        ("id", None, lambda row: row["id"]),
        ("name", 1, lambda row: row["name"]),
        ("kind", 1, lambda row: row["kind"] + (f" (rank {row['rank']})" if row["kind"] == "level" else "")),
    ],
    "resources": [
        ("id", None, lambda row: row["id"]),
        ("title", 3, lambda row: row["name"]),
        ("kind", None, lambda row: row["kind"]),
        ("cost", None, lambda row: row["cost"]),
    ],
}
"""Table columns per kind: header, share of the spare width (None: as wide as its content), cell."""


def register(subparsers: Any) -> None:
    """Add ``content check|list|sources|compare`` to the ``pathfinder`` parser."""
    actions = add_command_group(
        subparsers,
        "content",
        "content_command",
        help="check, list and compare the career content",
        description="Check, list and compare the career content.",
    )

    check = actions.add_parser("check", help="validate a content directory (default: the shipped content)")
    check.add_argument("directory", nargs="?", type=Path, metavar="DIR", help="content directory to check")
    check.set_defaults(handler=run_check)

    listing = actions.add_parser("list", help="list paths, skills, certifications, backgrounds or degrees")
    listing.add_argument("kind", nargs="?", default="paths", choices=KINDS, help="what to list")
    listing.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    listing.add_argument("--content", type=Path, metavar="DIR", help="content directory (default: shipped)")
    listing.set_defaults(handler=run_list)

    sources = actions.add_parser(
        "sources", help="every cited domain: how many facts rest on it, with which confidence"
    )
    sources.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    sources.add_argument("--content", type=Path, metavar="DIR", help="content directory (default: shipped)")
    sources.set_defaults(handler=run_sources)

    compare = actions.add_parser("compare", help="product manager vs project manager, side by side")
    compare.add_argument("--format", choices=("text", "markdown"), default="text", help="output format")
    compare.add_argument("--content", type=Path, metavar="DIR", help="content directory (default: shipped)")
    compare.set_defaults(handler=run_compare)


def _stdout_console() -> Console:
    from rich.console import Console

    return Console(highlight=False, soft_wrap=False)


def _load(directory: Path | None) -> Catalog:
    from pathfinder.catalog.loader import load_catalog

    return load_catalog(directory)


def run_check(args: argparse.Namespace) -> int:
    """Validate the content; every problem goes to stderr via ``ContentError`` (exit 2)."""
    from pathfinder.catalog.checks import ARRAY_KINDS

    catalog = _load(args.directory)
    counts = ", ".join(f"{len(getattr(catalog, name))} {name}" for name in ARRAY_KINDS.values())
    meta = catalog.meta
    print(f"Content OK ({catalog.directory}, version {meta.version}, as of {meta.as_of}): {counts}")
    return 0


def run_list(args: argparse.Namespace) -> int:
    """Print one kind of entity as a table or as JSON (a list of objects with ``id`` and ``name``)."""
    from pathfinder.catalog.listing import LISTINGS

    catalog = _load(args.content)
    rows = LISTINGS[args.kind](catalog)
    if args.format == "json":
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return 0
    from rich.table import Table

    table = Table(title=f"{args.kind.capitalize()} ({len(rows)})", title_justify="left", expand=True)
    for header, ratio, _ in TEXT_COLUMNS[args.kind]:
        # Columns without a ratio (ids, counts) keep their full width: an id is never split across lines.
        table.add_column(header, ratio=ratio, overflow="fold", no_wrap=ratio is None)
    for row in rows:
        table.add_row(*(cell(row) for _, _, cell in TEXT_COLUMNS[args.kind]))
    _stdout_console().print(table)
    return 0


def sources_text(rows: list[Row], fact_count: int) -> str:
    """The evidence table as plain text: one line per domain, widest domain first column."""
    width = max((len(row["domain"]) for row in rows), default=6)
    lines = [
        f"{len(rows)} domains cited by {fact_count} facts "
        "(a fact citing several domains counts once for each; issuer: the domain is the issuer's own)",
        "",
        f"{'domain':<{width}}  facts  official  secondary  unconfirmed  issuer",
    ]
    for row in rows:
        labels = row["labels"]
        counts = f"{row['facts']:>5}  {labels['official']:>8}  {labels['secondary']:>9}  "
        counts += f"{labels['unconfirmed']:>11}"
        lines.append(f"{row['domain']:<{width}}  {counts}  {row['issuer'] or '—'}")
    return "\n".join(lines) + "\n"


def run_sources(args: argparse.Namespace) -> int:
    """Print every domain the content cites, how many facts rest on it and their confidence labels."""
    from pathfinder.catalog.evidence import catalog_facts, domain_evidence

    catalog = _load(args.content)
    rows = [entry.row() for entry in domain_evidence(catalog)]
    if args.format == "json":
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return 0
    print(sources_text(rows, sum(1 for _ in catalog_facts(catalog))), end="")
    return 0


def compared_paths(catalog: Catalog) -> tuple[CareerPath, CareerPath]:
    """The two paths the comparison sets side by side (product manager, project manager)."""
    return catalog.paths[catalog.comparison.left], catalog.paths[catalog.comparison.right]


def comparison_rows(catalog: Catalog) -> list[tuple[str, str, str]]:
    """(aspect, left side, right side) rows: goal and focus of both paths, the aspects, a typical week."""
    comparison = catalog.comparison
    left, right = compared_paths(catalog)

    def week(path: CareerPath) -> str:
        return "\n".join(f"• {item}" for item in path.typical_week)

    rows = [("Goal, in short", left.goal, right.goal), ("Focus, in short", left.focus, right.focus)]
    rows += [(aspect.title, aspect.product, aspect.project) for aspect in comparison.aspects]
    # The paths' own week lists; when the comparison already sums up the week, these are its detail.
    summed_up = any(aspect.id == "typical-week" for aspect in comparison.aspects)
    rows.append(("A typical week, in detail" if summed_up else "A typical week", week(left), week(right)))
    return rows


def _sources_line(catalog: Catalog) -> str:
    comparison = catalog.comparison
    return f"Sources (as of {comparison.as_of}, {comparison.confidence}): " + "; ".join(comparison.sources)


def comparison_markdown(catalog: Catalog) -> str:
    """The comparison as printable Markdown: a table, then how the roles work together and the risk."""
    from pathfinder.render.markdown import cell

    comparison = catalog.comparison
    left, right = compared_paths(catalog)
    lines = [f"# {comparison.title}", "", comparison.intro, ""]
    lines += [f"| | {cell(left.name)} | {cell(right.name)} |", "|---|---|---|"]
    lines += [f"| **{cell(a)}** | {cell(b)} | {cell(c)} |" for a, b, c in comparison_rows(catalog)]
    lines += ["", "## Working together", ""]
    lines += [f"- {item}" for item in comparison.together]
    lines += ["", "## When one person holds both roles", "", comparison.blurring_risk, ""]
    lines += [_sources_line(catalog), ""]
    return "\n".join(lines)


def run_compare(args: argparse.Namespace) -> int:
    """Print the product-vs-project comparison side by side."""
    catalog = _load(args.content)
    if args.format == "markdown":
        print(comparison_markdown(catalog), end="")
        return 0
    from rich.markup import escape
    from rich.table import Table

    comparison = catalog.comparison
    left, right = compared_paths(catalog)
    console = _stdout_console()
    console.print(f"[bold]{escape(comparison.title)}[/bold]\n")
    console.print(escape(comparison.intro))
    table = Table(show_lines=True, expand=True)
    table.add_column("", style="bold", width=15, overflow="fold")
    table.add_column(left.name, ratio=3)
    table.add_column(right.name, ratio=3)
    for aspect, left_text, right_text in comparison_rows(catalog):
        table.add_row(escape(aspect), escape(left_text), escape(right_text))
    console.print(table)
    console.print("\n[bold]Working together[/bold]")
    for item in comparison.together:
        console.print(f"• {escape(item)}")
    console.print("\n[bold]When one person holds both roles[/bold]")
    console.print(escape(comparison.blurring_risk))
    console.print(f"\n[dim]{escape(_sources_line(catalog))}[/dim]")
    return 0
