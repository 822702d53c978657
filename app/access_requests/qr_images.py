"""Images of an access request's QR code: the bare code and the "Copy QR card".

The QR code encodes the access request's URL. The QR card is a single image that a Business Center
admin sends to the owner of a TikTok account: it says who asks for which access, shows the QR code,
when it expires and where the owner finds the scanner in the TikTok app, in the owner's language
(``card_texts``).

Every function here is pure and deterministic: the same input always gives the same bytes (for a
given version of segno, Pillow and the fonts), so callers can use a hash of the bytes as an ETag.

The PNG card draws the Business Center's name and its own texts in any script, with Noto fonts
chosen per character (``card_fonts``) and shaped and ordered by Pillow's raqm layout
(``card_typesetting``). The SVG card keeps the texts as ``<text>`` elements and names the same
fonts; its lines are measured and wrapped the same way, with a margin for the viewer's fonts.
"""

from __future__ import annotations

import functools
import io
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Final

import segno
from PIL import Image, ImageDraw

from app.access_requests.card_fonts import CjkVariant, svg_font_family
from app.access_requests.card_texts import CARD_TEXTS, DEFAULT_LANGUAGE, CardTexts
from app.access_requests.card_typesetting import Line, Piece, Typesetter, draw_line

__all__ = [
    "CardLayout",
    "CardText",
    "ImageFormat",
    "QrCard",
    "TextStyle",
    "layout_qr_card",
    "render_qr_card",
    "render_qr_code",
]


class ImageFormat(StrEnum):
    """The image formats the QR code and the QR card are rendered in."""

    PNG = "png"
    SVG = "svg"

    @property
    def media_type(self) -> str:
        """The media type (MIME type) of images in this format."""
        if self is ImageFormat.PNG:
            return "image/png"
        return "image/svg+xml"


@dataclass(frozen=True, slots=True)
class QrCard:
    """What the "Copy QR card" shows.

    ``permissions`` and ``scope`` are the API's enum values (e.g. ``"PROFILE_INFO"``,
    ``"EXISTING_POSTS"``); unknown values are shown humanized ("SOME_THING" -> "Some thing").
    ``expires_at`` must be timezone-aware; it is shown in UTC. ``language`` is one of
    ``card_texts.SUPPORTED_LANGUAGES`` (``card_texts.card_language`` matches any BCP 47 tag).
    """

    qr_code_url: str
    business_center_name: str
    permissions: Sequence[str]
    scope: str
    expires_at: datetime
    language: str = DEFAULT_LANGUAGE

    def __post_init__(self) -> None:
        if isinstance(self.permissions, str):
            raise TypeError("permissions must be a sequence of permission names, not a str")
        # A tuple keeps the card immutable (and hashable) even if a list was passed.
        object.__setattr__(self, "permissions", tuple(self.permissions))
        if self.expires_at.utcoffset() is None:
            raise ValueError("expires_at must be timezone-aware")
        if self.language not in CARD_TEXTS:
            raise ValueError(f"language must be one of {', '.join(CARD_TEXTS)}")


# --- QR code ----------------------------------------------------------------------------------

QR_ERROR_CORRECTION: Final = "m"
"""Error correction level M (15 %); segno raises it when that needs no bigger symbol."""
QR_BORDER: Final = 4
"""Quiet zone in modules, as the QR code specification requires."""
QR_SCALE: Final = 8
"""Pixels (PNG) or user units (SVG) per module of the bare QR code."""


def render_qr_code(url: str, image_format: ImageFormat) -> bytes:
    """Render the QR code encoding ``url`` as a standalone PNG or SVG image."""
    image_format = ImageFormat(image_format)
    qr = _make_qr(url)
    out = io.BytesIO()
    if image_format is ImageFormat.PNG:
        qr.save(out, kind="png", scale=QR_SCALE, border=QR_BORDER)
    else:
        qr.save(out, kind="svg", scale=QR_SCALE, border=QR_BORDER, xmldecl=True, svgns=True)
    return out.getvalue()


