# ruff: noqa: E501  (the tiny projects' files are written inline, one string each)
"""Toolchain development set: C# with mono as Travis-era builds printed it (``cs-``).

Travis CI's ``language: csharp`` ran mono: ``nuget restore``, ``xbuild`` (later ``msbuild``), the mono C# compiler
and NUnit 2.6's console runner. These cases run Debian bookworm's mono 6.8 (mcs, xbuild 14.0, nuget 2.8.7,
nunit-console 2.6.4) on tiny broken projects: compiler errors through mcs and xbuild (with xbuild's ``Build FAILED.``
block that repeats every warning and error below), a missing namespace or reference (CS0246), ``nuget restore``
on a machine without network, NUnit 2.6 failures and errors, a fixture's set-up failing, and an unhandled exception
of a console program. Labels follow bench/validation/README.md's conventions, found from what each case knows (the
first failing test's name, the file of the first error), never by running the analyzer.
"""

from __future__ import annotations

import textwrap

from make_logs import Case, first_of, section

SETUP = "actions/checkout@v4"  # mono is on the runner image, as it was on Travis's csharp images
# `--debug`: stack traces name the file and line (`in /path/File.cs:12`), as Travis builds that set it showed them.
MONO_ENV = {"MONO_ENV_OPTIONS": "--debug", "TERM": "dumb"}
VERSION_MCS = "mcs --version"
VERSION_XBUILD = "xbuild /version /nologo 2>/dev/null | head -1; mcs --version"
VERSION_NUNIT = "nunit-console -help 2>/dev/null | head -1"
NUNIT_REF = "-r:/usr/lib/cli/nunit.framework-2.6.3/nunit.framework.dll"

CALC_CS = textwrap.dedent(
    """\
    using System;

    namespace Acme.Core
    {
        public static class Calc
        {
            public static int Add(int a, int b)
            {
                return a + b + (a == 1 ? 1 : 0);
            }

            public static string Label(object value)
            {
                return value.ToString().ToUpperInvariant();
            }

            public static int Divide(int a, int b)
            {
                return a / b;
            }
        }
    }
    """
)

# A test file: a passing test that logs an ERROR line, the first failure, an exception, a later failure.
CALC_TESTS_CS = textwrap.dedent(
    """\
    using System;
    using NUnit.Framework;
    using Acme.Core;

    namespace Acme.Tests
    {
        [TestFixture]
        public class CalcTests
        {
            [Test]
            public void AddsTwoNumbers()
            {
                Assert.AreEqual(5, Calc.Add(2, 3));
            }

            [Test]
            public void LogsRejectedRows()
            {
                Console.WriteLine("ERROR: row 7 rejected: missing amount (expected by this test)");
                Assert.AreEqual(4, Calc.Add(2, 2));
            }

            [Test]
            public void AddsOne()
            {
                Assert.AreEqual(2, Calc.Add(1, 1));
            }

            [Test]
            public void LabelsValue()
            {
                Assert.That(Calc.Label("ok"), Is.EqualTo("OK"));
            }

            [Test]
            public void DividesEvenly()
            {
                Assert.That(Calc.Divide(9, 3), Is.EqualTo(4));
            }

            [Test, Ignore("flaky on mono")]
            public void ParsesLocale()
            {
            }
        }
    }
    """
)

# The first failing test throws: NUnit calls it a `Test Error`.
LABEL_TESTS_CS = textwrap.dedent(
    """\
    using System;
    using NUnit.Framework;
    using Acme.Core;

    namespace Acme.Tests
    {
        [TestFixture]
        public class LabelTests
        {
            [Test]
            public void LabelsText()
            {
                Assert.AreEqual("OK", Calc.Label("ok"));
            }

            [Test]
            public void LabelsMissingValue()
            {
                Console.Error.WriteLine("WARN: no label configured, falling back to the value");
                Assert.AreEqual("", Calc.Label(null));
            }

            [Test]
            public void AddsLabels()
            {
                Assert.AreEqual(3, Calc.Add(1, 1), "two labels and a separator");
            }

            [Test]
            public void ThrowsOnZero()
            {
                Assert.Throws<ArgumentException>(() => Calc.Divide(1, 0));
            }
        }
    }
    """
)

