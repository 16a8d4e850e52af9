"""A stand-in for the import checker with a bug that answers without end: the server stops listening."""

from __future__ import annotations

import sys

from pathfinder.serve.import_check import limit_self

if __name__ == "__main__":
    limit_self()
    sys.stdin.buffer.read()
    sys.stdout.write('{"name": "never", "toml": "' + "x" * (64 * 1024 * 1024))
