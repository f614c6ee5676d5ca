"""Pseudonymisation: names found, reviewed, and replaced consistently on the way out."""
