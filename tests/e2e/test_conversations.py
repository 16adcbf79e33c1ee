"""Whole conversations through the gateway, the real Rasa server and action server."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.e2e

REFERENCE = re.compile(r"\b(RL\d{6})\b")


def asked(replies, texts, key) -> bool:
    return texts.get(key) in replies


def logged_reference(replies) -> str:
    for reply in replies:
        if "repair is logged" in reply:
            return REFERENCE.search(reply).group(1)
    raise AssertionError(f"no repair logged in {replies}")


def test_report_a_routine_repair_from_start_to_finish(resident, texts, db):
    replies = resident.say("the bedroom door sticks and won't close properly")
    assert any("door problem" in r for r in replies), resident
    assert asked(replies, texts, "ask.home"), resident  # the room was in the first message
    replies = resident.say("flat 4, ZZ1 2AD")
    assert any("4 Willow Close" in r for r in replies), resident
    assert asked(replies, texts, "ask.access_notes"), resident
    replies = resident.say("any weekday after 10am")
    assert any("Please check" in r and "bedroom" in r and "after 10am" in r for r in replies), resident
    assert not any("vulnerable" in r for r in replies)  # no hazard: not asked
    replies = resident.say("yes")
    reference = logged_reference(replies)
    assert re.search(r"We aim to fix this by \w+day \d{1,2} \w+\.", resident.last()), resident
    with db() as uow:
        repair = uow.repairs.get(reference)
        assert (repair.location, repair.priority, repair.category) == ("bedroom", "routine", "door")
        assert repair.access_notes == "any weekday after 10am"
        assert repair.description == "the bedroom door sticks and won't close properly"
        assert repair.property_id is not None and repair.conversation_id == resident.conversation_id


def test_several_facts_in_one_message_and_a_correction(resident, texts, db):
    replies = resident.say("my kitchen tap is dripping, I'm at 12 ZZ2 3AF")
    assert asked(replies, texts, "ask.access_notes"), resident
    replies = resident.say("mornings are best")
    assert any("kitchen" in r for r in replies), resident
    replies = resident.say("actually it's the bathroom not the kitchen")
    assert any("Please check" in r and "bathroom" in r for r in replies), resident
    reference = logged_reference(resident.say("yes that's right"))
    with db() as uow:
        assert uow.repairs.get(reference).location == "bathroom"


def test_correcting_the_address_at_the_summary(resident, db):
    resident.say("the lino in my hallway is ripped")
    resident.say("flat 1, ZZ1 1AB")
    resident.say("weekday mornings")
    replies = resident.say("no, wrong flat, it's 3 ZZ1 1AB")
    assert any("Please check" in r and "Flat 3" in r for r in replies), resident
    reference = logged_reference(resident.say("yes"))
    with db() as uow:
        repair = uow.repairs.get(reference)
        assert uow.properties.get(repair.property_id).door_number == "3"


def test_gas_gets_safety_advice_in_the_first_reply_and_an_emergency_timescale(resident, texts, db):
    replies = resident.say("i smel gas in my kitchen")
    assert "0800 111 999" in replies[0], resident
    assert sum("0800 111 999" in r for r in replies) == 1, resident
    resident.say("1, ZZ1 1AA")
    replies = resident.say("I'm in all day")
    assert asked(replies, texts, "ask.vulnerability"), resident
    replies = resident.say("no")
    assert any("Please check" in r for r in replies), resident
    replies = resident.say("yes")
    reference = logged_reference(replies)
    assert "within 4 hours" in resident.last(), resident
    with db() as uow:
        repair = uow.repairs.get(reference)
        assert (repair.priority, repair.hazard_type, repair.hazard_class) == ("emergency", "gas", "emergency")
        conversation = uow.conversations.get(resident.conversation_id)
        assert uow.handoffs.open_for(conversation.id, "emergency_hazard").urgent


def test_vulnerability_turns_mould_into_an_emergency(resident, texts, db):
    replies = resident.say("there's mould everywhere in the back bedroom")
    assert any("do not paint over" in r for r in replies), resident  # damp advice first
    resident.say("TEN-0015")
    replies = resident.say("anytime")
    assert asked(replies, texts, "ask.vulnerability"), resident
    resident.say("my son is 4 and has asthma")
    reference = logged_reference(resident.say("yes"))
    with db() as uow:
        repair = uow.repairs.get(reference)
        assert (repair.hazard_type, repair.hazard_class, repair.priority) == ("damp_mould", "emergency", "emergency")
        assert "asthma" not in repair.description


def test_damp_without_vulnerability_opens_the_significant_hazard_clocks(resident, db):
    resident.say("damp patches on the living room wall")
    resident.say("3, ZZ3 4AG")
    resident.say("weekday mornings")
    resident.say("no")
    reference = logged_reference(resident.say("yes"))
    with db() as uow:
        repair = uow.repairs.get(reference)
        assert repair.hazard_class == "significant"
        assert {c.name for c in repair.clocks} >= {"investigate", "written_summary", "safety_work_start"}


def test_a_status_question_in_the_middle_of_a_report(resident, texts):
    resident.say("the fence panel in my garden has blown down")
    replies = resident.say("what's happening with my other repair?")
    assert texts.get("status.wait_for_report") in replies, resident
    assert asked(replies, texts, "ask.home"), resident  # and the report carries on


def test_status_after_identifying_and_never_someone_elses(resident, service, texts):
    resident.say("toilet won't flush in the bathroom, 14 ZZ2 3AF")
    resident.say("after 3pm")
    reference = logged_reference(resident.say("yes"))

    from tests.e2e.conftest import Resident

    other = Resident(service)
    replies = other.say(f"any update on {reference}?")
    assert asked(replies, texts, "ask.home") or texts.get("home.need_to_identify") in replies, other
    replies = other.say("1, ZZ2 3AE")
    assert texts.get("status.not_found") in replies, other
    assert not any(reference in r for r in replies), other

    owner = Resident(service)
    owner.say("has my job been booked?")
    replies = owner.say("14 ZZ2 3AF")
    assert any(reference in r and "logged, not yet booked" in r for r in replies), owner


def test_cancel_a_repair(resident, service, texts, db):
    resident.say("the extractor fan in the kitchen is broken, 5, ZZ1 1AA")
    resident.say("anytime")
    reference = logged_reference(resident.say("yes"))
    replies = resident.say("please cancel my repair, I fixed it myself")
    assert any(reference in r and "(yes/no)" in r for r in replies), resident
    replies = resident.say("yes")
    assert texts.get("cancel.done", reference=reference) in replies, resident
    with db() as uow:
        assert uow.repairs.get(reference).status == "cancelled"


def test_complaint_is_logged_with_the_handling_code_date(resident, texts, db):
    replies = resident.say("I want to make a complaint")
    assert asked(replies, texts, "ask.complaint_text"), resident
    replies = resident.say("the plumber never turned up on Tuesday and nobody called me")
    assert any(re.search(r"CP\d{6}", r) and "acknowledge it by" in r for r in replies), resident


def test_asking_for_a_person_puts_the_conversation_in_the_agent_queue(resident, texts, db):
    replies = resident.say("can I speak to a real person please")
    assert texts.get("handoff.requested") in replies, resident
    with db() as uow:
        conversation = uow.conversations.get(resident.conversation_id)
        assert conversation.status == "waiting_for_agent"
        assert uow.handoffs.open_for(conversation.id, "asked_for_person") is not None


@pytest.mark.parametrize("text, key", [
    ("how do I pay my rent", "out_of_scope.ask_rent"),
    ("my neighbours play loud music every night", "out_of_scope.report_noise"),
    ("can I paint my living room", "out_of_scope.ask_permission"),
])
def test_out_of_scope_questions_get_a_pointer_not_a_repair(resident, texts, db, text, key):
    replies = resident.say(text)
    assert texts.get(key) in replies, resident
    with db() as uow:
        assert uow.repairs.for_conversation(resident.conversation_id) == []


def test_stopping_a_report_logs_nothing(resident, texts, db):
    resident.say("my radiator is cold")
    replies = resident.say("stop, cancel that")
    assert texts.get("report.discarded") in replies, resident
    with db() as uow:
        assert uow.repairs.for_conversation(resident.conversation_id) == []


def test_hazard_in_another_language_gets_english_safety_advice_at_once(resident):
    replies = resident.say("czuję gaz w kuchni")
    assert "0800 111 999" in replies[0], resident


def test_staff_complete_a_repair_the_resident_then_sees_it(resident, staff, texts):
    replies = resident.say("gutter leaking over my front door 2 ZZ2 3AE")
    assert asked(replies, texts, "ask.location"), resident
    resident.say("outside at the front")
    resident.say("anytime")
    reference = logged_reference(resident.say("yes"))
    assert staff.post(f"/api/staff/repairs/{reference}/status", json={"status": "completed"}).status_code == 200
    replies = resident.say("what's the status of my repairs")
    assert any(reference in r and "completed" in r for r in replies), resident