DB_TESTS_CS = textwrap.dedent(
    """\
    using System;
    using System.IO;
    using NUnit.Framework;
    using Acme.Core;

    namespace Acme.Tests
    {
        [TestFixture]
        public class AaaCalcTests
        {
            [Test]
            public void Adds()
            {
                Assert.AreEqual(5, Calc.Add(2, 3));
            }
        }

        [TestFixture]
        public class StoreTests
        {
            private string schema;

            [TestFixtureSetUp]
            public void OpenStore()
            {
                Console.WriteLine("opening fixture store");
                schema = File.ReadAllText("fixtures/schema.sql");
            }

            [Test]
            public void LoadsRows()
            {
                Assert.IsNotNull(schema);
            }

            [Test]
            public void SavesRows()
            {
                Assert.IsNotNull(schema);
            }
        }

        [TestFixture]
        public class ZzzLabelTests
        {
            [Test]
            public void Labels()
            {
                Assert.AreEqual("OK ", Calc.Label("ok"));
            }
        }
    }
    """
)


def csproj(name: str, files: list[str], *, kind: str = "Library", refs: str = "", project_refs: str = "") -> str:
    compile_items = "\n".join(f'    <Compile Include="{f}" />' for f in files)
    return textwrap.dedent(
        """\
        <?xml version="1.0" encoding="utf-8"?>
        <Project ToolsVersion="4.0" DefaultTargets="Build" xmlns="http://schemas.microsoft.com/developer/msbuild/2003">
          <PropertyGroup>
            <Configuration Condition=" '$(Configuration)' == '' ">Debug</Configuration>
            <Platform Condition=" '$(Platform)' == '' ">AnyCPU</Platform>
            <OutputType>{kind}</OutputType>
            <RootNamespace>{name}</RootNamespace>
            <AssemblyName>{name}</AssemblyName>
            <TargetFrameworkVersion>v4.5</TargetFrameworkVersion>
            <OutputPath>bin\\$(Configuration)</OutputPath>
            <DebugSymbols>true</DebugSymbols>
            <DebugType>portable</DebugType>
            <WarningLevel>4</WarningLevel>
          </PropertyGroup>
          <ItemGroup>
            <Reference Include="System" />
            <Reference Include="System.Core" />
        {refs}  </ItemGroup>
          <ItemGroup>
        {compile_items}
          </ItemGroup>
        {project_refs}  <Import Project="$(MSBuildToolsPath)\\Microsoft.CSharp.targets" />
        </Project>
        """
    ).format(kind=kind, name=name, refs=refs, compile_items=compile_items, project_refs=project_refs)


def project_ref(path: str, name: str) -> str:
    return f'  <ItemGroup>\n    <ProjectReference Include="{path}">\n      <Name>{name}</Name>\n    </ProjectReference>\n  </ItemGroup>\n'


SLN = textwrap.dedent(
    """\

    Microsoft Visual Studio Solution File, Format Version 12.00
    # Visual Studio 14
    VisualStudioVersion = 14.0.25420.1
    Project("{{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}}") = "Acme.Core", "src\\Acme.Core\\Acme.Core.csproj", "{{6A1B2C3D-0000-4000-8000-000000000001}}"
    EndProject
    Project("{{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}}") = "Acme.Tests", "tests\\Acme.Tests\\Acme.Tests.csproj", "{{6A1B2C3D-0000-4000-8000-000000000002}}"
    EndProject
    Global
    \tGlobalSection(SolutionConfigurationPlatforms) = preSolution
    \t\tDebug|Any CPU = Debug|Any CPU
    \t\tRelease|Any CPU = Release|Any CPU
    \tEndGlobalSection
    \tGlobalSection(ProjectConfigurationPlatforms) = postSolution
    {configs}\tEndGlobalSection
    EndGlobal
    """
).format(
    configs="".join(
        f"\t\t{{6A1B2C3D-0000-4000-8000-00000000000{n}}}.{c}|Any CPU.{k} = {c}|Any CPU\n"
        for n in (1, 2)
        for c in ("Debug", "Release")
        for k in ("ActiveCfg", "Build.0")
    )
)

