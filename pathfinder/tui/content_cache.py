"""A per-user cache of the validated catalog, so the app opens a plan quickly.

Validating the content takes ~70 ms; unpickling the already-validated models takes ~6 ms. The cache
key covers Pathfinder's and pydantic's versions and every content file's path, size and modification
time, so any edit (or upgrade) rebuilds it. The cache lives in the user's own data directory; a
missing, stale or unreadable cache is simply rebuilt, never an error.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from dataclasses import fields
from pathlib import Path
from types import MappingProxyType
from typing import Any

from pathfinder.catalog.catalog import Catalog, default_content_dir
from pathfinder.catalog.files import content_files

CACHE_PREFIX = "catalog-"
MAPPING_FIELDS = ("paths", "skills", "categories", "certifications", "backgrounds", "resources")


def cache_key(directory: Path) -> str:
    """A digest of everything the validated catalog depends on."""
    from pydantic import VERSION

    import pathfinder.catalog.models as models
    from pathfinder import __version__

    model_stat = Path(models.__file__).stat()  # a changed model (a development checkout) rebuilds too
    digest = hashlib.sha256(
        f"{__version__}|{VERSION}|{model_stat.st_mtime_ns}:{model_stat.st_size}|{directory}".encode()
    )
    for file in content_files(directory):
        stat = file.stat()
        digest.update(f"|{file.relative_to(directory).as_posix()}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:24]


def _to_plain(catalog: Catalog) -> dict[str, Any]:
    plain = {field.name: getattr(catalog, field.name) for field in fields(catalog)}
    for name in MAPPING_FIELDS:
        plain[name] = dict(plain[name])
    return plain


def _from_plain(plain: dict[str, Any]) -> Catalog:
    for name in MAPPING_FIELDS:
        plain[name] = MappingProxyType(plain[name])
    return Catalog(**plain)


def load_catalog_cached(content_dir: Path | None, cache_dir: Path) -> Catalog:
    """The catalog of ``content_dir`` (None: the shipped content), from the cache when it is current."""
    from pathfinder.catalog.loader import load_catalog  # only needed when the cache is missing or stale

    directory = (content_dir or default_content_dir()).resolve()
    if not directory.is_dir():
        return load_catalog(directory)  # raises the loader's clear ContentError
    cache_file = cache_dir / f"{CACHE_PREFIX}{cache_key(directory)}.pickle"
    try:
        with cache_file.open("rb") as stream:
            return _from_plain(pickle.load(stream))
    except Exception:
        pass
    catalog = load_catalog(directory)
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        for old in cache_dir.glob(f"{CACHE_PREFIX}*.pickle"):
            old.unlink(missing_ok=True)
        partial = cache_file.with_suffix(f".{os.getpid()}.tmp")
        partial.write_bytes(pickle.dumps(_to_plain(catalog), protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(partial, cache_file)
    except OSError:
        pass  # a read-only data directory only costs speed
    return catalog
