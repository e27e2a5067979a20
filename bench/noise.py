"""A synthetic job log of passing-build noise with one real failure at the end, for throughput benchmarks."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from pathlib import Path

NOISE = (
    "Requirement already satisfied: urllib3<3,>=1.21.1 in "
    "/opt/hostedtoolcache/Python/3.12.{n}/x64/lib/python3.12/site-packages",
    "  Downloading numpy-2.{n}.0-cp312-cp312-manylinux_2_17_x86_64.whl (18.{n} MB)",
    "added {n}12 packages, and audited {n}13 packages in {n}s",
    "npm warn deprecated glob@7.2.3: Glob versions prior to v9 are no longer supported",
    "tests/unit/test_models.py::test_defaults_{n} PASSED                                [ {n}%]",
    "ok  \tgithub.com/acme/app/internal/cache\t0.{n}31s",
    "   Compiling serde_derive v1.0.{n}",
    "[INFO] Downloaded from central: https://repo.maven.example.test/maven2/org/slf4j/slf4j-api/2.0.{n}/slf4j-api-2.0.{n}.pom",
    "warning: unused variable: `tmp`",
    "PASS src/utils/date.test.ts ({n}.{n} s)",
    " ---> Using cache",
    "[{n}/4] Building CXX object src/CMakeFiles/core.dir/util_{n}.cpp.o",
    "\x1b[36;1mecho building module {n}\x1b[0m",
    "Collecting requests==2.32.{n}",
    "  ✓ renders the header ({n} ms)",
)
FAILURE = (
    "ERROR: Could not find a version that satisfies the requirement acme-core==9.{n}.1 (from versions: 1.0, 1.1)",
    "ERROR: No matching distribution found for acme-core==9.{n}.1",
    "##[error]Process completed with exit code 1.",
)


UNRECOGNISED = ("the deployment window is closed", "##[error]Process completed with exit code 3.")


def write_noise_log(path: Path, size_bytes: int, seed: int = 1, *, recognisable: bool = True) -> None:
    rng = random.Random(seed)
    stamp = datetime(2026, 11, 1, 8, 0, 0)
    written = 0
    with path.open("w", encoding="utf-8") as out:
        out.write(f"{stamp:%Y-%m-%dT%H:%M:%S}.0000000Z ##[group]Run make ci\n")
        while written < size_bytes:
            stamp += timedelta(microseconds=rng.randint(100, 90_000))
            line = f"{stamp:%Y-%m-%dT%H:%M:%S}.{rng.randint(0, 9_999_999):07d}Z " + rng.choice(NOISE).format(
                n=rng.randint(1, 9)
            )
            out.write(line + "\n")
            written += len(line) + 1
        for text in FAILURE if recognisable else UNRECOGNISED:
            out.write(f"{stamp:%Y-%m-%dT%H:%M:%S}.0000000Z {text.format(n=3)}\n")


# Lines that look like errors to some rule but none conclusive on its own: a warning-heavy, colour-coded build
# (a third of its lines), the worst shape for the bottom-up search, which must read every chunk of the step.
ERRORISH = (
    "\x1b[31merror\x1b[0m: retrying request {n} of 5",
    "\x1b[1;31mRuntimeError: worker {n} restarted\x1b[0m",
    "\x1b[33mwarning: unused variable `tmp{n}`\x1b[0m",
    "\x1b[31mERROR\x1b[0m: cache miss for layer {n}",
    "\x1b[91mError: connection reset, will retry ({n})\x1b[0m",
    "KeyError",
)
COLOURED_NOISE = tuple(f"\x1b[32m{line}\x1b[0m" if "\x1b" not in line else line for line in NOISE)


def write_errorish_log(path: Path, size_bytes: int, seed: int = 2) -> None:
    """A colour-coded log in which a third of the lines look like errors, with the real failure at the end."""
    rng = random.Random(seed)
    stamp = datetime(2026, 11, 1, 8, 0, 0)
    written = 0
    with path.open("w", encoding="utf-8") as out:
        out.write(f"{stamp:%Y-%m-%dT%H:%M:%S}.0000000Z ##[group]Run make ci\n")
        while written < size_bytes:
            stamp += timedelta(microseconds=rng.randint(100, 90_000))
            pool = ERRORISH if rng.random() < 1 / 3 else COLOURED_NOISE
            line = f"{stamp:%Y-%m-%dT%H:%M:%S}.{rng.randint(0, 9_999_999):07d}Z " + rng.choice(pool).format(
                n=rng.randint(1, 9)
            )
            out.write(line + "\n")
            written += len(line) + 1
        for text in UNRECOGNISED:
            out.write(f"{stamp:%Y-%m-%dT%H:%M:%S}.0000000Z {text}\n")