NUNIT_REFERENCE = '    <Reference Include="nunit.framework">\n      <HintPath>/usr/lib/cli/nunit.framework-2.6.3/nunit.framework.dll</HintPath>\n    </Reference>\n'


def mcs_cases() -> list[Case]:
    return [
        Case(
            "cs-mcs-errors",
            "mcs",
            "dotnet",
            "build",
            "mcs -debug -warn:4 -out:bin/Acme.exe src/*.cs",
            {
                "src/Program.cs": textwrap.dedent(
                    """\
                    using System;
                    using System.Collections.Generic;

                    namespace Acme
                    {
                        class Program
                        {
                            static int Main(string[] args)
                            {
                                var orders = Orders.Load(args);
                                Console.WriteLine("error count: {0}", orders.Count);
                                return 0;
                            }
                        }
                    }
                    """
                ),
                "src/Orders.cs": textwrap.dedent(
                    """\
                    using System;
                    using System.Collections.Generic;

                    namespace Acme
                    {
                        static class Orders
                        {
                            [Obsolete("use LoadAll")]
                            public static List<string> LoadOld() { return new List<string>(); }

                            public static List<string> Load(string[] args)
                            {
                                var result = LoadOld();
                                int retries = 3;
                                foreach (var arg in args)
                                {
                                    result.Add(arg.Trim());
                                }
                                total += result.Count;
                                string count = result.Count;
                                return result;
                            }
                        }
                    }
                    """
                ),
            },
            first_of(r"^src/Orders\.cs\(19,\d+\): error CS0103: "),
            "mcs: an obsolete call's warning, then two errors (an unknown name, a conversion); the first error is the culprit",
            VERSION_MCS,
            setup=SETUP,
            env=MONO_ENV,
        ),
        Case(
            "cs-mcs-missing-namespace",
            "mcs",
            "dotnet",
            "build",
            "mcs -debug -target:library -out:bin/Acme.Feed.dll src/Feed.cs src/Item.cs",
            {
                "src/Feed.cs": textwrap.dedent(
                    """\
                    using System;
                    using System.Collections.Generic;
                    using Newtonsoft.Json;

                    namespace Acme.Feed
                    {
                        public class Feed
                        {
                            public List<Item> Items = new List<Item>();

                            public string ToJson()
                            {
                                return JsonConvert.SerializeObject(Items, Formatting.Indented);
                            }

                            public static Feed Parse(string text)
                            {
                                return JsonConvert.DeserializeObject<Feed>(text);
                            }
                        }
                    }
                    """
                ),
                "src/Item.cs": "namespace Acme.Feed\n{\n    public class Item\n    {\n        public string Title;\n        public int Unused()\n        {\n            int x;\n            return 1;\n        }\n    }\n}\n",
            },
            first_of(r"^src/Feed\.cs\(3,7\): error CS0246: "),
            "mcs without the assembly a `using` needs (Newtonsoft.Json not restored): CS0246, then the uses that cascade",
            VERSION_MCS,
            alt_categories=["dependency"],
            setup=SETUP,
            env=MONO_ENV,
        ),
        Case(
            "cs-mcs-syntax",
            "mcs",
            "dotnet",
            "build",
            'echo "compiling with $(mcs --version)" && mcs -debug -out:bin/Report.exe src/Report.cs src/Format.cs',
            {
                "src/Report.cs": "using System;\n\nnamespace Acme.Report\n{\n    class Report\n    {\n        static void Main()\n        {\n            Console.WriteLine(Format.Money(12.5m));\n        }\n    }\n}\n",
                "src/Format.cs": textwrap.dedent(
                    """\
                    namespace Acme.Report
                    {
                        static class Format
                        {
                            public static string Money(decimal amount)
                            {
                                var text = amount.ToString("0.00")
                                return "$" + text;
                            }

                            public static string Percent(double value)
                            {
                                return (value * 100).ToString("0.0") + "%";
                            }
                        }
                    }
                    """
                ),
            },
            first_of(r"^src/Format\.cs\(8,\d+\): error CS1525: "),
            "mcs: a missing semicolon, reported as CS1525 at the next token, a version line printed before",
            VERSION_MCS,
            setup=SETUP,
            env=MONO_ENV,
        ),
    ]


