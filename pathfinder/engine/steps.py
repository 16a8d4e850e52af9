"""Plan steps toward a target path (and, for the undecided, a second one): close the skill gaps a first
role asks about, earn the certifications worth earning, gain experience and, where needed, a degree.

Steps have stable ids (``skill-roadmapping``, ``cert-pmp``, ``training-pm``, ``experience-<path>``,
``experience-for-<cert>``, ``education-<level>``) so that a saved plan can merge freshly generated steps
with the user's statuses. The order is goal-first (``schedule.goal_first_order``: fit points per study
hour, dependencies kept, certifications pinned to their eligibility) and the dates follow the plan's study
hours a week (``schedule.redate``). docs/planning.md explains both with a worked example.
"""

from __future__ import annotations

import math
from datetime import date

from pathfinder.catalog.catalog import Catalog
from pathfinder.catalog.models import SKILL_LEVEL_NAMES, CareerPath
from pathfinder.engine.cert_steps import apply_overlaps, certification_drafts, education_title
from pathfinder.engine.drafts import Draft, StepBook
from pathfinder.engine.eligibility import facts_for
from pathfinder.engine.experience import first_day, month_of
from pathfinder.engine.fit import (
    CERTIFICATION_POINTS_FOR_FULL_CREDIT,
    certification_points,
    education_score,
    experience_tally,
    level_name,
    skill_tally,
)
from pathfinder.engine.schedule import Item, goal_first_order, redate
from pathfinder.engine.wording import join_words, lower_first, number, plural
from pathfinder.plan.constants import DEFAULT_HOURS_PER_WEEK
from pathfinder.plan.models import Step
from pathfinder.profile import Degree, Profile

HOURS_PER_SKILL_LEVEL = 15
"""Study hours per skill level to gain; a skill step takes this or its first resource's hours, if more
(a one-hour article is a start, not the effort of going from none to proficient)."""
MAX_SKILL_STEPS = 8
KIND_PRIORITY: dict[str, int] = {"education": 0, "skill": 1, "certification": 2, "experience": 3, "custom": 4}
SKILL_ESTIMATE = f"Estimate: {HOURS_PER_SKILL_LEVEL} h of study per skill level"


def _skill_drafts(
    profile: Profile, path: CareerPath, catalog: Catalog, focus: frozenset[str] = frozenset()
) -> list[Draft]:
    """Steps for the skills furthest below the level a first role asks (at most MAX_SKILL_STEPS, plus the
    ``focus`` skills below it, e.g. those a job posting asks for)."""
    tally = skill_tally(profile, path, catalog)
    if not tally.possible:
        return []
    aims = {wanted.skill: wanted.aim for wanted in path.skills}
    gaps = [gap for gap in tally.gaps if gap.level < aims.get(gap.skill, gap.target)]
    gaps.sort(key=lambda gap: -gap.importance * (aims[gap.skill] - gap.level))
    drafts = []
    chosen = gaps[:MAX_SKILL_STEPS] + [gap for gap in gaps[MAX_SKILL_STEPS:] if gap.skill in focus]
    for gap in chosen:
        aim = aims[gap.skill]
        skill = catalog.skills.get(gap.skill)
        resources = list(skill.resources) if skill else []
        first = catalog.resources.get(resources[0]) if resources else None
        resource_hours = (first.hours or 0) if first is not None else 0
        estimate = HOURS_PER_SKILL_LEVEL * (aim - gap.level)
        effort = max(resource_hours, estimate)
        source = SKILL_ESTIMATE
        if first is not None and resource_hours >= estimate:
            source = f"{first.title}: about {resource_hours} h ({first.sources[0]})"
        gain = path.weights.skills * 100 * gap.importance * (aim - gap.level) / gap.target / tally.possible
        notes = [f"Importance {gap.importance} of 5 for this path."]
        if aim < gap.target:
            notes.append(
                f"A first role asks for {level_name(aim)}; experienced practitioners reach "
                f"{level_name(gap.target)}. This step closes {aim - gap.level} of the "
                f"{plural(gap.target - gap.level, 'level')} in the gap."
            )
        if skill is not None and 1 <= aim <= len(skill.levels):
            notes.append(f"{SKILL_LEVEL_NAMES[aim].capitalize()} looks like: {skill.levels[aim - 1]}")
        drafts.append(
            Draft(
                id=f"skill-{gap.skill}",
                title=f"Raise {gap.name} from {level_name(gap.level)} to {level_name(aim)}",
                kind="skill",
                effort_hours=effort,
                effort_source=source,
                ref=gap.skill,
                resources=resources,
                notes=notes,
                gains={path.id: gain},
                aim=aim,
            )
        )
    return drafts


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
        earliest=first_day(month_of(today) + months),
        gains={path.id: path.weights.experience * 100 * (1 - tally.score)},
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
    with_degree = profile.model_copy(update={"degrees": [*profile.degrees, Degree(level=typical.id)]})
    gain = (
        path.weights.education
        * 100
        * (education_score(with_degree, path, catalog) - education_score(profile, path, catalog))
    )
    note = f"{path.name} roles typically expect a {lower_first(typical.name)}."
    if typical.tier == "bachelor":
        step_id, title = "education-bachelor", education_title("bachelor")
    else:
        step_id, title = f"education-{typical.id}", f"Earn a {lower_first(typical.name)}"
    return Draft(id=step_id, title=title, kind="education", notes=[note], gains={path.id: gain})


