"""The status and cancel journeys. A resident only ever sees their own home's repairs."""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.identify import HomeSlotMixin
from actions.runtime import JOURNEY_DIGRESSIONS, app, call, intent, known_household, say, text
from bot.domain.model import Repair
from bot.errors import InvalidTransition, NotFound
from bot.services.homes import Household
from bot.services import repairs as repair_service
from bot.texts import format_date

REFERENCE = re.compile(r"\bRL\s?-?(\d{6})\b", re.IGNORECASE)


def reference_in(message: str) -> str | None:
    match = REFERENCE.search(message or "")
    return f"RL{match.group(1)}" if match else None


def _label(repair: Repair) -> str:
    rule = app().policy.categories.get(repair.category)
    return rule.label if rule else repair.category


def describe(repair: Repair) -> str:
    services = app()
    tz = services.policy.timezone
    if repair.status == "completed" and repair.completed_at:
        due = services.texts.get("status.due_done", done_date=format_date(repair.completed_at, tz))
    elif repair.status == "cancelled":
        due = services.texts.get("status.due_cancelled")
    else:
        due = services.texts.get("status.due_open", due_date=format_date(repair.target_due_at, tz))
    return services.texts.get("status.item", reference=repair.reference, label=_label(repair),
                              status=services.texts.get(f"status.words.{repair.status}"), due=due).strip()


async def household_repairs(household: Household | None) -> list[Repair]:
    """The repairs a known household may see: its own, newest first."""
    if household is None:
        return []
    return await call(repair_service.repairs_for_resident, household.resident_id or -1, household.property_id,
                      app().uow())


class ValidateStatusForm(HomeSlotMixin, FormValidationAction):
    digressions = JOURNEY_DIGRESSIONS

    def name(self) -> str:
        return "validate_status_form"


class ActionCheckStatus(Action):
    def name(self) -> str:
        return "action_check_status"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict[str, Any]]:
        household = await known_household(tracker)
        if household is None:
            # Asked in the middle of a report, before we know the home.
            say(dispatcher, "status.wait_for_report")
            return []
        services = app()
        reference = reference_in(text(tracker)) or reference_in(" ".join(
            e.get("text") or "" for e in tracker.events if e.get("event") == "user"
            and (e.get("parse_data") or {}).get("intent", {}).get("name") == "check_status"))
        if reference:
            try:
                repair = await call(repair_service.repair_for_resident, reference, household.resident_id,
                                    household.property_id, services.uow())
            except NotFound:
                say(dispatcher, "status.not_found")
                return []
            dispatcher.utter_message(text=describe(repair))
            return []
        mine = await household_repairs(household)
        recent = sorted(mine, key=lambda r: not r.is_open)[:5]  # open ones first, newest first
        if not recent:
            say(dispatcher, "status.none")
            return []
        lines = [services.texts.get("status.list_intro")] + [describe(r) for r in recent]
        dispatcher.utter_message(text="\n".join(lines))
        return []


class ValidateCancelForm(HomeSlotMixin, FormValidationAction):
    digressions = JOURNEY_DIGRESSIONS

    def name(self) -> str:
        return "validate_cancel_form"

    async def _open_repairs(self, tracker: Tracker) -> list[Repair]:
        return [r for r in await household_repairs(await known_household(tracker)) if r.is_open]

    async def extract_cancel_reference(self, dispatcher, tracker, domain) -> dict[str, Any]:
        if intent(tracker) in self.digressions or tracker.get_slot("cancel_reference"):
            return {}
        if not tracker.get_slot("home") and tracker.get_slot("property_id") is None:
            return {}
        reference = reference_in(text(tracker)) or reference_in(_first_cancel_message(tracker))
        open_repairs = await self._open_repairs(tracker)
        if reference:
            if any(r.reference == reference for r in open_repairs):
                return {"cancel_reference": reference}
            say(dispatcher, "status.not_found")
            return {"cancel_reference": None}
        if len(open_repairs) == 1:
            return {"cancel_reference": open_repairs[0].reference}
        if not open_repairs:
            say(dispatcher, "cancel.none_open")
            return {"cancel_reference": "none"}
        return {"cancel_reference": None} if tracker.get_slot("requested_slot") == "cancel_reference" else {}

    async def extract_cancel_confirmed(self, dispatcher, tracker, domain) -> dict[str, Any]:
        if tracker.get_slot("requested_slot") != "cancel_confirmed" or intent(tracker) in self.digressions:
            return {}
        said = intent(tracker)
        if said in ("affirm", "deny"):
            return {"cancel_confirmed": said == "affirm"}
        return {"cancel_confirmed": None}

    async def required_slots(self, domain_slots, dispatcher, tracker, domain) -> list[str]:
        if tracker.get_slot("cancel_reference") == "none":
            return ["home", "cancel_reference"]  # nothing to cancel: finish
        return ["home", "cancel_reference", "cancel_confirmed"]


def _first_cancel_message(tracker: Tracker) -> str:
    for event in reversed(tracker.events):
        if event.get("event") == "user" and (event.get("parse_data") or {}).get("intent", {}).get("name") == "cancel_repair":
            return event.get("text") or ""
    return ""


class AskCancelReference(Action):
    def name(self) -> str:
        return "action_ask_cancel_reference"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict[str, Any]]:
        mine = await household_repairs(await known_household(tracker))
        listing = "; ".join(f"{r.reference} ({_label(r)})" for r in mine if r.is_open)
        say(dispatcher, "ask.cancel_reference", repairs=listing)
        return []


class AskCancelConfirmed(Action):
    def name(self) -> str:
        return "action_ask_cancel_confirmed"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict[str, Any]]:
        reference = tracker.get_slot("cancel_reference")
        household = await known_household(tracker)
        try:
            repair = await call(repair_service.repair_for_resident, reference, household.resident_id,
                                household.property_id, app().uow())
            label = _label(repair)
        except (NotFound, AttributeError):
            label = "repair"
        say(dispatcher, "ask.cancel_confirm", reference=reference, label=label)
        return []


class ActionCancelRepair(Action):
    def name(self) -> str:
        return "action_cancel_repair"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict[str, Any]]:
        reference = tracker.get_slot("cancel_reference")
        reset = [SlotSet("cancel_reference", None), SlotSet("cancel_confirmed", None)]
        if not reference or reference == "none":
            return reset
        if not tracker.get_slot("cancel_confirmed"):
            say(dispatcher, "cancel.kept", reference=reference)
            return reset
        services = app()
        household = await known_household(tracker)
        reason = _first_cancel_message(tracker)[:500] or "resident asked to cancel"
        try:
            await call(repair_service.cancel_repair, reference, household.resident_id, household.property_id,
                       reason, services.uow(), services.now())
        except NotFound:
            say(dispatcher, "status.not_found")
            return reset
        except InvalidTransition:
            repair = await call(repair_service.repair_for_resident, reference, household.resident_id,
                                household.property_id, services.uow())
            say(dispatcher, "cancel.not_open", reference=reference,
                status=services.texts.get(f"status.words.{repair.status}"))
            return reset
        say(dispatcher, "cancel.done", reference=reference)
        return reset
