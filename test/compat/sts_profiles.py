"""boto3 1.26 with an assume-role profile (role_arn + source_profile + external_id): the session's credentials are
botocore's DeferredRefreshableCredentials, fetched on first use and fetched again once they near expiry.

botocore's clock for credential expiry (botocore.credentials._local_now) is moved forward 55 minutes between the
two calls, as time would pass in a long-running process; request signing keeps the real time. The internal STS
client reaches iamd through the endpoint rule set in AWS_DATA_PATH (see test/support/endpoint-override.ts).
Prints one JSON document for the test to check. Usage: sts_profiles.py ENDPOINT PROFILE
"""
import datetime
import json
import sys

import boto3
import botocore.credentials as credentials_module

endpoint, profile = sys.argv[1], sys.argv[2]
real_now = credentials_module._local_now
offset = [datetime.timedelta(0)]
credentials_module._local_now = lambda: real_now() + offset[0]

session = boto3.Session(profile_name=profile, region_name="us-east-1")
creds = session.get_credentials()
sts = session.client("sts", endpoint_url=endpoint)
first = sts.get_caller_identity()["Arn"]
first_key = creds.get_frozen_credentials().access_key
offset[0] = datetime.timedelta(minutes=55)
second_key = creds.get_frozen_credentials().access_key
second = sts.get_caller_identity()["Arn"]

print(json.dumps({
    "credentialsType": type(creds).__name__,
    "method": creds.method,
    "first": first,
    "second": second,
    "firstKey": first_key,
    "secondKey": second_key,
}))
