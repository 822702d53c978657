"""The fonts of the "Copy QR card": which font draws which character.

The card shows a Business Center's name in whatever script it was written in, and the card's own
texts in the owner's language, so one font is never enough. The fonts are Google's Noto family
(SIL Open Font License), as Debian packages them: `fonts-noto-core` (a font per script),
`fonts-noto-cjk` (Chinese, Japanese, Korean) and `fonts-noto-color-emoji`. The Dockerfile,
`scripts/demo` and `scripts/test` install them; README.md ("The QR card in every script") says
why these and not fonts kept in the repository.

A character is drawn by the first font of the stack whose character map (the font file's own
"cmap" table) has it. The stack starts with the scripts the card is mostly asked
for, then every other Noto Sans script font found, then symbols and emoji; Pillow's bundled
font (ASCII only) is the last resort, so the card renders even without any Noto font. A font
that is missing is logged once; so is each character that no font has: it is drawn as an
approximation ("Café" as "Cafe") or as "?", never as a font's missing-glyph box.
"""

from __future__ import annotations

import bisect
import functools
import logging
import mmap
import re
import struct
import threading
import unicodedata
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Final

from PIL import ImageFont, features

__all__ = [
    "DEBIAN_PACKAGES",
    "FONT_DIRECTORIES",
    "HAS_RAQM",
    "CjkVariant",
    "FontFace",
    "face_for_cluster",
    "font_stack",
    "is_default_ignorable",
    "replacement_for",
    "svg_font_family",
]

logger = logging.getLogger(__name__)

FONT_DIRECTORIES: Final = (
    Path("/usr/share/fonts/truetype/noto"),  # fonts-noto-core, fonts-noto-color-emoji
    Path("/usr/share/fonts/opentype/noto"),  # fonts-noto-cjk
)
"""Where Debian's (and Ubuntu's) Noto packages put their fonts, and where the image copies them."""

DEBIAN_PACKAGES: Final = (
    "fonts-noto-core",
    "fonts-noto-cjk",
    "fonts-noto-color-emoji",
    "libfribidi0",
)
"""What the card needs from Debian: the Dockerfile and scripts/install-card-fonts install them
(libfribidi0 is what Pillow's raqm layout, ``card_typesetting``, orders bidi text with)."""

EMOJI_STRIKE_SIZE: Final = 109
"""Noto Color Emoji holds bitmaps of one size only (109 px per em); they are scaled to the text."""


class CjkVariant(StrEnum):
    """The regional forms of Han characters, each a face of the Noto Sans CJK collection.

    The same code point is written differently in Japan, Korea, mainland China and Taiwan, so the
    face follows the language of the text.
    """

    JP = "JP"
    KR = "KR"
    SC = "SC"
    TC = "TC"

    @classmethod
    def for_language(cls, language: str) -> CjkVariant:
        """The forms a card in ``language`` (a supported BCP 47 tag) writes Han characters in."""
        return {"ja": cls.JP, "ko": cls.KR, "zh-Hant": cls.TC}.get(language, cls.SC)

    @property
    def collection_index(self) -> int:
        """The face's index in NotoSansCJK-*.ttc (JP, KR, SC, TC, HK, then the mono faces)."""
        return ("JP", "KR", "SC", "TC").index(self.value)


@dataclass(frozen=True, slots=True)
class FontFace:
    """One font of the stack: a file (a face of it, for a collection) and its bold sibling."""

    family: str
    """The family name an SVG viewer knows the font by."""
    path: Path | None
    """None: Pillow's bundled font."""
    index: int = 0
    bold_path: Path | None = None
    color_bitmap: bool = False
    """Fixed-size color bitmaps (emoji): drawn at EMOJI_STRIKE_SIZE and scaled."""

    @contextmanager
    def font(self, size: int, *, bold: bool = False) -> Iterator[ImageFont.FreeTypeFont]:
        """The font at ``size`` px (the strike size for bitmaps), held for this thread.

        Cards are rendered in worker threads, and a FreeType face must not be used by two at
        once (Pillow lets go of the GIL while it renders). One face per file, size and weight
        is kept for the process and lent out under its own lock: a face per thread would cost
        megabytes for each of the dozens of threads that may render a card.
        """
        if self.color_bitmap:
            size = EMOJI_STRIKE_SIZE
        path = self.bold_path if bold and self.bold_path is not None else self.path
        font, lock = _shared_font(path, self.index, size)
        with lock:
            yield font

    def covers(self, chars: Iterable[str]) -> bool:
        """Whether the font has a glyph for each of ``chars``."""
        character_map = _character_map(self.path, self.index)
        return all(ord(ch) in character_map for ch in chars)

    def code_points(self) -> Iterator[int]:
        """Every code point the font has a glyph for, ascending."""
        return iter(_character_map(self.path, self.index))


