# ruff: noqa: E501  (the tiny projects' files are written inline, one string each)
"""Toolchain development set: the long tail of ecosystems with few hits on unseen logs (Perl, Haskell, Erlang, shell
scripts, Vim script), each with shapes the earlier modules do not have: ExtUtils::MakeMaker's `make test`,
Module::Build's `./Build test`, Test2, Test::Exception, perlcritic, cpanm; cabal build and cabal test with tasty,
hspec, HUnit and QuickCheck; Common Test through ct_run and rebar3, dialyzer and xref through rebar3; shunit2, bats
with a helper's stack trace, zsh; Vim's assert functions (v:errors), Vim's own error messages, vint.

The cases reuse make_logs.py's ``Case``, labellers and wrapping; make_logs.py adds them to its list. Each tool is
taken from PATH (see README.md for the packages; vint from a virtualenv, ``TOOLCHAIN_VINT``); the culprit lines are
found from what each case knows (the first failing test's name, the file holding the first error), by the
conventions of bench/validation/README.md, never by running the analyzer.
"""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

from make_logs import Case, first_of, section

VINT = Path(os.environ.get("TOOLCHAIN_VINT", "/tmp/tc/longtail/vint-venv"))
PERL_SETUP = "shogo82148/actions-setup-perl@v1"
HASKELL_SETUP = "haskell-actions/setup@v2"
BEAM_SETUP = "erlef/setup-beam@v1"
ERL_VERSION = "erl -noshell -eval 'io:format(\"Erlang/OTP ~s erts ~s~n\", [erlang:system_info(otp_release), erlang:system_info(version)]), halt().'"

# --- Perl ---------------------------------------------------------------------------------------------------------------

PERL_CALC = textwrap.dedent(
    """\
    package Acme::Calc;
    use strict;
    use warnings;
    our $VERSION = '0.01';
    sub add { return $_[0] + $_[1] }
    sub mul { return $_[0] * $_[1] + 1 }
    sub parse { my %h = map { split /=/ } split /,/, $_[0]; return \\%h }
    sub check { my ($n) = @_; die "negative: $n\\n" if $n < 0; return $n }
    sub lookup { my ($h, $k) = @_; return $h->{$k} }
    1;
    """
)
MAKEFILE_PL = "use ExtUtils::MakeMaker;\nWriteMakefile(\n    NAME         => 'Acme::Calc',\n    VERSION_FROM => 'lib/Acme/Calc.pm',\n    TEST_REQUIRES => { 'Test::More' => 0 },\n);\n"
BUILD_PL = "use Module::Build;\nModule::Build->new(\n    module_name => 'Acme::Calc',\n    license     => 'perl',\n    dist_version_from => 'lib/Acme/Calc.pm',\n)->create_build_script;\n"
PERL_LOAD_T = textwrap.dedent(
    """\
    use strict;
    use warnings;
    use Test::More tests => 2;
    use_ok('Acme::Calc');
    diag('ERROR level logging is enabled for this run');
    my %h;
    my $v = Acme::Calc::lookup(\\%h, 'missing');
    is(defined $v ? 1 : 0, 0, 'missing key is undef');
    """
)
PERL_MATH_T = textwrap.dedent(
    """\
    use strict;
    use warnings;
    use Test::More;
    use Acme::Calc;
    is(Acme::Calc::add(1, 2), 3, 'adds');
    is(Acme::Calc::mul(2, 3), 6, 'multiplies');
    is_deeply(Acme::Calc::parse('a=1,b=2'), { a => 1, b => 3 }, 'parses pairs');
    done_testing;
    """
)
PERL_MORE_T = textwrap.dedent(
    """\
    use strict;
    use warnings;
    use Test::More tests => 2;
    use Acme::Calc;
    cmp_ok(Acme::Calc::mul(1, 1), '==', 1, 'unit');
    ok(1, 'fine');
    """
)
PERL_EXCEPTION_T = textwrap.dedent(
    """\
    use strict;
    use warnings;
    use Test::More tests => 3;
    use Test::Exception;
    use Acme::Calc;
    lives_ok { Acme::Calc::check(1) } 'accepts positive';
    throws_ok { Acme::Calc::check(0) } qr/zero/, 'rejects zero';
    throws_ok { Acme::Calc::check(-1) } qr/negative number/, 'rejects negative';
    """
)


