"""Local editions at scale: N editions generated from the demonstration one, built with the local pool and
with a Dask LocalCluster (the engine's other executor); the time per edition must stay flat, and after one
national sentence changes, only the outputs that show it are made again (in every edition).

Run: ``.venv/bin/python bench/bench_editions.py`` (``--sizes 10,20,40``, ``--no-dask``). The kit is the tiny
test kit (French and Arabic, one guide: ~40 outputs a site), so that 40 editions build in minutes; the
README projects the default kit's figures from it. Each build is the real command line in its own process.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TINY = ROOT / "tests" / "fixtures" / "tiny" / "content"
EDITION = ROOT / "tests" / "fixtures" / "edition" / "content"
SENTENCE = ("guides/shelter.yml", "Fermez les portes et les fenêtres", "Fermez bien les portes et les fenêtres")


def kit_with_editions(target: Path, count: int) -> Path:
    shutil.copytree(TINY, target / "content")
    for name in ("theme", "infographics", "mkdocs.yml"):
        (shutil.copytree if (ROOT / name).is_dir() else shutil.copy2)(ROOT / name, target / name)
    shutil.copytree(EDITION / "assets", target / "content" / "assets", dirs_exist_ok=True)
    source = (EDITION / "editions" / "demonstration.yml").read_text(encoding="utf-8")
    translation = (EDITION / "translations/ar/editions/demonstration.yml").read_text(encoding="utf-8")
    for number in range(1, count + 1):
        edition_id = f"prefecture-{number:03d}"
        text = source.replace("id: demonstration", f"id: {edition_id}").replace("/editions/demonstration/", f"/editions/{edition_id}/")
        text = text.replace("Préfecture de démonstration\"", f"Préfecture de démonstration {number}\"", 2)
        for folder, body in (("editions", text), ("translations/ar/editions", translation)):
            (target / "content" / folder).mkdir(parents=True, exist_ok=True)
            (target / "content" / folder / f"{edition_id}.yml").write_text(body, encoding="utf-8")
    return target


def timed(project: Path, *options: str) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, str(ROOT / "build.py"), "--project", str(project), "build", *options],
                          capture_output=True, text=True, env={"RELAIS_CACHE_DIR": str(project / ".cache"),
                                                               "PATH": "/usr/bin:/bin"})
    if done.returncode:
        sys.exit(done.stderr[-3000:])
    summary = re.search(r"built \d+, reused \d+", done.stdout)
    return time.perf_counter() - start, summary.group(0) if summary else "?"


def edit(project: Path) -> None:
    relpath, old, new = SENTENCE
    path = project / "content" / relpath
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="10,20,40")
    parser.add_argument("--no-dask", action="store_true", help="the local pool only")
    args = parser.parse_args()
    cluster = None
    if not args.no_dask:
        from distributed import LocalCluster
        cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=40)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for size in (int(s) for s in args.sizes.split(",")):
                project = kit_with_editions(Path(tmp) / f"kit-{size}", size)
                cold, summary = timed(project)
                edit(project)
                again, rebuilt = timed(project)
                line = (f"{size:3d} editions + national, local pool: cold {cold:6.1f} s ({cold / (size + 1):5.2f} s a site; "
                        f"{summary}); one national sentence: {again:5.1f} s ({rebuilt})")
                if cluster is not None:
                    shutil.rmtree(project / ".cache")
                    shutil.rmtree(project / "site")
                    address = cluster.scheduler_address.removeprefix("tcp://")
                    remote, _ = timed(project, "--executor", f"dask://{address}")
                    line += f"; Dask LocalCluster (2 workers) cold {remote:6.1f} s"
                print(line, flush=True)
    finally:
        if cluster is not None:
            cluster.close()


if __name__ == "__main__":
    main()
