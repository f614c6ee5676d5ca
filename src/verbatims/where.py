"""Attribute filters (`--where role=agent`, the workbench's `role=agent`): one rule everywhere.

What a researcher types matches a document's attribute when, after folding case,
accents, apostrophes and spaces (`verbatims.folding`), the two values share a
form, where a value written in inclusive French stands for each of its forms:

- "agent·e" stands for "agent·e", "agent" and "agente"; "élu·e·s" also for
  "élus" and "élues"; "conseiller·ère" for "conseiller" and "conseillère",
  "directeur·rice" for "directrice", "chargé·e de mission" for "chargé de
  mission" and "chargée de mission". The marks are the middle dot (·, •, ⋅),
  the period, the hyphen, the slash and brackets: "élu.e", "élu-e", "élu(e)".
- So `role=agent` finds "agent·e" and "agent"; `role=agente` finds "agent·e"
  and "agente" but not "agent"; `role=agent·e` finds all three. Values the
  researcher wrote apart stay apart: "élu" is not "élue".

Keys are found the same way: `Rôle=agent` filters on the attribute "role". The
same key twice means either value; different keys must all hold. An empty value
(`role=`) keeps the documents without that attribute. A leaf module.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import date
from functools import lru_cache, partial

from verbatims.errors import UserError
from verbatims.folding import fold
from verbatims.i18n import _

Where = Sequence[tuple[str, str]]

_QUOTES = {'"': '"', "“": "”", "«": "»"}
_MARK = r"[·•⋅‧./()\-]"
# A word, an inclusive mark, a feminine ending, then maybe a plural mark: élu·e·s, élu(e)s.
_INCLUSIVE = re.compile(
    rf"(?<![\w·•⋅‧])(?P<stem>[^\W\d_]{{2,}}?){_MARK}(?P<end>e|ere|euse|rice|trice|se|ne|le"
    rf"|te|fe|ve)\)?(?:{_MARK}?(?P<plural>s))?\)?(?![\w·•⋅‧])")
# Letters of the masculine stem the feminine ending replaces (directeur·rice: directrice);
# for the other endings the ending is added (agent·e: agente, citoyen·ne: citoyenne).
_REPLACED = {("eur", "rice"): 3, ("eur", "trice"): 4, ("eur", "euse"): 3, ("er", "ere"): 2,
             ("x", "se"): 1, ("f", "ve"): 1}


def text_of(value: object) -> str:
    """An attribute value as its text: dates in ISO form, nothing as ""."""
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, date) else str(value)


@lru_cache(maxsize=4096)
def forms(value: str) -> frozenset[str]:
    """The folded forms a value stands for: itself, and for inclusive writing its
    masculine and feminine forms (singular, and plural when it is written plural)."""
    plain = " ".join(fold(value).split())
    found = {plain}
    if _INCLUSIVE.search(plain):
        for feminine in (False, True):
            for plural in (False, True):
                found.add(_INCLUSIVE.sub(partial(_gendered, feminine=feminine, plural=plural),
                                         plain))
    return frozenset(found)


def _gendered(match: re.Match[str], feminine: bool, plural: bool) -> str:
    stem, end = match["stem"], match["end"]
    word = stem
    if feminine:
        cut = next((n for (tail, e), n in _REPLACED.items()
                    if e == end and stem.endswith(tail)), 0)
        word = stem[:len(stem) - cut] + end
    if plural and match["plural"] and not word.endswith(("s", "x")):
        word += "s"
    return word


def same(wanted: str, value: object) -> bool:
    """Whether the typed `wanted` matches the attribute `value` (see the module's rule)."""
    return bool(forms(wanted) & forms(text_of(value)))


def resolve_key(key: str, keys: Sequence[str]) -> str | None:
    """The project's attribute named `key`, case and accents aside; None if there is none."""
    if key in keys:
        return key
    folded = fold(key.strip())
    return next((k for k in keys if fold(k) == folded), None)


def known_key(key: str, keys: Sequence[str]) -> str:
    """`resolve_key`, or a UserError naming the attributes there are."""
    found = resolve_key(key, keys)
    if found is None:
        raise UserError(_("No attribute {key!r} in this project; known attributes: "
                          "{keys}.").format(key=key, keys=", ".join(keys) or _("none")))
    return found


def select(attributes: Mapping[int, Mapping[str, object]], where: Where,
           keys: Sequence[str], among: Iterable[int]) -> list[int]:
    """The ids of `among` (in their order) whose attributes pass every ATTR=VALUE of `where`.

    An attribute not in `keys` is a UserError (a typo must not silently give nothing).
    """
    wanted: dict[str, list[str]] = {}
    for key, value in where:
        wanted.setdefault(known_key(key, keys), []).append(value)
    if not wanted:
        return list(among)
    return [doc_id for doc_id in among
            if passes(attributes.get(doc_id, {}), wanted)]


def passes(attributes: Mapping[str, object], wanted: Mapping[str, Collection[str]]) -> bool:
    """Every key of `wanted` holds one of its values in `attributes` (keys already resolved)."""
    return all(any(same(value, attributes.get(key)) for value in values)
               for key, values in wanted.items())


def parse_where(values: Iterable[str], option: str = "--where") -> list[tuple[str, str]]:
    """`ATTRIBUTE=VALUE` strings (as the command line repeats them) as (key, value) pairs."""
    out = []
    for value in values:
        key, sep, val = value.partition("=")
        if not sep or not key.strip():
            raise UserError(_("{option} {value!r} must read ATTRIBUTE=VALUE, e.g. {option} "
                              "type_collectivite=EPCI.").format(option=option, value=value))
        out.append((key.strip(), val.strip()))
    return out


def tokens(text: str) -> list[str]:
    """Split a typed filter on spaces, except inside quotes: role="chargée de mission",
    role=« chargée de mission ». Apostrophes are letters here (l'agglo), not quotes."""
    out: list[str] = []
    current = ""
    closing = ""
    for ch in text:
        if closing:
            if ch == closing:
                closing = ""
            else:
                current += ch
        elif ch in _QUOTES:
            closing = _QUOTES[ch]
        elif ch.isspace():
            if current:
                out.append(current)
            current = ""
        else:
            current += ch
    if current:
        out.append(current)
    split = [token.partition("=") for token in out]
    return [key.strip() + sep + value.strip() if sep else key for key, sep, value in split]
