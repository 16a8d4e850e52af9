"""`pathfinder plan`: placeholder until its issue lands."""

from __future__ import annotations

import argparse
from typing import Any


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser("plan", help="(not yet available)")
    parser.set_defaults(handler=lambda args: 2)
