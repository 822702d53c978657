"""Lines of text for the QR card, in any script: shaped, in bidi order, wrapped, drawn.

A paragraph is cut into clusters (a character with the marks, joiners and selectors that belong
to it), each drawn by the font that has it (``card_fonts``). Runs of clusters with the same font
and the same bidi embedding level are shaped as a whole by Pillow's raqm layout (HarfBuzz:
Arabic joining, Indic conjuncts, Thai marks, emoji sequences). The levels come from FriBidi,
the library raqm itself uses, for the whole paragraph (Unicode's bidi algorithm, UAX #9); each
line's runs are then put in visual order (rule L2). Values put into a translated sentence (the
Business Center's name, the expiry time) are bidi isolates, so an Arabic name does not reorder an
English sentence, nor an English name an Arabic one.

Lines break after spaces and between CJK characters, never before closing or after opening
punctuation (UAX #14 in outline); a word too long for a line (a Thai name, a run of letters)
breaks between clusters. Widths are measured by shaping, so the PNG and the SVG card wrap alike.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import logging
import math
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Final

from PIL import Image, ImageDraw

from app.access_requests.card_fonts import (
    EMOJI_STRIKE_SIZE,
    HAS_RAQM,
    CjkVariant,
    FontFace,
    face_for_cluster,
    font_stack,
    is_default_ignorable,
    replacement_for,
)

__all__ = ["ELLIPSIS", "Line", "Piece", "Run", "Typesetter", "draw_line"]

logger = logging.getLogger(__name__)

ELLIPSIS: Final = "\u2026"
_FIRST_STRONG_ISOLATE: Final = "\u2068"
_POP_DIRECTIONAL_ISOLATE: Final = "\u2069"
_ISOLATES: Final = frozenset({_FIRST_STRONG_ISOLATE, _POP_DIRECTIONAL_ISOLATE})
_ZERO_WIDTH_JOINER: Final = "\u200d"
EMOJI_SCALE: Final = 0.85
"""Emoji are drawn at this share of the text's size: Noto Color Emoji's are 1.25 em wide, so
about 1.06 em on the card, as wide as a CJK character."""


# --- bidi levels (FriBidi) --------------------------------------------------------------------


class _FriBidi:
    """The three calls of FriBidi 1.0 that give a paragraph's embedding levels."""

    # FriBidiParType (fribidi-char-types.h): a strong left-to-right or right-to-left paragraph.
    _PARAGRAPH_LTR: Final = 0x110
    _PARAGRAPH_RTL: Final = 0x111

    def __init__(self, library: ctypes.CDLL) -> None:
        u32p = ctypes.POINTER(ctypes.c_uint32)
        self._bidi_types = library.fribidi_get_bidi_types
        self._bidi_types.argtypes = [u32p, ctypes.c_int, u32p]
        self._bidi_types.restype = None
        self._bracket_types = library.fribidi_get_bracket_types
        self._bracket_types.argtypes = [u32p, ctypes.c_int, u32p, u32p]
        self._bracket_types.restype = None
        self._levels = library.fribidi_get_par_embedding_levels_ex
        self._levels.argtypes = [
            u32p,
            u32p,
            ctypes.c_int,
            u32p,
            ctypes.POINTER(ctypes.c_int8),
        ]
        self._levels.restype = ctypes.c_int8

    def levels(self, text: str, rtl: bool) -> list[int]:
        length = len(text)
        chars = (ctypes.c_uint32 * length)(*map(ord, text))
        types = (ctypes.c_uint32 * length)()
        brackets = (ctypes.c_uint32 * length)()
        levels = (ctypes.c_int8 * length)()
        self._bidi_types(chars, length, types)
        self._bracket_types(chars, length, types, brackets)
        paragraph = ctypes.c_uint32(self._PARAGRAPH_RTL if rtl else self._PARAGRAPH_LTR)
        if self._levels(types, brackets, length, ctypes.byref(paragraph), levels) == 0:
            raise RuntimeError("fribidi_get_par_embedding_levels_ex failed")
        return list(levels)


