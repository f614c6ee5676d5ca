"""Migration 9: where each turn's speech starts, after its marker.

Markers are no longer only "Label :": "Q.", "**Marie DUPONT :**", a name and a
time alone on a line. The detector knows where the marker ends; analyses,
selection and exports read it instead of guessing it again. NULL for turns
stored before (readers then fall back to the turn's start).
"""

from __future__ import annotations

from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection

VERSION = 9
NAME = "turn_speech"


def apply(conn: Connection) -> None:
    if any(c["name"] == "body_start" for c in inspect(conn).get_columns("turns")):
        return  # a store rebuilt by hand from a newer one
    conn.execute(text("ALTER TABLE turns ADD COLUMN body_start INTEGER"))
