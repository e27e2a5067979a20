"""Go rules for GOPATH-era and Travis-era builds and Go tools beyond `go test`, on job logs built from real output.

Every output below was printed by the tool itself on the development machine, shortened (bench/toolchain/
gopath_cases.py generates it: go 1.19.8 with GO111MODULE=off, Ginkgo 1.16.5, gofmt 1.19.8). Each test asserts the
category and that the culprit is the first specific failure, not a summary, a later failure or a generic rule's line.
"""

from __future__ import annotations

from ci_agent.analysis import Category, analyze_log
from tests.job_logs import culprit_text, job_log


def verdict(step: str, *output: str) -> tuple[Category, str, str | None]:
    log = job_log(step, list(output))
    analysis = analyze_log(log)
    return analysis.category, culprit_text(log), analysis.rule


GOPATH = "/home/travis/gopath/src/github.com/acme/acme"


def test_gopath_cannot_find_package_is_a_missing_dependency_not_a_compile_error() -> None:
    # Given go build in GOPATH mode, an import in neither GOROOT nor GOPATH, with go/build's list of where it looked
    output = (
        "github.com/acme/acme/util",
        'store/store.go:3:8: cannot find package "github.com/pkg/errors" in any of:',
        "\t/usr/lib/go-1.19/src/github.com/pkg/errors (from $GOROOT)",
        "\t/home/travis/gopath/src/github.com/pkg/errors (from $GOPATH)",
    )
    # When the step is analysed
    category, culprit, rule = verdict("go build -v ./...", *output)
    # Then the package line is the culprit, as a dependency failure
    assert (category, culprit, rule) == (
        Category.DEPENDENCY,
        'store/store.go:3:8: cannot find package "github.com/pkg/errors" in any of:',
        "go-gopath-cannot-find-package",
    )


def test_go_get_unreachable_import_path_outranks_a_later_clone_dns_failure() -> None:
    # Given go get -t -v ./... in GOPATH mode: a vanity import's ?go-get=1 fetch fails, then a git clone fails
    output = (
        'package go.acme-internal.example/retry: unrecognized import path "go.acme-internal.example/retry":'
        ' https fetch: Get "https://go.acme-internal.example/retry?go-get=1": dial tcp: lookup'
        " go.acme-internal.example on 10.255.255.53:53: no such host",
        "github.com/pkg/errors (download)",
        "# cd /home/travis/gopath/src/github.com/pkg; git clone -- https://github.com/pkg/errors"
        " /home/travis/gopath/src/github.com/pkg/errors",
        "Cloning into '/home/travis/gopath/src/github.com/pkg/errors'...",
        "fatal: unable to access 'https://github.com/pkg/errors/': Could not resolve host: github.com",
        "package github.com/pkg/errors: exit status 128",
    )
    # When the step is analysed
    category, culprit, rule = verdict("go get -t -v ./...", *output)
    # Then the first go get line, which names the import, is the culprit; the network failure is the category
    assert category == Category.INFRASTRUCTURE
    assert culprit.startswith("package go.acme-internal.example/retry: unrecognized import path")
    assert rule == "go-get-import-path-unreachable"


def test_go_get_unrecognized_import_path_without_a_network_error_is_a_dependency() -> None:
    # Given go get in GOPATH mode on a path whose page serves no go-import meta tag
    output = (
        "github.com/acme/acme/util",
        'package example.com/acme/lib: unrecognized import path "example.com/acme/lib": parse'
        " https://example.com/acme/lib?go-get=1: no go-import meta tags ()",
    )
    # When the step is analysed
    category, culprit, rule = verdict("go get -t -v ./...", *output)
    # Then it is a dependency failure on that line
    assert (category, rule) == (Category.DEPENDENCY, "go-get-unrecognized-import-path")
    assert culprit.startswith("package example.com/acme/lib: unrecognized import path")


def test_build_constraints_excluding_every_file_is_a_build_failure() -> None:
    # Given go build ./... passing, then go test naming a Windows-only package on Linux
    output = (
        "github.com/acme/acme/util",
        "github.com/acme/acme/calc",
        f"package github.com/acme/acme/winsvc: build constraints exclude all Go files in {GOPATH}/winsvc",
    )
    # When the step is analysed
    category, culprit, rule = verdict("go build -v ./... && go test ./winsvc/", *output)
    # Then that line is the culprit
    assert (category, culprit, rule) == (
        Category.BUILD,
        f"package github.com/acme/acme/winsvc: build constraints exclude all Go files in {GOPATH}/winsvc",
        "go-build-constraints-exclude",
    )


def test_gofmt_diff_under_a_diff_of_nothing_reports_the_first_file() -> None:
    # Given the Travis-era check `diff -u <(echo -n) <(gofmt -d .)`: gofmt 1.19's diff as added lines
    output = (
        "--- /dev/fd/63\t2026-11-30 08:19:09.797196023 +0000",
        "+++ /dev/fd/62\t2026-11-30 08:19:09.797196023 +0000",
        "@@ -0,0 +1,20 @@",
        "+diff calc/mul.go.orig calc/mul.go",
        "+--- calc/mul.go.orig",
        "++++ calc/mul.go",
        "+@@ -1,6 +1,6 @@",
        "+-func Mul(a,b int) int {",
        "++func Mul(a, b int) int {",
        "+diff util/thrice.go.orig util/thrice.go",
        "+--- util/thrice.go.orig",
        "++++ util/thrice.go",
        "+-func  Thrice(n int) int { return 3*n }",
        "++func Thrice(n int) int { return 3 * n }",
    )
    # When the step is analysed
    category, culprit, rule = verdict("diff -u <(echo -n) <(gofmt -d .)", *output)
    # Then the first file's diff header is the culprit, as lint
    assert (category, culprit, rule) == (Category.LINT, "+diff calc/mul.go.orig calc/mul.go", "gofmt-diff-header")