@functools.cache
def _fribidi() -> _FriBidi | None:
    # Pillow's raqm layout loads the same library (libfribidi0) to order bidi text.
    for name in (ctypes.util.find_library("fribidi"), "libfribidi.so.0", "libfribidi.0.dylib"):
        if name is None:
            continue
        try:
            return _FriBidi(ctypes.CDLL(name))
        except (OSError, AttributeError):
            continue
    logger.warning("FriBidi (libfribidi0) is missing: right-to-left text is drawn left to right")
    return None


@functools.cache
def _has_raqm() -> bool:
    if HAS_RAQM:
        return True
    logger.warning(
        "Pillow has no raqm layout (libfribidi0 missing?): QR card text is not shaped "
        "(Arabic letters unjoined, marks misplaced)"
    )
    return False


def _embedding_levels(text: str, rtl: bool) -> list[int]:
    fribidi = _fribidi()
    if fribidi is None or not text:
        return [1 if rtl else 0] * len(text)
    return fribidi.levels(text, rtl)


# --- clusters and line breaks -----------------------------------------------------------------

_EMOJI_MODIFIERS: Final = range(0x1F3FB, 0x1F400)
_REGIONAL_INDICATORS: Final = range(0x1F1E6, 0x1F200)


def split_clusters(text: str) -> list[str]:
    """``text`` cut into clusters: a character and the marks, joiners, selectors and emoji
    modifiers that attach to it (a simplified extended grapheme cluster, UAX #29)."""
    clusters: list[str] = []
    joined = False
    for ch in text:
        code = ord(ch)
        attaches = bool(clusters) and (
            joined
            or unicodedata.category(ch) in ("Mn", "Mc", "Me")
            or (is_default_ignorable(ch) and ch not in _ISOLATES)
            or code in _EMOJI_MODIFIERS
            or (
                code in _REGIONAL_INDICATORS  # a flag is a pair of regional indicators
                and len(clusters[-1]) == 1
                and ord(clusters[-1]) in _REGIONAL_INDICATORS
            )
        )
        if attaches:
            clusters[-1] += ch
        else:
            clusters.append(ch)
        joined = ch == _ZERO_WIDTH_JOINER
    return clusters


# Characters that must not start a line (closing punctuation, small kana, prolonged sound mark)
# or end one (opening punctuation), as Japanese and Chinese line breaking (kinsoku) has it.
_NO_BREAK_BEFORE: Final = frozenset(
    "、。，．・：；？！）」』】〕〉》〙〗〟｠’”゛゜ゝゞヽヾーァィゥェォッャュョヮヵヶ"  # noqa: RUF001
    "ぁぃぅぇぉっゃゅょゎゕゖ々〻‐゠〜～…‥,.!?:;)]}%）］｝"  # noqa: RUF001
)
_NO_BREAK_AFTER: Final = frozenset("（「『【〔〈《〘〖〝｟‘“([{$＄￥")  # noqa: RUF001


def _is_ideographic(ch: str) -> bool:
    """Scripts written without spaces whose every character boundary may break a line:
    CJK ideographs, kana, Hangul, fullwidth forms (UAX #14's ID class, in outline)."""
    code = ord(ch)
    return (
        0x1100 <= code <= 0x11FF  # Hangul Jamo
        or 0x2E80 <= code <= 0x9FFF  # CJK radicals, punctuation, kana, ideographs
        or 0xA960 <= code <= 0xA97F  # Hangul Jamo Extended-A
        or 0xAC00 <= code <= 0xD7FF  # Hangul syllables
        or 0xF900 <= code <= 0xFAFF  # CJK compatibility ideographs
        or 0xFE30 <= code <= 0xFE4F  # CJK compatibility forms
        or 0xFF00 <= code <= 0xFFEF  # fullwidth and halfwidth forms
        or 0x1F000 <= code <= 0x1FAFF  # emoji
        or 0x20000 <= code <= 0x3FFFF  # CJK ideographs, supplementary planes
    )


