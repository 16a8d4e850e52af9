"""Certification steps toward a path: the credential, the training and experience it waits for, its
prerequisite, and the overlap rule (at most one certification of a set that covers the same ground)."""

from __future__ import annotations

from pathfinder.catalog.catalog import Catalog
from pathfinder.catalog.models import CareerPath, Certification, CertificationOverlap, EducationTier
from pathfinder.engine.drafts import Draft, StepBook
from pathfinder.engine.eligibility import TIER_WORDS, TRAINING_WORDS, Facts, RouteCheck, best_route
from pathfinder.engine.wording import join_words

CONTACT_HOURS_SOURCE = "The eligibility rule: contact hours still missing"


def cert_step_id(certification_id: str) -> str:
    return f"cert-{certification_id}"


def education_title(tier: EducationTier) -> str:
    """A step title for reaching an education tier."""
    return "Earn " + TIER_WORDS[tier]


def _cert_draft(certification: Certification, reason: str, check: RouteCheck | None, lapsed: bool) -> Draft:
    """A step to earn a certification, pinned to the earliest eligibility date when not yet met."""
    notes = [reason] if reason else []
    if lapsed:
        notes.append(f"Your earlier {certification.short_name} has lapsed.")
    if check is not None and check.route.course:
        notes.append(f"Includes {check.route.course}.")
    if check is not None and not check.met and check.earliest is not None:
        if len(check.missing) == 1 and check.training_missing:
            notes.append(f"You are eligible once the training is done ({check.route.label}).")
        else:
            notes.append(f"You could be eligible from {check.earliest.isoformat()} ({check.route.label}).")
    if certification.eligibility.confidence == "unconfirmed":
        notes.append("The eligibility rule is not confirmed by the issuer: check it before you apply.")
    return Draft(
        id=cert_step_id(certification.id),
        title=f"Earn {certification.short_name}",
        kind="certification",
        effort_hours=certification.effort_hours,
        effort_source=certification.effort_source,
        ref=certification.id,
        resources=list(certification.resources),
        notes=notes,
        earliest=None if check is None or check.met else check.earliest,
    )


def _training_draft(certification: Certification, check: RouteCheck) -> Draft:
    """A step to complete the contact hours a certification's route still needs."""
    kind = check.route.training_kind
    need = check.route.training_hours
    have = need - check.training_missing
    return Draft(
        id=f"training-{kind}",
        title=f"Complete {check.training_missing} contact hours of {TRAINING_WORDS.get(kind, 'training')}",
        kind="education",
        effort_hours=check.training_missing,
        effort_source=CONTACT_HOURS_SOURCE,
        notes=[f"Needed for {certification.short_name}: you have {have} of {need} contact hours."],
        unlocks=[cert_step_id(certification.id)],
    )


def _waiting_draft(certification: Certification, check: RouteCheck) -> Draft | None:
    """A step for the months of experience a certification still waits for (None when none are missing)."""
    if check.earliest is None or not any("month" in item for item in check.missing):
        return None
    return Draft(
        id=f"experience-for-{certification.id}",
        title=f"Keep gaining experience until {check.earliest.isoformat()} for {certification.short_name}",
        kind="experience",
        notes=[f"{certification.short_name}: {item}." for item in check.missing if "month" in item],
        earliest=check.earliest,
        unlocks=[cert_step_id(certification.id)],
    )


def _route_education_draft(certification: Certification, check: RouteCheck) -> Draft:
    """A step to reach the education tier a certification's route requires."""
    return Draft(
        id=f"education-{check.route.education}",
        title=education_title(check.route.education),
        kind="education",
        notes=[f"Needed for {certification.short_name} ({check.route.label})."],
    )


def _prerequisite_then_cert(
    book: StepBook,
    certification: Certification,
    reason: str,
    check: RouteCheck,
    catalog: Catalog,
    facts: Facts,
) -> list[Draft]:
    """The first prerequisite credential the person can earn now, then the certification itself."""
    for prerequisite_id in check.route.requires_any:
        prerequisite = catalog.certifications.get(prerequisite_id)
        if prerequisite is None:
            continue
        prerequisite_check = best_route(prerequisite, facts, catalog)
        if prerequisite_check is None or prerequisite_check.met:
            note = f"A prerequisite for {certification.short_name}."
            first = _cert_draft(prerequisite, note, prerequisite_check, prerequisite_id in facts.held)
            first.unlocks.append(cert_step_id(certification.id))
            draft = _cert_draft(certification, reason, None, certification.id in facts.held)
            draft.notes.append(f"First earn {prerequisite.short_name} (see the step before).")
            draft.after.append(first.id)
            return [book.add(first), book.add(draft)]
    return []


