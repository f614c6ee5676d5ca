"""Publication figures (PNG, SVG) and their data files, drawn with matplotlib; no UI."""
