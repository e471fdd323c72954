"""Same sources, same bytes: a reviewer can trust a diff and anyone can verify a copy of the site."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, copy_project

# Internet sockets are refused; local Unix sockets (the process pool's forkserver) stay allowed.
BLOCK_NETWORK = '''
import socket
_connect, _connect_ex = socket.socket.connect, socket.socket.connect_ex
def _refuse(*args, **kwargs):
    raise OSError("network access attempted during the build")
def _local_only(original):
    def connect(self, *args, **kwargs):
        if self.family != socket.AF_UNIX:
            _refuse()
        return original(self, *args, **kwargs)
    return connect
socket.socket.connect = _local_only(_connect)
socket.socket.connect_ex = _local_only(_connect_ex)
socket.create_connection = _refuse
socket.getaddrinfo = _refuse
'''


def build(project: Path, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "build.py"), "--project", str(project), "build"],
                          capture_output=True, text=True, env={**os.environ, **env}, timeout=900)


def test_two_builds_in_other_folders_time_zones_and_locales_are_identical(tmp_path: Path, built_site: Path):
    """The session build ran with this environment; this one with another folder, zone, locale and no network."""
    blocker = tmp_path / "offline"
    blocker.mkdir()
    (blocker / "sitecustomize.py").write_text(BLOCK_NETWORK, encoding="utf-8")
    kit = copy_project(tmp_path / "elsewhere" / "deeper")
    env = {"TZ": "Pacific/Auckland", "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8", "PYTHONPATH": str(blocker),
           "PYTHONHASHSEED": "123"}
    result = build(kit.root, env)
    assert result.returncode == 0, result.stderr
    first = (built_site / "SHA256SUMS").read_text(encoding="utf-8")
    second = (kit.root / "site" / "SHA256SUMS").read_text(encoding="utf-8")
    assert first.splitlines() == second.splitlines()


def test_manifest_verifies_with_sha256sum(built_site: Path):
    result = subprocess.run(["sha256sum", "--check", "--quiet", "SHA256SUMS"], cwd=built_site,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    listed = {line.split("  ", 1)[1] for line in (built_site / "SHA256SUMS").read_text().splitlines()}
    on_disk = {p.relative_to(built_site).as_posix() for p in built_site.rglob("*") if p.is_file()} - {"SHA256SUMS"}
    assert listed == on_disk


def test_the_network_blocker_really_blocks(tmp_path: Path):
    """Guard for the test above: with the blocker, a connection attempt fails."""
    (tmp_path / "sitecustomize.py").write_text(BLOCK_NETWORK, encoding="utf-8")
    probe = "import socket\ntry:\n    socket.create_connection(('127.0.0.1', 9))\nexcept OSError as e:\n    print(e)"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(tmp_path)})
    assert "network access attempted" in result.stdout
