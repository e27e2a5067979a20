# ruff: noqa: E501  (the tiny projects' files and the tools' lines are data, one string each)
"""Toolchain development set: Objective-C and Swift, xcodebuild, xcpretty, SwiftPM, SwiftLint, CocoaPods (``ap-``).

Xcode cannot run here. What can be made real is made real:

- Objective-C compiled here with Debian bookworm's gobjc (gcc 12) and clang 14 against GNUstep Base, through
  GNUstep's makefiles (``make``) and its test framework (``gnustep-tests``): compiler errors, warnings as errors, a
  missing runtime header, failing ``PASS`` checks, a test file that does not build, an exception in a test.
- xcodebuild output: the lines are REAL xcodebuild output kept by xcpretty (github.com/xcpretty/xcpretty, MIT
  licence, see apple_cases_LICENSE.txt) in the ``SAMPLE_*`` constants of its ``spec/fixtures/constants.rb`` (single
  commands and messages, put together here into a run, with xcodebuild's ``** BUILD FAILED **`` / ``The following
  build commands failed:`` / ``(1 failure)`` tail as public issues quote it). xcpretty's whole raw runs
  (``spec/fixtures/raw_*.txt``) are NOT used: bench/validation/xcpretty/ holds xcpretty's raw xcodebuild output as
  held-out logs. They are read from a checkout of xcpretty (``TOOLCHAIN_XCPRETTY``, default
  /tmp/tc/apple/xcpretty), never copied into this file. ``xcodebuild`` is a shell function that prints them and
  exits 65 (xcodebuild's status for a failed build); half the cases pipe it through the REAL xcpretty 0.4.1 (run
  with Debian's ruby and ruby-rouge) under ``set -o pipefail``, as CI scripts did.
- SwiftPM's ``swift test`` on Linux, SwiftLint and CocoaPods: no toolchain here; their output is assembled from the
  tools' own format strings (swift-corelibs-xctest's PrintObserver.swift and its functional tests' CHECK lines,
  SwiftLint's XcodeReporter.swift, CocoaPods' validator and informative errors) and printed by a shell function
  standing in for the tool. The README section says which logs these are.

Labels follow bench/validation/README.md's conventions, found from what each case knows (the first failing test's
name, the file of the first error), never by running the analyzer: the first compiler error, the first failing
test's assertion line and its ``Test Case '...' failed`` line, xcpretty's ``✗``/``❌`` line and its summary entry,
never ``** BUILD FAILED **``, ``The following build commands failed:`` or ``Executed N tests, with M failures``.

    python3 bench/toolchain/make_logs.py --only ap-
    python3 bench/toolchain/apple_cases.py          # the Travis-era osx copies of some of them (ap-osx-)
"""

from __future__ import annotations

import functools
import gzip
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

from make_logs import Case, first_of, section

APPLE = Path(os.environ.get("TOOLCHAIN_APPLE", "/tmp/tc/apple"))
XCPRETTY = Path(os.environ.get("TOOLCHAIN_XCPRETTY", str(APPLE / "xcpretty")))
SETUP = "actions/checkout@v4"

# --- GNUstep and Objective-C, run here ------------------------------------------------------------------------------

GNUSTEP_SH = "source /usr/share/GNUstep/Makefiles/GNUstep.sh"
# clang on Linux finds the GNU runtime's headers (objc/objc.h) only under gcc's include directory.
CLANG_OBJC = 'CC=clang OBJC=clang ADDITIONAL_OBJCFLAGS="-I/usr/lib/gcc/x86_64-linux-gnu/12/include -fobjc-runtime=gcc"'
VERSION_GCC = "gcc --version | head -1; gnustep-config --variable=GNUSTEP_MAKE_VERSION 2>/dev/null"
VERSION_CLANG = "clang --version | head -1"
VERSION_GNUSTEP_MAKE = "make --version | head -1; echo gnustep-make $(dpkg-query -W -f '${Version}' gnustep-make)"
VERSION_GNUSTEP_TESTS = "echo gnustep-tests $(dpkg-query -W -f '${Version}' gnustep-make) gnustep-base $(dpkg-query -W -f '${Version}' libgnustep-base-dev)"

