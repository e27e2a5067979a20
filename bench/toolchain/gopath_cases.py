# ruff: noqa: E501  (the tiny projects' files are written inline, one string each)
"""Toolchain development set: Go as Travis-era and GOPATH-era builds printed it, and Go tools beyond ``go test``
(``gop-*``).

GOPATH mode (``GO111MODULE=off``, the project under ``$GOPATH/src/github.com/acme/acme`` as Travis's go jobs laid
it out): ``go get -t -v ./...`` failing on an import path it cannot resolve, ``cannot find package ... in any of:``
with its GOROOT/GOPATH list, ``go install -v`` with several packages failing, cgo (a missing header, an undefined
symbol at link time), ``go test -race``, a panicking test, ``-timeout``, ``TestMain`` exiting non-zero, ``go vet``'s
structtag/lostcancel/unreachable findings, ``diff -u <(echo -n) <(gofmt -d .)``, Ginkgo v1 (``ginkgo -r`` through
make, and a suite under ``go test``), a coverage-threshold script under make, ``build constraints exclude all Go
files``; round two: Codecov's per-package coverage loop, ``GO111MODULE=on`` without go.mod, an import cycle,
``no Go files in``, Ginkgo v1's BeforeSuite failure and a panicking spec. The cases reuse make_logs.py's ``Case``, labellers and wrapping; ``python3 bench/toolchain/gopath_cases.py``
wraps some of the logs again as Travis CI go jobs (``gop-travis-*``). Labels are found from what each case knows
(the first failing test's name, the file holding the first error), never by running the analyzer.

Tools (Debian bookworm): Go 1.19.8 (``golang-go``), Ginkgo 1.16.5 and Gomega (``ginkgo``,
``golang-github-onsi-ginkgo-dev``, ``golang-gomega-dev``: their sources under /usr/share/gocode are the second
GOPATH entry), gcc 12 for cgo. See README.md.
"""

from __future__ import annotations

import json
import os
import sys
import textwrap
from pathlib import Path

from make_logs import Case, Labeller, find, first_of

GOCODE = os.environ.get("TOOLCHAIN_GOCODE_ROOT", "/usr/share/gocode")
# A shared build cache keeps the Ginkgo/Gomega compiles short; its path never shows in the output.
GOCACHE = os.environ.get("TOOLCHAIN_GOP_CACHE", "/tmp/tc/go2p/gocache")
PROJECT = "gopath/src/github.com/acme/acme"
ENV = {
    "GO111MODULE": "off",
    "GOFLAGS": "",
    "GOPROXY": "off",
    "GOCACHE": GOCACHE,
    "ACK_GINKGO_RC": "true",
}
# GOPATH is made from $HOME (the temporary directory, which run() rewrites) in the hidden preparation, which also
# enters the project's directory inside GOPATH, as Travis's go jobs did (`cd $HOME/gopath/src/github.com/acme/acme`).
PREPARE = f'export GOPATH="$HOME/gopath:{GOCODE}"; cd {PROJECT}'
VERSION = "go version"
SETUP = "actions/setup-go@v5"


def gop(name: str, category: str, command: str, files: dict[str, str], label: Labeller, why: str, **kw: object) -> Case:
    tool = str(kw.pop("tool", "go"))
    version = str(kw.pop("version", VERSION))
    env = {**ENV, **kw.pop("env", {})}  # type: ignore[dict-item]
    prepare = str(kw.pop("prepare", PREPARE))
    project = {f"{PROJECT}/{path}": text for path, text in files.items()}
    return Case(
        name,
        tool,
        "go",
        category,
        command,
        project,
        label,
        why,
        version,
        setup=SETUP,
        env=env,
        prepare=prepare,
        **kw,  # type: ignore[arg-type]
    )


def src(text: str) -> str:
    return textwrap.dedent(text).replace("    ", "\t")


CALC = src(
    """\
    package calc

    import "errors"

    // Add returns a + b.
    func Add(a, b int) int {
        return a + b
    }

    // Div divides a by b.
    func Div(a, b int) (int, error) {
        if b == 0 {
            return 0, errors.New("division by zero")
        }
        return a / b, nil
    }
    """
)
CALC_TEST = src(
    """\
    package calc

    import "testing"

    func TestAdd(t *testing.T) {
        t.Log("error path checked below; this log line is not a failure")
        if Add(1, 2) != 3 {
            t.Fatal("bad")
        }
    }

    func TestDivByZero(t *testing.T) {
        if _, err := Div(1, 0); err == nil {
            t.Fatal("want an error")
        }
    }
    """
)
UTIL = "package util\n\n// Twice doubles n.\nfunc Twice(n int) int { return 2 * n }\n"
UTIL_TEST = 'package util\n\nimport "testing"\n\nfunc TestTwice(t *testing.T) {\n\tif Twice(2) != 4 {\n\t\tt.Fatal("bad")\n\t}\n}\n'
LOGGER = src(
    """\
    package store

    import (
        "log"
        "os"
    )

    var logger = log.New(os.Stderr, "store: ", log.LstdFlags)

    // Warn logs at ERROR level the way the service's logger does.
    func Warn(msg string) { logger.Printf("[ERROR] %s", msg) }
    """
)
BASE = {
    "calc/calc.go": CALC,
    "calc/calc_test.go": CALC_TEST,
    "util/util.go": UTIL,
    "util/util_test.go": UTIL_TEST,
}


