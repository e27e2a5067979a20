# ruff: noqa: E501  (the tiny projects' files are written inline, one string each)
"""Toolchain development set, part three: more JavaScript/TypeScript tools (node's test runner, pnpm, yarn, npm ci, webpack, vite, rollup, esbuild, babel, jasmine, ava, node-tap, stylelint, ts-node, tsx, Playwright, a
plain node script).

The cases reuse make_logs.py's ``Case``, labellers and wrapping; make_logs.py adds them to its list. The tools come
from an npm project of their own (``TOOLCHAIN_NODE_JS2``, default /tmp/tc/node-js2) and pnpm 9 from another
(``TOOLCHAIN_NODE_PNPM9``, default /tmp/tc/node-pnpm9); see README.md. The culprit lines are found from what each
case knows (the first failing test's name, the file holding the first error), by the conventions of
bench/validation/README.md, never by running the analyzer.
"""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

from make_logs import Case, Labeller, find, first_jest_failure, first_of, section

NODE2 = Path(os.environ.get("TOOLCHAIN_NODE_JS2", "/tmp/tc/node-js2"))
PNPM9 = Path(os.environ.get("TOOLCHAIN_NODE_PNPM9", "/tmp/tc/node-pnpm9"))
SETUP = "actions/setup-node@v4"
PKG = '{"name": "acme", "version": "1.0.0", "private": true}\n'


def pkg(**fields: str) -> str:
    """A package.json with ``scripts`` (and ``type`` when given as ``type_``)."""
    parts = ['"name": "acme"', '"version": "1.0.0"', '"private": true']
    if "type_" in fields:
        parts.append(f'"type": "{fields.pop("type_")}"')
    if fields:
        parts.append('"scripts": {' + ", ".join(f'"{k}": "{v}"' for k, v in fields.items()) + "}")
    return "{" + ", ".join(parts) + "}\n"


def version_of(package: str) -> str:
    return f"node -p \"'{package} ' + require('{package}/package.json').version\""


def node_tap_failure(test: str, prefix: str = "") -> Labeller:
    """node --test, TAP reporter: the first failing test's `not ok N - name` line (a nested one is indented) and its
    YAML `error:` line with, when the message is a block, the message's first line. ``prefix``: what a workspace
    runner puts before each line (pnpm -r: `packages/api test: `)."""

    def label(lines: list[str]) -> list[int]:
        top = find(lines, rf"^{prefix}\s*not ok \d+ - {test}$")
        if top is None:
            raise LookupError(f"no `not ok` line for {test}")
        error = find(lines, rf"^{prefix}\s+error: ", top + 1)
        if error is None:
            raise LookupError("no error: line")
        found = [top, error]
        if lines[error].rstrip().endswith(("|-", "|", ">-")):
            found.append(error + 1)
        return found

    return label


def node_spec_failure(test: str, location: str) -> Labeller:
    """node --test, spec reporter: the first failing test's `✖ name` line in the listing and its error line; in the
    `✖ failing tests:` list at the end, its `test at file:line:col` line, its `✖ name` and its error line."""

    def label(lines: list[str]) -> list[int]:
        top = find(lines, rf"^\s*✖ {test} \(")
        if top is None:
            raise LookupError(f"no ✖ line for {test}")
        found = [top]
        error = find(lines, r"^\s+\w*Error\b", top + 1)
        if error is not None:
            found.append(error)
        listed = find(lines, r"^✖ failing tests:")
        if listed is not None:
            at = find(lines, rf"^test at {location}$", listed)
            if at is None:
                raise LookupError(f"no `test at {location}`")
            again = find(lines, rf"^\s*✖ {test} \(", at)
            assert again is not None
            found += [at, again]
            error = find(lines, r"^\s+\w*Error\b", again + 1)
            if error is not None:
                found.append(error)
        return sorted(set(found))

    return label


NODE_TEST = textwrap.dedent(
    """\
    const test = require('node:test');
    const assert = require('node:assert');
    const { add, div } = require('../calc');

    test('adds', () => {
      assert.strictEqual(add(1, 2), 3);
    });
    test('adds wrong', () => {
      assert.strictEqual(add(2, 2), 5);
    });
    test('prints error text', () => {
      console.log('error: this is expected output, not a failure');
    });
    test('divides', () => {
      assert.deepStrictEqual({ q: div(1, 0) }, { q: 0 });
    });
    """
)
NODE_SUITE = textwrap.dedent(
    """\
    const { describe, it } = require('node:test');
    const assert = require('node:assert');
    const { add, div } = require('../calc');

    describe('calc', () => {
      it('adds', () => {
        assert.strictEqual(add(1, 2), 3);
      });
      it('adds wrong', () => {
        assert.strictEqual(add(2, 2), 5);
      });
      it('divides', () => {
        assert.strictEqual(div(1, 0), 0);
      });
    });
    """
)
CALC = "function add(a, b) {\n  return a + b;\n}\nfunction div(a, b) {\n  return a / b;\n}\nmodule.exports = { add, div };\n"


def many_node_tests(count: int) -> str:
    return "const test = require('node:test');\n" + "".join(
        f"test('case {i:03d}', () => {{ console.log('checking case {i}'); }});\n" for i in range(count)
    )


