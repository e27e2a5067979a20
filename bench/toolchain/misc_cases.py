# ruff: noqa: E501  (the tiny projects' files are written inline, one string each)
"""Toolchain development set: Elm, Ada, Pascal, OCaml, Lua, D, Nim and Tcl beyond debian_cases.py's basic shapes
(``ml-``).

Compile errors with their multi-line context (Elm's boxes, gnat's and fpc's diagnostics with their closing lines,
OCaml's ``File "...", line N`` headers), test failures with expected/actual (OUnit, AUnit, fpcunit, busted's gtest
output, nimble test, tcltest over several files), runtime exceptions with their backtraces (D, Ada, OCaml, Nim,
Free Pascal, Lua), dune's expect-style diffs (cram tests and ``(diff ...)`` rules), and ``make`` wrappers. Tools
from Debian bookworm's archive (README.md, "Elm, Ada, Pascal, OCaml, Lua, D, Nim and Tcl beyond the basics"). Labels
follow bench/validation/README.md's conventions, found from what each case knows, never by running the analyzer.

``python3 bench/toolchain/misc_cases.py --travis`` re-wraps some of these logs as Travis CI job logs
(``ml-travis-``) with ci_wrap_cases.py's Travis wrapper, after ``make_logs.py --only ml-`` made them.
"""

from __future__ import annotations

import dataclasses
import os
import textwrap
from pathlib import Path

from make_logs import Case, Labeller, find, first_of

OCAML_VERSION = "echo ocaml $(ocamlfind ocamlopt -version) dune $(dune --version)"
OCAML = "ocaml/setup-ocaml@v3"
LUA = "leafo/gh-actions-lua@v10"
DLANG = "dlang-community/setup-dlang@v1"
NIM = "jiro4989/setup-nim-action@v2"
CHECKOUT = "actions/checkout@v4"


def first_then(anchor: str, *below: str) -> Labeller:
    """The first line matching ``anchor`` and, below it, the first line matching each of ``below`` (each must be
    found): a compiler's first diagnostic header and its message line, whichever file it names."""

    def label(lines: list[str]) -> list[int]:
        top = find(lines, anchor)
        if top is None:
            raise LookupError(f"anchor {anchor!r} not in the output")
        found = [top]
        for pattern in below:
            index = find(lines, pattern, top + 1)
            if index is None:
                raise LookupError(f"{pattern!r} not below line {top}")
            found.append(index)
        return sorted(set(found))

    return label


# --- OCaml: ocamlfind through make, dune with several errors, cram and diff tests, OUnit, a backtrace -------------

OCAML_MAKEFILE = textwrap.dedent(
    """\
    OCAMLC = ocamlfind ocamlc -w +a-4-40-41-42-44-45-70 -g

    all: app

    app: util.cmo main.cmo
    \t$(OCAMLC) -o $@ $^

    %.cmo: %.ml
    \t$(OCAMLC) -c $<
    """
)


def ocaml_cases() -> list[Case]:
    project = {"dune-project": "(lang dune 2.9)\n"}
    return [
        Case(
            "ml-ocaml-make",
            "ocaml",
            "ocaml",
            "build",
            "make",
            {
                "Makefile": OCAML_MAKEFILE,
                "util.ml": 'let twice x = 2 * x\nlet unused_helper y = y + 1\nlet log_error msg = prerr_endline ("error: " ^ msg)\n',
                "main.ml": 'let () = print_endline "starting"\n\nlet total = Util.twice "3" + 1\n\nlet () = Printf.printf "%d\\n" (Util.thrice 2)\n',
            },
            first_then(r'^File "main\.ml", line 3, characters', r"^Error: "),
            "ocamlfind ocamlc through make: warnings in util.ml, then a type error in main.ml; make's Error 2 last",
            "ocamlfind ocamlc -version",
            setup=OCAML,
        ),
        Case(
            "ml-dune-two-errors",
            "dune",
            "ocaml",
            "build",
            "dune build -j 1 2>&1",
            {
                **project,
                "parse/dune": "(library (name parse))\n",
                "parse/parse.ml": "let number s = int_of_string s\nlet words s = String.split_on_char ' ' s\nlet first s = List.hd (wrods s)\n",
                "report/dune": "(library (name report))\n",
                "report/report.ml": 'let header = "report"\nlet line n = header ^ string_of_int n ^ 1\n',
            },
            first_then(r'^File "(?:parse/parse|report/report)\.ml", line \d+', r"^Error: "),
            "dune build: two libraries, one error each (an unbound name with its hint, a type error); the first printed is the culprit",
            OCAML_VERSION,
            setup=OCAML,
        ),
        Case(
            "ml-dune-cram",
            "dune",
            "ocaml",
            "test",
            "dune build 2>&1 && dune test 2>&1",
            {
                "dune-project": "(lang dune 2.9)\n(cram enable)\n",
                "bin/dune": "(executable (name calc) (public_name calc))\n",
                "bin/calc.ml": 'let () =\n  let a = int_of_string Sys.argv.(1) and b = int_of_string Sys.argv.(2) in\n  Printf.printf "%d\\n" (a + b + if a = 2 then 1 else 0)\n',
                "tests/dune": "(cram (deps %{bin:calc}))\n",
                "tests/calc.t": "Adding two numbers:\n\n  $ calc 1 2\n  3\n\n  $ calc 2 2\n  4\n\n  $ calc 3 3\n  6\n",
                "calc.opam": "",
            },
            first_of(r'^File "tests/calc\.t", line \d+'),
            "dune test: a cram test's output differs from the recorded one (a diff of the .t file)",
            OCAML_VERSION,
            setup=OCAML,
        ),
        Case(
            "ml-dune-diff-rule",
            "dune",
            "ocaml",
            "test",
            "dune test 2>&1",
            {
                **project,
                "src/dune": "(library (name calc))\n",
                "src/calc.ml": "let add a b = a + b\nlet mul a b = a * b + 1\n",
                "test/dune": "(executable (name gen) (libraries calc))\n(rule (with-stdout-to gen.output (run ./gen.exe)))\n(rule (alias runtest) (action (diff gen.expected gen.output)))\n",
                "test/gen.ml": 'let () =\n  print_endline "add 1 2 = 3";\n  Printf.printf "mul 2 3 = %d\\n" (Calc.mul 2 3);\n  Printf.printf "mul 4 5 = %d\\n" (Calc.mul 4 5)\n',
                "test/gen.expected": "add 1 2 = 3\nmul 2 3 = 6\nmul 4 5 = 20\n",
            },
            first_of(r'^File "test/gen\.expected", line \d+'),
            "dune test: an expect-style (diff expected output) rule fails, printing the diff",
            OCAML_VERSION,
            setup=OCAML,
        ),
        Case(
            "ml-ocaml-backtrace",
            "dune",
            "ocaml",
            "test",
            "dune test 2>&1",
            {
                **project,
                "src/dune": "(library (name conf))\n",
                "src/conf.ml": "let parse line =\n  match String.split_on_char '=' line with\n  | [ k; v ] -> (k, int_of_string v)\n  | _ -> failwith (\"bad line: \" ^ line)\n\nlet load lines = List.map parse lines\n",
                "test/dune": "(test (name test_conf) (libraries conf))\n",
                "test/test_conf.ml": 'let () = Printexc.record_backtrace true\nlet () = print_endline "test parse: ok"\nlet () = assert (Conf.parse "a=1" = ("a", 1))\nlet () = print_endline "test load"\nlet () = ignore (Conf.load [ "a=1"; "b=two"; "c" ])\nlet () = print_endline "test load: ok"\n',
            },
            first_of(r"^Fatal error: exception Failure\(\"int_of_string\"\)"),
            "dune test: an uncaught exception with its backtrace (Raised at / Called from)",
            OCAML_VERSION,
            setup=OCAML,
        ),
    ]


