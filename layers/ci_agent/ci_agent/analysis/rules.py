"""Loading the versioned rules file and applying it to a log buffer.

A rule is data: a name, a category, a priority and a pattern matched against one log line's message (the line
without its timestamp and colour codes; ``^`` anchors at the start of the message). Named or numbered capture
groups keep the meaningful part of the line for the failure signature.

Everything runs on RE2, a linear-time engine: one combined pattern finds candidate lines in a multi-megabyte
buffer in a single pass, then a pattern set tells which rules match each candidate line. A hostile log cannot
make either backtrack.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

import re2

from ci_agent.analysis.model import Category

DEFAULT_RULESET = "ruleset.toml"

# What precedes a line's message: the job and step columns of `gh run view --log` (tab-separated), GitHub's ISO
# timestamp (2026-07-29T10:01:29.7638610Z), a clock time (`10:01:29 `: Jenkins' Timestamper plugin in a console
# log, mozharness's log lines) and, inside image builds, BuildKit's step prefix (#12 3.456) or, in the box
# BuildKit prints under a failed step (` > [app 5/9] RUN make:`), the bare elapsed time (0.454). Jenkins'
# bracketed pipeline timestamps (`[2026-01-01T10:00:00.000Z] `) are read as a multiplexer tag (below). Buildkite's
# agent marks each line's time with an escape, `ESC_bk;t=<unix ms>BEL` (what buildkite/terminal-to-html renders as the
# line's time), and GitLab Runner 17's job log time stamps follow the ISO time with the stream and `O`/`E` (stdout or
# stderr), `+` instead of the space on a continued line (`2026-07-29T10:01:29.763861Z 00O `, `... 00O+`; GitLab
# docs, "Job log timestamps"). Bamboo's build log starts each line with its kind and time, tab-separated (`build\t
# 29-Nov-2026 10:00:00\t`), and TeamCity's with its time, a status character and the build step
# (`[10:00:00] :\t [Step 1/2] `, or only `  [Step 1/2] ` in the web view's copy).
# Valid in both RE2 and Python's re.
LINE_PREFIX = (
    r"(?:\w+\t\d\d-[^\t\n -]+-\d{4} \d\d:\d\d:\d\d\t)?"
    r"(?:(?:\[\d\d:\d\d:\d\d\][ \w]:\t? *| *)\[Step \d+/\d+\] )?"
    r"(?:\x1b_bk;t=\d+\x07)?"
    r"(?:(?:[^\t\n]*\t[^\t\n]*\t)?\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z ?(?:[0-9a-f]{2}[OE][+ ])?)?"
    r"(?:[0-2]\d:[0-5]\d:[0-5]\d(?:\.\d{1,6})? +)?"
    r"(?:#\d+ \d+\.\d+ |\d+\.\d{3} )?"
)

# What a progress display overwrote: a tool that redraws a line with carriage returns (a spinner, a download
# bar) leaves every frame on one log line, and a reader sees only the text after the last `\r`. The analyzer
# reads that text as the line's message; over a buffer, an anchored rule also matches after a `\r`.
# Valid in both RE2 and Python's re.
OVERWRITTEN_PREFIX = r"(?:[^\n]*\r)?"

# What an annotation puts before a tool's own message: the runner's `##[error]` (a problem matcher or a
# `::error::` command turns the compiler's line into one), its rendering `Error: ` in a copied log, and
# wrappers that restate a tool's last line (docker/build-push-action's `buildx failed with: `). Rules are
# matched on a message both with and without it, so an anchored rule still reads an annotated line.
# Valid in both RE2 and Python's re.
ANNOTATION_PREFIX = r"(?:##\[error\])?(?:Error: +)?(?:buildx failed with: )?"
_ANNOTATION = re.compile("^" + ANNOTATION_PREFIX)


def strip_annotation(message: str) -> str:
    """The message without a leading annotation prefix (the message itself when it has none)."""
    return _ANNOTATION.sub("", message, count=1)


# What a tool that runs several processes at once puts before each line of their interleaved output, so the reader knows
# whose line it is: concurrently's `[0] ` / `[api] ` (and any `[name] ` tag without spaces, such as Jenkins'
# `[2026-01-01T10:00:00.000Z] ` timestamps), yarn berry's `[@acme/web]: ` (behind `➤ YN0000: ` in `workspaces foreach`),
# Apache Ant's task column (`    [javac] `, `    [junit] `: the task's name right-aligned in twelve columns,
# DefaultLogger), docker compose's `web-1  | ` / `web_1  | `, turbo's `web:build: ` / `@acme/web:build: ` (nx's stream
# output has the same `project:target: ` shape), lerna's and yarn 1 workspaces' `@acme/web: `, and pnpm -r's
# `packages/web build: `. Rules are matched on a message both with and without it, so an anchored rule still reads a
# tool's line inside a monorepo run. Forms that are too generic to tell from a tool's own words (`word: `, `[ERROR] `)
# are left out: an unscoped lerna name, a log level in brackets.
# Valid in both RE2 and Python's re.
MULTIPLEXER_PREFIX = (
    r"(?:(?:➤ YN0000: )? *\[[^\]\s]{1,80}\]:? |[\w.-]+ +\| |@?\w[\w@./-]*:[A-Za-z][\w:-]*: "
    r"|@[\w.-]+/[\w.-]+: |[\w@.-]*/[\w@./-]* [a-z][\w:-]*: )"
)
_MULTIPLEXER = re.compile("^" + MULTIPLEXER_PREFIX)
# A bracketed log level is the tool's own word (Maven's `[ERROR] `, sbt's `[warn] `), not a process's name.
_LOG_LEVEL_TAG = re.compile(r"(?i) *\[(?:error|err|warn|warning|info|debug|trace|notice|fatal|verbose|log)\]")


def strip_multiplexer(message: str) -> str:
    """The message without a leading multiplexer prefix (the message itself when it has none)."""
    match = _MULTIPLEXER.match(message)
    if match is None or _LOG_LEVEL_TAG.match(message, match.start(), match.end()):
        return message
    return message[match.end() :]


def message_variants(message: str) -> tuple[str, ...]:
    """The readings of a message a rule may match: as printed, without an annotation, without a multiplexer
    prefix, and without both (first the message itself; no reading twice, none empty)."""
    variants = [message]
    for variant in (strip_annotation(message), demuxed := strip_multiplexer(message), strip_annotation(demuxed)):
        if variant and variant not in variants:
            variants.append(variant)
    return tuple(variants)


# Where a message starts over a multi-line buffer: everything a rule anchored with `^` may find before it.
_MESSAGE_START = "^" + OVERWRITTEN_PREFIX + LINE_PREFIX + MULTIPLEXER_PREFIX + "?" + ANNOTATION_PREFIX

# The keys a rules file and a rule may carry: anything else is a typo, refused.
_FILE_KEYS = frozenset({"version", "boilerplate", "step_end", "sections", "include", "rule"})
_RULE_KEYS = frozenset(
    {
        "name",
        "category",
        "priority",
        "pattern",
        "confidence",
        "culprit_offset",
        "culprit_below",
        "culprit_above",
        "examples",
        "prefer",
        "summary",
        "when_above",
    }
)
# The keys of a rule's `when_above` table: what, printed above the rule's line in the failed step, changes the
# verdict's category to what.
_WHEN_ABOVE_KEYS = frozenset({"pattern", "category", "examples"})

# The rules whose members a dense chunk held but that may not match it are checked by RE2 sets of their loose patterns
# (see `Ruleset.rule_regions`), at most this many rules a set: one set of the ~230 such rules of 3.5 MB of varied real
# output thrashed in 16 MiB (1.9 s a pass) and needed 64 MiB to take 0.02 s; sets of 64 take 0.04 s in 16 MiB.
_CHECK_SET_RULES = 64
# The check sets kept per process, one per combination of rules met (the least recently used dropped), and the memory
# each may use for its program and its DFA's states.
_CHECK_SETS_KEPT = 32
_CHECK_SET_MEMORY = 16 << 20

# The memory of the pattern that finds candidate lines (see `Ruleset.__init__`).
_PREFILTER_MEMORY = 256 << 20

# A dense chunk's rules are located in blocks of whole lines of about this size (see `Ruleset.rule_regions`).
_REGION_BYTES = 64 << 10

# The bottom-up search for a rule's last lines starts with this much of the buffer and doubles it.
_FIRST_WINDOW_BYTES = 8 << 10

# How many lines below its match a rule may report or look through (`culprit_offset`): R CMD check prints a failed
# example's `Error in` a dozen lines under its header, after the example's own transcript.
MAX_CULPRIT_OFFSET = 40

# A confidence for rules that do not state one, by priority band (a specific rule scores high).
_CONFIDENCE_BY_PRIORITY = ((90, 0.95), (70, 0.9), (50, 0.75), (30, 0.55), (0, 0.3))


class RulesetError(ValueError):
    """The rules file is malformed: a clear message that names the rule."""


@dataclass(frozen=True, slots=True)
class Context:
    """A rule's `when_above`: when a line above the rule's own in the failed step matches ``pattern``, the
    failure is of ``category`` (pip's "No matching distribution found" after urllib3 gave up reaching the index
    is a network failure, not a missing package)."""

    pattern: str
    category: Category
    regex: Any  # re2._Regexp over a multi-line buffer (`^` is a line start, with the usual line prefixes)
    examples: tuple[str, ...] = ()

    def found_in(self, buffer: bytes, start: int, end: int) -> bool:
        """Whether a line of ``buffer[start:end]`` matches (one linear pass, no copy of the buffer)."""
        return start < end and self.regex.search(buffer, start, end) is not None


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    category: Category
    priority: int
    pattern: str
    confidence: float
    culprit_offset: int
    regex: Any  # re2._Regexp; RE2 ships no type information
    examples: tuple[str, ...] = ()  # messages the rule must match: the ruleset's own tests run them
    prefer_first: bool = False  # among its own matches the topmost wins (a compiler's first error is the cause)
    summary: bool = False  # a count of what failed: a specific failure above it is the better culprit
    when_above: Context | None = None  # a category the lines above the match can give the verdict instead
    # With `culprit_below`, `culprit_offset` is how many lines below the match are looked through, and the first of
    # them this matches is the culprit (mocha nests suite names between a failure's number and its title).
    culprit_below: Any = None  # re2._Regexp or None
    # A line that only names what fired (clippy's `= note: -D clippy::x implied by -D warnings`, a message inside
    # CMake's `CMake Error at` block) belongs to a diagnostic whose first line is above it: the nearest line above,
    # within `CULPRIT_ABOVE_LINES` in the failed step, that this matches is the culprit.
    culprit_above: Any = None  # re2._Regexp or None

    def key_text(self, message: str) -> str:
        """The meaningful part of a matching message: its captured groups, or the whole message."""
        match = self._search(message)
        if match is None:
            return message
        groups = [group for group in match.groups() if group]
        return " ".join(groups) if groups else message

    def _search(self, message: str) -> Any:
        for variant in message_variants(message):
            match = self.regex.search(variant)
            if match is not None:
                return match
        return None


@dataclass(frozen=True, slots=True)
class CandidateLine:
    """A line of the buffer that matched at least one rule."""

    start: int  # byte offset of the line in the buffer
    end: int  # byte offset of its newline (or the end of the buffer)


class Ruleset:
    """A versioned, compiled set of rules."""

    def __init__(
        self,
        version: str,
        rules: Sequence[Rule],
        boilerplate: Sequence[str],
        step_end: Sequence[str] = (),
        sections: Sequence[str] = (),
    ) -> None:
        if not rules:
            raise RulesetError("a ruleset needs at least one rule")
        self.version = version
        self.rules = tuple(rules)
        # Room for the combined DFAs: the default 8 MiB thrashes on ~400 patterns.
        self._buffer_options = options = _re2_options(64 << 20)
        # The one pattern that finds every line some rule may match runs over every log. In 64 MiB its DFA could
        # not keep the states ~600 alternatives build on varied output and rebuilt them as it went: 1.6 MB of the
        # toolchain set's logs in one step took 2.1 s to scan, warm; in 256 MiB, 0.07 s (the memory is used only
        # as states are built: a whole benchmark run peaks far below it).
        self._prefilter = re2.compile(
            _prefilter_pattern(rule.pattern for rule in self.rules), options=_re2_options(_PREFILTER_MEMORY)
        )
        # Compiled on first use (only logs dense with error-looking lines need them): see `rule_regions`.
        self._member_set: Any = None
        self._exact_members: list[bool] = []
        self._check_sets: dict[tuple[int, ...], Any] = {}
        self._check_options = _re2_options(_CHECK_SET_MEMORY)
        self._buffer_regexes: dict[int, Any] = {}
        # The set that tells which rules match one line: 8 MiB (the default) held too few of its states for ~600
        # patterns and it rebuilt them on every line (48 us a line of varied output; 2 us in 64 MiB).
        self._line_set = re2.Set.SearchSet(options)
        for rule in self.rules:
            self._line_set.Add(rule.pattern)
        self._line_set.Compile()
        self._boilerplate = re2.compile("|".join(f"(?:{pattern})" for pattern in boilerplate) or "$^")
        # Where another CI says the failed command exited: one pattern over a whole log, `^` a line start.
        self._step_end = _line_starts_pattern(step_end)
        # Where a runner that goes on after a failure (tox, nox) starts its next environment.
        self._sections = _line_starts_pattern(sections)

    @classmethod
    def from_toml(cls, text: str, included: Mapping[str, str] | None = None) -> Ruleset:
        """A ruleset from the text of its main file; ``included`` maps each file its ``include`` list names to
        that file's text (files that hold only ``[[rule]]`` entries)."""
        data = _load_toml(text, "rules file")
        unknown = sorted(set(data) - _FILE_KEYS)
        if unknown:
            raise RulesetError(
                f"rules file: unknown keys {', '.join(unknown)} (expected {', '.join(sorted(_FILE_KEYS))})"
            )
        version = data.get("version")
        if not isinstance(version, str) or not version:
            raise RulesetError("rules file needs a non-empty string 'version'")
        entries = list(data.get("rule", []))
        include = data.get("include", [])
        if not isinstance(include, list) or not all(isinstance(name, str) and name for name in include):
            raise RulesetError("rules file: 'include' must be a list of file names")
        included = included or {}
        for name in include:
            if name not in included:
                raise RulesetError(f"rules file: included file {name} is missing")
            part = _load_toml(included[name], name)
            stray = sorted(set(part) - {"rule"})
            if stray:
                raise RulesetError(f"{name}: only [[rule]] entries belong in an included file, not {', '.join(stray)}")
            entries += part.get("rule", [])
        rules = [_parse_rule(entry) for entry in entries]
        names = [rule.name for rule in rules]
        duplicates = sorted({name for name in names if names.count(name) > 1})
        if duplicates:
            raise RulesetError(f"duplicate rule names: {', '.join(duplicates)}")
        boilerplate = _pattern_list(data, "boilerplate")
        step_end = _pattern_list(data, "step_end")
        sections = _pattern_list(data, "sections")
        return cls(version, rules, boilerplate, step_end, sections)

    @classmethod
    def from_path(cls, path: Path) -> Ruleset:
        """A ruleset from its main file; included files are read from the same folder."""
        folder = path.parent
        files = {child.name: child.read_text(encoding="utf-8") for child in folder.glob("*.toml") if child != path}
        return cls.from_toml(path.read_text(encoding="utf-8"), files)

    def candidate_lines(self, buffer: bytes, start: int = 0, end: int | None = None) -> Iterator[CandidateLine]:
        """Every line of ``buffer[start:end]`` that at least one rule may match, top to bottom."""
        yield from _lines_matching(self._prefilter, buffer, start, len(buffer) if end is None else end)

    def rule_regions(self, buffer: bytes) -> list[tuple[Rule, list[tuple[int, int]]]]:
        """The rules that may match some line of ``buffer``, most specific first, each with the ranges of whole
        lines where its member occurs: the only places its lines can be. Two or three passes, whatever the number
        of lines that look like errors.

        One RE2 set of the rules' bounded members (`_set_member`), run over blocks of about `_REGION_BYTES`, tells
        which rules may be present and where; the rules whose member is only a superset of their loose pattern are
        then checked together, where their members occur, by sets of those loose patterns (at most
        `_CHECK_SET_RULES` a set), compiled once per combination and kept (a warm process meets the same few
        again). A rule's lines are then searched in its regions alone: in varied output most rules occur in one or
        two blocks, and searching each whole chunk rule by rule cost the number of rules present times the chunk.
        """
        members, exact = self._members()
        view = memoryview(buffer)
        regions: dict[int, list[tuple[int, int]]] = {}
        start = 0
        while start < len(buffer):
            end = buffer.find(b"\n", start + _REGION_BYTES)
            end = len(buffer) if end == -1 else end + 1
            for index in members.Match(view[start:end]) or ():
                ranges = regions.setdefault(index, [])
                if ranges and ranges[-1][1] == start:
                    ranges[-1] = (ranges[-1][0], end)
                else:
                    ranges.append((start, end))
            start = end
        present = [index for index in regions if exact[index]]
        unsure = sorted(index for index in regions if not exact[index])
        for first in range(0, len(unsure), _CHECK_SET_RULES):
            group = tuple(unsure[first : first + _CHECK_SET_RULES])
            check, found = self._check_set(group), set[int]()
            for start, end in _union(span for index in group for span in regions[index]):
                found.update(check.Match(view[start:end]) or ())
            present += [group[i] for i in found]
        ordered = sorted(present, key=lambda i: (-self.rules[i].priority, i))
        return [(self.rules[index], regions[index]) for index in ordered]

    def _members(self) -> tuple[Any, list[bool]]:
        """The RE2 set of the rules' members, compiled on first use, and for each rule whether its member is its
        loose pattern itself (a match needs no check)."""
        if self._member_set is None:
            members = re2.Set.SearchSet(self._buffer_options)
            for rule in self.rules:
                loose = _loose_pattern(rule.pattern)
                member = _set_member(rule.pattern)
                try:
                    re2.compile(member)
                except re2.error:  # a piece RE2 refuses on its own (a group name twice): the pattern stands
                    member = loose
                members.Add(member)
                self._exact_members.append(member == loose)
            members.Compile()
            self._member_set = members
        return self._member_set, self._exact_members

    def _check_set(self, indices: tuple[int, ...]) -> Any:
        """An RE2 set of the loose patterns of the rules ``indices``, compiled on first use and kept (the least
        recently used of more than `_CHECK_SETS_KEPT` dropped)."""
        check = self._check_sets.pop(indices, None)
        if check is None:
            check = re2.Set.SearchSet(self._check_options)
            for index in indices:
                check.Add(_loose_pattern(self.rules[index].pattern))
            check.Compile()
            if len(self._check_sets) >= _CHECK_SETS_KEPT:
                del self._check_sets[next(iter(self._check_sets))]
        self._check_sets[indices] = check
        return check

    def lines_of(
        self, rule: Rule, buffer: bytes, *, from_bottom: bool, regions: Sequence[tuple[int, int]] | None = None
    ) -> Iterator[CandidateLine]:
        """The lines of ``buffer`` (or of its ``regions``, ranges of whole lines) that ``rule`` may match, from the
        top or from the bottom, each once.

        From the bottom, windows that double in size are searched upwards, so the last matching lines of a
        large buffer cost about what the lines below them cost to read.
        """
        regex = self._buffer_regexes.get(id(rule))
        if regex is None:
            regex = re2.compile(_buffer_pattern(rule.pattern, multiline=True), options=self._buffer_options)
            self._buffer_regexes[id(rule)] = regex
        spans = [(0, len(buffer))] if regions is None else regions
        if not from_bottom:
            for start, end in spans:
                yield from _lines_matching(regex, buffer, start, end)
            return
        for top, bottom in reversed(spans):
            end, window = bottom, _FIRST_WINDOW_BYTES
            while end > top:
                start = max(top, buffer.rfind(b"\n", 0, max(0, end - window)) + 1)
                yield from reversed(list(_lines_matching(regex, buffer, start, end)))
                end, window = start, window * 2

    def matching_rules(self, message: str) -> list[Rule]:
        """The rules that match one message, with or without an annotation or multiplexer prefix, most specific
        first."""
        indices: set[int] = set()
        for variant in message_variants(message):
            indices.update(self._line_set.Match(variant) or ())
        return [self.rules[i] for i in sorted(indices, key=lambda i: (-self.rules[i].priority, i))]

    def step_end_in(self, buffer: bytes) -> tuple[int, int] | None:
        """The first line of ``buffer`` by which a CI other than GitHub Actions says that the command of a failed
        step exited (Travis's `The command "..." exited with 1.`, Jenkins' `Build step '...' marked build as
        failure`): its start and end offsets, or None."""
        if self._step_end is None:
            return None
        for line in _lines_matching(self._step_end, buffer, 0, len(buffer)):
            return line.start, line.end
        return None

    def failed_command(self, line: bytes) -> str | None:
        """The command or build step a step-end line names (Travis's `The command "make test" exited with 2.`,
        Jenkins' `Build step 'Execute shell' marked build as failure`): the capture group of the `step_end`
        pattern that matches it; None for a line that names none."""
        found = self._step_end.search(line) if self._step_end is not None else None
        if found is None:
            return None
        named = next((group for group in found.groups() if group and group.strip()), None)
        return named.decode("utf-8", errors="replace").strip() if named is not None else None

    def section_starts(self, buffer: bytes, start: int, end: int) -> list[int]:
        """Where, in ``buffer[start:end]`` (``start`` a line start), a runner that goes on after a failure starts
        another environment or session (tox's `py311: commands[0]> pytest`): the offsets of those lines."""
        if self._sections is None:
            return []
        return [line.start for line in _lines_matching(self._sections, buffer, start, end)]

    def is_boilerplate(self, message: str) -> bool:
        if self._boilerplate.search(message) is not None:
            return True
        demuxed = strip_multiplexer(message)
        return demuxed != message and self._boilerplate.search(demuxed) is not None


