"""Triage on rules alone: category, priority, hazard, advice, clocks."""

from datetime import timedelta

import pytest

from tests.conftest import london

MONDAY = london(2026, 11, 23, 10, 0)


def assess(triager, text, **kw):
    return triager.assess(text, reported_at=MONDAY, **kw)


@pytest.mark.parametrize("text, priority, hazard", [
    ("I can smell gas in the kitchen", "emergency", ("gas", "emergency")),
    ("i smel gas", "emergency", ("gas", "emergency")),
    ("carbon monoxide alarm keeps going off", "emergency", ("carbon_monoxide", "emergency")),
    ("socket is sparking", "emergency", ("electrical", "emergency")),
    ("water coming through the kitchen ceiling", "emergency", ("flooding", "emergency")),
    ("sewage coming up through the bath", "emergency", ("sewage", "emergency")),
    ("front door won't lock", "emergency", ("insecure", "emergency")),
    ("black mould on the bedroom wall", "urgent", ("damp_mould", "significant")),
    ("mold in the bathroom", "urgent", ("damp_mould", "significant")),
    ("no heating", "urgent", None),
    ("my kitchen tap is dripping", "routine", None),
    ("cupboard door hanging off", "routine", None),
    ("no smell of gas, the boiler shows F28", "urgent", None),
])
def test_priority_and_hazard(triager, text, priority, hazard):
    result = assess(triager, text, vulnerable=False)
    assert result.priority == priority
    assert (result.hazard and (result.hazard.type, result.hazard.hazard_class)) == (hazard or None)


def test_no_heating_is_an_emergency_for_a_vulnerable_household(triager):
    result = assess(triager, "no heating and no hot water", vulnerable=True)
    assert (result.hazard.type, result.hazard.hazard_class, result.priority) == ("no_heating", "emergency", "emergency")
    assert result.asks_about_vulnerability


def test_widespread_mould_with_a_child_with_asthma_is_an_emergency(triager):
    plain = assess(triager, "black mould in the baby's room")
    assert plain.vulnerable and plain.hazard.hazard_class == "significant"  # a baby, but not widespread
    severe = assess(triager, "mould all over the bedroom", vulnerable=True, vulnerability_text="my son has asthma")
    assert (severe.hazard.hazard_class, severe.priority) == ("emergency", "emergency")


def test_emergency_clocks_and_targets(triager):
    result = assess(triager, "smell gas")
    assert result.attend_by - MONDAY == timedelta(hours=4)
    assert result.target_due_at - MONDAY == timedelta(hours=24)
    assert [(c.name, c.due_at - MONDAY) for c in result.clocks] == [("make_safe", timedelta(hours=24))]
    assert result.safety_advice == ("gas",)


def test_damp_clocks_count_from_the_investigation(triager, policy):
    result = assess(triager, "damp and condensation in the bedroom", vulnerable=False)
    clocks = {c.name: c for c in result.clocks}
    assert clocks["written_summary"].basis == "investigate"
    tz = policy.timezone
    assert clocks["investigate"].due_at.astimezone(tz).date().isoformat() == "2026-12-07"
    assert clocks["supplementary_work"].due_at.astimezone(tz).date().isoformat() == "2027-03-01"


def test_the_most_serious_hazard_leads_and_every_hazard_gets_advice(triager):
    result = assess(triager, "water pouring through the ceiling onto the sockets and they're sparking")
    assert result.hazard.hazard_class == "emergency"
    assert set(result.safety_advice) >= {"electrical", "flooding"}
    assert result.safety_advice[0] == result.hazard.type


@pytest.mark.parametrize("text, lang", [
    ("czuję gaz w kuchni", "pl"), ("گیس کی بو آ رہی ہے", "ur"), ("رائحة غاز في المطبخ", "ar"),
])
def test_hazards_in_other_languages_need_no_translation(triager, text, lang):
    result = assess(triager, text)
    assert result.hazard.type == "gas" and result.priority == "emergency"
    assert result.language == lang


def test_short_english_never_looks_foreign(triager):
    for text in ("my kitchen tap is dripping", "doorbell broken", "boiler broken", "leak"):
        assert assess(triager, text).language == "en"


def test_rent_question_is_not_a_repair_unless_it_mentions_a_hazard(triager):
    assert not assess(triager, "how do I pay my rent", intent="ask_rent").is_repair
    assert assess(triager, "rent question but also I smell gas", intent="ask_rent").is_repair
