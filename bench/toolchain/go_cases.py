# ruff: noqa: E501  (the tiny projects' files are written inline, one string each)
"""Toolchain development set, part three: Go failures that CI logs show beyond a plain failing test.

Panics, timeouts and data races inside ``go test``, test packages that do not compile, several failing packages,
subtests under ``-v``, testify's assertion blocks, gotestsum, module errors (``go.sum``, ``go mod tidy`` drift),
``gofmt -l`` and ``go generate`` drift checked by a CI script, staticcheck, ``go vet``'s copylocks and printf
findings, and ``make test``. The cases reuse make_logs.py's ``Case``, labellers and wrapping; make_logs.py adds
them to its list. The culprit lines are found from what each case knows (the first failing test's name, the file
holding the first finding), by the conventions of bench/validation/README.md, never by running the analyzer.

Tools (see README.md): Go 1.19 from PATH, gotestsum and staticcheck (Debian's ``go-staticcheck``, linked as
``staticcheck`` into ``TOOLCHAIN_GOBIN``, default /tmp/tc/gobin), testify vendored from Debian's
``golang-github-stretchr-testify-dev`` source (``TOOLCHAIN_GOCODE``, default /usr/share/gocode/src).
"""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

from make_logs import Case, Labeller, first_of

GOBIN = Path(os.environ.get("TOOLCHAIN_GOBIN", "/tmp/tc/gobin"))
GOCODE = Path(os.environ.get("TOOLCHAIN_GOCODE", "/usr/share/gocode/src"))

GO_VERSION = "go version"
SETUP = "actions/setup-go@v5"
# No network: modules come from the project itself (replace directives, vendor/); the Go cache lives under $HOME,
# the temporary directory, whose path run() rewrites.
GO_ENV = {
    "GOPROXY": "off",
    "GOSUMDB": "off",
    "GOTOOLCHAIN": "local",
    "GOFLAGS": "-mod=readonly",
    "PATH": f"{GOBIN}:{os.environ.get('PATH', '/usr/bin:/bin')}",
}
# The checkout: the step's directory is a git repository holding the project as committed (for `git diff`).
CHECKOUT = "[ -d .git ] || { git init -q && git add -A && git -c user.name=ci -c user.email=ci@example.com commit -qm checkout; } >/dev/null 2>&1\n"

GO_MOD = "module example.com/acme\n\ngo 1.19\n"
CALC = textwrap.dedent(
    """\
    package calc

    import "errors"

    // Add returns a + b.
    func Add(a, b int) int {
    \treturn a + b
    }

    // At returns the i-th element.
    func At(xs []int, i int) int {
    \treturn xs[i]
    }

    // Parse reads a small number.
    func Parse(s string) (int, error) {
    \tif s == "" {
    \t\treturn 0, errors.New("empty input")
    \t}
    \tn := 0
    \tfor _, r := range s {
    \t\tn = n*10 + int(r-'0')
    \t}
    \treturn n, nil
    }
    """
)
CALC_TEST = textwrap.dedent(
    """\
    package calc

    import "testing"

    func TestAdd(t *testing.T) {
    \tt.Log("error: logged by a passing test, not a failure")
    \tif Add(1, 2) != 3 {
    \t\tt.Fatal("bad")
    \t}
    }
    """
)
UTIL = "package util\n\n// Twice doubles n.\nfunc Twice(n int) int { return 2 * n }\n"
UTIL_TEST = 'package util\n\nimport "testing"\n\nfunc TestTwice(t *testing.T) {\n\tif Twice(2) != 4 {\n\t\tt.Fatal("bad")\n\t}\n}\n'
BASE = {
    "go.mod": GO_MOD,
    "calc/calc.go": CALC,
    "calc/calc_test.go": CALC_TEST,
    "util/util.go": UTIL,
    "util/util_test.go": UTIL_TEST,
}