HAS_RAQM: Final = features.check("raqm")
"""Whether Pillow has its raqm layout (it needs FriBidi, libfribidi0): shaping, and direction."""
_LAYOUT_ENGINE: Final = ImageFont.Layout.RAQM if HAS_RAQM else ImageFont.Layout.BASIC
_fonts: dict[tuple[Path | None, int, int], tuple[ImageFont.FreeTypeFont, threading.Lock]] = {}
_fonts_lock = threading.Lock()


def _shared_font(
    path: Path | None, index: int, size: int
) -> tuple[ImageFont.FreeTypeFont, threading.Lock]:
    key = (path, index, size)
    with _fonts_lock:
        shared = _fonts.get(key)
        if shared is None:
            if path is None:
                bundled = ImageFont.load_default(size)
                assert isinstance(bundled, ImageFont.FreeTypeFont), "Pillow without FreeType"
                # Pillow lays its bundled font out the basic way, which takes no direction; the
                # card lays every font out alike (raqm, where Pillow has it: card_typesetting).
                font = bundled.font_variant(layout_engine=_LAYOUT_ENGINE)
            else:
                font = ImageFont.truetype(str(path), size, index=index)
            shared = _fonts[key] = (font, threading.Lock())
    return shared


BUNDLED_FONT: Final = FontFace("sans-serif", None)


