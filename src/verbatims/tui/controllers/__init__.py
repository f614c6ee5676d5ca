"""Typed controllers: what the app does for several panes (coding, codebook, figures)."""
