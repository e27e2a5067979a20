# ruff: noqa: E501  (the tiny projects' files are written inline, one string each)
"""Toolchain development set: Kotlin, Scala, Groovy and Clojure builds (``jvm-``).

Debian bookworm's compilers and runners, offline (no Maven Central: the jars come from /usr/share/java): kotlinc
1.3.31 (errors, warnings under ``-Werror``) and Kotlin tests under JUnit 4's JUnitCore; scalac 2.11.12 (type errors
with their found/required lines and caret, ``-Xfatal-warnings``) and Scala JUnit tests; groovyc 2.4.21 (syntax and
static type checking errors), Groovy scripts that die (``Caught: ...``, a power assert's diagram) and
GroovyTestCase classes under JUnit's two text runners; Leiningen 2.10 on Clojure 1.11 (``lein test`` failures and
errors, ``lein check`` reflection warnings above a compiler error, ``lein uberjar``'s AOT compile) and the plain
``clojure`` launcher. Several shapes per tool: two or more failures (the culprit is the first), summaries far below,
passing output, warnings and logger ``ERROR`` lines above. README.md, "Kotlin, Scala, Groovy and Clojure". Labels
follow bench/validation/README.md's conventions, found from what each case knows, never by running the analyzer.
"""

from __future__ import annotations

import dataclasses
import json
import sys
import textwrap
from pathlib import Path

from gradle_ant_cases import GRADLE_VERSION, gradle_env
from make_logs import Case, first_of, section

JAVA = "actions/setup-java@v4"
CLOJURE = "DeLaGuardo/setup-clojure@v12"
SHARE = "/usr/share/java"
JUNIT = f"{SHARE}/junit4.jar:{SHARE}/hamcrest-core.jar"
GROOVY_CP = f"{SHARE}/groovy-all.jar:{JUNIT}"
GROOVY_VERSION = "groovy --version 2>&1 | tail -1"
KOTLIN_VERSION = "kotlinc -version 2>&1 | tail -1"
SCALA_VERSION = "scalac -version 2>&1"
LEIN_VERSION = "lein version 2>&1 | tail -1"
CLOJURE_VERSION = "clojure -e '(println \"Clojure\" (clojure-version))'"


