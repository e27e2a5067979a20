"""`python -m ci_agent.demo`: diagnose the shipped example logs, as `ci-agent analyze` would."""

from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path

from ci_agent.cli import main as cli_main


def demo_logs() -> list[Path]:
    """The example logs: hand-written realistic ones first, then real ones from public projects."""
    folder = Path(str(resources.files("ci_agent.demo").joinpath("logs")))
    return sorted(folder.glob("*.log")) + sorted((folder / "real").glob("*.log"))


def main() -> int:
    logs = demo_logs()
    print(f"ci-agent demo: diagnosing {len(logs)} failing GitHub Actions job logs\n")
    status = 0
    for log in logs:
        status |= cli_main(["analyze", str(log)])
        print()
    return status


if __name__ == "__main__":
    sys.exit(main())
