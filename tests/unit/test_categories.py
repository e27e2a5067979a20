"""One focused case per failure category: a small job log in, the category and culprit it must produce."""

from __future__ import annotations

from ci_agent.analysis import Analysis, Category, analyze_log

STAMP = "2026-03-04T10:11:12.1234567Z"


def job_log(*steps: tuple[str, list[str]], exit_code: int | None = 1) -> str:
    """A job log with the runner's structure: a group per step; the last step fails unless exit_code is None."""
    lines = [
        "Current runner version: '2.321.0'",
        "##[group]Operating System",
        "Ubuntu",
        "24.04.1",
        "LTS",
        "##[endgroup]",
    ]
    for name, output in steps:
        lines += [
            f"##[group]Run {name}",
            f"\x1b[36;1m{name}\x1b[0m",
            "shell: /usr/bin/bash -e {0}",
            "##[endgroup]",
            *output,
        ]
    if exit_code is not None:
        lines.append(f"##[error]Process completed with exit code {exit_code}.")
    lines += ["Post job cleanup.", "Cleaning up orphan processes"]
    return "".join(f"{STAMP} {line}\n" for line in lines)


def culprit_text(analysis: Analysis) -> str:
    assert analysis.culprit is not None
    return analysis.culprit.text


def test_dependency_yarn_classic_missing_version() -> None:
    log = job_log(
        (
            "yarn install --frozen-lockfile",
            [
                "yarn install v1.22.22",
                "[1/4] Resolving packages...",
                'error Couldn\'t find any versions for "plotline" that matches "^7.2.0"',
                "info Visit https://yarnpkg.example.test/en/docs/cli/install for documentation about this command.",
            ],
        )
    )
    analysis = analyze_log(log)
    assert analysis.category is Category.DEPENDENCY
    assert analysis.rule == "yarn-version-missing"
    assert "plotline" in culprit_text(analysis)


def test_test_failure_beats_a_generic_error_printed_after_it() -> None:
    # Given a go test failure followed by a generic error line from a wrapper script
    log = job_log(
        (
            "make test",
            [
                "--- FAIL: TestTransfer (0.01s)",
                "    ledger_test.go:88: balance = 90, want 100",
                "FAIL",
                "Error: tests failed, see above",
            ],
        )
    )
    # When analysed
    analysis = analyze_log(log)
    # Then the test id wins over the generic line
    assert analysis.category is Category.TEST
    assert culprit_text(analysis) == "--- FAIL: TestTransfer (0.01s)"


def test_lint_flake8_violation_and_not_a_warning_line() -> None:
    log = job_log(
        (
            "flake8 src",
            [
                "warning: flake8-bugbear is not installed",
                "./src/app/views.py:12:80: E501 line too long (96 > 79 characters)",
            ],
        )
    )
    analysis = analyze_log(log)
    assert analysis.category is Category.LINT
    assert analysis.rule == "python-linter-violation"
    assert culprit_text(analysis).startswith("./src/app/views.py:12:80: E501")


def test_build_typescript_error_in_tsc_pretty_output() -> None:
    log = job_log(
        (
            "npx tsc --noEmit --pretty",
            [
                "\x1b[96msrc/cart.ts\x1b[0m:\x1b[93m14\x1b[0m:\x1b[93m7\x1b[0m - \x1b[91merror\x1b[0m"
                "\x1b[90m TS2322: \x1b[0mType 'string' is not assignable to type 'number'.",
                "",
                "Found 1 error in src/cart.ts\x1b[90m:14\x1b[0m",
            ],
        ),
        exit_code=2,
    )
    analysis = analyze_log(log)
    assert analysis.category is Category.BUILD
    assert analysis.rule == "typescript-error"
    assert culprit_text(analysis).startswith("src/cart.ts:14:7 - error TS2322")


def test_timeout_step_limit_beats_the_cancellation_that_follows() -> None:
    log = job_log(
        (
            "./scripts/e2e.sh",
            [
                "Running end-to-end suite (shard 2/4)",
                "##[error]The action 'Run ./scripts/e2e.sh' has timed out after 30 minutes.",
                "##[error]The operation was canceled.",
            ],
        ),
        exit_code=None,
    )
    analysis = analyze_log(log)
    assert analysis.category is Category.TIMEOUT
    assert analysis.rule == "gha-step-timeout"
    assert analysis.failed_step == "./scripts/e2e.sh"


def test_infrastructure_git_clone_dns_failure() -> None:
    log = job_log(
        (
            "git clone https://github.com/acme/fixtures.git",
            [
                "Cloning into 'fixtures'...",
                "fatal: unable to access 'https://github.com/acme/fixtures.git/': Could not resolve host: github.com",
            ],
        ),
        exit_code=128,
    )
    analysis = analyze_log(log)
    assert analysis.category is Category.INFRASTRUCTURE
    assert analysis.rule == "dns-resolution-failed"


