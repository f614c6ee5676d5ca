"""The parsed demo project fixtures (`parsed`, `parsed_path`) live in tests/conftest.py."""
