# ruff: noqa: E501  (the tiny projects' files are written inline, one string each)
"""Toolchain development set, part three: container image builds (buildah, podman) and shell scripts.

The cases reuse make_logs.py's ``Case``, labellers and wrapping; make_logs.py adds them to its list. There is no
Docker daemon and no reachable container registry on the development machine, so the image builds run Debian's
buildah and podman (``--isolation chroot``) on a local base image, ``debian:bookworm-slim``, made by
``base_image()`` from the machine's own installed Debian packages (bash, coreutils, make, gcc, python3 with pip,
apt, nodejs with npm) and a local apt source holding one placeholder package: no network is needed, and ``apt-get
install`` of anything else fails as it does against a real mirror. The culprit lines are found from what each case
knows (the failing command's own first error line, never the builder's ``Error: building at STEP`` summary), by
the conventions of bench/validation/README.md, never by running the analyzer.

    apt-get install --no-install-recommends buildah podman
    python3 bench/toolchain/make_logs.py --only ctr-     # builds the base image first when it is missing
"""

from __future__ import annotations

import gzip
import lzma
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from make_logs import Case, first_of

BASE_IMAGE = "debian:bookworm-slim"
# The installed packages the base image is made of, with their installed dependencies.
BASE_PACKAGES = [
    *("bash", "dash", "coreutils", "findutils", "grep", "sed", "debianutils", "make", "gcc", "gcc-12", "libc6-dev"),
    *("python3", "python3-pip", "apt", "nodejs"),
]
APT_PLACEHOLDER = (
    "Package: hello-local\nVersion: 1.0\nArchitecture: all\nMaintainer: nobody <nobody@example.com>\n"
    "Filename: ./hello-local_1.0_all.deb\nSize: 100\nDescription: placeholder\n\n"
)
BUILD = "buildah bud --isolation chroot --layers=false -t acme/app ."
PODMAN = "podman build --isolation chroot -t acme/app ."
DPKG_SKIP = ("/usr/share/doc", "/usr/share/man", "/usr/share/locale", "/usr/share/info")


def _installed(name: str) -> bool:
    status = subprocess.run(["dpkg-query", "-W", "-f=${Status}", name], capture_output=True, text=True).stdout
    return "install ok installed" in status


def _closure(packages: list[str]) -> set[str]:
    seen: set[str] = set()
    todo = list(packages)
    while todo:
        package = todo.pop()
        if package in seen:
            continue
        seen.add(package)
        fields = subprocess.run(
            ["dpkg-query", "-W", "-f=${Depends}, ${Pre-Depends}", package], capture_output=True, text=True
        ).stdout
        for alternatives in filter(None, (part.strip() for part in fields.split(","))):
            for choice in alternatives.split("|"):
                name = re.sub(r"\s*\(.*\)", "", choice.strip()).split(":")[0]
                if _installed(name):
                    todo.append(name)
                    break
    return seen


