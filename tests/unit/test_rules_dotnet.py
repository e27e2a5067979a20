# ruff: noqa: E501  (log lines are quoted whole, as the tools print them)
""".NET rules on job logs: mono-era builds (mcs, xbuild, nuget, nunit-console 2.6, mono) and `dotnet` builds and tests.

The mono outputs were printed by Debian bookworm's mono 6.8 tools on the development machine, shortened
(bench/toolchain/mono_cases.py generates them). No .NET SDK runs here: the `dotnet build` / `dotnet test` outputs are
put together from the format strings of microsoft/vstest's console logger (ConsoleLogger.cs, Resources.resx),
xunit's VSTest adapter, NUnit's console reporters and MSBuild's and NuGet's messages, each cited in dotnet.toml.
Each test asserts the category and that the culprit is the first specific failure, not the runner's count, the
repeated `Build FAILED.` block, a later failure or text a passing test printed.
"""

from __future__ import annotations

from ci_agent.analysis import Category
from tests.job_logs import step_log, verdict

NUNIT_HEAD = ("ProcessModel: Default    DomainUsage: Single", "Execution Runtime: mono-4.0")
XBUILD_HEAD = (
    "",
    ">>>> xbuild tool is deprecated and will be removed in future updates, use msbuild instead <<<<",
    "",
    "XBuild Engine Version 14.0",
    "Mono, Version 6.8.0.105",
    "Copyright (C) 2005-2013 Various Mono authors",
)


def test_nunit2_console_reports_the_first_failure_not_the_count_or_a_logged_error() -> None:
    log = step_log(
        "nunit-console -nologo Acme.Tests.dll",
        *NUNIT_HEAD,
        ".F..F..ERROR: row 7 rejected: missing amount (expected by this test)",
        ".N",
        "Tests run: 5, Errors: 0, Failures: 2, Inconclusive: 0, Time: 0.1247769 seconds",
        "  Not run: 1, Invalid: 0, Ignored: 1, Skipped: 0",
        "",
        "Errors and Failures:",
        "1) Test Failure : Acme.Tests.CalcTests.AddsOne",
        "     Expected: 2",
        "  But was:  3",
        "",
        "at Acme.Tests.CalcTests.AddsOne () [0x00009] in /home/runner/work/acme/acme/tests/CalcTests.cs:26",
        "",
        "2) Test Failure : Acme.Tests.CalcTests.DividesEvenly",
        "     Expected: 4",
        "  But was:  3",
        "",
        "at Acme.Tests.CalcTests.DividesEvenly () [0x00019] in /home/runner/work/acme/acme/tests/CalcTests.cs:38",
        "",
        "",
        "Tests Not Run:",
        "1) Ignored : Acme.Tests.CalcTests.ParsesLocale",
        "   flaky on mono",
        "",
    )
    assert verdict(log) == (Category.TEST, "1) Test Failure : Acme.Tests.CalcTests.AddsOne", "nunit-console-failure")


def test_nunit2_console_reports_a_fixture_set_up_error_before_its_parent_failures() -> None:
    log = step_log(
        "nunit-console -nologo Acme.Tests.dll -run:Acme.Tests",
        *NUNIT_HEAD,
        "Selected test(s): Acme.Tests",
        ".opening fixture store",
        ".F.F.F",
        "Tests run: 4, Errors: 0, Failures: 3, Inconclusive: 0, Time: 0.046867 seconds",
        "  Not run: 0, Invalid: 0, Ignored: 0, Skipped: 0",
        "",
        "Errors and Failures:",
        "1) SetUp Error : Acme.Tests.StoreTests",
        '   SetUp : System.IO.DirectoryNotFoundException : Could not find a part of the path "/home/runner/work/acme/acme/fixtures/schema.sql".',
        "  at System.IO.File.ReadAllText (System.String path) [0x00032] in <12b418a7818c4ca0893feeaaf67f1e7f>:0 ",
        "",
        "2) Parent Failure : Acme.Tests.StoreTests.LoadsRows",
        "   TestFixtureSetUp failed in StoreTests",
        "3) Parent Failure : Acme.Tests.StoreTests.SavesRows",
        "   TestFixtureSetUp failed in StoreTests",
        "4) Test Failure : Acme.Tests.ZzzLabelTests.Labels",
        "     Expected string length 3 but was 2. Strings differ at index 2.",
        "",
    )
    assert verdict(log) == (Category.TEST, "1) SetUp Error : Acme.Tests.StoreTests", "nunit-console-failure")


