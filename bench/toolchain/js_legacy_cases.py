# ruff: noqa: E501  (the tiny projects' files are written inline, one string each)
"""Toolchain development set: JavaScript as Travis-era builds (2013-2019) printed it: grunt, gulp 3/4, jshint, jscs,
eslint 4, coffeelint and the CoffeeScript 1 compiler, bower offline, karma 4 with jasmine 2 and mocha, mocha 5,
jasmine 2, tape 4, nyc 14, flow, webpack 3, browserify with babel 6.

The cases reuse make_logs.py's ``Case``, labellers and wrapping; make_logs.py adds them to its list. The old releases
come from npm projects of their own (``TOOLCHAIN_NODE_JSOLD``, default /tmp/tc/jsold/a; gulp 3 from
``TOOLCHAIN_NODE_GULP3``, default /tmp/tc/jsold/g3; karma 4 from ``TOOLCHAIN_NODE_KARMA4``, default /tmp/tc/jsold/k; webpack 1 from
``TOOLCHAIN_NODE_WEBPACK1``, default /tmp/tc/jsold/w1;
npm 6 from ``TOOLCHAIN_NODE_NPM6`` as js_more_cases.py); see README.md. The culprit lines are found from what each
case knows (the first failing test's name, the file holding the first error), by the conventions of
bench/validation/README.md, never by running the analyzer.
"""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

from make_logs import Case, first_of, section

OLD = Path(os.environ.get("TOOLCHAIN_NODE_JSOLD", "/tmp/tc/jsold/a"))
GULP3 = Path(os.environ.get("TOOLCHAIN_NODE_GULP3", "/tmp/tc/jsold/g3"))
WEBPACK1 = Path(os.environ.get("TOOLCHAIN_NODE_WEBPACK1", "/tmp/tc/jsold/w1"))
KARMA4 = Path(os.environ.get("TOOLCHAIN_NODE_KARMA4", "/tmp/tc/jsold/k"))
NPM6 = Path(os.environ.get("TOOLCHAIN_NODE_NPM6", "/tmp/tc/node-npm6"))
SETUP = "actions/setup-node@v1"
BASE_PATH = "/usr/local/bin:/usr/bin:/bin"


def npm6_path(node: Path) -> dict[str, str]:
    """npm 6 first on PATH, then the case's own tools."""
    return {"PATH": f"{NPM6}/node_modules/.bin:{node}/node_modules/.bin:{BASE_PATH}"}


def pkg(**scripts: str) -> str:
    parts = ['"name": "acme"', '"version": "1.0.0"', '"private": true']
    if scripts:
        parts.append('"scripts": {' + ", ".join(f'"{k}": "{v}"' for k, v in scripts.items()) + "}")
    return "{" + ", ".join(parts) + "}\n"


def version_of(package: str) -> str:
    return f"node -p \"'{package} ' + require('{package}/package.json').version\""


CALC = textwrap.dedent(
    """\
    var util = require('./util');

    function add(a, b) {
      return a + b
    }

    function scale(values, factor) {
      for (var i = 0; i < values.length; i++) {
        if (values[i] == null) continue;
        values[i] = values[i] * factor;
      }
      return values;
    }

    module.exports = { add: add, scale: scale, log: util.log };
    """
)
UTIL = textwrap.dedent(
    """\
    function log(message) {
      console.log('[app] ' + message)
    }
    module.exports = { log: log };
    """
)
GOOD = "function ok() {\n  return 'error: none';\n}\nmodule.exports = { ok: ok };\n"
JSHINTRC = '{"node": true, "undef": true, "unused": true, "mocha": true}\n'
LIB = {"src/calc.js": CALC, "src/util.js": UTIL, "src/good.js": GOOD, ".jshintrc": JSHINTRC}

