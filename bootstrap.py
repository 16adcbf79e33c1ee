"""The one place that wires real (or, in tests, fake) adapters to the services."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy import text as sql_text
from sqlalchemy.engine import Engine

from adapters.spool import FileSpool
from adapters.uow import SqlAlchemyUnitOfWork, make_engine, session_factory
from bot.calendar import WorkingCalendar
from bot.keywords import Lexicon
from bot.language import LanguageDetector
from bot.policy import Policy, load_policy
from bot.ports import DialogueEngine, MessageSpool, UnitOfWork
from bot.settings import Settings, get_settings
from bot.texts import Texts
from bot.triage import Triager


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


@dataclass
class Repairline:
    settings: Settings
    policy: Policy
    calendar: WorkingCalendar
    texts: Texts
    triager: Triager
    db: Engine
    uow_factory: Callable[[], UnitOfWork]
    engine: DialogueEngine | None
    now: Callable[[], datetime]
    spool: MessageSpool

    def uow(self) -> UnitOfWork:
        return self.uow_factory()

    def readiness(self) -> dict[str, bool]:
        """What /healthz reports: every part a resident's message passes through."""
        from adapters.rasa import action_server_ready

        return {
            "gateway": True,
            "database": self.database_ready(),
            "rasa": bool(self.engine and getattr(self.engine, "ready", lambda: True)()),
            "action_server": action_server_ready(self.settings.action_server_url),
        }

    def database_ready(self) -> bool:
        try:
            with self.db.connect() as connection:
                connection.execute(sql_text("SELECT 1"))
            return True
        except Exception:
            return False


def bootstrap(settings: Settings | None = None, *, engine: DialogueEngine | None = None,
              now: Callable[[], datetime] = utc_now, with_engine: bool = True) -> Repairline:
    """Load and validate the policy, keyword data and texts, and connect the database.
    Raises bot.errors.PolicyError with a readable message if any file is wrong."""
    settings = settings or get_settings()
    policy = load_policy(settings.policy_path)
    lexicon = Lexicon.load(settings.lookup_dir)
    _check_policy_matches_lookups(policy, lexicon)
    texts = Texts.load(settings.messages_dir, {"landlord": settings.landlord_name,
                                               "landlord_phone": settings.landlord_phone})
    _check_texts(policy, texts)
    calendar = WorkingCalendar(policy)
    triager = Triager(policy, lexicon, calendar, texts, LanguageDetector())
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    db = make_engine(settings.resolved_database_url())
    factory = session_factory(db)
    if engine is None and with_engine:
        from adapters.rasa import RasaEngine

        engine = RasaEngine(settings.rasa_url, settings.rasa_token, settings.rasa_timeout_s)
    return Repairline(settings, policy, calendar, texts, triager, db,
                      lambda: SqlAlchemyUnitOfWork(factory), engine, now,
                      FileSpool(settings.data_dir / "spool" / "inbound.jsonl"))


def _check_policy_matches_lookups(policy: Policy, lexicon: Lexicon) -> None:
    from bot.errors import PolicyError

    problems = []
    for name in lexicon.names("hazard"):
        if name not in policy.hazards:
            problems.append(f"lookup hazard_{name} has no entry under hazards: in the policy")
    for name in policy.hazards:
        if name not in lexicon.names("hazard"):
            problems.append(f"policy hazard {name!r} has no keyword lookup hazard_{name}")
    for name in lexicon.names("category"):
        if name not in policy.categories:
            problems.append(f"lookup category_{name} has no entry under categories: in the policy")
    if problems:
        raise PolicyError("policy and keyword data disagree:\n  - " + "\n  - ".join(problems))


def _check_texts(policy: Policy, texts: Texts) -> None:
    from bot.errors import PolicyError

    missing = [f"safety.{h}" for h in policy.hazards if not texts.has(f"safety.{h}")]
    missing += [f"target.{p}" for p in policy.priorities if not texts.has(f"target.{p}")]
    if missing:
        raise PolicyError("message catalogue is missing: " + ", ".join(missing))