def ounit_cases() -> list[Case]:
    return [
        Case(
            "ml-ounit",
            "ounit",
            "ocaml",
            "test",
            "dune test 2>&1",
            {
                "dune-project": "(lang dune 2.9)\n",
                "test/dune": "(test (name test_calc) (libraries ounit2))\n",
                "test/test_calc.ml": textwrap.dedent(
                    """\
                    open OUnit2

                    let add a b = a + b

                    let suite =
                      "calc"
                      >::: [
                             ("adds" >:: fun _ -> assert_equal 3 (add 1 2));
                             ("adds wrong" >:: fun _ -> assert_equal ~printer:string_of_int 5 (add 2 2));
                             ("logs" >:: fun _ -> prerr_endline "ERROR: simulated log line"; assert_equal 2 (add 1 1));
                             ("adds again" >:: fun _ -> assert_equal ~msg:"3 + 3" ~printer:string_of_int 7 (add 3 3));
                           ]

                    let () = run_test_tt_main suite
                    """
                ),
            },
            first_then(r"^Error: calc:\d+:[\w ]+\.$", r"^expected: \d+ but got: \d+$"),
            "OUnit2 under dune test: two failing tests, each with expected/got (the first listed is the culprit), a summary and a logged ERROR line",
            "ocamlfind list 2>/dev/null | grep '^ounit2 '",
            setup=OCAML,
        ),
    ]


# --- Lua: busted's gtest output and a spec that does not load, luacheck's plain formatter, a runtime error ---------

LUA_CALC = "local M = {}\n\nfunction M.add(a, b)\n  return a + b\nend\n\nfunction M.scale(v, k)\n  return v * k\nend\n\nreturn M\n"


def lua_cases() -> list[Case]:
    spec = textwrap.dedent(
        """\
        local calc = require("calc")

        describe("calc", function()
          describe("add", function()
            it("adds", function()
              assert.are.equal(3, calc.add(1, 2))
            end)

            it("adds wrong", function()
              assert.are.same({ total = 5 }, { total = calc.add(2, 2) })
            end)

            pending("adds big numbers")
          end)

          describe("scale", function()
            it("logs and scales", function()
              print("ERROR: simulated log line from the code under test")
              assert.are.equal(4, calc.scale(2, 2))
            end)

            it("scales nil", function()
              assert.are.equal(2, calc.scale(nil, 2))
            end)
          end)
        end)
        """
    )
    env = {"LUA_PATH": "src/?.lua;;"}
    return [
        Case(
            "ml-busted-gtest",
            "busted",
            "lua",
            "test",
            "busted --lua=lua5.4 -o gtest spec",
            {"src/calc.lua": LUA_CALC, "spec/calc_spec.lua": spec},
            first_then(
                r"^spec/calc_spec\.lua:10: Expected", r"^\[  FAILED  \] spec/calc_spec\.lua @ 9: calc add adds wrong \("
            ),
            "busted -o gtest: a failing assertion (table diff), a pending test, an error; the gtest summary below",
            "busted --version",
            setup=LUA,
            env=env,
        ),
        Case(
            "ml-busted-load-error",
            "busted",
            "lua",
            "test",
            "busted --lua=lua5.4 spec",
            {
                "src/calc.lua": LUA_CALC,
                "spec/a_calc_spec.lua": spec,
                "spec/b_report_spec.lua": 'local calc = require("calc")\n\ndescribe("report", function()\n  it("formats", function()\n    assert.are.equal("4", tostring(calc.add(2, 2))\n  end)\nend)\n',
            },
            first_then(r"^Failure (?:→|->) spec/a_calc_spec\.lua @ 9", r"a_calc_spec\.lua:10: Expected"),
            "busted: a failing test in one spec file, a spec file with a syntax error, a nil-arithmetic error",
            "busted --version",
            setup=LUA,
            env=env,
        ),
        Case(
            "ml-luacheck-plain",
            "luacheck",
            "lua",
            "lint",
            "luacheck --formatter plain --codes --no-color src spec",
            {
                "src/calc.lua": LUA_CALC,
                "src/report.lua": "local M = {}\n\nfunction M.render(rows)\n  local count = 0\n  for i, row in ipairs(rows) do\n    out = out .. row\n  end\n  return out\nend\n\nreturn M\n",
                "spec/calc_spec.lua": 'local calc = require("calc")\n\ndescribe("calc", function()\n  it("adds", function()\n    assert.are.equal(3, calc.add(1, 2))\n  end)\nend)\n',
            },
            first_of(r"^src/report\.lua:4:9: \(W211\)"),
            "luacheck --formatter plain --codes: an unused variable, an unused loop variable, an undefined global",
            "luacheck --version | head -1",
            setup=LUA,
        ),
        Case(
            "ml-lua-runtime-make",
            "lua",
            "lua",
            "test",
            "make test",
            {
                "Makefile": "LUA ?= lua5.1\n\ntest:\n\t$(LUA) tests/run.lua\n",
                "src/calc.lua": LUA_CALC,
                "tests/run.lua": 'package.path = "src/?.lua;" .. package.path\nlocal calc = require("calc")\nlocal function check(name, got, want)\n  if got ~= want then error(name .. ": got " .. tostring(got) .. ", want " .. tostring(want), 2) end\n  print("ok - " .. name)\nend\ncheck("add", calc.add(1, 2), 3)\nprint("warning: error handling is not tested yet")\ncheck("scale", calc.scale(nil, 2), 0)\ncheck("add wrong", calc.add(2, 2), 5)\n',
            },
            first_of(r"^lua5\.1: src/calc\.lua:8: attempt to perform arithmetic on local 'v' \(a nil value\)"),
            "a Lua 5.1 test script through make: a runtime error with its stack traceback, make's Error 1 last",
            "lua5.1 -v",
            setup=LUA,
        ),
    ]