def after(anchor: str, *below: str) -> Labeller:
    """The first line matching ``anchor`` and the first line matching each of ``below`` after it."""

    def label(lines: list[str]) -> list[int]:
        top = find(lines, anchor)
        if top is None:
            raise LookupError(f"{anchor!r} not in the output")
        found = [top]
        for pattern in below:
            index = find(lines, pattern, top + 1)
            if index is None:
                raise LookupError(f"{pattern!r} not below {anchor!r}")
            found.append(index)
        return sorted(set(found))

    return label


# --- GOPATH mode: go get, cannot find package, several packages -----------------------------------------------------

VANITY = src(
    """\
    package client

    import (
        "net/http"

        "go.acme-internal.example/retry"
    )

    // Get fetches url with retries.
    func Get(url string) (*http.Response, error) {
        var resp *http.Response
        err := retry.Do(3, func() (e error) { resp, e = http.Get(url); return })
        return resp, err
    }
    """
)
ERRORS_IMPORT = src(
    """\
    package store

    import "github.com/pkg/errors"

    // Open opens the store.
    func Open(path string) error {
        if path == "" {
            return errors.New("empty path")
        }
        return nil
    }
    """
)
YAML_IMPORT = src(
    """\
    package config

    import "gopkg.in/yaml.v2"

    // Load parses the configuration.
    func Load(b []byte) (map[string]string, error) {
        m := map[string]string{}
        return m, yaml.Unmarshal(b, &m)
    }
    """
)
TESTIFY_IMPORT = src(
    """\
    package util

    import (
        "testing"

        "github.com/matryer/is"
    )

    func TestTwiceAgain(t *testing.T) {
        is := is.New(t)
        is.Equal(Twice(3), 6)
    }
    """
)
STORE_BROKEN = src(
    """\
    package store

    // Item is a stored item.
    type Item struct {
        Key   string
        Value int
    }

    // Put stores it.
    func Put(items map[string]Item, it Item) {
        items[it.Key] = it.Value
    }

    // Count counts items.
    func Count(items map[string]Item) string {
        return len(items)
    }
    """
)
API_BROKEN = src(
    """\
    package api

    import (
        "fmt"
        "os"
    )

    // Hello says hello.
    func Hello(name string) string {
        return fmt.Sprintf("hello %s", nam)
    }
    """
)


def gopath_cases() -> list[Case]:
    return [
        gop(
            "gop-get-unrecognized",
            "dependency",
            "go get -t -v ./...",
            {**BASE, "client/client.go": VANITY, "store/store.go": ERRORS_IMPORT},
            first_of(r"unrecognized import path \"go\.acme-internal\.example/retry\""),
            "GOPATH mode: go get -t -v ./... cannot resolve a vanity import path (its go-get meta fetch fails offline); the package line says which",
            alt_categories=["infrastructure"],
        ),
        gop(
            "gop-build-cannot-find",
            "dependency",
            "go build -v ./... && go test -v ./...",
            {**BASE, "store/store.go": ERRORS_IMPORT, "config/config.go": YAML_IMPORT},
            first_of(r"cannot find package \""),
            "GOPATH mode without go get: go build stops at the first of two imported packages it cannot find, with its GOROOT/GOPATH list; -v lists no package before it",
        ),
        gop(
            "gop-test-cannot-find",
            "dependency",
            "go test -v ./...",
            {**BASE, "util/more_test.go": TESTIFY_IMPORT},
            first_of(r"cannot find package \"github\.com/matryer/is\""),
            "GOPATH mode: a test file imports matryer/is, which is not in GOPATH (go get -t was not run); calc's tests pass and log around it",
        ),
        gop(
            "gop-install-several",
            "build",
            "go install -v ./...",
            {**BASE, "store/store.go": STORE_BROKEN, "api/api.go": API_BROKEN},
            first_of(r"^(api|store)/\w+\.go:\d+:\d+: "),
            "GOPATH mode: go install -v ./... lists the packages it builds, then two packages fail to compile (# pkg headers); the first package's first error",
        ),
    ]


# --- cgo ------------------------------------------------------------------------------------------------------------

