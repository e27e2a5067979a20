"""Rules for R, Julia, Clojure, Elm and Lua: in a whole job log the culprit is the first specific failure, not a count.

Each log wraps a tool's multi-line output as it prints it (its format strings, and the public issues the rules
files cite) in a GitHub Actions step, with passing output around it and the tool's summary below the failures.
"""

from __future__ import annotations

from ci_agent.analysis import Category, analyze_log
from tests.job_logs import culprit_text, job_log

# --- R ----------------------------------------------------------------------------------------------------------


def test_r_cmd_check_names_the_first_failed_testthat_expectation() -> None:
    # Given R CMD check's test step with testthat 3e's check reporter: two failures, their counts and the status
    first = (
        "── Failure ('test-create_default_configurations.R:47:3'): "
        "`create_default_configurations()` works with correct inputs ──"
    )
    log = job_log(
        'Rscript -e \'rcmdcheck::rcmdcheck(args = "--no-manual", error_on = "error")\'',
        [
            "* checking for file ‘FIMS/DESCRIPTION’ ... OK",
            "* checking whether package ‘FIMS’ can be installed ... OK",
            "* checking examples ... OK",
            "* checking tests ...",
            "  Running ‘testthat.R’",
            " ERROR",
            "Running the tests in ‘tests/testthat.R’ failed.",
            "Last 13 lines of output:",
            "  [ FAIL 2 | WARN 0 | SKIP 0 | PASS 140 ]",
            "  ",
            "  ══ Failed tests ════════════════════════════════════════════════════════════════",
            f"  {first}",
            "  Snapshot of `save_csv(default_configurations_unnested)` has changed.",
            "  ",
            "  ── Failure ('test-create_default_parameters.R:48:3'): "
            "`create_default_parameters()` works with correct inputs ──",
            "  Snapshot of `save_csv(result_unnested)` has changed.",
            "  ",
            "  [ FAIL 2 | WARN 0 | SKIP 0 | PASS 140 ]",
            "  Error: Test failures",
            "  Execution halted",
            "* checking PDF version of manual ... OK",
            "* DONE",
            "",
            "Status: 1 ERROR",
        ],
    )
    analysis = analyze_log(log)
    # Then the verdict is a test failure and the culprit is the first testthat failure, not a count
    assert analysis.category is Category.TEST
    assert analysis.rule == "testthat-failure"
    assert culprit_text(log) == first


def test_r_dependencies_step_names_pak_unsolvable_plan() -> None:
    # Given r-lib/actions' setup-r-dependencies, pak's error and its reasons (r-lib/actions#399's wording today)
    log = job_log(
        "Rscript {0}",
        [
            "✔ Updated metadata database: 3.21 MB in 6 files.",
            "ℹ Loading metadata database",
            "✔ Loading metadata database ... done",
            "Error: ",
            "! error in pak subprocess",
            "Caused by error: ",
            "! Could not solve package dependencies:",
            "* deps::.: Can't install dependency ggtext",
            "* ggtext: Needs R >= 3.5",
            "* any::sessioninfo: dependency conflict",
            "Execution halted",
        ],
    )
    analysis = analyze_log(log)
    assert analysis.category is Category.DEPENDENCY
    assert analysis.rule == "pak-could-not-solve"
    assert culprit_text(log) == "! Could not solve package dependencies:"


# --- Julia ------------------------------------------------------------------------------------------------------


def test_julia_runtest_names_the_first_failed_test_not_the_testset_count() -> None:
    first = "arithmetic: Test Failed at /home/runner/work/Calc.jl/Calc.jl/test/runtests.jl:15"
    log = job_log(
        "julia --color=yes --project -e 'using Pkg; Pkg.test()'",
        [
            "     Testing Running tests...",
            "Test Summary: | Pass  Total  Time",
            "parsing       |   12     12  0.3s",
            first,
            "  Expression: add(1, 2) == 4",
            "   Evaluated: 3 == 4",
            "",
            "Stacktrace:",
            " [1] macro expansion",
            "   @ /opt/hostedtoolcache/julia/1.10.4/x64/share/julia/stdlib/v1.10/Test/src/Test.jl:672 [inlined]",
            " [2] macro expansion",
            "   @ /home/runner/work/Calc.jl/Calc.jl/test/runtests.jl:15 [inlined]",
            "arithmetic: Error During Test at /home/runner/work/Calc.jl/Calc.jl/test/runtests.jl:16",
            "  Test threw exception",
            "  Expression: divide(1, 0) == Inf",
            "  DivideError: integer division error",
            "Test Summary: | Pass  Fail  Error  Total  Time",
            "arithmetic    |    3     1      1      5  0.9s",
            "ERROR: LoadError: Some tests did not pass: 3 passed, 1 failed, 1 errored, 0 broken.",
            "in expression starting at /home/runner/work/Calc.jl/Calc.jl/test/runtests.jl:13",
            "ERROR: Package Calc errored during testing",
        ],
    )
    analysis = analyze_log(log)
    assert analysis.category is Category.TEST
    assert analysis.rule == "julia-test-failed"
    assert culprit_text(log) == first


