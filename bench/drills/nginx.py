"""nginx with deploy/nginx/certpath.conf in front of the app, only its ports, cache directory
and per-client connection limit rewritten for the drill."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from bench.drills.common import CONFIG, HOST, DrillError, answers, wait_for
from bench.run import free_port, pinned


def _replace_once(pattern: str, replacement: str, config: str) -> str:
    changed, count = re.subn(pattern, replacement, config, flags=re.MULTILINE)
    if count != 1:
        raise DrillError(f"{CONFIG.name}: expected one line matching {pattern!r}, found {count}")
    return changed


def drill_config(listen: int, upstream: Sequence[int], cache_dir: Path) -> str:
    """deploy/nginx/certpath.conf with this machine's ports and cache directory, and a
    per-client connection limit that lets wrk's connections (all from 127.0.0.1) through."""
    config = CONFIG.read_text(encoding="utf-8")
    config = _replace_once(
        r"proxy_cache_path /var/cache/nginx/certpath ", f"proxy_cache_path {cache_dir} ", config
    )
    config = _replace_once(r"^(\s*)listen 80;", rf"\g<1>listen {HOST}:{listen};", config)
    servers = "".join(f"server {HOST}:{port} max_fails=1 fail_timeout=5s; " for port in upstream)
    config = _replace_once(
        r"server 127\.0\.0\.1:8000 max_fails=1 fail_timeout=5s;", servers, config
    )
    return _replace_once(
        r"limit_conn certpath_per_client \d+;", "limit_conn certpath_per_client 10000;", config
    )


def main_config(directory: Path, static_port: int) -> str:
    """nginx's main file around it, with a second server that gives files from
    `directory`/static, for the same-bytes comparison. One worker process, no access log."""
    user = "user root;\n" if os.geteuid() == 0 else ""
    return (
        f"{user}daemon off;\nworker_processes 1;\npid {directory}/nginx.pid;\n"
        f"error_log {directory}/error.log warn;\n"
        "events { worker_connections 4096; }\n"
        "http {\n    access_log off;\n    default_type application/octet-stream;\n"
        f"    include {directory}/certpath.conf;\n"
        f"    server {{\n        listen {HOST}:{static_port};\n"
        f"        location / {{ root {directory}/static; default_type application/json; }}\n"
        "    }\n}\n"
    )


def write_nginx_files(directory: Path, listen: int, upstream: Sequence[int], static: int) -> Path:
    (directory / "static").mkdir(parents=True, exist_ok=True)
    (directory / "cache").mkdir(exist_ok=True)
    (directory / "certpath.conf").write_text(drill_config(listen, upstream, directory / "cache"))
    main = directory / "nginx.conf"
    main.write_text(main_config(directory, static))
    return main


@dataclass
class Proxy:
    process: subprocess.Popen[bytes]
    port: int
    static_port: int
    directory: Path

    @property
    def base(self) -> str:
        return f"http://{HOST}:{self.port}"

    @property
    def static_base(self) -> str:
        return f"http://{HOST}:{self.static_port}"


def require_nginx() -> str:
    found = shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx",) if Path(p).exists()), None
    )
    if found is None:
        raise DrillError("nginx is not installed: sudo apt-get install nginx-light")
    return found


@contextmanager
def running_proxy(upstream: int, core: str | None, directory: Path) -> Iterator[Proxy]:
    """nginx in front of the app on port `upstream`, until the block ends."""
    directory.mkdir(parents=True, exist_ok=True)
    port, static = free_port(), free_port()
    main = write_nginx_files(directory, port, [upstream], static)
    nginx = require_nginx()
    error_log = directory / "error.log"
    checked = subprocess.run(
        [nginx, "-t", "-p", str(directory), "-c", str(main), "-e", str(error_log)],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    if checked.returncode != 0:
        raise DrillError(f"nginx -t failed:\n{checked.stderr}")
    process = subprocess.Popen(
        pinned(core, [nginx, "-p", str(directory), "-c", str(main), "-e", str(error_log)]),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    proxy = Proxy(process, port, static, directory)
    try:
        wait_for("nginx", lambda: answers(f"{proxy.base}/healthz"))
        yield proxy
    finally:
        process.send_signal(signal.SIGQUIT)  # finish what is in flight, then stop
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
