"""The QR card draws a Business Center's name in any script, with real glyphs (SPEC section 4).

Each card is fetched through HTTP. For every run of text on it, the font that drew it is checked
to map each of its characters (read from the font file's own cmap with fontTools: not through
the renderer), and the served PNG is checked to hold exactly that run, drawn in that font, where
the renderer says it is: so no character of the name is a font's missing-glyph box. Tesseract
reads the names back from the PNG for Japanese, Chinese, Korean, Thai, Arabic and Vietnamese.
"""

from __future__ import annotations

import io
import logging
import shutil
import subprocess
import unicodedata

import pytest
from PIL import Image, ImageChops, ImageDraw, ImageFont

from app.access_requests.card_fonts import CjkVariant, font_stack, is_default_ignorable
from app.access_requests.card_typesetting import Run
from app.access_requests.qr_images import CardText
from tests.access_requests.qr_cards import (
    NAMES,
    character_map,
    decode_qr,
    name_lines,
    placed_runs,
    served_card,
)
from tests.factories import Api

# Tesseract's language data for the scripts it must read back, and the card language to ask for.
OCR_LANGUAGES = {
    "japanese": ("ja", "jpn"),
    "chinese-simplified": ("zh-Hans", "chi_sim"),
    "korean": ("ko", "kor"),
    "thai": ("th", "tha"),
    "arabic": ("ar", "ara"),
    "vietnamese": ("vi", "vie"),
}


def assert_real_glyphs(run: Run) -> None:
    path = run.face.path
    assert path is not None, f"{run.text!r} fell back to Pillow's ASCII font"
    mapped = character_map(path, run.face.index)
    for ch in run.text:
        if not is_default_ignorable(ch):
            assert ord(ch) in mapped, (
                f"U+{ord(ch):04X} {unicodedata.name(ch, '')} is not in {path.name}: "
                "it would be drawn as the font's missing glyph"
            )


def assert_drawn_on_the_card(card: Image.Image, text: CardText, x: float, run: Run) -> None:
    """The served card holds ``run``, drawn in its font, at ``x`` on the line's baseline."""
    size = text.style.size
    top, bottom = round(text.baseline - 1.6 * size), round(text.baseline + 0.8 * size)
    box = (max(0, int(x) - 2), max(0, top), min(card.width, int(x + run.width) + 3), bottom)
    shown = card.crop(box)
    if run.face.color_bitmap:
        # An emoji is a color picture, where a missing glyph would be a gray box.
        _, highest = shown.convert("HSV").getchannel("S").getextrema()
        assert isinstance(highest, int)
        assert highest > 100, f"no color emoji drawn for {run.text!r}"
        return
    assert run.face.path is not None
    font = ImageFont.truetype(str(run.face.path), size, index=run.face.index)
    alone = Image.new("RGB", card.size, "#ffffff")
    ImageDraw.Draw(alone).text(
        (x, text.baseline),
        run.text,
        font=font,
        fill=text.style.color,
        anchor="ls",
        direction="rtl" if run.rtl else "ltr",
    )
    expected = alone.crop(box)
    inked = _mask(ImageChops.difference(expected, Image.new("RGB", expected.size, "#ffffff")))
    differing = ImageChops.logical_and(inked, _mask(ImageChops.difference(expected, shown)))
    inked_count, differing_count = _count(inked), _count(differing)
    assert inked_count, f"{run.text!r} draws nothing"
    # Neighbouring runs may share the anti-aliased pixels at their edges; all else is equal.
    assert differing_count <= 0.03 * inked_count, (
        f"{run.text!r}: {differing_count} of {inked_count} pixels differ from the font's glyphs"
    )


def _mask(difference: Image.Image) -> Image.Image:
    return difference.convert("L").point(lambda value: 255 if value else 0).convert("1")


def _count(mask: Image.Image) -> int:
    return mask.convert("L").histogram()[255]