def test_nunit3_console_skips_a_warning_for_the_first_failure() -> None:
    # NUnit 3's ResultReporter lists warnings in the same numbered list: a warning is not what failed.
    log = step_log(
        "nunit3-console Acme.Tests.dll",
        "Errors, Failures and Warnings",
        "",
        "1) Warning : Acme.Tests.CalcTests.Obsolete",
        "Assert.Warn: this API is obsolete",
        "",
        "2) Failed : Acme.Tests.CalcTests.AddsOne",
        "  Expected: 2",
        "  But was:  3",
        "   at Acme.Tests.CalcTests.AddsOne() in /home/runner/work/acme/acme/tests/CalcTests.cs:line 26",
        "",
        "Test Run Summary",
        "  Overall result: Failed",
        "  Test Count: 3, Passed: 1, Failed: 1, Warnings: 1, Inconclusive: 0, Skipped: 0",
    )
    assert verdict(log) == (Category.TEST, "2) Failed : Acme.Tests.CalcTests.AddsOne", "nunit-console-failure")


def test_xbuild_reports_the_first_compiler_error_not_its_repeat_under_build_failed() -> None:
    log = step_log(
        "xbuild /p:Configuration=Release Acme.Core.csproj",
        *XBUILD_HEAD,
        "\tTarget CoreCompile:",
        "\t\tTool /usr/lib/mono/4.5/mcs.exe execution started with arguments: /noconfig /debug:portable /out:obj/Release/Acme.Core.dll Calc.cs Util.cs /target:library",
        "Calc.cs(10,17): warning CS0168: The variable `carry' is declared but never used",
        "Calc.cs(21,20): error CS0103: The name `totl' does not exist in the current context",
        "Calc.cs(26,26): error CS1061: Type `object' does not contain a definition for `ToUpper' and no extension method `ToUpper' of type `object' could be found. Are you missing an assembly reference?",
        '\tTask "Csc" execution -- FAILED',
        "Build FAILED.",
        "",
        "Warnings:",
        "",
        "\tCalc.cs(10,17): warning CS0168: The variable `carry' is declared but never used",
        "",
        "Errors:",
        "",
        "\tCalc.cs(21,20): error CS0103: The name `totl' does not exist in the current context",
        "\tCalc.cs(26,26): error CS1061: Type `object' does not contain a definition for `ToUpper' and no extension method `ToUpper' of type `object' could be found. Are you missing an assembly reference?",
        "",
        "\t 1 Warning(s)",
        "\t 2 Error(s)",
    )
    category, culprit, _ = verdict(log)
    assert (category, culprit) == (
        Category.BUILD,
        "Calc.cs(21,20): error CS0103: The name `totl' does not exist in the current context",
    )


def test_nuget_restore_without_network_is_an_infrastructure_failure() -> None:
    log = step_log(
        "nuget restore packages.config -PackagesDirectory packages -NonInteractive",
        "WARNING: Error: NameResolutionFailure",
        "WARNING: Error: NameResolutionFailure",
        "Unable to find version '12.0.3' of package 'Newtonsoft.Json'.",
        "Unable to find version '2.6.4' of package 'NUnit'.",
    )
    assert verdict(log) == (
        Category.INFRASTRUCTURE,
        "Unable to find version '12.0.3' of package 'Newtonsoft.Json'.",
        "nuget-package-version-not-found",
    )


def test_nuget_restore_of_a_version_that_does_not_exist_is_a_dependency_failure() -> None:
    log = step_log(
        "nuget restore Acme.sln",
        "Installing 'NUnit 2.6.4'.",
        "Successfully installed 'NUnit 2.6.4'.",
        "Unable to find version '12.0.99' of package 'Newtonsoft.Json'.",
    )
    assert verdict(log) == (
        Category.DEPENDENCY,
        "Unable to find version '12.0.99' of package 'Newtonsoft.Json'.",
        "nuget-package-version-not-found",
    )


def test_xbuild_import_of_an_unrestored_package_is_a_dependency_failure() -> None:
    error = (
        "src/Acme.Weave/Acme.Weave.csproj: error : /home/runner/work/acme/acme/src/Acme.Weave/Acme.Weave.csproj: "
        '/home/runner/work/acme/acme/src/Acme.Weave/Acme.Weave.csproj could not import "..\\..\\packages\\Fody.2.0.0\\build\\dotnet\\Fody.targets"'
    )
    log = step_log(
        "xbuild /p:Configuration=Release src/Acme.Weave/Acme.Weave.csproj",
        *XBUILD_HEAD,
        "Build started 11/29/2026 10:00:00.",
        "__________________________________________________",
        error,
        "Build FAILED.",
        "Errors:",
        "",
        error,
        "",
        "\t 0 Warning(s)",
        "\t 1 Error(s)",
    )
    assert verdict(log) == (Category.DEPENDENCY, error, "msbuild-import-from-packages-missing")


