"""Cold import of each Lambda handler: a fresh interpreter per run, median of several, as `make bench` prints.

On Lambda the layer is read-only, so bytecode is compiled on every cold start; `--no-bytecode` measures that
(PYTHONDONTWRITEBYTECODE and a cleared cache). The default measures with cached bytecode, like a warm disk.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROBE = (
    "import importlib.util, sys, time\n"
    "start = time.perf_counter()\n"
    "spec = importlib.util.spec_from_file_location('handler', sys.argv[1])\n"
    "module = importlib.util.module_from_spec(spec); spec.loader.exec_module(module)\n"
    "print((time.perf_counter() - start) * 1000)\n"
)


def measure(handler: Path, runs: int, no_bytecode: bool) -> float:
    env = dict(os.environ, POWERTOOLS_SERVICE_NAME="ci-agent", POWERTOOLS_METRICS_NAMESPACE="CiAgent")
    args = [sys.executable]
    if no_bytecode:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
        env["PYTHONPYCACHEPREFIX"] = "/nonexistent-ci-agent-pycache"  # no cached bytecode can be found
    samples = []
    for _ in range(runs):
        result = subprocess.run([*args, "-c", PROBE, str(handler)], env=env, capture_output=True, text=True, check=True)
        samples.append(float(result.stdout.strip().splitlines()[-1]))
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print(f"cold import of the Lambda handlers (median of {args.runs} fresh interpreters, {sys.version.split()[0]})")
    for name in sorted(path.parent.name for path in (ROOT / "functions").glob("*/handler.py")):
        handler = ROOT / "functions" / name / "handler.py"
        cached = measure(handler, args.runs, no_bytecode=False)
        compiled = measure(handler, args.runs, no_bytecode=True)
        print(f"  {name:<16} {cached:6.0f} ms with cached bytecode, {compiled:6.0f} ms compiling everything")


if __name__ == "__main__":
    main()
