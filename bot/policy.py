"""The landlord's repairs policy (policy/policy.yml), validated on load.

Every mistake is reported at once, naming the field, so a landlord editing the file
sees what to fix instead of a stack trace at the first emergency.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

from bot.errors import PolicyError

HAZARD_CLASSES = ("emergency", "significant", "none")
DURATION_UNITS = ("hours", "working_days", "weeks")


@dataclass(frozen=True)
class Duration:
    unit: str  # one of DURATION_UNITS
    amount: int

    def describe(self) -> str:
        unit = self.unit.replace("_", " ")
        return f"{self.amount} {unit[:-1] if self.amount == 1 else unit}"


@dataclass(frozen=True)
class PriorityRule:
    name: str
    code: str
    rank: int  # 0 is the most severe
    target: Duration
    attend: Duration | None = None


@dataclass(frozen=True)
class ClockRule:
    name: str
    after: str  # "reported" or the name of an earlier clock
    duration: Duration


@dataclass(frozen=True)
class HazardRule:
    name: str
    hazard_class: str
    category: str
    rank: int
    vulnerable_class: str | None = None
    vulnerable_when: tuple[str, ...] = ()


@dataclass(frozen=True)
class CategoryRule:
    name: str
    trade: str
    priority: str
    label: str


@dataclass(frozen=True)
class Policy:
    timezone: ZoneInfo
    holiday_country: str
    holiday_subdivision: str | None
    priorities: dict[str, PriorityRule]
    clocks: dict[str, tuple[ClockRule, ...]]  # by hazard class
    hazards: dict[str, HazardRule]
    class_priority: dict[str, str]
    categories: dict[str, CategoryRule]
    complaint_acknowledge: Duration
    complaint_respond: Duration

    def priority(self, name: str) -> PriorityRule:
        return self.priorities[name]

    def more_severe(self, a: str, b: str) -> str:
        return a if self.priorities[a].rank <= self.priorities[b].rank else b


class _Errors:
    def __init__(self, source: str):
        self.source = source
        self.items: list[str] = []

    def add(self, where: str, problem: str) -> None:
        self.items.append(f"{where}: {problem}")

    def raise_if_any(self) -> None:
        if self.items:
            lines = "\n  - ".join(self.items)
            raise PolicyError(f"invalid policy {self.source}:\n  - {lines}")


def _duration(raw: Any, where: str, errors: _Errors, extra: tuple[str, ...] = ()) -> Duration | None:
    if not isinstance(raw, dict):
        errors.add(where, "must be a mapping like {working_days: 5}")
        return None
    units = [k for k in raw if k in DURATION_UNITS]
    unknown = [k for k in raw if k not in DURATION_UNITS and k not in extra]
    if unknown:
        errors.add(where, f"unknown key(s) {', '.join(map(str, unknown))}; use one of {', '.join(DURATION_UNITS)}")
    if len(units) != 1:
        errors.add(where, f"needs exactly one of {', '.join(DURATION_UNITS)}")
        return None
    amount = raw[units[0]]
    if not isinstance(amount, int) or isinstance(amount, bool) or amount <= 0:
        errors.add(f"{where}.{units[0]}", "must be a whole number above 0")
        return None
    return Duration(units[0], amount)


def parse_policy(raw: Any, source: str = "<policy>") -> Policy:
    errors = _Errors(source)
    if not isinstance(raw, dict):
        raise PolicyError(f"invalid policy {source}: the file must be a YAML mapping")

    tz_name = raw.get("timezone")
    timezone = None
    try:
        timezone = ZoneInfo(str(tz_name))
    except (ZoneInfoNotFoundError, ValueError):
        errors.add("timezone", f"unknown time zone {tz_name!r} (e.g. Europe/London)")

    holidays_raw = raw.get("bank_holidays") or {}
    country = holidays_raw.get("country") if isinstance(holidays_raw, dict) else None
    if not country:
        errors.add("bank_holidays.country", "required (e.g. GB)")

    priorities: dict[str, PriorityRule] = {}
    raw_priorities = raw.get("priorities")
    if not isinstance(raw_priorities, dict) or not raw_priorities:
        errors.add("priorities", "required: a mapping of priority name to its rules")
        raw_priorities = {}
    for rank, (name, rule) in enumerate(raw_priorities.items()):
        where = f"priorities.{name}"
        if not isinstance(rule, dict):
            errors.add(where, "must be a mapping")
            continue
        target = _duration(rule.get("target"), f"{where}.target", errors)
        attend = _duration(rule["attend"], f"{where}.attend", errors) if "attend" in rule else None
        code = rule.get("code")
        if not isinstance(code, str) or not code:
            errors.add(f"{where}.code", "required (e.g. E, U, N)")
        if target:
            priorities[name] = PriorityRule(name, str(code), rank, target, attend)
    for needed in ("emergency", "urgent", "routine"):
        if needed not in raw_priorities:
            errors.add("priorities", f"missing {needed!r}")

    clocks: dict[str, tuple[ClockRule, ...]] = {}
    for hazard_class, rules in (raw.get("awaabs_law") or {}).items():
        if hazard_class not in HAZARD_CLASSES[:2]:
            errors.add(f"awaabs_law.{hazard_class}", "must be emergency or significant")
            continue
        parsed: list[ClockRule] = []
        for i, rule in enumerate(rules or []):
            where = f"awaabs_law.{hazard_class}[{i}]"
            if not isinstance(rule, dict) or "clock" not in rule:
                errors.add(where, "needs clock, after and a duration")
                continue
            after = rule.get("after", "reported")
            if after != "reported" and after not in {c.name for c in parsed}:
                errors.add(f"{where}.after", f"{after!r} is neither 'reported' nor an earlier clock")
            duration = _duration(rule, where, errors, extra=("clock", "after"))
            if duration:
                parsed.append(ClockRule(str(rule["clock"]), after, duration))
        clocks[hazard_class] = tuple(parsed)

    categories: dict[str, CategoryRule] = {}
    for name, rule in (raw.get("categories") or {}).items():
        where = f"categories.{name}"
        if not isinstance(rule, dict):
            errors.add(where, "must be a mapping")
            continue
        if rule.get("priority") not in raw_priorities:
            errors.add(f"{where}.priority", f"{rule.get('priority')!r} is not a priority")
        for key in ("trade", "label"):
            if not rule.get(key):
                errors.add(f"{where}.{key}", "required")
        categories[name] = CategoryRule(name, str(rule.get("trade")), str(rule.get("priority")), str(rule.get("label")))
    if "general" not in categories:
        errors.add("categories", "missing 'general' (used when nothing more specific matches)")

    class_priority = raw.get("hazard_class_priority") or {}
    for hazard_class in ("emergency", "significant"):
        if class_priority.get(hazard_class) not in raw_priorities:
            errors.add(f"hazard_class_priority.{hazard_class}", "must name a priority")

    hazards: dict[str, HazardRule] = {}
    for rank, (name, rule) in enumerate((raw.get("hazards") or {}).items()):
        where = f"hazards.{name}"
        if not isinstance(rule, dict):
            errors.add(where, "must be a mapping")
            continue
        hazard_class = rule.get("class")
        hazard_class = "none" if hazard_class is None else hazard_class
        if hazard_class not in HAZARD_CLASSES:
            errors.add(f"{where}.class", f"must be one of {', '.join(HAZARD_CLASSES)}")
        if rule.get("category") not in categories:
            errors.add(f"{where}.category", f"{rule.get('category')!r} is not a category")
        vulnerable = rule.get("if_vulnerable") or {}
        vulnerable_class = vulnerable.get("class") if vulnerable else None
        if vulnerable and vulnerable_class not in HAZARD_CLASSES[:2]:
            errors.add(f"{where}.if_vulnerable.class", "must be emergency or significant")
        when = tuple(vulnerable.get("when") or ())
        for signal in when:
            if signal not in ("widespread", "respiratory"):
                errors.add(f"{where}.if_vulnerable.when", f"unknown signal {signal!r}")
        hazards[name] = HazardRule(name, hazard_class, str(rule.get("category")), rank, vulnerable_class, when)

    complaints = raw.get("complaints") or {}
    acknowledge = _duration(complaints.get("acknowledge"), "complaints.acknowledge", errors)
    respond = _duration(complaints.get("respond"), "complaints.respond", errors)

    errors.raise_if_any()
    return Policy(
        timezone=timezone,  # type: ignore[arg-type]
        holiday_country=str(country),
        holiday_subdivision=holidays_raw.get("subdivision"),
        priorities=priorities,
        clocks=clocks,
        hazards=hazards,
        class_priority=dict(class_priority),
        categories=categories,
        complaint_acknowledge=acknowledge,  # type: ignore[arg-type]
        complaint_respond=respond,  # type: ignore[arg-type]
    )


def load_policy(path: str | Path) -> Policy:
    path = Path(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PolicyError(f"policy file not found: {path}") from None
    except yaml.YAMLError as exc:
        raise PolicyError(f"policy file {path} is not valid YAML: {exc}") from None
    return parse_policy(raw, str(path))