BUILD_JS = textwrap.dedent(
    """\
    const fs = require('fs');
    const path = require('path');

    console.log('building acme');
    console.error('error: a warning the build prints and survives');
    function loadConfig(name) {
      const file = path.join('config', name);
      if (!fs.existsSync(file)) {
        throw new Error(`config file ${file} not found`);
      }
      return JSON.parse(fs.readFileSync(file, 'utf8'));
    }
    loadConfig('build.json');
    """
)
PNPM9_LOCK = textwrap.dedent(
    """\
    lockfileVersion: '9.0'

    settings:
      autoInstallPeers: true
      excludeLinksFromLockfile: false

    importers:

      .: {}
    """
)
PKG_WITH_DEP = '{"name": "acme", "version": "1.0.0", "private": true, "dependencies": {"is-number": "^7.0.0"}}\n'
NPM_LOCK_NO_DEP = '{\n  "name": "acme",\n  "version": "1.0.0",\n  "lockfileVersion": 3,\n  "requires": true,\n  "packages": {\n    "": {\n      "name": "acme",\n      "version": "1.0.0"\n    }\n  }\n}\n'
JASMINE_SPEC = textwrap.dedent(
    """\
    const { add, div } = require('../calc');

    describe('Calc', () => {
      it('adds', () => {
        expect(add(1, 2)).toBe(3);
      });
      it('adds wrong', () => {
        expect(add(2, 2)).toBe(5);
      });
      it('prints error text', () => {
        console.log('error: this is expected output, not a failure');
      });
      it('divides', () => {
        expect(div(1, 0)).toEqual(0);
      });
    });
    """
)
JASMINE_JSON = '{"spec_dir": "spec", "spec_files": ["**/*.spec.js"], "env": {"random": false}}\n'
AVA_TEST = textwrap.dedent(
    """\
    const test = require('ava');
    const { add, div } = require('../calc');

    test('adds', t => {
      t.is(add(1, 2), 3);
    });
    test('adds wrong', t => {
      t.is(add(2, 2), 5);
    });
    test('prints error text', t => {
      console.log('error: this is expected output, not a failure');
      t.pass();
    });
    test('divides', t => {
      t.deepEqual({ q: div(1, 0) }, { q: 0 });
    });
    """
)
TAP_TEST = textwrap.dedent(
    """\
    const t = require('tap');
    const { add, div } = require('../calc');

    t.test('adds', t => {
      t.equal(add(1, 2), 3);
      t.end();
    });
    t.test('adds wrong', t => {
      t.equal(add(2, 2), 5, 'two and two make five');
      t.end();
    });
    t.test('divides', t => {
      t.same({ q: div(1, 0) }, { q: 0 });
      t.end();
    });
    """
)
PLAYWRIGHT_TEST = textwrap.dedent(
    """\
    const { test, expect } = require('@playwright/test');

    test('pure arithmetic', async () => {
      expect(1 + 1).toBe(2);
    });
    test('has title', async ({ page }) => {
      await page.setContent('<title>Acme</title>');
      await expect(page).toHaveTitle(/Acme/);
    });
    test('has heading', async ({ page }) => {
      await page.setContent('<h1>Acme</h1>');
      await expect(page.locator('h1')).toHaveText('Acme');
    });
    """
)


