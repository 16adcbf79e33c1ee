"""Reporting, reading, cancelling and updating repairs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.domain.model import Clock, Repair, RepairStatus, StatusChange, VulnerabilityNote
from bot.errors import InvalidInput, NotFound
from bot.ports import RepairFilter, UnitOfWork
from bot.services.handoff import open_handoff
from bot.triage import Triage, Triager

MAX_DESCRIPTION = 2000


@dataclass(frozen=True)
class RepairReport:
    """What the resident told us, as plain values."""

    description: str
    channel: str
    reported_at: datetime
    location: str | None = None
    access_notes: str | None = None
    property_id: int | None = None
    resident_id: int | None = None
    conversation_id: str | None = None
    vulnerable: bool | None = None  # None: not asked (e.g. no hazard)
    vulnerability_note: str | None = None


def report_repair(report: RepairReport, uow: UnitOfWork, triager: Triager, now: datetime) -> Repair:
    """Log a repair with its priority, target and statutory clocks. Returns it with its reference."""
    description = (report.description or "").strip()
    if not description:
        raise InvalidInput("a repair needs a description")
    if len(description) > MAX_DESCRIPTION:
        raise InvalidInput(f"a description may be at most {MAX_DESCRIPTION} characters")
    triage: Triage = triager.assess(
        description,
        reported_at=report.reported_at,
        vulnerable=report.vulnerable,
        vulnerability_text=report.vulnerability_note or "",
    )
    with uow:
        repair = Repair(
            reported_at=report.reported_at,
            raised_at=now,
            channel=report.channel,
            description=description,
            location=report.location,
            category=triage.category,
            trade=triage.trade,
            priority=triage.priority,
            priority_code=triage.priority_code,
            target_due_at=triage.target_due_at,
            attend_by=triage.attend_by,
            hazard_type=triage.hazard.type if triage.hazard else None,
            hazard_class=triage.hazard.hazard_class if triage.hazard else None,
            access_notes=report.access_notes,
            property_id=report.property_id,
            resident_id=report.resident_id,
            conversation_id=report.conversation_id,
            history=[StatusChange(RepairStatus.REPORTED.value, now, f"resident via {report.channel}")],
            clocks=[Clock(c.name, c.due_at, c.basis) for c in triage.clocks],
        )
        uow.repairs.add(repair)
        if report.vulnerable and report.vulnerability_note:
            # Kept apart from the job text: it never goes on the operative's job sheet.
            uow.residents.add_vulnerability(
                VulnerabilityNote(report.resident_id, repair.id, report.vulnerability_note, now, "resident")
            )
        if triage.hazard and triage.hazard.hazard_class == "emergency" and report.conversation_id:
            conversation = uow.conversations.get(report.conversation_id)
            if conversation:
                open_handoff(uow, conversation, "emergency_hazard", now, urgent=True, wait=False)
        uow.commit()
        return repair


def repairs_for_resident(resident_id: int, property_id: int | None, uow: UnitOfWork) -> list[Repair]:
    """A resident's repairs (theirs, and their home's), newest first."""
    with uow:
        return list(uow.repairs.for_resident(resident_id, property_id))


def _owned(repair: Repair | None, resident_id: int | None, property_id: int | None) -> bool:
    if repair is None:
        return False
    return (resident_id is not None and repair.resident_id == resident_id) or (
        property_id is not None and repair.property_id == property_id
    )


def repair_for_resident(reference: str, resident_id: int | None, property_id: int | None, uow: UnitOfWork) -> Repair:
    """One repair, only if it is this resident's or their home's. Someone else's looks
    exactly like a missing one, so references cannot be probed."""
    with uow:
        repair = uow.repairs.get(reference.upper())
        if not _owned(repair, resident_id, property_id):
            raise NotFound(f"no repair {reference}")
        return repair


def cancel_repair(reference: str, resident_id: int | None, property_id: int | None, reason: str,
                  uow: UnitOfWork, now: datetime, actor: str = "resident") -> Repair:
    with uow:
        repair = uow.repairs.get(reference.upper())
        if not _owned(repair, resident_id, property_id):
            raise NotFound(f"no repair {reference}")
        repair.cancel(reason, now, actor)
        uow.commit()
        return repair


def list_repairs(filters: RepairFilter, uow: UnitOfWork) -> list[Repair]:
    with uow:
        return list(uow.repairs.list(filters))


def get_repair(reference: str, uow: UnitOfWork) -> Repair:
    with uow:
        repair = uow.repairs.get(reference.upper())
        if repair is None:
            raise NotFound(f"no repair {reference}")
        return repair


def update_status(reference: str, status: str, actor: str, note: str | None, uow: UnitOfWork, now: datetime) -> Repair:
    """Staff move a repair on; every change is kept in its history (the audit trail)."""
    try:
        new = RepairStatus(status)
    except ValueError:
        raise InvalidInput(f"unknown status {status!r}; use one of {', '.join(s.value for s in RepairStatus)}") from None
    if new is RepairStatus.REPORTED:
        raise InvalidInput("a repair cannot be put back to reported")
    with uow:
        repair = uow.repairs.get(reference.upper())
        if repair is None:
            raise NotFound(f"no repair {reference}")
        if new is RepairStatus.CANCELLED:
            repair.cancel(note or "cancelled by staff", now, actor)
        else:
            repair.change_status(new, now, actor, note)
        uow.commit()
        return repair
