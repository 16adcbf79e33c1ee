"""The SQLAlchemy unit of work and database engine set-up."""

from __future__ import annotations

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from adapters import orm, repository
from bot import ports


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 15, "check_same_thread": False})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection, _record):
            # WAL lets the gateway and the action server read while the other writes.
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA busy_timeout=15000")
            cursor.close()

        return engine
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=10)


class SqlAlchemyUnitOfWork(ports.UnitOfWork):
    def __init__(self, session_factory: sessionmaker):
        self.session_factory = session_factory

    def __enter__(self) -> "SqlAlchemyUnitOfWork":
        self.session: Session = self.session_factory()
        self.properties = repository.SqlPropertyRepository(self.session)
        self.residents = repository.SqlResidentRepository(self.session)
        self.repairs = repository.SqlRepairRepository(self.session)
        self.conversations = repository.SqlConversationRepository(self.session)
        self.complaints = repository.SqlComplaintRepository(self.session)
        self.handoffs = repository.SqlHandoffRepository(self.session)
        return self

    def __exit__(self, *args) -> None:
        # close() rolls back anything uncommitted; unlike rollback() it leaves loaded
        # objects readable (detached), so services can return them to the edges.
        self.session.close()

    def commit(self) -> None:
        self.session.commit()

    def rollback(self) -> None:
        self.session.rollback()


def session_factory(engine: Engine) -> sessionmaker:
    orm.start_mappers()
    # Objects stay readable after commit: services return them to the edges.
    return sessionmaker(bind=engine, expire_on_commit=False)
