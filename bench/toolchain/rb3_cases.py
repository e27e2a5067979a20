# ruff: noqa: E501  (the tiny projects' files are written inline, one string each)
"""Toolchain development set: Rails and gem builds as Travis-era (and today's) CI printed them (``rb3-``).

Beside debian_cases.py's and ruby_php_cases.py's Ruby shapes: a Rails 6.1 app's ``bin/rails db:create`` /
``db:schema:load`` / ``db:migrate`` failing (no PostgreSQL server, a SQLite database whose directory is missing, an
adapter gem not in the bundle), ``rails test`` with an error and a failure and with migrations pending, rspec with
many failures and a ``Failed examples:`` list far below, rspec's ``An error occurred while loading``, Bundler's
``You have already activated`` Gem::LoadError, RuboCop's progress format with C/W/E offenses, ``rake aborted!`` with
its ``Caused by:`` chain and a segfault in a native call. Tools from Debian bookworm's archive (README.md, "Rails and
gem builds (rb3)"); no RubyGems access: ``bundle install --local`` resolves against Debian's installed gems. Some
logs are copied as Travis CI job logs (``rvm use``, ``bundle install --deployment``, ``The command ... exited with
1.``) by ``travis_copies`` (ci_wrap_cases.py's Travis wrapper). Labels follow bench/validation/README.md's
conventions, found from what each case knows, never by running the analyzer.
"""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import TYPE_CHECKING

from make_logs import Case, first_of, section

if TYPE_CHECKING:
    from ci_wrap_cases import Source

RUBY = "ruby/setup-ruby@v1"
ENV = {"BUNDLE_SILENCE_ROOT_WARNING": "1", "RAILS_ENV": "test"}
RAILS_VERSION = "rails --version"

GEMFILE = (
    'source "https://packages.example.com"\n\ngem "rails", "~> 6.1.7"\ngem "pg", "~> 1.1"\ngem "sqlite3", "~> 1.4"\n'
)
BOOT = 'ENV["BUNDLE_GEMFILE"] ||= File.expand_path("../Gemfile", __dir__)\nrequire "bundler/setup"\n'
APPLICATION = textwrap.dedent(
    """\
    require_relative "boot"
    require "rails"
    require "active_model/railtie"
    require "active_record/railtie"
    require "rails/test_unit/railtie"
    Bundler.require(*Rails.groups)

    module Shop
      class Application < Rails::Application
        config.load_defaults 6.1
        config.eager_load = false
      end
    end
    """
)
TEST_ENV = "Rails.application.configure do\n  config.cache_classes = true\n  config.eager_load = false\n  config.active_support.deprecation = :stderr\nend\n"
BIN_RAILS = '#!/usr/bin/env ruby\nAPP_PATH = File.expand_path("../config/application", __dir__)\nrequire_relative "../config/boot"\nrequire "rails/commands"\n'
SCHEMA = textwrap.dedent(
    """\
    ActiveRecord::Schema.define(version: 2026_01_10_120000) do
      create_table "products", force: :cascade do |t|
        t.string "name", null: false
        t.integer "price_cents", default: 0, null: false
        t.timestamps
      end
    end
    """
)
CREATE_PRODUCTS = "class CreateProducts < ActiveRecord::Migration[6.1]\n  def change\n    create_table :products do |t|\n      t.string :name, null: false\n      t.integer :price_cents, default: 0, null: false\n      t.timestamps\n    end\n  end\nend\n"
PRODUCT = textwrap.dedent(
    """\
    class Product < ApplicationRecord
      validates :name, presence: true

      def price
        price_cents / 100
      end

      def discounted(percent)
        logger.error("ERROR discount #{percent}% refused for product #{name}") if percent > 50
        price_cents * (100 - percent) / 100
      end

      def label
        "#{name} (#{format_price})"
      end
    end
    """
)
TEST_HELPER = 'ENV["RAILS_ENV"] ||= "test"\nrequire_relative "../config/environment"\nrequire "rails/test_help"\n\nclass ActiveSupport::TestCase\nend\n'
SQLITE_YML = "default: &default\n  adapter: sqlite3\n  pool: 5\n  timeout: 5000\n\ntest:\n  <<: *default\n  database: db/test.sqlite3\n"
PG_SOCKET_YML = "default: &default\n  adapter: postgresql\n  encoding: unicode\n  pool: 5\n\ntest:\n  <<: *default\n  database: shop_test\n"
PG_TCP_YML = "default: &default\n  adapter: postgresql\n  encoding: unicode\n  host: localhost\n  username: postgres\n  pool: 5\n\ntest:\n  <<: *default\n  database: shop_test\n"