def test_ginkgo_v1_first_failure_block_outranks_the_summary_and_go_tests_fail_line() -> None:
    # Given a Ginkgo v1 suite under go test: two failure blocks, the summary, the suite's --- FAIL line
    output = (
        "Running Suite: Calc Suite",
        "=========================",
        "Random Seed: 1796026789",
        "Will run 4 of 4 specs",
        "",
        "•ERROR: this line is the spec's own log output",
        "",
        "------------------------------",
        "• Failure [0.001 seconds]",
        "Calc",
        f"{GOPATH}/calc/calc_spec_test.go:11",
        "  Add",
        f"  {GOPATH}/calc/calc_spec_test.go:12",
        "    adds negative numbers [It]",
        f"    {GOPATH}/calc/calc_spec_test.go:16",
        "",
        "    Expected",
        "        <int>: -3",
        "    to equal",
        "        <int>: 3",
        "",
        f"    {GOPATH}/calc/calc_spec_test.go:18",
        "------------------------------",
        "• Failure [0.000 seconds]",
        "Calc",
        "    rejects a zero divisor [It]",
        "    Unexpected error:",
        "------------------------------",
        "•",
        "",
        "Summarizing 2 Failures:",
        "",
        "[Fail] Calc Add [It] adds negative numbers ",
        f"{GOPATH}/calc/calc_spec_test.go:18",
        "",
        "[Fail] Calc Div [It] rejects a zero divisor ",
        f"{GOPATH}/calc/calc_spec_test.go:24",
        "",
        "Ran 4 of 4 Specs in 0.009 seconds",
        "FAIL! -- 2 Passed | 2 Failed | 0 Pending | 0 Skipped",
        "--- FAIL: TestCalc (0.01s)",
        "FAIL",
        "FAIL\tgithub.com/acme/acme/calc\t0.051s",
        "ok  \tgithub.com/acme/acme/util\t0.018s",
        "FAIL",
    )
    # When the step is analysed
    category, culprit, rule = verdict("go test ./...", *output)
    # Then the first failure block's header is the culprit
    assert (category, culprit, rule) == (Category.TEST, "• Failure [0.001 seconds]", "ginkgo-v1-spec-failure")


def test_ginkgo_v1_setup_failure_is_read_too() -> None:
    # Given a spec whose BeforeEach fails, in ginkgo -r's succinct output
    output = (
        "------------------------------",
        "• Failure in Spec Setup (BeforeEach) [0.004 seconds]",
        "Store Put [BeforeEach] stores an item ",
        f"{GOPATH}/store/store_test.go:14",
        "",
        "  Unexpected error:",
        "      connection refused",
        "  occurred",
        "------------------------------",
        "Summarizing 1 Failure:",
        "[Fail] Store Put [BeforeEach] stores an item ",
        "Test Suite Failed",
    )
    # When the step is analysed
    category, culprit, rule = verdict("ginkgo -r", *output)
    # Then the block's header is the culprit
    assert (category, culprit, rule) == (
        Category.TEST,
        "• Failure in Spec Setup (BeforeEach) [0.004 seconds]",
        "ginkgo-v1-spec-failure",
    )


def test_go_test_in_a_gopath_layout_without_go_mod_is_a_configuration_failure() -> None:
    # Given go test ./... with modules on (Go 1.16+'s default) in a project that has no go.mod
    output = ("pattern ./...: directory prefix . does not contain main module or its selected dependencies",)
    # When the step is analysed
    category, culprit, rule = verdict("go test -v ./...", *output)
    # Then the pattern line is the culprit, as configuration
    assert (category, culprit, rule) == (
        Category.CONFIG,
        "pattern ./...: directory prefix . does not contain main module or its selected dependencies",
        "go-directory-outside-main-module",
    )


def test_an_import_cycle_reports_the_chain_line_that_says_so() -> None:
    # Given go vet on two packages importing each other: cmd/go prints the import chain
    output = (
        "package github.com/acme/acme/a",
        "\timports github.com/acme/acme/b",
        "\timports github.com/acme/acme/a: import cycle not allowed",
    )
    # When the step is analysed
    category, culprit, rule = verdict("go vet ./... && go test ./...", *output)
    # Then the cycle's line is the culprit, as a build failure
    assert category == Category.BUILD
    assert culprit.endswith("imports github.com/acme/acme/a: import cycle not allowed")
    assert rule == "go-import-cycle"


def test_a_named_directory_without_go_files_is_a_build_failure() -> None:
    # Given go build ./... passing, then go build naming a directory whose package moved
    output = (
        "github.com/acme/acme/util",
        "github.com/acme/acme/calc",
        f"package github.com/acme/acme/cmd/server: no Go files in {GOPATH}/cmd/server",
    )
    # When the step is analysed
    category, culprit, rule = verdict("go build -v ./... && go build -o bin/server ./cmd/server", *output)
    # Then that line is the culprit
    assert (category, culprit, rule) == (
        Category.BUILD,
        f"package github.com/acme/acme/cmd/server: no Go files in {GOPATH}/cmd/server",
        "go-no-go-files",
    )
