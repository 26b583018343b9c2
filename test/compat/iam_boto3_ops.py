"""Every IAM operation iamd serves that iam_boto3.py does not drive, through boto3 (Debian's python3-boto3) in one
process: updates, renames, tags, inline policies and attachments of all three identity kinds, boundaries,
instance profiles, virtual MFA devices with real TOTP codes, OIDC and SAML providers, service-linked roles, the
simulator, and for each family its paginator and its errors as botocore parses them.

Reads the endpoint and root keys from argv, prints one JSON object of observations for iam-boto3-ops.test.ts.
"""
import base64
import hashlib
import hmac
import json
import struct
import sys
import time

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
trust = lambda service: json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": service}, "Action": "sts:AssumeRole"}]})
metadata = '<?xml version="1.0"?><md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://idp.example.com" validUntil="2049-01-01T00:00:00Z"><md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">' + "<!-- padding -->" * 60 + "</md:IDPSSODescriptor></md:EntityDescriptor>"


def error_of(call):
    try:
        call()
    except ClientError as e:
        return {"code": e.response["Error"]["Code"], "message": e.response["Error"]["Message"], "status": e.response["ResponseMetadata"]["HTTPStatusCode"]}
    return None


def paged(name, key, **kwargs):
    """Every item of a paginated listing, read two per page; also counts the pages."""
    items, pages = [], 0
    for page in iam.get_paginator(name).paginate(PaginationConfig={"PageSize": 2}, **kwargs):
        items += page[key]
        pages += 1
    return items, pages


def names(items, field):
    return [i[field] for i in items]


