"""What every action needs: the wired application, the catalogue, and the facts about
the conversation (which the gateway stores under the same id Rasa uses as sender)."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from typing import Any, TypeVar

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from bootstrap import Repairline, bootstrap
from bot.services.conversations import conversation_resident
from bot.services.homes import Household, household_for_resident

T = TypeVar("T")
_app: Repairline | None = None
_lock = threading.Lock()

# Intents that mean "not an answer to your question" while a form is asking something.
REPORT_DIGRESSIONS = frozenset({"check_status", "cancel_repair", "request_human", "complain", "ask_rent",
                                "report_noise", "ask_permission", "bot_challenge", "ask_help", "goodbye", "greet"})
JOURNEY_DIGRESSIONS = frozenset({"request_human"})


def app() -> Repairline:
    global _app
    if _app is None:
        with _lock:
            if _app is None:
                _app = bootstrap(with_engine=False)
    return _app


async def call(fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Run blocking service code (database) off the action server's event loop."""
    return await asyncio.to_thread(fn, *args, **kwargs)


def say(dispatcher: CollectingDispatcher, key: str, **params: Any) -> None:
    text = app().texts.get(key, **params)
    if text:
        dispatcher.utter_message(text=text)


def intent(tracker: Tracker) -> str | None:
    return (tracker.latest_message.get("intent") or {}).get("name")


def text(tracker: Tracker) -> str:
    return tracker.latest_message.get("text") or ""


def _conversation_household(key: str) -> Household | None:
    resident_id = conversation_resident(key, app().uow())
    return household_for_resident(resident_id, app().uow()) if resident_id else None


async def known_household(tracker: Tracker) -> Household | None:
    """The home this conversation is already identified with: from the slots, or from
    the channel (a resident texting from their registered phone)."""
    if tracker.get_slot("property_id") is not None:
        resident = tracker.get_slot("resident_id")
        return Household(int(tracker.get_slot("property_id")), tracker.get_slot("home") or "",
                         int(resident) if resident is not None else None)
    return await call(_conversation_household, tracker.sender_id)


def household_slots(household: Household | None) -> dict[str, Any]:
    if household is None:
        return {"home": None, "property_id": None, "resident_id": None}
    return {"home": household.address, "property_id": float(household.property_id),
            "resident_id": float(household.resident_id) if household.resident_id is not None else None}
