"""Expand the SAM template into the plain CloudFormation that AWS would deploy, so cfn-lint can check it.

cfn-lint reads a SAM template with SAM's own schemas and never sees what the transform generates: the IAM roles
built from policy templates, the EventBridge rules and schedules of `Schedule` events, the event source mappings.
Linting this output catches what the raw template hides (a misspelled IAM action, a bad schedule expression).

Runs in the SAM virtualenv (`make sam-venv`), which has aws-sam-translator:

    .venv-sam/bin/python infra/transform.py [--template template.yaml] [--output FILE] [--parameter Key=Value ...]

Local artefact paths (CodeUri, ContentUri, DefinitionUri) are replaced by placeholder S3 locations, as
`sam validate` does; a state machine's local definition file is inlined so its ASL is checked too.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from pathlib import Path
from typing import Any

PLACEHOLDER_S3_URI = "s3://ci-agent-placeholder-bucket/artefact.zip"
LOCAL_URI_PROPERTIES = {
    "AWS::Serverless::Function": "CodeUri",
    "AWS::Serverless::LayerVersion": "ContentUri",
    "AWS::Serverless::Api": "DefinitionUri",
    "AWS::Serverless::HttpApi": "DefinitionUri",
}


def _is_local(uri: object) -> bool:
    return isinstance(uri, str) and not uri.startswith("s3://")


def replace_local_artefacts(template: dict[str, Any], base_dir: Path) -> None:
    """Point local artefact paths at a placeholder S3 object; inline local state machine definitions."""
    from samtranslator.yaml_helper import yaml_parse  # only the SAM virtualenv has samtranslator

    function_globals = template.get("Globals", {}).get("Function", {})
    if _is_local(function_globals.get("CodeUri")):
        function_globals["CodeUri"] = PLACEHOLDER_S3_URI
    for resource in template.get("Resources", {}).values():
        if not isinstance(resource, dict):
            continue
        properties = resource.get("Properties", {})
        kind = resource.get("Type")
        if kind == "AWS::Serverless::StateMachine" and _is_local(properties.get("DefinitionUri")):
            definition_file = base_dir / properties.pop("DefinitionUri")
            properties["Definition"] = yaml_parse(definition_file.read_text(encoding="utf-8"))
            continue
        key = LOCAL_URI_PROPERTIES.get(str(kind))
        if key and _is_local(properties.get(key)):
            properties[key] = PLACEHOLDER_S3_URI


# What SAM generates from a resource, by the source type: its logical id is the source's plus a suffix. SAM copies
# a function's Metadata to the function it generates, but not an API's to the stage that carries its settings.
GENERATED_TYPES = {"AWS::Serverless::Api": ("AWS::ApiGateway::RestApi", "AWS::ApiGateway::Stage")}


def carry_checkov_reasons(source: dict[str, Any], result: dict[str, Any]) -> None:
    """Copy the ``checkov`` skips (each with its reason) written beside a SAM resource onto the resources SAM
    generates from it, so that checkov on this output reads the reasons where they were written."""
    generated = result.get("Resources", {})
    for name, resource in source.get("Resources", {}).items():
        if not isinstance(resource, dict):
            continue
        reasons = (resource.get("Metadata") or {}).get("checkov")
        types = GENERATED_TYPES.get(str(resource.get("Type")), ())
        if not reasons or not types:
            continue
        for generated_name, generated_resource in generated.items():
            if generated_name.startswith(name) and generated_resource.get("Type") in types:
                generated_resource.setdefault("Metadata", {})["checkov"] = reasons


def transform(template_path: Path, parameters: dict[str, str]) -> dict[str, Any]:
    """The CloudFormation template that the AWS::Serverless-2016-10-31 transform makes of `template_path`."""
    from samtranslator.parser.parser import Parser
    from samtranslator.translator.translator import Translator
    from samtranslator.yaml_helper import yaml_parse

    template = yaml_parse(template_path.read_text(encoding="utf-8"))
    replace_local_artefacts(template, template_path.parent)

    def no_managed_policies() -> dict[str, str]:
        # Only policy templates and inline statements are used; resolving an AWS managed policy *name* would
        # need IAM credentials, so it is reported instead of silently looked up.
        raise SystemExit("the template names an AWS managed policy; use its ARN or a SAM policy template")

    translator = Translator(managed_policy_map=None, sam_parser=Parser())
    source = yaml_parse(template_path.read_text(encoding="utf-8"))
    result: dict[str, Any] = translator.translate(
        template, parameter_values=dict(parameters), get_managed_policy_map=no_managed_policies
    )
    carry_checkov_reasons(source, result)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--template", type=Path, default=Path("template.yaml"))
    parser.add_argument("--output", type=Path, help="write the JSON here instead of standard output")
    parser.add_argument(
        "--parameter",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="a template parameter value (default: the template's defaults)",
    )
    args = parser.parse_args(argv)
    # The translator builds ARNs for the session's region and partition; no credentials are needed.
    os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
    logging.getLogger("samtranslator").setLevel(logging.ERROR)  # its feature-toggle notices are noise here

    parameters = dict(item.split("=", 1) for item in args.parameter)
    try:
        cloudformation = transform(args.template, parameters)
    except Exception as exc:  # the translator's errors carry the list of template problems
        causes = getattr(exc, "causes", None) or []
        details = "".join(f"\n  - {cause.message}" for cause in causes if hasattr(cause, "message"))
        print(f"{args.template}: SAM transform failed: {exc}{details}", file=sys.stderr)
        return 1

    text = json.dumps(cloudformation, indent=2, sort_keys=False) + "\n"
    if args.output:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(text, encoding="utf-8")
        print(f"{args.template} -> {args.output} ({len(cloudformation.get('Resources', {}))} resources)")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
