"""Importing a format's library with a message that says how to get it."""

from __future__ import annotations

import importlib
from typing import Any

from dossier.errors import UsageError

#: The distribution that provides each module, for the message.
_DISTS = {"pyarrow": "pyarrow", "stix2": "stix2", "followthemoney": "followthemoney", "yaml": "PyYAML"}


def need(module: str) -> Any:
    """Import ``module`` or raise a usage error naming the package to install."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        dist = _DISTS.get(module, module)
        raise UsageError(
            f"this export needs the {dist} package, which is not installed ({exc})",
            hint=f"install it: pip install {dist} (or `make setup`, which installs requirements.lock)",
        ) from exc