def go_case(
    name: str, category: str, command: str, files: dict[str, str], label: Labeller, why: str, **kw: object
) -> Case:
    tool = str(kw.pop("tool", "go"))
    version = str(kw.pop("version", GO_VERSION))
    env = {**GO_ENV, **kw.pop("env", {})}  # type: ignore[dict-item]
    return Case(name, tool, "go", category, command, files, label, why, version, setup=SETUP, env=env, **kw)  # type: ignore[arg-type]


def test_file(body: str, imports: str = '"testing"') -> str:
    return f"package calc\n\nimport {imports}\n\n{textwrap.dedent(body)}"


def first_fail(test: str, *message: str) -> Labeller:
    """go test: the first ``--- FAIL:`` line (a subtest's, when the test names one) and its message line(s)."""
    return first_of(rf"^\s*--- FAIL: {test} \(", *message)


def vendored(*packages: str) -> dict[str, str]:
    """The non-test Go files of ``packages`` from Debian's Go source tree, as ``vendor/<package>/<file>``."""
    files = {}
    for package in packages:
        for path in sorted((GOCODE / package).glob("*.go")):
            if not path.name.endswith("_test.go"):
                files[f"vendor/{package}/{path.name}"] = path.read_text()
    return files


TESTIFY_MOD = "module example.com/acme\n\ngo 1.19\n\nrequire github.com/stretchr/testify v1.8.1\n\nrequire (\n\tgithub.com/davecgh/go-spew v1.1.1 // indirect\n\tgithub.com/pmezard/go-difflib v1.0.0 // indirect\n\tgopkg.in/yaml.v3 v3.0.1 // indirect\n)\n"
TESTIFY_MODULES_TXT = textwrap.dedent(
    """\
    # github.com/davecgh/go-spew v1.1.1
    ## explicit
    github.com/davecgh/go-spew/spew
    # github.com/pmezard/go-difflib v1.0.0
    ## explicit
    github.com/pmezard/go-difflib/difflib
    # github.com/stretchr/testify v1.8.1
    ## explicit; go 1.13
    github.com/stretchr/testify/assert
    github.com/stretchr/testify/require
    # gopkg.in/yaml.v3 v3.0.1
    ## explicit
    gopkg.in/yaml.v3
    """
)


def testify_project() -> dict[str, str]:
    if not (GOCODE / "github.com/stretchr/testify").is_dir():
        return {}
    return {
        **BASE,
        "go.mod": TESTIFY_MOD,
        "vendor/modules.txt": TESTIFY_MODULES_TXT,
        **vendored(
            "github.com/stretchr/testify/assert",
            "github.com/stretchr/testify/require",
            "github.com/davecgh/go-spew/spew",
            "github.com/pmezard/go-difflib/difflib",
            "gopkg.in/yaml.v3",
        ),
    }


# --- go test: panics, timeouts, races, several packages, subtests ---------------------------------------------------

