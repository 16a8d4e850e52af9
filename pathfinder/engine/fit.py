"""How well a profile fits a career path: four weighted components that add up to a 0–100 score.

Every component explains itself in a sentence with the numbers behind it, and each contribution is
rounded to 0.1 before the total is summed, so the breakdown adds up exactly when checked by hand.
See docs/scoring.md for the formulas and a worked example.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from pathfinder.catalog.catalog import Catalog
from pathfinder.catalog.models import SKILL_LEVEL_NAMES, CareerPath
from pathfinder.engine.credentials import active_certifications
from pathfinder.engine.experience import last_complete_month, led_months, role_months
from pathfinder.engine.results import FitComponent, PathFit, SkillGap, SkillStrength
from pathfinder.engine.wording import join_words, lower_first, number, percent, plural, round_half_up
from pathfinder.profile import Profile, Role

ComponentId = Literal["skills", "experience", "education", "certifications"]

UNKNOWN_BACKGROUND_RELEVANCE = 0.2
"""How much a month counts for any path when the role names no background the catalog knows."""
CERTIFICATION_POINTS_FOR_FULL_CREDIT = 5
"""Importance points of held, recommended certifications that earn the whole component."""
EDUCATION_LEVEL_SHARE = 0.8
EDUCATION_FIELD_SHARE = 0.2


@dataclass(frozen=True)
class SkillTally:
    """The skills component in numbers: earned and possible weighted points, strengths and gaps."""

    earned: float
    possible: int
    counted: int
    strengths: list[SkillStrength]
    gaps: list[SkillGap]

    @property
    def score(self) -> float:
        """0–1."""
        return self.earned / self.possible if self.possible else 0.0


@dataclass(frozen=True)
class ExperienceTally:
    """The experience component in numbers: relevance-weighted months against the months needed."""

    relevant: float
    months_worked: int
    needed: int

    @property
    def score(self) -> float:
        """0–1."""
        return min(1.0, self.relevant / self.needed)


def level_name(level: int) -> str:
    """``working (2)``: a skill level as words and number."""
    name = SKILL_LEVEL_NAMES[level] if 0 <= level < len(SKILL_LEVEL_NAMES) else "level"
    return f"{name} ({level})"


def skill_tally(profile: Profile, path: CareerPath, catalog: Catalog) -> SkillTally:
    """Weighted skill points, with strengths (at or above target) and gaps ranked by cost."""
    order = {skill_id: index for index, skill_id in enumerate(catalog.skills)}
    fallback = len(order)
    earned = 0.0
    possible = 0
    counted = 0
    strengths: list[tuple[tuple[int, int, int], SkillStrength]] = []
    gaps: list[tuple[tuple[int, int, int], SkillGap]] = []
    for position, wanted in enumerate(path.skills):
        if wanted.target <= 0:
            continue
        counted += 1
        skill = catalog.skills.get(wanted.skill)
        name = skill.name if skill is not None else wanted.skill
        where = order.get(wanted.skill, fallback + position)
        level = profile.skills.get(wanted.skill, 0)
        possible += wanted.importance
        earned += wanted.importance * min(level, wanted.target) / wanted.target
        if level >= wanted.target:
            strength = SkillStrength(
                skill=wanted.skill, name=name, importance=wanted.importance, target=wanted.target, level=level
            )
            strengths.append(((-wanted.importance, -level, where), strength))
        else:
            shortfall = wanted.target - level
            cost = wanted.importance * shortfall
            gap = SkillGap(
                skill=wanted.skill,
                name=name,
                importance=wanted.importance,
                target=wanted.target,
                level=level,
                shortfall=shortfall,
                cost=cost,
            )
            gaps.append(((-cost, -wanted.importance, where), gap))
    strengths.sort(key=lambda pair: pair[0])
    gaps.sort(key=lambda pair: pair[0])
    return SkillTally(
        earned=earned,
        possible=possible,
        counted=counted,
        strengths=[strength for _, strength in strengths],
        gaps=[gap for _, gap in gaps],
    )


def role_relevance(role: Role, path: CareerPath, catalog: Catalog) -> float:
    """How much a month in this role counts toward the path: its background's affinity ÷ 5."""
    background = catalog.backgrounds.get(role.background) if role.background else None
    if background is None:
        return UNKNOWN_BACKGROUND_RELEVANCE
    for affinity in background.affinities:
        if affinity.path == path.id:
            return affinity.score / 5
    return UNKNOWN_BACKGROUND_RELEVANCE


