# ruff: noqa: E501  (the tiny projects' files are written inline, one string each)
"""Toolchain development set: R packages, Emacs Lisp, Common Lisp, Racket, Guile and Octave (``rl-``).

Beside debian_cases.py's testthat/Rscript/lintr shapes: ``R CMD build`` + ``R CMD check`` of a tiny package (the
tests' testthat blocks quoted under ``checking tests ... ERROR``, in full and cut to R's last 13 lines, a failing
example, a package that does not install, ``--as-cran`` WARNINGs, a missing dependency), ``R CMD INSTALL``,
testthat's summary reporter, a script's ``stop()``; Emacs Lisp (ERT in batch, buttercup, byte-compilation with
``byte-compile-error-on-warn``, package-lint); SBCL (``--script`` and ``--non-interactive`` with an unhandled
condition, FiveAM through ASDF, ASDF's missing dependency and compile failure); Racket (``raco test`` with
rackunit, ``raco make``); Guile (SRFI-64 and an error's backtrace); Octave (``test`` blocks, a script's
``error:``). Tools from Debian bookworm's archive (README.md, "R, Emacs Lisp, Lisp, Scheme and Octave"). Labels
follow bench/validation/README.md's conventions, found from what each case knows, never by running the analyzer.

    python3 bench/toolchain/make_logs.py --only rl-
    python3 bench/toolchain/rlisp_cases.py          # then: some of them as Travis CI logs (``rl-travis-``)
"""

from __future__ import annotations

import json
import sys
import textwrap
from pathlib import Path

from make_logs import Case, first_of, section

R_SETUP = "r-lib/actions/setup-r@v2"
EMACS_SETUP = "purcell/setup-emacs@master"
LISP_SETUP = "40ants/setup-lisp@v4"
RACKET_SETUP = "Bogdanp/setup-racket@v1.11"
CHECKOUT = "actions/checkout@v4"
R_VERSION = "R --version | head -n 1"
# R CMD check tries CRAN's index for the dependency checks: offline here, as on a runner without network.
R_CHECK_ENV = {"_R_CHECK_FORCE_SUGGESTS_": "false", "_R_CHECK_CRAN_INCOMING_": "false", "GITHUB_ACTIONS": ""}

DESCRIPTION = textwrap.dedent(
    """\
    Package: calcr
    Title: Tiny Arithmetic Helpers
    Version: 0.1.0
    Authors@R: person("Ada", "Lovelace", email = "ada@example.com", role = c("aut", "cre"))
    Description: Adds and divides numbers for the continuous integration examples.
    License: MIT + file LICENSE
    Encoding: UTF-8
    Suggests: testthat (>= 3.0.0)
    Config/testthat/edition: 3
    """
)
CALC_R = textwrap.dedent(
    """\
    add <- function(a, b) a + b

    safe_div <- function(a, b) {
      if (b == 0) stop("division by zero")
      a / b
    }
    """
)


def rd(name: str, title: str, example: str, args: str = "a, b") -> str:
    items = "".join(f"\\item{{{arg.strip()}}}{{a number}}\n" for arg in args.split(","))
    return (
        f"\\name{{{name}}}\n\\alias{{{name}}}\n\\title{{{title}}}\n\\usage{{{name}({args})}}\n"
        f"\\arguments{{\n{items}}}\n\\value{{A number.}}\n\\description{{{title}.}}\n\\examples{{\n{example}\n}}\n"
    )


TESTTHAT_R = 'library(testthat)\nlibrary(calcr)\n\ntest_check("calcr")\n'
TEST_A = textwrap.dedent(
    """\
    test_that("add is vectorised", {
      message("ERROR [importer] row 7 rejected: logged by a passing test")
      expect_equal(add(1:2, 1:2), c(2, 4))
    })
    """
)
TEST_CALC = textwrap.dedent(
    """\
    test_that("add works", {
      expect_equal(add(1, 2), 3)
    })

    test_that("add handles negatives", {
      expect_equal(add(-1, -2), -4)
    })

    test_that("safe_div refuses zero", {
      expect_equal(safe_div(1, 0), Inf)
    })
    """
)
# Short failures: R CMD check quotes the last 13 lines of the tests' output, the first failure's header among them.
TEST_SHORT = textwrap.dedent(
    """\
    test_that("add works", {
      expect_equal(add(1, 2), 3)
    })

    test_that("add is positive", {
      expect_true(add(-1, -2) > 0)
    })

    test_that("safe_div refuses zero", {
      expect_true(is.na(safe_div(1, 1)))
    })
    """
)