CORE_ERR_CS = textwrap.dedent(
    """\
    using System;
    using System.Collections.Generic;

    namespace Acme.Core
    {
        public static class Calc
        {
            public static int Add(int a, int b)
            {
                int carry;
                return a + b;
            }

            public static int Sum(IEnumerable<int> values)
            {
                var total = 0;
                foreach (var v in values)
                {
                    total = Add(total, v);
                }
                return totl;
            }

            public static string Label(object value)
            {
                return value.ToUpper();
            }
        }
    }
    """
)


def xbuild_cases() -> list[Case]:
    return [
        Case(
            "cs-xbuild-errors",
            "xbuild",
            "dotnet",
            "build",
            "xbuild /p:Configuration=Release Acme.Core.csproj",
            {
                "Acme.Core.csproj": csproj("Acme.Core", ["Calc.cs", "Util.cs"]),
                "Calc.cs": CORE_ERR_CS,
                "Util.cs": 'namespace Acme.Core\n{\n    static class Util\n    {\n        public static bool IsError(string line)\n        {\n            bool seen = false;\n            return line.StartsWith("error");\n        }\n    }\n}\n',
            },
            first_of(r"^Calc\.cs\(21,\d+\): error CS0103: "),
            "xbuild: a warning (CS0168) and two errors in the compile output, then `Build FAILED.` repeating every warning and error",
            VERSION_XBUILD,
            setup=SETUP,
            env=MONO_ENV,
        ),
        Case(
            "cs-xbuild-solution",
            "xbuild",
            "dotnet",
            "build",
            "mono --version | head -1\nxbuild /p:Configuration=Debug /v:minimal Acme.sln",
            {
                "Acme.sln": SLN,
                "src/Acme.Core/Acme.Core.csproj": csproj("Acme.Core", ["Calc.cs"]),
                "src/Acme.Core/Calc.cs": CORE_ERR_CS,
                "tests/Acme.Tests/Acme.Tests.csproj": csproj(
                    "Acme.Tests",
                    ["CalcTests.cs"],
                    refs=NUNIT_REFERENCE,
                    project_refs=project_ref("..\\..\\src\\Acme.Core\\Acme.Core.csproj", "Acme.Core"),
                ),
                "tests/Acme.Tests/CalcTests.cs": CALC_TESTS_CS,
            },
            first_of(r"Calc\.cs\(21,\d+\): error CS0103: "),
            "xbuild /v:minimal on a solution: the library fails to compile (two errors and a warning), then the repeated summary",
            VERSION_XBUILD,
            setup=SETUP,
            env=MONO_ENV,
        ),
        Case(
            "cs-xbuild-missing-reference",
            "xbuild",
            "dotnet",
            "build",
            "xbuild Acme.Feed.csproj",
            {
                "Acme.Feed.csproj": csproj(
                    "Acme.Feed",
                    ["Feed.cs"],
                    refs='    <Reference Include="Newtonsoft.Json, Version=12.0.0.0, Culture=neutral, PublicKeyToken=30ad4fe6b2a6aeed">\n      <HintPath>packages\\Newtonsoft.Json.12.0.3\\lib\\net45\\Newtonsoft.Json.dll</HintPath>\n    </Reference>\n',
                ),
                "Feed.cs": "using System;\nusing Newtonsoft.Json;\n\nnamespace Acme.Feed\n{\n    public class Feed\n    {\n        public string ToJson()\n        {\n            return JsonConvert.SerializeObject(this);\n        }\n    }\n}\n",
            },
            first_of(r"^Feed\.cs\(2,7\): error CS0246: "),
            "xbuild: a HintPath into packages/ that was never restored: `Reference ... not resolved` warning, then CS0246",
            VERSION_XBUILD,
            alt_categories=["dependency"],
            setup=SETUP,
            env=MONO_ENV,
        ),
        Case(
            "cs-xbuild-missing-import",
            "xbuild",
            "dotnet",
            "dependency",
            "xbuild /p:Configuration=Release src/Acme.Weave/Acme.Weave.csproj",
            {
                "src/Acme.Weave/Acme.Weave.csproj": csproj("Acme.Weave", ["Weave.cs"]).replace(
                    "</Project>",
                    '  <Import Project="..\\..\\packages\\Fody.2.0.0\\build\\dotnet\\Fody.targets" />\n</Project>',
                ),
                "src/Acme.Weave/Weave.cs": "namespace Acme.Weave\n{\n    public class Weave\n    {\n    }\n}\n",
            },
            first_of(r"^(?:src/Acme\.Weave/)?Acme\.Weave\.csproj: error : .* could not import "),
            "xbuild: the project imports a NuGet package's targets from packages/, which was never restored",
            VERSION_XBUILD,
            alt_categories=["config", "build"],
            setup=SETUP,
            env=MONO_ENV,
        ),
    ]


