"""Unit tests of the QR code and QR card images (no database)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta, timezone
from io import BytesIO

import pytest
import zxingcpp
from PIL import Image, ImageDraw

from app.access_requests.qr_images import ImageFormat, QrCard, render_qr_card, render_qr_code

SVG_NS = "{http://www.w3.org/2000/svg}"
URL = "http://localhost:8000/v1/qr/" + "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_" * 2 + "AbCdEfGhIj"
SCANNER_PATH = "Open TikTok > Profile > Menu > Settings and privacy > QR code > Scan"
EXPIRES_AT = datetime(2026, 12, 1, 21, 4, 37, tzinfo=UTC)
TRICKY_NAME = 'Smith <&> "Sons" & Co'


def make_card(**changes: object) -> QrCard:
    fields: dict[str, object] = {
        "qr_code_url": URL,
        "business_center_name": "Acme Marketing GmbH",
        "permissions": ["PROFILE_INFO", "AD_ENABLED_POSTS", "PUBLIC_VIDEOS"],
        "scope": "EXISTING_POSTS",
        "expires_at": EXPIRES_AT,
    }
    fields.update(changes)
    return QrCard(**fields)  # type: ignore[arg-type]


def decode_png(data: bytes) -> list[str]:
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    return [barcode.text for barcode in zxingcpp.read_barcodes(Image.open(BytesIO(data)))]


def parse_svg(data: bytes) -> ET.Element:
    root = ET.fromstring(data)  # noqa: S314 - our own output, not untrusted input
    assert root.tag == f"{SVG_NS}svg"
    return root


def svg_texts(root: ET.Element) -> list[str]:
    return ["".join(text.itertext()) for text in root.iter(f"{SVG_NS}text")]


def svg_size(root: ET.Element) -> tuple[int, int]:
    return int(float(root.attrib["width"])), int(float(root.attrib["height"]))


def rasterize_qr_path(root: ET.Element) -> Image.Image:
    """Draw the SVG's QR code path (segno's stroked, horizontal-line format) onto a white image.

    A minimal rasterizer, enough for the QR code paths; texts and other shapes are left out.
    """
    paths = list(root.iter(f"{SVG_NS}path"))
    assert len(paths) == 1
    path = paths[0]
    transform = path.attrib.get("transform", "")
    translate = re.search(r"translate\(\s*([-\d.]+)[\s,]+([-\d.]+)\s*\)", transform)
    scale_match = re.search(r"scale\(\s*([\d.]+)\s*\)", transform)
    tx, ty = (float(translate[1]), float(translate[2])) if translate else (0.0, 0.0)
    scale = float(scale_match[1]) if scale_match else 1.0
    stroke_width = float(path.attrib.get("stroke-width", "1"))
    assert path.attrib.get("stroke") not in (None, "none")

    image = Image.new("L", svg_size(root), 255)
    draw = ImageDraw.Draw(image)

    def line(x0: float, y0: float, x1: float, y1: float) -> None:
        half = stroke_width / 2
        if y0 == y1:  # horizontal
            box = (min(x0, x1), y0 - half, max(x0, x1), y0 + half)
        else:
            assert x0 == x1, "only horizontal and vertical lines are expected"
            box = (x0 - half, min(y0, y1), x0 + half, max(y0, y1))
        left, top, right, bottom = (tx + scale * box[0], ty + scale * box[1],
                                    tx + scale * box[2], ty + scale * box[3])  # fmt: skip
        draw.rectangle((round(left), round(top), round(right) - 1, round(bottom) - 1), fill=0)

    x = y = 0.0
    for command, args in re.findall(r"([MmHhVvZz])([^MmHhVvZz]*)", path.attrib["d"]):
        numbers = [float(n) for n in re.findall(r"-?\d*\.?\d+(?:e-?\d+)?", args)]
        if command in "Mm":
            assert len(numbers) == 2
            x, y = (numbers[0], numbers[1]) if command == "M" else (x + numbers[0], y + numbers[1])
        elif command in "Hh":
            for n in numbers:
                new_x = n if command == "H" else x + n
                line(x, y, new_x, y)
                x = new_x
        elif command in "Vv":
            for n in numbers:
                new_y = n if command == "V" else y + n
                line(x, y, x, new_y)
                y = new_y
    return image


def decode_image(image: Image.Image) -> list[str]:
    return [barcode.text for barcode in zxingcpp.read_barcodes(image)]


# --- ImageFormat ------------------------------------------------------------------------------


def test_media_types() -> None:
    assert ImageFormat.PNG.media_type == "image/png"
    assert ImageFormat.SVG.media_type == "image/svg+xml"
    assert ImageFormat("png") is ImageFormat.PNG
    assert ImageFormat("svg") is ImageFormat.SVG


# --- QR code ----------------------------------------------------------------------------------


def test_png_qr_code_decodes_to_the_url() -> None:
    data = render_qr_code(URL, ImageFormat.PNG)
    assert decode_png(data) == [URL]


def test_png_qr_code_has_a_quiet_zone_and_a_scannable_scale() -> None:
    image = Image.open(BytesIO(render_qr_code(URL, ImageFormat.PNG))).convert("L")
    width, height = image.size
    assert width == height
    assert width % 8 == 0
    assert width >= (21 + 8) * 8  # the smallest QR code, 4 modules of quiet zone, 8 px per module
    quiet_zone = 4 * 8
    corner = image.crop((0, 0, quiet_zone, quiet_zone))
    assert corner.getextrema() == (255, 255)  # all white
    assert image.getpixel((quiet_zone, quiet_zone)) == 0  # the finder pattern starts here


def test_short_url_is_still_a_full_qr_code() -> None:
    url = "http://x.io/q/1"
    assert decode_png(render_qr_code(url, ImageFormat.PNG)) == [url]
    assert decode_png(render_qr_card(make_card(qr_code_url=url), ImageFormat.PNG)) == [url]


def test_svg_qr_code_is_a_standalone_svg_document() -> None:
    data = render_qr_code(URL, ImageFormat.SVG)
    assert data.startswith(b"<?xml")
    root = parse_svg(data)
    width, height = svg_size(root)
    assert width == height > 0


def test_svg_qr_code_rasterized_decodes_to_the_url() -> None:
    root = parse_svg(render_qr_code(URL, ImageFormat.SVG))
    assert decode_image(rasterize_qr_path(root)) == [URL]


def test_qr_code_accepts_the_format_as_a_plain_string() -> None:
    assert render_qr_code(URL, "png") == render_qr_code(URL, ImageFormat.PNG)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="gif"):
        render_qr_code(URL, "gif")  # type: ignore[arg-type]


def test_empty_url_is_rejected() -> None:
    with pytest.raises(ValueError, match="url"):
        render_qr_code("", ImageFormat.PNG)


@pytest.mark.parametrize("image_format", list(ImageFormat))
def test_qr_code_rendering_is_deterministic(image_format: ImageFormat) -> None:
    first = render_qr_code(URL, image_format)
    assert render_qr_code(URL, image_format) == first
    assert render_qr_code(URL + "x", image_format) != first


# --- QR card: PNG -----------------------------------------------------------------------------


def test_png_card_qr_code_decodes_to_the_url() -> None:
    data = render_qr_card(make_card(), ImageFormat.PNG)
    assert decode_png(data) == [URL]


def test_png_card_is_about_600_px_wide_and_taller_than_wide() -> None:
    image = Image.open(BytesIO(render_qr_card(make_card(), ImageFormat.PNG)))
    width, height = image.size
    assert width == 600
    assert width < height < 1000


@pytest.mark.parametrize(
    "name",
    [
        TRICKY_NAME,
        "X" * 200,
        " ".join(["Very Long Business Center Name"] * 7)[:200],
        "Ünïcödé Straße Café " * 10,
        "中文商务中心 😀 عربي " * 8,
        "Tabs\tand\nnew lines\x00\x1b and \u202ebidi override\u202c",
        "",
    ],
)
def test_png_card_with_any_name_stays_inside_the_card_and_decodes(name: str) -> None:
    card = make_card(business_center_name=name, permissions=["PROFILE_INFO", "LIVE_VIDEOS"])
    data = render_qr_card(card, ImageFormat.PNG)
    assert decode_png(data) == [URL]
    image = Image.open(BytesIO(data)).convert("L")
    width, height = image.size
    assert width == 600
    # Nothing is drawn into the right padding, below the accent bar at the top.
    right_margin = image.crop((width - 24, 8, width, height))
    assert right_margin.getextrema() == (255, 255)


def test_png_card_of_a_longer_name_is_not_taller_than_three_name_lines() -> None:
    def height(name: str) -> int:
        data = render_qr_card(make_card(business_center_name=name), ImageFormat.PNG)
        return Image.open(BytesIO(data)).height

    short, long_, longest = height("A"), height("Name " * 40), height("Name " * 40 + "X" * 200)
    assert short < long_ == longest  # the name is cut, not drawn on more and more lines


# --- QR card: SVG -----------------------------------------------------------------------------


def test_svg_card_contains_all_texts() -> None:
    root = parse_svg(render_qr_card(make_card(), ImageFormat.SVG))
    texts = svg_texts(root)
    assert "Authorize access to your TikTok account" in texts
    assert "Acme Marketing GmbH requests access" in texts
    assert "Ad delivery with existing posts" in texts
    for permission in ("Profile info", "Ad-enabled posts", "Public videos"):
        assert permission in texts
    assert "Expires 2026-12-01 21:04 UTC" in texts
    assert SCANNER_PATH in " ".join(texts)


def test_svg_card_of_live_videos_scope() -> None:
    card = make_card(scope="LIVE_VIDEOS", permissions=["PROFILE_INFO", "LIVE_VIDEOS"])
    texts = svg_texts(parse_svg(render_qr_card(card, ImageFormat.SVG)))
    assert "Ad delivery with LIVE videos" in texts
    assert "Profile info" in texts
    assert "LIVE videos" in texts
    assert "Public videos" not in texts


def test_svg_card_humanizes_unknown_values() -> None:
    card = make_card(scope="SOME_SCOPE", permissions=["PROFILE_INFO", "NEW_PERMISSION"])
    texts = svg_texts(parse_svg(render_qr_card(card, ImageFormat.SVG)))
    assert "Some scope" in texts
    assert "New permission" in texts


def test_svg_card_escapes_the_business_center_name() -> None:
    data = render_qr_card(make_card(business_center_name=TRICKY_NAME), ImageFormat.SVG)
    assert b"Smith &lt;&amp;&gt; &quot;Sons&quot; &amp; Co requests access" in data
    assert TRICKY_NAME.encode() not in data
    texts = svg_texts(parse_svg(data))
    assert f"{TRICKY_NAME} requests access" in texts


def test_svg_card_escapes_markup_in_the_name() -> None:
    name = '</text><script>alert("x")</script><text>'
    root = parse_svg(render_qr_card(make_card(business_center_name=name), ImageFormat.SVG))
    assert not list(root.iter(f"{SVG_NS}script"))
    assert name in " ".join(svg_texts(root))


def test_svg_card_keeps_unicode_and_drops_control_characters() -> None:
    name = "Ünïcödé 中文 😀\x00\x1b\u202e \tCafé\ufffe"
    texts = svg_texts(
        parse_svg(render_qr_card(make_card(business_center_name=name), ImageFormat.SVG))
    )
    assert "Ünïcödé 中文 😀 Café requests access" in texts


def test_svg_card_cuts_a_long_name_with_an_ellipsis() -> None:
    name = "Very Long Business Center Name " * 6 + "THE END"
    texts = svg_texts(
        parse_svg(render_qr_card(make_card(business_center_name=name), ImageFormat.SVG))
    )
    name_lines = texts[1 : texts.index("ACCESS FOR")]
    assert 1 < len(name_lines) <= 3
    assert name_lines[-1].endswith("\u2026 requests access")
    assert "THE END" not in " ".join(name_lines)
    assert " ".join(name_lines).startswith("Very Long Business Center Name Very Long")


def test_svg_card_breaks_a_name_without_spaces() -> None:
    texts = svg_texts(
        parse_svg(render_qr_card(make_card(business_center_name="W" * 200), ImageFormat.SVG))
    )
    name_lines = texts[1 : texts.index("ACCESS FOR")]
    assert len(name_lines) <= 3
    assert name_lines[-1].endswith("\u2026 requests access")
    assert all(len(line) < 60 for line in name_lines)


def test_svg_card_qr_code_is_vector_and_decodes_to_the_url() -> None:
    root = parse_svg(render_qr_card(make_card(), ImageFormat.SVG))
    assert not list(root.iter(f"{SVG_NS}image"))  # no embedded bitmap
    image = rasterize_qr_path(root)
    assert image.size == svg_size(root)
    assert decode_image(image) == [URL]


def test_svg_card_qr_code_does_not_overlap_the_texts() -> None:
    root = parse_svg(render_qr_card(make_card(), ImageFormat.SVG))
    qr = rasterize_qr_path(root).point(lambda value: 255 - value).getbbox()
    assert qr is not None
    _, qr_top, _, qr_bottom = qr
    for text in root.iter(f"{SVG_NS}text"):
        baseline, size = float(text.attrib["y"]), float(text.attrib["font-size"])
        assert baseline <= qr_top or baseline - size >= qr_bottom


# --- QR card: both formats --------------------------------------------------------------------


def test_expiry_is_shown_in_utc() -> None:
    cet = timezone(timedelta(hours=1))
    card = make_card(expires_at=datetime(2026, 12, 1, 22, 4, tzinfo=cet))
    texts = svg_texts(parse_svg(render_qr_card(card, ImageFormat.SVG)))
    assert "Expires 2026-12-01 21:04 UTC" in texts


def test_card_needs_an_aware_expiry() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        make_card(expires_at=datetime(2026, 12, 1, 21, 4))


def test_card_rejects_a_single_string_as_permissions() -> None:
    with pytest.raises(TypeError, match="permissions"):
        make_card(permissions="PROFILE_INFO")


def test_card_is_immutable_and_hashable() -> None:
    card = make_card()
    assert card.permissions == ("PROFILE_INFO", "AD_ENABLED_POSTS", "PUBLIC_VIDEOS")
    assert hash(card) == hash(make_card())
    with pytest.raises(AttributeError):
        card.scope = "LIVE_VIDEOS"  # type: ignore[misc]


@pytest.mark.parametrize("image_format", list(ImageFormat))
def test_card_rendering_is_deterministic(image_format: ImageFormat) -> None:
    first = render_qr_card(make_card(), image_format)
    assert render_qr_card(make_card(), image_format) == first
    assert render_qr_card(make_card(business_center_name="Other"), image_format) != first
    assert render_qr_card(make_card(expires_at=EXPIRES_AT + timedelta(days=1)), image_format) != (
        first
    )
