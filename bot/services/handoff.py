"""Asking for a person: the conversation waits for an agent."""

from __future__ import annotations

from datetime import datetime

from bot.domain.model import Conversation, ConversationStatus, HandoffRequest
from bot.errors import NotFound
from bot.ports import UnitOfWork


def open_handoff(uow: UnitOfWork, conversation: Conversation, reason: str, at: datetime, urgent: bool = False,
                 wait: bool = True) -> HandoffRequest:
    """Within an open unit of work: open a handoff request, or reuse the open one for the
    same reason (raising it to urgent if need be). `wait` marks the conversation as
    waiting for an agent; an emergency alert leaves the bot answering while staff are alerted."""
    request = uow.handoffs.open_for(conversation.id, reason)
    if request is None:
        request = HandoffRequest(conversation.id, reason, at, urgent=urgent)
        uow.handoffs.add(request)
    elif urgent:
        request.urgent = True
    if wait and conversation.status == ConversationStatus.BOT:
        conversation.status = ConversationStatus.WAITING_FOR_AGENT.value
    return request


def request_handoff(conversation_key: str, reason: str, uow: UnitOfWork, now: datetime, urgent: bool = False,
                    wait: bool = True) -> HandoffRequest:
    """Open (or reuse) a handoff request for a conversation and commit it."""
    with uow:
        conversation = uow.conversations.get(conversation_key)
        if conversation is None:
            raise NotFound("no such conversation")
        request = open_handoff(uow, conversation, reason, now, urgent, wait)
        uow.commit()
        return request
