# ruff: noqa: E501  (the tiny projects' files are written inline, one string each)
"""Toolchain development set: Ruby and PHP as Travis-era builds printed them (``rb2-``, ``php2-``).

Beside debian_cases.py's basic rspec/minitest/rubocop/``ruby -wc``/phpunit/phpcs/``php -l`` shapes: ``rake aborted!``
with its cause under it, Bundler's refusals, rspec's pending list and hooks, test-unit, cucumber, simplecov's
minimum coverage, RuboCop's other formats and its rake task, jekyll, PHPUnit's defect lists among warnings and a
fatal error mid-run, Composer's solver and validation and scripts, PHP's own fatal errors. Tools from Debian
bookworm's archive (README.md, "Ruby and PHP as Travis-era builds printed them"); no RubyGems or Packagist access,
so whatever needs them fails as an offline CI would. Labels follow bench/validation/README.md's conventions, found
from what each case knows, never by running the analyzer.
"""

from __future__ import annotations

import textwrap

from make_logs import Case, first_of, section

RUBY = "ruby/setup-ruby@v1"
PHP = "shivammathur/setup-php@v2"
BUNDLE_ENV = {"BUNDLE_SILENCE_ROOT_WARNING": "1"}
# Composer 2 turns its errors into GitHub Actions `::error` commands when GITHUB_ACTIONS is set; the Travis-era
# builds these cases stand for printed them plainly.
COMPOSER_ENV = {"COMPOSER_ALLOW_SUPERUSER": "1", "COMPOSER_NO_INTERACTION": "1", "GITHUB_ACTIONS": ""}

CALC_RB = "module Calc\n  def self.add(a, b)\n    a + b\n  end\n\n  def self.div(a, b)\n    a / b\n  end\n\n  def self.mul(a, b)\n    a * b\n  end\nend\n"
LOGGER_SPEC = textwrap.dedent(
    """\
    require "logger"
    require_relative "../lib/calc"

    RSpec.describe "importer" do
      it "logs a rejected row and carries on" do
        log = Logger.new($stdout)
        log.error("ERROR: row 7 rejected: missing amount")
        expect(Calc.add(1, 1)).to eq(2)
      end
    end
    """
)


def rake_cases() -> list[Case]:
    return [
        Case(
            "rb2-rake-no-rakefile",
            "rake",
            "ruby",
            "config",
            "ruby --version && rake test",
            {"lib/calc.rb": CALC_RB, "rakefile.txt": "task :test\n"},
            first_of(r"^No Rakefile found \(looking for: "),
            "rake with no Rakefile in the directory: `rake aborted!` and the reason under it",
            "rake --version",
            alt_categories=["build"],
            setup=RUBY,
        ),
        Case(
            "rb2-rake-load-error",
            "rake",
            "ruby",
            "dependency",
            "rake test",
            {
                "Rakefile": 'require "rake/testtask"\nrequire "coveralls/rake/task"\n\nCoveralls::RakeTask.new\nRake::TestTask.new(:test)\n',
                "lib/calc.rb": CALC_RB,
            },
            first_of(r"^LoadError: cannot load such file -- coveralls/rake/task$"),
            "the Rakefile requires a gem that is not installed: rake aborts while loading it",
            "rake --version",
            setup=RUBY,
        ),
        Case(
            "rb2-rake-trace-name-error",
            "rake",
            "ruby",
            "build",
            "rake --trace test",
            {
                "Rakefile": 'require "rake/testtask"\n\ntask :env do\n  puts "loading environment"\nend\n\ntask test: :env do\n  Calc::Runner.new(ENV["SUITE"]).run\nend\n',
                "lib/calc.rb": CALC_RB,
            },
            first_of(r"^NameError: uninitialized constant Calc$"),
            "rake --trace: the invoke/execute lines, then a task's NameError with rake's full backtrace",
            "rake --version",
            alt_categories=["config"],
            setup=RUBY,
        ),
        Case(
            "rb2-rake-task-raises",
            "rake",
            "ruby",
            "build",
            "rake release:check",
            {
                "Rakefile": textwrap.dedent(
                    """\
                    namespace :release do
                      task :version do
                        puts "version 1.2.0"
                        warn "WARNING: the CHANGELOG has no date for 1.2.0"
                      end

                      task check: :version do
                        changelog = "1.1.9"
                        raise "version mismatch: gemspec says 1.2.0, CHANGELOG says #{changelog}" unless changelog == "1.2.0"
                      end
                    end
                    """
                ),
            },
            first_of(r"^version mismatch: gemspec says 1\.2\.0, CHANGELOG says 1\.1\.9$"),
            "a task raises its own RuntimeError: rake prints its message under `rake aborted!`, after a warning",
            "rake --version",
            alt_categories=["config", "unknown"],
            setup=RUBY,
        ),
        Case(
            "rb2-rake-sh-failed",
            "rake",
            "ruby",
            "build",
            "rake package",
            {
                "Rakefile": 'task :build do\n  puts "error handling docs: ok"\n  mkdir_p "pkg"\nend\n\ntask package: :build do\n  sh "test -f pkg/calc-1.0.0.gem"\nend\n',
            },
            first_of(r"^Command failed with status \(1\): \[test -f pkg/calc-1\.0\.0\.gem"),
            "a task's `sh` command fails silently: rake's `Command failed with status (1)` is the only word",
            "rake --version",
            setup=RUBY,
        ),
        Case(
            "rb2-rake-unknown-task",
            "rake",
            "ruby",
            "config",
            "rake spec",
            {"Rakefile": 'require "rake/testtask"\n\nRake::TestTask.new(:test) do |t|\n  t.libs << "lib"\nend\n'},
            first_of(r"^Don't know how to build task 'spec'"),
            "the CI runs `rake spec`, the Rakefile defines only `test`",
            "rake --version",
            setup=RUBY,
        ),
        Case(
            "rb2-rake-minitest-warnings",
            "minitest",
            "ruby",
            "test",
            "rake test TESTOPTS='--seed=4242'",
            {
                "Rakefile": 'require "rake/testtask"\n\nRake::TestTask.new(:test) do |t|\n  t.libs << "lib" << "test"\n  t.test_files = FileList["test/*_test.rb"]\n  t.warning = true\nend\n\ntask default: :test\n',
                "lib/calc.rb": CALC_RB + "\nmodule Calc\n  def self.add(a, b)\n    a + b\n  end\nend\n",
                "test/a_import_test.rb": 'require "minitest/autorun"\nrequire "logger"\nrequire "calc"\n\nclass ImportTest < Minitest::Test\n  def test_logs_rejected_row\n    Logger.new($stdout).error("ERROR -- row 7 rejected: missing amount")\n    assert_equal 2, Calc.add(1, 1)\n  end\nend\n',
                "test/calc_test.rb": 'require "minitest/autorun"\nrequire "calc"\n\nclass CalcTest < Minitest::Test\n  def test_mul\n    assert_equal 7, Calc.mul(2, 3)\n  end\n\n  def test_mul_zero\n    assert_equal 1, Calc.mul(0, 3)\n  end\nend\n',
            },
            section(r"^  1\) Failure:$", inside=[r"^CalcTest#test_mul\w* ", r"^Expected: "]),
            "minitest through rake with warnings on (a method redefined), a logger's ERROR line, two failures; rake aborts below",
            'ruby -e \'require "minitest"; puts "minitest " + Minitest::VERSION\'',
            setup=RUBY,
        ),
        Case(
            "rb2-rake-spec",
            "rspec",
            "ruby",
            "test",
            "rake spec",
            {
                "Rakefile": 'require "rspec/core/rake_task"\n\nRSpec::Core::RakeTask.new(:spec)\n\ntask default: :spec\n',
                "lib/calc.rb": CALC_RB,
                "spec/calc_spec.rb": 'require_relative "../lib/calc"\n\nRSpec.describe Calc do\n  describe ".mul" do\n    it "multiplies" do\n      expect(Calc.mul(2, 3)).to eq(7)\n    end\n  end\n\n  describe ".div" do\n    it "divides" do\n      expect(Calc.div(6, 3)).to eq(3)\n    end\n\n    it "refuses zero" do\n      expect { Calc.div(1, 0) }.to raise_error(ArgumentError)\n    end\n  end\nend\n',
            },
            section(
                r"^  1\) Calc\.mul multiplies$",
                inside=[r"^\s+Failure/Error: ", r"^\s+expected: 7"],
                anywhere=[r"^rspec \./spec/calc_spec\.rb:5 # Calc\.mul multiplies"],
            ),
            "rspec through RSpec::Core::RakeTask: two failures, then rake's `... failed` line",
            "rspec --version | tr '\\n' ' '",
            setup=RUBY,
        ),
    ]


