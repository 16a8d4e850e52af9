"""The App's content: the career catalog, loaded on first use (off the UI thread), or right after the first
frame when an opened plan was painted from the content's cached summary.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING

from pathfinder.tui.compat import CrashHooks
from pathfinder.tui.screens.welcome import OpeningScreen, WelcomeScreen

if TYPE_CHECKING:
    from pathfinder.catalog.catalog import Catalog
    from pathfinder.errors import PathfinderError
    from pathfinder.tui.content_cache import ContentSummary


class ContentApp(CrashHooks):
    """Holds the catalog and how it loads; :class:`pathfinder.tui.core.PathfinderCore` builds on it."""

    def _init_content(self, data_dir: Path, content_dir: Path | None, catalog: Catalog | None) -> None:
        self.data_dir = data_dir
        self.content_dir = content_dir
        self._catalog: Catalog | None = catalog
        self._catalog_deferred = False
        """An opened plan was painted from the content's summary; the catalog loads on first use."""
        self.content_summary: ContentSummary | None = None
        self.content_error: PathfinderError | None = None
        self.catalog_ready = asyncio.Event()
        self._loading_started = False

    def show_error(self, error: PathfinderError) -> None:
        from pathfinder.tui.screens.dialogs import ErrorScreen

        def closed(_: None) -> None:
            if isinstance(self.screen, OpeningScreen):
                self.push_screen(WelcomeScreen())

        self.push_screen(ErrorScreen(error), closed)

    @property
    def catalog(self) -> Catalog | None:
        """The career content (None until loaded, or if it failed to load: see ``content_error``)."""
        if self._catalog is None and self._catalog_deferred:
            self._catalog_deferred = False
            self._load_catalog_now()
        return self._catalog

    @catalog.setter
    def catalog(self, catalog: Catalog | None) -> None:
        self._catalog = catalog

    def path_names(self) -> dict[str, str]:
        """Career path id → name, from the content or, before it has loaded, from its summary."""
        if self._catalog is None and self.content_summary is not None:
            return self.content_summary.path_names
        catalog = self.catalog
        return {path.id: path.name for path in catalog.paths.values()} if catalog is not None else {}

    def _read_content_summary(self) -> bool:
        """Whether the content's cached summary was found (the catalog then loads after the first frame)."""
        from pathfinder.tui.content_cache import read_summary

        self.content_summary = read_summary(self.content_dir, self.data_dir / "cache")
        self._catalog_deferred = self.content_summary is not None
        return self._catalog_deferred

    def ensure_content_loading(self) -> None:
        """Start loading the catalog unless it is loaded or loading (the welcome needs none of it)."""
        if self._loading_started:
            return
        self._loading_started = True
        self.run_worker(self._load_content(), name="load-content", group="content", exclusive=True)

    async def _load_content(self) -> None:
        """Load the catalog off the UI thread (the welcome screen stays responsive meanwhile)."""
        from pathfinder.errors import ContentError

        if self.catalog is None:
            try:
                self.catalog = await asyncio.to_thread(self._read_catalog)
            except ContentError as error:
                self.content_error = error
            except Exception as error:
                self.content_error = ContentError(f"The career content could not be loaded: {error}")
        self.catalog_ready.set()
        if self.content_error is not None:
            self.show_error(self.content_error)

    def _load_catalog_now(self) -> Catalog | None:
        """Load the catalog on this thread (at start, for a plan file); a failure is kept to be shown."""
        from pathfinder.errors import ContentError

        if self._catalog is None:
            try:
                self._catalog = self._read_catalog()
            except ContentError as error:
                self.content_error = error
            except Exception as error:
                self.content_error = ContentError(f"The career content could not be loaded: {error}")
        self.catalog_ready.set()
        return self._catalog

    def _read_catalog(self) -> Catalog:
        from pathfinder.tui.content_cache import load_catalog_cached

        return load_catalog_cached(self.content_dir, self.data_dir / "cache", self.content_summary)

    async def need_catalog(self) -> Catalog | None:
        """The catalog, loading it if needed; None if it failed to load."""
        if self._catalog is not None:
            self.catalog_ready.set()  # given to the constructor, or read at start for a plan file
            return self._catalog
        if self._catalog_deferred:
            return self.catalog
        if not self.catalog_ready.is_set():
            self.ensure_content_loading()
            if isinstance(self.screen, WelcomeScreen):
                self.screen.show_loading(True)
        await self.catalog_ready.wait()
        if isinstance(self.screen, WelcomeScreen):
            self.screen.show_loading(False)
        return self.catalog
