"""The head every HTML page we write shares: language, title, provenance as <meta>."""

from __future__ import annotations

from html import escape

from verbatims.export.provenance import Provenance


def e(text: str) -> str:
    return escape(text, quote=True)


def head(title: str, provenance: Provenance | None, language: str, css: str) -> list[str]:
    """The page's head: language, title, generator and provenance as <meta> elements."""
    out = ["<!DOCTYPE html>", f'<html lang="{e(language)}">', "<head>", '<meta charset="utf-8">',
           f"<title>{e(title)}</title>"]
    if provenance is not None:
        out.append(f'<meta name="generator" content="verbatims {e(provenance.version)}">')
        for name, value in provenance.fields().items():
            out.append(f'<meta name="{e(name)}" content="{e(value)}">')
    out.append(f"<style>{css}</style>")
    return [*out, "</head>"]
