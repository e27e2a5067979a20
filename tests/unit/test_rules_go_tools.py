"""Go rules on job logs built from real tool output: go test's runtime failures and test packages that do not
compile, gotestsum, module drift, go vet, go generate and gofmt checks.

Every output below was printed by the tool itself on the development machine, shortened (bench/toolchain/go_cases.py
generates it: go 1.19.8, gotestsum 1.8.2, testify 1.8.1, staticcheck 2023.1). Each test asserts the category and
that the culprit is the first specific failure, not the runner's count or a later failure.
"""

from __future__ import annotations

from ci_agent.analysis import Category, analyze_log
from tests.job_logs import culprit_text, job_log


def verdict(step: str, *output: str) -> tuple[Category, str, str | None]:
    log = job_log(step, list(output))
    analysis = analyze_log(log)
    return analysis.category, culprit_text(log), analysis.rule


def test_gotestsum_short_format_reports_the_first_failed_test_not_done() -> None:
    # Given gotestsum's default format: one line per package, then the failed tests' output under `=== Failed`
    # (testify's assertion blocks) and its count
    output = (
        "✓  util (28ms)",
        "✖  calc (9ms)",
        "",
        "=== Failed",
        "=== FAIL: calc TestAddAssert (0.00s)",
        "    testify_test.go:11: ",
        "        \tError Trace:\t/home/runner/work/acme/acme/calc/testify_test.go:11",
        "        \tError:      \tNot equal: ",
        "        \t            \texpected: 5",
        "        \t            \tactual  : 4",
        "        \tTest:       \tTestAddAssert",
        "",
        "=== FAIL: calc TestParseRequire (0.00s)",
        "    testify_test.go:17: ",
        "        \tError:      \tReceived unexpected error:",
        "        \t            \tempty input",
        "",
        "DONE 4 tests, 2 failures in 0.936s",
    )
    # When the step is analysed
    category, culprit, rule = verdict("gotestsum -- ./...", *output)
    # Then the first failed test's header is the culprit
    assert (category, culprit, rule) == (
        Category.TEST,
        "=== FAIL: calc TestAddAssert (0.00s)",
        "gotestsum-failed-test",
    )


def test_a_test_package_that_does_not_compile_outranks_another_packages_failing_test() -> None:
    # Given go test over two packages: calc's test file does not compile, util's test fails below it
    output = (
        "# example.com/acme/calc [example.com/acme/calc.test]",
        "calc/neg_test.go:7:12: undefined: Sub",
        "FAIL\texample.com/acme/calc [build failed]",
        "--- FAIL: TestTwiceNegative (0.00s)",
        "    neg_test.go:7: Twice(-3) = -6, want 6",
        "FAIL",
        "FAIL\texample.com/acme/util\t0.015s",
        "FAIL",
    )
    # When the step is analysed
    category, culprit, rule = verdict("go test ./...", *output)
    # Then the compile error under the test package's header is the culprit, a build failure
    assert (category, culprit, rule) == (
        Category.BUILD,
        "calc/neg_test.go:7:12: undefined: Sub",
        "go-test-package-compile-error",
    )


def test_the_go_runtimes_fatal_error_is_the_failure_not_fail_pkg() -> None:
    # Given a test whose goroutines write one map: the runtime throws (twice) and prints every goroutine
    output = (
        "fatal error: concurrent map writes",
        "fatal error: concurrent map writes",
        "",
        "goroutine 22 [running]:",
        "example.com/acme/calc.TestCache.func1(0x3)",
        "\t/home/runner/work/acme/acme/calc/cache_test.go:11 +0x5f",
        "created by example.com/acme/calc.TestCache",
        "\t/home/runner/work/acme/acme/calc/cache_test.go:9 +0x47",
        "FAIL\texample.com/acme/calc\t0.043s",
        "ok  \texample.com/acme/util\t0.012s",
        "FAIL",
    )
    # When the step is analysed
    category, culprit, rule = verdict("go test ./...", *output)
    # Then the first fatal error is the culprit
    assert (category, culprit, rule) == (Category.TEST, output[0], "go-runtime-fatal-error")
    # And a stack overflow reads the same way
    overflow = (
        "runtime: goroutine stack exceeds 1000000000-byte limit",
        "runtime: sp=0xc0200e0398 stack=[0xc0200e0000, 0xc0400e0000]",
        "fatal error: stack overflow",
        "",
        "FAIL\texample.com/acme/calc\t3.948s",
    )
    assert verdict("go test ./...", *overflow)[:2] == (Category.TEST, "fatal error: stack overflow")


