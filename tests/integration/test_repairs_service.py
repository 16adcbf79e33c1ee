"""Services against real SQLite and PostgreSQL."""

from datetime import timedelta

import pytest

from bot.domain.model import RepairStatus
from bot.errors import InvalidInput, InvalidTransition, NotFound
from bot.ports import RepairFilter
from bot.services import repairs
from bot.services.homes import HomeClues, find_household
from bot.services.repairs import RepairReport
from tests.conftest import london


def household(app, door, postcode):
    return find_household(HomeClues(door_number=door, postcode=postcode), app.uow())


def report(app, text, **kw):
    home = household(app, "4", "ZZ1 2AD")
    values = dict(description=text, channel="webchat", reported_at=london(2026, 11, 23, 10, 0),
                  property_id=home.property_id, resident_id=home.resident_id, location="kitchen")
    values.update(kw)
    return repairs.report_repair(RepairReport(**values), app.uow(), app.triager, london(2026, 11, 23, 10, 5))


def test_routine_repair_is_logged_with_reference_target_and_history(demo):
    repair = report(demo, "the kitchen cupboard door has come off its hinge")
    assert repair.reference.startswith("RL") and len(repair.reference) == 8
    stored = repairs.get_repair(repair.reference, demo.uow())
    assert stored.priority == "routine" and stored.priority_code == "N"
    assert stored.hazard_type is None and stored.clocks == []
    # 20 working days from Monday 23 November 2026 is Monday 21 December.
    assert stored.target_due_at.astimezone(demo.policy.timezone).date().isoformat() == "2026-12-21"
    assert [h.status for h in stored.history] == ["reported"]
    assert stored.reported_at < stored.raised_at


def test_damp_and_mould_opens_awaabs_law_clocks(demo):
    repair = report(demo, "black mould all over the bedroom wall", vulnerable=False)
    stored = repairs.get_repair(repair.reference, demo.uow())
    assert (stored.hazard_type, stored.hazard_class, stored.priority) == ("damp_mould", "significant", "urgent")
    clocks = {c.name: c.due_at.astimezone(demo.policy.timezone).date().isoformat() for c in stored.clocks}
    assert clocks["investigate"] == "2026-12-07"  # 10 working days
    assert clocks["written_summary"] == "2026-12-10"  # 3 working days after the investigation is due
    assert clocks["safety_work_start"] == "2026-12-14"


def test_vulnerability_makes_widespread_mould_an_emergency_and_is_kept_apart(demo):
    repair = report(demo, "mould everywhere in the kids bedroom", vulnerable=True,
                    vulnerability_note="my daughter has asthma")
    stored = repairs.get_repair(repair.reference, demo.uow())
    assert (stored.hazard_class, stored.priority) == ("emergency", "emergency")
    assert [c.name for c in stored.clocks] == ["make_safe"]
    assert stored.clocks[0].due_at - stored.reported_at == timedelta(hours=24)
    assert "asthma" not in stored.description and "asthma" not in (stored.access_notes or "")


def test_gas_is_an_emergency(demo):
    repair = report(demo, "I can smell gas in the hallway")
    assert (repair.priority, repair.hazard_type, repair.category) == ("emergency", "gas", "gas_leak")
    assert repair.attend_by - repair.reported_at == timedelta(hours=4)


def test_residents_see_only_their_own_repairs(demo):
    mine = report(demo, "dripping tap in the bathroom")
    other = household(demo, "1", "ZZ2 3AE")
    with pytest.raises(NotFound):
        repairs.repair_for_resident(mine.reference, other.resident_id, other.property_id, demo.uow())
    me = household(demo, "4", "ZZ1 2AD")
    assert repairs.repair_for_resident(mine.reference.lower(), me.resident_id, me.property_id, demo.uow()).id == mine.id
    assert [r.reference for r in repairs.repairs_for_resident(other.resident_id, other.property_id, demo.uow())] == []


def test_cancel_and_status_transitions_are_audited(demo):
    repair = report(demo, "fence panel blown down")
    me = household(demo, "4", "ZZ1 2AD")
    now = london(2026, 11, 24, 9, 0)
    repairs.update_status(repair.reference, "scheduled", "staff:alex", "Tue am slot", demo.uow(), now)
    repairs.cancel_repair(repair.reference, me.resident_id, me.property_id, "fixed it myself", demo.uow(), now)
    stored = repairs.get_repair(repair.reference, demo.uow())
    assert stored.status == "cancelled" and stored.cancellation_reason == "fixed it myself"
    assert [(h.status, h.actor) for h in stored.history] == [
        ("reported", "resident via webchat"), ("scheduled", "staff:alex"), ("cancelled", "resident")]
    with pytest.raises(InvalidTransition):
        repairs.update_status(repair.reference, "completed", "staff:alex", None, demo.uow(), now)


def test_bad_status_and_empty_description_change_nothing(demo):
    repair = report(demo, "gutter overflowing")
    with pytest.raises(InvalidInput):
        repairs.update_status(repair.reference, "teleported", "staff:alex", None, demo.uow(), london(2026, 11, 24))
    with pytest.raises(InvalidInput):
        report(demo, "   ")
    assert len(repairs.list_repairs(RepairFilter(), demo.uow())) == 1
    assert repairs.get_repair(repair.reference, demo.uow()).status == RepairStatus.REPORTED


def test_filters(demo):
    report(demo, "smell gas in the kitchen")
    report(demo, "dripping tap")
    assert [r.priority for r in repairs.list_repairs(RepairFilter(priority="emergency"), demo.uow())] == ["emergency"]
    assert len(repairs.list_repairs(RepairFilter(hazard=False), demo.uow())) == 1
    assert len(repairs.list_repairs(RepairFilter(limit=1), demo.uow())) == 1


def test_demo_data_loads_twice_without_duplicates(demo):
    from bot.services.demo import load_homes
    from scripts.load_demo import DEFAULT, records

    first = load_homes(records(DEFAULT), demo.uow(), demo.now())
    assert first[0] >= 20
    assert household(demo, "2", "ZZ1 1AB").resident_id is not None
    with demo.uow() as uow:
        assert uow.residents.by_phone("+447700900101").tenancy_ref == "TEN-0001"


def test_the_service_refuses_to_start_with_a_broken_policy(tmp_path):
    from bootstrap import bootstrap
    from bot.errors import PolicyError
    from tests.conftest import POLICY, settings_for

    broken = tmp_path / "policy.yml"
    broken.write_text(POLICY.read_text().replace("target: {working_days: 5}", "target: {working_days: soon}"))
    with pytest.raises(PolicyError, match="priorities.urgent.target.working_days"):
        bootstrap(settings_for(tmp_path, policy_path=broken))
    missing_advice = tmp_path / "messages"
    missing_advice.mkdir()
    (missing_advice / "en.yml").write_text("greet: hello\n")
    with pytest.raises(PolicyError, match="safety.gas"):
        bootstrap(settings_for(tmp_path, messages_dir=missing_advice))
