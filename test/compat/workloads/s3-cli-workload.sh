#!/bin/sh
# A workload that uses the AWS CLI v2 with its default credential chain. Debian's CLI 2.9 predates
# AWS_ENDPOINT_URL, so the endpoint is passed as --endpoint-url. Prints the listing, the object, then the write's
# outcome ("allowed" or the CLI's error text).
aws=${AWS_CLI:-aws}
"$aws" --endpoint-url "$AWS_ENDPOINT_URL" s3 ls "s3://$1/" || exit 10
"$aws" --endpoint-url "$AWS_ENDPOINT_URL" s3 cp "s3://$1/hello.txt" - || exit 11
if echo no | "$aws" --endpoint-url "$AWS_ENDPOINT_URL" s3 cp - "s3://$1/from-workload.txt" 2>/tmp/iamd-cli-write.$$; then
  echo "write: allowed"
else
  echo "write: $(cat /tmp/iamd-cli-write.$$)"
fi
rm -f /tmp/iamd-cli-write.$$
