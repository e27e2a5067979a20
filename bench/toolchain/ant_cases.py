# ruff: noqa: E501  (the tiny projects' files are written inline, one string each)
"""Toolchain development set, part three: more of Apache Ant's shapes (Debian's ant, ant-optional, junit4, junit5).

debian_cases.py has javac errors, the plain JUnit formatter and a misspelt target; these add what Ant builds also
print: the brief formatter and no formatter at all, a `<fail>` after the tests, JUnit 5 through `junitlauncher`,
a `<java>` or `<exec>` task that fails, a task Ant does not know, `-Werror` and an unsupported release. The culprit
lines are found from what each case knows, by the conventions of bench/validation/README.md (Ant JUnit: the first
failing test's line and the exception under it; tasks and compilers: the first error line of the tool that
stopped the build; `BUILD FAILED` and its `build.xml:N:` line are the summary), never by running the analyzer.
"""

from __future__ import annotations

import textwrap

from debian_cases import JAVA_CALC, JAVA_TEST
from make_logs import Case, Labeller, find, first_of

JAVA_SETUP = "actions/setup-java@v4"

CLASSPATH = """
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
  <target name="compile-tests" depends="compile">
    <mkdir dir="build/test-classes"/>
    <javac srcdir="test" destdir="build/test-classes" classpathref="cp" includeantruntime="false"/>
  </target>
"""


def build_xml(targets: str, default: str = "test") -> str:
    return f'<project name="acme" default="{default}">{CLASSPATH}{textwrap.dedent(targets)}</project>\n'


def junit_target(formatter: str, halt: bool) -> str:
    halting = 'haltonfailure="yes"' if halt else 'failureproperty="tests.failed"'
    fail = "" if halt else '\n    <fail if="tests.failed" message="Unit tests failed, see the report above."/>'
    return f"""
  <target name="test" depends="compile-tests">
    <junit printsummary="yes" {halting}>
      <classpath refid="cp"/>
      {formatter}
      <batchtest><fileset dir="test" includes="**/*Test.java"/></batchtest>
    </junit>{fail}
  </target>
"""


FAILING_FIRST_TEST = textwrap.dedent(
    """\
    package acme;

    import static org.junit.Assert.assertTrue;

    import org.junit.Test;

    public class AlphaTest {
        @Test
        public void parsesEmptyInput() {
            assertTrue("empty input must parse", Calc.add(0, 0) == 1);
        }
    }
    """
)

JUPITER_TEST = textwrap.dedent(
    """\
    package acme;

    import static org.junit.jupiter.api.Assertions.assertEquals;

    import org.junit.jupiter.api.Test;

    class CalcTest {
        @Test
        void adds() {
            assertEquals(3, Calc.add(1, 2));
        }

        @Test
        void addsWrong() {
            assertEquals(5, Calc.add(2, 2), "two and two");
        }
    }
    """
)

JUPITER_JARS = [
    "junit-jupiter-api",
    "junit-jupiter-engine",
    "junit-platform-commons",
    "junit-platform-engine",
    "junit-platform-launcher",
    "opentest4j",
    "apiguardian-api",
]

JUPITER_BUILD = build_xml(
    """
  <path id="jupiter">
    <pathelement location="build/classes"/>
    <pathelement location="build/test-classes"/>
"""
    + "".join(f'    <pathelement location="/usr/share/java/{jar}.jar"/>\n' for jar in JUPITER_JARS)
    + """  </path>
  <target name="test" depends="compile">
    <mkdir dir="build/test-classes"/>
    <javac srcdir="test" destdir="build/test-classes" classpathref="jupiter" includeantruntime="false"/>
    <junitlauncher haltOnFailure="true" printSummary="true">
      <classpath refid="jupiter"/>
      <testclasses outputdir="build">
        <fileset dir="build/test-classes"/>
        <listener type="legacy-plain" sendSysOut="true" useLegacyReportingName="false"/>
      </testclasses>
    </junitlauncher>
  </target>
"""
)


