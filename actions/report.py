"""The report journey: understand the problem, ask only what is missing, read it back,
log it, and tell the resident when it will be fixed."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.identify import HomeSlotMixin
from actions.runtime import REPORT_DIGRESSIONS, app, call, household_slots, intent, known_household, say, text
from bot.errors import RepairlineError
from bot.services.conversations import conversation_facts
from bot.services.homes import home_clues
from bot.services.repairs import RepairReport, report_repair
from bot.texts import format_date, format_time

REPORT_SLOTS = ("description", "category_label", "hazard_type", "needs_vulnerability", "advised_hazards",
                "location", "access_notes", "vulnerability", "confirmed", "changing")
NO_WORDS = {"no", "none", "nobody", "no one", "noone", "nope", "n", "not really", "na", "nah", "no thanks"}


def room_in(message: str) -> str | None:
    """The room named in a message, as a resident would write it ("living room")."""
    room = app().triager.lexicon.location(message)
    return room.replace("_", " ") if room else None


def _advise(dispatcher: CollectingDispatcher, hazards: list[str], already: list[str]) -> list[str]:
    """Safety advice first, once per hazard per conversation."""
    advised = list(already or [])
    for hazard in hazards:
        if hazard not in advised:
            say(dispatcher, f"safety.{hazard}")
            advised.append(hazard)
    return advised


class ActionStartReport(Action):
    def name(self) -> str:
        return "action_start_report"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict[str, Any]]:
        services = app()
        description = text(tracker)
        triage = services.triager.assess(description, reported_at=services.now())
        advised = _advise(dispatcher, list(triage.safety_advice), tracker.get_slot("advised_hazards"))
        say(dispatcher, "report.understood", label=triage.label)
        if triage.hazard:
            say(dispatcher, "report.understood_hazard")

        slots: dict[str, Any] = {name: None for name in REPORT_SLOTS}
        slots |= {
            "description": description,
            "category_label": triage.label,
            "hazard_type": triage.hazard.type if triage.hazard else None,
            "needs_vulnerability": triage.asks_about_vulnerability,
            "advised_hazards": advised,
            "location": room_in(description),
        }
        if triage.asks_about_vulnerability and services.triager.lexicon.mentions(description, "vulnerability"):
            slots["vulnerability"] = description  # "black mould in the baby's room" already told us
        household = await known_household(tracker)
        if household is None:
            household = await HomeSlotMixin.household_from_text(description)
        if household is not None:
            slots |= household_slots(household)
        return [SlotSet(k, v) for k, v in slots.items()]


class ActionHandleDetail(Action):
    """A detail with no question asked, or a message not understood. "my kitchen tap is
    dripping, I'm at 12 ZZ2 3AF" reads like an address, but it names a repair: start
    the report. Otherwise say what the bot can do."""

    def name(self) -> str:
        return "action_handle_detail"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict[str, Any]]:
        message = text(tracker)
        lexicon = app().triager.lexicon
        if lexicon.category(message) or lexicon.hazards(message):
            events = await ActionStartReport().run(dispatcher, tracker, domain)
            return events + [FollowupAction("repair_form")]
        say(dispatcher, "fallback" if intent(tracker) == "nlu_fallback" else "help")
        return []


class ValidateRepairForm(HomeSlotMixin, FormValidationAction):
    digressions = REPORT_DIGRESSIONS

    def name(self) -> str:
        return "validate_repair_form"

    async def required_slots(self, domain_slots, dispatcher, tracker, domain) -> list[str]:
        slots = ["location", "home", "access_notes"]
        if tracker.get_slot("needs_vulnerability"):
            slots.append("vulnerability")
        return slots + ["confirmed"]

    def _answering(self, tracker: Tracker, slot: str) -> bool:
        return tracker.get_slot("requested_slot") == slot and intent(tracker) not in self.digressions

    async def extract_location(self, dispatcher, tracker, domain) -> dict[str, Any]:
        if intent(tracker) in self.digressions:
            return {}
        # A room named in any answer wins ("actually it's the bathroom").
        room = room_in(text(tracker))
        if room:
            return {"location": room}
        if self._answering(tracker, "location"):
            return {"location": text(tracker)[:120]}
        return {}

    async def extract_access_notes(self, dispatcher, tracker, domain) -> dict[str, Any]:
        if self._answering(tracker, "access_notes"):
            return {"access_notes": text(tracker)[:500]}
        return {}

    async def extract_vulnerability(self, dispatcher, tracker, domain) -> dict[str, Any]:
        if self._answering(tracker, "vulnerability"):
            answer = text(tracker).strip()
            no = intent(tracker) == "deny" or answer.lower().strip(" .!") in NO_WORDS
            return {"vulnerability": "no" if no else answer[:500]}
        return {}

    async def extract_confirmed(self, dispatcher, tracker, domain) -> dict[str, Any]:
        if not self._answering(tracker, "confirmed"):
            return {}
        said = intent(tracker)
        if said == "affirm":
            return {"confirmed": True}
        message = text(tracker)
        if said == "deny" and room_in(message) in (None, tracker.get_slot("location")) \
                and not home_clues(message).usable:
            return {"confirmed": False}  # a plain "no"
        return {"confirmed": None}  # a correction or anything else: read the summary back again

    async def validate_confirmed(self, value, dispatcher, tracker, domain) -> dict[str, Any]:
        if value is False:
            return {"confirmed": None, "changing": True}  # ask what to change
        return {"confirmed": value}

    async def validate_vulnerability(self, value, dispatcher, tracker, domain) -> dict[str, Any]:
        if value and value != "no":
            # Vulnerability can make a hazard an emergency: tell the resident at once.
            services = app()
            before = tracker.get_slot("hazard_type")
            triage = services.triager.assess(tracker.get_slot("description") or "", reported_at=services.now(),
                                             vulnerable=True, vulnerability_text=value)
            if triage.hazard and triage.hazard.type != before:
                advised = _advise(dispatcher, [triage.hazard.type], tracker.get_slot("advised_hazards"))
                return {"vulnerability": value, "hazard_type": triage.hazard.type, "advised_hazards": advised}
        return {"vulnerability": value}


class AskConfirmed(Action):
    def name(self) -> str:
        return "action_ask_confirmed"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict[str, Any]]:
        if tracker.get_slot("changing"):
            say(dispatcher, "ask.what_to_change")
            return [SlotSet("changing", None)]
        texts = app().texts
        parts = [texts.get("summary.problem", label=tracker.get_slot("category_label"),
                           location=tracker.get_slot("location") or "home")]
        if tracker.get_slot("home"):
            parts.append(texts.get("summary.home", address=tracker.get_slot("home")))
        if tracker.get_slot("access_notes"):
            parts.append(texts.get("summary.access", access=tracker.get_slot("access_notes")))
        vulnerable = tracker.get_slot("vulnerability")
        if vulnerable and vulnerable != "no":
            parts.append(texts.get("summary.vulnerable", vulnerable="yes"))
        say(dispatcher, "ask.confirm", summary=", ".join(parts))
        return []


class AskSlot(Action):
    """Asks for one form slot with the catalogue's question."""

    slot = ""

    def name(self) -> str:
        return f"action_ask_{self.slot}"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict[str, Any]]:
        say(dispatcher, f"ask.{self.slot}")
        return []


