"""The ``ci-agent`` command: analyse logs and query the failure history, on AWS or on the local stack."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from ci_agent.analysis import Analysis, analyze_log

EXIT_OK = 0
EXIT_INPUT_ERROR = 2
SUPPORTING_LINE_CHARS = 160


def _format_text(path: str, analysis: Analysis) -> str:
    lines = [
        f"{path}: {analysis.category} (confidence {analysis.confidence:.2f}, rule {analysis.rule or '-'})",
        f"  failed step: {analysis.failed_step or '-'}",
    ]
    if analysis.culprit:
        lines.append(f"  culprit:     line {analysis.culprit.line}: {analysis.culprit.text}")
    else:
        lines.append("  culprit:     nothing in the log explains the failure")
    for extra in analysis.error_lines[1:4]:
        text = extra.text if len(extra.text) <= SUPPORTING_LINE_CHARS else extra.text[: SUPPORTING_LINE_CHARS - 1] + "…"
        lines.append(f"               line {extra.line}: {text}")
    lines.append(f"  signature:   {analysis.signature} (rules {analysis.ruleset_version})")
    lines.extend(f"  note:        {note}" for note in analysis.notes)
    return "\n".join(lines)


def _read_input(path: str) -> bytes:
    if path == "-":
        return sys.stdin.buffer.read()
    return Path(path).read_bytes()


def cmd_analyze(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    status = EXIT_OK
    for path in args.paths:
        try:
            log = _read_input(path)
        except OSError as exc:
            print(f"ci-agent: cannot read {path}: {exc.strerror or exc}", file=err)
            status = EXIT_INPUT_ERROR
            continue
        analysis = analyze_log(log)
        if args.format == "json":
            print(json.dumps({"path": path, **analysis.to_dict()}, ensure_ascii=False), file=out)
        else:
            print(_format_text(path, analysis), file=out)
    return status


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ci-agent", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    analyze = commands.add_parser("analyze", help="diagnose GitHub Actions job logs")
    analyze.add_argument("paths", nargs="+", metavar="PATH", help="log files; - reads standard input")
    analyze.add_argument("--format", choices=("text", "json"), default="text")
    analyze.set_defaults(handler=cmd_analyze)
    return parser


def main(argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        status: int = args.handler(args, out or sys.stdout, err or sys.stderr)
    except BrokenPipeError:
        # The reader went away (`ci-agent analyze ... | head`): stop quietly, as Python's docs recommend.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    return status


if __name__ == "__main__":
    sys.exit(main())