def r_package(**overrides: str) -> dict[str, str]:
    files = {
        "calcr/DESCRIPTION": DESCRIPTION,
        "calcr/LICENSE": "YEAR: 2026\nCOPYRIGHT HOLDER: calcr authors\n",
        "calcr/NAMESPACE": "export(add)\nexport(safe_div)\n",
        "calcr/R/calc.R": CALC_R,
        "calcr/man/add.Rd": rd("add", "Add two numbers", "add(1, 2)"),
        "calcr/man/safe_div.Rd": rd("safe_div", "Divide two numbers", "safe_div(4, 2)"),
        "calcr/tests/testthat.R": TESTTHAT_R,
        "calcr/tests/testthat/test-a.R": TEST_A,
        "calcr/tests/testthat/test-calc.R": TEST_CALC,
    }
    for name, content in overrides.items():
        path = "calcr/" + name.replace("__", "/")
        if content:
            files[path] = content
        else:
            files.pop(path)
    return files


CHECK = "R CMD build calcr\nR CMD check --no-manual calcr_0.1.0.tar.gz"


def r_cases() -> list[Case]:
    return [
        Case(
            "rl-r-check-tests-full",
            "r-cmd-check",
            "r",
            "test",
            CHECK,
            r_package(),
            section(
                r"^ *── Failure \('test-calc\.R:6'\): add handles negatives",
                inside=[r"^ *add\(-1, -2\) \(`actual`\) not equal to -4"],
                end=r"^ *── ",
            ),
            "R CMD check: the tests fail (a failure, then an error); _R_CHECK_TESTS_NLINES_=0 quotes the whole output",
            R_VERSION,
            setup=R_SETUP,
            env={**R_CHECK_ENV, "_R_CHECK_TESTS_NLINES_": "0"},
            neutral_hosts=True,
        ),
        Case(
            "rl-r-check-tests-tail",
            "r-cmd-check",
            "r",
            "test",
            CHECK,
            r_package(**{"tests__testthat__test-calc.R": TEST_SHORT}),
            section(
                r"^ *── Failure \('test-calc\.R:6'\): add is positive", inside=[r"^ *add\(-1, -2\) > 0 is not TRUE"]
            ),
            "R CMD check: the tests' last 13 lines, with the first failure's header still among them",
            R_VERSION,
            setup=R_SETUP,
            env=R_CHECK_ENV,
            neutral_hosts=True,
        ),
        Case(
            "rl-r-check-examples",
            "r-cmd-check",
            "r",
            "test",
            CHECK,
            r_package(
                **{
                    "man__safe_div.Rd": rd(
                        "safe_div", "Divide two numbers", "safe_div(4, 2)\nsafe_div(1, 0)\nsafe_div(9, 3)"
                    )
                }
            ),
            first_of(r"^Error in safe_div\(1, 0\) : division by zero$"),
            "R CMD check: an example stops (`Running examples in ‘calcr-Ex.R’ failed`, the call and its error)",
            R_VERSION,
            setup=R_SETUP,
            env=R_CHECK_ENV,
            neutral_hosts=True,
        ),
        Case(
            "rl-r-check-install",
            "r-cmd-check",
            "r",
            "build",
            "R CMD build calcr\nR CMD check --no-manual calcr_0.1.0.tar.gz || { cat calcr.Rcheck/00install.out; exit 1; }",
            r_package(**{"R__calc.R": CALC_R.replace("a / b\n}", "a / b\n}}")}),
            first_of(
                r"checking whether package ‘calcr’ can be installed \.\.\. ERROR",
                r"^Error in parse\(outFile\) :",
                r"^ +\S+/R/calc\.R:6:2: unexpected '\}'$",
            ),
            "R CMD check: the package does not install (a parse error); the step prints 00install.out after it",
            R_VERSION,
            setup=R_SETUP,
            env=R_CHECK_ENV,
            neutral_hosts=True,
        ),
        Case(
            "rl-r-check-as-cran",
            "r-cmd-check",
            "r",
            "test",
            "R CMD build calcr\nR CMD check --as-cran --no-manual calcr_0.1.0.tar.gz",
            r_package(
                **{
                    "R__calc.R": CALC_R + "\nscale_by <- function(x, k, na.rm = FALSE) x * k\n",
                    "NAMESPACE": "export(add)\nexport(safe_div)\nexport(scale_by)\n",
                    "man__scale_by.Rd": rd("scale_by", "Scale a vector", "scale_by(1:3, 2)", args="x, factor"),
                }
            ),
            section(
                r"^ *── Failure \('test-calc\.R:6'\): add handles negatives",
                inside=[r"^ *add\(-1, -2\) \(`actual`\) not equal to -4"],
                end=r"^ *── ",
            ),
            "R CMD check --as-cran: WARNINGs (code/documentation mismatches) before the tests' ERROR, `Status: 1 ERROR, 2 WARNINGs` far below",
            R_VERSION,
            setup=R_SETUP,
            env={**R_CHECK_ENV, "_R_CHECK_TESTS_NLINES_": "0"},
            neutral_hosts=True,
        ),
        Case(
            "rl-r-check-warnings-as-errors",
            "r-cmd-check",
            "r",
            "lint",
            "R CMD build calcr\nR CMD check --as-cran --no-manual calcr_0.1.0.tar.gz\n"
            'if grep -q -R "WARNING" "calcr.Rcheck/00check.log"; then\n'
            '  echo "Found warnings, treating as errors"\n  false\nfi',
            r_package(
                **{
                    "R__calc.R": CALC_R + "\nscale_by <- function(x, k) x * k\n",
                    "NAMESPACE": "export(add)\nexport(safe_div)\nexport(scale_by)\n",
                    "man__scale_by.Rd": rd("scale_by", "Scale a vector", "scale_by(1:3, 2)", args="x, factor"),
                    "tests__testthat__test-calc.R": 'test_that("add works", {\n  expect_equal(add(1, 2), 3)\n})\n',
                }
            ),
            first_of(r"^\* checking for code/documentation mismatches \.\.\. WARNING$"),
            "R CMD check passes with a WARNING; the script fails the build on it as travis-build's R support did (`Found warnings, treating as errors`)",
            R_VERSION,
            alt_categories=["test"],
            setup=R_SETUP,
            env=R_CHECK_ENV,
            neutral_hosts=True,
        ),
        Case(
            "rl-r-check-dependency",
            "r-cmd-check",
            "r",
            "dependency",
            CHECK,
            r_package(
                **{
                    "DESCRIPTION": DESCRIPTION.replace("Suggests:", "Imports: fastcsvreadr\nSuggests:"),
                    "NAMESPACE": "export(add)\nexport(safe_div)\nimportFrom(fastcsvreadr, read_fast)\n",
                }
            ),
            first_of(r"^Package required but not available: ‘fastcsvreadr’"),
            "R CMD build and check of a package that imports a package no one installed",
            R_VERSION,
            setup=R_SETUP,
            env=R_CHECK_ENV,
            neutral_hosts=True,
        ),
        Case(
            "rl-r-install-dependency",
            "r-cmd-install",
            "r",
            "dependency",
            "R CMD INSTALL --no-test-load calcr",
            r_package(
                **{
                    "DESCRIPTION": DESCRIPTION.replace("Suggests:", "Imports: fastcsvreadr, jsonlitex\nSuggests:"),
                }
            ),
            first_of(r"^ERROR: dependencies ‘fastcsvreadr’, ‘jsonlitex’ are not available for package ‘calcr’"),
            "R CMD INSTALL of a package whose imports are not installed",
            R_VERSION,
            setup=R_SETUP,
            env=R_CHECK_ENV,
        ),
        Case(
            "rl-r-testthat-summary",
            "testthat",
            "r",
            "test",
            'Rscript -e \'source("R/calc.R"); testthat::test_dir("tests/testthat", reporter = "summary", stop_on_failure = TRUE)\'',
            {
                "R/calc.R": CALC_R,
                "tests/testthat/test-a.R": TEST_A,
                "tests/testthat/test-calc.R": TEST_CALC,
            },
            section(
                r"^── 1\. Failure \('test-calc\.R:6'\): add handles negatives",
                inside=[r"^add\(-1, -2\) not equal to -4\.$"],
                end=r"^── 2\. ",
            ),
            "testthat's summary reporter: dots and numbers per file, then the numbered failures",
            'Rscript -e \'cat("R", R.version$major, R.version$minor, "testthat", format(packageVersion("testthat")), "\\n")\'',
            setup=R_SETUP,
        ),
        Case(
            "rl-r-script-stop",
            "rscript",
            "r",
            "unknown",
            "Rscript scripts/report.R",
            {
                "scripts/report.R": textwrap.dedent(
                    """\
                    read_config <- function(path) {
                      if (!file.exists(path)) {
                        stop("config file not found: ", path)
                      }
                      readLines(path)
                    }
                    main <- function() {
                      cat("building the weekly report\\n")
                      x <- as.numeric(c("1", "2", "three"))
                      print(summary(x))
                      cfg <- read_config("config/report.yml")
                      cat(cfg, sep = "\\n")
                    }
                    main()
                    """
                ),
            },
            first_of(r"^Error in read_config\(\"config/report\.yml\"\) :"),
            "an R script stops (`Error in f(...) : msg`, `Calls:`, `Execution halted`) after a warning",
            "Rscript --version",
            alt_categories=["config"],
            setup=R_SETUP,
        ),
    ]