def test_msbuild_import_of_a_missing_toolset_target_is_a_config_failure() -> None:
    error = (
        "/home/runner/work/acme/acme/Acme.Web/Acme.Web.csproj(240,3): error MSB4019: The imported project "
        '"/usr/lib/mono/xbuild/Microsoft/VisualStudio/v14.0/WebApplications/Microsoft.WebApplication.targets" was not found. '
        "Confirm that the path in the <Import> declaration is correct, and that the file exists on disk."
    )
    log = step_log(
        "msbuild Acme.sln",
        "Build started 11/29/2026 10:00:00.",
        error,
        "Build FAILED.",
        "    0 Warning(s)",
        "    1 Error(s)",
    )
    assert verdict(log) == (Category.CONFIG, error, "msbuild-import-missing")


def test_mono_native_crash_under_nunit_names_the_crash() -> None:
    log = step_log(
        "nunit-console -nologo Acme.Tests.dll",
        *NUNIT_HEAD,
        "..",
        "=================================================================",
        "\tNative Crash Reporting",
        "=================================================================",
        "Got a SIGABRT while executing native code. This usually indicates",
        "a fatal error in the mono runtime or one of the native libraries ",
        "used by your application.",
        "=================================================================",
        "",
        "=================================================================",
        "\tManaged Stacktrace:",
        "=================================================================",
        "\t  at <unknown> <0xffffffff>",
        "\t  at Acme.Tests.NativeTests:abort <0x0009f>",
        "\t  at Acme.Tests.NativeTests:ParsesWithNativeCodec <0x00037>",
        "=================================================================",
    )
    assert verdict(log) == (
        Category.TEST,
        "Got a SIGABRT while executing native code. This usually indicates",
        "mono-native-crash",
    )


DOTNET_TEST_HEAD = (
    "  Determining projects to restore...",
    "  All projects are up-to-date for restore.",
    "/home/runner/work/acme/acme/src/Acme/Order.cs(8,19): warning CS8618: Non-nullable property 'Sku' must contain a non-null value when exiting constructor. Consider declaring the property as nullable. [/home/runner/work/acme/acme/src/Acme/Acme.csproj]",
    "  Acme -> /home/runner/work/acme/acme/src/Acme/bin/Release/net8.0/Acme.dll",
    "  Acme.Tests -> /home/runner/work/acme/acme/tests/Acme.Tests/bin/Release/net8.0/Acme.Tests.dll",
    "Test run for /home/runner/work/acme/acme/tests/Acme.Tests/bin/Release/net8.0/Acme.Tests.dll (.NETCoreApp,Version=v8.0)",
    "VSTest version 17.11.1 (x64)",
    "",
    "Starting test execution, please wait...",
    "A total of 1 test files matched the specified pattern.",
)


def test_dotnet_test_with_xunit_reports_the_first_failed_test_not_the_summary() -> None:
    log = step_log(
        "dotnet test --configuration Release",
        *DOTNET_TEST_HEAD,
        "[xUnit.net 00:00:00.45]     Acme.Tests.OrderTests.Totals [FAIL]",
        "  Failed Acme.Tests.OrderTests.Totals [12 ms]",
        "  Error Message:",
        "   Assert.Equal() Failure: Values differ",
        "Expected: 27",
        "Actual:   29",
        "  Stack Trace:",
        "     at Acme.Tests.OrderTests.Totals() in /home/runner/work/acme/acme/tests/Acme.Tests/OrderTests.cs:line 14",
        "  Standard Output Messages:",
        " ERROR: payment gateway stub returned 502 (expected in this test)",
        "[xUnit.net 00:00:00.47]     Acme.Tests.OrderTests.Discounts(percent: 10) [FAIL]",
        "  Failed Acme.Tests.OrderTests.Discounts(percent: 10) [< 1 ms]",
        "  Error Message:",
        "   System.NullReferenceException : Object reference not set to an instance of an object.",
        "",
        "Failed!  - Failed:     2, Passed:     5, Skipped:     0, Total:     7, Duration: 38 ms - Acme.Tests.dll (net8.0)",
    )
    category, culprit, rule = verdict(log)
    assert category == Category.TEST
    assert culprit is not None and culprit.strip() in {
        "Failed Acme.Tests.OrderTests.Totals [12 ms]",
        "[xUnit.net 00:00:00.45]     Acme.Tests.OrderTests.Totals [FAIL]",
    }
    assert rule in {"dotnet-failed-test", "xunit-failed-test"}