# A mocha 5 suite: a passing test logging an ERROR line, two failures, a pending test.
CALC_OK = "function add(a, b) { return a + b; }\nfunction div(a, b) { if (b === 0) { throw new Error('division by zero'); } return a / b; }\nmodule.exports = { add: add, div: div };\n"
MOCHA_TEST = textwrap.dedent(
    """\
    var assert = require('assert');
    var calc = require('../lib/calc');

    describe('calc', function () {
      it('adds small numbers', function () {
        console.log('ERROR [cache] miss for key add:1:2 (expected on a cold cache)');
        assert.equal(calc.add(1, 2), 3);
      });
      it('adds negative numbers', function () {
        assert.equal(calc.add(-2, -2), -5);
      });
      it.skip('adds floats', function () {});
      describe('div', function () {
        it('divides', function () {
          assert.equal(calc.div(6, 3), 2);
        });
        it('refuses zero', function () {
          assert.deepEqual(calc.div(1, 0), { error: 'zero' });
        });
      });
    });
    """
)
GRUNT_JSHINT = textwrap.dedent(
    """\
    module.exports = function (grunt) {
      grunt.initConfig({
        jshint: {
          options: { jshintrc: true },
          all: ['Gruntfile.js', 'src/**/*.js']
        },
        mochaTest: {
          test: { options: { reporter: 'spec' }, src: ['test/**/*.js'] }
        }
      });
      grunt.loadNpmTasks('grunt-contrib-jshint');
      grunt.loadNpmTasks('grunt-mocha-test');
      grunt.registerTask('banner', function () {
        grunt.log.writeln('Building acme 1.0.0 (error reporting: verbose)');
      });
      grunt.registerTask('default', ['banner', 'jshint', 'mochaTest']);
      grunt.registerTask('test', ['banner', 'mochaTest', 'jshint']);
    };
    """
)
KARMA_JASMINE_SPEC = textwrap.dedent(
    """\
    describe('Calc', function () {
      it('adds', function () {
        console.error('ERROR: stale session token, retrying');
        expect(1 + 2).toBe(3);
      });
      it('multiplies', function () {
        expect(2 * 3).toEqual(7);
      });
      it('parses numbers', function () {
        expect(parseInt('12px', 10)).toBe(12);
      });
      describe('rounding', function () {
        it('rounds half up', function () {
          expect(Math.round(2.5)).toBe(2);
        });
      });
    });
    """
)
KARMA_CONF = textwrap.dedent(
    """\
    module.exports = function (config) {
      config.set({
        frameworks: [FRAMEWORKS],
        files: ['test/**/*.js'],
        browsers: ['ChromeHeadlessCI'],
        customLaunchers: { ChromeHeadlessCI: { base: 'ChromeHeadless', flags: ['--no-sandbox'] } },
        reporters: ['REPORTER'],
        client: { jasmine: { random: false } },
        singleRun: true
      });
    };
    """
)
KARMA_MOCHA_SPEC = textwrap.dedent(
    """\
    describe('cart', function () {
      it('starts empty', function () {
        chai.expect([]).to.have.length(0);
      });
      it('adds an item', function () {
        var items = [];
        items.push({ sku: 'A1' });
        chai.expect(items).to.have.length(2);
      });
      it('computes the total', function () {
        chai.expect(0.1 + 0.2).to.equal(0.3);
      });
    });
    """
)
JASMINE_SPEC = textwrap.dedent(
    """\
    var calc = require('../../lib/calc');

    describe('calc', function () {
      it('adds', function () {
        console.log('ERROR ignored: cache warm-up skipped');
        expect(calc.add(1, 2)).toBe(3);
      });
      it('adds wrong', function () {
        expect(calc.add(2, 2)).toEqual(5);
      });
      it('divides by zero', function () {
        expect(calc.div(1, 0)).toBe(Infinity);
      });
    });
    """
)
JASMINE_JSON = '{"spec_dir": "spec", "spec_files": ["**/*[sS]pec.js"], "random": false}\n'
TAPE_TEST = textwrap.dedent(
    """\
    var test = require('tape');
    var calc = require('../lib/calc');

    test('add', function (t) {
      t.equal(calc.add(1, 2), 3, 'one plus two');
      t.equal(calc.add(2, 2), 5, 'two plus two');
      t.end();
    });

    test('div', function (t) {
      t.deepEqual({ q: calc.div(6, 3) }, { q: 3 }, 'six by three');
      t.throws(function () { calc.div(1, 0); }, /zero/, 'refuses zero');
      t.end();
    });
    """
)
FLOW_SRC = textwrap.dedent(
    """\
    // @flow
    function total(prices: Array<number>): number {
      return prices.reduce((a, b) => a + b, 0);
    }

    const label: string = total([1, 2]);
    const missing: number = total(['3']);

    module.exports = { total, label, missing };
    """
)
WEBPACK3_CONF = textwrap.dedent(
    """\
    var path = require('path');
    module.exports = {
      entry: './src/index.js',
      output: { path: path.resolve(__dirname, 'dist'), filename: 'bundle.js' }
    };
    """
)
BABEL6_SRC = textwrap.dedent(
    """\
    import { add } from './calc';

    const values = [1, 2, 3];
    export const sum = values.reduce((a, b) => add(a, b), 0);
    export const broken = { ...values, extra: 1 ;
    """
)
GULP4_FILE = textwrap.dedent(
    """\
    var gulp = require('gulp');
    var babel = require('gulp-babel');

    gulp.task('copy', function () {
      return gulp.src('static/**').pipe(gulp.dest('dist/static'));
    });

    gulp.task('scripts', function () {
      return gulp.src('src/**/*.js')
        .pipe(babel({ presets: ['es2015'] }))
        .pipe(gulp.dest('dist'));
    });

    gulp.task('build', gulp.series('copy', 'scripts'));
    """
)


