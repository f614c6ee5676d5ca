"""The parsed demo project fixtures live in tests/conftest.py (shared with analysis,
auto-coding and figures), so the corpus is lemmatised once per test session."""
