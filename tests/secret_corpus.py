"""Planted secrets for the redaction tests: every format secret_patterns.toml covers, in the contexts logs show.

Values are generated from a seeded generator (random-looking like real ones, so the entropy test is exercised,
and reproducible), never real credentials: nothing here is secret-shaped in the repository's own text.
"""

from __future__ import annotations

import random
import string
from dataclasses import dataclass

_RNG = random.Random(20261129)
ALNUM = string.ascii_letters + string.digits
HEX = "0123456789abcdef"
B64 = ALNUM + "+/"
URLSAFE = ALNUM + "-_"


def _rand(alphabet: str, n: int) -> str:
    return "".join(_RNG.choice(alphabet) for _ in range(n))


def _mixed(n: int) -> str:
    # A real 40-character AWS secret key mixes cases and digits; guarantee all three in the generated one.
    while True:
        value = _rand(B64, n)
        if any(c.islower() for c in value) and any(c.isupper() for c in value) and any(c.isdigit() for c in value):
            return value


@dataclass(frozen=True, slots=True)
class Planted:
    kind: str
    secret: str
    line: str


def _tokens() -> list[tuple[str, str]]:
    return [
        ("github classic", "ghp_" + _rand(ALNUM, 36)),
        ("github oauth", "gho_" + _rand(ALNUM, 36)),
        ("github app installation", "ghs_" + _rand(ALNUM, 36)),
        ("github user-to-server", "ghu_" + _rand(ALNUM, 36)),
        ("github refresh", "ghr_" + _rand(ALNUM, 76)),
        ("github fine-grained", "github_pat_" + _rand(ALNUM, 22) + "_" + _rand(ALNUM, 59)),
        ("aws access key id", "AKIA" + _rand(string.ascii_uppercase + string.digits, 16)),
        ("aws session key id", "ASIA" + _rand(string.ascii_uppercase + string.digits, 16)),
        ("jwt", "eyJ" + _rand(URLSAFE, 30) + "." + _rand(URLSAFE, 40) + "." + _rand(URLSAFE, 43)),
        ("slack bot", "xoxb-" + _rand(string.digits, 12) + "-" + _rand(string.digits, 13) + "-" + _rand(ALNUM, 24)),
        ("slack user", "xoxp-" + _rand(string.digits, 12) + "-" + _rand(ALNUM, 30)),
        ("slack app-level", "xapp-1-A" + _rand(string.ascii_uppercase + string.digits, 10) + "-" + _rand(HEX, 64)),
        ("npm", "npm_" + _rand(ALNUM, 36)),
        ("pypi", "pypi-AgEIcHlwaS5vcmc" + _rand(URLSAFE, 60)),
        ("google api key", "AIza" + _rand(URLSAFE, 35)),
        ("google oauth secret", "GOCSPX-" + _rand(URLSAFE, 28)),
        ("gitlab pat", "glpat-" + _rand(URLSAFE, 20)),
        ("stripe live secret", "sk_live_" + _rand(ALNUM, 99)),
        ("stripe test secret", "sk_test_" + _rand(ALNUM, 24)),
        ("stripe restricted", "rk_live_" + _rand(ALNUM, 99)),
        ("stripe webhook secret", "whsec_" + _rand(ALNUM, 32)),
        ("sendgrid", "SG." + _rand(URLSAFE, 22) + "." + _rand(URLSAFE, 43)),
        ("openai project", "sk-proj-" + _rand(URLSAFE, 120)),
        ("openai service account", "sk-svcacct-" + _rand(URLSAFE, 100)),
        ("openai legacy", "sk-" + _rand(ALNUM, 20) + "T3BlbkFJ" + _rand(ALNUM, 20)),
        ("anthropic", "sk-ant-api03-" + _rand(URLSAFE, 93)),
        ("docker hub pat", "dckr_pat_" + _rand(URLSAFE, 27)),
        ("hugging face", "hf_" + _rand(string.ascii_letters, 34)),
        ("digitalocean", "dop_v1_" + _rand(HEX, 64)),
        ("vault", "hvs." + _rand(URLSAFE, 90)),
        ("terraform cloud", _rand(ALNUM, 14) + ".atlasv1." + _rand(URLSAFE, 67)),
        ("shopify", "shpat_" + _rand(HEX, 32)),
        ("twilio api key", "SK" + _rand(HEX, 32)),
        ("mailgun", "key-" + _rand(HEX, 32)),
        ("databricks", "dapi" + _rand(HEX, 32)),
        ("grafana service account", "glsa_" + _rand(ALNUM, 32) + "_" + _rand(HEX, 8)),
        ("sentry", "sntrys_" + _rand(URLSAFE, 60)),
        ("new relic", "NRAK-" + _rand(string.ascii_uppercase + string.digits, 27)),
        ("postman", "PMAK-" + _rand(HEX, 24) + "-" + _rand(HEX, 34)),
        ("linear", "lin_api_" + _rand(ALNUM, 40)),
        ("atlassian", "ATATT3xFfGF0" + _rand(URLSAFE, 180)),
        ("age", "AGE-SECRET-KEY-1" + _rand(string.ascii_uppercase + string.digits, 58)),
    ]


