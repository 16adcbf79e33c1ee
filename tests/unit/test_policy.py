import copy

import pytest
import yaml

from bot.errors import PolicyError
from bot.policy import parse_policy
from tests.conftest import POLICY


@pytest.fixture()
def raw():
    return yaml.safe_load(POLICY.read_text())


def test_default_policy_matches_the_brief(policy):
    assert policy.priorities["emergency"].target.unit == "hours" and policy.priorities["emergency"].target.amount == 24
    assert policy.priorities["emergency"].attend.amount == 4
    assert (policy.priorities["urgent"].target.unit, policy.priorities["urgent"].target.amount) == ("working_days", 5)
    clocks = {c.name: c for c in policy.clocks["significant"]}
    assert clocks["investigate"].duration.amount == 10
    assert clocks["written_summary"].after == "investigate" and clocks["written_summary"].duration.amount == 3
    assert clocks["safety_work_start"].duration.amount == 5
    assert [c.name for c in policy.clocks["emergency"]] == ["make_safe"]
    assert policy.hazards["gas"].hazard_class == "emergency"
    assert policy.hazards["damp_mould"].hazard_class == "significant"


def test_every_mistake_is_reported_at_once_naming_the_field(raw):
    broken = copy.deepcopy(raw)
    broken["timezone"] = "Europe/Atlantis"
    broken["priorities"]["urgent"]["target"] = {"working_days": 0}
    broken["categories"]["leak"]["priority"] = "whenever"
    broken["hazards"]["gas"]["class"] = "scary"
    broken["awaabs_law"]["significant"][1]["after"] = "never"
    with pytest.raises(PolicyError) as caught:
        parse_policy(broken, "policy.yml")
    message = str(caught.value)
    for field in ("timezone", "priorities.urgent.target.working_days", "categories.leak.priority",
                  "hazards.gas.class", "awaabs_law.significant[1].after"):
        assert field in message


@pytest.mark.parametrize("duration", [{"hours": 1, "working_days": 2}, {"days": 3}, {"hours": "four"}, "soon"])
def test_durations_must_be_one_whole_unit(raw, duration):
    raw["priorities"]["routine"]["target"] = duration
    with pytest.raises(PolicyError, match="priorities.routine.target"):
        parse_policy(raw)


def test_missing_priority_is_an_error(raw):
    del raw["priorities"]["routine"]
    with pytest.raises(PolicyError, match="missing 'routine'"):
        parse_policy(raw)


def test_a_landlord_can_change_a_timescale(raw):
    raw["priorities"]["routine"]["target"] = {"working_days": 28}
    assert parse_policy(raw).priorities["routine"].target.amount == 28