PANIC_TEST = test_file(
    """\
    func TestAt(t *testing.T) {
    \tif At([]int{1, 2, 3}, 5) != 0 {
    \t\tt.Fatal("bad")
    \t}
    }

    func TestAddTwo(t *testing.T) {
    \tif Add(2, 2) != 5 {
    \t\tt.Errorf("Add(2, 2) = %d, want 5", Add(2, 2))
    \t}
    }
    """
)
GOROUTINE_PANIC_TEST = test_file(
    """\
    func TestCounts(t *testing.T) {
    \tdone := make(chan struct{})
    \tgo func() {
    \t\tdefer close(done)
    \t\tvar counts map[string]int
    \t\tcounts["a"]++
    \t}()
    \t<-done
    }
    """
)
TIMEOUT_TEST = test_file(
    """\
    func TestSlow(t *testing.T) {
    \tt.Log("waiting for the server")
    \ttime.Sleep(time.Minute)
    }
    """,
    '(\n\t"testing"\n\t"time"\n)',
)
RACE_TEST = test_file(
    """\
    func TestCounter(t *testing.T) {
    \ttotal := 0
    \tdone := make(chan bool)
    \tfor i := 0; i < 2; i++ {
    \t\tgo func() {
    \t\t\ttotal = Add(total, 1)
    \t\t\tdone <- true
    \t\t}()
    \t}
    \t<-done
    \t<-done
    \tif total == 0 {
    \t\tt.Error("no increments")
    \t}
    }
    """
)
SUBTESTS_TEST = test_file(
    """\
    func TestParse(t *testing.T) {
    \tcases := []struct {
    \t\tname string
    \t\tin   string
    \t\twant int
    \t}{
    \t\t{"digits", "42", 42},
    \t\t{"empty", "", 0},
    \t\t{"sign", "-1", -1},
    \t}
    \tfor _, tc := range cases {
    \t\tt.Run(tc.name, func(t *testing.T) {
    \t\t\tgot, err := Parse(tc.in)
    \t\t\tif err != nil {
    \t\t\t\tt.Fatalf("Parse(%q) error = %v", tc.in, err)
    \t\t\t}
    \t\t\tif got != tc.want {
    \t\t\t\tt.Fatalf("Parse(%q) = %d, want %d", tc.in, got, tc.want)
    \t\t\t}
    \t\t})
    \t}
    }
    """
)
WRONG_ADD_TEST = test_file(
    """\
    func TestAddNegative(t *testing.T) {
    \tt.Log("error handling checked below")
    \tif got := Add(-2, -2); got != 4 {
    \t\tt.Errorf("Add(-2, -2) = %d, want 4", got)
    \t}
    }
    """
)
UTIL_FAIL_TEST = 'package util\n\nimport "testing"\n\nfunc TestTwiceNegative(t *testing.T) {\n\tif got := Twice(-3); got != 6 {\n\t\tt.Errorf("Twice(-3) = %d, want 6", got)\n\t}\n}\n'


MAP_WRITES_TEST = test_file(
    """\
    func TestCache(t *testing.T) {
    \tcache := map[int]int{}
    \tdone := make(chan bool)
    \tfor w := 0; w < 4; w++ {
    \t\tgo func(w int) {
    \t\t\tfor i := 0; i < 1000000; i++ {
    \t\t\t\tcache[i%100] = Add(i, w)
    \t\t\t}
    \t\t\tdone <- true
    \t\t}(w)
    \t}
    \tfor w := 0; w < 4; w++ {
    \t\t<-done
    \t}
    }
    """
)
RECURSION_TEST = test_file(
    """\
    func depth(n int) int {
    \treturn depth(n+1) + 1
    }

    func TestDepth(t *testing.T) {
    \tif depth(0) == 0 {
    \t\tt.Fatal("bad")
    \t}
    }
    """
)
LOG_FATAL_TEST = test_file(
    """\
    func TestFixture(t *testing.T) {
    \tdata, err := os.ReadFile("testdata/orders.json")
    \tif err != nil {
    \t\tlog.Fatalf("loading fixture: %v", err)
    \t}
    \tt.Log(len(data))
    }
    """,
    '(\n\t"log"\n\t"os"\n\t"testing"\n)',
)


def many_tests(count: int) -> str:
    return 'package util\n\nimport "testing"\n' + "".join(
        f'\nfunc TestCase{i:03d}(t *testing.T) {{\n\tt.Logf("checking case {i}: no error")\n}}\n' for i in range(count)
    )


