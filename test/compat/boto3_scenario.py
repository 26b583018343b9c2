"""The seed scenario with boto3 (Debian's python3-boto3 1.26 predates AWS_ENDPOINT_URL: endpoint_url is passed).

Reads the endpoint, account and root keys from argv, prints one JSON object of observations for the TypeScript
test to assert on. Every call goes to the loopback iamd under test; retries are off so failures surface at once.
"""
import json
import sys

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

endpoint, account, key_id, secret = sys.argv[1:5]
config = Config(retries={"max_attempts": 1}, s3={"addressing_style": "path"})


def client(service, key, secret_key, token=None):
    return boto3.client(
        service,
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id=key,
        aws_secret_access_key=secret_key,
        aws_session_token=token,
        config=config,
    )


def error_of(call):
    try:
        call()
    except ClientError as error:
        return {"code": error.response["Error"]["Code"], "message": error.response["Error"]["Message"],
                "status": error.response["ResponseMetadata"]["HTTPStatusCode"]}
    return None


trust = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {
    "Service": "ec2.amazonaws.com", "AWS": f"arn:aws:iam::{account}:root"}, "Action": "sts:AssumeRole"}]})
read = json.dumps({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::boto-bucket"},
    {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::boto-bucket/*"}]})

iam = client("iam", key_id, secret)
sts = client("sts", key_id, secret)
s3 = client("s3", key_id, secret)
out = {"caller": sts.get_caller_identity()["Arn"]}
role = iam.create_role(RoleName="boto-role", AssumeRolePolicyDocument=trust)["Role"]
out["trust_round_trip"] = iam.get_role(RoleName="boto-role")["Role"]["AssumeRolePolicyDocument"] == json.loads(trust)
policy = iam.create_policy(PolicyName="boto-read", PolicyDocument=read)["Policy"]
iam.attach_role_policy(RoleName="boto-role", PolicyArn=policy["Arn"])
iam.create_instance_profile(InstanceProfileName="boto-profile")
iam.add_role_to_instance_profile(InstanceProfileName="boto-profile", RoleName="boto-role")
out["profile_roles"] = [r["RoleName"] for r in iam.get_instance_profile(InstanceProfileName="boto-profile")["InstanceProfile"]["Roles"]]
s3.create_bucket(Bucket="boto-bucket")
s3.put_object(Bucket="boto-bucket", Key="dir/hello world.txt", Body=b"hello from boto3\n")
out["malformed_trust"] = error_of(lambda: iam.create_role(RoleName="bad", AssumeRolePolicyDocument='{"Statement": ['))
out["validation"] = error_of(lambda: sts.assume_role(RoleArn=role["Arn"], RoleSessionName="s" * 65))  # botocore checks only minimums

creds = sts.assume_role(RoleArn=role["Arn"], RoleSessionName="boto")["Credentials"]
session = {"key": creds["AccessKeyId"], "secret_key": creds["SecretAccessKey"], "token": creds["SessionToken"]}
s3_session = client("s3", **session)
out["session_caller"] = client("sts", **session).get_caller_identity()["Arn"]
out["listed"] = [o["Key"] for o in s3_session.list_objects_v2(Bucket="boto-bucket")["Contents"]]
out["body"] = s3_session.get_object(Bucket="boto-bucket", Key="dir/hello world.txt")["Body"].read().decode()
out["put_denied"] = error_of(lambda: s3_session.put_object(Bucket="boto-bucket", Key="x", Body=b"no"))
out["delete_denied"] = error_of(lambda: s3_session.delete_object(Bucket="boto-bucket", Key="dir/hello world.txt"))
print(json.dumps(out))