def js_legacy_cases() -> list[Case]:
    grunt_lib = {
        **LIB,
        "Gruntfile.js": GRUNT_JSHINT,
        "lib/calc.js": CALC_OK,
        "test/calc.test.js": MOCHA_TEST,
        "package.json": pkg(test="grunt test"),
    }
    return [
        Case(
            "jso-grunt-jshint",
            "jshint",
            "javascript",
            "lint",
            "grunt --no-color",
            grunt_lib,
            section(r"^\s+src/calc\.js$", inside=[r"Missing semicolon\."]),
            "grunt's jshint task reports two files with a missing semicolon; grunt aborts before mochaTest",
            version_of("grunt"),
            setup=SETUP,
            node=OLD,
            node_modules=True,
        ),
        Case(
            "jso-grunt-mocha",
            "mocha",
            "javascript",
            "test",
            "npm test",
            grunt_lib,
            first_of(
                r"^\s+1\) adds negative numbers$", r"^\s+1\) calc$", r"^\s+adds negative numbers:$", r"AssertionError"
            ),
            "npm 6 runs grunt test: grunt-mocha-test's spec reporter with two failures, then grunt's warning",
            version_of("grunt-mocha-test"),
            env=npm6_path(OLD),
            setup=SETUP,
            node=OLD,
            node_modules=True,
        ),
        Case(
            "jso-grunt-no-task",
            "grunt",
            "javascript",
            "config",
            "grunt --no-color banner sass",
            grunt_lib,
            first_of(r'^Warning: Task "sass" not found\.'),
            "grunt asked for a task no plugin registered",
            version_of("grunt"),
            setup=SETUP,
            node=OLD,
            node_modules=True,
        ),
        Case(
            "jso-gulp3-node20",
            "gulp",
            "javascript",
            "dependency",
            "gulp",
            {
                "gulpfile.js": "var gulp = require('gulp');\ngulp.task('default', function () {});\n",
                "package.json": pkg(),
            },
            first_of(r"^ReferenceError: primordials is not defined"),
            "gulp 3's graceful-fs 3 on a node that no longer exposes its internals",
            version_of("gulp"),
            alt_categories=["build"],
            setup=SETUP,
            node=GULP3,
            node_modules=True,
        ),
        Case(
            "jso-gulp4-babel6",
            "gulp",
            "javascript",
            "build",
            "gulp build --no-color",
            {
                "gulpfile.js": GULP4_FILE,
                "static/robots.txt": "User-agent: *\n",
                "src/calc.js": "export const add = (a, b) => a + b;\n",
                "src/index.js": BABEL6_SRC,
                "package.json": pkg(),
            },
            section(r"SyntaxError in plugin|Error in plugin", inside=[r"src/index\.js: Unexpected token"]),
            "gulp 4 with gulp-babel 7 (babel 6): a syntax error in a source file",
            version_of("gulp"),
            setup=SETUP,
            node=OLD,
            node_modules=True,
        ),
        Case(
            "jso-jshint-cli",
            "jshint",
            "javascript",
            "lint",
            "npm run lint",
            {**LIB, "package.json": pkg(lint="jshint src/ && jscs src/")},
            first_of(r"^src/calc\.js: line 4, col \d+, Missing semicolon\."),
            "npm 6 runs jshint's default reporter: two findings, `2 errors`, npm's ELIFECYCLE block",
            "jshint --version",
            env=npm6_path(OLD),
            setup=SETUP,
            node=OLD,
            node_modules=True,
        ),
        Case(
            "jso-jscs",
            "jscs",
            "javascript",
            "lint",
            "jscs --preset=airbnb src/",
            LIB,
            first_of(r"^requireSemicolons: Missing semicolon after statement at src/calc\.js"),
            "jscs's default reporter: findings with code frames, then the count",
            "jscs --version",
            setup=SETUP,
            node=OLD,
            node_modules=True,
        ),
        Case(
            "jso-eslint4",
            "eslint",
            "javascript",
            "lint",
            "npm run lint",
            {
                **LIB,
                ".eslintrc.json": '{"root": true, "env": {"node": true}, "rules": {"semi": "error", "eqeqeq": "error", "no-console": "warn"}}\n',
                "package.json": pkg(lint="eslint src"),
            },
            section(r"src/calc\.js$", inside=[r"^\s+\d+:\d+\s+error\s"]),
            "npm 6 runs eslint 4 (stylish): a warning and errors in two files",
            "eslint --version",
            env=npm6_path(OLD),
            setup=SETUP,
            node=OLD,
            node_modules=True,
        ),
        Case(
            "jso-tslint5",
            "tslint",
            "javascript",
            "lint",
            "tslint -c tslint.json 'src/**/*.ts'",
            {
                "tslint.json": '{"extends": "tslint:recommended"}\n',
                "src/calc.ts": "export function add(a: number, b: number): number {\n    return a + b\n}\n\nexport var total = add(1, 2);\n",
                "src/util.ts": "export const greeting = 'hello';\n",
            },
            first_of(r"^ERROR: src/calc\.ts"),
            "tslint 5's prose formatter: findings in two files",
            "tslint --version",
            setup=SETUP,
            node=OLD,
            node_modules=True,
        ),
        Case(
            "jso-coffeelint",
            "coffeelint",
            "javascript",
            "lint",
            "coffeelint src/",
            {
                "src/app.coffee": 'greet = (name) ->\n  "hello #{name}"\n\nmodule.exports = greet\n',
                "src/util.coffee": 'square = (x) -> x * x\nlongline = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"\nfoo = ->\n\treturn 1\n',
            },
            section(r"^\s+✗ src/util\.coffee$", inside=[r"^\s+✗ #2: Line exceeds maximum allowed length"]),
            "coffeelint's default reporter: one file passes, one has three errors",
            "coffeelint --version",
            setup=SETUP,
            node=OLD,
            node_modules=True,
        ),
        Case(
            "jso-coffee-compile",
            "coffee",
            "javascript",
            "build",
            "coffee --version && coffee -c -o lib/ src/",
            {
                "src/calc.coffee": "class Calc\n  add: (a, b) ->\n    a + b\n\n  scale: (values, factor) ->\n      for v in values\n    v * factor\n",
                "src/util.coffee": "square = (x) -> x * x\n",
            },
            first_of(r"/src/calc\.coffee:6:\d+: error: unexpected indentation"),
            "CoffeeScript 1's compiler: an indentation error with its caret",
            "coffee --version",
            setup=SETUP,
            node=OLD,
            node_modules=True,
        ),
        Case(
            "jso-bower-offline",
            "bower",
            "javascript",
            "infrastructure",
            "bower install --allow-root --config.interactive=false",
            {
                ".bowerrc": '{"directory": "bower_components", "registry": "https://packages.example.invalid"}\n',
                "bower.json": '{"name": "acme", "dependencies": {"jquery": "~2.1.4", "bootstrap": "~3.3.7"}}\n',
            },
            first_of(r"^bower \S+\s+ENOTFOUND Request to"),
            "bower cannot reach its registry (no DNS): its first ENOTFOUND line",
            "bower --version",
            alt_categories=["dependency"],
            setup=SETUP,
            node=OLD,
            node_modules=True,
        ),
        Case(
            "jso-karma4-jasmine",
            "karma",
            "javascript",
            "test",
            "karma start karma.conf.js",
            {
                "karma.conf.js": KARMA_CONF.replace("FRAMEWORKS", "'jasmine'").replace("REPORTER", "progress"),
                "test/calc.spec.js": KARMA_JASMINE_SPEC,
            },
            section(r"HeadlessChrome .*Calc multiplies FAILED$", inside=[r"Expected 6 to equal 7\."]),
            "karma 4 with jasmine 2 in chromium headless: two failing specs among a console ERROR line",
            version_of("karma"),
            env={"CHROME_BIN": "/usr/bin/chromium"},
            setup=SETUP,
            node=KARMA4,
            node_modules=True,
        ),
        Case(
            "jso-karma4-mocha",
            "karma",
            "javascript",
            "test",
            "npm test",
            {
                "karma.conf.js": KARMA_CONF.replace("FRAMEWORKS", "'mocha', 'chai'").replace("REPORTER", "dots"),
                "test/cart.spec.js": KARMA_MOCHA_SPEC,
                "package.json": pkg(test="karma start karma.conf.js"),
            },
            section(r"HeadlessChrome .*cart adds an item FAILED$", inside=[r"AssertionError"]),
            "npm 6 runs karma 4 with mocha and chai (dots reporter): two failures",
            version_of("karma"),
            env={"CHROME_BIN": "/usr/bin/chromium", **npm6_path(KARMA4)},
            setup=SETUP,
            node=KARMA4,
            node_modules=True,
        ),
        Case(
            "jso-mocha5-hook",
            "mocha",
            "javascript",
            "test",
            "mocha --reporter spec",
            {
                "lib/calc.js": CALC_OK,
                "test/calc.test.js": MOCHA_TEST,
                "test/db.test.js": textwrap.dedent(
                    """\
                    var assert = require('assert');
                    describe('db', function () {
                      before(function () {
                        throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
                      });
                      it('reads', function () { assert.ok(true); });
                    });
                    """
                ),
            },
            first_of(
                r"^\s+1\) adds negative numbers$", r"^\s+1\) calc$", r"^\s+adds negative numbers:$", r"AssertionError"
            ),
            "mocha 5 over two files: two failures, then a failing `before all` hook",
            "mocha --version",
            setup=SETUP,
            node=OLD,
            node_modules=True,
        ),
        Case(
            "jso-jasmine2",
            "jasmine",
            "javascript",
            "test",
            "jasmine",
            {"lib/calc.js": CALC_OK, "spec/support/jasmine.json": JASMINE_JSON, "spec/lib/calcSpec.js": JASMINE_SPEC},
            section(r"^1\) calc adds wrong$", inside=[r"Expected 4 to equal 5\."]),
            "jasmine 2 standalone: two failures (a mismatch, a thrown error), `Message:` and `Stack:` blocks",
            version_of("jasmine"),
            setup=SETUP,
            node=OLD,
            node_modules=True,
        ),
        Case(
            "jso-tape4",
            "tape",
            "javascript",
            "test",
            "tape test/*.js",
            {"lib/calc.js": CALC_OK, "test/calc.js": TAPE_TEST},
            section(r"^not ok \d+ two plus two$", inside=[r"^\s+operator: equal"]),
            "tape 4: two failing assertions in two tests",
            version_of("tape"),
            setup=SETUP,
            node=OLD,
            node_modules=True,
        ),
        Case(
            "jso-nyc14-check-coverage",
            "nyc",
            "javascript",
            "test",
            "nyc --check-coverage --lines 90 --reporter=text mocha",
            {
                "lib/calc.js": CALC_OK
                + "function unused(x) {\n  if (x) {\n    return x * 2;\n  }\n  return 0;\n}\nmodule.exports.unused = unused;\n",
                "test/calc.test.js": "var assert = require('assert');\nvar calc = require('../lib/calc');\ndescribe('calc', function () {\n  it('adds', function () { assert.equal(calc.add(1, 2), 3); });\n});\n",
            },
            first_of(r"^ERROR: Coverage for lines"),
            "nyc 14's coverage gate after passing tests",
            "nyc --version",
            setup=SETUP,
            node=OLD,
            node_modules=True,
        ),
        Case(
            "jso-flow",
            "flow",
            "javascript",
            "build",
            "flow check",
            {
                ".flowconfig": "[ignore]\n.*/node_modules/.*\n\n[include]\n\n[libs]\n\n[options]\n",
                "src/total.js": FLOW_SRC,
            },
            section(r"^Error -+ src/total\.js:6:\d+$", inside=[r"Cannot assign"]),
            "flow 0.110: two type errors, `Found 2 errors`",
            "flow version",
            alt_categories=["lint"],
            setup=SETUP,
            node=OLD,
            node_modules=True,
        ),
        Case(
            "jso-webpack3",
            "webpack",
            "javascript",
            "build",
            "webpack --bail=false",
            {
                "webpack.config.js": WEBPACK3_CONF,
                "src/index.js": "var calc = require('./calc');\nvar fmt = require('./format');\nconsole.log(fmt(calc.add(1, 2)));\n",
                "src/calc.js": "module.exports = { add: function (a, b) { return a + b; } };\n",
            },
            section(r"^ERROR in \./src/index\.js$", inside=[r"^Module not found: Error: "]),
            "webpack 3: an unresolved relative require",
            "webpack --version",
            setup=SETUP,
            node=OLD,
            node_modules=True,
        ),
        Case(
            "jso-webpack1-bail",
            "webpack",
            "javascript",
            "build",
            "webpack --bail",
            {
                "webpack.config.js": "module.exports = { entry: './src/index.js', output: { path: __dirname + '/dist', filename: 'bundle.js' } };\n",
                "src/index.js": "var calc = require('./calc');\nvar fmt = require('./format');\nvar $ = require('jquery');\nconsole.log(fmt(calc.add(1, 2)));\n",
                "src/calc.js": "module.exports = { add: function (a, b) { return a + b; } };\n",
            },
            first_of(r"^ModuleNotFoundError: Module not found: Error: Cannot resolve 'file' or 'directory' \./format"),
            "webpack 1 with --bail: the first unresolved require thrown, its stack and resolver trace under it",
            version_of("webpack"),
            setup=SETUP,
            node=WEBPACK1,
            node_modules=True,
        ),
        Case(
            "jso-browserify-babel6",
            "babel",
            "javascript",
            "build",
            "npm run build",
            {
                "src/index.js": BABEL6_SRC,
                "src/calc.js": "export const add = (a, b) => a + b;\n",
                ".babelrc": '{"presets": ["es2015"]}\n',
                "package.json": pkg(build="browserify src/index.js -t babelify -o dist/bundle.js"),
            },
            first_of(r"SyntaxError: .*src/index\.js: Unexpected token"),
            "npm 6 runs browserify with babelify 8 (babel 6): a syntax error in a source file",
            "browserify --version",
            env=npm6_path(OLD),
            setup=SETUP,
            node=OLD,
            node_modules=True,
        ),
    ]


