"""Which home a conversation is about, shared by every journey that needs it.

Residents texting from a registered phone are known already. Everyone else gives a
door number and postcode or a tenancy reference, in any message of the journey.

rasa-sdk keeps only a form's own slots from `extract_` methods, so extraction passes
the candidate text on and `validate_home` resolves it and sets the household's ids.
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
        if intent(tracker) in self.digressions:
            return {}
        message = text(tracker)
        if home_clues(message).usable:  # first mention, or a correction ("no, it's 5 ZZ1 1AA")
            return {"home": message}
        if tracker.get_slot("home"):
            return {}
        if tracker.get_slot("requested_slot") == "home" or await known_household(tracker) is not None:
            return {"home": message}
        return {}

    async def validate_home(self, value, dispatcher, tracker, domain) -> dict[str, Any]:
        household = await self.household_from_text(value or "")
        if household is not None:
            if household.property_id != tracker.get_slot("property_id"):
                say(dispatcher, "home.found", address=household.address)
            return household_slots(household)
        household = await known_household(tracker)
        if household is not None:
            return household_slots(household)
        if value and (home_clues(value).usable or any(ch.isdigit() for ch in value)):
            say(dispatcher, "home.not_found")
        return {"home": None}
