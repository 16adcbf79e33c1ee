"""The web chat's JSON API and its page."""

from __future__ import annotations

import logging
from pathlib import Path

from fastapi import APIRouter, Depends, Response
from fastapi.responses import FileResponse, JSONResponse
from pydantic import BaseModel, Field

from bootstrap import Repairline
from bot.errors import Unavailable
from bot.services.conversations import Inbound, handle_message, keep_for_later, safety_replies
from channels.deps import services

router = APIRouter()
log = logging.getLogger("repairline.chat")
PAGE = Path(__file__).resolve().parent.parent / "static" / "chat.html"
CHANNEL = "webchat"


class ChatIn(BaseModel):
    conversation_id: str | None = Field(None, pattern=r"^[A-Za-z0-9_-]{16,64}$")
    text: str = Field(..., max_length=100_000)  # the real limit is checked by the service, with a clear message


class ChatMessage(BaseModel):
    text: str


class ChatOut(BaseModel):
    conversation_id: str
    messages: list[ChatMessage]


@router.get("/", include_in_schema=False)
def page() -> FileResponse:
    return FileResponse(PAGE, media_type="text/html")


@router.post("/api/chat", response_model=ChatOut)
def chat(body: ChatIn, response: Response, app: Repairline = Depends(services)):
    inbound = Inbound(CHANNEL, body.text, app.now(), conversation_key=body.conversation_id)
    try:
        outcome = handle_message(inbound, app.uow(), app.engine, app.triager, app.texts, app.now,
                                 app.settings.max_message_chars)
    except Unavailable as exc:
        # Only the error's type: a database error's text carries the SQL parameters,
        # which are the resident's message (personal data).
        log.error("message not stored in the database (%s); spooling it", type(exc.__cause__).__name__)
        try:
            keep_for_later(inbound, app.spool)
            replies = safety_replies(body.text, app.triager, app.texts) + [app.texts.get("kept")]
        except OSError:
            log.exception("message could not be spooled either")
            replies = safety_replies(body.text, app.triager, app.texts) + [app.texts.get("not_saved")]
        return JSONResponse({"detail": "service unavailable", "messages": [{"text": t} for t in replies]},
                            status_code=503)
    response.headers["Server-Timing"] = f"engine;dur={outcome.engine_seconds * 1000:.1f}"
    return ChatOut(conversation_id=outcome.conversation_key, messages=[ChatMessage(text=t) for t in outcome.replies])
