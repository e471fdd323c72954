"""``check`` tells the truth: when it exits 0, ``build`` succeeds; what ``build`` refuses, ``check`` refused
first, with the same located lines, and never as an "internal error".

The bad-input corpus is held to this in test_bad_input.py (``check`` then ``build`` on each broken copy).
Here: the mistakes only rendering can find (rows that do not fit an image, a character no font draws), the
largest guide the model allows (which must fit everything it is drawn in), and the default kit itself.
"""

from __future__ import annotations

import re

import pytest

from conftest import Kit

GUIDE = "guides/shelter.yml"
LONG_TEXT = ("Abonnez-vous aux comptes de votre préfecture, de votre mairie, des services de secours et du "
             "Gouvernement, puis vérifiez chaque compte sur le site officiel avant de partager ses messages.")


def more_items(kit: Kit, count: int, title: str = "Suivez les comptes officiels") -> None:
    """``count`` more items of the longest text the model allows, half to do and half to avoid."""
    items = "".join(f'  - id: extra-{i}\n    icon: material/account-check\n    kind: {("do", "dont")[i % 2]}\n'
                    f'    title: "{title}"\n    text: "{LONG_TEXT}"\n' for i in range(count))
    kit.edit(GUIDE, "infographics:\n", items + "infographics:\n")


def drop_do_dont(kit: Kit) -> None:
    kit.edit(GUIDE, '  - id: shelter-do-dont\n    layout: do-dont\n'
                    '    alt: "Infographie « Se mettre à l’abri », à faire et à éviter."\n', "")
    kit.edit(f"translations/ar/{GUIDE}", "  shelter-do-dont:\n", "")
    kit.edit(f"translations/ar/{GUIDE}", '    alt: "رسم معلوماتي «الاحتماء في مكان آمن»: ما يجب فعله وما يجب تجنبه."\n', "")


def rendering_mistakes(kit: Kit) -> None:
    """Texts too long for the do/don't cards, and a character none of the fonts draws."""
    more_items(kit, 4)
    kit.edit(GUIDE, 'title: "Entrez dans un bâtiment"', 'title: "Entrez dans un bâtiment 𓀀"')


def largest_guide(kit: Kit) -> None:
    more_items(kit, 4, "Suivez les comptes officiels de la préfecture du département")
    kit.edit(GUIDE, 'summary: "Quatre gestes simples pour rester en sécurité et bien informé pendant une alerte."',
             'summary: "' + " ".join(["Quatre gestes simples pour rester en sécurité et bien informé pendant "
                                      "une alerte."] * 6) + '"')
    drop_do_dont(kit)


CASES = {  # edit -> error lines that must be among those reported (regular expressions); none: must build
    "rendering-mistakes": (rendering_mistakes, [
        r"content/guides/shelter\.yml:\d+:\d+: error: infographic 'shelter-do-dont' .* \((fr|ar)\): .*",
        r'content/guides/shelter\.yml:13:12: error: fr/print/shelter-fr-a4\.pdf: the character "𓀀" \(U\+13000\) '
        r"is in none of the print fonts.*\(and in 5 other PDFs\)",
        r"content/guides/shelter\.yml:13:12: error: infographic 'shelter-checklist' .*'𓀀' "
        r"\(U\+13000 EGYPTIAN HIEROGLYPH A001\).*\(and in \d+ other images\)"]),
    "largest-guide": (largest_guide, []),
}


def errors(text: str) -> list[str]:
    return [line for line in text.splitlines() if ": error: " in line]


@pytest.mark.parametrize("name", CASES)
def test_check_and_build_agree(tiny_kit: Kit, name: str):
    edit, expected = CASES[name]
    edit(tiny_kit)
    checked = tiny_kit.run("check")
    built = tiny_kit.run("build")
    for ran in (checked, built):
        assert "Traceback" not in ran.stdout + ran.stderr and "internal error" not in ran.stdout + ran.stderr
    assert errors(checked.stderr) == errors(built.stderr)
    assert checked.returncode == built.returncode == (1 if expected else 0), checked.stderr[-2000:]
    assert bool(errors(checked.stderr)) == bool(expected)
    for pattern in expected:
        assert [line for line in errors(checked.stderr) if re.fullmatch(pattern, line)], pattern
    if not expected:
        assert (tiny_kit.root / "site" / "fr" / "print" / "shelter-fr-a5.pdf").is_file()


def test_the_default_kit_passes_check_and_builds(built_site, shared_dir):
    """The frozen default kit: ``build`` passed (``built_site``), and ``check`` of the same kit passes too
    (answered by the build's results, so it takes a second)."""
    kit = Kit(shared_dir / "built" / "kit")
    checked = kit.run("check")
    assert checked.returncode == 0, checked.stderr
    assert errors(checked.stderr) == [] and "every image and leaflet fits" in checked.stdout
    assert (built_site / "SHA256SUMS").is_file()
