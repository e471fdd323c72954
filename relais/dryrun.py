"""``build --dry-run``: what a build would make again, and why (which of its inputs changed).

After every build the inputs of each task are recorded (``relais.engine.history``); a task whose key is not in
the cache is compared with that record, input by input.
"""

from __future__ import annotations

from relais.engine.cache import Cache
from relais.engine.history import previous as previous_inputs
from relais.engine.task import Task
from relais.pipeline import read
from relais.plan import Plans
from relais.project import Project

def why(task: Task, previous: dict) -> str:
    before = previous.get(task.name)
    if before is None:
        return "new"
    changed = [what for what, value in task.inputs if before.get(what) != value]
    return "changed: " + ", ".join(changed) if changed else "not in the cache"


def dry_run(project: Project, cache: Cache, release: bool = False) -> list[str]:
    """One line per output that a build would make again; the last line counts them. ``release``: refuses
    placeholders as ``build --release`` would (``ContentError``)."""
    content, _, _ = read(project, release=release)
    plan = Plans.make(content, project)
    previous = previous_inputs(project.history_file)
    lines, reused = [], 0
    media = {}
    for task in plan.media_tasks():
        result = cache.get(task.key)
        if result is None or not result.ok:
            lines.append(f"{task.kind:6} {task.name}  ({why(task, previous)})")
        else:
            media[task.name] = result
            reused += 1
    if len(media) == len(plan.media_tasks()):
        for task in plan.page_tasks(media):
            if cache.get(task.key) is None:
                lines.append(f"{task.kind:6} {task.name}  ({why(task, previous)})")
            else:
                reused += 1
    else:
        fonts = set(plan.national.fonts) - set(media)
        for site in plan.all:
            waiting = {site.images.get(n, (None,))[0] for n in site.images if n not in media}
            waiting |= {site.prints[n].lang for n in site.prints if n not in media}
            for lang in (lg.code for lg in site.content.languages):
                reason = "its images or PDFs change" if lang in waiting or fonts else "to be known after the images"
                lines.append(f"pages  {site.prefix}{lang}/pages  ({reason})")
    lines.append(f"{len(lines)} to build, {reused} reused")
    return lines
