"""A per-user cache of the validated catalog, so the app opens a plan quickly.

Validating the content takes ~70 ms; unpickling the already-validated models takes ~6 ms, plus building
the model classes (~25 ms). The cache file starts with a small summary in plain Python (the paths' names
and the content version) that is read without pydantic, so an opened plan can be painted before the
models are loaded. The cache key covers Pathfinder's and pydantic's installations, the content models'
source and every content file's path, size and modification time, so any edit (or upgrade) rebuilds it.
The cache lives in the user's own data directory; a missing, stale or unreadable cache is simply
rebuilt, never an error.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from dataclasses import dataclass, fields
from importlib.util import find_spec
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from pathfinder.catalog.files import content_files

if TYPE_CHECKING:
    from pathfinder.catalog.catalog import Catalog

CACHE_PREFIX = "catalog-"
MAPPING_FIELDS = ("paths", "skills", "categories", "certifications", "backgrounds", "resources", "overlaps")


@dataclass(frozen=True)
class ContentSummary:
    """What the first screen of an opened plan needs from the content, readable without pydantic."""

    version: str
    path_names: dict[str, str]
    """Career path id → name, in the content's order."""
    cache_file: Path | None = None
    """The cache file it was read from (loading the catalog then needs no second look at the content)."""


def _installed(module: str) -> str:
    """Where ``module`` is installed and when it changed, found without importing it."""
    spec = find_spec(module)
    origin = spec.origin if spec is not None else None
    if not origin:
        return f"{module}:missing"
    stat = Path(origin).stat()
    return f"{origin}:{stat.st_mtime_ns}:{stat.st_size}"


def cache_key(directory: Path) -> str:
    """A digest of everything the validated catalog depends on (computed without importing pydantic)."""
    from pathfinder import __version__

    models = Path(__file__).resolve().parent.parent / "catalog" / "models.py"
    model_stat = models.stat()  # a changed model (a development checkout) rebuilds too
    digest = hashlib.sha256(
        f"{__version__}|{_installed('pydantic')}|{_installed('pydantic_core')}|"
        f"{model_stat.st_mtime_ns}:{model_stat.st_size}|{directory}".encode()
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
    from pathfinder.catalog.catalog import Catalog

    for name in MAPPING_FIELDS:
        plain[name] = MappingProxyType(plain[name])
    return Catalog(**plain)


def summarise(catalog: Catalog) -> ContentSummary:
    return ContentSummary(
        version=catalog.meta.version, path_names={path.id: path.name for path in catalog.paths.values()}
    )


def _content_directory(content_dir: Path | None) -> Path:
    from pathfinder.catalog.catalog import default_content_dir

    return (content_dir or default_content_dir()).resolve()


def _cache_file(directory: Path, cache_dir: Path) -> Path:
    return cache_dir / f"{CACHE_PREFIX}{cache_key(directory)}.pickle"


def read_summary(content_dir: Path | None, cache_dir: Path) -> ContentSummary | None:
    """The summary stored with a current cache; None when there is none (load the catalog instead)."""
    try:
        cache_file = _cache_file(_content_directory(content_dir), cache_dir)
        with cache_file.open("rb") as stream:
            summary = pickle.load(stream)
        return ContentSummary(str(summary["version"]), dict(summary["path_names"]), cache_file)
    except Exception:
        return None


def load_catalog_cached(
    content_dir: Path | None, cache_dir: Path, known: ContentSummary | None = None
) -> Catalog:
    """The catalog of ``content_dir`` (None: the shipped content), from the cache when it is current
    (``known``: a summary just read from the current cache, whose file is then read without a new key)."""
    directory = _content_directory(content_dir)
    if known is not None and known.cache_file is not None:
        cache_file: Path | None = known.cache_file
    else:
        cache_file = _cache_file(directory, cache_dir) if directory.is_dir() else None
    if cache_file is not None:
        try:
            with cache_file.open("rb") as stream:
                pickle.load(stream)  # the summary
                return _from_plain(pickle.load(stream))
        except Exception:
            pass
    from pathfinder.catalog.loader import load_catalog  # only needed when the cache is missing or stale

    catalog = load_catalog(directory)  # a missing directory raises the loader's clear ContentError
    if cache_file is None:
        return catalog
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        for old in cache_dir.glob(f"{CACHE_PREFIX}*.pickle"):
            old.unlink(missing_ok=True)
        partial = cache_file.with_suffix(f".{os.getpid()}.tmp")
        summary = summarise(catalog)
        with partial.open("wb") as stream:
            pickle.dump({"version": summary.version, "path_names": summary.path_names}, stream)
            pickle.dump(_to_plain(catalog), stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(partial, cache_file)
    except OSError:
        pass  # a read-only data directory only costs speed
    return catalog