def perl_cases() -> list[Case]:
    perl = {"lib/Acme/Calc.pm": PERL_CALC}
    return [
        Case(
            "lt-perl-make-test",
            "make test",
            "perl",
            "test",
            "perl Makefile.PL && make && make test",
            {
                **perl,
                "Makefile.PL": MAKEFILE_PL,
                "t/00-load.t": PERL_LOAD_T,
                "t/01-math.t": PERL_MATH_T,
                "t/02-more.t": PERL_MORE_T,
            },
            first_of(r"^#\s+Failed test 'multiplies'"),
            "ExtUtils::MakeMaker make test: a diag printing ERROR, two files failing (two assertions, then one)",
            "perl -MExtUtils::MakeMaker -e 'print \"ExtUtils::MakeMaker $ExtUtils::MakeMaker::VERSION (Perl $^V)\\n\"'",
            setup=PERL_SETUP,
        ),
        Case(
            "lt-perl-make-test-verbose",
            "make test",
            "perl",
            "test",
            "perl Makefile.PL && make && make test TEST_VERBOSE=1",
            {
                **perl,
                "Makefile.PL": MAKEFILE_PL,
                "t/00-load.t": PERL_LOAD_T,
                "t/01-math.t": PERL_MATH_T,
                "t/02-more.t": PERL_MORE_T,
            },
            section(r"^not ok 2 - multiplies", anywhere=[r"^#\s+Failed test 'multiplies'"]),
            "make test TEST_VERBOSE=1: the TAP stream with two files failing",
            "perl -MExtUtils::MakeMaker -e 'print \"ExtUtils::MakeMaker $ExtUtils::MakeMaker::VERSION (Perl $^V)\\n\"'",
            setup=PERL_SETUP,
        ),
        Case(
            "lt-perl-build-test",
            "Build test",
            "perl",
            "test",
            "perl Build.PL && ./Build && ./Build test",
            {
                **perl,
                "Build.PL": BUILD_PL,
                "t/00-load.t": PERL_LOAD_T,
                "t/01-exception.t": PERL_EXCEPTION_T,
                "t/02-more.t": PERL_MORE_T,
            },
            first_of(r"^#\s+Failed test 'rejects zero'"),
            "Module::Build ./Build test: Test::Exception's throws_ok failing twice, then another file",
            "perl -MModule::Build -e 'print \"Module::Build $Module::Build::VERSION (Perl $^V)\\n\"'",
            setup=PERL_SETUP,
        ),
        Case(
            "lt-perl-missing-module",
            "prove",
            "perl",
            "dependency",
            "prove -l t",
            {
                **perl,
                "t/00-load.t": PERL_LOAD_T,
                "t/01-client.t": "use strict;\nuse warnings;\nuse Test::More;\nuse Acme::Zz9::HTTPClient;\nok(Acme::Zz9::HTTPClient->new, 'client');\ndone_testing;\n",
                "t/02-more.t": PERL_MORE_T,
            },
            first_of(r"^Can't locate Acme/Zz9/HTTPClient\.pm in @INC"),
            "prove: a test file uses a module that is not installed (and another file fails an assertion below it)",
            "prove --version",
            alt_categories=["test"],
            setup=PERL_SETUP,
        ),
        Case(
            "lt-perl-die",
            "make test",
            "perl",
            "test",
            "perl Makefile.PL && make && make test",
            {
                **perl,
                "Makefile.PL": MAKEFILE_PL,
                "t/00-load.t": PERL_LOAD_T,
                "t/01-config.t": "use strict;\nuse warnings;\nuse Test::More;\nuse Acme::Calc;\nok(1, 'starts');\nmy $conf = do { local $/; open my $fh, '<', 't/data/config.json' or die \"Cannot open t/data/config.json: $!\"; <$fh> };\nok($conf, 'reads config');\ndone_testing;\n",
                "t/02-more.t": PERL_MORE_T,
            },
            first_of(r"^Cannot open t/data/config\.json: No such file or directory"),
            "make test: a test file dies after its first assertion (the harness' Dubious lines follow), another file fails",
            "perl -MExtUtils::MakeMaker -e 'print \"ExtUtils::MakeMaker $ExtUtils::MakeMaker::VERSION (Perl $^V)\\n\"'",
            setup=PERL_SETUP,
        ),
        Case(
            "lt-perl-test2",
            "prove",
            "perl",
            "test",
            "prove -l t",
            {
                **perl,
                "t/00-load.t": PERL_LOAD_T,
                "t/01-t2.t": "use Test2::V0;\nuse Acme::Calc;\nis(Acme::Calc::add(1, 1), 2, 'adds');\nis(Acme::Calc::parse('a=1,b=2'), { a => 1, b => 3 }, 'parses pairs');\nlike(Acme::Calc::mul(2, 2), qr/^4$/, 'multiplies');\ndone_testing;\n",
            },
            first_of(r"^#\s+Failed test 'parses pairs'"),
            "prove: Test2::V0 failures with their comparison tables",
            "perl -MTest2::V0 -e 'print \"Test2::Suite $Test2::V0::VERSION (Perl $^V)\\n\"'",
            setup=PERL_SETUP,
        ),
        Case(
            "lt-perlcritic",
            "perlcritic",
            "perl",
            "lint",
            "perlcritic --severity 4 lib script",
            {
                **perl,
                "lib/Acme/Legacy.pm": 'package Acme::Legacy;\nsub value { return undef }\nsub slurp { open(FH, "<$_[0]"); my @l = <FH>; return eval "scalar \\@l" }\n1;\n',
                "script/run.pl": 'use strict;\nuse warnings;\nprint "run\\n";\n',
            },
            first_of(r"^lib/Acme/Calc\.pm: Always unpack @_ first at line 5, column 1\."),
            "perlcritic --severity 4: findings in three files, the first one's first",
            "perlcritic --version | sed 's/^/Perl::Critic /'",
            setup=PERL_SETUP,
        ),
        Case(
            "lt-cpanm-offline",
            "cpanm",
            "perl",
            "dependency",
            "cpanm --notest --installdeps .",
            {
                **perl,
                "cpanfile": "requires 'Acme::Zz9::NotInstalled', '1.0';\nrequires 'Test::More';\n",
                "Makefile.PL": MAKEFILE_PL,
            },
            first_of(
                r"^! Finding Acme::Zz9::NotInstalled on cpanmetadb failed",
                r"^! Couldn't find module or a distribution Acme::Zz9::NotInstalled",
            ),
            "cpanm --installdeps: the index cannot be reached, the dependency is not found",
            "cpanm --version | head -1",
            alt_categories=["infrastructure"],
            setup=PERL_SETUP,
            neutral_hosts=True,
        ),
    ]


# --- Haskell: cabal build, cabal test ------------------------------------------------------------------------------------

CABAL_PROJECT = "packages: .\nactive-repositories: :none\ntests: True\n"
# cabal-install reads ~/.cabal/config: no package server (the machine is offline; the libraries come from Debian).
CABAL_PREPARE = "mkdir -p .cabal && printf 'jobs: 1\\n' > .cabal/config"
HS_CALC = textwrap.dedent(
    """\
    module Calc (add, mul, rev, mean) where

    add :: Int -> Int -> Int
    add a b = a + b

    mul :: Int -> Int -> Int
    mul a b = a * b + 1

    rev :: [a] -> [a]
    rev xs = drop 1 (reverse xs) ++ take 1 xs

    mean :: [Double] -> Double
    mean xs = sum xs / fromIntegral (length xs)
    """
)


def cabal_file(test_deps: str, lib_options: str = "-Wall", modules: str = "Calc") -> str:
    return textwrap.dedent(
        f"""\
        cabal-version: 2.4
        name:          calc
        version:       0.1.0
        build-type:    Simple

        library
          exposed-modules:  {modules}
          hs-source-dirs:   src
          build-depends:    base
          default-language: Haskell2010
          ghc-options:      {lib_options}

        test-suite spec
          type:             exitcode-stdio-1.0
          main-is:          Spec.hs
          hs-source-dirs:   test
          build-depends:    base, calc, {test_deps}
          default-language: Haskell2010
        """
    )


