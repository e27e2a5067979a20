#!/usr/bin/env bash
# Validate template.yaml offline: `sam validate --lint`, cfn-lint on the SAM template, then cfn-lint on the
# CloudFormation the SAM transform generates (infra/transform.py), which is where misspelled IAM actions and bad
# schedule expressions show up; then checkov's security checks on that output. Needs the SAM virtualenv (make sam-venv); no AWS account, no credentials.
#   bash infra/validate.sh              validate template.yaml
#   bash infra/validate.sh --self-test  also prove the last step fails on a template with known faults
set -euo pipefail
cd "$(dirname "$0")/.."

SAM_BIN=${SAM_BIN:-.venv-sam/bin}
CHECKOV_BIN=${CHECKOV_BIN:-.venv-checkov/bin}
TEMPLATE=${TEMPLATE:-template.yaml}
TRANSFORMED=.aws-sam/template.transformed.json
# The translator and sam validate build ARNs for a region; nothing is sent to AWS.
export AWS_DEFAULT_REGION=${AWS_DEFAULT_REGION:-us-east-1}
export AWS_REGION=${AWS_REGION:-$AWS_DEFAULT_REGION}
export SAM_CLI_TELEMETRY=0

step() {
  local title=$1; shift
  local start=$SECONDS
  echo "==> $title"
  "$@"
  echo "    ok ($((SECONDS - start)) s)"
}

total=$SECONDS
step "sam validate --lint" "$SAM_BIN/sam" validate --lint --template-file "$TEMPLATE"
step "cfn-lint $TEMPLATE (SAM schemas)" "$SAM_BIN/cfn-lint" "$TEMPLATE"
step "SAM transform -> $TRANSFORMED" "$SAM_BIN/python" infra/transform.py --template "$TEMPLATE" --output "$TRANSFORMED"
step "cfn-lint $TRANSFORMED (after the transform)" "$SAM_BIN/cfn-lint" "$TRANSFORMED"
# Every failed check is fixed or skipped with its reason beside the resource (Metadata.checkov.skip); offline:
# --skip-download keeps it from fetching guidelines. Any unexplained failure fails validate.
step "checkov $TRANSFORMED" "$CHECKOV_BIN/checkov" --file "$TRANSFORMED" --framework cloudformation \
  --compact --quiet --skip-download
if [[ ${1:-} == --self-test ]]; then
  step "self-test: faults the raw lint misses are caught after the transform" "$SAM_BIN/python" infra/lint_selftest.py "$TEMPLATE"
fi
echo "validate: passed in $((SECONDS - total)) s"
