"""The same build on a Dask cluster: workers return bytes, one writer writes them, the site is identical."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from relais.cli import main

ROOT = Path(__file__).resolve().parent.parent
TINY = ROOT / "tests" / "fixtures" / "tiny" / "content"


def tiny_kit(target: Path) -> Path:
    target.mkdir(parents=True)
    shutil.copytree(TINY, target / "content")
    for name in ("theme", "infographics"):
        shutil.copytree(ROOT / name, target / name)
    shutil.copy2(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    return target


def test_a_dask_cluster_builds_the_same_site_as_the_local_pool(tmp_path: Path, monkeypatch, capsys, cold_tiny):
    """A cold build on a Dask cluster gives the bytes of a cold build with the local pool (``cold_tiny``)."""
    distributed = pytest.importorskip("distributed")
    monkeypatch.delenv("RELAIS_CACHE_DIR", raising=False)  # the build makes everything itself
    remote = tiny_kit(tmp_path / "dask")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=40) as cluster:
        address = cluster.scheduler_address.removeprefix("tcp://")
        assert main(["--project", str(remote), "build", "--executor", f"dask://{address}"]) == 0
        ran = cluster.scheduler.task_prefixes["execute"].state_counts["memory"]
    assert ran >= 40  # the images, PDFs, fonts and pages were made by the cluster's workers
    out = capsys.readouterr().out
    assert "built 4" in out and ", reused 0" in out.splitlines()[-1]
    expected = (cold_tiny / "SHA256SUMS").read_text(encoding="utf-8")
    assert (remote / "site" / "SHA256SUMS").read_text(encoding="utf-8") == expected
    assert len(expected.splitlines()) > 50


def test_an_unreachable_cluster_is_one_clear_line(tmp_path: Path, capsys, monkeypatch):
    pytest.importorskip("distributed")
    kit = tiny_kit(tmp_path / "kit")
    assert main(["--project", str(kit), "build", "--executor", "dask://127.0.0.1:9"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: cannot reach the Dask scheduler at tcp://127.0.0.1:9") and "Traceback" not in err
    assert len(err.splitlines()) == 1
    assert not (kit / "site").exists()
