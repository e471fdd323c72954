"""``build --dry-run`` says what a build would make again and why; a rebuild makes exactly that."""

from __future__ import annotations

from pathlib import Path

from relais.cli import main
from test_cluster import tiny_kit


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_dry_run_names_the_outputs_a_sentence_changes(tmp_path: Path, capsys):
    kit = tiny_kit(tmp_path / "kit")
    project = ["--project", str(kit)]
    assert run(capsys, *project, "build", "--jobs", "1")[0] == 0
    code, out, _ = run(capsys, *project, "build", "--dry-run")
    assert code == 0 and out.splitlines()[-1].startswith("0 to build,")

    guide = kit / "content/guides/shelter.yml"
    guide.write_text(guide.read_text(encoding="utf-8").replace(
        "Fermez les portes et les fenêtres", "Fermez les portes, les volets et les fenêtres"), encoding="utf-8")
    code, out, _ = run(capsys, *project, "build", "--dry-run")
    lines = out.splitlines()
    assert code == 0 and not (kit / "site" / ".dry").exists()
    images = [line for line in lines if line.startswith("image ")]
    prints = [line for line in lines if line.startswith("print ")]
    # the sentence is French: the French images and leaflets of that guide, and no Arabic one (its translation
    # did not change: it is only outdated now, which images and print never show)
    assert images and all(" fr/media/shelter/" in line and line.endswith("(changed: page texts)") for line in images)
    assert prints and all(" fr/print/shelter-fr-" in line and line.endswith("(changed: page texts)") for line in prints)
    assert len(images) == 10  # two infographics in five formats (the guide's card shows its title, unchanged)
    assert any(line.startswith("pages  fr/pages") for line in lines)

    code, out, _ = run(capsys, *project, "build", "--jobs", "1")
    built = int(out.split("built ")[1].split(",")[0])
    # and the French pages: the Arabic ones show their own translation, unchanged, so MkDocs does not run again
    assert code == 0 and built == len(images) + len(prints) + 1
    assert "Fermez les portes, les volets" in (kit / "site/fr/guides/shelter/index.html").read_text(encoding="utf-8")


def test_a_new_language_makes_only_its_own_images_and_leaflets(tmp_path: Path, capsys):
    """Images and leaflets read their own language (and the default one's region, for phone numbers), never
    the list of languages: adding one makes that language's media, and the others' only pages again."""
    kit = tiny_kit(tmp_path / "kit")
    project = ["--project", str(kit)]
    assert run(capsys, *project, "build", "--jobs", "1")[0] == 0
    site = kit / "content/site.yml"
    site.write_text(site.read_text(encoding="utf-8").replace(
        "languages:\n", "languages:\n  - code: en\n    name: English\n    locale: en_GB\n    complete: false\n", 1),
        encoding="utf-8")
    code, out, err = run(capsys, *project, "build", "--dry-run")
    media = [line for line in out.splitlines() if line.startswith(("image ", "print "))]
    assert code == 0, err
    assert media and all(line.split()[1].startswith("en/") for line in media), media
    assert any(line.startswith("pages  fr/pages") for line in out.splitlines())
