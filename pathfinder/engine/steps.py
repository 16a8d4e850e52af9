"""Plan steps toward a target path: close the costliest skill gaps, earn the recommended certifications,
gain relevant experience and, where needed, a degree.

Steps have stable ids (``skill-roadmapping``, ``cert-pmp``, ``training-pm``, ``experience-<path>``,
``education-<level>``) so that a saved plan can merge freshly generated steps with the user's statuses.
Due dates assume 5 study hours a week, cumulative from ``today``; a certification is never due before the
earliest date the person could be eligible.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, timedelta

from pathfinder.catalog.catalog import Catalog
from pathfinder.catalog.models import (
    SKILL_LEVEL_NAMES,
    CareerPath,
    Certification,
    EducationTier,
    PathCertification,
)
from pathfinder.engine.eligibility import TIER_WORDS, TRAINING_WORDS, Facts, RouteCheck, best_route, facts_for
from pathfinder.engine.experience import first_day, month_of
from pathfinder.engine.fit import experience_tally, level_name, skill_tally
from pathfinder.engine.wording import join_words, lower_first, number, plural
from pathfinder.plan.models import Step, StepKind
from pathfinder.profile import Profile

STUDY_HOURS_PER_WEEK = 5
HOURS_PER_SKILL_LEVEL = 15
"""Study hours per skill level to gain; a skill step takes this or its first resource's hours, if more
(a one-hour article is a start, not the effort of going from none to expert)."""
MAX_SKILL_STEPS = 8
KIND_PRIORITY: dict[str, int] = {"education": 0, "skill": 1, "certification": 2, "experience": 3, "custom": 4}


@dataclass
class Draft:
    """A step before scheduling: ``not_before`` pins a certification to its earliest eligibility date."""

    id: str
    title: str
    kind: StepKind
    effort_hours: int | None = None
    ref: str | None = None
    resources: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    not_before: date | None = None
    fixed_due: date | None = None
    """A due date set by time rather than study (experience)."""


def _skill_drafts(profile: Profile, path: CareerPath, catalog: Catalog) -> list[Draft]:
    """Steps for the costliest skill gaps (at most MAX_SKILL_STEPS)."""
    drafts = []
    for gap in skill_tally(profile, path, catalog).gaps[:MAX_SKILL_STEPS]:
        skill = catalog.skills.get(gap.skill)
        resources = list(skill.resources) if skill else []
        first = catalog.resources.get(resources[0]) if resources else None
        resource_hours = (first.hours or 0) if first is not None else 0
        effort = max(resource_hours, HOURS_PER_SKILL_LEVEL * gap.shortfall)
        notes = [f"Importance {gap.importance} of 5 for this path; gap cost {gap.cost}."]
        if skill is not None and 1 <= gap.target <= len(skill.levels):
            target_word = SKILL_LEVEL_NAMES[gap.target].capitalize()
            notes.append(f"{target_word} looks like: {skill.levels[gap.target - 1]}")
        drafts.append(
            Draft(
                id=f"skill-{gap.skill}",
                title=f"Raise {gap.name} from {level_name(gap.level)} to {level_name(gap.target)}",
                kind="skill",
                effort_hours=effort,
                ref=gap.skill,
                resources=resources,
                notes=notes,
            )
        )
    return drafts


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
        id=f"cert-{certification.id}",
        title=f"Earn {certification.short_name}",
        kind="certification",
        effort_hours=certification.effort_hours,
        ref=certification.id,
        resources=list(certification.resources),
        notes=notes,
        not_before=None if check is None or check.met else check.earliest,
    )


def _education_title(tier: EducationTier) -> str:
    """A step title for reaching an education tier."""
    return "Earn " + TIER_WORDS[tier]


class _StepBook:
    """Drafts in generation order, with one step per id (later requests merge notes into the first)."""

    def __init__(self) -> None:
        self.drafts: list[Draft] = []
        self.by_id: dict[str, Draft] = {}

    def add(self, draft: Draft) -> Draft:
        """Add a draft, or merge it into the step with the same id."""
        existing = self.by_id.get(draft.id)
        if existing is None:
            self.drafts.append(draft)
            self.by_id[draft.id] = draft
            return draft
        existing.notes.extend(note for note in draft.notes if note not in existing.notes)
        if draft.effort_hours is not None and (existing.effort_hours or 0) < draft.effort_hours:
            existing.effort_hours = draft.effort_hours
            existing.title = draft.title
        return existing


def _certification_drafts(book: _StepBook, path: CareerPath, catalog: Catalog, facts: Facts) -> None:
    """Steps for the recommended certifications not held active, by importance."""
    ranked: list[PathCertification] = sorted(
        path.certifications, key=lambda recommended: -recommended.importance
    )
    for recommended in ranked:
        certification = catalog.certifications.get(recommended.certification)
        if certification is None or certification.id in facts.active:
            continue
        lapsed = certification.id in facts.held
        check = best_route(certification, facts, catalog)
        if check is None or check.met:
            book.add(_cert_draft(certification, recommended.reason, check, lapsed))
        elif check.earliest is not None:  # time (and maybe training) closes the gap
            if check.training_missing:
                book.add(_training_draft(certification, check))
            book.add(_cert_draft(certification, recommended.reason, check, lapsed))
        elif check.education_missing:
            book.add(_route_education_draft(certification, check))
        elif check.prerequisite_missing:
            _prerequisite_then_cert(book, certification, recommended.reason, check, catalog, facts)


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
        notes=[f"Needed for {certification.short_name}: you have {have} of {need} contact hours."],
    )


def _route_education_draft(certification: Certification, check: RouteCheck) -> Draft:
    """A step to reach the education tier a certification's route requires."""
    return Draft(
        id=f"education-{check.route.education}",
        title=_education_title(check.route.education),
        kind="education",
        notes=[f"Needed for {certification.short_name} ({check.route.label})."],
    )