def _line_starts_pattern(patterns: Sequence[str]) -> Any:
    """One RE2 pattern for any of ``patterns`` over a whole log, `^` a line start, or None for none."""
    if not patterns:
        return None
    return re2.compile(_buffer_pattern("|".join(f"(?:{pattern})" for pattern in patterns), multiline=True))


def _re2_options(max_mem: int) -> Any:
    """RE2 options (re2.Options) for a pattern or set whose matches are only located: ``max_mem`` bytes for its
    program and its DFA's states, no capture groups."""
    options = re2.Options()
    options.max_mem = max_mem
    options.never_capture = True
    return options


def _union(ranges: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Ranges merged where they touch or overlap, in order."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _lines_matching(regex: Any, buffer: bytes, start: int, end: int) -> Iterator[CandidateLine]:
    """The lines of ``buffer[start:end]`` (``start`` a line start) holding a match of ``regex``, top to bottom,
    each once.

    One ``finditer`` walks the range: the binding's ``search`` with a start position costs time in proportion
    to the whole buffer on every call, which made a search restarted at each line quadratic.
    """
    line_end, pos = -1, start
    while pos < end:
        for match in regex.finditer(buffer, pos, end):
            if match.start() <= line_end:
                continue  # another match on a line already reported
            line_start = buffer.rfind(b"\n", 0, match.start()) + 1
            line_end = buffer.find(b"\n", match.start(), end)
            line_end = end if line_end == -1 else line_end
            yield CandidateLine(max(line_start, start), line_end)
            if match.end() > line_end:
                # A match that ran past its line (a class or `\s` took the newline) hid the lines it covered:
                # search again from the next line.
                pos = line_end + 1
                break
        else:
            return


def _prefilter_pattern(patterns: Iterable[str]) -> str:
    """One pattern that finds, over a whole multi-line buffer, every line some rule may match.

    The rules' top-level alternatives anchored at the start of a message share one copy of what may precede a
    message (line prefix, multiplexer prefix, annotation) instead of one copy each: the combined automaton stays
    small enough for RE2's DFA however many anchored rules there are.
    """
    anchored: list[str] = []
    unanchored: list[str] = []
    for pattern in patterns:
        for alternative in _top_level_alternatives(pattern):
            if alternative.startswith("^"):
                anchored.append(_buffer_pattern(alternative[1:]))
            else:
                unanchored.append(_buffer_pattern(alternative))
    return "(?m)" + "|".join([f"{_MESSAGE_START}(?:{'|'.join(anchored)})", *unanchored] if anchored else unanchored)


def _top_level_alternatives(pattern: str) -> list[str]:
    """A pattern's top-level alternatives, each standing alone: a group around the whole pattern is opened and
    leading flags (``(?i)``) are carried into each. A pattern too unusual to split comes back whole."""
    flags = ""
    leading_flags = re.match(r"\(\?([a-zA-Z]+)\)", pattern)
    if leading_flags:
        flags, pattern = leading_flags.group(1), pattern[leading_flags.end() :]
    if re.search(r"\(\?(?!P<)[a-zA-Z]", pattern.replace("\\\\", "")):
        return [f"(?{flags}){pattern}" if flags else pattern]  # flags further in: keep the pattern whole
    while pattern.startswith("(?:") and _closing_parens(pattern).get(0) == len(pattern) - 1:
        pattern = pattern[3:-1]
    alternatives = _split_top_level(pattern)
    return [f"(?{flags}:{alternative})" if flags else alternative for alternative in alternatives]


def _scan(pattern: str) -> Iterator[tuple[int, str, int]]:
    """Each character of a pattern that is syntax (not escaped, not inside a class), with its group depth."""
    depth = 0
    in_class = escaped = False
    for index, char in enumerate(pattern):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]" or pattern[index - 1] == "["
        elif char == "[":
            in_class = True
        else:
            if char == ")":
                depth -= 1
            yield index, char, depth
            if char == "(":
                depth += 1


def _split_top_level(pattern: str) -> list[str]:
    cuts = [index for index, char, depth in _scan(pattern) if char == "|" and depth == 0]
    bounds = zip([-1, *cuts], [*cuts, len(pattern)], strict=True)
    return [pattern[start + 1 : end] for start, end in bounds]


def _buffer_pattern(pattern: str, *, multiline: bool = False) -> str:
    """A rule pattern made to run over a whole multi-line buffer: each ``^`` also admits the line prefix, a
    multiplexer prefix and an annotation; each ``$`` admits the blanks and carriage return a line may end with, as
    a message is read without them (`Test > method FAILED ` is a line a rule ending in `FAILED$` knows).
    ``multiline`` adds the flag that makes ``^`` a line start."""
    syntax = {index: char for index, char, _depth in _scan(pattern)}
    out: list[str] = []
    for index, char in enumerate(pattern):
        if syntax.get(index) == "^":
            out.append(_MESSAGE_START)
        elif syntax.get(index) == "$":
            out.append("[ \\t\\r]*$")
        else:
            out.append(char)
    return ("(?m)" if multiline else "") + "(?:" + "".join(out) + ")"


def _loose_pattern(pattern: str) -> str:
    """A rule pattern without its anchors: it matches a superset of the lines the rule matches, and a set of
    several hundred of them stays a small automaton (the shared line-start prefix of ``_buffer_pattern``,
    repeated in every member, made the set's DFA slow to build on each new log)."""
    syntax = {index: char for index, char, _depth in _scan(pattern)}
    return "".join(char for index, char in enumerate(pattern) if syntax.get(index) not in ("^", "$"))


# --- the rules' members of the buffer sets ---------------------------------------------------------------------

# A set member is a piece of its rule's pattern that every line the rule matches contains: the piece between
# unbounded repetitions (`.*`, `\S+`, `[^:]+`) that names the most literal text, with at least this many literal
# characters (else the loose pattern is kept whole).
_MIN_MEMBER_LITERALS = 3
_QUANTIFIER = re.compile(r"(?:[*+?]|\{\d+(?:,\d*)?\})\??")
_UNBOUNDED_QUANTIFIER = re.compile(r"[*+]|\{\d+,\}")
_CLASS_ESCAPE = re.compile(r"\\[dDsSwWbBAz]|\\[pP]")
_GROUP_OPENING = re.compile(r"\((?:\?(?:P<\w+>|:))?")


@dataclass(frozen=True, slots=True)
class _Piece:
    """A bounded stretch of a pattern (it matches at most a fixed number of characters) and how many literal
    characters every match of it holds."""

    text: str
    literals: int


def _set_member(pattern: str) -> str:
    """What stands for ``pattern`` in an RE2 set that tells which rules a chunk holds: a superset of the lines
    the rule matches whose automaton stays small.

    A set of whole patterns keeps, at each byte, every pattern that has begun to match and has an unbounded gap
    before its end (`error: .* not found`): on varied real text those combinations made the set's DFA states
    many and slow to build (3.5 MB of real tool output, the toolchain set and the PyTorch logs, cost a fresh
    process 3.1 s in two sets of 300 whole patterns, 0.6 s in one set of bounded members). A bounded piece per
    alternative keeps the automaton close to a keyword matcher; the rule's own pattern then reads its lines.
    Deriving and compiling the members costs about 0.2 s, once per process, on its first dense chunk.
    """
    flags = ""
    leading = re.match(r"\(\?([a-zA-Z]+)\)", pattern)
    if leading:
        flags, pattern = leading.group(1), pattern[leading.end() :]
    try:
        pieces = _bounded_alternatives(pattern)
    except (ValueError, IndexError):  # syntax the walk does not know: the whole pattern stands for itself
        pieces = None
    if pieces is None:
        return _loose_pattern(f"(?{flags}){pattern}" if flags else pattern)
    body = _loose_pattern("|".join(piece.text for piece in pieces))  # a group kept whole may hold an anchor
    return f"(?{flags}:{body})" if flags else body


def _bounded_alternatives(pattern: str) -> list[_Piece] | None:
    """The best bounded piece of each of ``pattern``'s top-level alternatives, or None where one has none."""
    pieces: list[_Piece] = []
    for alternative in _split_top_level(pattern):
        piece = _best_piece(list(_items(alternative)))
        if piece is None or piece.literals < _MIN_MEMBER_LITERALS:
            return None
        pieces.append(piece)
    return pieces


class _Item(NamedTuple):
    """An item of a concatenation (a character, escape, class or group, with its quantifier)."""

    text: str
    unbounded: bool  # it can match an unbounded stretch
    literals: int  # the literal characters every match of it holds (for a repeated atom: one copy's)
    inner: _Piece | None  # for a group with an unbounded repetition inside that must match: its best bounded piece
    edge: str | None = None  # for an atom repeated at least once without bound (`\S+`, ` +`): the atom, one copy


def _best_piece(items: list[_Item]) -> _Piece | None:
    r"""The run of consecutive bounded items that holds the most literal characters (a group with an unbounded
    repetition inside ends a run, and its own best piece is a candidate of its own).

    An atom repeated at least once without bound (` +`, `\d+`) ends a run with one copy of itself and starts the
    next with one: every match holds the run followed by the repetition's first copy, and its last copy followed
    by the next run. `^ *\d+:\d+ +error +` stands for ` error `, not `error`: a member that every line saying
    "error" held made the sets name such rules for every block of an error-heavy log, to be checked again by their
    own patterns."""
    candidates: list[_Piece] = []
    run: list[_Piece] = []
    for text, unbounded, literals, inner, edge in items:
        if inner is not None:
            candidates.append(inner)
        if unbounded:
            if edge is not None:
                run.append(_Piece(edge, literals))
            candidates.append(_Piece("".join(item.text for item in run), sum(item.literals for item in run)))
            run = [_Piece(edge, literals)] if edge is not None else []
        else:
            run.append(_Piece(text, literals))
    candidates.append(_Piece("".join(item.text for item in run), sum(item.literals for item in run)))
    return max(candidates, key=lambda piece: piece.literals, default=None)


def _items(pattern: str) -> Iterator[_Item]:
    """The top-level items of a concatenation, each with its quantifier. Raises ValueError on syntax it does not
    know (inline flags, `\\Q`)."""
    closing = _closing_parens(pattern)
    index = 0
    while index < len(pattern):
        char = pattern[index]
        inner: _Piece | None = None
        unbounded = False
        if char == "\\":
            end = index + 2
            if pattern.startswith(("\\x{", "\\p{", "\\P{"), index):
                end = pattern.index("}", index) + 1
            elif pattern.startswith("\\x", index):
                end = index + 4
            elif pattern.startswith(("\\p", "\\P"), index):
                end = index + 3
            elif pattern.startswith("\\Q", index):
                raise ValueError("\\Q")
            literals = 0 if _CLASS_ESCAPE.match(pattern, index) else 1
        elif char == "[":
            end, literals = _class_end(pattern, index), 0
        elif char == "(":
            opening = _GROUP_OPENING.match(pattern, index)
            if opening is None or (opening.group(0).startswith("(?") and opening.group(0)[-1] not in ":>"):
                raise ValueError("inline flags")
            end = closing[index] + 1
            unbounded, literals, inner = _group(pattern[opening.end() : end - 1])
        elif char in "^$":
            index += 1
            continue
        else:
            end, literals = index + 1, (0 if char == "." else 1)
        quantifier = _QUANTIFIER.match(pattern, end)
        stop = quantifier.end() if quantifier else end
        edge = None
        if quantifier:
            unbounded = unbounded or _UNBOUNDED_QUANTIFIER.match(quantifier.group(0)) is not None
            if quantifier.group(0)[0] in "?*" or quantifier.group(0).startswith("{0"):
                literals, inner = 0, None  # it may be absent
            elif unbounded and char != "(":
                edge = pattern[index:end]
        yield _Item(pattern[index:stop], unbounded, literals, inner, edge)
        index = stop


def _group(body: str) -> tuple[bool, int, _Piece | None]:
    """A group as an item: whether it can match an unbounded stretch, the literal characters every match holds
    (its poorest alternative's) and, when it is unbounded, the alternation of its alternatives' best bounded
    pieces (None when one alternative has none)."""
    pieces: list[_Piece] = []
    unbounded = False
    for alternative in _split_top_level(body):
        items = list(_items(alternative))
        if any(item.unbounded for item in items):
            unbounded = True
            piece = _best_piece(items)
            if piece is None or piece.literals == 0:
                return True, 0, None
            pieces.append(piece)
        else:
            pieces.append(_Piece(alternative, sum(item.literals for item in items)))
    literals = min(piece.literals for piece in pieces)
    if not unbounded:
        return False, literals, None
    return True, 0, _Piece("(?:" + "|".join(piece.text for piece in pieces) + ")", literals)


def _closing_parens(pattern: str) -> dict[int, int]:
    """Where each group of ``pattern`` that is not escaped or inside a class opens and closes."""
    opened: list[int] = []
    pairs: dict[int, int] = {}
    for index, char, _depth in _scan(pattern):
        if char == "(":
            opened.append(index)
        elif char == ")":
            if not opened:
                raise ValueError("unbalanced")
            pairs[opened.pop()] = index
    if opened:
        raise ValueError("unbalanced")
    return pairs


def _class_end(pattern: str, opening: int) -> int:
    """The index just past the character class that opens at ``opening``."""
    index = opening + 1
    if pattern.startswith("^", index):
        index += 1
    if pattern.startswith("]", index):
        index += 1
    while pattern[index] != "]":
        index += 2 if pattern[index] == "\\" else 1
    return index + 1


def _parse_rule(entry: dict[str, Any]) -> Rule:
    name = entry.get("name")
    if not isinstance(name, str) or not name:
        raise RulesetError(f"a rule has no name: {entry!r}")
    unknown = sorted(set(entry) - _RULE_KEYS)
    if unknown:
        # A misspelled key (`example`, `cuprit_offset`) would otherwise be ignored without a word.
        raise RulesetError(f"rule {name}: unknown keys {', '.join(unknown)} (expected {', '.join(sorted(_RULE_KEYS))})")
    try:
        category = Category(entry["category"])
    except (KeyError, ValueError) as exc:
        raise RulesetError(f"rule {name}: unknown or missing category {entry.get('category')!r}") from exc
    priority = entry.get("priority")
    if isinstance(priority, bool) or not isinstance(priority, int) or not 0 <= priority <= 100:
        raise RulesetError(f"rule {name}: priority must be an integer in [0, 100]")
    pattern = entry.get("pattern")
    if not isinstance(pattern, str) or not pattern:
        raise RulesetError(f"rule {name}: missing pattern")
    try:
        regex = re2.compile(pattern)
        re2.compile(_buffer_pattern(pattern))
    except re2.error as exc:
        raise RulesetError(f"rule {name}: pattern does not compile under RE2: {exc}") from exc
    if regex.search("") is not None:
        raise RulesetError(f"rule {name}: pattern matches the empty line")
    default_confidence = next(value for floor, value in _CONFIDENCE_BY_PRIORITY if priority >= floor)
    confidence = entry.get("confidence", default_confidence)
    if isinstance(confidence, bool) or not isinstance(confidence, int | float) or not 0.0 <= confidence <= 1.0:
        raise RulesetError(f"rule {name}: confidence must be a number in [0, 1]")
    culprit_offset = entry.get("culprit_offset", 0)
    if (
        isinstance(culprit_offset, bool)
        or not isinstance(culprit_offset, int)
        or not 0 <= culprit_offset <= MAX_CULPRIT_OFFSET
    ):
        raise RulesetError(f"rule {name}: culprit_offset must be an integer in [0, {MAX_CULPRIT_OFFSET}]")
    culprit_below = _culprit_pattern(name, entry, "culprit_below")
    if culprit_below is not None and not culprit_offset:
        raise RulesetError(f"rule {name}: culprit_below must be a pattern, with culprit_offset lines to read")
    culprit_above = _culprit_pattern(name, entry, "culprit_above")
    summary = entry.get("summary", False)
    if not isinstance(summary, bool):
        raise RulesetError(f"rule {name}: summary must be true or false")
    examples = _examples(name, entry.get("examples", []))
    return Rule(
        name=name,
        category=category,
        priority=priority,
        pattern=pattern,
        confidence=float(confidence),
        culprit_offset=culprit_offset,
        culprit_below=culprit_below,
        culprit_above=culprit_above,
        regex=regex,
        examples=tuple(examples),
        prefer_first=_prefer_first(name, entry.get("prefer", "last")),
        summary=summary,
        when_above=_when_above(name, entry["when_above"]) if "when_above" in entry else None,
    )


def _examples(name: str, examples: object) -> tuple[str, ...]:
    if not isinstance(examples, list) or not all(isinstance(example, str) and example for example in examples):
        raise RulesetError(f"rule {name}: examples must be a list of non-empty strings")
    return tuple(examples)


def _culprit_pattern(name: str, entry: dict[str, Any], key: str) -> Any:
    """A rule's optional `culprit_below` / `culprit_above` pattern, compiled (re2._Regexp), or None."""
    pattern = entry.get(key)
    if pattern is None:
        return None
    if not isinstance(pattern, str) or not pattern:
        raise RulesetError(f"rule {name}: {key} must be a pattern")
    try:
        return re2.compile(pattern)
    except re2.error as exc:
        raise RulesetError(f"rule {name}: {key} does not compile under RE2: {exc}") from exc


def _when_above(name: str, table: object) -> Context:
    if not isinstance(table, dict):
        raise RulesetError(f"rule {name}: when_above must be a table with a pattern and a category")
    unknown = sorted(set(table) - _WHEN_ABOVE_KEYS)
    if unknown:
        raise RulesetError(f"rule {name}: unknown keys in when_above: {', '.join(unknown)}")
    pattern = table.get("pattern")
    if not isinstance(pattern, str) or not pattern:
        raise RulesetError(f"rule {name}: when_above needs a pattern")
    try:
        category = Category(str(table.get("category")))
    except ValueError as exc:
        raise RulesetError(f"rule {name}: when_above has an unknown category {table.get('category')!r}") from exc
    try:
        regex = re2.compile(_buffer_pattern(pattern, multiline=True))
    except re2.error as exc:
        raise RulesetError(f"rule {name}: when_above pattern does not compile under RE2: {exc}") from exc
    if regex.search("") is not None:
        raise RulesetError(f"rule {name}: when_above pattern matches the empty line")
    return Context(pattern, category, regex, _examples(name, table.get("examples", [])))


def _prefer_first(name: str, prefer: object) -> bool:
    if prefer not in ("first", "last"):
        raise RulesetError(f"rule {name}: prefer must be 'first' or 'last', got {prefer!r}")
    return prefer == "first"


def _pattern_list(data: dict[str, Any], key: str) -> list[str]:
    patterns = data.get(key, [])
    if not isinstance(patterns, list) or not all(isinstance(item, str) and item for item in patterns):
        raise RulesetError(f"rules file: '{key}' must be a list of non-empty patterns")
    for item in patterns:
        try:
            re2.compile(item)
            re2.compile(_buffer_pattern(item))
        except re2.error as exc:
            raise RulesetError(f"{key} pattern {item!r} does not compile under RE2: {exc}") from exc
    return patterns


def _load_toml(text: str, what: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RulesetError(f"{what} is not valid TOML: {exc}") from exc


def shipped_rule_files() -> dict[str, str]:
    """The text of every rules file shipped with the package, by file name."""
    folder = resources.files("ci_agent.rules")
    return {
        entry.name: entry.read_text(encoding="utf-8")
        for entry in folder.iterdir()
        if entry.name.endswith(".toml") and entry.is_file()
    }


@cache
def default_ruleset() -> Ruleset:
    """The ruleset shipped with the package, compiled once per process."""
    files = shipped_rule_files()
    return Ruleset.from_toml(files.pop(DEFAULT_RULESET), files)