def bundler_cases() -> list[Case]:
    return [
        Case(
            "rb2-bundle-exec-missing-gem",
            "bundler",
            "ruby",
            "dependency",
            "bundle exec rake test",
            {
                "Gemfile": 'source "https://packages.example.com"\n\ngem "rake"\ngem "nokogiri", "~> 1.15"\n',
                "Rakefile": "task :test\n",
            },
            first_of(r"Could not find gem 'nokogiri \(~> 1\.15\)' in locally installed gems"),
            "bundle exec with a gem the machine lacks: Bundler's GemNotFound with its backtrace",
            "bundle --version",
            env=BUNDLE_ENV,
            neutral_hosts=True,
            setup=RUBY,
        ),
        Case(
            "rb2-bundle-install-offline",
            "bundler",
            "ruby",
            "infrastructure",
            "bundle install --jobs=3 --retry=1",
            {"Gemfile": 'source "https://packages.example.com"\n\ngem "rake"\ngem "rspec", "~> 3.12"\n'},
            first_of(r"^Could not reach host packages\.example\.com"),
            "bundle install with no way to reach the gem source (an offline CI)",
            "bundle --version",
            alt_categories=["dependency"],
            env=BUNDLE_ENV,
            neutral_hosts=True,
            setup=RUBY,
        ),
        Case(
            "rb2-bundle-incompatible",
            "bundler",
            "ruby",
            "dependency",
            "bundle install --local",
            {
                "Gemfile": 'source "https://packages.example.com"\n\ngem "rake", ">= 13.0"\ngem "acme_tasks", path: "vendor/acme_tasks"\n',
                "vendor/acme_tasks/acme_tasks.gemspec": 'Gem::Specification.new do |s|\n  s.name = "acme_tasks"\n  s.version = "0.3.0"\n  s.summary = "tasks"\n  s.authors = ["acme"]\n  s.files = []\n  s.add_dependency "rake", "~> 12.3"\nend\n',
            },
            first_of(r'^Bundler could not find compatible versions for gem "rake":'),
            "the Gemfile and a path gem want incompatible rake versions",
            "bundle --version",
            env=BUNDLE_ENV,
            neutral_hosts=True,
            setup=RUBY,
        ),
        Case(
            "rb2-bundle-gemfile-syntax",
            "bundler",
            "ruby",
            "config",
            "bundle install --local",
            {"Gemfile": 'source "https://packages.example.com"\n\ngem "rake"\n\ngroup :test do\n  gem "rspec"\n'},
            first_of(r"^\[!\] There was an error parsing `Gemfile`"),
            "a Gemfile that does not parse (a group's `end` missing)",
            "bundle --version",
            alt_categories=["dependency"],
            env=BUNDLE_ENV,
            neutral_hosts=True,
            setup=RUBY,
        ),
        Case(
            "rb2-bundle-ruby-version",
            "bundler",
            "ruby",
            "config",
            "bundle install --local",
            {"Gemfile": 'source "https://packages.example.com"\n\nruby "2.7.8"\n\ngem "rake"\n'},
            first_of(r"^Your Ruby version is 3\.\d+\.\d+, but your Gemfile specified 2\.7\.8"),
            "the Gemfile pins a Ruby the runner does not have",
            "bundle --version",
            alt_categories=["dependency"],
            env=BUNDLE_ENV,
            neutral_hosts=True,
            setup=RUBY,
        ),
    ]