def rails_app(database_yml: str, **extra: str) -> dict[str, str]:
    """A Rails 6.1 app as `rails new --minimal` would lay it out, trimmed to Active Record and the test runner."""
    files = {
        "Gemfile": GEMFILE,
        "Rakefile": 'require_relative "config/application"\n\nRails.application.load_tasks\n',
        "bin/rails": BIN_RAILS,
        "config/boot.rb": BOOT,
        "config/application.rb": APPLICATION,
        "config/environment.rb": 'require_relative "application"\n\nRails.application.initialize!\n',
        "config/environments/test.rb": TEST_ENV,
        "config/database.yml": database_yml,
        "app/models/application_record.rb": "class ApplicationRecord < ActiveRecord::Base\n  self.abstract_class = true\nend\n",
        "app/models/product.rb": PRODUCT,
        "db/schema.rb": SCHEMA,
        "db/migrate/20260110120000_create_products.rb": CREATE_PRODUCTS,
        "test/test_helper.rb": TEST_HELPER,
    }
    files.update({name.replace("__", "/").replace("_DOT_", "."): text for name, text in extra.items()})
    return files


BUNDLE = "chmod +x bin/rails && bundle install --local && "

PRODUCT_TEST = textwrap.dedent(
    """\
    require "test_helper"

    class ProductTest < ActiveSupport::TestCase
      test "requires a name" do
        assert_not Product.new(price_cents: 100).valid?
      end

      test "price in whole units" do
        product = Product.new(name: "Pen", price_cents: 250)
        assert_equal 2.5, product.price
      end

      test "big discount is logged" do
        product = Product.new(name: "Pen", price_cents: 1000)
        assert_equal 300, product.discounted(70)
      end

      test "label" do
        assert_equal "Pen (2.50)", Product.new(name: "Pen", price_cents: 250).label
      end
    end
    """
)
ORDER_TEST = textwrap.dedent(
    """\
    require "test_helper"

    class OrderTotalTest < ActiveSupport::TestCase
      test "sums line prices" do
        ActiveSupport::Deprecation.warn("Order#total_cents is deprecated, use Order#total instead")
        products = [Product.create!(name: "Pen", price_cents: 250), Product.create!(name: "Ink", price_cents: 400)]
        assert_equal 650, products.sum(&:price_cents)
      end

      test "rejects a nameless product" do
        assert_raises(ActiveRecord::RecordInvalid) { Product.create!(name: "Pen") }
      end

      test "counts products" do
        Product.create!(name: "Pen")
        assert_equal 2, Product.count
      end
    end
    """
)


