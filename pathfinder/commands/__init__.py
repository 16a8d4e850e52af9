"""Sub-commands of the ``pathfinder`` CLI: one module each, each with ``register(subparsers)``."""