def _contexts(kind: str, secret: str) -> list[Planted]:
    # Each token in the ways logs carry one: bare in a message, assigned, in JSON, glued to a word, in a header.
    return [
        Planted(kind, secret, f"Error: authentication failed with {secret}"),
        Planted(kind, secret, f'{{"credential":"{secret}","retry":false}}'),
        Planted(kind, secret, f"curl -d 'x=1' https://example.com/hook?value=%3A{secret}"),
    ]


def _contextual() -> list[Planted]:
    pw = _rand(ALNUM, 14)
    planted = [
        ("aws secret key, bare", _mixed(40), "  secret: {s} (from the vault dump)"),
        ("aws secret key, quoted", _mixed(40), '"SecretAccessKey": "{s}",'),
        ("aws secret key, env", _mixed(40), "AWS_SECRET_ACCESS_KEY={s} aws s3 ls"),
        (
            "slack webhook url",
            "T"
            + _rand(string.ascii_uppercase + string.digits, 10)
            + "/B"
            + _rand(string.ascii_uppercase + string.digits, 10)
            + "/"
            + _rand(ALNUM, 24),
            "POST https://hooks.slack.com/services/{s} failed: 404",
        ),
        (
            "discord webhook url",
            _rand(string.digits, 18) + "/" + _rand(URLSAFE, 68),
            "notify: https://discord.com/api/webhooks/{s}",
        ),
        ("npm _auth", _rand(B64, 32) + "==", "//registry.example.com/:_auth={s}"),
        ("npm _authToken", _rand(URLSAFE, 36), "//npm.pkg.github.com/:_authToken={s}"),
        ("npm _password", _rand(B64, 20), "//registry.example.com/:_password={s}"),
        ("url with empty user", pw, "redis://:{s}@cache.internal:6379/0"),
        ("url with user", _rand(ALNUM, 12), "git clone https://deploy:{s}@git.example.com/org/repo.git"),
        ("postgres url", _rand(ALNUM, 16), "DATABASE_URL=postgres://app:{s}@db:5432/app"),
        ("--password X", _rand(ALNUM, 12), "docker login --username ci --password {s} registry.example.com"),
        ("--password=X", _rand(ALNUM, 12), "helm repo add internal https://charts --password={s}"),
        ("--token X", _rand(URLSAFE, 30), "codecov --token {s} -f coverage.xml"),
        ("mysql -pX", _rand(ALNUM, 12), "mysql -h 127.0.0.1 -uroot -p{s} -e 'CREATE DATABASE test'"),
        ("mysqldump -pX", _rand(ALNUM, 12), "mysqldump -uroot -p{s} app > dump.sql"),
        ("DB_PASS=", _rand(ALNUM, 12), "DB_PASS={s} ./migrate.sh"),
        ("SMTP.PASS:", _rand(ALNUM, 12), "smtp.pass: {s}"),
        ("PASSPHRASE", _rand(ALNUM, 20), "GPG_PASSPHRASE={s} gpg --batch --sign"),
        ("DB_PASSWORD=", _rand(ALNUM, 12), "DB_PASSWORD={s} ./migrate"),
        ("password: yaml", _rand(ALNUM, 12), "    password: {s}"),
        ("client_secret json", _rand(URLSAFE, 40), '{{"client_id": "abc", "client_secret": "{s}"}}'),
        ("api_key", _rand(ALNUM, 32), "api_key={s}&format=json"),
        ("x-api-key header", _rand(ALNUM, 40), "x-api-key: {s}"),
        (
            "azure AccountKey",
            _rand(B64, 86) + "==",
            "DefaultEndpointsProtocol=https;AccountName=ciagent;AccountKey={s};EndpointSuffix=core.windows.net",
        ),
        (
            "azure SharedAccessKey",
            _rand(B64, 43) + "=",
            "Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey={s}",
        ),
        (
            "azure SAS sig",
            _rand(ALNUM, 40) + "%3D",
            "GET https://acct.blob.core.windows.net/c/b?sv=2022-11-02&se=2026-01-01&sig={s} 403",
        ),
        ("bearer", _rand(URLSAFE, 40), "Authorization: Bearer {s}"),
        ("authorization token", _rand(ALNUM, 40), "authorization: token {s}"),
        ("authorization basic", _rand(B64, 28) + "=", "Authorization: Basic {s}"),
        ("SIGNING_KEY entropy", _rand(ALNUM, 32), "SIGNING_KEY={s}"),
        ("encryptionKey entropy", _rand(B64, 44), 'encryptionKey: "{s}"'),
        ("auth entropy", _rand(URLSAFE, 24), "auth={s}"),
        ("token glued in url", "ghs_" + _rand(ALNUM, 36), "https://x-access-token:{s}@github.com/org/repo"),
        ("token after colon", "ghp_" + _rand(ALNUM, 36), "token:{s}"),
    ]
    return [Planted(kind, secret, template.format(s=secret)) for kind, secret, template in planted]