def test_permission_git_http_403_is_not_a_network_failure() -> None:
    # Given git refusing a push with 403 (a token scope problem), which also looks like "unable to access"
    log = job_log(
        (
            "git push origin HEAD:gh-pages",
            [
                "fatal: unable to access 'https://github.com/acme/docs/': The requested URL returned error: 403",
            ],
        ),
        exit_code=128,
    )
    analysis = analyze_log(log)
    assert analysis.category is Category.PERMISSION
    assert analysis.rule == "git-http-denied"


def test_config_unbound_variable_in_a_run_script() -> None:
    log = job_log(
        (
            "./deploy.sh",
            [
                "Deploying to staging",
                "/home/runner/work/_temp/5a7e2b.sh: line 2: DEPLOY_TOKEN: unbound variable",
            ],
        )
    )
    analysis = analyze_log(log)
    assert analysis.category is Category.CONFIG
    assert analysis.rule == "shell-unbound-variable"


def test_resource_oom_killer_in_a_run_step() -> None:
    log = job_log(
        (
            "python train.py",
            [
                "epoch 1/3: 100%|##########| 812/812",
                "/home/runner/work/_temp/0b1e6a43.sh: line 1:  2345 Killed                  python train.py",
            ],
        ),
        exit_code=137,
    )
    analysis = analyze_log(log)
    assert analysis.category is Category.RESOURCE
    assert analysis.rule == "oom-killed-process"
    assert "Killed" in culprit_text(analysis)


def test_unknown_reports_the_step_s_last_words_honestly() -> None:
    log = job_log(
        (
            "./scripts/verify-release.sh",
            [
                "Comparing release manifest with the registry",
                "manifest entry 'web' points at a digest that was never built",
            ],
        )
    )
    analysis = analyze_log(log)
    assert analysis.category is Category.UNKNOWN
    assert culprit_text(analysis) == "manifest entry 'web' points at a digest that was never built"
    assert analysis.confidence < 0.3


def test_a_retry_that_recovered_never_wins_over_the_real_error() -> None:
    # Given pip retried once (a warning naming a timeout), then reached the index, which has no such version
    log = job_log(
        (
            "pip install -r requirements.txt",
            [
                "WARNING: Retrying (Retry(total=4, connect=None, read=None, redirect=None, status=None)) "
                "after connection broken by 'ReadTimeoutError(\"HTTPSConnectionPool(host='files.example.com', "
                "port=443): Read timed out.\")': /simple/acme-core/",
                "ERROR: Could not find a version that satisfies the requirement acme-core==9.1.0 "
                "(from versions: 1.0.0)",
                "ERROR: No matching distribution found for acme-core==9.1.0",
            ],
        )
    )
    analysis = analyze_log(log)
    # Then the resolver's verdict is the culprit, and the package is what is missing
    assert analysis.category is Category.DEPENDENCY
    assert culprit_text(analysis) == "ERROR: No matching distribution found for acme-core==9.1.0"


def test_pip_not_finding_a_package_it_could_not_reach_is_a_network_failure() -> None:
    # Given urllib3 used up pip's retries on a name it could not resolve (pip 23.3+ wording, pypa/pip#7424 shape)
    retries = [
        f"WARNING: Retrying (Retry(total={left}, connect=None, read=None, redirect=None, status=None)) after "
        "connection broken by 'NameResolutionError(\"<pip._vendor.urllib3.connection.HTTPSConnection object at "
        "0x7f0c1a2b3c40>: Failed to resolve 'pypi.example.test' ([Errno -3] Temporary failure in name "
        "resolution)\")': /simple/requests/"
        for left in (4, 3, 2, 1, 0)
    ]
    log = job_log(
        (
            "pip install requests",
            [
                "Collecting requests",
                *retries,
                "ERROR: Could not find a version that satisfies the requirement requests (from versions: none)",
                "ERROR: No matching distribution found for requests",
            ],
        )
    )
    analysis = analyze_log(log)
    # Then the verdict is the network's, the culprit still pip's own last word, and a note says why
    assert analysis.category is Category.INFRASTRUCTURE
    assert culprit_text(analysis) == "ERROR: No matching distribution found for requests"
    assert analysis.rule == "pip-no-matching-distribution"
    assert any("lines above" in note for note in analysis.notes)


def test_a_network_failure_in_an_earlier_step_does_not_recategorise_a_missing_package() -> None:
    # Given a step that exhausted its retries and was allowed to fail, then a step whose package does not exist
    exhausted = (
        "WARNING: Retrying (Retry(total=0, connect=None, read=None, redirect=None, status=None)) after connection "
        "broken by 'NewConnectionError('<pip._vendor.urllib3.connection.HTTPSConnection object at 0x7f4aab026290>: "
        "Failed to establish a new connection: [Errno -2] Name or service not known')': /simple/extras/"
    )
    log = job_log(
        ("pip install extras || true", [exhausted, "ERROR: No matching distribution found for extras"]),
        ("pip install acme-core==9.1.0", ["ERROR: No matching distribution found for acme-core==9.1.0"]),
    )
    analysis = analyze_log(log)
    # Then only the failed step's own lines count: the package is missing
    assert analysis.category is Category.DEPENDENCY
    assert culprit_text(analysis) == "ERROR: No matching distribution found for acme-core==9.1.0"