TASTY_SPEC = textwrap.dedent(
    """\
    import Test.Tasty
    import Test.Tasty.HUnit
    import Test.Tasty.QuickCheck
    import Calc

    main :: IO ()
    main = defaultMain $ testGroup "Calc"
      [ testCase "adds" $ add 1 2 @?= 3
      , testCase "multiplies" $ mul 2 3 @?= 6
      , testProperty "reverse twice" $ \\xs -> rev (rev xs) == (xs :: [Int])
      , testCase "means" $ mean [1, 2, 3] @?= 2
      ]
    """
)
HSPEC_SPEC = textwrap.dedent(
    """\
    import Test.Hspec
    import Test.QuickCheck
    import Control.Exception (evaluate)
    import Calc

    main :: IO ()
    main = hspec $ do
      describe "Calc.add" $ do
        it "adds" $ add 1 2 `shouldBe` 3
      describe "Calc.mul" $ do
        it "multiplies" $ mul 2 3 `shouldBe` 6
      describe "Calc.rev" $ do
        it "is its own inverse" $ property $ \\xs -> rev (rev xs) == (xs :: [Int])
        it "keeps the empty list" $ rev ([] :: [Int]) `shouldBe` []
      describe "head" $
        it "throws on an empty list" $ evaluate (head ([] :: [Int])) `shouldThrow` anyException
    """
)
HUNIT_SPEC = textwrap.dedent(
    """\
    import Test.HUnit
    import System.Exit
    import Calc

    tests :: Test
    tests = TestList
      [ "adds" ~: add 1 2 ~?= 3
      , "multiplies" ~: mul 2 3 ~?= 6
      , "reverses" ~: rev [1, 2, 3 :: Int] ~?= [3, 2, 1]
      ]

    main :: IO ()
    main = do
      putStrLn "error: printed by the suite before it runs, not a failure"
      counts <- runTestTT tests
      if errors counts + failures counts == 0 then exitSuccess else exitFailure
    """
)
QUICKCHECK_SPEC = textwrap.dedent(
    """\
    import Test.QuickCheck
    import System.Exit
    import Calc

    prop_addCommutes :: Int -> Int -> Bool
    prop_addCommutes a b = add a b == add b a

    prop_revRev :: [Int] -> Bool
    prop_revRev xs = rev (rev xs) == xs

    prop_mulOne :: Int -> Bool
    prop_mulOne a = mul a 1 == a

    main :: IO ()
    main = do
      results <- mapM (quickCheckWithResult stdArgs { replay = Just (mkQCGen 42, 0) })
        [property prop_addCommutes, property prop_revRev, property prop_mulOne]
      if all isSuccess results then exitSuccess else exitFailure
    """
).replace("import Test.QuickCheck\n", "import Test.QuickCheck\nimport Test.QuickCheck.Random (mkQCGen)\n")


def cabal_case(name: str, category: str, command: str, files: dict[str, str], label: object, why: str) -> Case:
    return Case(
        name,
        "cabal",
        "haskell",
        category,
        command,
        {"cabal.project": CABAL_PROJECT, **files},
        label,  # type: ignore[arg-type]
        why,
        "cabal --numeric-version | sed 's/^/cabal-install /'; ghc --numeric-version",
        setup=HASKELL_SETUP,
        prepare=CABAL_PREPARE,
    )


def haskell_cases() -> list[Case]:
    report = textwrap.dedent(
        """\
        module Report (render, summary) where

        import Calc (add, mean)

        render :: Int -> String
        render n = "total: " ++ add n 1

        summary :: [Int] -> Double
        summary xs = mean xs
        """
    )
    werror = textwrap.dedent(
        """\
        module Calc (add, mul, rev, mean) where

        import Data.List (sort)

        add :: Int -> Int -> Int
        add a b = a + b

        mul a b = a * b

        rev :: [a] -> [a]
        rev = reverse

        mean :: [Double] -> Double
        mean xs = sum xs / fromIntegral (length xs)
        """
    )
    hidden = textwrap.dedent(
        """\
        module Report (render) where

        import qualified Data.Map.Strict as Map
        import Calc (add)

        render :: Map.Map String Int -> Int
        render m = add (Map.size m) 1
        """
    )
    test_stub = "main :: IO ()\nmain = pure ()\n"
    return [
        cabal_case(
            "lt-cabal-build-type-error",
            "build",
            "cabal build all",
            {
                "calc.cabal": cabal_file("hspec", modules="Calc, Report"),
                "src/Calc.hs": HS_CALC.replace("mean xs = sum", "mean xs = let unused = 1 in sum"),
                "src/Report.hs": report,
                "test/Spec.hs": test_stub,
            },
            first_of(r"^src/Report\.hs:6:\d+: error:", r"^    • Couldn't match"),
            "cabal build: Calc compiles with warnings, Report has two type errors (the first with its context lines)",
        ),
        cabal_case(
            "lt-cabal-build-werror",
            "build",
            "cabal build all --ghc-options=-Werror",
            {"calc.cabal": cabal_file("hspec"), "src/Calc.hs": werror, "test/Spec.hs": test_stub},
            first_of(r"^src/Calc\.hs:3:1: error:"),
            "cabal build with -Werror: three warnings turned errors (unused import first)",
        ),
        cabal_case(
            "lt-cabal-build-hidden-package",
            "build",
            "cabal build all",
            {
                "calc.cabal": cabal_file("hspec", modules="Calc, Report"),
                "src/Calc.hs": HS_CALC,
                "src/Report.hs": hidden,
                "test/Spec.hs": test_stub,
            },
            first_of(r"^src/Report\.hs:3:1: error:", r"Could not load module ‘Data\.Map\.Strict’"),
            "cabal build: a module imports a package missing from build-depends",
        ),
        cabal_case(
            "lt-cabal-test-tasty",
            "test",
            "cabal test --test-show-details=direct --test-options=--quickcheck-replay=42",
            {
                "calc.cabal": cabal_file("tasty, tasty-hunit, tasty-quickcheck"),
                "src/Calc.hs": HS_CALC,
                "test/Spec.hs": TASTY_SPEC,
            },
            section(r"^  multiplies: +FAIL", inside=[r"^    test/Spec\.hs:9:", r"^    expected: 6"]),
            "cabal test, tasty: an HUnit case, a QuickCheck property and another case failing",
        ),
        cabal_case(
            "lt-cabal-test-hspec",
            "test",
            "cabal test",
            {"calc.cabal": cabal_file("hspec, QuickCheck"), "src/Calc.hs": HS_CALC, "test/Spec.hs": HSPEC_SPEC},
            section(r"^  test/Spec\.hs:11:\d+: ?$", inside=[r"^  1\) Calc\.mul multiplies"]),
            "cabal test (summary mode: the suite's log path), hspec: an expectation and a property failing",
        ),
        cabal_case(
            "lt-cabal-test-hunit",
            "test",
            "cabal test --test-show-details=direct",
            {"calc.cabal": cabal_file("HUnit"), "src/Calc.hs": HS_CALC, "test/Spec.hs": HUNIT_SPEC},
            section(r"^### Failure in: 1:multiplies", inside=[r"^expected: 6"]),
            "cabal test, HUnit's runTestTT: two failing cases, the suite prints 'error:' first",
        ),
        cabal_case(
            "lt-cabal-test-quickcheck",
            "test",
            "cabal test --test-show-details=direct",
            {"calc.cabal": cabal_file("QuickCheck"), "src/Calc.hs": HS_CALC, "test/Spec.hs": QUICKCHECK_SPEC},
            first_of(r"^\*\*\* Failed! Falsified"),
            "cabal test, plain QuickCheck: two of three properties falsified",
        ),
    ]