GNUMAKEFILE = textwrap.dedent(
    """\
    include $(GNUSTEP_MAKEFILES)/common.make

    TOOL_NAME = ledger
    ledger_OBJC_FILES = main.m Ledger.m Report.m

    include $(GNUSTEP_MAKEFILES)/tool.make
    """
)
LEDGER_H = textwrap.dedent(
    """\
    #import <Foundation/Foundation.h>

    @interface Ledger : NSObject
    {
      NSMutableArray *items;
    }
    - (void)addAmount:(NSInteger)amount;
    - (NSInteger)total;
    @end
    """
)
MAIN_M = textwrap.dedent(
    """\
    #import "Ledger.h"

    int main(void)
    {
      NSAutoreleasePool *pool = [NSAutoreleasePool new];
      NSString *errorText = @"error: nothing to report";
      Ledger *ledger = [Ledger new];
      [ledger addAmount: 3];
      NSLog(@"total %ld", (long)[ledger total]);
      [pool release];
      return 0;
    }
    """
)
LEDGER_M = textwrap.dedent(
    """\
    #import "Ledger.h"

    @implementation Ledger
    - (void)addAmount:(NSInteger)amount
    {
      if (items == nil)
        items = [NSMutableArray new];
      [items addObject: [NSNumber numberWithInteger: amount]];
    }

    - (NSInteger)total
    {
      NSInteger sum = 0;
      for (NSNumber *n in entries)
        sum += [n integerValue];
      return [self roundedSum: sum];
    }
    @end
    """
)
REPORT_M = textwrap.dedent(
    """\
    #import <Foundation/Foundation.h>

    NSString *ReportTitle(NSString *name)
    {
      return [NSString stringWithFormat: @"Report %@", nam];
    }
    """
)
LEDGER_OK_M = LEDGER_M.replace("in entries", "in items").replace("[self roundedSum: sum]", "sum")
PARSER_M = textwrap.dedent(
    """\
    #import <Foundation/Foundation.h>

    NSInteger ParsePort(NSString *text)
    {
      NSInteger unusedDefault = 8080;
      NSInteger port = [text integerValue];
      if (port = 0)
        return -1;
      return port;
    }
    """
)
PLAIN_MAKEFILE = textwrap.dedent(
    """\
    CC ?= gcc
    OBJCFLAGS := $(shell gnustep-config --objc-flags) $(EXTRA_OBJCFLAGS) -Wall -Werror
    LIBS := $(shell gnustep-config --base-libs)

    all: parser

    Config.o: Config.m
    \t$(CC) $(OBJCFLAGS) -c $< -o $@

    Parser.o: Parser.m
    \t$(CC) $(OBJCFLAGS) -c $< -o $@

    parser: Config.o Parser.o
    \t$(CC) $^ $(LIBS) -o $@
    """
)
CONFIG_M = textwrap.dedent(
    """\
    #import <Foundation/Foundation.h>

    NSString *ConfigPath(void)
    {
      return @"/etc/ledger.conf";
    }
    """
)

TESTING_PREAMBLE = '#import <Foundation/Foundation.h>\n#import "Testing.h"\n\nint main(void)\n{\n  NSAutoreleasePool *pool = [NSAutoreleasePool new];\n'
TESTING_END = "  [pool release];\n  return 0;\n}\n"
TEST_BASIC = (
    TESTING_PREAMBLE
    + '  NSArray *a = [NSArray arrayWithObjects: @"rent", @"food", nil];\n'
    + '  PASS([a count] == 2, "ledger has two categories");\n'
    + '  NSLog(@"ERROR: category cache miss (expected in this test)");\n'
    + '  PASS_EQUAL([a objectAtIndex: 0], @"food", "categories are sorted");\n'
    + '  PASS([a containsObject: @"travel"], "travel is a category");\n'
    + TESTING_END
)
TEST_OK = TESTING_PREAMBLE + '  PASS([@"abc" length] == 3, "strings have a length");\n' + TESTING_END
TEST_RANGE = (
    TESTING_PREAMBLE
    + "  NSArray *a = [NSArray array];\n"
    + '  PASS([a count] == 0, "a new ledger is empty");\n'
    + '  PASS([[a objectAtIndex: 3] length] == 1, "the fourth entry has a name");\n'
    + TESTING_END
)
TEST_BROKEN = TESTING_PREAMBLE + '  PASS(emptyLedgerTotal == 0, "an empty ledger totals zero");\n' + TESTING_END


def tests_dir(files: dict[str, str]) -> dict[str, str]:
    return {"Tests/ledger/TestInfo": "", **{f"Tests/ledger/{name}": text for name, text in files.items()}}


