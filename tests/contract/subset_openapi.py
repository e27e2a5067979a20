"""Cut GitHub's OpenAPI description down to the operations the local GitHub serves, for the contract tests.

The description is GitHub's own (github/rest-api-description), as packaged in the npm package @octokit/openapi,
pinned below; the whole file is 13 MB, so the repository keeps the operations LocalGitHub routes and every
component they reference, unchanged. Regenerate after adding a route or moving the pin:

    npm pack @octokit/openapi@23.0.2 && tar xzf octokit-openapi-23.0.2.tgz
    .venv/bin/python tests/contract/subset_openapi.py package/generated/api.github.com.json
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path
from typing import Any

PACKAGE = "@octokit/openapi"
VERSION = "23.0.2"
OUTPUT = Path(__file__).with_name("github-openapi.json")
METHODS = ("get", "post", "put", "patch", "delete")


def served_patterns() -> list[tuple[str, re.Pattern[str]]]:
    from ci_agent.local.github import LocalGitHub

    return [(method.lower(), pattern) for method, pattern, _handler in LocalGitHub()._routes]


def _example(template: str) -> str:
    # One concrete path per template: numbers where GitHub has ids, words elsewhere.
    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        return "1" if name.endswith(("_id", "number")) or name in ("id", "attempt_number") else "x"

    return re.sub(r"\{([^}]+)\}", value, template)


def _refs(node: Any) -> set[str]:
    found: set[str] = set()
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                found.add(value)
            else:
                found |= _refs(value)
    elif isinstance(node, list):
        for item in node:
            found |= _refs(item)
    return found


def _resolve(document: dict[str, Any], ref: str) -> Any:
    node: Any = document
    for part in ref.removeprefix("#/").split("/"):
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


def subset(document: dict[str, Any]) -> dict[str, Any]:
    patterns = served_patterns()
    paths: dict[str, Any] = {}
    for template, item in document["paths"].items():
        concrete = _example(template)
        methods = {m for m, pattern in patterns if pattern.fullmatch(concrete)}
        kept = {key: value for key, value in item.items() if key in methods or key == "parameters"}
        if any(method in kept for method in METHODS):
            paths[template] = kept
    components: dict[str, dict[str, Any]] = {}
    pending = _refs(paths)
    seen: set[str] = set()
    while pending:
        ref = pending.pop()
        if ref in seen:
            continue
        seen.add(ref)
        _hash, _components, kind, name = ref.split("/", 3)
        target = _resolve(document, ref)
        components.setdefault(kind, {})[name] = target
        pending |= _refs(target) - seen
    return {
        "openapi": document["openapi"],
        "info": {**document["info"], "x-subset-of": f"{PACKAGE}@{VERSION} generated/api.github.com.json"},
        "paths": dict(sorted(paths.items())),
        "components": {kind: dict(sorted(items.items())) for kind, items in sorted(components.items())},
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("description", type=Path, help="api.github.com.json of the pinned package")
    args = parser.parse_args()
    document = json.loads(args.description.read_text(encoding="utf-8"))
    if document["info"]["version"] != VERSION:
        raise SystemExit(f"expected {PACKAGE} {VERSION}, got {document['info']['version']}")
    result = subset(document)
    OUTPUT.write_text(json.dumps(result, indent=1, sort_keys=False) + "\n", encoding="utf-8")
    print(f"{OUTPUT}: {len(result['paths'])} paths, {sum(len(v) for v in result['components'].values())} components")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