def rails_cases() -> list[Case]:
    return [
        Case(
            "rb3-rails-db-create-pg",
            "rails",
            "ruby",
            "infrastructure",
            BUNDLE + "bin/rails db:create",
            rails_app(PG_SOCKET_YML),
            first_of(
                r'^connection to server on socket ".*" failed',
                r"^Couldn't create 'shop_test' database",
                r"^ActiveRecord::NoDatabaseError: ",
                r"^PG::ConnectionBad: ",
            ),
            "bin/rails db:create with no PostgreSQL server on the runner: libpq's message, Rails' `Couldn't create`, `rails aborted!` with NoDatabaseError caused by PG::ConnectionBad",
            RAILS_VERSION,
            alt_categories=["config"],
            setup=RUBY,
            env=ENV,
            neutral_hosts=True,
        ),
        Case(
            "rb3-rails-schema-load-tcp",
            "rails",
            "ruby",
            "infrastructure",
            BUNDLE + "bin/rails db:schema:load",
            rails_app(PG_TCP_YML),
            first_of(r"^ActiveRecord::ConnectionNotEstablished: ", r"^PG::ConnectionBad: "),
            "bin/rails db:schema:load against postgres on localhost, no service started: `rails aborted!` and the connection refused",
            RAILS_VERSION,
            alt_categories=["config"],
            setup=RUBY,
            env=ENV,
            neutral_hosts=True,
        ),
        Case(
            "rb3-rails-migrate-nodb",
            "rails",
            "ruby",
            "config",
            BUNDLE + "bin/rails db:migrate",
            rails_app(SQLITE_YML.replace("db/test.sqlite3", "tmp/db/test.sqlite3")),
            first_of(r"^ActiveRecord::NoDatabaseError: ", r"^Errno::ENOENT: "),
            "bin/rails db:migrate with a SQLite database whose directory does not exist: ActiveRecord::NoDatabaseError under `rails aborted!`",
            RAILS_VERSION,
            alt_categories=["infrastructure"],
            setup=RUBY,
            env=ENV,
            neutral_hosts=True,
        ),
        Case(
            "rb3-rails-adapter-missing",
            "rails",
            "ruby",
            "dependency",
            BUNDLE + "bin/rails db:create",
            rails_app(
                PG_TCP_YML.replace("postgresql", "mysql2").replace("unicode", "utf8mb4").replace("postgres\n", "root\n")
            ),
            first_of(
                r"^LoadError: Error loading the 'mysql2' Active Record adapter",
                r"^Gem::LoadError: mysql2 is not part of the bundle",
            ),
            "database.yml names the mysql2 adapter, the Gemfile does not have the gem: Active Record's Gem::LoadError under `rails aborted!`",
            RAILS_VERSION,
            alt_categories=["config"],
            setup=RUBY,
            env=ENV,
            neutral_hosts=True,
        ),
        Case(
            "rb3-rails-pending-migration",
            "rails",
            "ruby",
            "config",
            BUNDLE + "bin/rails test",
            rails_app(
                SQLITE_YML,
                **{
                    "db__migrate__20260201090000_add_sku_to_products_DOT_rb": "class AddSkuToProducts < ActiveRecord::Migration[6.1]\n  def change\n    add_column :products, :sku, :string\n  end\nend\n",
                    "test__models__product_test_DOT_rb": PRODUCT_TEST,
                },
            ),
            first_of(r"^Migrations are pending\. To resolve this issue, run:"),
            "rails test with a migration newer than db/schema.rb: rails/test_help's PendingMigrationError message, no test runs",
            RAILS_VERSION,
            alt_categories=["test"],
            setup=RUBY,
            env=ENV,
            neutral_hosts=True,
        ),
        Case(
            "rb3-rails-test-error-first",
            "rails",
            "ruby",
            "test",
            BUNDLE + "bin/rails test --seed 4242",
            rails_app(SQLITE_YML, test__models__product_test_DOT_rb=PRODUCT_TEST),
            section(
                r"^(Error|Failure):$",
                inside=[r"^ProductTest#test_\w+", r"^\w+(::\w+)*Error: |^Expected: ", r"^rails test test/"],
            ),
            "rails test (minitest): a logger's ERROR line, an `Error:` block (NameError) then a `Failure:` block, each with its `rails test file:line` rerun line, the counts below",
            RAILS_VERSION,
            setup=RUBY,
            env=ENV,
            neutral_hosts=True,
        ),
        Case(
            "rb3-rails-test-two-files",
            "rails",
            "ruby",
            "test",
            BUNDLE + "bin/rails test --seed 1234 -v",
            rails_app(
                SQLITE_YML,
                test__models__order_total_test_DOT_rb=ORDER_TEST,
                test__models__product_test_DOT_rb=PRODUCT_TEST.replace("Pen (2.50)", "Pen (2.5)").replace(
                    "(#{format_price})", ""
                ),
            ),
            section(
                r"^(Error|Failure):$",
                inside=[
                    r"^\w+Test#test_\w+",
                    r"^\w+(::\w+)*Error: |^Expected: |^\w+(::\w+)* expected",
                    r"^rails test test/",
                ],
            ),
            "rails test -v over two files: a deprecation warning, verbose per-test lines, failures and an error in both files",
            RAILS_VERSION,
            setup=RUBY,
            env=ENV,
            neutral_hosts=True,
        ),
    ]


