"""The analyzer: one GitHub Actions job log in, one diagnosis out.

How a verdict is reached, cheapest first:
1. The failed step is located from the runner's own structure: the step (``##[group]Run ...``) that holds
   the first ``##[error]`` line. Without that marker the whole log is the step.
2. The step is searched from the bottom up, a chunk of a few MiB at a time: colour codes are removed from the
   chunk (newlines are kept, so line numbers stay those of the original log), RE2 set passes tell which
   rules match somewhere in it, and their lines are read most specific rule first, nearest the bottom first,
   a bounded number per rule. The search stops at the first chunk that holds a tool's own diagnostic, so a
   50 MB log that fails at the end costs little more than reading it, and one whose every third line looks
   like an error costs no more.
3. The verdict is the match with the highest rank: inside the failed step first, then not a side failure (a
   line that says it will retry or was ignored, or that the last passing run printed too), then rule
   priority, then the line nearest the bottom of the log. Only when the failed step holds no match at all is
   the rest of the log searched, and what is found there is trusted less.
4. Nothing recognised (or only side failures): the failed step's last lines are scored (error vocabulary,
   nearness to where the step stopped, first line of a block, rarity, and with a baseline, being new) and the
   best is reported honestly as ``unknown`` with a low confidence.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

import re2

from ci_agent.analysis.model import Analysis, Category, LogLine
from ci_agent.analysis.redaction import redact
from ci_agent.analysis.rules import (
    LINE_PREFIX,
    Context,
    Rule,
    Ruleset,
    default_ruleset,
    message_variants,
    strip_annotation,
)
from ci_agent.analysis.signature import failure_signature, failure_template

MAX_ERROR_LINES = 20
MAX_LINE_CHARS = 1000
MAX_STEP_NAME_CHARS = 200
CHUNK_BYTES = 4 << 20
# How far above a verdict's line a rule's `when_above` context is looked for.
CONTEXT_BYTES = 256 << 10
_COUNT_BLOCK_BYTES = 1 << 20
_FIRST_COUNT_BLOCK_BYTES = 1 << 12
# Outside the failed step, only a verdict this strong beats the failed step's own last words.
PLATFORM_VERDICT_PRIORITY = 90
# The bottom-up search stops at the first chunk holding a match at least this specific (a tool's diagnostic
# or summary, not a generic error shape).
CONCLUSIVE_PRIORITY = 50
_SUMMARY_FACTOR = 0.9
# How far above a rule's match the first line of its diagnostic (`culprit_above`) is looked for.
CULPRIT_ABOVE_LINES = 40
# How far the fallback walks up from the exit-code line looking for the step's last words.
FALLBACK_LOOKBACK_LINES = 200
FALLBACK_RULE = "fallback/last-output-line"
# However many lines of a log one rule matches, the search reads at most this many of them (boilerplate included).
MAX_LINES_READ_PER_RULE = 200
# A chunk with more lines that some rule may match than this is read rule by rule instead of line by line.
MAX_CANDIDATES_PER_CHUNK = 200

# Terminal codes, and the same written out as text (`^[[91m`) in a log copied from a terminal or a viewer.
_ANSI = re.compile(rb"(?:\x1b|\^\[)(?:\[[0-9;?]*[ -/]*[@-~]|[()][A-Za-z0-9]|[=>])")
_CARET_ESCAPE = b"^["
_SGR = re.compile(rb"\x1b\[[0-9;]*+m")  # possessive: a code never gives back a digit
# Colour codes are stripped a block of lines of about this size at a time (see `strip_colour`).
_STRIP_BLOCK_BYTES = 64 << 10
_LINE_PREFIX = re.compile("^\ufeff?" + LINE_PREFIX)
_STEP_MARKER = b"##[group]Run "
_ERROR_MARKER = b"##[error]"
# RE2 looks for the marker's rare first byte with memchr: on a 20 MB log whose only marker is near the end, 1.5 ms
# against bytes.find's 13 ms (and no slower where `#` is common: 5 ms against 10 ms over BuildKit's `#12` lines).
_ERROR_MARKER_SEARCH = re2.compile(re.escape(_ERROR_MARKER))
_POST_JOB_MARKER = b"Post job cleanup."
_RUNNER_MARKER = re.compile(r"^##\[(?:group|endgroup|command|debug|notice|warning)\]")
# Words that make an unrecognised line read like the reason a step failed, and shapes that only look like it
# (a warning, a count of zero errors).
_ERRORISH = re.compile(
    r"(?i)\b(?:error|errors|fail|failed|failure|failing|fatal|denied|forbidden|invalid|cannot|can't|unable|"
    r"refused|exceeded|abort(?:ed)?|panic|exception|traceback|violat\w*|not found|missing|timed out|"
    r"mismatch(?:ed|es)?|corrupt(?:ed)?|crash(?:ed|es)?|segmentation fault)\b"
)
# A line with no word in it (a closing brace, a rule of dashes) is never a step's last words.
_WORDY = re.compile(r"[^\W\d_]{2}")
_NOT_ERRORISH = re.compile(
    r"(?i)\bwarn(?:ing)?\b|\b(?:0|no|zero) (?:errors?|failures?|failed)\b|\bnot an error\b"
    r"|\b(?:errors?|failures?|failed)\b[\s:=]*0(?![\d.])"
)
# Words of a failure that did not stop the job: a retry, an ignored error, a warning.
_SIDE_FAILURE = re.compile(
    r"(?i)\b(?:retrying|will retry|retry(?:ing)? in \d|retries left|trying again|attempt \d+ (?:of|/) ?\d+|"
    r"(?:was|were|been|is|are) ignored|ignoring|non-fatal|continuing anyway)\b|^W: |^\s*\[?warn(?:ing)?\b"
)
# A traced shell command (`set -x`) and a stack frame: what ran and where, not what went wrong.
_TRACED_COMMAND = re.compile(r"^\++ ")
_STACK_FRAME = re.compile(
    r"^\s*(?:Traceback \(most recent call last\):|at [\w$.<>]+[ (]|File \"[^\"]+\", line \d+|#\d+ +0x|from \S+:\d+:in )"
)
# Source code a test runner or a traceback quotes (pytest's listing of the failing test, the line under a Python
# traceback's `File "...", line N`, a JavaScript code frame `> 12 |`): a call that passes a string literal there
# (`log.error("service returned error 503")`, `raise TimeoutError("timed out")`) only shows what the code says,
# not what happened, so a rule it matches is weaker evidence than any failure the tools themselves printed.
_QUOTED_CODE = re.compile(
    r"""^(?:>\s*|\s{4,})(?:(?:raise|return|await|assert|yield|throw|new)\s+)*[\w.$\[\]]+\s*\((?:.*,\s*)?[rbfuRBFU]?["'`]"""
    r"|^\s*>\s*\d+\s*\|\s"
)
# A command a CI or a shell prompt echoes before running it (`$ make`, a terminal's `dev@box:~/src$ make` or
# PowerShell's `PS C:\src> make`), and how far above the culprit it is looked for.
_ECHOED_COMMAND = re.compile(r"^(?:[\w.-]+@[\w.-]+:[^\s$]*)?\$ (\S.*)$|^PS [A-Za-z]:\\[^>]*> (\S.*)$")
_COMMAND_LOOKBACK_LINES = 2000
# The end of a traced shell script that chose to fail, and the traced `echo`s that explain why.
_TRACED_EXIT = re.compile(r"^\++ (?:exit|return) [1-9]\d*$")
_TRACED_ECHO = re.compile(r"^\++ (?:echo|printf)\b")
_EXIT_LOOKBACK_LINES = 40
# A tool's word that it will try again (`Waiting 10 seconds before trying again`, `back off 7.078 seconds before
# retry`), looked for in the lines just above a network or package failure printed again; and a command run again,
# a shell prompt's `$ cmd` or the runner's `[command]`, looked for above any failure printed again (not a traced
# `+ cmd`: a diff under a failed assertion prints `+ expected`). A test's own output says "retries" too (`ERROR
# order service: 3 retries left`): the words are not looked for between a test runner's, compiler's or linter's
# lines.
_RETRY_ANNOUNCED = re.compile(
    r"(?i)\b(?:retry|retrying|retries|trying again|try again|back(?:ing)? off|next attempt)\b"
)
_COMMAND_RUN = re.compile(r"^(?:\$ |(?:##)?\[command\])")
_RETRY_OR_COMMAND = re.compile(f"{_RETRY_ANNOUNCED.pattern}|{_COMMAND_RUN.pattern}")
_RETRY_LOOKBACK_LINES = 20
# A compiler's, a linter's or a test runner's first failure is the one a reader looks for (the others often follow
# from it); of other kinds (a network error, a missing package), the one that stopped the job.
_FIRST_FAILURE_CATEGORIES = frozenset({Category.TEST, Category.BUILD, Category.LINT})
# How far below a test's first line the lines that name the same failure may be (its message, its stack).
_FAILURE_BLOCK_LINES = 10
# A failure a tool named (the rules' band for a tool's own diagnostic) decides which of a runner's environments
# failed first; a summary or weak evidence does not.
_SECTION_PRIORITY = 75
# Numbers, hashes and hex ids: what differs between two runs of the same job.
_VOLATILE = re.compile(r"0x[0-9a-fA-F]+|\b[0-9a-fA-F]{7,}\b|\d+(?:\.\d+)*")
# A line printed this many times is routine, and a failure printed this many times with this many lines of
# output after its last time did not stop the step.
_REPEATED_LINE = 3
_WENT_ON_LINES = 10
# Failures a test run's report below them shows the step went on after (see `_mark_went_on`).
_WENT_ON_CATEGORIES = frozenset({Category.DEPENDENCY, Category.INFRASTRUCTURE})
_SIDE_CATEGORIES = frozenset({Category.INFRASTRUCTURE, Category.PERMISSION, Category.RESOURCE})

# Confidence adjustments: a verdict found outside the failed step, or contested by a near-equal match of
# another category, is less certain than the rule alone says.
_OUTSIDE_STEP_FACTOR = 0.6
_CONTESTED_FACTOR = 0.8
_CONTEST_MARGIN = 10
_FALLBACK_CONFIDENCE = 0.15
_INFERRED_FACTOR = 0.7

# The words by which a failure no rule knows says what kind it is, most telling first: a test that failed
# while talking to git is a test failure; a build that left the git checkout dirty is about the repository.
_CATEGORY_WORDS: tuple[tuple[Category, re.Pattern[str]], ...] = (
    (
        Category.PERMISSION,
        re.compile(r"(?i)\b(?:permission denied|access denied|forbidden|unauthori[sz]ed|not authori[sz]ed)\b"),
    ),
    (Category.TIMEOUT, re.compile(r"(?i)\b(?:timed? ?out|timeout|deadline exceeded)\b")),
    (
        Category.TEST,
        re.compile(
            r"(?i)\b(?:tests?|test_\w+|\w+_tests?|testcase|assert\w*|regression|specs?)\b|\b[A-Z]\w*Tests?\b|\bFAIL:"
        ),
    ),
    (
        Category.CONFIG,
        re.compile(
            r"\b(?:git|commit|revision|cherry-pick|rebase|merge conflict|PRs?|pull request|branch|workflow|"
            r"configuration|config|environment variable|secret)\b"
        ),
    ),
    (Category.LINT, re.compile(r"(?i)\b(?:lint\w*|formatting|formatted|code style|style violations?)\b")),
    (Category.BUILD, re.compile(r"(?i)\b(?:compil\w+|build failed|linker|linking)\b")),
    (
        Category.DEPENDENCY,
        re.compile(r"(?i)\b(?:install\w*|dependenc\w+|package not found|requirements?|lock ?file)\b"),
    ),
    (
        Category.INFRASTRUCTURE,
        re.compile(r"(?i)\b(?:connection (?:refused|reset)|network|unreachable|rate limit\w*|service unavailable)\b"),
    ),
)


@dataclass(frozen=True, slots=True)
class _Match:
    rule: Rule
    line: int  # 1-based line number in the original log
    message: str
    below: tuple[str, ...]  # the lines under the match, for rules whose culprit sits below it
    in_step: bool
    # A failure that did not stop the job: it says it will retry or was ignored, or the last passing run of
    # the same job printed it too. It loses to any failure that is not one.
    side: bool = False
    # Where the search that found it ended, and how many newlines lie between the start of its line and there:
    # enough to find the line's offset from below, where a verdict usually is.
    anchor: tuple[int, int] = (0, 0)

    @property
    def rank(self) -> tuple[bool, bool, int, int]:
        return (self.in_step, not self.side, self.rule.priority, self.line)


@dataclass(frozen=True, slots=True)
class _Step:
    """The failed step as a byte range of the original log."""

    name: str | None
    start: int
    end: int
    error: int = -1  # where the runner's first `##[error]` in it is, if it has one
    command: str | None = None  # what another CI's step-end line says failed (`The command "make" exited with 2.`)


def message_of(raw_line: bytes) -> str:
    """A log line as a reader wants it: decoded, without timestamp, colour codes or trailing whitespace, and of
    a line a progress display redrew with carriage returns, only the text after the last one (what a terminal
    shows)."""
    text = _ANSI.sub(b"", raw_line).decode("utf-8", errors="replace")
    text = _LINE_PREFIX.sub("", text, count=1).rstrip()
    if "\r" in text:
        text = text[text.rfind("\r") + 1 :]
        text = _LINE_PREFIX.sub("", text, count=1).rstrip()
    return text


def analyze_log(
    log: bytes | str,
    ruleset: Ruleset | None = None,
    *,
    baseline: bytes | str | None = None,
    notes: tuple[str, ...] = (),
) -> Analysis:
    """Diagnose one job log. Never raises on content: anything unrecognised is reported as ``unknown``.

    ``baseline`` is the log of the last passing run of the same job, when there is one: lines it also printed
    did not make this run fail, lines it never printed are the strongest evidence when no rule knows the
    failure.
    """
    ruleset = ruleset or default_ruleset()
    raw = log.encode("utf-8", errors="replace") if isinstance(log, str) else log
    seen_before = baseline_lines(baseline) if baseline is not None else None
    step = _failed_step(raw, ruleset)
    matches, line_at_step_end = _search_bottom_up(raw, step.start, step.end, ruleset, in_step=True, seen=seen_before)
    matches = _mark_went_on(_mark_repeated(raw, step, matches))
    fallback = None
    if not matches or all(match.side for match in matches):
        # Nothing known inside the failed step (or only failures it went on after): its own last words beat
        # whatever a later `if: always()` step or an earlier passing one printed, unless that is a platform
        # verdict (runner lost, time limit, ...).
        fallback = _scored_fallback(raw, step, ruleset, seen_before, line_at_step_end)
        if matches and fallback is not None and not (fallback.errorish or fallback.new):
            fallback = None  # a side failure still says more than a line that does not read like an error
        if not matches:
            outside = _search_bottom_up(raw, step.end, len(raw), ruleset, in_step=False, seen=seen_before)[0]
            outside += _search_bottom_up(raw, 0, step.start, ruleset, in_step=False, seen=seen_before)[0]
            if fallback is None or any(match.rule.priority >= PLATFORM_VERDICT_PRIORITY for match in outside):
                matches = outside
                fallback = None

    if fallback is None and matches:
        best = _best(_first_failed_section(raw, step, matches, ruleset), raw)
        culprit, culprit_offset = LogLine(best.line, best.message), None
        key_text = best.rule.key_text(best.message)
        below = _culprit_below(best)
        if below:
            culprit = LogLine(best.line + below, best.below[below - 1])
            key_text = f"{key_text} {culprit.text}"
        elif best.rule.culprit_above is not None:
            header = _culprit_above(raw, best, step)
            if header is not None:
                culprit, culprit_offset = header
                key_text = f"{key_text} {culprit.text}"
        category, rule_name = best.rule.category, best.rule.name
        confidence = _confidence(best, matches)
        context = best.rule.when_above
        if context is not None and _context_above(raw, context, best, step):
            # What the step printed before the failure says what kind it is (a package "not found" after the
            # index could not be reached at all is the network's failure).
            category = context.category
            notes = (*notes, f"category {category.value}: the lines above the culprit say so")
        if best.in_step and best.rule.summary:
            # A runner's summary (`2 failing`, `There are test failures`, `** TEST FAILED **`) counts what
            # failed above it: the specific failure no rule knew, when one reads like it, is the culprit.
            culprit_offset = _match_start(raw, best)
            specific = _scored_fallback(raw, step, ruleset, seen_before, line_at_step_end, above=culprit_offset)
            if specific is not None and specific.errorish:
                culprit, culprit_offset = specific.line, specific.offset
                key_text = f"{key_text} {culprit.text}"
                confidence *= _SUMMARY_FACTOR
        supporting = sorted(matches, key=lambda match: (match.side, -match.rule.priority, -match.line))
        error_lines = [culprit, *(LogLine(match.line, match.message) for match in supporting)]
    else:
        if fallback is None:
            return _empty_analysis(step.name, ruleset, notes)
        culprit, culprit_offset = fallback.line, fallback.offset
        key_text = culprit.text
        category, rule_name = Category.UNKNOWN, FALLBACK_RULE
        confidence = fallback.confidence
        error_lines = [culprit, *(LogLine(match.line, match.message) for match in matches)]

    if step.name is None and culprit_offset is None:
        culprit_offset = _match_start(raw, best)
        for _ in range(culprit.line - best.line):  # a rule whose culprit sits below its own line
            culprit_offset = raw.find(b"\n", culprit_offset) + 1
    step_name = step.name
    if step_name is None:
        # Another CI's log, or a terminal's: the command it says failed, else the one it echoed above the culprit.
        offset = culprit_offset or 0
        step_name = _step_above(raw, offset) or step.command or _command_above(raw, offset, step.start)
    if category is Category.UNKNOWN:
        # No rule names the kind of failure: the culprit's own words (else the step's name) may.
        inferred = infer_category(culprit.text) or (infer_category(step_name) if step_name else None)
        if inferred is not None:
            category, confidence = inferred, confidence * _INFERRED_FACTOR
            notes = (*notes, f"category {inferred.value} inferred from the words of the culprit or step")
    template = failure_template(redact(key_text))
    return Analysis(
        category=category,
        confidence=round(confidence, 2),
        culprit=_clean(culprit),
        error_lines=tuple(_clean(line) for line in _unique(error_lines)[:MAX_ERROR_LINES]),
        failed_step=_truncate(redact(step_name), MAX_STEP_NAME_CHARS) if step_name else None,
        signature=failure_signature(category.value, rule_name, template),
        rule=rule_name,
        ruleset_version=ruleset.version,
        notes=notes,
    )


def infer_category(text: str) -> Category | None:
    """The kind of failure a line's own words name, when no rule knows it: the first vocabulary that fits."""
    head = text[:MAX_LINE_CHARS]  # Python's engine: only the head of a line, which is what names it anyway
    for category, words in _CATEGORY_WORDS:
        if words.search(head):
            return category
    return None


def _culprit_below(best: _Match) -> int:
    """How many lines below a rule's match its culprit is (0: the match itself). A rule with ``culprit_offset``
    reports the line that far below; with ``culprit_below`` too, the first line within that many that matches it,
    else its own line."""
    offset = best.rule.culprit_offset
    if not offset:
        return 0
    if best.rule.culprit_below is None:
        return offset if len(best.below) >= offset and best.below[-1] else 0
    wanted = best.rule.culprit_below
    return next((index + 1 for index, text in enumerate(best.below) if text and wanted.search(text)), 0)


def _culprit_above(raw: bytes, best: _Match, step: _Step) -> tuple[LogLine, int] | None:
    """The first line of the diagnostic a rule's match belongs to: the nearest line above it, within
    ``CULPRIT_ABOVE_LINES`` and the match's step, that the rule's ``culprit_above`` matches; with its offset."""
    wanted = best.rule.culprit_above
    above = _lines_upward(raw, _match_start(raw, best), step.start if best.in_step else 0)
    for distance, (start, message) in enumerate(itertools.islice(above, CULPRIT_ABOVE_LINES), start=1):
        if message and any(wanted.search(variant) for variant in message_variants(message)):
            return LogLine(best.line - distance, message), start
    return None


def _lines_upward(raw: bytes, end: int, top: int) -> Iterator[tuple[int, str]]:
    """The lines of ``raw`` above ``end`` (a line's start, or the end of the last line) and at or below ``top``,
    nearest first: each line's offset and its message, cut to the head a pattern reads (``MAX_LINE_CHARS``)."""
    while end > top:
        stop = end - 1 if raw[end - 1 : end] == b"\n" else end
        start = max(top, raw.rfind(b"\n", 0, stop) + 1)
        yield start, message_of(raw[start:stop]).strip()[:MAX_LINE_CHARS]
        end = start


def _context_above(raw: bytes, context: Context, best: _Match, step: _Step) -> bool:
    """Whether the lines above the verdict's, in its step and at most ``CONTEXT_BYTES`` above it, match the rule's
    `when_above` context (a tool explains its failure just before it: pip's retries come right before its verdict)."""
    end = _match_start(raw, best)
    start = max(step.start if best.in_step else 0, end - CONTEXT_BYTES)
    return context.found_in(raw, start, end)


def _best(matches: list[_Match], raw: bytes | None = None) -> _Match:
    """The highest rank wins; for a test runner, the best-ranked line of its first failure's block. Among that
    rule's other lines: a compiler's, a linter's or a test runner's first failure is what a reader looks for
    (and a rule that prefers its first match says so); another failure printed more than once is read where it
    was first printed (a build tool restates its compiler's error in its summary, a wrapper echoes what failed).
    Given the log, only the last attempt counts: lines above a retry (`Waiting 10 seconds before trying again`)
    or a command run again did not stop the job.

    An annotation that only restates a line the tool printed above it (``Error: buildx failed with: <the
    line>``) gives the verdict to that line: the tool's own output is what a reader looks for.
    """
    best = max(matches, key=lambda match: match.rank)
    if best.rule.category is Category.TEST and best.rule.priority >= _SECTION_PRIORITY:
        # A test runner names one failure in several ways (a class's count line, the test's own line, its
        # message, its line in the summary), each a rule of its own, and a later failure may be named by a
        # better one: the first failing test is the culprit, named by the runner's best rule among the lines of
        # its block. Another runner's rule that happens to match the same lines (mocha's numbered failures read
        # rspec's too) does not take part.
        named = [
            m
            for m in matches
            if m.rule.category is Category.TEST
            and m.rule.priority >= _SECTION_PRIORITY
            and _tool_of(m.rule) == _tool_of(best.rule)
            and m.in_step == best.in_step
            and m.side == best.side
        ]
        top = min(named, key=lambda m: m.line).line
        best = max((m for m in named if m.line <= top + _FAILURE_BLOCK_LINES), key=lambda m: m.rank)
    peers = [m for m in matches if m.rule is best.rule and m.in_step == best.in_step and m.side == best.side]
    restated = strip_annotation(best.message).strip()
    if restated != best.message.strip():
        originals = [m for m in peers if m.line < best.line and m.message.strip() == restated]
        if originals:
            best = max(originals, key=lambda m: m.line)
    first = best.rule.prefer_first or best.rule.category in _FIRST_FAILURE_CATEGORIES
    if not first:  # only copies of the best match's own message can take its place
        key = baseline_key(best.message)
        peers = [m for m in peers if baseline_key(m.message) == key]
    if raw is not None:
        peers = _last_attempt(raw, best, peers, _COMMAND_RUN if first else _RETRY_OR_COMMAND)
    return min((m for m in peers if m.line <= best.line), key=lambda m: m.line)


def _tool_of(rule: Rule) -> str:
    """The tool a rule is written for: rule names start with it (`pytest-failed-test`, `go-subtest-failed`)."""
    return rule.name.split("-", 1)[0]


def _last_attempt(raw: bytes, best: _Match, peers: list[_Match], new_attempt: re.Pattern[str]) -> list[_Match]:
    """``best`` and the peers printed in the same attempt as it: walking up from it, those above the first line
    between two of them that starts a ``new_attempt`` (a retry announced, a command run again) are left out."""
    above = sorted((m for m in peers if m.line <= best.line), key=lambda m: m.line, reverse=True)
    if len(above) < 2:
        return [best]
    kept = [above[0]]
    # The starts are walked to one pair at a time: an attempt announced near the best match ends the walk there.
    for (_, lower_start), (upper, upper_start) in itertools.pairwise(zip(above, _starts(raw, above), strict=True)):
        between = raw.find(b"\n", upper_start, lower_start) + 1  # below the upper line: only what lies between
        lines = itertools.islice(_lines_upward(raw, lower_start, between), _RETRY_LOOKBACK_LINES)
        if any(new_attempt.search(message) for _offset, message in lines):
            break
        kept.append(upper)
    return kept


def _starts(raw: bytes, matches: list[_Match]) -> Iterator[int]:
    """Where each of ``matches`` (bottom first, all found by one search) starts, in one walk up the log that goes
    only as far as the caller reads."""
    if len({match.anchor[0] for match in matches}) != 1:
        yield from (_match_start(raw, match) for match in matches)
        return
    position, walked = matches[0].anchor[0], -1  # `walked` newlines above the anchor passed so far
    for match in matches:
        wanted = match.anchor[1] + 1 - (walked + 1)
        position = _newlines_up(raw, position, wanted) if position >= 0 else -1
        walked = match.anchor[1]
        yield position + 1


def _first_failed_section(raw: bytes, step: _Step, matches: list[_Match], ruleset: Ruleset) -> list[_Match]:
    """The matches to rank: all of them, unless a runner that goes on after a failure (tox, nox) ran several
    environments in the failed step and a tool named a failure in an earlier one than the best-ranked match's.
    Then that earlier environment's matches: a reader starts at the first environment that failed.

    Only a failure inside an environment counts (not the runner's own set-up above the first one), and the
    environments are looked for only between the step's start and the best match.
    """
    best = _best(matches)
    if not best.in_step or best.side:
        return matches
    named = [
        match
        for match in matches
        if match.in_step and not match.side and match.rule.priority >= _SECTION_PRIORITY and match.line < best.line
    ]
    if not named:
        return matches
    first = min(named, key=lambda match: match.line)
    first_start = _match_start(raw, first)
    starts = ruleset.section_starts(raw, step.start, _match_start(raw, best))
    above = [start for start in starts if start <= first_start]
    below = [start for start in starts if start > first_start]
    if not above or not below:
        return matches
    top = first.line - raw.count(b"\n", above[-1], first_start)
    bottom = first.line + raw.count(b"\n", first_start, below[0])
    return [match for match in matches if match.in_step and top <= match.line < bottom]


def _failed_step(raw: bytes, ruleset: Ruleset) -> _Step:
    """The step that holds the first ``##[error]``. A log of another CI has no such marker: it ends where that CI
    says the failed command exited (what it prints after, the build's post-actions and uploads, is not the
    failure); with neither, the whole log."""
    found = _ERROR_MARKER_SEARCH.search(raw)
    first_error = -1 if found is None else found.start()
    if first_error == -1:
        exit_line = ruleset.step_end_in(raw)
        if exit_line is None:
            return _Step(None, 0, len(raw))
        start, end = exit_line
        return _Step(None, 0, min(len(raw), end + 1), command=ruleset.failed_command(raw[start:end]))
    marker = raw.rfind(_STEP_MARKER, 0, first_error)
    if marker == -1:
        return _Step(None, 0, len(raw), first_error)
    next_marker = raw.find(_STEP_MARKER, first_error)
    end = len(raw) if next_marker == -1 else raw.rfind(b"\n", 0, next_marker) + 1
    return _Step(_marker_name(raw, marker), raw.rfind(b"\n", 0, marker) + 1, end, first_error)


def _marker_name(raw: bytes, marker: int) -> str | None:
    end = raw.find(b"\n", marker)
    return message_of(raw[marker + len(_STEP_MARKER) : len(raw) if end == -1 else end]) or None


def _step_above(raw: bytes, offset: int) -> str | None:
    marker = raw.rfind(_STEP_MARKER, 0, offset + 1)
    return _marker_name(raw, marker) if marker != -1 else None


def _command_above(raw: bytes, offset: int, top: int) -> str | None:
    """The shell command nearest above ``offset`` as a CI or a terminal echoes it before running it (`$ make test`:
    GitLab Runner, Buildkite, Travis, a shell prompt), within ``_COMMAND_LOOKBACK_LINES``: what a log that names
    no step was running when it failed."""
    for _start, message in itertools.islice(_lines_upward(raw, offset, top), _COMMAND_LOOKBACK_LINES):
        echoed = _ECHOED_COMMAND.match(message)
        if echoed is not None:
            return echoed.group(1) or echoed.group(2)
    return None


def _search_bottom_up(
    raw: bytes, start: int, end: int, ruleset: Ruleset, *, in_step: bool, seen: frozenset[str] | None
) -> tuple[list[_Match], int]:
    """Rule matches in ``raw[start:end]``, chunk by chunk from the bottom, up to the first conclusive chunk, and
    the number of the line that starts at ``end`` (for a search outside the failed step that found nothing, 0)."""
    matches: list[_Match] = []
    if start >= end:
        return matches, raw.count(b"\n", 0, end) + 1 if in_step else 0
    chunk_end = end
    newlines_below = 0  # in raw[chunk_end:end]
    while chunk_end > start:
        chunk_start = max(start, raw.rfind(b"\n", start, max(start, chunk_end - CHUNK_BYTES)) + 1)
        found, newlines = _scan_chunk(raw, chunk_start, chunk_end, newlines_below, ruleset, in_step, seen)
        matches += found
        newlines_below += newlines
        chunk_end = chunk_start
        if _conclusive(found):
            break
    if not matches and not in_step:
        return matches, 0  # nobody asks for the line number of the end of a search outside the failed step
    # Each match was numbered by the newlines between it and `end` (the searched chunks are counted once, from
    # the bottom); counting what lies above the last chunk searched turns that into its line number.
    line_at_end = raw.count(b"\n", 0, chunk_end) + newlines_below + 1
    return [replace(match, line=line_at_end - match.line, anchor=(end, match.line)) for match in matches], line_at_end


def _conclusive(found: list[_Match]) -> bool:
    """Whether a chunk's matches settle the verdict, so the chunks above need not be read: one is specific
    enough and not a side failure, nor a network or permission error printed again and again (a test's debug
    log repeating `connection reset by peer` above the failure it went on to: `_mark_repeated` decides that
    once the search is done, and it needs the chunks above)."""
    repeated = {id(m) for group in _printed_again(found) for m in group}
    return any(
        match.rule.priority >= CONCLUSIVE_PRIORITY and not match.side and id(match) not in repeated for match in found
    )


def _printed_again(matches: list[_Match]) -> list[list[_Match]]:
    """The infrastructure, permission and resource matches printed at least ``_REPEATED_LINE`` times, grouped by
    rule and message (volatile parts blanked): such a failure may be one the step went on after. A test, build
    or lint failure printed again is a rerun of the same failure, not a side one."""
    groups: dict[tuple[str, str], list[_Match]] = {}
    for match in matches:
        if match.rule.category in _SIDE_CATEGORIES:
            groups.setdefault((match.rule.name, baseline_key(match.message)), []).append(match)
    return [group for group in groups.values() if len(group) >= _REPEATED_LINE]


def _scan_chunk(
    raw: bytes,
    chunk_start: int,
    chunk_end: int,
    newlines_below: int,
    ruleset: Ruleset,
    in_step: bool,
    seen: frozenset[str] | None,
) -> tuple[list[_Match], int]:
    """The chunk's matches that can weigh in the verdict, in a time linear in the chunk's size, and the number of
    newlines in the chunk.

    One RE2 pass finds the lines some rule may match; when there are few (almost always), each is read. When
    the chunk is dense with them, RE2 set passes tell which rules occur in it, and their lines are read rule
    by rule, most specific first, each rule's nearest the bottom (or the top, for rules that prefer their first
    match): at most ``MAX_ERROR_LINES`` kept and ``MAX_LINES_READ_PER_RULE`` read per rule, and once the verdict
    and its contenders are known, rules far below it are not read at all. A log in which every third line
    looks like an error costs about what a clean one of the same size does.
    """
    # Colour codes go before matching; newlines stay, so line numbers hold (and are counted on the smaller text).
    # A coloured chunk is stripped straight from the log, without a copy of it first.
    coloured = _has_colour(raw, chunk_start, chunk_end)
    chunk = strip_colour(raw, chunk_start, chunk_end) if coloured else raw[chunk_start:chunk_end]
    newlines = chunk.count(b"\n")
    picked: dict[int, tuple[int, str, Rule]] = {}  # line start in the chunk -> (line end, message, rule)
    # Most chunks hold few lines any rule may match: each is read. A chunk dense with them is read rule by rule.
    candidates = list(itertools.islice(ruleset.candidate_lines(chunk), MAX_CANDIDATES_PER_CHUNK + 1))
    if len(candidates) <= MAX_CANDIDATES_PER_CHUNK:
        for candidate in candidates:
            message = message_of(chunk[candidate.start : candidate.end])
            if ruleset.is_boilerplate(message):
                continue
            rules = ruleset.matching_rules(message)
            if rules:
                picked[candidate.start] = (candidate.end, message, rules[0])
        return _numbered(picked, chunk, newlines_below, ruleset, in_step, seen), newlines
    top: Rule | None = None  # the most specific rule among the kept lines that are not side failures
    for rule, regions in ruleset.rule_regions(chunk):
        if top is not None and len(picked) >= MAX_ERROR_LINES:
            if rule.priority < top.priority - _CONTEST_MARGIN:
                break
            if rule.priority < top.priority and rule.category is top.category:
                continue  # can neither win nor contest the verdict's category: its lines would only be more of it
        kept = 0
        lines = ruleset.lines_of(rule, chunk, from_bottom=not rule.prefer_first, regions=regions)
        for examined, candidate in enumerate(lines):
            if kept >= MAX_ERROR_LINES or examined >= MAX_LINES_READ_PER_RULE:
                break
            if candidate.start in picked:
                kept += 1
                continue
            message = message_of(chunk[candidate.start : candidate.end])
            if ruleset.is_boilerplate(message):
                continue
            rules = ruleset.matching_rules(message)
            if not rules:
                continue
            picked[candidate.start] = (candidate.end, message, rules[0])
            if (top is None or rules[0].priority > top.priority) and not _is_side(message, rules[0], seen):
                top = rules[0]
            kept += 1
    return _numbered(picked, chunk, newlines_below, ruleset, in_step, seen), newlines


def _numbered(
    picked: dict[int, tuple[int, str, Rule]],
    chunk: bytes,
    newlines_below: int,
    ruleset: Ruleset,
    in_step: bool,
    seen: frozenset[str] | None,
) -> list[_Match]:
    """The kept lines as matches, in one walk up the chunk from its bottom (where the kept lines of a dense chunk
    are). Each is numbered, for now, by the newlines between its start and the end of the search."""
    found: list[_Match] = []
    distance, counted_from = newlines_below, len(chunk)
    for start in sorted(picked, reverse=True):
        end, message, rule = picked[start]
        distance += chunk.count(b"\n", start, counted_from)
        counted_from = start
        line = distance
        below = _lines_below(chunk, end, rule.culprit_offset, ruleset)
        found.append(_Match(rule, line, message, below, in_step, _is_side(message, rule, seen)))
    found.reverse()
    return found


def _is_side(message: str, rule: Rule, seen: frozenset[str] | None) -> bool:
    """A failure that did not stop the job: it says it will retry or was ignored, it is source code a traceback
    quotes, or the last passing run printed it too. A rule written for a warning line (a formatter's
    `[warn] <file>`) knows that warning fails the job."""
    warned = _SIDE_FAILURE.search(message[:MAX_LINE_CHARS]) is not None and "warn" not in rule.pattern.lower()
    quoted = _QUOTED_CODE.match(message[:MAX_LINE_CHARS]) is not None
    return warned or quoted or (seen is not None and baseline_key(message) in seen)


def _has_colour(buffer: bytes, start: int = 0, end: int | None = None) -> bool:
    """Whether ``buffer[start:end]`` holds an escape character or a colour code written out as `^[`. The one-byte
    searches come first: looking for the two bytes `^[` is several times slower than for a byte that is rarely
    there."""
    end = len(buffer) if end is None else end
    return buffer.find(b"\x1b", start, end) != -1 or (
        buffer.find(b"^", start, end) != -1 and buffer.find(_CARET_ESCAPE, start, end) != -1
    )


def strip_colour(buffer: bytes, start: int = 0, end: int | None = None) -> bytes:
    """``buffer[start:end]`` without terminal colour and cursor codes (newlines kept).

    Colour codes (SGR, ``ESC[...m``) are nearly all of them and the simplest pattern removes them fastest; the
    general pattern then runs only if anything is left. The buffer is stripped a block of whole lines at a time
    (no code spans a newline): the pieces of a block stay in the processor's cache, which made a log whose every
    line holds codes a third cheaper to strip than in one piece; a block without an escape byte is kept as it is.
    """
    view = memoryview(buffer)
    stop = len(buffer) if end is None else end
    blocks: list[bytes | memoryview] = []
    while start < stop:
        block_end = buffer.find(b"\n", min(stop, start + _STRIP_BLOCK_BYTES), stop)
        block_end = stop if block_end == -1 else block_end + 1
        if buffer.find(b"\x1b", start, block_end) == -1:
            blocks.append(view[start:block_end])
        else:
            blocks.append(b"".join(_SGR.split(view[start:block_end])))
        start = block_end
    stripped = b"".join(blocks)
    if _has_colour(stripped):
        stripped = b"".join(_ANSI.split(stripped))
    return stripped


def _match_start(raw: bytes, match: _Match) -> int:
    """The byte offset where a match's line starts, walked up to from the end of the search that found it: it
    costs what lies below the line (a block count at a time), not the whole log above it."""
    return _newlines_up(raw, match.anchor[0], match.anchor[1] + 1) + 1  # the newline just above the line's start


def _newlines_up(raw: bytes, position: int, wanted: int) -> int:
    """The offset of the ``wanted``-th newline above ``position``, or -1 when there are fewer.

    Counted a block at a time, from a small block doubling up to ``_COUNT_BLOCK_BYTES``: a walk to a line a few
    lines up costs what lies between, not a whole block's count (the lines of a rule, walked to one by one)."""
    block = _FIRST_COUNT_BLOCK_BYTES
    while position > 0:
        block_start = max(0, position - block)
        in_block = raw.count(b"\n", block_start, position)
        if in_block >= wanted:
            break
        wanted -= in_block
        position = block_start
        block = min(2 * block, _COUNT_BLOCK_BYTES)
    else:
        return -1
    # The newline is in raw[block_start:position]: narrow it to a small slice, then step to it line by line.
    while position - block_start > _FIRST_COUNT_BLOCK_BYTES:
        slice_start = position - _FIRST_COUNT_BLOCK_BYTES
        in_slice = raw.count(b"\n", slice_start, position)
        if in_slice >= wanted:
            break
        wanted -= in_slice
        position = slice_start
    for _ in range(wanted):
        position = raw.rfind(b"\n", 0, position)
    return position


def _lines_below(chunk: bytes, line_end: int, count: int, ruleset: Ruleset) -> tuple[str, ...]:
    """The ``count`` lines under a match, numbered from it; blank and boilerplate lines are returned as "".

    Callers pick the ``count``-th; when that one is empty the rule's own line stays the culprit.
    """
    below = []
    position = line_end + 1
    for _ in range(count):
        if position >= len(chunk):
            break
        end = chunk.find(b"\n", position)
        end = len(chunk) if end == -1 else end
        text = message_of(chunk[position:end]).strip()
        below.append("" if ruleset.is_boilerplate(text) or text.startswith("##[") else text)
        position = end + 1
    return tuple(below)


def _confidence(best: _Match, matches: list[_Match]) -> float:
    confidence = best.rule.confidence
    if not best.in_step:
        confidence *= _OUTSIDE_STEP_FACTOR
    contested = any(
        match.rule.category != best.rule.category and match.rule.priority >= best.rule.priority - _CONTEST_MARGIN
        for match in matches
    )
    if contested:
        confidence *= _CONTESTED_FACTOR
    return confidence


def _mark_repeated(raw: bytes, step: _Step, matches: list[_Match]) -> list[_Match]:
    """A failure printed again and again while the step went on (a report upload refused after every test
    file) did not stop it: it becomes a side failure. One repeated up to where the step stopped (a retried
    download that never succeeded) did."""
    repeated = _printed_again(matches)
    if not repeated:
        return matches
    anchor = step.error
    stop_line = raw.count(b"\n", 0, anchor if anchor != -1 else step.end) + 1
    side = {
        id(match)
        for group in repeated
        if stop_line - max(match.line for match in group) > _WENT_ON_LINES
        for match in group
    }
    return [replace(match, side=True) if id(match) in side else match for match in matches]


def _mark_went_on(matches: list[_Match]) -> list[_Match]:
    """A package or network failure above the failures a test run reported in the same step did not stop the
    step (`pip install extras || echo skipped`, then pytest): the tests ran after it, so it is a side failure.
    One among the test run's failures (a module a test file cannot import) is what they report."""
    # A summary does not show that tests ran: R CMD check's `Status: 1 ERROR` counts the dependency failure itself.
    tests = [
        m.line for m in matches if m.in_step and not m.side and m.rule.category is Category.TEST and not m.rule.summary
    ]
    if not tests:
        return matches
    first_test = min(tests)
    return [
        replace(m, side=True)
        if m.in_step and m.rule.category in _WENT_ON_CATEGORIES and m.line < first_test and not m.side
        else m
        for m in matches
    ]


def baseline_key(message: str) -> str:
    """A message with what changes from run to run (numbers, hashes, timings) blanked, to compare two runs."""
    return _VOLATILE.sub("#", message.strip()[:MAX_LINE_CHARS])


def baseline_lines(baseline: bytes | str) -> frozenset[str]:
    """The keys of every line a passing run of the same job printed."""
    raw = baseline.encode("utf-8", errors="replace") if isinstance(baseline, str) else baseline
    if _has_colour(raw):
        raw = strip_colour(raw)
    return frozenset(baseline_key(message_of(line)) for line in raw.split(b"\n"))


@dataclass(frozen=True, slots=True)
class _Fallback:
    line: LogLine
    offset: int
    confidence: float
    errorish: bool
    new: bool  # the last passing run never printed it


def _scored_fallback(
    raw: bytes,
    step: _Step,
    ruleset: Ruleset,
    seen: frozenset[str] | None,
    line_at_step_end: int,
    *,
    above: int | None = None,
) -> _Fallback | None:
    """When no rule knows the failure: the line of the failed step that most reads like its cause.

    The step's last lines above the runner's first ``##[error]`` (else above its post-job clean-up) are scored:
    error vocabulary, nearness to where the step stopped, being the first line of a block (a paragraph, the
    output under a traced command), rarity within the step and, with a baseline, being new. Warnings, traced
    shell commands, stack frames and lines the passing run printed too score low. The confidence says that
    this is a guess. With ``above`` (a byte offset), only the lines above it are scored.
    """
    anchor = step.error if above is None else above
    if anchor == -1:
        anchor = raw.find(_POST_JOB_MARKER, step.start)  # the steps end where the runner's clean-up starts
    end = raw.rfind(b"\n", 0, anchor) + 1 if anchor != -1 else step.end  # lines strictly above `end`
    top = step.start
    if step.name is not None:
        # The step's own header (`##[group]Run <command>`, the command, its shell and env) is not its output.
        header_end = raw.find(b"##[endgroup]", step.start, end)
        if header_end != -1:
            line_end = raw.find(b"\n", header_end)
            top = end if line_end == -1 else line_end + 1
    lines: list[tuple[int, str]] = []  # (offset, message), bottom first
    closed_group = None  # where the lowest `##[endgroup]` seen so far sits in `lines`
    # Only a line's head is scored (Python's engine, and a line's head is what names it).
    for start, message in itertools.islice(_lines_upward(raw, end, top), FALLBACK_LOOKBACK_LINES):
        if step.name is None and message.startswith("##[group]Run "):
            # A step header: nothing above belongs to the failing step, nor does the header under it.
            lines = lines[:closed_group] if closed_group is not None else lines
            break
        if message == "##[endgroup]" and closed_group is None:
            closed_group = len(lines)
        elif message.startswith("##[group]"):
            closed_group = None  # that `##[endgroup]` closed a group the step's own output opened
        lines.append((start, message))
    if not lines:
        return None
    headline = _exit_headline(lines)
    counts: dict[str, int] = {}
    for _offset, message in lines:
        key = baseline_key(message)
        counts[key] = counts.get(key, 0) + 1
    best: tuple[float, int, str, bool, bool] | None = None
    candidates = 0
    for index, (offset, message) in enumerate(lines):
        if not _WORDY.search(message) or _RUNNER_MARKER.match(message) or ruleset.is_boilerplate(message):
            continue
        if _TRACED_COMMAND.match(message) or _STACK_FRAME.match(message):
            continue
        if above is not None and ruleset.matching_rules(message):
            continue  # looking above a summary for what no rule knew: a line a rule knows is not that
        candidates += 1
        errorish = _ERRORISH.search(message) is not None and _NOT_ERRORISH.search(message) is None
        errorish = errorish or index == headline
        score = 3.0 if errorish else 0.0
        if index == headline:
            score += 4.0  # the script's own explanation of why it exits
        if _NOT_ERRORISH.search(message):
            score -= 3.0
        score += 2.0 / (1 + candidates / 4)  # nearness to where the step stopped
        upper = lines[index + 1][1] if index + 1 < len(lines) else None
        if upper is not None and (not upper or _TRACED_COMMAND.match(upper) or upper.startswith("##[")):
            score += 0.75  # the first line of a block: a paragraph, the output under a traced command
        key = baseline_key(message)
        new = seen is not None and key not in seen
        if counts[key] >= _REPEATED_LINE:
            score -= 1.0  # rarity: a line printed again and again is progress, not the cause
        if seen is not None:
            score += -4.0 if key in seen else 2.0
        if best is None or score > best[0]:
            best = (score, offset, message, errorish, new)
    if best is None:
        return None
    score, offset, message, errorish, new = best
    confidence = _FALLBACK_CONFIDENCE + (0.1 if errorish else 0.0) + (0.1 if seen is not None and score > 4 else 0.0)
    line = line_at_step_end - raw.count(
        b"\n", offset, step.end
    )  # counted up from the step's end, not down from the top
    return _Fallback(LogLine(line, message), offset, confidence, errorish, new)


def _exit_headline(lines: list[tuple[int, str]]) -> int | None:
    """In a traced shell script (``set -x``) that ends by exiting non-zero, the first line of the message it
    printed just before: the output of the ``echo`` run under the last traced command that was not an
    ``echo``. Its index in ``lines`` (bottom first), or None.
    """
    index = next((i for i, (_, message) in enumerate(lines[:_EXIT_LOOKBACK_LINES]) if _TRACED_EXIT.match(message)), -1)
    if index == -1:
        return None
    headline = None
    for above in range(index + 1, min(len(lines), index + _EXIT_LOOKBACK_LINES)):
        message = lines[above][1]
        if _TRACED_ECHO.match(message):
            continue
        if _TRACED_COMMAND.match(message):
            return headline  # the test that decided to exit: the message starts under it
        if message:
            headline = above
    return None


def no_diagnosis(
    subject: str,
    *,
    rule: str | None,
    ruleset: Ruleset | None = None,
    failed_step: str | None = None,
    notes: tuple[str, ...] = (),
) -> Analysis:
    """An honest "nothing explains this failure": unknown, no culprit, zero confidence.

    ``subject`` (a step or job name) groups such failures under one signature per subject.
    """
    return verdict_without_culprit(
        Category.UNKNOWN, 0.0, subject, rule=rule, ruleset=ruleset, failed_step=failed_step, notes=notes
    )


def verdict_without_culprit(
    category: Category,
    confidence: float,
    subject: str,
    *,
    rule: str | None,
    ruleset: Ruleset | None = None,
    failed_step: str | None = None,
    notes: tuple[str, ...] = (),
) -> Analysis:
    """A verdict known without a log line to show for it (a run GitHub refused to start, say), grouped under
    one signature per ``subject``."""
    ruleset = ruleset or default_ruleset()
    return Analysis(
        category=category,
        confidence=confidence,
        culprit=None,
        error_lines=(),
        failed_step=failed_step,
        signature=failure_signature(category.value, rule, failure_template(subject)),
        rule=rule,
        ruleset_version=ruleset.version,
        notes=notes,
    )


def _empty_analysis(step_name: str | None, ruleset: Ruleset, notes: tuple[str, ...]) -> Analysis:
    step_name = _truncate(redact(step_name), MAX_STEP_NAME_CHARS) if step_name else None
    return no_diagnosis(step_name or "", rule=None, ruleset=ruleset, failed_step=step_name, notes=notes)


def _clean(line: LogLine) -> LogLine:
    return LogLine(line.line, _truncate(redact(line.text.strip()), MAX_LINE_CHARS))


def _truncate(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _unique(lines: list[LogLine]) -> list[LogLine]:
    seen: set[int] = set()
    unique = []
    for line in lines:
        if line.line not in seen:
            seen.add(line.line)
            unique.append(line)
    return unique