# --- D: dub test over two modules, an exception and a range error at run time, a deprecation before an error ---------

DUB_JSON = '{\n  "name": "app",\n  "targetType": "executable"\n}\n'


def d_cases() -> list[Case]:
    return [
        Case(
            "ml-dub-test-modules",
            "dub",
            "d",
            "test",
            "dub test --compiler=ldc2 2>&1",
            {
                "dub.json": '{\n  "name": "calc",\n  "targetType": "library"\n}\n',
                "source/calc/add.d": 'module calc.add;\n\nint add(int a, int b) { return a + b; }\n\nunittest { assert(add(1, 2) == 3); }\nunittest { assert(add(2, 2) == 5, "add(2, 2) should be 5"); }\n',
                "source/calc/mul.d": 'module calc.mul;\n\nimport std.stdio : stderr;\n\nint mul(int a, int b) { return a * b; }\n\nunittest { stderr.writeln("ERROR: simulated log line"); assert(mul(2, 3) == 6); }\nunittest { assert(mul(2, 2) == 5); }\n',
            },
            first_of(r"AssertError@source/calc/(?:add|mul)\.d\(\d+\)"),
            "dub test: a failing unittest in each of two modules (one assert with a message, one without)",
            "ldc2 --version | head -1",
            setup=DLANG,
        ),
        Case(
            "ml-dub-run-exception",
            "dub",
            "d",
            "test",
            "dub run --compiler=ldc2 -- config.ini 2>&1",
            {
                "dub.json": DUB_JSON,
                "source/app.d": 'import std.stdio;\nimport std.file : exists;\nimport std.exception : enforce;\n\nvoid load(string path)\n{\n    enforce(exists(path), "config file not found: " ~ path);\n}\n\nvoid main(string[] args)\n{\n    writeln("loading ", args[1]);\n    load(args[1]);\n}\n',
            },
            first_of(r"^object\.Exception@source/app\.d\(7\): config file not found"),
            "dub run: the program throws; the exception, its backtrace, then dub's closing line",
            "ldc2 --version | head -1",
            setup=DLANG,
        ),
        Case(
            "ml-ldc-array-index",
            "ldc2",
            "d",
            "test",
            "ldc2 -unittest -main -g -run source/stats.d",
            {
                "source/stats.d": "module stats;\n\nint last(int[] xs) { return xs[xs.length]; }\n\nunittest { assert([1, 2].length == 2); }\nunittest { assert(last([1, 2, 3]) == 3); }\nunittest { assert(last([4]) == 5); }\n",
            },
            first_of(r"^core\.exception\.\w+Error@source/stats\.d\(3\)"),
            "D unittests: an out-of-bounds index in the code under test (ArrayIndexError) with its backtrace",
            "ldc2 --version | head -1",
            setup=DLANG,
        ),
        Case(
            "ml-ldc-make-deprecation",
            "ldc2",
            "d",
            "build",
            "make",
            {
                "Makefile": "DC = ldc2\n\napp: source/app.d source/util.d\n\t$(DC) -w -of=$@ $^\n",
                "source/util.d": 'module util;\n\ndeprecated("use twice2") int twice(int x) { return 2 * x; }\nint twice2(int x) { return 2 * x; }\n',
                "source/app.d": "import std.stdio;\nimport util;\n\nvoid main()\n{\n    writeln(twice(2));\n    writeln(thrice(3));\n    string s = 5;\n}\n",
            },
            first_of(r"^source/app\.d\(7\): Error: undefined identifier `thrice`"),
            "ldc2 through make: a deprecation, then two errors; make's Error 1 last",
            "ldc2 --version | head -1",
            setup=DLANG,
        ),
    ]


# --- Nim: nimble test, a defect at run time, an exception inside std/unittest, nim check ---------------------------


NIMBLE_FILES = {
    "calc.nimble": 'version = "0.1.0"\nauthor = "acme"\ndescription = "calc"\nlicense = "MIT"\nsrcDir = "src"\n\nrequires "nim >= 1.6.0"\n',
    "src/calc.nim": "proc add*(a, b: int): int = a + b\nproc mul*(a, b: int): int = a * b\n",
    "tests/test_add.nim": 'import std/unittest\nimport calc\n\nsuite "add":\n  test "adds":\n    check add(1, 2) == 3\n  test "adds wrong":\n    let got = add(2, 2)\n    check got == 5\n',
    "tests/test_mul.nim": 'import std/unittest\nimport calc\n\nsuite "mul":\n  test "muls wrong":\n    check mul(2, 3) == 7\n',
}


def nim_cases() -> list[Case]:
    return [
        Case(
            "ml-nimble-no-path",
            "nimble",
            "nim",
            "build",
            "nimble test -y 2>&1",
            NIMBLE_FILES,
            first_of(r"test_add\.nim\(2, 8\) Error: cannot open file: calc"),
            "nimble test without tests/config.nims: the test cannot import the package's module",
            "nimble --version | head -1",
            setup=NIM,
        ),
        Case(
            "ml-nimble-test",
            "nimble",
            "nim",
            "test",
            "nimble test -y 2>&1",
            {**NIMBLE_FILES, "tests/config.nims": 'switch("path", "$projectDir/../src")\n'},
            first_then(r"test_add\.nim\(9, \d+\): Check failed: got == 5", r"\[FAILED\] adds wrong"),
            "nimble test: two test files, a failing check in the first (with the checked value printed), nimble's error last",
            "nimble --version | head -1",
            setup=NIM,
        ),
        Case(
            "ml-nim-defect",
            "nim",
            "nim",
            "test",
            "nim c -r --hints:off --stackTrace:on tests/run.nim",
            {
                "src/stats.nim": "proc last*(xs: seq[int]): int = xs[xs.len]\n",
                "tests/run.nim": 'import ../src/stats\n\necho "test last: start"\ndoAssert last(@[1, 2, 3]) == 3\necho "test last: ok"\n',
            },
            first_of(r"^Error: unhandled exception: index 3 not in 0 \.\. 2 \[IndexDefect\]"),
            "nim c -r: an out-of-bounds index (IndexDefect) with its traceback",
            "nim --version | head -1",
            setup=NIM,
        ),
        Case(
            "ml-nim-unittest-raise",
            "nim",
            "nim",
            "test",
            "nim c -r --hints:off tests/test_conf.nim",
            {
                "tests/test_conf.nim": textwrap.dedent(
                    """\
                    import std/[unittest, strutils]

                    proc port(s: string): int = parseInt(s.split('=')[1])

                    suite "conf":
                      test "reads a port":
                        check port("port=80") == 80
                      test "reads a bad port":
                        check port("port=eighty") == 80
                      test "reads another port":
                        check port("port=81") == 82
                    """
                )
            },
            first_then(
                r"^\s*Unhandled exception: invalid integer: eighty \[ValueError\]", r"\[FAILED\] reads a bad port"
            ),
            "nim std/unittest: a test raises (ValueError with its stack), another check fails after it",
            "nim --version | head -1",
            setup=NIM,
        ),
        Case(
            "ml-nim-check",
            "nim",
            "nim",
            "build",
            "nim check --hints:off src/app.nim",
            {
                "src/calc.nim": "proc add*(a, b: int): int = a + b\nproc addAll*(xs: seq[int]): int =\n  for x in xs: result += x\n",
                "src/app.nim": 'import calc\n\nlet total = ad(1, 2)\necho addAll(@[1, 2], 3)\necho "done"\n',
            },
            first_of(r"app\.nim\(3, \d+\) Error: undeclared identifier: 'ad'"),
            "nim check: an undeclared identifier, then a type mismatch with its candidates",
            "nim --version | head -1",
            setup=NIM,
        ),
    ]


