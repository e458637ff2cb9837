"""Knowledge bases: Dossier's entities linked to Wikidata ids from a dump, offline (``docs/kb.md``)."""

from dossier.kb.load import KbReport, load_kb

__all__ = ["KbReport", "load_kb"]