CGO_HEADER = src(
    """\
    package zmq

    /*
    #cgo LDFLAGS: -lzmq
    #include <zmq.h>
    */
    import "C"

    // Version reports the library's version.
    func Version() int {
        var major, minor, patch C.int
        C.zmq_version(&major, &minor, &patch)
        return int(major)
    }
    """
)
CGO_LINK = src(
    """\
    package native

    /*
    int acme_checksum(const char *buf, int n);
    static int twice(int n) { return 2 * n; }
    */
    import "C"

    // Checksum calls the C library.
    func Checksum(b []byte) int {
        return int(C.acme_checksum((*C.char)(C.CBytes(b)), C.int(len(b))))
    }

    // Twice calls C.
    func Twice(n int) int { return int(C.twice(C.int(n))) }
    """
)
CGO_WARN = src(
    """\
    package warn

    /*
    static int unused_helper(int x) { int y; return x; }
    int warned(void) { return 1; }
    */
    import "C"

    // Warned calls C.
    func Warned() int { return int(C.warned()) }
    """
)


def cgo_cases() -> list[Case]:
    return [
        gop(
            "gop-cgo-missing-header",
            "build",
            "go build -v ./...",
            {**BASE, "zmq/zmq.go": CGO_HEADER},
            first_of(r"zmq\.go:\d+:\d+: fatal error: zmq\.h: No such file or directory"),
            "cgo: gcc cannot find the C library's header (libzmq3-dev not installed) under the package's # header; passing packages listed by -v",
            alt_categories=["dependency"],
        ),
        gop(
            "gop-cgo-undefined-reference",
            "build",
            "go vet ./... && go test ./...",
            {
                **BASE,
                "native/native.go": CGO_LINK,
                "native/native_test.go": 'package native\n\nimport "testing"\n\nfunc TestTwice(t *testing.T) {\n\tif Twice(2) != 4 {\n\t\tt.Fatal("bad")\n\t}\n}\n',
                "warn/warn.go": CGO_WARN,
            },
            first_of(r"undefined reference to `acme_checksum'"),
            "cgo: the C function the package declares is in no linked library: ld's undefined reference, then collect2's exit status (a summary); a passing package's gcc warning elsewhere",
            env={"CGO_CFLAGS": "-O2 -Wall"},
        ),
    ]


# --- go test: race, panic, timeout, TestMain -----------------------------------------------------------------------

RACE_CODE = src(
    """\
    package cache

    import "sync"

    // Cache counts hits.
    type Cache struct {
        mu   sync.Mutex
        hits int
    }

    // Hit records a hit without the lock.
    func (c *Cache) Hit() { c.hits++ }

    // Hits returns the count.
    func (c *Cache) Hits() int {
        c.mu.Lock()
        defer c.mu.Unlock()
        return c.hits
    }
    """
)
RACE_TEST = src(
    """\
    package cache

    import (
        "log"
        "sync"
        "testing"
    )

    func TestEmpty(t *testing.T) {
        log.Printf("ERROR cache: miss on key %q (expected in this test)", "k")
        if (&Cache{}).Hits() != 0 {
            t.Fatal("bad")
        }
    }

    func TestConcurrentHits(t *testing.T) {
        c := &Cache{}
        var wg sync.WaitGroup
        for i := 0; i < 4; i++ {
            wg.Add(1)
            go func() { defer wg.Done(); c.Hit() }()
        }
        wg.Wait()
        if c.Hits() == 0 {
            t.Fatal("no hits")
        }
    }

    func TestHitsAfter(t *testing.T) {
        c := &Cache{}
        c.Hit()
        if c.Hits() != 1 {
            t.Fatal("bad")
        }
    }
    """
)
PANIC_CODE = src(
    """\
    package session

    import "fmt"

    // Session is a connection's state.
    type Session struct{ State string }

    // Close closes an open session.
    func (s *Session) Close() {
        if s.State != "open" {
            panic(fmt.Sprintf("session: close in unexpected state %q", s.State))
        }
        s.State = "closed"
    }
    """
)
PANIC_TEST = src(
    """\
    package session

    import (
        "log"
        "testing"
    )

    func TestOpenClose(t *testing.T) {
        log.Println("[ERROR] session: peer reset (simulated)")
        s := &Session{State: "open"}
        s.Close()
    }

    func TestDoubleClose(t *testing.T) {
        s := &Session{State: "open"}
        s.Close()
        s.Close()
    }

    func TestLast(t *testing.T) {}
    """
)
SECOND_FAIL = src(
    """\
    package util

    import "testing"

    func TestTwiceNegative(t *testing.T) {
        if got := Twice(-2); got != 4 {
            t.Errorf("Twice(-2) = %d, want 4", got)
        }
    }
    """
)
TIMEOUT_TEST = src(
    """\
    package poller

    import (
        "testing"
        "time"
    )

    func TestPollFast(t *testing.T) {}

    func TestPollUntilReady(t *testing.T) {
        ready := make(chan struct{})
        t.Log("waiting for the backend to report ready")
        select {
        case <-ready:
        case <-time.After(time.Minute):
            t.Fatal("backend never became ready")
        }
    }
    """
)
TESTMAIN = src(
    """\
    package db

    import (
        "fmt"
        "os"
        "testing"
    )

    func TestMain(m *testing.M) {
        dsn := os.Getenv("ACME_TEST_DSN")
        if dsn == "" {
            fmt.Fprintln(os.Stderr, "db tests: ACME_TEST_DSN is not set; cannot prepare the test database")
            os.Exit(2)
        }
        os.Exit(m.Run())
    }

    func TestQuery(t *testing.T) {}
    """
)