def js_more_cases() -> list[Case]:
    node_version = "node --version"
    node_test = {"package.json": PKG, "calc.js": CALC, "test/calc.test.js": NODE_TEST}
    return [
        # --- node's built-in test runner ---------------------------------------------------------------------
        Case(
            "js2-node-test-tap",
            "node-test",
            "javascript",
            "test",
            "node --test",
            node_test,
            node_tap_failure("adds wrong"),
            "node --test (TAP when not on a terminal): two failing tests, a passing one prints 'error:'",
            node_version,
            setup=SETUP,
            node=NODE2,
        ),
        Case(
            "js2-node-test-spec",
            "node-test",
            "javascript",
            "test",
            "node --test --test-reporter=spec",
            node_test,
            node_spec_failure("adds wrong", r"test/calc\.test\.js:8:1"),
            "node --test, spec reporter: two failures, listed again under `✖ failing tests:`",
            node_version,
            setup=SETUP,
            node=NODE2,
        ),
        Case(
            "js2-node-test-spec-color",
            "node-test",
            "javascript",
            "test",
            "node --test --test-reporter=spec",
            {**node_test, "test/calc.test.js": NODE_SUITE, "test/many.test.js": many_node_tests(60)},
            node_spec_failure("adds wrong", r"test/calc\.test\.js:9:3"),
            "node --test, spec reporter with FORCE_COLOR=1: a suite, sixty passing tests printing output after it",
            node_version,
            env={"FORCE_COLOR": "1"},
            setup=SETUP,
            node=NODE2,
        ),
        Case(
            "js2-node-test-tap-suite",
            "node-test",
            "javascript",
            "test",
            "node --test --test-reporter=tap",
            {**node_test, "test/calc.test.js": NODE_SUITE},
            node_tap_failure("adds wrong"),
            "node --test, TAP reporter: a suite's failing test is indented under it; the suite's own `not ok` follows",
            node_version,
            setup=SETUP,
            node=NODE2,
        ),
        Case(
            "js2-npm-test-node-test",
            "node-test",
            "javascript",
            "test",
            "npm test",
            {**node_test, "package.json": pkg(test="node --test")},
            node_tap_failure("adds wrong"),
            "npm test runs node --test; npm's error lines follow",
            node_version,
            setup=SETUP,
            node=NODE2,
        ),
        # --- pnpm -------------------------------------------------------------------------------------------
        Case(
            "js2-pnpm9-frozen-lockfile",
            "pnpm",
            "javascript",
            "dependency",
            "pnpm install --frozen-lockfile",
            {"package.json": PKG_WITH_DEP, "pnpm-lock.yaml": PNPM9_LOCK},
            first_of(r"ERR_PNPM_OUTDATED_LOCKFILE"),
            "pnpm 9: the lockfile lacks a dependency package.json names",
            "pnpm --version",
            neutral_hosts=True,
            setup=SETUP,
            node=PNPM9,
        ),
        Case(
            "js2-pnpm-frozen-lockfile",
            "pnpm",
            "javascript",
            "dependency",
            "pnpm install --frozen-lockfile",
            {"package.json": PKG_WITH_DEP, "pnpm-lock.yaml": PNPM9_LOCK},
            first_of(r"ERR_PNPM_OUTDATED_LOCKFILE", r'Cannot install with "frozen-lockfile"'),
            "pnpm (current): the lockfile lacks a dependency package.json names",
            "pnpm --version",
            neutral_hosts=True,
            setup=SETUP,
            node=NODE2,
        ),
        Case(
            "js2-pnpm9-run-build",
            "node",
            "javascript",
            "build",
            "pnpm run build",
            {"package.json": pkg(build="node scripts/build.js"), "scripts/build.js": BUILD_JS},
            first_of(r"^Error: config file"),
            "pnpm 9 runs a build script that throws; ELIFECYCLE follows",
            node_version,
            setup=SETUP,
            node=PNPM9,
        ),
        Case(
            "js2-pnpm-run-test",
            "node-test",
            "javascript",
            "test",
            "pnpm run test",
            {**node_test, "package.json": pkg(test="node --test --test-reporter=spec")},
            node_spec_failure("adds wrong", r"test/calc\.test\.js:8:1"),
            "pnpm (current) runs node --test's spec reporter",
            node_version,
            setup=SETUP,
            node=NODE2,
        ),
        Case(
            "js2-pnpm9-recursive",
            "node-test",
            "javascript",
            "test",
            "pnpm -r run test",
            {
                "package.json": PKG,
                "pnpm-workspace.yaml": "packages:\n  - 'packages/*'\n",
                "packages/api/package.json": '{"name": "@acme/api", "version": "1.0.0", "scripts": {"test": "node --test"}}\n',
                "packages/api/calc.js": CALC,
                "packages/api/test/calc.test.js": NODE_TEST.replace("adds wrong", "api adds"),
                "packages/web/package.json": '{"name": "@acme/web", "version": "1.0.0", "scripts": {"test": "node --test"}}\n',
                "packages/web/calc.js": CALC,
                "packages/web/test/calc.test.js": NODE_TEST,
            },
            node_tap_failure("(?:api adds|adds wrong)", prefix=r"packages/\w+ test: "),
            "pnpm 9 -r: two workspace packages' tests, each line prefixed with the package",
            node_version,
            setup=SETUP,
            node=PNPM9,
        ),
        # --- yarn classic -------------------------------------------------------------------------------------
        Case(
            "js2-yarn-run-jasmine",
            "jasmine",
            "javascript",
            "test",
            "yarn test",
            {
                "package.json": pkg(test="jasmine"),
                "calc.js": CALC,
                "spec/calc.spec.js": JASMINE_SPEC,
                "spec/support/jasmine.json": JASMINE_JSON,
            },
            section(r"^1\) Calc adds wrong$", inside=[r"^\s+Expected "]),
            "yarn 1 runs jasmine; `error Command failed with exit code 1.` follows",
            "npx jasmine -v",
            neutral_hosts=True,
            setup=SETUP,
            node=NODE2,
            node_modules=True,
        ),
        Case(
            "js2-yarn-frozen-lockfile",
            "yarn",
            "javascript",
            "dependency",
            "yarn install --frozen-lockfile",
            {
                "package.json": PKG_WITH_DEP,
                "yarn.lock": "# THIS IS AN AUTOGENERATED FILE. DO NOT EDIT THIS FILE DIRECTLY.\n# yarn lockfile v1\n\n\n",
            },
            first_of(r"^error Your lockfile needs to be updated"),
            "yarn 1: yarn.lock lacks a dependency",
            "yarn --version",
            neutral_hosts=True,
            setup=SETUP,
            node=NODE2,
        ),
        Case(
            "js2-yarn-run-build",
            "node",
            "javascript",
            "build",
            "yarn run build",
            {"package.json": pkg(build="node scripts/build.js"), "scripts/build.js": BUILD_JS},
            first_of(r"^Error: config file"),
            "yarn 1 runs a build script that throws",
            node_version,
            neutral_hosts=True,
            setup=SETUP,
            node=NODE2,
        ),
        # --- npm --------------------------------------------------------------------------------------------
        Case(
            "js2-npm-ci-out-of-sync",
            "npm",
            "javascript",
            "dependency",
            "npm ci",
            {"package.json": PKG_WITH_DEP, "package-lock.json": NPM_LOCK_NO_DEP},
            first_of(
                r"^npm (?:ERR!|error) code EUSAGE",
                r"can only install packages when your package\.json",
                r"^npm (?:ERR!|error) Missing: is-number@",
            ),
            "npm ci: package.json names a dependency the lock file lacks",
            "npm --version",
            neutral_hosts=True,
            setup=SETUP,
            node=NODE2,
        ),
        Case(
            "js2-npm-run-build",
            "node",
            "javascript",
            "build",
            "npm run build",
            {"package.json": pkg(build="node scripts/build.js"), "scripts/build.js": BUILD_JS},
            first_of(r"^Error: config file"),
            "npm run build: the script throws; npm's lifecycle lines follow",
            node_version,
            setup=SETUP,
            node=NODE2,
        ),
        # --- bundlers and compilers ---------------------------------------------------------------------------
        Case(
            "js2-webpack-not-found",
            "webpack",
            "javascript",
            "build",
            "npx webpack --mode production",
            {
                "package.json": PKG,
                "src/index.js": "import { helper } from './missing';\nimport pad from 'left-pad-zz9';\nconsole.log(helper(), pad);\n",
            },
            section(r"^ERROR in \./src/index\.js 1:", inside=[r"^Module not found: Error: Can't resolve '\./missing'"]),
            "webpack: two imports it cannot resolve",
            version_of("webpack"),
            setup=SETUP,
            node=NODE2,
            node_modules=True,
        ),
        Case(
            "js2-webpack-parse",
            "webpack",
            "javascript",
            "build",
            "npx webpack",
            {
                "package.json": PKG,
                "src/index.js": "import { total } from './cart';\nconsole.log(total([1, 2]));\n",
                "src/cart.js": "export function total(items) {\n  return items.reduce((a, b) => a + b, 0)\n}\nexport const broken = {a: };\n",
            },
            section(r"^ERROR in \./src/cart\.js", inside=[r"^Module parse failed: "]),
            "webpack without --mode (a configuration warning) and a syntax error",
            version_of("webpack"),
            setup=SETUP,
            node=NODE2,
            node_modules=True,
        ),
        Case(
            "js2-esbuild",
            "esbuild",
            "javascript",
            "build",
            "npx esbuild src/index.js --bundle --outfile=dist/out.js",
            {
                "package.json": PKG,
                "src/index.js": "import { helper } from './missing';\nimport pad from 'left-pad-zz9';\nconsole.log(helper(), pad);\n",
            },
            first_of(r'^✘ \[ERROR\] Could not resolve "\./missing"'),
            "esbuild: two imports it cannot resolve",
            "npx esbuild --version",
            setup=SETUP,
            node=NODE2,
            node_modules=True,
        ),
        Case(
            "js2-esbuild-color",
            "esbuild",
            "javascript",
            "build",
            "npx esbuild src/app.ts --bundle --color=true --outfile=dist/app.js",
            {
                "package.json": PKG,
                "src/settings.ts": "export const settings = { retries: 1, retries: 2 };\n",
                "src/app.ts": "import { settings } from './settings';\nimport { run } from './run';\nconsole.log(run(settings.retries));\n",
                "src/run.ts": "export function run(n: number): number {\n  return n * 2\n}\nexport const x = run(2;\n",
            },
            first_of(r"✘ \[ERROR\] Expected"),
            "esbuild with colour: a warning (duplicate key), then a syntax error",
            "npx esbuild --version",
            setup=SETUP,
            node=NODE2,
            node_modules=True,
        ),
        Case(
            "js2-rollup",
            "rollup",
            "javascript",
            "build",
            "npx rollup src/index.js --file dist/out.js",
            {
                "package.json": PKG,
                "src/index.js": "import pad from 'left-pad-zz9';\nimport { helper } from './missing';\nconsole.log(helper(), pad);\n",
            },
            first_of(r"^\[!\] RollupError: "),
            "rollup: a warning about an external dependency, then an import it cannot resolve",
            "npx rollup --version",
            setup=SETUP,
            node=NODE2,
            node_modules=True,
        ),
        Case(
            "js2-vite-build",
            "vite",
            "javascript",
            "build",
            "npx vite build",
            {
                "package.json": PKG,
                "index.html": '<!doctype html>\n<script type="module" src="/src/main.js"></script>\n',
                "src/main.js": "import { helper } from './missing';\ndocument.body.textContent = helper();\n",
            },
            first_of(r"\[UNRESOLVED_IMPORT\] Could not resolve"),
            "vite build: an import it cannot resolve",
            "npx vite --version",
            setup=SETUP,
            node=NODE2,
            node_modules=True,
        ),
        Case(
            "js2-babel",
            "babel",
            "javascript",
            "build",
            "npx babel src -d lib",
            {
                "package.json": PKG,
                "src/a.js": "export const a = 1;\n",
                "src/b.js": "export const b = 2;\nexport const c = {d: };\n",
            },
            first_of(r"^SyntaxError: \S*src/b\.js: Unexpected token"),
            "babel: a syntax error in the second file",
            version_of("@babel/core"),
            setup=SETUP,
            node=NODE2,
            node_modules=True,
        ),
        Case(
            "js2-ts-node",
            "ts-node",
            "javascript",
            "build",
            "npx ts-node src/main.ts",
            {
                "package.json": PKG,
                "tsconfig.json": '{"compilerOptions": {"strict": true, "target": "es2020", "module": "commonjs", "types": []}}\n',
                "src/main.ts": "const port: number = 'eighty';\nfunction greet(name: string): string {\n  return 'hi ' + name;\n}\nconsole.log(greet(port));\n",
            },
            first_of(r"^TSError: ", r"^src/main\.ts\(1,7\): error TS2322"),
            "ts-node: two type errors",
            version_of("ts-node"),
            setup=SETUP,
            node=NODE2,
            node_modules=True,
        ),
        Case(
            "js2-tsx",
            "tsx",
            "javascript",
            "build",
            "npx tsx scripts/build.ts",
            {
                "package.json": PKG,
                "scripts/build.ts": BUILD_JS.replace("function loadConfig(name)", "function loadConfig(name: string)"),
            },
            first_of(r"^Error: config file"),
            "tsx runs a TypeScript build script that throws",
            version_of("tsx"),
            setup=SETUP,
            node=NODE2,
            node_modules=True,
        ),
        # --- test runners -----------------------------------------------------------------------------------
        Case(
            "js2-jasmine",
            "jasmine",
            "javascript",
            "test",
            "npx jasmine",
            {
                "package.json": PKG,
                "calc.js": CALC,
                "spec/calc.spec.js": JASMINE_SPEC,
                "spec/many.spec.js": "describe('many', () => {\n"
                + "".join(
                    f"  it('case {i:03d}', () => {{ expect({i}).toBeGreaterThanOrEqual(0); }});\n" for i in range(80)
                )
                + "});\n",
                "spec/support/jasmine.json": JASMINE_JSON,
            },
            section(r"^1\) Calc adds wrong$", inside=[r"^\s+Expected "]),
            "jasmine: two failures among 84 specs",
            "npx jasmine -v",
            setup=SETUP,
            node=NODE2,
            node_modules=True,
        ),
        Case(
            "js2-ava",
            "ava",
            "javascript",
            "test",
            "npx ava --serial",
            {"package.json": PKG, "calc.js": CALC, "test/calc.js": AVA_TEST},
            first_of(r"✘ \[fail\]: adds wrong", r"^\s+adds wrong$", r"^\s+test/calc\.js:8$"),
            "ava: two failing tests, a passing one prints 'error:'",
            "npx ava --version",
            setup=SETUP,
            node=NODE2,
            node_modules=True,
        ),
        Case(
            "js2-tap",
            "tap",
            "javascript",
            "test",
            "node test/calc.js",
            {"package.json": PKG, "calc.js": CALC, "test/calc.js": TAP_TEST},
            first_of(r"^\s+not ok 1 - two and two make five", r"^not ok 2 - adds wrong"),
            "node-tap's library run directly: a failing assertion nested in a failing subtest",
            version_of("tap"),
            setup=SETUP,
            node=NODE2,
            node_modules=True,
        ),
        Case(
            "js2-playwright-no-browsers",
            "playwright",
            "javascript",
            "dependency",
            "npx playwright test --reporter=list",
            {"package.json": PKG, "tests/home.spec.js": PLAYWRIGHT_TEST},
            first_of(
                r"✘ +\d+ tests/home\.spec\.js:\d+:\d+ › has title",
                r"^\s+1\) tests/home\.spec\.js",
                r"Executable doesn't exist at",
            ),
            "Playwright run on a runner without its browsers installed",
            "npx playwright --version",
            alt_categories=["test", "config"],
            setup=SETUP,
            node=NODE2,
            node_modules=True,
        ),
        # --- linters ----------------------------------------------------------------------------------------
        Case(
            "js2-stylelint",
            "stylelint",
            "javascript",
            "lint",
            "npx stylelint 'src/**/*.css'",
            {
                "package.json": PKG,
                ".stylelintrc.json": '{"extends": "stylelint-config-standard"}\n',
                "src/a.css": "a {\n  colr: red;\n}\n\nb {\n  color: #ggg;\n}\n",
                "src/b.css": "p {\n  margin: 0 0 0 0 0;\n}\n",
            },
            first_of(r"^\s+2:3\s+✖"),
            "stylelint: errors in two files",
            version_of("stylelint"),
            setup=SETUP,
            node=NODE2,
            node_modules=True,
        ),
        # --- a plain node script ----------------------------------------------------------------------------
        Case(
            "js2-node-uncaught",
            "node",
            "javascript",
            "build",
            "node scripts/build.js",
            {"package.json": PKG, "scripts/build.js": BUILD_JS},
            first_of(r"^Error: config file"),
            "a node script throws: its stack trace under the source line and caret",
            node_version,
            setup=SETUP,
            node=NODE2,
        ),
        Case(
            "js2-node-cannot-find-module",
            "node",
            "javascript",
            "dependency",
            "node index.js",
            {"package.json": PKG, "index.js": "const pad = require('left-pad-zz9');\nconsole.log(pad('1', 3));\n"},
            first_of(r"^Error: Cannot find module 'left-pad-zz9'"),
            "node: require() of a package that is not installed",
            node_version,
            setup=SETUP,
            node=NODE2,
        ),
        Case(
            "js2-node-esm-not-found",
            "node",
            "javascript",
            "dependency",
            "node src/main.mjs",
            {"package.json": PKG, "src/main.mjs": "import pad from 'left-pad-zz9';\nconsole.log(pad('1', 3));\n"},
            first_of(r"^Error \[ERR_MODULE_NOT_FOUND\]: Cannot find package"),
            "node: an ES module imports a package that is not installed",
            node_version,
            setup=SETUP,
            node=NODE2,
        ),
    ]