class AskLocation(AskSlot):
    slot = "location"


class AskHome(AskSlot):
    slot = "home"


class AskAccessNotes(AskSlot):
    slot = "access_notes"


class AskVulnerability(AskSlot):
    slot = "vulnerability"


class ActionLogRepair(Action):
    def name(self) -> str:
        return "action_log_repair"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict[str, Any]]:
        services = app()
        clear = [SlotSet(name, None) for name in REPORT_SLOTS if name != "advised_hazards"]
        if not tracker.get_slot("confirmed") or not tracker.get_slot("description"):
            return clear
        vulnerability = tracker.get_slot("vulnerability")
        vulnerable = None if vulnerability is None else vulnerability != "no"
        resident = tracker.get_slot("resident_id")
        prop = tracker.get_slot("property_id")
        channel, reported_at = await call(conversation_facts, tracker.sender_id, tracker.get_slot("description"),
                                          services.uow())
        report = RepairReport(
            description=tracker.get_slot("description"),
            channel=channel,
            reported_at=reported_at or services.now(),
            location=tracker.get_slot("location"),
            access_notes=tracker.get_slot("access_notes"),
            property_id=int(prop) if prop is not None else None,
            resident_id=int(resident) if resident is not None else None,
            conversation_id=tracker.sender_id,
            vulnerable=vulnerable,
            vulnerability_note=vulnerability if vulnerable else None,
        )
        try:
            repair = await call(report_repair, report, services.uow(), services.triager, services.now())
        except RepairlineError:
            say(dispatcher, "report.not_logged")
            return clear
        tz = services.policy.timezone
        if repair.priority == "emergency":
            attend_hours = services.policy.priority("emergency").attend.amount
            target = services.texts.get("target.emergency", attend_hours=attend_hours,
                                        due_time=format_time(repair.attend_by, tz, services.now()))
        else:
            target = services.texts.get(f"target.{repair.priority}", due_date=format_date(repair.target_due_at, tz))
        say(dispatcher, "report.logged", reference=repair.reference, target=target)
        return clear + [SlotSet("last_reference", repair.reference)]


class ActionDiscardReport(Action):
    def name(self) -> str:
        return "action_discard_report"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict[str, Any]]:
        say(dispatcher, "report.discarded")
        return [SlotSet(name, None) for name in REPORT_SLOTS if name != "advised_hazards"]
