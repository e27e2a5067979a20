# ruff: noqa: E501  (the tiny projects' files are written inline, one string each)
"""Toolchain development set, part js3: JavaScript/TypeScript failures inside the noise that makes an analyzer
pick the wrong line (Karma on Debian's headless chromium, jest's console blocks and open-handle warnings, mocha's
several failures and reporters, vitest over several files, monorepo runners that prefix each line, node-gyp,
eslint's formatters, tsc project references, bundler warnings).

The cases reuse make_logs.py's ``Case``, labellers and wrapping; make_logs.py adds them to its list. jest, mocha,
vitest and eslint come from ``TOOLCHAIN_NODE`` (default /tmp/tc/node); Karma, lerna, turbo, TypeScript 5, webpack
and node-gyp from an npm project of their own (``TOOLCHAIN_NODE_JS3``, default /tmp/tc/node-js3); pnpm from
``TOOLCHAIN_NODE_JS2``. Karma drives Debian's chromium (``CHROME_BIN``, default /usr/bin/chromium). See README.md.
The culprit lines are found from what each case knows (the first failing test's name, the file holding the first
error), by the conventions of bench/validation/README.md, never by running the analyzer.
"""

from __future__ import annotations

import os
from pathlib import Path

from make_logs import Case, Labeller, find, first_of, section

NODE3 = Path(os.environ.get("TOOLCHAIN_NODE_JS3", "/tmp/tc/node-js3"))
NODE2 = Path(os.environ.get("TOOLCHAIN_NODE_JS2", "/tmp/tc/node-js2"))
CHROME = os.environ.get("CHROME_BIN", "/usr/bin/chromium")
SETUP = "actions/setup-node@v4"
PKG = '{"name": "acme", "version": "1.0.0", "private": true}\n'


def pkg(name: str = "acme", **scripts: str) -> str:
    body = ", ".join(f'"{k}": "{v}"' for k, v in scripts.items())
    return f'{{"name": "{name}", "version": "1.0.0", "private": true, "scripts": {{{body}}}}}\n'


def jest_file_failure(path: str, test: str, message: str, prefix: str = "") -> Labeller:
    """jest: the `FAIL <path>` line, its first `●` test and the first line of that test's message; ``prefix`` is
    what a workspace runner puts before each line."""
    return section(
        rf"^{prefix}\s*FAIL\s+\S*{path}",
        inside=[rf"^{prefix}\s+● {test}$", rf"^{prefix}\s+{message}"],
    )


def jest_first_failing_test(lines: list[str]) -> list[int]:
    """jest over several files: the first `FAIL <file>` printed (files run in an order jest chooses), its first
    failing test's `●` line (not the `● Console` heading of the file's console output) and its message's first line."""
    top = find(lines, r"^FAIL \S+")
    if top is None:
        raise LookupError("no FAIL line")
    test = find(lines, r"^\s+● (?!Console$)\S", top + 1)
    if test is None:
        raise LookupError("no failing test under FAIL")
    message = find(lines, r"\S", test + 1)
    return sorted({top, test, *([message] if message is not None else [])})


# --- jest ---------------------------------------------------------------------------------------------------

LOGGER = """function stamp() {
  return '2026-11-29T10:00:00.000Z';
}
function error(message, err) {
  console.error(`[${stamp()}] ERROR ${message}`, err);
}
function warn(message) {
  console.warn(`[${stamp()}] WARN ${message}`);
}
module.exports = { error, warn };
"""

CART = """const log = require('./logger');
function total(items) {
  return items.reduce((sum, item) => sum + item.price * item.qty, 0);
}
function checkout(items, gateway) {
  try {
    return gateway.charge(total(items));
  } catch (err) {
    log.error('payment gateway refused the charge', err);
    return null;
  }
}
function discount(amount, percent) {
  if (percent > 50) {
    log.warn(`discount of ${percent}% looks wrong, capped at 50%`);
    percent = 50;
  }
  return Math.round(amount * (100 - percent)) / 100;
}
module.exports = { total, checkout, discount };
"""

# A passing test whose code logs an error with a stack, a React-style act() warning printed by a passing test, and
# two failing tests: the first failure is `cart › applies the discount`.
CART_TEST = """const { total, checkout, discount } = require('./cart');

function warnLikeReact(component) {
  console.error(
    'Warning: An update to %s inside a test was not wrapped in act(...).\\n\\nWhen testing, code that causes React state updates should be wrapped into act(...):\\n\\nact(() => {\\n  /* fire events that update state */\\n});',
    component,
  );
}

describe('cart', () => {
  test('sums the items', () => {
    expect(total([{ price: 2, qty: 3 }, { price: 1, qty: 1 }])).toBe(7);
  });
  test('survives a refused charge', () => {
    const gateway = { charge() { throw new Error('ECONNREFUSED 127.0.0.1:4242'); } };
    expect(checkout([{ price: 1, qty: 1 }], gateway)).toBeNull();
  });
  test('renders the badge', () => {
    warnLikeReact('CartBadge');
    expect(true).toBe(true);
  });
  test('applies the discount', () => {
    expect(discount(200, 10)).toBe(18000);
  });
  test('caps the discount', () => {
    warnLikeReact('DiscountField');
    expect(discount(100, 80)).toBe(20);
  });
});
"""