# --- Tcl: tcltest over several files, a script error with its errorInfo ------------------------------------------

TCL_ALL = textwrap.dedent(
    """\
    package require tcltest
    namespace import ::tcltest::*
    configure -testdir [file dirname [file normalize [info script]]] {*}$argv
    # runAllTests returns 1 when a test file had failures (tcltest 2.5)
    if {[runAllTests]} { exit 1 }
    """
)


def tcl_cases() -> list[Case]:
    return [
        Case(
            "ml-tcltest-files",
            "tcltest",
            "tcl",
            "test",
            "tclsh tests/all.tcl",
            {
                "tests/all.tcl": TCL_ALL,
                "tests/a_parse.test": "package require tcltest\nnamespace import ::tcltest::*\nproc parse {s} { return [lindex [split $s =] 1] }\ntest parse-1 {reads a value} -body { parse a=1 } -result 1\ntest parse-2 {reads a list} -body { parse {a=1 2} } -result {1 2}\ncleanupTests\n",
                "tests/b_calc.test": "package require tcltest\nnamespace import ::tcltest::*\nproc add {a b} { expr {$a + $b} }\ntest add-1 {adds} -body { add 1 2 } -result 3\ntest add-2 {adds wrong} -body { add 2 2 } -result 5\ntest add-3 {adds text} -body { add 2 x } -result 2\ncleanupTests\n",
                "tests/c_io.test": 'package require tcltest\nnamespace import ::tcltest::*\ntest io-1 {logs} -body { puts stderr "ERROR: simulated log line"; return ok } -result ok\ntest io-2 {reads a file} -body { set f [open missing.txt]; read $f } -result {}\ncleanupTests\n',
            },
            first_then(r"^==== add-2 adds wrong FAILED", r"^---- Result was:"),
            "tcltest runAllTests over three files: a wrong result, an error, a missing file; the per-file summary below",
            "echo 'puts [info patchlevel]' | tclsh",
            setup=CHECKOUT,
        ),
        Case(
            "ml-tclsh-error",
            "tclsh",
            "tcl",
            "test",
            "make check",
            {
                "Makefile": "check:\n\ttclsh scripts/check.tcl\n",
                "scripts/check.tcl": 'proc total {items} {\n    set sum 0\n    foreach item $items {\n        incr sum [dict get $item price]\n    }\n    return $sum\n}\nputs "checking totals"\nputs "total: [total {{price 3} {price 4}}]"\nputs "total: [total {{price 3} {cost 4}}]"\n',
            },
            first_of(r'^key "price" not known in dictionary$'),
            "a Tcl script through make: an error with its errorInfo (while executing / invoked from within)",
            "echo 'puts [info patchlevel]' | tclsh",
            setup=CHECKOUT,
        ),
    ]


# --- Ada: gprbuild with warnings then errors, run-time exceptions, AUnit ------------------------------------------

ADA = "alire-project/setup-alire@v3"
ADA_VERSION = "gnat --version | head -1"
CALC_ADS = "package Calc is\n   subtype Small is Integer range 0 .. 9;\n   function Add (A, B : Integer) return Integer;\n   function Digit (N : Integer) return Small;\nend Calc;\n"
CALC_ADB = "package body Calc is\n   function Add (A, B : Integer) return Integer is\n   begin\n      return A + B;\n   end Add;\n\n   function Digit (N : Integer) return Small is\n   begin\n      return N;\n   end Digit;\nend Calc;\n"
APP_GPR = 'project App is\n   for Source_Dirs use ("src");\n   for Object_Dir use "obj";\n   for Main use ("main.adb");\n   package Compiler is\n      for Default_Switches ("Ada") use ("-gnatwa", "-gnata", "-g");\n   end Compiler;\n   package Binder is\n      for Default_Switches ("Ada") use ("-E");\n   end Binder;\nend App;\n'
AUNIT_TESTS_ADS = textwrap.dedent(
    """\
    with AUnit.Test_Fixtures;
    with AUnit.Test_Suites;

    package Calc_Tests is
       type Fixture is new AUnit.Test_Fixtures.Test_Fixture with null record;
       procedure Test_Add (T : in out Fixture);
       procedure Test_Add_Wrong (T : in out Fixture);
       procedure Test_Logs (T : in out Fixture);
       procedure Test_Digit (T : in out Fixture);
       function Suite return AUnit.Test_Suites.Access_Test_Suite;
    end Calc_Tests;
    """
)
AUNIT_TESTS_ADB = textwrap.dedent(
    """\
    with Ada.Text_IO;
    with AUnit.Assertions; use AUnit.Assertions;
    with AUnit.Test_Caller;
    with Calc;

    package body Calc_Tests is
       package Caller is new AUnit.Test_Caller (Fixture);

       procedure Test_Add (T : in out Fixture) is
       begin
          Assert (Calc.Add (1, 2) = 3, "Add (1, 2) should be 3");
       end Test_Add;

       procedure Test_Add_Wrong (T : in out Fixture) is
       begin
          Assert (Calc.Add (2, 2) = 5, "Add (2, 2) should be 5");
       end Test_Add_Wrong;

       procedure Test_Logs (T : in out Fixture) is
       begin
          Ada.Text_IO.Put_Line ("ERROR: simulated log line from the code under test");
          Assert (Calc.Add (1, 1) = 2, "Add (1, 1) should be 2");
       end Test_Logs;

       procedure Test_Digit (T : in out Fixture) is
       begin
          Assert (Calc.Digit (12) = 2, "Digit (12) should be 2");
       end Test_Digit;

       function Suite return AUnit.Test_Suites.Access_Test_Suite is
          S : constant AUnit.Test_Suites.Access_Test_Suite := new AUnit.Test_Suites.Test_Suite;
       begin
          S.Add_Test (Caller.Create ("Calc.Add adds", Test_Add'Access));
          S.Add_Test (Caller.Create ("Calc.Add adds wrong", Test_Add_Wrong'Access));
          S.Add_Test (Caller.Create ("Calc logs", Test_Logs'Access));
          S.Add_Test (Caller.Create ("Calc.Digit out of range", Test_Digit'Access));
          return S;
       end Suite;
    end Calc_Tests;
    """
)
AUNIT_RUNNER = textwrap.dedent(
    """\
    with Ada.Command_Line;
    with AUnit; use AUnit;
    with AUnit.Reporter.Text;
    with AUnit.Run;
    with Calc_Tests;

    procedure Test_Runner is
       function Runner is new AUnit.Run.Test_Runner_With_Status (Calc_Tests.Suite);
       Reporter : AUnit.Reporter.Text.Text_Reporter;
    begin
       if Runner (Reporter) /= AUnit.Success then
          Ada.Command_Line.Set_Exit_Status (Ada.Command_Line.Failure);
       end if;
    end Test_Runner;
    """
)


