"""Shared fixtures. Layers: tests/unit (pure domain), tests/integration (database,
HTTP through FastAPI), tests/e2e (real Rasa, action server and gateway processes)."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

from bot.settings import ROOT, Settings

POLICY = ROOT / "policy" / "policy.yml"


@pytest.fixture(scope="session")
def policy():
    from bot.policy import load_policy

    return load_policy(POLICY)


@pytest.fixture(scope="session")
def calendar(policy):
    from bot.calendar import WorkingCalendar

    return WorkingCalendar(policy)


@pytest.fixture(scope="session")
def lexicon():
    from bot.keywords import Lexicon

    return Lexicon.load(ROOT / "data" / "lookups")


@pytest.fixture(scope="session")
def texts():
    from bot.texts import Texts

    return Texts.load(ROOT / "policy" / "messages", {"landlord": "Brookfield", "landlord_phone": "0306 999 0000"})


@pytest.fixture(scope="session")
def triager(policy, lexicon, calendar, texts):
    from bot.triage import Triager

    return Triager(policy, lexicon, calendar, texts)


def london(*args) -> datetime:
    from zoneinfo import ZoneInfo

    return datetime(*args, tzinfo=ZoneInfo("Europe/London"))


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=timezone.utc)


def settings_for(tmp_path: Path, **overrides) -> Settings:
    values = {"data_dir": tmp_path, "staff_api_keys": "alex:" + "k" * 32, "rasa_url": "http://127.0.0.1:9"}
    values.update(overrides)
    return Settings(**values)