def _path_book(
    book: StepBook,
    profile: Profile,
    path: CareerPath,
    catalog: Catalog,
    today: date,
    focus: frozenset[str] = frozenset(),
) -> None:
    """Add one path's drafts to the book (shared ids merge, so a hedge holds each step once)."""
    facts = facts_for(profile, catalog, today)
    for draft in _skill_drafts(profile, path, catalog, focus):
        book.add(draft)
    certification_drafts(book, path, catalog, facts)
    for extra in (
        _experience_draft(profile, path, catalog, today),
        _path_education_draft(profile, path, catalog),
    ):
        if extra is not None:
            book.add(extra)


def _count_skills_for_every_path(
    book: StepBook, profile: Profile, paths: list[CareerPath], catalog: Catalog
) -> None:
    """In a hedge, a skill step raises every path that lists the skill, up to that path's plan target:
    its worth counts for each, so the steps that serve both paths come first."""
    for path in paths:
        wanted = {item.skill: item for item in path.skills if item.target > 0}
        possible = skill_tally(profile, path, catalog).possible
        for draft in book.drafts:
            item = wanted.get(draft.ref or "") if draft.kind == "skill" else None
            if item is None or path.id in draft.gains or not possible:
                continue
            level = profile.skills.get(item.skill, 0)
            reached = min(item.aim, draft.aim if draft.aim is not None else level)
            if reached > level:
                share = item.importance * (reached - level) / item.target / possible
                draft.gains[path.id] = path.weights.skills * 100 * share


class _Gain:
    """Fit points a draft adds once others are done: a certification's depend on those placed before it
    (the certifications component is capped), every other draft's are fixed."""

    def __init__(self, book: StepBook, paths: list[CareerPath], profile: Profile, catalog: Catalog) -> None:
        self.book = book
        self.paths = paths
        self.held = {path.id: certification_points(profile, path, catalog) for path in paths}

    def __call__(self, draft_id: str, placed: frozenset[str]) -> float:
        return sum(self.for_path(draft_id, placed, path) for path in self.paths)

    def for_path(self, draft_id: str, placed: frozenset[str], path: CareerPath) -> float:
        """The fit points the draft adds to one path."""
        draft = self.book.by_id[draft_id]
        points = draft.points.get(path.id)
        if points is None:
            return draft.gains.get(path.id, 0.0)
        before = self.held[path.id] + sum(
            self.book.by_id[other].points.get(path.id, 0) for other in placed if other in self.book.by_id
        )
        full = CERTIFICATION_POINTS_FOR_FULL_CREDIT
        share = min(1.0, (before + points) / full) - min(1.0, before / full)
        return path.weights.certifications * 100 * share

    def note(self, draft_id: str, placed: frozenset[str]) -> str | None:
        """``Raises your project manager fit by about 4.2 points.`` (a clause per path it serves)."""
        parts = []
        for path in self.paths:
            points = self.for_path(draft_id, placed, path)
            if points >= 0.05:
                parts.append(f"your {lower_first(path.name)} fit by about {number(points, 1)} points")
        return f"Raises {join_words(parts)}." if parts else None


def plan_steps(
    profile: Profile,
    target_path_id: str,
    catalog: Catalog,
    today: date,
    hours_per_week: int = DEFAULT_HOURS_PER_WEEK,
    also: str | None = None,
    focus: frozenset[str] = frozenset(),
) -> list[Step]:
    """Ordered, dated steps toward the target path (and ``also``, a second path to keep open); empty for
    a target the catalog lacks. ``focus``: skills to cover even beyond the usual number of skill steps.
    Deterministic."""
    path = catalog.paths.get(target_path_id)
    if path is None:
        return []
    paths = [path]
    second = catalog.paths.get(also) if also and also != target_path_id else None
    if second is not None:
        paths.append(second)
    book = StepBook()
    for each in paths:
        _path_book(book, profile, each, catalog, today, focus)
    if len(paths) > 1:
        _count_skills_for_every_path(book, profile, paths, catalog)
    apply_overlaps(book, catalog, facts_for(profile, catalog, today))
    gain = _Gain(book, paths, profile, catalog)
    items = [
        Item(d.id, d.effort_hours, d.earliest, tuple(d.after), KIND_PRIORITY.get(d.kind, 9) * 1000 + index)
        for index, d in enumerate(book.drafts)
    ]
    order = goal_first_order(items, gain, hours_per_week, today)
    steps: list[Step] = []
    placed: set[str] = set()
    for draft_id in order:
        draft = book.by_id[draft_id]
        note = gain.note(draft_id, frozenset(placed))
        placed.add(draft_id)
        steps.append(
            Step(
                id=draft.id,
                title=draft.title,
                kind=draft.kind,
                notes="\n".join([*draft.notes, *([note] if note else [])])[:5000],
                effort_hours=draft.effort_hours,
                effort_source=draft.effort_source,
                ref=draft.ref,
                resources=draft.resources,
                after=draft.after,
                earliest=draft.earliest,
            )
        )
    return redate(steps, hours_per_week, today)