def first_failing_testcase(then: list[str]) -> Labeller:
    """Ant JUnit's first failing `Testcase:` line (the brief and plain formatters' shapes) and, below it, the
    first line matching each of ``then`` before the next `Testcase:`."""

    def label(lines: list[str]) -> list[int]:
        top = find(lines, r"\[junit\] Testcase: \S+.*(?:FAILED|Caused an ERROR)$")
        if top is None:
            plain = find(lines, r"\[junit\] \t(?:FAILED|Caused an ERROR)$")
            if plain is None:
                raise LookupError("no failing Testcase")
            top = plain - 1
        stop = find(lines, r"\[junit\] Testcase: ", top + 1)
        found = [top]
        for pattern in then:
            index = find(lines, pattern, top + 1, stop)
            if index is None:
                raise LookupError(f"{pattern!r} not under the failing Testcase")
            found.append(index)
        return sorted(set(found))

    return label


def ant_cases() -> list[Case]:
    return [
        Case(
            "ant2-junit-brief-fail-task",
            "ant",
            "java",
            "test",
            "ant test",
            {
                "build.xml": build_xml(junit_target('<formatter type="brief" usefile="false"/>', halt=False)),
                "src/acme/Calc.java": JAVA_CALC,
                "test/acme/AlphaTest.java": FAILING_FIRST_TEST,
                "test/acme/CalcTest.java": JAVA_TEST,
            },
            first_failing_testcase(
                [r"\[junit\] empty input must parse$", r"AssertionFailedError: empty input must parse"]
            ),
            "ant junit (brief formatter) over two classes, the build failed afterwards by a <fail> task",
            "ant -version",
            setup=JAVA_SETUP,
        ),
        Case(
            "ant2-junit-no-formatter",
            "ant",
            "java",
            "test",
            "ant test",
            {
                "build.xml": build_xml(junit_target("", halt=False)),
                "src/acme/Calc.java": JAVA_CALC,
                "test/acme/AlphaTest.java": FAILING_FIRST_TEST,
                "test/acme/CalcTest.java": JAVA_TEST,
            },
            first_of(r"\[junit\] Test acme\.AlphaTest FAILED$"),
            "ant junit without a formatter: only 'Test X FAILED' per class, then a <fail> task",
            "ant -version",
            setup=JAVA_SETUP,
        ),
        Case(
            "ant2-junit-error",
            "ant",
            "java",
            "test",
            "ant test",
            {
                "build.xml": build_xml(junit_target('<formatter type="plain" usefile="false"/>', halt=True)),
                "src/acme/Calc.java": JAVA_CALC,
                "test/acme/CalcTest.java": JAVA_TEST.replace(
                    "assertEquals(5, Calc.add(2, 2));",
                    'Object config = null;\n        assertEquals("x", config.toString());',
                ),
            },
            # (the message line under `Caused an ERROR` added after the first run, as the plain formatter's `expected:<`
            # line is accepted in debian_cases.py's ant-junit)
            first_failing_testcase([r"\[junit\] Cannot invoke ", r"\[junit\] (?:java\.lang\.)?NullPointerException"]),
            "ant junit (plain): a test throws NullPointerException (an error, not a failure), another fails",
            "ant -version",
            setup=JAVA_SETUP,
        ),
        Case(
            "ant2-junitlauncher",
            "ant",
            "java",
            "test",
            "ant test",
            {"build.xml": JUPITER_BUILD, "src/acme/Calc.java": JAVA_CALC, "test/acme/CalcTest.java": JUPITER_TEST},
            # The listener writes its report to a file: the console's only word on the failure is the count.
            first_of(r"\[junitlauncher\] Tests run: \d+, Failures: [1-9]"),
            "ant junitlauncher (JUnit 5, report to a file): only the class's count names the failure",
            "ant -version",
            setup=JAVA_SETUP,
        ),
        Case(
            "ant2-java-task",
            "ant",
            "java",
            "build",
            "ant run",
            {
                "build.xml": build_xml(
                    """
  <target name="run" depends="compile">
    <java classname="acme.Main" classpath="build/classes" fork="true" failonerror="true"/>
  </target>
""",
                    default="run",
                ),
                "src/acme/Calc.java": JAVA_CALC,
                "src/acme/Main.java": 'package acme;\n\npublic class Main {\n    public static void main(String[] args) {\n        System.out.println("error: loading the schema (a message, not a failure)");\n        throw new IllegalStateException("schema version 3 is not supported");\n    }\n}\n',
            },
            first_of(r'\[java\] Exception in thread "main" java\.lang\.IllegalStateException: schema version 3'),
            "ant <java> task: the program throws, then 'Java returned: 1'",
            "ant -version",
            alt_categories=["test"],
            setup=JAVA_SETUP,
        ),
        Case(
            "ant2-exec-task",
            "ant",
            "java",
            "build",
            "ant check",
            {
                "build.xml": build_xml(
                    """
  <target name="check">
    <exec executable="bash" failonerror="true">
      <arg value="check.sh"/>
    </exec>
  </target>
""",
                    default="check",
                ),
                "check.sh": 'echo "checking licences"\nfor f in src/acme/*.java; do\n  grep -q Licensed "$f" || { echo "error: $f has no licence header"; status=3; }\ndone\nexit ${status:-0}\n',
                "src/acme/Calc.java": JAVA_CALC,
            },
            first_of(r"\[exec\] error: src/acme/Calc\.java has no licence header"),
            "ant <exec> task: a script prints its error and exits 3, then 'exec returned: 3'",
            "ant -version",
            alt_categories=["lint"],
            setup=JAVA_SETUP,
        ),
        Case(
            "ant2-unknown-task",
            "ant",
            "java",
            "config",
            "ant lint",
            {
                "build.xml": build_xml(
                    """
  <target name="lint" depends="compile">
    <checkstyle config="checkstyle.xml"><fileset dir="src" includes="**/*.java"/></checkstyle>
  </target>
""",
                    default="lint",
                ),
                "src/acme/Calc.java": JAVA_CALC,
            },
            first_of(r"build\.xml:\d+: Problem: failed to create task or type checkstyle"),
            "ant: a task whose taskdef is missing (checkstyle's jar not on Ant's classpath)",
            "ant -version",
            alt_categories=["dependency"],
            setup=JAVA_SETUP,
        ),
        Case(
            "ant2-javac-werror",
            "ant",
            "java",
            "build",
            "ant compile",
            {
                "build.xml": build_xml("", default="compile").replace(
                    'includeantruntime="false"/>\n  </target>\n  <target name="compile-tests"',
                    'includeantruntime="false">\n      <compilerarg value="-Xlint:all"/>\n      <compilerarg value="-Werror"/>\n    </javac>\n  </target>\n  <target name="compile-tests"',
                    1,
                ),
                "src/acme/Calc.java": JAVA_CALC,
                "src/acme/Legacy.java": 'package acme;\n\nimport java.util.ArrayList;\nimport java.util.List;\n\npublic class Legacy {\n    @SuppressWarnings("unused")\n    public static List names() {\n        List names = new ArrayList();\n        names.add("a");\n        return names;\n    }\n}\n',
            },
            first_of(
                r"\[javac\] \S*src/acme/Legacy\.java:\d+: warning: \[(?:rawtypes|unchecked)\]",
                r"\[javac\] error: warnings found and -Werror specified",
            ),
            "ant javac with -Xlint:all -Werror: raw-type warnings become the error",
            "ant -version",
            setup=JAVA_SETUP,
        ),
        Case(
            "ant2-javac-release",
            "ant",
            "java",
            "config",
            "ant compile",
            {
                "build.xml": build_xml("", default="compile").replace(
                    'includeantruntime="false"/>', 'includeantruntime="false" release="99"/>', 1
                ),
                "src/acme/Calc.java": JAVA_CALC,
            },
            first_of(r"\[javac\] error: (?:release version 99 not supported|invalid (?:source|target) release)"),
            "ant javac asked for a Java release the JDK does not have",
            "ant -version",
            alt_categories=["build"],
            setup=JAVA_SETUP,
        ),
    ]
