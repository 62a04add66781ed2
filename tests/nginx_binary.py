"""Debian's nginx, for the tests of deploy/nginx/certpath.conf: skipped where it is not
installed, except on CI (`.ci/run` installs it), where its absence fails the test."""

import shutil
from pathlib import Path

import pytest

from tests.databases import ON_CI


def nginx() -> str:
    found = shutil.which("nginx") or (
        "/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None
    )
    if found is None:
        message = "nginx is not installed (apt-get install nginx-light)"
        if ON_CI:
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return found
