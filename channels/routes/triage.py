"""Triage for agents, integrations and evaluations: the same rules and model as the bot."""

from __future__ import annotations

from fastapi import APIRouter, Depends
from pydantic import BaseModel, Field

from bootstrap import Repairline
from bot.services.conversations import clean_text
from channels.deps import services

router = APIRouter()


class TriageIn(BaseModel):
    text: str = Field(..., max_length=100_000)
    vulnerable: bool | None = None


@router.post("/api/triage")
def triage(body: TriageIn, app: Repairline = Depends(services)) -> dict:
    text = clean_text(body.text, app.settings.max_message_chars)
    parsed = app.engine.parse(text) if app.engine else None
    intent = (parsed or {}).get("intent") or {}
    now = app.now()
    result = app.triager.assess(text, reported_at=now, vulnerable=body.vulnerable, intent=intent.get("name"))
    return {
        "language": result.language,
        "category": result.category,
        "trade": result.trade,
        "priority": result.priority,
        "priority_code": result.priority_code,
        "hazard": {"type": result.hazard.type, "class": result.hazard.hazard_class} if result.hazard else None,
        "mentioned_hazards": list(result.mentioned_hazards),
        "vulnerable": result.vulnerable,
        "safety_advice": "\n\n".join(app.triager.advice_texts(result)) or None,
        "due": {
            "target": result.target_due_at.isoformat(),
            "attend": result.attend_by.isoformat() if result.attend_by else None,
            **{clock.name: clock.due_at.isoformat() for clock in result.clocks},
        },
        "is_repair": result.is_repair,
        "nlu": {"intent": intent.get("name"), "confidence": intent.get("confidence")} if parsed else None,
    }