@functools.lru_cache(maxsize=256)
def _make_qr(url: str) -> segno.QRCode:
    # Encoding (choosing the best mask) takes most of a render's time; the QR code objects are
    # never modified, so renders of the same URL share one.
    if not url:
        raise ValueError("url must not be empty")
    # make_qr: always a full QR code, never a Micro QR code (which phone scanners rarely read).
    return segno.make_qr(url, error=QR_ERROR_CORRECTION)


_SVG_PATH_DATA: Final = re.compile(r'<path\b[^>]*\sd="([^"]+)"')


def _qr_svg_path_data(qr: segno.QRCode) -> str:
    """The SVG path data of the QR code, in module units, the quiet zone included."""
    svg: str = qr.svg_inline(scale=1, border=QR_BORDER)
    match = _SVG_PATH_DATA.search(svg)
    if match is None:  # pragma: no cover - would mean segno changed its SVG output
        raise RuntimeError("segno's SVG output has no <path d=...>")
    return match.group(1)


def _qr_pil_image(qr: segno.QRCode, scale: int) -> Image.Image:
    """The QR code as a greyscale Pillow image, the quiet zone included."""
    rows = [bytes(0 if dark else 255 for dark in row) for row in qr.matrix_iter(border=QR_BORDER)]
    size = len(rows)
    image = Image.frombytes("L", (size, size), b"".join(rows))
    return image.resize((size * scale, size * scale), Image.Resampling.NEAREST)


# --- QR card: texts ---------------------------------------------------------------------------


def _humanize(value: str) -> str:
    text = _clean_text(value.replace("_", " ")).lower()
    return text[:1].upper() + text[1:]


def _scope_text(scope: str, texts: CardTexts) -> str:
    return texts.scopes.get(scope) or _humanize(scope)


def _permission_texts(permissions: Sequence[str], texts: CardTexts) -> list[str]:
    shown = (texts.permissions.get(p) or _humanize(p) for p in permissions)
    return [t for t in dict.fromkeys(shown) if t]  # without duplicates, in the given order


def _expiry_time(expires_at: datetime) -> str:
    return f"{expires_at.astimezone(UTC):%Y-%m-%d %H:%M} UTC"


def _sentence(template: str, placeholder: str, value: str) -> list[Piece]:
    """A translated sentence with ``value`` put in at ``placeholder`` as its own piece."""
    before, after = template.split(placeholder)
    return [Piece(before), Piece(value, isolated=True), Piece(after)]


_ZERO_WIDTH_JOINERS: Final = frozenset({"\u200c", "\u200d"})


def _clean_text(text: str) -> str:
    """User-provided text made safe to show on one line.

    Whitespace runs become one space. Control, format (bidi overrides!), surrogate, private-use
    and unassigned characters are dropped: they are invisible, could make the card lie, or are
    not allowed in XML. Zero-width (non-)joiners are kept for emoji and Indic scripts.
    """
    chars: list[str] = []
    for ch in unicodedata.normalize("NFC", text):
        if ch.isspace():
            chars.append(" ")
            continue
        category = unicodedata.category(ch)
        if category in ("Cc", "Cs", "Co", "Cn"):
            continue
        if category == "Cf" and ch not in _ZERO_WIDTH_JOINERS:
            continue
        chars.append(ch)
    return " ".join("".join(chars).split())


# --- QR card: layout --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TextStyle:
    """Size (px per em), color and weight of a kind of text on the card."""

    size: int
    color: str
    bold: bool = False


@dataclass(frozen=True, slots=True)
class CardText:
    """A line of text placed on the card."""

    line: Line
    x: int
    """Where the SVG anchors the line: its start (the right end for right-to-left), or middle."""
    left: int
    """Where the line's first run is drawn from, from the card's left edge."""
    baseline: int
    style: TextStyle
    centered: bool = False


@dataclass(frozen=True, slots=True)
class _Box:
    x: int
    y: int
    width: int
    height: int
    color: str