def gnustep_cases() -> list[Case]:
    tool = {
        "GNUmakefile": GNUMAKEFILE,
        "Ledger.h": LEDGER_H,
        "main.m": MAIN_M,
        "Ledger.m": LEDGER_M,
        "Report.m": REPORT_M,
    }
    return [
        Case(
            "ap-gnustep-make-gcc",
            "gnustep-make",
            "objective-c",
            "build",
            f"{GNUSTEP_SH}\nmake",
            tool,
            first_of(r"^Ledger\.m:\d+:\d+: error: "),
            "GNUstep's tool.make with gcc (gobjc): main.m warns (an unused variable named errorText), Ledger.m has an undeclared identifier and warnings after it; make stops before Report.m",
            VERSION_GCC,
            setup=SETUP,
        ),
        Case(
            "ap-gnustep-make-clang",
            "gnustep-make",
            "objective-c",
            "build",
            f"{GNUSTEP_SH}\nmake {CLANG_OBJC}",
            tool,
            first_of(r"^Ledger\.m:\d+:\d+: error: "),
            "GNUstep's tool.make with clang: a method-not-found warning, then an undeclared identifier in Ledger.m (clang's diagnostics, as Xcode prints them)",
            VERSION_CLANG,
            setup=SETUP,
        ),
        Case(
            "ap-gnustep-clang-no-runtime",
            "gnustep-make",
            "objective-c",
            "build",
            f"{GNUSTEP_SH}\nmake CC=clang OBJC=clang",
            {**tool, "Ledger.m": LEDGER_OK_M, "Report.m": REPORT_M.replace(", nam]", ", name]")},
            first_of(r"fatal error: 'objc/objc\.h' file not found"),
            "clang without the GNU runtime's headers on its include path: Foundation.h's #import <objc/objc.h> is not found",
            VERSION_CLANG,
            alt_categories=["dependency"],
            setup=SETUP,
        ),
        Case(
            "ap-objc-werror-clang",
            "clang",
            "objective-c",
            "build",
            "make CC=clang EXTRA_OBJCFLAGS='-I/usr/lib/gcc/x86_64-linux-gnu/12/include -fobjc-runtime=gcc'",
            {"Makefile": PLAIN_MAKEFILE, "Config.m": CONFIG_M, "Parser.m": PARSER_M},
            first_of(r"^Parser\.m:\d+:\d+: error: "),
            "clang -Wall -Werror on an Objective-C file: an unused variable and an assignment used as a condition become errors",
            VERSION_CLANG,
            setup=SETUP,
        ),
        Case(
            "ap-objc-werror-gcc",
            "gcc",
            "objective-c",
            "build",
            "make",
            {"Makefile": PLAIN_MAKEFILE, "Config.m": CONFIG_M, "Parser.m": PARSER_M},
            first_of(r"^Parser\.m:\d+:\d+: error: "),
            "gcc (gobjc) -Wall -Werror on an Objective-C file: 'all warnings being treated as errors'",
            VERSION_GCC,
            setup=SETUP,
        ),
        Case(
            "ap-gnustep-tests-fail",
            "gnustep-tests",
            "objective-c",
            "test",
            f"{GNUSTEP_SH}\ngnustep-tests Tests",
            tests_dir({"basic.m": TEST_BASIC, "ok.m": TEST_OK}),
            first_of(r"^Failed test: .* basic\.m:\d+ \.\.\. categories are sorted"),
            "gnustep-tests: two PASS checks of basic.m fail (the first: categories are sorted), ok.m passes; the code under test logs an ERROR line",
            VERSION_GNUSTEP_TESTS,
            setup=SETUP,
        ),
        Case(
            "ap-gnustep-tests-log",
            "gnustep-tests",
            "objective-c",
            "test",
            f"{GNUSTEP_SH}\ngnustep-tests Tests || {{ cat tests.log; exit 1; }}",
            tests_dir({"basic.m": TEST_BASIC, "ok.m": TEST_OK, "range.m": TEST_RANGE}),
            section(
                r"^Failed test: .* basic\.m:\d+ \.\.\. categories are sorted",
                anywhere=[r"^Expected 'food' and got 'rent'"],
            ),
            "gnustep-tests then the CI script cats tests.log: the first failure is basic.m's, with its Expected/got line in the log; range.m raises NSRangeException later",
            VERSION_GNUSTEP_TESTS,
            setup=SETUP,
        ),
        Case(
            "ap-gnustep-tests-build",
            "gnustep-tests",
            "objective-c",
            "build",
            f"{GNUSTEP_SH}\ngnustep-tests Tests",
            tests_dir({"broken.m": TEST_BROKEN, "basic.m": TEST_BASIC, "ok.m": TEST_OK}),
            first_of(r"^broken\.m:\d+:\d+: error: "),
            "gnustep-tests: broken.m does not compile (an undeclared identifier), printed before basic.m's failing checks; the summary counts only the failed checks",
            VERSION_GNUSTEP_TESTS,
            alt_categories=["test"],
            setup=SETUP,
        ),
    ]


# --- xcodebuild's lines from xcpretty's fixtures ----------------------------------------------------------------------


