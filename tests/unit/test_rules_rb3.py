"""Ruby rules on job logs built from real tool output: the Rails test runner's failures, pending migrations and a
crash in a native call.

Every output below was printed by the tool itself on the development machine, shortened (bench/toolchain/rb3_cases.py
generates it: Ruby 3.1.2, Rails 6.1.7, minitest 5.17.0, RSpec 3.12). Each test asserts the category and that the
culprit is the first specific failure, not the runner's count or a later failure.
"""

from __future__ import annotations

from ci_agent.analysis import Category, analyze_log
from tests.job_logs import culprit_text, job_log


def verdict(step: str, *output: str) -> tuple[Category, str, str | None]:
    log = job_log(step, list(output))
    analysis = analyze_log(log)
    return analysis.category, culprit_text(log), analysis.rule


def test_rails_test_reports_the_first_failed_test_not_the_count() -> None:
    # Given `rails test -v`: a deprecation warning, a failure, an error in another file, then the counts
    output = (
        "Run options: --seed 1234 -v",
        "",
        "# Running:",
        "",
        "OrderTotalTest#test_counts_products = 0.03 s = F",
        "",
        "",
        "Failure:",
        "OrderTotalTest#test_counts_products [/home/runner/work/acme/acme/test/models/order_total_test.rb:16]:",
        "Expected: 2",
        "  Actual: 1",
        "",
        "rails test test/models/order_total_test.rb:14",
        "",
        "DEPRECATION WARNING: Order#total_cents is deprecated, use Order#total instead",
        "ProductTest#test_label = 0.00 s = E",
        "",
        "",
        "Error:",
        "ProductTest#test_label:",
        "NameError: undefined local variable or method `format_price' for #<Product id: nil>",
        "    app/models/product.rb:14:in `label'",
        "",
        "rails test test/models/product_test.rb:18",
        "",
        "Finished in 0.102599s, 68.2268 runs/s, 58.4801 assertions/s.",
        "7 runs, 6 assertions, 3 failures, 1 errors, 0 skips",
    )
    # When the job log is analysed
    category, culprit, rule = verdict("bin/rails test -v", *output)
    # Then the first failed test's location line is the culprit
    assert category is Category.TEST
    assert culprit.startswith("OrderTotalTest#test_counts_products [")
    assert rule == "minitest-result-location"


def test_rails_pending_migrations_message_is_a_configuration_failure() -> None:
    # Given rails/test_help printing PendingMigrationError's message (without its class name) and exiting
    output = (
        "Migrations are pending. To resolve this issue, run:",
        "",
        "        bin/rails db:migrate RAILS_ENV=test",
        "",
        "You have 1 pending migration:",
        "",
        "20260201090000_add_sku_to_products.rb",
    )
    # When the job log is analysed
    category, culprit, rule = verdict("bin/rails test", *output)
    # Then the message's first line is the culprit, not the migration's file name at the end
    assert category is Category.CONFIG
    assert culprit == "Migrations are pending. To resolve this issue, run:"
    assert rule == "rails-pending-migrations"


def test_ruby_crash_report_names_the_bug_line_not_the_memory_map() -> None:
    # Given rspec's progress dots, then Ruby's [BUG] report ending in the process's memory map
    output = (
        "../home/runner/work/acme/acme/spec/b_native_spec.rb:6: [BUG] Segmentation fault at 0x0000000000000008",
        "ruby 3.1.2p20 (2022-04-12 revision 4491bb740a) [x86_64-linux-gnu]",
        "",
        "-- Control frame information -----------------------------------------------",
        "c:0028 p:---- s:0140 e:000139 CFUNC  :[]",
        "-- C level backtrace information -------------------------------------------",
        "/lib/x86_64-linux-gnu/libruby-3.1.so.3.1(rb_vm_bugreport+0x5cf) [0x7f2a1b2c3d4e]",
        "-- Other runtime information -----------------------------------------------",
        "7fffdc83e000-7fffdd03d000 rw-p 00000000 00:00 0                          [stack]",
        "ffffffffff600000-ffffffffff601000 --xp 00000000 00:00 0                  [vsyscall]",
    )
    # When the job log is analysed
    category, culprit, rule = verdict("rspec --order defined", *output)
    # Then the [BUG] line is the culprit
    assert category is Category.TEST
    assert culprit.endswith("b_native_spec.rb:6: [BUG] Segmentation fault at 0x0000000000000008")
    assert rule == "ruby-bug-crash"


def test_bundler_deployment_refusal_is_the_culprit_not_the_list_of_changes() -> None:
    # Given `bundle install --deployment` after a gem was added to the Gemfile only: the flag's deprecation notice,
    # Bundler's refusal, then the changes it found
    output = (
        "[DEPRECATED] The `--deployment` flag is deprecated because it relies on being remembered across bundler"
        " invocations, which bundler will no longer do in future versions. Instead please use `bundle config set"
        " --local deployment 'true'`, and stop using this flag",
        "You are trying to install in deployment mode after changing",
        "your Gemfile. Run `bundle install` elsewhere and add the",
        "updated Gemfile.lock to version control.",
        "",
        "The dependencies in your gemfile changed",
        "",
        "You have added to the Gemfile:",
        "* simplecov (~> 0.22)",
    )
    # When the job log is analysed
    category, culprit, rule = verdict("bundle install --jobs=3 --retry=3 --deployment", *output)
    # Then Bundler's refusal is the culprit
    assert category is Category.DEPENDENCY
    assert culprit == "You are trying to install in deployment mode after changing"
    assert rule == "bundler-deployment-gemfile-changed"


def test_schema_column_type_the_adapter_lacks_is_a_configuration_failure() -> None:
    # Given `rails db:schema:load` of a PostgreSQL schema into SQLite: rake's abort, the NoMethodError, its caret
    output = (
        "rails aborted!",
        "NoMethodError: undefined method `jsonb' for #<ActiveRecord::ConnectionAdapters::SQLite3::TableDefinition"
        ":0x00007fddba8c2158 @conn=#<ActiveRecord::ConnectionAdapters::SQLite3Adapter:0x00007fddbb050690 ...>>",
        "",
        '    t.jsonb "attrs", default: {}, null: false',
        "     ^^^^^^",
        "Did you mean?  json",
        "/home/runner/work/acme/acme/db/schema.rb:7:in `block (2 levels) in <top (required)>'",
        "Tasks: TOP => db:schema:load",
        "(See full trace by running task with --trace)",
    )
    # When the job log is analysed
    category, culprit, rule = verdict("bin/rails db:schema:load", *output)
    # Then the NoMethodError naming the column type is the culprit, as a configuration failure
    assert category is Category.CONFIG
    assert culprit.startswith("NoMethodError: undefined method `jsonb' for #<ActiveRecord::ConnectionAdapters::SQLite3")
    assert rule == "rails-schema-column-type-unknown"