class _CharacterMap:
    """The code points a font maps to a glyph, as sorted ranges (a CJK font has 45,000)."""

    def __init__(self, ranges: Iterable[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for first, last in sorted(ranges):
            if merged and first <= merged[-1][1] + 1:
                merged[-1][1] = max(merged[-1][1], last)
            else:
                merged.append([first, last])
        self._firsts = [first for first, _ in merged]
        self._lasts = [last for _, last in merged]

    def __iter__(self) -> Iterator[int]:
        for first, last in zip(self._firsts, self._lasts, strict=True):
            yield from range(first, last + 1)

    def __contains__(self, code_point: object) -> bool:
        if not isinstance(code_point, int):
            return False
        at = bisect.bisect_right(self._firsts, code_point) - 1
        return at >= 0 and code_point <= self._lasts[at]


# Pillow's bundled font (Aileron) draws printable ASCII and a few more; ASCII is what we use.
_BUNDLED_FONT_CHARACTERS: Final = _CharacterMap([(0x20, 0x7E)])


@functools.cache
def _character_map(path: Path | None, index: int) -> _CharacterMap:
    if path is None:
        return _BUNDLED_FONT_CHARACTERS
    # Mapped, not read: the CJK collection is 20 MB, of which the cmap is a few kilobytes.
    with path.open("rb") as file, mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ) as data:
        return _CharacterMap(_cmap_ranges(data, index))


# The cmap subtables to read, best first (platform, encoding): the full Unicode repertoire
# (format 12), then the Basic Multilingual Plane (format 4).
_CMAP_PREFERENCE: Final = ((3, 10), (0, 6), (0, 4), (3, 1), (0, 3), (0, 2), (0, 1), (0, 0))


def _cmap_ranges(data: mmap.mmap, index: int) -> list[tuple[int, int]]:
    """The code point ranges that a font's best Unicode cmap subtable maps to a glyph other than
    .notdef (OpenType's "cmap" table). Only that table is read: fontTools, which tests use to
    check this, reads the glyph names too, which takes ~80 ms and ~30 MB for the CJK fonts."""
    offset = 0
    if data[:4] == b"ttcf":  # a collection: where the font's own table directory starts
        (offset,) = struct.unpack_from(">I", data, 12 + 4 * index)
    (table_count,) = struct.unpack_from(">H", data, offset + 4)
    cmap = None
    for record in range(table_count):
        tag, _, table_offset, _ = struct.unpack_from(">4sIII", data, offset + 12 + 16 * record)
        if tag == b"cmap":
            cmap = table_offset
    if cmap is None:
        return []
    (subtable_count,) = struct.unpack_from(">H", data, cmap + 2)
    subtables: dict[tuple[int, int], int] = {}
    for record in range(subtable_count):
        platform, encoding, subtable = struct.unpack_from(">HHI", data, cmap + 4 + 8 * record)
        (subtable_format,) = struct.unpack_from(">H", data, cmap + subtable)
        if subtable_format in (4, 12):
            subtables.setdefault((platform, encoding), cmap + subtable)
    for preferred in _CMAP_PREFERENCE:
        if preferred in subtables:
            start = subtables[preferred]
            if struct.unpack_from(">H", data, start)[0] == 12:
                return _format_12_ranges(data, start)
            return _format_4_ranges(data, start)
    return []


def _format_12_ranges(data: mmap.mmap, start: int) -> list[tuple[int, int]]:
    (group_count,) = struct.unpack_from(">I", data, start + 12)
    ranges: list[tuple[int, int]] = []
    for group in range(group_count):
        first, last, glyph = struct.unpack_from(">III", data, start + 16 + 12 * group)
        if glyph == 0:  # the group's first code point maps to .notdef
            first += 1
        if first <= last:
            ranges.append((first, last))
    return ranges


def _format_4_ranges(data: mmap.mmap, start: int) -> list[tuple[int, int]]:
    segments = struct.unpack_from(">H", data, start + 6)[0] // 2
    ends = struct.unpack_from(f">{segments}H", data, start + 14)
    starts = struct.unpack_from(f">{segments}H", data, start + 16 + 2 * segments)
    deltas = struct.unpack_from(f">{segments}h", data, start + 16 + 4 * segments)
    range_offsets_at = start + 16 + 6 * segments
    range_offsets = struct.unpack_from(f">{segments}H", data, range_offsets_at)
    ranges: list[tuple[int, int]] = []
    for segment in range(segments):
        first, last = starts[segment], ends[segment]
        if first == 0xFFFF:
            continue  # the segment that closes the table
        if range_offsets[segment] == 0:  # glyph = code point + delta, .notdef where that is 0
            notdef = (-deltas[segment]) & 0xFFFF
            ranges.extend(
                (a, b)
                for a, b in ((first, min(last, notdef - 1)), (max(first, notdef + 1), last))
                if a <= b
            )
            continue
        for code_point in range(first, last + 1):  # glyph ids looked up in an array
            at = range_offsets_at + 2 * segment + range_offsets[segment] + 2 * (code_point - first)
            (glyph,) = struct.unpack_from(">H", data, at)
            if glyph and (glyph + deltas[segment]) & 0xFFFF:
                ranges.append((code_point, code_point))
    return ranges


# --- the stack --------------------------------------------------------------------------------

_CJK_REGULAR: Final = "NotoSansCJK-Regular.ttc"
_CJK_BOLD: Final = "NotoSansCJK-Bold.ttc"
_EMOJI_FILE: Final = "NotoColorEmoji.ttf"

# (family, regular file, bold file): the scripts the card is mostly asked for, in the order a
# character is looked up. Noto Sans covers Latin (Vietnamese too), Greek and Cyrillic.
_LEADING_FONTS: Final = (
    ("Noto Sans", "NotoSans-Regular.ttf", "NotoSans-Bold.ttf"),
    ("Noto Sans Arabic", "NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf"),
    ("Noto Sans Hebrew", "NotoSansHebrew-Regular.ttf", "NotoSansHebrew-Bold.ttf"),
    ("Noto Sans Thai", "NotoSansThai-Regular.ttf", "NotoSansThai-Bold.ttf"),
    ("Noto Sans Devanagari", "NotoSansDevanagari-Regular.ttf", "NotoSansDevanagari-Bold.ttf"),
)
# After every other script font: symbols, arrows, math and such.
_TRAILING_FONTS: Final = (
    ("Noto Sans Symbols", "NotoSansSymbols-Regular.ttf", "NotoSansSymbols-Bold.ttf"),
    ("Noto Sans Symbols 2", "NotoSansSymbols2-Regular.ttf", None),
    ("Noto Sans Math", "NotoSansMath-Regular.ttf", None),
)
_OTHER_SCRIPT_FONT: Final = re.compile(r"NotoSans([A-Za-z0-9]+)-Regular\.ttf")
# Latin variants that Noto Sans already covers better, and fonts not meant for running text.
_NOT_FOR_TEXT: Final = frozenset(
    {"Display", "Mono", "AdlamUnjoined", "Symbols", "Symbols2", "Math"}
)


def _find(file_name: str) -> Path | None:
    for directory in FONT_DIRECTORIES:
        path = directory / file_name
        if path.is_file():
            return path
    return None


@functools.cache
def _other_script_fonts() -> tuple[FontFace, ...]:
    """Every other Noto Sans script font found (Tamil, Bengali, Georgian, Ethiopic...)."""
    listed = {regular for _, regular, _ in (*_LEADING_FONTS, *_TRAILING_FONTS)}
    faces: list[FontFace] = []
    for directory in FONT_DIRECTORIES:
        for path in sorted(directory.glob("NotoSans*-Regular.ttf")) if directory.is_dir() else []:
            match = _OTHER_SCRIPT_FONT.fullmatch(path.name)
            if match is None or path.name in listed or match[1] in _NOT_FOR_TEXT:
                continue
            script = re.sub(r"(?<=[a-z])(?=[A-Z0-9])", " ", match[1])
            bold = path.with_name(path.name.replace("-Regular", "-Bold"))
            faces.append(
                FontFace(f"Noto Sans {script}", path, bold_path=bold if bold.is_file() else None)
            )
    return tuple(faces)


def _face(family: str, regular: str, bold: str | None, index: int = 0) -> FontFace | None:
    path = _find(regular)
    if path is None:
        return None
    bold_path = _find(bold) if bold is not None else None
    return FontFace(family, path, index, bold_path)


@functools.cache
def font_stack(cjk: CjkVariant) -> tuple[FontFace, ...]:
    """The fonts in lookup order, with the CJK face of ``cjk``.

    The emoji font comes after every text font (emoji are looked up there first, see
    ``face_for_cluster``), and Pillow's bundled font last: it is always there.
    """
    missing: list[str] = []

    def found(family: str, regular: str, bold: str | None, index: int = 0) -> list[FontFace]:
        face = _face(family, regular, bold, index)
        if face is None:
            missing.append(regular)
        return [] if face is None else [face]

    leading = [face for spec in _LEADING_FONTS for face in found(*spec)]
    cjk_faces = found(f"Noto Sans CJK {cjk.value}", _CJK_REGULAR, _CJK_BOLD, cjk.collection_index)
    trailing = [face for spec in _TRAILING_FONTS for face in found(*spec)]
    emoji_path = _find(_EMOJI_FILE)
    if emoji_path is None:
        missing.append(_EMOJI_FILE)
    emoji = (
        [] if emoji_path is None else [FontFace("Noto Color Emoji", emoji_path, color_bitmap=True)]
    )
    _report_missing_fonts(tuple(missing))
    return (*leading, *cjk_faces, *_other_script_fonts(), *trailing, *emoji, BUNDLED_FONT)


def svg_font_family(cjk: CjkVariant) -> str:
    """The stack as an SVG ``font-family``: the same fonts, by the names a viewer knows."""
    families = [
        *(family for family, _, _ in _LEADING_FONTS),
        f"Noto Sans CJK {cjk.value}",
        *(family for family, _, _ in _TRAILING_FONTS),
        "Noto Color Emoji",
    ]
    return ", ".join([*(f"'{family}'" for family in families), "Helvetica", "Arial", "sans-serif"])


@functools.cache
def _report_missing_fonts(missing: tuple[str, ...]) -> None:
    # Once per process (and per list): a missing font is a broken install, not a broken card.
    if missing:
        logger.warning(
            "QR card fonts not found: %s (looked in %s); install Debian's %s "
            "(scripts/install-card-fonts), or characters of those scripts are drawn as "
            "approximations",
            ", ".join(missing),
            ", ".join(str(directory) for directory in FONT_DIRECTORIES),
            " ".join(DEBIAN_PACKAGES),
        )


# --- which font draws a cluster ---------------------------------------------------------------

_VARIATION_SELECTORS: Final = (range(0xFE00, 0xFE10), range(0xE0100, 0xE01F0))
_TAGS: Final = range(0xE0020, 0xE0080)


def is_default_ignorable(ch: str) -> bool:
    """Characters that fonts need not map: joiners, variation selectors, isolates, tags."""
    code = ord(ch)
    return (
        unicodedata.category(ch) == "Cf"
        or any(code in selectors for selectors in _VARIATION_SELECTORS)
        or code in _TAGS
    )


_EMOJI_PRESENTATION: Final = "\ufe0f"
_TEXT_PRESENTATION: Final = "\ufe0e"
_KEYCAP: Final = "\u20e3"
_ZWJ: Final = "\u200d"
_PICTOGRAPHS: Final = range(0x1F000, 0x1FB00)  # Mahjong tiles to Symbols and Pictographs Ext-A


def is_emoji(cluster: str) -> bool:
    """Whether a cluster asks for an emoji (a picture) rather than a text symbol."""
    if _TEXT_PRESENTATION in cluster:
        return False
    return (
        _EMOJI_PRESENTATION in cluster
        or _KEYCAP in cluster
        or ord(cluster[0]) in _PICTOGRAPHS
        or (_ZWJ in cluster and any(ord(ch) in _PICTOGRAPHS for ch in cluster))
    )


def _is_neutral(ch: str) -> bool:
    """Spaces, punctuation, digits, symbols: they take the font of the text around them."""
    return unicodedata.category(ch)[0] in "ZPNS"


def face_for_cluster(
    cluster: str, stack: tuple[FontFace, ...], previous: FontFace | None
) -> FontFace | None:
    """The font that draws ``cluster`` (a character and what attaches to it), or None if none.

    A space or a punctuation mark stays in the font of the text before it when that font has
    it, so that a run of Arabic or Thai words is one run of one font, shaped as a whole.
    """
    chars = [ch for ch in cluster if not is_default_ignorable(ch)]
    if not chars:
        return previous or stack[0]
    if (
        previous is not None
        and not previous.color_bitmap  # its digits and "#" are keycap emoji, not text
        and all(_is_neutral(ch) for ch in chars)
        and previous.covers(chars)
    ):
        return previous
    if is_emoji(cluster):
        for face in stack:
            if face.color_bitmap and face.covers(chars):
                return face
    for face in stack:
        if face.covers(chars):
            return face
    return None


# Letters without a decomposition, approximated when no font has them.
_APPROXIMATIONS: Final[dict[str, str]] = {
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
    "\u2022": "-",
    "\u2026": "...",
}
_UNDRAWABLE: Final = "?"
_reported_characters: set[str] = set()
_report_lock = threading.Lock()


def replacement_for(cluster: str, stack: tuple[FontFace, ...]) -> str:
    """What to draw for a cluster that no font has: an approximation, else "?".

    Each such character is logged once per process, so a missing font shows in the logs.
    """
    chars = [ch for ch in cluster if not is_default_ignorable(ch)]
    approximation = "".join(
        _APPROXIMATIONS.get(ch)
        or "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
        for ch in chars
    )
    drawable = bool(approximation) and any(face.covers(approximation) for face in stack)
    shown = approximation if drawable else _UNDRAWABLE
    with _report_lock:
        new = [ch for ch in chars if ch not in _reported_characters]
        _reported_characters.update(new)
    for ch in new:
        logger.warning(
            "no QR card font has U+%04X %s: drawn as %r",
            ord(ch),
            unicodedata.name(ch, "(unnamed)"),
            shown,
        )
    return shown
