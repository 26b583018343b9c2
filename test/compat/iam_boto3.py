"""IAM administration with boto3 (Debian's python3-boto3): paginators over Marker, waiters-free CRUD of users,
groups, roles, policies with versions, instance profiles, keys and tags, and the error codes botocore parses.

Reads the endpoint and root keys from argv, prints one JSON object of observations for iam-boto3.test.ts.
"""
import json
import sys

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

endpoint, key_id, secret = sys.argv[1:4]
iam = boto3.client(
    "iam",
    endpoint_url=endpoint,
    region_name="us-east-1",
    aws_access_key_id=key_id,
    aws_secret_access_key=secret,
    config=Config(retries={"max_attempts": 1}),
)
doc = lambda action: json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": action, "Resource": "*"}]})
trust = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]})


def error_of(call):
    try:
        call()
    except ClientError as e:
        return {"code": e.response["Error"]["Code"], "message": e.response["Error"]["Message"], "status": e.response["ResponseMetadata"]["HTTPStatusCode"]}
    return None


def paged(name, key, **kwargs):
    items = []
    for page in iam.get_paginator(name).paginate(PaginationConfig={"PageSize": 2}, **kwargs):
        items += page[key]
    return items


out = {}
for i in range(5):
    iam.create_user(UserName=f"user{i}", Path="/boto/")
out["users"] = [u["UserName"] for u in paged("list_users", "Users", PathPrefix="/boto/")]
iam.create_group(GroupName="g")
for i in range(3):
    iam.add_user_to_group(GroupName="g", UserName=f"user{i}")
out["members"] = [u["UserName"] for u in paged("get_group", "Users", GroupName="g")]
out["user_groups"] = [g["GroupName"] for g in iam.list_groups_for_user(UserName="user0")["Groups"]]

role = iam.create_role(RoleName="boto-admin", AssumeRolePolicyDocument=trust, Tags=[{"Key": "k", "Value": "v"}])["Role"]
out["role_trust_is_dict"] = isinstance(iam.get_role(RoleName="boto-admin")["Role"]["AssumeRolePolicyDocument"], dict)
for i in range(3):
    iam.put_role_policy(RoleName="boto-admin", PolicyName=f"p{i}", PolicyDocument=doc("s3:GetObject"))
out["role_policies"] = paged("list_role_policies", "PolicyNames", RoleName="boto-admin")
out["role_policy_doc"] = iam.get_role_policy(RoleName="boto-admin", PolicyName="p1")["PolicyDocument"]
iam.tag_role(RoleName="boto-admin", Tags=[{"Key": "k2", "Value": "v2"}])
out["role_tags"] = iam.list_role_tags(RoleName="boto-admin")["Tags"]

arn = iam.create_policy(PolicyName="boto-policy", PolicyDocument=doc("s3:GetObject"))["Policy"]["Arn"]
iam.create_policy_version(PolicyArn=arn, PolicyDocument=doc("s3:PutObject"), SetAsDefault=True)
out["default_doc"] = iam.get_policy_version(PolicyArn=arn, VersionId="v2")["PolicyVersion"]["Document"]
iam.attach_role_policy(RoleName="boto-admin", PolicyArn=arn)
iam.attach_group_policy(GroupName="g", PolicyArn=arn)
out["attachment_count"] = iam.get_policy(PolicyArn=arn)["Policy"]["AttachmentCount"]
entities = iam.list_entities_for_policy(PolicyArn=arn)
out["entities"] = {"roles": [r["RoleName"] for r in entities["PolicyRoles"]], "groups": [g["GroupName"] for g in entities["PolicyGroups"]]}
out["local_policies"] = [p["PolicyName"] for p in paged("list_policies", "Policies", Scope="Local")]

iam.create_instance_profile(InstanceProfileName="boto-profile")
iam.add_role_to_instance_profile(InstanceProfileName="boto-profile", RoleName="boto-admin")
out["profiles_for_role"] = [p["InstanceProfileName"] for p in iam.list_instance_profiles_for_role(RoleName="boto-admin")["InstanceProfiles"]]

