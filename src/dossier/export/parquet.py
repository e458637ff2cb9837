"""``dossier export parquet``: one Parquet file per table (``tables.TABLES``), written with pyarrow.

Column types follow the table declarations (lists become list columns), and
rows are written in row groups as they are read, so memory stays at one
batch whatever the store's size.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection

from dossier.export.base import ExportResult, Target
from dossier.export.selection import Resolved
from dossier.export.tables import TABLES, Table

BATCH = 5000


def _schema(table: Table) -> Any:
    import pyarrow as pa

    types = {
        "int": pa.int64(),
        "float": pa.float64(),
        "bool": pa.bool_(),
        "str": pa.string(),
        "list": pa.list_(pa.string()),
        "ids": pa.list_(pa.int64()),
    }
    return pa.schema([pa.field(c.name, types[c.type], metadata={"description": c.doc}) for c in table.columns])


class ParquetExporter:
    name = "parquet"
    description = "one Parquet file per table, typed columns (pyarrow)"
    layout = "directory"
    suffix = ""

    def export(self, conn: Connection, selection: Resolved, target: Target) -> ExportResult:
        from dossier.export.requires import need

        pa = need("pyarrow")
        import pyarrow.parquet as pq

        directory = target.directory()
        result = ExportResult(self.name)
        for table in TABLES:
            schema = _schema(table)
            path = directory / f"{table.name}.parquet"
            n = 0
            with pq.ParquetWriter(str(path), schema) as writer:
                batch: list[dict[str, Any]] = []
                for row in table.rows(conn, selection):
                    batch.append({name: row.get(name) for name in table.names})
                    if len(batch) >= BATCH:
                        writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                        n += len(batch)
                        batch = []
                if batch or n == 0:
                    writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                    n += len(batch)
            result.paths.append(str(path))
            result.counts[table.name] = n
        return result