# --- Emacs Lisp -----------------------------------------------------------------------------------------------------

CALC_EL = textwrap.dedent(
    """\
    ;;; calc.el --- Tiny arithmetic helpers  -*- lexical-binding: t; -*-

    ;;; Commentary:

    ;; Adds numbers.

    ;;; Code:

    (defun calc-add (a b)
      "Add A and B."
      (+ a b))

    (defun calc-mean (xs)
      "Return the mean of XS."
      (/ (apply #'+ xs) (length xs)))

    (provide 'calc)
    ;;; calc.el ends here
    """
)
ERT_TESTS = textwrap.dedent(
    """\
    ;;; calc-tests.el --- Tests for calc  -*- lexical-binding: t; -*-
    (require 'ert)
    (require 'calc)

    (ert-deftest calc-test-add ()
      (should (= 3 (calc-add 1 2))))

    (ert-deftest calc-test-add-wrong ()
      (should (equal 5 (calc-add 2 2))))

    (ert-deftest calc-test-logs ()
      (message "error: printed by a passing test")
      (should (= 0 (calc-add 0 0))))

    (ert-deftest calc-test-mean-empty ()
      (should (= 0 (calc-mean nil))))
    ;;; calc-tests.el ends here
    """
)
CALC_EXTRA_EL = textwrap.dedent(
    """\
    ;;; calc-extra.el --- More helpers  -*- lexical-binding: t; -*-

    ;; Author: Ada Lovelace <ada@example.com>
    ;; Version: 0.1.0
    ;; Package-Requires: ((emacs "25.1"))
    ;; Keywords: tools

    ;;; Commentary:

    ;; More arithmetic.

    ;;; Code:

    (require 'cl-lib)

    (defun calc-extra-sum (xs)
      "Sum XS."
      (let ((total 0) (unused 1))
        (dolist (x xs total)
          (setq total (+ total x)))))

    (defun calc-extra-scale (xs k)
      "Scale XS by K."
      (mapcar (lambda (x) (calc-extra--mul x k)) xs))

    (defun scale-all (xs)
      "Double XS."
      (calc-extra-scale xs 2))

    (provide 'calc-extra)
    ;;; calc-extra.el ends here
    """
)
BUTTERCUP = "/usr/share/emacs/site-lisp/elpa/buttercup-1.26"
PACKAGE_LINT = "/usr/share/emacs/site-lisp/elpa/package-lint-0.16"
LET_ALIST = "/usr/share/emacs/site-lisp/elpa/let-alist-1.0.6"
EMACS_VERSION = "emacs --version | head -n 1"


