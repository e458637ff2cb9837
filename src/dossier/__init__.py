"""Dossier: a source-attributed, time-resolved knowledge base built from news and Telegram posts."""

__version__ = "0.1.0"