def test_julia_resolver_failure_is_a_dependency_problem() -> None:
    # Given Pkg's resolver log (aviatesk/JET.jl#290) in julia-actions/julia-buildpkg
    log = job_log(
        "julia --color=yes --project -e 'using Pkg; Pkg.instantiate()'",
        [
            "    Updating registry at `~/.julia/registries/General.toml`",
            "   Resolving package versions...",
            "ERROR: Unsatisfiable requirements detected for package JuliaInterpreter [aa1ae85d]:",
            " JuliaInterpreter [aa1ae85d] log:",
            " ├─possible versions are: 0.9.0 or uninstalled",
            " ├─restricted to versions 0.8.16-0.8 by JET [c3a54625] — no versions left",
            " │ └─JET [c3a54625] log:",
            " │   ├─possible versions are: 0.5.2 or uninstalled",
            " │   └─JET [c3a54625] is fixed to version 0.5.2",
            " └─JuliaInterpreter [aa1ae85d] is fixed to version 0.9.0",
        ],
    )
    analysis = analyze_log(log)
    assert analysis.category is Category.DEPENDENCY
    assert analysis.rule == "julia-pkg-unsatisfiable"
    assert culprit_text(log) == "ERROR: Unsatisfiable requirements detected for package JuliaInterpreter [aa1ae85d]:"


# --- Clojure ----------------------------------------------------------------------------------------------------


def test_lein_test_names_the_first_fail_not_the_counts() -> None:
    log = job_log(
        "lein test",
        [
            "",
            "lein test my.app.core-test",
            "",
            "lein test :only my.app.core-test/test-addition",
            "",
            "FAIL in (test-addition) (core_test.clj:7)",
            "expected: (= 4 (add 2 1))",
            "  actual: (not (= 4 3))",
            "",
            "lein test :only my.app.core-test/test-parse",
            "",
            "ERROR in (test-parse) (Numbers.java:188)",
            'expected: (= 1 (parse "x"))',
            '  actual: java.lang.NumberFormatException: For input string: "x"',
            "",
            "lein test my.app.util-test",
            "",
            "Ran 5 tests containing 12 assertions.",
            "1 failures, 1 errors.",
            "Tests failed.",
        ],
    )
    analysis = analyze_log(log)
    assert analysis.category is Category.TEST
    assert analysis.rule == "clojure-test-fail"
    assert culprit_text(log) == "FAIL in (test-addition) (core_test.clj:7)"


def test_clj_kondo_error_is_lint_not_a_compiler_error() -> None:
    log = job_log(
        "clj-kondo --lint src test",
        [
            "src/my/app/core.clj:12:3: warning: unused binding x",
            "src/my/app/core.clj:20:1: error: Unresolved symbol: helper",
            "test/my/app/core_test.clj:4:71: warning: Unresolved var: native?",
            "linting took 412ms, errors: 1, warnings: 2",
        ],
    )
    analysis = analyze_log(log)
    assert analysis.category is Category.LINT
    assert analysis.rule == "clj-kondo-error"
    assert culprit_text(log) == "src/my/app/core.clj:20:1: error: Unresolved symbol: helper"


# --- Elm --------------------------------------------------------------------------------------------------------


def test_elm_make_names_the_first_module_problem() -> None:
    # Given elm make's report (guida-lang/compiler#111): the count first, then each problem under its bar
    first = "-- TYPE MISMATCH --------------------------------------------- src/Mark/Edit.elm"
    log = job_log(
        "npx elm make src/Main.elm --output=/dev/null",
        [
            "Compiling ...",
            "Detected problems in 2 modules.",
            first,
            "",
            "This expression is being used in an unexpected way:",
            "",
            "739|                     case editListNested cursor details.children of",
            "                              ^^^^^^^^^^^^^^",
            "-- NAMING ERROR --------------------------------------------------- src/Main.elm",
            "",
            "I cannot find a `Mark.Edit.Error` type:",
        ],
    )
    analysis = analyze_log(log)
    assert analysis.category is Category.BUILD
    assert analysis.rule == "elm-compile-error"
    assert culprit_text(log) == first


def test_elm_test_names_the_first_failing_test() -> None:
    log = job_log(
        "npx elm-test",
        [
            "elm-test 0.19.1-revision12",
            "--------------------------",
            "",
            "Compiling > Starting tests",
            "",
            "Running 3 tests. To reproduce these results, run: elm-test --fuzz 100 --seed 283019472",
            "",
            "↓ Example",
            "↓ Example Test",
            "✗ does math correctly",
            "",
            "    4",
            "    ╷",
            "    │ Expect.equal",
            "    ╵",
            "    5",
            "",
            "↓ Example",
            "✗ reverses a known string",
            "",
            '    "GFEDCBAasdf"',
            "    ╷",
            "    │ Expect.equal",
            "    ╵",
            '    "GFEDCBA"',
            "",
            "TEST RUN FAILED",
            "",
            "Duration: 190 ms",
            "Passed:   1",
            "Failed:   2",
        ],
    )
    analysis = analyze_log(log)
    assert analysis.category is Category.TEST
    assert analysis.rule == "elm-test-failed"
    assert culprit_text(log) == "✗ does math correctly"


