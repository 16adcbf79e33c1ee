"""The staff API: list, read and move on repairs. Nothing without credentials."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, Field

from bootstrap import Repairline
from bot.domain.model import Repair
from bot.ports import RepairFilter
from bot.services import repairs
from channels.deps import services
from channels.security import staff_user

router = APIRouter(prefix="/api/staff", tags=["staff"])

Status = Literal["reported", "acknowledged", "scheduled", "in_progress", "completed", "cancelled"]


def repair_json(repair: Repair, full: bool = False) -> dict:
    out = {
        "reference": repair.reference,
        "status": repair.status,
        "reported_at": repair.reported_at.isoformat(),
        "raised_at": repair.raised_at.isoformat(),
        "channel": repair.channel,
        "description": repair.description,
        "location": repair.location,
        "category": repair.category,
        "trade": repair.trade,
        "priority": {"name": repair.priority, "code": repair.priority_code,
                     "required_completion": repair.target_due_at.isoformat(),
                     "attend_by": repair.attend_by.isoformat() if repair.attend_by else None},
        "hazard": {"type": repair.hazard_type, "class": repair.hazard_class} if repair.hazard_type else None,
        "property_id": repair.property_id,
        "sla_breached": repair.is_open and repair.target_due_at < datetime.now(repair.target_due_at.tzinfo),
    }
    if full:
        out |= {
            "access_notes": repair.access_notes,
            "cancellation_reason": repair.cancellation_reason,
            "completed_at": repair.completed_at.isoformat() if repair.completed_at else None,
            "clocks": [{"name": c.name, "due_at": c.due_at.isoformat(), "basis": c.basis,
                        "met_at": c.met_at.isoformat() if c.met_at else None} for c in repair.clocks],
            "history": [{"status": h.status, "at": h.at.isoformat(), "by": h.actor, "note": h.note}
                        for h in repair.history],
        }
    return out


@router.get("/repairs")
def list_repairs(
    status: Status | None = None,
    priority: Literal["emergency", "urgent", "routine"] | None = None,
    category: str | None = Query(None, max_length=40, pattern=r"^[a-z_]+$"),
    hazard: bool | None = None,
    reported_from: datetime | None = None,
    reported_to: datetime | None = None,
    limit: int = Query(50, ge=1, le=500),
    offset: int = Query(0, ge=0),
    _user: str = Depends(staff_user),
    app: Repairline = Depends(services),
) -> dict:
    filters = RepairFilter(status=status, priority=priority, category=category, hazard=hazard,
                           reported_from=reported_from, reported_to=reported_to, limit=limit, offset=offset)
    return {"repairs": [repair_json(r) for r in repairs.list_repairs(filters, app.uow())]}


@router.get("/repairs/{reference}")
def get_repair(reference: str, _user: str = Depends(staff_user), app: Repairline = Depends(services)) -> dict:
    return repair_json(repairs.get_repair(reference, app.uow()), full=True)


class StatusIn(BaseModel):
    status: Status
    note: str | None = Field(None, max_length=2000)


@router.post("/repairs/{reference}/status")
def update_status(reference: str, body: StatusIn, user: str = Depends(staff_user),
                  app: Repairline = Depends(services)) -> dict:
    repair = repairs.update_status(reference, body.status, f"staff:{user}", body.note, app.uow(), app.now())
    return repair_json(repair, full=True)
