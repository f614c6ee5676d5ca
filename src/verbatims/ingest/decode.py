"""Bytes to text: encodings detected, line endings and Unicode normalised.

The order matters: a BOM is proof; strict UTF-8 is next (it almost never decodes
text that is not UTF-8); a file that is *mostly* UTF-8 with a few bad bytes is
refused rather than guessed, because guessing cp1252 there would store mojibake;
only then do single-byte encodings get a chance, via charset-normalizer.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from charset_normalizer import from_bytes

from verbatims.errors import UserError
from verbatims.i18n import _

_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def normalise(text: str) -> str:
    """NFC, LF line endings, no BOM, no trailing blank space at the end."""
    text = text.lstrip("\ufeff")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text)
    return text.rstrip() + "\n" if text.strip() else ""


def decode(data: bytes, where: str, encoding: str | None = None) -> tuple[str, str]:
    """Decode `data` read from `where`; return (normalised text, encoding used)."""
    if encoding:
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError) as exc:
            raise UserError(_("{where} cannot be read as {encoding} ({error}); check "
                              "--encoding, or leave it out to detect the encoding.").format(
                                  where=where, encoding=encoding, error=exc)) from None
        if "\x00" in text:  # what no text in that encoding holds: not that encoding
            raise UserError(_("{where} read as {encoding} holds NUL characters, which no "
                              "transcript has: it is in another encoding (UTF-16?) or not "
                              "text at all; drop --encoding to let verbatims detect "
                              "it.").format(where=where, encoding=encoding))
        return _checked(text, where), encoding
    for bom, name in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return _checked(data.decode(name), where), name
            except UnicodeDecodeError as exc:
                raise UserError(
                    _("{where} starts with a {encoding} byte-order mark but has undecodable "
                      "bytes at byte {byte}; re-save it in one encoding (UTF-8).")
                    .format(where=where, encoding=name, byte=exc.start)
                ) from None
    guessed = _utf16_without_bom(data)
    if guessed:
        try:
            return _checked(data.decode(guessed), where), guessed
        except UnicodeDecodeError:
            pass
    if b"\x00" in data:
        raise _binary(where)
    try:
        return _checked(data.decode("utf-8"), where), "utf-8"
    except UnicodeDecodeError as exc:
        if _UTF8_MULTIBYTE.search(data):
            line = data[: exc.start].count(b"\n") + 1
            raise UserError(
                _("{where} has bytes that are not valid UTF-8 at line {line} (byte {byte}) "
                  "although the rest is UTF-8; re-save it as UTF-8, or pass --encoding.")
                .format(where=where, line=line, byte=exc.start)
            ) from None
    best = from_bytes(data, cp_isolation=["cp1252", "latin_1", "iso8859_15", "mac_roman"]).best()
    if best is None:
        raise UserError(
            _("{where} has bytes that fit no known text encoding; re-save it as UTF-8, "
              "or pass --encoding.").format(where=where)
        )
    name = "cp1252" if best.encoding in ("cp1252", "windows_1252") else best.encoding
    try:
        return _checked(data.decode(name), where), name
    except UnicodeDecodeError:
        return _checked(data.decode("latin-1"), where), "latin-1"


def _utf16_without_bom(data: bytes) -> str | None:
    sample = data[:4000]
    if len(sample) < 8:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) / 2
    if odd > 0.4 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.4 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def _checked(text: str, where: str) -> str:
    controls = len(_CONTROL.findall(text))
    if controls and controls > max(2, len(text) // 200):
        raise _binary(where)
    return normalise(text)


def _binary(where: str) -> UserError:
    return UserError(
        _("{where} looks like a binary file, not a transcript; save it as .txt, .docx or "
          ".odt and import that.").format(where=where)
    )
