"""deploy/nginx/certpath.conf is a configuration nginx accepts (`nginx -t`), as `make drill`
rewrites it (ports, cache directory) and as it is shipped, and it keeps the settings that make
a write visible through the proxy within 2 s. Skipped where nginx is not installed, except on
CI (`.ci/run` installs it)."""

import shutil
import subprocess
from pathlib import Path

import pytest

from bench.drills.common import CONFIG
from bench.drills.nginx import main_config, write_nginx_files
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


def test_nginx_accepts_the_configuration(tmp_path: Path) -> None:
    main = write_nginx_files(tmp_path, listen=18080, upstream=[18000, 18001], static=18081)
    checked = subprocess.run(
        [nginx(), "-t", "-p", str(tmp_path), "-c", str(main), "-e", str(tmp_path / "error.log")],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert checked.returncode == 0, checked.stderr


def test_the_shipped_file_only_needs_its_cache_directory(tmp_path: Path) -> None:
    """The file as shipped, with nothing rewritten but where it keeps its cache."""
    shipped = CONFIG.read_text(encoding="utf-8")
    (tmp_path / "certpath.conf").write_text(
        shipped.replace("/var/cache/nginx/certpath", str(tmp_path / "cache"))
    )
    (tmp_path / "nginx.conf").write_text(main_config(tmp_path, static_port=18081))
    checked = subprocess.run(
        [
            nginx(),
            "-t",
            "-p",
            str(tmp_path),
            "-c",
            str(tmp_path / "nginx.conf"),
            "-e",
            str(tmp_path / "error.log"),
        ],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert checked.returncode == 0, checked.stderr


def test_the_proxy_revalidates_within_the_freshness_bound() -> None:
    directives = {line.strip() for line in CONFIG.read_text(encoding="utf-8").splitlines()}
    # The app's max-age=60 is for other caches; this one keeps a page 1 s (1 to 2 s in
    # nginx's whole seconds), then asks with the ETag.
    assert "proxy_ignore_headers Cache-Control Expires;" in directives
    assert "proxy_cache_valid 200 1s;" in directives
    assert "proxy_cache_revalidate on;" in directives
    assert any(d.startswith("proxy_cache_bypass $http_authorization") for d in directives)