def ada_cases() -> list[Case]:
    return [
        Case(
            "ml-gprbuild-error",
            "gprbuild",
            "ada",
            "build",
            "gprbuild -P app.gpr",
            {
                "app.gpr": APP_GPR,
                "src/calc.ads": CALC_ADS,
                "src/calc.adb": CALC_ADB.replace("      return A + B;", '      return A + B + "1";').replace(
                    "      return N;", "      return Digit_Of (N);"
                ),
                "src/main.adb": "with Ada.Text_IO; use Ada.Text_IO;\nwith Calc;\n\nprocedure Main is\n   Spare : Integer;\nbegin\n   Put_Line (Integer'Image (Calc.Add (1, 2)));\nend Main;\n",
            },
            first_of(r"^calc\.adb:4:\d+: error: "),
            "gprbuild: a warning in main.adb, then errors in calc.adb (a type error, an undefined name); gprbuild's closing line below",
            ADA_VERSION,
            setup=ADA,
        ),
        Case(
            "ml-gnat-constraint",
            "gnat",
            "ada",
            "test",
            "gprbuild -q -P app.gpr && ./obj/main",
            {
                "app.gpr": APP_GPR,
                "src/calc.ads": CALC_ADS,
                "src/calc.adb": CALC_ADB,
                "src/main.adb": 'with Ada.Text_IO; use Ada.Text_IO;\nwith Calc;\n\nprocedure Main is\nbegin\n   Put_Line ("digit 3:" & Integer\'Image (Calc.Digit (3)));\n   Put_Line ("digit 12:" & Integer\'Image (Calc.Digit (12)));\nend Main;\n',
            },
            first_of(r"^raised CONSTRAINT_ERROR : calc\.adb:9 range check failed"),
            "an Ada program raises CONSTRAINT_ERROR (a range check) with the binder's -E traceback",
            ADA_VERSION,
            setup=ADA,
        ),
        Case(
            "ml-gnat-assert-make",
            "gnat",
            "ada",
            "test",
            "make check",
            {
                "Makefile": "check: test_calc\n\t./test_calc\n\ntest_calc: tests/test_calc.adb src/calc.adb\n\tgnatmake -q -gnata -gnatwa -Isrc tests/test_calc.adb\n",
                "src/calc.ads": CALC_ADS,
                "src/calc.adb": CALC_ADB,
                "tests/test_calc.adb": 'with Ada.Text_IO; use Ada.Text_IO;\nwith Calc;\n\nprocedure Test_Calc is\nbegin\n   Put_Line ("test add: ok");\n   pragma Assert (Calc.Add (1, 2) = 3);\n   Put_Line ("test add wrong");\n   pragma Assert (Calc.Add (2, 2) = 5, "Add (2, 2) should be 5");\n   pragma Assert (Calc.Add (3, 3) = 7, "Add (3, 3) should be 7");\nend Test_Calc;\n',
            },
            first_of(r"^raised ADA\.ASSERTIONS\.ASSERTION_ERROR : Add \(2, 2\) should be 5"),
            "an Ada test program through make: a failed pragma Assert (ASSERTION_ERROR), make's Error 1 last",
            ADA_VERSION,
            setup=ADA,
        ),
        Case(
            "ml-aunit",
            "aunit",
            "ada",
            "test",
            "gprbuild -q -P tests.gpr && ./obj/test_runner",
            {
                "tests.gpr": 'with "aunit";\n\nproject Tests is\n   for Source_Dirs use ("src", "tests");\n   for Object_Dir use "obj";\n   for Main use ("test_runner.adb");\n   package Compiler is\n      for Default_Switches ("Ada") use ("-gnatwa", "-gnata", "-g");\n   end Compiler;\nend Tests;\n',
                "src/calc.ads": CALC_ADS,
                "src/calc.adb": CALC_ADB,
                "tests/calc_tests.ads": AUNIT_TESTS_ADS,
                "tests/calc_tests.adb": AUNIT_TESTS_ADB,
                "tests/test_runner.adb": AUNIT_RUNNER,
            },
            first_then(r"Calc\.Add adds wrong", r"Add \(2, 2\) should be 5"),
            "AUnit's text reporter: a failed assertion and an unexpected exception, each with its message; the totals above them",
            ADA_VERSION,
            setup=ADA,
        ),
    ]


# --- Free Pascal: fpc's Error/Fatal lines, through make, fpcunit, an unhandled exception -----------------------------

