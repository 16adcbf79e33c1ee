"""The deterministic hazard rules: the project's hazard test set must be caught in
full, and nothing flagged where there is no hazard."""

from __future__ import annotations

import time

import pytest
import yaml

from bot.keywords import Lexicon, normalise, tokens
from bot.settings import ROOT

CASES = yaml.safe_load((ROOT / "tests" / "data" / "hazard_cases.yml").read_text(encoding="utf-8"))
HAZARD_CASES = [c for c in CASES if c["hazards"]]
CLEAR_CASES = [c for c in CASES if not c["hazards"]]


def case_id(case):
    return f"{case['lang']}:{case['text'][:40]}"


@pytest.mark.parametrize("case", HAZARD_CASES, ids=case_id)
def test_every_hazard_in_the_test_set_is_found(lexicon, case):
    found = set(lexicon.hazards(case["text"]))
    missing = set(case["hazards"]) - found
    assert not missing, f"missed {missing} in {case['text']!r} (found {found})"


@pytest.mark.parametrize("case", CLEAR_CASES, ids=case_id)
def test_no_hazard_where_there_is_none(lexicon, case):
    assert lexicon.hazards(case["text"]) == [], case["text"]


def test_the_test_set_is_broad():
    languages = {c["lang"] for c in HAZARD_CASES}
    assert languages >= {"en", "pl", "ro", "ur", "pa", "bn", "ar", "so", "pt", "es", "tr", "lt", "fr", "cy"}
    types = {h for c in HAZARD_CASES for h in c["hazards"]}
    assert types == {"gas", "carbon_monoxide", "electrical", "no_power", "flooding", "sewage", "insecure",
                     "structural", "fire_safety", "no_heating", "damp_mould"}
    assert len(CLEAR_CASES) >= 60


@pytest.mark.parametrize("text, hazards", [
    ("no smell of gas, the boiler shows F28", []),
    ("I don't smell gas any more", []),
    ("there is no power in the flat", ["no_power"]),
    ("no heating and no hot water", ["no_heating"]),
    ("no gas smell before, but now I can smell gas", ["gas"]),
    ("i smel gas", ["gas"]),
    ("mold in the bathroom", ["damp_mould"]),
    ("condensaton on the windows every morning", ["damp_mould"]),
])
def test_negation_and_misspellings(lexicon, text, hazards):
    assert [h for h in lexicon.hazards(text) if h in hazards or not hazards] == hazards


@pytest.mark.parametrize("text", ["would you fix the window", "could you look at the lino",
                                  "parking bay lines faded", "gazeta leży na schodach"])
def test_common_words_are_not_misread_as_hazards(lexicon, text):
    assert lexicon.hazards(text) == []


def test_categories_and_rooms(lexicon):
    assert lexicon.category("my kitchen tap is dripping") == "dripping_tap"
    assert lexicon.category("the bedroom door sticks") == "door"
    assert lexicon.category("no idea what this is") is None
    assert lexicon.location("my kitchen tap is dripping") == "kitchen"
    assert lexicon.location("actually it's the bathroom not the kitchen") == "bathroom"
    assert lexicon.location("czuję gaz w kuchni") == "kitchen"
    assert lexicon.location("it is broken") is None


def test_signals(lexicon):
    assert lexicon.mentions("black mould in the baby's room", "vulnerability")
    assert lexicon.mentions("mould all over the walls", "widespread")
    assert lexicon.mentions("my son has asthma", "respiratory")
    assert not lexicon.mentions("the tap drips", "vulnerability")
    with pytest.raises(ValueError):
        lexicon.mentions("x", "astrology")


@pytest.mark.parametrize("text", [
    "gas\u200b leak",  # zero-width space
    "GAS LEAK",
    "ｇａｓ leak",  # full-width letters (NFKC)
    "smell gas 🔥🔥",
    "\u202egas leak",  # right-to-left override
])
def test_odd_unicode_still_finds_gas(lexicon, text):
    assert "gas" in lexicon.hazards(text)


def test_diacritics_do_not_matter():
    assert normalise("Łazienka ŚCIANA") == normalise("lazienka sciana")
    assert tokens("don't  smell, gas!") == ["dont", "smell", "gas"]


def test_empty_and_huge_texts(lexicon):
    assert lexicon.hazards("") == [] and lexicon.category("") is None
    huge = "the tap in my kitchen drips and the cupboard is loose " * 200  # ~10 kB
    start = time.perf_counter()
    assert lexicon.hazards(huge) == []
    assert time.perf_counter() - start < 2.0  # linear, no pathological backtracking


def test_malformed_lookup_files_are_refused_with_the_file_named(tmp_path):
    (tmp_path / "bad.yml").write_text('version: "3.1"\nnlu:\n- lookup: hazzard_gas\n  examples: |\n    - gas\n')
    with pytest.raises(ValueError, match="bad.yml"):
        Lexicon.load(tmp_path)
    (tmp_path / "bad.yml").write_text('version: "3.1"\nnlu:\n- lookup: hazard_gas\n  examples: |\n    gas\n')
    with pytest.raises(ValueError, match="does not start with"):
        Lexicon.load(tmp_path)
