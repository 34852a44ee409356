"""Alembic environment: runs on the connection the ledger hands over, inside its write transaction."""
from alembic import context

from minutes.ledger.tables import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata)
with context.begin_transaction():
    context.run_migrations()
