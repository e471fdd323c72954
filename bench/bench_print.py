#!/usr/bin/env python3
"""Benchmark of the print documents (A4 leaflets, A5 flyers, A3 posters, handouts) of the real content.

Renders every PDF of every language twice into a temporary folder: first sequentially in this process
(timing each PDF), then with the process pool of ``render_print_documents``; prints the seconds per PDF,
the totals and the speed-up, and checks that both runs wrote the same bytes.

Run from the project folder:

    .venv/bin/python bench/bench_print.py                 # all languages, pool of os.cpu_count() workers
    .venv/bin/python bench/bench_print.py --langs fr --jobs 4
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from relais.diagnostics import ContentError  # noqa: E402
from relais.pipeline import check  # noqa: E402
from relais.project import Project  # noqa: E402
from relais.render.print.documents import plan_print_documents, render_print_documents  # noqa: E402
from relais.render.print.engine import run_job  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", type=Path, default=ROOT)
    parser.add_argument("--langs", help="comma-separated language codes (default: every language of the site)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="workers of the parallel run")
    args = parser.parse_args()
    project = Project(args.project.resolve())
    try:
        content, _ = check(project)
    except ContentError as error:
        for diagnostic in error.report.errors:
            print(diagnostic, file=sys.stderr)
        print("the content has errors: nothing to benchmark", file=sys.stderr)
        return 1
    langs = args.langs.split(",") if args.langs else [lang.code for lang in content.languages]

    with tempfile.TemporaryDirectory(prefix="relais-bench-print-") as tmp:
        sequential, parallel = Path(tmp) / "sequential", Path(tmp) / "parallel"
        print(f"sequential, in this process ({len(langs)} language(s)):")
        total_seq = 0.0
        count = 0
        layouts = 0
        start = time.perf_counter()
        for lang in langs:
            planned = plan_print_documents(content, lang, project, sequential / lang)
            for item in planned:
                t0 = time.perf_counter()
                result = run_job(item.job)
                seconds = time.perf_counter() - t0
                total_seq += seconds
                count += 1
                layouts += result.variant + 1
                print(f"  {seconds:6.2f} s  {lang}/{item.doc.path}  ({result.pages} p., layout {result.variant + 1}/"
                      f"{len(item.job.variants)}, {result.size_bytes // 1024} KB)")
        wall_seq = time.perf_counter() - start

        start = time.perf_counter()
        docs = [doc for lang in langs
                for doc in render_print_documents(content, lang, project, parallel / lang, jobs=args.jobs)]
        wall_par = time.perf_counter() - start

        same = all((sequential / d.lang / d.path).read_bytes() == (parallel / d.lang / d.path).read_bytes()
                   for d in docs)
        print()
        print(f"PDFs: {count}  (layouts computed: {layouts}; a dense variant is tried only when a text overflows)")
        print(f"sequential: {wall_seq:6.2f} s total, {total_seq / count:5.2f} s per PDF (includes planning)")
        print(f"parallel:   {wall_par:6.2f} s total with {args.jobs} worker(s), {wall_par / count:5.2f} s per PDF, "
              f"speed-up x{wall_seq / wall_par:.2f}")
        print(f"byte-identical outputs in both runs: {'yes' if same else 'NO'}")
        print(f"machine: {os.cpu_count()} CPU(s), load average {os.getloadavg()[0]:.2f}")
        return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
