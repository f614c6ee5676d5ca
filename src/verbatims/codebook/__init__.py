"""Codebooks: the YAML files researchers edit, to and from the store's code tree."""

from verbatims.codebook.yaml_format import dump_yaml, load_yaml

__all__ = ["dump_yaml", "load_yaml"]