def test_cases() -> list[Case]:
    return [
        go_case(
            "go2-test-panic-index",
            "test",
            "go test ./...",
            {**BASE, "calc/panic_test.go": PANIC_TEST},
            first_of(r"^--- FAIL: TestAt \(", r"^panic: runtime error: index out of range"),
            "go test: a test panics (index out of range) with a goroutine trace; a second package passes",
        ),
        go_case(
            "go2-test-panic-v",
            "test",
            "go test -v -count=1 ./...",
            {**BASE, "calc/panic_test.go": PANIC_TEST, "util/many_test.go": many_tests(40)},
            first_of(r"^--- FAIL: TestAt \(", r"^panic: runtime error: index out of range"),
            "go test -v: a test panics after a passing test logged 'error:'; util's 40 tests pass after it",
        ),
        go_case(
            "go2-test-panic-goroutine",
            "test",
            "go test ./...",
            {**BASE, "calc/counts_test.go": GOROUTINE_PANIC_TEST},
            first_of(r"^panic: assignment to entry in nil map"),
            "go test: a goroutine started by a test panics (nil map): no --- FAIL line, the panic ends the binary",
        ),
        go_case(
            "go2-test-timeout",
            "timeout",
            "go test -timeout 2s ./...",
            {**BASE, "calc/slow_test.go": TIMEOUT_TEST},
            first_of(r"^panic: test timed out after 2s"),
            "go test -timeout 2s: a test sleeps; the test binary panics with its goroutines",
            alt_categories=["test"],
        ),
        go_case(
            "go2-test-timeout-v",
            "timeout",
            "go test -v -timeout 2s ./...",
            {**BASE, "calc/slow_test.go": TIMEOUT_TEST},
            first_of(r"^panic: test timed out after 2s"),
            "go test -v -timeout 2s: a passing test logs 'error:', then one sleeps past the timeout",
            alt_categories=["test"],
        ),
        go_case(
            "go2-test-race",
            "test",
            "go test -race ./...",
            {**BASE, "calc/race_test.go": RACE_TEST},
            first_of(
                r"^WARNING: DATA RACE$",
                r"^--- FAIL: TestCounter \(",
                r"testing\.go:\d+: race detected during execution of test",
            ),
            "go test -race: two goroutines write one variable; the race report, then the test fails",
        ),
        go_case(
            "go2-test-fatal-map",
            "test",
            "go test ./...",
            {**BASE, "calc/cache_test.go": MAP_WRITES_TEST},
            first_of(r"^fatal error: concurrent map (?:read and map )?writes?$"),
            "go test: goroutines write one map; the runtime's 'fatal error: concurrent map writes' and every goroutine's trace",
        ),
        go_case(
            "go2-test-stack-overflow",
            "test",
            "go test ./...",
            {**BASE, "calc/depth_test.go": RECURSION_TEST},
            first_of(r"^runtime: goroutine stack exceeds", r"^fatal error: stack overflow$"),
            "go test: unbounded recursion; the runtime's stack limit message, 'fatal error: stack overflow' and a long trace",
        ),
        go_case(
            "go2-test-log-fatal",
            "test",
            "go test ./...",
            {**BASE, "calc/fixture_test.go": LOG_FATAL_TEST},
            first_of(r"^\d{4}/\d\d/\d\d \d\d:\d\d:\d\d loading fixture: "),
            "go test: log.Fatalf in a test exits the binary: the log line, then only 'FAIL pkg' (no --- FAIL line)",
        ),
        go_case(
            "go2-test-packages",
            "test",
            "go test ./...",
            {
                **BASE,
                "calc/neg_test.go": WRONG_ADD_TEST,
                "util/neg_test.go": UTIL_FAIL_TEST,
                "cmd/tool/main.go": 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("tool") }\n',
            },
            first_fail("TestAddNegative", r"neg_test\.go:\d+: Add\(-2, -2\) = -4, want 4"),
            "go test over three packages: two fail (the first one's failure is the culprit), one has no tests",
        ),
        go_case(
            "go2-test-packages-v",
            "test",
            "go test -v ./...",
            {
                **BASE,
                "calc/neg_test.go": WRONG_ADD_TEST,
                "util/neg_test.go": UTIL_FAIL_TEST,
                "util/many_test.go": many_tests(60),
            },
            first_fail("TestAddNegative", r"neg_test\.go:\d+: Add\(-2, -2\) = -4, want 4"),
            "go test -v over two failing packages, the second with 60 passing tests logging 'no error' after its failure",
        ),
        go_case(
            "go2-test-subtests",
            "test",
            "go test ./...",
            {**BASE, "calc/parse_test.go": SUBTESTS_TEST},
            first_fail(
                "TestParse(?:/empty)?",
                r"^    --- FAIL: TestParse/empty \(",
                r"parse_test\.go:\d+: Parse\(\"\"\) error = empty input",
            ),
            "go test: two table-driven subtests fail with t.Fatalf (nested --- FAIL lines)",
        ),
        go_case(
            "go2-test-subtests-v",
            "test",
            "go test -v ./...",
            {**BASE, "calc/parse_test.go": SUBTESTS_TEST},
            first_fail(
                "TestParse(?:/empty)?",
                r"^    --- FAIL: TestParse/empty \(",
                r"parse_test\.go:\d+: Parse\(\"\"\) error = empty input",
            ),
            "go test -v: two subtests fail (=== RUN lines, their messages above the nested --- FAIL lines)",
        ),
        go_case(
            "go2-test-build-failed",
            "build",
            "go test ./...",
            {
                **BASE,
                "calc/neg_test.go": WRONG_ADD_TEST.replace("Add(-2, -2)", "Sub(-2, -2)").replace(
                    "got != 4", "got != 0"
                ),
                "util/neg_test.go": UTIL_FAIL_TEST,
            },
            first_of(r"neg_test\.go:\d+:\d+: undefined: Sub"),
            "go test: one test package does not compile ([build failed]), another fails its test below it",
            alt_categories=["test"],
        ),
        go_case(
            "go2-test-setup-failed",
            "build",
            "go test ./...",
            {
                **BASE,
                "calc/neg_test.go": test_file(
                    'func TestX(t *testing.T) { _ = strutil.Reverse("a") }\n',
                    '(\n\t"testing"\n\n\t"example.com/acme/strutil"\n)',
                ),
            },
            first_of(r"neg_test\.go:\d+:\d+: .*example\.com/acme/strutil"),
            "go test: a test file imports a package the module lacks ([setup failed] with Go >= 1.20)",
            alt_categories=["dependency", "test"],
        ),
        go_case(
            "go2-test-vet",
            "lint",
            "go test ./...",
            {
                **BASE,
                "calc/report_test.go": test_file('func TestReport(t *testing.T) {\n\tt.Logf("%d items", "three")\n}\n'),
            },
            first_of(r"report_test\.go:\d+:\d+: .*Logf format %d"),
            "go test: its vet check finds a printf mistake in a test file; the package fails before running",
            alt_categories=["build", "test"],
        ),
        go_case(
            "go2-make-test",
            "test",
            "make test",
            {
                **BASE,
                "calc/neg_test.go": WRONG_ADD_TEST,
                "Makefile": "GO ?= go\n\ntest:\n\t$(GO) test -count=1 ./...\n\nlint:\n\t$(GO) vet ./...\n",
            },
            first_fail("TestAddNegative", r"neg_test\.go:\d+: Add\(-2, -2\) = -4, want 4"),
            "make test wrapping go test: make's '*** [Makefile:4: test] Error 1' below the failure",
        ),
    ]


