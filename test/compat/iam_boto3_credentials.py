"""User credentials through boto3 (Debian's python3-boto3): login profiles and the account password policy,
signing certificates and SSH public keys with botocore's paginators, service-specific credentials, and the errors
botocore parses. The certificates and an RSA public key come in the environment (IAMD_TEST_CERTIFICATES, PEMs
separated by blank lines; IAMD_TEST_RSA_KEYS, PEMs likewise).

Reads the endpoint and root keys from argv, prints one JSON object of observations for iam-boto3-ops.test.ts.
"""
import json
import os
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
certificates = [c.strip() + "\n" for c in os.environ["IAMD_TEST_CERTIFICATES"].split("\n\n") if c.strip()]
rsa_keys = [k.strip() + "\n" for k in os.environ["IAMD_TEST_RSA_KEYS"].split("\n\n") if k.strip()]


def error_of(call):
    try:
        call()
    except ClientError as e:
        return {"code": e.response["Error"]["Code"], "message": e.response["Error"]["Message"], "status": e.response["ResponseMetadata"]["HTTPStatusCode"]}
    return None


def paged(name, key, **kwargs):
    items, pages = [], 0
    for page in iam.get_paginator(name).paginate(PaginationConfig={"PageSize": 1}, **kwargs):
        items += page[key]
        pages += 1
    return items, pages


out, errors = {}, {}
iam.create_user(UserName="cred-user")

# Login profile and password policy.
profile = iam.create_login_profile(UserName="cred-user", Password="Boto-Passw0rd!", PasswordResetRequired=True)["LoginProfile"]
out["profile"] = {"user": profile["UserName"], "reset": profile["PasswordResetRequired"], "keys": sorted(profile)}
iam.update_account_password_policy(MinimumPasswordLength=16, RequireNumbers=True, PasswordReusePrevention=5)
policy = iam.get_account_password_policy()["PasswordPolicy"]
out["policy"] = {k: policy.get(k) for k in ("MinimumPasswordLength", "RequireNumbers", "RequireSymbols", "ExpirePasswords", "PasswordReusePrevention")}
errors["violation"] = error_of(lambda: iam.update_login_profile(UserName="cred-user", Password="too-short-1"))
iam.update_login_profile(UserName="cred-user", Password="long-enough-passphrase-1", PasswordResetRequired=False)
out["profile_after_update"] = iam.get_login_profile(UserName="cred-user")["LoginProfile"]["PasswordResetRequired"]
errors["profile_twice"] = error_of(lambda: iam.create_login_profile(UserName="cred-user", Password="long-enough-passphrase-1"))
errors["delete_user_with_profile"] = error_of(lambda: iam.delete_user(UserName="cred-user"))
iam.delete_login_profile(UserName="cred-user")
errors["profile_gone"] = error_of(lambda: iam.get_login_profile(UserName="cred-user"))
iam.delete_account_password_policy()
errors["policy_gone"] = error_of(lambda: iam.get_account_password_policy())

# Signing certificates, paginated one per page.
certificate_ids = [iam.upload_signing_certificate(UserName="cred-user", CertificateBody=c)["Certificate"]["CertificateId"] for c in certificates[:2]]
iam.update_signing_certificate(UserName="cred-user", CertificateId=certificate_ids[1], Status="Inactive")
listed, pages = paged("list_signing_certificates", "Certificates", UserName="cred-user")
out["certificates"] = {"statuses": [c["Status"] for c in listed], "same_ids": [c["CertificateId"] for c in listed] == certificate_ids, "pages": pages}
errors["malformed_certificate"] = error_of(lambda: iam.upload_signing_certificate(UserName="cred-user", CertificateBody="-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"))
errors["duplicate_certificate"] = error_of(lambda: iam.upload_signing_certificate(UserName="cred-user", CertificateBody=certificates[0]))
errors["delete_user_with_certificates"] = error_of(lambda: iam.delete_user(UserName="cred-user"))
for certificate_id in certificate_ids:
    iam.delete_signing_certificate(UserName="cred-user", CertificateId=certificate_id)