def _may_break_between(before: str, after: str) -> bool:
    """Whether a line may break between two visible clusters."""
    if before.isspace():
        return True
    if after.isspace() or after[0] in _NO_BREAK_BEFORE or before[0] in _NO_BREAK_AFTER:
        return False
    return _is_ideographic(before[0]) or _is_ideographic(after[0])


def _cjk_variant_of(text: str, default: CjkVariant) -> CjkVariant:
    """The regional Han forms a name asks for: kana is Japanese, Hangul is Korean."""
    for ch in text:
        code = ord(ch)
        if 0x3040 <= code <= 0x30FF or 0x31F0 <= code <= 0x31FF:
            return CjkVariant.JP
        if 0xAC00 <= code <= 0xD7AF or 0x1100 <= code <= 0x11FF or 0x3130 <= code <= 0x318F:
            return CjkVariant.KR
    return default


# --- paragraphs and lines ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Piece:
    """A part of a paragraph."""

    text: str
    isolated: bool = False
    """A value put into a translated sentence (a name, a time): a bidi isolate, and the part
    that is shortened with an ellipsis when the paragraph has too many lines."""
    unbreakable: bool = False
    """Lines break around it, not inside it (unless it alone is wider than a line)."""


@dataclass(frozen=True, slots=True)
class Run:
    """Text of one font and one direction, shaped as a whole."""

    text: str
    face: FontFace
    rtl: bool
    width: float


@dataclass(frozen=True, slots=True)
class Line:
    """One line: its runs left to right, and its text in logical order."""

    runs: tuple[Run, ...]
    width: float
    segments: tuple[tuple[str, bool], ...]
    """The line's text in logical order, as (text, isolated) pieces: what the SVG card writes."""

    @property
    def text(self) -> str:
        return "".join(text for text, _ in self.segments)


@dataclass(frozen=True, slots=True)
class _Cluster:
    text: str  # as written (for the SVG); "" for a bidi isolate
    drawn: str  # what the PNG draws: ``text``, or an approximation that a font has
    face: FontFace
    level: int
    blank: bool  # a space, or nothing visible: dropped at the ends of a line
    isolated: bool
    piece: int


@dataclass(frozen=True, slots=True)
class _Paragraph:
    clusters: tuple[_Cluster, ...]
    breaks: tuple[int, ...]  # indexes of the clusters a line may start with, ascending