key = iam.create_access_key(UserName="user0")["AccessKey"]
iam.update_access_key(UserName="user0", AccessKeyId=key["AccessKeyId"], Status="Inactive")
out["keys"] = [(k["AccessKeyId"] == key["AccessKeyId"], k["Status"]) for k in iam.list_access_keys(UserName="user0")["AccessKeyMetadata"]]
out["last_used"] = iam.get_access_key_last_used(AccessKeyId=key["AccessKeyId"])["AccessKeyLastUsed"]

iam.create_account_alias(AccountAlias="boto-alias")
out["aliases"] = iam.list_account_aliases()["AccountAliases"]
summary = iam.get_account_summary()["SummaryMap"]
out["summary"] = {k: summary[k] for k in ("Users", "Groups", "Roles", "Policies", "InstanceProfiles", "MFADevices")}
details = [page for page in iam.get_paginator("get_account_authorization_details").paginate(Filter=["Role", "LocalManagedPolicy"], PaginationConfig={"PageSize": 1})]
out["details"] = {
    "pages": len(details),
    "roles": [r["RoleName"] for p in details for r in p["RoleDetailList"]],
    "policies": [q["PolicyName"] for p in details for q in p["Policies"]],
    "trust_is_dict": all(isinstance(r["AssumeRolePolicyDocument"], dict) for p in details for r in p["RoleDetailList"]),
}
for i in range(3):
    iam.create_policy_version(PolicyArn=arn, PolicyDocument=doc(f"sqs:Send{i}"))
out["versions"] = [v["VersionId"] for v in paged("list_policy_versions", "Versions", PolicyArn=arn)]
iam.put_role_permissions_boundary(RoleName="boto-admin", PermissionsBoundary=arn)
out["boundary"] = iam.get_role(RoleName="boto-admin")["Role"]["PermissionsBoundary"]["PermissionsBoundaryArn"] == arn
device = iam.create_virtual_mfa_device(VirtualMFADeviceName="boto-mfa")["VirtualMFADevice"]
out["mfa"] = {"seed_length": len(device["Base32StringSeed"]), "png": device["QRCodePNG"][:4] == b"\x89PNG"}
oidc = iam.create_open_id_connect_provider(Url="https://oidc.example.com", ClientIDList=["sts.amazonaws.com"], ThumbprintList=["a" * 40])
out["oidc"] = iam.get_open_id_connect_provider(OpenIDConnectProviderArn=oidc["OpenIDConnectProviderArn"])["Url"]
out["aws_policy"] = iam.get_policy(PolicyArn="arn:aws:iam::aws:policy/AdministratorAccess")["Policy"]["PolicyName"]

out["errors"] = {
    "no_such_user": error_of(lambda: iam.get_user(UserName="nobody")),
    "duplicate_role": error_of(lambda: iam.create_role(RoleName="BOTO-ADMIN", AssumeRolePolicyDocument=trust)),
    "delete_role": error_of(lambda: iam.delete_role(RoleName="boto-admin")),
    "delete_group": error_of(lambda: iam.delete_group(GroupName="g")),
    "malformed": error_of(lambda: iam.create_policy(PolicyName="bad", PolicyDocument='{"Version":"2012-10-17"')),
    "delete_default": error_of(lambda: iam.delete_policy_version(PolicyArn=arn, VersionId="v2")),
    "bad_marker": error_of(lambda: iam.list_users(Marker="!!!")),
    "sixth_version": error_of(lambda: iam.create_policy_version(PolicyArn=arn, PolicyDocument=doc("sqs:X"))),
    "bad_mfa_codes": error_of(lambda: iam.enable_mfa_device(UserName="user1", SerialNumber=device["SerialNumber"], AuthenticationCode1="000000", AuthenticationCode2="000000")),
    "aws_policy_change": error_of(lambda: iam.delete_policy(PolicyArn="arn:aws:iam::aws:policy/AdministratorAccess")),
    "group_quota": error_of(lambda: [iam.attach_group_policy(GroupName="g", PolicyArn=iam.create_policy(PolicyName=f"q{i}", PolicyDocument=doc("s3:GetObject"))["Policy"]["Arn"]) for i in range(10)]),
}
print(json.dumps(out, default=str))
