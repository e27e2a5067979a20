"""Turning a path a job printed into a path in the repository, or saying it is not one."""

from __future__ import annotations

import posixpath
import re

# Where the runner checks the repository out (GITHUB_WORKSPACE): /home/runner/work/<repo>/<repo> on Linux,
# /Users/runner/work/<repo>/<repo> on macOS, /__w/<repo>/<repo> inside a job container.
WORKSPACE = re.compile(r"^(?:/home/runner/work|/Users/runner/work|/__w)/[^/]+/[^/]+/")


def repository_path(reported: str) -> str | None:
    """``reported`` relative to the repository root (``./scripts/x.sh`` -> ``scripts/x.sh``), or None when it
    lies outside the repository (another absolute path, ``..`` above the root, the runner's temp directory)."""
    path = WORKSPACE.sub("", reported.strip().strip("'\"`"))
    if not path or path.startswith("/") or "\\" in path or re.match(r"^[A-Za-z]:", path):
        return None
    path = posixpath.normpath(path)
    if path == "." or path == ".." or path.startswith("../"):
        return None
    return path