PASCAL = "actions/checkout@v4"
FPC_VERSION = "echo Free Pascal Compiler $(fpc -iV)"
CALC_PAS = "unit calc;\n\n{$mode objfpc}{$H+}\n\ninterface\n\nfunction Add(A, B: Integer): Integer;\nfunction Ratio(A, B: Integer): Integer;\n\nimplementation\n\nfunction Add(A, B: Integer): Integer;\nbegin\n  Result := A + B;\nend;\n\nfunction Ratio(A, B: Integer): Integer;\nbegin\n  Result := A div B;\nend;\n\nend.\n"
FPCUNIT_RUNNER = "program testrunner;\n\n{$mode objfpc}{$H+}\n\nuses\n  consoletestrunner, calctests;\n\nvar\n  App: TTestRunner;\nbegin\n  App := TTestRunner.Create(nil);\n  App.Initialize;\n  App.Title := 'calc tests';\n  App.Run;\n  App.Free;\nend.\n"
FPCUNIT_TESTS = textwrap.dedent(
    """\
    unit calctests;

    {$mode objfpc}{$H+}

    interface

    uses
      fpcunit, testregistry, calc;

    type
      TCalcTest = class(TTestCase)
      published
        procedure TestAdd;
        procedure TestAddWrong;
        procedure TestRatio;
        procedure TestAddAgain;
      end;

    implementation

    procedure TCalcTest.TestAdd;
    begin
      AssertEquals('add(1, 2)', 3, Add(1, 2));
    end;

    procedure TCalcTest.TestAddWrong;
    begin
      AssertEquals('add(2, 2)', 5, Add(2, 2));
    end;

    procedure TCalcTest.TestRatio;
    begin
      AssertEquals('ratio(4, 0)', 0, Ratio(4, 0));
    end;

    procedure TCalcTest.TestAddAgain;
    begin
      AssertEquals('add(3, 3)', 7, Add(3, 3));
    end;

    initialization
      RegisterTest(TCalcTest);
    end.
    """
)


def pascal_cases() -> list[Case]:
    return [
        Case(
            "ml-fpc-error",
            "fpc",
            "pascal",
            "build",
            "fpc -vwnh -FUout -Fusrc src/app.pas",
            {
                "src/calc.pas": CALC_PAS,
                "src/app.pas": "program app;\n\n{$mode objfpc}{$H+}\n\nuses calc;\n\nvar\n  Total: Integer;\n  Unused: Integer;\nbegin\n  Total := Add(1, '2');\n  WriteLn(Totl);\nend.\n",
                "out/.keep": "",
            },
            first_of(r"^app\.pas\(11,\d+\) Error: "),
            "fpc: notes and hints, then two errors, then its Fatal lines",
            FPC_VERSION,
            setup=PASCAL,
        ),
        Case(
            "ml-fpc-make-unit",
            "fpc",
            "pascal",
            "build",
            "make",
            {
                "Makefile": "FPC = fpc\n\nall: bin/app\n\nbin/app: src/app.pas src/calc.pas src/report.pas\n\tmkdir -p bin out\n\t$(FPC) -vw -FUout -Fusrc -obin/app src/app.pas\n",
                "src/calc.pas": CALC_PAS,
                "src/report.pas": "unit report;\n\n{$mode objfpc}{$H+}\n\ninterface\n\nprocedure Show(N: Integer);\n\nimplementation\n\nuses calc;\n\nprocedure Show(N: Integer);\nvar\n  S: string;\nbegin\n  S := N;\n  WriteLn('total: ', Add(N, 1));\nend;\n\nend.\n",
                "src/app.pas": "program app;\n\n{$mode objfpc}{$H+}\n\nuses report;\n\nbegin\n  Show(3);\nend.\n",
            },
            first_of(r"^report\.pas\(17,\d+\) Error: "),
            "fpc through make: an error in a unit the program uses, fpc's Fatal lines and make's Error 1 below",
            FPC_VERSION,
            setup=PASCAL,
        ),
        Case(
            "ml-fpcunit",
            "fpcunit",
            "pascal",
            "test",
            "mkdir -p out && fpc -v0 -FUout -Fusrc -Futests -otests/testrunner tests/testrunner.pas >/dev/null && ./tests/testrunner --all --format=plain",
            {
                "src/calc.pas": CALC_PAS,
                "tests/calctests.pas": FPCUNIT_TESTS,
                "tests/testrunner.pas": FPCUNIT_RUNNER,
            },
            first_then(r"TestAddWrong", r'"add\(2, 2\)" expected: <5> but was: <4>'),
            "fpcunit's console runner (plain format): a failed AssertEquals, an error (division by zero), another failure",
            FPC_VERSION,
            setup=PASCAL,
        ),
        Case(
            "ml-fpc-exception",
            "fpc",
            "pascal",
            "test",
            "mkdir -p out && fpc -v0 -gl -FUout -Fusrc tests/check.pas >/dev/null && ./tests/check",
            {
                "src/calc.pas": CALC_PAS,
                "tests/check.pas": "program check;\n\n{$mode objfpc}{$H+}\n\nuses SysUtils, calc;\n\nbegin\n  WriteLn('ratio 4 2: ', Ratio(4, 2));\n  WriteLn('ratio 4 0: ', Ratio(4, 0));\nend.\n",
            },
            first_of(r"An unhandled exception occurred at \$[0-9A-F]+:$", r"^EDivByZero: Division by zero$"),
            "a Free Pascal program (built with -gl) stops on an unhandled EDivByZero, with its line-info backtrace",
            FPC_VERSION,
            setup=PASCAL,
        ),
    ]


# --- D with gdc: GCC's diagnostic format ------------------------------------------------------------------------


def gdc_cases() -> list[Case]:
    return [
        Case(
            "ml-gdc",
            "gdc",
            "d",
            "build",
            "gdc -Wall -o app source/app.d source/calc.d",
            {
                "source/calc.d": "module calc;\n\nint add(int a, int b) { return a + b; }\n",
                "source/app.d": 'import std.stdio;\nimport calc;\n\nvoid main()\n{\n    int n = "text";\n    writeln(add(1, 2, 3));\n}\n',
            },
            first_of(r"^source/app\.d:6:\d+: error: "),
            "gdc: two errors in GCC's format (file:line:col: error:)",
            "gdc --version | head -1",
            setup=DLANG,
        ),
    ]


# --- Elm: the package list cannot be fetched (no network) ----------------------------------------------------------

ELM_JSON = '{\n    "type": "application",\n    "source-directories": ["src"],\n    "elm-version": "0.19.1",\n    "dependencies": {\n        "direct": {"elm/core": "1.0.5", "elm/json": "1.1.3"},\n        "indirect": {}\n    },\n    "test-dependencies": {"direct": {}, "indirect": {}}\n}\n'


