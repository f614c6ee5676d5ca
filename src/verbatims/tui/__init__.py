"""The terminal workbench (Textual). The only package allowed to import Textual."""
