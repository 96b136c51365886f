"""Dateline: conflict news in, a sourced, deduplicated, mapped ledger of events out."""

__version__ = "0.1.0"
