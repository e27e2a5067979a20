"""Android builds as Gradle prints them: lint's first error and a device test's failure are the culprits, not the
task that failed on them."""

from __future__ import annotations

from ci_agent.analysis import Category
from tests.job_logs import step_log, verdict

GRADLE_CLOSING = ("", "FAILURE: Build failed with an exception.", "", "* What went wrong:")


def test_android_lint_names_its_first_error_not_the_vital_task() -> None:
    # Given lintVitalRelease: a warning, two errors, then Gradle's account of the failed task
    first = (
        "/home/runner/work/app/app/app/src/main/res/layout/main.xml:12: Error: Missing translation [MissingTranslation]"
    )
    log = step_log(
        "./gradlew assembleRelease",
        "> Task :app:lintVitalRelease",
        "app/src/main/AndroidManifest.xml:8: Warning: Not targeting the latest versions [OldTargetApi]",
        first,
        "app/build.gradle: Error: Google Play requires that apps target API level 31. [ExpiredTargetSdkVersion]",
        *GRADLE_CLOSING,
        "Execution failed for task ':app:lintVitalRelease'.",
        "> Lint found fatal errors while assembling a release target.",
    )
    # Then the first error is the culprit, a lint failure
    assert verdict(log) == (Category.LINT, first, "android-lint-error")


def test_a_device_test_named_with_its_device_is_the_culprit() -> None:
    # Given connectedAndroidTest: a failing Espresso test named with its emulator, the line ending in a space
    failed = "com.acme.MainActivityTest > clickButton[test(AVD) - 5.1] FAILED "
    log = step_log(
        "./gradlew connectedCheck",
        "> Task :app:connectedDebugAndroidTest",
        "Starting 3 tests on test(AVD) - 5.1",
        failed,
        "\tandroid.support.test.espresso.NoMatchingViewException: No views in hierarchy found matching: id: button",
        "> Task :app:connectedDebugAndroidTest FAILED",
        *GRADLE_CLOSING,
    )
    # Then the test is the culprit, a test failure
    assert verdict(log) == (Category.TEST, failed.strip(), "gradle-failed-test")