# --- testify and gotestsum ------------------------------------------------------------------------------------------

TESTIFY_TEST = test_file(
    """\
    func TestAddAssert(t *testing.T) {
    \tassert.Equal(t, 5, Add(2, 2), "two and two")
    \tassert.NoError(t, nil)
    }

    func TestParseRequire(t *testing.T) {
    \tn, err := Parse("")
    \trequire.NoError(t, err)
    \tassert.Equal(t, 0, n)
    }
    """,
    '(\n\t"testing"\n\n\t"github.com/stretchr/testify/assert"\n\t"github.com/stretchr/testify/require"\n)',
)


def testify_cases() -> list[Case]:
    project = testify_project()
    if not project:
        return []
    files = {**project, "calc/testify_test.go": TESTIFY_TEST}
    testify_label = first_fail(
        "TestAddAssert", r"testify_test\.go:\d+: *$", r"^\s+Error Trace:", r"^\s+Error:\s+Not equal:"
    )
    return [
        go_case(
            "go2-testify",
            "test",
            "go test -mod=vendor ./...",
            files,
            testify_label,
            "go test with testify (vendored): assert.Equal and require.NoError fail; multi-line Error Trace/Error/Test blocks",
        ),
        go_case(
            "go2-testify-v",
            "test",
            "go test -mod=vendor -v ./...",
            {**files, "util/many_test.go": many_tests(30)},
            testify_label,
            "go test -v with testify: the assertion block above its --- FAIL line; passing tests log 'no error' after it",
        ),
        go_case(
            "go2-gotestsum",
            "test",
            "gotestsum -- -mod=vendor ./...",
            files,
            first_of(
                r"^=== FAIL: calc TestAddAssert \(",
                r"testify_test\.go:\d+: *$",
                r"^\s+Error Trace:",
                r"^\s+Error:\s+Not equal:",
            ),
            "gotestsum (short format): the failures are printed only under '=== Failed', then 'DONE 4 tests, 2 failures'",
            tool="gotestsum",
            version="dpkg-query -W -f='gotestsum ${Version}\\n' gotestsum",
        ),
        go_case(
            "go2-gotestsum-testname",
            "test",
            "gotestsum --format testname -- ./...",
            {**BASE, "calc/neg_test.go": WRONG_ADD_TEST, "util/many_test.go": many_tests(20)},
            first_of(
                r"^--- FAIL: TestAddNegative \(",
                r"neg_test\.go:\d+: Add\(-2, -2\) = -4, want 4",
                r"^FAIL calc\.TestAddNegative \(",
            ),
            "gotestsum --format testname: a failing test's output and its FAIL line among PASS lines, then the '=== Failed' section repeating it",
            tool="gotestsum",
            version="dpkg-query -W -f='gotestsum ${Version}\\n' gotestsum",
        ),
    ]