def experience_tally(profile: Profile, path: CareerPath, catalog: Catalog, today: date) -> ExperienceTally:
    """Relevance-weighted months: each calendar month once, at the best relevance of any role in it."""
    last = last_complete_month(today)
    best: dict[int, float] = {}
    for role in profile.roles:
        base = role_relevance(role, path, catalog)
        leading = led_months(role, last)
        led_relevance = max(base, path.led_projects_relevance)
        for month in role_months(role, last):
            relevance = led_relevance if month in leading else base
            if relevance > best.get(month, -1.0):
                best[month] = relevance
    return ExperienceTally(
        relevant=sum(best.values()), months_worked=len(best), needed=path.experience_months_for_full_credit
    )


def _component(
    component_id: ComponentId, label: str, weight: float, score: float, explanation: str
) -> FitComponent:
    """A component with its contribution rounded half-up to 0.1 points."""
    return FitComponent(
        id=component_id,
        label=label,
        weight=weight,
        score=round(score, 4),
        contribution=round_half_up(weight * score * 100, 1),
        explanation=explanation,
    )


def _skills_component(tally: SkillTally, weight: float) -> FitComponent:
    """Skills: weighted points earned of those possible."""
    if not tally.possible:
        return _component("skills", "Skills", weight, 0.0, "This path lists no skills with a target level.")
    at_target = len(tally.strengths)
    explanation = (
        f"{number(tally.earned)} of {tally.possible} weighted skill points ({percent(tally.score)}); "
        f"{at_target} of {plural(tally.counted, 'skill')} at or above the target level."
    )
    return _component("skills", "Skills", weight, tally.score, explanation)


def _experience_component(tally: ExperienceTally, weight: float) -> FitComponent:
    """Experience: relevance-weighted months against the months for full credit."""
    explanation = (
        f"{number(tally.relevant)} relevant months of {tally.needed} needed ({percent(tally.score)}), "
        f"from {plural(tally.months_worked, 'month')} of work, each weighted by how close its role is "
        "to this path."
    )
    return _component("experience", "Experience", weight, tally.score, explanation)


def _education_component(profile: Profile, path: CareerPath, catalog: Catalog, weight: float) -> FitComponent:
    """Education: 0.8 × level part + 0.2 × field part (0 with no known degree)."""
    levels = catalog.degree_levels
    known = [degree for degree in profile.degrees if degree.level in levels]
    expectation = path.degrees
    typical = levels.get(expectation.typical_level)
    typical_name = lower_first(typical.name) if typical else expectation.typical_level
    if not known:
        explanation = f"No degree recorded; this path typically expects a {typical_name}."
        return _component("education", "Education", weight, 0.0, explanation)
    best = max(known, key=lambda degree: levels[degree.level].rank)
    best_rank = levels[best.level].rank
    if any(degree.level in expectation.preferred_levels for degree in known):
        level_part = 1.0
        level_reason = "a preferred level"
    elif typical is None or typical.rank <= 0:
        level_part = 1.0
        level_reason = "no typical level to compare with"
    else:
        level_part = min(1.0, best_rank / typical.rank)
        capped = ", capped at 1" if best_rank > typical.rank else ""
        level_reason = f"rank {best_rank} ÷ typical rank {typical.rank}{capped}"
    field_match = not expectation.fields or any(degree.field in expectation.fields for degree in known)
    field_part = 1.0 if field_match else 0.0
    score = EDUCATION_LEVEL_SHARE * level_part + EDUCATION_FIELD_SHARE * field_part
    field_words = (
        "a common field for this path" if field_match else "no degree in a field common on this path"
    )
    explanation = (
        f"Highest degree: {lower_first(levels[best.level].name)} ({level_reason}, level part "
        f"{number(level_part, 2)}); {field_words} (field part {number(field_part)}): "
        f"0.8 × {number(level_part, 2)} + 0.2 × {number(field_part)} = {number(score, 2)}."
    )
    return _component("education", "Education", weight, score, explanation)