class Typesetter:
    """Typesets the paragraphs of one card: one language, one size and weight per call.

    ``width_factor`` widens every measured width: the SVG card is drawn by the viewer's fonts,
    which may be a little wider than the ones measured here.
    """

    def __init__(self, cjk: CjkVariant, *, rtl: bool, width_factor: float = 1.0) -> None:
        self._cjk = cjk
        self.rtl = rtl
        self._width_factor = width_factor

    def lines(
        self,
        pieces: Sequence[Piece],
        size: int,
        max_width: float,
        *,
        bold: bool = False,
        max_lines: int | None = None,
    ) -> list[Line]:
        """The paragraph made of ``pieces`` in lines at most ``max_width`` wide.

        With ``max_lines``, a paragraph that needs more lines is shortened: its isolated piece
        (or else its last piece) is cut at a cluster and ends with an ellipsis, by the same rule
        in every script.
        """
        lines = self._wrap(self._paragraph(pieces), size, bold, max_width, max_lines)
        if max_lines is None or len(lines) <= max_lines:
            return lines
        shortened = next((i for i, piece in enumerate(pieces) if piece.isolated), len(pieces) - 1)
        clusters = split_clusters(pieces[shortened].text)

        def cut(count: int) -> list[Piece]:
            text = "".join(clusters[:count]).rstrip() + ELLIPSIS
            return [
                *pieces[:shortened],
                replace(pieces[shortened], text=text),
                *pieces[shortened + 1 :],
            ]

        def fits(count: int) -> list[Line] | None:
            candidate = self._wrap(self._paragraph(cut(count)), size, bold, max_width, max_lines)
            return candidate if len(candidate) <= max_lines else None

        # The longest start of the piece that fits with an ellipsis (binary search).
        shortest, too_long = 0, len(clusters)
        best = fits(0)
        while too_long - shortest > 1:
            middle = (shortest + too_long) // 2
            candidate = fits(middle)
            if candidate is None:
                too_long = middle
            else:
                shortest, best = middle, candidate
        if best is None:  # even the ellipsis alone does not fit: keep the first lines
            return lines[:max_lines]
        return best

    # The paragraph: clusters with their font, bidi level and break opportunities.

    def _paragraph(self, pieces: Sequence[Piece]) -> _Paragraph:
        texts: list[tuple[str, int]] = []  # (cluster, index of its piece)
        for index, piece in enumerate(pieces):
            texts.extend((text, index) for text in self._piece_clusters(piece))
        levels = _embedding_levels("".join(cluster for cluster, _ in texts), self.rtl)
        variants = [
            _cjk_variant_of(piece.text, self._cjk) if piece.isolated else self._cjk
            for piece in pieces
        ]
        clusters: list[_Cluster] = []
        offset = 0
        previous: FontFace | None = None
        for text, index in texts:
            level = levels[offset]
            offset += len(text)
            variant = variants[index]
            if text in _ISOLATES:
                face = previous or font_stack(variant)[0]
                clusters.append(_Cluster("", "", face, level, True, True, index))
                continue
            drawn = text
            found = _face(text, variant, previous)
            if found is None:
                drawn = replacement_for(text, font_stack(variant))
                found = _face(drawn, variant, None) or font_stack(variant)[-1]
            previous = face = found
            blank = all(ch.isspace() or is_default_ignorable(ch) for ch in text)
            clusters.append(
                _Cluster(text, drawn, face, level, blank, pieces[index].isolated, index)
            )
        return _Paragraph(tuple(clusters), self._breaks(pieces, clusters))

    @staticmethod
    def _piece_clusters(piece: Piece) -> list[str]:
        clusters = split_clusters(piece.text)
        if piece.isolated:
            return [_FIRST_STRONG_ISOLATE, *clusters, _POP_DIRECTIONAL_ISOLATE]
        return clusters

    @staticmethod
    def _breaks(pieces: Sequence[Piece], clusters: Sequence[_Cluster]) -> tuple[int, ...]:
        breaks: list[int] = []
        before: _Cluster | None = None
        for index, cluster in enumerate(clusters):
            if not cluster.text:
                continue  # an isolate: it goes with the text it opens or closes
            if before is not None and _may_break_between(before.text, cluster.text):
                inside = before.piece == cluster.piece and pieces[cluster.piece].unbreakable
                if not inside:
                    # The line starts at the isolate that opens a value, not after it.
                    start = index
                    while (
                        start > 0
                        and clusters[start - 1].text == ""
                        and clusters[start - 1].piece == cluster.piece
                    ):
                        start -= 1
                    breaks.append(start)
            before = cluster
        return tuple(breaks)

    # Wrapping: greedy, the longest line that fits, found by binary search.

    def _wrap(
        self, paragraph: _Paragraph, size: int, bold: bool, max_width: float, max_lines: int | None
    ) -> list[Line]:
        clusters = paragraph.clusters
        lines: list[Line] = []
        start = self._skip_blank(clusters, 0)
        while start < len(clusters) and (max_lines is None or len(lines) <= max_lines):
            ends = [end for end in paragraph.breaks if end > start]
            ends.append(len(clusters))
            fitting = self._longest_fit(clusters, start, ends, size, bold, max_width)
            if fitting is None:
                # Its first word alone is too wide: break it between clusters, at least one.
                within = list(range(start + 1, ends[0] + 1))
                fitting = self._longest_fit(clusters, start, within, size, bold, max_width)
                end = fitting if fitting is not None else start + 1
            else:
                end = fitting
            lines.append(
                self._line(clusters[start : self._trim_end(clusters, start, end)], size, bold)
            )
            start = self._skip_blank(clusters, end)
        return lines

    def _longest_fit(
        self,
        clusters: Sequence[_Cluster],
        start: int,
        ends: Sequence[int],
        size: int,
        bold: bool,
        max_width: float,
    ) -> int | None:
        best: int | None = None
        low, high = 0, len(ends) - 1
        while low <= high:
            middle = (low + high) // 2
            end = self._trim_end(clusters, start, ends[middle])
            if self._width(clusters[start:end], size, bold) <= max_width:
                best, low = ends[middle], middle + 1
            else:
                high = middle - 1
        return best

    @staticmethod
    def _skip_blank(clusters: Sequence[_Cluster], start: int) -> int:
        while start < len(clusters) and clusters[start].blank and clusters[start].text:
            start += 1
        return start

    @staticmethod
    def _trim_end(clusters: Sequence[_Cluster], start: int, end: int) -> int:
        while end > start and clusters[end - 1].blank and clusters[end - 1].text:
            end -= 1
        return end

    def _width(self, clusters: Sequence[_Cluster], size: int, bold: bool) -> float:
        return sum(run.width for run, _ in self._runs(clusters, size, bold))

    def _runs(self, clusters: Sequence[_Cluster], size: int, bold: bool) -> list[tuple[Run, int]]:
        """The runs of ``clusters`` in logical order (same font, same level), with their level."""
        groups: list[tuple[FontFace, int, list[str]]] = []
        for cluster in clusters:
            if not cluster.drawn:
                continue
            if groups and groups[-1][0] == cluster.face and groups[-1][1] == cluster.level:
                groups[-1][2].append(cluster.drawn)
            else:
                groups.append((cluster.face, cluster.level, [cluster.drawn]))
        runs: list[tuple[Run, int]] = []
        for face, level, texts in groups:
            text = "".join(texts)
            rtl = level % 2 == 1
            width = _run_width(text, face, size, bold, rtl) * self._width_factor
            runs.append((Run(text, face, rtl, width), level))
        return runs

    def _line(self, clusters: Sequence[_Cluster], size: int, bold: bool) -> Line:
        runs = self._runs(clusters, size, bold)
        segments: list[tuple[str, bool]] = []
        for cluster in clusters:
            if not cluster.text:
                continue
            if segments and segments[-1][1] == cluster.isolated:
                segments[-1] = (segments[-1][0] + cluster.text, cluster.isolated)
            else:
                segments.append((cluster.text, cluster.isolated))
        return Line(
            _visual_order(runs),
            sum(run.width for run, _ in runs),
            tuple(segments),
        )