def nuget_cases() -> list[Case]:
    return [
        Case(
            "cs-nuget-restore-offline",
            "nuget",
            "dotnet",
            "dependency",
            "nuget restore packages.config -PackagesDirectory packages -NonInteractive && xbuild Acme.Feed.csproj",
            {
                "packages.config": '<?xml version="1.0" encoding="utf-8"?>\n<packages>\n  <package id="Newtonsoft.Json" version="12.0.3" targetFramework="net45" />\n  <package id="NUnit" version="2.6.4" targetFramework="net45" />\n</packages>\n',
                "Acme.Feed.csproj": csproj("Acme.Feed", ["Feed.cs"]),
                "Feed.cs": "namespace Acme.Feed\n{\n    public class Feed\n    {\n    }\n}\n",
            },
            first_of(
                r"^WARNING: Error: NameResolutionFailure",
                r"^Unable to find version '12\.0\.3' of package 'Newtonsoft\.Json'",
            ),
            "nuget restore on a machine without network: name resolution fails, then each package is not found",
            "nuget help | head -1",
            alt_categories=["infrastructure"],
            setup=SETUP,
            env=MONO_ENV,
            neutral_hosts=True,
        ),
    ]


BUILD_TESTS = f"mcs -debug -target:library -out:Acme.Core.dll src/Calc.cs && mcs -debug -target:library {NUNIT_REF} -r:Acme.Core.dll -out:Acme.Tests.dll tests/*.cs"


NATIVE_TESTS_CS = textwrap.dedent(
    """\
    using System;
    using System.Runtime.InteropServices;
    using NUnit.Framework;

    namespace Acme.Tests
    {
        [TestFixture]
        public class NativeTests
        {
            [DllImport("libc")]
            static extern void abort();

            [Test]
            public void AddsOne()
            {
                Assert.AreEqual(2, 1 + 1);
            }

            [Test]
            public void ParsesWithNativeCodec()
            {
                Console.WriteLine("loading native codec");
                abort();
            }

            [Test]
            public void ZipsRows()
            {
                Assert.AreEqual(3, 1 + 1);
            }
        }
    }
    """
)


