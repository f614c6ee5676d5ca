"""Migration 10: the project forgets its pseudonymisation mapping.

Migration 4 kept, per decided name, a salted digest and its replacement label,
with the salt in `meta`: with a list of likely names anyone holding the project
could rebuild the mapping. From now on the project keeps only the identity of
its key file (an id and a generation, written into the key too), how many
names the key must accept, and the rejected names (ordinary words such as
"Communication", which are no secret). The labels stay in the key alone.

An existing key file still exports: the number of accepted names is carried
over, and a key made before this migration (with no id) is taken as this
project's until `verbatims pseudonymize` stamps it.
"""

from __future__ import annotations

from sqlalchemy import Column, MetaData, String, Table, inspect, text
from sqlalchemy.engine import Connection

VERSION = 10
NAME = "pseudonym_key"


def apply(conn: Connection) -> None:
    accepted = 0
    if inspect(conn).has_table("pseudonyms"):
        accepted = int(conn.execute(text(
            "SELECT COUNT(*) FROM pseudonyms WHERE decision = 'accepted'")).scalar_one())
        decided = int(conn.execute(text("SELECT COUNT(*) FROM pseudonyms")).scalar_one())
        conn.execute(text("DROP TABLE pseudonyms"))
        if decided:
            conn.execute(text("DELETE FROM meta WHERE key IN ('pseudonym_accepted', "
                              "'pseudonym_legacy')"))
            conn.execute(text("INSERT INTO meta (key, value) VALUES ('pseudonym_accepted', "
                              ":n), ('pseudonym_legacy', '1')"), {"n": str(accepted)})
    conn.execute(text("DELETE FROM meta WHERE key = 'pseudonym_salt'"))
    md = MetaData()
    Table(
        "pseudonym_rejections",
        md,
        Column("name", String(400), primary_key=True),
        Column("category", String(100), nullable=False),
        Column("decided_at", String(40), nullable=False),
    )
    md.create_all(conn)