def rspec_cases() -> list[Case]:
    return [
        Case(
            "rb2-rspec-noise",
            "rspec",
            "ruby",
            "test",
            "rspec",
            {
                "lib/calc.rb": CALC_RB,
                "spec/a_importer_spec.rb": LOGGER_SPEC,
                "spec/calc_spec.rb": textwrap.dedent(
                    """\
                    require_relative "../lib/calc"

                    RSpec.describe Calc do
                      it "adds" do
                        Calc.add(1, 2).should == 3
                      end

                      it "formats a total" do
                        expect(format("%.2f", Calc.div(7.0, 2))).to eq("3.25")
                      end

                      it "rounds later" do
                        pending "rounding mode not decided"
                        expect(Calc.div(7, 2)).to eq(4)
                      end

                      it "multiplies" do
                        expect(Calc.mul(2, 2)).to eq(5)
                      end
                    end
                    """
                ),
            },
            section(
                r"^  1\) Calc formats a total$",
                inside=[r"^\s+Failure/Error: ", r'^\s+expected: "3\.25"'],
                anywhere=[r"^rspec \./spec/calc_spec\.rb:8 # Calc formats a total"],
            ),
            "rspec progress: a logger's ERROR line, the old `should` syntax's deprecation, a pending example, two failures",
            "rspec --version | tr '\\n' ' '",
            setup=RUBY,
        ),
        Case(
            "rb2-rspec-before-suite",
            "rspec",
            "ruby",
            "test",
            "rspec",
            {
                "lib/calc.rb": CALC_RB,
                "spec/spec_helper.rb": 'RSpec.configure do |config|\n  config.before(:suite) do\n    raise IOError, "could not open fixture database spec/fixtures/test.sqlite3"\n  end\nend\n',
                ".rspec": "--require spec_helper\n",
                "spec/calc_spec.rb": 'require_relative "../lib/calc"\n\nRSpec.describe Calc do\n  it "adds" do\n    expect(Calc.add(1, 2)).to eq(3)\n  end\nend\n',
            },
            section(r"^An error occurred in a `before\(:suite\)` hook\.$", inside=[r"^Failure/Error: ", r"^IOError:"]),
            "an error outside any example: a before(:suite) hook raises, nothing runs",
            "rspec --version | tr '\\n' ' '",
            alt_categories=["config"],
            setup=RUBY,
        ),
        Case(
            "rb2-rspec-doc-pending",
            "rspec",
            "ruby",
            "test",
            "rspec --format documentation",
            {
                "lib/calc.rb": CALC_RB,
                "spec/calc_spec.rb": textwrap.dedent(
                    """\
                    require_relative "../lib/calc"

                    RSpec.describe Calc do
                      describe ".add" do
                        it "adds" do
                          expect(Calc.add(1, 2)).to eq(3)
                        end

                        it "adds floats"
                      end

                      describe ".div" do
                        context "with a zero divisor" do
                          it "raises" do
                            expect { Calc.div(1, 0) }.to raise_error(ArgumentError, /zero/)
                          end
                        end

                        it "truncates" do
                          skip "platform dependent"
                        end

                        it "divides" do
                          expect(Calc.div(9, 3)).to be > 3
                        end
                      end
                    end
                    """
                ),
            },
            section(
                r"^    divides \(FAILED - 1\)$",
                anywhere=[
                    r"^  1\) Calc\.div divides$",
                    r"^\s+Failure/Error: expect\(Calc\.div\(9, 3\)\)",
                    r"^\s+expected: > 3",
                    r"^rspec \./spec/calc_spec\.rb:\d+ # Calc\.div divides",
                ],
            ),
            "rspec --format documentation: nested contexts, pending and skipped examples listed (numbered) above the failures",
            "rspec --version | tr '\\n' ' '",
            setup=RUBY,
        ),
    ]


TEST_UNIT = textwrap.dedent(
    """\
    require "test/unit"
    require_relative "../lib/calc"

    class TestCalc < Test::Unit::TestCase
      def test_add
        assert_equal(3, Calc.add(1, 2))
      end

      def test_add_wrong
        assert_equal(5, Calc.add(2, 2), "two and two")
      end

      def test_div
        assert_equal(0, Calc.div(1, 0))
      end
    end
    """
)