PRICES_TEST = """const log = require('./logger');
describe('prices', () => {
  test('formats', () => {
    log.warn('currency table is stale, using the cached one');
    expect((12.5).toFixed(2)).toBe('12.50');
  });
  test('parses', () => {
    log.error('error: could not parse "12,50", retrying with a comma', new TypeError('bad number'));
    expect(Number('12.50')).toBe(12.5);
  });
});
"""

SNAPSHOT_CARD = """function card(user) {
  return { type: 'div', className: 'card', children: [user.name, user.email, user.role || 'member'] };
}
module.exports = { card };
"""

SNAPSHOT_TEST = """const { card } = require('./card');
describe('card', () => {
  test('renders a user', () => {
    expect(card({ name: 'Ada', email: 'ada@example.com' })).toMatchSnapshot();
  });
  test('renders an admin', () => {
    expect(card({ name: 'Bob', email: 'bob@example.com', role: 'admin' })).toMatchSnapshot();
  });
});
"""

# The snapshot file as an older card() wrote it (no role), with a snapshot of a test that no longer exists.
SNAPSHOT_FILE = """// Jest Snapshot v1, https://jestjs.io/docs/snapshot-testing

exports[`card renders a user 1`] = `
{
  "children": [
    "Ada",
    "ada@example.com",
  ],
  "className": "card",
  "type": "div",
}
`;

exports[`card renders an admin 1`] = `
{
  "children": [
    "Bob",
    "bob@example.com",
    "admin",
  ],
  "className": "card",
  "type": "div",
}
`;

exports[`card renders a guest 1`] = `
{
  "children": [
    "Guest",
  ],
  "className": "card",
  "type": "div",
}
`;
"""

OPEN_HANDLE_TEST = """const { total } = require('./cart');
describe('poller', () => {
  test('polls the queue', () => {
    setTimeout(() => {}, 2500);
    expect(total([{ price: 3, qty: 1 }])).toBe(4);
  });
  test('stops polling', () => {
    expect(total([])).toBe(0);
  });
});
"""

TIMEOUT_BESIDE = """const { total } = require('./cart');
describe('orders', () => {
  test('totals an order', () => {
    expect(total([{ price: 5, qty: 2 }])).toEqual(12);
  });
  test('loads the order history', (done) => {
    setTimeout(() => done(), 10000);
  }, 300);
});
"""


def jest_cases() -> list[Case]:
    version = "npx jest --version"
    common = {"package.json": PKG, "logger.js": LOGGER, "cart.js": CART}
    return [
        Case(
            "js3-jest-console-noise",
            "jest",
            "javascript",
            "test",
            "npx jest --ci --runInBand",
            {**common, "cart.test.js": CART_TEST, "prices.test.js": PRICES_TEST},
            jest_file_failure(r"cart\.test\.js", r"cart › applies the discount", r"expect\(received\)"),
            "jest: passing tests print console.error blocks (an app logger with a stack, React act() warnings), then two tests fail",
            version,
            setup=SETUP,
            node_modules=True,
        ),
        Case(
            "js3-jest-snapshot-obsolete",
            "jest",
            "javascript",
            "test",
            "npx jest --ci",
            {
                "package.json": PKG,
                "card.js": SNAPSHOT_CARD,
                "card.test.js": SNAPSHOT_TEST.replace("role: 'admin'", "role: 'owner'"),
                "__snapshots__/card.test.js.snap": SNAPSHOT_FILE,
            },
            jest_file_failure(r"card\.test\.js", r"card › renders a user", r"expect\(received\)\.toMatchSnapshot\(\)"),
            "jest --ci: two snapshots no longer match and one is obsolete",
            version,
            setup=SETUP,
            node_modules=True,
        ),
        Case(
            "js3-jest-open-handle",
            "jest",
            "javascript",
            "test",
            "npx jest --ci --detectOpenHandles",
            {**common, "poller.test.js": OPEN_HANDLE_TEST},
            jest_file_failure(r"poller\.test\.js", r"poller › polls the queue", r"expect\(received\)"),
            "jest --detectOpenHandles: a test fails, then jest lists the timer it left open",
            version,
            setup=SETUP,
            node_modules=True,
        ),
        Case(
            "js3-jest-did-not-exit",
            "jest",
            "javascript",
            "test",
            "npx jest --ci",
            {**common, "poller.test.js": OPEN_HANDLE_TEST},
            jest_file_failure(r"poller\.test\.js", r"poller › polls the queue", r"expect\(received\)"),
            "jest: a test fails and leaves a timer, jest says it did not exit one second after the run",
            version,
            setup=SETUP,
            node_modules=True,
        ),
        Case(
            "js3-jest-fail-then-timeout",
            "jest",
            "javascript",
            "test",
            "npx jest --ci",
            {**common, "orders.test.js": TIMEOUT_BESIDE},
            jest_file_failure(r"orders\.test\.js", r"orders › totals an order", r"expect\(received\)"),
            "jest: an assertion fails, then the next test in the file exceeds its timeout",
            version,
            alt_categories=["timeout"],
            setup=SETUP,
            node_modules=True,
        ),
        Case(
            "js3-jest-coverage-console",
            "jest",
            "javascript",
            "test",
            "npx jest --ci --coverage",
            {
                "package.json": '{"name": "acme", "version": "1.0.0", "private": true, "jest": {"coverageThreshold": {"global": {"lines": 95, "functions": 95}}}}\n',
                "logger.js": LOGGER,
                "cart.js": CART,
                "prices.test.js": PRICES_TEST,
                "cart.test.js": "const { total } = require('./cart');\ntest('sums', () => {\n  expect(total([{ price: 1, qty: 2 }])).toBe(2);\n});\n",
            },
            first_of(r"^Jest: Coverage for lines \("),
            "jest --coverage: tests pass while logging ERROR lines, the lines and functions thresholds are not met",
            version,
            setup=SETUP,
            node_modules=True,
        ),
    ]


