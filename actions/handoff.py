"""Asking for a person, and complaints."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.runtime import app, call, intent, known_household, say, text
from bot.errors import RepairlineError
from bot.services.complaints import make_complaint
from bot.services.handoff import request_handoff
from bot.texts import format_date

# A complaint message of at least this many words already says what it is about.
SUBSTANTIVE_WORDS = 7


class ActionRequestHuman(Action):
    def name(self) -> str:
        return "action_request_human"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict[str, Any]]:
        services = app()
        urgent = bool(tracker.get_slot("hazard_type")) or bool(services.triager.advice_hazards(text(tracker)))
        try:
            await call(request_handoff, tracker.sender_id, "asked_for_person", services.uow(), services.now(), urgent)
        except RepairlineError:
            pass  # not a gateway conversation (e.g. `rasa shell`): still answer honestly
        say(dispatcher, "handoff.requested")
        return []


class ValidateComplaintForm(FormValidationAction):
    def name(self) -> str:
        return "validate_complaint_form"

    async def extract_complaint_text(self, dispatcher, tracker, domain) -> dict[str, Any]:
        if tracker.get_slot("complaint_text") or intent(tracker) == "request_human":
            return {}
        message = text(tracker)
        asked = tracker.get_slot("requested_slot") == "complaint_text"
        if asked or len(message.split()) >= SUBSTANTIVE_WORDS:
            return {"complaint_text": message[:4000]}
        return {}


class AskComplaintText(Action):
    def name(self) -> str:
        return "action_ask_complaint_text"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict[str, Any]]:
        say(dispatcher, "ask.complaint_text")
        return []


class ActionLogComplaint(Action):
    def name(self) -> str:
        return "action_log_complaint"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict[str, Any]]:
        services = app()
        complaint_text = tracker.get_slot("complaint_text")
        household = await known_household(tracker)
        try:
            complaint = await call(make_complaint, complaint_text, tracker.sender_id,
                                   household.resident_id if household else None, services.uow(), services.policy,
                                   services.calendar, services.now())
        except RepairlineError:
            say(dispatcher, "report.not_logged")
            return [SlotSet("complaint_text", None)]
        say(dispatcher, "complaint.logged", reference=complaint.reference,
            acknowledge_date=format_date(complaint.acknowledge_by, services.policy.timezone))
        return [SlotSet("complaint_text", None)]
