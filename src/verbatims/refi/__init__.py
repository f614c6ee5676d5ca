"""REFI-QDA exchange: .qdpx projects and .qdc codebooks, written and read."""