def test_cases() -> list[Case]:
    return [
        gop(
            "gop-race",
            "test",
            "go test -race -v ./...",
            {**BASE, "cache/cache.go": RACE_CODE, "cache/cache_test.go": RACE_TEST},
            first_of(
                r"^WARNING: DATA RACE",
                r"^\s*--- FAIL: TestConcurrentHits \(",
                r"race detected during execution of test",
            ),
            "GOPATH mode: go test -race -v finds a data race (WARNING: DATA RACE, the test's --- FAIL and testing.go's race detected line); a log line saying ERROR in a passing test",
        ),
        gop(
            "gop-panic-recovered",
            "test",
            "go test -v ./...",
            {
                **BASE,
                "session/session.go": PANIC_CODE,
                "session/session_test.go": PANIC_TEST,
                "util/more_test.go": SECOND_FAIL,
            },
            first_of(r"^\s*--- FAIL: TestDoubleClose \(", r"^panic: session: close in unexpected state"),
            "GOPATH mode: a test panics ([recovered], goroutine traces, no later test runs) after a test logging [ERROR]; another package fails afterwards",
        ),
        gop(
            "gop-timeout",
            "test",
            "go test -v -timeout 2s ./...",
            {**BASE, "poller/poller_test.go": TIMEOUT_TEST},
            first_of(r"^panic: test timed out after 2s"),
            "GOPATH mode: go test -timeout 2s hits its deadline while a test waits (the test's own t.Fatal would come after a minute)",
            alt_categories=["timeout"],
        ),
        gop(
            "gop-testmain-exit",
            "test",
            "go test ./...",
            {**BASE, "db/db_test.go": TESTMAIN},
            first_of(r"^db tests: ACME_TEST_DSN is not set"),
            "TestMain prints why it cannot prepare and exits 2 before any test runs: no --- FAIL line, only FAIL <pkg> below it",
            alt_categories=["configuration"],
        ),
    ]


# --- vet, gofmt, build constraints ----------------------------------------------------------------------------------

VET_CODE = src(
    """\
    package handler

    import (
        "context"
        "time"
    )

    // Request is decoded from JSON.
    type Request struct {
        Name string `json:name`
        Age  int    `json:"age"`
    }

    // Fetch waits for ctx.
    func Fetch(parent context.Context) error {
        ctx, _ := context.WithTimeout(parent, time.Second)
        <-ctx.Done()
        return ctx.Err()
    }

    // Done returns true.
    func Done() bool {
        return true
        println("unreachable")
        return false
    }
    """
)
UNFORMATTED = "package calc\n\n// Mul multiplies.\nfunc Mul(a,b int) int {\n  return a*b\n}\n"
UNFORMATTED2 = "package util\n\nfunc  Thrice(n int) int { return 3*n }\n"
WINDOWS_ONLY = src(
    """\
    //go:build windows
    // +build windows

    package winsvc

    // Install registers the service.
    func Install() error { return nil }
    """
)
WINDOWS_ONLY_TEST = src(
    """\
    //go:build windows
    // +build windows

    package winsvc

    import "testing"

    func TestInstall(t *testing.T) {}
    """
)


def lint_cases() -> list[Case]:
    return [
        gop(
            "gop-vet-findings",
            "lint",
            "go build ./... && go vet ./...",
            {**BASE, "handler/handler.go": VET_CODE},
            first_of(r"^handler/handler\.go:\d+:\d+: "),
            "GOPATH mode: go vet's structtag, lostcancel and unreachable findings under # github.com/acme/acme/handler after a passing build; the first finding",
        ),
        gop(
            "gop-gofmt-diff",
            "lint",
            "diff -u <(echo -n) <(gofmt -d .)",
            {**BASE, "calc/mul.go": UNFORMATTED, "util/thrice.go": UNFORMATTED2},
            first_of(r"^\+diff calc/mul\.go\.orig calc/mul\.go"),
            "Travis-era format check: diff -u <(echo -n) <(gofmt -d .) prints gofmt's diff as added lines; the first file's diff header",
        ),
        gop(
            "gop-build-constraints",
            "build",
            "go build -v ./... && go test ./winsvc/",
            {**BASE, "winsvc/winsvc.go": WINDOWS_ONLY, "winsvc/winsvc_test.go": WINDOWS_ONLY_TEST},
            first_of(r"build constraints exclude all Go files in"),
            "a Windows-only package named on a Linux runner: go build ./... skips it, go test ./winsvc/ says build constraints exclude all its Go files",
        ),
    ]


