"""The app's two ways in from outside: import a profile from a file, and X-ray a job posting.

Import: choose the file → read and map it in a thread → review → a new session with the imported profile,
its skill suggestions kept for the Skills step → the wizard. A hosted demo never reads the server's files:
there, visitors bring their file with ``ssh HOST import-profile < FILE``.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathfinder.importers.records import ImportResult
    from pathfinder.tui.app import PathfinderApp

HOSTED_IMPORT_NOTE = (
    "This demo cannot read files from your computer. Bring your LinkedIn export or JSON Resume with: "
    "ssh HOST import-profile < FILE (with an SSH key); it opens here on your next visit."
)


def _read_and_map(path: Path, app: PathfinderApp) -> ImportResult:
    from pathfinder.importers import map_found, read_found

    catalog = app.catalog
    assert catalog is not None
    return map_found(read_found(path), catalog, app.today())


async def import_profile(app: PathfinderApp) -> None:
    """The whole import flow, from the file dialog to the prefilled wizard."""
    from pathfinder.errors import PathfinderError
    from pathfinder.tui.screens.import_review import ImportFileDialog, ImportReviewScreen
    from pathfinder.tui.session import Session

    if app.hosted:
        app.notify(HOSTED_IMPORT_NOTE, timeout=12)
        return
    catalog = app.catalog or await app.need_catalog()
    if catalog is None:
        return
    path = await app.push_screen_wait(ImportFileDialog())
    if path is None:
        return
    try:
        result = await asyncio.to_thread(_read_and_map, path, app)
    except PathfinderError as error:
        app.show_error(error)
        return
    if not await app.push_screen_wait(ImportReviewScreen(result)):
        return
    if not await app.may_replace_session("Start the imported profile and discard your unsaved changes?"):
        return
    session = Session.new(app.now(), catalog.meta.version)
    session.update_plan(None, profile=result.profile)  # where the new session starts: nothing to undo
    session.imported_skills = {item.skill: item.level for item in result.suggestions}
    session.dirty = True
    app.set_session(session)
    await app.push_wizard("background")
    if result.questions:
        app.notify(
            f"{len(result.questions)} questions to answer: did you lead projects in these roles, and "
            "from when? Set it on each role.",
            timeout=8,
        )


def show_posting_xray(app: PathfinderApp) -> None:
    """Open the posting X-ray screen (the content loads first if needed)."""

    async def open_screen() -> None:
        from pathfinder.tui.screens.posting_xray import PostingXrayScreen

        if (app.catalog or await app.need_catalog()) is not None:
            app.push_screen(PostingXrayScreen())

    app.run_worker(open_screen(), group="flow")