# --- mocha and vitest -------------------------------------------------------------------------------------------

MOCHA_API = """const assert = require('assert');

function fetchUser(id) {
  return new Promise((resolve, reject) => {
    setTimeout(() => (id > 0 ? resolve({ id, name: 'ada' }) : reject(new Error(`user ${id} not found`))), 5);
  });
}

describe('users', function () {
  it('logs a refused connection and goes on', function () {
    console.error('Error: connect ECONNREFUSED 127.0.0.1:5432 (retrying in 1s)');
    assert.ok(true);
  });
  it('fetches a user', async function () {
    const user = await fetchUser(1);
    assert.strictEqual(user.name, 'grace');
  });
  it('rejects an unknown user', async function () {
    await fetchUser(-1);
  });
  describe('cache', function () {
    it('keeps a user', function () {
      assert.deepStrictEqual({ id: 1, tags: ['a'] }, { id: 1, tags: ['a', 'b'] });
    });
  });
});
"""

MOCHA_STRAY = """describe('jobs', function () {
  it('schedules a job', function () {
    setTimeout(() => {
      throw new Error('queue is closed');
    }, 1);
  });
  it('counts jobs', async function () {
    await new Promise((resolve) => setTimeout(resolve, 30));
  });
});
"""

MOCHA_HOOK = """const assert = require('assert');
describe('orders', function () {
  let db;
  beforeEach(function () {
    if (!process.env.ORDERS_DB) throw new Error('ORDERS_DB is not set');
    db = process.env.ORDERS_DB;
  });
  it('lists orders', function () {
    assert.ok(db);
  });
  it('creates an order', function () {
    assert.ok(db);
  });
});
describe('prices', function () {
  it('rounds', function () {
    assert.strictEqual(Math.round(2.5), 3);
  });
  it('formats', function () {
    assert.strictEqual((3).toFixed(2), '3.0');
  });
});
"""


def mocha_failure(test: str, suite: str) -> Labeller:
    """mocha's spec reporter: the first failure in the progress listing (`1) <test>`), its `  1) <suite>` line in
    the `N failing` list, its title line and its error line."""

    def label(lines: list[str]) -> list[int]:
        listing = find(lines, rf"^\s+1\) {test}$")
        header = find(lines, rf"^  1\) {suite}", (listing or 0) + 1)
        if listing is None or header is None:
            raise LookupError("no first failure")
        found = [listing, header]
        title = find(lines, rf"^\s+{test}:$", header)
        if title is not None:
            found.append(title)
        error = find(lines, r"^\s+(?:\w*Error|Uncaught)\b", header + 1)
        if error is not None:
            found.append(error)
        return sorted(found)

    return label


VITEST_FILES = {
    "package.json": '{"name": "acme", "version": "1.0.0", "private": true, "type": "module"}\n',
    "src/money.js": "export const cents = (x) => Math.round(x * 100);\nexport const euros = (c) => c / 100;\n",
    "src/money.test.js": "import { describe, test, expect } from 'vitest';\nimport { cents, euros } from './money.js';\ndescribe('money', () => {\n  test('cents', () => {\n    console.error('ERROR rate service unavailable, using the fallback rate');\n    expect(cents(1.5)).toBe(150);\n  });\n  test('euros', () => {\n    expect(euros(250)).toBe(2.5);\n  });\n});\n",
    "src/basket.test.js": "import { describe, test, expect } from 'vitest';\nimport { cents } from './money.js';\ndescribe('basket', () => {\n  test('adds items', () => {\n    expect(cents(0.1) + cents(0.2)).toBe(31);\n  });\n  test('empties', () => {\n    expect([]).toHaveLength(0);\n  });\n});\n",
    "src/tax.test.js": "import { describe, test, expect } from 'vitest';\nimport { cents } from './money.js';\ndescribe('tax', () => {\n  test('applies VAT', () => {\n    console.warn('warning: VAT table is from 2025');\n    expect(cents(1.19)).toEqual(120);\n  });\n});\n",
}


