"""One module per import format, each defining `FORMAT` (see `ingest.registry`)."""
