"""S3 versioning with boto3 (issue 7): enable versioning, write two versions, read the old one by id, delete to a
delete marker (404 with x-amz-delete-marker), list versions with the paginator, and remove every version.

argv: endpoint, access key id, secret. Prints one JSON object of observations.
"""
import json
import sys

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

endpoint, key_id, secret = sys.argv[1:4]
s3 = boto3.client(
    "s3",
    endpoint_url=endpoint,
    region_name="us-east-1",
    aws_access_key_id=key_id,
    aws_secret_access_key=secret,
    config=Config(retries={"max_attempts": 1}, s3={"addressing_style": "path"}),
)
out = {}
bucket = "boto-versions"
s3.create_bucket(Bucket=bucket)
s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})
out["status"] = s3.get_bucket_versioning(Bucket=bucket)["Status"]
v1 = s3.put_object(Bucket=bucket, Key="notes.txt", Body=b"first")["VersionId"]
v2 = s3.put_object(Bucket=bucket, Key="notes.txt", Body=b"second")["VersionId"]
out["distinct"] = v1 != v2
out["old"] = s3.get_object(Bucket=bucket, Key="notes.txt", VersionId=v1)["Body"].read().decode()
out["current_version"] = s3.head_object(Bucket=bucket, Key="notes.txt")["VersionId"] == v2

deleted = s3.delete_object(Bucket=bucket, Key="notes.txt")
out["delete_marker"] = deleted["DeleteMarker"]
try:
    s3.get_object(Bucket=bucket, Key="notes.txt")
    out["after_delete"] = None
except ClientError as e:
    headers = e.response["ResponseMetadata"]["HTTPHeaders"]
    out["after_delete"] = [e.response["Error"]["Code"], headers.get("x-amz-delete-marker")]

listed = []
for page in s3.get_paginator("list_object_versions").paginate(Bucket=bucket, PaginationConfig={"PageSize": 1}):
    listed += [[v["VersionId"] == v1, v["VersionId"] == v2, v["IsLatest"], False] for v in page.get("Versions", [])]
    listed += [[False, False, m["IsLatest"], True] for m in page.get("DeleteMarkers", [])]
out["listed"] = sorted(listed)

versions = s3.list_object_versions(Bucket=bucket)
doomed = [{"Key": v["Key"], "VersionId": v["VersionId"]} for v in versions.get("Versions", []) + versions.get("DeleteMarkers", [])]
result = s3.delete_objects(Bucket=bucket, Delete={"Objects": doomed})
out["deleted"] = len(result.get("Deleted", []))
s3.delete_bucket(Bucket=bucket)
out["bucket_gone"] = True
print(json.dumps(out))