def dedent(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


# --- Groovy ------------------------------------------------------------------------------------------------------

GROOVY_MODEL = dedent(
    """
    package acme

    class Invoice {
        String customer
        List<BigDecimal> lines = []

        BigDecimal total() {
            lines.sum() ?: 0
        }
    }
    """
)

LEDGER_GROOVY = dedent(
    """
    package acme

    import groovy.transform.CompileStatic

    @CompileStatic
    class Ledger {
        List<Invoice> invoices = []

        BigDecimal balance() {
            BigDecimal sum = 0
            invoices.each { Invoice it -> sum += it.total() }
            return sum
        }

        String owner() { return ownerName }

        int count() { return "${invoices.size()}" }
    }
    """
)

GROOVY_CALC_TEST = dedent(
    """
    package acme

    import java.util.logging.Logger

    class InvoiceTest extends GroovyTestCase {
        private static final Logger LOG = Logger.getLogger("acme.import")

        void testEmptyInvoice() {
            LOG.severe("ERROR row 3 skipped: no amount (expected by this test)")
            assert new Invoice(customer: "ada").total() == 0
        }

        void testTotal() {
            def invoice = new Invoice(customer: "ada", lines: [10.0, 2.5, 0.25])
            assert invoice.total() == invoice.lines.size() * 4
        }

        void testCustomerName() {
            assertEquals("ADA", new Invoice(customer: "ada").customer)
        }
    }
    """
)

GROOVY_REPORT_TEST = dedent(
    """
    package acme

    class ReportTest extends GroovyTestCase {
        void testHeader() {
            def header = ["id", "customer", "total"].join(",")
            assertEquals("id,customer,total", header)
        }

        void testRounding() {
            shouldFail(ArithmeticException) {
                new BigDecimal("10").divide(new BigDecimal("3"))
            }
        }
    }
    """
)


def groovy_cases() -> list[Case]:
    compile_tests = "groovyc -cp /usr/share/java/junit4.jar -d build src/acme/*.groovy test/acme/*.groovy"
    return [
        Case(
            "jvm-groovyc-syntax",
            "groovyc",
            "groovy",
            "build",
            "groovyc -d build src/acme/*.groovy",
            {
                "src/acme/Invoice.groovy": GROOVY_MODEL,
                "src/acme/Exporter.groovy": dedent(
                    """
                    package acme

                    class Exporter {
                        String csv(Invoice invoice) {
                            invoice.lines.collect { it.toString() }.join(",")
                        }

                        def write(File out, Invoice invoice {
                            out.text = csv(invoice)
                        }
                    }
                    """
                ),
            },
            first_of(r"^src/acme/Exporter\.groovy: 8: "),
            "groovyc: a syntax error (a missing parenthesis) in one of two files: `startup failed:` above it, `1 error` below",
            GROOVY_VERSION,
            setup=JAVA,
        ),
        Case(
            "jvm-groovyc-static",
            "groovyc",
            "groovy",
            "build",
            "groovyc -d build src/acme/*.groovy",
            {
                "src/acme/Invoice.groovy": GROOVY_MODEL,
                "src/acme/Audit.groovy": dedent(
                    """
                    package acme

                    class Audit {
                        // logs ERROR when an invoice is empty; compiles fine
                        static String check(Invoice invoice) {
                            invoice.lines ? "ok" : "ERROR empty invoice ${invoice.customer}"
                        }
                    }
                    """
                ),
                "src/acme/Ledger.groovy": LEDGER_GROOVY,
            },
            first_of(r"^src/acme/Ledger\.groovy: 15: \[Static type checking\] - "),
            "groovyc: @CompileStatic finds two errors (an undeclared variable, a String returned as int); the first is the culprit",
            GROOVY_VERSION,
            setup=JAVA,
        ),
        Case(
            "jvm-gradle-groovy-static",
            "gradle",
            "groovy",
            "build",
            "gradle --offline build",
            {
                # Gradle 4 infers the Groovy compiler's class path from a jar named groovy(-all)-<version>.jar.
                "build.gradle": "apply plugin: 'groovy'\n\ndependencies {\n    compile files('/usr/share/java/groovy-all-2.4.21.jar')\n}\n",
                "settings.gradle": "rootProject.name = 'ledger'\n",
                "src/main/groovy/acme/Invoice.groovy": GROOVY_MODEL,
                "src/main/groovy/acme/Ledger.groovy": LEDGER_GROOVY,
            },
            first_of(r"/src/main/groovy/acme/Ledger\.groovy: 15: \[Static type checking\] - "),
            "gradle build (groovy plugin, Gradle 4.4.1): compileGroovy prints groovyc's two errors after the task's name; Gradle's `Compilation failed` below",
            GRADLE_VERSION,
            setup=JAVA,
            env=gradle_env(),
        ),
        Case(
            "jvm-groovy-script-property",
            "groovy",
            "groovy",
            "build",
            "groovy scripts/release.groovy",
            {
                "scripts/release.groovy": dedent(
                    """
                    def modules = ["core", "web", "cli"]
                    modules.each { println "checking module ${it}: ok" }
                    System.err.println("ERROR: (ignored) changelog has no entry for 'cli'")
                    def version = releaseVersion.trim()
                    println "releasing ${version}"
                    """
                )
            },
            section(
                r"^Caught: groovy\.lang\.MissingPropertyException: No such property: releaseVersion",
                inside=[r"^groovy\.lang\.MissingPropertyException: "],
            ),
            "groovy: a release script refers to a variable nobody bound (MissingPropertyException) after an ERROR line it prints itself",
            GROOVY_VERSION,
            alt_categories=["config"],
            setup=JAVA,
        ),
        Case(
            "jvm-groovy-power-assert",
            "groovy",
            "groovy",
            "test",
            "groovy test/smoke.groovy",
            {
                "test/smoke.groovy": dedent(
                    """
                    def rows = [[id: 1, amount: 10], [id: 2, amount: 15], [id: 3, amount: 5]]
                    println "smoke: ${rows.size()} rows loaded"
                    assert rows.every { it.amount > 0 }
                    println "smoke: amounts positive"
                    def total = rows.sum { it.amount }
                    assert total == rows.size() * 12
                    println "smoke: done"
                    """
                )
            },
            section(r"^Caught: Assertion failed:", inside=[r"^assert total == rows\.size\(\) \* 12$"]),
            "groovy: a smoke-test script's power assert fails after two passing steps; its diagram is printed twice",
            GROOVY_VERSION,
            setup=JAVA,
        ),
        Case(
            "jvm-groovy-junitcore",
            "junit",
            "groovy",
            "test",
            f"{compile_tests}\njava -cp build:{GROOVY_CP} org.junit.runner.JUnitCore acme.ReportTest acme.InvoiceTest",
            {
                "src/acme/Invoice.groovy": GROOVY_MODEL,
                "test/acme/InvoiceTest.groovy": GROOVY_CALC_TEST,
                "test/acme/ReportTest.groovy": GROOVY_REPORT_TEST,
            },
            section(r"^1\) testTotal\(acme\.InvoiceTest\)$", inside=[r"^Assertion failed: "]),
            "JUnit 4's JUnitCore over GroovyTestCase classes: a power assert and an assertEquals fail (JUnitCore's order), a logger's SEVERE/ERROR line above",
            "java -cp /usr/share/java/junit4.jar org.junit.runner.JUnitCore --version 2>&1 | head -1",
            setup=JAVA,
        ),
        Case(
            "jvm-groovy-junit3-runner",
            "junit",
            "groovy",
            "test",
            f"{compile_tests}\njava -cp build:{GROOVY_CP} junit.textui.TestRunner acme.InvoiceTest",
            {
                "src/acme/Invoice.groovy": GROOVY_MODEL,
                "test/acme/InvoiceTest.groovy": GROOVY_CALC_TEST.replace(
                    'assertEquals("ADA", new Invoice(customer: "ada").customer)',
                    'assertEquals("ADA", new Invoice(customer: "ada").customer.toUpperCase())\n            new Invoice().customer.size()',
                ),
                "test/acme/ReportTest.groovy": GROOVY_REPORT_TEST,
            },
            # junit.textui.TestRunner (JUnit 3's, as GroovyTestCase runs) joins the message to the `1) test(Class)`
            # line; a power assert's PowerAssertionError is not an AssertionFailedError, so it counts as an error.
            section(r"^1\) testTotal\(acme\.InvoiceTest\)Assertion failed:", inside=[r"^assert invoice\.total\(\)"]),
            "JUnit 3's text runner over a GroovyTestCase: a power assert and a NullPointerException, both listed under `There were 2 errors:`; a logger's SEVERE/ERROR line above",
            "java -cp /usr/share/java/junit4.jar org.junit.runner.JUnitCore --version 2>&1 | head -1",
            setup=JAVA,
        ),
    ]


# --- Clojure: the plain launcher ---------------------------------------------------------------------------------

CLJ_CORE = dedent(
    """
    (ns app.core
      (:require [clojure.string :as str]))

    (defn parse-amount [s] (Long/parseLong (str/trim s)))

    (defn total [xs] (reduce + 0 xs))

    (defn width [x] (.length x))

    (defn slug [s] (-> s str/trim str/lower-case (str/replace #"\\s+" "-")))
    """
)

CLJ_CORE_TEST = dedent(
    """
    (ns app.core-test
      (:require [clojure.test :refer [deftest is testing]]
                [app.core :as core]))

    (deftest parses-amounts
      (testing "plain numbers"
        (is (= 12 (core/parse-amount " 12 ")))))

    (deftest totals
      (println "ERROR (expected) ledger row 4 has no amount, skipped")
      (is (= 10 (core/total [1 2 3 4])))
      (is (= 7 (core/total [1 2 3]))))

    (deftest slugs
      (is (= "hello-world" (core/slug "Hello  World")))
      (is (= "a-b" (core/slug " A B "))))
    """
)

CLJ_REPORT_TEST = dedent(
    """
    (ns app.report-test
      (:require [clojure.test :refer [deftest is]]
                [app.core :as core]))

    (deftest parses-bad-input
      (is (= 0 (core/parse-amount "n/a"))))

    (deftest widths
      (is (= 3 (core/width "abc"))))
    """
)

PROJECT_CLJ = dedent(
    """
    (defproject acme/ledger "0.1.0-SNAPSHOT"
      :description "ledger"
      :dependencies [[org.clojure/clojure "1.11.1"]]
      :global-vars {*warn-on-reflection* true}
      %s)
    """
)


def clojure_cases() -> list[Case]:
    return [
        Case(
            "jvm-clojure-reflection-syntax",
            "clojure",
            "clojure",
            "build",
            "clojure -cp src -e \"(set! *warn-on-reflection* true) (doseq [n '[app.core app.report]] (println 'loading n) (require n))\"",
            {
                "src/app/core.clj": CLJ_CORE,
                "src/app/report.clj": dedent(
                    """
                    (ns app.report
                      (:require [app.core :as core]))

                    (defn summary [rows]
                      (let [n (count rows)]
                        (format "%d rows, %d total" n (core/total rows) (undefined-helper rows))))

                    (defn header [] (str/join "," ["id" "total"]))
                    """
                ),
            },
            first_of(
                r"^Syntax error compiling at \(app/report\.clj:6:", r"^Unable to resolve symbol: undefined-helper"
            ),
            "clojure: a reflection warning in one namespace, then a compiler error in the next (its cause on the line under it)",
            CLOJURE_VERSION,
            setup=CLOJURE,
        ),
        Case(
            "jvm-clojure-test-runner",
            "clojure.test",
            "clojure",
            "test",
            "clojure -cp src:test -e \"(require 'clojure.test 'app.core-test 'app.report-test) (let [r (clojure.test/run-tests 'app.core-test 'app.report-test)] (System/exit (if (clojure.test/successful? r) 0 1)))\"",
            {
                "src/app/core.clj": CLJ_CORE,
                "test/app/core_test.clj": CLJ_CORE_TEST,
                "test/app/report_test.clj": CLJ_REPORT_TEST,
            },
            section(r"^FAIL in \(totals\) \(core_test\.clj:12\)", inside=[r"^expected: ", r"^  actual: "]),
            "clojure.test over two namespaces: a failure in the first (a test prints ERROR before it), an error (NumberFormatException) in the second",
            CLOJURE_VERSION,
            setup=CLOJURE,
        ),
    ]


# --- Clojure: Leiningen ------------------------------------------------------------------------------------------


# Offline, Leiningen resolves from Debian's Maven repository (clojure, nrepl) as a CI job's cached ~/.m2 would
# serve it: the user profile (HOME is the project's directory) points :local-repo there.
LEIN_PROFILE = {".lein/profiles.clj": '{:user {:local-repo "/usr/share/maven-repo"}}\n'}


def lein_cases() -> list[Case]:
    env = {"LEIN_OFFLINE": "true"}
    return [
        Case(
            "jvm-lein-test-fail",
            "leiningen",
            "clojure",
            "test",
            "lein test",
            {
                **LEIN_PROFILE,
                "project.clj": PROJECT_CLJ % "",
                "src/app/core.clj": CLJ_CORE.replace(
                    "(defn width [x] (.length x))", "(defn width [^String x] (.length x))"
                ),
                "test/app/core_test.clj": CLJ_CORE_TEST,
                "test/app/report_test.clj": CLJ_REPORT_TEST.replace(
                    '(core/parse-amount "n/a")', '(core/parse-amount "0")'
                ),
            },
            section(r"^FAIL in \(totals\) \(core_test\.clj:12\)", inside=[r"^expected: ", r"^  actual: "]),
            "lein test: two failures in one namespace (a test prints an ERROR line first), a passing namespace after; `Tests failed.` last",
            LEIN_VERSION,
            setup=CLOJURE,
            env=env,
        ),
        Case(
            "jvm-lein-test-error",
            "leiningen",
            "clojure",
            "test",
            "lein test",
            {
                **LEIN_PROFILE,
                "project.clj": PROJECT_CLJ % "",
                "src/app/core.clj": CLJ_CORE.replace(
                    "(defn width [x] (.length x))", "(defn width [^String x] (.length x))"
                ),
                "test/app/a_report_test.clj": CLJ_REPORT_TEST.replace("app.report-test", "app.a-report-test"),
                "test/app/core_test.clj": CLJ_CORE_TEST,
            },
            section(r"^ERROR in \(parses-bad-input\) ", inside=[r"^expected: ", r"^  actual: "]),
            "lein test: an uncaught NumberFormatException in the first namespace's test (ERROR in), failures in the next",
            LEIN_VERSION,
            setup=CLOJURE,
            env=env,
        ),
        Case(
            "jvm-lein-test-missing-ns",
            "leiningen",
            "clojure",
            "test",
            "lein test",
            {
                **LEIN_PROFILE,
                "project.clj": PROJECT_CLJ % "",
                "src/app/core.clj": CLJ_CORE.replace(
                    "(defn width [x] (.length x))", "(defn width [^String x] (.length x))"
                ),
                "test/app/core_test.clj": CLJ_CORE_TEST.replace(
                    "[app.core :as core]", "[app.core :as core]\n            [app.fixtures :as fx]"
                ),
                "test/app/report_test.clj": CLJ_REPORT_TEST,
            },
            first_of(
                r"^Execution error \(FileNotFoundException\) at app\.core-test",
                r"^Could not locate app/fixtures__init\.class",
            ),
            "lein test: a test namespace requires a namespace nobody wrote; loading stops before any test runs",
            LEIN_VERSION,
            alt_categories=["build"],
            setup=CLOJURE,
            env=env,
        ),
        Case(
            "jvm-lein-check",
            "leiningen",
            "clojure",
            "build",
            "lein check",
            {
                **LEIN_PROFILE,
                "project.clj": PROJECT_CLJ % "",
                "src/app/core.clj": CLJ_CORE,
                "src/app/report.clj": dedent(
                    """
                    (ns app.report
                      (:require [app.core :as core]))

                    (defn summary [rows]
                      (let [n (count rows)]
                        (format "%d rows, %d total" n (core/total rows))))

                    (defn totals [rows]
                      (map (fn [[k v]] [k (core/total v)]) (group-by :account rows))

                    (defn header [] "id,total")
                    """
                ),
            },
            first_of(r"^Syntax error reading source at \(app/report\.clj:", r"^EOF while reading, starting at line"),
            "lein check: reflection warnings in app.core, then app.report does not read (an unclosed form)",
            LEIN_VERSION,
            setup=CLOJURE,
            env=env,
        ),
        Case(
            "jvm-lein-uberjar",
            "leiningen",
            "clojure",
            "build",
            "lein uberjar",
            {
                **LEIN_PROFILE,
                "project.clj": PROJECT_CLJ % ":main app.main\n  :aot [app.main]",
                "src/app/core.clj": CLJ_CORE.replace(
                    "(defn width [x] (.length x))", "(defn width [^String x] (.length x))"
                ),
                "src/app/main.clj": dedent(
                    """
                    (ns app.main
                      (:require [app.core :as core])
                      (:gen-class))

                    (defn -main [& args]
                      (println "total:" (core/total (map core/parse-amount args)))
                      (core/publish! args))
                    """
                ),
            },
            # Leiningen's compile task prints clojure.main's message twice (the exception's and its triage).
            section(
                r"^Syntax error compiling at \(app/main\.clj:",
                inside=[r"^Syntax error compiling at", r"^No such var: core/publish!"],
            ),
            "lein uberjar: AOT-compiling the main namespace fails (a var the required namespace does not define)",
            LEIN_VERSION,
            setup=CLOJURE,
            env=env,
        ),
    ]


# --- Kotlin ------------------------------------------------------------------------------------------------------

KT_MODEL = dedent(
    """
    package acme

    data class Line(val sku: String, val cents: Long)

    class Cart {
        private val lines = mutableListOf<Line>()

        fun add(line: Line) {
            lines.add(line)
        }

        fun total(): Long = lines.sumByDouble { it.cents.toDouble() }.toLong()

        fun count(): Int = lines.size
    }
    """
)


CHECKOUT_KT = dedent(
    """
    package acme

    class Checkout(private val cart: Cart) {
        fun receipt(): String {
            val unused = 42
            val total: Int = cart.total()
            return "total " + total + " for " + cart.itemCount()
        }
    }
    """
)


LEGACY_KT = dedent(
    """
    package acme

    @Deprecated("use Cart")
    class OldCart

    fun migrate(cart: Cart?): Int {
        val old = OldCart()
        return cart!!.count()
    }
    """
)


def kotlin_cases() -> list[Case]:
    kotlin_test = f"{JUNIT}:{SHARE}/kotlin-test.jar"
    return [
        Case(
            "jvm-kotlinc-errors",
            "kotlinc",
            "kotlin",
            "build",
            "kotlinc src -d build/classes",
            {
                "src/acme/Cart.kt": KT_MODEL,
                "src/acme/Checkout.kt": CHECKOUT_KT,
            },
            first_of(r"Checkout\.kt:6:\d+: error: |Checkout\.kt: \(6, \d+\): "),
            "kotlinc: a warning (unused variable), then two errors in the same function (a type mismatch, an unresolved reference)",
            KOTLIN_VERSION,
            setup=JAVA,
        ),
        Case(
            "jvm-kotlinc-werror",
            "kotlinc",
            "kotlin",
            "build",
            "kotlinc -Werror src -d build/classes",
            {
                "src/acme/Cart.kt": KT_MODEL,
                "src/acme/Legacy.kt": LEGACY_KT,
            },
            # kotlinc 1.3 prints its -Werror verdict above the warnings it counted.
            first_of(r"^error: warnings found and -Werror specified$", r"Legacy\.kt:7:\d+: warning: "),
            "kotlinc -Werror: warnings (a deprecated class, an unused variable) fail the compile",
            KOTLIN_VERSION,
            setup=JAVA,
        ),
        Case(
            "jvm-kotlin-junitcore",
            "junit",
            "kotlin",
            "test",
            f"kotlinc -cp {kotlin_test} src test -d build/classes\n"
            f"java -cp build/classes:{kotlin_test}:{SHARE}/kotlin-stdlib.jar org.junit.runner.JUnitCore acme.CartTest acme.PriceTest",
            {
                "src/acme/Cart.kt": KT_MODEL,
                "test/acme/CartTest.kt": dedent(
                    """
                    package acme

                    import org.junit.Test
                    import kotlin.test.assertEquals
                    import kotlin.test.assertTrue

                    class CartTest {
                        @Test
                        fun emptyCart() {
                            System.err.println("ERROR pricing service unreachable, using cached prices (expected in tests)")
                            assertEquals(0L, Cart().total())
                        }

                        @Test
                        fun totalAddsCents() {
                            val cart = Cart()
                            cart.add(Line("a", 150))
                            cart.add(Line("b", 250))
                            assertEquals(300L, cart.total(), "cart total in cents")
                        }

                        @Test
                        fun countsLines() {
                            val cart = Cart()
                            cart.add(Line("a", 1))
                            assertTrue(cart.count() > 1, "expected more than one line")
                        }
                    }
                    """
                ),
                "test/acme/PriceTest.kt": dedent(
                    """
                    package acme

                    import org.junit.Test
                    import kotlin.test.assertEquals

                    class PriceTest {
                        @Test
                        fun formats() {
                            assertEquals("1.50", "%.2f".format(1.5))
                        }
                    }
                    """
                ),
            },
            # JUnit 4 orders a class's methods by their names' hashes (MethodSorters.DEFAULT): countsLines runs first.
            section(r"^1\) countsLines\(acme\.CartTest\)$", inside=[r"^java\.lang\.AssertionError: "]),
            "JUnit 4's JUnitCore over Kotlin tests (kotlin.test asserts): two failures in one class, a passing class; a test prints ERROR",
            KOTLIN_VERSION,
            setup=JAVA,
        ),
        Case(
            "jvm-kotlin-main-exception",
            "kotlin",
            "kotlin",
            "build",
            "kotlinc src -d build/classes 2>/dev/null && kotlin -cp build/classes acme.MainKt config/app.conf",
            {
                "src/acme/Cart.kt": KT_MODEL,
                "src/acme/Main.kt": dedent(
                    """
                    package acme

                    import java.io.File

                    fun main(args: Array<String>) {
                        println("reading ${args[0]}")
                        System.err.println("WARN no profile given, using defaults")
                        val conf = File(args[0]).readLines().associate { it.substringBefore("=") to it.substringAfter("=") }
                        val currency = conf["currency"] ?: error("currency missing from ${args[0]}")
                        println("currency $currency")
                    }
                    """
                ),
                "config/app.conf": "region=eu\n",
            },
            first_of(r'^Exception in thread "main" java\.lang\.IllegalStateException: currency missing'),
            "kotlin: a program's error() throws IllegalStateException on a missing setting",
            KOTLIN_VERSION,
            alt_categories=["config"],
            setup=JAVA,
        ),
    ]


# Gradle 4.4.1 with Debian's Kotlin Gradle plugin 1.3.31, offline: the plugin and the compiler it embeds from
# Debian's jars (trove4j beside them, as kotlinc's own lib has it), the compiler class path the same way, the
# stdlib from a flatDir repository.
KOTLIN_LIB = "/usr/share/kotlin/kotlinc/lib"
KOTLIN_PLUGIN_JARS = ", ".join(
    f"'{SHARE}/{jar}.jar'"
    for jar in [
        "kotlin-gradle-plugin",
        "kotlin-gradle-plugin-api",
        "kotlin-gradle-plugin-model",
        "kotlin-compiler-embeddable",
        "kotlin-stdlib",
        "kotlin-reflect",
        "kotlin-build-common",
        "kotlin-compiler-runner",
        "kotlin-daemon-client",
        "kotlin-annotation-processing-gradle",
        "kotlin-scripting-compiler-embeddable",
        "kotlin-native-utils",
        "kotlin-util",
        "kotlin-daemon-common",
        "kotlin-script-runtime",
    ]
)
KOTLIN_GRADLE = dedent(
    f"""
    buildscript {{
        dependencies {{
            classpath files('{KOTLIN_LIB}/trove4j.jar', {KOTLIN_PLUGIN_JARS})
        }}
    }}

    apply plugin: 'kotlin'

    repositories {{
        flatDir {{ dirs '{SHARE}' }}
    }}

    dependencies {{
        kotlinCompilerClasspath files(['kotlin-compiler', 'kotlin-stdlib', 'kotlin-script-runtime', 'kotlin-reflect', 'trove4j', 'annotations-13.0'].collect {{ "{KOTLIN_LIB}/${{it}}.jar" }})
        compile files('{SHARE}/kotlin-stdlib.jar')
    }}
    %s"""
)


def gradle_kotlin_cases() -> list[Case]:
    return [
        Case(
            "jvm-gradle-kotlin-errors",
            "gradle",
            "kotlin",
            "build",
            "gradle --offline build",
            {
                "build.gradle": KOTLIN_GRADLE % "",
                "settings.gradle": "rootProject.name = 'cart'\n",
                "src/main/kotlin/acme/Cart.kt": KT_MODEL,
                "src/main/kotlin/acme/Checkout.kt": CHECKOUT_KT,
            },
            first_of(r"^e: /home/runner/work/acme/acme/src/main/kotlin/acme/Checkout\.kt: \(6, \d+\): "),
            "gradle build (Kotlin plugin 1.3.31, Gradle 4.4.1): a `w:` warning, then the compiler's `e: <path>: (line, col): ` errors; `Compilation error. See log for more details` below",
            GRADLE_VERSION,
            setup=JAVA,
            env=gradle_env(),
        ),
        Case(
            "jvm-gradle-kotlin-werror",
            "gradle",
            "kotlin",
            "build",
            "gradle --offline build",
            {
                "build.gradle": KOTLIN_GRADLE % "\ncompileKotlin.kotlinOptions.allWarningsAsErrors = true\n",
                "settings.gradle": "rootProject.name = 'cart'\n",
                "src/main/kotlin/acme/Cart.kt": KT_MODEL,
                "src/main/kotlin/acme/Legacy.kt": LEGACY_KT,
            },
            # The plugin's compiler warns about its scripting plugin (Debian's build of it) before any source is read:
            # under allWarningsAsErrors that warning alone stops the compile.
            first_of(r"^e: warnings found and -Werror specified", r"^w: "),
            "gradle build with allWarningsAsErrors (Kotlin plugin 1.3.31): a `w:` warning of the compiler about its own plugins, then `e: warnings found and -Werror specified`",
            GRADLE_VERSION,
            setup=JAVA,
            env=gradle_env(),
        ),
    ]


# --- Scala -------------------------------------------------------------------------------------------------------

SCALA_MODEL = dedent(
    """
    package acme

    case class Line(sku: String, cents: Long)

    class Cart {
      private var lines = List.empty[Line]
      def add(line: Line): Unit = lines = line :: lines
      def total: Long = lines.map(_.cents).sum
      def count: Int = lines.size
    }
    """
)


def scala_cases() -> list[Case]:
    return [
        Case(
            "jvm-scalac-type-mismatch",
            "scalac",
            "scala",
            "build",
            "mkdir -p build && scalac -deprecation -d build src/acme/*.scala",
            {
                "src/acme/Cart.scala": SCALA_MODEL,
                "src/acme/Checkout.scala": dedent(
                    """
                    package acme

                    object Checkout {
                      def receipt(cart: Cart): String = {
                        val total: Int = cart.total
                        val rounded = math.round(total / 100.0)
                        s"total $rounded for ${cart.itemCount} items"
                      }

                      def legacy(xs: List[Int]): Int = xs.foldLeft(0)(_ + _)
                    }
                    """
                ),
            },
            first_of(r"Checkout\.scala:5: error: type mismatch;"),
            "scalac: a type mismatch (found/required lines and a caret), then a second error; `two errors found` last",
            SCALA_VERSION,
            setup=JAVA,
        ),
        Case(
            "jvm-scalac-fatal-warnings",
            "scalac",
            "scala",
            "build",
            "mkdir -p build && scalac -deprecation -Xfatal-warnings -d build src/acme/*.scala",
            {
                "src/acme/Cart.scala": SCALA_MODEL,
                "src/acme/Legacy.scala": dedent(
                    """
                    package acme

                    object Legacy {
                      @deprecated("use Cart.total", "1.2")
                      def sum(cart: Cart): Long = cart.total

                      def report(cart: Cart): String = "sum " + sum(cart)

                      def kind(x: Any): String = x match {
                        case _: List[String] => "strings"
                        case _ => "other"
                      }
                    }
                    """
                ),
            },
            # scalac reports by phase: the unchecked warning (patmat) comes before the deprecation (refchecks).
            first_of(
                r"^src/acme/Legacy\.scala:\d+: warning: ", r"^error: No warnings can be incurred under -Xfatal-warnings"
            ),
            "scalac -Xfatal-warnings: a deprecation and an unchecked warning fail the compile",
            SCALA_VERSION,
            setup=JAVA,
        ),
        Case(
            "jvm-scala-junitcore",
            "junit",
            "scala",
            "test",
            f"mkdir -p build && scalac -cp {JUNIT} -d build src/acme/*.scala test/acme/*.scala\n"
            f"scala -cp build:{JUNIT} org.junit.runner.JUnitCore acme.CartSuite acme.PriceSuite",
            {
                "src/acme/Cart.scala": SCALA_MODEL,
                "test/acme/CartSuite.scala": dedent(
                    """
                    package acme

                    import org.junit.Test
                    import org.junit.Assert._

                    class CartSuite {
                      @Test def emptyCart(): Unit = {
                        Console.err.println("ERROR pricing service unreachable, using cached prices (expected in tests)")
                        assertEquals(0L, new Cart().total)
                      }

                      @Test def totalAddsCents(): Unit = {
                        val cart = new Cart
                        cart.add(Line("a", 150))
                        cart.add(Line("b", 250))
                        assertEquals("cart total in cents", 300L, cart.total)
                      }

                      @Test def firstLine(): Unit = {
                        val cart = new Cart
                        assertEquals("a", cart.lines.head.sku)
                      }
                    }
                    """
                ).replace("cart.lines.head.sku", "List.empty[Line].head.sku"),
                "test/acme/PriceSuite.scala": dedent(
                    """
                    package acme

                    import org.junit.Test
                    import org.junit.Assert._

                    class PriceSuite {
                      @Test def formats(): Unit = assertEquals("1.50", "%.2f".format(1.5))
                    }
                    """
                ),
            },
            # JUnit 4's MethodSorters.DEFAULT (names' hashes) runs firstLine first.
            section(r"^1\) firstLine\(acme\.CartSuite\)$", inside=[r"^java\.util\.NoSuchElementException: "]),
            "JUnit 4's JUnitCore over Scala tests: an error (head of an empty list) and a failed assertEquals; a test prints ERROR",
            SCALA_VERSION,
            setup=JAVA,
        ),
        Case(
            "jvm-scala-main-exception",
            "scala",
            "scala",
            "build",
            "mkdir -p build && scalac -d build src/acme/*.scala && scala -cp build acme.Main data/orders.csv",
            {
                "src/acme/Cart.scala": SCALA_MODEL,
                "src/acme/Main.scala": dedent(
                    """
                    package acme

                    object Main {
                      def main(args: Array[String]): Unit = {
                        println(s"importing ${args(0)}")
                        val rows = scala.io.Source.fromFile(args(0)).getLines().toList
                        val cart = new Cart
                        rows.drop(1).foreach { row =>
                          val Array(sku, cents) = row.split(",")
                          cart.add(Line(sku, cents.trim.toLong))
                        }
                        println(s"total ${cart.total}")
                      }
                    }
                    """
                ),
                "data/orders.csv": "sku,cents\na,150\nb,1.25\n",
            },
            first_of(
                r"^java\.lang\.NumberFormatException: For input string: \"1\.25\"|^Exception in thread \"main\" java\.lang\.NumberFormatException"
            ),
            "scala: a program throws NumberFormatException on a row it cannot parse",
            SCALA_VERSION,
            alt_categories=["config"],
            setup=JAVA,
        ),
    ]


def jvm2_cases() -> list[Case]:
    return groovy_cases() + clojure_cases() + lein_cases() + kotlin_cases() + gradle_kotlin_cases() + scala_cases()


# --- the same failures as Travis-era builds printed them ---------------------------------------------------------

# A few of this module's logs re-wrapped as Travis CI job logs by ci_wrap_cases.py's `travis` wrapper (no tool is run
# again): `jvm-travis-<case>`, from cases whose command is one line (Travis echoes it as `$ <command>`). Their own
# prefix keeps them out of `--rewrap`'s sample and its rewrite of its own `travis-`/`gitlab-`/... logs. The second
# log is what a later script command prints, for the variant that runs one.
TRAVIS = [
    ("jvm-lein-test-fail", "jvm-kotlinc-errors"),
    ("jvm-groovy-power-assert", "jvm-groovyc-static"),
    ("jvm-scalac-type-mismatch", "jvm-scala-junitcore"),
    ("jvm-kotlinc-werror", "jvm-lein-check"),
    ("jvm-groovyc-syntax", "jvm-clojure-test-runner"),
    ("jvm-lein-uberjar", "jvm-scala-main-exception"),
    ("jvm-gradle-kotlin-errors", "jvm-groovy-junitcore"),
]


def travis_wraps(out: Path) -> None:
    """Write the TRAVIS logs from the GitHub Actions logs already in ``out`` and add their labels."""
    from ci_wrap_cases import load_source, travis, write

    labels_path = out / "labels.json"
    labels = json.loads(labels_path.read_text())
    for name, second in TRAVIS:
        source = load_source(out, f"{name}.log", labels[f"{name}.log"])
        other = load_source(out, f"{second}.log", labels[f"{second}.log"])
        short = dataclasses.replace(source, name=source.name.removeprefix("jvm-"))
        for key, label in write(out, "jvm-travis-", "travis", travis, short, other).items():
            label["path"] = f"jvm2_cases.py:travis_wraps:{name}"
            labels[key] = label
    labels_path.write_text(json.dumps(dict(sorted(labels.items())), indent=1) + "\n")


if __name__ == "__main__":  # python3 bench/toolchain/jvm2_cases.py [logs directory]: the Travis copies only
    travis_wraps(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent / "logs")
