"""The card on a host without the Noto fonts (a plain `pip install` on another system, a slim
image): every font falls back to Pillow's bundled one, and the card is still drawn and scans.

Each case runs in a fresh interpreter, because the font stack is looked up once per process."""

import subprocess
import sys
from io import BytesIO
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
URL = "http://localhost:8000/v1/qr/" + "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_" * 2

RENDER_WITHOUT_FONTS = """
import sys
from datetime import UTC, datetime

from app.access_requests import card_fonts
from app.access_requests.qr_images import ImageFormat, QrCard, render_qr_card

card_fonts.FONT_DIRECTORIES = ()  # as on a host without Debian's Noto packages
card = QrCard(
    qr_code_url=sys.argv[1],
    business_center_name=sys.argv[2],
    permissions=["PROFILE_INFO", "PUBLIC_VIDEOS"],
    scope="EXISTING_POSTS",
    expires_at=datetime(2026, 12, 1, tzinfo=UTC),
    language=sys.argv[3],
)
sys.stdout.buffer.write(render_qr_card(card, ImageFormat.PNG))
"""


@pytest.mark.parametrize(
    ("name", "language"),
    [
        ("Acme Marketing GmbH", "en"),
        ("株式会社サクラ広告", "ja"),
        ("وكالة الإعلان", "ar"),
        ("Công ty Quảng cáo Việt 🚀", "vi"),
    ],
)
def test_without_the_noto_fonts_the_card_is_still_drawn_and_scans(name: str, language: str) -> None:
    rendered = subprocess.run(  # noqa: S603 (our own interpreter and script)
        [sys.executable, "-c", RENDER_WITHOUT_FONTS, URL, name, language],
        cwd=ROOT,
        capture_output=True,
        check=False,
    )
    assert rendered.returncode == 0, rendered.stderr.decode()
    # The operator is told what is missing, once, instead of a card that silently shows boxes.
    assert b"QR card fonts not found" in rendered.stderr
    image = Image.open(BytesIO(rendered.stdout))
    assert image.format == "PNG"
    assert [barcode.text for barcode in zxingcpp.read_barcodes(image)] == [URL]