def emacs_cases() -> list[Case]:
    return [
        Case(
            "rl-el-ert",
            "ert",
            "emacs-lisp",
            "test",
            "emacs -batch -L . -l ert -l calc-tests.el -f ert-run-tests-batch-and-exit",
            {"calc.el": CALC_EL, "calc-tests.el": ERT_TESTS},
            first_of(
                r"^Test calc-test-add-wrong backtrace:$",
                r"^Test calc-test-add-wrong condition:$",
                r"^ +FAILED +2/4 +calc-test-add-wrong ",
                r"^ +FAILED +calc-test-add-wrong$",
            ),
            "ERT in batch (Debian's site-start lines first): a failed `should`, then an error; `Ran 4 tests, 2 results as expected, 2 unexpected` and the list below",
            EMACS_VERSION,
            setup=EMACS_SETUP,
        ),
        Case(
            "rl-el-ert-error-first",
            "ert",
            "emacs-lisp",
            "test",
            "emacs -Q --batch -L . -l calc-tests.el --eval '(ert-run-tests-batch-and-exit (quote (not (tag :slow))))'",
            {
                "calc.el": CALC_EL,
                "calc-tests.el": ERT_TESTS.replace(
                    "(ert-deftest calc-test-add ()",
                    "(ert-deftest calc-test-a-scale ()\n  (should (equal '(2 4) (calc-scale '(1 2) 2))))\n\n(ert-deftest calc-test-slow ()\n  :tags '(:slow)\n  (should t))\n\n(ert-deftest calc-test-add ()",
                ),
            },
            first_of(
                r"^Test calc-test-a-scale backtrace:$",
                r"^Test calc-test-a-scale condition:$",
                r"^ +FAILED +1/5 +calc-test-a-scale ",
                r"^ +FAILED +calc-test-a-scale$",
            ),
            "ERT with a selector: the first unexpected result is an error (void-function) before a failed `should`",
            EMACS_VERSION,
            setup=EMACS_SETUP,
        ),
        Case(
            "rl-el-buttercup",
            "buttercup",
            "emacs-lisp",
            "test",
            f"emacs -Q -batch -L . -L {BUTTERCUP} -l buttercup -f buttercup-run-discover tests",
            {
                "calc.el": CALC_EL,
                "tests/test-calc.el": textwrap.dedent(
                    """\
                    ;;; test-calc.el --- Specs for calc  -*- lexical-binding: t; -*-
                    (require 'buttercup)
                    (require 'calc)

                    (describe "calc-add"
                      (it "adds two numbers"
                        (expect (calc-add 1 2) :to-equal 3))
                      (it "adds negatives"
                        (expect (calc-add -1 -2) :to-equal -4))
                      (it "logs while adding"
                        (message "ERROR: logged by a passing spec")
                        (expect (calc-add 0 0) :to-equal 0)))

                    (describe "calc-mean"
                      (it "averages nothing"
                        (expect (calc-mean nil) :to-equal 0)))
                    """
                ),
            },
            section(
                r"^calc-add adds negatives$",
                inside=[r"^FAILED: Expected `\(calc-add -1 -2\)'"],
                anywhere=[r"^  adds negatives +Expected "],
            ),
            "buttercup: a failed expectation and an error; each failure under a `====` rule, `Ran 4 specs, 2 failed` below",
            f"emacs -Q -batch -L {BUTTERCUP} -l buttercup --eval '(princ (format \"buttercup %s\\n\" (pkg-info-version-info (quote buttercup))))' 2>/dev/null || echo buttercup 1.26",
            setup=EMACS_SETUP,
        ),
        Case(
            "rl-el-byte-compile",
            "emacs-byte-compile",
            "emacs-lisp",
            "lint",
            "emacs -Q -batch -L . --eval '(setq byte-compile-error-on-warn t)' -f batch-byte-compile calc.el calc-extra.el",
            {"calc.el": CALC_EL, "calc-extra.el": CALC_EXTRA_EL},
            first_of(r"^calc-extra\.el:\d+:\d+: Error: Unused lexical variable `unused'"),
            "byte-compilation with byte-compile-error-on-warn: a clean file, then a warning made an error",
            EMACS_VERSION,
            alt_categories=["build"],
            setup=EMACS_SETUP,
        ),
        Case(
            "rl-el-package-lint",
            "package-lint",
            "emacs-lisp",
            "lint",
            f"emacs -Q -batch -L . -L {PACKAGE_LINT} -L {LET_ALIST} -l package-lint -f package-lint-batch-and-exit calc-extra.el",
            {"calc-extra.el": CALC_EXTRA_EL.replace("(let ((total 0) (unused 1))", "(let ((total 0))")},
            first_of(r"^calc-extra\.el:1:0: error: Package should have a Homepage or URL header\.$"),
            "package-lint: the package's headers and its names, errors and warnings in line order",
            EMACS_VERSION,
            setup=EMACS_SETUP,
        ),
    ]


