"""``python -m ci_agent.reporting.schema``: print the JSON schema of a report's numbers (docs/report.schema.json)."""

from __future__ import annotations

import json
import sys
from typing import Any

from ci_agent.reporting.model import SCHEMA_VERSION, WeeklyReport

SCHEMA_ID = f"https://ci-agent.local/schemas/weekly-report-v{SCHEMA_VERSION}.json"


def report_schema() -> dict[str, Any]:
    """The JSON schema (draft 2020-12) that every ``reports/<owner>/<yyyy>-W<ww>.json`` object follows."""
    schema = WeeklyReport.model_json_schema(mode="serialization")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID, **schema}


def main() -> int:
    sys.stdout.write(json.dumps(report_schema(), indent=2, sort_keys=True) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