@functools.cache
def fixtures() -> dict[str, str]:
    """xcpretty's spec fixtures: the SAMPLE_* constants (leading and trailing blank lines dropped)."""
    constants = XCPRETTY / "spec" / "fixtures" / "constants.rb"
    if not constants.exists():
        raise FileNotFoundError(f"{constants}: check out xcpretty there (see README.md, 'Objective-C and Swift')")
    dump = subprocess.run(
        [
            "ruby",
            "-rjson",
            "-e",
            "load ARGV[0]; h = {}; Object.constants.grep(/\\ASAMPLE_/).each { |c| h[c] = Object.const_get(c) }; print JSON.dump(h)",
            str(constants),
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return {name: text.strip("\n") for name, text in json.loads(dump).items()}


def xcodebuild_output(*parts: str) -> str:
    """A run put together from fixture constants (their names) and literal lines (anything else)."""
    known = fixtures()
    return "\n".join(known.get(part, part) for part in parts) + "\n"


def failed_commands(*commands: str) -> str:
    """xcodebuild's closing block before Xcode 13, as public issues quote it (XVimProject/XVim2#69,
    martakostova/pomodoro#28, q-m/cordova-web-wrap#4): the verdict, two blank lines, the failed commands."""
    count = f"({len(commands)} failure{'s' if len(commands) != 1 else ''})"
    return "\n".join(
        ["", "** BUILD FAILED **", "", "", "The following build commands failed:", *(f"\t{c}" for c in commands), count]
    )


PRETEND = (
    'xcodebuild() { cat "$PWD/.xcodebuild.log"; return 65; }\nexport -f xcodebuild\nexport PATH="'
    + str(APPLE / "bin")
    + ':$PATH"'
)
VERSION_FIXTURE = "echo 'xcodebuild lines from xcpretty 0.4.1 spec fixtures (Xcode 5-9)'"
VERSION_XCPRETTY = f"echo xcpretty $({APPLE / 'bin' / 'xcpretty'} --version)"


def xcb(
    name: str,
    category: str,
    output: str,
    label_raw: list[str],
    label_pretty: list[str] | None,
    why: str,
    action: str = "build",
    pretty_flags: str = "",
    alt: tuple[str, ...] = (),
) -> list[Case]:
    """A raw xcodebuild case and, when ``label_pretty`` is given, the same run piped through xcpretty."""
    scheme = "-workspace App.xcworkspace -scheme App -sdk iphonesimulator"
    files = {".xcodebuild.log": output}
    cases = [
        Case(
            f"ap-xcb-{name}",
            "xcodebuild",
            "swift-objc",
            category,
            f"xcodebuild {scheme} {action}",
            files,
            first_of(*label_raw),
            f"{why} (raw xcodebuild output)",
            VERSION_FIXTURE,
            alt_categories=list(alt),
            setup=SETUP,
            prepare=PRETEND,
        )
    ]
    if label_pretty is not None:
        flags = f" {pretty_flags}" if pretty_flags else ""
        cases.append(
            Case(
                f"ap-xcpretty-{name}",
                "xcpretty",
                "swift-objc",
                category,
                f"set -o pipefail && xcodebuild {scheme} {action} | xcpretty{flags}",
                files,
                first_of(*label_pretty),
                f"{why} (through xcpretty{flags})",
                VERSION_XCPRETTY,
                alt_categories=list(alt),
                setup=SETUP,
                prepare=PRETEND,
            )
        )
    return cases


def xcodebuild_cases() -> list[Case]:
    target = "=== BUILD TARGET ObjectiveSugar OF PROJECT ObjectiveSugar WITH THE DEFAULT CONFIGURATION Debug ==="
    ld_product = "/Users/musalj/Library/Developer/Xcode/DerivedData/ObjectiveSugar-ayzdhqmmwtqgysdpznmovjlupqjy/Build/Products/Debug-iphonesimulator/ObjectiveSugar.app/ObjectiveSugar normal i386"
    header_obj = "/Users/musalj/Library/Developer/Xcode/DerivedData/ObjectiveSugar-ayzdhqmmwtqgysdpznmovjlupqjy/Build/Intermediates/Pods.build/Debug-iphonesimulator/Pods-ObjectiveSugar.build/Objects-normal/i386/NSMutableArray+ObjectiveSugar.o /Users/musalj/code/OSS/ObjectiveSugar/Classes/NSMutableArray+ObjectiveSugar.m normal i386 objective-c com.apple.compilers.llvm.clang.1_0.compiler"
    cases: list[Case] = []
    cases += xcb(
        "compile-errors",
        "build",
        xcodebuild_output(
            target,
            "",
            "Check dependencies",
            "",
            "SAMPLE_ANOTHER_COMPILE",
            "SAMPLE_FORMAT_WARNING",
            "",
            "SAMPLE_COMPILE",
            "SAMPLE_COMPILE_ERROR",
            "SAMPLE_COMPILE_ERROR_WITH_TILDES",
            "2 errors generated.",
            failed_commands(f"CompileC {header_obj}"),
        ),
        [r"SampleTest\.m:12:59: error: expected identifier"],
        [r"^❌ +\S*SampleTest\.m:12:59: expected identifier"],
        "a format warning in one file, then two compile errors in another (SampleTest.m's first)",
    )
    cases += xcb(
        "test-run",
        "test",
        xcodebuild_output(
            "Test Suite 'All tests' started at 2015-06-02 11:42:07 +0000",
            "Test Suite 'App_Tests.xctest' started at 2015-06-02 11:42:07 +0000",
            "Test Suite 'ComparatorSpec' started at 2015-06-02 11:42:07 +0000",
            "Test Case '-[App_Tests.ComparatorSpec a_comparator__when_matching_against_itself__returns_equal]' started.",
            "Test Case '-[App_Tests.ComparatorSpec a_comparator__when_matching_against_itself__returns_equal]' passed (0.002 seconds).",
            "SAMPLE_SWIFT_ENUM_FAILURE",
            "Test Case '-[App_Tests.ComparatorSpec a_comparator__when_matching_against_test1__returns_almost_equal_for_test2]' failed (0.004 seconds).",
            "Test Suite 'ComparatorSpec' failed at 2015-06-02 11:42:07 +0000.",
            "Executed 2 tests, with 1 failure (0 unexpected) in 0.006 (0.007) seconds",
            "Test Suite 'NumberAdditions' started at 2015-06-02 11:42:07 +0000",
            "Test Case '-[NumberAdditions Iterators_TimesIteratesTheExactNumberOfTimes]' started.",
            "SAMPLE_KIWI_FAILURE",
            "Test Case '-[NumberAdditions Iterators_TimesIteratesTheExactNumberOfTimes]' failed (0.003 seconds).",
            "Test Suite 'NumberAdditions' failed at 2015-06-02 11:42:07 +0000.",
            "Executed 1 test, with 1 failure (0 unexpected) in 0.003 (0.003) seconds",
            "Test Suite 'App_Tests.xctest' failed at 2015-06-02 11:42:07 +0000.",
            "Executed 3 tests, with 2 failures (0 unexpected) in 0.009 (0.011) seconds",
            "Test Suite 'All tests' failed at 2015-06-02 11:42:07 +0000.",
            "Executed 3 tests, with 2 failures (0 unexpected) in 0.009 (0.012) seconds",
            "",
            "** TEST FAILED **",
        ),
        [
            r"ComparatorSpec\.swift:76: error: -\[App_Tests\.ComparatorSpec ",
            r"^Test Case '-\[App_Tests\.ComparatorSpec a_comparator__when_matching_against_test1__returns_almost_equal_for_test2\]' failed",
        ],
        [
            r"^  a_comparator__when_matching_against_test1__returns_almost_equal_for_test2, ",
            r"^  \S*ComparatorSpec\.swift:76$",
        ],
        "a Quick spec and a Kiwi spec fail (xcpretty's fixture failure lines) among passing tests; suite counts after each",
        action="test",
        pretty_flags="--test",
    )
    cases += xcb(
        "undefined-symbols",
        "build",
        xcodebuild_output(
            target,
            "",
            "Check dependencies",
            "",
            "SAMPLE_ANOTHER_COMPILE",
            "",
            "SAMPLE_COMPILE",
            "",
            "SAMPLE_LD",
            "SAMPLE_UNDEFINED_SYMBOLS",
            "SAMPLE_CLANG_ERROR",
            failed_commands(f"Ld {ld_product}"),
        ),
        [r"^Undefined symbols for architecture ", r'^  "_OBJC_CLASS_\$_CABasicAnimation", referenced from:'],
        [r"^❌ +Undefined symbols for architecture ", r"^> Symbol: _OBJC_CLASS_\$_CABasicAnimation"],
        "the app links without QuartzCore: Undefined symbols for architecture, then clang's linker command failed",
    )
    cases += xcb(
        "library-not-found",
        "build",
        xcodebuild_output(
            target,
            "",
            "Check dependencies",
            "",
            "SAMPLE_COMPILE",
            "",
            "SAMPLE_LD",
            "SAMPLE_LD_LIBRARY_ERROR",
            "SAMPLE_CLANG_ERROR",
            failed_commands(f"Ld {ld_product}"),
        ),
        [r"^ld: library not found for -lPods-Yammer"],
        [r"^❌ +ld: library not found for -lPods-Yammer"],
        "the link needs the Pods library that was never built (pod install not run): ld: library not found for -lPods-Yammer",
        alt=("dependency",),
    )
    cases += xcb(
        "pods-sandbox",
        "dependency",
        xcodebuild_output(
            target,
            "",
            "Check dependencies",
            "",
            "SAMPLE_RUN_SCRIPT",
            "SAMPLE_PODS_ERROR",
            failed_commands(
                "PhaseScriptExecution Check\\ Pods\\ Manifest.lock /Users/musalj/Library/Developer/Xcode/DerivedData/ObjectiveSugar-ayzdhqmmwtqgysdpznmovjlupqjy/Build/Intermediates/ObjectiveSugar.build/Debug-iphonesimulator/ObjectiveSugar.build/Script-A1B2C3D4E5F6A7B8C9D0E1F2.sh"
            ),
        ),
        [r"^error: The sandbox is not in sync with the Podfile\.lock"],
        [r"^❌ +error: The sandbox is not in sync with the Podfile\.lock|^❌ +The sandbox is not in sync"],
        "CocoaPods' Check Pods Manifest.lock build phase (with its long setenv listing) says the sandbox is not in sync",
    )
    cases += xcb(
        "missing-header",
        "build",
        xcodebuild_output(
            target,
            "",
            "Check dependencies",
            "",
            "SAMPLE_FORMAT_WARNING",
            "",
            "SAMPLE_COMPILE",
            "SAMPLE_FATAL_COMPILE_ERROR",
            "1 error generated.",
            failed_commands(f"CompileC {header_obj}"),
        ),
        [r"SomeRandomClass\.h:31:9: fatal error: 'SomeRandomHeader\.h' file not found"],
        [r"^❌ +\S*SomeRandomClass\.h:31:9: 'SomeRandomHeader\.h' file not found"],
        "a format warning, then a pod's header includes a header that is not there (fatal error under three 'In file included from' lines)",
        alt=("dependency",),
    )
    cases += xcb(
        "signing",
        "config",
        xcodebuild_output(
            "=== BUILD TARGET TargetName OF PROJECT App WITH CONFIGURATION Release ===",
            "",
            "Check dependencies",
            "SAMPLE_NO_PROFILE_MATCHING_ERROR",
            "SAMPLE_CODE_SIGNING_IS_REQUIRED_ERROR",
            failed_commands("Check dependencies").replace("BUILD FAILED", "ARCHIVE FAILED"),
        ),
        [r"^No profile matching 'TargetName' found:"],
        [r"^❌ +No profile matching 'TargetName' found:"],
        "an archive on a machine without the provisioning profile: No profile matching, then Code signing is required",
        action="archive",
        alt=("permission",),
    )
    cases += xcb(
        "swift-fatal-test",
        "test",
        xcodebuild_output("SAMPLE_SWIFT_FATAL_ERROR_IN_TEST_MAKE_TESTS_RESTARTING", "", "** TEST FAILED **"),
        [
            r"^fatal error: unexpectedly found nil while unwrapping an Optional value",
            r"^Restarting after unexpected exit or crash in xcprettyFatalErrorTests/testFatalError\(\)",
        ],
        None,
        "a Swift test crashes (force-unwrapped nil); XCTest restarts the rest of the run and counts it as a failure",
        action="test",
    )
    cases += xcb(
        "ui-test",
        "test",
        xcodebuild_output(
            "Test Suite 'All tests' started at 2016-08-18 09:07:15.102",
            "Test Suite 'viewUITests.xctest' started at 2016-08-18 09:07:15.103",
            "Test Suite 'vmtAboutWindow' started at 2016-08-18 09:07:15.103",
            "Test Case '-[viewUITests.vmtAboutWindow testAboutWindowOpens]' started.",
            "Test Case '-[viewUITests.vmtAboutWindow testAboutWindowOpens]' passed (2.113 seconds).",
            "SAMPLE_UITEST_CASE_WITH_FAILURE",
            "Test Suite 'vmtAboutWindow' failed at 2016-08-18 09:07:39.721.",
            "\t Executed 2 tests, with 1 failure (0 unexpected) in 24.603 (24.618) seconds",
            "Test Suite 'viewUITests.xctest' failed at 2016-08-18 09:07:39.722.",
            "\t Executed 2 tests, with 1 failure (0 unexpected) in 24.603 (24.619) seconds",
            "Test Suite 'All tests' failed at 2016-08-18 09:07:39.722.",
            "\t Executed 2 tests, with 1 failure (0 unexpected) in 24.603 (24.620) seconds",
            "",
            "** TEST FAILED **",
        ),
        [
            r"Assertion Failure: <unknown>:0: UI Testing Failure - Unable to find hit point",
            r"^Test Case '-\[viewUITests\.vmtAboutWindow testConnectToDesktop\]' failed",
        ],
        [r"^ *✗ testConnectToDesktop, ", r"^  testConnectToDesktop, "],
        "a UI test's tap finds no hit point for the Disconnect button, after a passing test (xcpretty's UI-test fixture)",
        action="test",
    )
    cases += xcb(
        "swift-missing-file",
        "build",
        xcodebuild_output(
            "SAMPLE_SWIFT_COMPILE",
            "SAMPLE_FILE_MISSING_ERROR",
            failed_commands("CompileSwift normal arm64 /Users/paul/foo/bar/siesta/Source/Resource.swift"),
        ),
        [r"^<unknown>:0: error: no such file or directory: "],
        None,
        "the project lists a Swift file that is not in the checkout: swiftc's <unknown>:0: error: no such file or directory",
    )
    return cases


# --- assembled from the tools' format strings (no toolchain here) --------------------------------------------------------

PRETEND_SWIFT = 'swift() { cat "$PWD/.tool.out"; return 1; }\nexport -f swift'
PRETEND_SWIFTLINT = 'swiftlint() { cat "$PWD/.tool.out"; return 2; }\nexport -f swiftlint'
PRETEND_POD = 'pod() { cat "$PWD/.tool.out"; return 1; }\nexport -f pod'
VERSION_ASSEMBLED = "echo 'assembled from the tool source format strings'"

# swift-corelibs-xctest Sources/XCTest/Private/PrintObserver.swift (its Tests/Functional/*/main.swift CHECK lines);
# SwiftPM's progress lines as swiftlang/swift-package-manager#3496 quotes them.
SWIFT_TEST_OUT = """\
[1/6] Compiling Ledger Ledger.swift
[2/6] Merging module Ledger
[3/6] Compiling LedgerTests LedgerTests.swift
[4/6] Compiling LedgerTests ReportTests.swift
[5/6] Merging module LedgerTests
[6/6] Linking LedgerPackageTests.xctest
[6/6] Build complete!
Test Suite 'All tests' started at 2026-11-29 10:00:04.120
Test Suite 'LedgerPackageTests.xctest' started at 2026-11-29 10:00:04.121
Test Suite 'ReportTests' started at 2026-11-29 10:00:04.121
Test Case 'ReportTests.testTitle' started at 2026-11-29 10:00:04.121
Test Case 'ReportTests.testTitle' passed (0.001 seconds)
Test Case 'ReportTests.testLogsErrors' started at 2026-11-29 10:00:04.122
[ERROR] ledger.report: could not open /tmp/report.csv (expected by this test)
Test Case 'ReportTests.testLogsErrors' passed (0.002 seconds)
Test Suite 'ReportTests' passed at 2026-11-29 10:00:04.124
\t Executed 2 tests, with 0 failures (0 unexpected) in 0.003 (0.003) seconds
Test Suite 'LedgerTests' started at 2026-11-29 10:00:04.124
Test Case 'LedgerTests.testAddsAmounts' started at 2026-11-29 10:00:04.124
Test Case 'LedgerTests.testAddsAmounts' passed (0.0 seconds)
Test Case 'LedgerTests.testTotalIncludesTax' started at 2026-11-29 10:00:04.125
/home/runner/work/acme/acme/Tests/LedgerTests/LedgerTests.swift:18: error: LedgerTests.testTotalIncludesTax : XCTAssertEqual failed: ("10") is not equal to ("12") - total with tax
Test Case 'LedgerTests.testTotalIncludesTax' failed (0.002 seconds)
Test Case 'LedgerTests.testRejectsNegative' started at 2026-11-29 10:00:04.127
/home/runner/work/acme/acme/Tests/LedgerTests/LedgerTests.swift:25: error: LedgerTests.testRejectsNegative : XCTAssertThrowsError failed: did not throw error -
Test Case 'LedgerTests.testRejectsNegative' failed (0.001 seconds)
Test Suite 'LedgerTests' failed at 2026-11-29 10:00:04.128
\t Executed 3 tests, with 2 failures (0 unexpected) in 0.003 (0.003) seconds
Test Suite 'LedgerPackageTests.xctest' failed at 2026-11-29 10:00:04.128
\t Executed 5 tests, with 2 failures (0 unexpected) in 0.006 (0.006) seconds
Test Suite 'All tests' failed at 2026-11-29 10:00:04.128
\t Executed 5 tests, with 2 failures (0 unexpected) in 0.006 (0.006) seconds
""".replace(" error -\n", " error - \n")  # PrintObserver ends a failure without a message with "- "

# SwiftLint: Source/SwiftLintFramework/Reporters/XcodeReporter.swift (`<file>:<line>:<col>: <severity>: <rule name>
# Violation: <reason> (<rule id>)`), and its `Linting Swift files ...` / `Done linting! Found N violations, M serious
# in K files.` progress lines (SwiftLint's LintCommand / LintOrAnalyzeCommand).
SWIFTLINT_OUT = """\
Linting Swift files in current working directory
Linting 'Ledger.swift' (1/3)
Linting 'Report.swift' (2/3)
Linting 'ErrorView.swift' (3/3)
/home/runner/work/acme/acme/Sources/Ledger/ErrorView.swift:4:1: warning: Line Length Violation: Line should be 120 characters or less; currently it has 131 characters (line_length)
/home/runner/work/acme/acme/Sources/Ledger/Ledger.swift:12:23: error: Force Cast Violation: Force casts should be avoided (force_cast)
/home/runner/work/acme/acme/Sources/Ledger/Report.swift:30:9: error: Force Try Violation: Force tries should be avoided (force_try)
/home/runner/work/acme/acme/Sources/Ledger/Report.swift:41:1: warning: Trailing Whitespace Violation: Lines should not have trailing whitespace (trailing_whitespace)
Done linting! Found 4 violations, 2 serious in 3 files.
"""


# CocoaPods: lib/cocoapods/resolver.rb's handle_resolver_error and Molinillo's message_with_trees (`<solver> could not
# find compatible versions for pod "<name>":`, `  In Podfile:`), printed as an Informative error (`[!] ...`).
POD_INSTALL_OUT = """\
Analyzing dependencies
[!] CocoaPods could not find compatible versions for pod "Alamofire":
  In Podfile:
    Alamofire (~> 99.0)

None of your spec sources contain a spec satisfying the dependency: `Alamofire (~> 99.0)`.

You have either:
 * out-of-date source repos which you can update with `pod repo update` or with `pod install --repo-update`.
 * mistyped the name or version.
 * not added the source repo that hosts the Podspec to your Podfile.

"""

# CocoaPods: lib/cocoapods/validator.rb (validate: ` -> <spec>`; results_message: `    - <TYPE> | [iOS] <attribute>:
# <message>`; xcodebuild's failure `Returned an unsuccessful exit code.` added before the compiler's lines, which
# parse_xcodebuild_output keeps with the validation directory's Pods/ cut off) and lib/cocoapods/command/lib/lint.rb
# (`<spec> did not pass validation, due to <reasons>.` and the --no-clean hint).
POD_LIB_LINT_OUT = """\

 -> Ledger (0.1.0)
    - WARN  | summary: The summary is not meaningful.
    - ERROR | [iOS] xcodebuild: Returned an unsuccessful exit code. You can use `--verbose` for more information.
    - ERROR | [iOS] xcodebuild:  Ledger/Ledger/Classes/Ledger.swift:12:20: error: cannot find 'entries' in scope
    - ERROR | [iOS] xcodebuild:  Ledger/Ledger/Classes/Report.swift:8:9: error: value of type 'Ledger' has no member 'roundedSum'
    - NOTE  | [iOS] xcodebuild:  Ledger/Ledger/Classes/Ledger.swift:3:8: note: did you mean 'entry'?

[!] Ledger did not pass validation, due to 3 errors and 1 warning.
You can use the `--no-clean` option to inspect any issue.
"""


def assembled_cases() -> list[Case]:
    return [
        Case(
            "ap-swift-test-linux",
            "swift-test",
            "swift-objc",
            "test",
            "swift test",
            {".tool.out": SWIFT_TEST_OUT},
            first_of(
                r"LedgerTests\.swift:18: error: LedgerTests\.testTotalIncludesTax : ",
                r"^Test Case 'LedgerTests\.testTotalIncludesTax' failed",
            ),
            "swift test on Linux (swift-corelibs-xctest): a passing suite logs an [ERROR] line, then two failures, counts per suite (assembled from PrintObserver.swift's formats)",
            VERSION_ASSEMBLED,
            setup=SETUP,
            prepare=PRETEND_SWIFT,
        ),
        Case(
            "ap-swiftlint-strict",
            "swiftlint",
            "swift-objc",
            "lint",
            "swiftlint lint --strict",
            {".tool.out": SWIFTLINT_OUT},
            first_of(r"Ledger\.swift:12:23: error: Force Cast Violation"),
            "swiftlint: a warning, then two serious violations, then the count (assembled from XcodeReporter.swift's format)",
            VERSION_ASSEMBLED,
            setup=SETUP,
            prepare=PRETEND_SWIFTLINT,
        ),
        Case(
            "ap-pod-install-no-spec",
            "cocoapods",
            "swift-objc",
            "dependency",
            "pod install",
            {".tool.out": POD_INSTALL_OUT},
            first_of(r'^\[!\] CocoaPods could not find compatible versions for pod "Alamofire":'),
            "pod install: no spec source has a version of Alamofire matching ~> 99.0 (assembled from CocoaPods' resolver.rb and Molinillo's formats)",
            VERSION_ASSEMBLED,
            setup=SETUP,
            prepare=PRETEND_POD,
        ),
        Case(
            "ap-pod-lib-lint",
            "cocoapods",
            "swift-objc",
            "build",
            "pod lib lint Ledger.podspec",
            {".tool.out": POD_LIB_LINT_OUT},
            first_of(r"^    - ERROR \| \[iOS\] xcodebuild:  Ledger/Ledger/Classes/Ledger\.swift:12:20: error: "),
            "pod lib lint: a spec warning, xcodebuild's exit, two compile errors and a note, then did not pass validation (assembled from CocoaPods' validator.rb)",
            VERSION_ASSEMBLED,
            alt_categories=["lint"],
            setup=SETUP,
            prepare=PRETEND_POD,
        ),
    ]


def apple_cases() -> list[Case]:
    return gnustep_cases() + xcodebuild_cases() + assembled_cases()


# --- Travis-era osx copies ---------------------------------------------------------------------------------------------

TRAVIS_OSX = ("ap-xcb-compile-errors", "ap-xcpretty-test-run", "ap-xcpretty-signing", "ap-xcb-undefined-symbols")


MACOS_DETAILS = {
    "Distributor ID": "ProductName:\tMac OS X",
    "Description": "ProductVersion:\t10.13.6",
    "Release": "BuildVersion:\t17G65",
}


def osx_header(lines: list[str]) -> list[str]:
    """ci_wrap_cases.travis's header as Travis's macOS workers printed it (`os: osx`, an Xcode image)."""
    out = []
    for line in lines:
        if line.startswith("hostname: "):
            line = line.replace("gce-production-3", "macstadium-prod-1")
        elif line.startswith("Build language: "):
            line = "Build language: objective-c"
        elif line.startswith("Build dist: "):
            line = "Build dist: xenial"
        elif line.startswith("Runtime kernel version: "):
            line = "Runtime kernel version: 17.7.0"
        elif line.startswith("instance: "):
            line = (
                "instance: 9f1c3a7e-5b2d-4e8f-a6c1-0d9e8b7a6c5d travis-ci-macos10.13-xcode9.4.1-1529955246 (via amqp)"
            )
        elif line.startswith("Codename:"):
            continue
        elif line.startswith(("Distributor ID:", "Description:", "Release:")):
            line = MACOS_DETAILS[line.split(":")[0]]
        elif "Operating System Details" in line:
            line = line.replace("Operating System Details", "macOS Version")
        out.append(line)
    return out


def travis_osx(out: Path) -> None:
    from ci_wrap_cases import load_source, travis

    labels_path = out / "labels.json"
    labels = json.loads(labels_path.read_text())
    for name in TRAVIS_OSX:
        source = load_source(out, f"{name}.log", labels[f"{name}.log"])
        lines, first = travis(source, 0, None)
        head = osx_header(lines[:first])
        shift = len(head) - first
        lines = head + lines[first:]
        lines = [line.replace("cache-linux-focal", "cache-osx-xcode9.4") for line in lines]
        culprits = [first + shift + index + 1 for index in source.culprits]
        text = "\n".join(lines) + "\n"
        raw = text.split("\n")
        for line, index in zip(culprits, source.culprits, strict=True):
            if raw[line - 1].rstrip("\r") != source.body[index].rstrip("\r"):
                raise RuntimeError(f"{name}: culprit {line} shifted wrong")
        copy = f"ap-osx-{name.removeprefix('ap-')}"
        (out / f"{copy}.log.gz").write_bytes(gzip.compress(text.encode(), mtime=0))
        label = dict(labels[f"{name}.log"])
        label.update(
            path=f"apple_cases.py:{copy}",
            ci="travis",
            culprit_lines=culprits,
            culprit_texts=[raw[line - 1] for line in culprits],
            why=f"{label['why']} (the same output as a Travis CI osx job log)",
        )
        labels[f"{copy}.log"] = label
        print(f"{copy:<40} travis lines {culprits}")
    labels_path.write_text(json.dumps(dict(sorted(labels.items())), indent=1) + "\n")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    travis_osx(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent / "logs")