def other_ruby_cases() -> list[Case]:
    calc_feature = "Feature: Calculator\n  Scenario: adding\n    Given the numbers 1 and 2\n    When I add them\n    Then the result is 3\n\n  Scenario: adding wrong\n    Given the numbers 2 and 2\n    When I add them\n    Then the result is 5\n\n  Scenario: multiplying\n    Given the numbers 2 and 3\n    When I multiply them\n    Then the result is 6\n\n  Scenario: adding again wrong\n    Given the numbers 3 and 3\n    When I add them\n    Then the result is 7\n"
    steps = 'require_relative "../../lib/calc"\n\nGiven(/^the numbers (\\d+) and (\\d+)$/) { |a, b| @a, @b = a.to_i, b.to_i }\nWhen(/^I add them$/) { @r = Calc.add(@a, @b) }\nThen(/^the result is (\\d+)$/) { |r| raise "expected #{r}, got #{@r}" unless @r == r.to_i }\n'
    report_rb = '# frozen_string_literal: true\n\n# Report.\nclass Report\n  def render(x)\n    unused = 1\n    return "#{x}"\n  end\nend\n'
    clean_rb = "# frozen_string_literal: true\n\n# Arithmetic.\nmodule Calc\n  def self.add(left, right)\n    left + right\n  end\nend\n"
    return [
        Case(
            "rb2-test-unit",
            "test-unit",
            "ruby",
            "test",
            "ruby test/test_calc.rb",
            {"lib/calc.rb": CALC_RB, "test/test_calc.rb": TEST_UNIT},
            section(r"^Failure: test_add_wrong\(TestCalc\)$", inside=[r"^<5> expected but was$"]),
            "test-unit: a failure, then an error; the summary counts both",
            'ruby -e \'require "test/unit/version"; puts "test-unit " + Test::Unit::VERSION\'',
            setup=RUBY,
        ),
        Case(
            "rb2-test-unit-rake",
            "test-unit",
            "ruby",
            "test",
            "rake test TESTOPTS='--verbose=verbose --no-use-color'",
            {
                "Rakefile": 'require "rake/testtask"\n\nRake::TestTask.new(:test) do |t|\n  t.libs << "lib" << "test"\n  t.test_files = FileList["test/test_*.rb"]\nend\n',
                "lib/calc.rb": CALC_RB,
                "test/test_calc.rb": TEST_UNIT.replace(
                    "  def test_add\n",
                    '  def test_a_parse\n    assert_equal(2, Calc.parse("2"))\n  end\n\n  def test_add\n',
                ),
            },
            section(r"^Error: test_a_parse\(TestCalc\):$", inside=[r"^  NoMethodError: undefined method `parse'"]),
            "test-unit verbose under rake: an error (first), a failure, then rake's Command failed",
            'ruby -e \'require "test/unit/version"; puts "test-unit " + Test::Unit::VERSION\'',
            setup=RUBY,
        ),
        Case(
            "rb2-cucumber",
            "cucumber",
            "ruby",
            "test",
            "cucumber --no-color",
            {
                "lib/calc.rb": CALC_RB,
                "features/calc.feature": calc_feature,
                "features/step_definitions/calc_steps.rb": steps,
            },
            section(
                r"^    Then the result is 5 ",
                inside=[r"^      expected 5, got 4 \(RuntimeError\)$"],
                anywhere=[r"^cucumber features/calc\.feature:7 # Scenario: adding wrong$"],
            ),
            "cucumber pretty format: a failing step, an undefined step, a second failing scenario, the Failing Scenarios list",
            "cucumber --version",
            setup=RUBY,
        ),
        Case(
            "rb2-cucumber-progress",
            "cucumber",
            "ruby",
            "test",
            "cucumber --no-color --format progress",
            {
                "lib/calc.rb": CALC_RB,
                "features/calc.feature": calc_feature,
                "features/step_definitions/calc_steps.rb": steps,
            },
            section(
                r"^expected 5, got 4 \(RuntimeError\)$",
                anywhere=[r"^cucumber features/calc\.feature:7 # Scenario: adding wrong$"],
            ),
            "cucumber progress format: the failed steps' messages under `(::) failed steps (::)`",
            "cucumber --version",
            setup=RUBY,
        ),
        Case(
            "rb2-cucumber-undefined-strict",
            "cucumber",
            "ruby",
            "test",
            "cucumber --no-color --strict features/mul.feature",
            {
                "lib/calc.rb": CALC_RB,
                "features/mul.feature": "Feature: Multiplying\n  Scenario: multiplying\n    Given the numbers 2 and 3\n    When I multiply them\n    Then the result is 6\n",
                "features/step_definitions/calc_steps.rb": steps,
            },
            first_of(
                r"^    When I multiply them +# features/mul\.feature:4$",
                r'^      Undefined step: "I multiply them" \(Cucumber::Undefined\)$',
            ),
            "cucumber --strict with an undefined step: the step marked undefined, snippets below",
            "cucumber --version",
            setup=RUBY,
        ),
        Case(
            "rb2-simplecov-minimum",
            "simplecov",
            "ruby",
            "test",
            "rspec",
            {
                "lib/calc.rb": CALC_RB,
                ".rspec": "--require spec_helper\n",
                "spec/spec_helper.rb": 'require "simplecov"\nSimpleCov.start do\n  add_filter "/spec/"\n  minimum_coverage 90\nend\n',
                "spec/calc_spec.rb": 'require_relative "../lib/calc"\n\nRSpec.describe Calc do\n  it "adds" do\n    expect(Calc.add(1, 2)).to eq(3)\n  end\nend\n',
            },
            first_of(r"Line coverage \([\d.]+%\) is below the expected minimum coverage \(90\.00%\)"),
            "every example passes; simplecov fails the run on its minimum coverage",
            'ruby -e \'require "simplecov"; puts "simplecov " + SimpleCov::VERSION\'',
            alt_categories=["lint"],
            setup=RUBY,
        ),
        Case(
            "rb2-rubocop-emacs",
            "rubocop",
            "ruby",
            "lint",
            "rubocop --format emacs lib",
            {
                "lib/calc.rb": clean_rb,
                "lib/report.rb": report_rb,
                ".rubocop.yml": "AllCops:\n  NewCops: enable\n  SuggestExtensions: false\n",
            },
            first_of(r"lib/report\.rb:\d+:\d+: [CWEF]: "),
            "rubocop --format emacs: absolute paths, one line per offense",
            "rubocop --version",
            setup=RUBY,
        ),
        Case(
            "rb2-rubocop-rake",
            "rubocop",
            "ruby",
            "lint",
            "rake rubocop",
            {
                "Rakefile": 'require "rubocop/rake_task"\n\nRuboCop::RakeTask.new\n',
                "lib/calc.rb": clean_rb,
                "lib/report.rb": report_rb,
                ".rubocop.yml": "AllCops:\n  NewCops: enable\n  SuggestExtensions: false\n  Exclude:\n    - Rakefile\n",
            },
            first_of(r"^lib/report\.rb:\d+:\d+: [CWEF]: "),
            "RuboCop's rake task: offenses, `RuboCop failed!`, rake aborts",
            "rubocop --version",
            setup=RUBY,
        ),
        Case(
            "rb2-rubocop-config-error",
            "rubocop",
            "ruby",
            "config",
            "rubocop lib",
            {
                "lib/calc.rb": clean_rb,
                ".rubocop.yml": "AllCops:\n  NewCops: enable\n  SuggestExtensions: false\n\nStyle/Documentaton:\n  Enabled: false\n",
            },
            first_of(r"unrecognized cop or department Style/Documentaton"),
            "a misspelt cop in .rubocop.yml: RuboCop stops before inspecting",
            "rubocop --version",
            alt_categories=["lint"],
            setup=RUBY,
        ),
        Case(
            "rb2-jekyll-liquid",
            "jekyll",
            "ruby",
            "build",
            "jekyll build",
            {
                "_config.yml": "title: acme\n",
                "_layouts/default.html": "<html><body>{{ content }}</body></html>\n",
                "_posts/2020-01-01-hello.md": "---\nlayout: default\ntitle: hello\n---\nHello {% if page.title %} world\n",
                "index.html": "---\ntitle: home\n---\n<p>error pages: none</p>\n",
            },
            first_of(r"Liquid Exception: Liquid syntax error \(line \d+\): 'if' tag was never closed"),
            "jekyll build: a post's Liquid does not parse",
            "jekyll --version",
            setup=RUBY,
        ),
        Case(
            "rb2-jekyll-include",
            "jekyll",
            "ruby",
            "build",
            "jekyll build --trace",
            {
                "_config.yml": "title: acme\n",
                "index.html": "---\ntitle: home\n---\n{% include nav.html %}\n",
            },
            first_of(
                r"Liquid Exception: Could not locate the included file 'nav\.html'",
                r"^\S+/jekyll/tags/include\.rb:\d+:in `locate_include_file': Could not locate the included file 'nav\.html'",
            ),
            "jekyll build --trace: an include that does not exist, with the backtrace",
            "jekyll --version",
            setup=RUBY,
        ),
        Case(
            "rb2-jekyll-config",
            "jekyll",
            "ruby",
            "config",
            "jekyll build",
            {"_config.yml": "title: acme\nexclude: [vendor, Gemfile\n", "index.html": "---\n---\nhi\n"},
            first_of(r"did not find expected ',' or '\]' while parsing a flow sequence"),
            "jekyll build: _config.yml is not valid YAML",
            "jekyll --version",
            alt_categories=["build"],
            setup=RUBY,
        ),
    ]