# --- Ginkgo v1, make wrappers, coverage threshold ---------------------------------------------------------------------

SUITE = src(
    """\
    package {pkg}_test

    import (
        "testing"

        . "github.com/onsi/ginkgo"
        . "github.com/onsi/gomega"
    )

    func Test{Pkg}(t *testing.T) {{
        RegisterFailHandler(Fail)
        RunSpecs(t, "{Pkg} Suite")
    }}
    """
)
CALC_SPEC = src(
    """\
    package calc_test

    import (
        "fmt"

        . "github.com/acme/acme/calc"
        . "github.com/onsi/ginkgo"
        . "github.com/onsi/gomega"
    )

    var _ = Describe("Calc", func() {
        Describe("Add", func() {
            It("adds small numbers", func() {
                Expect(Add(1, 2)).To(Equal(3))
            })
            It("adds negative numbers", func() {
                fmt.Fprintln(GinkgoWriter, "ERROR: this line is the spec's own log output")
                Expect(Add(-1, -2)).To(Equal(3))
            })
        })
        Describe("Div", func() {
            It("rejects a zero divisor", func() {
                _, err := Div(1, 0)
                Expect(err).NotTo(HaveOccurred())
            })
            It("divides", func() {
                Expect(Div(4, 2)).To(Equal(2))
            })
        })
    })
    """
)
UTIL_SPEC = src(
    """\
    package util_test

    import (
        . "github.com/acme/acme/util"
        . "github.com/onsi/ginkgo"
        . "github.com/onsi/gomega"
    )

    var _ = Describe("Twice", func() {
        It("doubles", func() { Expect(Twice(2)).To(Equal(4)) })
        It("doubles zero", func() { Expect(Twice(0)).To(BeZero()) })
    })
    """
)
GINKGO_FILES = {
    "calc/calc.go": CALC,
    "calc/calc_suite_test.go": SUITE.format(pkg="calc", Pkg="Calc"),
    "calc/calc_spec_test.go": CALC_SPEC,
    "util/util.go": UTIL,
    "util/util_suite_test.go": SUITE.format(pkg="util", Pkg="Util"),
    "util/util_spec_test.go": UTIL_SPEC,
}
GINKGO_MAKEFILE = "GINKGO ?= ginkgo\n\n.PHONY: build test\n\nbuild:\n\tgo build ./...\n\ntest: build\n\t$(GINKGO) -r --randomizeAllSpecs --randomizeSuites --failOnPending --trace --race --progress -seed=1\n"
COVER_MAKEFILE = "COVER_MIN ?= 80\n\n.PHONY: test cover\n\ntest:\n\tgo test ./...\n\ncover:\n\tgo test -coverprofile=coverage.out ./...\n\t./scripts/check-coverage.sh coverage.out $(COVER_MIN)\n"
CHECK_COVERAGE = src(
    """\
    #!/bin/bash
    # Fails when total statement coverage is below the minimum.
    set -euo pipefail
    total=$(go tool cover -func="$1" | awk '/^total:/ {sub("%", "", $3); print $3}')
    echo "total coverage: ${total}%"
    if awk -v t="$total" -v m="$2" 'BEGIN { exit !(t < m) }'; then
        echo "FAIL: coverage ${total}% is below the required minimum of $2%"
        exit 1
    fi
    """
)
LOW_COVER = src(
    """\
    package calc

    // Sub returns a - b.
    func Sub(a, b int) int { return a - b }

    // Mod returns a % b.
    func Mod(a, b int) int {
        if b == 0 {
            return 0
        }
        return a % b
    }

    // Abs returns |a|.
    func Abs(a int) int {
        if a < 0 {
            return -a
        }
        return a
    }
    """
)


def ginkgo_label() -> Labeller:
    """Ginkgo v1: the first failure block's `• Failure` header, its spec's `[It]` line and its message's first line
    (whichever spec the seeded order runs first)."""
    return after(r"^•+ Failure", r"\[It\]( \S|\s*$)", r"^\s+(Expected|Unexpected error:)")


