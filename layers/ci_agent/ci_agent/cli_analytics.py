"""The ``ci-agent`` commands that read the history: ``stats``, ``trends``, ``report`` and ``analyze-latest``.

They use the same data-access code and the same report builder as the Lambda functions, against AWS
(``CI_AGENT_STAGE`` or ``FAILURES_TABLE`` ...) or the local stack (``AWS_ENDPOINT_URL``). Every one prints an
aligned table (coloured only on a terminal) or ``--format json``, and fails with one line and a distinct exit
status: 3 when the tables are missing, 4 when credentials are, 5 when the network is.

Kept apart from :mod:`ci_agent.cli` (which registers them through :func:`add_commands`), so commands added by
others there do not collide with these.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TextIO

EXIT_OK = 0
EXIT_INPUT_ERROR = 2
EXIT_NO_TABLES = 3  # the same status ``stats`` always used for an unreachable table
EXIT_NO_CREDENTIALS = 4
EXIT_NO_NETWORK = 5
EXIT_NOTHING_FOUND = 6

_COLOURS = {"rising": "31", "improving": "32", "stable": "0", "not enough data": "2"}
AGE_BUCKETS = ((timedelta(days=1), "under a day"), (timedelta(days=7), "1-7 days"), (timedelta(days=30), "7-30 days"))


class CommandFailed(Exception):
    """A command cannot go on: ``message`` is the one line printed, ``status`` the exit status."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


# ---------------------------------------------------------------------------------------------- output


