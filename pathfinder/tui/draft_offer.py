"""At start: offer back the draft a crash or a dropped connection left behind, and restore it if wanted."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathfinder.tui.core import PathfinderCore


def offer_draft(app: PathfinderCore) -> None:
    """Ask whether to recover the autosaved draft (nothing happens when there is none, or when it is
    being offered already: a hosted app handed to its visitor right at start asks once)."""
    from pathfinder.tui.drafts import draft_summary

    summary = draft_summary(app.data_dir)
    if summary is None:
        return
    from pathfinder.tui.screens.dialogs import DraftOffer

    if any(isinstance(screen, DraftOffer) for screen in app.screen_stack):
        return

    def answered(recover: bool | None) -> None:
        from pathfinder.tui.drafts import discard_draft

        if recover:
            app.run_worker(recover_draft(app), group="flow")
        else:
            discard_draft(app.data_dir)

    app.push_screen(DraftOffer(summary), answered)


async def recover_draft(app: PathfinderCore) -> None:
    """Open the draft as an unsaved session, at its plan (or at the start of the wizard)."""
    from pathfinder.tui.drafts import read_draft
    from pathfinder.tui.session import Session

    if await app.need_catalog() is None:
        return
    draft = read_draft(app.data_dir)
    if draft is None:
        app.notify("The draft could not be read.", severity="warning")
        return
    app.set_session(Session(plan=draft.plan, path=draft.source, dirty=True))
    await app.show_wizard("plan" if draft.plan.target else "background")
