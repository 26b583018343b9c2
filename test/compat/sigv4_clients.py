"""SigV4 and S3 payload modes with boto3 (Debian's python3-boto3; it predates AWS_ENDPOINT_URL, so endpoint_url
is passed). Called by sigv4-clients.test.ts with: endpoint, access key id, secret, bucket, scratch directory.
Prints one JSON object of observations for the TypeScript test to assert on; every call goes to the loopback
iamd under test with retries off, so a failure surfaces at once.
"""
import hashlib
import json
import os
import sys
import urllib.request

import boto3
from boto3.s3.transfer import TransferConfig
from botocore.config import Config
from botocore.exceptions import ClientError

endpoint, key_id, secret, bucket, scratch = sys.argv[1:6]
s3 = boto3.client(
    "s3",
    endpoint_url=endpoint,
    region_name="us-east-1",
    aws_access_key_id=key_id,
    aws_secret_access_key=secret,
    config=Config(retries={"max_attempts": 1}, s3={"addressing_style": "path"}, signature_version="s3v4"),
)
out = {}


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def attempt(call):
    try:
        return {"ok": True, "value": call()}
    except ClientError as error:
        return {"ok": False, "code": error.response["Error"]["Code"], "message": error.response["Error"]["Message"]}


# put_object / get_object with awkward keys: botocore quotes the key once and sends it unnormalised.
keys = ["with space.txt", "unicode/é 日本.txt", "plus+and%percent", "double//slash", "dot/./seg", "dotdot/../seg"]
round_trips = {}
for index, key in enumerate(keys):
    body = f"boto3 body {index}".encode()

    def put_and_get(key=key, body=body):
        s3.put_object(Bucket=bucket, Key=key, Body=body)
        return s3.get_object(Bucket=bucket, Key=key)["Body"].read() == body

    round_trips[key] = attempt(put_and_get)
out["round_trips"] = round_trips
listed = s3.list_objects_v2(Bucket=bucket, Prefix="")
out["listed"] = sorted(o["Key"] for o in listed.get("Contents", []))

# Additional checksums: boto3 computes and sends them, iamd verifies and returns them on request
# (and botocore validates the returned one against the body it reads).
data = os.urandom(300_000)
checksums = {}
for algorithm in ["CRC32", "CRC32C", "SHA1", "SHA256"]:
    key = f"checksum-{algorithm}"

    def put_with(algorithm=algorithm, key=key):
        put = s3.put_object(Bucket=bucket, Key=key, Body=data, ChecksumAlgorithm=algorithm)
        got = s3.get_object(Bucket=bucket, Key=key, ChecksumMode="ENABLED")
        return {
            "sent": put.get(f"Checksum{algorithm}"),
            "returned": got.get(f"Checksum{algorithm}"),
            "intact": sha256(got["Body"].read()) == sha256(data),
        }

    checksums[algorithm] = attempt(put_with)
out["checksums"] = checksums

# upload_file / download_file below and above boto3's 8 MiB multipart threshold (multipart uploads are issue 7,
# so the larger file raises the threshold).
small = os.path.join(scratch, "small.bin")
large = os.path.join(scratch, "large.bin")
with open(small, "wb") as f:
    f.write(os.urandom(6 * 1024 * 1024))
with open(large, "wb") as f:
    f.write(os.urandom(9 * 1024 * 1024 + 123))
transfers = {}
for path, config in [(small, None), (large, TransferConfig(multipart_threshold=64 * 1024 * 1024))]:
    name = os.path.basename(path)
    s3.upload_file(path, bucket, f"files/{name}", Config=config)
    back = os.path.join(scratch, f"back-{name}")
    s3.download_file(bucket, f"files/{name}", back, Config=config)
    with open(path, "rb") as a, open(back, "rb") as b:
        transfers[name] = sha256(a.read()) == sha256(b.read())
out["transfers"] = transfers

# generate_presigned_url, fetched with the standard library (no SDK on the wire).
put_url = s3.generate_presigned_url("put_object", Params={"Bucket": bucket, "Key": "presigned/boto3 put.txt"}, ExpiresIn=300)
with urllib.request.urlopen(urllib.request.Request(put_url, data=b"via presigned PUT", method="PUT")) as response:
    out["presigned_put_status"] = response.status
get_url = s3.generate_presigned_url("get_object", Params={"Bucket": bucket, "Key": "presigned/boto3 put.txt"}, ExpiresIn=300)
with urllib.request.urlopen(get_url) as response:
    out["presigned_get"] = response.read().decode()
out["presigned_has_signature"] = "X-Amz-Signature=" in get_url and "X-Amz-Algorithm=AWS4-HMAC-SHA256" in get_url

print(json.dumps(out))
