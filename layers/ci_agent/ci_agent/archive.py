"""The report bucket behind a small gateway: put a text object at a key, read it back.

The report use case is handed a :class:`ReportArchive`; :class:`S3ReportArchive` is the one over boto3 (AWS or
the local stack's moto server). Errors leave as :class:`ArchiveError` with botocore's error as the cause.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from mypy_boto3_s3 import S3Client


class ArchiveError(RuntimeError):
    """The bucket could not store or return an object; ``__cause__`` holds botocore's error."""


class ReportArchive(Protocol):
    def put_text(self, key: str, text: str, content_type: str) -> str:
        """Store ``text`` (UTF-8) at ``key``, replacing what was there; returns its ``s3://`` location."""
        ...

    def get_text(self, key: str) -> str | None:
        """The text at ``key``, or None if there is none."""
        ...


class S3ReportArchive:
    def __init__(self, client: S3Client, bucket: str) -> None:
        if not bucket:
            raise ValueError("no report bucket configured")
        self._client = client
        self.bucket = bucket

    def put_text(self, key: str, text: str, content_type: str) -> str:
        from botocore.exceptions import BotoCoreError, ClientError

        try:
            self._client.put_object(
                Bucket=self.bucket, Key=key, Body=text.encode("utf-8"), ContentType=f"{content_type}; charset=utf-8"
            )
        except (BotoCoreError, ClientError) as exc:
            raise ArchiveError(f"could not store s3://{self.bucket}/{key}") from exc
        return f"s3://{self.bucket}/{key}"

    def get_text(self, key: str) -> str | None:
        from botocore.exceptions import BotoCoreError, ClientError

        try:
            answer = self._client.get_object(Bucket=self.bucket, Key=key)
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") in ("NoSuchKey", "404"):  # no object: not an error
                return None
            raise ArchiveError(f"could not read s3://{self.bucket}/{key}") from exc
        except BotoCoreError as exc:
            raise ArchiveError(f"could not read s3://{self.bucket}/{key}") from exc
        body: bytes = answer["Body"].read()
        return body.decode("utf-8")