def _rootfs(root: Path) -> None:
    for link in ("bin", "lib", "lib64", "sbin"):
        (root / link).symlink_to(f"usr/{link}")
    for folder in (
        "usr/bin",
        "usr/lib",
        "usr/lib64",
        "usr/sbin",
        "tmp",
        "root",
        "etc/apt/apt.conf.d",
        "etc/apt/sources.list.d",
        "etc/apt/preferences.d",
        "etc/alternatives",
        "var/lib/dpkg/info",
        "var/lib/dpkg/updates",
        "var/lib/apt/lists/partial",
        "var/cache/apt/archives/partial",
        "srv/repo",
    ):
        (root / folder).mkdir(parents=True, exist_ok=True)
    (root / "tmp").chmod(0o1777)
    for package in sorted(_closure(BASE_PACKAGES)):
        for name in subprocess.run(["dpkg-query", "-L", package], capture_output=True, text=True).stdout.split("\n"):
            if not name or name == "/." or name.startswith(DPKG_SKIP) or not os.path.lexists(name):
                continue
            inside = "/usr" + name if name.startswith(("/bin/", "/lib/", "/lib64/", "/sbin/")) else name
            target = root / inside.lstrip("/")
            source = Path(name)
            if source.is_dir() and not source.is_symlink():
                target.mkdir(parents=True, exist_ok=True)
            elif not os.path.lexists(target):
                target.parent.mkdir(parents=True, exist_ok=True)
                if source.is_symlink():
                    target.symlink_to(source.readlink())
                else:
                    shutil.copy2(name, target)
    # npm as node's installer keeps it (the package's file list misses what npm updated since), cc and c++.
    shutil.rmtree(root / "usr/lib/node_modules/npm", ignore_errors=True)
    shutil.copytree("/usr/lib/node_modules/npm", root / "usr/lib/node_modules/npm", symlinks=True)
    for tool, real in (("cc", "/usr/bin/gcc"), ("c++", "/usr/bin/g++"), ("cpp", "/usr/bin/cpp")):
        (root / "etc/alternatives" / tool).symlink_to(real)
        if not os.path.lexists(root / "usr/bin" / tool):
            (root / "usr/bin" / tool).symlink_to(f"/etc/alternatives/{tool}")
    for name in ("passwd", "group"):
        shutil.copy2(f"/etc/{name}", root / "etc" / name)
    shutil.copy2("/var/lib/dpkg/status", root / "var/lib/dpkg/status")
    (root / "etc/os-release").write_text('PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\n')
    for name in ("docker-clean", "docker-gzip-indexes", "docker-no-languages", "docker-autoremove-suggests"):
        if Path(f"/etc/apt/apt.conf.d/{name}").exists():
            shutil.copy2(f"/etc/apt/apt.conf.d/{name}", root / "etc/apt/apt.conf.d" / name)
    (root / "etc/apt/sources.list").write_text("deb [trusted=yes] file:/srv/repo ./\n")
    repo = root / "srv/repo"
    (repo / "Packages").write_text(APT_PLACEHOLDER)
    (repo / "Packages.gz").write_bytes(gzip.compress(APT_PLACEHOLDER.encode(), mtime=0))
    (repo / "Packages.xz").write_bytes(lzma.compress(APT_PLACEHOLDER.encode()))


def base_image() -> None:
    """Make the local ``debian:bookworm-slim`` the Dockerfiles start from, unless it is there."""
    if subprocess.run(["buildah", "inspect", "--type", "image", BASE_IMAGE], capture_output=True).returncode == 0:
        return
    with tempfile.TemporaryDirectory(prefix="ctr-root-") as tmp:
        _rootfs(Path(tmp))
        container = subprocess.run(
            ["buildah", "from", "scratch"], capture_output=True, text=True, check=True
        ).stdout.strip()
        subprocess.run(["buildah", "copy", container, tmp, "/"], capture_output=True, check=True)
        path = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
        subprocess.run(["buildah", "config", "--env", path, "--cmd", "bash", container], check=True)
        subprocess.run(
            ["buildah", "commit", "-q", container, f"localhost/{BASE_IMAGE}"], capture_output=True, check=True
        )
        subprocess.run(["buildah", "rm", container], capture_output=True, check=True)


# --- container image builds --------------------------------------------------------------------------------------

MAIN_C_BROKEN = '#include <stdio.h>\n\nint main(void) {\n    int total = undefined_total;\n    printf("%d\\n", total);\n    return 0\n}\n'
MAIN_C_OK = '#include <stdio.h>\n\nint main(void) {\n    printf("ok\\n");\n    return 0;\n}\n'
MAKEFILE = "CFLAGS = -Wall -O2\n\napp: main.c\n\t$(CC) $(CFLAGS) -o app main.c\n"
SETTINGS_PY = "import yaml\n\nCONFIG = yaml.safe_load(open('config.yaml'))\n"
BUILD_SH = """#!/usr/bin/env bash
set -euo pipefail
echo "generating protobuf stubs"
protoc --python_out=gen proto/api.proto
echo "done"
"""