def mocha_vitest_cases() -> list[Case]:
    mocha = "npx mocha --version"
    return [
        Case(
            "js3-mocha-rejections",
            "mocha",
            "javascript",
            "test",
            "npx mocha",
            {"package.json": PKG, "test/users.test.js": MOCHA_API},
            mocha_failure("fetches a user", "users"),
            "mocha: a passing test prints an Error line, then three failures (an assertion, a rejected promise, a deep-equal diff)",
            mocha,
            setup=SETUP,
            node_modules=True,
        ),
        Case(
            "js3-mocha-uncaught",
            "mocha",
            "javascript",
            "test",
            "npx mocha --reporter dot",
            {"package.json": PKG, "test/jobs.test.js": MOCHA_STRAY, "test/users.test.js": MOCHA_API},
            section(r"^  1\) jobs", inside=[r"^\s+schedules a job:$", r"^\s+Uncaught Error: queue is closed"]),
            "mocha --reporter dot: a test leaves a timer that throws, mocha reports it as an uncaught error and stops",
            mocha,
            setup=SETUP,
            node_modules=True,
        ),
        Case(
            "js3-mocha-bail-hook",
            "mocha",
            "javascript",
            "test",
            "npx mocha --bail",
            {"package.json": PKG, "test/orders.test.js": MOCHA_HOOK},
            section(
                r"^  1\) orders",
                inside=[r'^\s+"before each" hook for "lists orders":$', r"^\s+Error: ORDERS_DB is not set"],
                anywhere=[r'^\s+1\) "before each" hook for "lists orders"$'],
            ),
            "mocha --bail: a beforeEach hook throws, mocha stops",
            mocha,
            setup=SETUP,
            node_modules=True,
        ),
        Case(
            "js3-mocha-tap",
            "mocha",
            "javascript",
            "test",
            "npx mocha --reporter tap",
            {"package.json": PKG, "test/users.test.js": MOCHA_API},
            section(r"^not ok \d+ users fetches a user$", inside=[r"^\s+\S", r"^\s+AssertionError\b"]),
            "mocha --reporter tap: three failures among passing tests",
            mocha,
            setup=SETUP,
            node_modules=True,
        ),
        Case(
            "js3-vitest-files",
            "vitest",
            "javascript",
            "test",
            "npx vitest run",
            VITEST_FILES,
            first_of(
                r"^\s+× adds items",
                r"FAIL +src/basket\.test\.js > basket > adds items",
                r"AssertionError: expected 30 to be 31",
            ),
            "vitest over three files: passing tests print to stderr, two files fail",
            "npx vitest --version",
            setup=SETUP,
            node_modules=True,
        ),
    ]


# --- Karma on Debian's headless chromium --------------------------------------------------------------------------


def karma_conf(framework: str, reporter: str) -> str:
    client = "{ jasmine: { random: false } }" if framework == "jasmine" else "{ mocha: { timeout: 2000 } }"
    return f"""module.exports = function (config) {{
  config.set({{
    frameworks: ['{framework}'],
    files: ['src/*.js', 'spec/*.spec.js'],
    browsers: ['ChromeHeadlessCI'],
    customLaunchers: {{
      ChromeHeadlessCI: {{ base: 'ChromeHeadless', flags: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] }},
    }},
    reporters: ['{reporter}'],
    client: {client},
    singleRun: true,
  }});
}};
"""


KARMA_SRC = """window.money = {
  add: function (a, b) { return a + b; },
  split: function (total, parts) {
    if (parts === 0) {
      console.error('ERROR split requested with zero parts');
      return [];
    }
    return new Array(parts).fill(Math.floor(total / parts));
  },
  percent: function (a, b) { return Math.round((a / b) * 100); },
  format: function (cents) {
    console.warn('WARN format() is deprecated, use Intl.NumberFormat');
    return (cents / 100).toFixed(2);
  },
};
"""

KARMA_JASMINE_SPEC = """describe('money', function () {
  it('adds', function () { expect(money.add(1, 2)).toBe(3); });
  it('splits a bill', function () { expect(money.split(100, 3)).toEqual([34, 33, 33]); });
  it('refuses zero parts', function () { expect(money.split(1, 0)).toEqual([]); });
  it('formats cents', function () { expect(money.format(1234)).toBe('12.34'); });
  for (var i = 0; i < 60; i++) {
    (function (n) { it('adds ' + n, function () { expect(money.add(n, 1)).toBe(n + 1); }); })(i);
  }
  it('computes a percentage', function () { expect(money.percent(1, 3)).toBe(34); });
});
"""

KARMA_MOCHA_SPEC = """function equal(actual, expected) {
  if (actual !== expected) throw new Error('expected ' + JSON.stringify(actual) + ' to equal ' + JSON.stringify(expected));
}
describe('money', function () {
  it('adds', function () { equal(money.add(1, 2), 3); });
  it('splits a bill', function () { equal(money.split(100, 3).join(','), '34,33,33'); });
  it('refuses zero parts', function () { equal(money.split(1, 0).length, 0); });
  it('formats cents', function () { equal(money.format(1234), '12.34'); });
  for (var i = 0; i < 30; i++) {
    (function (n) { it('adds ' + n, function () { equal(money.add(n, 1), n + 1); }); })(i);
  }
  it('computes a percentage', function () { equal(money.percent(1, 3), 34); });
});
"""


def karma_failed(spec: str) -> Labeller:
    """Karma's progress and dots reporters: the first `<browser> <suite> <spec> FAILED` line and the message under
    it (tab-indented)."""

    def label(lines: list[str]) -> list[int]:
        top = find(lines, rf"\) {spec} FAILED$")
        if top is None:
            raise LookupError(f"no FAILED line for {spec}")
        return [top, top + 1]

    return label


def karma_mocha_reporter(spec: str) -> Labeller:
    """karma-mocha-reporter: the first `✖ <spec>` in the listing, its line under `FAILED TESTS:` and the error
    under that."""

    def label(lines: list[str]) -> list[int]:
        first = find(lines, rf"^\s+✖ {spec}$")
        failed = find(lines, r"^FAILED TESTS:")
        if first is None or failed is None:
            raise LookupError("no ✖ line or FAILED TESTS")
        again = find(lines, rf"^\s+✖ {spec}$", failed)
        error = find(lines, r"^\s+Error: ", failed)
        return sorted({first, *(i for i in (again, error) if i is not None)})

    return label