# --- a second batch, committed before the analyzer was run on it (see README) ------------------------------------

JEST_CI = textwrap.dedent(
    """\
    test('renders the header', () => {
      expect({ title: 'Acme', items: 3 }).toMatchSnapshot();
    });
    test('slow fetch', async () => {
      await new Promise((resolve) => setTimeout(resolve, 3000));
    }, 500);
    test('adds', () => {
      expect(1 + 1).toBe(2);
    });
    """
)
MOCHA_TIMEOUT = textwrap.dedent(
    """\
    const assert = require('assert');

    describe('api', function () {
      this.timeout(300);
      it('fetches the user', function (done) {
        setTimeout(done, 1000);
      });
      it('parses', function () {
        console.log('error: logged by a passing test');
        assert.ok(true);
      });
    });
    """
)
REJECTS = textwrap.dedent(
    """\
    async function publish() {
      await Promise.resolve();
      console.log('publishing assets');
      throw new Error('asset manifest dist/manifest.json is empty');
    }
    publish();
    """
)


def js_more_cases_2() -> list[Case]:
    node_version = "node --version"
    return [
        Case(
            "js2-jest-snapshot-ci",
            "jest",
            "javascript",
            "test",
            "npx jest --ci",
            {"package.json": PKG, "header.test.js": JEST_CI},
            first_jest_failure,
            "jest --ci: a snapshot that was never written, then a test that times out",
            "npx jest --version",
            setup=SETUP,
            node_modules=True,
        ),
        Case(
            "js2-jest-timeout",
            "jest",
            "javascript",
            "test",
            "npx jest --ci",
            {
                "package.json": PKG,
                "fetch.test.js": JEST_CI.split("test('adds'")[0].split("});\n", 1)[1]
                + "test('adds', () => {\n  expect(1 + 1).toBe(2);\n});\n",
            },
            first_jest_failure,
            "jest: a test exceeds its timeout",
            "npx jest --version",
            alt_categories=["timeout"],
            setup=SETUP,
            node_modules=True,
        ),
        Case(
            "js2-jest-coverage-threshold",
            "jest",
            "javascript",
            "test",
            "npx jest --ci --coverage",
            {
                "package.json": '{"name": "acme", "version": "1.0.0", "private": true, "jest": {"coverageThreshold": {"global": {"lines": 90, "branches": 90}}}}\n',
                "sum.js": "function sum(a, b) {\n  return a + b;\n}\nfunction double(x) {\n  if (x > 1) {\n    return x * 2;\n  }\n  return 0;\n}\nmodule.exports = { sum, double };\n",
                "sum.test.js": "const { sum } = require('./sum');\ntest('adds', () => {\n  expect(sum(1, 2)).toBe(3);\n});\n",
            },
            first_of(r'^Jest: (?:Coverage for \w+ \(|"global" coverage threshold)'),
            "jest: every test passes, coverage is below the configured threshold",
            "npx jest --version",
            setup=SETUP,
            node_modules=True,
        ),
        Case(
            "js2-mocha-timeout",
            "mocha",
            "javascript",
            "test",
            "npx mocha",
            {"package.json": PKG, "test/api.test.js": MOCHA_TIMEOUT},
            first_of(
                r"^\s+1\) fetches the user",
                r"^\s+1\) api$",
                r"^\s+fetches the user:$",
                r"Error: Timeout of \d+ms exceeded",
            ),
            "mocha: an async test never calls done()",
            "npx mocha --version",
            alt_categories=["timeout"],
            setup=SETUP,
            node_modules=True,
        ),
        Case(
            "js2-prettier-syntax",
            "prettier",
            "javascript",
            "lint",
            "npx prettier --check src",
            {
                "package.json": PKG,
                "src/a.js": "const a = {b:1}\n",
                "src/b.js": "const x = (;\n",
                "src/c.js": "function  z( ){return 1}\n",
            },
            first_of(r"^\[error\] src/b\.js: SyntaxError"),
            "prettier --check: a file it cannot parse between two it would reformat",
            "npx prettier --version",
            alt_categories=["build"],
            setup=SETUP,
            node_modules=True,
        ),
        Case(
            "js2-node-async-rejection",
            "node",
            "javascript",
            "build",
            "node scripts/publish.js",
            {"package.json": PKG, "scripts/publish.js": REJECTS},
            first_of(r"^Error: asset manifest"),
            "node: an async function's rejection nobody handles",
            node_version,
            setup=SETUP,
            node=NODE2,
        ),
        Case(
            "js2-node-unhandled-rejection",
            "node",
            "javascript",
            "build",
            "node scripts/release.js",
            {
                "package.json": PKG,
                "scripts/release.js": "console.log('error: no changelog entry, using the commit log');\nPromise.reject('no release token configured');\n",
            },
            first_of(r"^UnhandledPromiseRejection: "),
            "node: a promise rejected with a string, not an Error",
            node_version,
            setup=SETUP,
            node=NODE2,
        ),
        Case(
            "js2-yarn-install-404",
            "yarn",
            "javascript",
            "dependency",
            "yarn install",
            {
                "package.json": '{"name": "acme", "version": "1.0.0", "private": true, "dependencies": {"acme-nonexistent-pkg-zz9": "^1.0.0"}}\n'
            },
            first_of(r"^error Couldn't find package"),
            "yarn 1: a dependency that does not exist",
            "yarn --version",
            neutral_hosts=True,
            setup=SETUP,
            node=NODE2,
        ),
        Case(
            "js2-pnpm9-install-404",
            "pnpm",
            "javascript",
            "dependency",
            "pnpm install",
            {
                "package.json": '{"name": "acme", "version": "1.0.0", "private": true, "dependencies": {"acme-nonexistent-pkg-zz9": "^1.0.0"}}\n'
            },
            first_of(r"ERR_PNPM_FETCH_404"),
            "pnpm 9: a dependency that does not exist",
            "pnpm --version",
            neutral_hosts=True,
            setup=SETUP,
            node=PNPM9,
        ),
        Case(
            "js2-pnpm-install-404",
            "pnpm",
            "javascript",
            "dependency",
            "pnpm install",
            {
                "package.json": '{"name": "acme", "version": "1.0.0", "private": true, "dependencies": {"acme-nonexistent-pkg-zz9": "^1.0.0"}}\n'
            },
            first_of(r"ERR_PNPM_FETCH_404", r"Failed to resolve dependency tree: "),
            "pnpm (current): a dependency that does not exist",
            "pnpm --version",
            neutral_hosts=True,
            setup=SETUP,
            node=NODE2,
        ),
        Case(
            "js2-npm-engine-strict",
            "npm",
            "javascript",
            "config",
            "npm install",
            {
                "package.json": '{"name": "acme", "version": "1.0.0", "private": true, "engines": {"node": ">=22"}}\n',
                ".npmrc": "engine-strict=true\n",
            },
            first_of(r"^npm (?:ERR!|error) code EBADENGINE"),
            "npm install with engine-strict on an older node",
            "npm --version",
            alt_categories=["dependency"],
            neutral_hosts=True,
            setup=SETUP,
            node=NODE2,
        ),
        Case(
            "js2-ava-two-files",
            "ava",
            "javascript",
            "test",
            "npx ava --serial",
            {
                "package.json": PKG,
                "calc.js": CALC,
                "test/calc.js": AVA_TEST,
                "test/more.js": "const test = require('ava');\n"
                + "".join(f"test('case {i:02d}', t => {{\n  t.true({i} >= 0);\n}});\n" for i in range(30)),
            },
            first_of(r"✘ \[fail\]: calc › adds wrong", r"^\s+calc › adds wrong$", r"^\s+test/calc\.js:8$"),
            "ava over two files: titles prefixed with the file, thirty passing tests",
            "npx ava --version",
            setup=SETUP,
            node=NODE2,
            node_modules=True,
        ),
    ]