def container_cases() -> list[Case]:
    base_image()
    checkout = "actions/checkout@v4"
    version = "buildah --version"
    return [
        Case(
            "ctr-apt-missing-package",
            "buildah",
            "docker",
            "dependency",
            BUILD,
            {
                "Dockerfile": f"FROM {BASE_IMAGE}\nRUN apt-get update && apt-get install -y --no-install-recommends libpq-dev-acme-zz9\nCOPY . /app\n",
                "app.py": "print('hi')\n",
            },
            first_of(r"^E: Unable to locate package libpq-dev-acme-zz9"),
            "buildah: a RUN step installs a Debian package that does not exist",
            version,
            setup=checkout,
        ),
        Case(
            "ctr-pip-missing-package",
            "buildah",
            "docker",
            "dependency",
            BUILD,
            {
                "Dockerfile": f'FROM {BASE_IMAGE}\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install --no-index --break-system-packages -r requirements.txt\nCOPY . .\nCMD ["python3", "app.py"]\n',
                "requirements.txt": "acme-internal-lib-zz9==1.2.3\n",
                "app.py": "print('hi')\n",
            },
            first_of(r"^ERROR: Could not find a version that satisfies", r"^ERROR: No matching distribution found"),
            "buildah: pip finds no distribution for a requirement in a RUN step",
            version,
            setup=checkout,
        ),
        Case(
            "ctr-pip-externally-managed",
            "buildah",
            "docker",
            "config",
            BUILD,
            {
                "Dockerfile": f"FROM {BASE_IMAGE}\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n",
                "requirements.txt": "flask==3.0.0\n",
            },
            first_of(r"^error: externally-managed-environment"),
            "buildah: pip refuses to install into Debian's Python (PEP 668)",
            version,
            alt_categories=["dependency"],
            setup=checkout,
        ),
        Case(
            "ctr-make-compile-error",
            "buildah",
            "docker",
            "build",
            BUILD,
            {
                "Dockerfile": f'FROM {BASE_IMAGE}\nWORKDIR /src\nCOPY . .\nRUN make\nCMD ["/src/app"]\n',
                "Makefile": MAKEFILE,
                "main.c": MAIN_C_BROKEN,
            },
            first_of(r"^main\.c:4:\d+: error: "),
            "buildah: make compiles a C file with two errors in a RUN step",
            version,
            setup=checkout,
        ),
        Case(
            "ctr-npm-ci-no-lock",
            "buildah",
            "docker",
            "dependency",
            BUILD,
            {
                "Dockerfile": f"FROM {BASE_IMAGE}\nWORKDIR /app\nCOPY package.json .\nRUN npm ci --no-audit --no-fund\nCOPY . .\n",
                "package.json": '{"name": "acme-web", "version": "1.0.0", "dependencies": {}}\n',
            },
            first_of(r"^npm error code EUSAGE", r"^npm error The `npm ci` command can only install"),
            "buildah: npm ci without a package-lock.json in a RUN step",
            version,
            alt_categories=["config"],
            setup=checkout,
        ),
        Case(
            "ctr-copy-missing-source",
            "buildah",
            "docker",
            "config",
            BUILD,
            {
                "Dockerfile": f'FROM {BASE_IMAGE}\nWORKDIR /app\nCOPY app.py .\nCOPY config/settings.yaml /etc/acme/\nCMD ["python3", "app.py"]\n',
                "app.py": "print('hi')\n",
            },
            first_of(r'^Error: building at STEP "COPY config/settings\.yaml'),
            "buildah: a COPY source that is not in the build context",
            version,
            alt_categories=["build"],
            setup=checkout,
        ),
        Case(
            "ctr-bad-instruction",
            "buildah",
            "docker",
            "config",
            BUILD,
            {"Dockerfile": f"FROM {BASE_IMAGE}\nWORKDIR /app\nRUNN echo building\n", "app.py": "print('hi')\n"},
            first_of(r'^Error: building at STEP "RUNN'),
            "buildah: a misspelt Dockerfile instruction",
            version,
            alt_categories=["build"],
            setup=checkout,
        ),
        Case(
            "ctr-multistage-stage2",
            "buildah",
            "docker",
            "dependency",
            BUILD,
            {
                "Dockerfile": f"FROM {BASE_IMAGE} AS build\nWORKDIR /src\nCOPY main.c Makefile ./\nRUN make\n\nFROM {BASE_IMAGE}\nWORKDIR /app\nCOPY --from=build /src/app /usr/local/bin/app\nCOPY settings.py config.yaml ./\nRUN python3 settings.py\n",
                "Makefile": MAKEFILE,
                "main.c": MAIN_C_OK,
                "settings.py": SETTINGS_PY,
                "config.yaml": "name: acme\n",
            },
            first_of(r"^ModuleNotFoundError: No module named 'yaml'"),
            "buildah: the first stage compiles; the second stage's RUN imports a module the image lacks",
            version,
            alt_categories=["build"],
            setup=checkout,
        ),
        Case(
            "ctr-script-command-not-found",
            "buildah",
            "docker",
            "config",
            BUILD,
            {
                "Dockerfile": f"FROM {BASE_IMAGE}\nWORKDIR /src\nCOPY . .\nRUN bash scripts/build.sh\n",
                "scripts/build.sh": BUILD_SH,
                "proto/api.proto": 'syntax = "proto3";\n',
            },
            first_of(r"^scripts/build\.sh: line 4: protoc: command not found"),
            "buildah: a set -e build script calls a tool the image does not have",
            version,
            alt_categories=["dependency"],
            setup=checkout,
        ),
        Case(
            "ctr-podman-compile-error",
            "podman",
            "docker",
            "build",
            PODMAN,
            {
                "Dockerfile": f"FROM {BASE_IMAGE} AS build\nWORKDIR /src\nCOPY . .\nRUN make\n\nFROM {BASE_IMAGE}\nCOPY --from=build /src/app /usr/local/bin/app\n",
                "Makefile": MAKEFILE,
                "main.c": MAIN_C_BROKEN,
            },
            first_of(r"^main\.c:4:\d+: error: "),
            "podman build: make in the first stage of a two-stage build fails to compile",
            "podman --version",
            setup=checkout,
        ),
        Case(
            "ctr-podman-apt-missing",
            "podman",
            "docker",
            "dependency",
            PODMAN,
            {
                "Dockerfile": f"FROM {BASE_IMAGE}\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends curl-acme-zz9 jq-acme-zz9\n"
            },
            first_of(r"^E: Unable to locate package curl-acme-zz9"),
            "podman build: apt cannot find two packages",
            "podman --version",
            setup=checkout,
        ),
    ]


