"""A local GitHub: the REST endpoints ci-agent uses, on 127.0.0.1, laid out by resource.

Tests and the local stack point ``PyGithubGateway`` at ``LocalGitHub.api_url`` and exercise the real PyGithub
code over real HTTP. Responses are shaped like GitHub's (the recordings in ``../recordings`` come from octokit's
payload examples), with state kept per repository: a Git object store with real SHA-1s and refs (``git``,
``repos``), workflow runs, jobs, logs and re-runs (``actions``), pull requests (``pulls``), issues, comments and
labels (``issues``), App tokens and the rate limit (``apps``). Every request is recorded (``received``), faults
can be injected (``inject_fault``), and the runs a push or a re-run starts are delivered back as signed
``workflow_run`` webhooks with the conclusion a scenario scripts (``script_verdict``; default: they pass).

It fails as GitHub does: 401 for a token it does not know (the App token exchange checks only that a JWT was
sent, and issues a token), and 404 on every route of a repository nobody seeded (``add_repository``, any other
seeding call naming it, or a fixture directory), as GitHub answers for a repository that does not exist or that
the credentials cannot read.
"""

from ci_agent.local.github.actions import JOB_IDS_PER_RUN, VerdictScript
from ci_agent.local.github.apps import IssuedToken
from ci_agent.local.github.core import Fault, RecordedRequest, recording, render
from ci_agent.local.github.issues import RecordedComment, RecordedIssue
from ci_agent.local.github.pulls import RecordedPull
from ci_agent.local.github.server import DEFAULT_HEAD_SHA, LocalGitHub

__all__ = [
    "DEFAULT_HEAD_SHA",
    "JOB_IDS_PER_RUN",
    "Fault",
    "IssuedToken",
    "LocalGitHub",
    "RecordedComment",
    "RecordedIssue",
    "RecordedPull",
    "RecordedRequest",
    "VerdictScript",
    "recording",
    "render",
]