def karma_cases() -> list[Case]:
    version = "npx karma --version"
    env = {"CHROME_BIN": CHROME}
    jasmine = {
        "package.json": pkg(test="karma start karma.conf.js"),
        "src/money.js": KARMA_SRC,
        "spec/money.spec.js": KARMA_JASMINE_SPEC,
    }
    mocha = {**jasmine, "spec/money.spec.js": KARMA_MOCHA_SPEC}
    return [
        Case(
            "js3-karma-jasmine-progress",
            "karma",
            "javascript",
            "test",
            "npx karma start karma.conf.js",
            {**jasmine, "karma.conf.js": karma_conf("jasmine", "progress")},
            karma_failed("money splits a bill"),
            "Karma, jasmine, headless chromium, progress reporter: the browser's console.error/warn lines and two failing specs among 65, the counts far below",
            version,
            setup=SETUP,
            node_modules=True,
            node=NODE3,
            env=env,
        ),
        Case(
            "js3-karma-jasmine-dots",
            "karma",
            "javascript",
            "test",
            "npm test",
            {**jasmine, "karma.conf.js": karma_conf("jasmine", "dots")},
            karma_failed("money splits a bill"),
            "Karma, jasmine, headless chromium, dots reporter under npm test: two failing specs, npm's lines below",
            version,
            setup=SETUP,
            node_modules=True,
            node=NODE3,
            env=env,
        ),
        Case(
            "js3-karma-mocha",
            "karma",
            "javascript",
            "test",
            "npx karma start karma.conf.js",
            {**mocha, "karma.conf.js": karma_conf("mocha", "mocha")},
            karma_mocha_reporter("splits a bill"),
            "Karma, mocha, headless chromium, karma-mocha-reporter: two failing tests, its summary and FAILED TESTS list below",
            version,
            setup=SETUP,
            node_modules=True,
            node=NODE3,
            env=env,
        ),
    ]


# --- monorepo runners: npm workspaces, pnpm -r, lerna, turbo -------------------------------------------------------

API_SRC = """function route(path) {
  const parts = path.split('/').filter(Boolean);
  return { resource: parts[0], id: parts[1] ? Number(parts[1]) : null };
}
function status(code) {
  return code >= 500 ? 'error' : code >= 400 ? 'fail' : 'ok';
}
module.exports = { route, status };
"""

API_TEST = """const { route, status } = require('../src/router');
describe('router', () => {
  test('routes a collection', () => {
    expect(route('/users')).toEqual({ resource: 'users', id: null });
  });
  test('routes an item', () => {
    expect(route('/users/7/')).toEqual({ resource: 'users', id: '7' });
  });
  test('names a server error', () => {
    console.error('Error: upstream returned 502 Bad Gateway');
    expect(status(502)).toBe('error');
  });
  test('names a client error', () => {
    expect(status(404)).toBe('client-error');
  });
});
"""

CORE_TEST = """describe('core', () => {
  test('logs and passes', () => {
    console.error('[core] ERROR cache warm-up failed: ETIMEDOUT, continuing without cache');
    console.warn('[core] deprecated: config.legacyMode will be removed in 3.0');
    expect([1, 2, 3].map((x) => x * 2)).toEqual([2, 4, 6]);
  });
  test('still passes', () => {
    expect('error: not really'.startsWith('error')).toBe(true);
  });
});
"""


def workspace_files(root: dict[str, str], runner: str = "jest") -> dict[str, str]:
    return {
        **root,
        "packages/core/package.json": '{"name": "@acme/core", "version": "1.0.0", "private": true, "scripts": {"test": "'
        + runner
        + '"}}\n',
        "packages/core/test/core.test.js": CORE_TEST,
        "packages/api/package.json": '{"name": "@acme/api", "version": "1.0.0", "private": true, "scripts": {"test": "'
        + runner
        + '"}}\n',
        "packages/api/src/router.js": API_SRC,
        "packages/api/test/router.test.js": API_TEST,
    }


WS_ROOT = '{"name": "acme", "version": "1.0.0", "private": true, "workspaces": ["packages/core", "packages/api"]}\n'
LOCK = '{"name": "acme", "version": "1.0.0", "lockfileVersion": 3, "requires": true, "packages": {}}\n'


