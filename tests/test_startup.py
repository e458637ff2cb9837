"""Read commands never load NLP, numpy or Pydantic, and opening a current store skips Alembic (issue #13)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from dossier.ingest import Defaults
from dossier.ingest.job import ingest
from dossier.store import Store

SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "corpus"
READ_COMMANDS = [
    ["articles"],
    ["show", "1"],
    ["search", "Minsk"],
    ["stats"],
    ["entities"],
    ["entity", "Minsk"],
    ["quotes"],
    ["events"],
    ["timeline", "Minsk"],
    ["stories"],
    ["story", "1"],
    ["copies"],
    ["contradictions"],
    ["articles", "--limit", "5", "--offset", "1"],  # int options given plainly: no Pydantic either
    ["timeline", "Minsk", "--limit", "3"],
]
# Runs every read command in one fresh interpreter, then lists the heavy modules it loaded.
PROBE = """
import json, sys
from dossier.cli import app
for args in json.loads(sys.argv[1]):
    try:
        app(args + ["--db", sys.argv[2]], prog_name="dossier")
    except SystemExit:
        pass
heavy = ("spacy", "natasha", "thinc", "slovnet", "alembic", "datasketch", "scipy", "numpy", "pydantic", "pydantic_core")
# the analysis stages and the models' loader (date intervals and text windows are shared helpers)
stages = {"entities", "time", "quotes", "events", "eventing", "nlp", "coref"}
loaded = [
    m for m in sys.modules
    if m.split(".")[0] in heavy or (m.startswith("dossier.analyze.") and m.split(".")[2] in stages)
]
sys.stderr.write("LOADED " + json.dumps(sorted(loaded)))
"""


def test_read_commands_load_no_nlp_numpy_pydantic_or_alembic(tmp_path: Path) -> None:
    db = tmp_path / "read.db"
    report = ingest([SAMPLES], Store(f"sqlite:///{db}"), defaults=Defaults(origin="", published=None), analyze=False)
    assert report.count("new") > 5
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent / "src")}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(READ_COMMANDS), str(db)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    loaded = json.loads(done.stderr.rsplit("LOADED ", 1)[1])
    assert loaded == []
    assert "Minsk" in done.stdout  # the commands did run and answer


def test_a_store_at_the_head_revision_is_not_migrated_again(tmp_path: Path, monkeypatch) -> None:
    from dossier.store.engine import migration_heads

    url = f"sqlite:///{tmp_path / 'head.db'}"
    Store(url).ensure_schema()
    assert Store(url).stored_revisions() == migration_heads() != frozenset()
    calls: list[str] = []
    monkeypatch.setattr(Store, "migrate", lambda self, revision="head": calls.append(revision))
    Store(url).ensure_schema()
    assert calls == []
    Store(f"sqlite:///{tmp_path / 'new.db'}").ensure_schema()
    assert calls == ["head"]


# Runs `dossier stats` through the console entry point or through the Typer app alone, then lists the
# command modules, Pydantic and Rich modules it loaded.
STATS_PROBE = """
import sys
if sys.argv[2] == "entry":
    from dossier.cli.startup import main
    run = main
else:
    from dossier.cli import app
    run = lambda args: app(args, prog_name="dossier")
try:
    run(["stats", "--db", sys.argv[1], *sys.argv[3:]])
except SystemExit:
    pass