# --- modules, formatting, generated code, linters -------------------------------------------------------------------

STRUTIL = {
    "strutil/go.mod": "module example.com/acme/strutil\n\ngo 1.19\n",
    "strutil/strutil.go": "package strutil\n\n// Reverse reverses s.\nfunc Reverse(s string) string {\n\tr := []rune(s)\n\tfor i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {\n\t\tr[i], r[j] = r[j], r[i]\n\t}\n\treturn string(r)\n}\n",
}
OTHER = {
    "other/go.mod": "module example.com/acme/other\n\ngo 1.19\n",
    "other/other.go": 'package other\n\n// Prefix starts names.\nconst Prefix = "acme-"\n',
}
STRUTIL_NEEDS_OTHER = {
    "strutil/go.mod": "module example.com/acme/strutil\n\ngo 1.19\n\nrequire example.com/acme/other v0.0.0\n",
    "strutil/prefix.go": 'package strutil\n\nimport "example.com/acme/other"\n\n// Prefixed prefixes s.\nfunc Prefixed(s string) string { return other.Prefix + s }\n',
}
USES_STRUTIL = 'package calc\n\nimport "example.com/acme/strutil"\n\n// Name is the tool\'s name, reversed.\nfunc Name() string { return strutil.Reverse("clac") }\n'
GENERATOR = textwrap.dedent(
    """\
    package main

    import (
    \t"fmt"
    \t"os"
    )

    func main() {
    \tcode := "// Code generated by gen.go; DO NOT EDIT.\\n\\npackage calc\\n\\n// Version is the release.\\nconst Version = \\"1.4.0\\"\\n"
    \tif err := os.WriteFile("version_gen.go", []byte(code), 0o644); err != nil {
    \t\tfmt.Fprintln(os.Stderr, err)
    \t\tos.Exit(1)
    \t}
    }
    """
)
GOFMT_SCRIPT = textwrap.dedent(
    """\
    unformatted=$(gofmt -l .)
    if [ -n "$unformatted" ]; then
      echo "These files are not formatted with gofmt:"
      echo "$unformatted"
      exit 1
    fi"""
)
UNFORMATTED = "package calc\n\nfunc  Sub(a,b int) int {\n    return a-b\n}\n"
STATIC = textwrap.dedent(
    """\
    package calc

    import (
    \t"fmt"
    \t"strings"
    )

    // Describe names n.
    func Describe(n int) string {
    \ts := fmt.Sprint(n)
    \ts = "number"
    \tif strings.Index(s, "num") != -1 {
    \t\treturn s
    \t}
    \treturn ""
    }

    // Loop spins.
    func Loop(xs []int) {
    \tfor i := range xs {
    \t\ti := i
    \t\t_ = i
    \t}
    }
    """
)
COPYLOCKS = 'package util\n\nimport "sync"\n\n// Counter counts.\ntype Counter struct {\n\tmu sync.Mutex\n\tn  int\n}\n\n// Value reads the count.\nfunc (c Counter) Value() int {\n\tc.mu.Lock()\n\tdefer c.mu.Unlock()\n\treturn c.n\n}\n'


