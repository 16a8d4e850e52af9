"""Property tests: every valid plan round-trips exactly, and the loader never raises anything unexpected."""

from __future__ import annotations

import contextlib
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pathfinder.errors import PlanFileError
from pathfinder.plan.models import STEP_STATUSES, HistoryPoint, Plan, Step
from pathfinder.plan.store import load_plan, plan_from_toml, plan_to_toml
from pathfinder.profile import Degree, HeldCertification, Profile, Role

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
NOW = datetime(2026, 1, 1, tzinfo=UTC)

PRINTABLE = st.characters(
    exclude_categories=["Cc", "Cs"],
    exclude_characters="\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069",
    include_characters="\t\n",
)
"""What a plan's text may hold: no control characters (pathfinder.safe_text), tab and line feed aside."""
text = st.text(PRINTABLE, max_size=40)
ids = st.from_regex(r"\A[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,2}\Z")
months = st.builds(lambda y, m: f"{y:04d}-{m:02d}", st.integers(1950, 2040), st.integers(1, 12))
offsets = st.integers(-14 * 60, 14 * 60).map(lambda minutes: timezone(timedelta(minutes=minutes)))
moments = st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2200, 1, 1), timezones=offsets)
scores = st.floats(min_value=0, max_value=100, allow_nan=False)


@st.composite
def roles(draw: st.DrawFn) -> Role:
    start = draw(months)
    end = draw(st.none() | months.filter(lambda month: month >= start))
    return Role(
        title=draw(st.text(PRINTABLE, min_size=1, max_size=30)),
        background=draw(st.none() | text),
        industry=draw(st.text(PRINTABLE, max_size=20)),
        start=start,
        end=end,
        led_projects=draw(st.booleans()),
        agile=draw(st.booleans()),
        managed_programs=draw(st.booleans()),
    )


profiles = st.builds(
    Profile,
    name=st.text(PRINTABLE, max_size=30),
    roles=st.lists(roles(), max_size=3),
    degrees=st.lists(
        st.builds(Degree, level=text, field=text, gac_accredited=st.booleans(), completed=st.none() | months),
        max_size=2,
    ),
    certifications=st.lists(
        st.builds(
            HeldCertification, id=text, earned=st.dates(), status=st.sampled_from(["active", "lapsed"])
        ),
        max_size=2,
    ),
    pm_training_hours=st.integers(0, 5000),
    agile_training_hours=st.integers(0, 5000),
    skills=st.dictionaries(text, st.integers(0, 4), max_size=4),
)

steps = st.builds(
    Step,
    id=ids,
    title=st.text(PRINTABLE, min_size=1, max_size=40),
    kind=st.sampled_from(["skill", "certification", "experience", "education", "custom"]),
    status=st.sampled_from(STEP_STATUSES),
    due=st.none() | st.dates(min_value=date(1900, 1, 1)),
    notes=st.text(PRINTABLE, max_size=200),
    effort_hours=st.none() | st.integers(0, 5000),
    ref=st.none() | text,
    resources=st.lists(text, max_size=3),
)

history = st.builds(
    HistoryPoint,
    at=moments,
    target_score=st.none() | scores,
    scores=st.dictionaries(text, st.floats(allow_nan=False), max_size=4),
    steps_done=st.integers(0, 10_000),
)

plans = st.builds(
    Plan,
    name=st.text(PRINTABLE, min_size=1, max_size=60),
    created=moments,
    updated=moments,
    content_version=text,
    target=st.none() | ids,
    profile=profiles,
    steps=st.lists(steps, max_size=4),
    history=st.lists(history, max_size=3),
)


@SETTINGS
@given(plans)
def test_every_valid_plan_round_trips_exactly(plan: Plan) -> None:
    written = plan_to_toml(plan)
    loaded = plan_from_toml(written)
    assert loaded == plan
    assert plan_to_toml(loaded) == written


@SETTINGS
@given(st.text(max_size=300))
def test_any_text_loads_or_raises_plan_file_error(document: str) -> None:
    with contextlib.suppress(PlanFileError):
        plan_from_toml(document, now=NOW)


TOMLISH = st.lists(
    st.sampled_from(
        [
            "[profile]\n",
            "[[steps]]\n",
            "[[history]]\n",
            "[profile.skills]\n",
            "[[profile.roles]]\n",
            "schema_version = 1\n",
            "schema_version = 2\n",
            "created = 2026-01-01T00:00:00Z\n",
            "updated = 2026-01-01\n",
            'id = "a"\n',
            'title = "t"\n',
            'kind = "skill"\n',
            'status = "done"\n',
            "due = 2026-02-30\n",
            'start = "2020-01"\n',
            "x = [[[[1]]]]\n",
            "sql = 3\n",
            'name = "n"\n',
            "at = 1979-05-27T07:32:00-08:00\n",
            "scores = { a = 1.5 }\n",
            "= \n",
        ]
    ),
    max_size=12,
).map("".join)


@SETTINGS
@given(TOMLISH)
def test_toml_like_text_loads_or_raises_plan_file_error(document: str) -> None:
    with contextlib.suppress(PlanFileError):
        plan_from_toml(document, now=NOW)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_load_or_raise_plan_file_error(
    tmp_path_factory: pytest.TempPathFactory, data: bytes
) -> None:
    directory = tmp_path_factory.mktemp("bytes")
    path = directory / "plan.toml"
    path.write_bytes(data)
    with contextlib.suppress(PlanFileError):
        load_plan(path, now=NOW)