PHP_CALC = "<?php\n\nfunction add(int $a, int $b): int\n{\n    return $a + $b;\n}\n\nfunction mul(int $a, int $b): int\n{\n    return $a * $b;\n}\n"


def php_test(methods: str, name: str = "CalcTest") -> str:
    return f"<?php\n\nuse PHPUnit\\Framework\\TestCase;\n\nfinal class {name} extends TestCase\n{{\n{methods}}}\n"


def phpunit_cases() -> list[Case]:
    logger_test = php_test(
        '    public function testImportLogs(): void\n    {\n        echo "[2020-01-01 10:00:00] app.ERROR: row 7 rejected: missing amount\\n";\n        $this->assertTrue(true);\n    }\n',
        "ImportTest",
    )
    calc_test = php_test(
        "    public function testAdd(): void\n    {\n        $this->assertSame(3, add(1, 2));\n    }\n\n"
        "    public function testMul(): void\n    {\n        $this->assertSame(7, mul(2, 3));\n    }\n\n"
        "    public function testMulZero(): void\n    {\n        $this->assertEquals([0, 1], [mul(0, 3), mul(1, 0)]);\n    }\n"
    )
    return [
        Case(
            "php2-phpunit-failures",
            "phpunit",
            "php",
            "test",
            "php -d error_reporting=E_ALL src/legacy.php; phpunit --bootstrap src/calc.php tests",
            {
                "src/calc.php": PHP_CALC,
                "src/legacy.php": "<?php\n\n$parts = explode(',', null);\necho strlen(null), \"\\n\";\n",
                "tests/A_ImportTest.php": logger_test,
                "tests/CalcTest.php": calc_test,
            },
            section(r"^1\) CalcTest::testMul$", inside=[r"^Failed asserting that 6 is identical to 7\.$"]),
            "phpunit: a deprecation from a script before it, a test printing a logger's app.ERROR line, two failures",
            "phpunit --version",
            setup=PHP,
        ),
        Case(
            "php2-phpunit-warning-risky",
            "phpunit",
            "php",
            "test",
            "phpunit --bootstrap src/calc.php tests",
            {
                "src/calc.php": PHP_CALC,
                "tests/CalcTest.php": php_test(
                    "    /** @dataProvider missingProvider */\n    public function testFromProvider(int $a): void\n    {\n        $this->assertSame($a, $a);\n    }\n\n"
                    "    public function testNothing(): void\n    {\n    }\n\n"
                    "    public function testMul(): void\n    {\n        $this->assertSame(7, mul(2, 3));\n    }\n\n"
                    "    public function testAdd(): void\n    {\n        $this->assertSame(5, add(2, 2), 'two and two');\n    }\n"
                ),
            },
            section(
                r"^There was 1 error:$",
                inside=[r"^1\) Error$", r"^The data provider specified for CalcTest::testFromProvider is invalid\.$"],
            ),
            "phpunit: a data provider that does not exist (an error, listed first), two failures, a risky test",
            "phpunit --version",
            setup=PHP,
        ),
        Case(
            "php2-phpunit-errors",
            "phpunit",
            "php",
            "test",
            "phpunit --bootstrap src/calc.php tests",
            {
                "src/calc.php": PHP_CALC,
                "tests/CalcTest.php": php_test(
                    "    public function testAdd(): void\n    {\n        $this->assertSame(3, add(1, 2));\n    }\n\n"
                    "    public function testReport(): void\n    {\n        $r = new Report();\n        $this->assertSame('', $r->render());\n    }\n\n"
                    "    public function testTypes(): void\n    {\n        $this->assertSame(3, add('1', 2));\n    }\n\n"
                    "    public function testMul(): void\n    {\n        $this->assertSame(7, mul(2, 3));\n    }\n"
                ),
            },
            section(r"^1\) CalcTest::testReport$", inside=[r"^Error: Class \"Report\" not found$"]),
            "phpunit: two errors and a failure (errors listed first)",
            "phpunit --version",
            setup=PHP,
        ),
        Case(
            "php2-phpunit-fatal",
            "phpunit",
            "php",
            "test",
            "phpunit --bootstrap src/calc.php tests",
            {
                "src/calc.php": PHP_CALC,
                "tests/helpers.php": "<?php\n\nfunction add($a, $b)\n{\n    return $a + $b;\n}\n",
                "tests/CalcTest.php": php_test(
                    "    public function testAdd(): void\n    {\n        $this->assertSame(3, add(1, 2));\n    }\n\n"
                    "    public function testHelpers(): void\n    {\n        require_once __DIR__ . '/helpers.php';\n        $this->assertTrue(true);\n    }\n\n"
                    "    public function testMul(): void\n    {\n        $this->assertSame(7, mul(2, 3));\n    }\n"
                ),
            },
            first_of(r"PHP Fatal error:  Cannot redeclare add\(\)"),
            "a PHP fatal error mid-run (a helper redeclares a function): phpunit dies without its summary",
            "phpunit --version",
            alt_categories=["build"],
            setup=PHP,
        ),
        Case(
            "php2-phpunit-memory",
            "phpunit",
            "php",
            "resource",
            "php -d memory_limit=32M /usr/bin/phpunit --bootstrap src/calc.php tests",
            {
                "src/calc.php": PHP_CALC,
                "tests/CalcTest.php": php_test(
                    "    public function testAdd(): void\n    {\n        $this->assertSame(3, add(1, 2));\n    }\n\n"
                    "    public function testBigReport(): void\n    {\n        $rows = [];\n        for ($i = 0; $i < 10000000; $i++) {\n            $rows[] = str_repeat('x', 64);\n        }\n        $this->assertNotEmpty($rows);\n    }\n"
                ),
            },
            first_of(r"PHP Fatal error:  Allowed memory size of \d+ bytes exhausted"),
            "phpunit under a 32M memory_limit: a test exhausts it, PHP dies mid-run",
            "phpunit --version",
            alt_categories=["test"],
            setup=PHP,
        ),
        Case(
            "php2-phpunit-bootstrap-parse",
            "phpunit",
            "php",
            "build",
            "phpunit --bootstrap src/calc.php tests",
            {
                "src/calc.php": "<?php\n\nfunction add(int $a, int $b): int\n{\n    return [$a + $b;\n}\n",
                "tests/CalcTest.php": php_test(
                    "    public function testAdd(): void\n    {\n        $this->assertSame(3, add(1, 2));\n    }\n"
                ),
            },
            section(r"^Error in bootstrap script: ParseError:$", inside=[r"^syntax error, unexpected token"]),
            "the bootstrap file does not parse: phpunit reports it and runs nothing",
            "phpunit --version",
            alt_categories=["test"],
            setup=PHP,
        ),
    ]


