"""What the services need from the outside world, as small abstract interfaces.

adapters/ implements them with SQLAlchemy and HTTP; tests may implement them in
memory. Services only ever see these.
"""

from __future__ import annotations

import abc
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

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


@dataclass(frozen=True)
class RepairFilter:
    status: str | None = None
    priority: str | None = None
    category: str | None = None
    hazard: bool | None = None
    resident_id: int | None = None
    reported_from: datetime | None = None
    reported_to: datetime | None = None
    limit: int = 50
    offset: int = 0


class PropertyRepository(abc.ABC):
    @abc.abstractmethod
    def add(self, prop: Property) -> None: ...
    @abc.abstractmethod
    def get(self, property_id: int) -> Property | None: ...
    @abc.abstractmethod
    def by_uprn(self, uprn: str) -> Property | None: ...
    @abc.abstractmethod
    def by_door_and_postcode(self, door_number: str, postcode: str) -> Property | None: ...


class ResidentRepository(abc.ABC):
    @abc.abstractmethod
    def add(self, resident: Resident) -> None: ...
    @abc.abstractmethod
    def get(self, resident_id: int) -> Resident | None: ...
    @abc.abstractmethod
    def by_phone(self, phone: str) -> Resident | None: ...
    @abc.abstractmethod
    def by_tenancy_ref(self, ref: str) -> Resident | None: ...
    @abc.abstractmethod
    def at_property(self, property_id: int) -> Resident | None: ...
    @abc.abstractmethod
    def add_vulnerability(self, note: VulnerabilityNote) -> None: ...


class RepairRepository(abc.ABC):
    @abc.abstractmethod
    def add(self, repair: Repair) -> None:
        """Stores the repair and gives it its reference."""
    @abc.abstractmethod
    def get(self, reference: str) -> Repair | None: ...
    @abc.abstractmethod
    def list(self, filters: RepairFilter) -> Sequence[Repair]: ...
    @abc.abstractmethod
    def for_resident(self, resident_id: int, property_id: int | None) -> Sequence[Repair]: ...
    @abc.abstractmethod
    def for_conversation(self, conversation_id: str) -> Sequence[Repair]: ...


class ConversationRepository(abc.ABC):
    @abc.abstractmethod
    def add(self, conversation: Conversation) -> None: ...
    @abc.abstractmethod
    def get(self, key: str, channel: str | None = None) -> Conversation | None: ...
    @abc.abstractmethod
    def add_message(self, message: Message) -> None: ...
    @abc.abstractmethod
    def message_by_channel_id(self, conversation_id: int, channel_message_id: str) -> Message | None: ...
    @abc.abstractmethod
    def messages(self, conversation_id: int, limit: int = 200) -> Sequence[Message]: ...


class ComplaintRepository(abc.ABC):
    @abc.abstractmethod
    def add(self, complaint: Complaint) -> None:
        """Stores the complaint and gives it its reference."""
    @abc.abstractmethod
    def for_conversation(self, conversation_id: int) -> Sequence[Complaint]: ...


class HandoffRepository(abc.ABC):
    @abc.abstractmethod
    def add(self, request: HandoffRequest) -> None: ...
    @abc.abstractmethod
    def open_for(self, conversation_id: int, reason: str | None = None) -> HandoffRequest | None: ...
    @abc.abstractmethod
    def waiting(self) -> Sequence[HandoffRequest]: ...


class UnitOfWork(abc.ABC):
    """One business transaction: `with uow: ...; uow.commit()`. Leaving without commit rolls back."""

    properties: PropertyRepository
    residents: ResidentRepository
    repairs: RepairRepository
    conversations: ConversationRepository
    complaints: ComplaintRepository
    handoffs: HandoffRepository

    def __enter__(self) -> "UnitOfWork":
        return self

    def __exit__(self, *args) -> None:
        self.rollback()

    @abc.abstractmethod
    def commit(self) -> None: ...

    @abc.abstractmethod
    def rollback(self) -> None: ...


class DialogueEngine(abc.ABC):
    """The conversation engine (Rasa, over HTTP)."""

    @abc.abstractmethod
    def respond(self, conversation_key: str, text: str) -> list[str]:
        """The bot's replies; raises bot.errors.Unavailable when it cannot answer."""

    @abc.abstractmethod
    def parse(self, text: str) -> dict | None:
        """The NLU reading of a text ({'intent': {'name','confidence'}, ...}) or None if unavailable."""


class MessageSpool(abc.ABC):
    """Where a message goes when the database cannot take it."""

    @abc.abstractmethod
    def append(self, record: dict) -> None: ...

    @abc.abstractmethod
    def take_all(self) -> list[dict]: ...

    @abc.abstractmethod
    def done(self) -> None:
        """The records taken were stored: forget them."""