def ginkgo_cases() -> list[Case]:
    return [
        gop(
            "gop-ginkgo-make",
            "test",
            "make test",
            {**GINKGO_FILES, "Makefile": GINKGO_MAKEFILE},
            ginkgo_label(),
            "Ginkgo v1 through make (ginkgo -r --randomizeAllSpecs --trace --race): two failing specs in one suite, a passing suite; the Summarizing 2 Failures list, Test Suite Failed and make's *** line far below",
            tool="ginkgo",
            version="ginkgo version 2>/dev/null | head -1",
        ),
        gop(
            "gop-ginkgo-go-test",
            "test",
            "go test ./...",
            GINKGO_FILES,
            ginkgo_label(),
            "Ginkgo v1 suites run by go test: the failure blocks, Summarizing 2 Failures, the suite's --- FAIL: TestCalc and FAIL lines below",
            tool="ginkgo",
            version="ginkgo version 2>/dev/null | head -1",
        ),
        gop(
            "gop-ginkgo-nocolor-v",
            "test",
            "ginkgo -r -v -noColor -seed=1",
            GINKGO_FILES,
            ginkgo_label(),
            "Ginkgo v1 verbose and without colour: each spec's name and GinkgoWriter output, the failure block, the summary below",
            tool="ginkgo",
            version="ginkgo version 2>/dev/null | head -1",
        ),
        gop(
            "gop-make-cover",
            "test",
            "make cover",
            {
                **BASE,
                "calc/more.go": LOW_COVER,
                "Makefile": COVER_MAKEFILE,
                "scripts/check-coverage.sh": CHECK_COVERAGE,
            },
            first_of(r"^FAIL: coverage [\d.]+% is below the required minimum"),
            "a coverage-threshold script under make after passing tests (ok lines with coverage: N% of statements); its FAIL line, then make's *** line",
            prepare=PREPARE + " && chmod +x scripts/check-coverage.sh",
        ),
    ]


# --- round two: Travis-era idioms and more Ginkgo v1 and cmd/go shapes ----------------------------------------------

# The per-package coverage loop Codecov's Go example had Travis builds run (its `set -e` stops at the first failing
# package; codecov's bash uploader would follow).
CODECOV_LOOP = """set -e
echo "" > coverage.txt
for d in $(go list ./... | grep -v vendor); do
    go test -race -coverprofile=profile.out -covermode=atomic "$d"
    if [ -f profile.out ]; then
        cat profile.out >> coverage.txt
        rm profile.out
    fi
done"""
CODECOV_FAIL = src(
    """\
    package calc

    import "testing"

    func TestDivRounds(t *testing.T) {
        got, _ := Div(7, 2)
        if got != 4 {
            t.Errorf("Div(7, 2) = %d, want 4 (rounded)", got)
        }
    }

    func TestDivNegative(t *testing.T) {
        got, _ := Div(-7, 2)
        if got != -4 {
            t.Errorf("Div(-7, 2) = %d, want -4", got)
        }
    }
    """
)
CYCLE_A = 'package a\n\nimport "github.com/acme/acme/b"\n\n// A calls B.\nfunc A() int { return b.B() + 1 }\n'
CYCLE_B = 'package b\n\nimport "github.com/acme/acme/a"\n\n// B calls A.\nfunc B() int { return a.A() - 1 }\n'
BEFORE_SUITE = (
    src(
        """\
    package store_test

    import (
        "errors"
        "testing"

        . "github.com/onsi/ginkgo"
        . "github.com/onsi/gomega"
    )

    func TestStore(t *testing.T) {{
        RegisterFailHandler(Fail)
        RunSpecs(t, "Store Suite")
    }}

    var _ = BeforeSuite(func() {{
        err := errors.New("dial tcp 127.0.0.1:5432: connect: connection refused")
        Expect(err).NotTo(HaveOccurred(), "starting the test database")
    }})

    var _ = Describe("Store", func() {{
        It("puts", func() {{ Expect(1).To(Equal(1)) }})
    }})
    """
    )
    .replace("{{", "{")
    .replace("}}", "}")
)
PANIC_SPEC = src(
    """\
    package calc_test

    import (
        . "github.com/acme/acme/calc"
        . "github.com/onsi/ginkgo"
        . "github.com/onsi/gomega"
    )

    var _ = Describe("Calc", func() {
        var table map[string]int
        It("adds", func() { Expect(Add(1, 2)).To(Equal(3)) })
        It("records results", func() {
            table["sum"] = Add(1, 2)
            Expect(table).To(HaveKey("sum"))
        })
        It("adds zero", func() { Expect(Add(0, 0)).To(Equal(1)) })
    })
    """
)