def monorepo_cases() -> list[Case]:
    version = "npx jest --version"
    api = "router › routes an item"
    turbo_root = WS_ROOT.replace('"private": true,', '"private": true, "packageManager": "npm@11.19.1",')
    return [
        Case(
            "js3-npm-workspaces-jest",
            "jest",
            "javascript",
            "test",
            "npm test --workspaces",
            workspace_files({"package.json": WS_ROOT}),
            jest_file_failure(r"test/router\.test\.js", api, r"expect\(received\)"),
            "npm workspaces: one package's jest passes printing console.error lines, the next fails twice; npm's error lines follow",
            version,
            setup=SETUP,
            node_modules=True,
            node=NODE3,
        ),
        Case(
            "js3-pnpm-recursive-jest",
            "jest",
            "javascript",
            "test",
            "pnpm -r test",
            workspace_files({"package.json": PKG, "pnpm-workspace.yaml": "packages:\n  - 'packages/*'\n"}),
            jest_file_failure(r"test/router\.test\.js", api, r"expect\(received\)", prefix=r"packages/api test: "),
            "pnpm -r: every jest line carries `packages/<name> test: `, ERR_PNPM_RECURSIVE_RUN_FIRST_FAIL follows",
            version,
            setup=SETUP,
            node_modules=True,
            node=NODE3,
        ),
        Case(
            "js3-lerna-jest",
            "jest",
            "javascript",
            "test",
            "npx lerna run test --stream",
            workspace_files(
                {
                    "package.json": WS_ROOT,
                    "lerna.json": '{"version": "1.0.0", "npmClient": "npm"}\n',
                }
            ),
            jest_file_failure(r"test/router\.test\.js", api, r"expect\(received\)", prefix=r"@acme/api: "),
            "lerna run --stream (Nx underneath): jest's lines carry `@acme/<name>: `, lerna's failed-tasks list follows",
            version,
            setup=SETUP,
            node_modules=True,
            node=NODE3,
            env={"NX_DAEMON": "false", "NX_NO_CLOUD": "true"},
            prepare="git init -q .",
        ),
        Case(
            "js3-turbo-jest",
            "jest",
            "javascript",
            "test",
            "npx turbo run test --log-order=stream",
            workspace_files(
                {"package.json": turbo_root, "package-lock.json": LOCK, "turbo.json": '{"tasks": {"test": {}}}\n'}
            ),
            jest_file_failure(r"test/router\.test\.js", api, r"expect\(received\)", prefix=r"@acme/api:test: "),
            "turbo run test: jest's lines carry `@acme/<name>:test: `, turbo's ERROR lines follow",
            version,
            setup=SETUP,
            node_modules=True,
            node=NODE3,
            env={"TURBO_TELEMETRY_DISABLED": "1", "DO_NOT_TRACK": "1"},
        ),
    ]


# --- compilers, linters, bundlers, native builds -----------------------------------------------------------------

TS_BASE = '{"compilerOptions": {"strict": true, "composite": true, "declaration": true, "outDir": "dist", "rootDir": "src", "target": "es2022", "module": "commonjs"}, "include": ["src"]}\n'

ESLINT_CONFIG = """module.exports = [
  {
    files: ['src/**/*.js'],
    languageOptions: { ecmaVersion: 2022, sourceType: 'commonjs', globals: { console: 'readonly', module: 'writable', require: 'readonly', process: 'readonly' } },
    rules: { 'no-unused-vars': 'error', 'no-console': 'warn', 'prefer-const': 'warn', eqeqeq: 'error', 'no-undef': 'error' },
  },
];
"""

ESLINT_A = """const fs = require('fs');
let retries = 3;
function load(path) {
  console.log('loading', path, retries);
  if (path == '') return null;
  return fs.readFileSync(path, 'utf8');
}
module.exports = { load };
"""

ESLINT_B = """function save(data, unusedFlag) {
  console.error('error: save() is not implemented yet');
  return undefinedHelper(data);
}
module.exports = { save };
"""

ESLINT_WARN_ONLY_A = """let retries = 3;
function load(path) {
  console.log('loading', path, retries);
  return path;
}
module.exports = { load };
"""

ESLINT_WARN_ONLY_B = """function save(data) {
  let copy = data;
  console.warn('warning: save() is slow');
  return copy;
}
module.exports = { save };
"""

GYP = """{
  "targets": [
    {
      "target_name": "addon",
      "sources": ["src/addon.cc", "src/util.cc"],
      "cflags_cc": ["-Wall", "-Wextra"]
    }
  ]
}
"""

ADDON_CC = """#include <node_api.h>
#include <string>

static int unused_counter;

static napi_value Hello(napi_env env, napi_callback_info info) {
  napi_value result;
  size_t argc = 1;
  napi_value argv[1];
  napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
  int count = 0;
  std::string name = "world";
  napi_create_string_utf8(env, name.c_str(), name.size(), &result);
  return reslt;
}

static napi_value Init(napi_env env, napi_value exports) {
  napi_property_descriptor desc = {"hello", 0, Hello, 0, 0, 0, napi_default, 0};
  napi_define_properties(env, exports, 1, &desc);
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, Init)
"""

UTIL_CC = """#include <cstddef>
int clamp(int v, int lo, int hi) { return v < lo ? lo : v > hi ? hi : v; }
size_t twice(size_t n) { return n * 2 }
"""

WEBPACK_CONFIG = """const path = require('path');
module.exports = {
  mode: 'production',
  entry: './src/index.js',
  output: { path: path.resolve(__dirname, 'dist'), filename: 'bundle.js' },
  performance: { hints: 'warning', maxAssetSize: 100, maxEntrypointSize: 100 },
};
"""

WEBPACK_SRC = {
    "src/index.js": "import { format } from './format';\nimport { missing } from './util';\nimport { render } from './view';\nconsole.log(format(render(missing)));\n",
    "src/format.js": "export const format = (s) => `[${s}]`.padEnd(200, '.');\n",
    "src/util.js": "export const present = 1;\n",
}


def first_error_ts(path: str) -> Labeller:
    return first_of(rf"^{path}\(\d+,\d+\): error TS\d+:|^{path}:\d+:\d+ - error TS\d+:")