ELM_HOME = os.environ.get("TOOLCHAIN_ELM_HOME", "/tmp/tc/misc/elm-home")
ELM_PREPARE = f"cp -r {ELM_HOME} ~/.elm"  # a package cache seeded by seed_elm_home(): elm/core 1.0.5, elm/json 1.1.3
ELM_MAIN_HEAD = "module Main exposing (main)\n\nimport Platform\n"
ELM_WORKER = "\n\nmain : Program () () ()\nmain =\n    Platform.worker\n        { init = \\_ -> ( (), Cmd.none )\n        , update = \\_ m -> ( m, Cmd.none )\n        , subscriptions = \\_ -> Sub.none\n        }\n"
ELM_SHAPE = 'module Shape exposing (Shape(..), area, name)\n\n\ntype Shape\n    = Circle Float\n    | Square Float\n    | Triangle Float Float\n\n\narea : Shape -> Float\narea shape =\n    case shape of\n        Circle r ->\n            3.14 * r * r\n\n        Square s ->\n            s * s\n\n\nname : Shape -> String\nname _ =\n    "shape"\n'


def seed_elm_home(home: Path, core: Path, json_pkg: Path) -> None:
    """An Elm package cache that works offline: elm/core 1.0.5 and elm/json 1.1.3 (their release tags' sources, as
    ``git archive`` gives them) and a registry.dat naming only them. Elm 0.19.1 (builder/src/Deps/Solver.hs,
    initEnv) uses the cached registry when it cannot reach the package server, and builds the packages' sources
    itself. registry.dat is Data.Binary's encoding of Deps.Registry.Registry: a count (Int64), then the map's size
    and its (Name, KnownVersions) pairs in order; a Name is two length-prefixed UTF-8 strings, a Version three bytes,
    KnownVersions the newest version and a list (Int64 length) of older ones."""
    import shutil
    import struct

    packages = home / "0.19.1" / "packages"
    entries = {("elm", "core"): ((1, 0, 5), core), ("elm", "json"): ((1, 1, 3), json_pkg)}
    data = struct.pack(">qq", len(entries), len(entries))
    for (author, project), (version, source) in sorted(entries.items()):
        shutil.copytree(source, packages / author / project / ".".join(map(str, version)), dirs_exist_ok=True)
        for text in (author, project):
            data += bytes([len(text)]) + text.encode()
        data += bytes(version) + struct.pack(">q", 0)
    (packages / "registry.dat").write_bytes(data)


def elm_cases() -> list[Case]:
    elm_json = {"elm.json": ELM_JSON}
    return [
        Case(
            "ml-elm-type-mismatch",
            "elm",
            "elm",
            "build",
            "elm make src/Main.elm --output=/dev/null",
            {
                **elm_json,
                "src/Shape.elm": ELM_SHAPE,
                "src/Calc.elm": 'module Calc exposing (total)\n\n\nadd : Int -> Int -> Int\nadd a b =\n    a + b\n\n\ntotal : Int\ntotal =\n    add 1 "two"\n',
                "src/Main.elm": ELM_MAIN_HEAD
                + "import Calc\nimport Shape exposing (Shape(..))\n\n\nsize : Int\nsize =\n    Calc.total + round (Shape.area (Square 2))\n"
                + ELM_WORKER,
            },
            first_of(r"-- [A-Z ]+ -+ src/\w+\.elm$"),
            "elm make: a type mismatch in one module, missing patterns in another (two boxes; the first printed is the culprit)",
            "elm --version",
            setup="jorelali/setup-elm@v5",
            prepare=ELM_PREPARE,
        ),
        Case(
            "ml-elm-naming-make",
            "elm",
            "elm",
            "build",
            "make build",
            {
                **elm_json,
                "Makefile": "build:\n\telm make src/Main.elm --optimize --output=build/main.js\n",
                "src/Main.elm": ELM_MAIN_HEAD
                + '\n\nlabel : Int -> String\nlabel n =\n    "total: " ++ Strin.fromInt n\n\n\ntwice : Int -> Int\ntwice n =\n    dobule n\n'
                + ELM_WORKER,
            },
            first_of(r"-- NAMING ERROR -+ src/Main\.elm$"),
            "elm make through make: two naming errors (a misspelt module, a misspelt function), make's Error 1 last",
            "elm --version",
            setup="jorelali/setup-elm@v5",
            prepare=ELM_PREPARE,
        ),
        Case(
            "ml-elm-syntax",
            "elm",
            "elm",
            "build",
            "elm make src/Main.elm --output=/dev/null",
            {
                **elm_json,
                "src/Main.elm": ELM_MAIN_HEAD
                + "\n\ntotal : List Int -> Int\ntotal xs =\n    let\n        sum = List.foldl (+) 0 xs\n    sum\n"
                + ELM_WORKER,
            },
            first_of(r"-- [A-Z ]+ -+ src/Main\.elm$"),
            "elm make: a syntax error (a let without its in)",
            "elm --version",
            setup="jorelali/setup-elm@v5",
            prepare=ELM_PREPARE,
        ),
    ]


def elm_offline_cases() -> list[Case]:
    return [
        Case(
            "ml-elm-offline",
            "elm",
            "elm",
            "dependency",
            "elm make src/Main.elm --output=/dev/null",
            {
                "elm.json": ELM_JSON,
                "src/Main.elm": 'module Main exposing (main)\n\nimport Html\n\nmain =\n    Html.text "hello"\n',
            },
            first_of(r"^-- PROBLEM LOADING PACKAGE LIST -+$"),
            "elm make with no package cache and no network: the package list cannot be fetched",
            "elm --version",
            alt_categories=["infrastructure"],
            setup="jorelali/setup-elm@v5",
            neutral_hosts=True,
        ),
    ]


def misc_cases() -> list[Case]:
    cases = ocaml_cases() + ounit_cases() + lua_cases() + d_cases() + nim_cases() + tcl_cases()
    return cases + ada_cases() + pascal_cases() + gdc_cases() + elm_cases() + elm_offline_cases() + second_round()


# --- a second round (``ml-b-``), committed before the analyzer ran on it: shapes the first round's rules were not
# written from ---------------------------------------------------------------------------------------------------


