"""Pseudonymisation decisions in the project, without the real names.

Each decided name is stored as a salted SHA-256 of its normal form with the
decision and the replacement label. The salt is per project (meta), so the
digests cannot be matched across projects. The real names live only in the
user's key file; `missing()` tells an export that the key it was given does
not cover every name accepted for this project.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable

from sqlalchemy import delete, insert, select

from verbatims.store import schema as s
from verbatims.store.convert import now
from verbatims.store.project import Project

SALT_KEY = "pseudonym_salt"
KEY_PATH = "pseudonym_key_path"


def salt(project: Project) -> str:
    value = project.get_meta(SALT_KEY)
    if value is None:
        value = secrets.token_hex(16)
        project.set_meta(SALT_KEY, value)
    return value


def digest(project_salt: str, normal_form: str) -> str:
    return hashlib.sha256(f"{project_salt}\x00{normal_form}".encode()).hexdigest()


def record(project: Project, decisions: Iterable[tuple[str, str, str, str]]) -> None:
    """Replace the stored decisions with (normal form, decision, replacement, category)."""
    key = salt(project)
    stamp = now()
    rows = {digest(key, n): {"digest": digest(key, n), "decision": d, "replacement": r,
                             "category": c, "updated_at": stamp}
            for n, d, r, c in decisions}
    with project.write() as conn:
        conn.execute(delete(s.pseudonyms))
        if rows:
            conn.execute(insert(s.pseudonyms), list(rows.values()))


def accepted(project: Project) -> dict[str, str]:
    """Digest → replacement of every accepted name."""
    with project.read() as conn:
        rows = conn.execute(select(s.pseudonyms.c.digest, s.pseudonyms.c.replacement)
                            .where(s.pseudonyms.c.decision == "accepted")).all()
    return {str(r[0]): str(r[1]) for r in rows}


def missing(project: Project, normal_forms: Iterable[str]) -> list[str]:
    """Replacements of accepted names that the given key does not hold."""
    key = salt(project)
    have = {digest(key, n) for n in normal_forms}
    return sorted(r for d, r in accepted(project).items() if d not in have)
