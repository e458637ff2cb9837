"""``dossier export csv``: one CSV file per table of the knowledge base (``tables.TABLES``).

UTF-8 with a header row; lists are written as JSON arrays, missing values as
empty cells.  Written row by row as the store is read.
"""

from __future__ import annotations

import csv
import json
from typing import Any

from sqlalchemy import Connection

from dossier.export.base import ExportResult, Target
from dossier.export.selection import Resolved
from dossier.export.tables import TABLES


def csv_cell(value: Any) -> Any:
    if isinstance(value, list | tuple | dict):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


class CsvExporter:
    name = "csv"
    description = "one CSV file per table (articles, origins, entities, mentions, times, quotes, events, ...)"
    layout = "directory"
    suffix = ""

    def export(self, conn: Connection, selection: Resolved, target: Target) -> ExportResult:
        directory = target.directory()
        result = ExportResult(self.name)
        for table in TABLES:
            path = directory / f"{table.name}.csv"
            n = 0
            with path.open("w", encoding="utf-8", newline="") as fh:
                writer = csv.writer(fh)
                writer.writerow(table.names)
                for row in table.rows(conn, selection):
                    writer.writerow([csv_cell(row.get(name)) for name in table.names])
                    n += 1
            result.paths.append(str(path))
            result.counts[table.name] = n
        return result
