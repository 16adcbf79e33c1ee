"""The message catalogue, and what the gateway accepts as a message."""

import pytest

from bot.errors import InvalidInput
from bot.services.conversations import clean_text
from bot.services.homes import home_clues, normalise_phone, normalise_postcode
from bot.texts import format_date, format_time
from tests.conftest import london


def test_every_hazard_and_priority_has_its_texts(texts, policy):
    for hazard in policy.hazards:
        assert texts.has(f"safety.{hazard}")
    for priority in policy.priorities:
        assert texts.has(f"target.{priority}")


def test_gas_advice_says_what_the_national_gas_emergency_service_says(texts):
    advice = texts.get("safety.gas")
    assert "0800 111 999" in advice and "leave" in advice and "switches" in advice


def test_placeholders_are_filled_and_a_missing_one_does_not_crash(texts):
    assert "Brookfield" in texts.get("greet")
    assert "{reference}" in texts.get("report.logged", target="x")


def test_dates_in_plain_words(policy):
    assert format_date(london(2026, 12, 4, 12, 0), policy.timezone) == "Friday 4 December"
    now = london(2026, 12, 4, 9, 0)
    assert format_time(london(2026, 12, 4, 13, 40), policy.timezone, now) == "1:40pm today"
    assert format_time(london(2026, 12, 5, 9, 5), policy.timezone, now) == "9:05am tomorrow"


@pytest.mark.parametrize("raw", ["", "   ", "\x00", "a\x07b", "\udcff", "x" * 2001, None, 5])
def test_unacceptable_messages(raw):
    with pytest.raises(InvalidInput):
        clean_text(raw, 2000)


@pytest.mark.parametrize("raw, stored", [
    ("  hello \r\n there ", "hello \n there"),
    ("e\u0301", "\u00e9"),  # NFC
    ("دروازہ\u200f ٹوٹا", "دروازہ\u200f ٹوٹا"),  # direction marks are text
    ("👨\u200d👩\u200d👧 🔧", "👨\u200d👩\u200d👧 🔧"),
])
def test_acceptable_messages_are_kept_as_written(raw, stored):
    assert clean_text(raw, 2000) == stored


def test_home_clues():
    assert home_clues("flat 12, zz1 1aa").door_number == "12"
    assert home_clues("flat 12, zz1 1aa").postcode == "ZZ1 1AA"
    assert home_clues("my ref is ten 0042").tenancy_ref == "TEN-0042"
    assert not home_clues("the kitchen").usable
    assert normalise_postcode("sw1a1aa") == "SW1A 1AA"


def test_phone_numbers_normalise_to_e164():
    assert normalise_phone("07700 900101") == "+447700900101"
    assert normalise_phone("whatsapp:+447700900101") == "+447700900101"
    with pytest.raises(InvalidInput):
        normalise_phone("not a number")