def nunit_cases() -> list[Case]:
    return [
        Case(
            "cs-nunit-failure",
            "nunit",
            "dotnet",
            "test",
            f"{BUILD_TESTS}\nnunit-console -nologo Acme.Tests.dll",
            {"src/Calc.cs": CALC_CS, "tests/CalcTests.cs": CALC_TESTS_CS},
            section(r"^1\) Test Failure : Acme\.Tests\.CalcTests\.AddsOne$", inside=[r"^ +Expected: 2$"]),
            "nunit-console 2.6: a passing test prints an ERROR line, two failures; `Errors and Failures:` lists the first as `1) Test Failure`",
            VERSION_NUNIT,
            setup=SETUP,
            env=MONO_ENV,
        ),
        Case(
            "cs-nunit-error",
            "nunit",
            "dotnet",
            "test",
            f"{BUILD_TESTS}\nnunit-console -nologo -labels Acme.Tests.dll",
            {"src/Calc.cs": CALC_CS, "tests/LabelTests.cs": LABEL_TESTS_CS},
            section(
                r"^1\) Test Error : Acme\.Tests\.LabelTests\.LabelsMissingValue$",
                inside=[r"^ +System\.NullReferenceException : "],
            ),
            "nunit-console -labels: the first failing test throws (`Test Error`, NullReferenceException), then an assertion failure and an Assert.Throws failure",
            VERSION_NUNIT,
            setup=SETUP,
            env=MONO_ENV,
        ),
        Case(
            "cs-nunit-fixture-setup",
            "nunit",
            "dotnet",
            "test",
            f"{BUILD_TESTS}\nnunit-console -nologo Acme.Tests.dll -run:Acme.Tests",
            {"src/Calc.cs": CALC_CS, "tests/DbTests.cs": DB_TESTS_CS},
            section(
                r"^1\) (?:Test Error|SetUp Error|TestFixtureSetUp Error)? ?: ?Acme\.Tests\.StoreTests",
                inside=[r"System\.IO\.\w+Exception"],
            ),
            "nunit-console: a fixture's TestFixtureSetUp throws, so each of its tests is reported failed, then another fixture's failure",
            VERSION_NUNIT,
            setup=SETUP,
            env=MONO_ENV,
        ),
        Case(
            "cs-nunit-native-crash",
            "nunit",
            "dotnet",
            "test",
            f"{BUILD_TESTS}\nnunit-console -nologo Acme.Tests.dll",
            {"src/Calc.cs": CALC_CS, "tests/NativeTests.cs": NATIVE_TESTS_CS},
            first_of(
                r"^Got a SIGABRT while executing native code", r"^\s+at Acme\.Tests\.NativeTests:ParsesWithNativeCodec "
            ),
            "a test calls native code that aborts: mono's `Native Crash Reporting` block, a debugger dump, the managed stack naming the test",
            VERSION_NUNIT,
            alt_categories=["unknown"],
            setup=SETUP,
            env=MONO_ENV,
        ),
        Case(
            "cs-xbuild-nunit",
            "nunit",
            "dotnet",
            "test",
            "xbuild /p:Configuration=Release Acme.sln\nnunit-console -nologo tests/Acme.Tests/bin/Release/Acme.Tests.dll",
            {
                "Acme.sln": SLN,
                "src/Acme.Core/Acme.Core.csproj": csproj("Acme.Core", ["Calc.cs"]),
                "src/Acme.Core/Calc.cs": CALC_CS.replace(
                    "        public static int Divide",
                    "        public static int Unused()\n        {\n            int spare;\n            return 0;\n        }\n\n        public static int Divide",
                ),
                "tests/Acme.Tests/Acme.Tests.csproj": csproj(
                    "Acme.Tests",
                    ["LabelTests.cs"],
                    refs=NUNIT_REFERENCE,
                    project_refs=project_ref("..\\..\\src\\Acme.Core\\Acme.Core.csproj", "Acme.Core"),
                ),
                "tests/Acme.Tests/LabelTests.cs": LABEL_TESTS_CS.replace(
                    'Assert.AreEqual("", Calc.Label(null));', 'Assert.AreEqual("N/A", Calc.Label("n/a"));'
                ).replace("Assert.AreEqual(3, Calc.Add(1, 1)", "Assert.AreEqual(5, Calc.Add(2, 2)"),
            },
            section(
                r"^1\) Test Failure : Acme\.Tests\.LabelTests\.AddsLabels$",
                inside=[r"two labels and a separator", r"^ +Expected: 5$"],
            ),
            "xbuild builds the solution with a warning (CS0168), `1 Warning(s)` and `0 Error(s)`, then nunit-console fails two tests",
            VERSION_NUNIT,
            setup=SETUP,
            env=MONO_ENV,
        ),
    ]


