# Names in Cyrillic and Greek letters are meant, not look-alikes of Latin ones.
# ruff: noqa: RUF001
"""Helpers for the QR card tests: names in every script, a card through HTTP, what it shows.

A card is fetched through the app like a client does. The test then builds the same ``QrCard``
from what the API returned and asks the renderer where it put each run of text
(``layout_qr_card``): that the two agree is checked byte for byte, so what the tests inspect is
the served image.
"""

from __future__ import annotations

import functools
import io
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import zxingcpp
from fontTools.ttLib import TTFont
from PIL import Image

from app.access_requests.card_texts import card_language
from app.access_requests.card_typesetting import Run
from app.access_requests.qr_images import (
    CardLayout,
    CardText,
    ImageFormat,
    QrCard,
    layout_qr_card,
    render_qr_card,
)
from tests.factories import Api

SVG_NS = "{http://www.w3.org/2000/svg}"

# A Business Center's name in each script the card must draw.
NAMES: dict[str, str] = {
    "latin": "Ünïcödé Straße Café Œuvre Łódź Ærøskøbing",
    "vietnamese": "Công ty Quảng cáo Việt",
    "cyrillic": "ООО «Медиа Группа Восток»",
    "greek": "Ελληνική Διαφημιστική",
    "chinese-simplified": "北京星光传媒有限公司",
    "chinese-traditional": "臺北星光傳媒有限公司",
    "japanese": "株式会社サクラ広告",
    "korean": "서울미디어그룹",
    "thai": "บริษัทโฆษณาไทย",
    "arabic": "وكالة الإعلان",
    "hebrew": "סוכנות הפרסום",
    "devanagari": "मुंबई विज्ञापन एजेंसी",
    "emoji": "Sunny Ads 😀 👍🏽 🇯🇵 ❤️ 👩‍💻",
}

# The script of names in each language's market (for cards written in that language).
SCRIPT_OF_LANGUAGE: dict[str, str] = {
    "en": "latin",
    "ja": "japanese",
    "ko": "korean",
    "zh-Hans": "chinese-simplified",
    "zh-Hant": "chinese-traditional",
    "th": "thai",
    "vi": "vietnamese",
    "id": "latin",
    "es": "latin",
    "pt": "latin",
    "de": "latin",
    "fr": "latin",
    "tr": "latin",
    "ar": "arabic",
}

NAME_MAX_LENGTH = 200


def long_name(script: str, length: int = NAME_MAX_LENGTH) -> str:
    """A name of ``script`` repeated up to ``length`` characters (never cut inside a cluster)."""
    unit = NAMES[script] + " "
    name = ""
    while len(name) + len(unit) <= length:
        name += unit
    return name.strip()


@dataclass(frozen=True)
class ServedCard:
    content: bytes
    etag: str
    card: QrCard
    """The card as the test rebuilt it from the API's answers."""
    access_request: dict[str, Any]

    def image(self) -> Image.Image:
        return Image.open(io.BytesIO(self.content)).convert("RGB")

    def layout(self) -> CardLayout:
        """Where the renderer put everything, checked to be what was served."""
        image_format = ImageFormat.PNG if self.content.startswith(b"\x89PNG") else ImageFormat.SVG
        assert render_qr_card(self.card, image_format) == self.content, "not the served card"
        return layout_qr_card(self.card, image_format)


def card_path(bc_id: str, request_id: str) -> str:
    return f"/v1/business-centers/{bc_id}/access-requests/{request_id}/qr-card"


def served_card(
    api: Api, name: str, lang: str | None = None, image_format: str = "png"
) -> ServedCard:
    """A new BC named ``name``, an access request, and its QR card fetched through HTTP."""
    bc = api.bc(name=name)
    access_request = api.access_request(bc)
    params = {"format": image_format} | ({} if lang is None else {"lang": lang})
    response = api.client.get(
        card_path(bc.id, access_request["id"]), params=params, headers=bc.admin.headers
    )
    assert response.status_code == 200, response.text
    card = QrCard(
        qr_code_url=access_request["qr_code_url"],
        business_center_name=name,
        permissions=access_request["permissions"],
        scope=access_request["scope"],
        expires_at=datetime.fromisoformat(access_request["expires_at"]),
        language=card_language(lang or "en"),
    )
    return ServedCard(response.content, response.headers["etag"], card, access_request)


def decode_qr(image: Image.Image) -> list[str]:
    return [barcode.text for barcode in zxingcpp.read_barcodes(image)]


def parse_svg(data: bytes) -> ET.Element:
    root = ET.fromstring(data)  # noqa: S314 - our own output, not untrusted input
    assert root.tag == f"{SVG_NS}svg"
    return root


def svg_texts(root: ET.Element) -> list[str]:
    return ["".join(text.itertext()) for text in root.iter(f"{SVG_NS}text")]


def name_lines(layout: CardLayout, name: str) -> list[CardText]:
    """The lines that show the BC's name (it is the isolated value of the requester line)."""
    return [
        text
        for text in layout.texts
        if any(
            isolated and segment.rstrip("\u2026") in name
            for segment, isolated in text.line.segments
        )
    ]


def placed_runs(text: CardText) -> Iterator[tuple[float, Run]]:
    """Each run of a line with the x it is drawn from, left to right."""
    x = float(text.left)
    for run in text.line.runs:
        yield x, run
        x += run.width


@functools.cache
def character_map(path: Path, index: int) -> frozenset[int]:
    """The code points a font file maps to glyphs, read by fontTools from its cmap table."""
    with TTFont(path, fontNumber=index, lazy=True) as font:
        return frozenset(
            code_point for code_point, glyph in font.getBestCmap().items() if glyph != ".notdef"
        )


def margins_are_blank(image: Image.Image, margin: int = 24, top: int = 8) -> bool:
    """Nothing is drawn into the left and right padding of the card, below the accent bar."""
    width, height = image.size
    gray = image.convert("L")
    left = gray.crop((0, top, margin, height))
    right = gray.crop((width - margin, top, width, height))
    return left.getextrema() == (255, 255) and right.getextrema() == (255, 255)