loaded = sorted(m for m in sys.modules if m.startswith(("pydantic", "dossier.cli.", "rich")))
sys.stderr.write("LOADED " + " ".join(loaded))
"""


def _stats_loads(db: Path, how: str, *options: str) -> tuple[str, list[str]]:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent / "src")}
    done = subprocess.run(
        [sys.executable, "-c", STATS_PROBE, str(db), how, *options],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    return done.stdout, done.stderr.rsplit("LOADED ", 1)[1].split()


def test_stats_imports_only_its_own_command_module_and_no_pydantic(tmp_path: Path) -> None:
    """Through the app and through the console entry point (which once imported every command module)."""
    db = tmp_path / "empty.db"
    Store(f"sqlite:///{db}").ensure_schema()
    for how in ("app", "entry"):
        out, loaded = _stats_loads(db, how)
        assert "articles: 0" in out
        assert [m for m in loaded if not m.startswith("rich")] == [
            "dossier.cli.common",
            "dossier.cli.filtering",
            "dossier.cli.read",
            *(["dossier.cli.startup"] if how == "entry" else []),
        ], how


def test_json_output_never_imports_rich(tmp_path: Path) -> None:
    """``--json`` prints JSON Lines only, so the consoles (and Rich) are never made; a message still uses Rich."""
    db = tmp_path / "empty.db"
    Store(f"sqlite:///{db}").ensure_schema()
    out, loaded = _stats_loads(db, "entry", "--json")
    assert json.loads(out)["articles"] == 0
    assert not [m for m in loaded if m.startswith("rich")]
    out, loaded = _stats_loads(db, "entry")  # piped, short plain lines: printed without Rich too
    assert "articles: 0" in out and not [m for m in loaded if m.startswith("rich")]
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent / "src")}
    code = "import sys\nfrom dossier.cli.startup import main\ntry:\n    main(['articles', '--db', sys.argv[1]])\n"
    code += "except SystemExit:\n    pass\nsys.stderr.write(' RICH ' + str('rich.console' in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code, str(db)], capture_output=True, text=True, env=env, timeout=120)
    assert "no articles stored yet" in done.stderr and done.stderr.endswith("RICH True")  # a message still uses Rich


def test_the_command_table_names_the_module_of_every_command() -> None:
    from typer.main import get_command_name

    from dossier.cli import AREAS, COMMANDS, app, command_areas

    registered = {
        (info.name or get_command_name(info.callback.__name__)): info.callback.__module__
        for info in app.registered_commands  # reading the list outside a call imports every area
    }
    for group in app.registered_groups:
        registered[group.name] = group.typer_instance.registered_commands[0].callback.__module__
    assert {name: f"dossier.cli.{area}" for name, area in COMMANDS.items()} == registered
    assert command_areas(["stats", "--db", "x.db"]) == ("read",)
    assert command_areas(["--help"]) == command_areas([]) == command_areas(["nonsense"]) == AREAS


HELP_PROBE = """
import sys
from dossier.cli import app
for args in (["stats", "--db", sys.argv[1]], ["--help"]):
    try:
        app(args, prog_name="dossier")
    except SystemExit:
        pass
"""


def test_help_lists_every_command_after_a_command_ran_alone(tmp_path: Path) -> None:
    from dossier.cli import COMMANDS

    db = tmp_path / "h.db"
    Store(f"sqlite:///{db}").ensure_schema()
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent / "src"), "COLUMNS": "200"}
    done = subprocess.run(
        [sys.executable, "-c", HELP_PROBE, str(db)], capture_output=True, text=True, env=env, timeout=120
    )
    listed = {line.split()[0] for line in done.stdout.splitlines() if line.startswith("  ") and line.strip()}
    assert set(COMMANDS) <= listed


# Counts the collector's passes while `dossier stats` starts and runs, through the console entry
# point or through the Typer app alone; then says whether the collector is on and what it froze.
GC_PROBE = """
import gc, sys
passes = []
gc.callbacks.append(lambda phase, info: passes.append(info["generation"]) if phase == "start" else None)
if sys.argv[2] == "entry":
    from dossier.cli.startup import main
    run = main
else:
    from dossier.cli import app
    run = lambda args: app(args, prog_name="dossier")
try:
    run(["stats", "--db", sys.argv[1]])
except SystemExit:
    pass
print(len(passes), gc.isenabled(), gc.get_freeze_count())
"""


def test_the_console_entry_point_imports_with_the_collector_paused(tmp_path: Path) -> None:
    """Issue #13: import-time allocations trigger collector passes that free nothing."""
    db = tmp_path / "gc.db"
    Store(f"sqlite:///{db}").ensure_schema()
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent / "src")}
    found = {}
    for how in ("entry", "app"):
        done = subprocess.run(
            [sys.executable, "-c", GC_PROBE, str(db), how], capture_output=True, text=True, env=env, timeout=120
        )
        assert "articles: 0" in done.stdout, done.stderr
        passes, enabled, frozen = done.stdout.split()[-3:]
        found[how] = (int(passes), enabled, int(frozen))
    assert found["entry"][1] == found["app"][1] == "True"  # the collector is back on for the command
    assert found["entry"][2] > 10_000 and found["app"][2] == 0  # what was imported is frozen
    assert found["entry"][0] * 2 < found["app"][0]


def test_the_console_script_and_python_m_run_the_startup_entry_point() -> None:
    import tomllib

    root = Path(__file__).resolve().parent.parent
    project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["scripts"]["dossier"] == "dossier.cli.startup:main"
    assert "from dossier.cli.startup import main" in (root / "src" / "dossier" / "__main__.py").read_text()


