"""Analyzer benchmark: accuracy on the labelled corpus, throughput and peak memory on a large log.

Prints figures, asserts nothing. The labelled corpus and the real logs live in ../shared, which users who clone
the project do not have: those parts say so and are skipped when it is absent; the throughput part always runs.

    python bench/analyzer_bench.py [--size-mb 50] [--variants 5] [--validation-only | --speed-only]
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ci_agent.analysis import analyze_log, default_ruleset
from ci_agent.analysis.analyzer import message_of

sys.path.insert(0, str(Path(__file__).parent))
from noise import write_errorish_log, write_noise_log

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def pairwise_grouping(families: list[str], signatures: list[str]) -> tuple[float, float, float]:
    """Pairwise precision/recall/F1 of signature groups against the labelled families."""
    tp = fp = fn = 0
    for (fam_a, sig_a), (fam_b, sig_b) in itertools.combinations(zip(families, signatures, strict=True), 2):
        same_family, same_signature = fam_a == fam_b, sig_a == sig_b
        tp += same_family and same_signature
        fp += same_signature and not same_family
        fn += same_family and not same_signature
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def bench_corpus(variants: int, seeds: tuple[int, ...]) -> None:
    generator = SHARED / "corpus" / "make_corpus.py"
    if not generator.exists():
        print(f"corpus: skipped, {generator} is absent (it lives in ../shared beside the project)")
        return
    with tempfile.TemporaryDirectory() as tmp:
        cases = []
        for seed in seeds:
            out = Path(tmp) / str(seed)
            subprocess.run(
                [sys.executable, str(generator), str(out), "--variants", str(variants), "--seed", str(seed)],
                check=True,
            )
            labels = json.loads((out / "labels.json").read_text())
            cases += [(out / name, label) for name, label in sorted(labels.items())]
        category_ok = culprit_ok = 0
        families, signatures, misses = [], [], []
        for path, label in cases:
            analysis = analyze_log(path.read_bytes())
            category_ok += analysis.category == label["category"]
            text = analysis.culprit.text if analysis.culprit else ""
            hit = any(key in text for key in label["key"])
            culprit_ok += hit
            if analysis.category != label["category"] or not hit:
                misses.append(f"  {path.name}: {analysis.category} [{analysis.rule}] {text[:100]!r}")
            families.append(label["family"])
            signatures.append(analysis.signature)
    n = len(cases)
    precision, recall, f1 = pairwise_grouping(families, signatures)
    print(f"corpus: {n} logs, {len(set(families))} families, seeds {seeds}, {variants} variants each")
    print(f"  category accuracy      {category_ok / n:.3f} ({category_ok}/{n})")
    print(f"  culprit-line accuracy  {culprit_ok / n:.3f} ({culprit_ok}/{n})")
    print(f"  signature grouping     precision {precision:.3f} recall {recall:.3f} F1 {f1:.3f}")
    print(f"  distinct signatures    {len(set(signatures))}")
    for miss in misses[:20]:
        print(miss)


def bench_real_logs() -> None:
    folder = SHARED / "logs" / "pytorch" / "logs"
    labels_path = folder / "labels.json"
    if not labels_path.exists():
        print(f"real logs: skipped, {labels_path} is absent")
        return
    labels = json.loads(labels_path.read_text())
    category_ok = line_ok = 0
    for name, label in sorted(labels.items()):
        analysis = analyze_log((folder / name).read_bytes())
        accepted = {label["category"], *label.get("alt_categories", [])}
        category_ok += analysis.category in accepted
        line_ok += analysis.culprit is not None and analysis.culprit.line == label["culprit_line"]
    n = len(labels)
    print(f"real PyTorch logs (no rule written for their strings): {n} logs")
    print(f"  category accuracy (label or accepted alternative) {category_ok / n:.3f} ({category_ok}/{n})")
    print(f"  culprit on the labelled line                     {line_ok / n:.3f} ({line_ok}/{n})")


def groundtruth_texts(groundtruth: str, log: bytes) -> set[str]:
    """The texts of a cidiff ground truth's error lines (``E a-b`` / ``E n``).

    The files do not say how their lines are numbered, and they differ: some count every line of the log,
    others only its non-blank lines (cidiff's parsers skip blank lines by default). Both readings are taken,
    and a culprit counts when its text is one of those lines' texts.
    """
    numbers: set[int] = set()
    for row in groundtruth.splitlines():
        if row.startswith("E "):
            first, _, last = row[2:].strip().partition("-")
            numbers.update(range(int(first), int(last or first) + 1))
    every = [message_of(line).strip() for line in log.split(b"\n")]
    non_blank = [text for text in every if text]
    return {
        lines[number - 1]
        for lines in (every, non_blank)
        for number in numbers
        if 0 < number <= len(lines) and lines[number - 1]
    }


def bench_pairs(
    title: str, cases: list[tuple[str, str, bytes, bytes, set[str]]], *, halves: bool = False
) -> list[float]:
    """Culprit accuracy on failing/passing pairs, without and with the passing log as baseline, per group."""
    timings: list[float] = []
    groups: dict[str, list[tuple[bool, bool]]] = {}
    inspected = {name for name, *_ in cases[1::2]}  # the half looked at while building the benchmark
    for name, group, fail, passing, truth in cases:
        start = time.perf_counter()
        alone = analyze_log(fail)
        timings.append(time.perf_counter() - start)
        compared = analyze_log(fail, baseline=passing)
        hits = tuple(a.culprit is not None and a.culprit.text.strip() in truth for a in (alone, compared))
        groups.setdefault(group, []).append(hits)  # type: ignore[arg-type]
        if halves:
            half = "half A (inspected)" if name in inspected else "half B (never read)"
            groups.setdefault(half, []).append(hits)  # type: ignore[arg-type]
        groups.setdefault("all", []).append(hits)  # type: ignore[arg-type]
    print(f"{title}: {len(cases)} failing logs, culprit is a ground-truth error line")
    for group, hits in sorted(groups.items(), key=lambda item: (item[0] == "all", item[0].startswith("half"), item[0])):
        n = len(hits)
        alone_ok, compared_ok = sum(h[0] for h in hits), sum(h[1] for h in hits)
        print(
            f"  {group:<20} without baseline {alone_ok / n:.3f} ({alone_ok}/{n})"
            f"   with baseline {compared_ok / n:.3f} ({compared_ok}/{n})"
        )
    return timings


def bench_cidiff() -> None:
    folder = SHARED / "logs" / "cidiff"
    if not folder.exists():
        print(f"cidiff (shared): skipped, {folder} is absent")
        return
    cases = [
        (
            case.name,
            "all-seen",
            (case / "fail.log").read_bytes(),
            (case / "pass.log").read_bytes(),
            groundtruth_texts((case / "groundtruth").read_text(), (case / "fail.log").read_bytes()),
        )
        for case in sorted(folder.iterdir())
        if (case / "groundtruth").exists()
    ]
    bench_pairs("cidiff pairs in ../shared (seen while the rules were written)", cases)


def bench_validation() -> list[float]:
    """The held-out validation set: real logs no rule, example or fixture was written from."""
    folder = ROOT / "bench" / "validation" / "cidiff"
    ecosystems = json.loads((folder / "ecosystems.json").read_text())
    cases = [
        (
            name,
            label["ecosystem"],
            gzip.decompress((folder / name / "fail.log.gz").read_bytes()),
            gzip.decompress((folder / name / "pass.log.gz").read_bytes()),
            groundtruth_texts(
                (folder / name / "groundtruth").read_text(),
                gzip.decompress((folder / name / "fail.log.gz").read_bytes()),
            ),
        )
        for name, label in sorted(ecosystems.items())
    ]
    timings = bench_pairs("validation set (bench/validation/cidiff, Apache-2.0)", cases, halves=True)
    print_timings("time per log", timings, [len(case[2]) for case in cases])
    return timings


def print_timings(title: str, timings: list[float], sizes: list[int]) -> None:
    ordered = sorted(timings)
    p50 = ordered[len(ordered) // 2]
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    print(
        f"  {title}: p50 {p50 * 1000:.1f} ms, p99 {p99 * 1000:.1f} ms, max {ordered[-1] * 1000:.1f} ms"
        f" ({len(ordered)} logs of {min(sizes) // 1000}-{max(sizes) // 1000} kB)"
    )


def labelled_cases(pattern: str) -> list[tuple[str, dict[str, object], bytes]]:
    """Every log beside a labels.json matching ``pattern`` (under bench/): (its folder's name, label, log)."""
    cases = []
    for labels_path in sorted((ROOT / "bench").glob(pattern)):
        for name, label in sorted(json.loads(labels_path.read_text()).items()):
            log = gzip.decompress((labels_path.parent / f"{name}.gz").read_bytes())
            cases.append((labels_path.parent.name, label, log))
    return cases


def bench_labelled(
    title: str,
    cases: list[tuple[str, dict[str, object], bytes]],
    groups_of: Callable[[str, dict[str, object]], list[str]],
) -> list[float]:
    """Category and culprit-line accuracy on labelled logs, per group (``groups_of`` names a log's groups; "all"
    is added), and the time per log. A category counts when it is the label or an accepted alternative; a culprit
    when its line is one of the labelled lines."""
    groups: dict[str, list[tuple[bool, bool]]] = {}
    timings: list[float] = []
    for source, label, log in cases:
        start = time.perf_counter()
        analysis = analyze_log(log)
        timings.append(time.perf_counter() - start)
        accepted = {label["category"], *label["alt_categories"]}  # type: ignore[misc]
        hit = (
            analysis.category.value in accepted,
            analysis.culprit is not None and analysis.culprit.line in label["culprit_lines"],  # type: ignore[operator]
        )
        for group in (*groups_of(source, label), "all"):
            groups.setdefault(group, []).append(hit)
    print(title)
    print(f"  {'group':<34} {'logs':>4}  {'category':>15}  {'culprit line':>15}")
    for group, hits in sorted(groups.items(), key=lambda item: (item[0] == "all", item[0].startswith("set"), item[0])):
        n = len(hits)
        category_ok, culprit_ok = sum(h[0] for h in hits), sum(h[1] for h in hits)
        print(
            f"  {group:<34} {n:>4}  {category_ok / n:.3f} ({category_ok:>2}/{n:<2})"
            f"  {culprit_ok / n:.3f} ({culprit_ok:>2}/{n:<2})"
        )
    return timings


def bench_labelled_validation(cidiff_timings: list[float]) -> None:
    """The labelled held-out logs: category and culprit line per ecosystem and per source (see
    bench/validation/README.md for how they were labelled), and the time per log over the whole validation set."""
    cases = labelled_cases("validation/*/labels.json")
    sources = len({source for source, _, _ in cases})
    timings = bench_labelled(
        f"labelled validation set (bench/validation/*/labels.json): {len(cases)} failing logs, {sources} sources",
        cases,
        # Logs added after the first 88 are reported apart: they measure the rules written before they were read.
        lambda source, label: [
            f"ecosystem {label['ecosystem']}",
            f"source {source}",
            f"set {label.get('added', 'first 88')}",
        ],
    )
    sizes = [len(log) for _, _, log in cases]
    print_timings("time per log, labelled set", timings, sizes)
    print_timings("time per log, whole validation set", timings + cidiff_timings, sizes)


def bench_toolchain() -> None:
    """The toolchain development set (bench/toolchain/README.md): real tool output generated here, per tool. Not
    held out: rules may be written from it."""
    cases = labelled_cases("toolchain/logs/labels.json")
    if not cases:
        print("toolchain development set: skipped, bench/toolchain/logs/labels.json is absent")
        return
    tools = len({label["tool"] for _, label, _ in cases})
    bench_labelled(
        f"toolchain development set (bench/toolchain, not held out): {len(cases)} logs, {tools} tools",
        cases,
        # Per CI too: the same tools' output re-wrapped as other CIs' job logs (ci_wrap_cases.py) beside GitHub Actions.
        lambda _source, label: [f"tool {label['tool']}", f"ci {label['ci']}"],
    )


def bench_throughput(size_mb: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.log"
        write_noise_log(path, size_mb * 1_000_000)
        size = path.stat().st_size
        lines = sum(1 for _ in path.open("rb"))
        default_ruleset()  # compile once, as a warm Lambda would have
        common = timed_turns(path)
        # Peak memory of a fresh process that imports the analyzer and analyses the file once: its own high-water
        # mark (VmHWM), not getrusage's, which Linux carries over an exec from the forking parent (this benchmark,
        # holding the corpus, made it read 173 MiB for a 95 MiB process).
        probe = (
            "import sys;from ci_agent.analysis import analyze_log;"
            "analyze_log(open(sys.argv[1],'rb').read());"
            "print(next(l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM:')))"
        )
        peak_kib = int(
            subprocess.run([sys.executable, "-c", probe, str(path)], capture_output=True, text=True, check=True).stdout
        )
    print(f"throughput (common case): {size / 1e6:.1f} MB, {lines} lines, failure at the end")
    common.report(size)
    print(f"  peak RSS of a process analysing it {peak_kib / 1024:.0f} MiB (interpreter and imports included)")
    with tempfile.TemporaryDirectory() as tmp:
        # Nothing any rule knows, so every chunk of the step is searched before the fallback.
        path = Path(tmp) / "unrecognised.log"
        write_noise_log(path, size_mb * 1_000_000, recognisable=False)
        unrecognised = timed_turns(path, rounds=3)
    print("no rule matches anywhere:")
    unrecognised.report(path.stat().st_size if path.exists() else size)
    worst = bench_errorish(size_mb=20)
    varied = bench_varied()
    print(
        f"linear on every log: common case {common.wall_ratio:.2f}x / {common.cpu_ratio:.2f}x,"
        f" no rule matching {unrecognised.wall_ratio:.2f}x / {unrecognised.cpu_ratio:.2f}x,"
        f" worst case {worst.wall_ratio:.2f}x / {worst.cpu_ratio:.2f}x"
        + (f", varied real output {varied.wall_ratio:.2f}x / {varied.cpu_ratio:.2f}x" if varied else "")
        + " the bare text loop (wall / processor time; the target is at most 5x)"
    )
    hostile = b"2026-01-01T00:00:00.0000000Z " + b"Error: " + b"(a" * 2_000_000 + b"\n"
    start = time.perf_counter()
    analyze_log(hostile * 3)
    print(f"  hostile log (three 4 MB single lines of nested-looking text): {time.perf_counter() - start:.3f} s")


@dataclass
class Turns:
    """Bare line loops and analyses of one file, taken in turns: the best of each, by the wall clock and by the
    processor time of this process (which a busy shared machine does not inflate)."""

    text_wall: float
    text_cpu: float
    bytes_wall: float
    analysis_wall: float
    analysis_cpu: float
    verdict: str

    @property
    def wall_ratio(self) -> float:
        return self.analysis_wall / self.text_wall

    @property
    def cpu_ratio(self) -> float:
        return self.analysis_cpu / self.text_cpu

    def report(self, size: int) -> None:
        print(f"  bare loops over the lines: bytes {self.bytes_wall:.3f} s, text {self.text_wall:.3f} s")
        print(
            f"  analyze_log (read included)      {self.analysis_wall:.3f} s  = {self.wall_ratio:.2f}x the text loop"
            f" ({self.analysis_wall / self.bytes_wall:.2f}x the bytes loop; processor time {self.cpu_ratio:.2f}x"
            f" the text loop's), {size / 1e6 / self.analysis_wall:.0f} MB/s  ({self.verdict})"
        )


def timed_turns(path: Path, rounds: int = 5) -> Turns:
    """The loops and the analysis take turns, ``rounds`` times, and the best of each is kept: on a shared machine
    the ratio then compares runs made under the same load, not a quiet loop with a busy analysis."""
    analysis = analyze_log(path.read_bytes())  # a warm process, as a warm Lambda
    text_wall, text_cpu, bytes_wall, analysis_wall, analysis_cpu = [], [], [], [], []
    for _ in range(rounds):
        start = time.perf_counter()
        with path.open("rb") as handle:
            for _line in handle:
                pass
        bytes_wall.append(time.perf_counter() - start)
        start, cpu = time.perf_counter(), time.process_time()
        with path.open(encoding="utf-8", errors="replace") as handle:
            for _line in handle:
                pass
        text_wall.append(time.perf_counter() - start)
        text_cpu.append(time.process_time() - cpu)
        start, cpu = time.perf_counter(), time.process_time()
        analysis = analyze_log(path.read_bytes())
        analysis_wall.append(time.perf_counter() - start)
        analysis_cpu.append(time.process_time() - cpu)
    line = analysis.culprit.line if analysis.culprit else None
    return Turns(
        min(text_wall),
        min(text_cpu),
        min(bytes_wall),
        min(analysis_wall),
        min(analysis_cpu),
        f"{analysis.category} [{analysis.rule}] line {line}",
    )


def bench_errorish(size_mb: int, rounds: int = 5) -> Turns:
    """The worst shape for the search: colour codes everywhere and a third of the lines look like errors, so
    every chunk of the step is read and most lines are candidates."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "errorish.log"
        write_errorish_log(path, size_mb * 1_000_000)
        size = path.stat().st_size
        worst = timed_turns(path, rounds)
    print(f"worst case: {size_mb} MB colour-coded, a third of the lines look like errors (best of {rounds} turns)")
    worst.report(size)
    return worst


def bench_varied() -> Turns | None:
    """Real tool output of every kind in one failed step: the toolchain set's logs one after another, their runner
    markers dropped (a monorepo job running every linter and test suite). Varied text is what makes an RE2 set's
    automaton build many states; the synthetic worst shape repeats a few lines. Also the first analysis of a fresh
    process, which builds those states (a Lambda's first dense log)."""
    # The GitHub Actions logs only (their labels say which): the set's copies re-wrapped as other CIs' logs
    # (ci_wrap_cases.py) hold the same output again.
    logs = ROOT / "bench" / "toolchain" / "logs"
    labels = json.loads((logs / "labels.json").read_text()) if (logs / "labels.json").exists() else {}
    files = [logs / f"{name}.gz" for name, label in sorted(labels.items()) if label["ci"] == "github-actions"]
    if not files:
        print("varied real output: skipped, bench/toolchain/logs is absent")
        return None
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "varied.log"
        with path.open("wb") as out:
            out.write(b"2026-11-29T10:00:00.0000000Z ##[group]Run make ci\n")
            for file in files:
                for line in gzip.decompress(file.read_bytes()).splitlines(keepends=True):
                    if b"##[" not in line:
                        out.write(line)
            out.write(b"2026-11-29T10:00:00.0000000Z ##[error]Process completed with exit code 2.\n")
        size = path.stat().st_size
        probe = (
            "import sys,time;from ci_agent.analysis import analyze_log;data=open(sys.argv[1],'rb').read();"
            "start=time.process_time();analyze_log(data);print(time.process_time()-start)"
        )
        first = float(
            subprocess.run([sys.executable, "-c", probe, str(path)], capture_output=True, text=True, check=True).stdout
        )
        turns = timed_turns(path, rounds=3)
    print(
        f"varied real output: the toolchain set's {len(files)} logs as one step, {size / 1e6:.1f} MB"
        f" (best of 3 turns; a fresh process's first analysis took {first:.2f} s of processor time)"
    )
    turns.report(size)
    return turns


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=int, default=50)
    parser.add_argument("--variants", type=int, default=5)
    parser.add_argument("--validation-only", action="store_true", help="only the held-out validation figures")
    parser.add_argument("--speed-only", action="store_true", help="only the throughput and worst-case figures")
    args = parser.parse_args()
    print(f"ruleset {default_ruleset().version}: {len(default_ruleset().rules)} rules")
    if args.speed_only:
        bench_throughput(args.size_mb)
        return
    if args.validation_only:
        bench_toolchain()
        bench_labelled_validation(bench_validation())
        return
    bench_corpus(args.variants, seeds=(7, 11, 23))
    bench_real_logs()
    bench_cidiff()
    bench_toolchain()
    bench_labelled_validation(bench_validation())
    bench_throughput(args.size_mb)


if __name__ == "__main__":
    main()