UNITTEST_CALC = """import unittest


class CalcTest(unittest.TestCase):
    def test_add(self):
        self.assertEqual(1 + 1, 2)

    def test_div(self):
        self.assertEqual(4 / 2, 3)
"""
GEN_SH = """#!/bin/sh
echo "rendering templates"
echo "gen: template src/app.tmpl references undefined key 'port'" >&2
exit 2
"""


def container_run_cases() -> list[Case]:
    """Second round (committed before the analyzer was run on it): RUN steps whose command's failure is a test run,
    a kill, an npm script that is not there and a script's own message that no rule knows."""
    checkout = "actions/checkout@v4"
    version = "buildah --version"
    return [
        Case(
            "ctr-run-unittest",
            "buildah",
            "docker",
            "test",
            BUILD,
            {
                "Dockerfile": f"FROM {BASE_IMAGE}\nWORKDIR /app\nCOPY . .\nRUN python3 -m unittest discover -s tests -v\n",
                "tests/test_calc.py": UNITTEST_CALC,
            },
            first_of(r"^FAIL: test_div ", r"^AssertionError: 2\.0 != 3"),
            "buildah: a RUN step runs unittest and a test fails",
            version,
            setup=checkout,
        ),
        Case(
            "ctr-run-killed",
            "buildah",
            "docker",
            "resource",
            BUILD,
            {"Dockerfile": f'FROM {BASE_IMAGE}\nRUN sh -c "kill -9 \\$\\$"\n'},
            first_of(r"^Killed$"),
            "buildah: a RUN step's command is killed with SIGKILL (exit status 137), as the OOM killer does",
            version,
            setup=checkout,
        ),
        Case(
            "ctr-run-npm-missing-script",
            "buildah",
            "docker",
            "config",
            BUILD,
            {
                "Dockerfile": f"FROM {BASE_IMAGE}\nWORKDIR /app\nCOPY package.json .\nRUN npm run build\n",
                "package.json": '{"name": "web", "version": "1.0.0", "scripts": {"test": "echo ok"}}\n',
            },
            first_of(r'^npm error Missing script: "build"'),
            "buildah: a RUN step runs an npm script package.json does not define",
            version,
            setup=checkout,
        ),
        Case(
            "ctr-run-script-message",
            "buildah",
            "docker",
            "build",
            BUILD,
            {
                "Dockerfile": f"FROM {BASE_IMAGE}\nWORKDIR /src\nCOPY . .\nRUN sh scripts/gen.sh\n",
                "scripts/gen.sh": GEN_SH,
            },
            first_of(r"^gen: template src/app\.tmpl references undefined key"),
            "buildah: a RUN step's script prints its own error (no rule knows it) and exits 2",
            version,
            alt_categories=["config"],
            setup=checkout,
        ),
    ]


# --- shell scripts -----------------------------------------------------------------------------------------------