# --- Erlang: ct_run, rebar3 ct, dialyzer and xref ------------------------------------------------------------------------

ERL_CALC = "-module(calc).\n-export([add/2, mul/2, div2/2]).\n\nadd(A, B) -> A + B.\n\nmul(A, B) -> A * B + 1.\n\ndiv2(A, B) -> A div B.\n"
CT_SUITE = textwrap.dedent(
    """\
    -module(calc_SUITE).
    -include_lib("common_test/include/ct.hrl").
    -export([all/0, add_case/1, mul_case/1, div_case/1]).

    all() -> [add_case, mul_case, div_case].

    add_case(_Config) -> 3 = calc:add(1, 2).

    mul_case(_Config) -> 6 = calc:mul(2, 3).

    div_case(_Config) ->
        ct:pal("error: logged by the test, not a failure"),
        1 = calc:div2(1, 0).
    """
)
APP_SRC = '{application, calc, [{description, "calc"}, {vsn, "0.1.0"}, {applications, [kernel, stdlib]}]}.\n'
ERL_REPORT = textwrap.dedent(
    """\
    -module(report).
    -export([render/1, total/1, run/0]).

    render(X) when is_integer(X) -> integer_to_list(X).

    total(Xs) -> lists:sum(Xs) + missing_mod:helper(Xs).

    run() -> render(an_atom).

    unused(X) -> X.
    """
)


def erlang_cases() -> list[Case]:
    rebar = {"src/calc.erl": ERL_CALC, "src/calc.app.src": APP_SRC}
    return [
        Case(
            "lt-ct-run",
            "ct_run",
            "erlang",
            "test",
            "mkdir -p ebin logs && erlc -o ebin src/*.erl && ct_run -noshell -pa ebin -dir test -logdir logs",
            {"src/calc.erl": ERL_CALC, "test/calc_SUITE.erl": CT_SUITE},
            section(r"^calc_SUITE:mul_case failed on line \d+", inside=[r"^Reason: \{badmatch,7\}"]),
            "ct_run: two failing cases (a badmatch, then badarith); the test prints 'error:'",
            ERL_VERSION,
            setup=BEAM_SETUP,
        ),
        Case(
            "lt-rebar3-ct",
            "rebar3",
            "erlang",
            "test",
            "rebar3 ct",
            {**rebar, "rebar.config": "{erl_opts, [debug_info]}.\n", "test/calc_SUITE.erl": CT_SUITE},
            section(r"^%%% calc_SUITE ==> mul_case: FAILED", inside=[r"^%%% calc_SUITE ==> \{\{badmatch,7\}"]),
            "rebar3 ct: two failing Common Test cases with their stack traces",
            "rebar3 version",
            setup=BEAM_SETUP,
        ),
        Case(
            "lt-rebar3-dialyzer",
            "dialyzer",
            "erlang",
            "lint",
            "rebar3 dialyzer",
            {
                **rebar,
                "rebar.config": "{erl_opts, [debug_info]}.\n",
                "src/report.erl": ERL_REPORT.replace("\nunused(X) -> X.\n", ""),
            },
            first_of(r"^src/report\.erl$", r"^Line 8 Column 1: Function run/0 has no local return"),
            "rebar3 dialyzer (building its PLT first): two warnings in one module",
            "rebar3 version",
            alt_categories=["build"],
            setup=BEAM_SETUP,
        ),
        Case(
            "lt-rebar3-xref",
            "xref",
            "erlang",
            "lint",
            "rebar3 xref",
            {
                **rebar,
                "rebar.config": "{erl_opts, [debug_info]}.\n{xref_checks, [undefined_function_calls, undefined_functions, locals_not_used, deprecated_function_calls]}.\n",
                "src/report.erl": ERL_REPORT.replace(
                    "-export([render/1, total/1, run/0]).",
                    "-export([render/1, total/1, run/0]).\n-compile(nowarn_unused_function).",
                ),
            },
            first_of(r"^===> src/report\.erl:\d+: Warning: report:unused/1 is unused local function"),
            "rebar3 xref: an unused local function (the first finding, on rebar3's `===> ` line), then an undefined function call",
            "rebar3 version",
            alt_categories=["build"],
            setup=BEAM_SETUP,
        ),
    ]


# --- shell: shunit2, bats with helpers, zsh, a script's own FATAL ---------------------------------------------------------

SHUNIT = textwrap.dedent(
    """\
    #!/bin/sh
    . ./lib/calc.sh

    testAdd() { assertEquals "adds" 3 "$(add 1 2)"; }
    testAddWrong() { assertEquals "adds wrong" 5 "$(add 2 2)"; }
    testConfig() { assertTrue "config file exists" "[ -f etc/calc.conf ]"; }
    testLogs() { echo "ERROR: this line is the code under test logging, not a failure" >&2; assertEquals 0 0; }

    . shunit2
    """
)
BATS_HELPER = textwrap.dedent(
    """\
    assert_output() {
      if [ "$output" != "$1" ]; then
        echo "expected: $1"
        echo "actual:   $output"
        return 1
      fi
    }
    """
)
BATS_CLI = textwrap.dedent(
    """\
    #!/usr/bin/env bats

    load helpers

    setup() {
      PATH="$BATS_TEST_DIRNAME/../bin:$PATH"
    }

    @test "prints the version" {
      run calc --version
      [ "$status" -eq 0 ]
    }

    @test "adds two numbers" {
      run calc add 2 2
      assert_output "5"
    }

    @test "rejects an unknown command" {
      run calc frobnicate
      [ "$status" -eq 2 ]
    }
    """
)
CALC_BIN = textwrap.dedent(
    """\
    #!/bin/sh
    case "$1" in
      --version) echo "calc 1.0" ;;
      add) echo $(( $2 + $3 )) ;;
      *) echo "error: unknown command: $1" >&2; exit 1 ;;
    esac
    """
)


