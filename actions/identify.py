"""Which home a conversation is about, shared by every journey that needs it.

Residents texting from a registered phone are known already. Everyone else gives a
door number and postcode or a tenancy reference, in any message of the journey.
"""

from __future__ import annotations

from typing import Any

from actions.runtime import app, call, household_slots, intent, known_household, say, text
from bot.services.homes import Household, find_household, home_clues


class HomeSlotMixin:
    """Gives a FormValidationAction the `home` slot."""

    digressions: frozenset[str] = frozenset()

    @staticmethod
    async def household_from_text(message: str) -> Household | None:
        clues = home_clues(message)
        if not clues.usable:
            return None
        return await call(find_household, clues, app().uow())

    async def extract_home(self, dispatcher, tracker, domain) -> dict[str, Any]:
        if intent(tracker) in self.digressions or tracker.get_slot("home"):
            return {}
        household = await known_household(tracker)
        if household is not None:
            return household_slots(household)
        asked = tracker.get_slot("requested_slot") == "home"
        message = text(tracker)
        household = await self.household_from_text(message)
        if household is not None:
            say(dispatcher, "home.found", address=household.address)
            return household_slots(household)
        if asked:
            if home_clues(message).usable or any(ch.isdigit() for ch in message):
                say(dispatcher, "home.not_found")
            return {"home": None}
        return {}
