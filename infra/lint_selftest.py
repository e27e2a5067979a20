"""Prove that linting after the SAM transform catches what linting the SAM template misses.

Adds to a copy of the template a function whose inline policy misspells an IAM action and whose Schedule event
has a malformed cron expression, then checks that cfn-lint passes the raw copy but reports both faults (W3037,
E3027) on its transformed output. Runs in the SAM virtualenv: `bash infra/validate.sh --self-test`.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from samtranslator.yaml_helper import yaml_parse

HERE = Path(__file__).resolve().parent
EXPECTED_RULES = {"W3037": "misspelled IAM action", "E3027": "malformed schedule expression"}
FAULTY_FUNCTION = {
    "Type": "AWS::Serverless::Function",
    "Properties": {
        "CodeUri": "functions/analyzer/",
        "Handler": "handler.handler",
        "Policies": [{"Statement": [{"Effect": "Allow", "Action": "dynamodb:PutItems", "Resource": "*"}]}],
        "Events": {"Nightly": {"Type": "Schedule", "Properties": {"Schedule": "cron(0 3 * * *)"}}},
    },
}


def cfn_lint(path: Path) -> subprocess.CompletedProcess[str]:
    command = [str(Path(sys.executable).parent / "cfn-lint"), str(path)]
    return subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603 - fixed argv


def main() -> int:
    template_path = Path(sys.argv[1] if len(sys.argv) > 1 else "template.yaml")
    template = yaml_parse(template_path.read_text(encoding="utf-8"))
    template["Resources"]["SelfTestFaultyFunction"] = FAULTY_FUNCTION
    with tempfile.TemporaryDirectory() as scratch:
        faulty = Path(scratch) / "faulty.json"
        faulty.write_text(json.dumps(template), encoding="utf-8")
        transformed = Path(scratch) / "faulty.transformed.json"
        subprocess.run(  # noqa: S603 - fixed argv
            [sys.executable, str(HERE / "transform.py"), "--template", str(faulty), "--output", str(transformed)],
            check=True,
            capture_output=True,
        )
        raw, after = cfn_lint(faulty), cfn_lint(transformed)
    missed = [f"{rule} ({what})" for rule, what in EXPECTED_RULES.items() if rule not in after.stdout]
    if missed:
        print(f"lint after the transform did not report: {', '.join(missed)}\n{after.stdout}", file=sys.stderr)
        return 1
    seen_raw = [rule for rule in EXPECTED_RULES if rule in raw.stdout]
    print(
        f"    caught after the transform: {', '.join(EXPECTED_RULES)}; "
        f"caught by the raw lint: {', '.join(seen_raw) or 'none'}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
