#!/usr/bin/env python3
"""Benchmark of the print documents (A4 leaflets, A5 flyers, A3 posters, handouts) of the real content.

Renders every PDF of the chosen languages sequentially in this process with ``render_document`` (timing each
PDF, wall clock and CPU), prints the median cost per PDF by format and language (the budget is on the guides'
A4 leaflets: <= 0.25 s each), then, unless ``--sequential-only``, makes them again as the build does (print
tasks on the build's process pool, no cache) and checks that both runs made the same bytes.

Run from the project folder:

    .venv/bin/python bench/bench_print.py                      # all languages, pool of os.cpu_count() workers
    .venv/bin/python bench/bench_print.py --langs fr,ar --formats a4 --sequential-only   # the budget figure
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from relais.diagnostics import Report  # noqa: E402
from relais.load import load_files  # noqa: E402
from relais.project import Project  # noqa: E402
from relais.engine.cache import Cache  # noqa: E402
from relais.engine.fingerprint import code_digest  # noqa: E402
from relais.engine.runner import Engine  # noqa: E402
from relais.engine.progress import Progress  # noqa: E402
from relais.render.print.engine import render_document  # noqa: E402
from relais.render.print.tasks import print_job, print_tasks  # noqa: E402
from relais.validate import validate  # noqa: E402

BUDGET_S = 0.25  # per A4 leaflet of a guide, sequential


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", type=Path, default=ROOT)
    parser.add_argument("--langs", help="comma-separated language codes (default: every language of the site)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="workers of the parallel run")
    parser.add_argument("--formats", default="a4,a5,a3", help="comma-separated formats (default: a4,a5,a3)")
    parser.add_argument("--sequential-only", action="store_true", help="skip the run with the process pool")
    args = parser.parse_args()
    project = Project(args.project.resolve())
    report = Report()
    content = validate(load_files(project.content_dir, project.root, report), report)  # load + validate only
    if not report.ok:
        for diagnostic in report.errors:
            print(diagnostic, file=sys.stderr)
        print("the content has errors: nothing to benchmark", file=sys.stderr)
        return 1
    langs = args.langs.split(",") if args.langs else [lang.code for lang in content.languages]
    guides = {guide.id for guide in content.guides}
    formats = args.formats.split(",")

    print(f"sequential, in this process ({len(langs)} language(s)):")
    made: dict[str, bytes] = {}
    costs: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)  # (format, lang) -> (wall, cpu)
    leaflets: dict[str, list[float]] = defaultdict(list)
    layouts = first = 0
    start = time.perf_counter()
    fonts = project.cache_dir / "print-fonts"
    planned = [(task, doc) for lang in langs
               for task, doc in print_tasks(content, lang, project.theme_dir / "print", fonts, code_digest())
               if doc.fmt in formats]
    for task, doc in planned:
        wall, cpu = time.perf_counter(), time.process_time()
        lang, job = doc.lang, print_job(task.spec)  # the view and its HTML variants, as a print task makes them
        laid_out = render_document(job)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        if laid_out.problems:
            print(f"  {task.name}: " + "; ".join(laid_out.problems), file=sys.stderr)
            return 1
        first = first or wall
        made[task.name] = laid_out.pdf
        costs[(doc.fmt, lang)].append((wall, cpu))
        if doc.fmt == "a4" and doc.page_id in guides:
            leaflets[lang].append(wall)
        layouts += laid_out.layouts
        print(f"  {wall:6.3f} s  {task.name}  ({laid_out.pages} p., layout {laid_out.variant + 1}/"
              f"{len(job.variants)}, {laid_out.layouts} laid out, {len(laid_out.pdf) // 1024} KB)")
    wall_seq = time.perf_counter() - start
    count = len(made)

    print("\nmedian seconds per PDF, wall (CPU), sequential:")
    print("  format  " + "".join(f"{lang:>16}" for lang in langs))
    for fmt in formats:
        cells = []
        for lang in langs:
            pairs = costs.get((fmt, lang), [])
            cells.append(f"{statistics.median(w for w, _ in pairs):7.3f} ({statistics.median(c for _, c in pairs):.3f})"
                         if pairs else f"{'-':>15}")
        print(f"  {fmt:6s}  " + " ".join(f"{cell:>15}" for cell in cells))
    for lang, times in leaflets.items():
        median = statistics.median(times)
        print(f"A4 leaflet of a guide, {lang}: median {median:.3f} s over {len(times)} PDFs "
              f"({'within' if median <= BUDGET_S else 'OVER'} the {BUDGET_S} s budget)")
    print(f"PDFs: {count}, layouts: {layouts} (a denser variant is laid out only when a text overflows)")
    print(f"sequential: {wall_seq:6.2f} s total, {wall_seq / count:5.3f} s per PDF (first PDF {first:.2f} s: "
          "fonts and stylesheets loaded)")

    same = True
    if not args.sequential_only and formats == ["a4", "a5", "a3"]:
        engine = Engine(Cache.disabled(), Progress(enabled=False), jobs=args.jobs)
        start = time.perf_counter()
        results = engine.run("print", [task for task, _ in planned])
        wall_par = time.perf_counter() - start
        engine.close()
        same = all(results[task.name].files[task.name] == made[task.name] for task, _ in planned)
        print(f"parallel:   {wall_par:6.2f} s total with {args.jobs} worker(s), {wall_par / count:5.3f} s per PDF, "
              f"speed-up x{wall_seq / wall_par:.2f}")
        print(f"byte-identical outputs in both runs: {'yes' if same else 'NO'}")
    print(f"machine: {os.cpu_count()} CPU(s), load average {os.getloadavg()[0]:.2f}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