CART_RB = textwrap.dedent(
    """\
    require "logger"

    class Cart
      LOG = Logger.new($stdout)

      def initialize(items = [])
        @items = items
      end

      def total
        @items.sum { |item| item[:price] * item[:qty] }
      end

      def discount(code)
        LOG.error("unknown discount code #{code}") unless code == "TEN"
        code == "TEN" ? total * 0.9 : total
      end

      def tax
        (total * 0.2).round
      end

      def empty?
        @items.empty?
      end
    end
    """
)
CART_SPEC = textwrap.dedent(
    """\
    require_relative "../lib/cart"

    RSpec.describe Cart do
      let(:cart) { Cart.new([{ price: 250, qty: 2 }, { price: 100, qty: 1 }]) }

      it "is empty without items" do
        expect(Cart.new).to be_empty
      end

      describe "#total" do
        it "sums price times quantity" do
          expect(cart.total).to eq(650)
        end

        it "ignores free items" do
          expect(Cart.new([{ price: 0, qty: 3 }]).total).to eq(0)
        end
      end

      describe "#discount" do
        it "takes ten percent off" do
          expect(cart.discount("TEN")).to eq(540)
        end

        it "logs an unknown code" do
          expect(cart.discount("NOPE")).to eq(600)
        end
      end

      describe "#tax" do
        it "is twenty percent, rounded" do
          expect(cart.tax).to eq(120)
        end

        it "handles items without quantity" do
          expect(Cart.new([{ price: 100 }]).tax).to eq(20)
        end
      end

      it "is not empty with items" do
        expect(cart).not_to be_empty
      end
    end
    """
)
USER_SPEC = textwrap.dedent(
    """\
    RSpec.describe "user names" do
      it "capitalises" do
        expect("ada lovelace".split.map(&:capitalize).join(" ")).to eq("Ada Lovelace")
      end

      it "keeps initials" do
        expect("j. r. r. tolkien".split.map(&:capitalize).join(" ")).to eq("J. R. R. Tolkien")
      end

      it "handles hyphens" do
        expect("mary-jane watson".split.map(&:capitalize).join(" ")).to eq("Mary-Jane Watson")
      end
    end
    """
)


def rspec_cases() -> list[Case]:
    return [
        Case(
            "rb3-rspec-many-failures",
            "rspec",
            "ruby",
            "test",
            "rspec --order defined --warnings",
            {
                ".rspec": "--require spec_helper\n",
                "spec/spec_helper.rb": 'RSpec.configure do |config|\n  config.expect_with :rspec do |c|\n    c.syntax = [:should, :expect]\n  end\nend\n\nwarn "DEPRECATION WARNING: Cart#discount with a String code is deprecated"\n',
                "lib/cart.rb": CART_RB,
                "spec/cart_spec.rb": CART_SPEC,
                "spec/user_spec.rb": USER_SPEC,
            },
            section(
                r"^  1\) ",
                inside=[r"^\s+Failure/Error: ", r"^\s+expected: "],
                anywhere=[r"^rspec \./spec/cart_spec\.rb:11 # Cart#total sums price times quantity"],
            ),
            "rspec with --warnings: a deprecation warning, a logger's ERROR line in the progress output, three failures (one an error) in two files, the `Failed examples:` list far below",
            "rspec --version | tr '\\n' ' '",
            setup=RUBY,
        ),
        Case(
            "rb3-rspec-load-name-error",
            "rspec",
            "ruby",
            "test",
            "rspec",
            {
                "lib/cart.rb": CART_RB,
                "spec/a_cart_spec.rb": 'require_relative "../lib/cart"\n\nRSpec.describe Cart do\n  it "is empty" do\n    expect(Cart.new).to be_empty\n  end\nend\n',
                "spec/b_invoice_spec.rb": 'require_relative "../lib/cart"\n\nRSpec.describe Invoice do\n  it "totals the cart" do\n    expect(Invoice.new(Cart.new).total).to eq(0)\n  end\nend\n',
                "spec/c_report_spec.rb": 'require_relative "../lib/cart"\nrequire "report/pdf"\n\nRSpec.describe "report" do\n  it "renders" do\n    expect(1).to eq(1)\n  end\nend\n',
            },
            section(
                r"^An error occurred while loading \./spec/b_invoice_spec\.rb",
                inside=[r"^NameError:|^\s+NameError:", r"uninitialized constant Invoice"],
            ),
            "rspec: a spec file names a class that does not exist (NameError at load), a second one requires a missing library (LoadError); no example runs, `2 errors occurred outside of examples`",
            "rspec --version | tr '\\n' ' '",
            setup=RUBY,
        ),
        Case(
            "rb3-rspec-segfault",
            "rspec",
            "ruby",
            "test",
            "rspec --order defined",
            {
                "lib/cart.rb": CART_RB,
                "spec/a_cart_spec.rb": 'require_relative "../lib/cart"\n\nRSpec.describe Cart do\n  it "is empty" do\n    expect(Cart.new).to be_empty\n  end\n\n  it "totals" do\n    expect(Cart.new([{ price: 1, qty: 2 }]).total).to eq(2)\n  end\nend\n',
                "spec/b_native_spec.rb": 'require "fiddle"\n\nRSpec.describe "native buffer" do\n  it "reads the first byte" do\n    buffer = Fiddle::Pointer.new(8)\n    expect(buffer[0]).to eq(0)\n  end\nend\n',
            },
            first_of(r"\[BUG\] Segmentation fault at 0x"),
            "a native call dereferences a bad pointer mid-run: Ruby's `[BUG] Segmentation fault` report with its frame dumps; the runner dies by SIGABRT",
            "rspec --version | tr '\\n' ' '",
            alt_categories=["build"],
            setup=RUBY,
        ),
    ]