def test_a_collector_turned_off_by_the_caller_stays_off() -> None:
    import gc

    from dossier.cli.startup import paused_collector

    assert gc.isenabled()
    try:
        gc.disable()
        with paused_collector():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()
    with paused_collector():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.unfreeze()  # leave the test process as it was


def test_int_options_taken_without_pydantic_coerce_exactly_as_typer_does() -> None:
    """Issue #13: ``--limit`` (default or plain digits) must not import Pydantic, and nothing may change."""
    from typer import BadParameter, _coercion
    from typer import core as typer_core
    from typer.models import ArgumentInfo, OptionInfo

    import dossier.cli.common  # noqa: F401  (installs the lazy coercion)

    class Param:
        multiple = False
        nargs = 1

    values = [0, 5, -3, 11, 10**30, "0", "5", "-3", "007", "+5", " 5", "5 ", "1_000", "5.0", "-", "", "x"]
    values += ["١٢", "9" * 18, "9" * 25, True, 2.0, None, b"7"]
    infos = [OptionInfo(), OptionInfo(min=1), OptionInfo(max=10), OptionInfo(min=0, max=10, clamp=True), ArgumentInfo()]
    for info in infos:
        descriptor = _coercion.resolve_type_descriptor(int, info)
        lazy, original = typer_core.build_runtime_param(descriptor), _coercion.build_runtime_param(descriptor)
        assert lazy is not original and type(lazy) is not type(original)
        for value in values:
            outcomes = []
            for runtime in (lazy, original):
                try:
                    got = runtime.coerce(value, param=Param(), ctx=None)
                    outcomes.append((type(got), got))
                except BadParameter as exc:  # the same error, with the same message
                    outcomes.append((type(exc), getattr(exc, "message", str(exc))))
            assert outcomes[0] == outcomes[1], (info, value)


def test_the_entry_point_lists_the_commands_in_the_order_the_app_does() -> None:
    """Through the entry point, help once listed the correction commands last (their module registered last)."""
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent / "src"), "COLUMNS": "200"}
    listed = {}
    for how, code in (
        ("entry", "from dossier.cli.startup import main; main(['--help'])"),
        ("app", "from dossier.cli import app; app(['--help'], prog_name='dossier')"),
    ):
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
        listed[how] = [line.split()[0] for line in done.stdout.splitlines() if line.startswith("  ") and line.strip()]
    assert listed["entry"] == listed["app"]
    assert listed["app"].index("merge") < listed["app"].index("export")  # corrections come first in AREAS


# Runs every read command through the console entry point in one fresh interpreter, then says which
# of the modules SQLAlchemy would have pulled in with asyncio and importlib.metadata got loaded.
ENTRY_PROBE = """
import json, sys
from dossier import deferred
from dossier.cli.startup import main
for args in json.loads(sys.argv[1]):
    try:
        main(args + ["--db", sys.argv[2]])
    except SystemExit:
        pass
pulled = ("ssl", "email", "concurrent", "socket", "_hashlib")
report = {
    "sqlalchemy": "sqlalchemy" in sys.modules,
    "deferred": [name for name in deferred.DEFERRED if deferred.is_deferred(name)],
    "pulled": sorted(m for m in sys.modules if m.split(".")[0] in pulled),
}
sys.stderr.write("REPORT " + json.dumps(report))
"""


