"""``python -m pathfinder``: the same as the ``pathfinder`` command."""

from pathfinder.cli import run

run()
