"""The images a relay kit can post, read from the image tasks' results: their files and alt texts.

``check`` draws nothing, so its results hold no files; their facts still say which files an image makes and
the alt text of each (a carousel's slides have their own), which is all a post needs to be checked.
"""

from __future__ import annotations

from relais.engine.task import Result
from relais.render.images.canvas import Job
from relais.render.outputs import MediaFile


def media_records(images: dict[str, tuple[str, Job]], results: dict[str, Result], lang: str) -> list[MediaFile]:
    """The PNG files of every image task of ``lang`` (task name -> (language, job)), from their facts."""
    records = []
    for name, (image_lang, job) in images.items():
        result = results.get(name)
        if image_lang != lang or result is None:
            continue
        for fact in result.facts.get("images", []):
            for path in (p for p in fact["paths"] if p.endswith(".png")):
                records.append(MediaFile(page_id=job.subject.page_id, infographic_id=job.image_id, fmt="png",
                                         width=job.fmt.width, height=job.fmt.height, path=path.removeprefix(f"{lang}/"),
                                         size_bytes=len(result.files.get(path, b"")), alt=fact["alt"],
                                         slide=fact["index"], slides=fact["count"], holds=tuple(fact["holds"])))
    return records
