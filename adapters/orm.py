"""Database tables, mapped onto the plain domain classes (classical mapping), so the
domain model never imports SQLAlchemy."""

from __future__ import annotations

from datetime import timezone

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import registry, relationship
from sqlalchemy.types import TypeDecorator

from bot.domain import model

# Stable constraint names so Alembic migrations are the same on SQLite and PostgreSQL.
metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)
mapper_registry = registry(metadata=metadata)



class UTCDateTime(TypeDecorator):
    """Aware datetimes in, aware UTC datetimes out, on SQLite (no time zones) too."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: store timezone-aware datetimes only")
        value = value.astimezone(timezone.utc)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)


UTC = UTCDateTime()

properties = Table(
    "properties", metadata,
    Column("id", Integer, primary_key=True),
    Column("uprn", String(12), nullable=False, unique=True),
    Column("address", String(255), nullable=False),
    Column("door_number", String(32), nullable=False),
    Column("postcode", String(10), nullable=False),
    Column("estate", String(120)),
    Column("block", String(120)),
    UniqueConstraint("door_number", "postcode", name="uq_properties_door_postcode"),
)

residents = Table(
    "residents", metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(160), nullable=False),
    Column("phone", String(20), unique=True),
    Column("preferred_language", String(8), nullable=False, default="en"),
    Column("tenancy_ref", String(32), unique=True),
    Column("property_id", ForeignKey("properties.id")),
)

vulnerability_notes = Table(
    "vulnerability_notes", metadata,
    Column("id", Integer, primary_key=True),
    Column("resident_id", ForeignKey("residents.id")),
    Column("repair_id", ForeignKey("repairs.id")),
    Column("note", Text, nullable=False),
    Column("recorded_at", UTC, nullable=False),
    Column("source", String(20), nullable=False),
)

repairs = Table(
    "repairs", metadata,
    Column("id", Integer, primary_key=True),
    Column("reference", String(16), unique=True),
    Column("reported_at", UTC, nullable=False),
    Column("raised_at", UTC, nullable=False),
    Column("channel", String(20), nullable=False),
    Column("description", Text, nullable=False),
    Column("location", String(120)),
    Column("category", String(40), nullable=False),
    Column("trade", String(40), nullable=False),
    Column("priority", String(20), nullable=False),
    Column("priority_code", String(4), nullable=False),
    Column("target_due_at", UTC, nullable=False),
    Column("attend_by", UTC),
    Column("hazard_type", String(40)),
    Column("hazard_class", String(20)),
    Column("access_notes", Text),
    Column("status", String(20), nullable=False),
    Column("cancellation_reason", Text),
    Column("completed_at", UTC),
    Column("property_id", ForeignKey("properties.id")),
    Column("resident_id", ForeignKey("residents.id")),
    Column("conversation_id", String(80)),
    Index("ix_repairs_status_priority", "status", "priority"),
    Index("ix_repairs_resident", "resident_id"),
    Index("ix_repairs_conversation", "conversation_id"),
)

repair_status_history = Table(
    "repair_status_history", metadata,
    Column("id", Integer, primary_key=True),
    Column("repair_id", ForeignKey("repairs.id"), nullable=False),
    Column("status", String(20), nullable=False),
    Column("at", UTC, nullable=False),
    Column("actor", String(120), nullable=False),
    Column("note", Text),
)

repair_clocks = Table(
    "repair_clocks", metadata,
    Column("id", Integer, primary_key=True),
    Column("repair_id", ForeignKey("repairs.id"), nullable=False),
    Column("name", String(40), nullable=False),
    Column("due_at", UTC, nullable=False),
    Column("basis", String(40), nullable=False),
    Column("met_at", UTC),
)

conversations = Table(
    "conversations", metadata,
    Column("id", Integer, primary_key=True),
    Column("key", String(80), nullable=False),
    Column("channel", String(20), nullable=False),
    Column("started_at", UTC, nullable=False),
    Column("last_message_at", UTC, nullable=False),
    Column("resident_id", ForeignKey("residents.id")),
    Column("status", String(24), nullable=False),
    Column("language", String(8), nullable=False),
    Column("hazard_type", String(40)),
    UniqueConstraint("channel", "key", name="uq_conversations_channel_key"),
)

messages = Table(
    "messages", metadata,
    Column("id", Integer, primary_key=True),
    Column("conversation_id", ForeignKey("conversations.id"), nullable=False),
    Column("direction", String(3), nullable=False),
    Column("sender", String(12), nullable=False),
    Column("text", Text, nullable=False),
    Column("created_at", UTC, nullable=False),
    Column("channel_message_id", String(64)),
    # A channel's retry carries the same id: the database refuses a second copy.
    UniqueConstraint("conversation_id", "channel_message_id", name="uq_messages_channel_message"),
    Index("ix_messages_conversation", "conversation_id", "id"),
)

complaints = Table(
    "complaints", metadata,
    Column("id", Integer, primary_key=True),
    Column("reference", String(16), unique=True),
    Column("conversation_id", ForeignKey("conversations.id")),
    Column("resident_id", ForeignKey("residents.id")),
    Column("text", Text, nullable=False),
    Column("received_at", UTC, nullable=False),
    Column("acknowledge_by", UTC, nullable=False),
    Column("respond_by", UTC, nullable=False),
    Column("status", String(20), nullable=False),
)

handoff_requests = Table(
    "handoff_requests", metadata,
    Column("id", Integer, primary_key=True),
    Column("conversation_id", ForeignKey("conversations.id"), nullable=False),
    Column("reason", String(40), nullable=False),
    Column("requested_at", UTC, nullable=False),
    Column("urgent", Boolean, nullable=False),
    Column("status", String(20), nullable=False),
    Index("ix_handoff_status", "status"),
)

_mapped = False


def start_mappers() -> None:
    """Map the domain classes once per process."""
    global _mapped
    if _mapped:
        return
    mapper_registry.map_imperatively(model.Property, properties)
    mapper_registry.map_imperatively(model.Resident, residents)
    mapper_registry.map_imperatively(model.VulnerabilityNote, vulnerability_notes)
    mapper_registry.map_imperatively(model.StatusChange, repair_status_history)
    mapper_registry.map_imperatively(model.Clock, repair_clocks)
    mapper_registry.map_imperatively(
        model.Repair, repairs,
        properties={
            "history": relationship(model.StatusChange, order_by=repair_status_history.c.id,
                                    cascade="all, delete-orphan", lazy="selectin"),
            "clocks": relationship(model.Clock, order_by=repair_clocks.c.id,
                                   cascade="all, delete-orphan", lazy="selectin"),
        },
    )
    mapper_registry.map_imperatively(model.Conversation, conversations)
    mapper_registry.map_imperatively(model.Message, messages)
    mapper_registry.map_imperatively(model.Complaint, complaints)
    mapper_registry.map_imperatively(model.HandoffRequest, handoff_requests)
    _mapped = True
