"""Curated data shipped with the package: equipment gazetteer, cue lexicons, event triggers."""