TOOL_CS = textwrap.dedent(
    """\
    using System;
    using System.IO;

    namespace Acme.Tool
    {
        class Program
        {
            static int Main(string[] args)
            {
                Console.WriteLine("acme-gen 1.4.0: generating sources");
                Console.Error.WriteLine("warning: no cache directory, continuing without one");
                Console.WriteLine("[ERROR] counter reset (ignored)");
                var settings = Settings.Load("settings.json");
                Console.WriteLine("loaded {0} keys", settings.Length);
                return 0;
            }
        }

        static class Settings
        {
            public static string[] Load(string path)
            {
                return File.ReadAllLines(path);
            }
        }
    }
    """
)


def mono_run_cases() -> list[Case]:
    return [
        Case(
            "cs-mono-unhandled",
            "mono",
            "dotnet",
            "build",
            "mcs -debug -out:tools/acme-gen.exe tools/Program.cs && mono --debug tools/acme-gen.exe",
            {"tools/Program.cs": TOOL_CS},
            first_of(r"^System\.IO\.FileNotFoundException: ", r"^\[ERROR\] FATAL UNHANDLED EXCEPTION: "),
            "a console program run by the build dies: mono's `Unhandled Exception:` with its trace, then `[ERROR] FATAL UNHANDLED EXCEPTION`",
            "mono --version | head -1",
            alt_categories=["unknown", "config", "test"],
            setup=SETUP,
            env=MONO_ENV,
        ),
    ]


CACHE_TESTS_CS = textwrap.dedent(
    """\
    using System;
    using NUnit.Framework;
    using Acme.Core;

    namespace Acme.Tests
    {
        [TestFixture]
        public class CacheTests
        {
            [TearDown]
            public void Clean()
            {
                Console.WriteLine("ERROR: cache sweep found 2 stale entries (ignored)");
                throw new InvalidOperationException("cache directory still locked");
            }

            [Test]
            public void Stores()
            {
                Assert.AreEqual(5, Calc.Add(2, 3));
            }
        }

        [TestFixture]
        public class SumTests
        {
            [TestCase(2, 3, 5)]
            [TestCase(1, 1, 2)]
            [TestCase(4, 4, 8)]
            public void Adds(int a, int b, int sum)
            {
                Assert.AreEqual(sum, Calc.Add(a, b));
            }
        }

        [TestFixture]
        public class ZoneTests
        {
            public ZoneTests(string zone)
            {
            }

            [Test]
            public void Converts()
            {
            }
        }
    }
    """
)


