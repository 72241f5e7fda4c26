"""Signs an S3 request with botocore (Debian's python3-botocore, the AWS SDK for Python's signer) at a fixed time, for
comparison with what the AWS SDK for JavaScript sends from server/results/s3-storage.ts.

usage: echo '{"method": "GET", "url": "...", "region": "...", "access_key": "...", "secret_key": "...",
              "now": "2026-01-02T03:04:05Z", "expires": 300, "headers": {...}, "body_base64": "..."}' \
       | /usr/bin/python3 s3_sign.py
Prints {"url": ...} (a presigned URL) when "expires" is given, else {"authorization": ...}: the Authorization header
of a header-signed request; with "body_base64" botocore hashes that body into the signature (x-amz-content-sha256),
without it the payload is UNSIGNED-PAYLOAD.
"""
import base64
import datetime
import json
import sys
import types

import botocore.auth
from botocore.auth import S3SigV4Auth, S3SigV4QueryAuth
from botocore.awsrequest import AWSRequest
from botocore.config import Config
from botocore.credentials import Credentials

q = json.load(sys.stdin)
fixed = datetime.datetime.strptime(q["now"], "%Y-%m-%dT%H:%M:%SZ")


class FixedClock(datetime.datetime):
    @classmethod
    def utcnow(cls):
        return fixed


botocore.auth.datetime = types.SimpleNamespace(datetime=FixedClock)  # the signer reads the clock here

credentials = Credentials(q["access_key"], q["secret_key"])
body = base64.b64decode(q["body_base64"]) if "body_base64" in q else None
request = AWSRequest(method=q["method"], url=q["url"], headers=q.get("headers") or {}, data=body)
request.context["client_config"] = Config(s3={"payload_signing_enabled": body is not None})
if "expires" in q:
    S3SigV4QueryAuth(credentials, "s3", q["region"], expires=q["expires"]).add_auth(request)
    print(json.dumps({"url": request.url}))
else:
    S3SigV4Auth(credentials, "s3", q["region"]).add_auth(request)
    print(json.dumps({"authorization": request.headers["Authorization"]}))