@dataclass(frozen=True, slots=True)
class _Dot:
    cx: int
    cy: int
    r: int
    color: str


@dataclass(frozen=True, slots=True)
class CardLayout:
    """Everything on the card and where it is."""

    width: int
    height: int
    language: str
    rtl: bool
    texts: tuple[CardText, ...]
    boxes: tuple[_Box, ...]
    dots: tuple[_Dot, ...]
    qr_x: int
    qr_y: int
    qr_scale: int


_CARD_WIDTH: Final = 600
_PADDING: Final = 32
_CONTENT_WIDTH: Final = _CARD_WIDTH - 2 * _PADDING
_QR_TARGET_SIZE: Final = 320
_QR_MAX_SCALE: Final = 10
_ACCENT_BAR_HEIGHT: Final = 6

_TEXT_COLOR: Final = "#161823"
_MUTED_COLOR: Final = "#6b6d76"
_ACCENT_COLOR: Final = "#fe2c55"
_RULE_COLOR: Final = "#e3e3e6"
_BACKGROUND_COLOR: Final = "#ffffff"
_QR_COLOR: Final = "#000000"

_TITLE: Final = TextStyle(22, _TEXT_COLOR, bold=True)
_REQUESTER: Final = TextStyle(18, _TEXT_COLOR)
_LABEL: Final = TextStyle(13, _MUTED_COLOR, bold=True)
_BODY: Final = TextStyle(17, _TEXT_COLOR)
_EXPIRY: Final = TextStyle(17, _ACCENT_COLOR, bold=True)
_INSTRUCTION: Final = TextStyle(14, _TEXT_COLOR)

# Lines are 1.5 em apart, the baseline 1.1 em below a line's top: room for the stacked marks of
# Vietnamese and Thai above, and for Arabic and Devanagari below.
_BASELINE: Final = 1.1
_LINE_HEIGHT: Final = 1.5
_REQUESTER_MAX_LINES: Final = 3
_BULLET_INDENT: Final = 18
_SCANNER_STEP_SEPARATOR: Final = " >"  # mirrored to "<" in right-to-left text, as it should be


class _LayoutBuilder:
    def __init__(self, typesetter: Typesetter) -> None:
        self._typesetter = typesetter
        self.rtl = typesetter.rtl
        self.y = 0
        self.texts: list[CardText] = []
        self.boxes: list[_Box] = []
        self.dots: list[_Dot] = []

    def space(self, height: int) -> None:
        self.y += height

    def rule(self) -> None:
        self.boxes.append(_Box(_PADDING, self.y, _CONTENT_WIDTH, 1, _RULE_COLOR))
        self.y += 1

    def paragraph(
        self,
        pieces: Sequence[Piece],
        style: TextStyle,
        *,
        max_lines: int | None,
        indent: int = 0,
        centered: bool = False,
    ) -> list[CardText]:
        """Lines of text from the start side (the right in right-to-left), or centered."""
        lines = self._typesetter.lines(
            pieces, style.size, _CONTENT_WIDTH - indent, bold=style.bold, max_lines=max_lines
        )
        placed: list[CardText] = []
        for line in lines:
            # Lines start on a whole pixel, so that each is drawn the same wherever it is.
            if centered:
                x, left = _CARD_WIDTH // 2, round(_CARD_WIDTH / 2 - line.width / 2)
            elif self.rtl:
                x = _CARD_WIDTH - _PADDING - indent
                left = round(x - line.width)
            else:
                x = left = _PADDING + indent
            baseline = self.y + round(style.size * _BASELINE)
            placed.append(CardText(line, x, left, baseline, style, centered))
            self.y += round(style.size * _LINE_HEIGHT)
        self.texts.extend(placed)
        return placed


