# ruff: noqa: E501  (the tiny projects' files are written inline, one string each)
"""Toolchain development set, part four: Go test and build failures inside the noise that makes a reader (or an
analyzer) pick the wrong line.

Code under test that logs through loggers printing ERROR-looking lines in passing and failing tests (the standard
``log`` package, and tiny standard-library imitations of hclog's, logrus' text and a JSON logger's line formats),
``t.Log`` lines saying "error"/"failed" in passing ``-v`` tests, many packages with ``ok`` and ``[no test files]``
lines around one or two failing ones, parallel subtests under ``-v`` (``=== PAUSE``/``=== CONT``), ``t.Fatalf`` in
a helper with and without ``t.Helper()``, ``log.Fatalf`` inside a test, ``-failfast``, ``-shuffle``, a timeout with
a goroutine dump of thousands of lines, a data race among logger noise, ``make`` targets wrapping ``go test``,
``go vet`` and ``gofmt -l``, ``go build ./...`` with errors in two packages, a cgo compile error, ``go mod tidy``
drift of go.sum, a generated-code drift script and staticcheck under ``make lint``. The cases reuse make_logs.py's
``Case`` and wrapping and go_cases.py's Go settings; the culprit lines are found from what each case knows (the
first failing test's name and message, the file of the first error), by the conventions of
bench/validation/README.md, never by running the analyzer.
"""

from __future__ import annotations

import re
import subprocess
import textwrap

from go_cases import CHECKOUT, GO_MOD, first_fail, go_case
from make_logs import Case, find, first_of

# --- sources ---------------------------------------------------------------------------------------------------------