# --- a second round: npm 6's install noise, node-sass on a newer node, jasmine-node, istanbul, karma without a
# browser, eslint without its shared config, grunt without its plugin, yarn 1 and bower offline ---------------------

OLD2 = Path(os.environ.get("TOOLCHAIN_NODE_JSOLD2", "/tmp/tc/jsold/b"))
YARN = Path(os.environ.get("TOOLCHAIN_NODE_JS2", "/tmp/tc/node-js2"))
JASMINE_NODE_SPEC = textwrap.dedent(
    """\
    var calc = require('../lib/calc');

    describe('calc', function () {
      it('adds', function () {
        console.log('ERROR ignored: cache warm-up skipped');
        expect(calc.add(1, 2)).toBe(3);
      });
      it('adds wrong', function () {
        expect(calc.add(2, 2)).toEqual(5);
      });
      it('divides by zero', function () {
        expect(calc.div(1, 0)).toBe(Infinity);
      });
    });
    """
)
MOCHA3_TEST = "var assert = require('assert');\nvar calc = require('../lib/calc');\ndescribe('calc', function () {\n  it('adds', function () { assert.equal(calc.add(1, 2), 3); });\n  it('adds wrong', function () { assert.equal(calc.add(2, 2), 5); });\n});\n"


def js_legacy_cases_2() -> list[Case]:
    return [
        Case(
            "jso-npm6-install-then-mocha",
            "mocha",
            "javascript",
            "test",
            "npm install --no-audit && npm test",
            {
                "package.json": '{"name": "acme", "version": "1.0.0", "description": "acme", "license": "MIT", "scripts": {"test": "mocha --reporter dot"}, "devDependencies": {"mocha": "5.2.0", "gulp-util": "3.0.8"}}\n',
                "lib/calc.js": CALC_OK,
                "test/calc.test.js": MOCHA_TEST,
            },
            first_of(r"^\s+1\) calc$", r"^\s+adds negative numbers:$", r"AssertionError"),
            "npm 6 installs (its `No repository field` warning, the funding notice), then mocha 5's dot reporter with two failures",
            "npm --version",
            env=npm6_path(OLD2),
            setup=SETUP,
            neutral_hosts=True,
        ),
        Case(
            "jso-node-sass-node20",
            "node-gyp",
            "javascript",
            "dependency",
            "npm install --no-audit",
            {
                "package.json": '{"name": "acme", "version": "1.0.0", "private": true, "dependencies": {"node-sass": "4.14.1"}}\n'
            },
            first_of(r"^gyp ERR! stack Error: Can't find Python executable"),
            "npm 6 installs node-sass 4 on node 20: no prebuilt binding (the download fails), node-gyp 3 cannot build it",
            "npm --version",
            alt_categories=["build"],
            env=npm6_path(OLD2),
            setup=SETUP,
            neutral_hosts=True,
        ),
        Case(
            "jso-jasmine-node",
            "jasmine-node",
            "javascript",
            "test",
            "jasmine-node spec/",
            {"lib/calc.js": CALC_OK, "spec/calc.spec.js": JASMINE_NODE_SPEC},
            section(r"^\s+1\) calc adds wrong$", inside=[r"Expected 4 to equal 5\."]),
            "jasmine-node 1.16: two failures with `Message:` and `Stacktrace:` blocks, then its count",
            version_of("jasmine-node"),
            setup=SETUP,
            node=OLD2,
            node_modules=True,
        ),
        Case(
            "jso-istanbul-check-coverage",
            "istanbul",
            "javascript",
            "test",
            "istanbul cover _mocha -- -R dot && istanbul check-coverage --lines 90",
            {
                "lib/calc.js": CALC_OK
                + "function unused(x) {\n  if (x) {\n    return x * 2;\n  }\n  return 0;\n}\nmodule.exports.unused = unused;\n",
                "test/calc.test.js": "var assert = require('assert');\nvar calc = require('../lib/calc');\ndescribe('calc', function () {\n  it('adds', function () { assert.equal(calc.add(1, 2), 3); });\n});\n",
            },
            first_of(r"^ERROR: Coverage for lines"),
            "istanbul 0.4 cover then check-coverage: passing tests, the text summary, then the gate",
            "istanbul help 2>&1 | tail -1; node -p \"'istanbul ' + require('istanbul/package.json').version\" | tail -1",
            setup=SETUP,
            node=OLD2,
            node_modules=True,
        ),
        Case(
            "jso-mocha3-npm6",
            "mocha",
            "javascript",
            "test",
            "npm test",
            {"package.json": pkg(test="mocha"), "lib/calc.js": CALC_OK, "test/calc.test.js": MOCHA3_TEST},
            first_of(r"^\s+1\) adds wrong$", r"^\s+1\) calc adds wrong:$", r"AssertionError"),
            "npm 6 runs mocha 3's spec reporter: one failure, listed as `1) <suite> <test>:` on one line, then npm's block",
            version_of("mocha"),
            env=npm6_path(OLD2),
            setup=SETUP,
            node=OLD2,
            node_modules=True,
        ),
        Case(
            "jso-karma4-no-chrome",
            "karma",
            "javascript",
            "dependency",
            "karma start karma.conf.js",
            {
                "karma.conf.js": KARMA_CONF.replace("FRAMEWORKS", "'jasmine'").replace("REPORTER", "progress"),
                "test/calc.spec.js": KARMA_JASMINE_SPEC,
            },
            first_of(r"No binary for ChromeHeadless browser on your platform"),
            "karma 4 with no Chrome on the machine and CHROME_BIN unset",
            version_of("karma"),
            alt_categories=["config", "infrastructure"],
            env={"PATH": f"{KARMA4}/node_modules/.bin:{BASE_PATH}", "CHROME_BIN": ""},
            setup=SETUP,
            node=KARMA4,
            node_modules=True,
        ),
        Case(
            "jso-eslint4-missing-config",
            "eslint",
            "javascript",
            "dependency",
            "npm run lint",
            {
                **LIB,
                ".eslintrc.json": '{"root": true, "extends": "airbnb-base", "env": {"node": true}}\n',
                "package.json": pkg(lint="eslint src"),
            },
            first_of(
                r"^Cannot find module 'eslint-config-airbnb-base'",
                r"^Error: Cannot find module 'eslint-config-airbnb-base'",
            ),
            "eslint 4 extends a shared config that is not installed",
            "eslint --version",
            alt_categories=["config"],
            env=npm6_path(OLD),
            setup=SETUP,
            node=OLD,
            node_modules=True,
        ),
        Case(
            "jso-grunt-plugin-missing",
            "grunt",
            "javascript",
            "dependency",
            "grunt --no-color build",
            {
                "Gruntfile.js": "module.exports = function (grunt) {\n  grunt.initConfig({ uglify: { dist: { files: { 'dist/app.min.js': ['src/*.js'] } } } });\n  grunt.loadNpmTasks('grunt-contrib-uglify');\n  grunt.registerTask('build', ['uglify']);\n};\n",
                **LIB,
            },
            first_of(r'^>> Local Npm module "grunt-contrib-uglify" not found'),
            "grunt loads a plugin that is not installed, then cannot find its task",
            version_of("grunt"),
            alt_categories=["config"],
            setup=SETUP,
            node=OLD,
            node_modules=True,
        ),
        Case(
            "jso-bower-npm-postinstall",
            "bower",
            "javascript",
            "infrastructure",
            "npm install --no-audit --unsafe-perm",
            {
                ".bowerrc": '{"directory": "vendor", "registry": "http://127.0.0.1:9"}\n',
                "bower.json": '{"name": "acme", "dependencies": {"angular": "~1.5.8"}}\n',
                "package.json": pkg(postinstall="bower install --allow-root"),
            },
            first_of(r"^bower \S+\s+ECONNREFUSED Request to"),
            "npm 6 runs `bower install` as postinstall; the bower registry refuses the connection",
            "bower --version",
            alt_categories=["dependency"],
            env=npm6_path(OLD),
            setup=SETUP,
            node=OLD,
        ),
        Case(
            "jso-yarn1-offline",
            "yarn",
            "javascript",
            "infrastructure",
            "yarn install --non-interactive --network-timeout 5000",
            {
                "package.json": '{"name": "acme", "version": "1.0.0", "private": true, "dependencies": {"left-pad": "1.3.0"}}\n',
                ".yarnrc": 'registry "http://127.0.0.1:9/"\n',
            },
            first_of(r"^error Error: connect ECONNREFUSED"),
            "yarn 1 with its registry unreachable: `error Error: connect ECONNREFUSED` and its stack",
            "yarn --version",
            alt_categories=["dependency"],
            setup=SETUP,
            node=YARN,
            neutral_hosts=True,
        ),
    ]