def _visual_order(runs: Sequence[tuple[Run, int]]) -> tuple[Run, ...]:
    """Rule L2 of UAX #9: from the highest level down to the lowest odd one, reverse every
    sequence of runs at that level or higher."""
    ordered = list(runs)
    odd = [level for _, level in ordered if level % 2]
    if odd:
        for level in range(max(level for _, level in ordered), min(odd) - 1, -1):
            index = 0
            while index < len(ordered):
                if ordered[index][1] < level:
                    index += 1
                    continue
                end = index
                while end < len(ordered) and ordered[end][1] >= level:
                    end += 1
                ordered[index:end] = ordered[index:end][::-1]
                index = end
    return tuple(run for run, _ in ordered)


@functools.lru_cache(maxsize=65_536)
def _face(cluster: str, cjk: CjkVariant, previous: FontFace | None) -> FontFace | None:
    return face_for_cluster(cluster, font_stack(cjk), previous)


@functools.lru_cache(maxsize=16_384)
def _run_width(text: str, face: FontFace, size: int, bold: bool, rtl: bool) -> float:
    """The advance width of a run, shaped; every card shows the same texts, so it is kept."""
    with face.font(size, bold=bold) as font:
        if face.color_bitmap:
            return font.getlength(text) * _emoji_scale(size)
        return font.getlength(text, direction=_direction(rtl))