# --- a third batch: coverage gates, tape, and the linters older Node projects run ---------------------------------

COVERED = "function sum(a, b) {\n  return a + b;\n}\nfunction double(x) {\n  if (x > 1) {\n    return x * 2;\n  }\n  return 0;\n}\nmodule.exports = { sum, double };\n"
COVER_TEST = "const test = require('node:test');\nconst assert = require('node:assert');\nconst { sum } = require('../sum');\n\ntest('adds', () => {\n  assert.strictEqual(sum(1, 2), 3);\n});\n"
TAPE_TEST = textwrap.dedent(
    """\
    const test = require('tape');
    const { add, div } = require('../calc');

    test('adds', (t) => {
      t.equal(add(1, 2), 3);
      t.end();
    });
    test('adds wrong', (t) => {
      t.equal(add(2, 2), 5, 'two and two make five');
      t.end();
    });
    test('divides', (t) => {
      t.deepEqual({ q: div(1, 0) }, { q: 0 });
      t.end();
    });
    """
)


def js_more_cases_3() -> list[Case]:
    cover = {"package.json": PKG, "sum.js": COVERED, "test/sum.test.js": COVER_TEST}
    return [
        Case(
            "js2-nyc-check-coverage",
            "nyc",
            "javascript",
            "test",
            "npx nyc --check-coverage --lines 90 --branches 90 node --test",
            cover,
            first_of(r"^ERROR: Coverage for \w+ \("),
            "nyc: the tests pass, coverage is below the gate; the table follows",
            version_of("nyc"),
            setup=SETUP,
            node=NODE2,
            node_modules=True,
        ),
        Case(
            "js2-c8-check-coverage",
            "c8",
            "javascript",
            "test",
            "npx c8 --check-coverage --lines 90 node --test",
            cover,
            first_of(r"^ERROR: Coverage for \w+ \("),
            "c8: the tests pass, coverage is below the gate after the table",
            version_of("c8"),
            setup=SETUP,
            node=NODE2,
            node_modules=True,
        ),
        Case(
            "js2-tape",
            "tape",
            "javascript",
            "test",
            "npx tape 'test/**/*.js'",
            {"package.json": PKG, "calc.js": CALC, "test/calc.js": TAPE_TEST},
            first_of(r"^not ok \d+ two and two make five"),
            "tape: two failing assertions",
            version_of("tape"),
            setup=SETUP,
            node=NODE2,
            node_modules=True,
        ),
        Case(
            "js2-standard",
            "standard",
            "javascript",
            "lint",
            "npx standard",
            {
                "package.json": PKG,
                "lib/a.js": "const unused = 1\nfunction f (a) {\n  return a == 1\n}\nmodule.exports = f;\n",
                "lib/b.js": "module.exports = function () { return undefinedThing }\n",
            },
            first_of(r"lib/a\.js:1:7: "),
            "standard: findings in two files under its two banner lines",
            version_of("standard"),
            setup=SETUP,
            node=NODE2,
            node_modules=True,
        ),
        Case(
            "js2-tslint",
            "tslint",
            "javascript",
            "lint",
            "npx tslint 'src/**/*.ts'",
            {
                "package.json": PKG,
                "tslint.json": '{"extends": "tslint:recommended"}\n',
                "src/a.ts": "var x = 1\nexport const y = x;\n",
                "src/b.ts": 'export const z = "double";\n',
            },
            first_of(r"^src/a\.ts:1:1$", r"^ERROR: 1:1 "),
            "tslint's default (stylish) output: the file, then its findings",
            version_of("tslint"),
            setup=SETUP,
            node=NODE2,
            node_modules=True,
        ),
        Case(
            "js2-tslint-prose",
            "tslint",
            "javascript",
            "lint",
            "npx tslint -t prose 'src/**/*.ts'",
            {
                "package.json": PKG,
                "tslint.json": '{"extends": "tslint:recommended"}\n',
                "src/a.ts": "var x = 1\nexport const y = x;\n",
                "src/b.ts": 'export const z = "double";\n',
            },
            first_of(r"^ERROR: src/a\.ts:1:1"),
            "tslint -t prose: one line per finding",
            version_of("tslint"),
            setup=SETUP,
            node=NODE2,
            node_modules=True,
        ),
        Case(
            "js2-commitlint",
            "commitlint",
            "javascript",
            "lint",
            "echo 'Fixed the thing.' | npx commitlint",
            {
                "package.json": PKG,
                "commitlint.config.js": "module.exports = { extends: ['@commitlint/config-conventional'] };\n",
            },
            first_of(r"✖ +subject may not be empty"),
            "commitlint: a commit message breaking three rules",
            version_of("@commitlint/cli"),
            setup=SETUP,
            node=NODE2,
            node_modules=True,
        ),
        Case(
            "js2-markdownlint",
            "markdownlint",
            "javascript",
            "lint",
            "npx markdownlint '*.md' 'docs/*.md'",
            {
                "package.json": PKG,
                "README.md": "# Acme\n\nAll good here.\n",
                "docs/guide.md": "# Guide\nSome text\n## Install\n\n* item\n- item\n",
            },
            first_of(r"^docs/guide\.md:1 "),
            "markdownlint-cli: findings in the second file",
            version_of("markdownlint-cli"),
            setup=SETUP,
            node=NODE2,
            node_modules=True,
        ),
    ]


