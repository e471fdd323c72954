"""Same sources, same bytes: a reviewer can trust a diff and anyone can verify a copy of the site.

The cold reproducibility test runs on the tiny kit (tests/fixtures/tiny/) in ``make test``; its full-kit
version is marked ``slow`` (``make test-slow``): a cold build of the default kit takes minutes on two cores.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, TINY, Kit, copy_kit

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


def elsewhere_build(kit: Kit, tmp_path: Path) -> subprocess.CompletedProcess:
    """``build.py build`` in a process of its own, with another time zone, locale and hash seed, no network,
    and no shared cache (``kit`` is in another folder than any other build): everything made again."""
    blocker = tmp_path / "offline"
    blocker.mkdir()
    (blocker / "sitecustomize.py").write_text(BLOCK_NETWORK, encoding="utf-8")
    env = {key: value for key, value in os.environ.items() if key != "RELAIS_CACHE_DIR"}
    env.update({"TZ": "Pacific/Auckland", "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8", "PYTHONPATH": str(blocker),
                "PYTHONHASHSEED": "123"})
    return subprocess.run([sys.executable, str(ROOT / "build.py"), "--project", str(kit.root), "build"],
                          capture_output=True, text=True, env=env, timeout=900)


def sums(site: Path) -> list[str]:
    return (site / "SHA256SUMS").read_text(encoding="utf-8").splitlines()


def test_two_cold_builds_in_other_folders_time_zones_and_locales_are_identical(tmp_path: Path, cold_tiny: Path):
    """The tiny kit built twice from nothing: here (``cold_tiny``: this process's zone and locale), and in
    another folder, zone, locale and hash seed, without network."""
    there = copy_kit(tmp_path / "elsewhere" / "deeper", TINY)
    result = elsewhere_build(there, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "reused 0" in result.stdout
    assert len(sums(cold_tiny)) > 50
    assert sums(cold_tiny) == sums(there.root / "site")


@pytest.mark.slow
def test_the_default_kit_built_cold_elsewhere_is_identical(tmp_path: Path, built_site: Path):
    """The shared build ran with this environment; this one, cold, with another folder, zone, locale and no
    network (several minutes on two cores: ``make test-slow``)."""
    kit = copy_kit(tmp_path / "elsewhere" / "deeper")
    result = elsewhere_build(kit, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "reused 0" in result.stdout
    assert sums(built_site) == sums(kit.root / "site")


def test_manifest_verifies_with_sha256sum(built_site: Path):
    result = subprocess.run(["sha256sum", "--check", "--quiet", "SHA256SUMS"], cwd=built_site,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    listed = {line.split("  ", 1)[1] for line in (built_site / "SHA256SUMS").read_text().splitlines()}
    on_disk = {p.relative_to(built_site).as_posix() for p in built_site.rglob("*") if p.is_file()} - {"SHA256SUMS"}
    assert listed == on_disk


def test_the_network_blocker_really_blocks(tmp_path: Path):
    """Guard for the tests above: with the blocker, a connection attempt fails."""
    (tmp_path / "sitecustomize.py").write_text(BLOCK_NETWORK, encoding="utf-8")
    probe = "import socket\ntry:\n    socket.create_connection(('127.0.0.1', 9))\nexcept OSError as e:\n    print(e)"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(tmp_path)})
    assert "network access attempted" in result.stdout