def other_cases() -> list[Case]:
    return [
        Case(
            "rb3-bundler-already-activated",
            "bundler",
            "ruby",
            "dependency",
            "bundle install --local --quiet && ruby -Ilib -Itest test/cart_test.rb",
            {
                "Gemfile": 'source "https://packages.example.com"\n\ngem "minitest", "5.15.0"\n',
                "lib/cart.rb": CART_RB,
                "test/test_helper.rb": 'require "minitest/autorun"\nrequire "bundler/setup"\nrequire "cart"\n',
                "test/cart_test.rb": 'require "test_helper"\n\nclass CartTest < Minitest::Test\n  def test_empty\n    assert Cart.new.empty?\n  end\nend\n',
            },
            first_of(r"You have already activated minitest 5\.17\.0, but your Gemfile requires minitest 5\.15\.0"),
            "a test helper loads minitest before bundler/setup: Bundler's Gem::LoadError `You have already activated ...` with its backtrace",
            "bundle --version",
            env={"BUNDLE_SILENCE_ROOT_WARNING": "1"},
            setup=RUBY,
            neutral_hosts=True,
        ),
        Case(
            "rb3-rubocop-progress",
            "rubocop",
            "ruby",
            "lint",
            "rubocop lib",
            {
                ".rubocop.yml": "AllCops:\n  TargetRubyVersion: 3.1\n\nStyle/Documentation:\n  Enabled: false\n",
                "lib/cart.rb": CART_RB,
                "lib/report.rb": '# frozen_string_literal: true\n\nclass Report\n  def render(rows)\n    header = "error"\n    rows.map { |r| "#{r}" }\n  end\n\n  def save(path)\n    File.open(path, "w") { |f| f.write(render([])) }\n  rescue Exception => e\n    puts e\n  end\nend\n',
                "lib/z_legacy.rb": "# frozen_string_literal: true\n\nmodule Legacy\n  def self.call(x)\n    if x\n      :yes\n  end\nend\n",
                "lib/ok.rb": "# frozen_string_literal: true\n\nmodule Ok\n  def self.call\n    :ok\n  end\nend\n",
            },
            first_of(r"^lib/cart\.rb:1:1: C: "),
            "rubocop's progress format: the notice about pending new cops, C/W/E offenses in three files (E: a syntax error) with [Correctable] marks, the `files inspected, offenses detected` summary",
            "rubocop --version",
            setup=RUBY,
        ),
        Case(
            "rb3-rake-caused-by",
            "rake",
            "ruby",
            "build",
            "rake fixtures:load",
            {
                "Rakefile": textwrap.dedent(
                    """\
                    require "json"

                    namespace :fixtures do
                      task :check do
                        puts "checking fixtures: 3 files"
                        warn "warning: fixtures/legacy.json is deprecated and will be removed"
                      end

                      task load: :check do
                        begin
                          JSON.parse(File.read("fixtures/products.json"))
                        rescue JSON::ParserError
                          raise "could not load fixtures/products.json"
                        end
                      end
                    end
                    """
                ),
                "fixtures/products.json": '[{"name": "Pen", "price": 250},\n {"name": "Ink" "price": 400}]\n',
            },
            first_of(r"^could not load fixtures/products\.json$", r"^JSON::ParserError: "),
            "a task rescues a JSON::ParserError and raises its own error: `rake aborted!`, the message, `Caused by:` and the parser's error",
            "rake --version",
            alt_categories=["config"],
            setup=RUBY,
        ),
    ]