def use_colour(out: TextIO) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org)."""
    return hasattr(out, "isatty") and out.isatty() and not os.environ.get("NO_COLOR")


def print_table(
    out: TextIO,
    headers: Sequence[str],
    rows: Sequence[Sequence[object]],
    *,
    right: Sequence[int] = (),
    colour: Callable[[int, str], str | None] | None = None,
) -> None:
    """Columns aligned to their widest cell (numbers ``right``-aligned); ``colour(column, text)`` may name an
    ANSI colour for a cell, used only on a terminal."""
    cells = [[str(header) for header in headers], *[["–" if c is None else str(c) for c in row] for row in rows]]
    widths = [max(len(row[column]) for row in cells) for column in range(len(headers))]
    coloured = colour is not None and use_colour(out)
    for number, row in enumerate(cells):
        parts = []
        for column, text in enumerate(row):
            padded = text.rjust(widths[column]) if column in right else text.ljust(widths[column])
            code = colour(column, text) if coloured and number > 0 and colour is not None else None
            parts.append(f"\033[{code}m{padded}\033[0m" if code else padded)
        print("  ".join(parts).rstrip(), file=out)


def _hours(seconds: float | None) -> str:
    if seconds is None:
        return "–"
    if seconds < 3600:
        return f"{max(1, round(seconds / 60))} min"
    if seconds < 48 * 3600:
        return f"{seconds / 3600:.1f} h"
    return f"{seconds / 86400:.1f} days"


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}"


# ---------------------------------------------------------------------------------------------- failures


def _causes(exc: BaseException) -> Iterator[BaseException]:
    seen: BaseException | None = exc
    while seen is not None:
        yield seen
        seen = seen.__cause__ or seen.__context__


def classify_aws_failure(exc: BaseException, what: str) -> CommandFailed:
    """One line and an exit status for an AWS error: missing table, missing credentials, or no network."""
    from botocore.exceptions import EndpointConnectionError, NoCredentialsError, NoRegionError

    endpoint = os.environ.get("AWS_ENDPOINT_URL") or "AWS"
    for cause in _causes(exc):
        if isinstance(cause, NoCredentialsError | NoRegionError):
            return CommandFailed(
                EXIT_NO_CREDENTIALS, f"no AWS credentials for {what}: configure them, or set AWS_ENDPOINT_URL"
            )
        if isinstance(cause, EndpointConnectionError) or type(cause).__name__ in ("ConnectionError", "ConnectTimeout"):
            return CommandFailed(EXIT_NO_NETWORK, f"cannot reach {endpoint} for {what}: {cause}")
        code = getattr(cause, "cause_response_code", None) or getattr(cause, "response", {}).get("Error", {}).get(
            "Code"
        )
        if code in ("ResourceNotFoundException", "NoSuchBucket"):
            return CommandFailed(
                EXIT_NO_TABLES, f"{what}: not found at {endpoint} (check CI_AGENT_STAGE or the *_TABLE variables)"
            )
        if code in ("UnrecognizedClientException", "InvalidSignatureException", "ExpiredTokenException"):
            return CommandFailed(EXIT_NO_CREDENTIALS, f"AWS refused the credentials for {what}: {code}")
    return CommandFailed(EXIT_NO_TABLES, f"cannot read {what}: {exc} ({exc.__cause__})")


@contextmanager
def aws_errors(what: str) -> Iterator[None]:
    from botocore.exceptions import BotoCoreError

    from ci_agent.archive import ArchiveError
    from ci_agent.store import StoreError

    try:
        yield
    except (StoreError, ArchiveError, BotoCoreError) as exc:
        raise classify_aws_failure(exc, what) from exc


def _local_endpoint_credentials() -> None:
    # The local stack (moto) accepts any credentials; a user pointing at it should not need to invent some.
    endpoint = os.environ.get("AWS_ENDPOINT_URL", "")
    if any(host in endpoint for host in ("127.0.0.1", "localhost")) and not os.environ.get("AWS_ACCESS_KEY_ID"):
        os.environ.setdefault("AWS_ACCESS_KEY_ID", "testing")
        os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "testing")


def _scope(args: argparse.Namespace) -> list[Any]:
    from ci_agent.config import settings
    from ci_agent.reporting import ReportScope

    try:
        if args.repo:
            return [ReportScope.of(repo=args.repo)]
        if args.owner:
            return [ReportScope.of(owner=args.owner)]
    except ValueError as exc:
        raise CommandFailed(EXIT_INPUT_ERROR, str(exc)) from exc
    owners = settings().report_owners
    if not owners:
        raise CommandFailed(EXIT_INPUT_ERROR, "name --owner or --repo (or set REPORT_OWNERS)")
    return [ReportScope.of(owner=owner) for owner in owners]


# ---------------------------------------------------------------------------------------------- stats


def cmd_stats(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from ci_agent.config import settings
    from ci_agent.reporting.build import DECLINED, NO_STRATEGY
    from ci_agent.reporting.statistics import median, percentile
    from ci_agent.store.records import FixOutcome
    from ci_agent.wiring import store

    _local_endpoint_credentials()
    now = datetime.now(UTC)
    repositories = store(settings())
    with aws_errors("the failures table"):
        stats = repositories.failures.stats()
    tried = fixed = 0
    with aws_errors("the fix-attempts table"):
        for strategy in repositories.fix_attempts.recorded_strategies():
            for attempt in repositories.fix_attempts.for_strategy(strategy):
                if attempt.strategy != NO_STRATEGY and attempt.outcome not in DECLINED:
                    tried += 1
                    fixed += attempt.outcome is FixOutcome.FIXED
    ages = _age_buckets(stats.open_failed_at, now)
    mttr_median, mttr_p90 = median(stats.recovery_seconds), percentile(stats.recovery_seconds, 0.9)
    rate = fixed / tried if tried else None
    result = {
        "failures": stats.failures,
        "by_category": dict(sorted(stats.by_category.items())),
        "by_repository": dict(sorted(stats.by_repository.items())),
        "open": stats.open,
        "resolved": stats.resolved,
        "mttr_median_seconds": mttr_median,
        "mttr_p90_seconds": mttr_p90,
        "fix_attempts": tried,
        "verified_fixes": fixed,
        "auto_fix_rate": rate,
        "open_by_age": ages,
    }
    if args.format == "json":
        print(json.dumps(result), file=out)
        return EXIT_OK
    print(f"{stats.failures} failures ({stats.open} open, {stats.resolved} resolved)", file=out)
    print(
        f"time to recovery: median {_hours(mttr_median)}, p90 {_hours(mttr_p90)}"
        f"; auto-fix rate {_percent(rate)} ({fixed} verified of {tried} attempts)\n",
        file=out,
    )
    print_table(out, ["open for", "failures"], list(ages.items()), right=[1])
    print(file=out)
    print_table(out, ["category", "failures"], sorted(stats.by_category.items()), right=[1])
    print(file=out)
    print_table(out, ["repository", "failures"], sorted(stats.by_repository.items()), right=[1])
    return EXIT_OK


def _age_buckets(open_failed_at: Sequence[datetime], now: datetime) -> dict[str, int]:
    counts = {label: 0 for _limit, label in AGE_BUCKETS}
    counts["over 30 days"] = 0
    for failed_at in open_failed_at:
        age = now - failed_at
        label = next((label for limit, label in AGE_BUCKETS if age < limit), "over 30 days")
        counts[label] += 1
    return counts


# ---------------------------------------------------------------------------------------------- trends and report


def _compile(scope: Any, period: Any) -> Any:
    from ci_agent.config import settings
    from ci_agent.service.reports import compile_report
    from ci_agent.wiring import report_deps

    with aws_errors("the failure history"):
        return compile_report(scope, period, report_deps(settings(), publish=False), now=datetime.now(UTC))


def cmd_trends(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from ci_agent.reporting import Period

    _local_endpoint_credentials()
    documents = []
    for scope in _scope(args):
        report = _compile(scope, Period.ending(datetime.now(UTC), args.days))
        documents.append(report)
    if args.format == "json":
        payload = [
            {
                "scope": report.repo or report.owner,
                "period_start": report.period_start.isoformat(),
                "period_end": report.period_end.isoformat(),
                "rule": report.trend_rule,
                "trends": [trend.model_dump(mode="json") for trend in report.trends],
                "new_signatures": [row.signature for row in report.new_signatures],
            }
            for report in documents
        ]
        print(json.dumps(payload if len(payload) != 1 else payload[0]), file=out)
        return EXIT_OK
    for report in documents:
        print(
            f"{report.repo or report.owner}: {report.period_start:%Y-%m-%d %H:%M} to {report.period_end:%Y-%m-%d %H:%M}"
            f" UTC, {report.summary.failures.current:g} failures",
            file=out,
        )
        culprits = {row.signature: row.sample_culprit for row in report.top_signatures}
        rows = [
            (
                trend.kind,
                trend.subject if trend.kind == "category" else trend.subject[:12],
                trend.current,
                "–" if trend.expected is None else f"{trend.expected:.1f}",
                trend.verdict.value,
                "–" if trend.p_value is None else f"{trend.p_value:.3g}",
                (culprits.get(trend.subject) or "")[:70],
            )
            for trend in report.trends
        ]
        print_table(
            out,
            ["kind", "subject", "now", "per period before", "verdict", "p", "sample"],
            rows,
            right=[2, 3, 5],
            colour=lambda column, text: _COLOURS.get(text) if column == 4 else None,
        )
        if report.new_signatures:
            print("new: " + ", ".join(f"{n.signature[:12]} ({n.count}×)" for n in report.new_signatures), file=out)
        print(f"\n{report.trend_rule}", file=out)
    return EXIT_OK


def cmd_report(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from ci_agent.config import settings
    from ci_agent.reporting import Period, render_json, render_markdown
    from ci_agent.service.reports import publish_report

    _local_endpoint_credentials()
    try:
        end = datetime.fromisoformat(args.end) if args.end else datetime.now(UTC)
    except ValueError as exc:
        raise CommandFailed(EXIT_INPUT_ERROR, f"--end must be an ISO 8601 time, got {args.end!r}") from exc
    if end.utcoffset() is None:
        end = end.replace(tzinfo=UTC)
    period = Period.days_before_midnight(end, args.days or settings().report_period_days)
    texts = []
    for scope in _scope(args):
        if args.publish:
            deps = _publishing_deps()
            with aws_errors("the report bucket or the failure history"):
                published = publish_report(scope, period, deps, now=datetime.now(UTC))
            report, markdown = published.report, published.markdown
            where = [f"s3://{settings().report_bucket}/{published.markdown_key}"]
            if published.issue is not None:
                where.append(published.issue.url)
            print(f"ci-agent: published {' and '.join(where)}", file=err)
        else:
            report = _compile(scope, period)
            markdown = render_markdown(report)
        texts.append(render_json(report) if args.format == "json" else markdown)
    text = "\n".join(texts)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
        print(f"ci-agent: wrote {args.output}", file=err)
    else:
        out.write(text)
    return EXIT_OK


def _publishing_deps() -> Any:
    from dataclasses import replace

    from ci_agent.config import ConfigError, settings
    from ci_agent.github import TokenCredentials
    from ci_agent.github.issues import PyGithubIssueTracker
    from ci_agent.wiring import report_deps

    config = settings()
    try:
        deps = report_deps(config, publish=True)
    except ConfigError as exc:
        raise CommandFailed(EXIT_INPUT_ERROR, f"--publish: {exc} (the stack's ReportBucketName output)") from exc
    token = _github_token(required=False)
    if token and config.report_issue_repository:
        # A person's token beats the function's secret: the issue is opened as them.
        tracker = PyGithubIssueTracker.connect(TokenCredentials(token), config.github_api_url)
        deps = replace(deps, issues=tracker)
    return deps


# ---------------------------------------------------------------------------------------------- analyze-latest


def _github_token(*, required: bool = True) -> str | None:
    token = os.environ.get("GITHUB_TOKEN") or os.environ.get("GH_TOKEN")
    if token:
        return token
    gh = shutil.which("gh")
    if gh:
        try:
            answer = subprocess.run([gh, "auth", "token"], capture_output=True, text=True, timeout=10, check=False)  # noqa: S603
        except (OSError, subprocess.TimeoutExpired):
            answer = None
        if answer is not None and answer.returncode == 0 and answer.stdout.strip():
            return answer.stdout.strip()
    if required:
        raise CommandFailed(EXIT_NO_CREDENTIALS, "no GitHub token: set GITHUB_TOKEN or log in with `gh auth login`")
    return None


def cmd_analyze_latest(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from ci_agent.analysis import analyze_log
    from ci_agent.github import GitHubError, GitHubUnavailable, TokenCredentials
    from ci_agent.github.errors import LogsUnavailable
    from ci_agent.github.pygithub_gateway import PyGithubGateway
    from ci_agent.github.runs import latest_failed_run

    repo = args.repo
    if repo.count("/") != 1 or not all(repo.split("/")):
        raise CommandFailed(EXIT_INPUT_ERROR, f"--repo must be OWNER/NAME, got {repo!r}")
    token = _github_token()
    assert token is not None
    api_url = os.environ.get("GITHUB_API_URL") or "https://api.github.com"
    gateway = PyGithubGateway(TokenCredentials(token), base_url=api_url)
    try:
        run = latest_failed_run(gateway.client, repo, args.branch)
        if run is None:
            branch = f" on {args.branch}" if args.branch else ""
            raise CommandFailed(EXIT_NOTHING_FOUND, f"no failed workflow run in {repo}{branch}")
        verdicts: list[dict[str, Any]] = []
        for job in gateway.list_failed_jobs(repo, run.run_id):
            try:
                log = gateway.fetch_job_log(repo, job.id, 64 << 20)
            except LogsUnavailable as exc:
                verdicts.append({"job_id": job.id, "job": job.name, "error": str(exc)})
                continue
            analysis = analyze_log(log.content)
            verdicts.append({"job_id": job.id, "job": job.name, **analysis.to_dict()})
    except GitHubUnavailable as exc:
        raise CommandFailed(EXIT_NO_NETWORK, f"cannot reach GitHub at {api_url}: {exc}") from exc
    except GitHubError as exc:
        if exc.status == 404:
            # GitHub's one answer for a repository that does not exist and for one the token cannot read.
            message = f"GitHub answers 404 for {repo}: no such repository, or the token cannot read it"
            raise CommandFailed(EXIT_INPUT_ERROR, message) from exc
        status = EXIT_NO_CREDENTIALS if exc.status in (401, 403) else EXIT_NO_NETWORK
        raise CommandFailed(status, f"GitHub refused: {exc}") from exc
    finally:
        gateway.close()
    seen, note = _signature_counts([v["signature"] for v in verdicts if "signature" in v])
    for verdict in verdicts:
        if "signature" in verdict:
            verdict["seen_before"] = seen.get(verdict["signature"])
    if args.format == "json":
        print(json.dumps({"repo": repo, "run": run.as_dict(), "jobs": verdicts, "history": note}), file=out)
        return EXIT_OK
    print(f"{repo}: run {run.run_id} ({run.name}) on {run.branch}, {run.html_url}", file=out)
    rows = [
        (
            v["job"],
            v.get("category", "–"),
            f"{v['confidence']:.2f}" if "confidence" in v else "–",
            "–" if v.get("seen_before") is None else v["seen_before"],
            (v["culprit"]["text"] if v.get("culprit") else v.get("error", "–"))[:90],
        )
        for v in verdicts
    ]
    print_table(out, ["job", "category", "confidence", "seen before", "culprit"], rows, right=[2, 3])
    if note:
        print(f"({note})", file=out)
    return EXIT_OK


def _signature_counts(signatures: Sequence[str]) -> tuple[dict[str, int], str | None]:
    """How often each signature is in the history, when the tables are reachable; else why not."""
    from ci_agent.config import settings
    from ci_agent.wiring import store

    _local_endpoint_credentials()
    try:
        with aws_errors("the failures table"):
            failures = store(settings()).failures
            histories = failures.signature_histories(signatures)
            return {signature: history.count for signature, history in histories.items()}, None
    except CommandFailed as failed:
        return {}, f"history not shown: {failed.message}"


# ------------------------------------------------------------------------------------ summarise-signatures


def cmd_summarise_signatures(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Count the failures recorded before signature summaries existed into them: once, after upgrading."""
    from ci_agent.config import settings
    from ci_agent.wiring import store

    _local_endpoint_credentials()
    with aws_errors("the failures table"):
        added = store(settings()).failures.summarise_uncounted()
    print(f"{added} failure{'' if added == 1 else 's'} added to their signatures' summaries", file=out)
    return EXIT_OK