def round_two_cases() -> list[Case]:
    ginkgo_version = "ginkgo version 2>/dev/null | head -1"
    return [
        gop(
            "gop-codecov-loop",
            "test",
            CODECOV_LOOP,
            {**BASE, "calc/round_test.go": CODECOV_FAIL, "util/more_test.go": SECOND_FAIL},
            first_of(r"^--- FAIL: TestDivRounds \(", r"round_test\.go:\d+: Div\(7, 2\) = 3, want 4"),
            "Codecov's per-package loop (go test -race -coverprofile per package under set -e): the first failing package stops it; two failing tests in it, a later package's failure never runs",
        ),
        gop(
            "gop-gomod-not-found",
            "config",
            "go test -v ./...",
            BASE,
            first_of(r"^pattern \./\.\.\.: directory prefix \. does not contain main module"),
            "A GOPATH-layout project built with GO111MODULE=on (Go 1.16+'s default): no go.mod, so go test ./... finds no main module for its pattern",
            env={"GO111MODULE": "on"},
        ),
        gop(
            "gop-import-cycle",
            "build",
            "go vet ./... && go test ./...",
            {**BASE, "a/a.go": CYCLE_A, "b/b.go": CYCLE_B},
            first_of(r"import cycle not allowed"),
            "two packages importing each other: cmd/go's import chain, the cycle's line",
        ),
        gop(
            "gop-no-go-files",
            "build",
            "go build -v ./... && go build -o bin/server ./cmd/server",
            {**BASE, "cmd/server/README.md": "The server moved to cmd/acmed.\n"},
            first_of(r"no Go files in "),
            "a build script naming a directory that holds no Go files (the package moved): go build's no Go files line after a passing ./... build",
        ),
        gop(
            "gop-ginkgo-beforesuite",
            "test",
            "ginkgo -r --randomizeAllSpecs -seed=1 -noColor",
            {
                "store/store_suite_test.go": BEFORE_SUITE,
                **{k: v for k, v in GINKGO_FILES.items() if k.startswith("util/")},
            },
            after(r"^Failure \[\d", r"BeforeSuite", r"starting the test database"),
            "Ginkgo v1 -r: a BeforeSuite that cannot reach its database (its message says connection refused) fails the store suite; its Failure block, the summary and Test Suite Failed below",
            tool="ginkgo",
            version=ginkgo_version,
        ),
        gop(
            "gop-ginkgo-panic",
            "test",
            "go test ./...",
            {**GINKGO_FILES, "calc/calc_spec_test.go": PANIC_SPEC},
            after(r"^•! Panic \[", r"\[It\]( \S|\s*$)", r"^\s+Test Panicked"),
            "Ginkgo v1 under go test: a spec panics on a nil map (•! Panic block with the panic's value and stack), then another spec fails",
            tool="ginkgo",
            version=ginkgo_version,
        ),
    ]


def gopath_all_cases() -> list[Case]:
    return gopath_cases() + cgo_cases() + test_cases() + lint_cases() + ginkgo_cases() + round_two_cases()


# --- the same failures as Travis CI's go jobs printed them ---------------------------------------------------------

# Which logs, and the phase their command ran in (travis-build's go job: `go get -t -v ./...` is the default install,
# `go test -v ./...` the default script; a failed install stops the build).
TRAVIS = {
    "gop-get-unrecognized": "install",
    "gop-build-cannot-find": "script",
    "gop-install-several": "script",
    "gop-cgo-missing-header": "script",
    "gop-race": "script",
    "gop-panic-recovered": "script",
    "gop-timeout": "script",
    "gop-ginkgo-make": "script",
    "gop-gofmt-diff": "script",
    "gop-vet-findings": "script",
    "gop-codecov-loop": "script",
    "gop-gomod-not-found": "script",
}
TRAVIS_GOROOT = "/home/travis/.gimme/versions/go1.19.8.linux.amd64"


