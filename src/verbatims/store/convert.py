"""Typed attribute values to and from their stored text form."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime

from verbatims.model.entities import AttributeType, AttributeValue

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_NUMBER = re.compile(r"^[+-]?\d+([.,]\d+)?$")


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def infer(value: object) -> tuple[str, AttributeType]:
    """Stored text and type for a value read from YAML or CSV."""
    if isinstance(value, bool):
        return ("oui" if value else "non"), "text"
    if isinstance(value, datetime):
        return value.date().isoformat(), "date"
    if isinstance(value, date):
        return value.isoformat(), "date"
    if isinstance(value, int | float):
        return _number_text(float(value)), "number"
    text = str(value).strip()
    if _DATE.match(text):
        try:
            date.fromisoformat(text)
            return text, "date"
        except ValueError:
            pass
    if _NUMBER.match(text):
        return _number_text(float(text.replace(",", "."))), "number"
    return text, "text"


def _number_text(number: float) -> str:
    return str(int(number)) if number.is_integer() else repr(number)


def parse(text: str, kind: str) -> AttributeValue:
    if kind == "number":
        number = float(text)
        return int(number) if number.is_integer() else number
    if kind == "date":
        return date.fromisoformat(text)
    return text


def dump_list(items: tuple[str, ...] | list[str]) -> str:
    return json.dumps(list(items), ensure_ascii=False)


def load_list(text: str | None) -> tuple[str, ...]:
    return tuple(json.loads(text)) if text else ()