# ---------------------------------------------------------------------------------------------- wiring


def add_commands(commands: Any) -> None:
    """Register ``stats``, ``trends``, ``report``, ``summarise-signatures`` and ``analyze-latest`` on the
    ``ci-agent`` sub-parsers."""
    stats = commands.add_parser(
        "stats",
        help="failure counts, time to recovery, auto-fix rate and open failures by age (AWS, or AWS_ENDPOINT_URL)",
    )
    stats.add_argument("--format", choices=("text", "json"), default="text")
    stats.set_defaults(handler=_guarded(cmd_stats))

    trends = commands.add_parser("trends", help="rising, improving or stable categories and top signatures")
    trends.add_argument("--days", type=_positive, default=7, help="period length, ending now (default 7)")
    trends.add_argument("--repo", metavar="OWNER/NAME")
    trends.add_argument("--owner", metavar="OWNER", help="default: REPORT_OWNERS")
    trends.add_argument("--format", choices=("text", "json"), default="text")
    trends.set_defaults(handler=_guarded(cmd_trends))

    report = commands.add_parser("report", help="the weekly report, rendered as ReportFunction renders it")
    report.add_argument("--days", type=_positive, help="period length (default: REPORT_PERIOD_DAYS or 7)")
    report.add_argument("--owner", metavar="OWNER", help="default: REPORT_OWNERS")
    report.add_argument("--repo", metavar="OWNER/NAME")
    report.add_argument("--end", metavar="TIME", help="ISO 8601; the period ends at the midnight before (UTC)")
    report.add_argument("--output", metavar="FILE")
    report.add_argument("--publish", action="store_true", help="also store it in REPORT_BUCKET and open its issue")
    report.add_argument("--format", choices=("markdown", "json"), default="markdown")
    report.set_defaults(handler=_guarded(cmd_report))

    summarise = commands.add_parser(
        "summarise-signatures",
        help="once after upgrading: count the failures recorded before signature summaries into them (scans)",
    )
    summarise.set_defaults(handler=_guarded(cmd_summarise_signatures))

    latest = commands.add_parser(
        "analyze-latest", help="diagnose the latest failed run of a repository through the GitHub API"
    )
    latest.add_argument("--repo", required=True, metavar="OWNER/NAME")
    latest.add_argument("--branch")
    latest.add_argument("--format", choices=("text", "json"), default="text")
    latest.set_defaults(handler=_guarded(cmd_analyze_latest))


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def _guarded(command: Callable[[argparse.Namespace, TextIO, TextIO], int]) -> Callable[..., int]:
    def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
        try:
            return command(args, out, err)
        except CommandFailed as failed:
            print(f"ci-agent {args.command}: {failed.message}", file=err)
            return failed.status

    return run
