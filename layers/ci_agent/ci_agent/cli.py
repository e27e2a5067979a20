"""The ``ci-agent`` command: analyse logs and query the failure history, on AWS or on the local stack."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from ci_agent.analysis import Analysis, analyze_log
from ci_agent.cli_analytics import add_commands as add_analytics_commands

if TYPE_CHECKING:
    from ci_agent.store import FixAttemptRecord

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
    baseline = None
    if args.baseline is not None:
        try:
            baseline = _read_input(args.baseline)
        except OSError as exc:
            print(f"ci-agent: cannot read baseline {args.baseline}: {exc.strerror or exc}", file=err)
            return EXIT_INPUT_ERROR
    for path in args.paths:
        try:
            log = _read_input(path)
        except OSError as exc:
            print(f"ci-agent: cannot read {path}: {exc.strerror or exc}", file=err)
            status = EXIT_INPUT_ERROR
            continue
        analysis = analyze_log(log, baseline=baseline)
        if args.format == "json":
            print(json.dumps({"path": path, **analysis.to_dict()}, ensure_ascii=False), file=out)
        else:
            print(_format_text(path, analysis), file=out)
    return status


def _local_endpoint_credentials() -> None:
    # The local stack (moto) accepts any credentials; a user pointing at it should not need to invent some.
    endpoint = os.environ.get("AWS_ENDPOINT_URL", "")
    if any(host in endpoint for host in ("127.0.0.1", "localhost")) and not os.environ.get("AWS_ACCESS_KEY_ID"):
        os.environ.setdefault("AWS_ACCESS_KEY_ID", "testing")
        os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "testing")


def recent_fix_to_json(attempt: FixAttemptRecord) -> dict[str, object]:
    """One attempt as ``recent-fixes --format json`` prints it (a contract: scripts read these fields)."""
    return {
        "attempt_id": attempt.attempt_id,
        "failure_id": attempt.failure_id,
        "repository": attempt.repo,
        "strategy": attempt.strategy,
        "outcome": attempt.outcome.value,
        "detail": attempt.detail,
        "pull_request_url": attempt.pull_request_url,
        "pull_request_state": attempt.pull_request_state.value if attempt.pull_request_state else None,
        "priority": attempt.priority,
        "ranking": dict(attempt.ranking) if attempt.ranking is not None else None,
        "started_at": attempt.started_at.isoformat(),
        "finished_at": attempt.finished_at.isoformat() if attempt.finished_at else None,
        "diff": attempt.diff,
    }


def cmd_recent_fixes(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from ci_agent.cli_analytics import classify_aws_failure
    from ci_agent.config import settings
    from ci_agent.store import StoreError
    from ci_agent.wiring import store

    _local_endpoint_credentials()
    try:
        recent = store(settings()).fix_attempts.recent(args.limit)
    except StoreError as exc:
        # The same one line and exit status as the other history commands (missing table, credentials, network).
        failed = classify_aws_failure(exc, "the fix-attempts table")
        print(f"ci-agent recent-fixes: {failed.message}", file=err)
        return failed.status
    if args.format == "json":
        print(json.dumps([recent_fix_to_json(attempt) for attempt in recent]), file=out)
        return EXIT_OK
    if not recent:
        print("no fix attempts recorded yet", file=out)
        return EXIT_OK
    rows = [
        (
            attempt.started_at.strftime("%Y-%m-%d %H:%M"),
            attempt.repo or attempt.failure_id.split("#")[0],
            attempt.strategy,
            attempt.outcome.value,
            attempt.pull_request_url or attempt.detail or "",
        )
        for attempt in recent
    ]
    header = ("started (UTC)", "repository", "strategy", "outcome", "pull request / detail")
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(4)]
    for row in [header, *rows]:
        print(
            "  ".join(cell.ljust(width) for cell, width in zip(row[:4], widths, strict=True)) + "  " + row[4], file=out
        )
    if args.diff:
        for attempt in recent:
            if attempt.diff:
                print(f"\n{attempt.attempt_id}:\n{attempt.diff}", file=out)
    return EXIT_OK


def cmd_local(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    import signal
    import threading

    from ci_agent.local.stack import LocalStack, write_ready_file

    stack = LocalStack(args.github_fixtures, functions_dir=args.functions_dir)
    stopped = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stopped.set())
    info = stack.start()
    try:
        ready = {
            "webhook_url": info.webhook_url,
            "aws_endpoint_url": info.aws_endpoint_url,
            "github_api_url": info.github_api_url,
            "webhook_secret": info.webhook_secret,
        }
        print(json.dumps(ready), file=out, flush=True)
        if args.ready_file:
            write_ready_file(args.ready_file, info)
        print("ci-agent local: ready; Ctrl-C stops everything", file=err, flush=True)
        stopped.wait()
    finally:
        stack.stop()
    return EXIT_OK


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ci-agent", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    analyze = commands.add_parser("analyze", help="diagnose GitHub Actions job logs")
    analyze.add_argument("paths", nargs="+", metavar="PATH", help="log files; - reads standard input")
    analyze.add_argument("--format", choices=("text", "json"), default="text")
    analyze.add_argument(
        "--baseline",
        metavar="PASSING",
        help="the log of the last passing run of the same job: lines it also printed are not the cause",
    )
    analyze.set_defaults(handler=cmd_analyze)

    add_analytics_commands(commands)  # stats, trends, report, analyze-latest

    recent_fixes = commands.add_parser(
        "recent-fixes", help="the latest fix attempts, newest first (AWS, or the local stack via AWS_ENDPOINT_URL)"
    )
    recent_fixes.add_argument("--limit", type=_positive, default=20, metavar="N", help="how many (default 20)")
    recent_fixes.add_argument("--format", choices=("text", "json"), default="text")
    recent_fixes.add_argument("--diff", action="store_true", help="also print each fix's diff (text format)")
    recent_fixes.set_defaults(handler=cmd_recent_fixes)

    local = commands.add_parser("local", help="run the whole stack on this machine until interrupted")
    local.add_argument(
        "--github-fixtures", type=Path, metavar="DIR", help="serve job logs from DIR/<owner>/<repo>/jobs/<job_id>.log"
    )
    local.add_argument("--ready-file", type=Path, metavar="FILE", help="write the endpoints as JSON when ready")
    local.add_argument("--functions-dir", type=Path, metavar="DIR", help="where the Lambda handlers live")
    local.set_defaults(handler=cmd_local)
    return parser


def main(argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None) -> int:
    from ci_agent.config import ConfigError

    args = build_parser().parse_args(argv)
    try:
        status: int = args.handler(args, out or sys.stdout, err or sys.stderr)
    except ConfigError as exc:
        # A setting to fix, not a bug: say which, without a traceback.
        print(f"ci-agent: {exc}", file=err or sys.stderr)
        return EXIT_INPUT_ERROR
    except BrokenPipeError:
        # The reader went away (`ci-agent analyze ... | head`): stop quietly, as Python's docs recommend.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    return status


if __name__ == "__main__":
    sys.exit(main())
