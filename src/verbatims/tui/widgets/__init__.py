"""The workbench's panes, one concept per module."""