# --- Common Lisp: SBCL, FiveAM, ASDF ----------------------------------------------------------------------------------

SBCL_VERSION = "sbcl --version"
LOAD_ASDF = "--eval '(require :asdf)' --eval '(push *default-pathname-defaults* asdf:*central-registry*)'"
CL_CALC = "(defpackage :calc (:use :cl) (:export #:add #:mean))\n(in-package :calc)\n(defun add (a b) (+ a b))\n(defun mean (xs) (/ (reduce #'+ xs) (length xs)))\n"


def lisp_cases() -> list[Case]:
    script = textwrap.dedent(
        """\
        (defun parse-port (s)
          (let ((n (parse-integer s :junk-allowed t)))
            (unless n (error "invalid port in configuration: ~S" s))
            n))
        (format t "reading configuration~%")
        (warn "the TIMEOUT setting is deprecated")
        (format t "port ~A~%" (parse-port "80x"))
        (format t "port ~A~%" (parse-port "http"))
        """
    )
    return [
        Case(
            "rl-cl-sbcl-script",
            "sbcl",
            "common-lisp",
            "unknown",
            "sbcl --script scripts/configure.lisp",
            {"scripts/configure.lisp": script},
            first_of(r"^Unhandled SIMPLE-ERROR in thread ", r'^  invalid port in configuration: "http"$'),
            "sbcl --script: a WARNING, then an unhandled error and its backtrace",
            SBCL_VERSION,
            alt_categories=["config", "build"],
            setup=LISP_SETUP,
        ),
        Case(
            "rl-cl-sbcl-type-error",
            "sbcl",
            "common-lisp",
            "unknown",
            "sbcl --non-interactive --load build.lisp",
            {
                "build.lisp": '(format t "building index~%")\n(defun total (rows) (reduce #\'+ rows :key #\'cdr))\n(format t "total ~A~%" (total \'((a . 1) (b . 2))))\n(format t "total ~A~%" (total \'((a . 1) (b . "2"))))\n'
            },
            first_of(r"^Unhandled SIMPLE-TYPE-ERROR in thread |^Unhandled TYPE-ERROR in thread ", r"^  The value\b"),
            "sbcl --non-interactive --load: the banner, then an unhandled TYPE-ERROR and its backtrace",
            SBCL_VERSION,
            alt_categories=["build", "test"],
            setup=LISP_SETUP,
        ),
        Case(
            "rl-cl-fiveam",
            "fiveam",
            "common-lisp",
            "test",
            "sbcl --non-interactive --load run-tests.lisp",
            {
                "calc.asd": '(defsystem "calc"\n  :components ((:file "calc")))\n\n(defsystem "calc/tests"\n  :depends-on ("calc" "fiveam")\n  :components ((:file "tests")))\n',
                "calc.lisp": CL_CALC,
                "tests.lisp": textwrap.dedent(
                    """\
                    (defpackage :calc-tests (:use :cl :fiveam))
                    (in-package :calc-tests)
                    (def-suite calc-suite)
                    (in-suite calc-suite)
                    (test add-works (is (= 3 (calc:add 1 2))))
                    (test add-wrong (is (= 5 (calc:add 2 2))))
                    (test logs-error-text
                      (format t "~&ERROR: logged by a passing test~%")
                      (is (= 0 (calc:add 0 0))))
                    (test mean-of-none (is (= 0 (calc:mean '()))))
                    """
                ),
                "run-tests.lisp": '(require :asdf)\n(push *default-pathname-defaults* asdf:*central-registry*)\n(asdf:load-system "calc/tests")\n(unless (fiveam:run! \'calc-tests::calc-suite)\n  (uiop:quit 1))\n',
            },
            first_of(r"^ Running test ADD-WRONG f$", r"^ ADD-WRONG in CALC-SUITE \[\]: *$"),
            "FiveAM's run!: progress per test, `Did 4 checks.`, then `Failure Details` (listed last failure first)",
            SBCL_VERSION,
            setup=LISP_SETUP,
        ),
        Case(
            "rl-cl-asdf-missing",
            "asdf",
            "common-lisp",
            "dependency",
            f"sbcl --non-interactive {LOAD_ASDF} --eval '(asdf:load-system \"calc\")'",
            {
                "calc.asd": '(defsystem "calc"\n  :depends-on ("cl-ppcre-unicode-extras")\n  :components ((:file "calc")))\n',
                "calc.lisp": CL_CALC,
            },
            first_of(
                r"^Unhandled ASDF/FIND-COMPONENT:MISSING-DEPENDENCY in thread ",
                r'^  Component "cl-ppcre-unicode-extras" not found, required by',
            ),
            "ASDF: the system depends on a system no one installed",
            SBCL_VERSION,
            setup=LISP_SETUP,
        ),
        Case(
            "rl-cl-asdf-compile-warning",
            "asdf",
            "common-lisp",
            "build",
            f"sbcl --non-interactive {LOAD_ASDF} --eval '(setf uiop:*compile-file-failure-behaviour* :error)' --eval '(asdf:load-system \"calc\")'",
            {
                "calc.asd": '(defsystem "calc"\n  :components ((:file "util") (:file "calc" :depends-on ("util"))))\n',
                "util.lisp": "(defpackage :calc (:use :cl) (:export #:add #:mean))\n(in-package :calc)\n(defun unused-helper (x y) (+ x 1))\n",
                "calc.lisp": "(in-package :calc)\n(defun add (a b) (+ a b))\n(defun mean (xs)\n  (/ (reduce #'+ xs) (length xs)))\n(defun total (xs)\n  (add (reduce #'+ xs)))\n(defun scale (xs k) (mapcar (lambda (x) (* x k)) xs))\n",
            },
            section(
                r"^; caught WARNING:$",
                inside=[r"^;   The function ADD is called with one argument, but wants exactly two\.$"],
            ),
            "ASDF: a file compiles with a full WARNING (a call with too few arguments) after a STYLE-WARNING; with uiop:*compile-file-failure-behaviour* :error, UIOP stops the load",
            SBCL_VERSION,
            setup=LISP_SETUP,
        ),
        Case(
            "rl-cl-asdf-read-error",
            "asdf",
            "common-lisp",
            "build",
            f"sbcl --non-interactive {LOAD_ASDF} --eval '(asdf:load-system \"calc\")'",
            {
                "calc.asd": '(defsystem "calc"\n  :components ((:file "calc")))\n',
                "calc.lisp": "(defpackage :calc (:use :cl))\n(in-package :calc)\n(defun add (a b) (+ a b))\n(defun mean (xs)\n  (let ((n (length xs))\n    (/ (reduce #'+ xs) n)))\n",
            },
            section(r"^; caught ERROR:$", inside=[r"^;   READ error during COMPILE-FILE:"]),
            "ASDF: a file with unbalanced parentheses (READ error during COMPILE-FILE)",
            SBCL_VERSION,
            setup=LISP_SETUP,
        ),
    ]