def test_go_mod_tidy_drift_is_a_dependency_failure_at_the_go_mod_diff() -> None:
    # Given `go mod tidy` then `git diff --exit-code` showing the requirement tidy dropped
    output = (
        "diff --git a/go.mod b/go.mod",
        "index bf21165..9c7160c 100644",
        "--- a/go.mod",
        "+++ b/go.mod",
        "@@ -2,6 +2,4 @@ module example.com/acme",
        " go 1.19",
        "-require example.com/acme/strutil v0.0.0",
        " replace example.com/acme/strutil => ./strutil",
    )
    # When the step is analysed
    category, culprit, rule = verdict("go mod tidy && git diff --exit-code -- go.mod go.sum", *output)
    # Then go.mod's diff header is the culprit
    assert (category, culprit, rule) == (Category.DEPENDENCY, output[0], "go-mod-files-drift")


def test_a_replaced_but_not_required_module_is_a_dependency_failure() -> None:
    # Given go vet on a module whose go.mod replaces a module but does not require it
    output = (
        "calc/name.go:3:8: module example.com/acme/strutil provides package example.com/acme/strutil and is replaced"
        " but not required; to add it:",
        "\tgo get example.com/acme/strutil",
    )
    # When the step is analysed
    category, culprit, rule = verdict("go vet ./... && go test ./...", *output)
    # Then the go command's message is the culprit, a dependency failure
    assert (category, culprit, rule) == (Category.DEPENDENCY, output[0], "go-module-missing")


def test_go_vet_after_a_passing_go_build_is_lint() -> None:
    # Given `go build ./... && go vet ./...` where vet finds a copied lock
    output = (
        "# example.com/acme/util",
        "util/counter.go:12:9: Value passes lock by value: example.com/acme/util.Counter contains sync.Mutex",
    )
    # When the step is analysed
    category, culprit, _ = verdict("go build ./... && go vet ./...", *output)
    # Then the finding is the culprit, and a lint failure
    assert (category, culprit) == (Category.LINT, output[1])


def test_go_generate_drift_reports_the_first_drifted_file() -> None:
    # Given `go generate` then `git diff --exit-code` showing a stale generated file
    output = (
        "diff --git a/calc/version_gen.go b/calc/version_gen.go",
        "index aa9a764..d3ac1dc 100644",
        "--- a/calc/version_gen.go",
        "+++ b/calc/version_gen.go",
        "@@ -3,4 +3,4 @@",
        " // Version is the release.",
        '-const Version = "1.3.0"',
        '+const Version = "1.4.0"',
    )
    # When the step is analysed
    category, culprit, rule = verdict("go generate ./... && git diff --exit-code", *output)
    # Then git's diff header is the culprit, a lint failure
    assert (category, culprit, rule) == (Category.LINT, output[0], "git-diff-drift")


def test_gofmt_l_reports_the_first_listed_file() -> None:
    # Given a CI script failing on gofmt -l's list of two files
    output = ("These files are not formatted with gofmt:", "calc/sub.go", "util/more.go")
    # When the step is analysed
    category, culprit, rule = verdict('test -z "$(gofmt -l .)" || { gofmt -l .; exit 1; }', *output)
    # Then the first listed file is the culprit
    assert (category, culprit, rule) == (Category.LINT, "calc/sub.go", "gofmt-list")
