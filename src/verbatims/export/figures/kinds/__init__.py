"""The figures and tables, one module each (see `export.figures.registry`).

Each module here registers one figure under its file name: `cooc.py` is
`verbatims cooc`. Keep them light to import (the command line lists them all for
`--help`): the heavy work, pandas and matplotlib, is imported when a figure is made.
"""
