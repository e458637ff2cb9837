"""Start-up of a read command as the ``dossier`` console script runs it, for one or more source trees.

    python bench/startup_time.py [--runs 15] [--src TREE/src ...] [--instructions] [-- COMMAND ARGS]

Why its own script: what a user waits for is the console script, which
imports the entry point named in ``pyproject.toml`` (``[project.scripts]``)
and calls it, not ``python -c 'from dossier.cli import app'``; and the one
figure that matters on a shared machine is a comparison made in the same
minutes.  Each ``--src`` (default: this checkout's ``src``) is a tree with
``dossier`` in it and ``pyproject.toml`` beside it; the command (default
``stats --db EMPTY.db`` on a new empty store) runs ``--runs`` times in a fresh
interpreter per tree, the trees taking turns run by run, exactly as the
script that ``pip`` writes for the entry point would run it.  Prints the median
wall and CPU (user + system) seconds of each tree.  Bytecode is compiled first,
as an installed package has it.

``--instructions`` also counts the instructions one run executes, under
valgrind's cachegrind (about 40 times slower; ``PYTHONHASHSEED=0``): on a
shared machine CPU seconds move with the neighbours' load (caches, frequency),
while the count of one tree repeats to within a few hundredths of a percent,
so a change of one percent is seen.
"""

from __future__ import annotations

import argparse
import compileall
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def entry_point(src: Path) -> tuple[str, str]:
    """The ``(module, function)`` of the ``dossier`` console script of the tree ``src`` belongs to."""
    project = tomllib.loads((src.parent / "pyproject.toml").read_text(encoding="utf-8"))
    module, _, attr = project["project"]["scripts"]["dossier"].partition(":")
    return module, attr


def script_command(src: Path, args: list[str]) -> list[str]:
    """The console script of ``src`` as a command line: what pip's generated ``dossier`` file does."""
    module, attr = entry_point(src)
    code = f"import sys; sys.argv[0] = 'dossier'; from {module} import {attr}; sys.exit({attr}())"
    return [sys.executable, "-c", code, *args]


def run_once(src: Path, args: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of one run of the console script of ``src``."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(src)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(script_command(src, args), env=env, check=True, capture_output=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def instructions(src: Path, args: list[str]) -> float:
    """Millions of instructions one run of the console script of ``src`` executes (valgrind cachegrind)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(PYTHONPATH=str(src), PYTHONHASHSEED="0")
    tool = ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null"]
    done = subprocess.run(tool + script_command(src, args), env=env, check=True, capture_output=True, text=True)
    found = re.search(r"I\s+refs:\s+([\d,]+)", done.stderr)
    if found is None:
        raise RuntimeError(f"no instruction count in valgrind's output:\n{done.stderr[-2000:]}")
    return int(found.group(1).replace(",", "")) / 1e6


def measure(trees: list[Path], args: list[str], runs: int) -> dict[Path, tuple[float, float]]:
    """Median wall and CPU seconds per tree, the trees alternating run by run."""
    for tree in trees:
        compileall.compile_dir(str(tree), quiet=1)
        run_once(tree, args)  # warm the file cache
    walls: dict[Path, list[float]] = {tree: [] for tree in trees}
    cpus: dict[Path, list[float]] = {tree: [] for tree in trees}
    for _ in range(runs):
        for tree in trees:
            wall, cpu = run_once(tree, args)
            walls[tree].append(wall)
            cpus[tree].append(cpu)
    return {tree: (statistics.median(walls[tree]), statistics.median(cpus[tree])) for tree in trees}


def empty_store(folder: Path, src: Path) -> Path:
    """A new store with its schema, made by the tree ``src`` (so the command does not migrate)."""
    db = folder / "empty.db"
    code = f"from dossier.store import Store; Store('sqlite:///{db}').ensure_schema()"
    subprocess.run([sys.executable, "-c", code], env={**os.environ, "PYTHONPATH": str(src)}, check=True)
    return db


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=15, help="runs per tree (default 15)")
    parser.add_argument("--src", type=Path, action="append", help="a source tree (repeat to compare)")
    parser.add_argument(
        "--instructions", action="store_true", help="also count one run's instructions under valgrind (steadier)"
    )
    parser.add_argument("command", nargs="*", help="the command and its arguments (default: stats on an empty store)")
    args = parser.parse_args(argv)
    if args.instructions and shutil.which("valgrind") is None:
        parser.error("--instructions needs valgrind on the PATH")
    trees = [p.resolve() for p in (args.src or [REPO / "src"])]
    with tempfile.TemporaryDirectory() as tmp:
        command = args.command or ["stats", "--db", str(empty_store(Path(tmp), trees[0]))]
        figures = measure(trees, command, args.runs)
        counts = {tree: instructions(tree, command) for tree in trees} if args.instructions else {}
    print(f"`dossier {' '.join(command)}`, median of {args.runs} runs each, trees alternating")
    for tree, (wall, cpu) in figures.items():
        module, attr = entry_point(tree)
        count = f" {counts[tree]:8.1f} M instructions" if tree in counts else ""
        print(f"{wall:7.3f} s wall {cpu:7.3f} s CPU{count}  {tree}  ({module}:{attr})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