def second_round() -> list[Case]:
    return [
        Case(
            "ml-b-gnat-style-werror",
            "gprbuild",
            "ada",
            "build",
            "gprbuild -P app.gpr",
            {
                "app.gpr": APP_GPR.replace('("-gnatwa", "-gnata", "-g")', '("-gnatwae", "-gnatyy", "-g")'),
                "src/calc.ads": CALC_ADS,
                "src/calc.adb": CALC_ADB.replace("      return A + B;", "      return A+B;"),
                "src/main.adb": "with Ada.Text_IO; use Ada.Text_IO;\nwith Calc;\n\nprocedure Main is\nbegin\n   Put_Line (Integer'Image (Calc.Add (1, 2)));\nend Main;\n",
            },
            first_of(r"^calc\.adb:\d+:\d+: "),
            "gprbuild with -gnatwe -gnatyy: style checks fail the build (no error proper)",
            ADA_VERSION,
            setup=ADA,
        ),
        Case(
            "ml-b-fpc-syntax",
            "fpc",
            "pascal",
            "build",
            "mkdir -p out && fpc -vw -FUout -Fusrc src/app.pas",
            {
                "src/calc.pas": CALC_PAS,
                "src/app.pas": "program app;\n\n{$mode objfpc}{$H+}\n\nuses calc;\n\nbegin\n  WriteLn(Add(1, 2))\n  WriteLn('done');\nend.\n",
            },
            first_of(r"^app\.pas\(\d+,\d+\) (?:Fatal|Error): "),
            "fpc: a missing semicolon, a fatal syntax error",
            FPC_VERSION,
            setup=PASCAL,
        ),
        Case(
            "ml-b-fpc-missing-unit",
            "fpc",
            "pascal",
            "dependency",
            "mkdir -p out && fpc -FUout -Fusrc src/app.pas",
            {
                "src/calc.pas": CALC_PAS,
                "src/app.pas": "program app;\n\n{$mode objfpc}{$H+}\n\nuses calc, synapse_http;\n\nbegin\n  WriteLn(Add(1, 2));\nend.\n",
            },
            first_of(r"^app\.pas\(\d+,\d+\) Fatal: "),
            "fpc: a unit of a library that is not installed",
            FPC_VERSION,
            alt_categories=["build"],
            setup=PASCAL,
        ),
        Case(
            "ml-b-tcl-package",
            "tclsh",
            "tcl",
            "dependency",
            "tclsh scripts/report.tcl",
            {
                "scripts/report.tcl": 'puts "building report"\npackage require tdom\nputs "parsed"\n',
            },
            first_of(r"^can't find package tdom$"),
            "a Tcl script needs a package that is not installed (package require)",
            "echo 'puts [info patchlevel]' | tclsh",
            setup=CHECKOUT,
        ),
        Case(
            "ml-b-elm-module-not-found",
            "elm",
            "elm",
            "build",
            "elm make src/Main.elm --output=/dev/null",
            {
                "elm.json": ELM_JSON,
                "src/Main.elm": ELM_MAIN_HEAD
                + "import Route.Parser\n\n\nhome : String\nhome =\n    Route.Parser.home\n"
                + ELM_WORKER,
            },
            first_of(r"-- [A-Z ]+ -+ src/Main\.elm$"),
            "elm make: an import of a module that does not exist",
            "elm --version",
            setup="jorelali/setup-elm@v5",
            prepare=ELM_PREPARE,
        ),
        Case(
            "ml-b-ocaml-not-found",
            "dune",
            "ocaml",
            "test",
            "dune test 2>&1",
            {
                "dune-project": "(lang dune 2.9)\n",
                "test/dune": "(test (name test_env))\n",
                "test/test_env.ml": 'let table = [ ("a", 1); ("b", 2) ]\nlet () = print_endline "lookup a: ok"\nlet () = assert (List.assoc "a" table = 1)\nlet () = Printf.printf "lookup c: %d\\n" (List.assoc "c" table)\n',
            },
            first_of(r"^Fatal error: exception Not_found$"),
            "dune test: Not_found escapes a test executable (no backtrace recorded)",
            OCAML_VERSION,
            setup=OCAML,
        ),
        Case(
            "ml-b-d-conv",
            "dub",
            "d",
            "test",
            "dub test --compiler=ldc2 2>&1",
            {
                "dub.json": '{\n  "name": "conf",\n  "targetType": "library"\n}\n',
                "source/conf.d": 'module conf;\n\nimport std.conv : to;\nimport std.string : split;\n\nint port(string line) { return line.split("=")[1].to!int; }\n\nunittest { assert(port("port=80") == 80); }\nunittest { assert(port("port=eighty") == 80); }\n',
            },
            first_of(r"^std\.conv\.ConvException@"),
            "dub test: a ConvException thrown inside a unittest (from Phobos' std/conv.d)",
            "ldc2 --version | head -1",
            setup=DLANG,
        ),
        Case(
            "ml-b-nim-ioerror",
            "nim",
            "nim",
            "test",
            "nim c -r --hints:off tests/run.nim",
            {
                "tests/run.nim": 'echo "loading settings"\nlet text = readFile("settings.ini")\necho text.len\n',
            },
            first_of(r"^Error: unhandled exception: cannot open: settings\.ini \[IOError\]$"),
            "nim c -r: readFile of a missing file (IOError)",
            "nim --version | head -1",
            setup=NIM,
        ),
    ]


# --- the same failures as Travis CI job logs -----------------------------------------------------------------------

TRAVIS_SOURCES = (
    "ml-gprbuild-error",
    "ml-fpcunit",
    "ml-busted-gtest",
    "ml-dune-cram",
    "ml-nim-defect",
    "ml-elm-type-mismatch",
    "ml-tcltest-files",
    "ml-dub-run-exception",
    "ml-fpc-make-unit",
    "ml-ounit",
)


def travis_rewrap(out: Path) -> None:
    """Some of the ``ml-`` logs as Travis CI job logs (``ml-travis-<case>``), by ci_wrap_cases.py's Travis wrapper:
    its variants (the failed command last, a later command passing or failing too, an ``after_failure`` that cats a
    log with ERROR lines) are chosen from a hash of the name; the second source is the next log of the list."""
    import json

    from ci_wrap_cases import load_source, travis, write

    labels_path = out / "labels.json"
    labels = json.loads(labels_path.read_text())
    sources = [load_source(out, f"{name}.log", labels[f"{name}.log"]) for name in TRAVIS_SOURCES]
    for index, source in enumerate(sources):
        renamed = dataclasses.replace(source, name=source.name.removeprefix("ml-"))
        made = write(out, "ml-travis-", "travis", travis, renamed, sources[(index + 1) % len(sources)])
        for label in made.values():
            label["path"] = f"misc_cases.py:travis_rewrap:{source.name.removesuffix('.log')}"
        labels.update(made)
    labels_path.write_text(json.dumps(dict(sorted(labels.items())), indent=1) + "\n")


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description="ml- logs as Travis CI logs; an offline Elm package cache")
    parser.add_argument("--travis", action="store_true", help="re-wrap some ml- logs as Travis CI job logs")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "logs")
    parser.add_argument(
        "--seed-elm",
        nargs=3,
        metavar=("HOME", "CORE", "JSON"),
        type=Path,
        help="make an offline Elm package cache from elm/core 1.0.5 and elm/json 1.1.3 sources",
    )
    args = parser.parse_args()
    if args.seed_elm:
        seed_elm_home(*args.seed_elm)
    if args.travis:
        travis_rewrap(args.out)
