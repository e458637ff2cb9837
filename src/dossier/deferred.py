"""Standard-library modules that SQLAlchemy imports but a read command never uses, run on first use.

Why (issue #13, start-up of read commands): ``import sqlalchemy`` runs
``sqlalchemy.util.compat``, which imports :mod:`asyncio` (with :mod:`ssl`,
:mod:`concurrent.futures`, sockets) and :mod:`importlib.metadata` (with
:mod:`email`, :mod:`zipfile`, :mod:`csv`) for its asyncio extension and its
plugin look-up.  A read command on SQLite uses neither, yet the two cost
about a ninth of ``dossier stats`` (counted in instructions, see
``docs/scale-history.md``).  :mod:`hashlib` (which loads OpenSSL's
``libcrypto``) is imported by SQLAlchemy for hashing over-long constraint
names, which no read does: another 1 %.  :func:`defer` puts a *deferred* module object in
``sys.modules`` for each: ``import asyncio`` and ``from importlib import
metadata`` bind it as they would bind the real module, and the first read of
an attribute the module has not got yet (``asyncio.Lock``,
``metadata.entry_points``) runs the real module's code into that same object,
so every holder of it sees the real module from then on.  Submodules
(``import asyncio.events``) import as usual through the package's path.

Two names are served before that: SQLAlchemy reads ``asyncio.iscoroutine``
while it is imported, and it is taken from ``asyncio.coroutines``, the
submodule the real package takes it from (the same function object).

Only the console entry point calls :func:`defer`, for the read commands; a
module already imported is left alone, so a process that uses asyncio
(``dossier fetch``, ``serve``) or imported it before is unaffected.  The first
use runs under a lock, so two threads cannot both run the module's code.
"""

from __future__ import annotations

import importlib.util
import sys
import threading
import types
from typing import Any

__all__ = ["DEFERRED", "defer", "is_deferred"]

#: The modules deferred for a read command, and names served from a submodule before the first use.
DEFERRED: dict[str, dict[str, str]] = {
    "asyncio": {"iscoroutine": "asyncio.coroutines"},
    "importlib.metadata": {},
    "hashlib": {},  # SQLAlchemy's, for hashing over-long constraint names; loads OpenSSL's libcrypto
}

_lock = threading.RLock()


class _DeferredModule(types.ModuleType):
    """A module whose code runs when an attribute it lacks is first read (``__getattr__``).

    It stays of this class while its code runs, so that another thread reading an attribute the
    code has not set yet waits on the lock for the whole module instead of seeing half of it;
    the thread running the code (a submodule importing its package) is let in by the re-entrant
    lock and gets what is there so far, as during any import.
    """

    def __getattr__(self, name: str) -> Any:
        with _lock:
            if type(self) is _DeferredModule and self.__spec__ is not None and self.__spec__.name not in _running:
                _run(self)
            try:
                return self.__dict__[name]
            except KeyError:
                raise AttributeError(f"module {self.__name__!r} has no attribute {name!r}") from None


#: Names of the deferred modules whose code is running now (under ``_lock``).
_running: set[str] = set()


def _run(module: types.ModuleType) -> None:
    """Run ``module``'s own code into it, once, then make it a plain module (under ``_lock``).

    On failure it stays deferred, so that every holder of it tries again on its next use, as a
    failed import is tried again by the next ``import``.
    """
    spec = module.__spec__
    assert spec is not None and spec.loader is not None
    _running.add(spec.name)
    try:
        spec.loader.exec_module(module)
    finally:
        _running.discard(spec.name)
    module.__class__ = types.ModuleType


def is_deferred(name: str) -> bool:
    """Whether ``sys.modules[name]`` is a deferred module whose code has not run yet."""
    return type(sys.modules.get(name)) is _DeferredModule


def defer(names: dict[str, dict[str, str]] | None = None) -> list[str]:
    """Put a deferred module in ``sys.modules`` for each name not imported yet; return those deferred."""
    done: list[str] = []
    for name, early in (DEFERRED if names is None else names).items():
        if name in sys.modules:
            continue
        spec = importlib.util.find_spec(name)
        if spec is None or spec.loader is None or not hasattr(spec.loader, "exec_module"):
            continue
        module = importlib.util.module_from_spec(spec)
        module.__class__ = _DeferredModule
        sys.modules[name] = module
        parent, _, child = name.rpartition(".")
        if parent:
            setattr(sys.modules[parent], child, module)
        for attr, submodule in early.items():
            setattr(module, attr, getattr(importlib.import_module(submodule), attr))
        done.append(name)
    return done
