"""Plugins: readers, analysis stages and exporters found through Python entry points.

A distribution extends Dossier by declaring entry points in one of three groups
(``docs/plugins.md``)::

    [project.entry-points."dossier.readers"]    # a dossier.ingest.Reader
    [project.entry-points."dossier.stages"]     # a factory returning an analysis Stage
    [project.entry-points."dossier.exporters"]  # a dossier.export.Exporter

Dossier's own parts are declared the same way in its ``pyproject.toml`` and
loaded by the same code, so the extension point is the one the built-ins use
(datasette's habit).  :data:`BUILTIN` repeats those declarations because an
editable install made before a built-in was added does not list it in its
metadata yet; a test keeps the two lists equal.  Discovery never imports a
plugin just to list it: ``dossier plugins`` must stay fast and must not load
NLP models.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from importlib import metadata
from typing import Any

from dossier.errors import PluginError, UsageError

READERS_GROUP = "dossier.readers"
STAGES_GROUP = "dossier.stages"
EXPORTERS_GROUP = "dossier.exporters"
GROUPS = (READERS_GROUP, STAGES_GROUP, EXPORTERS_GROUP)

#: Dossier's own plugins, exactly as ``pyproject.toml`` declares them (checked by a test).
#: Stage order here is analysis order: later stages read what earlier ones assigned.
BUILTIN: dict[str, dict[str, str]] = {
    READERS_GROUP: {
        "text": "dossier.ingest.readers:TEXT_READER",
        "json": "dossier.ingest.readers:JSON_READER",
        "jsonl": "dossier.ingest.readers:JSONL_READER",
        "html": "dossier.ingest.html:HTML_READER",
        "feed": "dossier.ingest.feeds:FEED_READER",
        "warc": "dossier.ingest.warc:WARC_READER",
    },
    STAGES_GROUP: {
        "entities": "dossier.analyze.entities:EntityStage",
        "time": "dossier.analyze.time:TimeStage",
        "quotes": "dossier.analyze.quotes:QuoteStage",
        "events": "dossier.analyze.events:EventStage",
    },
    EXPORTERS_GROUP: {
        "csv": "dossier.export.csv:CsvExporter",
        "parquet": "dossier.export.parquet:ParquetExporter",
        "jsonl": "dossier.export.jsonl:JsonlExporter",
        "timelinejs": "dossier.export.timelinejs:TimelineJsExporter",
        "graphml": "dossier.export.graph:GraphMLExporter",
        "gexf": "dossier.export.graph:GexfExporter",
        "stix": "dossier.export.stix:StixExporter",
        "ftm": "dossier.export.ftm:FtmExporter",
        "datasette": "dossier.export.datasette:DatasetteExporter",
    },
}

_OWN_DIST = "dossier"


@dataclass(frozen=True, slots=True)
class Plugin:
    """One declared plugin: its group, name, ``module:attribute`` and the distribution declaring it."""

    group: str
    name: str
    value: str
    dist: str
    version: str | None
    builtin: bool

    def load(self) -> Any:
        """Import the object the entry point names."""
        module_name, _, attr = self.value.partition(":")
        try:
            obj: Any = importlib.import_module(module_name)
            for part in attr.split(".") if attr else []:
                obj = getattr(obj, part)
        except Exception as exc:  # any failure of third-party code is reported, not raised raw
            raise PluginError(
                f"cannot load {self.group} plugin {self.name!r} ({self.value}) from {self.dist}: "
                f"{type(exc).__name__}: {exc}",
                hint="reinstall the distribution that provides it, or uninstall it",
            ) from exc
        return obj

    def to_record(self) -> dict[str, Any]:
        return {
            "group": self.group,
            "name": self.name,
            "value": self.value,
            "dist": self.dist,
            "version": self.version,
            "builtin": self.builtin,
        }


def _entry_points(group: str) -> list[metadata.EntryPoint]:
    return list(metadata.entry_points(group=group))


def discover(group: str) -> list[Plugin]:
    """Every plugin of ``group``: the built-ins first (in their declared order), then others by name.

    An external plugin may not take a built-in's name: a reader called
    ``text`` from elsewhere would silently change how every file is read, so
    it is listed (``dossier plugins`` shows it) but the built-in wins.
    """
    if group not in GROUPS:
        raise UsageError(f"unknown plugin group {group!r}", hint=f"groups: {', '.join(GROUPS)}")
    own = BUILTIN[group]
    found: dict[str, Plugin] = {}
    for ep in _entry_points(group):
        dist = getattr(ep, "dist", None)
        dist_name = dist.metadata["Name"] if dist is not None else "?"
        version = dist.version if dist is not None else None
        if dist_name == _OWN_DIST or (ep.name in own and ep.value == own[ep.name]):
            continue  # the built-in, declared below from BUILTIN
        key = ep.name if ep.name not in own else f"{dist_name}:{ep.name}"
        found.setdefault(key, Plugin(group, ep.name, ep.value, dist_name, version, builtin=False))
    from dossier import __version__

    builtins = [Plugin(group, name, value, _OWN_DIST, __version__, builtin=True) for name, value in own.items()]
    return builtins + [found[k] for k in sorted(found)]


def installed() -> list[Plugin]:
    """Every plugin of every group (``dossier plugins``)."""
    return [p for group in GROUPS for p in discover(group)]


def active(group: str) -> list[Plugin]:
    """The plugins that take effect: built-ins, and external ones whose name no built-in has."""
    own = BUILTIN[group]
    return [p for p in discover(group) if p.builtin or p.name not in own]


# -- the three kinds ---------------------------------------------------------------------


def load_readers() -> list[str]:
    """Register every reader plugin with :func:`dossier.ingest.register_reader`; return their names.

    Idempotent and cheap: called when ``dossier.ingest`` is imported and again
    by the CLI before reading, so a plugin installed meanwhile is seen.
    """
    from dossier.ingest.readers import READERS, Reader, register_reader

    names = []
    for plugin in active(READERS_GROUP):
        if plugin.builtin and plugin.name in READERS:
            names.append(plugin.name)  # already registered by its module's import
            continue
        obj = plugin.load()
        reader = obj() if callable(obj) and not isinstance(obj, Reader) else obj
        if not isinstance(reader, Reader):
            raise PluginError(
                f"reader plugin {plugin.name!r} ({plugin.value}) is a {type(reader).__name__}, not a Reader",
                hint="a reader entry point names a dossier.ingest.Reader or a function returning one",
            )
        register_reader(reader)
        names.append(reader.name)
    return names


def stage_specs() -> tuple[str, ...]:
    """The analysis stages to run, as ``module:attribute`` specs: the built-ins, then plugins by name."""
    return tuple(p.value for p in active(STAGES_GROUP))


def exporters() -> dict[str, Plugin]:
    """Exporter plugins by format name (not loaded: loading imports the format's library)."""
    return {p.name: p for p in active(EXPORTERS_GROUP)}


def load_exporter(name: str) -> Any:
    """The exporter for format ``name``; a usage error naming the known formats otherwise."""
    found = exporters()
    if name not in found:
        raise UsageError(f"unknown export format {name!r}", hint=f"formats: {', '.join(found)}")
    obj = found[name].load()
    return obj() if isinstance(obj, type) else obj