# --- Lua --------------------------------------------------------------------------------------------------------


def test_busted_names_the_first_failure_below_its_status_line() -> None:
    # Given busted's output: dots, the counts, then each failure (lunarmodules/busted#252's format)
    log = job_log(
        "busted --verbose",
        [
            "●●◼●◼",
            "3 successes / 2 failures / 0 errors / 0 pending : 0.012 seconds",
            "",
            "Failure → spec/math_spec.lua @ 4",
            "math adds numbers",
            "spec/math_spec.lua:5: Expected objects to be the same.",
            "Passed in:",
            "(number) 3",
            "Expected:",
            "(number) 4",
            "",
            "Failure → spec/math_spec.lua @ 9",
            "math divides numbers",
            "spec/math_spec.lua:10: assertion failed!",
        ],
    )
    analysis = analyze_log(log)
    assert analysis.category is Category.TEST
    assert analysis.rule == "busted-failure"
    assert culprit_text(log) == "Failure → spec/math_spec.lua @ 4"


def test_luacheck_names_the_first_finding_not_the_total() -> None:
    log = job_log(
        "luacheck src spec",
        [
            "Checking src/parser.lua                           OK",
            "Checking src/util.lua                             2 warnings",
            "",
            "    src/util.lua:3:7: unused variable x",
            "    src/util.lua:9:1: setting non-standard global variable helper",
            "",
            "Checking spec/util_spec.lua                       OK",
            "",
            "Total: 2 warnings / 0 errors in 3 files",
        ],
    )
    analysis = analyze_log(log)
    assert analysis.category is Category.LINT
    assert analysis.rule == "luacheck-finding"
    assert culprit_text(log) == "src/util.lua:3:7: unused variable x"


def test_a_missing_lua_module_is_a_dependency_problem() -> None:
    # Given the interpreter's report of a failed require (sqm-autorate/sqm-autorate#47)
    log = job_log(
        "lua tests/run.lua",
        [
            "lua: tests/run.lua:2: module 'vstruct' not found:",
            "\tno field package.preload['vstruct']",
            "\tno file './vstruct.lua'",
            "\tno file '/usr/share/lua/5.1/vstruct.lua'",
            "stack traceback:",
            "\t[C]: in function 'require'",
            "\ttests/run.lua:2: in main chunk",
            "\t[C]: ?",
        ],
    )
    analysis = analyze_log(log)
    assert analysis.category is Category.DEPENDENCY
    assert analysis.rule == "lua-module-not-found"
    assert culprit_text(log) == "lua: tests/run.lua:2: module 'vstruct' not found:"


def test_elm_review_names_its_first_finding_not_the_tally() -> None:
    # Given elm-review's report as node-elm-review's output snapshots show it
    first = "-- ELM-REVIEW ERROR ----------------------------------------- src/Main.elm:11:11"
    log = job_log(
        "npx elm-review",
        [
            first,
            "",
            "(fix) NoUnused.Variables: Imported variable `span` is not used",
            "",
            "11| import Html exposing (Html, button, div, span, text)",
            "              ^^^^",
            "",
            "────────────────────────────────────────────────────────────── src/Main.elm:29:7",
            "",
            "NoUnused.Variables: Top-level variable `unused` is not used",
            "",
            "I found 2 errors in 1 file.",
        ],
    )
    analysis = analyze_log(log)
    assert analysis.category is Category.LINT
    assert analysis.rule == "elm-review-error"
    assert culprit_text(log) == first


def test_plenary_busted_names_the_first_failing_test() -> None:
    # Given a Neovim plugin's tests under plenary.nvim's busted (print's tabs between the fields)
    log = job_log(
        "nvim --headless -c 'PlenaryBustedDirectory tests/ {minimal_init = \"tests/minimal_init.lua\"}'",
        [
            "Starting...Scheduling: tests/myplugin/parser_spec.lua",
            "",
            "========================================",
            "Testing: \t/home/runner/work/myplugin.nvim/myplugin.nvim/tests/myplugin/parser_spec.lua",
            "Success\t||\tparser parses a word",
            "Fail\t||\tparser handles empty input",
            "            ...plugin.nvim/tests/myplugin/parser_spec.lua:12: Expected objects to be the same.",
            "            Passed in:",
            "            (string) ''",
            "            Expected:",
            "            (nil)",
            "Success\t||\tparser handles unicode",
            "",
            "Success: \t2",
            "Failed : \t1",
            "Errors : \t0",
            "========================================",
        ],
    )
    analysis = analyze_log(log)
    assert analysis.category is Category.TEST
    assert analysis.rule == "plenary-busted-fail"
    assert culprit_text(log) == "Fail\t||\tparser handles empty input"