# --- second round (committed apart, before the analyzer ran on it) -------------------------------------------------

GEMFILE_LOCK = """GEM
  remote: https://packages.example.com/
  specs:
    diff-lcs (1.5.0)
    rake (13.0.6)
    rspec (3.12.0)
      rspec-core (~> 3.12.0)
      rspec-expectations (~> 3.12.0)
      rspec-mocks (~> 3.12.0)
    rspec-core (3.12.0)
      rspec-support (~> 3.12.0)
    rspec-expectations (3.12.1)
      diff-lcs (>= 1.2.0, < 2.0)
      rspec-support (~> 3.12.0)
    rspec-mocks (3.12.1)
      diff-lcs (>= 1.2.0, < 2.0)
      rspec-support (~> 3.12.0)
    rspec-support (3.12.0)

PLATFORMS
  x86_64-linux

DEPENDENCIES
  rake (~> 13.0)
  rspec (~> 3.12)

BUNDLED WITH
   2.3.15
"""
GEM_GEMFILE = 'source "https://packages.example.com"\n\ngem "rake", "~> 13.0"\ngem "rspec", "~> 3.12"\n'
SCHEMA_JSONB = SCHEMA.replace(
    '  create_table "products"', '  enable_extension "plpgsql"\n\n  create_table "products"'
).replace("    t.timestamps\n", '    t.jsonb "attrs", default: {}, null: false\n    t.timestamps\n')
RAKEFILE_DEFAULT = textwrap.dedent(
    """\
    require "rspec/core/rake_task"
    require "rubocop/rake_task"

    RuboCop::RakeTask.new(:rubocop) do |task|
      task.patterns = ["lib/ok.rb"]
    end
    RSpec::Core::RakeTask.new(:spec) do |task|
      task.rspec_opts = "--format documentation --order defined"
    end

    task default: %i[rubocop spec]
    """
)
SPEC_HELPER_COV = 'require "simplecov"\nSimpleCov.start do\n  add_filter "/spec/"\nend\n\nrequire "logger"\n'