# --- a third round: browserify without babel, the babel 6 CLI, eslint 2, eslint 5 without a plugin its shared
# config needs (npm 6's peer warnings above), node-tap 12 --------------------------------------------------------

OLD3 = Path(os.environ.get("TOOLCHAIN_NODE_JSOLD3", "/tmp/tc/jsold/c"))
TAP_TEST = textwrap.dedent(
    """\
    var t = require('tap');
    var calc = require('../lib/calc');

    t.test('add', function (t) {
      t.equal(calc.add(1, 2), 3, 'one plus two');
      t.equal(calc.add(2, 2), 5, 'two plus two');
      t.end();
    });

    t.test('div', function (t) {
      t.throws(function () { calc.div(1, 0); }, /zero/, 'refuses zero');
      t.same({ q: calc.div(6, 3) }, { q: 3 }, 'six by three');
      t.end();
    });
    """
)


def js_legacy_cases_3() -> list[Case]:
    return [
        Case(
            "jso-browserify-missing",
            "browserify",
            "javascript",
            "build",
            "mkdir -p dist && browserify src/index.js -o dist/bundle.js",
            {
                "src/index.js": "var calc = require('./calc');\nvar fmt = require('./format');\nconsole.log(fmt(calc.add(1, 2)));\n",
                "src/calc.js": "module.exports = { add: function (a, b) { return a + b; } };\n",
            },
            first_of(r"^Error: Can't walk dependency graph: Cannot find module '\./format' from"),
            "browserify 16: a relative require that no file answers",
            "browserify --version",
            setup=SETUP,
            node=OLD,
            node_modules=True,
        ),
        Case(
            "jso-babel6-cli",
            "babel",
            "javascript",
            "build",
            "babel src -d lib",
            {
                "src/calc.js": "export const add = (a, b) => a + b;\n",
                "src/index.js": BABEL6_SRC,
                "src/util.js": "export const twice = (x) => x * 2;\n",
                ".babelrc": '{"presets": ["es2015"]}\n',
            },
            first_of(r"^SyntaxError: src/index\.js: Unexpected token"),
            "babel-cli 6 compiles a directory: one file compiles, the next has a syntax error",
            "babel --version",
            setup=SETUP,
            node=OLD3,
            node_modules=True,
        ),
        Case(
            "jso-eslint2",
            "eslint",
            "javascript",
            "lint",
            "eslint src test",
            {
                **LIB,
                "test/calc.test.js": "var calc = require('../src/calc');\ndescribe('calc', function () {\n  it('adds', function () {\n    console.log(calc.add(1, 2));\n  });\n});\n",
                ".eslintrc": '{"root": true, "env": {"node": true, "mocha": true}, "rules": {"semi": 2, "eqeqeq": 2, "no-console": 1}}\n',
            },
            section(r"src/calc\.js$", inside=[r"^\s+\d+:\d+\s+error\s"]),
            "eslint 2 stylish: errors in two files, a warning in a third",
            "eslint --version",
            setup=SETUP,
            node=OLD3,
            node_modules=True,
        ),
        Case(
            "jso-eslint5-plugin-missing",
            "eslint",
            "javascript",
            "dependency",
            "npm install --no-audit && npm run lint",
            {
                **LIB,
                ".eslintrc.json": '{"root": true, "extends": "airbnb-base", "env": {"node": true}}\n',
                "package.json": '{"name": "acme", "version": "1.0.0", "description": "acme", "license": "MIT", "repository": "acme/acme", "scripts": {"lint": "eslint src"}, "devDependencies": {"eslint": "5.16.0", "eslint-config-airbnb-base": "13.2.0"}}\n',
            },
            first_of(r"^ESLint couldn't find the plugin \"eslint-plugin-import\""),
            "npm 6 warns of an unmet peer dependency; eslint 5 then cannot load the plugin the shared config names",
            "npm --version",
            alt_categories=["config"],
            env=npm6_path(OLD3),
            setup=SETUP,
            neutral_hosts=True,
        ),
        Case(
            "jso-tap12",
            "tap",
            "javascript",
            "test",
            "tap --no-coverage --reporter=tap test/*.js",
            {"lib/calc.js": CALC_OK, "test/calc.js": TAP_TEST},
            section(r"^\s+not ok \d+ - two plus two$", inside=[r"^\s+found: 4$|^\s+wanted: 5$"]),
            "node-tap 12 (TAP reporter): a failing assertion in a subtest, then a second",
            version_of("tap"),
            setup=SETUP,
            node=OLD3,
            node_modules=True,
        ),
    ]