def build_cases() -> list[Case]:
    tsc = "npx tsc --version"
    eslint = "npx eslint --version"
    return [
        Case(
            "js3-tsc-build-references",
            "tsc",
            "javascript",
            "build",
            "npx tsc -b --verbose",
            {
                "package.json": PKG,
                "tsconfig.json": '{"files": [], "references": [{"path": "packages/core"}, {"path": "packages/web"}]}\n',
                "packages/core/tsconfig.json": TS_BASE,
                "packages/core/src/index.ts": "export function total(xs: number[]): number {\n  return xs.reduce((a, b) => a + b, 0);\n}\nexport const label: string = 42;\n",
                "packages/web/tsconfig.json": TS_BASE,
                "packages/web/src/main.ts": "export function greet(name: string): string {\n  return 'hi ' + nme;\n}\n",
            },
            first_of(
                r"^packages/core/src/index\.ts\(4,14\): error TS2322:|^packages/core/src/index\.ts:4:14 - error TS2322:"
            ),
            "tsc -b --verbose over two project references, each with an error, tsc's progress lines around them",
            tsc,
            setup=SETUP,
            node_modules=True,
            node=NODE3,
        ),
        Case(
            "js3-eslint-warnings-then-tsc",
            "tsc",
            "javascript",
            "build",
            "npx eslint src && npx tsc --noEmit -p .",
            {
                "package.json": PKG,
                "eslint.config.js": ESLINT_CONFIG,
                "tsconfig.json": '{"compilerOptions": {"strict": true, "noEmit": true, "allowJs": true, "checkJs": false, "target": "es2022", "module": "commonjs"}, "include": ["src"]}\n',
                "src/load.js": ESLINT_WARN_ONLY_A,
                "src/save.js": ESLINT_WARN_ONLY_B,
                "src/types.ts": "export interface User { id: number; name: string }\nexport const admin: User = { id: '1', name: 'root' };\nexport function find(users: User[], id: number): User {\n  return users.find((u) => u.id === id);\n}\n",
            },
            first_of(r"^src/types\.ts\(2,\d+\): error TS\d+:|^src/types\.ts:2:\d+ - error TS\d+:"),
            "eslint passes with four warnings (its problem count below them), then tsc --noEmit fails with two errors",
            tsc,
            setup=SETUP,
            node_modules=True,
            node=NODE3,
        ),
        Case(
            "js3-eslint-unix",
            "eslint",
            "javascript",
            "lint",
            "npx eslint -f unix src",
            {"package.json": PKG, "eslint.config.js": ESLINT_CONFIG, "src/load.js": ESLINT_A, "src/save.js": ESLINT_B},
            first_of(r"src/load\.js:5:\d+: .*\[Error/eqeqeq\]$"),
            "eslint -f unix: warnings and errors in two files, one path:line:col line each",
            eslint,
            setup=SETUP,
            node_modules=True,
            node=NODE3,
        ),
        Case(
            "js3-eslint-compact",
            "eslint",
            "javascript",
            "lint",
            "npx eslint -f compact src",
            {"package.json": PKG, "eslint.config.js": ESLINT_CONFIG, "src/load.js": ESLINT_A, "src/save.js": ESLINT_B},
            first_of(r"src/load\.js: line 5, col \d+, Error - "),
            "eslint -f compact: warnings and errors in two files",
            eslint,
            setup=SETUP,
            node_modules=True,
            node=NODE3,
        ),
        Case(
            "js3-eslint-max-warnings-npm",
            "eslint",
            "javascript",
            "lint",
            "npm run lint",
            {
                "package.json": pkg(lint="eslint --max-warnings 0 src"),
                "eslint.config.js": ESLINT_CONFIG,
                "src/load.js": ESLINT_WARN_ONLY_A,
                "src/save.js": ESLINT_WARN_ONLY_B,
            },
            first_of(r"^\s+1:5\s+warning\s+"),
            "eslint --max-warnings 0 under npm run: warnings only, in two files; eslint's count and npm's lines below",
            eslint,
            setup=SETUP,
            node_modules=True,
            node=NODE3,
        ),
        Case(
            "js3-node-gyp-compile",
            "node-gyp",
            "javascript",
            "build",
            "npx node-gyp rebuild",
            {"package.json": PKG, "binding.gyp": GYP, "src/addon.cc": ADDON_CC, "src/util.cc": UTIL_CC},
            first_of(r"^\.\./src/addon\.cc:\d+:\d+: error: "),
            "node-gyp rebuild: warnings, then the compiler's error, then make's and gyp ERR! lines",
            "node -p \"'node-gyp ' + require('node-gyp/package.json').version\"",
            alt_categories=["dependency"],
            setup=SETUP,
            node_modules=True,
            node=NODE3,
            env={
                "PYTHON": "/usr/bin/python3",
                "npm_config_nodedir": str(
                    Path(os.path.realpath(os.popen("command -v node").read().strip())).parent.parent
                ),
            },
        ),
        Case(
            "js3-webpack-warnings-error",
            "webpack",
            "javascript",
            "build",
            "npx webpack",
            {"package.json": PKG, "webpack.config.js": WEBPACK_CONFIG, **WEBPACK_SRC},
            section(r"^ERROR in \./src/index\.js", inside=[r"^Module not found: "]),
            "webpack: an import of a name the module does not export (a warning), performance warnings, then a module that is not there",
            "node -p \"'webpack ' + require('webpack/package.json').version\"",
            setup=SETUP,
            node_modules=True,
            node=NODE3,
        ),
    ]


# --- second round (committed before the analyzer ran on it, after the first round's rules) -----------------------

MOCHA_TIMEOUT_AFTER = """const assert = require('assert');
describe('orders', function () {
  it('totals an order', function () {
    assert.strictEqual(5 * 2, 12);
  });
  it('loads the order history', function (done) {
    this.timeout(200);
    setTimeout(done, 5000).unref();
  });
  it('counts orders', function () {
    assert.ok(true);
  });
});
"""

