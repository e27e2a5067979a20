"""PyGithubGateway (real PyGithub, real HTTP) against LocalGitHub: logs, jobs, the one comment, errors, App auth."""

from __future__ import annotations

import contextlib
import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from ci_agent.github import (
    DEFAULT_COMMENT_MARKER,
    AppCredentials,
    GitHubError,
    GitHubGateway,
    GitHubUnavailable,
    JobUnreadable,
    LogsUnavailable,
    RateLimited,
    TokenCredentials,
)
from ci_agent.github.model import comment_marker
from ci_agent.github.pygithub_gateway import PyGithubGateway
from ci_agent.local.github import Fault, LocalGitHub

pytestmark = pytest.mark.integration

TOKEN = "ghp_local_test_token"  # the one token these tests' LocalGitHub accepts
TOKENS = (TOKEN,)
AUTH = {"Authorization": f"token {TOKEN}"}
# The pull requests the comment tests write on: GitHub answers 404 for a comment on one that does not exist.
COMMENTED_PULL_REQUESTS = (2, 3, 5, 8, 12, 14, 15)
REPO = "octo-org/octo-repo"
JOB_ID = 289782451
LOGS_PATH = f"/repos/{REPO}/actions/jobs/{JOB_ID}/logs"
FAILING_LOG = (
    "2021-08-05T10:26:27.0000000Z ##[group]Run yarn run format-check\n"
    "2021-08-05T10:26:28.0000000Z [warn] src/index.js\n"
    "2021-08-05T10:26:28.0000000Z ##[error]Process completed with exit code 1.\n"
)


@pytest.fixture
def github(tmp_path: Path) -> Iterator[LocalGitHub]:
    with LocalGitHub(fixtures_dir=tmp_path, tokens=TOKENS) as server:
        for number in COMMENTED_PULL_REQUESTS:
            server.add_pull_request(REPO, number, head_sha="1" * 40)
        yield server


def make_gateway(api_url: str, credentials: TokenCredentials | AppCredentials | None = None) -> PyGithubGateway:
    return PyGithubGateway(
        credentials or TokenCredentials(TOKEN),
        api_url,
        timeout_seconds=5,
        max_retries=2,
        retry_backoff_seconds=0.01,
        seconds_between_writes=None,
    )


@pytest.fixture
def gateway(github: LocalGitHub) -> Iterator[PyGithubGateway]:
    with make_gateway(github.api_url) as gateway:
        yield gateway


def write_log(github: LocalGitHub, job_id: int, content: bytes) -> None:
    assert github.fixtures_dir is not None
    path = github.fixtures_dir / REPO / "jobs" / f"{job_id}.log"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)


# -- logs ------------------------------------------------------------------------------------------


def test_fetch_job_log_follows_the_redirect_to_the_log_store(github: LocalGitHub, gateway: PyGithubGateway) -> None:
    write_log(github, JOB_ID, FAILING_LOG.encode())

    log = gateway.fetch_job_log(REPO, JOB_ID, max_bytes=1 << 20)

    assert log.content == FAILING_LOG.encode()
    assert not log.truncated
    assert log.total_bytes == len(FAILING_LOG)
    api, blob = github.received()
    assert (api.path, api.status) == (LOGS_PATH, 302)
    assert api.headers["authorization"] == "token ghp_local_test_token"
    assert blob.path == f"/_blobs/{REPO}/jobs/{JOB_ID}.log" and blob.status == 200
    assert "authorization" not in blob.headers  # the token never goes to the log store


def test_a_log_longer_than_max_bytes_keeps_its_tail_through_a_range_request(
    github: LocalGitHub, gateway: PyGithubGateway
) -> None:
    content = b"".join(f"line {n:05d}\n".encode() for n in range(5000)) + FAILING_LOG.encode()
    write_log(github, JOB_ID, content)

    log = gateway.fetch_job_log(REPO, JOB_ID, max_bytes=300)

    assert log.truncated
    assert log.content == content[-300:]
    assert log.content.endswith(b"##[error]Process completed with exit code 1.\n")
    assert log.total_bytes == len(content)
    ranged = github.received("/_blobs/*")[-1]
    assert ranged.status == 206
    assert ranged.headers["range"] == f"bytes={len(content) - 300}-"


def test_without_range_support_the_tail_is_kept_while_streaming(tmp_path: Path) -> None:
    content = bytes(range(256)) * 2000  # 512 kB, several chunks
    with (
        LocalGitHub(fixtures_dir=tmp_path, serve_ranges=False, tokens=TOKENS) as github,
        make_gateway(github.api_url) as gateway,
    ):
        write_log(github, JOB_ID, content)

        log = gateway.fetch_job_log(REPO, JOB_ID, max_bytes=100_000)

        assert log.truncated
        assert log.content == content[-100_000:]
        assert log.total_bytes == len(content)
        assert "range" not in github.received("/_blobs/*")[-1].headers


