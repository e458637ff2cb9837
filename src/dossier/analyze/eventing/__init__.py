"""Event extraction internals (lexicons, roles, modality, dates); the stage
itself is :class:`dossier.analyze.events.EventStage`."""