def second_round() -> list[Case]:
    return [
        Case(
            "rb3-bundle-deployment-changed",
            "bundler",
            "ruby",
            "dependency",
            "bundle install --jobs=3 --retry=3 --deployment",
            {"Gemfile": GEM_GEMFILE + 'gem "simplecov", "~> 0.22"\n', "Gemfile.lock": GEMFILE_LOCK},
            first_of(r"^You are trying to install in deployment mode after changing$"),
            "bundle install --deployment (Travis's default with a Gemfile.lock) after a gem was added to the Gemfile only: Bundler's deprecation notice for the flag, then its refusal and the list of changes",
            "bundle --version",
            alt_categories=["config"],
            env={"BUNDLE_SILENCE_ROOT_WARNING": "1"},
            setup=RUBY,
            neutral_hosts=True,
        ),
        Case(
            "rb3-bundle-ruby-version-deploy",
            "bundler",
            "ruby",
            "config",
            "bundle install --jobs=3 --retry=3 --deployment",
            {"Gemfile": GEM_GEMFILE.replace("\n\ngem", '\n\nruby "2.7.8"\n\ngem', 1), "Gemfile.lock": GEMFILE_LOCK},
            first_of(r"^Your Ruby version is 3\.\d+\.\d+, but your Gemfile specified 2\.7\.8"),
            "bundle install --deployment on a Ruby other than the Gemfile's `ruby` line, after the flag's deprecation notice",
            "bundle --version",
            alt_categories=["dependency"],
            env={"BUNDLE_SILENCE_ROOT_WARNING": "1"},
            setup=RUBY,
            neutral_hosts=True,
        ),
        Case(
            "rb3-rails-schema-load-jsonb",
            "rails",
            "ruby",
            "config",
            BUNDLE + "bin/rails db:schema:load",
            {**rails_app(SQLITE_YML), "db/schema.rb": SCHEMA_JSONB},
            first_of(
                r"^NoMethodError: undefined method `jsonb' for #<ActiveRecord::ConnectionAdapters::SQLite3::TableDefinition"
            ),
            "a PostgreSQL schema.rb (t.jsonb) loaded into the SQLite test database: `rails aborted!`, a NoMethodError whose one line inspects the whole connection, `Did you mean?  json`",
            RAILS_VERSION,
            alt_categories=["build"],
            setup=RUBY,
            env=ENV,
            neutral_hosts=True,
        ),
        Case(
            "rb3-rspec-rails-pending-migration",
            "rspec",
            "ruby",
            "config",
            BUNDLE + "rspec",
            rails_app(
                SQLITE_YML,
                **{
                    "db__migrate__20260201090000_add_sku_to_products_DOT_rb": "class AddSkuToProducts < ActiveRecord::Migration[6.1]\n  def change\n    add_column :products, :sku, :string\n  end\nend\n",
                    "spec__rails_helper_DOT_rb": 'require_relative "../config/environment"\n\nActiveRecord::Migration.maintain_test_schema!\n',
                    "spec__models__product_spec_DOT_rb": 'require "rails_helper"\n\nRSpec.describe Product do\n  it "needs a name" do\n    expect(Product.new).not_to be_valid\n  end\nend\n',
                    "spec__models__price_spec_DOT_rb": 'RSpec.describe "price" do\n  it "formats cents" do\n    expect(format("%.2f", 250 / 100.0)).to eq("2.50")\n  end\nend\n',
                },
            ),
            section(
                r"^An error occurred while loading \./spec/models/product_spec\.rb",
                inside=[r"^ActiveRecord::PendingMigrationError:", r"^\s+Migrations are pending"],
            ),
            "rspec with a rails_helper calling maintain_test_schema!: a pending migration stops the spec file from loading (`An error occurred while loading`), the other file's example passes",
            "rspec --version | tr '\\n' ' '",
            alt_categories=["test"],
            setup=RUBY,
            env=ENV,
            neutral_hosts=True,
        ),
        Case(
            "rb3-rake-default-spec-simplecov",
            "rspec",
            "ruby",
            "test",
            "rake",
            {
                "Rakefile": RAKEFILE_DEFAULT,
                ".rspec": "--require spec_helper\n",
                ".rubocop.yml": "AllCops:\n  TargetRubyVersion: 3.1\n  NewCops: enable\n  SuggestExtensions: false\n",
                "spec/spec_helper.rb": SPEC_HELPER_COV,
                "lib/ok.rb": "# frozen_string_literal: true\n\n# Says ok.\nmodule Ok\n  def self.call\n    :ok\n  end\nend\n",
                "lib/cart.rb": CART_RB,
                "spec/cart_spec.rb": CART_SPEC,
                "spec/user_spec.rb": USER_SPEC,
            },
            section(
                r"^  1\) ",
                inside=[r"^\s+Failure/Error: ", r"^\s+expected: "],
                anywhere=[r"^rspec \./spec/cart_spec\.rb:11 # Cart#total sums price times quantity"],
            ),
            "rake's default task: RuboCop passes, then rspec --format documentation with three failures, simplecov's report line and rake's `rspec ... failed` below",
            "rspec --version | tr '\\n' ' '",
            setup=RUBY,
        ),
    ]