def composer_cases() -> list[Case]:
    return [
        Case(
            "php2-composer-ext-missing",
            "composer",
            "php",
            "dependency",
            "composer install --no-progress",
            {
                "composer.json": '{\n    "name": "acme/calc",\n    "repositories": [{"packagist": false}],\n    "require": {\n        "php": ">=8.1",\n        "ext-mongodb": "*"\n    }\n}\n',
            },
            first_of(
                r"^    - Root composer\.json requires PHP extension ext-mongodb \* but it is missing from your system"
            ),
            "composer install: a required PHP extension is not installed",
            "composer --version",
            alt_categories=["config"],
            env=COMPOSER_ENV,
            setup=PHP,
        ),
        Case(
            "php2-composer-unresolvable",
            "composer",
            "php",
            "dependency",
            "composer update --no-progress",
            {
                "composer.json": '{\n    "name": "acme/calc",\n    "repositories": [{"type": "path", "url": "packages/*"}, {"packagist": false}],\n    "require": {\n        "php": ">=8.1",\n        "acme/report": "*",\n        "acme/audit": "^2.0"\n    }\n}\n',
                "packages/report/composer.json": '{"name": "acme/report", "version": "1.0.0", "require": {"psr/log": "^3.0"}}\n',
                "packages/audit/composer.json": '{"name": "acme/audit", "version": "1.4.0"}\n',
            },
            first_of(
                r"^    - Root composer\.json requires acme/audit \^2\.0, found acme/audit\[1\.4\.0\] but it does not match"
            ),
            "composer update: two problems, a constraint no version of a path package meets (composer lists it first) and a package that needs one no repository has",
            "composer --version",
            env=COMPOSER_ENV,
            setup=PHP,
        ),
        Case(
            "php2-composer-validate",
            "composer",
            "php",
            "config",
            "composer validate --strict",
            {
                "composer.json": '{\n  "name": "acme/calc",\n  "description": "Calc",\n  "license": "MIT",\n  "require": {"php": ">=8.1", "acme/report": "~>1.0"},\n  "autoload": {"psr-4": {"Acme\\\\": "src"}}\n}\n',
            },
            first_of(r"^  Could not parse version constraint ~>1\.0: "),
            "composer validate: a version constraint composer cannot parse",
            "composer --version",
            alt_categories=["dependency"],
            env=COMPOSER_ENV,
            setup=PHP,
        ),
        Case(
            "php2-composer-offline",
            "composer",
            "php",
            "infrastructure",
            "composer install --no-progress",
            {
                "composer.json": '{\n    "name": "acme/calc",\n    "repositories": [{"type": "composer", "url": "https://packages.example.com"}, {"packagist": false}],\n    "require": {"psr/log": "^3.0"}\n}\n',
            },
            first_of(r'^  The "https://packages\.example\.com/packages\.json" file could not be download'),
            "composer install with no way to reach its repository (an offline CI)",
            "composer --version",
            alt_categories=["dependency"],
            env=COMPOSER_ENV,
            neutral_hosts=True,
            setup=PHP,
        ),
        Case(
            "php2-composer-script-phpunit",
            "phpunit",
            "php",
            "test",
            "composer test",
            {
                "composer.json": '{\n    "name": "acme/calc",\n    "repositories": [{"packagist": false}],\n    "autoload": {"files": ["src/calc.php"]},\n    "scripts": {\n        "test": ["@lint", "phpunit --bootstrap vendor/autoload.php tests"],\n        "lint": "php -l src/calc.php"\n    }\n}\n',
                "src/calc.php": PHP_CALC,
                "tests/CalcTest.php": php_test(
                    "    public function testAdd(): void\n    {\n        $this->assertSame(3, add(1, 2));\n    }\n\n"
                    "    public function testMul(): void\n    {\n        $this->assertSame(7, mul(2, 3));\n    }\n\n"
                    "    public function testMulAgain(): void\n    {\n        $this->assertSame(8, mul(2, 3));\n    }\n"
                ),
            },
            section(r"^1\) CalcTest::testMul$", inside=[r"^Failed asserting that 6 is identical to 7\.$"]),
            "phpunit through a composer script: two failures, then composer's `Script ... returned with error code 1`",
            "phpunit --version",
            env=COMPOSER_ENV,
            prepare="composer dump-autoload",
            setup=PHP,
        ),
        Case(
            "php2-composer-script-uncaught",
            "php",
            "php",
            "test",
            "composer run-script test",
            {
                "composer.json": '{\n "name": "acme/calc",\n "description": "x",\n "license": "MIT",\n "scripts": {"test": ["php -r \\"echo \'error log: empty\', PHP_EOL;\\"", "php tests/run.php"]}\n}\n',
                "tests/run.php": '<?php\n\nrequire __DIR__ . "/fixtures.php";\n\nload_fixtures("tests/fixtures/db.sqlite");\n',
                "tests/fixtures.php": '<?php\n\nfunction load_fixtures(string $path): void\n{\n    if (!is_file($path)) {\n        throw new RuntimeException("fixture database not found: $path");\n    }\n}\n',
            },
            first_of(r"^PHP Fatal error:  Uncaught RuntimeException: fixture database not found"),
            "a composer script runs a PHP test script that dies of an uncaught exception",
            "php --version",
            alt_categories=["unknown", "config"],
            env=COMPOSER_ENV,
            setup=PHP,
        ),
    ]