# --- a fourth round: npm 6's own install errors (a version that does not exist, no package.json, an engine the
# project refuses, a lock file whose checksum does not match) -------------------------------------------------------

NPM6_LEFT_PAD_LOCK = (
    '{\n  "name": "acme",\n  "version": "1.0.0",\n  "lockfileVersion": 1,\n  "requires": true,\n  "dependencies": {\n'
    '    "left-pad": {\n      "version": "1.3.0",\n'
    '      "resolved": "https://packages.example.com/left-pad/-/left-pad-1.3.0.tgz",\n'
    '      "integrity": "sha512-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=="\n'
    "    }\n  }\n}\n"
)


def npm6_pkg(deps: str = "", extra: str = "") -> str:
    parts = [
        '"name": "acme"',
        '"version": "1.0.0"',
        '"description": "acme"',
        '"license": "MIT"',
        '"repository": "acme/acme"',
    ]
    parts.append('"scripts": {"test": "mocha"}')
    if deps:
        parts.append(f'"dependencies": {{{deps}}}')
    if extra:
        parts.append(extra)
    return "{" + ", ".join(parts) + "}\n"


def js_legacy_cases_4() -> list[Case]:
    return [
        Case(
            "jso-npm6-etarget",
            "npm",
            "javascript",
            "dependency",
            "npm install --no-audit",
            {"package.json": npm6_pkg('"left-pad": "^9.0.0", "is-number": "7.0.0"')},
            first_of(r"^npm ERR! code ETARGET", r"^npm ERR! notarget No matching version found for left-pad@\^9\.0\.0"),
            "npm 6: a dependency range no published version satisfies",
            "npm --version",
            env=npm6_path(OLD2),
            setup=SETUP,
            neutral_hosts=True,
        ),
        Case(
            "jso-npm6-no-package-json",
            "npm",
            "javascript",
            "config",
            "npm test",
            {"lib/calc.js": CALC_OK},
            first_of(
                r"^npm ERR! code ENOENT", r"^npm ERR! enoent ENOENT: no such file or directory, open '.*package\.json'"
            ),
            "npm 6 runs `npm test` where there is no package.json",
            "npm --version",
            env=npm6_path(OLD2),
            setup=SETUP,
        ),
        Case(
            "jso-npm6-engine-strict",
            "npm",
            "javascript",
            "config",
            "npm install --no-audit",
            {
                "package.json": npm6_pkg('"is-number": "7.0.0"', '"engines": {"node": "^8.9.0", "npm": "^5.6.0"}'),
                ".npmrc": "engine-strict=true\n",
            },
            first_of(r"^npm ERR! code ENOTSUP", r"^npm ERR! notsup Unsupported engine for acme@1\.0\.0"),
            "npm 6 with engine-strict: the project wants node 8, the job runs node 20",
            "npm --version",
            alt_categories=["dependency"],
            env=npm6_path(OLD2),
            setup=SETUP,
            neutral_hosts=True,
        ),
        Case(
            "jso-npm6-eintegrity",
            "npm",
            "javascript",
            "dependency",
            "npm ci",
            {"package.json": npm6_pkg('"left-pad": "1.3.0"'), "package-lock.json": NPM6_LEFT_PAD_LOCK},
            first_of(r"^npm ERR! code EINTEGRITY", r"^npm ERR! sha512-.* integrity checksum failed"),
            "npm 6 ci: the lock file's integrity for a package does not match the tarball",
            "npm --version",
            alt_categories=["infrastructure"],
            env=npm6_path(OLD2),
            setup=SETUP,
            neutral_hosts=True,
        ),
    ]


