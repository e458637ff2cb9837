"""Run every evaluation harness in turn and print their tables: ``make eval``.

Each harness scores one stage on a human-annotated corpus in
``../shared/data`` (see ``eval/README.md``); one that finds its data absent
says so and exits 2, and this runner reports that and goes on.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
HARNESSES = ("ner.py", "tempeval.py", "quotes.py", "plover.py", "ecbplus.py", "copies.py")


def main(argv: list[str]) -> int:
    wanted = [h for h in HARNESSES if not argv or h.removesuffix(".py") in argv]
    failed = []
    for name in wanted:
        script = HERE / name
        if not script.exists():
            print(f"== {name}: not present, skipped")
            continue
        print(f"== {name}", flush=True)
        code = subprocess.call([sys.executable, str(script)], cwd=HERE.parent)
        if code == 2:
            print(f"== {name}: data absent (see its message)")
        elif code != 0:
            failed.append(name)
    if failed:
        print(f"failed: {', '.join(failed)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
