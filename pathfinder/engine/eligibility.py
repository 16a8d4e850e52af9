"""Certification eligibility: which route is met, what is missing, and the earliest date it could be.

The rules are data (``certification.eligibility.routes``); this module only applies them. Experience is
counted in unique calendar months inside a rolling window that ends with the last complete month, so
overlapping roles count once and old months fall out of the window as time passes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pathfinder.catalog.catalog import Catalog
from pathfinder.catalog.models import Certification, EducationTier, EligibilityRoute
from pathfinder.engine.credentials import Standing, standings
from pathfinder.engine.experience import Month, WorkHistory, first_day, month_label, work_history
from pathfinder.engine.results import CertificationStatus
from pathfinder.engine.wording import join_words, plural
from pathfinder.profile import Profile

TIER_RANK: dict[EducationTier, int] = {"none": 0, "secondary": 1, "bachelor": 2, "gac": 3}
TIER_WORDS: dict[EducationTier, str] = {
    "none": "no particular education",
    "secondary": "a secondary-school diploma (or an associate or higher degree)",
    "bachelor": "a four-year degree",
    "gac": "a bachelor's or postgraduate degree from a GAC-accredited programme",
}
TRAINING_WORDS = {"pm": "project-management training", "agile": "agile training"}


@dataclass(frozen=True)
class Facts:
    """What eligibility needs to know about the person, computed once per profile and day."""

    today: date
    history: WorkHistory
    tier: EducationTier
    active: frozenset[str]
    """Credentials held and active on ``today`` (computed from when they were earned and renewed)."""
    held: frozenset[str]
    """Every credential the person lists, active or not."""
    training_hours: dict[str, int]
    standing: dict[str, Standing]


def education_tier(profile: Profile, catalog: Catalog) -> EducationTier:
    """PMI's education tier from the person's degrees (unknown degree levels are ignored)."""
    levels = catalog.degree_levels
    known = [degree for degree in profile.degrees if degree.level in levels]
    four_year = [degree for degree in known if levels[degree.level].tier == "bachelor"]
    if any(degree.gac_accredited for degree in four_year):
        return "gac"
    if four_year:
        return "bachelor"
    if known:
        return "secondary"
    return "none"


def facts_for(profile: Profile, catalog: Catalog, today: date) -> Facts:
    """Gather the eligibility facts for a profile on a given day."""
    held = standings(profile, catalog, today)
    return Facts(
        today=today,
        history=work_history(profile, today),
        tier=education_tier(profile, catalog),
        active=frozenset(cert_id for cert_id, result in held.items() if result.active),
        held=frozenset(held),
        training_hours={"pm": profile.pm_training_hours, "agile": profile.agile_training_hours},
        standing=held,
    )


@dataclass(frozen=True)
class ExperienceNeed:
    """One experience requirement of a route: months of a kind within the route's window."""

    kind: str
    months: tuple[Month, ...]
    need: int
    have: int


@dataclass(frozen=True)
class RouteCheck:
    """One route judged against the person."""

    route: EligibilityRoute
    index: int
    met: bool
    missing: list[str]
    blocked: bool
    """Time alone cannot close the gap: education or a prerequisite credential is missing."""
    earliest: date | None
    """When experience alone would be met (``today`` when only training is missing); None: never by time."""
    training_missing: int
    """Contact hours still needed (0 when the training requirement holds)."""
    education_missing: bool
    prerequisite_missing: bool


def _short_names(ids: list[str], catalog: Catalog) -> list[str]:
    """Certification short names for ids (the id itself when the catalog lacks it)."""
    return [catalog.certifications[i].short_name if i in catalog.certifications else i for i in ids]


def _any_active(ids: list[str], catalog: Catalog) -> str:
    """``an active CAPM or PMP``: any one of these credentials, held active."""
    return f"an active {join_words(_short_names(ids, catalog), 'or')}"


def waivers(route: EligibilityRoute, kind: str) -> list[str]:
    """The credentials that stand in for one kind of experience on this route (route-wide ones first)."""
    own = {
        "leading": route.leading_months_waived_by,
        "agile": route.agile_months_waived_by,
        "programs": route.program_months_waived_by,
    }[kind]
    return [*route.experience_waived_by, *(cert for cert in own if cert not in route.experience_waived_by)]