def php_other_cases() -> list[Case]:
    return [
        Case(
            "php2-php-uncaught-typeerror",
            "php",
            "php",
            "build",
            "php bin/build-docs.php",
            {
                "src/calc.php": PHP_CALC,
                "bin/build-docs.php": '<?php\n\ndeclare(strict_types=1);\n\nrequire __DIR__ . "/../src/calc.php";\n\necho "building docs\\n";\nfwrite(STDERR, "warning: no examples for mul()\\n");\necho add("1", 2), "\\n";\n',
            },
            first_of(r"^PHP Fatal error:  Uncaught TypeError: add\(\): Argument #1"),
            "a PHP build script dies of a TypeError under strict_types",
            "php --version",
            alt_categories=["unknown"],
            setup=PHP,
        ),
        Case(
            "php2-php-parse-many",
            "php",
            "php",
            "build",
            'find src -name "*.php" -print0 | sort -z | xargs -0 -n1 php -l',
            {
                "src/a_ok.php": "<?php\necho 'ok';\n",
                "src/b_broken.php": "<?php\nclass B {\n    public function f() {\n        return 1\n    }\n}\n",
                "src/c_broken.php": "<?php\nfunction g() {\n    return [1, 2;\n}\n",
            },
            first_of(r"Parse error: .* in src/b_broken\.php on line \d+"),
            "php -l over every file through xargs: a clean file, then a parse error that stops xargs (a second broken file is not reached)",
            "php --version",
            alt_categories=["lint"],
            setup=PHP,
        ),
        Case(
            "php2-phpcs-emacs",
            "phpcs",
            "php",
            "lint",
            "phpcs --standard=PSR2 --report=emacs --no-colors src",
            {
                "src/Good.php": "<?php\n\nnamespace Acme;\n\nclass Good\n{\n}\n",
                "src/Bad.php": "<?php\nnamespace Acme;\nclass Bad {\n    public function f( $a ){ return $a; }\n}\n",
            },
            first_of(r"src/Bad\.php:\d+:\d+: (?:error|warning) - "),
            "phpcs --report=emacs: one line per finding",
            "phpcs --version",
            setup=PHP,
        ),
        Case(
            "php2-phpcs-warnings-first",
            "phpcs",
            "php",
            "lint",
            "phpcs --standard=PSR12 --no-colors -s src",
            {
                "src/A.php": "<?php\n\nnamespace Acme;\n\nclass A\n{\n    public function f()\n    {\n        $x = 'error: not a real error, a string';\n        return $x; // a comment that goes on and on and on and on and on and on and on and on and on and on and on and on and on and on and on and on\n    }\n}\n",
                "src/B.php": "<?php\nnamespace Acme;\nclass B {\n  var $x;\n}\n",
            },
            first_of(r"^FILE: ", r"^\s*\d+ \| (?:ERROR|WARNING) \| "),
            "phpcs -s: a clean file holding an 'error:' string, a file with six errors (their sniff codes on continuation rows)",
            "phpcs --version",
            setup=PHP,
        ),
    ]