def _private_key() -> Planted:
    body = "\n".join(_rand(B64, 64) for _ in range(6))
    block = f"-----BEGIN RSA PRIVATE KEY-----\n{body}\n-----END RSA PRIVATE KEY-----"
    return Planted("private key", body.splitlines()[2], block)


PLANTED: tuple[Planted, ...] = (
    *(planted for kind, secret in _tokens() for planted in _contexts(kind, secret)),
    *_contextual(),
    _private_key(),
)

# Lines that look a little like secrets and must come out unchanged: redaction must not eat the diagnosis.
HARMLESS: tuple[str, ...] = (
    "HEAD is now at 3484a3fb816e0859fd6e1cea078d76385ff50625 Merge pull request #12",
    "docker run -p8080:80 -v /tmp:/tmp nginx",
    "npm error code ERESOLVE",
    "tests passed=3 failed=1",
    "bypass: true",
    "auth: required",
    "Cache restored from key: node-cache-Linux-x64-npm-20b1c5d3e9",
    "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
    "integrity sha512-abc/def== in package-lock.json",
    "FAILED tests/test_tokens.py::test_token_refresh - AssertionError: token expired",
    'error: password authentication failed for user "postgres"',
    "Run actions/checkout@b4ffde65f46336ab88eb53be808477a3936bae11",
    "uuid 72d3162e-cc78-11e3-81ab-4c9367dc0958 not found",
    "ERROR: No matching distribution found for requests==9.9.9",
    "GITHUB_TOKEN: ***",
)