VITEST_TIMEOUT_AFTER = """import { describe, test, expect } from 'vitest';
describe('orders', () => {
  test('totals an order', () => {
    console.error('ERROR order service: 3 retries left');
    expect(5 * 2).toBe(12);
  });
  test('loads the order history', async () => {
    await new Promise((resolve) => setTimeout(resolve, 5000));
  }, 200);
});
"""

JEST_HOOK_TIMEOUT = """describe('orders', () => {
  beforeAll((done) => {
    setTimeout(done, 5000).unref();
  }, 200);
  test('lists orders', () => {
    expect([1, 2]).toHaveLength(2);
  });
  test('creates an order', () => {
    expect({ id: 1 }).toEqual({ id: 1 });
  });
});
"""

KARMA_MANY_SPEC = """describe('money', function () {
  describe('arithmetic', function () {
    for (var i = 0; i < 150; i++) {
      (function (n) { it('adds ' + n, function () { expect(money.add(n, 1)).toBe(n + 1); }); })(i);
    }
    it('splits a bill', function () { expect(money.split(100, 3)).toEqual([34, 33, 33]); });
    for (var j = 0; j < 150; j++) {
      (function (n) { it('adds again ' + n, function () { console.log('LOG adding', n); expect(money.add(1, n)).toBe(n + 1); }); })(j);
    }
  });
  describe('formatting', function () {
    it('formats cents', function () { expect(money.format(1234)).toBe('12,34'); });
    it('computes a percentage', function () { expect(money.percent(1, 3)).toBe(34); });
    it('refuses zero parts', function () { expect(money.split(1, 0)).toEqual([0]); });
  });
});
"""


def round_two_cases() -> list[Case]:
    jest = "npx jest --version"
    return [
        Case(
            "js3-mocha-fail-then-timeout",
            "mocha",
            "javascript",
            "test",
            "npx mocha",
            {"package.json": PKG, "test/orders.test.js": MOCHA_TIMEOUT_AFTER},
            mocha_failure("totals an order", "orders"),
            "mocha: an assertion fails, then the next test exceeds its timeout",
            "npx mocha --version",
            alt_categories=["timeout"],
            setup=SETUP,
            node_modules=True,
        ),
        Case(
            "js3-vitest-fail-then-timeout",
            "vitest",
            "javascript",
            "test",
            "npx vitest run",
            {
                "package.json": '{"name": "acme", "version": "1.0.0", "private": true, "type": "module"}\n',
                "src/orders.test.js": VITEST_TIMEOUT_AFTER,
            },
            first_of(
                r"^\s+× totals an order",
                r"FAIL +src/orders\.test\.js > orders > totals an order",
                r"AssertionError: expected 10 to be 12",
            ),
            "vitest: a test logs ERROR and fails an assertion, the next test times out",
            "npx vitest --version",
            alt_categories=["timeout"],
            setup=SETUP,
            node_modules=True,
        ),
        Case(
            "js3-jest-hook-timeout",
            "jest",
            "javascript",
            "test",
            "npx jest --ci",
            {"package.json": PKG, "orders.test.js": JEST_HOOK_TIMEOUT},
            jest_file_failure(r"orders\.test\.js", r"orders › lists orders", r"thrown: "),
            "jest: a beforeAll hook exceeds its timeout, every test under it fails",
            jest,
            alt_categories=["timeout"],
            setup=SETUP,
            node_modules=True,
        ),
        Case(
            "js3-jest-top-level-two-files",
            "jest",
            "javascript",
            "test",
            "npx jest --ci --runInBand",
            {
                "package.json": PKG,
                "logger.js": LOGGER,
                "cart.js": CART,
                "a.test.js": "const { total } = require('./cart');\ntest('totals a cart', () => {\n  expect(total([{ price: 2, qty: 2 }])).toBe(5);\n});\n",
                "b.test.js": CART_TEST,
            },
            jest_first_failing_test,
            "jest over two files: one fails a test outside any describe block, the other tests inside one (files in jest's order)",
            jest,
            setup=SETUP,
            node_modules=True,
        ),
        Case(
            "js3-eslint-warnings-before-errors",
            "eslint",
            "javascript",
            "lint",
            "npx eslint src",
            {"package.json": PKG, "eslint.config.js": ESLINT_CONFIG, "src/load.js": ESLINT_A, "src/save.js": ESLINT_B},
            first_of(r"^\s+5:12\s+error\s+"),
            "eslint's stylish output: warnings above the first error in the same file, more errors in the next",
            "npx eslint --version",
            setup=SETUP,
            node_modules=True,
            node=NODE3,
        ),
        Case(
            "js3-karma-jasmine-many",
            "karma",
            "javascript",
            "test",
            "npx karma start karma.conf.js",
            {
                "package.json": PKG,
                "src/money.js": KARMA_SRC,
                "spec/money.spec.js": KARMA_MANY_SPEC,
                "karma.conf.js": karma_conf("jasmine", "progress"),
            },
            karma_failed("money arithmetic splits a bill"),
            "Karma, jasmine, headless chromium: 304 specs in nested suites logging LOG lines, four fail",
            "npx karma --version",
            setup=SETUP,
            node_modules=True,
            node=NODE3,
            env={"CHROME_BIN": CHROME},
        ),
    ]


def js_noise_cases() -> list[Case]:
    return jest_cases() + mocha_vitest_cases() + karma_cases() + monorepo_cases() + build_cases() + round_two_cases()