# --- Racket, Guile ----------------------------------------------------------------------------------------------------

CALC_RKT = "#lang racket/base\n(provide add div)\n(define (add a b) (+ a b))\n(define (div a b) (/ a b))\n"


def scheme_cases() -> list[Case]:
    return [
        Case(
            "rl-rkt-raco-test",
            "raco-test",
            "racket",
            "test",
            "raco test tests",
            {
                "calc.rkt": CALC_RKT,
                "tests/a-test.rkt": '#lang racket/base\n(require rackunit "../calc.rkt")\n(check-equal? (add 2 3) 5)\n(printf "ok: a-test\\n")\n',
                "tests/calc-test.rkt": textwrap.dedent(
                    """\
                    #lang racket/base
                    (require rackunit "../calc.rkt")
                    (check-equal? (add 1 2) 3)
                    (test-case "adds wrong"
                      (check-equal? (add 2 2) 5))
                    (eprintf "error: printed by a passing check\\n")
                    (check-equal? (add -1 -1) -3 "negatives")
                    (check-exn exn:fail? (lambda () (div 1 1)))
                    """
                ),
            },
            section(r"^adds wrong$", inside=[r"^FAILURE$", r"^location: +.*calc-test\.rkt:5:2$"]),
            "raco test over a directory: rackunit's FAILURE blocks (name, location, actual, expected), `3/5 test failures`",
            "racket --version",
            setup=RACKET_SETUP,
        ),
        Case(
            "rl-rkt-raco-make",
            "raco-make",
            "racket",
            "build",
            "raco make -v main.rkt",
            {
                "main.rkt": '#lang racket/base\n(require "stats.rkt")\n(displayln (total (list 1 2 3)))\n',
                "stats.rkt": "#lang racket/base\n(provide total)\n(define (total xs) (for/sum ([x xs]) (sqaure x)))\n",
            },
            first_of(r"stats\.rkt:3:38: sqaure: unbound identifier$"),
            "raco make: a required module refers to an unbound identifier",
            "racket --version",
            setup=RACKET_SETUP,
        ),
        Case(
            "rl-scm-srfi64",
            "srfi-64",
            "scheme",
            "test",
            "guile --no-auto-compile -L . tests/calc-test.scm || { cat calc.log; exit 1; }",
            {
                "calc.scm": "(define-module (calc) #:export (add mean))\n(define (add a b) (+ a b))\n(define (mean xs) (/ (apply + xs) (length xs)))\n",
                "tests/calc-test.scm": textwrap.dedent(
                    """\
                    (use-modules (srfi srfi-64) (calc))
                    (test-begin "calc")
                    (test-equal "adds" 3 (add 1 2))
                    (test-equal "adds wrong" 5 (add 2 2))
                    (test-assert "mean of one" (= 2 (mean '(2))))
                    (test-equal "mean of none" 0 (mean '()))
                    (define failures (test-runner-fail-count (test-runner-current)))
                    (test-end "calc")
                    (exit (if (zero? failures) 0 1))
                    """
                ),
            },
            first_of(r"^tests/calc-test\.scm:4: FAIL adds wrong$"),
            "Guile's SRFI-64: `FAIL` lines and the counts on the console, then the step prints the runner's .log",
            "guile --version | head -n 1",
            setup=CHECKOUT,
        ),
        Case(
            "rl-scm-guile-backtrace",
            "guile",
            "scheme",
            "unknown",
            "guile --no-auto-compile scripts/report.scm",
            {
                "scripts/report.scm": textwrap.dedent(
                    """\
                    (use-modules (ice-9 format))
                    (define (first-row rows) (car rows))
                    (define (summarise rows)
                      (format #t "summarising ~a rows~%" (length rows))
                      (first-row rows))
                    (display "loading rows\\n")
                    (summarise '())
                    """
                ),
            },
            first_of(r"In procedure car: Wrong type argument in position 1 \(expecting pair\): \(\)$"),
            "a Guile script fails: Guile's backtrace, then the error",
            "guile --version | head -n 1",
            alt_categories=["test", "build"],
            setup=CHECKOUT,
        ),
    ]