# --- a fourth batch: node-tap as the runner (its TypeScript loader needs TypeScript 5, not 7) ---------------------


def js_more_cases_4() -> list[Case]:
    files = {"package.json": PKG, "calc.js": CALC, "test/calc.js": TAP_TEST}
    return [
        Case(
            "js2-tap-runner",
            "tap",
            "javascript",
            "test",
            "npx tap",
            files,
            first_of(r"^\s+not ok 1 - two and two make five"),
            "node-tap 21 as the runner, TAP out of CI: the assertion nested two levels deep, the file's line last",
            version_of("tap"),
            setup=SETUP,
            node=NODE2,
            node_modules=True,
        ),
        Case(
            "js2-tap-runner-base",
            "tap",
            "javascript",
            "test",
            "npx tap --reporter=base",
            files,
            section(
                r"^\s*FAIL\s+test/calc\.js",
                inside=[r"^✖ adds wrong > two and two make five", r"^\s+test/calc\.js:\d+:\d+$"],
            ),
            "node-tap 21's base reporter: the file's FAIL line, each failure with its location, then the details",
            version_of("tap"),
            setup=SETUP,
            node=NODE2,
            node_modules=True,
        ),
    ]


# --- a fifth batch: npm 6's wrapper lines, as CI logs of a few years ago show them -----------------------------------