DEPLOY_SH = """#!/usr/bin/env bash
set -euo pipefail
echo "deploying to ${DEPLOY_TARGET}"
"""
RELEASE_SH = """#!/usr/bin/env bash
set -e
VERSION=$(cat VERSION 2>/dev/null || true)
if [ -z "$VERSION" ]; then
  echo "Error: VERSION file is missing or empty"
  exit 1
fi
echo "releasing $VERSION"
"""
SYNTAX_SH = """#!/usr/bin/env bash
set -e
for f in src/*.txt; do
  if [ -s "$f" ]; then
    echo "checking $f"
  fi
fi
done
"""
PACKAGE_SH = """#!/bin/sh
set -e
mkdir -p dist
echo "packaging"
cp build/app.tar.gz dist/
echo "packaged"
"""
CHECK_SH = """#!/usr/bin/env bash
set -e
echo "checking the schema"
jq-acme-zz9 . schema.json > /dev/null
echo "schema ok"
"""


def shell_cases() -> list[Case]:
    checkout = "actions/checkout@v4"
    return [
        Case(
            "sh-command-not-found",
            "bash",
            "shell",
            "config",
            "bash ./scripts/build.sh",
            {"scripts/build.sh": BUILD_SH, "proto/api.proto": 'syntax = "proto3";\n'},
            first_of(r"^\./scripts/build\.sh: line 4: protoc: command not found"),
            "bash: a set -e script calls a tool that is not installed",
            "bash --version | head -1",
            alt_categories=["dependency"],
            setup=checkout,
        ),
        Case(
            "sh-unbound-variable",
            "bash",
            "shell",
            "config",
            "bash scripts/deploy.sh",
            {"scripts/deploy.sh": DEPLOY_SH},
            first_of(r"^scripts/deploy\.sh: line 3: DEPLOY_TARGET: unbound variable"),
            "bash: set -u and a variable the job did not set",
            "bash --version | head -1",
            setup=checkout,
        ),
        Case(
            "sh-echo-error-exit",
            "bash",
            "shell",
            "config",
            "echo 'building' && bash scripts/release.sh",
            {"scripts/release.sh": RELEASE_SH},
            first_of(r"^Error: VERSION file is missing or empty"),
            "bash: the script prints its own 'Error: ...' and exits 1",
            "bash --version | head -1",
            setup=checkout,
        ),
        Case(
            "sh-syntax-error",
            "bash",
            "shell",
            "build",
            "bash scripts/check.sh",
            {"scripts/check.sh": SYNTAX_SH, "src/a.txt": "a\n"},
            first_of(r"^scripts/check\.sh: line \d+: syntax error near unexpected token `fi'"),
            "bash: a script with an `fi` too many",
            "bash --version | head -1",
            alt_categories=["config", "lint"],
            setup=checkout,
        ),
        Case(
            "sh-dash-no-such-file",
            "dash",
            "shell",
            "config",
            "sh scripts/package.sh",
            {"scripts/package.sh": PACKAGE_SH},
            first_of(r"^cp: cannot stat 'build/app\.tar\.gz': No such file or directory"),
            "dash: a set -e script copies a file the build did not make",
            "dpkg-query -W -f='dash ${Version}' dash",
            alt_categories=["build"],
            setup=checkout,
        ),
        Case(
            "sh-dash-not-found",
            "dash",
            "shell",
            "config",
            "sh -c 'set -e; echo start; yarnpkg-acme-zz9 install --frozen-lockfile; echo end'",
            {},
            first_of(r"^sh: 1: yarnpkg-acme-zz9: not found"),
            "dash: sh -c runs a command that is not installed",
            "dpkg-query -W -f='dash ${Version}' dash",
            alt_categories=["dependency"],
            setup=checkout,
        ),
        Case(
            "sh-permission-denied",
            "bash",
            "shell",
            "permission",
            "echo 'running checks' && ./scripts/run-checks.sh",
            {"scripts/run-checks.sh": "#!/usr/bin/env bash\necho ok\n"},
            first_of(r"^bash: line 1: \./scripts/run-checks\.sh: Permission denied"),
            "bash: the script is not executable",
            "bash --version | head -1",
            alt_categories=["config"],
            setup=checkout,
        ),
        Case(
            "sh-make-recipe-script",
            "bash",
            "shell",
            "config",
            "make check",
            {
                "Makefile": "check:\n\t@echo 'validating'\n\tbash scripts/check.sh\n",
                "scripts/check.sh": CHECK_SH,
                "schema.json": "{}\n",
            },
            first_of(r"^scripts/check\.sh: line 4: jq-acme-zz9: command not found"),
            "bash under make: the recipe's script calls a missing tool; make's `*** [Makefile:N: check] Error 127` follows",
            "bash --version | head -1",
            alt_categories=["dependency"],
            setup=checkout,
        ),
    ]