errors["update_deleted_certificate"] = error_of(lambda: iam.update_signing_certificate(UserName="cred-user", CertificateId=certificate_ids[0], Status="Active"))

# SSH public keys, paginated one per page.
uploaded = [iam.upload_ssh_public_key(UserName="cred-user", SSHPublicKeyBody=k)["SSHPublicKey"] for k in rsa_keys[:2]]
ssh = iam.get_ssh_public_key(UserName="cred-user", SSHPublicKeyId=uploaded[0]["SSHPublicKeyId"], Encoding="SSH")["SSHPublicKey"]
pem = iam.get_ssh_public_key(UserName="cred-user", SSHPublicKeyId=uploaded[0]["SSHPublicKeyId"], Encoding="PEM")["SSHPublicKey"]
out["ssh"] = {
    "ssh_form": ssh["SSHPublicKeyBody"].startswith("ssh-rsa "),
    "pem_round_trip": pem["SSHPublicKeyBody"] == rsa_keys[0],
    "fingerprint_length": len(ssh["Fingerprint"]),
    "id_prefix": ssh["SSHPublicKeyId"][:4],
}
iam.update_ssh_public_key(UserName="cred-user", SSHPublicKeyId=uploaded[1]["SSHPublicKeyId"], Status="Inactive")
keys, pages = paged("list_ssh_public_keys", "SSHPublicKeys", UserName="cred-user")
out["ssh_keys"] = {"statuses": [k["Status"] for k in keys], "pages": pages}
errors["unrecognized_key"] = error_of(lambda: iam.upload_ssh_public_key(UserName="cred-user", SSHPublicKeyBody="ssh-dss AAAAB3NzaC1kc3M= me"))
errors["duplicate_key"] = error_of(lambda: iam.upload_ssh_public_key(UserName="cred-user", SSHPublicKeyBody=ssh["SSHPublicKeyBody"]))
errors["delete_user_with_keys"] = error_of(lambda: iam.delete_user(UserName="cred-user"))
for key in uploaded:
    iam.delete_ssh_public_key(UserName="cred-user", SSHPublicKeyId=key["SSHPublicKeyId"])
errors["deleted_key"] = error_of(lambda: iam.get_ssh_public_key(UserName="cred-user", SSHPublicKeyId=uploaded[0]["SSHPublicKeyId"], Encoding="SSH"))

# Service-specific credentials.
created = iam.create_service_specific_credential(UserName="cred-user", ServiceName="codecommit.amazonaws.com")["ServiceSpecificCredential"]
reset = iam.reset_service_specific_credential(UserName="cred-user", ServiceSpecificCredentialId=created["ServiceSpecificCredentialId"])["ServiceSpecificCredential"]
iam.update_service_specific_credential(UserName="cred-user", ServiceSpecificCredentialId=created["ServiceSpecificCredentialId"], Status="Inactive")
listed = iam.list_service_specific_credentials(UserName="cred-user")["ServiceSpecificCredentials"]
out["service_credential"] = {
    "user_name": created["ServiceUserName"],
    "password_changed": reset["ServicePassword"] != created["ServicePassword"],
    "listed": [(c["ServiceName"], c["Status"], "ServicePassword" in c) for c in listed],
}
errors["unsupported_service"] = error_of(lambda: iam.create_service_specific_credential(UserName="cred-user", ServiceName="ec2.amazonaws.com"))
errors["delete_user_with_service_credential"] = error_of(lambda: iam.delete_user(UserName="cred-user"))
iam.delete_service_specific_credential(UserName="cred-user", ServiceSpecificCredentialId=created["ServiceSpecificCredentialId"])
errors["reset_deleted"] = error_of(lambda: iam.reset_service_specific_credential(UserName="cred-user", ServiceSpecificCredentialId=created["ServiceSpecificCredentialId"]))
iam.delete_user(UserName="cred-user")

out["errors"] = errors
print(json.dumps(out, default=str))