def test_read_commands_through_the_entry_point_never_run_asyncio_or_importlib_metadata(tmp_path: Path) -> None:
    """Issue #13: SQLAlchemy imports both; a read command leaves them deferred (and what they import unloaded)."""
    db = tmp_path / "read.db"
    report = ingest([SAMPLES], Store(f"sqlite:///{db}"), defaults=Defaults(origin="", published=None), analyze=False)
    assert report.count("new") > 5
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent / "src")}
    done = subprocess.run(
        [sys.executable, "-c", ENTRY_PROBE, json.dumps(READ_COMMANDS), str(db)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    found = json.loads(done.stderr.rsplit("REPORT ", 1)[1])
    assert "Minsk" in done.stdout
    assert found == {"sqlalchemy": True, "deferred": ["asyncio", "importlib.metadata", "hashlib"], "pulled": []}


# Defers the modules, imports SQLAlchemy, then uses them as a program would.
DEFERRED_PROBE = """
import json, sys
from dossier import deferred
assert deferred.defer() == ["asyncio", "importlib.metadata", "hashlib"]
import sqlalchemy
import asyncio
from importlib import metadata
before = [deferred.is_deferred(name) for name in deferred.DEFERRED]
import asyncio.coroutines
same = asyncio.iscoroutine is asyncio.coroutines.iscoroutine

async def twice(n):
    await asyncio.sleep(0)
    return 2 * n

result = asyncio.run(twice(21))
from asyncio import *  # noqa: F403  (needs __all__ of the real module)
version = metadata.version("sqlalchemy")
import hashlib
digest = hashlib.sha256(b"dossier").hexdigest()[:8]
after = [deferred.is_deferred(name) for name in deferred.DEFERRED]
print(json.dumps({"before": before, "after": after, "same": same, "result": result,
                  "version": version == sqlalchemy.__version__, "star": "Lock" in dir(),
                  "digest": digest, "again": deferred.defer()}))
"""


def test_a_deferred_module_runs_on_first_use_and_then_is_the_real_module() -> None:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent / "src")}
    done = subprocess.run([sys.executable, "-c", DEFERRED_PROBE], capture_output=True, text=True, env=env, timeout=120)
    assert json.loads(done.stdout) == {
        "before": [True, True, True],
        "after": [False, False, False],
        "same": True,
        "result": 42,
        "version": True,
        "star": True,
        "digest": "c8ec03ed",
        "again": [],
    }, done.stderr


# Prints records with print_fields, then the same records through the console Rich would make; with
# argv[1] == "rich" the console is made first, so every record goes through Rich.
FIELDS_PROBE = """
import sys
from dossier import output
records = [
    {"articles": 0, "languages": {}, "formats": {"html": 2, "text": 1}, "first_published": None},
    {"title": "", "aliases": ["Minsk", "Mensk"], "note": "two  spaces", "end": "trailing "},
    {"name": "Мінск", "kind": "place", "tab": "a\\tb", "esc": "\\x1b[31mred", "lines": "one\\ntwo"},
    {"long": "word " * 40, "n": 12345678901234567890},
]
if sys.argv[1] == "rich":
    output.console = output.SafeConsole(**output._CONSOLES["console"])
for record in records:
    output.print_fields(record, list(record))
sys.stderr.write("RICH " + str("rich.console" in sys.modules))
"""


def test_fields_printed_without_rich_match_what_rich_prints() -> None:
    """Issue #13: a plain ``name: value`` listing skips Rich only where Rich would print the same bytes."""
    base = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "FORCE_COLOR", "TTY_COMPATIBLE")}
    base["PYTHONPATH"] = str(Path(__file__).resolve().parent.parent / "src")
    for extra in ({}, {"COLUMNS": "30"}, {"COLUMNS": "200"}, {"FORCE_COLOR": "1"}):
        outputs = {}
        for how in ("plain", "rich"):
            done = subprocess.run(
                [sys.executable, "-c", FIELDS_PROBE, how],
                capture_output=True,
                env={**base, **extra},
                timeout=120,
                stdin=subprocess.DEVNULL,
            )
            outputs[how] = done.stdout, done.stderr.rsplit(b"RICH ", 1)[1]
        assert outputs["plain"][0] == outputs["rich"][0], extra
        assert b"articles: 0\nlanguages: {}\n" in outputs["plain"][0] or extra == {"FORCE_COLOR": "1"}
        assert outputs["rich"][1] == b"True"
    one = {**base, "COLUMNS": "200"}
    code = "from dossier import output; import sys; output.print_fields({'a': 1}, ['a']); print('rich' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=one, timeout=120)
    assert done.stdout == "a: 1\nFalse\n"


def test_version_alone_imports_no_command_module_and_no_sqlalchemy() -> None:
    """``dossier --version`` once imported all nine command areas (and SQLAlchemy) to print one line."""
    from dossier import __version__
    from dossier.cli import command_areas

    assert command_areas(["--version"]) == () and command_areas(["--version", "stats"]) != ()
    code = (
        "import sys\nfrom dossier.cli.startup import main\ntry:\n    main(['--version'])\nexcept SystemExit as e:\n"
        "    code = e.code\nsys.stderr.write(f'CODE {code} ' + ' '.join(sorted(m for m in sys.modules"
        " if m.startswith(('sqlalchemy', 'dossier.cli.')))))"
    )
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent / "src")}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert done.stdout == f"dossier {__version__}\n"
    assert done.stderr.rsplit("CODE ", 1)[1].split() == ["0", "dossier.cli.common", "dossier.cli.startup"]
