# ruff: noqa: E501  (the tiny projects' files are written inline, one string each)
"""Toolchain development set, part two: tools installed from Debian's package archive (Ruby, PHP, Go, R, Elixir,
Erlang, Haskell, Lua, OCaml, Fortran, D, Nim, shell, Clojure).

The cases reuse make_logs.py's ``Case``, labellers and wrapping; make_logs.py adds them to its list. Each tool is
taken from PATH (see README.md for the packages); the culprit lines are found from what each case knows (the first
failing test's name, the file holding the first error), by the conventions of bench/validation/README.md, never by
running the analyzer.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence

from make_logs import Case, Labeller, find, first_of, section


def listed_first(alternatives: Sequence[str], then: Sequence[str] = (), end: str | None = None) -> Labeller:
    """The first line naming any of ``alternatives`` (the failing tests, in whatever order the runner lists them),
    and below it the first line matching each of ``then`` (``{name}`` is replaced by the test found)."""

    def label(lines: list[str]) -> list[int]:
        pattern = "|".join(re.escape(name) for name in alternatives)
        top = find(lines, pattern)
        if top is None:
            raise LookupError(f"none of {alternatives} in the output")
        name = re.search(pattern, lines[top]).group(0)  # type: ignore[union-attr]
        stop = find(lines, end, top + 1) if end else None
        found = [top]
        for then_pattern in then:
            index = find(lines, then_pattern.replace("{name}", re.escape(name)), top + 1, stop)
            if index is None:
                raise LookupError(f"{then_pattern!r} not below line {top}")
            found.append(index)
        return sorted(set(found))

    return label


# --- Ruby: rspec, minitest (through rake), rubocop ------------------------------------------------------------------

RUBY_CALC = "module Calc\n  def self.add(a, b)\n    a + b\n  end\n\n  def self.div(a, b)\n    a / b\n  end\nend\n"
RSPEC = textwrap.dedent(
    """\
    require_relative "../lib/calc"

    RSpec.describe Calc do
      it "adds" do
        expect(Calc.add(1, 2)).to eq(3)
      end

      it "adds wrong" do
        expect(Calc.add(2, 2)).to eq(5)
      end

      it "prints error text" do
        puts "error: this is expected output, not a failure"
        expect(true).to be(true)
      end

      it "divides by zero" do
        expect(Calc.div(1, 0)).to eq(0)
      end
    end
    """
)


def many_rspec(count: int) -> str:
    body = "".join(f'  it "case {i:03d}" do\n    expect({i}).to be >= 0\n  end\n\n' for i in range(count))
    return f'RSpec.describe "many" do\n{body}end\n'


MINITEST = textwrap.dedent(
    """\
    require "minitest/autorun"
    require "calc"

    class CalcTest < Minitest::Test
      def test_add
        assert_equal 3, Calc.add(1, 2)
      end

      def test_add_wrong
        assert_equal 5, Calc.add(2, 2)
      end

      def test_div
        assert_equal 0, Calc.div(1, 0)
      end
    end
    """
)
RAKEFILE = 'require "rake/testtask"\n\nRake::TestTask.new(:test) do |t|\n  t.libs << "lib" << "test"\n  t.test_files = FileList["test/*_test.rb"]\n  t.warning = false\nend\n\ntask default: :test\n'


def ruby_cases() -> list[Case]:
    rspec_label = section(
        r"^  1\) Calc adds wrong$",
        inside=[r"^\s+Failure/Error: ", r"^\s+expected: 5"],
        anywhere=[r"^rspec \./spec/calc_spec\.rb:8 # Calc adds wrong"],
    )
    return [
        Case(
            "rspec",
            "rspec",
            "ruby",
            "test",
            "rspec",
            {"lib/calc.rb": RUBY_CALC, "spec/calc_spec.rb": RSPEC},
            rspec_label,
            "rspec: 'adds wrong' fails, 'divides by zero' errors; a passing example prints 'error:'",
            "rspec --version | tr '\\n' ' '",
            setup="ruby/setup-ruby@v1",
        ),
        Case(
            "rspec-documentation",
            "rspec",
            "ruby",
            "test",
            "rspec --format documentation",
            {"lib/calc.rb": RUBY_CALC, "spec/calc_spec.rb": RSPEC, "spec/many_spec.rb": many_rspec(120)},
            section(
                r"^  adds wrong \(FAILED - 1\)$",
                anywhere=[
                    r"^  1\) Calc adds wrong$",
                    r"^\s+Failure/Error: expect\(Calc\.add\(2, 2\)\)",
                    r"^\s+expected: 5",
                    r"^rspec \./spec/calc_spec\.rb:8 # Calc adds wrong",
                ],
            ),
            "rspec --format documentation: the listing marks the failure, 120 passing examples follow it",
            "rspec --version | tr '\\n' ' '",
            setup="ruby/setup-ruby@v1",
        ),
        Case(
            "rspec-load-error",
            "rspec",
            "ruby",
            "test",
            "rspec",
            {
                "lib/calc.rb": RUBY_CALC,
                "spec/calc_spec.rb": RSPEC,
                "spec/report_spec.rb": 'require "report_pdf_writer"\n\nRSpec.describe "report" do\n  it "writes" do\n    expect(1).to eq(1)\n  end\nend\n',
            },
            section(
                r"^An error occurred while loading \./spec/report_spec\.rb",
                inside=[r"^LoadError:$", r"^  cannot load such file", r"^Failure/Error: require"],
            ),
            "a spec file requires a library that is not installed: rspec stops before running anything",
            "rspec --version | tr '\\n' ' '",
            alt_categories=["dependency"],
            setup="ruby/setup-ruby@v1",
        ),
        Case(
            "minitest-rake",
            "minitest",
            "ruby",
            "test",
            "rake test TESTOPTS='--seed=1234'",
            {"Rakefile": RAKEFILE, "lib/calc.rb": RUBY_CALC, "test/calc_test.rb": MINITEST},
            section(
                r"^  1\) (?:Failure|Error):$",
                inside=[r"^CalcTest#test_\w+", r"^(?:Expected|ZeroDivisionError)"],
            ),
            "minitest through rake: one failure and one error in seeded order; rake aborts below",
            'ruby -e \'require "minitest"; puts "minitest " + Minitest::VERSION\'',
            setup="ruby/setup-ruby@v1",
        ),
        Case(
            "minitest-verbose",
            "minitest",
            "ruby",
            "test",
            "ruby -Ilib -Itest test/calc_test.rb --verbose --seed=1234",
            {"lib/calc.rb": RUBY_CALC, "test/calc_test.rb": MINITEST},
            section(
                r"^  1\) (?:Failure|Error):$",
                inside=[r"^CalcTest#test_\w+", r"^(?:Expected|ZeroDivisionError)"],
            ),
            "minitest --verbose: per-test lines, then the failure and the error",
            'ruby -e \'require "minitest"; puts "minitest " + Minitest::VERSION\'',
            setup="ruby/setup-ruby@v1",
        ),
        Case(
            "rubocop",
            "rubocop",
            "ruby",
            "lint",
            "rubocop lib",
            {
                "lib/calc.rb": "# frozen_string_literal: true\n\n# Arithmetic.\nmodule Calc\n  def self.add(left, right)\n    left + right\n  end\nend\n",
                "lib/report.rb": '# frozen_string_literal: true\n\n# Report.\nclass Report\n  def render(x)\n    unused = 1\n    return "#{x}"\n  end\nend\n',
                ".rubocop.yml": "AllCops:\n  NewCops: enable\n  SuggestExtensions: false\n",
            },
            first_of(r"^lib/report\.rb:\d+:\d+: [CWEF]: "),
            "rubocop: a clean file, then a file with three offenses",
            "rubocop --version",
            setup="ruby/setup-ruby@v1",
        ),
    ]


# --- PHP: phpunit, phpcs, php -l -------------------------------------------------------------------------------------

PHP_CALC = "<?php\n\nfunction add(int $a, int $b): int\n{\n    return $a + $b;\n}\n\nfunction div(int $a, int $b): int\n{\n    return intdiv($a, $b);\n}\n"
PHPUNIT_TEST = textwrap.dedent(
    """\
    <?php

    use PHPUnit\\Framework\\TestCase;

    final class CalcTest extends TestCase
    {
        public function testAdd(): void
        {
            $this->assertSame(3, add(1, 2));
        }

        public function testAddWrong(): void
        {
            $this->assertSame(5, add(2, 2));
        }

        public function testDiv(): void
        {
            $this->assertSame(0, div(1, 0));
        }
    }
    """
)


def php_cases() -> list[Case]:
    return [
        Case(
            "phpunit",
            "phpunit",
            "php",
            "test",
            "phpunit --bootstrap src/calc.php tests",
            {"src/calc.php": PHP_CALC, "tests/CalcTest.php": PHPUNIT_TEST},
            section(r"^1\) CalcTest::testDiv$", inside=[r"^DivisionByZeroError: "]),
            "phpunit: a failure and an error; errors are listed first",
            "phpunit --version",
            setup="shivammathur/setup-php@v2",
        ),
        Case(
            "phpunit-failures",
            "phpunit",
            "php",
            "test",
            "phpunit --bootstrap src/calc.php --testdox tests",
            {
                "src/calc.php": PHP_CALC,
                "tests/CalcTest.php": PHPUNIT_TEST.replace("div(1, 0)", "div(4, 2) + 1").replace(
                    "    public function testAdd(): void",
                    '    public function testWarns(): void\n    {\n        fwrite(STDERR, "error: expected output\\n");\n        $this->assertTrue(true);\n    }\n\n    public function testAdd(): void',
                ),
            },
            section(r"^ ✘ Add wrong$", inside=[r"Failed asserting that 4 is identical to 5\."]),
            "phpunit --testdox: two failures, a passing test writes 'error:' to stderr",
            "phpunit --version",
            setup="shivammathur/setup-php@v2",
        ),
        Case(
            "phpcs",
            "phpcs",
            "php",
            "lint",
            "phpcs --standard=PSR12 --no-colors src",
            {
                "src/Good.php": "<?php\n\nnamespace Acme;\n\nclass Good\n{\n}\n",
                "src/Bad.php": "<?php\nnamespace Acme;\nclass Bad {\n    public function f( $a ){ return $a; }\n}\n",
            },
            first_of(r"^FILE: \S*src/Bad\.php", r"^\s*\d+ \| ERROR \| "),
            "phpcs: one file with several PSR-12 errors",
            "phpcs --version",
            setup="shivammathur/setup-php@v2",
        ),
        Case(
            "php-lint",
            "php",
            "php",
            "build",
            'for f in src/*.php; do php -l "$f" || exit 1; done',
            {
                "src/a_ok.php": "<?php\necho 'ok';\n",
                "src/b_broken.php": "<?php\nfunction f() {\n    return [1, 2;\n}\n",
            },
            first_of(r"Parse error: .* in src/b_broken\.php on line 3"),
            "php -l: a clean file, then a parse error",
            "php --version",
            alt_categories=["lint"],
            setup="shivammathur/setup-php@v2",
        ),
    ]


# --- Go: go test, go vet, go build -----------------------------------------------------------------------------------

GO_MOD = "module acme\n\ngo 1.19\n"
GO_CALC = "package calc\n\nfunc Add(a, b int) int {\n\treturn a + b\n}\n\nfunc Div(a, b int) int {\n\treturn a / b\n}\n"
GO_TEST = textwrap.dedent(
    """\
    package calc

    import "testing"

    func TestAdd(t *testing.T) {
    \tif Add(1, 2) != 3 {
    \t\tt.Fatal("bad")
    \t}
    }

    func TestAddWrong(t *testing.T) {
    \tt.Log("error: logged by a test, not a failure")
    \tif got := Add(2, 2); got != 5 {
    \t\tt.Errorf("Add(2, 2) = %d, want 5", got)
    \t}
    }

    func TestSub(t *testing.T) {
    \tif got := Add(3, -1); got != 1 {
    \t\tt.Errorf("Add(3, -1) = %d, want 1", got)
    \t}
    }
    """
)


def many_go(count: int) -> str:
    return 'package calc\n\nimport "testing"\n' + "".join(
        f'\nfunc TestCase{i:03d}(t *testing.T) {{\n\tt.Logf("checking case {i}")\n}}\n' for i in range(count)
    )


def go_cases() -> list[Case]:
    files = {"go.mod": GO_MOD, "calc/calc.go": GO_CALC, "calc/calc_test.go": GO_TEST}
    go_env = {"GOFLAGS": "-mod=mod", "GOPROXY": "off", "GOTOOLCHAIN": "local"}
    return [
        Case(
            "go-test",
            "go",
            "go",
            "test",
            "go test ./...",
            files,
            section(r"^--- FAIL: TestAddWrong ", inside=[r"calc_test\.go:\d+: Add\(2, 2\) = 4, want 5"]),
            "go test: two failing tests",
            "go version",
            setup="actions/setup-go@v5",
            env=go_env,
        ),
        Case(
            "go-test-v",
            "go",
            "go",
            "test",
            "go test -v ./...",
            {**files, "calc/many_test.go": many_go(100)},
            first_of(r"^--- FAIL: TestAddWrong ", r"calc_test\.go:\d+: Add\(2, 2\) = 4, want 5"),
            "go test -v: a test logs 'error:', two fail (-v prints a test's log above its --- FAIL line), 100 passing tests run after them",
            "go version",
            setup="actions/setup-go@v5",
            env=go_env,
        ),
        Case(
            "go-test-packages",
            "go",
            "go",
            "test",
            "go test -cover ./...",
            {
                **files,
                "base/base.go": "package base\n\nfunc Twice(n int) int { return 2 * n }\n",
                "base/base_test.go": 'package base\n\nimport "testing"\n\nfunc TestTwice(t *testing.T) {\n\tif Twice(2) != 4 {\n\t\tt.Fatal("bad")\n\t}\n}\n',
                "cmd/tool/main.go": 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("tool") }\n',
            },
            section(r"^--- FAIL: TestAddWrong ", inside=[r"calc_test\.go:\d+: Add\(2, 2\) = 4, want 5"]),
            "go test -cover over three packages: one passes, one has no tests, one fails",
            "go version",
            setup="actions/setup-go@v5",
            env=go_env,
        ),
        Case(
            "go-test-panic",
            "go",
            "go",
            "test",
            "go test ./...",
            {
                **files,
                "calc/calc_test.go": GO_TEST.replace(
                    'func TestSub(t *testing.T) {\n\tif got := Add(3, -1); got != 1 {\n\t\tt.Errorf("Add(3, -1) = %d, want 1", got)\n\t}\n}\n',
                    'func TestDiv(t *testing.T) {\n\tif Div(1, 0) != 0 {\n\t\tt.Fatal("bad")\n\t}\n}\n',
                ).replace("got != 5", "got != 4"),
            },
            section(r"^--- FAIL: TestDiv ", inside=[r"^panic: runtime error: integer divide by zero"]),
            "go test: a test panics (integer divide by zero)",
            "go version",
            setup="actions/setup-go@v5",
            env=go_env,
        ),
        Case(
            "go-test-build-failed",
            "go",
            "go",
            "build",
            "go test ./...",
            {**files, "calc/calc_test.go": GO_TEST.replace("Add(3, -1)", "Sub(3, 1)")},
            first_of(r"calc_test\.go:\d+:\d+: undefined: Sub"),
            "go test: the test file does not compile",
            "go version",
            alt_categories=["test"],
            setup="actions/setup-go@v5",
            env=go_env,
        ),
        Case(
            "go-vet",
            "go",
            "go",
            "lint",
            "go vet ./...",
            {
                **files,
                "calc/report.go": 'package calc\n\nimport "fmt"\n\nfunc Report(name string) string {\n\treturn fmt.Sprintf("%d items", name)\n}\n\nfunc Log(n int) {\n\tfmt.Printf("%s\\n", n)\n}\n',
            },
            first_of(r"report\.go:6:\d+: fmt\.Sprintf format %d"),
            "go vet: two printf mistakes",
            "go version",
            setup="actions/setup-go@v5",
            env=go_env,
        ),
        Case(
            "go-build",
            "go",
            "go",
            "build",
            "go build ./...",
            {
                **files,
                "calc/calc.go": GO_CALC.replace("return a + b", 'var unused int\n\treturn a + "b"'),
            },
            first_of(r"calc\.go:4:6: "),
            "go build: two compile errors",
            "go version",
            setup="actions/setup-go@v5",
            env=go_env,
        ),
    ]


# --- R: testthat, a missing package --------------------------------------------------------------------------------

R_TEST = textwrap.dedent(
    """\
    add <- function(a, b) a + b

    test_that("adds", {
      expect_equal(add(1, 2), 3)
    })

    test_that("adds wrong", {
      expect_equal(add(2, 2), 5)
    })

    test_that("prints error text", {
      message("error: printed by a passing test")
      expect_true(TRUE)
    })

    test_that("stops", {
      stop("connection refused by db:5432")
    })
    """
)


def r_cases() -> list[Case]:
    return [
        Case(
            "testthat",
            "testthat",
            "r",
            "test",
            "Rscript -e 'testthat::test_dir(\"tests/testthat\", stop_on_failure = TRUE)'",
            {"tests/testthat/test-calc.R": R_TEST},
            section(r"^(?:── )?Failure \('test-calc\.R:8'\): adds wrong", inside=[r"^add\(2, 2\) not equal to 5"]),
            "testthat: a failure and an error",
            'Rscript -e \'cat("R", R.version$major, R.version$minor, "testthat", format(packageVersion("testthat")), "\\n")\'',
            setup="r-lib/actions/setup-r@v2",
        ),
        Case(
            "testthat-check-reporter",
            "testthat",
            "r",
            "test",
            'Rscript -e \'testthat::test_dir("tests/testthat", reporter = "check", stop_on_failure = TRUE)\'',
            {
                "tests/testthat/test-calc.R": R_TEST,
                "tests/testthat/test-a.R": 'test_that("a", { expect_true(TRUE) })\n',
            },
            section(r"^(?:── )?Failure \('test-calc\.R:8'\): adds wrong", inside=[r"^add\(2, 2\) not equal to 5"]),
            "testthat with the check reporter (what R CMD check prints)",
            'Rscript -e \'cat("R", R.version$major, R.version$minor, "testthat", format(packageVersion("testthat")), "\\n")\'',
            setup="r-lib/actions/setup-r@v2",
        ),
        Case(
            "rscript-missing-package",
            "rscript",
            "r",
            "dependency",
            "Rscript analysis.R",
            {
                "analysis.R": 'cat("loading data\\n")\nx <- c(1, 2, 3)\nprint(summary(x))\nlibrary(notavailablepkg)\nprint(x)\n'
            },
            first_of(r"^Error in library\(notavailablepkg\)", r"there is no package called"),
            "an R script loads a package that is not installed",
            "Rscript --version",
            setup="r-lib/actions/setup-r@v2",
        ),
    ]


# --- Elixir and Erlang: mix test, mix compile, erlc, eunit ---------------------------------------------------------

MIX_EXS = 'defmodule Calc.MixProject do\n  use Mix.Project\n\n  def project do\n    [app: :calc, version: "0.1.0", elixir: "~> 1.14", deps: []]\n  end\nend\n'
EX_CALC = "defmodule Calc do\n  def add(a, b), do: a + b\n  def div(a, b), do: Kernel.div(a, b)\nend\n"
EX_TEST = textwrap.dedent(
    """\
    defmodule CalcTest do
      use ExUnit.Case

      test "adds" do
        assert Calc.add(1, 2) == 3
      end

      test "adds wrong" do
        assert Calc.add(2, 2) == 5
      end

      test "prints error text" do
        IO.puts("error: printed by a passing test")
        assert true
      end

      test "divides by zero" do
        assert Calc.div(1, 0) == 0
      end
    end
    """
)


def beam_cases() -> list[Case]:
    mix = {
        "mix.exs": MIX_EXS,
        "lib/calc.ex": EX_CALC,
        "test/test_helper.exs": "ExUnit.start()\n",
        "test/calc_test.exs": EX_TEST,
    }
    beam_env = {"MIX_ENV": "test", "ELIXIR_ERL_OPTIONS": "+fnu"}
    return [
        Case(
            "mix-test",
            "mix",
            "elixir",
            "test",
            "mix test --seed 0",
            mix,
            section(r"^  1\) test ", inside=[r"^\s+(?:Assertion with == failed|\*\* \(ArithmeticError\))"]),
            "mix test: a failing assertion and an ArithmeticError",
            "elixir --version | tail -1",
            setup="erlef/setup-beam@v1",
            env=beam_env,
        ),
        Case(
            "mix-test-trace",
            "mix",
            "elixir",
            "test",
            "mix test --trace --seed 0",
            mix,
            section(r"^  1\) test ", inside=[r"^\s+(?:Assertion with == failed|\*\* \(ArithmeticError\))"]),
            "mix test --trace: per-test lines, the failures inline",
            "elixir --version | tail -1",
            setup="erlef/setup-beam@v1",
            env=beam_env,
        ),
        Case(
            "mix-compile-error",
            "mix",
            "elixir",
            "build",
            "mix compile --warnings-as-errors=false",
            {
                **mix,
                "lib/report.ex": 'defmodule Report do\n  def render(x) do\n    unused = 1\n    "#{x}"\n  end\n\n  def total(xs), do: Enum.sum(xs) + missing_helper(xs)\nend\n',
            },
            first_of(r"^== Compilation error in file lib/report\.ex ==", r"\(CompileError\) lib/report\.ex:7"),
            "mix compile: a warning (unused variable), then an undefined function",
            "elixir --version | tail -1",
            setup="erlef/setup-beam@v1",
            env=beam_env,
        ),
        Case(
            "erlc",
            "erlc",
            "erlang",
            "build",
            "mkdir -p ebin && erlc -Wall -o ebin src/*.erl",
            {
                "src/a_ok.erl": "-module(a_ok).\n-export([f/0]).\nf() -> ok.\n",
                "src/calc.erl": "-module(calc).\n-export([add/2, total/1]).\n\nadd(A, B) ->\n    Unused = 1,\n    A + B.\n\ntotal(Xs) -> lists:sum(Xs) + helper(Xs).\n\nother(X) -> undefined_fun(X).\n",
            },
            first_of(r"^src/calc\.erl:8:\d+: function helper/1 undefined"),
            "erlc: a warning (unused variable), then two undefined functions",
            "erl -noshell -eval 'io:format(\"Erlang/OTP ~s erts ~s~n\", [erlang:system_info(otp_release), erlang:system_info(version)]), halt().'",
            setup="erlef/setup-beam@v1",
        ),
        Case(
            "eunit",
            "eunit",
            "erlang",
            "test",
            "mkdir -p ebin && erlc -o ebin src/*.erl && erl -noshell -pa ebin -eval 'case eunit:test(calc, [verbose]) of ok -> halt(0); _ -> halt(1) end.'",
            {
                "src/calc.erl": textwrap.dedent(
                    """\
                    -module(calc).
                    -export([add/2]).
                    -include_lib("eunit/include/eunit.hrl").

                    add(A, B) -> A + B.

                    add_test() -> ?assertEqual(3, add(1, 2)).
                    add_wrong_test() -> ?assertEqual(5, add(2, 2)).
                    add_again_test() -> ?assertEqual(7, add(3, 3)).
                    """
                )
            },
            section(
                r"calc: add_wrong_test\.\.\.\*failed\*", inside=[r"^in function calc:add_wrong_test/0", r"^\*\*error:"]
            ),
            "eunit verbose: two failing tests",
            "erl -noshell -eval 'io:format(\"Erlang/OTP ~s erts ~s~n\", [erlang:system_info(otp_release), erlang:system_info(version)]), halt().'",
            setup="erlef/setup-beam@v1",
        ),
    ]


# --- Haskell: ghc ------------------------------------------------------------------------------------------------------


def haskell_cases() -> list[Case]:
    return [
        Case(
            "ghc-type-error",
            "ghc",
            "haskell",
            "build",
            "ghc -Wall -outputdir build -o app Main.hs",
            {
                "Main.hs": 'module Main where\n\nimport Calc (add)\n\nmain :: IO ()\nmain = print (add 1 "two")\n',
                "Calc.hs": "module Calc where\n\nadd :: Int -> Int -> Int\nadd a b = a + b\n\nhelper x = x\n",
            },
            first_of(r"^Main\.hs:6:\d+: error:", r"^    • Couldn't match type"),
            "ghc: Calc compiles with a warning, Main has a type error",
            "ghc --version",
            setup="haskell-actions/setup@v2",
        ),
        Case(
            "ghc-scope-error",
            "ghc",
            "haskell",
            "build",
            "ghc -outputdir build -o app Main.hs",
            {
                "Main.hs": "module Main where\n\nmain :: IO ()\nmain = do\n  print (total [1, 2, 3])\n  putStrLn (render 3)\n",
            },
            first_of(r"^Main\.hs:5:\d+: error:"),
            "ghc: two names not in scope",
            "ghc --version",
            setup="haskell-actions/setup@v2",
        ),
    ]


# --- Lua: busted, a plain assertion --------------------------------------------------------------------------------

LUA_CALC = (
    "local M = {}\nfunction M.add(a, b) return a + b end\nfunction M.scale(t, k) return t.value * k end\nreturn M\n"
)
BUSTED_SPEC = textwrap.dedent(
    """\
    local calc = require("calc")

    describe("calc", function()
      it("adds", function()
        assert.are.equal(3, calc.add(1, 2))
      end)

      it("adds wrong", function()
        assert.are.equal(5, calc.add(2, 2))
      end)

      it("scales nil", function()
        assert.are.equal(2, calc.scale(nil, 2))
      end)
    end)
    """
)


def lua_cases() -> list[Case]:
    files = {"src/calc.lua": LUA_CALC, "spec/calc_spec.lua": BUSTED_SPEC}
    lua_env = {"LUA_PATH": "src/?.lua;;"}
    return [
        Case(
            "busted",
            "busted",
            "lua",
            "test",
            "busted --lua=lua5.4 spec",
            files,
            section(
                r"^Failure (?:→|->) spec/calc_spec\.lua @ 8",
                inside=[r"^calc adds wrong", r"calc_spec\.lua:9: Expected"],
            ),
            "busted: a failing assertion and an error",
            "busted --version",
            setup="leafo/gh-actions-lua@v10",
            env=lua_env,
        ),
        Case(
            "busted-tap",
            "busted",
            "lua",
            "test",
            "busted --lua=lua5.4 -o TAP spec",
            files,
            section(r"^not ok \d+ - calc adds wrong", inside=[r"calc_spec\.lua:9: Expected"]),
            "busted -o TAP",
            "busted --version",
            setup="leafo/gh-actions-lua@v10",
            env=lua_env,
        ),
        Case(
            "lua-assert",
            "lua",
            "lua",
            "test",
            "lua5.4 tests/run.lua",
            {
                "src/calc.lua": LUA_CALC,
                "tests/run.lua": 'package.path = "src/?.lua;" .. package.path\nlocal calc = require("calc")\nprint("test add ... ok")\nassert(calc.add(1, 2) == 3)\nprint("test add wrong")\nassert(calc.add(2, 2) == 5, "add(2, 2) should be 5")\n',
            },
            first_of(r"^lua5\.4: tests/run\.lua:6: add\(2, 2\) should be 5"),
            "a plain Lua test script stops on a failed assert",
            "lua5.4 -v",
            setup="leafo/gh-actions-lua@v10",
        ),
    ]


# --- OCaml: dune build, dune test ----------------------------------------------------------------------------------


def ocaml_cases() -> list[Case]:
    project = {"dune-project": "(lang dune 2.9)\n", "bin/dune": "(executable (name main))\n"}
    return [
        Case(
            "dune-build",
            "dune",
            "ocaml",
            "build",
            "dune build 2>&1",
            {
                **project,
                "bin/main.ml": 'let add a b = a + b\n\nlet () = print_int (add 1 "two")\n\nlet () = print_string 42\n',
            },
            first_of(r'^File "bin/main\.ml", line 3', r"^Error: This expression has type string"),
            "dune build: a type error",
            "echo ocaml $(ocamlfind ocamlopt -version) dune $(dune --version)",
            setup="ocaml/setup-ocaml@v3",
        ),
        Case(
            "dune-test",
            "dune",
            "ocaml",
            "test",
            "dune test 2>&1",
            {
                "dune-project": "(lang dune 2.9)\n",
                "src/dune": "(library (name calc))\n",
                "src/calc.ml": "let add a b = a + b\nlet unused_helper x = x\n",
                "test/dune": "(test (name test_calc) (libraries calc))\n",
                "test/test_calc.ml": 'let () = print_endline "test add: ok"\nlet () = assert (Calc.add 1 2 = 3)\nlet () = print_endline "test add wrong"\nlet () = assert (Calc.add 2 2 = 5)\n',
            },
            first_of(r"Fatal error: exception Assert_failure"),
            "dune test: an assert in a test executable fails",
            "echo ocaml $(ocamlfind ocamlopt -version) dune $(dune --version)",
            setup="ocaml/setup-ocaml@v3",
        ),
    ]


# --- Fortran, D, Nim -------------------------------------------------------------------------------------------------


def native_cases() -> list[Case]:
    return [
        Case(
            "gfortran",
            "gfortran",
            "fortran",
            "build",
            "gfortran -Wall -o app src/util.f90 src/main.f90",
            {
                "src/util.f90": "module util\ncontains\n  integer function twice(n)\n    integer, intent(in) :: n\n    integer :: unused\n    twice = 2 * n\n  end function twice\nend module util\n",
                "src/main.f90": "program main\n  use util\n  implicit none\n  integer :: x\n  x = 'text'\n  print *, twice(x, 2)\nend program main\n",
            },
            first_of(r"^src/main\.f90:5:\d+:$", r"^Error: Cannot convert CHARACTER"),
            "gfortran -Wall: a warning in one file, two errors in the next",
            "gfortran --version",
            setup="fortran-lang/setup-fortran@v1",
        ),
        Case(
            "gfortran-make",
            "gfortran",
            "fortran",
            "build",
            "make",
            {
                "Makefile": "FC = gfortran\nFFLAGS = -O0\n\nall: app\n\napp: util.o main.o\n\t$(FC) -o $@ $^\n\n%.o: %.f90\n\t$(FC) $(FFLAGS) -c $<\n\nmain.o: util.o\n",
                "util.f90": "module util\ncontains\n  integer function twice(n)\n    integer, intent(in) :: n\n    twice = 2 * n\n  end function twice\nend module util\n",
                "main.f90": "program main\n  use util\n  implicit none\n  print *, twice(3)\n  call undefined_sub(\n  print *, y\nend program main\n",
            },
            first_of(r"^main\.f90:5:\d+:$", r"^Error: "),
            "gfortran through make: the second object fails",
            "gfortran --version",
            setup="fortran-lang/setup-fortran@v1",
        ),
        Case(
            "ldc",
            "ldc2",
            "d",
            "build",
            "ldc2 -of=app source/app.d source/calc.d",
            {
                "source/calc.d": "module calc;\n\nint add(int a, int b) { return a + b; }\n",
                "source/app.d": 'import std.stdio;\nimport calc;\n\nvoid main()\n{\n    int n = "text";\n    writeln(add(1, 2, 3));\n}\n',
            },
            first_of(r"^source/app\.d\(6\): Error: "),
            "ldc2: two errors",
            "ldc2 --version | head -1",
            setup="dlang-community/setup-dlang@v1",
        ),
        Case(
            "ldc-unittest",
            "ldc2",
            "d",
            "test",
            "ldc2 -unittest -main -run source/calc.d",
            {
                "source/calc.d": 'module calc;\n\nint add(int a, int b) { return a + b; }\n\nunittest { assert(add(1, 2) == 3); }\nunittest { assert(add(2, 2) == 5, "add(2, 2) should be 5"); }\nunittest { assert(add(3, 3) == 7); }\n',
            },
            first_of(r"AssertError@source/calc\.d\(6\)"),
            "D unittests: two failing blocks; the module stops at the first",
            "ldc2 --version | head -1",
            setup="dlang-community/setup-dlang@v1",
        ),
        Case(
            "nim-compile",
            "nim",
            "nim",
            "build",
            "nim c --hints:on src/app.nim",
            {
                "src/calc.nim": "proc add*(a, b: int): int = a + b\n",
                "src/app.nim": 'import calc\n\nlet unused = 1\nlet n: int = "text"\necho add(1, 2, 3)\n',
            },
            first_of(r"^\S*app\.nim\(4, \d+\) Error: "),
            "nim c: configuration hints and progress dots, then a type mismatch",
            "nim --version | head -1",
            setup="jiro4989/setup-nim-action@v2",
        ),
        Case(
            "nim-unittest",
            "nim",
            "nim",
            "test",
            "nim c -r --hints:off tests/test_calc.nim",
            {
                "tests/test_calc.nim": textwrap.dedent(
                    """\
                    import std/unittest

                    proc add(a, b: int): int = a + b

                    suite "calc":
                      test "adds":
                        check add(1, 2) == 3
                      test "adds wrong":
                        check add(2, 2) == 5
                      test "adds again wrong":
                        check add(3, 3) == 7
                    """
                )
            },
            section(r"test_calc\.nim\(9, \d+\): Check failed: add\(2, 2\) == 5", inside=[r"\[FAILED\] adds wrong"]),
            "nim std/unittest: two failing tests",
            "nim --version | head -1",
            setup="jiro4989/setup-nim-action@v2",
        ),
    ]


# --- shell: shellcheck, bats; Clojure: clojure.test --------------------------------------------------------------------

BATS = textwrap.dedent(
    """\
    #!/usr/bin/env bats

    add() { echo $(( $1 + $2 )); }

    @test "adds" {
      [ "$(add 1 2)" -eq 3 ]
    }

    @test "adds wrong" {
      result="$(add 2 2)"
      echo "error: printed by the test"
      [ "$result" -eq 5 ]
    }

    @test "adds again wrong" {
      [ "$(add 3 3)" -eq 7 ]
    }
    """
)


def shell_cases() -> list[Case]:
    deploy = "#!/bin/bash\nset -e\ncp $1 /tmp/target\nfor f in $(ls *.txt); do\n  echo $f\ndone\n"
    return [
        Case(
            "shellcheck",
            "shellcheck",
            "shell",
            "lint",
            "shellcheck scripts/*.sh",
            {"scripts/a_ok.sh": '#!/bin/sh\necho "ok"\n', "scripts/deploy.sh": deploy},
            first_of(r"^In scripts/deploy\.sh line 3:", r"\^-- SC2086"),
            "shellcheck: several findings in one script",
            "shellcheck --version | sed -n 2p",
            setup="actions/checkout@v4",
        ),
        Case(
            "shellcheck-gcc",
            "shellcheck",
            "shell",
            "lint",
            "shellcheck -f gcc scripts/*.sh",
            {"scripts/a_ok.sh": '#!/bin/sh\necho "ok"\n', "scripts/deploy.sh": deploy},
            first_of(r"^scripts/deploy\.sh:3:\d+: "),
            "shellcheck -f gcc: one line per finding",
            "shellcheck --version | sed -n 2p",
            setup="actions/checkout@v4",
        ),
        Case(
            "bats",
            "bats",
            "shell",
            "test",
            "bats --pretty test",
            {"test/calc.bats": BATS},
            section(r"✗ adds wrong$", inside=[r"\(in test file test/calc\.bats, line 12\)", r"failed$"]),
            "bats --pretty (colour, cursor moves): two failing tests; the first prints 'error:'",
            "bats --version",
            setup="actions/checkout@v4",
            env={"TERM": "xterm"},
        ),
        Case(
            "bats-tap",
            "bats",
            "shell",
            "test",
            "bats --tap test",
            {"test/calc.bats": BATS},
            section(r"^not ok 2 adds wrong", inside=[r"^# \(in test file test/calc\.bats, line 12\)", r"failed$"]),
            "bats --tap: two failing tests; the first prints 'error:'",
            "bats --version",
            setup="actions/checkout@v4",
        ),
        Case(
            "clojure-test",
            "clojure.test",
            "clojure",
            "test",
            "clojure test/run.clj",
            {
                "test/run.clj": textwrap.dedent(
                    """\
                    (ns calc-test
                      (:require [clojure.test :refer [deftest is run-tests]]))

                    (defn add [a b] (+ a b))

                    (deftest adds (is (= 3 (add 1 2))))
                    (deftest adds-wrong (is (= 5 (add 2 2))))
                    (deftest divides (is (= 0 (/ 1 0))))

                    (let [{:keys [fail error]} (run-tests 'calc-test)]
                      (System/exit (if (pos? (+ fail error)) 1 0)))
                    """
                )
            },
            section(r"^(?:FAIL|ERROR) in \((?:adds-wrong|divides)\)", inside=[r"^expected: ", r"^  actual: "]),
            "clojure.test: a failure and an error",
            "clojure -e '(println \"Clojure\" (clojure-version))'",
            setup="DeLaGuardo/setup-clojure@v12",
        ),
    ]


# --- more tools: hspec, hlint, luacheck, dub, Ant, autoconf, shfmt, mix format, alcotest, lintr, rebar3, Crystal ----

HSPEC = textwrap.dedent(
    """\
    import Test.Hspec

    add :: Int -> Int -> Int
    add a b = a + b

    main :: IO ()
    main = hspec $ describe "Calc" $ do
      it "adds" $ add 1 2 `shouldBe` 3
      it "adds wrong" $ add 2 2 `shouldBe` 5
      it "adds again wrong" $ add 3 3 `shouldBe` 7
    """
)
ANT_BUILD = textwrap.dedent(
    """\
    <project name="acme" default="test">
      <path id="cp">
        <pathelement location="build/classes"/>
        <pathelement location="build/test-classes"/>
        <pathelement location="/usr/share/java/junit4.jar"/>
        <pathelement location="/usr/share/java/hamcrest-core.jar"/>
      </path>
      <target name="compile">
        <mkdir dir="build/classes"/>
        <javac srcdir="src" destdir="build/classes" includeantruntime="false"/>
      </target>
      <target name="test" depends="compile">
        <mkdir dir="build/test-classes"/>
        <javac srcdir="test" destdir="build/test-classes" classpathref="cp" includeantruntime="false"/>
        <junit printsummary="yes" haltonfailure="yes">
          <classpath refid="cp"/>
          <formatter type="plain" usefile="false"/>
          <test name="acme.CalcTest"/>
        </junit>
      </target>
    </project>
    """
)
JAVA_CALC = (
    "package acme;\n\npublic class Calc {\n    public static int add(int a, int b) {\n        return a + b;\n    }\n}\n"
)
JAVA_TEST = textwrap.dedent(
    """\
    package acme;

    import static org.junit.Assert.assertEquals;

    import org.junit.Test;

    public class CalcTest {
        @Test
        public void testAdd() {
            assertEquals(3, Calc.add(1, 2));
        }

        @Test
        public void testAddWrong() {
            assertEquals(5, Calc.add(2, 2));
        }

        @Test
        public void testAddAgainWrong() {
            assertEquals(7, Calc.add(3, 3));
        }
    }
    """
)
REBAR_APP = '{application, calc, [{description, "calc"}, {vsn, "0.1.0"}, {registered, []}, {applications, [kernel, stdlib]}, {env, []}, {modules, []}]}.\n'
CRYSTAL_SPEC = textwrap.dedent(
    """\
    require "spec"

    def add(a, b)
      a + b
    end

    describe "Calc" do
      it "adds" do
        add(1, 2).should eq(3)
      end

      it "adds wrong" do
        add(2, 2).should eq(5)
      end

      it "adds again wrong" do
        add(3, 3).should eq(7)
      end
    end
    """
)


def more_tools() -> list[Case]:
    return [
        Case(
            "hspec",
            "hspec",
            "haskell",
            "test",
            "runghc test/Spec.hs",
            {"test/Spec.hs": HSPEC},
            section(r"^  1\) Calc adds wrong", inside=[r"expected: 5"], anywhere=[r"^  test/Spec\.hs:9:\d+: $"]),
            "hspec: two failing examples",
            "ghc-pkg field hspec version --simple-output | sed 's/^/hspec /'",
            setup="haskell-actions/setup@v2",
        ),
        Case(
            "hlint",
            "hlint",
            "haskell",
            "lint",
            "hlint src",
            {
                "src/A.hs": "module A where\n\nf :: Int -> Int\nf x = x + 1\n",
                "src/Calc.hs": "module Calc where\n\ntwice :: [Int] -> [Int]\ntwice xs = map (\\x -> x * 2) xs\n\nfirst :: [Int] -> Int\nfirst xs = if null xs then 0 else (head xs)\n",
            },
            first_of(r"^src/Calc\.hs:\d+:\d+(?:-\d+)?: (?:Warning|Suggestion|Error): "),
            "hlint: hints in one module",
            "hlint --version",
            setup="haskell-actions/hlint-setup@v2",
        ),
        Case(
            "luacheck",
            "luacheck",
            "lua",
            "lint",
            "luacheck --no-color src",
            {
                "src/a_ok.lua": "local M = {}\nfunction M.f() return 1 end\nreturn M\n",
                "src/calc.lua": "local M = {}\nfunction M.add(a, b)\n  local unused = 1\n  return a + b\nend\nfunction M.bad()\n  return undefined_global\nend\nreturn M\n",
            },
            first_of(r"^\s*src/calc\.lua:3:\d+: "),
            "luacheck: a clean file, then an unused variable and an undefined global",
            "luacheck --version | head -1",
            setup="leafo/gh-actions-lua@v10",
        ),
        Case(
            "dub-build",
            "dub",
            "d",
            "build",
            "dub build --compiler=ldc2",
            {
                "dub.json": '{"name": "acme", "targetType": "executable"}\n',
                "source/calc.d": "module calc;\n\nint add(int a, int b) { return a + b; }\n",
                "source/app.d": 'import std.stdio;\nimport calc;\n\nvoid main()\n{\n    int n = "text";\n    writeln(add(1, 2, 3));\n}\n',
            },
            first_of(r"^source/app\.d\(6,\d+\): Error: "),
            "dub build: two compile errors, then dub's own closing line",
            "dub --version | head -1",
            setup="dlang-community/setup-dlang@v1",
        ),
        Case(
            "ant-javac",
            "ant",
            "java",
            "build",
            "ant compile",
            {
                "build.xml": ANT_BUILD,
                "src/acme/Calc.java": JAVA_CALC,
                "src/acme/Main.java": 'package acme;\n\npublic class Main {\n    public static void main(String[] args) {\n        int n = "text";\n        Calc.missing();\n    }\n}\n',
            },
            first_of(r"\[javac\] \S*src/acme/Main\.java:5: error: "),
            "ant: javac reports two errors, then BUILD FAILED",
            "ant -version",
            setup="actions/setup-java@v4",
        ),
        Case(
            "ant-junit",
            "ant",
            "java",
            "test",
            "ant test",
            {"build.xml": ANT_BUILD, "src/acme/Calc.java": JAVA_CALC, "test/acme/CalcTest.java": JAVA_TEST},
            section(
                r"\[junit\] Testcase: testAdd(?:Again)?Wrong took ",
                inside=[
                    r"\[junit\] \tFAILED$",
                    r"\[junit\] expected:<",
                    r"\[junit\] junit\.framework\.AssertionFailedError: ",
                ],
            ),
            "ant junit (plain formatter): two failing tests, then BUILD FAILED",
            "ant -version",
            setup="actions/setup-java@v4",
        ),
        Case(
            "autoconf-configure",
            "autoconf",
            "c",
            "dependency",
            "autoconf && ./configure",
            {
                "configure.ac": "AC_INIT([acme], [1.0])\nAC_PROG_CC\nAC_CHECK_HEADERS([stdio.h])\nAC_CHECK_LIB([acmecrypto], [acme_init], [], [AC_MSG_ERROR([libacmecrypto is required: install it or pass LDFLAGS])])\nAC_OUTPUT\n",
            },
            first_of(r"^configure: error: libacmecrypto is required"),
            "./configure: passing checks, then a library it requires is missing",
            "autoconf --version | head -1",
            alt_categories=["config"],
            setup="actions/checkout@v4",
        ),
        Case(
            "shfmt",
            "shfmt",
            "shell",
            "lint",
            "shfmt -d scripts",
            {
                "scripts/a_ok.sh": '#!/bin/sh\necho "ok"\n',
                "scripts/deploy.sh": '#!/bin/bash\nif [ -n "$1" ]; then\n        echo "$1"\nfi\nfor f in a b; do echo "$f" ; done\n',
            },
            first_of(r"^(?:diff|---) \S*scripts/deploy\.sh"),
            "shfmt -d: a diff for the unformatted script",
            "shfmt --version",
            setup="actions/checkout@v4",
        ),
        Case(
            "mix-format",
            "mix",
            "elixir",
            "lint",
            "mix format --check-formatted",
            {
                "mix.exs": MIX_EXS,
                ".formatter.exs": '[inputs: ["{mix,.formatter}.exs", "{lib,test}/**/*.{ex,exs}"]]\n',
                "lib/calc.ex": "defmodule Calc do\n  def add(a,b), do: a+b\nend\n",
            },
            first_of(r"^\*\* \(Mix\) mix format failed", r"^  \* lib/calc\.ex$"),
            "mix format --check-formatted: one file is not formatted",
            "elixir --version | tail -1",
            setup="erlef/setup-beam@v1",
            env={"MIX_ENV": "test"},
        ),
        Case(
            "dune-alcotest",
            "alcotest",
            "ocaml",
            "test",
            "dune test 2>&1",
            {
                "dune-project": "(lang dune 2.9)\n",
                "test/dune": "(test (name test_calc) (libraries alcotest))\n",
                "test/test_calc.ml": textwrap.dedent(
                    """\
                    let add a b = a + b
                    let adds () = Alcotest.(check int) "same int" 3 (add 1 2)
                    let adds_wrong () = Alcotest.(check int) "same int" 5 (add 2 2)
                    let adds_again () = Alcotest.(check int) "same int" 7 (add 3 3)

                    let () =
                      Alcotest.run "calc"
                        [ ("add", [ Alcotest.test_case "adds" `Quick adds;
                                    Alcotest.test_case "adds wrong" `Quick adds_wrong;
                                    Alcotest.test_case "adds again" `Quick adds_again ]) ]
                    """
                ),
            },
            section(
                r"\[FAIL\]\s+add\s+1\s+adds wrong", inside=[r"^│ \[FAIL\]\s+add\s+1\s+adds wrong", r"ASSERT same int"]
            ),
            "alcotest under dune test: two failing test cases",
            "echo ocaml $(ocamlfind ocamlopt -version) alcotest $(ocamlfind list 2>/dev/null | sed -n 's/^alcotest  *(version: \\(.*\\))$/\\1/p')",
            setup="ocaml/setup-ocaml@v3",
            env={"NO_COLOR": "1"},
        ),
        Case(
            "lintr",
            "lintr",
            "r",
            "lint",
            "Rscript -e 'lints <- lintr::lint_dir(\"R\"); print(lints); quit(status = as.integer(length(lints) > 0))'",
            {
                "R/a_ok.R": "double_it <- function(x) {\n  x * 2\n}\n",
                "R/calc.R": "addNumbers <- function(a,b) {\n  a+b\n}\n",
            },
            first_of(r"^(?:\S*R/)?calc\.R:1:\d+: "),
            "lintr: a clean file, then style lints (GITHUB_ACTIONS unset: with it lintr prints workflow commands, which the runner turns into annotations)",
            'Rscript -e \'cat("lintr", format(packageVersion("lintr")), "\\n")\'',
            setup="r-lib/actions/setup-r@v2",
            env={"GITHUB_ACTIONS": "false"},
        ),
        Case(
            "rebar3-eunit",
            "rebar3",
            "erlang",
            "test",
            "rebar3 eunit",
            {
                "rebar.config": "{erl_opts, [debug_info]}.\n{deps, []}.\n",
                "src/calc.app.src": REBAR_APP,
                "src/calc.erl": textwrap.dedent(
                    """\
                    -module(calc).
                    -export([add/2]).
                    -include_lib("eunit/include/eunit.hrl").

                    add(A, B) -> A + B.

                    add_test() -> ?assertEqual(3, add(1, 2)).
                    add_wrong_test() -> ?assertEqual(5, add(2, 2)).
                    add_again_test() -> ?assertEqual(7, add(3, 3)).
                    """
                ),
            },
            section(r"^\s+1\) calc:add_wrong_test", inside=[r"Failure/Error: ", r"expected: 5"]),
            "rebar3 eunit: two failing tests",
            "rebar3 version",
            setup="erlef/setup-beam@v1",
        ),
        Case(
            "rebar3-compile",
            "rebar3",
            "erlang",
            "build",
            "rebar3 compile",
            {
                "rebar.config": "{erl_opts, [debug_info]}.\n{deps, []}.\n",
                "src/calc.app.src": REBAR_APP,
                "src/calc.erl": "-module(calc).\n-export([add/2, total/1]).\n\nadd(A, B) ->\n    Unused = 1,\n    A + B.\n\ntotal(Xs) -> lists:sum(Xs) + helper(Xs).\n",
            },
            first_of(r"calc\.erl:8:\d+: function helper/1 undefined"),
            "rebar3 compile: an undefined function (and a warning)",
            "rebar3 version",
            setup="erlef/setup-beam@v1",
        ),
        Case(
            "crystal-spec",
            "crystal",
            "crystal",
            "test",
            "crystal spec",
            {"spec/calc_spec.cr": CRYSTAL_SPEC},
            section(
                r"^  1\) Calc adds wrong",
                inside=[r"Failure/Error: ", r"Expected: 5"],
                anywhere=[r"^crystal spec spec/calc_spec\.cr:\d+ # Calc adds wrong"],
            ),
            "crystal spec: two failing examples",
            "crystal --version | head -1",
            setup="crystal-lang/install-crystal@v1",
        ),
        Case(
            "crystal-build",
            "crystal",
            "crystal",
            "build",
            "crystal build src/app.cr",
            {"src/app.cr": 'def add(a : Int32, b : Int32)\n  a + b\nend\n\nputs add(1, "two")\n'},
            first_of(r"^In src/app\.cr:5:\d+", r"^Error: "),
            "crystal build: no overload matches",
            "crystal --version | head -1",
            setup="crystal-lang/install-crystal@v1",
        ),
    ]


def second_shapes() -> list[Case]:
    """A second shape for tools that had one: another output format, another kind of failure."""
    report = '# frozen_string_literal: true\n\n# Report.\nclass Report\n  def render(x)\n    unused = 1\n    return "#{x}"\n  end\nend\n'
    go_env = {"GOPROXY": "off", "GOTOOLCHAIN": "local"}
    return [
        Case(
            "rubocop-simple",
            "rubocop",
            "ruby",
            "lint",
            "rubocop --format simple lib",
            {
                "lib/calc.rb": "# frozen_string_literal: true\n\n# Arithmetic.\nmodule Calc\n  def self.add(left, right)\n    left + right\n  end\nend\n",
                "lib/report.rb": report,
                ".rubocop.yml": "AllCops:\n  NewCops: enable\n  SuggestExtensions: false\n",
            },
            first_of(r"^== lib/report\.rb ==$", r"^C:\s+5:\s+14: "),
            "rubocop --format simple: offenses under the file's header",
            "rubocop --version",
            setup="ruby/setup-ruby@v1",
        ),
        Case(
            "ruby-syntax",
            "ruby",
            "ruby",
            "build",
            'for f in lib/*.rb; do ruby -wc "$f" || exit 1; done',
            {
                "lib/a_ok.rb": "puts 'ok'\n",
                "lib/b_broken.rb": "def total(xs)\n  xs.sum(\nend\n",
            },
            first_of(r"^lib/b_broken\.rb:\d+: syntax error"),
            "ruby -wc: a clean file (Syntax OK), then a syntax error",
            "ruby --version",
            alt_categories=["lint"],
            setup="ruby/setup-ruby@v1",
        ),
        Case(
            "phpcs-two-files",
            "phpcs",
            "php",
            "lint",
            "phpcs --standard=PSR12 --no-colors src",
            {
                "src/A.php": "<?php\n\nnamespace Acme;\n\nclass A\n{\n    public function f()\n    {\n        return 1;\n    }\n}\n?>\n",
                "src/B.php": "<?php\nnamespace Acme;\nclass B {\n}\n",
            },
            first_of(r"^FILE: ", r"^\s*\d+ \| (?:ERROR|WARNING) \| "),
            "phpcs: findings in two files (reported in the order phpcs finished them); the first file's first row is the culprit",
            "phpcs --version",
            setup="shivammathur/setup-php@v2",
        ),
        Case(
            "eunit-quiet",
            "eunit",
            "erlang",
            "test",
            "mkdir -p ebin && erlc -o ebin src/*.erl && erl -noshell -pa ebin -eval 'case eunit:test(calc) of ok -> halt(0); _ -> halt(1) end.'",
            {
                "src/calc.erl": textwrap.dedent(
                    """\
                    -module(calc).
                    -export([add/2]).
                    -include_lib("eunit/include/eunit.hrl").

                    add(A, B) -> A + B.

                    add_test() -> ?assertEqual(3, add(1, 2)).
                    add_wrong_test() -> ?assertEqual(5, add(2, 2)).
                    add_again_test() -> ?assertEqual(7, add(3, 3)).
                    """
                )
            },
            section(
                r"calc: add_wrong_test\.\.\.\*failed\*", inside=[r"^in function calc:add_wrong_test/0", r"^\*\*error:"]
            ),
            "eunit without verbose: two failing tests",
            "erl -noshell -eval 'io:format(\"Erlang/OTP ~s erts ~s~n\", [erlang:system_info(otp_release), erlang:system_info(version)]), halt().'",
            setup="erlef/setup-beam@v1",
        ),
        Case(
            "dune-warning-error",
            "dune",
            "ocaml",
            "build",
            "dune build 2>&1",
            {
                "dune-project": "(lang dune 2.9)\n",
                "src/dune": "(library (name calc))\n",
                "src/calc.ml": "let add a b = a + b\n\nlet scale x =\n  let factor = 2 in\n  x * 3\n",
            },
            first_of(r'^File "src/calc\.ml", line 4', r"^Error \(warning 26"),
            "dune build in the dev profile: an unused variable is an error",
            "echo ocaml $(ocamlfind ocamlopt -version) dune $(dune --version)",
            setup="ocaml/setup-ocaml@v3",
        ),
        Case(
            "go-missing-module",
            "go",
            "go",
            "dependency",
            "go build ./...",
            {
                "go.mod": GO_MOD,
                "calc/calc.go": 'package calc\n\nimport "github.com/acme/mathx"\n\nfunc Add(a, b int) int { return mathx.Add(a, b) }\n',
            },
            first_of(r"no required module provides package github\.com/acme/mathx"),
            "go build: an import no module in go.mod provides",
            "go version",
            setup="actions/setup-go@v5",
            env=go_env,
        ),
        Case(
            "luacheck-error",
            "luacheck",
            "lua",
            "lint",
            "luacheck --no-color src",
            {
                "src/a.lua": "local M = {}\nlocal unused = 1\nreturn M\n",
                "src/b.lua": "local M = {}\nfunction M.f(\n  return 1\nend\nreturn M\n",
            },
            first_of(r"^\s*src/a\.lua:2:\d+: ", r"^\s*src/b\.lua:3:\d+: "),
            "luacheck: a warning in one file, a syntax error in the next (either fails the job: both are accepted)",
            "luacheck --version | head -1",
            setup="leafo/gh-actions-lua@v10",
        ),
        Case(
            "mix-test-compile-error",
            "mix",
            "elixir",
            "build",
            "mix test --seed 0",
            {
                "mix.exs": MIX_EXS,
                "lib/calc.ex": EX_CALC,
                "test/test_helper.exs": "ExUnit.start()\n",
                "test/calc_test.exs": EX_TEST.replace("Calc.add(1, 2) == 3", "Calc.sub(1, 2) == -1").replace(
                    "  use ExUnit.Case\n", "  use ExUnit.Case\n  import Calc.Helpers\n"
                ),
            },
            first_of(
                r"^== Compilation error in file test/calc_test\.exs ==", r"\(CompileError\) test/calc_test\.exs:\d+"
            ),
            "mix test: the test file does not compile (an import of a module that does not exist)",
            "elixir --version | tail -1",
            alt_categories=["test"],
            setup="erlef/setup-beam@v1",
            env={"MIX_ENV": "test"},
        ),
    ]


def third_shapes() -> list[Case]:
    """Shapes for the ecosystems main's newer rules cover (Nim, Clojure, R, Lua, Fortran, D, autoconf, Ant,
    Crystal), added after those rules were written and committed before the analyzer was run on them."""
    return [
        Case(
            "nim-warning-first",
            "nim",
            "nim",
            "build",
            "nim c --hints:off src/app.nim",
            {
                "src/app.nim": 'import std/strutils\n\nproc old(): int {.deprecated: "use new".} = 1\n\necho old()\nlet n: int = "text"\n',
            },
            first_of(r"app\.nim\(6, \d+\) Error: "),
            "nim c: a deprecation warning, then a type mismatch",
            "nim --version | head -1",
            setup="jiro4989/setup-nim-action@v2",
        ),
        Case(
            "clojure-compile-error",
            "clojure",
            "clojure",
            "build",
            "clojure src/app.clj",
            {"src/app.clj": '(ns app)\n\n(println "starting")\n(defn total [xs] (reduce + (undefined-fn xs)))\n'},
            first_of(r"^Syntax error compiling at \(", r"Unable to resolve symbol: undefined-fn"),
            "clojure: a script refers to a symbol that does not exist",
            "clojure -e '(println \"Clojure\" (clojure-version))'",
            setup="DeLaGuardo/setup-clojure@v12",
        ),
        Case(
            "testthat-warning-first",
            "testthat",
            "r",
            "test",
            "Rscript -e 'testthat::test_dir(\"tests/testthat\", stop_on_failure = TRUE)'",
            {
                "tests/testthat/test-a.R": 'test_that("warns", {\n  warning("deprecated argument")\n  expect_true(TRUE)\n})\n',
                "tests/testthat/test-calc.R": R_TEST,
            },
            section(r"^(?:── )?Failure \('test-calc\.R:8'\): adds wrong", inside=[r"^add\(2, 2\) not equal to 5"]),
            "testthat: a warning in an earlier file is listed before the failure",
            'Rscript -e \'cat("R", R.version$major, R.version$minor, "testthat", format(packageVersion("testthat")), "\\n")\'',
            setup="r-lib/actions/setup-r@v2",
        ),
        Case(
            "busted-errors",
            "busted",
            "lua",
            "test",
            "busted --lua=lua5.4 spec",
            {
                "src/calc.lua": LUA_CALC,
                "spec/calc_spec.lua": 'local calc = require("calc")\n\ndescribe("calc", function()\n  it("adds", function()\n    assert.are.equal(3, calc.add(1, 2))\n  end)\n\n  it("scales nil", function()\n    assert.are.equal(2, calc.scale(nil, 2))\n  end)\n\n  it("adds nil", function()\n    assert.are.equal(2, calc.add(nil, 2))\n  end)\nend)\n',
            },
            section(
                r"^Error (?:→|->) spec/calc_spec\.lua @ 8",
                inside=[r"^calc scales nil", r"attempt to index a nil value"],
            ),
            "busted: two erroring tests, no failing assertion",
            "busted --version",
            setup="leafo/gh-actions-lua@v10",
            env={"LUA_PATH": "src/?.lua;;"},
        ),
        Case(
            "gfortran-error-stop",
            "gfortran",
            "fortran",
            "test",
            "gfortran -o test_calc test/test_calc.f90 && ./test_calc",
            {
                "test/test_calc.f90": "program test_calc\n  implicit none\n  print *, 'test add: ok'\n  if (2 + 2 /= 5) error stop 'add(2, 2) should be 5'\n  print *, 'test sub: ok'\nend program test_calc\n",
            },
            first_of(r"^ERROR STOP add\(2, 2\) should be 5"),
            "a Fortran test program stops with ERROR STOP",
            "gfortran --version",
            setup="fortran-lang/setup-fortran@v1",
        ),
        Case(
            "dub-test",
            "dub",
            "d",
            "test",
            "dub test --compiler=ldc2",
            {
                "dub.json": '{"name": "acme", "targetType": "library"}\n',
                "source/calc.d": 'module calc;\n\nint add(int a, int b) { return a + b; }\n\nunittest { assert(add(1, 2) == 3); }\nunittest { assert(add(2, 2) == 5, "add(2, 2) should be 5"); }\n',
            },
            first_of(r"AssertError@source/calc\.d\(6\)"),
            "dub test: a failing unittest block",
            "dub --version | head -1",
            setup="dlang-community/setup-dlang@v1",
        ),
        Case(
            "autoconf-no-compiler",
            "autoconf",
            "c",
            "build",
            "autoconf && CC=cc-not-installed ./configure",
            {"configure.ac": "AC_INIT([acme], [1.0])\nAC_PROG_CC\nAC_OUTPUT\n"},
            first_of(r"^configure: error: in `", r"^configure: error: C compiler cannot create executables"),
            "./configure: the C compiler it was given does not exist",
            "autoconf --version | head -1",
            alt_categories=["config", "dependency"],
            setup="actions/checkout@v4",
        ),
        Case(
            "ant-missing-target",
            "ant",
            "java",
            "config",
            "ant compile tst",
            {"build.xml": ANT_BUILD, "src/acme/Calc.java": JAVA_CALC},
            first_of(r'^Target "tst" does not exist in the project "acme"'),
            "ant: the first target runs, the second is misspelt",
            "ant -version",
            setup="actions/setup-java@v4",
        ),
        Case(
            "crystal-spec-compile-error",
            "crystal",
            "crystal",
            "build",
            "crystal spec",
            {"spec/calc_spec.cr": CRYSTAL_SPEC.replace("add(1, 2).should eq(3)", 'add(1, "two").should eq(3)')},
            first_of(r"^In spec/calc_spec\.cr:\d+:\d+", r"^Error: "),
            "crystal spec: the spec file does not compile",
            "crystal --version | head -1",
            alt_categories=["test"],
            setup="crystal-lang/install-crystal@v1",
        ),
    ]


def debian_cases() -> list[Case]:
    return (
        ruby_cases()
        + php_cases()
        + go_cases()
        + r_cases()
        + beam_cases()
        + haskell_cases()
        + lua_cases()
        + ocaml_cases()
        + native_cases()
        + shell_cases()
        + more_tools()
        + second_shapes()
        + third_shapes()
    )