def rb3_cases() -> list[Case]:
    return rails_cases() + rspec_cases() + other_cases() + second_round()


# --- Travis CI copies ----------------------------------------------------------------------------------------------

TRAVIS_SOURCES = (
    "rb3-rails-schema-load-tcp",
    "rb3-rails-test-two-files",
    "rb3-rspec-many-failures",
    "rb3-rake-caused-by",
    "rb3-rake-default-spec-simplecov",
)
# Copies whose command is Travis's install phase: the job stops there (ci_wrap_cases.travis_stopped).
TRAVIS_INSTALL = ("rb3-bundle-deployment-changed", "rb3-bundle-ruby-version-deploy")


def travis_ruby(source: Source, variant: int, second: Source | None, install: bool = False) -> tuple[list[str], int]:
    """ci_wrap_cases.py's Travis job log, with what travis-build's ruby language prints before the script: `rvm use`
    (travis-build lib/travis/build/script/ruby.rb and shared/rvm.rb), `export BUNDLE_GEMFILE`, the versions, and
    `bundle install --jobs=3 --retry=3 --deployment` (lib/travis/build/script/shared/bundler.rb's default for a
    project with a Gemfile.lock). With ``install`` the failed command is the install phase's own and the job stops
    there (ci_wrap_cases.travis_stopped)."""
    from ci_wrap_cases import ESC, travis, travis_stopped

    if install:
        lines, first = travis_stopped(source, variant, None, "install")
        before = len(lines)
        at = first - 1  # the install fold's line, holding the failed command
    else:  # variant 2's second failing command would repeat this one: None
        lines, first = travis(source, variant, None)
        before = len(lines)
        at = next(i for i, line in enumerate(lines) if "$ bundle install --jobs=3 --retry=3" in line)
        lines[at] = lines[at].replace("--retry=3", "--retry=3 --deployment")
        lines[at + 1 : at + 3] = [
            "Using rake 13.0.6",
            "Using concurrent-ruby 1.1.6",
            "Using rails 6.1.7.10",
            "Bundle complete! 3 Gemfile dependencies, 52 gems now installed.",
            "Gems in the groups development and production were not installed.",
            "Bundled gems are installed into `./vendor/bundle`",
        ]
    rvm = [
        f"{ESC}[33;1mrvm use 3.1.2 --install --binary --fuzzy{ESC}[0m",
        f"{ESC}[32mUsing /home/travis/.rvm/gems/ruby-3.1.2{ESC}[0m",
        "$ export BUNDLE_GEMFILE=$PWD/Gemfile",
        "$ ruby --version",
        "ruby 3.1.2p20 (2022-04-12 revision 4491bb740a) [x86_64-linux]",
        "$ rvm --version",
        "rvm 1.29.12 (latest) by Michal Papis, Piotr Kuczynski, Wayne E. Seguin [https://rvm.io]",
        "$ bundle --version",
        "Bundler version 2.3.15",
        "$ gem --version",
        "3.3.15",
    ]
    lines[at:at] = rvm
    return lines, first + len(lines) - before


def travis_copies(out: Path, labels: dict[str, dict[str, object]]) -> dict[str, dict[str, object]]:
    """Some of the rb3- logs again as Travis CI job logs, named ``rb3-travis-<source>`` (not ci_wrap_cases.py's
    ``travis-`` prefix, which its --rewrap rewrites)."""
    from ci_wrap_cases import Wrapper, load_source, write

    made: dict[str, dict[str, object]] = {}
    for name in TRAVIS_SOURCES + TRAVIS_INSTALL:
        key = f"{name}.log"
        if key not in labels:  # not generated yet (--only names another rb3- case)
            continue
        source = load_source(out, key, labels[key])
        install = name in TRAVIS_INSTALL
        wrapper: Wrapper = lambda src, var, sec, install=install: travis_ruby(src, var, sec, install)  # noqa: E731
        for written, label in write(out, "rb3-travis-", "travis", wrapper, source, source).items():
            name = written.replace("rb3-travis-rb3-", "rb3-travis-")
            (out / f"{written}.gz").rename(out / f"{name}.gz")
            made[name] = label
    return made