def totp(seed, at):
    """RFC 6238 with SHA-1, 6 digits, 30 s steps: what an authenticator app shows at `at`."""
    digest = hmac.new(base64.b32decode(seed), struct.pack(">Q", int(at // 30)), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return "%06d" % ((struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 1000000)


out = {}
errors = {}

# Users: rename, tags (paginated), boundary, inline policies (paginated), attachments, groups, keys.
iam.create_user(UserName="ops-user", Path="/ops/")
iam.update_user(UserName="ops-user", NewUserName="ops-renamed", NewPath="/moved/")
out["renamed_user"] = iam.get_user(UserName="ops-renamed")["User"]["Arn"]
errors["renamed_away"] = error_of(lambda: iam.get_user(UserName="ops-user"))
iam.tag_user(UserName="ops-renamed", Tags=[{"Key": f"k{i}", "Value": f"v{i}"} for i in range(5)])
iam.untag_user(UserName="ops-renamed", TagKeys=["k0"])
tags, pages = paged("list_user_tags", "Tags", UserName="ops-renamed")
out["user_tags"] = {"keys": names(tags, "Key"), "pages": pages}
errors["bad_tag"] = error_of(lambda: iam.tag_user(UserName="ops-renamed", Tags=[{"Key": "aws:reserved", "Value": "x"}]))
boundary = iam.create_policy(PolicyName="ops-boundary", PolicyDocument=doc("s3:*"))["Policy"]["Arn"]
iam.put_user_permissions_boundary(UserName="ops-renamed", PermissionsBoundary=boundary)
out["user_boundary"] = iam.get_user(UserName="ops-renamed")["User"].get("PermissionsBoundary", {}).get("PermissionsBoundaryArn") == boundary
iam.delete_user_permissions_boundary(UserName="ops-renamed")
out["user_boundary_removed"] = "PermissionsBoundary" not in iam.get_user(UserName="ops-renamed")["User"]
for i in range(3):
    iam.put_user_policy(UserName="ops-renamed", PolicyName=f"up{i}", PolicyDocument=doc("s3:GetObject"))
out["user_policies"] = paged("list_user_policies", "PolicyNames", UserName="ops-renamed")
out["user_policy_action"] = iam.get_user_policy(UserName="ops-renamed", PolicyName="up1")["PolicyDocument"]["Statement"][0]["Action"]
iam.delete_user_policy(UserName="ops-renamed", PolicyName="up1")
errors["deleted_user_policy"] = error_of(lambda: iam.get_user_policy(UserName="ops-renamed", PolicyName="up1"))
iam.attach_user_policy(UserName="ops-renamed", PolicyArn=boundary)
iam.detach_user_policy(UserName="ops-renamed", PolicyArn=boundary)
errors["detach_twice"] = error_of(lambda: iam.detach_user_policy(UserName="ops-renamed", PolicyArn=boundary))
key = iam.create_access_key(UserName="ops-renamed")["AccessKey"]["AccessKeyId"]
iam.delete_access_key(UserName="ops-renamed", AccessKeyId=key)
out["keys_after_delete"] = iam.list_access_keys(UserName="ops-renamed")["AccessKeyMetadata"]
errors["delete_key_twice"] = error_of(lambda: iam.delete_access_key(UserName="ops-renamed", AccessKeyId=key))

# Groups: listing (paginated), rename, membership, inline policies and attachments.
for name in ["ops-g1", "ops-g2", "ops-g3"]:
    iam.create_group(GroupName=name, Path="/ops/")
iam.update_group(GroupName="ops-g3", NewGroupName="ops-g0")
groups, pages = paged("list_groups", "Groups", PathPrefix="/ops/")
out["groups"] = {"names": names(groups, "GroupName"), "pages": pages}
errors["update_missing_group"] = error_of(lambda: iam.update_group(GroupName="ops-g3", NewGroupName="x"))
iam.add_user_to_group(GroupName="ops-g1", UserName="ops-renamed")
iam.remove_user_from_group(GroupName="ops-g1", UserName="ops-renamed")
out["members_after_remove"] = iam.get_group(GroupName="ops-g1")["Users"]
errors["remove_non_member"] = error_of(lambda: iam.remove_user_from_group(GroupName="ops-g1", UserName="nobody"))
for i in range(3):
    iam.put_group_policy(GroupName="ops-g1", PolicyName=f"gp{i}", PolicyDocument=doc("sqs:SendMessage"))
out["group_policies"] = paged("list_group_policies", "PolicyNames", GroupName="ops-g1")
out["group_policy_action"] = iam.get_group_policy(GroupName="ops-g1", PolicyName="gp2")["PolicyDocument"]["Statement"][0]["Action"]
iam.delete_group_policy(GroupName="ops-g1", PolicyName="gp2")
errors["deleted_group_policy"] = error_of(lambda: iam.delete_group_policy(GroupName="ops-g1", PolicyName="gp2"))
policies = [iam.create_policy(PolicyName=f"ops-p{i}", PolicyDocument=doc("s3:ListBucket"))["Policy"]["Arn"] for i in range(3)]
for arn in policies:
    iam.attach_group_policy(GroupName="ops-g1", PolicyArn=arn)
attached, pages = paged("list_attached_group_policies", "AttachedPolicies", GroupName="ops-g1")
out["group_attached"] = {"names": names(attached, "PolicyName"), "pages": pages}
iam.detach_group_policy(GroupName="ops-g1", PolicyArn=policies[0])
out["group_attached_after_detach"] = names(iam.list_attached_group_policies(GroupName="ops-g1")["AttachedPolicies"], "PolicyName")

# Roles: listing (paginated), updates, trust policy, tags, boundary, inline policies and attachments.
for i in range(3):
    iam.create_role(RoleName=f"ops-r{i}", Path="/ops/", AssumeRolePolicyDocument=trust("ec2.amazonaws.com"), Tags=[{"Key": "a", "Value": "1"}, {"Key": "b", "Value": "2"}])
roles, pages = paged("list_roles", "Roles", PathPrefix="/ops/")
out["roles"] = {"names": names(roles, "RoleName"), "pages": pages}
iam.update_role(RoleName="ops-r0", Description="first", MaxSessionDuration=7200)
described = iam.update_role_description(RoleName="ops-r0", Description="second")["Role"]
out["role_update"] = {"description": described["Description"], "max": iam.get_role(RoleName="ops-r0")["Role"]["MaxSessionDuration"]}
errors["update_missing_role"] = error_of(lambda: iam.update_role(RoleName="nobody", Description="x"))
iam.update_assume_role_policy(RoleName="ops-r0", PolicyDocument=trust("lambda.amazonaws.com"))
out["role_trust_service"] = iam.get_role(RoleName="ops-r0")["Role"]["AssumeRolePolicyDocument"]["Statement"][0]["Principal"]["Service"]
errors["malformed_trust"] = error_of(lambda: iam.update_assume_role_policy(RoleName="ops-r0", PolicyDocument=doc("s3:*")))
iam.untag_role(RoleName="ops-r0", TagKeys=["a"])
out["role_tags"] = iam.list_role_tags(RoleName="ops-r0")["Tags"]
iam.put_role_permissions_boundary(RoleName="ops-r0", PermissionsBoundary=boundary)
iam.delete_role_permissions_boundary(RoleName="ops-r0")
out["role_boundary_removed"] = "PermissionsBoundary" not in iam.get_role(RoleName="ops-r0")["Role"]
iam.put_role_policy(RoleName="ops-r0", PolicyName="rp", PolicyDocument=doc("s3:GetObject"))
iam.delete_role_policy(RoleName="ops-r0", PolicyName="rp")
out["role_policies_after_delete"] = iam.list_role_policies(RoleName="ops-r0")["PolicyNames"]
for arn in policies:
    iam.attach_role_policy(RoleName="ops-r0", PolicyArn=arn)
attached, pages = paged("list_attached_role_policies", "AttachedPolicies", RoleName="ops-r0")
out["role_attached"] = {"names": names(attached, "PolicyName"), "pages": pages}
iam.detach_role_policy(RoleName="ops-r0", PolicyArn=policies[1])
out["role_attached_after_detach"] = names(iam.list_attached_role_policies(RoleName="ops-r0")["AttachedPolicies"], "PolicyName")
errors["detach_unattached"] = error_of(lambda: iam.detach_role_policy(RoleName="ops-r0", PolicyArn=policies[1]))
for arn in policies:
    iam.attach_user_policy(UserName="ops-renamed", PolicyArn=arn)
attached, pages = paged("list_attached_user_policies", "AttachedPolicies", UserName="ops-renamed")
out["user_attached"] = {"names": names(attached, "PolicyName"), "pages": pages}

# Service-linked roles.
linked = iam.create_service_linked_role(AWSServiceName="elasticloadbalancing.amazonaws.com")["Role"]
out["linked_role"] = {"name": linked["RoleName"], "path": linked["Path"]}
errors["delete_linked_directly"] = error_of(lambda: iam.delete_role(RoleName=linked["RoleName"]))
task = iam.delete_service_linked_role(RoleName=linked["RoleName"])["DeletionTaskId"]
out["linked_deletion"] = iam.get_service_linked_role_deletion_status(DeletionTaskId=task)["Status"]
errors["bad_deletion_task"] = error_of(lambda: iam.get_service_linked_role_deletion_status(DeletionTaskId="task/unknown"))

# Managed policies: default version and tags.
iam.create_policy_version(PolicyArn=policies[2], PolicyDocument=doc("s3:PutObject"))
iam.set_default_policy_version(PolicyArn=policies[2], VersionId="v2")
out["default_version"] = iam.get_policy(PolicyArn=policies[2])["Policy"]["DefaultVersionId"]
errors["missing_version"] = error_of(lambda: iam.set_default_policy_version(PolicyArn=policies[2], VersionId="v9"))
iam.tag_policy(PolicyArn=policies[2], Tags=[{"Key": "x", "Value": "1"}, {"Key": "y", "Value": "2"}])
iam.untag_policy(PolicyArn=policies[2], TagKeys=["x"])
out["policy_tags"] = iam.list_policy_tags(PolicyArn=policies[2])["Tags"]

# Instance profiles: listing (paginated), tags, role removal, deletion.
for i in range(3):
    iam.create_instance_profile(InstanceProfileName=f"ops-ip{i}", Path="/ops/")
profiles, pages = paged("list_instance_profiles", "InstanceProfiles", PathPrefix="/ops/")
out["profiles"] = {"names": names(profiles, "InstanceProfileName"), "pages": pages}
iam.tag_instance_profile(InstanceProfileName="ops-ip0", Tags=[{"Key": "env", "Value": "dev"}, {"Key": "tier", "Value": "web"}])
iam.untag_instance_profile(InstanceProfileName="ops-ip0", TagKeys=["tier"])
out["profile_tags"] = iam.list_instance_profile_tags(InstanceProfileName="ops-ip0")["Tags"]
iam.add_role_to_instance_profile(InstanceProfileName="ops-ip0", RoleName="ops-r1")
errors["delete_profile_with_role"] = error_of(lambda: iam.delete_instance_profile(InstanceProfileName="ops-ip0"))
iam.remove_role_from_instance_profile(InstanceProfileName="ops-ip0", RoleName="ops-r1")
iam.delete_instance_profile(InstanceProfileName="ops-ip0")
errors["deleted_profile"] = error_of(lambda: iam.get_instance_profile(InstanceProfileName="ops-ip0"))

# Virtual MFA devices: enable with two consecutive codes, list (paginated), deactivate, delete.
serials = []
for i in range(3):
    device = iam.create_virtual_mfa_device(VirtualMFADeviceName=f"ops-mfa{i}")["VirtualMFADevice"]
    serials.append(device["SerialNumber"])
    if i == 0:
        seed = device["Base32StringSeed"].decode() if isinstance(device["Base32StringSeed"], bytes) else device["Base32StringSeed"]
now = time.time()
iam.enable_mfa_device(UserName="ops-renamed", SerialNumber=serials[0], AuthenticationCode1=totp(seed, now - 30), AuthenticationCode2=totp(seed, now))
mfa, pages = paged("list_mfa_devices", "MFADevices", UserName="ops-renamed")
out["user_mfa"] = {"serials": [d["SerialNumber"] == serials[0] for d in mfa], "pages": pages}
virtual, pages = paged("list_virtual_mfa_devices", "VirtualMFADevices")
out["virtual_mfa"] = {"count": len(virtual), "pages": pages}
assigned, _ = paged("list_virtual_mfa_devices", "VirtualMFADevices", AssignmentStatus="Assigned")
out["assigned_mfa_user"] = [d["User"]["UserName"] for d in assigned]
errors["delete_assigned_mfa"] = error_of(lambda: iam.delete_virtual_mfa_device(SerialNumber=serials[0]))
iam.deactivate_mfa_device(UserName="ops-renamed", SerialNumber=serials[0])
out["user_mfa_after_deactivate"] = iam.list_mfa_devices(UserName="ops-renamed")["MFADevices"]
errors["deactivate_twice"] = error_of(lambda: iam.deactivate_mfa_device(UserName="ops-renamed", SerialNumber=serials[0]))
iam.delete_virtual_mfa_device(SerialNumber=serials[0])
errors["delete_mfa_twice"] = error_of(lambda: iam.delete_virtual_mfa_device(SerialNumber=serials[0]))

# OpenID Connect providers.
oidc = iam.create_open_id_connect_provider(Url="https://issuer.example.com/ops", ClientIDList=["a"], ThumbprintList=["b" * 40])["OpenIDConnectProviderArn"]
iam.add_client_id_to_open_id_connect_provider(OpenIDConnectProviderArn=oidc, ClientID="c")
iam.remove_client_id_from_open_id_connect_provider(OpenIDConnectProviderArn=oidc, ClientID="a")
iam.update_open_id_connect_provider_thumbprint(OpenIDConnectProviderArn=oidc, ThumbprintList=["c" * 40, "d" * 40])
got = iam.get_open_id_connect_provider(OpenIDConnectProviderArn=oidc)
out["oidc"] = {"clients": got["ClientIDList"], "thumbprints": got["ThumbprintList"]}
iam.tag_open_id_connect_provider(OpenIDConnectProviderArn=oidc, Tags=[{"Key": "o", "Value": "1"}, {"Key": "p", "Value": "2"}])
iam.untag_open_id_connect_provider(OpenIDConnectProviderArn=oidc, TagKeys=["o"])
out["oidc_tags"] = iam.list_open_id_connect_provider_tags(OpenIDConnectProviderArn=oidc)["Tags"]
out["oidc_list"] = [p["Arn"] == oidc for p in iam.list_open_id_connect_providers()["OpenIDConnectProviderList"]]
iam.delete_open_id_connect_provider(OpenIDConnectProviderArn=oidc)
errors["deleted_oidc"] = error_of(lambda: iam.get_open_id_connect_provider(OpenIDConnectProviderArn=oidc))

# SAML providers.
saml = iam.create_saml_provider(Name="ops-saml", SAMLMetadataDocument=metadata)["SAMLProviderArn"]
out["saml_valid_until"] = iam.get_saml_provider(SAMLProviderArn=saml)["ValidUntil"].year
iam.update_saml_provider(SAMLProviderArn=saml, SAMLMetadataDocument=metadata.replace("2049", "2050"))
out["saml_updated"] = iam.get_saml_provider(SAMLProviderArn=saml)["ValidUntil"].year
iam.tag_saml_provider(SAMLProviderArn=saml, Tags=[{"Key": "s", "Value": "1"}, {"Key": "t", "Value": "2"}])
iam.untag_saml_provider(SAMLProviderArn=saml, TagKeys=["t"])
out["saml_tags"] = iam.list_saml_provider_tags(SAMLProviderArn=saml)["Tags"]
out["saml_list"] = [p["Arn"] == saml for p in iam.list_saml_providers()["SAMLProviderList"]]
errors["not_metadata"] = error_of(lambda: iam.create_saml_provider(Name="bad", SAMLMetadataDocument="x" * 1000))
iam.delete_saml_provider(SAMLProviderArn=saml)
errors["deleted_saml"] = error_of(lambda: iam.get_saml_provider(SAMLProviderArn=saml))

# Account alias removal.
iam.create_account_alias(AccountAlias="ops-alias")
iam.delete_account_alias(AccountAlias="ops-alias")
out["aliases_after_delete"] = iam.list_account_aliases()["AccountAliases"]
errors["delete_missing_alias"] = error_of(lambda: iam.delete_account_alias(AccountAlias="ops-alias"))

# The simulator, paginated over the evaluated actions.
results, pages = paged(
    "simulate_principal_policy",
    "EvaluationResults",
    PolicySourceArn=iam.get_user(UserName="ops-renamed")["User"]["Arn"],
    ActionNames=["s3:ListBucket", "s3:GetObject", "s3:PutObject", "iam:CreateUser"],
)
out["simulation"] = {"decisions": {r["EvalActionName"]: r["EvalDecision"] for r in results}, "pages": pages}
errors["simulate_missing"] = error_of(lambda: iam.simulate_principal_policy(PolicySourceArn="arn:aws:iam::000000000000:user/nobody", ActionNames=["s3:GetObject"]))

# A user with everything removed can be deleted; its group and role too.
for arn in policies:
    iam.detach_user_policy(UserName="ops-renamed", PolicyArn=arn)
for name in ["up0", "up2"]:
    iam.delete_user_policy(UserName="ops-renamed", PolicyName=name)
iam.delete_user(UserName="ops-renamed")
errors["deleted_user"] = error_of(lambda: iam.get_user(UserName="ops-renamed"))

out["errors"] = errors
print(json.dumps(out, default=str))