NPM6 = Path(os.environ.get("TOOLCHAIN_NODE_NPM6", "/tmp/tc/node-npm6"))
# npm 6 first on PATH, the other tools (mocha) after it.
NPM6_PATH = {"PATH": f"{NPM6}/node_modules/.bin:{NODE2}/node_modules/.bin:/usr/local/bin:/usr/bin:/bin"}
NPM6_LOCK = '{\n  "name": "acme",\n  "version": "1.0.0",\n  "lockfileVersion": 1,\n  "requires": true,\n  "dependencies": {}\n}\n'


def js_more_cases_5() -> list[Case]:
    return [
        Case(
            "js2-npm6-missing-script",
            "npm",
            "javascript",
            "config",
            "npm run lint",
            {"package.json": pkg(test="node --test")},
            first_of(r"^npm ERR! missing script: lint"),
            "npm 6: run of a script package.json lacks",
            "npm --version",
            env=NPM6_PATH,
            setup=SETUP,
            node=NODE2,
        ),
        Case(
            "js2-npm6-run-build",
            "node",
            "javascript",
            "build",
            "npm run build",
            {"package.json": pkg(build="node scripts/build.js"), "scripts/build.js": BUILD_JS},
            first_of(r"^Error: config file"),
            "npm 6 runs a build script that throws; its ELIFECYCLE block follows",
            "node --version",
            env=NPM6_PATH,
            setup=SETUP,
            node=NODE2,
        ),
        Case(
            "js2-npm6-test-mocha",
            "mocha",
            "javascript",
            "test",
            "npm test",
            {
                "package.json": pkg(test="mocha"),
                "calc.js": CALC,
                "test/calc.test.js": textwrap.dedent(
                    """\
                    const assert = require('assert');
                    const { add, div } = require('../calc');

                    describe('calc', function () {
                      it('adds', function () {
                        assert.strictEqual(add(1, 2), 3);
                      });
                      it('adds wrong', function () {
                        assert.strictEqual(add(2, 2), 5);
                      });
                      it('divides', function () {
                        assert.strictEqual(div(1, 0), 0);
                      });
                    });
                    """
                ),
            },
            first_of(r"^\s+1\) adds wrong", r"^\s+1\) calc$", r"^\s+adds wrong:$", r"AssertionError"),
            "npm 6 runs mocha: two failures, then `npm ERR! Test failed.`",
            version_of("mocha"),
            env=NPM6_PATH,
            setup=SETUP,
            node=NODE2,
            node_modules=True,
        ),
        Case(
            "js2-npm6-ci-out-of-sync",
            "npm",
            "javascript",
            "dependency",
            "npm ci",
            {"package.json": PKG_WITH_DEP, "package-lock.json": NPM6_LOCK},
            first_of(r"^npm ERR! cipm can only install packages", r"^npm ERR! Missing: is-number@"),
            "npm 6 ci: package.json names a dependency the lock file lacks",
            "npm --version",
            env=NPM6_PATH,
            neutral_hosts=True,
            setup=SETUP,
            node=NODE2,
        ),
        Case(
            "js2-npm6-install-404",
            "npm",
            "javascript",
            "dependency",
            "npm install --no-audit",
            {
                "package.json": '{"name": "acme", "version": "1.0.0", "private": true, "dependencies": {"acme-nonexistent-pkg-zz9": "^1.0.0"}}\n'
            },
            first_of(r"^npm ERR! code E404", r"^npm ERR! 404 Not Found"),
            "npm 6: a dependency that does not exist",
            "npm --version",
            env=NPM6_PATH,
            neutral_hosts=True,
            setup=SETUP,
            node=NODE2,
        ),
    ]