def gofmt(source: str) -> str:
    """``source`` (indented with four spaces) with tabs, put through gofmt so `gofmt -l` lists only what it should."""
    text = textwrap.dedent(source)
    text = re.sub(r"(?m)^((?:    )+)", lambda m: "\t" * (len(m.group(1)) // 4), text)
    done = subprocess.run(["gofmt"], input=text, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"gofmt refused a case's source:\n{done.stderr}\n{text}")
    return done.stdout


# The loggers' line formats, imitated with the standard library only (the real loggers cannot be fetched here): hclog
# (`<time> [ERROR] <name>: <message>: key=value`, its levels bracketed and padded to 7 characters), logrus' text
# formatter without a terminal (`time="..." level=error msg="..." key=value`) and zap's production JSON encoder
# (`{"level":"error","ts":<epoch>,"caller":"file.go:N","msg":"...","error":"..."}`).
LOGGING = gofmt(
    """\
    // Package logging imitates, with the standard library only, the line formats of three common Go loggers:
    // hclog's, logrus' text formatter's and a JSON logger's (zap's production encoder).
    package logging

    import (
        "encoding/json"
        "fmt"
        "os"
        "path/filepath"
        "runtime"
        "strings"
        "time"
    )

    func pairs(kv []string) string {
        var b strings.Builder
        for i := 0; i+1 < len(kv); i += 2 {
            v := kv[i+1]
            if strings.ContainsAny(v, " =\\"") {
                v = fmt.Sprintf("%q", v)
            }
            fmt.Fprintf(&b, " %s=%s", kv[i], v)
        }
        return b.String()
    }

    var brackets = map[string]string{"trace": "[TRACE]", "debug": "[DEBUG]", "info": "[INFO] ", "warn": "[WARN] ", "error": "[ERROR]"}

    // HC prints an hclog-style line.
    func HC(level, name, msg string, kv ...string) {
        rest := pairs(kv)
        if rest != "" {
            rest = ":" + rest
        }
        fmt.Fprintf(os.Stderr, "%s %s %s: %s%s\\n", time.Now().UTC().Format("2006-01-02T15:04:05.000Z"), brackets[level], name, msg, rest)
    }

    // Logrus prints a line as logrus' text formatter does without a terminal.
    func Logrus(level, msg string, kv ...string) {
        fmt.Fprintf(os.Stderr, "time=%q level=%s msg=%q%s\\n", time.Now().UTC().Format(time.RFC3339), level, msg, pairs(kv))
    }

    // JSON prints a line as zap's production JSON encoder does: level, ts, caller, msg, then the fields.
    func JSON(level, msg string, kv ...string) {
        _, file, line, _ := runtime.Caller(1)
        caller := fmt.Sprintf("%s/%s:%d", filepath.Base(filepath.Dir(file)), filepath.Base(file), line)
        var b strings.Builder
        fmt.Fprintf(&b, `{"level":%q,"ts":%.7f,"caller":%q,"msg":%s`, level, float64(time.Now().UnixNano())/1e9, caller, quote(msg))
        for i := 0; i+1 < len(kv); i += 2 {
            fmt.Fprintf(&b, ",%s:%s", quote(kv[i]), quote(kv[i+1]))
        }
        b.WriteString("}")
        fmt.Fprintln(os.Stderr, b.String())
    }

    func quote(s string) string {
        out, _ := json.Marshal(s)
        return string(out)
    }
    """
)


def package(name: str, body: str, imports: str = "") -> str:
    head = f"package {name}\n\n" + (f"import (\n{imports}\n)\n\n" if imports else "")
    return gofmt(head + textwrap.dedent(body))


def passing_tests(pkg: str, count: int, log: str = "", name: str = "TestCheck") -> str:
    """``count`` passing tests; each logs ``log`` (a t.Logf format taking the test's number) when given."""
    tests = "".join(
        f"\nfunc {name}{i:02d}(t *testing.T) {{\n    {f't.Logf({log!r}, {i})' if log else '_ = ' + str(i)}\n}}\n".replace(
            "'", '"'
        )
        for i in range(count)
    )
    return gofmt(f'package {pkg}\n\nimport "testing"\n{tests}')


def quiet_packages(names: list[str], tests: int = 3) -> dict[str, str]:
    """Packages that pass: each has a function and ``tests`` tests (none when 0: `[no test files]`)."""
    files = {}
    for name in names:
        pkg = name.rsplit("/", 1)[-1]
        files[f"{name}/{pkg}.go"] = package(pkg, f'// Name names the package.\nconst Name = "{pkg}"\n')
        if tests:
            files[f"{name}/{pkg}_test.go"] = passing_tests(pkg, tests)
    return files


# A store whose error paths log through each logger; its tests exercise those paths and pass.
STORE = package(
    "store",
    """\
    // ErrNotFound is returned for a missing key.
    var ErrNotFound = errors.New("record not found")

    // Store is a tiny key-value store.
    type Store struct {
        data map[string]int
    }

    // New returns a store holding a few records.
    func New() *Store {
        return &Store{data: map[string]int{"apples": 3, "pears": 5}}
    }

    // Get returns a record; a missing one is logged at error level by every logger.
    func (s *Store) Get(key string) (int, error) {
        v, ok := s.data[key]
        if !ok {
            log.Printf("[ERROR] store: lookup of %q failed: %v", key, ErrNotFound)
            logging.HC("error", "provider.store", "failed to read record", "key", key, "error", ErrNotFound.Error())
            logging.Logrus("error", "lookup failed", "key", key, "error", ErrNotFound.Error())
            logging.JSON("error", "lookup failed", "key", key, "error", ErrNotFound.Error())
            return 0, ErrNotFound
        }
        logging.HC("debug", "provider.store", "read record", "key", key)
        return v, nil
    }

    // Total sums the records.
    func (s *Store) Total() int {
        total := 0
        for _, v := range s.data {
            total += v
        }
        return total + 1
    }
    """,
    '    "errors"\n    "log"\n\n    "example.com/acme/internal/logging"',
)
STORE_TEST = gofmt(
    """\
    package store

    import (
        "errors"
        "testing"
    )

    func TestGetMissing(t *testing.T) {
        _, err := New().Get("plums")
        if !errors.Is(err, ErrNotFound) {
            t.Fatalf("Get(plums) error = %v, want ErrNotFound", err)
        }
        t.Logf("error path ok: %v", err)
    }

    func TestGet(t *testing.T) {
        if n, err := New().Get("apples"); err != nil || n != 3 {
            t.Fatalf("Get(apples) = %d, %v", n, err)
        }
    }

    func TestTotal(t *testing.T) {
        s := New()
        if _, err := s.Get("cherries"); err == nil {
            t.Error("expected an error for cherries")
        }
        if got := s.Total(); got != 8 {
            t.Errorf("Total() = %d, want 8", got)
        }
    }

    func TestTotalAgain(t *testing.T) {
        if got := New().Total(); got != 8 {
            t.Errorf("second Total() = %d, want 8", got)
        }
    }
    """
)
BASE = {"go.mod": GO_MOD, "internal/logging/logging.go": LOGGING, "store/store.go": STORE}
PACKAGES = ["api", "auth", "cli", "config", "server", "worker"]


def first_fail_and_message(lines: list[str]) -> list[int]:
    """go test without -v and with a seeded order: the first ``--- FAIL:`` line and the message line under it."""
    top = find(lines, r"^--- FAIL: ")
    if top is None:
        raise LookupError("no --- FAIL line")
    message = find(lines, r"^\s+\w+_test\.go:\d+: ", top + 1, top + 3)
    return [top] if message is None else [top, message]


# --- go test among loggers' noise -------------------------------------------------------------------------------------

HC_ACC_TEST = gofmt(
    """\
    package server

    import (
        "os"
        "testing"

        "example.com/acme/internal/logging"
    )

    func accPreCheck(t *testing.T) {
        if os.Getenv("ACME_ACC") == "" {
            t.Skip("Acceptance tests skipped unless env 'ACME_ACC' set")
        }
    }

    func TestAccServer_basic(t *testing.T) {
        accPreCheck(t)
    }

    func TestAccServer_import(t *testing.T) {
        accPreCheck(t)
    }

    func TestRoutes(t *testing.T) {
        t.Parallel()
        for _, route := range []string{"/health", "/metrics", "/v1/orders", "/v1/users"} {
            route := route
            t.Run(route, func(t *testing.T) {
                t.Parallel()
                logging.HC("info", "server", "serving", "route", route)
                if route == "/v1/users" {
                    logging.HC("error", "server", "handler failed", "route", route, "error", "permission denied")
                }
            })
        }
    }

    func TestLimits(t *testing.T) {
        t.Parallel()
        cases := map[string]struct{ in, want int }{
            "zero":     {0, 0},
            "small":    {5, 5},
            "too_big":  {5000, 1000},
            "negative": {-1, 0},
        }
        for name, tc := range cases {
            tc := tc
            t.Run(name, func(t *testing.T) {
                t.Parallel()
                got := Clamp(tc.in)
                if got != tc.want {
                    logging.HC("error", "server.limits", "limit rejected", "value", "out of range")
                    t.Errorf("Clamp(%d) = %d, want %d", tc.in, got, tc.want)
                }
            })
        }
    }
    """
)
CLAMP = package(
    "server",
    """\
    // Clamp limits n to [0, 1000].
    func Clamp(n int) int {
        if n < 0 {
            return 0
        }
        if n > 10000 {
            return 1000
        }
        return n
    }
    """,
)


def limits_label(lines: list[str]) -> list[int]:
    """The parallel subtest's failure: the message (printed under its `=== CONT` line, -v) and the first
    `--- FAIL:` line (the parent's, with the subtest's indented under it)."""
    message = find(lines, r"server_test\.go:\d+: Clamp\(5000\) = 5000, want 1000")
    parent = find(lines, r"^--- FAIL: TestLimits \(")
    sub = find(lines, r"^    --- FAIL: TestLimits/too_big \(")
    if message is None or parent is None or sub is None:
        raise LookupError("TestLimits/too_big's lines")
    return sorted({message, parent, sub})


HELPER_TEST = gofmt(
    """\
    package api

    import (
        "testing"

        "example.com/acme/internal/logging"
    )

    type response struct {
        status int
        body   string
    }

    func call(path string) response {
        if path == "/v1/orders/42" {
            logging.Logrus("error", "order lookup failed", "path", path, "error", "sql: no rows in result set")
            return response{status: 500, body: "internal error"}
        }
        logging.Logrus("info", "request served", "path", path)
        return response{status: 200, body: "ok"}
    }

    func requireStatus(t *testing.T, r response, want int) {
        HELPER
        if r.status != want {
            t.Fatalf("status = %d, want %d (body %q)", r.status, want, r.body)
        }
    }

    func TestHealth(t *testing.T) {
        requireStatus(t, call("/health"), 200)
    }

    func TestErrorPage(t *testing.T) {
        r := call("/missing")
        t.Logf("error page rendered: %q", r.body)
    }

    func TestOrder(t *testing.T) {
        requireStatus(t, call("/v1/orders/42"), 200)
    }

    func TestOrders(t *testing.T) {
        requireStatus(t, call("/v1/orders/42"), 200)
    }
    """
)

JSON_TEST = gofmt(
    """\
    package worker

    import (
        "errors"
        "fmt"
        "testing"

        "example.com/acme/internal/logging"
    )

    func process(job int) error {
        if job%4 == 3 {
            err := errors.New("job failed: upstream returned 503")
            logging.JSON("error", "job failed, will retry", "job", fmt.Sprint(job), "error", err.Error())
            return err
        }
        logging.JSON("info", "job done", "job", fmt.Sprint(job))
        return nil
    }

    func TestRetriesFailedJobs(t *testing.T) {
        for job := 0; job < 8; job++ {
            if err := process(job); err != nil {
                t.Logf("job %d failed as expected: %v", job, err)
            }
        }
    }

    func TestErrorCount(t *testing.T) {
        failed := 0
        for job := 0; job < 8; job++ {
            if process(job) != nil {
                failed++
            }
        }
        if failed != 3 {
            t.Errorf("failed jobs = %d, want 3", failed)
        }
    }

    func TestNoErrorOnEmptyQueue(t *testing.T) {
        t.Log("error: none expected, queue is empty")
    }
    """
)

LOG_FATAL_TEST = gofmt(
    """\
    package config

    import (
        "log"
        "os"
        "testing"

        "example.com/acme/internal/logging"
    )

    func TestDefaults(t *testing.T) {
        logging.HC("warn", "config", "no config file, using defaults")
        t.Log("defaults loaded")
    }

    func TestLoadFixture(t *testing.T) {
        logging.HC("error", "config", "failed to parse override", "error", "unexpected EOF")
        raw, err := os.ReadFile("testdata/acme.hcl")
        if err != nil {
            log.Fatalf("reading fixture: %v", err)
        }
        t.Log(len(raw))
    }

    func TestLater(t *testing.T) {
        t.Log("never runs")
    }
    """
)

TESTMAIN_FATAL = gofmt(
    """\
    package store

    import (
        "os"
        "testing"

        "example.com/acme/internal/logging"
    )

    func TestMain(m *testing.M) {
        logging.Logrus("info", "starting test database")
        if os.Getenv("ACME_DB") == "" {
            logging.Logrus("error", "connection attempt failed, retrying", "attempt", "1")
            logging.Logrus("fatal", "cannot start test database", "error", "ACME_DB is not set")
            os.Exit(1)
        }
        os.Exit(m.Run())
    }
    """
)

FAILFAST_TEST = gofmt(
    """\
    package auth

    import (
        "strings"
        "testing"
    )

    func Token(user string) string {
        return strings.ToUpper(user) + "-token"
    }

    func TestTokenPrefix(t *testing.T) {
        if got := Token("ada"); !strings.HasPrefix(got, "ada") {
            t.Errorf("Token(ada) = %q, want prefix %q", got, "ada")
        }
    }

    func TestTokenSuffix(t *testing.T) {
        if got := Token("ada"); !strings.HasSuffix(got, "-tok") {
            t.Errorf("Token(ada) = %q, want suffix -tok", got)
        }
    }
    """
)

SHUFFLE_TEST = gofmt(
    """\
    package cli

    import (
        "testing"

        "example.com/acme/internal/logging"
    )

    var state = map[string]int{}

    func TestSetup(t *testing.T) {
        state["ready"] = 1
        logging.Logrus("warning", "setup ran", "error", "none")
    }

    func TestUsesSetup(t *testing.T) {
        if state["ready"] != 1 {
            t.Fatalf("state not ready: %v (depends on TestSetup running first)", state)
        }
    }

    func TestUsesSetupToo(t *testing.T) {
        if state["ready"] != 1 {
            t.Fatalf("state still not ready: %v", state)
        }
    }

    func TestIndependent(t *testing.T) {
        logging.Logrus("error", "independent test logs an error", "error", "expected")
    }
    """
)

TIMEOUT_TEST = gofmt(
    """\
    package worker

    import (
        "sync"
        "testing"
        "time"

        "example.com/acme/internal/logging"
    )

    func TestPoolDrains(t *testing.T) {
        var wg sync.WaitGroup
        jobs := make(chan int)
        for i := 0; i < 600; i++ {
            wg.Add(1)
            go func() {
                defer wg.Done()
                for range jobs {
                }
            }()
        }
        logging.HC("error", "worker.pool", "failed to close queue", "error", "queue busy")
        t.Log("waiting for the pool: no error yet")
        time.Sleep(time.Minute)
        close(jobs)
        wg.Wait()
    }
    """
)

RACE_TEST = gofmt(
    """\
    package worker

    import (
        "fmt"
        "sync"
        "testing"

        "example.com/acme/internal/logging"
    )

    func TestFanIn(t *testing.T) {
        results := 0
        var wg sync.WaitGroup
        for i := 0; i < 2; i++ {
            wg.Add(1)
            go func(i int) {
                defer wg.Done()
                logging.JSON("error", "shard failed, counting anyway", "shard", fmt.Sprint(i))
                results++
            }(i)
        }
        wg.Wait()
        if results == 0 {
            t.Error("no results")
        }
    }

    func TestAfterRace(t *testing.T) {
        t.Log("error: logged by a passing test")
    }
    """
)

GNUMAKEFILE = textwrap.dedent(
    """\
    TEST?=./...
    PKG_NAME=acme

    default: build

    build: fmtcheck
    \tgo install

    test: fmtcheck
    \tgo test $(TEST) $(TESTARGS) -timeout=120s -parallel=4

    testacc: fmtcheck
    \tACME_ACC=1 go test $(TEST) -v $(TESTARGS) -timeout 120m

    vet:
    \t@echo "go vet ."
    \t@go vet $$(go list ./...) ; if [ $$? -ne 0 ]; then \\
    \t\techo ""; \\
    \t\techo "Vet found suspicious constructs. Please check the reported constructs"; \\
    \t\techo "and fix them if necessary before submitting the code for review."; \\
    \t\texit 1; \\
    \tfi

    fmtcheck:
    \t@bash "$(CURDIR)/scripts/gofmtcheck.sh"

    lint:
    \t@echo "==> Checking source code against linters..."
    \t@staticcheck ./...

    .PHONY: build test testacc vet fmtcheck lint
    """
)
GOFMTCHECK = textwrap.dedent(
    """\
    #!/usr/bin/env bash

    # Check gofmt
    echo "==> Checking that code complies with gofmt requirements..."
    gofmt_files=$(gofmt -l `find . -name '*.go' | grep -v vendor`)
    if [[ -n ${gofmt_files} ]]; then
        echo 'gofmt needs running on the following files:'
        echo "${gofmt_files}"
        echo "You can use the command: \\`make fmt\\` to reformat code."
        exit 1
    fi

    exit 0
    """
)
PRINTF_BUG = package(
    "server",
    """\
    // Describe reports a limit.
    func Describe(n int) string {
        return fmt.Sprintf("limit %s", n)
    }
    """,
    '    "fmt"',
)
SHADOW_LOCK = package(
    "worker",
    """\
    // Pool guards a count.
    type Pool struct {
        mu sync.Mutex
        n  int
    }

    // Size reads the count.
    func (p Pool) Size() int {
        p.mu.Lock()
        defer p.mu.Unlock()
        return p.n
    }
    """,
    '    "sync"',
)
STATIC_BUG = package(
    "auth",
    """\
    // Check compares tokens.
    func Check(token string) bool {
        token = strings.TrimSpace(token)
        if strings.Index(token, "-") != -1 {
            return true
        }
        s := fmt.Sprint(token)
        s = "x"
        return s == token
    }
    """,
    '    "fmt"\n    "strings"',
)


def make_project(extra: dict[str, str]) -> dict[str, str]:
    return {
        **BASE,
        **quiet_packages(PACKAGES),
        "GNUmakefile": GNUMAKEFILE,
        "scripts/gofmtcheck.sh": GOFMTCHECK,
        "main.go": gofmt('package main\n\nimport "fmt"\n\nfunc main() {\n    fmt.Println("acme")\n}\n'),
        **extra,
    }


def test_cases() -> list[Case]:
    store_label = first_fail("TestTotal", r"store_test\.go:\d+: Total\(\) = 9, want 8")
    return [
        go_case(
            "go3-loggers-noise",
            "test",
            "go test ./...",
            {
                **BASE,
                **quiet_packages(PACKAGES),
                **quiet_packages(["docs", "internal/version"], 0),
                "store/store_test.go": STORE_TEST,
            },
            store_label,
            "go test over nine packages: store's passing and failing tests log [ERROR] lines through the std log package, an hclog-, a logrus- and a JSON-format logger above its --- FAIL line",
        ),
        go_case(
            "go3-loggers-noise-v",
            "test",
            "go test -v -count=1 ./...",
            {
                **BASE,
                **quiet_packages(PACKAGES),
                "api/more_test.go": passing_tests(
                    "api", 25, "request %d failed once, retry succeeded (error ignored)", "TestRequest"
                ),
                "store/store_test.go": STORE_TEST,
            },
            store_label,
            "go test -v: passing tests' t.Logf lines say 'failed'/'error', store's tests log [ERROR] lines in four formats; the first --- FAIL (TestTotal) then a second (TestTotalAgain)",
        ),
        go_case(
            "go3-hclog-parallel-v",
            "test",
            "go test -v -count=1 ./...",
            {
                **BASE,
                **quiet_packages(PACKAGES),
                "server/clamp.go": CLAMP,
                "server/server_test.go": HC_ACC_TEST,
            },
            limits_label,
            "go test -v: acceptance tests skip, parallel subtests (=== PAUSE/=== CONT) log hclog-style [ERROR] lines; one subtest fails and its message sits under its === CONT line, far above the parent's --- FAIL",
        ),
        go_case(
            "go3-hclog-parallel",
            "test",
            "go test -count=1 ./...",
            {
                **BASE,
                **quiet_packages(PACKAGES),
                "server/clamp.go": CLAMP,
                "server/server_test.go": HC_ACC_TEST,
            },
            first_fail(
                "TestLimits(?:/too_big)?",
                r"^    --- FAIL: TestLimits/too_big \(",
                r"server_test\.go:\d+: Clamp\(5000\) = 5000, want 1000",
            ),
            "go test: a parallel subtest fails; hclog-style [ERROR] lines from the package's passing subtests stand above the nested --- FAIL lines",
        ),
        go_case(
            "go3-helper-fatal",
            "test",
            "go test -count=1 ./...",
            {**BASE, **quiet_packages(PACKAGES), "api/api_test.go": HELPER_TEST.replace("HELPER", "t.Helper()")},
            first_fail("TestOrder", r"api_test\.go:\d+: status = 500, want 200"),
            "go test: t.Fatalf in a helper marked t.Helper() (its file:line is the caller's); logrus-style level=error lines above",
        ),
        go_case(
            "go3-helper-fatal-v",
            "test",
            "go test -v -count=1 ./...",
            {**BASE, **quiet_packages(PACKAGES), "api/api_test.go": HELPER_TEST.replace("HELPER", "// no t.Helper()")},
            first_fail("TestOrder", r"api_test\.go:\d+: status = 500, want 200"),
            "go test -v: t.Fatalf in a helper without t.Helper() (its file:line is the helper's); logrus-style level=error lines and a t.Logf 'error page' line",
        ),
        go_case(
            "go3-json-logger-v",
            "test",
            "go test -v -count=1 ./...",
            {**BASE, **quiet_packages(PACKAGES), "worker/worker_test.go": JSON_TEST},
            first_fail("TestErrorCount", r"worker_test\.go:\d+: failed jobs = 2, want 3"),
            "go test -v: a JSON logger's {\"level\":\"error\"} lines and t.Logf 'failed as expected' in a passing test above the failing one; a later test logs 'error: none expected'",
        ),
        go_case(
            "go3-log-fatal-v",
            "test",
            "go test -v -count=1 ./...",
            {**BASE, **quiet_packages(PACKAGES), "config/config_test.go": LOG_FATAL_TEST},
            first_of(r"^\d{4}/\d\d/\d\d \d\d:\d\d:\d\d reading fixture: "),
            "go test -v: log.Fatalf inside a test exits the binary (no --- FAIL line, 'exit status 1', 'FAIL pkg'); an hclog-style [ERROR] line above it, passing packages after",
        ),
        go_case(
            "go3-log-fatal",
            "test",
            "go test -count=1 ./...",
            {**BASE, **quiet_packages(PACKAGES), "config/config_test.go": LOG_FATAL_TEST},
            first_of(r"^\d{4}/\d\d/\d\d \d\d:\d\d:\d\d reading fixture: "),
            "go test: log.Fatalf inside a test; its log line is the last the binary printed before 'exit status 1' and 'FAIL pkg'",
        ),
        go_case(
            "go3-testmain-fatal",
            "test",
            "go test -count=1 ./...",
            {
                **BASE,
                **quiet_packages(PACKAGES),
                "store/main_test.go": TESTMAIN_FATAL,
                "store/store_test.go": STORE_TEST,
            },
            first_of(r'^time="[^"]+" level=fatal msg="cannot start test database"'),
            "go test: TestMain logs a logrus-style level=fatal line and exits 1 before any test runs (an error line above it, no --- FAIL line, then 'FAIL pkg')",
        ),
        go_case(
            "go3-failfast",
            "test",
            "go test -failfast -count=1 ./...",
            {
                **BASE,
                **quiet_packages(PACKAGES),
                "auth/token_test.go": FAILFAST_TEST,
                "store/store_test.go": STORE_TEST,
            },
            first_fail("TestTokenPrefix", r"token_test\.go:\d+: Token\(ada\) = \"ADA-token\", want prefix"),
            "go test -failfast: the first failure stops auth's tests; store fails too, with logger noise, further down",
        ),
        go_case(
            "go3-shuffle",
            "test",
            "go test -count=1 -shuffle=13 ./...",
            {**BASE, **quiet_packages(PACKAGES), "cli/order_test.go": SHUFFLE_TEST},
            first_fail_and_message,
            "go test -shuffle: tests that depend on their order fail in a shuffled order (-test.shuffle line); logrus-style level=error lines from passing tests",
        ),
        go_case(
            "go3-timeout-dump",
            "timeout",
            "go test -count=1 -timeout 3s ./...",
            {**BASE, **quiet_packages(PACKAGES), "worker/pool_test.go": TIMEOUT_TEST},
            first_of(r"^panic: test timed out after 3s"),
            "go test -timeout 3s: a test waits with 600 goroutines; the timeout's panic and a dump of thousands of lines; an hclog-style [ERROR] line above it",
            alt_categories=["test"],
        ),
        go_case(
            "go3-race-noise-v",
            "test",
            "go test -race -v -count=1 ./...",
            {**BASE, **quiet_packages(PACKAGES), "worker/race_test.go": RACE_TEST},
            first_of(
                r"^WARNING: DATA RACE$",
                r"^--- FAIL: TestFanIn \(",
                r"testing\.go:\d+: race detected during execution of test",
            ),
            'go test -race -v: a data race among JSON {"level":"error"} log lines; the race report, race detected, then a passing test logging \'error:\'',
        ),
        go_case(
            "go3-make-test",
            "test",
            "make test",
            make_project({"store/store_test.go": STORE_TEST}),
            store_label,
            "make test: the gofmt check passes, go test fails in store among loggers' [ERROR] lines; make's '*** [GNUmakefile:N: test] Error 1' last",
        ),
        go_case(
            "go3-make-testacc",
            "test",
            "make testacc TEST=./server",
            make_project({"server/clamp.go": CLAMP, "server/server_test.go": HC_ACC_TEST}),
            limits_label,
            "make testacc: acceptance tests run -v with parallel subtests and hclog-style [ERROR] lines; one subtest fails",
        ),
    ]


# --- make targets, build errors, module and generated-code drift, linters ---------------------------------------------

NATIVE = textwrap.dedent(
    """\
    package native

    /*
    #include <stdlib.h>

    static int checksum(const char *s) {
        int total = 0;
        for (; *s; s++) {
            total += *s
        }
        return totl;
    }
    */
    import "C"

    import "unsafe"

    // Checksum sums the bytes of s in C.
    func Checksum(s string) int {
    \tcs := C.CString(s)
    \tdefer C.free(unsafe.Pointer(cs))
    \treturn int(C.checksum(cs))
    }
    """
)
BROKEN_API = package(
    "api",
    """\
    // Handler names a route.
    func Handler(route string) string {
        return strings.TrimPrefix(route, "/") + suffix
    }
    """,
    '    "strings"',
)
BROKEN_WORKER = package(
    "worker",
    """\
    // Jobs counts jobs.
    func Jobs(names []string) int {
        var count string = len(names)
        return count
    }
    """,
)
GENERATOR = gofmt(
    """\
    //go:build ignore

    // Command gen writes the status names' String method.
    package main

    import (
        "fmt"
        "os"
        "strings"
    )

    func main() {
        names := []string{"Pending", "Running", "Done", "Failed"}
        var b strings.Builder
        b.WriteString("// Code generated by gen.go; DO NOT EDIT.\\n\\npackage status\\n\\n")
        b.WriteString("var names = [...]string{\\n")
        for _, n := range names {
            fmt.Fprintf(&b, "\\t%q,\\n", n)
        }
        b.WriteString("}\\n\\n// String names s.\\nfunc (s Status) String() string { return names[s] }\\n")
        if err := os.WriteFile("status_string.go", []byte(b.String()), 0o644); err != nil {
            fmt.Fprintln(os.Stderr, "error:", err)
            os.Exit(1)
        }
    }
    """
)
STALE_GENERATED = '// Code generated by gen.go; DO NOT EDIT.\n\npackage status\n\nvar names = [...]string{\n\t"Pending",\n\t"Running",\n\t"Done",\n}\n\n// String names s.\nfunc (s Status) String() string { return names[s] }\n'
GEN_SCRIPT = textwrap.dedent(
    """\
    echo "==> Checking generated code..."
    go generate ./...
    if [ -n "$(git status --porcelain)" ]; then
      echo "ERROR: generated files are out of date. Run 'go generate ./...' and commit the result:"
      git status --porcelain
      exit 1
    fi"""
)
VET_SCRIPT = textwrap.dedent(
    """\
    set -e
    echo "==> go build"
    go build ./...
    echo "==> go vet"
    go vet ./... 2>&1 | tee vet.log
    test ! -s vet.log || { echo "go vet reported problems"; exit 1; }"""
)


def first_compile_error(lines: list[str]) -> list[int]:
    """go build over packages built in parallel: the first error line under the first `# package` header."""
    index = find(lines, r"^\S+\.go:\d+:\d+: ")
    if index is None:
        raise LookupError("no compile error")
    return [index]


def tool_cases() -> list[Case]:
    return [
        go_case(
            "go3-make-fmtcheck",
            "lint",
            "make build",
            make_project(
                {
                    "api/api.go": 'package api\n\n// Name names the package.\nconst Name =   "api"\n',
                    "worker/retry.go": "package worker\n\nfunc retry(n int) int {\n  return n+1\n}\n",
                }
            ),
            first_of(r"^\./(?:api/api|worker/retry)\.go$"),
            "make build: its fmtcheck prerequisite lists two unformatted files (in find's order) under 'gofmt needs running on the following files:', then make's *** line",
        ),
        go_case(
            "go3-make-vet",
            "lint",
            "make vet",
            make_project({"server/describe.go": PRINTF_BUG}),
            first_of(r"describe\.go:\d+:\d+: .*Sprintf format %s has arg n of wrong type int"),
            "make vet: go vet finds a printf mistake; the Makefile's echo lines ('Vet found suspicious constructs...') and make's *** line below it",
        ),
        go_case(
            "go3-vet-script",
            "lint",
            VET_SCRIPT,
            {**BASE, **quiet_packages(PACKAGES), "worker/pool.go": SHADOW_LOCK},
            first_of(r"pool\.go:\d+:\d+: .*passes lock by value"),
            "a CI script: go build passes, go vet's output is teed to a file and the script exits on it with its own message",
        ),
        go_case(
            "go3-make-lint-staticcheck",
            "lint",
            "make lint",
            make_project({"auth/check.go": STATIC_BUG}),
            first_of(r"^auth/check\.go:\d+:\d+: .*\((?:SA|S|ST)\d+\)$"),
            "make lint: staticcheck's findings in one file (and go vet's clean run of the others), then make's *** line",
            tool="staticcheck",
            version="staticcheck -version",
        ),
        go_case(
            "go3-build-two-packages",
            "build",
            "go build ./...",
            {**BASE, **quiet_packages(PACKAGES, 0), "api/handler.go": BROKEN_API, "worker/jobs.go": BROKEN_WORKER},
            first_compile_error,
            "go build ./...: two packages fail to compile (undefined name; a type mismatch), each under its '# package' header, among seven packages",
        ),
        go_case(
            "go3-cgo-error",
            "build",
            "go build ./... && go test ./...",
            {**BASE, **quiet_packages(PACKAGES), "native/native.go": NATIVE},
            first_of(r"native\.go:\d+:\d+: error: expected ';' before '\}' token"),
            "go build with cgo: gcc's errors in the preamble (a missing ';', then an undeclared name) under '# example.com/acme/native'",
        ),
        go_case(
            "go3-mod-tidy-sum",
            "dependency",
            'go mod tidy\ngit diff --exit-code go.mod go.sum || { echo "go.mod or go.sum is not tidy: run go mod tidy and commit the result"; exit 1; }',
            {
                ".ci-checkout.sh": CHECKOUT,
                **BASE,
                **quiet_packages(PACKAGES),
                "go.sum": "example.com/legacy v1.2.0 h1:9c4dGGvPDsz3ShPsdWyxqOCuj4Hj31kREJ0XUU2p6q0=\nexample.com/legacy v1.2.0/go.mod h1:Bm9I7ZrYmSS3n2C0Mn52a9VcaLIPk8vJ4AM0nq4qhoQ=\n",
            },
            first_of(r"^diff --git a/go\.sum b/go\.sum$"),
            "go mod tidy drops go.sum lines of a module no longer required; git diff --exit-code shows the drift, then the script's own message",
            alt_categories=["lint", "config"],
            env={"BASH_ENV": ".ci-checkout.sh", "GOFLAGS": "-mod=mod"},
        ),
        go_case(
            "go3-generate-status",
            "lint",
            GEN_SCRIPT,
            {
                ".ci-checkout.sh": CHECKOUT,
                **BASE,
                **quiet_packages(PACKAGES),
                "status/status.go": "package status\n\n//go:generate go run gen.go\n\n// Status is a job's state.\ntype Status int\n",
                "status/gen.go": GENERATOR,
                "status/status_string.go": STALE_GENERATED,
            },
            first_of(r"^ERROR: generated files are out of date", r"^ M status/status_string\.go$"),
            "a generated-code drift script: go generate rewrites a stringer-like file; the script's ERROR: line and git status --porcelain's file list",
            alt_categories=["build", "config"],
            env={"BASH_ENV": ".ci-checkout.sh"},
        ),
    ]


# --- round two: acceptance-test error blocks, non-list mode, net/http's panic log, fuzzing, examples, benchmarks ----

# An acceptance framework's step error, imitated with the standard library only: the test fails with one t.Fatal
# whose message spans lines (the testing package indents its continuation lines), holding the tool's own
# `Error: ...` diagnostic; the provider's hclog-style lines stand above it.
ACC_TEST = gofmt(
    """\
    package widget

    import (
        "errors"
        "fmt"
        "testing"

        "example.com/acme/internal/logging"
    )

    type step struct {
        config string
        check  func() error
    }

    func apply(config string) error {
        logging.HC("info", "provider.acme", "applying", "config", config)
        if config == "name_too_long" {
            logging.HC("error", "provider.acme", "response contains error diagnostic", "diagnostic_severity", "ERROR", "diagnostic_summary", "creating Widget (w-123)")
            return errors.New("Error running apply: exit status 1\\n\\nError: creating Widget (w-123): api error ValidationException: name is longer than 64 characters\\n\\n  with acme_widget.test,\\n  on main.tf line 12, in resource \\"acme_widget\\" \\"test\\":\\n  12: resource \\"acme_widget\\" \\"test\\" {")
        }
        logging.HC("warn", "provider.acme", "retrying read after eventual consistency error", "error", "widget not found")
        return nil
    }

    func run(t *testing.T, steps []step) {
        t.Helper()
        for i, s := range steps {
            if err := apply(s.config); err != nil {
                t.Fatal(fmt.Errorf("Step %d/%d error: %w", i+1, len(steps), err))
            }
        }
    }

    func TestAccWidget_basic(t *testing.T) {
        run(t, []step{{config: "basic"}, {config: "basic_update"}})
    }

    func TestAccWidget_longName(t *testing.T) {
        run(t, []step{{config: "name_too_long"}, {config: "basic"}})
    }

    func TestAccWidget_tags(t *testing.T) {
        run(t, []step{{config: "tags"}})
    }
    """
)
ACC_WIDGET = package("widget", '// Name names the package.\nconst Name = "widget"\n')

HTTP_PANIC_TEST = gofmt(
    """\
    package server

    import (
        "io"
        "net/http"
        "net/http/httptest"
        "strings"
        "testing"
    )

    func handler(w http.ResponseWriter, r *http.Request) {
        if r.URL.Path == "/crash" {
            var m map[string]int
            m["boom"]++
        }
        io.WriteString(w, strings.ToUpper(strings.TrimPrefix(r.URL.Path, "/")))
    }

    func TestCrashIsRecovered(t *testing.T) {
        srv := httptest.NewServer(http.HandlerFunc(handler))
        defer srv.Close()
        if _, err := http.Get(srv.URL + "/crash"); err == nil {
            t.Fatal("expected the connection to be closed")
        }
        t.Log("server survived the handler's panic: error expected")
    }

    func TestEcho(t *testing.T) {
        srv := httptest.NewServer(http.HandlerFunc(handler))
        defer srv.Close()
        resp, err := http.Get(srv.URL + "/hello")
        if err != nil {
            t.Fatal(err)
        }
        body, _ := io.ReadAll(resp.Body)
        if string(body) != "hello" {
            t.Errorf("GET /hello body = %q, want %q", body, "hello")
        }
    }
    """
)

FUZZ_PARSE = package(
    "parse",
    """\
    // Field returns the text between the first pair of brackets.
    func Field(s string) string {
        open := strings.IndexByte(s, '[')
        if open < 0 {
            return ""
        }
        end := strings.IndexByte(s, ']')
        return s[open+1 : end]
    }
    """,
    '    "strings"',
)
FUZZ_TEST = gofmt(
    """\
    package parse

    import "testing"

    func TestField(t *testing.T) {
        if got := Field("a[b]c"); got != "b" {
            t.Errorf("Field = %q", got)
        }
    }

    func FuzzField(f *testing.F) {
        f.Add("name[value]")
        f.Add("plain")
        f.Fuzz(func(t *testing.T, s string) {
            _ = Field(s)
        })
    }
    """
)

EXAMPLE_TEST = gofmt(
    """\
    package cli

    import (
        "fmt"
        "strings"
        "testing"

        "example.com/acme/internal/logging"
    )

    func Banner(name string) string {
        return strings.ToUpper(name) + "!"
    }

    func TestBanner(t *testing.T) {
        logging.Logrus("error", "banner cache miss", "error", "cache disabled")
        if Banner("go") != "GO!" {
            t.Error("bad banner")
        }
    }

    func ExampleBanner() {
        fmt.Println(Banner("acme"))
        // Output: ACME
    }

    func ExampleBanner_empty() {
        fmt.Println(Banner(""))
        // Output: !
    }
    """
)

BENCH_TEST = gofmt(
    """\
    package auth

    import (
        "strconv"
        "testing"
    )

    func BenchmarkItoa(b *testing.B) {
        for i := 0; i < b.N; i++ {
            _ = strconv.Itoa(i)
        }
    }

    func BenchmarkParse(b *testing.B) {
        for i := 0; i < b.N; i++ {
            if _, err := strconv.Atoi("12a"); err != nil {
                b.Fatalf("parse failed: %v", err)
            }
        }
    }

    func BenchmarkQuote(b *testing.B) {
        for i := 0; i < b.N; i++ {
            _ = strconv.Quote("error")
        }
    }
    """
)


def round_two_cases() -> list[Case]:
    return [
        go_case(
            "go3-2-acc-error-block",
            "test",
            "go test -v -count=1 -parallel=4 ./...",
            {**BASE, **quiet_packages(PACKAGES), "widget/widget.go": ACC_WIDGET, "widget/widget_test.go": ACC_TEST},
            first_of(
                r"^--- FAIL: TestAccWidget_longName \(",
                r"widget_test\.go:\d+: Step 1/2 error: Error running apply: exit status 1$",
                r"^\s+Error: creating Widget \(w-123\): api error ValidationException",
            ),
            "go test -v: an acceptance-style test fails with a multi-line step error holding the tool's own 'Error: creating Widget' diagnostic; hclog-style [ERROR]/[WARN] lines from the provider above it",
        ),
        go_case(
            "go3-2-nonlist-log-fatal",
            "test",
            "cd config && go test -v -count=1",
            {**BASE, **quiet_packages(PACKAGES), "config/config_test.go": LOG_FATAL_TEST},
            first_of(r"^\d{4}/\d\d/\d\d \d\d:\d\d:\d\d reading fixture: "),
            "go test -v in the package's directory (not list mode): log.Fatalf exits the binary; 'exit status 1' then 'FAIL pkg' under its log line",
        ),
        go_case(
            "go3-2-http-panic-noise",
            "test",
            "go test -count=1 ./...",
            {**BASE, **quiet_packages(PACKAGES), "server/http_test.go": HTTP_PANIC_TEST},
            first_fail("TestEcho", r"http_test\.go:\d+: GET /hello body = \"HELLO\", want \"hello\""),
            "go test: net/http logs a recovered handler panic ('http: panic serving ...: assignment to entry in nil map' and its goroutine trace) in a passing test; the next test fails",
        ),
        go_case(
            "go3-2-fuzz-crash",
            "test",
            "go test -run='^$' -fuzz=FuzzField -fuzztime=60s ./parse",
            {**BASE, "parse/parse.go": FUZZ_PARSE, "parse/parse_test.go": FUZZ_TEST},
            first_of(
                r"^--- FAIL: FuzzField \(",
                r"^\s+--- FAIL: FuzzField \(",
                r"^\s+testing\.go:\d+: panic: runtime error: slice bounds out of range",
            ),
            "go test -fuzz: the fuzzer's progress lines, then a crasher: nested --- FAIL lines, the panic inside the worker, 'Failing input written to testdata/fuzz/...'",
        ),
        go_case(
            "go3-2-example-output",
            "test",
            "go test -count=1 -cover ./...",
            {**BASE, **quiet_packages(PACKAGES), "cli/cli_test.go": EXAMPLE_TEST},
            first_of(r"^--- FAIL: ExampleBanner \(", r"^got:$"),
            "go test -cover: an Example's output differs (got:/want: blocks), a logrus-style level=error line from a passing test, coverage figures on every ok line",
        ),
        go_case(
            "go3-2-bench-fatal",
            "test",
            "go test -run='^$' -bench=. -benchtime=200x ./...",
            {**BASE, **quiet_packages(PACKAGES), "auth/bench_test.go": BENCH_TEST},
            first_of(
                r"^--- FAIL: BenchmarkParse",
                r"bench_test\.go:\d+: parse failed: strconv\.Atoi: parsing \"12a\": invalid syntax",
            ),
            "go test -bench: benchmark result lines (goos/goarch/cpu, ns/op), then b.Fatalf in one benchmark; later benchmarks and packages run on",
        ),
    ]


# --- round three: a failing test far above its package's FAIL line -------------------------------------------------

# Acceptance tests run with a debug log level print megabytes: the failing test's --- FAIL line is followed by the
# package's other tests and their debug lines (over 4 MB here) before go test's `FAIL <pkg>` line.
DEBUG_TEST = gofmt(
    """\
    package widget

    import (
        "fmt"
        "os"
        "strings"
        "testing"

        "example.com/acme/internal/logging"
    )

    func TestAccWidget_rename(t *testing.T) {
        logging.HC("debug", "provider.acme", "sending request", "method", "PATCH", "path", "/v1/widgets/w-1")
        got := strings.ToLower("Widget-Renamed")
        if got != "widget-renamed-2" {
            t.Fatalf("name after rename = %q, want %q", got, "widget-renamed-2")
        }
    }

    func TestAccWidget_bulk(t *testing.T) {
        if os.Getenv("ACME_LOG") != "debug" {
            t.Skip("set ACME_LOG=debug")
        }
        for batch := 0; batch < 20; batch++ {
            t.Run(fmt.Sprint("batch_", batch), func(t *testing.T) {
                for i := 0; i < 1400; i++ {
                    logging.HC("debug", "provider.acme", "HTTP response", "status", "200", "request_id", fmt.Sprintf("req-%d-%05d", batch, i), "body", strings.Repeat("x", 80))
                }
                logging.HC("error", "provider.acme", "transient error, retried", "error", "connection reset by peer")
            })
        }
    }
    """
)


def round_three_cases() -> list[Case]:
    return [
        go_case(
            "go3-3-debug-flood",
            "test",
            "ACME_LOG=debug go test -v -count=1 -timeout 30m ./...",
            {**BASE, **quiet_packages(PACKAGES), "widget/widget.go": ACC_WIDGET, "widget/widget_test.go": DEBUG_TEST},
            first_fail("TestAccWidget_rename", r"widget_test\.go:\d+: name after rename = \"widget-renamed\""),
            "go test -v with debug logging: the first test fails, then its package's next test prints over 4 MB of hclog-style DEBUG lines (and [ERROR] lines) before 'FAIL pkg'",
        ),
    ]


# --- round four: network-error words in passing tests' log lines ----------------------------------------------------

# Tests of timeout handling log (through hclog- and logrus-style loggers, and t.Log) the errors they provoke on
# purpose: `context deadline exceeded`, `i/o timeout`, `connection reset by peer`. The package's real failure is a
# panic, a data race or a log.Fatalf further down.
CLIENT_TEST = gofmt(
    """\
    package client

    import (
        "context"
        "errors"
        "net"
        "testing"
        "time"

        "example.com/acme/internal/logging"
    )

    type Client struct {
        opts *Options
    }

    type Options struct {
        Retries int
    }

    func call(ctx context.Context) error {
        <-ctx.Done()
        return ctx.Err()
    }

    func TestCallTimesOut(t *testing.T) {
        ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
        defer cancel()
        err := call(ctx)
        logging.HC("error", "client", "request failed", "error", err.Error())
        if !errors.Is(err, context.DeadlineExceeded) {
            t.Fatalf("err = %v", err)
        }
    }

    func TestDialTimeout(t *testing.T) {
        _, err := net.DialTimeout("tcp", "192.0.2.1:81", 20*time.Millisecond)
        if err == nil {
            t.Skip("dial unexpectedly succeeded")
        }
        logging.Logrus("error", "dial failed", "error", "dial tcp 192.0.2.1:81: i/o timeout")
        t.Logf("dial failed as expected: i/o timeout")
    }

    func TestRetries(t *testing.T) {
        c := &Client{}
        if c.opts.Retries != 3 {
            t.Errorf("Retries = %d, want 3", c.opts.Retries)
        }
    }

    func TestLater(t *testing.T) {
        logging.HC("warn", "client", "connection reset by peer, retrying")
    }
    """
)
CLIENT_FATAL_TEST = gofmt(
    """\
    package client

    import (
        "context"
        "log"
        "os"
        "testing"
        "time"

        "example.com/acme/internal/logging"
    )

    func TestCallTimesOut(t *testing.T) {
        ctx, cancel := context.WithTimeout(context.Background(), 5*time.Millisecond)
        defer cancel()
        <-ctx.Done()
        logging.HC("error", "client", "request failed", "error", ctx.Err().Error())
    }

    func TestGolden(t *testing.T) {
        want, err := os.ReadFile("testdata/response.golden")
        if err != nil {
            log.Fatalf("golden file: %v", err)
        }
        t.Log(len(want))
    }
    """
)


def round_four_cases() -> list[Case]:
    client = package("client", '// Name names the package.\nconst Name = "client"\n')
    return [
        go_case(
            "go3-4-panic-after-timeouts",
            "test",
            "go test -count=1 ./...",
            {**BASE, **quiet_packages(PACKAGES), "client/client.go": client, "client/client_test.go": CLIENT_TEST},
            first_of(
                r"^--- FAIL: TestRetries \(",
                r"^panic: runtime error: invalid memory address or nil pointer dereference",
            ),
            "go test: passing tests log 'context deadline exceeded' and 'i/o timeout' on purpose (hclog- and logrus-style lines), then a test panics on a nil pointer",
        ),
        go_case(
            "go3-4-panic-after-timeouts-v",
            "test",
            "go test -v -count=1 ./...",
            {**BASE, **quiet_packages(PACKAGES), "client/client.go": client, "client/client_test.go": CLIENT_TEST},
            first_of(
                r"^--- FAIL: TestRetries \(",
                r"^panic: runtime error: invalid memory address or nil pointer dereference",
            ),
            "go test -v: the same panic, with the passing tests' t.Logf 'i/o timeout' line and === RUN lines",
        ),
        go_case(
            "go3-4-log-fatal-after-timeout",
            "test",
            "go test -count=1 ./...",
            {
                **BASE,
                **quiet_packages(PACKAGES),
                "client/client.go": client,
                "client/client_test.go": CLIENT_FATAL_TEST,
            },
            first_of(r"^\d{4}/\d\d/\d\d \d\d:\d\d:\d\d golden file: "),
            "go test: a passing test logs an hclog-style 'context deadline exceeded' line, then a test's log.Fatalf exits the binary",
        ),
    ]


def go_noise_cases() -> list[Case]:
    return test_cases() + tool_cases() + round_two_cases() + round_three_cases() + round_four_cases()