def _certifications_component(
    active: frozenset[str], path: CareerPath, catalog: Catalog, weight: float
) -> FitComponent:
    """Certifications: importance of recommended ones held and active on the day, out of 5."""
    held = [
        recommended
        for recommended in path.certifications
        if recommended.certification in catalog.certifications and recommended.certification in active
    ]
    points = sum(recommended.importance for recommended in held)
    score = min(1.0, points / CERTIFICATION_POINTS_FOR_FULL_CREDIT)
    if not path.certifications:
        explanation = "This path recommends no certifications."
    elif not held:
        explanation = (
            f"None of the {plural(len(path.certifications), 'recommended certification')} held and active "
            f"(0 of {CERTIFICATION_POINTS_FOR_FULL_CREDIT} points)."
        )
    else:
        names = [
            f"{catalog.certifications[recommended.certification].short_name} ({recommended.importance})"
            for recommended in held
        ]
        explanation = (
            f"Active {join_words(names)}: {points} importance points of "
            f"{CERTIFICATION_POINTS_FOR_FULL_CREDIT} needed ({percent(score)})."
        )
    return _component("certifications", "Certifications", weight, score, explanation)


def _fit_unranked(profile: Profile, path: CareerPath, catalog: Catalog, today: date) -> PathFit:
    """One path's fit before ranking (rank 0)."""
    weights = path.weights
    skills = skill_tally(profile, path, catalog)
    components = [
        _skills_component(skills, weights.skills),
        _experience_component(experience_tally(profile, path, catalog, today), weights.experience),
        _education_component(profile, path, catalog, weights.education),
        _certifications_component(
            active_certifications(profile, catalog, today), path, catalog, weights.certifications
        ),
    ]
    total = round_half_up(sum(component.contribution for component in components), 1)
    return PathFit(
        path=path.id,
        name=path.name,
        score=total,
        rank=0,
        components=components,
        strengths=skills.strengths,
        gaps=skills.gaps,
    )


def rank_paths(profile: Profile, catalog: Catalog, today: date) -> list[PathFit]:
    """Every path's fit, best first; ties keep the catalog's path order. Ranks run 1..n."""
    fits = [_fit_unranked(profile, path, catalog, today) for path in catalog.paths.values()]
    order = sorted(range(len(fits)), key=lambda index: (-fits[index].score, index))
    return [fits[index].model_copy(update={"rank": rank}) for rank, index in enumerate(order, start=1)]


def fit_path(profile: Profile, path_id: str, catalog: Catalog, today: date) -> PathFit:
    """One path's fit, with its rank among all paths. Raises KeyError for a path id the catalog lacks."""
    if path_id not in catalog.paths:
        raise KeyError(f"unknown career path id {path_id!r}")
    for fit in rank_paths(profile, catalog, today):
        if fit.path == path_id:
            return fit
    raise AssertionError("unreachable: every catalog path is ranked")


def education_score(profile: Profile, path: CareerPath, catalog: Catalog) -> float:
    """The education component's score (0–1) for a path, before weighting."""
    return _education_component(profile, path, catalog, 1.0).score


def certification_points(profile: Profile, path: CareerPath, catalog: Catalog) -> int:
    """Importance points of the path's recommended certifications held active."""
    return sum(
        recommended.importance
        for recommended in path.certifications
        if recommended.certification in catalog.certifications and profile.holds(recommended.certification)
    )
