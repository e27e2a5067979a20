"""Go rules on job logs built from real tool output among loggers' noise: test binaries that exit through a logger's
Fatal (no `--- FAIL:` line), and failing tests whose packages log ERROR-looking lines.

Every output below was printed by go 1.19.8 on the development machine, shortened (bench/toolchain/go_noise_cases.py
generates it; its hclog-, logrus- and JSON-format lines come from stdlib-only imitations of those loggers). Each test
asserts the category and that the culprit is the line that says what broke, not `FAIL <pkg>` or a logger's noise.
"""

from __future__ import annotations

from ci_agent.analysis import Category
from tests.job_logs import step_log, verdict

PASSING = (
    "ok  \texample.com/acme/api\t0.003s",
    "ok  \texample.com/acme/auth\t0.004s",
    "?   \texample.com/acme/internal/logging\t[no test files]",
)
LATER = ("ok  \texample.com/acme/server\t0.017s", "ok  \texample.com/acme/worker\t0.011s", "FAIL")


def test_log_fatalf_in_a_test_reports_its_log_line_not_fail_pkg() -> None:
    # Given go test over several packages: config's test logs an hclog-style [ERROR] line, then calls log.Fatalf,
    # which exits the binary with no --- FAIL line; go test prints FAIL <pkg> under the binary's last line
    log = step_log(
        "go test -count=1 ./...",
        *PASSING,
        "2026-11-30T02:37:34.560Z [WARN]  config: no config file, using defaults",
        '2026-11-30T02:37:34.560Z [ERROR] config: failed to parse override: error="unexpected EOF"',
        "2026/11/30 02:37:34 reading fixture: open testdata/acme.hcl: no such file or directory",
        "FAIL\texample.com/acme/config\t0.006s",
        *LATER,
    )
    # When the log is analysed
    # Then the log.Fatalf line is the culprit, a test failure
    assert verdict(log) == (
        Category.TEST,
        "2026/11/30 02:37:34 reading fixture: open testdata/acme.hcl: no such file or directory",
        "go-test-binary-exited",
    )


def test_log_fatalf_under_v_reports_its_log_line() -> None:
    # Given go test -v: the test's === RUN line, a passing test's output above, then the log.Fatalf line
    log = step_log(
        "go test -v -count=1 ./...",
        "=== RUN   TestDefaults",
        "2026-11-30T02:37:23.331Z [WARN]  config: no config file, using defaults",
        "    config_test.go:13: defaults loaded",
        "--- PASS: TestDefaults (0.00s)",
        "=== RUN   TestLoadFixture",
        '2026-11-30T02:37:23.331Z [ERROR] config: failed to parse override: error="unexpected EOF"',
        "2026/11/30 02:37:23 reading fixture: open testdata/acme.hcl: no such file or directory",
        "FAIL\texample.com/acme/config\t0.012s",
        "?   \texample.com/acme/internal/logging\t[no test files]",
        "=== RUN   TestCheck00",
        "--- PASS: TestCheck00 (0.00s)",
        "PASS",
        *LATER,
    )
    # When the log is analysed
    # Then the log.Fatalf line is the culprit
    assert verdict(log)[1] == "2026/11/30 02:37:23 reading fixture: open testdata/acme.hcl: no such file or directory"


def test_a_logrus_fatal_in_testmain_is_the_culprit_not_the_error_line_above_it() -> None:
    # Given TestMain logging through a logrus-format logger: an error line, then level=fatal and os.Exit(1)
    fatal = 'time="2026-11-30T02:44:09Z" level=fatal msg="cannot start test database" error="ACME_DB is not set"'
    log = step_log(
        "go test -count=1 ./...",
        *PASSING,
        'time="2026-11-30T02:44:09Z" level=info msg="starting test database"',
        'time="2026-11-30T02:44:09Z" level=error msg="connection attempt failed, retrying" attempt=1',
        fatal,
        "FAIL\texample.com/acme/store\t0.020s",
        *LATER,
    )
    # When the log is analysed
    # Then the fatal line is the culprit
    assert verdict(log) == (Category.TEST, fatal, "go-test-binary-exited")


def test_a_failing_test_among_std_log_error_lines_still_reports_its_fail_line() -> None:
    # Given a package whose passing and failing tests log [ERROR] lines through the std log package, then a
    # --- FAIL line and its message
    log = step_log(
        "go test ./...",
        *PASSING,
        '2026/11/30 02:36:19 [ERROR] store: lookup of "plums" failed: record not found',
        '{"level":"error","ts":1796006661.8641553,"caller":"store/store.go:30","msg":"lookup failed","key":"plums"}',
        '2026/11/30 02:36:19 [ERROR] store: lookup of "cherries" failed: record not found',
        "--- FAIL: TestTotal (0.00s)",
        "    store_test.go:28: Total() = 9, want 8",
        "--- FAIL: TestTotalAgain (0.00s)",
        "    store_test.go:34: second Total() = 9, want 8",
        "FAIL",
        "FAIL\texample.com/acme/store\t0.018s",
        *LATER,
    )
    # When the log is analysed
    # Then the first --- FAIL line is the culprit, not a log line above the package's FAIL line
    assert verdict(log) == (Category.TEST, "--- FAIL: TestTotal (0.00s)", "go-test-failed")


def test_a_binary_that_printed_no_log_line_keeps_its_fail_pkg_line() -> None:
    # Given a test binary that exits 1 after printing something no logger wrote
    log = step_log(
        "go test ./...",
        *PASSING,
        "setting up fixtures",
        "FAIL\texample.com/acme/store\t0.020s",
        *LATER,
    )
    # When the log is analysed
    # Then the package line is still what is reported, a test failure
    assert verdict(log)[:2] == (Category.TEST, "FAIL\texample.com/acme/store\t0.020s")


def test_a_failing_test_megabytes_above_its_package_line_is_still_found() -> None:
    # Given go test -v whose first test fails, then the package's next tests print over 4 MB of debug logging (the
    # analyzer reads the log bottom-up in 4 MB chunks) before go test's FAIL <pkg> line
    debug = '2026-11-30T02:59:02.616Z [DEBUG] provider.acme: HTTP response: status=200 body="' + "x" * 80 + '"'
    output = ["=== RUN   TestAccWidget_rename", '    widget_test.go:16: name after rename = "widget-renamed"']
    output += ["--- FAIL: TestAccWidget_rename (0.00s)", "=== RUN   TestAccWidget_bulk"]
    output += [debug] * 40_000
    output += ["--- PASS: TestAccWidget_bulk (3.20s)", "FAIL", "FAIL\texample.com/acme/widget\t3.259s", "FAIL"]
    log = step_log("ACME_LOG=debug go test -v ./...", *output)
    # When the log is analysed
    # Then the --- FAIL line is the culprit, not the package line at the bottom
    assert verdict(log) == (Category.TEST, "--- FAIL: TestAccWidget_rename (0.00s)", "go-test-failed")
