"""Alembic environment: the URL comes from Repairline's settings or the caller."""

from alembic import context

from adapters.orm import metadata
from adapters.uow import make_engine
from bot.settings import get_settings

config = context.config
url = config.attributes.get("database_url") or get_settings().resolved_database_url()


def run_migrations_online() -> None:
    connectable = config.attributes.get("connection")
    if connectable is not None:
        _run(connectable)
        return
    engine = make_engine(url)
    with engine.connect() as connection:
        _run(connection)
    engine.dispose()


def _run(connection) -> None:
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True,
                      compare_type=True)
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
