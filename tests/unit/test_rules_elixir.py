"""Elixir's compiler names the file that failed in a `== Compilation error in file ... ==` header; what broke is the
exception under it (Elixir up to 1.14) or the diagnostic logged above it (1.15 and later). The header is never the
culprit when either is there."""

from __future__ import annotations

from ci_agent.analysis import Category, analyze_log
from tests.job_logs import culprit_text, job_log


def test_the_exception_under_the_header_is_the_culprit() -> None:
    # Given Elixir 1.14's compile error: the header, then the CompileError naming the line and what is undefined
    error = "** (CompileError) lib/report.ex:7: undefined function render/1"
    log = job_log(
        "mix compile --warnings-as-errors",
        [
            "Compiling 4 files (.ex)",
            'warning: variable "opts" is unused (if the variable is not meant to be used, prefix it with an'
            " underscore)",
            "  lib/report/format.ex:12: Report.Format.row/2",
            "",
            "== Compilation error in file lib/report.ex ==",
            error,
            "    (elixir 1.14.0) lib/kernel/parallel_compiler.ex:346: anonymous fn/5 in"
            " Kernel.ParallelCompiler.spawn_workers/7",
        ],
    )
    # Then the exception line is the culprit, a build failure
    assert culprit_text(log) == error
    assert analyze_log(log).category is Category.BUILD


def test_any_exception_under_the_header_is_the_culprit() -> None:
    # Given a header over a runtime exception raised while compiling (a macro failing on a file it reads)
    error = '** (File.Error) could not read file "priv/schema.json": no such file or directory'
    log = job_log(
        "mix compile",
        ["== Compilation error in file lib/schema.ex ==", error, "    (elixir 1.13.4) lib/file.ex:355: File.read!/1"],
    )
    # Then that exception is the culprit
    assert culprit_text(log) == error


def test_since_elixir_1_15_the_logged_diagnostic_above_the_header_is_the_culprit() -> None:
    # Given Elixir 1.15+: a warning and an error logged as diagnostics in their boxes, then the header and a
    # CompileError that only says errors were logged
    log = job_log(
        "mix compile --warnings-as-errors",
        [
            "Compiling 3 files (.ex)",
            '    warning: variable "y" is unused (if the variable is not meant to be used, prefix it with an'
            " underscore)",
            "    │",
            "  4 │     y = 2",
            "    │     ~",
            "    │",
            "    └─ lib/app.ex:4:5: App.foo/0",
            "",
            "    error: undefined function bar/0 (expected App to define such a function or for it to be imported)",
            "    │",
            "  5 │   def baz, do: bar()",
            "    │                ^",
            "    │",
            "    └─ lib/app.ex:5:16: App.baz/0",
            "",
            "",
            "== Compilation error in file lib/app.ex ==",
            "** (CompileError) lib/app.ex: cannot compile module App (errors have been logged)",
        ],
    )
    # Then the diagnostic's error line is the culprit, not the header nor the CompileError
    assert culprit_text(log) == (
        "error: undefined function bar/0 (expected App to define such a function or for it to be imported)"
    )
    assert analyze_log(log).category is Category.BUILD


def test_a_header_with_nothing_around_it_is_still_the_culprit() -> None:
    # Given only the header (the exception lost, a truncated log)
    log = job_log("mix compile", ["Compiling 1 file (.ex)", "== Compilation error in file lib/a.ex =="])
    # Then the header itself is reported
    assert culprit_text(log) == "== Compilation error in file lib/a.ex =="