def shell_cases() -> list[Case]:
    fatal = textwrap.dedent(
        """\
        #!/usr/bin/env bash
        set -euo pipefail
        log() { echo "[$(date -u +%H:%M:%S)] $*"; }
        log "checking the release inputs"
        log "WARN: CHANGELOG.md has no entry for today"
        echo "ERROR: (from a previous attempt, ignored) lock file was stale"
        if ! grep -q '^version=' release.properties; then
          echo "FATAL: release.properties has no version= line" >&2
          exit 1
        fi
        log "done"
        """
    )
    return [
        Case(
            "lt-shunit2",
            "shunit2",
            "shell",
            "test",
            "sh test/test_calc.sh",
            {"lib/calc.sh": "add() { echo $(( $1 + $2 )); }\n", "test/test_calc.sh": SHUNIT},
            section(r"^testAddWrong$", inside=[r"^ASSERT:adds wrong expected:<5> but was:<4>"]),
            "shunit2: two failing tests; the code under test logs an ERROR line",
            "dpkg-query -W -f='shunit2 ${Version}' shunit2",
            setup="actions/checkout@v4",
        ),
        Case(
            "lt-bats-helper",
            "bats",
            "shell",
            "test",
            "chmod +x bin/calc && bats --tap test",
            {"bin/calc": CALC_BIN, "test/helpers.bash": BATS_HELPER, "test/cli.bats": BATS_CLI},
            section(
                r"^not ok 2 adds two numbers",
                inside=[r"^# \(from function `assert_output'", r"^#\s+in test file test/cli\.bats, line \d+\)"],
            ),
            "bats --tap: a helper's assertion fails (a two-frame trace), then a status check",
            "bats --version",
            setup="actions/checkout@v4",
        ),
        Case(
            "lt-bats-timing",
            "bats",
            "shell",
            "test",
            "chmod +x bin/calc && bats --timing --print-output-on-failure test",
            {"bin/calc": CALC_BIN, "test/helpers.bash": BATS_HELPER, "test/cli.bats": BATS_CLI},
            section(
                r"^not ok 2 adds two numbers",
                inside=[r"^# \(from function `assert_output'", r"^#\s+in test file test/cli\.bats, line \d+\)"],
            ),
            "bats --timing --print-output-on-failure: the timed TAP lines and the failed test's output",
            "bats --version",
            setup="actions/checkout@v4",
        ),
        Case(
            "lt-zsh-command-not-found",
            "zsh",
            "shell",
            "config",
            "zsh scripts/build.zsh",
            {
                "scripts/build.zsh": "#!/usr/bin/env zsh\nset -e\necho 'generating sources'\nprint -P 'warning: %F{yellow}protoc version not pinned%f'\nprotoc-acme-zz9 --cpp_out=gen proto/acme.proto\necho 'compiling'\n"
            },
            first_of(r"^scripts/build\.zsh:5: command not found: protoc-acme-zz9"),
            "zsh: a set -e script calls a tool that is not installed (zsh's own wording)",
            "zsh --version",
            setup="actions/checkout@v4",
            alt_categories=["dependency"],  # as container_cases.py's sh-syntax-error / sh-command-not-found
        ),
        Case(
            "lt-zsh-parse-error",
            "zsh",
            "shell",
            "build",
            "zsh scripts/check.zsh",
            {
                "src/main.c": "int main(void) { return 0; }\n",
                "scripts/check.zsh": '#!/usr/bin/env zsh\nfor f in src/*.c; do\n  echo "checking $f"\ndone\nif [[ -n $CI ]]; then\n  echo ci\nfi\nfi\n',
            },
            first_of(r"^scripts/check\.zsh:8: parse error near `fi'"),
            "zsh: a script with an `fi` too many",
            "zsh --version",
            setup="actions/checkout@v4",
            alt_categories=["config", "lint"],  # as container_cases.py's sh-syntax-error / sh-command-not-found
        ),
        Case(
            "lt-dash-syntax-eof",
            "dash",
            "shell",
            "build",
            "sh scripts/package.sh",
            {
                "scripts/package.sh": "#!/bin/sh\nset -e\necho 'packaging'\nif [ -d dist ]; then\n  rm -rf dist\nmkdir dist\n"
            },
            first_of(r"^scripts/package\.sh: \d+: Syntax error: end of file unexpected"),
            "dash: an if without its fi",
            "dpkg-query -W -f='dash ${Version}' dash",
            setup="actions/checkout@v4",
            alt_categories=["config", "lint"],  # as container_cases.py's sh-syntax-error / sh-command-not-found
        ),
        Case(
            "lt-sh-fatal-exit",
            "bash",
            "shell",
            "config",
            "bash scripts/release.sh",
            {"scripts/release.sh": fatal, "release.properties": "name=acme\n"},
            first_of(r"^FATAL: release\.properties has no version= line"),
            "bash: the script logs a stale ERROR line, then its own FATAL: message before exit 1",
            "bash --version | head -1",
            setup="actions/checkout@v4",
        ),
    ]


# --- Vim script: v:errors from a test runner, Vim's error messages, vint ------------------------------------------------

