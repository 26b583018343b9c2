"""S3 objects with boto3 (issue 7): upload_file/download_file of a file above the 8 MiB multipart threshold,
ranged and conditional reads, copy, batch delete, tagging, paginated listing with url encoding, a presigned GET.

argv: endpoint, access key id, secret, work dir. Prints one JSON object of observations.
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

endpoint, key_id, secret, work = sys.argv[1:5]
s3 = boto3.client(
    "s3",
    endpoint_url=endpoint,
    region_name="us-east-1",
    aws_access_key_id=key_id,
    aws_secret_access_key=secret,
    # botocore 1.29 still presigns S3 URLs with SigV2 unless told otherwise; iamd, like S3 today, only takes SigV4.
    config=Config(retries={"max_attempts": 1}, s3={"addressing_style": "path"}, signature_version="s3v4"),
)
out = {}


def error_of(call):
    try:
        call()
    except ClientError as e:
        return {"code": e.response["Error"]["Code"], "status": e.response["ResponseMetadata"]["HTTPStatusCode"]}
    return None


def sha(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


s3.create_bucket(Bucket="boto-objects")
big = os.path.join(work, "big.bin")
with open(big, "wb") as f:
    for i in range(20):
        f.write(hashlib.sha256(str(i).encode()).digest() * (1 << 15))  # 1 MiB per round
config = TransferConfig(multipart_threshold=8 * 1024 * 1024, multipart_chunksize=8 * 1024 * 1024)
s3.upload_file(big, "boto-objects", "dir/big file.bin", Config=config, ExtraArgs={"Metadata": {"k": "v"}})
head = s3.head_object(Bucket="boto-objects", Key="dir/big file.bin")
out["etag"] = head["ETag"]
out["metadata"] = head["Metadata"]
back = os.path.join(work, "back.bin")
s3.download_file("boto-objects", "dir/big file.bin", back, Config=config)
out["same_bytes"] = sha(big) == sha(back)
out["size"] = os.path.getsize(back)

ranged = s3.get_object(Bucket="boto-objects", Key="dir/big file.bin", Range="bytes=0-9")
out["range"] = [ranged["ResponseMetadata"]["HTTPStatusCode"], ranged["ContentRange"], len(ranged["Body"].read())]
out["not_modified"] = error_of(lambda: s3.get_object(Bucket="boto-objects", Key="dir/big file.bin", IfNoneMatch=head["ETag"]))

s3.put_object(Bucket="boto-objects", Key="a+b c.txt", Body=b"hello", Tagging="t=1")
s3.copy_object(Bucket="boto-objects", Key="copy.txt", CopySource={"Bucket": "boto-objects", "Key": "a+b c.txt"})
out["copied"] = s3.get_object(Bucket="boto-objects", Key="copy.txt")["Body"].read().decode()
out["tags"] = s3.get_object_tagging(Bucket="boto-objects", Key="copy.txt")["TagSet"]

keys = []
for page in s3.get_paginator("list_objects_v2").paginate(Bucket="boto-objects", PaginationConfig={"PageSize": 1}):
    keys += [o["Key"] for o in page.get("Contents", [])]
out["keys"] = keys
v1 = []
for page in s3.get_paginator("list_objects").paginate(Bucket="boto-objects", PaginationConfig={"PageSize": 1}):
    v1 += [o["Key"] for o in page.get("Contents", [])]
out["keys_v1"] = v1

url = s3.generate_presigned_url("get_object", Params={"Bucket": "boto-objects", "Key": "a+b c.txt"}, ExpiresIn=300)
with urllib.request.urlopen(url) as response:
    out["presigned"] = response.read().decode()

deleted = s3.delete_objects(
    Bucket="boto-objects", Delete={"Objects": [{"Key": k} for k in keys]}
)
out["deleted"] = sorted(d["Key"] for d in deleted.get("Deleted", []))
out["left"] = s3.list_objects_v2(Bucket="boto-objects")["KeyCount"]
s3.delete_bucket(Bucket="boto-objects")
out["bucket_gone"] = error_of(lambda: s3.head_bucket(Bucket="boto-objects"))
print(json.dumps(out))