# --- Octave -----------------------------------------------------------------------------------------------------------

OCTAVE_VERSION = "octave-cli --version | head -n 1"


def octave_cases() -> list[Case]:
    return [
        Case(
            "rl-oct-test",
            "octave-test",
            "octave",
            "test",
            'cd inst && octave-cli --no-gui --eval \'ok = true; for f = {"calc_add", "calc_mean"}, ok = test (f{1}, "quiet", stdout) && ok; end; exit (! ok)\'',
            {
                "inst/calc_add.m": textwrap.dedent(
                    """\
                    function r = calc_add (a, b)
                      r = a + b;
                    endfunction

                    %!assert (calc_add (1, 2), 3)
                    %!test
                    %! disp ("error: printed by a passing test");
                    %! assert (calc_add (0, 0), 0);
                    %!assert (calc_add (2, 2), 5)
                    %!error <nonconformant> calc_add ([1 2], [1 2 3])
                    """
                ),
                "inst/calc_mean.m": "function m = calc_mean (x)\n  m = sum (x) / numel (x);\nendfunction\n\n%!assert (calc_mean ([1 2 3]), 2)\n%!assert (calc_mean ([]), 0)\n",
            },
            section(
                r"^\*\*\*\*\* assert \(calc_add \(2, 2\), 5\)$",
                inside=[r"^!!!!! test failed$", r"^ASSERT errors for: +assert \(calc_add \(2, 2\),5\)"],
            ),
            "Octave's test blocks, file by file: `!!!!! test failed` and the ASSERT table, a second file failing after",
            OCTAVE_VERSION,
            setup=CHECKOUT,
        ),
        Case(
            "rl-oct-script-error",
            "octave",
            "octave",
            "unknown",
            "octave-cli --no-gui run_report.m",
            {
                "load_data.m": 'function d = load_data (f)\n  if (! exist (f, "file"))\n    error ("load_data: cannot open %s", f);\n  endif\n  d = csvread (f);\nendfunction\n',
                "run_report.m": 'disp ("building report");\nwarning ("report: the legend option is deprecated");\nd = load_data ("data/measurements.csv");\ndisp (mean (d));\n',
            },
            first_of(r"^error: load_data: cannot open data/measurements\.csv$"),
            "an Octave script: a warning, then `error:` and `error: called from`",
            OCTAVE_VERSION,
            alt_categories=["config"],
            setup=CHECKOUT,
        ),
    ]


