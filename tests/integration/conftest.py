"""Real databases: a fresh SQLite file and a fresh PostgreSQL database per test,
both brought up to date by the Alembic migrations the service itself runs."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import create_engine, text

from adapters.migrate import upgrade
from tests.conftest import settings_for

PG_ADMIN = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"


def _postgres_url() -> str:
    name = f"repairline_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return name


def _drop_postgres(name: str) -> None:
    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request, tmp_path):
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'repairline.db'}"
        upgrade(url)
        yield url
        return
    name = _postgres_url()
    url = f"postgresql://postgres@127.0.0.1:5432/{name}"
    upgrade(url)
    yield url
    _drop_postgres(name)


@pytest.fixture()
def repairline(database_url, tmp_path):
    """The application wired to a real database. The dialogue engine is a real Rasa
    client pointed at a port where nothing listens (no conversation in these tests)."""
    from bootstrap import bootstrap

    app = bootstrap(settings_for(tmp_path, database_url=database_url))
    yield app
    app.db.dispose()


@pytest.fixture()
def demo(repairline):
    from bot.services.demo import load_homes
    from scripts.load_demo import DEFAULT, records

    load_homes(records(DEFAULT), repairline.uow(), repairline.now())
    return repairline