# --- a fifth round: karma 4's browser errors (a spec that never yields until karma gives up on the browser; a spec
# file that does not parse) ---------------------------------------------------------------------------------------

KARMA_CONF_TIMEOUT = KARMA_CONF.replace("'jasmine'", "FRAMEWORKS").replace(
    "        singleRun: true\n", "        browserNoActivityTimeout: 3000,\n        singleRun: true\n"
)


def js_legacy_cases_5() -> list[Case]:
    return [
        Case(
            "jso-karma4-disconnected",
            "karma",
            "javascript",
            "timeout",
            "karma start karma.conf.js",
            {
                "karma.conf.js": KARMA_CONF_TIMEOUT.replace("FRAMEWORKS", "'jasmine'").replace("REPORTER", "progress"),
                "test/calc.spec.js": "describe('calc', function () {\n  it('adds', function () {\n    console.warn('WARN: deprecated option, ignoring');\n    expect(1 + 2).toBe(3);\n  });\n});\n",
                "test/poll.spec.js": "describe('poll', function () {\n  it('settles', function () { expect(1).toBe(1); });\n  it('spins', function () { var t = Date.now(); while (Date.now() - t < 60000) {} });\n});\n",
            },
            first_of(
                r"WARN \[HeadlessChrome.*\]: Disconnected",
                r"HeadlessChrome \S+ \(Linux [\d.]+\) ERROR$",
                r"^\s+Disconnected",
            ),
            "karma 4: a spec busy-waits until karma drops the browser (no message in browserNoActivityTimeout, or the socket's ping timeout first: which one varies from run to run)",
            version_of("karma"),
            alt_categories=["test"],
            env={"CHROME_BIN": "/usr/bin/chromium"},
            setup=SETUP,
            node=KARMA4,
            node_modules=True,
        ),
        Case(
            "jso-karma4-spec-syntax",
            "karma",
            "javascript",
            "test",
            "karma start karma.conf.js",
            {
                "karma.conf.js": KARMA_CONF.replace("FRAMEWORKS", "'jasmine'").replace("REPORTER", "progress"),
                "test/calc.spec.js": "describe('calc', function () {\n  it('adds', function () { expect(1 + 1).toBe(2) ;\n});\n",
                "test/util.spec.js": "describe('util', function () {\n  it('trims', function () { expect(' a '.trim()).toBe('a'); });\n});\n",
            },
            first_of(
                r"HeadlessChrome \S+ \(Linux [\d.]+\) ERROR$",
                r"^\s+An error was thrown in afterAll",
                r"^\s+SyntaxError: ",
            ),
            "karma 4: a spec file that does not parse; jasmine reports it after the passing spec",
            version_of("karma"),
            alt_categories=["build"],
            env={"CHROME_BIN": "/usr/bin/chromium"},
            setup=SETUP,
            node=KARMA4,
            node_modules=True,
        ),
    ]
