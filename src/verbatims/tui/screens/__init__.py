"""Modal screens: pickers, editors, help."""
