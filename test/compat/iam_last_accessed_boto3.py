"""IAM service last accessed data through boto3: generate_service_last_accessed_details,
get_service_last_accessed_details and get_service_last_accessed_details_with_entities against iamd.

Usage: iam_last_accessed_boto3.py ENDPOINT ACCESS_KEY_ID SECRET_ACCESS_KEY ENTITY_ARN; prints one JSON object."""

import json
import sys

import boto3
import botocore.exceptions

endpoint, key_id, secret, arn = sys.argv[1:5]
iam = boto3.client(
    "iam",
    endpoint_url=endpoint,
    region_name="us-east-1",
    aws_access_key_id=key_id,
    aws_secret_access_key=secret,
)

job = iam.generate_service_last_accessed_details(Arn=arn)["JobId"]
details = iam.get_service_last_accessed_details(JobId=job)
entities = iam.get_service_last_accessed_details_with_entities(JobId=job, ServiceNamespace="s3")
try:
    iam.get_service_last_accessed_details(JobId="00000000-0000-4000-8000-000000000000")
    unknown = "none"
except botocore.exceptions.ClientError as error:
    unknown = error.response["Error"]["Code"]

print(
    json.dumps(
        {
            "status": details["JobStatus"],
            "namespaces": [s["ServiceNamespace"] for s in details["ServicesLastAccessed"]],
            "s3_entities": [
                [e["EntityInfo"]["Type"], e["EntityInfo"]["Name"], "LastAuthenticated" in e]
                for e in entities["EntityDetailsList"]
            ],
            "unknown_job": unknown,
        }
    )
)