@pytest.mark.parametrize("script", list(NAMES))
def test_every_character_of_the_name_is_drawn_with_a_real_glyph(api: Api, script: str) -> None:
    name = NAMES[script]
    served = served_card(api, name)
    image = served.image()
    assert decode_qr(image) == [served.access_request["qr_code_url"]]
    layout = served.layout()

    lines = name_lines(layout, name)
    assert lines, "the card shows the name"
    drawn = "".join(run.text for text in lines for run in text.line.runs)
    for ch in name:
        if not ch.isspace() and not is_default_ignorable(ch):
            assert ch in drawn, f"U+{ord(ch):04X} is not drawn as itself"
    for text in layout.texts:  # the card's own texts too
        for run in text.line.runs:
            assert_real_glyphs(run)
    for text in lines:
        for x, run in placed_runs(text):
            if run.text.strip():
                assert_drawn_on_the_card(image, text, x, run)


def tesseract_languages() -> set[str]:
    if shutil.which("tesseract") is None:
        pytest.fail(
            "tesseract is missing: install Debian's tesseract-ocr and its language data "
            "(scripts/test does: apt-get install -y tesseract-ocr tesseract-ocr-jpn ...)"
        )
    listed = subprocess.run(
        ["tesseract", "--list-langs"],  # noqa: S607 (Debian's tesseract, on PATH)
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    )
    return set(listed.stdout.split())


@pytest.mark.parametrize("script", list(OCR_LANGUAGES))
def test_ocr_reads_the_name_back(api: Api, script: str) -> None:
    language, ocr_language = OCR_LANGUAGES[script]
    if ocr_language not in tesseract_languages():
        pytest.fail(f"tesseract has no {ocr_language} data: apt-get install -y tesseract-ocr-*")
    name = NAMES[script]
    served = served_card(api, name, lang=language)
    lines = name_lines(served.layout(), name)
    size = lines[0].style.size
    band = (0, lines[0].baseline - 2 * size, 600, lines[-1].baseline + size)
    crop = served.image().convert("L").crop(band)
    crop = crop.resize((crop.width * 3, crop.height * 3), Image.Resampling.LANCZOS)
    png = io.BytesIO()
    crop.save(png, format="PNG")
    read = subprocess.run(  # noqa: S603
        ["tesseract", "-", "-", "-l", ocr_language, "--psm", "6"],  # noqa: S607
        input=png.getvalue(),
        capture_output=True,
        check=True,
        timeout=120,
    ).stdout.decode()
    assert "".join(name.split()) in "".join(read.split()), read


def test_the_renderers_character_maps_agree_with_fonttools() -> None:
    """The renderer reads each font's cmap itself (fontTools would also read every glyph name,
    ~80 ms and ~30 MB for a CJK font); fontTools is the reference it must agree with."""
    faces = {face for cjk in CjkVariant for face in font_stack(cjk) if face.path is not None}
    assert len(faces) > 100, "the Noto fonts are installed (scripts/install-card-fonts)"
    for face in faces:
        assert face.path is not None
        assert set(face.code_points()) == set(character_map(face.path, face.index)), face


# Characters of scripts that no Noto font of Debian 12 has (Unicode 13 and 14 additions).
UNDRAWABLE_CANDIDATES = ("\U00010e80", "\U00018b00", "\U00011fb0", "\U0001e290", "\U00010f70")


def test_a_character_no_font_has_is_logged_once_and_drawn_readable(
    api: Api, caplog: pytest.LogCaptureFixture
) -> None:
    fonts = [face for face in font_stack(CjkVariant.SC) if face.path is not None]
    undrawable = next(
        ch
        for ch in UNDRAWABLE_CANDIDATES
        if not any(ord(ch) in character_map(face.path, face.index) for face in fonts if face.path)
    )
    name = f"Yezidi {undrawable} Media"
    code = f"U+{ord(undrawable):04X}"
    with caplog.at_level(logging.WARNING, logger="app.access_requests.card_fonts"):
        first = served_card(api, name)
        second = served_card(api, name)
    assert [r.levelname for r in caplog.records if code in r.getMessage()] == ["WARNING"]

    for served in (first, second):
        assert decode_qr(served.image()) == [served.access_request["qr_code_url"]]
    layout = first.layout()
    drawn = "".join(run.text for text in name_lines(layout, name) for run in text.line.runs)
    assert drawn.startswith("Yezidi ? Media ")
    for text in layout.texts:
        for run in text.line.runs:
            assert_real_glyphs(run)