VIM_CALC = textwrap.dedent(
    """\
    function! calc#add(a, b) abort
      return a:a + a:b
    endfunction

    function! calc#mul(a, b) abort
      return a:a * a:b + 1
    endfunction

    function! calc#upper(s) abort
      return toupper(a:s)
    endfunction
    """
)
VIM_TESTS = textwrap.dedent(
    """\
    function Test_add()
      call assert_equal(3, calc#add(1, 2))
    endfunction

    function Test_mul()
      call assert_equal(6, calc#mul(2, 3))
    endfunction

    function Test_upper()
      call assert_match('^ABC$', calc#upper('abd'))
      call assert_true(calc#add(0, 0))
    endfunction
    """
)
# The idiom of Vim's own src/testdir/runtest.vim, cut down: run every Test_ function, collect v:errors, write the
# results to a file the CI step prints, exit non-zero through :cquit.
VIM_RUNNER = textwrap.dedent(
    """\
    set nocompatible
    let &runtimepath = getcwd() . ',' . &runtimepath
    execute 'source ' . fnameescape(expand('<sfile>:p:h') . '/test_calc.vim')
    let s:lines = []
    let s:failed = 0
    let s:names = sort(map(split(execute('function /^Test_'), "\\n"), {_, l -> matchstr(l, 'function \\zs\\w\\+\\ze(')}))
    for s:name in s:names
      let v:errors = []
      execute 'call ' . s:name . '()'
      if empty(v:errors)
        call add(s:lines, 'Executed ' . s:name)
      else
        let s:failed += 1
        call add(s:lines, 'Found errors in ' . s:name . ':')
        call extend(s:lines, v:errors)
      endif
    endfor
    call add(s:lines, printf('Executed %d tests, %d failed', len(s:names), s:failed))
    call writefile(s:lines, 'test/results.txt')
    execute s:failed ? 'cquit' : 'qall!'
    """
)


def vim_cases() -> list[Case]:
    plugin = textwrap.dedent(
        """\
        " acme.vim: commands for the acme project
        if exists('g:loaded_acme')
          finish
        endif
        let g:loaded_acme = 1
        command! AcmeHello echo 'hello'
        Acmeformat
        call acme#missing()
        """
    )
    legacy = textwrap.dedent(
        """\
        let s:count = 0
        function! acme#legacy#bump()
          if s:count == "0"
            normal gg
          endif
          let s:count += 1
        endfunction
        """
    )
    return [
        Case(
            "lt-vim-v-errors",
            "vim",
            "vim",
            "test",
            "vim -Nu NONE -i NONE -Es -S test/run.vim; status=$?; cat test/results.txt; exit $status",
            {"autoload/calc.vim": VIM_CALC, "test/test_calc.vim": VIM_TESTS, "test/run.vim": VIM_RUNNER},
            section(r"^Found errors in Test_mul:", inside=[r"function Test_mul line 1: Expected 6 but got 7$"]),
            "vim -Es with a runner collecting v:errors: two failing test functions (assert_equal, then assert_match)",
            "vim --version | head -1",
            setup="rhysd/action-setup-vim@v1",
        ),
        Case(
            "lt-vim-e492",
            "vim",
            "vim",
            "build",
            "set -o pipefail\nvim -Nu NONE -i NONE -V1 -Es -c 'set rtp^=.' -c 'runtime plugin/acme.vim' -c 'if v:errmsg != \"\" | cquit | endif' -c 'qall!' 2>&1 | tr -d '\\r'",
            {"plugin/acme.vim": plugin, "autoload/calc.vim": VIM_CALC},
            first_of(r"^Error detected while processing ", r"^E492: Not an editor command: Acmeformat"),
            "vim -V1 -Es sourcing a plugin: an unknown command (E492), then an unknown function (E117)",
            "vim --version | head -1",
            alt_categories=["test", "lint"],
            setup="rhysd/action-setup-vim@v1",
        ),
        Case(
            "lt-vint",
            "vint",
            "vim",
            "lint",
            "vint autoload plugin",
            {
                "autoload/calc.vim": VIM_CALC,
                "autoload/acme/legacy.vim": legacy,
                "plugin/acme.vim": "let g:loaded_acme = 1\n",
            },
            first_of(r"^autoload/acme/legacy\.vim:\d+:\d+: "),
            "vint: several findings in one file",
            "vint --version | sed 's/^/vint /'",
            setup="actions/setup-python@v5",
            venv=VINT,
        ),
    ]


def longtail_cases() -> list[Case]:
    return (
        perl_cases()
        + haskell_cases()
        + erlang_cases()
        + shell_cases()
        + vim_cases()
        + longtail_more_cases()
        + longtail_third_cases()
    )


# --- a second round, committed before the analyzer ran on it ----------------------------------------------------------

DARKPAN_PREPARE = textwrap.dedent(
    """\
    mkdir -p .darkpan/modules .darkpan/authors/id/L/LO/LOCAL
    (cd dist && tar czf ../.darkpan/authors/id/L/LO/LOCAL/Acme-Dep-0.01.tar.gz Acme-Dep-0.01)
    printf 'File:         02packages.details.txt\\nDescription:  Package names found in directory $CPAN/authors/id/\\nColumns:      package name, version, path\\nLine-Count:   1\\nLast-Updated: Mon, 30 Nov 2026 05:00:00 GMT\\n\\nAcme::Dep                          0.01  L/LO/LOCAL/Acme-Dep-0.01.tar.gz\\n' | gzip > .darkpan/modules/02packages.details.txt.gz
    """
)


