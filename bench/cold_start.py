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

# The first use of every table model in a fresh interpreter: the botocore sessions and clients behind them.
STORE_PROBE = (
    "import os, resource, time\n"
    "from ci_agent.config import Settings\n"
    "from ci_agent.store.models import bind_models\n"
    "settings = Settings.from_env({'CI_AGENT_STAGE': 'bench', 'FAILURES_TABLE': 'f', 'FIX_ATTEMPTS_TABLE': 'a',\n"
    "    'DELIVERIES_TABLE': 'd', 'AWS_REGION': 'us-east-1'})\n"
    "models = bind_models(settings)\n"
    "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
    "start = time.perf_counter()\n"
    "for model in (*models.all(), *models.sharing()):\n"
    "    model._get_connection().connection.client\n"
    "grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before\n"
    "print((time.perf_counter() - start) * 1000, grown / 1024)\n"
)


def measure_store(runs: int) -> tuple[float, float]:
    env = dict(os.environ, AWS_ACCESS_KEY_ID="bench", AWS_SECRET_ACCESS_KEY="bench")  # dummies: nothing is sent
    samples = []
    for _ in range(runs):
        probe = [sys.executable, "-c", STORE_PROBE]
        result = subprocess.run(probe, env=env, capture_output=True, text=True, check=True)
        millis, megabytes = result.stdout.split()
        samples.append((float(millis), float(megabytes)))
    return statistics.median(s[0] for s in samples), statistics.median(s[1] for s in samples)


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
    millis, megabytes = measure_store(args.runs)
    print(f"  first use of every table model (DynamoDB clients): {millis:.0f} ms, +{megabytes:.0f} MB")


if __name__ == "__main__":
    main()
