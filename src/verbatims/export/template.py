"""Extract headers from a template over a document's attributes.

The language is str.format-like without code: `{attribute}`, `{attribute:filter}`,
filters chained with `:` and a fallback after `|`, e.g.
"Entretien avec {role:article|une personne interrogée}, {type_collectivite}
{population:habitants}". A missing attribute renders as its fallback (or nothing)
and the punctuation around it is tidied, so headers degrade gracefully.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from datetime import date

from verbatims.errors import UserError
from verbatims.i18n import _
from verbatims.model.entities import AttributeValue

DEFAULT_TEMPLATE = (
    "Entretien avec {role:article|une personne interrogée}, {type_collectivite} "
    "{population:habitants}"
)
# A row of the summary grid, as the report's Annexe 1 names its cases.
GRID_TEMPLATE = "{type_collectivite:capitalize} {population:habitants}"
DEFAULTS = (DEFAULT_TEMPLATE, GRID_TEMPLATE)

_FIELD = re.compile(r"\{([^{}]*)\}")
_RANGE = re.compile(r"^\s*(\d[\d\s.]*)\s*[-–à]\s*(\d[\d\s.]*)\s*$")
_PLUS = re.compile(r"^\s*(?:>|plus de\s*)?(\d[\d\s.]*)\s*\+?\s*$")
_LESS = re.compile(r"^\s*(?:<|-|moins de\s*)\s*(\d[\d\s.]*)\s*$")


def _int(text: str) -> int:
    return int(re.sub(r"[\s.]", "", text))


def thousands(number: int) -> str:
    """French grouping from 10 000 up ("2000", "20 000"), as the report writes them, with a
    no-break space so that "20 000" never breaks across lines (in a heading or a table)."""
    if number < 10000:
        return str(number)
    return f"{number:,}".replace(",", "\u00a0")


def habitants(value: str, attrs: Mapping[str, AttributeValue]) -> str:
    """"2000-3500" → "entre 2000 et 3500 habitants", "80000+" → "de plus de 80 000 habitants"."""
    text = value.strip()
    if m := _RANGE.match(text):
        return f"entre {thousands(_int(m[1]))} et {thousands(_int(m[2]))} habitants"
    if m := _LESS.match(text):
        return f"de moins de {thousands(_int(m[1]))} habitants"
    if text.endswith("+") or text.startswith((">", "plus")):
        if m := _PLUS.match(text):
            return f"de plus de {thousands(_int(m[1]))} habitants"
    if re.fullmatch(r"\d+(\.0)?", text):
        return f"de {thousands(int(float(text)))} habitants"
    return text


def gendered(word: str, genre: str) -> str:
    """Resolve inclusive forms: "élu·e" → "élue" for a woman, "élu" for a man."""
    feminine = genre.casefold().startswith(("f", "w"))
    masculine = genre.casefold().startswith(("h", "m"))
    if not (feminine or masculine):
        return word

    def one(m: re.Match[str]) -> str:
        stem, suffix = m[1], m[2]
        if not feminine:
            return stem
        if stem.endswith("eur") and suffix in ("rice", "trice"):
            return stem[:-3] + "trice"
        return stem + suffix

    return re.sub(r"(\w+)[·.•](\w+)(?:[·.•]s)?", one, word)


def article(value: str, attrs: Mapping[str, AttributeValue]) -> str:
    """"élu·e" + genre femme → "une élue"; without a genre, "un·e élu·e"."""
    genre = str(attrs.get("genre", ""))
    noun = gendered(value, genre)
    if genre.casefold().startswith(("f", "w")):
        return f"une {noun}"
    if genre.casefold().startswith(("h", "m")):
        return f"un {noun}"
    return f"un·e {noun}"


def _gender(value: str, attrs: Mapping[str, AttributeValue]) -> str:
    return gendered(value, str(attrs.get("genre", "")))


FILTERS: dict[str, Callable[[str, Mapping[str, AttributeValue]], str]] = {
    "article": article,
    "habitants": habitants,
    "genre": _gender,
    "lower": lambda v, _a: v.lower(),
    "upper": lambda v, _a: v.upper(),
    "capitalize": lambda v, _a: v[:1].upper() + v[1:],
}


def check(template: str, what: str = "") -> None:
    """Refuse an unknown filter or a stray brace before any export starts."""
    what = what or _("header template")
    rest = _FIELD.sub("", template)
    if "{" in rest or "}" in rest:
        raise UserError(_("The {what} {template!r} has a brace without its pair; write each "
                          "field as {{attribute}}, e.g. {{role:article|une personne}}.").format(
            what=what, template=template))
    for m in _FIELD.finditer(template):
        spec = m[1].split("|", 1)[0]
        for name in spec.split(":")[1:]:
            if name.strip() not in FILTERS:
                raise UserError(_("The {what} uses an unknown filter {name!r} in {{{field}}}; "
                                  "known filters: {known}.").format(
                    what=what, name=name.strip(), field=m[1], known=", ".join(sorted(FILTERS))))


def check_attributes(template: str, known: Sequence[str], fields: Sequence[str] = ("document",),
                     what: str = "") -> None:
    """Refuse a field naming an attribute no document has (a typo would render empty).

    `fields` are the names the template may use besides attributes; `what` names
    the template in the message. The bundled default templates are exempt: they
    read the study's usual attributes and degrade to their fallbacks in a project
    without them.
    """
    if template in DEFAULTS:
        return
    for m in _FIELD.finditer(template):
        key = m[1].partition("|")[0].split(":")[0].strip()
        if key not in fields and key not in known:
            raise UserError(_(
                "The {what} names {{{key}}}, an attribute no document has; known attributes: "
                "{known} (or {fields})."
            ).format(what=what or _("header template"), key=key,
                     known=", ".join(known) or _("none"),
                     fields=", ".join("{" + f + "}" for f in fields)))


def render(template: str, attrs: Mapping[str, AttributeValue], document: str = "",
           fields: Mapping[str, str] | None = None) -> str:
    """The header for one document; `{document}` is its name, `fields` other named values
    (a reference's `{n}`, `{locus}`…), which take precedence over attributes."""
    extra = {"document": document, **(fields or {})}

    def field(m: re.Match[str]) -> str:
        spec, _sep, fallback = m[1].partition("|")
        key, *filters = [p.strip() for p in spec.split(":")]
        raw: object = extra[key] if key in extra else attrs.get(key)
        if raw is None or str(raw).strip() == "":
            return fallback
        value = raw.isoformat() if isinstance(raw, date) else str(raw)
        if isinstance(raw, float) and raw.is_integer():
            value = str(int(raw))
        for name in filters:
            value = FILTERS[name](value, attrs)
        return value

    text = _FIELD.sub(field, template)
    text = re.sub(r"[ \t]+", " ", text)
    text = re.sub(r"\s+([,;.])", r"\1", text)
    text = re.sub(r"([,;])(?:\s*[,;])+", r"\1", text)
    text = re.sub(r"\(\s*\)", "", text)
    text = text.strip().strip(",;").strip()
    return text or document
