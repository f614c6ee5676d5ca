"""What the project knows of its pseudonymisation key: never the mapping.

The project holds the id and generation of its key file (the key holds them
too), the number of names the key accepts, and the names the researcher
rejected (ordinary words, no secret). Nothing here names an accepted person or
their label, so the project alone cannot rebuild the mapping; an export checks
that the key it is given is this project's, and not an older copy.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import delete, insert, select

from verbatims.store import schema as s
from verbatims.store.convert import now
from verbatims.store.project import Project

KEY_PATH = "pseudonym_key_path"
KEY_ID = "pseudonym_key_id"
GENERATION = "pseudonym_generation"
ACCEPTED = "pseudonym_accepted"
LEGACY = "pseudonym_legacy"
LABELS = "pseudonym_document_label"


@dataclass(frozen=True)
class KeyState:
    key_id: str | None
    generation: int
    accepted: int
    legacy: bool  # decided before migration 10: any key with no id is taken as this one


def state(project: Project) -> KeyState:
    def number(key: str) -> int:
        value = project.get_meta(key)
        return int(value) if value and value.isdigit() else 0

    return KeyState(project.get_meta(KEY_ID), number(GENERATION), number(ACCEPTED),
                    project.get_meta(LEGACY) == "1")


def record(project: Project, key_id: str, generation: int, accepted: int,
           rejected: Iterable[tuple[str, str]]) -> None:
    """After a key is written: its identity, its size, and the rejected names."""
    stamp = now()
    rows = {name: {"name": name, "category": category, "decided_at": stamp}
            for name, category in rejected}
    with project.write() as conn:
        conn.execute(delete(s.meta).where(s.meta.c.key.in_([KEY_ID, GENERATION, ACCEPTED,
                                                              LEGACY])))
        conn.execute(insert(s.meta), [{"key": KEY_ID, "value": key_id},
                                      {"key": GENERATION, "value": str(generation)},
                                      {"key": ACCEPTED, "value": str(accepted)}])
        conn.execute(delete(s.pseudonym_rejections))
        if rows:
            conn.execute(insert(s.pseudonym_rejections), list(rows.values()))


def rejected(project: Project) -> dict[str, str]:
    """Normal form → category of every name the researcher rejected."""
    with project.read() as conn:
        rows = conn.execute(select(s.pseudonym_rejections.c.name,
                                   s.pseudonym_rejections.c.category)).all()
    return {str(r[0]): str(r[1]) for r in rows}
