"""Domain objects. Plain Python: the database mapping lives in adapters/orm.py."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from bot.errors import InvalidTransition


class Priority(StrEnum):
    EMERGENCY = "emergency"
    URGENT = "urgent"
    ROUTINE = "routine"


class RepairStatus(StrEnum):
    REPORTED = "reported"
    ACKNOWLEDGED = "acknowledged"
    SCHEDULED = "scheduled"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


OPEN_STATUSES = frozenset(
    {RepairStatus.REPORTED, RepairStatus.ACKNOWLEDGED, RepairStatus.SCHEDULED, RepairStatus.IN_PROGRESS}
)

# Which status may follow which. Completed and cancelled are final: reopening a job
# is a new repair, so the history of the first one stays true.
TRANSITIONS: dict[RepairStatus, frozenset[RepairStatus]] = {
    RepairStatus.REPORTED: frozenset(
        {RepairStatus.ACKNOWLEDGED, RepairStatus.SCHEDULED, RepairStatus.IN_PROGRESS, RepairStatus.COMPLETED, RepairStatus.CANCELLED}
    ),
    RepairStatus.ACKNOWLEDGED: frozenset(
        {RepairStatus.SCHEDULED, RepairStatus.IN_PROGRESS, RepairStatus.COMPLETED, RepairStatus.CANCELLED}
    ),
    RepairStatus.SCHEDULED: frozenset(
        {RepairStatus.SCHEDULED, RepairStatus.IN_PROGRESS, RepairStatus.COMPLETED, RepairStatus.CANCELLED}
    ),
    RepairStatus.IN_PROGRESS: frozenset({RepairStatus.SCHEDULED, RepairStatus.COMPLETED, RepairStatus.CANCELLED}),
    RepairStatus.COMPLETED: frozenset(),
    RepairStatus.CANCELLED: frozenset(),
}


class ConversationStatus(StrEnum):
    BOT = "bot"  # the bot is answering
    WAITING_FOR_AGENT = "waiting_for_agent"
    WITH_AGENT = "with_agent"


@dataclass(eq=False)
class Property:
    uprn: str
    address: str
    door_number: str
    postcode: str  # normalised: upper case, single space
    estate: str | None = None
    block: str | None = None  # communal repairs are raised against the block
    id: int | None = None


@dataclass(eq=False)
class Resident:
    name: str
    property_id: int | None
    phone: str | None = None  # E.164
    preferred_language: str = "en"
    tenancy_ref: str | None = None
    id: int | None = None


@dataclass(eq=False)
class VulnerabilityNote:
    """Kept apart from job text so that it never reaches an operative's job sheet."""

    resident_id: int | None
    repair_id: int | None
    note: str
    recorded_at: datetime
    source: str  # "resident" (told the bot), "staff", "demo"
    id: int | None = None


@dataclass(eq=False)
class StatusChange:
    status: str
    at: datetime
    actor: str
    note: str | None = None
    id: int | None = None


@dataclass(eq=False)
class Clock:
    """A statutory or target clock: when something must happen by."""

    name: str
    due_at: datetime
    basis: str  # what it counts from: "reported" or another clock's due time
    met_at: datetime | None = None
    id: int | None = None


@dataclass(eq=False)
class Repair:
    """A work order, shaped after the HACT UK Housing Data Standard."""

    reported_at: datetime
    raised_at: datetime
    channel: str
    description: str  # the resident's own words
    category: str
    trade: str
    priority: str
    priority_code: str
    target_due_at: datetime
    location: str | None = None  # where in the home
    attend_by: datetime | None = None
    hazard_type: str | None = None
    hazard_class: str | None = None
    access_notes: str | None = None
    status: str = RepairStatus.REPORTED
    cancellation_reason: str | None = None
    completed_at: datetime | None = None
    property_id: int | None = None
    resident_id: int | None = None
    conversation_id: str | None = None
    reference: str | None = None
    history: list[StatusChange] = field(default_factory=list)
    clocks: list[Clock] = field(default_factory=list)
    id: int | None = None

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def change_status(self, new: RepairStatus | str, at: datetime, actor: str, note: str | None = None) -> None:
        new = RepairStatus(new)
        if new not in TRANSITIONS[RepairStatus(self.status)]:
            raise InvalidTransition(f"a {self.status} repair cannot become {new}")
        self.status = new.value
        if new is RepairStatus.COMPLETED:
            self.completed_at = at
        self.history.append(StatusChange(new.value, at, actor, note))

    def cancel(self, reason: str, at: datetime, actor: str) -> None:
        self.change_status(RepairStatus.CANCELLED, at, actor, reason)
        self.cancellation_reason = reason

    def clock(self, name: str) -> Clock | None:
        return next((c for c in self.clocks if c.name == name), None)


@dataclass(eq=False)
class Conversation:
    key: str  # the channel's conversation id (web chat token, phone number thread)
    channel: str
    started_at: datetime
    last_message_at: datetime
    resident_id: int | None = None
    status: str = ConversationStatus.BOT
    language: str = "en"
    hazard_type: str | None = None  # the most serious hazard seen so far
    id: int | None = None


@dataclass(eq=False)
class Message:
    conversation_id: int
    direction: str  # "in" | "out"
    sender: str  # "resident" | "bot" | "agent" | "system"
    text: str
    created_at: datetime
    channel_message_id: str | None = None  # the channel's own id: retries carry the same one
    id: int | None = None


@dataclass(eq=False)
class Complaint:
    conversation_id: int | None
    resident_id: int | None
    text: str
    received_at: datetime
    acknowledge_by: datetime
    respond_by: datetime
    status: str = "open"
    reference: str | None = None
    id: int | None = None


@dataclass(eq=False)
class HandoffRequest:
    conversation_id: int
    reason: str  # "asked_for_person", "emergency_hazard", "bot_unavailable", ...
    requested_at: datetime
    urgent: bool = False
    status: str = "waiting"  # waiting | taken | closed
    id: int | None = None