def rlisp_cases() -> list[Case]:
    return r_cases() + emacs_cases() + lisp_cases() + scheme_cases() + octave_cases()


# Some of the logs again as Travis CI job logs (ci_wrap_cases.py's travis(): folds, `$ <command>`, `The command
# "..." exited with 1.`), named rl-travis-<case> so that ci_wrap_cases.rewrap() leaves them alone.
TRAVIS = [
    "rl-r-testthat-summary",
    "rl-r-install-dependency",
    "rl-el-ert",
    "rl-cl-fiveam",
    "rl-rkt-raco-test",
    "rl-oct-test",
]


def travis_logs(out: Path) -> None:
    from ci_wrap_cases import load_source, travis, write

    labels_path = out / "labels.json"
    labels = json.loads(labels_path.read_text())
    sources = [load_source(out, f"{name}.log", labels[f"{name}.log"]) for name in TRAVIS]
    for index, source in enumerate(sources):
        labels.update(write(out, "rl-travis-", "travis", travis, source, sources[(index + 1) % len(sources)]))
    renamed = {}
    for name, label in labels.items():
        renamed[name.replace("rl-travis-rl-", "rl-travis-")] = label
    for old in [name for name in labels if name.startswith("rl-travis-rl-")]:
        (out / f"{old}.gz").rename(out / f"{old.replace('rl-travis-rl-', 'rl-travis-')}.gz")
    labels_path.write_text(json.dumps(dict(sorted(renamed.items())), indent=1) + "\n")


if __name__ == "__main__":
    travis_logs(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent / "logs")