def longtail_more_cases() -> list[Case]:
    perl = {"lib/Acme/Calc.pm": PERL_CALC}
    broken_module = textwrap.dedent(
        """\
        package Acme::Report;
        use strict;
        use warnings;
        use Acme::Calc;
        sub render { my ($n) = @_; return "total: " . Acme::Calc::add($n, 1) }
        sub summary { my ($xs) = @_; my $t = 0; $t += $_ for @$xs; return $t
        }}
        1;
        """
    )
    report_t = "use strict;\nuse warnings;\nuse Test::More;\nuse Acme::Report;\nis(Acme::Report::render(1), 'total: 2', 'renders');\ndone_testing;\n"
    erl_include = (
        '-module(calc).\n-include_lib("acme_zz9/include/records.hrl").\n-export([add/2]).\n\nadd(A, B) -> A + B.\n'
    )
    bats_setup_file = textwrap.dedent(
        """\
        #!/usr/bin/env bats

        setup_file() {
          echo "starting the fixture server" >&3
          ./bin/fixture-server --port 8099
        }

        @test "serves the index" {
          run curl -fsS http://localhost:8099/
          [ "$status" -eq 0 ]
        }

        @test "serves the health check" {
          run curl -fsS http://localhost:8099/health
          [ "$status" -eq 0 ]
        }
        """
    )
    nvim_plugin = textwrap.dedent(
        """\
        " acme.vim: commands for the acme project
        let g:loaded_acme = 1
        command! AcmeHello echo 'hello'
        Acmeformat
        lua require('acme.missing').setup()
        """
    )
    return [
        Case(
            "lt-perl-syntax-error",
            "make test",
            "perl",
            "build",
            "perl Makefile.PL && make && make test",
            {
                **perl,
                "lib/Acme/Report.pm": broken_module,
                "Makefile.PL": MAKEFILE_PL,
                "t/00-load.t": PERL_LOAD_T,
                "t/01-report.t": report_t,
                "t/02-more.t": PERL_MORE_T,
            },
            first_of(r"^Unmatched right curly bracket at \S*lib/Acme/Report\.pm line 7"),
            "make test: a module with a syntax error (perl's two-line error, then require's and BEGIN's restatements), another file fails",
            "perl -MExtUtils::MakeMaker -e 'print \"ExtUtils::MakeMaker $ExtUtils::MakeMaker::VERSION (Perl $^V)\\n\"'",
            alt_categories=["test"],
            setup=PERL_SETUP,
        ),
        Case(
            "lt-perl-prove-parallel",
            "prove",
            "perl",
            "test",
            "prove -l -j2 t",
            {**perl, "t/00-load.t": PERL_LOAD_T, "t/01-math.t": PERL_MATH_T, "t/02-more.t": PERL_MORE_T},
            first_of(r"^#\s+Failed test '"),
            "prove -j2: two failing files run in parallel (their diagnostics interleave with the harness' progress)",
            "prove --version",
            setup=PERL_SETUP,
        ),
        Case(
            "lt-cpanm-dep-tests-fail",
            "cpanm",
            "perl",
            "dependency",
            "cpanm --mirror file://$PWD/.darkpan --mirror-only --installdeps .",
            {
                **perl,
                "cpanfile": "requires 'Acme::Dep', '0.01';\n",
                "dist/Acme-Dep-0.01/Makefile.PL": "use ExtUtils::MakeMaker;\nWriteMakefile(NAME => 'Acme::Dep', VERSION => '0.01');\n",
                "dist/Acme-Dep-0.01/lib/Acme/Dep.pm": 'package Acme::Dep;\nour $VERSION = "0.01";\nsub answer { 41 }\n1;\n',
                "dist/Acme-Dep-0.01/t/answer.t": 'use Test::More tests => 1;\nuse Acme::Dep;\nis(Acme::Dep::answer(), 42, "answer");\n',
            },
            first_of(r"! Installing Acme::Dep failed\. See "),
            "cpanm --installdeps from a local mirror: the dependency's own tests fail (cpanm's line shares the progress line)",
            "cpanm --version | head -1",
            setup=PERL_SETUP,
            prepare=DARKPAN_PREPARE,
        ),
        cabal_case(
            "lt-cabal-unknown-package",
            "dependency",
            "cabal build all",
            {
                "calc.cabal": cabal_file("hspec").replace(
                    "build-depends:    base\n", "build-depends:    base, acme-zz9-json >=1.2\n", 1
                ),
                "src/Calc.hs": HS_CALC,
                "test/Spec.hs": "main :: IO ()\nmain = pure ()\n",
            },
            first_of(r"Could not resolve dependencies:$"),
            "cabal build: a build-depends no package index knows (the solver's failure)",
        ),
        Case(
            "lt-rebar3-include-missing",
            "rebar3",
            "erlang",
            "build",
            "rebar3 compile",
            {
                "src/calc.erl": erl_include,
                "src/calc.app.src": APP_SRC,
                "rebar.config": "{erl_opts, [debug_info, warnings_as_errors]}.\n",
            },
            first_of(r"^src/calc\.erl:\{2,\d+\}: can't find include lib"),
            "rebar3 compile: an include_lib of an application the project does not depend on",
            "rebar3 version",
            setup=BEAM_SETUP,
        ),
        Case(
            "lt-dialyzer-cli",
            "dialyzer",
            "erlang",
            "lint",
            "mkdir -p ebin && erlc +debug_info -o ebin src/*.erl && dialyzer --plt .plt/erts.plt ebin",
            {"src/calc.erl": ERL_CALC, "src/report.erl": ERL_REPORT.replace("\nunused(X) -> X.\n", "")},
            first_of(r"^report\.erl:8:1: Function run/0 has no local return"),
            "dialyzer from the command line with a prebuilt PLT: two warnings in one module",
            "dialyzer --version",
            alt_categories=["build"],
            setup=BEAM_SETUP,
            env={"PLT": str(Path(os.environ.get("TOOLCHAIN_PLT", "/tmp/tc/longtail/erts.plt")))},
            # A PLT of erts built once (`dialyzer --build_plt --output_plt $TOOLCHAIN_PLT --apps erts`), as a CI cache restores it.
            prepare='mkdir -p .plt && cp "$PLT" .plt/erts.plt',
        ),
        Case(
            "lt-bats-setup-file",
            "bats",
            "shell",
            "test",
            "bats --tap test",
            {"test/server.bats": bats_setup_file},
            section(
                r"^not ok 1 setup_file failed",
                inside=[r"^# \(from function `setup_file' in test file test/server\.bats"],
            ),
            "bats --tap: setup_file fails (a missing fixture server), so no test runs",
            "bats --version",
            setup="actions/checkout@v4",
        ),
        Case(
            "lt-nvim-headless",
            "nvim",
            "vim",
            "build",
            "set -o pipefail\nnvim --headless -u NONE -c 'set rtp^=.' -c 'runtime plugin/acme.vim' -c 'if v:errmsg != \"\" | cquit 1 | endif' -c 'qall!' 2>&1 | tr -d '\\r'",
            {"plugin/acme.vim": nvim_plugin},
            first_of(r"^Error detected while processing ", r"^E492: Not an editor command: Acmeformat"),
            "nvim --headless sourcing a plugin: an unknown command (E492), then a Lua module that is missing (E5108)",
            "nvim --version | head -1",
            alt_categories=["test", "lint"],
            setup="rhysd/action-setup-vim@v1",
        ),
    ]


# --- a third round, committed before the analyzer ran on it ------------------------------------------------------------


