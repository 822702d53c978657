"""Images of an access request's QR code: the bare code and the "Copy QR card".

The QR code encodes the access request's URL. The QR card is a single image that a Business Center
admin sends to the owner of a TikTok account: it says who asks for which access, shows the QR code,
when it expires and where the owner finds the scanner in the TikTok app.

Every function here is pure and deterministic: the same input always gives the same bytes (for a
given version of segno and Pillow), so callers can use a hash of the bytes as an ETag.

PNG cards are drawn with the font bundled with Pillow (``ImageFont.load_default``), so they need no
system fonts. That font only covers ASCII and a little punctuation: accented Latin letters are drawn
without their accents ("Café" -> "Cafe") and characters it cannot approximate (CJK, emoji, ...) are
drawn as the font's "missing glyph" box. SVG cards keep every character; the viewer's fonts draw
them.
"""

from __future__ import annotations

import functools
import io
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Final

import segno
from PIL import Image, ImageDraw, ImageFont

__all__ = ["ImageFormat", "QrCard", "render_qr_card", "render_qr_code"]


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
    ``expires_at`` must be timezone-aware; it is shown in UTC.
    """

    qr_code_url: str
    business_center_name: str
    permissions: Sequence[str]
    scope: str
    expires_at: datetime

    def __post_init__(self) -> None:
        if isinstance(self.permissions, str):
            raise TypeError("permissions must be a sequence of permission names, not a str")
        # A tuple keeps the card immutable (and hashable) even if a list was passed.
        object.__setattr__(self, "permissions", tuple(self.permissions))
        if self.expires_at.utcoffset() is None:
            raise ValueError("expires_at must be timezone-aware")


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

CARD_TITLE: Final = "Authorize access to your TikTok account"
SCANNER_PATH: Final = ("Open TikTok", "Profile", "Menu", "Settings and privacy", "QR code", "Scan")
"""Where the owner finds the QR code scanner in the TikTok app."""

_SCOPE_TEXTS: Final[dict[str, str]] = {
    "EXISTING_POSTS": "Ad delivery with existing posts",
    "LIVE_VIDEOS": "Ad delivery with LIVE videos",
}
_PERMISSION_TEXTS: Final[dict[str, str]] = {
    "PROFILE_INFO": "Profile info",
    "AD_ENABLED_POSTS": "Ad-enabled posts",
    "PUBLIC_VIDEOS": "Public videos",
    "LIVE_VIDEOS": "LIVE videos",
}
_NO_NAME: Final = "A Business Center"
_ELLIPSIS: Final = "\u2026"


def _humanize(value: str) -> str:
    text = _clean_text(value.replace("_", " ")).lower()
    return text[:1].upper() + text[1:]


def _scope_text(scope: str) -> str:
    return _SCOPE_TEXTS.get(scope) or _humanize(scope)


def _permission_texts(permissions: Sequence[str]) -> list[str]:
    texts = (_PERMISSION_TEXTS.get(p) or _humanize(p) for p in permissions)
    return [t for t in dict.fromkeys(texts) if t]  # without duplicates, in the given order


def _expiry_text(expires_at: datetime) -> str:
    return f"Expires {expires_at.astimezone(UTC):%Y-%m-%d %H:%M} UTC"


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


# --- QR card: fonts and text measurement ------------------------------------------------------

_PROBE_SIZE: Final = 10
_MISSING_GLYPH_PROBE: Final = "\uffff"  # a noncharacter: no font maps it


def _load_font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    # Loading the bundled font takes microseconds; a font per render keeps threads from sharing
    # FreeType state.
    return ImageFont.load_default(size=size)


def _glyph_signature(
    font: ImageFont.FreeTypeFont | ImageFont.ImageFont, ch: str
) -> tuple[tuple[int, int], bytes, float]:
    mask = font.getmask(ch)
    return mask.size, bytes(mask), font.getlength(ch)


@functools.cache
def _missing_glyph_signature() -> tuple[tuple[int, int], bytes, float]:
    return _glyph_signature(_load_font(_PROBE_SIZE), _MISSING_GLYPH_PROBE)


@functools.lru_cache(maxsize=8192)
def _has_glyph(ch: str) -> bool:
    """Whether Pillow's bundled font draws ``ch`` (rather than its "missing glyph" box)."""
    return _glyph_signature(_load_font(_PROBE_SIZE), ch) != _missing_glyph_signature()


