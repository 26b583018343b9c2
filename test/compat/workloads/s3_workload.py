"""A workload written with boto3 and its default credential chain: lists and reads the bucket, tries a write.

boto3 before 1.28 ignores AWS_ENDPOINT_URL, so the endpoint is passed explicitly, as an application pointed at a
local endpoint would do. Prints one JSON line.
"""
import json
import os
import sys

import boto3
import botocore.exceptions

bucket = sys.argv[1]
session = boto3.session.Session()
s3 = session.client("s3", endpoint_url=os.environ["AWS_ENDPOINT_URL"],
                    config=boto3.session.Config(s3={"addressing_style": "path"}, retries={"max_attempts": 1}))
keys = [o["Key"] for o in s3.list_objects_v2(Bucket=bucket).get("Contents", [])]
body = s3.get_object(Bucket=bucket, Key=keys[0])["Body"].read().decode()
try:
    s3.put_object(Bucket=bucket, Key="from-workload.txt", Body=b"no")
    write = "allowed"
except botocore.exceptions.ClientError as error:
    write = error.response["Error"]["Code"]
creds = session.get_credentials()
print(json.dumps({"keys": keys, "body": body, "write": write, "method": creds.method,
                  "accessKeyId": creds.get_frozen_credentials().access_key}))
