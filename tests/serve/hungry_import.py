"""A stand-in for the import checker with a bug that eats memory: it must die in its limits, alone."""

from __future__ import annotations

import sys

from pathfinder.serve.import_check import limit_self

if __name__ == "__main__":
    limit_self()
    sys.stdin.buffer.read()
    hoard = [bytearray(64 * 1024 * 1024) for _ in range(64)]  # 4 GiB, far beyond the 512 MiB limit
    sys.stdout.write('{"name": "never", "toml": ""}')