_PNG_FALLBACKS: Final[dict[str, str]] = {
    "\u00df": "ss",
    "\u1e9e": "SS",
    "\u00c6": "AE",
    "\u00e6": "ae",
    "\u0152": "OE",
    "\u0153": "oe",
    "\u00d8": "O",
    "\u00f8": "o",
    "\u0110": "D",
    "\u0111": "d",
    "\u00d0": "D",
    "\u00f0": "d",
    "\u00de": "Th",
    "\u00fe": "th",
    "\u0141": "L",
    "\u0142": "l",
    "\u0131": "i",
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",
    "\u2014": "-",
    "\u2022": "\u00b7",
}


def _png_text(text: str) -> str:
    """``text`` in the repertoire of Pillow's bundled font, as far as possible."""
    chars: list[str] = []
    for ch in text:
        if _has_glyph(ch):
            chars.append(ch)
        elif ch in _PNG_FALLBACKS:
            chars.append(_PNG_FALLBACKS[ch])
        elif unicodedata.category(ch)[0] == "M" or ch in _ZERO_WIDTH_JOINERS:
            continue  # a stray mark or joiner: nothing to draw it on or join
        else:
            base = "".join(
                c for c in unicodedata.normalize("NFKD", ch) if unicodedata.category(c)[0] != "M"
            )
            # Without a glyph nor an approximation, the font draws its "missing glyph" box.
            chars.append(base if base and all(_has_glyph(c) for c in base) else ch)
    return " ".join("".join(chars).split())


_SVG_FONT_FAMILY: Final = "Helvetica, Arial, sans-serif"
# The SVG viewer picks the font, so SVG texts are measured with the bundled font's widths plus a
# margin: DejaVu Sans, a common fallback, is ~15 % wider (bold ~28 %) than the bundled font.
_SVG_WIDTH_MARGIN: Final = 1.2
_SVG_BOLD_WIDTH_MARGIN: Final = 1.32
_SVG_UNKNOWN_EM_WIDTH: Final = 0.7


@functools.lru_cache(maxsize=8192)
def _svg_em_width(ch: str) -> float:
    """Estimated width of ``ch`` in em, before the margin."""
    if unicodedata.category(ch)[0] == "M" or ch in _ZERO_WIDTH_JOINERS:
        return 0.0
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return 1.0
    if _has_glyph(ch):
        return _load_font(100).getlength(ch) / 100
    return _SVG_UNKNOWN_EM_WIDTH


# --- QR card: layout --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Style:
    size: int
    color: str
    bold: bool = False


@dataclass(frozen=True, slots=True)
class _Text:
    text: str
    x: int
    baseline: int
    style: _Style
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
class _CardLayout:
    width: int
    height: int
    texts: tuple[_Text, ...]
    boxes: tuple[_Box, ...]
    dots: tuple[_Dot, ...]
    qr_x: int
    qr_y: int
    qr_scale: int


_Measure = Callable[[str, _Style], float]

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

_TITLE: Final = _Style(22, _TEXT_COLOR, bold=True)
_REQUESTER: Final = _Style(18, _TEXT_COLOR)
_LABEL: Final = _Style(13, _MUTED_COLOR, bold=True)
_BODY: Final = _Style(17, _TEXT_COLOR)
_EXPIRY: Final = _Style(17, _ACCENT_COLOR, bold=True)
_INSTRUCTION: Final = _Style(14, _TEXT_COLOR)

_REQUESTER_MAX_LINES: Final = 3
_BULLET_INDENT: Final = 18


def _wrap(tokens: Sequence[str], max_width: float, measure: Callable[[str], float]) -> list[str]:
    """Greedy word wrap of space-joined ``tokens``; a token too wide for a line is broken."""
    lines: list[str] = []
    current = ""
    for token in tokens:
        if not token:
            continue
        candidate = f"{current} {token}" if current else token
        if measure(candidate) <= max_width:
            current = candidate
            continue
        if current:
            lines.append(current)
            current = ""
        if measure(token) <= max_width:
            current = token
            continue
        for ch in token:  # a single token wider than the line: break it anywhere
            if current and measure(current + ch) > max_width:
                lines.append(current)
                current = ""
            current += ch
    if current:
        lines.append(current)
    return lines


