"""The researchers' workplace: one module per kind of record, the shared behaviour (versions, workflow,
spreadsheets) in base.py. Importing them registers their admin classes."""

from . import blog, events, initiatives, places, suggestions  # noqa: F401