def test_dotnet_test_with_nunit_or_mstest_reports_the_first_failed_test() -> None:
    # The NUnit and MSTest adapters print nothing of their own: vstest's lines only; a passing assembly first.
    log = step_log(
        "dotnet test",
        *DOTNET_TEST_HEAD,
        "Passed!  - Failed:     0, Passed:     4, Skipped:     0, Total:     4, Duration: 21 ms - Acme.Core.Tests.dll (net8.0)",
        "  Failed AddsOne [31 ms]",
        "  Error Message:",
        "     Expected: 2",
        "  But was:  3",
        "",
        "  Stack Trace:",
        "     at Acme.Tests.CalcTests.AddsOne() in /home/runner/work/acme/acme/tests/Acme.Tests/CalcTests.cs:line 26",
        "",
        "  Failed DividesEvenly [2 ms]",
        "",
        "Failed!  - Failed:     2, Passed:     3, Skipped:     1, Total:     6, Duration: 1 s - Acme.Tests.dll (net8.0)",
    )
    category, culprit, rule = verdict(log)
    assert (category, culprit and culprit.strip(), rule) == (
        Category.TEST,
        "Failed AddsOne [31 ms]",
        "dotnet-failed-test",
    )


def test_dotnet_test_summary_alone_is_the_fallback_not_a_passing_assembly() -> None:
    # With `--logger "console;verbosity=quiet"` only the per-assembly summaries are left.
    log = step_log(
        'dotnet test --logger "console;verbosity=quiet"',
        "Passed!  - Failed:     0, Passed:     4, Skipped:     0, Total:     4, Duration: 21 ms - Acme.Core.Tests.dll (net8.0)",
        "Failed!  - Failed:     1, Passed:     3, Skipped:     0, Total:     4, Duration: 30 ms - Acme.Tests.dll (net8.0)",
    )
    category, culprit, _ = verdict(log)
    assert category == Category.TEST
    assert culprit is not None and culprit.startswith("Failed!  - Failed:     1")


def test_dotnet_build_reports_the_first_error_not_the_repeated_list() -> None:
    error = (
        "/home/runner/work/acme/acme/src/Acme/Program.cs(12,5): error CS0103: The name 'totl' does not exist in the "
        "current context [/home/runner/work/acme/acme/src/Acme/Acme.csproj]"
    )
    log = step_log(
        "dotnet build --configuration Release",
        "  Determining projects to restore...",
        "  Restored /home/runner/work/acme/acme/src/Acme/Acme.csproj (in 212 ms).",
        "/home/runner/work/acme/acme/src/Acme/Order.cs(8,19): warning CS8618: Non-nullable property 'Sku' must contain a non-null value when exiting constructor. [/home/runner/work/acme/acme/src/Acme/Acme.csproj]",
        error,
        "/home/runner/work/acme/acme/src/Acme/Program.cs(14,9): error CS0246: The type or namespace name 'Foo' could not be found (are you missing a using directive or an assembly reference?) [/home/runner/work/acme/acme/src/Acme/Acme.csproj]",
        "",
        "Build FAILED.",
        "",
        "/home/runner/work/acme/acme/src/Acme/Order.cs(8,19): warning CS8618: Non-nullable property 'Sku' must contain a non-null value when exiting constructor. [/home/runner/work/acme/acme/src/Acme/Acme.csproj]",
        error,
        "    1 Warning(s)",
        "    2 Error(s)",
        "",
        "Time Elapsed 00:00:03.21",
    )
    category, culprit, _ = verdict(log)
    assert (category, culprit) == (Category.BUILD, error)


def test_mono_unable_to_open_a_runner_that_was_not_installed_is_a_config_failure() -> None:
    log = step_log(
        "mono ./testrunner/NUnit.Runners.2.6.4/tools/nunit-console.exe Acme.Tests.dll",
        "NUnit.Runners.2.6.3",
        "Cannot open assembly './testrunner/NUnit.Runners.2.6.4/tools/nunit-console.exe': No such file or directory.",
    )
    assert verdict(log) == (
        Category.CONFIG,
        "Cannot open assembly './testrunner/NUnit.Runners.2.6.4/tools/nunit-console.exe': No such file or directory.",
        "mono-cannot-open-assembly",
    )