def second_cases() -> list[Case]:
    """Added after the rules for the first 14 were written, committed before the analyzer ran on them."""
    return [
        Case(
            "cs-nunit-teardown-testcase",
            "nunit",
            "dotnet",
            "test",
            f"{BUILD_TESTS}\nnunit-console -nologo Acme.Tests.dll",
            {"src/Calc.cs": CALC_CS, "tests/CacheTests.cs": CACHE_TESTS_CS},
            section(
                r"^1\) TearDown Error : Acme\.Tests\.CacheTests\.Stores$",
                inside=[r"^ +TearDown : System\.InvalidOperationException"],
            ),
            "nunit-console: a TearDown throws (`TearDown Error`), a parametrised case fails, a fixture is not runnable",
            VERSION_NUNIT,
            setup=SETUP,
            env=MONO_ENV,
        ),
        Case(
            "cs-nunit-wrong-path",
            "nunit",
            "dotnet",
            "config",
            "xbuild /v:minimal Acme.sln\nnunit-console -nologo tests/Acme.Tests/bin/Release/Acme.Tests.dll",
            {
                "Acme.sln": SLN,
                "src/Acme.Core/Acme.Core.csproj": csproj("Acme.Core", ["Calc.cs"]),
                "src/Acme.Core/Calc.cs": CALC_CS,
                "tests/Acme.Tests/Acme.Tests.csproj": csproj(
                    "Acme.Tests",
                    ["CalcTests.cs"],
                    refs=NUNIT_REFERENCE,
                    project_refs=project_ref("..\\..\\src\\Acme.Core\\Acme.Core.csproj", "Acme.Core"),
                ),
                "tests/Acme.Tests/CalcTests.cs": CALC_TESTS_CS,
            },
            first_of(r"^System\.IO\.DirectoryNotFoundException: Could not find a part of the path "),
            "xbuild builds Debug, the script runs nunit-console on bin/Release: NUnit dies of an unhandled DirectoryNotFoundException",
            VERSION_NUNIT,
            alt_categories=["test", "build"],
            setup=SETUP,
            env=MONO_ENV,
        ),
        Case(
            "cs-mono-runner-missing",
            "mono",
            "dotnet",
            "config",
            f"{BUILD_TESTS}\nls testrunner\nmono ./testrunner/NUnit.Runners.2.6.4/tools/nunit-console.exe Acme.Tests.dll",
            {
                "src/Calc.cs": CALC_CS,
                "tests/CalcTests.cs": CALC_TESTS_CS,
                "testrunner/NUnit.Runners.2.6.3/NUnit.Runners.2.6.3.nupkg": "placeholder\n",
            },
            first_of(r"^Cannot open assembly '\./testrunner/NUnit\.Runners\.2\.6\.4/tools/nunit-console\.exe': "),
            "the script runs a test runner from a package version the install step did not fetch: mono cannot open the assembly",
            "mono --version | head -1",
            alt_categories=["dependency"],
            setup=SETUP,
            env=MONO_ENV,
        ),
        Case(
            "cs-mcs-warnaserror",
            "mcs",
            "dotnet",
            "build",
            "mcs -debug -warn:4 -warnaserror+ -target:library -out:bin/Acme.Core.dll src/*.cs",
            {
                "src/Calc.cs": CORE_ERR_CS.replace("return totl;", "return total;").replace(
                    "return value.ToUpper();", "return value.ToString().ToUpper();"
                ),
                "src/Obsolete.cs": 'using System;\n\nnamespace Acme.Core\n{\n    public static class Legacy\n    {\n        [Obsolete("use Calc.Sum")]\n        public static int Total(int[] values) { return Calc.Sum(values); }\n\n        public static int Twice(int[] values)\n        {\n            return Total(values) * 2;\n        }\n    }\n}\n',
            },
            first_of(r"^src/Calc\.cs\(10,\d+\): error CS0168: "),
            "mcs -warnaserror+: an unused variable and an obsolete call become errors",
            VERSION_MCS,
            alt_categories=["lint"],
            setup=SETUP,
            env=MONO_ENV,
        ),
        Case(
            "cs-mono-unhandled-env",
            "mono",
            "dotnet",
            "build",
            "mcs -debug -out:tools/seed.exe tools/Seed.cs && mono --debug tools/seed.exe --rows 20",
            {
                "tools/Seed.cs": textwrap.dedent(
                    """\
                    using System;

                    namespace Acme.Seed
                    {
                        class Program
                        {
                            static void Main(string[] args)
                            {
                                Console.WriteLine("seeding {0} rows", args.Length > 1 ? args[1] : "10");
                                Console.WriteLine("Error rate target: 0.1%");
                                var port = int.Parse(Environment.GetEnvironmentVariable("ACME_DB_PORT"));
                                Console.WriteLine("connecting to port {0}", port);
                            }
                        }
                    }
                    """
                ),
            },
            first_of(
                r"^System\.ArgumentNullException: Value cannot be null\.", r"^\[ERROR\] FATAL UNHANDLED EXCEPTION: "
            ),
            "a seeding program reads an unset environment variable: int.Parse(null) dies with ArgumentNullException",
            "mono --version | head -1",
            alt_categories=["config", "unknown", "test"],
            setup=SETUP,
            env=MONO_ENV,
        ),
    ]


def mono_cases() -> list[Case]:
    return mcs_cases() + xbuild_cases() + nuget_cases() + nunit_cases() + mono_run_cases() + second_cases()
