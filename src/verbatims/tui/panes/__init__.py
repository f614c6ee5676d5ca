"""Tabs of the workbench: one module per pane (see verbatims.tui.tabs)."""
