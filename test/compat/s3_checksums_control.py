"""Multipart checksums and S3 Control with boto3 (issue 7): a SHA256 multipart upload whose parts botocore checksums,
completed with each part's checksum (a COMPOSITE object checksum), a completion that leaves one out (InvalidRequest),
and the account-level Block Public Access configuration through the s3control client.

argv: endpoint (http://localhost:<port>), access key id, secret, account id. Prints one JSON object of observations.
"""
import base64
import hashlib
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import localhost_resolver  # noqa: E402,F401  (S3 Control addresses <account>.localhost)

import boto3  # noqa: E402
from botocore.config import Config  # noqa: E402
from botocore.exceptions import ClientError  # noqa: E402

endpoint, key_id, secret, account = sys.argv[1:5]
common = dict(
    endpoint_url=endpoint,
    region_name="us-east-1",
    aws_access_key_id=key_id,
    aws_secret_access_key=secret,
)
s3 = boto3.client("s3", config=Config(retries={"max_attempts": 1}, s3={"addressing_style": "path"}), **common)
control = boto3.client("s3control", config=Config(retries={"max_attempts": 1}), **common)
out = {}


def error_of(call):
    try:
        call()
    except ClientError as e:
        return {"code": e.response["Error"]["Code"], "status": e.response["ResponseMetadata"]["HTTPStatusCode"]}
    return None


s3.create_bucket(Bucket="boto-sums")
parts = [os.urandom(5 * 1024 * 1024), b"tail of the object"]
upload = s3.create_multipart_upload(Bucket="boto-sums", Key="obj", ChecksumAlgorithm="SHA256")
out["created_algorithm"] = upload.get("ChecksumAlgorithm")
uid = upload["UploadId"]
done_parts = []
for number, body in enumerate(parts, start=1):
    part = s3.upload_part(
        Bucket="boto-sums", Key="obj", UploadId=uid, PartNumber=number, Body=body, ChecksumAlgorithm="SHA256"
    )
    done_parts.append({"ETag": part["ETag"], "PartNumber": number, "ChecksumSHA256": part["ChecksumSHA256"]})
out["part_checksums_match"] = [p["ChecksumSHA256"] for p in done_parts] == [
    base64.b64encode(hashlib.sha256(b).digest()).decode() for b in parts
]
missing = [dict(done_parts[0]), {"ETag": done_parts[1]["ETag"], "PartNumber": 2}]
out["missing_part_checksum"] = error_of(
    lambda: s3.complete_multipart_upload(Bucket="boto-sums", Key="obj", UploadId=uid, MultipartUpload={"Parts": missing})
)
s3.complete_multipart_upload(Bucket="boto-sums", Key="obj", UploadId=uid, MultipartUpload={"Parts": done_parts})
head = s3.head_object(Bucket="boto-sums", Key="obj", ChecksumMode="ENABLED")
raw = b"".join(hashlib.sha256(b).digest() for b in parts)
out["composite_expected"] = base64.b64encode(hashlib.sha256(raw).digest()).decode() + "-2"
out["composite"] = head.get("ChecksumSHA256")
out["checksum_type"] = head["ResponseMetadata"]["HTTPHeaders"].get("x-amz-checksum-type")

out["pab_before"] = error_of(lambda: control.get_public_access_block(AccountId=account))
control.put_public_access_block(
    AccountId=account, PublicAccessBlockConfiguration={"BlockPublicAcls": True, "RestrictPublicBuckets": True}
)
out["pab"] = control.get_public_access_block(AccountId=account)["PublicAccessBlockConfiguration"]
control.delete_public_access_block(AccountId=account)
out["pab_after"] = error_of(lambda: control.get_public_access_block(AccountId=account))
print(json.dumps(out))