def longtail_third_cases() -> list[Case]:
    perl = {"lib/Acme/Calc.pm": PERL_CALC}
    subtest_t = textwrap.dedent(
        """\
        use strict;
        use warnings;
        use Test::More;
        use Acme::Calc;
        subtest 'parsing' => sub {
            ok(1, 'reads');
            is_deeply(Acme::Calc::parse('a=1,b=2'), { a => 1, b => 3 }, 'parses pairs');
            done_testing;
        };
        subtest 'arithmetic' => sub {
            is(Acme::Calc::add(1, 2), 3, 'adds');
            is(Acme::Calc::mul(2, 3), 6, 'multiplies');
            done_testing;
        };
        done_testing;
        """
    )
    release_check = textwrap.dedent(
        """\
        -module(release_check).
        -export([main/0]).

        main() ->
            io:format("checking the release configuration~n"),
            io:format("warning: no sys.config override given~n"),
            {ok, Terms} = file:consult("config/sys.config"),
            io:format("~p entries~n", [length(Terms)]).
        """
    )
    ct_init = textwrap.dedent(
        """\
        -module(store_SUITE).
        -include_lib("common_test/include/ct.hrl").
        -export([all/0, init_per_suite/1, end_per_suite/1, put_case/1, get_case/1]).

        all() -> [put_case, get_case].

        init_per_suite(Config) ->
            {ok, Fd} = file:open(filename:join(?config(data_dir, Config), "seed.txt"), [read]),
            [{fd, Fd} | Config].

        end_per_suite(_Config) -> ok.

        put_case(_Config) -> ok.

        get_case(_Config) -> ok.
        """
    )
    eunit_fixture = textwrap.dedent(
        """\
        -module(store_tests).
        -include_lib("eunit/include/eunit.hrl").

        plain_test() -> ?assertEqual(2, 1 + 1).

        store_test_() ->
            {setup,
             fun() -> {ok, Pid} = store:start_link(), Pid end,
             fun(Pid) -> exit(Pid, kill) end,
             fun(_) -> [?_assertEqual(ok, store:put(a, 1))] end}.

        math_test() -> ?assertEqual(4, 2 * 3).
        """
    )
    hspec_exception = textwrap.dedent(
        """\
        import Test.Hspec
        import Calc

        parseAge :: String -> Int
        parseAge s = case reads s of
          [(n, "")] -> n
          _ -> error ("not a number: " ++ s)

        main :: IO ()
        main = hspec $ do
          describe "Calc.add" $
            it "adds" $ add 1 2 `shouldBe` 3
          describe "parseAge" $ do
            it "reads a number" $ parseAge "42" `shouldBe` 42
            it "reads a spelled number" $ parseAge "seven" `shouldBe` 7
          describe "Calc.mul" $
            it "multiplies" $ mul 2 3 `shouldBe` 6
        """
    )
    tasty_exception = textwrap.dedent(
        """\
        import Test.Tasty
        import Test.Tasty.HUnit
        import Calc

        main :: IO ()
        main = defaultMain $ testGroup "Calc"
          [ testGroup "arithmetic"
              [ testCase "adds" $ add 1 2 @?= 3
              , testCase "divides" $ (10 `div` (add 0 0)) @?= 1
              , testCase "multiplies" $ mul 2 3 @?= 6
              ]
          , testGroup "lists" [ testCase "reverses" $ rev [1, 2, 3 :: Int] @?= [3, 2, 1] ]
          ]
        """
    )
    return [
        Case(
            "lt-perl-subtest",
            "prove",
            "perl",
            "test",
            "prove -l t",
            {**perl, "t/00-load.t": PERL_LOAD_T, "t/01-subtests.t": subtest_t, "t/02-more.t": PERL_MORE_T},
            first_of(r"^\s+#\s+Failed test 'parses pairs'"),
            "prove: Test::More subtests (the inner failure indented, the subtest's own failure after it), another file fails",
            "prove --version",
            setup=PERL_SETUP,
        ),
        Case(
            "lt-erl-do-boot",
            "erl",
            "erlang",
            "config",
            "set -o pipefail\nmkdir -p ebin && erlc -o ebin src/*.erl\nerl -noshell -pa ebin -eval 'release_check:main()' -s init stop 2>&1 | tr -d '\\r'",
            {"src/release_check.erl": release_check},
            first_of(r'^\{"init terminating in do_boot",\{\{badmatch,\{error,enoent\}\}'),
            "erl -eval: the check crashes on a missing config file (init terminating in do_boot, printed twice)",
            ERL_VERSION,
            alt_categories=["build", "test"],
            setup=BEAM_SETUP,
        ),
        Case(
            "lt-ct-init-per-suite",
            "ct_run",
            "erlang",
            "test",
            "mkdir -p logs && ct_run -noshell -dir test -logdir logs",
            {"test/store_SUITE.erl": ct_init},
            section(r"^store_SUITE:init_per_suite failed", inside=[r"^Reason: \{badmatch,\{error,enoent\}\}"]),
            "ct_run: init_per_suite crashes, so every case is skipped",
            ERL_VERSION,
            setup=BEAM_SETUP,
        ),
        Case(
            "lt-eunit-setup-failed",
            "eunit",
            "erlang",
            "test",
            "mkdir -p ebin && erlc -o ebin test/*.erl && erl -noshell -pa ebin -eval 'case eunit:test(store_tests, [verbose]) of ok -> halt(0); _ -> halt(1) end.'",
            {"test/store_tests.erl": eunit_fixture},
            section(r"\*\*\* context setup failed \*\*\*", inside=[r"^\*\*error:undef"]),
            "eunit verbose: a fixture's setup crashes (store:start_link/0 is undefined), then an assertion fails",
            ERL_VERSION,
            setup=BEAM_SETUP,
        ),
        cabal_case(
            "lt-cabal-test-hspec-exception",
            "test",
            "cabal test --test-show-details=direct",
            {"calc.cabal": cabal_file("hspec"), "src/Calc.hs": HS_CALC, "test/Spec.hs": hspec_exception},
            section(r"^  test/Spec\.hs:7:\d+: ?$", inside=[r"^  1\) parseAge reads a spelled number"]),
            "cabal test --test-show-details=direct, hspec: an uncaught exception, then an expectation",
        ),
        cabal_case(
            "lt-cabal-test-tasty-exception",
            "test",
            "cabal test --test-show-details=direct --test-options=--hide-successes",
            {"calc.cabal": cabal_file("tasty, tasty-hunit"), "src/Calc.hs": HS_CALC, "test/Spec.hs": tasty_exception},
            section(r"^\s+divides: +FAIL", inside=[r"divide by zero"]),
            "cabal test, tasty --hide-successes: an exception in one case, then two assertion failures in nested groups",
        ),
    ]