def second_round() -> list[Case]:
    """Added after the first 44 were measured, committed before the analyzer ran on them."""
    lock = "GEM\n  remote: https://packages.example.com/\n  specs:\n    diff-lcs (1.3)\n    rake (12.3.3)\n    rspec (3.8.0)\n      rspec-core (~> 3.8.0)\n    rspec-core (3.8.0)\n\nPLATFORMS\n  ruby\n\nDEPENDENCIES\n  rake\n  rspec\n\nBUNDLED WITH\n   1.17.3\n"
    return [
        Case(
            "rb2-bundle-lock-missing",
            "bundler",
            "ruby",
            "dependency",
            "bundle exec rspec",
            {"Gemfile": 'source "https://packages.example.com"\n\ngem "rake"\ngem "rspec"\n', "Gemfile.lock": lock},
            first_of(r"Could not find rake-12\.3\.3, rspec-3\.8\.0, rspec-core-3\.8\.0 in any of the sources"),
            "bundle exec with a Gemfile.lock whose versions are not installed (the install step was skipped)",
            "bundle --version",
            env=BUNDLE_ENV,
            neutral_hosts=True,
            setup=RUBY,
        ),
        Case(
            "rb2-rspec-fail-fast-warnings",
            "rspec",
            "ruby",
            "test",
            "rspec --fail-fast --warnings",
            {
                "lib/calc.rb": CALC_RB.replace(
                    "  def self.mul(a, b)\n    a * b\n", "  def self.mul(a, b)\n    unused = 0\n    a * b\n"
                ),
                "spec/a_importer_spec.rb": LOGGER_SPEC,
                "spec/b_calc_spec.rb": 'require_relative "../lib/calc"\n\nRSpec.describe Calc do\n  it "multiplies" do\n    expect(Calc.mul(2, 3)).to eql(6.0)\n  end\nend\n',
                "spec/c_more_spec.rb": 'require_relative "../lib/calc"\n\nRSpec.describe "more" do\n  it "divides" do\n    expect(Calc.div(1, 0)).to eq(0)\n  end\nend\n',
            },
            section(
                r"^  1\) Calc multiplies$",
                inside=[r"^\s+Failure/Error: ", r"^\s+expected: 6\.0"],
                anywhere=[r"^rspec \./spec/b_calc_spec\.rb:4 # Calc multiplies"],
            ),
            "rspec --fail-fast --warnings: Ruby's warnings and a logger's ERROR line above the one failure it stops at",
            "rspec --version | tr '\\n' ' '",
            setup=RUBY,
        ),
        Case(
            "php2-composer-lock-php",
            "composer",
            "php",
            "dependency",
            "composer install --no-progress",
            {
                "composer.json": '{\n "name": "acme/calc",\n "repositories": [{"type": "path", "url": "packages/*"}, {"packagist": false}],\n "require": {"acme/report": "^1.0"}\n}\n',
                "packages/report/composer.json": '{"name": "acme/report", "version": "1.0.0", "require": {"php": ">=8.3"}}\n',
            },
            first_of(r"^    - acme/report 1\.0\.0 requires php >=8\.3 -> your php version \([\d.]+\) does not satisfy"),
            "composer install from a lock file made for a newer PHP than the job's (a version matrix)",
            "composer --version",
            alt_categories=["config"],
            env=COMPOSER_ENV,
            prepare="composer update --ignore-platform-reqs --no-install -q",
            setup=PHP,
        ),
        Case(
            "php2-phpunit-no-vendor",
            "phpunit",
            "php",
            "dependency",
            "phpunit --bootstrap vendor/autoload.php tests",
            {
                "tests/CalcTest.php": php_test(
                    "    public function testAdd(): void\n    {\n        $this->assertSame(3, 1 + 2);\n    }\n"
                )
            },
            first_of(r'^Cannot open file "vendor/autoload\.php"\.$'),
            "phpunit with Composer's autoloader as bootstrap, but no vendor directory (composer install did not run)",
            "phpunit --version",
            alt_categories=["config"],
            setup=PHP,
        ),
        Case(
            "php2-php-autoload-missing",
            "php",
            "php",
            "dependency",
            "php bin/console cache:clear",
            {"bin/console": '<?php\n\necho "booting kernel\\n";\nrequire __DIR__ . "/../vendor/autoload.php";\n'},
            first_of(
                r"^PHP Warning:  require\(\S*vendor/autoload\.php\): Failed to open stream",
                r"^PHP Fatal error:  Uncaught Error: Failed opening required",
            ),
            "a console script requires Composer's autoloader, which was never installed: PHP's warning, then its fatal error",
            "php --version",
            alt_categories=["build", "config"],
            setup=PHP,
        ),
        Case(
            "php2-phpunit-old-config",
            "phpunit",
            "php",
            "test",
            "phpunit",
            {
                "phpunit.xml": '<?xml version="1.0" encoding="UTF-8"?>\n<phpunit bootstrap="src/calc.php" colors="false">\n  <testsuites>\n    <testsuite name="unit">\n      <directory>tests</directory>\n    </testsuite>\n  </testsuites>\n  <filter>\n    <whitelist>\n      <directory>src</directory>\n    </whitelist>\n  </filter>\n</phpunit>\n',
                "src/calc.php": PHP_CALC,
                "tests/CalcTest.php": php_test(
                    "    public function testAdd(): void\n    {\n        $this->assertSame(3, add(1, 2));\n    }\n\n"
                    "    public function testMul(): void\n    {\n        $this->assertEquals(7, mul(2, 3), 'mul is wrong');\n    }\n\n"
                    "    public function testMulNegative(): void\n    {\n        $this->assertSame(-7, mul(-2, 3));\n    }\n"
                ),
            },
            section(
                r"^1\) CalcTest::testMul$",
                inside=[r"^mul is wrong$", r"^Failed asserting that 6 matches expected 7\.$"],
            ),
            "phpunit with a PHPUnit 8-era phpunit.xml (its deprecated-schema warning above), two failures",
            "phpunit --version",
            setup=PHP,
        ),
    ]


def ruby_php_cases() -> list[Case]:
    return (
        rake_cases()
        + bundler_cases()
        + rspec_cases()
        + other_ruby_cases()
        + phpunit_cases()
        + composer_cases()
        + php_other_cases()
        + second_round()
    )