def _layout_card(card: QrCard, qr_modules: int, typesetter: Typesetter) -> CardLayout:
    texts = CARD_TEXTS[card.language]
    builder = _LayoutBuilder(typesetter)
    builder.boxes.append(_Box(0, 0, _CARD_WIDTH, _ACCENT_BAR_HEIGHT, _ACCENT_COLOR))
    builder.space(_ACCENT_BAR_HEIGHT + _PADDING - 8)

    builder.paragraph([Piece(texts.title)], _TITLE, max_lines=2)
    builder.space(4)
    name = _clean_text(card.business_center_name) or texts.unnamed
    builder.paragraph(
        _sentence(texts.requester, "{name}", name), _REQUESTER, max_lines=_REQUESTER_MAX_LINES
    )
    builder.space(12)
    builder.rule()
    builder.space(16)

    builder.paragraph([Piece(texts.access_for)], _LABEL, max_lines=1)
    builder.paragraph([Piece(_scope_text(card.scope, texts))], _BODY, max_lines=2)
    builder.space(8)
    builder.paragraph([Piece(texts.permissions_label)], _LABEL, max_lines=1)
    bullet_x = _CARD_WIDTH - _PADDING - 5 if builder.rtl else _PADDING + 5
    for permission in _permission_texts(card.permissions, texts) or [texts.no_permissions]:
        placed = builder.paragraph([Piece(permission)], _BODY, max_lines=2, indent=_BULLET_INDENT)
        cy = placed[0].baseline - round(_BODY.size * 0.35)
        builder.dots.append(_Dot(bullet_x, cy, 3, _TEXT_COLOR))
    builder.space(4)

    qr_scale = max(1, min(_QR_MAX_SCALE, _QR_TARGET_SIZE // qr_modules))
    qr_size = qr_modules * qr_scale
    qr_x, qr_y = (_CARD_WIDTH - qr_size) // 2, builder.y
    builder.space(qr_size)  # the quiet zone already gives the QR code room around it
    builder.paragraph(
        _sentence(texts.expires, "{time}", _expiry_time(card.expires_at)),
        _EXPIRY,
        max_lines=2,
        centered=True,
    )
    builder.space(8)
    builder.rule()
    builder.space(16)

    builder.paragraph([Piece(texts.how_to_scan)], _LABEL, max_lines=1)
    steps: list[Piece] = []
    for number, step in enumerate(texts.scanner_path):
        last = number == len(texts.scanner_path) - 1
        if number:
            steps.append(Piece(" "))
        # A step is never broken across lines, and its ">" stays with it.
        steps.append(Piece(step if last else step + _SCANNER_STEP_SEPARATOR, unbreakable=True))
    builder.paragraph(steps, _INSTRUCTION, max_lines=None)
    builder.space(_PADDING - 12)

    return CardLayout(
        width=_CARD_WIDTH,
        height=builder.y,
        language=card.language,
        rtl=builder.rtl,
        texts=tuple(builder.texts),
        boxes=tuple(builder.boxes),
        dots=tuple(builder.dots),
        qr_x=qr_x,
        qr_y=qr_y,
        qr_scale=qr_scale,
    )


# The SVG viewer draws the texts with its own fonts: the named Noto fonts if it has them, else
# others that may be wider (DejaVu Sans, a common fallback, is ~8 % wider than Noto Sans).
_SVG_WIDTH_FACTOR: Final = 1.12


def layout_qr_card(card: QrCard, image_format: ImageFormat) -> CardLayout:
    """Where everything on the card goes, as ``render_qr_card`` draws it in ``image_format``."""
    image_format = ImageFormat(image_format)
    qr_modules = int(_make_qr(card.qr_code_url).symbol_size(scale=1, border=QR_BORDER)[0])
    rtl = CARD_TEXTS[card.language].direction == "rtl"
    width_factor = _SVG_WIDTH_FACTOR if image_format is ImageFormat.SVG else 1.0
    typesetter = Typesetter(
        CjkVariant.for_language(card.language), rtl=rtl, width_factor=width_factor
    )
    return _layout_card(card, qr_modules, typesetter)


# --- QR card: rendering -----------------------------------------------------------------------


def render_qr_card(card: QrCard, image_format: ImageFormat) -> bytes:
    """Render the "Copy QR card" of an access request as a PNG or SVG image."""
    image_format = ImageFormat(image_format)
    layout = layout_qr_card(card, image_format)
    qr = _make_qr(card.qr_code_url)
    if image_format is ImageFormat.PNG:
        return _render_card_png(layout, qr)
    return _render_card_svg(layout, qr)


def _render_card_png(layout: CardLayout, qr: segno.QRCode) -> bytes:
    canvas = Image.new("RGB", (layout.width, layout.height), _BACKGROUND_COLOR)
    draw = ImageDraw.Draw(canvas)
    for box in layout.boxes:
        draw.rectangle(
            (box.x, box.y, box.x + box.width - 1, box.y + box.height - 1), fill=box.color
        )
    for dot in layout.dots:
        draw.ellipse((dot.cx - dot.r, dot.cy - dot.r, dot.cx + dot.r, dot.cy + dot.r), dot.color)
    for text in layout.texts:
        style = text.style
        draw_line(
            canvas,
            text.line,
            text.left,
            text.baseline,
            style.size,
            bold=style.bold,
            color=style.color,
        )
    canvas.paste(_qr_pil_image(qr, layout.qr_scale), (layout.qr_x, layout.qr_y))
    out = io.BytesIO()
    canvas.save(out, format="PNG")
    return out.getvalue()


def _xml_escape(text: str) -> str:
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&apos;")
    )


def _has_right_to_left(text: str) -> bool:
    return any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in text)