def _experience_needs(route: EligibilityRoute, facts: Facts) -> list[ExperienceNeed]:
    """The route's experience requirements with the months held in its window; each waiver drops its own."""
    history = facts.history
    start = history.window_start(route.window_years)
    needs = []
    for kind, months, need in (
        ("leading", history.leading, route.months_leading_projects),
        ("agile", history.agile, route.months_agile),
        ("programs", history.programs, route.months_programs),
    ):
        if any(cert in facts.active for cert in waivers(route, kind)):
            continue
        if need > 0:
            have = history.count_between(months, start, history.last_complete)
            needs.append(ExperienceNeed(kind, months, need, have))
    return needs


def _experience_words(need: ExperienceNeed, route: EligibilityRoute, catalog: Catalog) -> str:
    """A missing experience requirement in plain words, with the counts behind it."""
    what = {
        "leading": "leading projects",
        "agile": "of agile project experience",
        "programs": "managing programs",
    }[need.kind]
    within = f" within the last {plural(route.window_years, 'year')}" if route.window_years else ""
    more = plural(need.need - need.have, "more month")
    text = f"{more} {what}{within} (have {need.have} of {need.need})"
    waived_by = waivers(route, need.kind)
    if waived_by:
        text += f", or {_any_active(waived_by, catalog)}"
    return text


def _window_words(needs: list[ExperienceNeed], route: EligibilityRoute, month: Month, last: Month) -> str:
    """Why the earliest month is later than the months still missing suggest: old months fall out.

    Empty when the window plays no part (no window, or the date is as near as the missing months say).
    """
    if route.window_years is None:
        return ""
    naive = last + max(need.need - need.have for need in needs)
    if month <= naive:
        return ""
    first_counted = month - 12 * route.window_years + 1
    return (
        f"months before {month_label(first_counted)} fall out of the {route.window_years}-year window by then"
    )


def earliest_month_met(
    needs: list[ExperienceNeed], history: WorkHistory, window_years: int | None
) -> Month | None:
    """The first month at whose end every need holds, if the person does the work every month from now on.

    Simulated month by month from the current month: each new month adds one to every count, while the
    oldest month of the window drops out (and with it any experience recorded in it). None if a need can
    never be met inside its window.
    """
    window = None if window_years is None else 12 * window_years
    if window is not None and any(need.need > window for need in needs):
        return None
    current = history.last_complete + 1
    horizon = max((need.need for need in needs), default=0)
    for added in range(1, horizon + 1):
        end = current + added - 1
        start = None if window is None else end - window + 1
        new_months = added if window is None else min(added, window)
        if all(
            history.count_between(need.months, start, history.last_complete) + new_months >= need.need
            for need in needs
        ):
            return end
    return None


def check_route(route: EligibilityRoute, index: int, facts: Facts, catalog: Catalog) -> RouteCheck:
    """Judge one route: met or not, what is missing, and when time could close the gap."""
    missing: list[str] = []
    education_missing = TIER_RANK[facts.tier] < TIER_RANK[route.education]
    if education_missing:
        missing.append(TIER_WORDS[route.education])
    prerequisite_missing = bool(route.requires_any) and not any(c in facts.active for c in route.requires_any)
    if prerequisite_missing:
        missing.append(_any_active(route.requires_any, catalog))
    needs = _experience_needs(route, facts)
    short = [need for need in needs if need.have < need.need]
    experience_at = len(missing)
    missing.extend(_experience_words(need, route, catalog) for need in short)
    have_hours = facts.training_hours.get(route.training_kind, 0)
    training_waived = any(c in facts.active for c in route.training_waived_by)
    training_missing = 0 if training_waived else max(0, route.training_hours - have_hours)
    if training_missing:
        waiver = f", or {_any_active(route.training_waived_by, catalog)}" if route.training_waived_by else ""
        kind_words = TRAINING_WORDS.get(route.training_kind, "training")
        missing.append(
            f"{plural(training_missing, 'more contact hour')} of {kind_words} "
            f"(have {have_hours} of {route.training_hours}){waiver}"
        )
    met = not missing
    earliest: date | None = None
    blocked = education_missing or prerequisite_missing
    if not met and not blocked:
        if short:
            month = earliest_month_met(needs, facts.history, route.window_years)
            if month is None:
                blocked = True
            else:
                earliest = first_day(month + 1)
                why = _window_words(short, route, month, facts.history.last_complete)
                if why:  # said on the experience need itself: it is why the date is far away
                    last = experience_at + len(short) - 1
                    missing[last] = f"{missing[last]}; {why}"
        else:
            earliest = facts.today  # only training is missing: the date is when the hours are done
    return RouteCheck(
        route=route,
        index=index,
        met=met,
        missing=missing,
        blocked=blocked,
        earliest=earliest,
        training_missing=training_missing,
        education_missing=education_missing,
        prerequisite_missing=prerequisite_missing,
    )