def certification_drafts(book: StepBook, path: CareerPath, catalog: Catalog, facts: Facts) -> list[Draft]:
    """Steps for the recommended certifications not held active, by importance; returns the cert drafts."""
    added: list[Draft] = []
    for recommended in sorted(path.certifications, key=lambda item: -item.importance):
        certification = catalog.certifications.get(recommended.certification)
        if certification is None or certification.id in facts.active:
            continue
        lapsed = certification.id in facts.held
        check = best_route(certification, facts, catalog)
        draft: Draft | None = None
        if check is None or check.met:
            draft = _cert_draft(certification, recommended.reason, check, lapsed)
        elif check.earliest is not None:  # time (and maybe training) closes the gap
            draft = _cert_draft(certification, recommended.reason, check, lapsed)
            for before in (
                _training_draft(certification, check) if check.training_missing else None,
                _waiting_draft(certification, check),
            ):
                if before is not None:
                    draft.after.append(book.add(before).id)
        elif check.education_missing:
            book.add(_route_education_draft(certification, check))
        elif check.prerequisite_missing:
            added.extend(
                d
                for d in _prerequisite_then_cert(
                    book, certification, recommended.reason, check, catalog, facts
                )
                if d.id == cert_step_id(certification.id)
            )
        if draft is not None:
            if draft.earliest is not None and draft.earliest <= facts.today:
                draft.earliest = None
            added.append(book.add(draft))
    for draft in added:
        for recommended in path.certifications:
            if cert_step_id(recommended.certification) == draft.id:
                draft.points[path.id] = recommended.importance
    return added


def _value(draft: Draft) -> tuple[float, int, int]:
    """Higher is better: importance points over the targets, then less effort, then no waiting."""
    return (sum(draft.points.values()), -(draft.effort_hours or 0), 0 if draft.earliest is None else -1)


def _left_out_note(names: list[str], overlap: CertificationOverlap) -> str:
    return f"Not proposed: {join_words(names)}. {' '.join(overlap.reason.split())}"


def _choose_within_sets(book: StepBook, catalog: Catalog) -> dict[str, tuple[str | None, list[str]]]:
    """Per overlap set: (the kept step's id, the ids of its other members), best value kept."""
    decisions: dict[str, tuple[str | None, list[str]]] = {}
    for overlap in catalog.overlaps.values():
        members = [book.by_id[i] for i in map(cert_step_id, overlap.certifications) if i in book.by_id]
        if len(members) > 1:
            keeper = max(members, key=_value)
            decisions[overlap.id] = (keeper.id, [d.id for d in members if d is not keeper])
    return decisions


def apply_overlaps(book: StepBook, catalog: Catalog, facts: Facts) -> None:
    """Keep at most one certification of each overlapping set (none when a superseding one is held or
    planned) and say on the kept or superseding step why the others were left out. A step another kept
    step depends on stays (PRINCE2 Foundation before Practitioner); steps that only served a dropped
    certification go."""
    decisions = _choose_within_sets(book, catalog)
    dropped = {draft_id for _, others in decisions.values() for draft_id in others}
    for overlap in catalog.overlaps.values():
        members = [i for i in map(cert_step_id, overlap.certifications) if i in book.by_id]
        held = [c for c in overlap.certifications if c in facts.active]
        over = [
            c
            for c in overlap.superseded_by
            if c in facts.active or (cert_step_id(c) in book.by_id and cert_step_id(c) not in dropped)
        ]
        if any(i not in dropped for i in members) and (over or held):
            dropped.update(members)
            decisions[overlap.id] = (cert_step_id(over[0]) if over else None, members)
    needed = {dep for draft in book.drafts if draft.id not in dropped for dep in draft.after}
    while needed & dropped:
        dropped -= needed
        needed = {dep for draft in book.drafts if draft.id not in dropped for dep in draft.after}
    for overlap_id, (keeper_id, others) in decisions.items():
        names = [book.by_id[i].title.removeprefix("Earn ") for i in others if i in dropped]
        kept = book.by_id.get(keeper_id) if keeper_id else None
        if kept is not None and kept.id not in dropped and names:
            kept.notes.append(_left_out_note(names, catalog.overlaps[overlap_id]))
    if not dropped:
        return
    gone = {book.by_id[i].title.removeprefix("Earn ") for i in dropped}
    for draft in book.drafts:
        if draft.unlocks:
            draft.notes = [n for n in draft.notes if not any(n.startswith(f"Needed for {x}:") for x in gone)]
    orphans = {
        d.id for d in book.drafts if d.unlocks and set(d.unlocks) <= dropped and d.kind != "certification"
    }
    book.remove(dropped | orphans)
