"""Resolves <anything>.localhost to the loopback address (RFC 6761 §6.3), as systemd-resolved and browsers do, for
clients that address S3 Control as <account id>.<endpoint host>. Imported for that side effect, then, given argv, runs
the program named by argv[1] (the AWS CLI) with the rest of argv as its arguments.
"""
import runpy
import socket
import sys

_getaddrinfo = socket.getaddrinfo


def _resolve(host, *args, **kwargs):
    if isinstance(host, str) and host.endswith(".localhost"):
        host = "127.0.0.1"
    return _getaddrinfo(host, *args, **kwargs)


socket.getaddrinfo = _resolve

if __name__ == "__main__":
    program = sys.argv[1]
    sys.argv = sys.argv[1:]
    runpy.run_path(program, run_name="__main__")
