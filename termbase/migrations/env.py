"""Alembic environment: runs on the connection that ``termbase.db`` hands over, so
every ``glossary`` command upgrades the schema inside its own engine setup."""

from alembic import context

from termbase.models import Base

config = context.config
connection = config.attributes["connection"]

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    # SQLite cannot ALTER most things in place; batch mode rebuilds the table.
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)

with context.begin_transaction():
    context.run_migrations()