def travis_go(command: str, body: list[str], code: int, stage: str) -> tuple[list[str], int]:
    """travis-build's go job (lib/travis/build/script/go.rb): gimme's Go, `export GOPATH=$HOME/gopath`, the checkout
    copied into GOPATH and entered, `gimme version`, `go version`, `go env` folded, the install phase's `go get -t -v
    ./...`, the script's command and ``The command "<cmd>" exited with N.``; a failed install prints ``... failed
    and exited with N during install.`` and ``Your build has been stopped.``."""
    from ci_wrap_cases import ESC, fold, timer, unfold

    gopath = "/home/travis/gopath/src/github.com/acme/acme"
    lines = [
        f"{fold('worker_info')}{ESC}[33;1mWorker information{ESC}[0m",
        "hostname: 4c1d7e2a-9b3f-4e65-8a1d-2f7c9e0b5a13@1.worker-com-5d8f7c9b6-j2k4p.gce-production-3",
        "version: v6.2.22 https://github.com/travis-ci/worker/tree/a1b2c3d4e5f60718293a4b5c6d7e8f9012345678",
        "instance: travis-job-7f3e1c5a-2d4b-4a6e-9c8f-1b3d5e7f9a2c travis-ci-ubuntu-2004-1662551303-8b0a3e1f (via amqp)",
        "startup: 5.928173645s",
        unfold("worker_info"),
        f"{fold('system_info')}{ESC}[33;1mBuild system information{ESC}[0m",
        "Build language: go",
        "Build dist: focal",
        "Build id: 1012345678",
        "Job id: 1012345679",
        "Runtime kernel version: 5.4.0-1078-gcp",
        "travis-build version: 0bd3a3b8",
        unfold("system_info"),
        "",
        f"{ESC}[33;1mNetwork availability confirmed.{ESC}[0m",
        "",
    ]
    start, end = timer(21, "checkout")
    lines += [
        f"{fold('git.checkout')}{start}$ git clone --depth=50 --branch=master https://github.com/acme/acme.git acme/acme",
        "Cloning into 'acme/acme'...",
        f"{end}$ cd acme/acme",
        "$ git checkout -qf 5e7a9c1b3d5f7a9c1e3b5d7f9a1c3e5b7d9f1a3c",
        unfold("git.checkout"),
        "",
    ]
    start, end = timer(22)
    lines += [
        f"{start}{ESC}[33;1mSetting environment variables from .travis.yml{ESC}[0m",
        "$ export GO111MODULE=off",
        "",
        f"{end}$ export GOPATH=/home/travis/gopath",
        "$ export PATH=/home/travis/gopath/bin:$PATH",
        "$ mkdir -p /home/travis/gopath/src/github.com/acme",
        "$ tar -Pczf ${TRAVIS_TMPDIR}/src_archive.tar.gz -C ${TRAVIS_BUILD_DIR} . && tar -Pxzf ${TRAVIS_TMPDIR}/src_archive.tar.gz -C ${TRAVIS_HOME}/gopath/src/github.com/acme/acme",
        f"$ export TRAVIS_BUILD_DIR={gopath}",
        f"$ cd {gopath}",
        f"{fold('gimme')}{ESC}[33;1mInstalling Go 1.19.x{ESC}[0m",
        "$ travis_setup_go",
        "go version go1.19.8 linux/amd64",
        unfold("gimme"),
        "$ gimme version",
        "v1.5.4",
        "$ go version",
        "go version go1.19.8 linux/amd64",
        f"{fold('go.env')}$ go env",
        'GO111MODULE="off"',
        'GOARCH="amd64"',
        'GOPATH="/home/travis/gopath"',
        f'GOROOT="{TRAVIS_GOROOT}"',
        'GOVERSION="go1.19.8"',
        unfold("go.env"),
    ]
    start, end = timer(23)
    if stage == "install":
        lines += [f"{fold('install')}{start}$ {command}"]
        first = len(lines)
        lines += body
        lines += [
            end,
            "",
            f'{ESC}[31;1mThe command "{command}" failed and exited with {code} during install.{ESC}[0m',
            "",
            "Your build has been stopped.",
        ]
        return lines, first
    lines += [f"{fold('install')}{start}$ go get -t -v ./...", f"{end}{unfold('install')}"]
    start, end = timer(24)
    # A multi-line script item is echoed as written, one log line per line.
    head, *rest = command.split("\n")
    lines += [f"{start}$ {head}", *rest]
    first = len(lines)
    lines += body
    lines += [end, "", f'{ESC}[31;1mThe command "{command}" exited with {code}.{ESC}[0m']
    lines += [
        "",
        f"{fold('after_failure.1')}{ESC}[33;1m$ cat /tmp/acme-server.log{ESC}[0m",
        "2022/09/14 10:00:03 [INFO] server: listening on 127.0.0.1:8080",
        "2022/09/14 10:00:04 [ERROR] server: upstream returned 503 (retrying)",
        "2022/09/14 10:00:05 [INFO] server: shutting down",
        unfold("after_failure.1"),
        "",
        f"{fold('cache.2')}store build cache",
        "nothing changed",
        unfold("cache.2"),
        "",
        "Done. Your build exited with 1.",
    ]
    return lines, first


def travis_rewrap(out: Path) -> None:
    """Wrap the chosen ``gop-`` GitHub Actions logs again as Travis CI go jobs, shifting their culprit lines."""

    from ci_wrap_cases import load_source, write_travis_copy

    labels_path = out / "labels.json"
    labels = json.loads(labels_path.read_text())
    for name, stage in TRAVIS.items():
        key = f"{name}.log"
        source = load_source(out, key, labels[key])
        # Travis's layout: the project and GOPATH under /home/travis/gopath, Go from gimme.
        body = [
            line.replace("/home/runner/work/acme/acme/gopath", "/home/travis/gopath")
            .replace(GOCODE, "/home/travis/gopath")
            .replace("/usr/lib/go-1.19", TRAVIS_GOROOT)
            for line in source.body
        ]
        # Debian's GOPATH entry became Travis's single GOPATH: a `cannot find package` list names it once.
        kept = [
            i
            for i, line in enumerate(body)
            if not (
                i and line.startswith("\t/home/travis/gopath/") and body[i - 1].removesuffix(" (from $GOPATH)") == line
            )
        ]
        body = [body[i] for i in kept]
        lines, first = travis_go(source.command, body, source.code, stage)
        culprits = [first + kept.index(index) + 1 for index in source.culprits]
        new = f"gop-travis-{name.removeprefix('gop-')}.log"
        write_travis_copy(
            out,
            labels,
            key,
            new,
            lines,
            culprits,
            path=f"gopath_cases.py:{new.removesuffix('.log')}",
            why=f"{labels[key]['why']} (as a Travis CI go job printed it, in its {stage} phase)",
        )
    labels_path.write_text(json.dumps(dict(sorted(labels.items())), indent=1) + "\n")


if __name__ == "__main__":
    travis_rewrap(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent / "logs")
