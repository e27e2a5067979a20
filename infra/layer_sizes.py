"""Print the size of each built function and layer in a `sam build` output folder, unzipped and zipped.

Lambda's limits: 250 MB unzipped for a function and all its layers together, 50 MB zipped for a direct upload.
Fails if a layer ships boto3, botocore or s3transfer (the runtime has them).

    python infra/layer_sizes.py .aws-sam/build
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

MB = 1024 * 1024
UNZIPPED_LIMIT = 250 * MB
RUNTIME_PROVIDED = ("boto3", "botocore", "s3transfer")


class _CountingSink:
    """A write-only file that only counts bytes, so zipping measures without storing."""

    def __init__(self) -> None:
        self.size = 0

    def write(self, data: bytes) -> int:
        self.size += len(data)
        return len(data)

    def tell(self) -> int:
        return self.size

    def flush(self) -> None:
        pass


def measure(folder: Path) -> tuple[int, int]:
    """(unzipped bytes, zipped bytes at the default deflate level) of everything under `folder`."""
    files = sorted(path for path in folder.rglob("*") if path.is_file())
    sink = _CountingSink()
    with zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_DEFLATED) as archive:  # type: ignore[arg-type]
        for path in files:
            archive.write(path, path.relative_to(folder))
    return sum(path.stat().st_size for path in files), sink.size


def main() -> int:
    build_dir = Path(sys.argv[1] if len(sys.argv) > 1 else ".aws-sam/build")
    artefacts = sorted(path for path in build_dir.iterdir() if path.is_dir())
    if not artefacts:
        print(f"nothing built in {build_dir}", file=sys.stderr)
        return 1
    problems = []
    total = 0
    print(f"{'artefact':<28}{'unzipped MB':>12}{'zipped MB':>11}")
    for folder in artefacts:
        unzipped, zipped = measure(folder)
        total += unzipped
        print(f"{folder.name:<28}{unzipped / MB:>12.1f}{zipped / MB:>11.1f}")
        problems += [f"{folder.name} ships {name}" for name in RUNTIME_PROVIDED if (folder / "python" / name).exists()]
    print(f"{'total (function + layers)':<28}{total / MB:>12.1f}   limit {UNZIPPED_LIMIT // MB} MB unzipped")
    if total > UNZIPPED_LIMIT:
        problems.append("over Lambda's unzipped size limit")
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
