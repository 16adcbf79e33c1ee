"""Complaints, timed by the Housing Ombudsman's Complaint Handling Code."""

from __future__ import annotations

from datetime import datetime

from bot.calendar import WorkingCalendar
from bot.domain.model import Complaint
from bot.errors import InvalidInput
from bot.policy import Policy
from bot.ports import UnitOfWork


def make_complaint(text: str, conversation_key: str | None, resident_id: int | None, uow: UnitOfWork,
                   policy: Policy, calendar: WorkingCalendar, now: datetime) -> Complaint:
    text = (text or "").strip()
    if not text:
        raise InvalidInput("a complaint needs some words")
    acknowledge_by = calendar.due(now, policy.complaint_acknowledge)
    respond_by = calendar.due(acknowledge_by, policy.complaint_respond)
    with uow:
        conversation = uow.conversations.get(conversation_key) if conversation_key else None
        complaint = Complaint(
            conversation_id=conversation.id if conversation else None,
            resident_id=resident_id,
            text=text[:4000],
            received_at=now,
            acknowledge_by=acknowledge_by,
            respond_by=respond_by,
        )
        uow.complaints.add(complaint)
        uow.commit()
        return complaint