def tool_cases() -> list[Case]:
    strutil_mod = (
        GO_MOD + "\nrequire example.com/acme/strutil v0.0.0\n\nreplace example.com/acme/strutil => ./strutil\n"
    )
    return [
        go_case(
            "go2-mod-sum-missing",
            "dependency",
            "go build ./...",
            {
                **BASE,
                "go.mod": GO_MOD + "\nrequire github.com/google/uuid v1.3.0\n",
                "calc/id.go": 'package calc\n\nimport "github.com/google/uuid"\n\n// ID is a new identifier.\nfunc ID() string { return uuid.NewString() }\n',
            },
            first_of(r"id\.go:\d+:\d+: missing go\.sum entry"),
            "go build: go.mod requires a module whose go.sum entry is missing (-mod=readonly)",
            alt_categories=["build"],
        ),
        go_case(
            "go2-mod-not-required",
            "dependency",
            "go vet ./... && go test ./...",
            {
                **BASE,
                "calc/name.go": USES_STRUTIL,
                **STRUTIL,
                "go.mod": GO_MOD + "\nreplace example.com/acme/strutil => ./strutil\n",
            },
            first_of(r"name\.go:\d+:\d+: module example\.com/acme/strutil provides package .* not required"),
            "go vet: a package is imported from a module go.mod replaces but does not require (-mod=readonly asks for go get)",
            alt_categories=["build"],
        ),
        go_case(
            "go2-mod-updates-needed",
            "dependency",
            "go build ./...",
            {
                **BASE,
                "calc/name.go": USES_STRUTIL,
                **STRUTIL,
                **OTHER,
                **STRUTIL_NEEDS_OTHER,
                "go.mod": GO_MOD
                + "\nrequire example.com/acme/strutil v0.0.0\n\nreplace (\n\texample.com/acme/strutil => ./strutil\n\texample.com/acme/other => ./other\n)\n",
            },
            first_of(r"^go: updates to go\.mod needed"),
            "go build: go.mod lacks an indirect requirement (go >= 1.17 lists them); readonly mode asks for go mod tidy",
            alt_categories=["build", "config"],
            env={"GOFLAGS": ""},
        ),
        go_case(
            "go2-mod-tidy-diff",
            "dependency",
            "go mod tidy\ngit diff --exit-code -- go.mod go.sum",
            {".ci-checkout.sh": CHECKOUT, **BASE, **STRUTIL, "go.mod": strutil_mod},
            first_of(r"^diff --git a/go\.mod b/go\.mod$"),
            "go mod tidy drops an unused requirement; git diff --exit-code shows go.mod's drift",
            alt_categories=["lint", "config"],
            env={"BASH_ENV": ".ci-checkout.sh", "GOFLAGS": "-mod=mod"},
        ),
        go_case(
            "go2-gofmt-l",
            "lint",
            GOFMT_SCRIPT,
            {
                **BASE,
                "calc/sub.go": UNFORMATTED,
                "util/more.go": "package util\n\nfunc Half(n int) int {\n  return n/2\n}\n",
            },
            first_of(r"^calc/sub\.go$"),
            "a CI script fails on gofmt -l's non-empty output (two files)",
        ),
        go_case(
            "go2-gofmt-test-z",
            "lint",
            "gofmt -s -d . | tee gofmt.diff\ntest ! -s gofmt.diff",
            {**BASE, "calc/sub.go": UNFORMATTED},
            first_of(r"^diff calc/sub\.go\.orig calc/sub\.go$", r"^--- calc/sub\.go\.orig$"),
            "gofmt -s -d's diff, then test ! -s failing on it",
        ),
        go_case(
            "go2-generate-drift",
            "lint",
            "go generate ./...\ngit diff --exit-code",
            {
                ".ci-checkout.sh": CHECKOUT,
                **BASE,
                "calc/gen/main.go": GENERATOR,
                "calc/version.go": "package calc\n\n//go:generate go run ./gen\n",
                "calc/version_gen.go": '// Code generated by gen.go; DO NOT EDIT.\n\npackage calc\n\n// Version is the release.\nconst Version = "1.3.0"\n',
            },
            first_of(r"^diff --git a/calc/version_gen\.go b/calc/version_gen\.go$"),
            "go generate rewrites a generated file; git diff --exit-code shows the committed copy is stale",
            alt_categories=["build", "config"],
            env={"BASH_ENV": ".ci-checkout.sh"},
        ),
        go_case(
            "go2-staticcheck",
            "lint",
            "staticcheck ./...",
            {**BASE, "calc/describe.go": STATIC},
            first_of(r"^calc/describe\.go:\d+:\d+: .*\((?:SA|S|ST)\d+\)$"),
            "staticcheck: findings in one file (SA4006 and others); another package is clean",
            tool="staticcheck",
            version="staticcheck -version",
        ),
        go_case(
            "go2-staticcheck-after-vet",
            "lint",
            "go vet ./...\nstaticcheck ./...",
            {
                **BASE,
                "calc/describe.go": STATIC,
                "util/counter.go": COPYLOCKS.replace("func (c Counter)", "func (c *Counter)"),
            },
            first_of(r"^calc/describe\.go:\d+:\d+: .*\((?:SA|S|ST)\d+\)$"),
            "go vet passes, then staticcheck reports its findings",
            tool="staticcheck",
            version="staticcheck -version",
        ),
        go_case(
            "go2-vet-copylocks",
            "lint",
            "go vet ./...",
            {
                **BASE,
                "util/counter.go": COPYLOCKS,
                "calc/report.go": 'package calc\n\nimport "fmt"\n\n// Report prints a count.\nfunc Report(n int) {\n\tfmt.Printf("%s items\\n", n)\n}\n',
            },
            first_of(r"^(?:calc/report|util/counter)\.go:\d+:\d+: "),
            "go vet: a printf mistake in calc and a copied lock in util, each under its '# package' header (in either order)",
        ),
        go_case(
            "go2-vet-copylocks-only",
            "lint",
            "go build ./... && go vet ./...",
            {**BASE, "util/counter.go": COPYLOCKS, "calc/neg_test.go": WRONG_ADD_TEST},
            first_of(r"counter\.go:\d+:\d+: .*passes lock by value"),
            "go build passes, go vet finds a copied lock (copylocks) in one package beside a clean one",
        ),
    ]


def go_cases() -> list[Case]:
    return test_cases() + testify_cases() + tool_cases()