def _direction(rtl: bool) -> str | None:
    # Without raqm (no FriBidi), Pillow's basic layout takes no direction: left to right, unshaped.
    if not _has_raqm():
        return None
    return "rtl" if rtl else "ltr"


def _emoji_scale(size: int) -> float:
    return size / EMOJI_STRIKE_SIZE * EMOJI_SCALE


# --- drawing ----------------------------------------------------------------------------------


def draw_line(
    canvas: Image.Image,
    line: Line,
    left: int,
    baseline: int,
    size: int,
    *,
    bold: bool,
    color: str,
) -> None:
    """Draw ``line`` on ``canvas`` from ``left`` (a whole pixel), on ``baseline``."""
    stamp = _line_stamp(line, size, bold)
    x, y = left - stamp.left, baseline - stamp.baseline
    canvas.paste(color, (x, y, x + stamp.mask.width, y + stamp.mask.height), stamp.mask)
    for image, (emoji_x, emoji_y) in stamp.emoji:
        canvas.paste(image, (x + emoji_x, y + emoji_y), image)


@dataclass(frozen=True, slots=True)
class _LineStamp:
    mask: Image.Image  # the glyphs' coverage, to paste the text's color through
    emoji: tuple[tuple[Image.Image, tuple[int, int]], ...]  # color pictures, where they go
    left: int  # where the line starts in the mask
    baseline: int


@functools.lru_cache(maxsize=256)
def _line_stamp(line: Line, size: int, bold: bool) -> _LineStamp:
    """A line drawn once and kept: most lines (the title, the labels, the steps to the scanner)
    are on every card in a language. Pasting a glyph mask in a color gives the same pixels as
    drawing the text in that color (the line starts on a whole pixel, so each glyph keeps its
    position within the pixel), in a fraction of the time."""
    margin = size  # room for overhanging glyphs and for marks above and below
    left, baseline = margin, 2 * size
    mask = Image.new("L", (math.ceil(line.width) + 2 * margin, 3 * size), 0)
    draw = ImageDraw.Draw(mask)
    emoji: list[tuple[Image.Image, tuple[int, int]]] = []
    x = float(left)
    for run in line.runs:
        if run.face.color_bitmap:
            image, ascent = _emoji_image(run.text, run.face, size)
            emoji.append((image, (round(x), baseline - ascent)))
        else:
            with run.face.font(size, bold=bold) as font:
                draw.text(
                    (x, baseline),
                    run.text,
                    fill=255,
                    font=font,
                    anchor="ls",
                    direction=_direction(run.rtl),
                )
        x += run.width
    return _LineStamp(mask, tuple(emoji), left, baseline)


@functools.lru_cache(maxsize=256)
def _emoji_image(text: str, face: FontFace, size: int) -> tuple[Image.Image, int]:
    """Emoji drawn from the font's color bitmaps and scaled to ``size``; with their ascent."""
    with face.font(EMOJI_STRIKE_SIZE) as font:
        ascent, descent = font.getmetrics()
        width = max(1, math.ceil(font.getlength(text)))
        image = Image.new("RGBA", (width, ascent + descent), (0, 0, 0, 0))
        ImageDraw.Draw(image).text((0, ascent), text, font=font, anchor="ls", embedded_color=True)
    scale = _emoji_scale(size)
    scaled = image.resize(
        (max(1, round(width * scale)), max(1, round((ascent + descent) * scale))),
        Image.Resampling.LANCZOS,
    )
    return scaled, round(ascent * scale)
