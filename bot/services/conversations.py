"""A resident's message, from arrival to reply.

Order matters: the message is stored before anything else, hazards are checked by
rules before the dialogue engine is asked, and safety advice is guaranteed whatever
the engine says or if it says nothing at all.
"""

from __future__ import annotations

import secrets
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from bot.domain.model import Conversation, Message
from bot.errors import InvalidInput, Unavailable
from bot.ports import DialogueEngine, MessageSpool, UnitOfWork
from bot.services.handoff import open_handoff
from bot.texts import Texts
from bot.triage import Triager

# Characters that have no place in a resident's message: C0/C1 controls other than
# tab and newline, and unassigned code points. Format characters (zero-width
# joiners, direction marks) are legitimate in Arabic, Urdu, Bengali and emoji.
_ALLOWED_CONTROLS = {"\n", "\t"}


def clean_text(text: object, max_chars: int) -> str:
    """The message as we will store it, or InvalidInput saying what is wrong."""
    if not isinstance(text, str):
        raise InvalidInput("text must be a string")
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n")).strip()
    if not text:
        raise InvalidInput("the message is empty")
    if len(text) > max_chars:
        raise InvalidInput(f"the message is too long: at most {max_chars} characters")
    for ch in text:
        category = unicodedata.category(ch)
        if (category == "Cc" and ch not in _ALLOWED_CONTROLS) or category in ("Cs", "Cn", "Co"):
            raise InvalidInput("the message contains characters that are not text")
    return text


@dataclass(frozen=True)
class Inbound:
    channel: str
    text: str
    received_at: datetime
    conversation_key: str | None = None
    channel_message_id: str | None = None
    resident_id: int | None = None  # known from the channel (a phone number), if at all


@dataclass
class Outcome:
    conversation_key: str
    replies: list[str] = field(default_factory=list)
    engine_answered: bool = True
    engine_seconds: float = 0.0  # how long the dialogue engine took (for Server-Timing)


def new_conversation_key() -> str:
    return secrets.token_urlsafe(18)


def _store_inbound(inbound: Inbound, text: str, uow: UnitOfWork, triager: Triager) -> tuple[str, list[str], bool]:
    """Stores the message; returns (conversation key, hazards found, already handled?)."""
    hazards = triager.advice_hazards(text)
    with uow:
        key = inbound.conversation_key or new_conversation_key()
        conversation = uow.conversations.get(key, inbound.channel)
        if conversation is None:
            conversation = Conversation(key, inbound.channel, inbound.received_at, inbound.received_at,
                                        resident_id=inbound.resident_id)
            uow.conversations.add(conversation)
        elif inbound.channel_message_id and uow.conversations.message_by_channel_id(
            conversation.id, inbound.channel_message_id
        ):
            return key, hazards, True  # a retry of a message we already have
        conversation.last_message_at = inbound.received_at
        uow.conversations.add_message(
            Message(conversation.id, "in", "resident", text, inbound.received_at, inbound.channel_message_id)
        )
        emergencies = [h for h in hazards if triager.policy.hazards[h].hazard_class == "emergency"]
        if emergencies:
            # Urgent handling starts now, whether or not the resident finishes the report.
            conversation.hazard_type = conversation.hazard_type or emergencies[0]
            open_handoff(uow, conversation, "emergency_hazard", inbound.received_at, urgent=True, wait=False)
        uow.commit()
        return key, hazards, False


def handle_message(inbound: Inbound, uow: UnitOfWork, engine: DialogueEngine, triager: Triager, texts: Texts,
                   now: Callable[[], datetime], max_chars: int = 2000) -> Outcome:
    text = clean_text(inbound.text, max_chars)
    try:
        key, hazards, duplicate = _store_inbound(inbound, text, uow, triager)
    except Exception as exc:  # the database is down: say so honestly, and still give safety advice
        raise Unavailable("could not store the message") from exc
    if duplicate:
        return Outcome(key, [], engine_answered=True)

    outcome = Outcome(key)
    started = time.perf_counter()
    try:
        outcome.replies = [r for r in engine.respond(key, text) if r.strip()]
    except Unavailable:
        outcome.engine_answered = False
        outcome.replies = [texts.get("unavailable")]
    outcome.engine_seconds = time.perf_counter() - started

    # Safety advice is guaranteed: given first unless the bot already gave it here.
    with uow:
        conversation = uow.conversations.get(key, inbound.channel)
        earlier = {m.text for m in uow.conversations.messages(conversation.id) if m.direction == "out"}
        missing = []
        for hazard in hazards:
            advice = texts.get(f"safety.{hazard}")
            if advice not in earlier and not any(advice in reply for reply in outcome.replies):
                missing.append(advice)
        outcome.replies = missing + outcome.replies
        sent_at = now()
        for reply in outcome.replies:
            uow.conversations.add_message(Message(conversation.id, "out", "bot", reply, sent_at))
        if not outcome.engine_answered:  # kept for an agent: the resident was told a person will reply
            open_handoff(uow, conversation, "bot_unavailable", sent_at, urgent=bool(hazards))
        uow.commit()
    return outcome


def conversation_resident(key: str, uow: UnitOfWork) -> int | None:
    """The resident a conversation is known to be with (from the channel), if any."""
    with uow:
        conversation = uow.conversations.get(key)
        return conversation.resident_id if conversation else None


def conversation_facts(key: str, description: str, uow: UnitOfWork) -> tuple[str, datetime | None]:
    """The conversation's channel, and when the resident first described the problem
    (HACT's 'reported' date, as distinct from when the repair was raised)."""
    with uow:
        conversation = uow.conversations.get(key)
        if conversation is None:
            return "webchat", None
        reported = next((m.created_at for m in reversed(uow.conversations.messages(conversation.id))
                         if m.direction == "in" and m.text == description), None)
        return conversation.channel, reported


def keep_for_later(inbound: Inbound, spool: MessageSpool) -> None:
    """The database is down: keep the message where an agent will find it."""
    spool.append({"channel": inbound.channel, "conversation_key": inbound.conversation_key, "text": inbound.text,
                  "received_at": inbound.received_at.isoformat(), "channel_message_id": inbound.channel_message_id})


def replay_kept(spool: MessageSpool, uow: UnitOfWork, triager: Triager, now: Callable[[], datetime]) -> int:
    """Store messages kept while the database was down, each waiting for an agent."""
    records = spool.take_all()
    for record in records:
        inbound = Inbound(record["channel"], record["text"], datetime.fromisoformat(record["received_at"]),
                          conversation_key=record.get("conversation_key"),
                          channel_message_id=record.get("channel_message_id"))
        key, hazards, _duplicate = _store_inbound(inbound, clean_text(inbound.text, 100_000), uow, triager)
        with uow:
            conversation = uow.conversations.get(key, inbound.channel)
            open_handoff(uow, conversation, "database_unavailable", now(), urgent=bool(hazards))
            uow.commit()
    spool.done()
    return len(records)


def safety_replies(text: str, triager: Triager, texts: Texts) -> list[str]:
    """Advice for a message we could not even store: rules only, no I/O."""
    return [texts.get(f"safety.{h}") for h in triager.advice_hazards(text)]
