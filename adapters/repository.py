"""SQLAlchemy implementations of the repositories in bot/ports.py."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import ports
from bot.domain.model import (
    Complaint,
    Conversation,
    HandoffRequest,
    Message,
    Property,
    Repair,
    Resident,
    VulnerabilityNote,
)

# References are the row id offset into a range residents can read out on the phone.
REPAIR_PREFIX, COMPLAINT_PREFIX, REFERENCE_BASE = "RL", "CP", 100_000


class SqlPropertyRepository(ports.PropertyRepository):
    def __init__(self, session: Session):
        self.session = session

    def add(self, prop: Property) -> None:
        self.session.add(prop)
        self.session.flush()  # residents refer to it by id

    def get(self, property_id: int) -> Property | None:
        return self.session.get(Property, property_id)

    def by_uprn(self, uprn: str) -> Property | None:
        return self.session.scalars(select(Property).filter_by(uprn=uprn)).first()

    def by_door_and_postcode(self, door_number: str, postcode: str) -> Property | None:
        return self.session.scalars(select(Property).filter_by(door_number=door_number, postcode=postcode)).first()


class SqlResidentRepository(ports.ResidentRepository):
    def __init__(self, session: Session):
        self.session = session

    def add(self, resident: Resident) -> None:
        self.session.add(resident)
        self.session.flush()

    def get(self, resident_id: int) -> Resident | None:
        return self.session.get(Resident, resident_id)

    def by_phone(self, phone: str) -> Resident | None:
        return self.session.scalars(select(Resident).filter_by(phone=phone)).first()

    def by_tenancy_ref(self, ref: str) -> Resident | None:
        return self.session.scalars(select(Resident).filter_by(tenancy_ref=ref)).first()

    def at_property(self, property_id: int) -> Resident | None:
        return self.session.scalars(select(Resident).filter_by(property_id=property_id).order_by(Resident.id)).first()

    def add_vulnerability(self, note: VulnerabilityNote) -> None:
        self.session.add(note)


class SqlRepairRepository(ports.RepairRepository):
    def __init__(self, session: Session):
        self.session = session

    def add(self, repair: Repair) -> None:
        self.session.add(repair)
        self.session.flush()  # gives the id the reference is made from
        repair.reference = f"{REPAIR_PREFIX}{REFERENCE_BASE + repair.id}"

    def get(self, reference: str) -> Repair | None:
        return self.session.scalars(select(Repair).filter_by(reference=reference)).first()

    def list(self, filters: ports.RepairFilter) -> Sequence[Repair]:
        query = select(Repair)
        if filters.status:
            query = query.filter(Repair.status == filters.status)
        if filters.priority:
            query = query.filter(Repair.priority == filters.priority)
        if filters.category:
            query = query.filter(Repair.category == filters.category)
        if filters.hazard is not None:
            query = query.filter(Repair.hazard_type.is_not(None) if filters.hazard else Repair.hazard_type.is_(None))
        if filters.resident_id is not None:
            query = query.filter(Repair.resident_id == filters.resident_id)
        if filters.reported_from:
            query = query.filter(Repair.reported_at >= filters.reported_from)
        if filters.reported_to:
            query = query.filter(Repair.reported_at < filters.reported_to)
        query = query.order_by(Repair.reported_at.desc(), Repair.id.desc()).limit(filters.limit).offset(filters.offset)
        return self.session.scalars(query).all()

    def for_resident(self, resident_id: int, property_id: int | None) -> Sequence[Repair]:
        mine = Repair.resident_id == resident_id
        if property_id is not None:
            mine = mine | (Repair.property_id == property_id)
        return self.session.scalars(select(Repair).filter(mine).order_by(Repair.reported_at.desc(), Repair.id.desc())).all()

    def for_conversation(self, conversation_id: str) -> Sequence[Repair]:
        return self.session.scalars(select(Repair).filter_by(conversation_id=conversation_id).order_by(Repair.id)).all()


class SqlConversationRepository(ports.ConversationRepository):
    def __init__(self, session: Session):
        self.session = session

    def add(self, conversation: Conversation) -> None:
        self.session.add(conversation)
        self.session.flush()

    def get(self, key: str, channel: str | None = None) -> Conversation | None:
        query = select(Conversation).filter_by(key=key)
        if channel:
            query = query.filter_by(channel=channel)
        return self.session.scalars(query).first()

    def add_message(self, message: Message) -> None:
        self.session.add(message)

    def message_by_channel_id(self, conversation_id: int, channel_message_id: str) -> Message | None:
        return self.session.scalars(
            select(Message).filter_by(conversation_id=conversation_id, channel_message_id=channel_message_id)
        ).first()

    def messages(self, conversation_id: int, limit: int = 200) -> Sequence[Message]:
        rows = self.session.scalars(
            select(Message).filter_by(conversation_id=conversation_id).order_by(Message.id.desc()).limit(limit)
        ).all()
        return list(reversed(rows))


class SqlComplaintRepository(ports.ComplaintRepository):
    def __init__(self, session: Session):
        self.session = session

    def add(self, complaint: Complaint) -> None:
        self.session.add(complaint)
        self.session.flush()
        complaint.reference = f"{COMPLAINT_PREFIX}{REFERENCE_BASE + complaint.id}"

    def for_conversation(self, conversation_id: int) -> Sequence[Complaint]:
        return self.session.scalars(select(Complaint).filter_by(conversation_id=conversation_id)).all()


class SqlHandoffRepository(ports.HandoffRepository):
    def __init__(self, session: Session):
        self.session = session

    def add(self, request: HandoffRequest) -> None:
        self.session.add(request)

    def open_for(self, conversation_id: int, reason: str | None = None) -> HandoffRequest | None:
        query = select(HandoffRequest).filter(
            HandoffRequest.conversation_id == conversation_id, HandoffRequest.status != "closed"
        )
        if reason:
            query = query.filter(HandoffRequest.reason == reason)
        return self.session.scalars(query).first()

    def waiting(self) -> Sequence[HandoffRequest]:
        return self.session.scalars(
            select(HandoffRequest)
            .filter_by(status="waiting")
            .order_by(HandoffRequest.urgent.desc(), HandoffRequest.requested_at)
        ).all()