def test_a_log_of_exactly_max_bytes_is_not_truncated(github: LocalGitHub, gateway: PyGithubGateway) -> None:
    github.add_log(REPO, JOB_ID, b"x" * 64)

    log = gateway.fetch_job_log(REPO, JOB_ID, max_bytes=64)

    assert (log.content, log.truncated) == (b"x" * 64, False)


def test_a_missing_log_of_a_readable_job_is_unavailable_with_404(github: LocalGitHub, gateway: PyGithubGateway) -> None:
    github.set_run_jobs(REPO, JOB_ID // 100, [{"id": JOB_ID}])  # the job is there; its log is not

    with pytest.raises(LogsUnavailable) as caught:
        gateway.fetch_job_log(REPO, JOB_ID, max_bytes=1024)

    assert caught.value.status == 404
    assert not caught.value.retryable
    assert not isinstance(caught.value, JobUnreadable)  # expired, not out of reach


def test_a_job_that_itself_answers_404_is_unreadable_not_expired(gateway: PyGithubGateway) -> None:
    # What a private repository the credentials cannot read answers, as GitHub does: 404 for the job too.
    with pytest.raises(JobUnreadable) as caught:
        gateway.fetch_job_log("someone/private-repo", JOB_ID, max_bytes=1024)

    assert caught.value.status == 404


def test_an_expired_log_is_unavailable_with_410(github: LocalGitHub, gateway: PyGithubGateway) -> None:
    github.add_log(REPO, JOB_ID, FAILING_LOG)
    github.inject_fault(LOGS_PATH, Fault.gone())

    with pytest.raises(LogsUnavailable) as caught:
        gateway.fetch_job_log(REPO, JOB_ID, max_bytes=1024)

    assert caught.value.status == 410
    assert isinstance(caught.value.__cause__, Exception)  # the PyGithub exception is kept as the cause


def test_primary_rate_limit_is_reported_with_the_time_until_reset_without_waiting(
    github: LocalGitHub, gateway: PyGithubGateway
) -> None:
    github.add_log(REPO, JOB_ID, FAILING_LOG)
    github.inject_fault(LOGS_PATH, Fault.rate_limit_exhausted(reset_in_seconds=600))

    started = time.monotonic()
    with pytest.raises(RateLimited) as caught:
        gateway.fetch_job_log(REPO, JOB_ID, max_bytes=1024)

    assert time.monotonic() - started < 5  # PyGithub's default retry would sleep until the reset
    assert 595 <= caught.value.retry_after_seconds <= 602
    assert caught.value.status == 403
    assert len(github.received(LOGS_PATH)) == 1  # not retried


def test_secondary_rate_limit_uses_retry_after(github: LocalGitHub, gateway: PyGithubGateway) -> None:
    github.inject_fault(f"/repos/{REPO}/actions/runs/*", Fault.secondary_rate_limit(retry_after_seconds=45))

    with pytest.raises(RateLimited) as caught:
        gateway.list_failed_jobs(REPO, 42)

    assert (caught.value.status, caught.value.retry_after_seconds) == (429, 45)
    assert caught.value.retryable


def test_a_lasting_5xx_is_unavailable_after_a_bounded_retry(github: LocalGitHub, gateway: PyGithubGateway) -> None:
    github.add_log(REPO, JOB_ID, FAILING_LOG)
    github.inject_fault(LOGS_PATH, Fault.server_error(502), times=10)

    with pytest.raises(GitHubUnavailable) as caught:
        gateway.fetch_job_log(REPO, JOB_ID, max_bytes=1024)

    assert caught.value.status == 502
    assert len(github.received(LOGS_PATH)) == 3  # the first try and max_retries=2


def test_a_single_5xx_is_absorbed_by_the_retry(github: LocalGitHub, gateway: PyGithubGateway) -> None:
    github.add_log(REPO, JOB_ID, FAILING_LOG)
    github.inject_fault(LOGS_PATH, Fault.server_error(503))

    assert gateway.fetch_job_log(REPO, JOB_ID, max_bytes=1024).content == FAILING_LOG.encode()


def test_a_5xx_from_the_log_store_is_unavailable(github: LocalGitHub, gateway: PyGithubGateway) -> None:
    github.add_log(REPO, JOB_ID, FAILING_LOG)
    github.inject_fault("/_blobs/*", Fault.server_error(500), times=10)

    with pytest.raises(GitHubUnavailable):
        gateway.fetch_job_log(REPO, JOB_ID, max_bytes=1024)


def test_an_expired_download_url_is_worth_another_try(github: LocalGitHub, gateway: PyGithubGateway) -> None:
    github.add_log(REPO, JOB_ID, FAILING_LOG)
    github.inject_fault("/_blobs/*", Fault(status=403, message="Signature not valid in the specified time frame"))

    with pytest.raises(GitHubUnavailable) as caught:
        gateway.fetch_job_log(REPO, JOB_ID, max_bytes=1024)

    assert caught.value.status == 403 and caught.value.retryable


def test_a_redirect_without_location_is_an_error(github: LocalGitHub, gateway: PyGithubGateway) -> None:
    github.inject_fault(LOGS_PATH, Fault(status=302, message="Found"))

    with pytest.raises(GitHubError, match="without a Location"):
        gateway.fetch_job_log(REPO, JOB_ID, max_bytes=1024)


def test_arguments_are_checked_before_any_request(github: LocalGitHub, gateway: PyGithubGateway) -> None:
    with pytest.raises(ValueError, match="max_bytes"):
        gateway.fetch_job_log(REPO, JOB_ID, max_bytes=0)
    with pytest.raises(ValueError, match="owner/name"):
        gateway.list_failed_jobs("octo-repo", 1)
    with pytest.raises(ValueError, match="sha"):
        gateway.get_pull_request_numbers_for_sha(REPO, " ")

    assert github.received() == []


def test_no_server_at_all_is_unavailable(tmp_path: Path) -> None:
    with LocalGitHub(fixtures_dir=tmp_path, tokens=TOKENS) as github:
        api_url = github.api_url  # stopped on leaving: nothing listens on this port any more
    with make_gateway(api_url) as gateway, pytest.raises(GitHubUnavailable) as caught:
        gateway.list_failed_jobs(REPO, 42)

    assert caught.value.status is None
    assert isinstance(caught.value.__cause__, requests.ConnectionError)


# -- jobs ------------------------------------------------------------------------------------------


def test_list_failed_jobs_returns_the_failed_and_timed_out_jobs_of_the_run(
    github: LocalGitHub, gateway: PyGithubGateway
) -> None:
    failing_step = [{"number": 3, "name": "Run pytest", "status": "completed", "conclusion": "failure"}]
    build, test, lint, slow = github.set_run_jobs(
        REPO,
        7001,
        [
            {"name": "build", "conclusion": "success", "steps": []},
            {"name": "test (3.12)", "conclusion": "failure", "steps": failing_step},
            {"name": "lint", "conclusion": "cancelled", "steps": []},
            {"name": "e2e", "conclusion": "timed_out", "steps": []},
        ],
    )

    jobs = gateway.list_failed_jobs(REPO, 7001)

    assert [(job.id, job.name, job.conclusion) for job in jobs] == [
        (test, "test (3.12)", "failure"),
        (slow, "e2e", "timed_out"),
    ]
    first = jobs[0]
    assert (first.run_id, first.run_attempt) == (7001, 1)
    assert first.html_url == f"https://github.com/{REPO}/actions/runs/7001/job/{test}"
    assert first.failed_step == "Run pytest"
    assert {build, lint}.isdisjoint(job.id for job in jobs)


def test_list_failed_jobs_of_a_run_seeded_without_its_jobs_comes_from_the_recording(
    github: LocalGitHub, gateway: PyGithubGateway
) -> None:
    github.add_run(REPO, 55, name="CI")
    jobs = gateway.list_failed_jobs(REPO, 55)

    assert [(job.id, job.name, job.failed_step) for job in jobs] == [
        (5502, "test (3.12)", "Run pytest"),
        (5503, "linters", "Run yarn run format-check"),
    ]


def test_a_run_github_does_not_know_is_404_not_invented(gateway: PyGithubGateway) -> None:
    with pytest.raises(GitHubError) as raised:
        gateway.list_failed_jobs(REPO, 55)
    assert raised.value.status == 404


def test_only_the_latest_attempt_s_failed_jobs_are_listed(github: LocalGitHub, gateway: PyGithubGateway) -> None:
    github.set_run_jobs(
        REPO,
        31,
        [
            {"name": "test", "conclusion": "failure", "run_attempt": 1},
            {"name": "lint", "conclusion": "failure", "run_attempt": 1},
            {"name": "test", "conclusion": "failure", "run_attempt": 2},
            {"name": "lint", "conclusion": "success", "run_attempt": 2},
        ],
    )
    jobs = gateway.list_failed_jobs(REPO, 31)

    assert [(job.name, job.run_attempt) for job in jobs] == [("test", 2)]
    (request,) = github.received(f"/repos/{REPO}/actions/runs/31/jobs")
    assert "filter=latest" in request.query
    every = requests.get(
        f"{github.api_url}/repos/{REPO}/actions/runs/31/jobs?filter=all",
        headers=AUTH,
        timeout=5,
    ).json()
    assert every["total_count"] == 4


def test_list_failed_jobs_follows_pagination(github: LocalGitHub) -> None:
    github.set_run_jobs(REPO, 9, [{"name": f"shard {n}", "conclusion": "failure"} for n in range(1, 8)])
    with PyGithubGateway(TokenCredentials(TOKEN), github.api_url, per_page=3) as gateway:
        jobs = gateway.list_failed_jobs(REPO, 9)

    assert [job.name for job in jobs] == [f"shard {n}" for n in range(1, 8)]
    assert len(github.received(f"/repos/{REPO}/actions/runs/9/jobs")) == 3


# -- the one comment -------------------------------------------------------------------------------


def test_upsert_creates_the_comment_once_then_edits_it(github: LocalGitHub, gateway: PyGithubGateway) -> None:
    github.add_comment(REPO, 12, "LGTM, but CI is red")

    first = gateway.upsert_pull_request_comment(REPO, 12, DEFAULT_COMMENT_MARKER, "### 1 failed job\n- test")
    second = gateway.upsert_pull_request_comment(REPO, 12, DEFAULT_COMMENT_MARKER, "### 2 failed jobs\n- test\n- lint")

    assert (first.action, second.action) == ("created", "updated")
    assert first.id == second.id
    assert second.html_url.endswith(f"/{REPO}/pull/12#issuecomment-{first.id}")
    ours = [comment for comment in github.comments(REPO, 12) if DEFAULT_COMMENT_MARKER in comment.body]
    assert len(ours) == 1
    assert ours[0].body == f"{DEFAULT_COMMENT_MARKER}\n### 2 failed jobs\n- test\n- lint"
    assert (ours[0].author, ours[0].edits) == ("ci-agent[bot]", 1)
    assert github.comments(REPO, 12)[0].body == "LGTM, but CI is red"  # someone else's, untouched


def test_upsert_with_the_same_body_changes_nothing(github: LocalGitHub, gateway: PyGithubGateway) -> None:
    gateway.upsert_pull_request_comment(REPO, 12, DEFAULT_COMMENT_MARKER, "same")

    again = gateway.upsert_pull_request_comment(REPO, 12, DEFAULT_COMMENT_MARKER, "same")

    assert again.action == "unchanged"
    assert github.received(method="PATCH") == []


def test_upsert_finds_its_comment_beyond_the_first_page(github: LocalGitHub, gateway: PyGithubGateway) -> None:
    for n in range(120):
        github.add_comment(REPO, 5, f"review remark {n}")
    created = gateway.upsert_pull_request_comment(REPO, 5, DEFAULT_COMMENT_MARKER, "first report")

    updated = gateway.upsert_pull_request_comment(REPO, 5, DEFAULT_COMMENT_MARKER, "second report")

    assert updated.id == created.id and updated.action == "updated"
    assert len(github.comments(REPO, 5)) == 121


def test_upsert_skips_a_comment_by_someone_else_that_quotes_the_marker(
    github: LocalGitHub, gateway: PyGithubGateway
) -> None:
    github.add_comment(REPO, 8, f"why does the bot write {DEFAULT_COMMENT_MARKER}?")

    ref = gateway.upsert_pull_request_comment(REPO, 8, DEFAULT_COMMENT_MARKER, "report")

    assert ref.action == "created"
    assert [comment.author for comment in github.comments(REPO, 8)] == ["octocat", "ci-agent[bot]"]
    # Ours is told by its author, not by trying: a maintainer's comment that quotes the marker is never edited,
    # even though GitHub lets anyone with write access edit it.
    assert github.received(f"/repos/{REPO}/issues/comments/*", method="PATCH") == []
    assert len(github.received("/user")) == 1  # who we are is asked once


def test_a_comment_of_another_stack_is_left_to_it(github: LocalGitHub, gateway: PyGithubGateway) -> None:
    # Given the prod stack's comment on the pull request, by the same account
    prod, dev = comment_marker("prod"), comment_marker("dev")
    github.add_comment(REPO, 12, f"{prod}\nprod's report", by_bot=True)

    # When the dev stack comments, it keeps its own comment: neither overwrites the other
    gateway.upsert_pull_request_comment(REPO, 12, dev, "dev's report")
    gateway.upsert_pull_request_comment(REPO, 12, dev, "dev's second report")

    assert [comment.body for comment in github.comments(REPO, 12)] == [
        f"{prod}\nprod's report",
        f"{dev}\ndev's second report",
    ]
    assert DEFAULT_COMMENT_MARKER not in dev and "stage=dev" in dev


def test_a_rate_limited_edit_is_reported_not_skipped(github: LocalGitHub, gateway: PyGithubGateway) -> None:
    gateway.upsert_pull_request_comment(REPO, 3, DEFAULT_COMMENT_MARKER, "first")
    github.inject_fault(f"/repos/{REPO}/issues/comments/*", Fault.rate_limit_exhausted(30), method="PATCH")

    with pytest.raises(RateLimited):
        gateway.upsert_pull_request_comment(REPO, 3, DEFAULT_COMMENT_MARKER, "second")

    assert len(github.comments(REPO, 3)) == 1


def test_a_failed_create_is_not_retried(github: LocalGitHub, gateway: PyGithubGateway) -> None:
    github.inject_fault(f"/repos/{REPO}/issues/3/comments", Fault.server_error(502), method="POST", times=5)

    with pytest.raises(GitHubUnavailable):
        gateway.upsert_pull_request_comment(REPO, 3, DEFAULT_COMMENT_MARKER, "report")

    assert len(github.received(f"/repos/{REPO}/issues/3/comments", method="POST")) == 1  # never posts twice


# -- pull requests ---------------------------------------------------------------------------------


def test_pull_request_numbers_for_a_sha_are_the_open_ones(github: LocalGitHub, gateway: PyGithubGateway) -> None:
    sha = "ec26c3e57ca3a959ca5aad62de7213c562f8c821"
    github.add_pull_request(REPO, 2, head_sha=sha)
    github.add_pull_request(REPO, 1, head_sha=sha, state="closed")
    github.add_pull_request(REPO, 4, head_sha="0" * 40)

    github.add_commit(REPO, "f" * 40)

    assert gateway.get_pull_request_numbers_for_sha(REPO, sha) == [2]
    assert gateway.get_pull_request_numbers_for_sha(REPO, "f" * 40) == []  # a commit without pull requests


# -- GitHub App credentials ------------------------------------------------------------------------


def app_credentials() -> AppCredentials:
    """A GitHub App (id 123456, installation 654321) with a freshly generated private key."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    return AppCredentials(app_id=123456, private_key=pem, installation_id=654321)


def test_app_credentials_exchange_a_jwt_for_an_installation_token(github: LocalGitHub) -> None:
    github.add_log(REPO, JOB_ID, FAILING_LOG)
    credentials = app_credentials()

    with make_gateway(github.api_url, credentials) as gateway:
        first = gateway.fetch_job_log(REPO, JOB_ID, max_bytes=1024)
        gateway.upsert_pull_request_comment(REPO, 2, DEFAULT_COMMENT_MARKER, "report")

    assert first.content == FAILING_LOG.encode()
    (issued,) = github.access_tokens_issued()  # one token, reused for every later request
    assert (issued.installation_id, issued.app_id) == (654321, "123456")
    # least privilege: the token can read logs and runs, find pull requests, and comment; nothing else
    assert issued.permissions == {"actions": "read", "pull_requests": "read", "issues": "write", "metadata": "read"}
    exchange = github.received("/app/installations/*/access_tokens")[0]
    assert exchange.headers["authorization"].startswith("Bearer ")
    api_requests = [r for r in github.received("/repos/*") if not r.path.startswith("/app/")]
    assert api_requests and all(r.headers["authorization"] == f"token {issued.token}" for r in api_requests)


def test_the_fix_flow_gets_its_own_token_with_the_fix_flow_s_permissions(github: LocalGitHub) -> None:
    github.add_log(REPO, JOB_ID, FAILING_LOG)
    credentials = app_credentials()

    with make_gateway(github.api_url, credentials) as gateway:
        gateway.fetch_job_log(REPO, JOB_ID, max_bytes=1024)
        with contextlib.suppress(GitHubError):  # any call: the token is asked for first
            gateway.fixes.files_at(REPO, "0" * 40).read("README.md")

    analysis, fix_flow = (issued.permissions for issued in github.access_tokens_issued())
    assert analysis == {"actions": "read", "pull_requests": "read", "issues": "write", "metadata": "read"}
    assert fix_flow == {
        "actions": "write",
        "contents": "write",
        "pull_requests": "write",
        "issues": "write",
        "metadata": "read",
    }


def test_a_token_exchange_without_a_jwt_is_refused(github: LocalGitHub) -> None:
    answer = requests.post(
        f"{github.api_url}/app/installations/1/access_tokens", headers={"Authorization": "token nope"}, timeout=5
    )

    assert answer.status_code == 401
    assert github.access_tokens_issued() == []


# -- the local server itself -----------------------------------------------------------------------


def test_recordings_are_templated_with_the_requested_ids(github: LocalGitHub) -> None:
    base = github.api_url
    github.set_run_jobs("acme/widgets", 4242, [{"id": 424242}])
    github.add_pull_request("acme/widgets", 17, head_sha="2" * 40)

    job = requests.get(f"{base}/repos/acme/widgets/actions/jobs/424242", headers=AUTH, timeout=5).json()
    run = requests.get(f"{base}/repos/acme/widgets/actions/runs/4242", headers=AUTH, timeout=5).json()
    pull = requests.get(f"{base}/repos/acme/widgets/pulls/17", headers=AUTH, timeout=5).json()
    repository = requests.get(f"{base}/repos/acme/widgets", headers=AUTH, timeout=5).json()

    assert (job["id"], job["run_id"], job["url"]) == (424242, 4242, f"{base}/repos/acme/widgets/actions/jobs/424242")
    assert (run["id"], run["jobs_url"]) == (4242, f"{base}/repos/acme/widgets/actions/runs/4242/jobs")
    assert (pull["number"], pull["state"], pull["base"]["repo"]["full_name"]) == (17, "open", "acme/widgets")
    assert (repository["full_name"], repository["owner"]["login"]) == ("acme/widgets", "acme")


def test_rate_limit_endpoint_and_headers(github: LocalGitHub) -> None:
    answer = requests.get(f"{github.api_url}/rate_limit", headers=AUTH, timeout=5)

    core = answer.json()["resources"]["core"]
    assert core["limit"] == 5000 and core["remaining"] == 5000 - core["used"]
    assert answer.headers["x-ratelimit-limit"] == "5000"


def test_the_log_store_refuses_a_request_that_carries_the_token(github: LocalGitHub) -> None:
    github.add_log(REPO, JOB_ID, FAILING_LOG)
    redirect = requests.get(f"{github.api_url}{LOGS_PATH}", headers=AUTH, allow_redirects=False, timeout=5)

    leaked = requests.get(redirect.headers["Location"], headers={"Authorization": "token secret"}, timeout=5)
    suffix = requests.get(redirect.headers["Location"], headers={"Range": "bytes=-10"}, timeout=5)

    assert redirect.status_code == 302
    assert leaked.status_code == 400
    assert (suffix.status_code, suffix.content) == (206, FAILING_LOG.encode()[-10:])


def test_faults_apply_to_the_next_n_matching_requests_only(github: LocalGitHub) -> None:
    github.inject_fault("/repos/*/pulls/*", Fault.server_error(503), times=2)
    url = f"{github.api_url}/repos/{REPO}/pulls/2"

    statuses = [requests.get(url, headers=AUTH, timeout=5).status_code for _ in range(3)]

    assert statuses == [503, 503, 200]


def test_faults_can_be_spread_over_the_matching_requests(github: LocalGitHub) -> None:
    github.inject_fault("/repos/*/pulls/*", Fault.server_error(503), times=2, every=2)
    url = f"{github.api_url}/repos/{REPO}/pulls/2"

    statuses = [requests.get(url, headers=AUTH, timeout=5).status_code for _ in range(6)]

    assert statuses == [200, 503, 200, 503, 200, 200]


def test_the_gateway_satisfies_the_protocol(gateway: PyGithubGateway) -> None:
    as_protocol: GitHubGateway = gateway
    assert isinstance(as_protocol, PyGithubGateway)


def test_an_unknown_endpoint_is_a_plain_github_error(github: LocalGitHub, gateway: PyGithubGateway) -> None:
    github.inject_fault(f"/repos/{REPO}/actions/runs/*", Fault(status=401, message="Bad credentials"))

    with pytest.raises(GitHubError) as caught:
        gateway.list_failed_jobs(REPO, 1)

    assert type(caught.value) is GitHubError and caught.value.status == 401


def test_two_workers_creating_the_comment_at_once_leave_one(github: LocalGitHub, gateway: PyGithubGateway) -> None:
    # Another worker creates its comment between our finding none and our creating ours
    def other_worker() -> None:
        github.add_comment(REPO, 14, f"{DEFAULT_COMMENT_MARKER}\nreport from the other worker", by_bot=True)

    github.interleave(f"/repos/{REPO}/issues/14/comments", other_worker, method="POST")

    ref = gateway.upsert_pull_request_comment(REPO, 14, DEFAULT_COMMENT_MARKER, "our report")

    [kept] = github.comments(REPO, 14)
    assert kept.body.endswith("our report")  # the oldest comment survives with the latest body
    assert ref.id == kept.id and ref.action == "updated"
    assert len(github.received(f"/repos/{REPO}/issues/comments/*", method="DELETE")) == 1


def test_a_duplicate_is_not_resolved_onto_someone_elses_comment(github: LocalGitHub, gateway: PyGithubGateway) -> None:
    github.interleave(
        f"/repos/{REPO}/issues/15/comments",
        lambda: github.add_comment(REPO, 15, f"quoting {DEFAULT_COMMENT_MARKER} in a review"),
        method="POST",
    )
    ref = gateway.upsert_pull_request_comment(REPO, 15, DEFAULT_COMMENT_MARKER, "our report")
    bodies = [comment.body for comment in github.comments(REPO, 15)]
    assert bodies[0] == f"quoting {DEFAULT_COMMENT_MARKER} in a review"  # not ours: untouched
    assert bodies[1].endswith("our report") and ref.action == "created"


# -- the local server fails as GitHub does ----------------------------------------------------------


@pytest.mark.parametrize(
    ("headers", "message"),
    [({}, "Requires authentication"), ({"Authorization": "token not-a-token-it-knows"}, "Bad credentials")],
)
def test_requests_without_known_credentials_are_401(github: LocalGitHub, headers: dict[str, str], message: str) -> None:
    answer = requests.get(f"{github.api_url}/repos/{REPO}/pulls/2", headers=headers, timeout=5)
    assert (answer.status_code, answer.json()["message"]) == (401, message)


def test_a_gateway_with_a_bad_token_gets_a_permanent_401(github: LocalGitHub) -> None:
    with (
        PyGithubGateway(TokenCredentials("ghp_revoked"), github.api_url) as gateway,
        pytest.raises(GitHubError) as raised,
    ):
        gateway.get_pull_request_numbers_for_sha(REPO, "1" * 40)
    assert raised.value.status == 401 and not raised.value.retryable


_SAMPLE_PARAMETERS = {"owner": "nobody", "repo": "nothing", "sha": "a" * 40, "file_path": "README.md"}
# A body each write route's description accepts, so that the 404 is about the repository and nothing else.
_SAMPLE_BODIES = {
    ("POST", "/git/blobs"): {"content": "x"},
    ("POST", "/git/trees"): {"tree": []},
    ("POST", "/git/commits"): {"message": "m", "tree": "a" * 40},
    ("POST", "/git/refs"): {"ref": "refs/heads/x", "sha": "a" * 40},
    ("PATCH", "/git/refs/main"): {"sha": "a" * 40},
    ("POST", "/pulls"): {"title": "t", "head": "x", "base": "main"},
    ("POST", "/issues"): {"title": "t"},
    ("POST", "/issues/1/comments"): {"body": "b"},
    ("PATCH", "/issues/comments/1"): {"body": "b"},
    ("POST", "/labels"): {"name": "n"},
    ("POST", "/issues/1/labels"): {"labels": ["n"]},
}


def _sample_path(pattern: str) -> str:
    """A concrete path for one of the local GitHub's route patterns: numbers are 1, other names ``main``."""

    def sample(group: re.Match[str]) -> str:
        name, expression = group.group(1), group.group(2)
        return _SAMPLE_PARAMETERS.get(name) or ("1" if expression == r"\d+" else "main")

    return re.sub(r"\(\?P<(\w+)>([^)]*)\)", sample, pattern)


def test_every_route_of_a_repository_nobody_seeded_is_404(github: LocalGitHub) -> None:
    # GitHub answers 404 for a repository that does not exist and for one the credentials cannot read, on every
    # route under it (and the contract check holds each answer to the route's own description).
    routes = [
        (method, pattern.pattern) for method, pattern, _ in github._routes if pattern.pattern.startswith("/repos/")
    ]
    assert len(routes) > 30
    prefix = "/repos/nobody/nothing"
    for method, pattern in routes:
        path = _sample_path(pattern)
        body = _SAMPLE_BODIES.get((method, path.removeprefix(prefix))) if method in ("POST", "PATCH") else None
        answer = requests.request(method, f"{github.api_url}{path}", json=body, headers=AUTH, timeout=5)
        assert (answer.status_code, answer.json()["message"]) == (404, "Not Found"), f"{method} {path}"
    assert requests.get(f"{github.api_url}/repos/{REPO}", headers=AUTH, timeout=5).status_code == 200


def test_a_repository_exists_once_seeded_by_any_call_or_by_its_fixture_directory(github: LocalGitHub) -> None:
    assert github.fixtures_dir is not None
    (github.fixtures_dir / "acme" / "from-fixtures").mkdir(parents=True)
    github.add_repository("acme/empty")
    github.add_log("acme/with-a-log", JOB_ID, FAILING_LOG)
    github.add_pull_request("acme/base", 1, head_sha="1" * 40, head_repo="fork-owner/base")

    for repo in ("acme/from-fixtures", "acme/empty", "acme/with-a-log", "acme/base", "fork-owner/base"):
        assert requests.get(f"{github.api_url}/repos/{repo}", headers=AUTH, timeout=5).status_code == 200, repo
    for repo in ("acme/never-seeded", "acme/%2E%2E"):
        assert requests.get(f"{github.api_url}/repos/{repo}", headers=AUTH, timeout=5).status_code == 404, repo
    with pytest.raises(ValueError, match="not a repository name"):
        github.add_repository("acme/../../etc")


def test_a_repository_github_does_not_show_is_a_permanent_404_for_every_gateway_call(
    gateway: PyGithubGateway,
) -> None:
    calls = {
        "comment": lambda: gateway.upsert_pull_request_comment("nobody/nothing", 2, DEFAULT_COMMENT_MARKER, "x"),
        "pulls of a commit": lambda: gateway.get_pull_request_numbers_for_sha("nobody/nothing", "1" * 40),
        "jobs of a run": lambda: gateway.list_failed_jobs("nobody/nothing", 1),
        "repository": lambda: gateway.fixes.repository_facts("nobody/nothing"),
    }
    for what, call in calls.items():
        with pytest.raises(GitHubError) as raised:
            call()
        assert (raised.value.status, raised.value.retryable) == (404, False), what


def test_a_job_github_does_not_know_is_404(github: LocalGitHub) -> None:
    answer = requests.get(f"{github.api_url}/repos/{REPO}/actions/jobs/777", headers=AUTH, timeout=5)
    assert answer.status_code == 404


def test_a_comment_on_an_issue_that_does_not_exist_is_404(gateway: PyGithubGateway) -> None:
    with pytest.raises(GitHubError) as raised:
        gateway.upsert_pull_request_comment(REPO, 999, DEFAULT_COMMENT_MARKER, "report")
    assert raised.value.status == 404


def test_a_comment_over_65536_characters_is_422(github: LocalGitHub) -> None:
    url = f"{github.api_url}/repos/{REPO}/issues/2/comments"
    too_long = requests.post(url, json={"body": "x" * 65537}, headers=AUTH, timeout=5)
    longest = requests.post(url, json={"body": "x" * 65536}, headers=AUTH, timeout=5)
    assert (too_long.status_code, longest.status_code) == (422, 201)
    assert "too long" in too_long.json()["errors"][0]["message"]


def test_pull_requests_of_a_commit_github_does_not_know_is_422(gateway: PyGithubGateway) -> None:
    with pytest.raises(GitHubError) as raised:
        gateway.get_pull_request_numbers_for_sha(REPO, "e" * 40)
    assert raised.value.status == 422


def test_a_fork_s_commit_has_no_pull_requests_in_the_base_repository(
    github: LocalGitHub, gateway: PyGithubGateway
) -> None:
    # GitHub lists a pull request for a commit only when the commit is the base repository's
    github.add_pull_request(REPO, 40, head_sha="4" * 40, head_repo="someone/octo-repo", head_ref="fix")
    assert gateway.get_pull_request_numbers_for_sha(REPO, "4" * 40) == []
    forks = requests.get(
        f"{github.api_url}/repos/{REPO}/pulls", params={"head": "someone:fix"}, headers=AUTH, timeout=5
    ).json()
    assert [(pull["number"], pull["head"]["sha"]) for pull in forks] == [(40, "4" * 40)]


def test_a_fork_s_pull_request_is_found_by_its_head_and_commit(github: LocalGitHub, gateway: PyGithubGateway) -> None:
    github.add_pull_request(REPO, 41, head_sha="4" * 40, head_repo="someone/octo-repo", head_ref="fix")
    github.add_pull_request(REPO, 42, head_sha="5" * 40, head_repo="other/octo-repo", head_ref="fix")

    assert gateway.get_fork_pull_request_numbers(REPO, "someone", "fix", "4" * 40) == [41]
    assert gateway.get_fork_pull_request_numbers(REPO, "someone", "fix", "6" * 40) == []  # moved on since


def test_a_log_url_used_after_it_expired_is_refused(tmp_path: Path) -> None:
    with LocalGitHub(fixtures_dir=tmp_path, tokens=TOKENS, log_url_ttl_seconds=0) as github:
        github.add_log(REPO, JOB_ID, FAILING_LOG)
        redirect = requests.get(f"{github.api_url}{LOGS_PATH}", headers=AUTH, allow_redirects=False, timeout=5)
        time.sleep(1.1)
        expired = requests.get(redirect.headers["Location"], timeout=5)
        unsigned = requests.get(redirect.headers["Location"].partition("?")[0], timeout=5)
    assert (expired.status_code, unsigned.status_code) == (403, 403)