def best_route(certification: Certification, facts: Facts, catalog: Catalog) -> RouteCheck | None:
    """The route that is met (the most demanding education tier first) or else the nearest one.

    Nearest: routes that time can close come first, by earliest date, then by fewest missing items,
    then by the most demanding education tier the person reaches (a graduate sees the degree route);
    then blocked routes by fewest missing items; content order breaks ties. None: no routes at all.
    """
    checks = [
        check_route(route, index, facts, catalog)
        for index, route in enumerate(certification.eligibility.routes)
    ]
    if not checks:
        return None
    met = [check for check in checks if check.met]
    if met:
        return min(met, key=lambda check: (-TIER_RANK[check.route.education], check.index))
    return min(
        checks,
        key=lambda check: (
            check.blocked,
            check.earliest or date.max,
            len(check.missing),
            0 if check.blocked else -TIER_RANK[check.route.education],
            check.index,
        ),
    )


def public_earliest(check: RouteCheck | None) -> date | None:
    """The earliest date as the report states it: only when time alone closes the gap.

    None when eligible now, and when something time cannot bring is missing: training hours still to
    take, a degree, a prerequisite credential, or experience the window can never hold.
    """
    if check is None or check.met or check.blocked or check.training_missing:
        return None
    return check.earliest


def status_from(certification: Certification, check: RouteCheck | None, facts: Facts) -> CertificationStatus:
    """The public status of a certification from its best route check and the person's credentials."""
    eligible = check is None or check.met
    held = facts.standing.get(certification.id)
    return CertificationStatus(
        certification=certification.id,
        name=certification.name,
        held=certification.id in facts.active,
        eligible=eligible,
        route=None if check is None else check.route.label,
        missing=[] if check is None else list(check.missing),
        earliest_date=public_earliest(check),
        course_required="" if check is None else check.route.course,
        unconfirmed=certification.eligibility.confidence == "unconfirmed",
        held_state=None if held is None else held.state,
        active_until=None if held is None else held.active_until,
        held_note="" if held is None else held.explanation,
    )


def certification_status(
    profile: Profile, certification_id: str, catalog: Catalog, today: date
) -> CertificationStatus:
    """Whether the person can sit this certification now, and if not what is missing and from when.

    Raises KeyError for a certification id the catalog lacks.
    """
    if certification_id not in catalog.certifications:
        raise KeyError(f"unknown certification id {certification_id!r}")
    certification = catalog.certifications[certification_id]
    facts = facts_for(profile, catalog, today)
    return status_from(certification, best_route(certification, facts, catalog), facts)


def all_certification_statuses(profile: Profile, catalog: Catalog, today: date) -> list[CertificationStatus]:
    """Every certification's status, in catalog order."""
    facts = facts_for(profile, catalog, today)
    return [
        status_from(certification, best_route(certification, facts, catalog), facts)
        for certification in catalog.certifications.values()
    ]


def training_summary(catalog: Catalog) -> str:
    """The contact hours each certification's rules ask for, grouped by kind of training, from the content.

    E.g. "Contact hours the rules ask for: project-management training: PMP 35, CAPM 23; agile training:
    PMI-ACP 28." Empty when no certification asks for training hours.
    """
    by_kind: dict[str, list[str]] = {}
    for certification in catalog.certifications.values():
        hours: dict[str, int] = {}
        for route in certification.eligibility.routes:
            if route.training_hours:
                hours[route.training_kind] = max(hours.get(route.training_kind, 0), route.training_hours)
        for kind, needed in hours.items():
            by_kind.setdefault(kind, []).append(f"{certification.short_name} {needed}")
    if not by_kind:
        return ""
    parts = [
        f"{TRAINING_WORDS.get(kind, kind + ' training')}: {', '.join(items)}"
        for kind, items in by_kind.items()
    ]
    return "Contact hours the rules ask for: " + "; ".join(parts) + "."
