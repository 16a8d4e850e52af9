"""Career content: TOML files validated into models and cross-checked."""

from __future__ import annotations

from pathfinder.catalog.catalog import Catalog, default_content_dir

__all__ = ["Catalog", "default_content_dir"]