# --- a sixth batch: a peer dependency conflict, yarn's engine check, tsc under yarn -------------------------------


def js_more_cases_6() -> list[Case]:
    return [
        Case(
            "js2-npm-eresolve",
            "npm",
            "javascript",
            "dependency",
            "npm install --no-audit --no-fund",
            {
                "package.json": '{"name": "acme", "version": "1.0.0", "private": true, "dependencies": {"react": "17.0.2", "react-dom": "18.2.0"}}\n'
            },
            first_of(r"^npm (?:ERR!|error) code ERESOLVE", r"^npm (?:ERR!|error) ERESOLVE unable to resolve"),
            "npm: a dependency's peer dependency conflicts with the project's",
            "npm --version",
            neutral_hosts=True,
            setup=SETUP,
            node=NODE2,
        ),
        Case(
            "js2-yarn-engine",
            "yarn",
            "javascript",
            "config",
            "yarn install",
            {"package.json": '{"name": "acme", "version": "1.0.0", "private": true, "engines": {"node": ">=22"}}\n'},
            first_of(r'^error acme@1\.0\.0: The engine "node" is incompatible'),
            "yarn 1: the project's engines field wants a newer node",
            "yarn --version",
            alt_categories=["dependency"],
            neutral_hosts=True,
            setup=SETUP,
            node=NODE2,
        ),
        Case(
            "js2-yarn-tsc",
            "tsc",
            "javascript",
            "build",
            "yarn build",
            {
                "package.json": pkg(build="tsc -p ."),
                "tsconfig.json": '{"compilerOptions": {"strict": true, "target": "es2020", "module": "commonjs", "types": [], "outDir": "dist"}, "include": ["src"]}\n',
                "src/a.ts": "export function total(items: number[]): number {\n  return items.reduce((a, b) => a + b, 0);\n}\nconsole.log('error: printed at import, not a compile error');\n",
                "src/b.ts": "import { total } from './a';\nexport const t: string = total([1, 2]);\nexport const u = total('12');\n",
            },
            first_of(r"^src/b\.ts\(2,14\): error TS2322"),
            "TypeScript 5.9 under yarn 1: two type errors, then yarn's exit line",
            "npx tsc --version",
            neutral_hosts=True,
            setup=SETUP,
            node=NODE2,
            node_modules=True,
        ),
    ]