def _wrap_limited(
    tokens: Sequence[str], max_width: float, measure: Callable[[str], float], max_lines: int
) -> list[str]:
    """Like ``_wrap``, but at most ``max_lines`` lines, the last one cut with an ellipsis."""
    lines = _wrap(tokens, max_width, measure)
    if len(lines) <= max_lines:
        return lines
    last = lines[max_lines - 1]
    while last and measure(last.rstrip() + _ELLIPSIS) > max_width:
        last = last[:-1]
    return [*lines[: max_lines - 1], last.rstrip() + _ELLIPSIS]


def _requester_lines(name: str, max_width: float, measure: Callable[[str], float]) -> list[str]:
    """'<name> requests access' in at most a few lines; a too long name is cut with an ellipsis."""
    suffix = ["requests", "access"]

    def wrapped(shown_name: str) -> list[str]:
        return _wrap([*shown_name.split(" "), *suffix], max_width, measure)

    lines = wrapped(name)
    if len(lines) <= _REQUESTER_MAX_LINES:
        return lines
    # Binary search for the longest prefix of the name that fits with an ellipsis.
    fits, too_long = 0, len(name)
    while too_long - fits > 1:
        middle = (fits + too_long) // 2
        if len(wrapped(name[:middle].rstrip() + _ELLIPSIS)) <= _REQUESTER_MAX_LINES:
            fits = middle
        else:
            too_long = middle
    return wrapped(name[:fits].rstrip() + _ELLIPSIS)


class _LayoutBuilder:
    def __init__(self, measure: _Measure, display: Callable[[str], str]) -> None:
        self._measure = measure
        self._display = display
        self.y = 0
        self.texts: list[_Text] = []
        self.boxes: list[_Box] = []
        self.dots: list[_Dot] = []

    def measurer(self, style: _Style) -> Callable[[str], float]:
        return lambda text: self._measure(text, style)

    def space(self, height: int) -> None:
        self.y += height

    def rule(self) -> None:
        self.boxes.append(_Box(_PADDING, self.y, _CONTENT_WIDTH, 1, _RULE_COLOR))
        self.y += 1

    def line(self, text: str, style: _Style, *, x: int = _PADDING, centered: bool = False) -> None:
        # The bundled font's ascent is about one em; lines are 1.4 em apart.
        self.texts.append(_Text(text, x, self.y + style.size, style, centered))
        self.y += round(style.size * 1.4)

    def paragraph(
        self, text: str, style: _Style, *, max_lines: int, x: int = _PADDING
    ) -> list[_Text]:
        start = len(self.texts)
        tokens = self._display(text).split(" ")
        width = _CARD_WIDTH - _PADDING - x
        for line in _wrap_limited(tokens, width, self.measurer(style), max_lines):
            self.line(line, style, x=x)
        return self.texts[start:]