def _svg_text_content(line: Line, rtl: bool) -> str:
    # A value in a sentence is a bidi isolate that takes its direction from its first strong
    # character (CSS's plaintext: Unicode's FSI), as on the PNG card. It only matters where text
    # runs right to left, so left-to-right lines stay plain text.
    if not rtl and not _has_right_to_left(line.text):
        return _xml_escape(line.text)
    return "".join(
        f'<tspan style="unicode-bidi:plaintext">{_xml_escape(text)}</tspan>'
        if isolated
        else _xml_escape(text)
        for text, isolated in line.segments
    )


def _render_card_svg(layout: CardLayout, qr: segno.QRCode) -> bytes:
    width, height = layout.width, layout.height
    texts = CARD_TEXTS[layout.language]
    font_family = svg_font_family(CjkVariant.for_language(layout.language))
    direction = ' direction="rtl"' if layout.rtl else ""
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}"'
        f' viewBox="0 0 {width} {height}" xml:lang="{layout.language}"{direction}'
        f' font-family="{font_family}">\n',
        f"<title>{_xml_escape(texts.title)}</title>\n",
        f'<rect width="{width}" height="{height}" fill="{_BACKGROUND_COLOR}"/>\n',
    ]
    for box in layout.boxes:
        parts.append(
            f'<rect x="{box.x}" y="{box.y}" width="{box.width}" height="{box.height}"'
            f' fill="{box.color}"/>\n'
        )
    for dot in layout.dots:
        parts.append(f'<circle cx="{dot.cx}" cy="{dot.cy}" r="{dot.r}" fill="{dot.color}"/>\n')
    for text in layout.texts:
        attributes = f'x="{text.x}" y="{text.baseline}" font-size="{text.style.size}"'
        attributes += f' fill="{text.style.color}"'
        if text.style.bold:
            attributes += ' font-weight="bold"'
        if text.centered:
            attributes += ' text-anchor="middle"'
        parts.append(f"<text {attributes}>{_svg_text_content(text.line, layout.rtl)}</text>\n")
    parts.append(
        f'<path class="qr-code" transform="translate({layout.qr_x} {layout.qr_y})'
        f' scale({layout.qr_scale})" stroke="{_QR_COLOR}" shape-rendering="crispEdges"'
        f' d="{_qr_svg_path_data(qr)}"/>\n'
    )
    parts.append("</svg>\n")
    return "".join(parts).encode("utf-8")