def _prerequisite_then_cert(
    book: _StepBook,
    certification: Certification,
    reason: str,
    check: RouteCheck,
    catalog: Catalog,
    facts: Facts,
) -> None:
    """Add the first prerequisite credential the person can earn now, then the certification itself."""
    for prerequisite_id in check.route.requires_any:
        prerequisite = catalog.certifications.get(prerequisite_id)
        if prerequisite is None:
            continue
        prerequisite_check = best_route(prerequisite, facts, catalog)
        if prerequisite_check is None or prerequisite_check.met:
            note = f"A prerequisite for {certification.short_name}."
            book.add(_cert_draft(prerequisite, note, prerequisite_check, prerequisite_id in facts.held))
            draft = _cert_draft(certification, reason, None, certification.id in facts.held)
            draft.notes.append(f"First earn {prerequisite.short_name} (see the step before).")
            book.add(draft)
            return


def _experience_draft(profile: Profile, path: CareerPath, catalog: Catalog, today: date) -> Draft | None:
    """A step to gain relevant months when the experience score is below 1."""
    tally = experience_tally(profile, path, catalog, today)
    if tally.score >= 1:
        return None
    months = math.ceil(round(tally.needed - tally.relevant, 6))
    closest = sorted(
        (
            (-affinity.score, index, background.name)
            for index, background in enumerate(catalog.backgrounds.values())
            for affinity in background.affinities
            if affinity.path == path.id and affinity.score >= 4
        )
    )[:3]
    where = join_words([lower_first(name) for _, _, name in closest], "or")
    title = f"Gain {plural(months, 'more month')} of relevant experience"
    title += f": for example as a {where}" if where else f" close to {lower_first(path.name)} work"
    notes = [
        f"{number(tally.relevant)} of {tally.needed} relevant months so far. A month counts in full "
        f"in a role that is a classic route into this path, less in others; months leading projects count "
        f"{number(path.led_projects_relevance * 100)} %."
    ]
    return Draft(
        id=f"experience-{path.id}",
        title=title[:200],
        kind="experience",
        ref=path.id,
        notes=notes,
        fixed_due=first_day(month_of(today) + months),
    )


def _path_education_draft(profile: Profile, path: CareerPath, catalog: Catalog) -> Draft | None:
    """A degree step when the highest degree is below the path's typical level."""
    levels = catalog.degree_levels
    typical = levels.get(path.degrees.typical_level)
    if typical is None:
        return None
    best = max((levels[d.level].rank for d in profile.degrees if d.level in levels), default=0)
    if best >= typical.rank:
        return None
    note = f"{path.name} roles typically expect a {lower_first(typical.name)}."
    if typical.tier == "bachelor":
        return Draft(
            id="education-bachelor", title=_education_title("bachelor"), kind="education", notes=[note]
        )
    return Draft(
        id=f"education-{typical.id}",
        title=f"Earn a {lower_first(typical.name)}",
        kind="education",
        notes=[note],
    )


def _schedule(drafts: list[Draft], today: date) -> list[Step]:
    """Due dates at 5 study hours a week, cumulative, never before a certification's earliest date."""
    scheduled: list[tuple[tuple[int, date, int, int], Step]] = []
    hours = 0
    for index, draft in enumerate(drafts):
        due: date | None = draft.fixed_due
        if draft.effort_hours is not None:
            hours += draft.effort_hours
            due = today + timedelta(days=math.ceil(hours * 7 / STUDY_HOURS_PER_WEEK))
            if draft.not_before is not None and draft.not_before > due:
                due = draft.not_before
        step = Step(
            id=draft.id,
            title=draft.title,
            kind=draft.kind,
            due=due,
            notes="\n".join(draft.notes),
            effort_hours=draft.effort_hours,
            ref=draft.ref,
            resources=draft.resources,
        )
        key = (due is None, due or date.max, KIND_PRIORITY.get(draft.kind, 9), index)
        scheduled.append((key, step))
    scheduled.sort(key=lambda pair: pair[0])
    return [step for _, step in scheduled]


def plan_steps(profile: Profile, target_path_id: str, catalog: Catalog, today: date) -> list[Step]:
    """Dated steps toward the target path (empty for a path id the catalog lacks). Deterministic."""
    path = catalog.paths.get(target_path_id)
    if path is None:
        return []
    facts = facts_for(profile, catalog, today)
    book = _StepBook()
    for draft in _skill_drafts(profile, path, catalog):
        book.add(draft)
    _certification_drafts(book, path, catalog, facts)
    experience = _experience_draft(profile, path, catalog, today)
    if experience is not None:
        book.add(experience)
    education = _path_education_draft(profile, path, catalog)
    if education is not None:
        book.add(education)
    return _schedule(book.drafts, today)