def _layout_card(
    card: QrCard, qr_modules: int, measure: _Measure, display: Callable[[str], str]
) -> _CardLayout:
    builder = _LayoutBuilder(measure, display)
    builder.boxes.append(_Box(0, 0, _CARD_WIDTH, _ACCENT_BAR_HEIGHT, _ACCENT_COLOR))
    builder.space(_ACCENT_BAR_HEIGHT + _PADDING - 4)

    builder.paragraph(CARD_TITLE, _TITLE, max_lines=2)
    builder.space(4)
    name = display(_clean_text(card.business_center_name)) or _NO_NAME
    for line in _requester_lines(name, _CONTENT_WIDTH, builder.measurer(_REQUESTER)):
        builder.line(line, _REQUESTER)
    builder.space(12)
    builder.rule()
    builder.space(18)

    builder.line("ACCESS FOR", _LABEL)
    builder.paragraph(_scope_text(card.scope), _BODY, max_lines=2)
    builder.space(8)
    builder.line("PERMISSIONS", _LABEL)
    permissions = _permission_texts(card.permissions) or ["None"]
    for permission in permissions:
        for i, text in enumerate(
            builder.paragraph(permission, _BODY, max_lines=2, x=_PADDING + _BULLET_INDENT)
        ):
            if i == 0:
                cy = text.baseline - round(_BODY.size * 0.35)
                builder.dots.append(_Dot(_PADDING + 5, cy, 3, _TEXT_COLOR))
    builder.space(4)

    qr_scale = max(1, min(_QR_MAX_SCALE, _QR_TARGET_SIZE // qr_modules))
    qr_size = qr_modules * qr_scale
    qr_x, qr_y = (_CARD_WIDTH - qr_size) // 2, builder.y
    builder.space(qr_size)  # the quiet zone already gives the QR code room around it
    builder.line(_expiry_text(card.expires_at), _EXPIRY, x=_CARD_WIDTH // 2, centered=True)
    builder.space(10)
    builder.rule()
    builder.space(18)

    builder.line("HOW TO SCAN", _LABEL)
    path = [f"{step} >" for step in SCANNER_PATH[:-1]] + [SCANNER_PATH[-1]]
    lines = _wrap(path, _CONTENT_WIDTH, builder.measurer(_INSTRUCTION))
    for line in lines:
        builder.line(line, _INSTRUCTION)
    builder.space(_PADDING - 8)

    return _CardLayout(
        width=_CARD_WIDTH,
        height=builder.y,
        texts=tuple(builder.texts),
        boxes=tuple(builder.boxes),
        dots=tuple(builder.dots),
        qr_x=qr_x,
        qr_y=qr_y,
        qr_scale=qr_scale,
    )


# --- QR card: rendering -----------------------------------------------------------------------


def render_qr_card(card: QrCard, image_format: ImageFormat) -> bytes:
    """Render the "Copy QR card" of an access request as a PNG or SVG image."""
    image_format = ImageFormat(image_format)
    qr = _make_qr(card.qr_code_url)
    qr_modules = int(qr.symbol_size(scale=1, border=QR_BORDER)[0])
    if image_format is ImageFormat.PNG:
        return _render_card_png(card, qr, qr_modules)
    return _render_card_svg(card, qr, qr_modules)


def _render_card_png(card: QrCard, qr: segno.QRCode, qr_modules: int) -> bytes:
    fonts: dict[int, ImageFont.FreeTypeFont | ImageFont.ImageFont] = {}

    def font(style: _Style) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
        if style.size not in fonts:
            fonts[style.size] = _load_font(style.size)
        return fonts[style.size]

    def measure(text: str, style: _Style) -> float:
        # Bold is drawn with a stroke: one pixel wider on each side.
        return font(style).getlength(text) + (2 if style.bold else 0)

    layout = _layout_card(card, qr_modules, measure, _png_text)
    canvas = Image.new("RGB", (layout.width, layout.height), _BACKGROUND_COLOR)
    draw = ImageDraw.Draw(canvas)
    for box in layout.boxes:
        draw.rectangle(
            (box.x, box.y, box.x + box.width - 1, box.y + box.height - 1), fill=box.color
        )
    for dot in layout.dots:
        draw.ellipse((dot.cx - dot.r, dot.cy - dot.r, dot.cx + dot.r, dot.cy + dot.r), dot.color)
    for text in layout.texts:
        draw.text(
            (text.x, text.baseline),
            text.text,
            fill=text.style.color,
            font=font(text.style),
            anchor="ms" if text.centered else "ls",
            # The bundled font has no bold face; a hairline stroke of the text's color stands in.
            stroke_width=1 if text.style.bold and text.style.size >= 18 else 0,
            stroke_fill=text.style.color,
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


def _svg_measure(text: str, style: _Style) -> float:
    margin = _SVG_BOLD_WIDTH_MARGIN if style.bold else _SVG_WIDTH_MARGIN
    return sum(_svg_em_width(ch) for ch in text) * style.size * margin


def _render_card_svg(card: QrCard, qr: segno.QRCode, qr_modules: int) -> bytes:
    layout = _layout_card(card, qr_modules, _svg_measure, lambda text: text)
    width, height = layout.width, layout.height
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}"'
        f' viewBox="0 0 {width} {height}" font-family="{_SVG_FONT_FAMILY}">\n',
        f"<title>{_xml_escape(CARD_TITLE)}</title>\n",
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
        parts.append(f"<text {attributes}>{_xml_escape(text.text)}</text>\n")
    parts.append(
        f'<path class="qr-code" transform="translate({layout.qr_x} {layout.qr_y})'
        f' scale({layout.qr_scale})" stroke="{_QR_COLOR}" shape-rendering="crispEdges"'
        f' d="{_qr_svg_path_data(qr)}"/>\n'
    )
    parts.append("</svg>\n")
    return "".join(parts).encode("utf-8")
