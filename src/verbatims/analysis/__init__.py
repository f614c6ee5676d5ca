"""Analyses as pure functions of a project, returning pandas DataFrames."""
