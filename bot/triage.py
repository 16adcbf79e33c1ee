"""Triage: what kind of repair, how urgent, which hazard, what advice, when due.

Deterministic keyword rules decide hazards and categories; the NLU model's intent,
when there is one, only adds to that (it can say a text is not a repair at all). So
a gas report is caught with no model, network or translation service.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from bot.calendar import WorkingCalendar
from bot.keywords import Lexicon
from bot.language import LanguageDetector
from bot.policy import Policy
from bot.texts import Texts

NOT_REPAIR_INTENTS = frozenset({"ask_rent", "report_noise", "ask_permission"})


@dataclass(frozen=True)
class HazardFinding:
    type: str
    hazard_class: str  # "emergency" | "significant"


@dataclass(frozen=True)
class ClockDue:
    name: str
    due_at: datetime
    basis: str


@dataclass(frozen=True)
class Triage:
    language: str
    category: str
    trade: str
    label: str
    priority: str
    priority_code: str
    hazard: HazardFinding | None
    mentioned_hazards: tuple[str, ...]  # every hazard word found, including ones that need vulnerability
    vulnerable: bool
    safety_advice: tuple[str, ...]  # hazard types to give advice for, most serious first
    target_due_at: datetime
    attend_by: datetime | None
    clocks: tuple[ClockDue, ...] = field(default=())
    intent: str | None = None

    @property
    def is_repair(self) -> bool:
        return not (self.intent in NOT_REPAIR_INTENTS and not self.mentioned_hazards)

    @property
    def asks_about_vulnerability(self) -> bool:
        """Any hazard, or anything vulnerability could make one, needs the question."""
        return bool(self.mentioned_hazards)


class Triager:
    def __init__(self, policy: Policy, lexicon: Lexicon, calendar: WorkingCalendar, texts: Texts,
                 detector: LanguageDetector | None = None):
        self.policy = policy
        self.lexicon = lexicon
        self.calendar = calendar
        self.texts = texts
        self.detector = detector or LanguageDetector()

    def hazards_in(self, text: str) -> list[str]:
        """Hazard types mentioned (not negated), most serious first by policy order."""
        found = [h for h in self.lexicon.hazards(text) if h in self.policy.hazards]
        return sorted(found, key=lambda h: self.policy.hazards[h].rank)

    def advice_hazards(self, text: str) -> list[str]:
        """Hazards in a message that need safety advice at once (no vulnerability known yet)."""
        return [h for h in self.hazards_in(text) if self.policy.hazards[h].hazard_class != "none"
                and self.texts.has(f"safety.{h}")]

    def _hazard_class(self, hazard: str, vulnerable: bool, context: str) -> str:
        rule = self.policy.hazards[hazard]
        if vulnerable and rule.vulnerable_class:
            if not rule.vulnerable_when or any(self.lexicon.mentions(context, s) for s in rule.vulnerable_when):
                return rule.vulnerable_class
        return rule.hazard_class

    def assess(self, text: str, *, reported_at: datetime, vulnerable: bool | None = None,
               vulnerability_text: str = "", intent: str | None = None, language: str | None = None) -> Triage:
        context = f"{text}\n{vulnerability_text}"
        if vulnerable is None:
            vulnerable = self.lexicon.mentions(context, "vulnerability")
        mentioned = self.hazards_in(text)

        classes = {h: self._hazard_class(h, vulnerable, context) for h in mentioned}
        real = [h for h in mentioned if classes[h] != "none"]
        # Emergency before significant, then the policy's order.
        real.sort(key=lambda h: (classes[h] != "emergency", self.policy.hazards[h].rank))
        hazard = HazardFinding(real[0], classes[real[0]]) if real else None

        # An emergency defines the job ("water through the kitchen ceiling" is flooding,
        # not a leak); otherwise the most specific repair words decide.
        category = self.lexicon.category(text)
        if category not in self.policy.categories:
            category = None
        if hazard and hazard.hazard_class == "emergency":
            category = self.policy.hazards[hazard.type].category
        elif category is None and mentioned:
            category = self.policy.hazards[(hazard.type if hazard else mentioned[0])].category
        category = category or "general"
        rule = self.policy.categories[category]

        priority = rule.priority
        if hazard:
            priority = self.policy.more_severe(priority, self.policy.class_priority[hazard.hazard_class])
        for h in mentioned:  # e.g. no heating without vulnerability still counts as urgent
            priority = self.policy.more_severe(priority, self._priority_of_category(self.policy.hazards[h].category))
        prio = self.policy.priority(priority)

        target = self.calendar.due(reported_at, prio.target)
        attend = self.calendar.due(reported_at, prio.attend) if prio.attend else None
        clocks = self._clocks(hazard, reported_at)

        if language is None:
            language = self.detector.guess(text).language
        return Triage(
            language=language,
            category=category,
            trade=rule.trade,
            label=rule.label,
            priority=priority,
            priority_code=prio.code,
            hazard=hazard,
            mentioned_hazards=tuple(mentioned),
            vulnerable=vulnerable,
            safety_advice=tuple(real),
            target_due_at=target,
            attend_by=attend,
            clocks=clocks,
            intent=intent,
        )

    def _priority_of_category(self, category: str) -> str:
        return self.policy.categories[category].priority

    def _clocks(self, hazard: HazardFinding | None, reported_at: datetime) -> tuple[ClockDue, ...]:
        if hazard is None:
            return ()
        dues: dict[str, datetime] = {"reported": reported_at}
        out = []
        for rule in self.policy.clocks.get(hazard.hazard_class, ()):
            due = self.calendar.due(dues[rule.after], rule.duration)
            dues[rule.name] = due
            out.append(ClockDue(rule.name, due, rule.after))
        return tuple(out)

    def advice_texts(self, triage: Triage, lang: str = "en") -> list[str]:
        return [self.texts.get(f"safety.{h}", lang) for h in triage.safety_advice if self.texts.has(f"safety.{h}")]
