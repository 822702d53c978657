"""The QR card in the owner's language: ``?lang=`` (SPEC section 4), through HTTP.

Every supported language's card carries that language's texts from ``CARD_TEXTS`` (read from
the SVG's ``<text>`` elements, laid out by the same code as the PNG), its PNG's QR code decodes,
and a long name in the script of that language's market wraps or is cut inside the card. A tag is
matched by its primary language; any other is a 422 naming the supported ones; the ETag changes
with the language. The README's sample cards are rendered here (UPDATE_SCREENSHOT=1 rewrites
them).
"""

from __future__ import annotations

import os
import re
from datetime import datetime
from io import BytesIO
from pathlib import Path

import pytest
from PIL import Image

from app.access_requests.card_texts import CARD_TEXTS, SUPPORTED_LANGUAGES, CardTexts
from app.core.enums import Permission, Scope
from tests.access_requests.qr_cards import (
    NAMES,
    SCRIPT_OF_LANGUAGE,
    SVG_NS,
    card_path,
    decode_qr,
    long_name,
    margins_are_blank,
    name_lines,
    parse_svg,
    served_card,
    svg_texts,
)
from tests.factories import Api, expect_problem

ROOT = Path(__file__).resolve().parents[2]
README_CARDS = {"ja": NAMES["japanese"], "ar": NAMES["arabic"]}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def squeezed(text: str) -> str:
    """Text without whitespace: CJK and Thai lines wrap without a space to mark the break."""
    return "".join(text.split())


def texts_in_reading_order(texts: CardTexts, name: str, expires_at: str) -> list[str]:
    """What the card must say, in order, from the language's table."""
    when = f"{datetime.fromisoformat(expires_at):%Y-%m-%d %H:%M} UTC"
    return [
        texts.title,
        texts.requester.replace("{name}", name),
        texts.access_for,
        texts.scopes["EXISTING_POSTS"],
        texts.permissions_label,
        *(texts.permissions[p] for p in ("PROFILE_INFO", "AD_ENABLED_POSTS", "PUBLIC_VIDEOS")),
        texts.expires.replace("{time}", when),
        texts.how_to_scan,
        " > ".join(texts.scanner_path),
    ]


# --- the table --------------------------------------------------------------------------------


def test_the_spec_languages_are_supported() -> None:
    spec = {"en", "ja", "ko", "zh-Hans", "zh-Hant", "th", "vi", "id", "es", "pt", "de", "fr"}
    assert spec | {"tr", "ar"} <= set(SUPPORTED_LANGUAGES)
    assert SUPPORTED_LANGUAGES[0] == "en"


@pytest.mark.parametrize("language", SUPPORTED_LANGUAGES)
def test_every_language_has_every_text(language: str) -> None:
    texts = CARD_TEXTS[language]
    assert set(texts.scopes) == {scope.value for scope in Scope}
    assert set(texts.permissions) == {permission.value for permission in Permission}
    assert texts.requester.count("{name}") == 1
    assert texts.expires.count("{time}") == 1
    assert len(texts.scanner_path) == len(CARD_TEXTS["en"].scanner_path)
    assert texts.direction == ("rtl" if language == "ar" else "ltr")
    values = [
        texts.title,
        texts.access_for,
        texts.permissions_label,
        texts.no_permissions,
        texts.how_to_scan,
        texts.unnamed,
        *texts.scopes.values(),
        *texts.permissions.values(),
        *texts.scanner_path,
    ]
    assert all(value.strip() == value and value for value in values)
    if language != "en":  # translated, not copied from English (TikTok and LIVE stay)
        english = CARD_TEXTS["en"]
        assert texts.title != english.title
        assert texts.scanner_path[3] != english.scanner_path[3]  # "Settings and privacy"


# --- every language through HTTP -------------------------------------------------------------


@pytest.mark.parametrize("language", SUPPORTED_LANGUAGES)
def test_the_card_texts_come_from_the_language_table(api: Api, language: str) -> None:
    name = NAMES[SCRIPT_OF_LANGUAGE[language]]
    served = served_card(api, name, lang=language, image_format="svg")
    root = parse_svg(served.content)
    assert root.attrib[XML_LANG] == language
    assert root.attrib.get("direction") == ("rtl" if language == "ar" else None)
    [title] = root.iter(f"{SVG_NS}title")
    assert title.text == CARD_TEXTS[language].title
    card = squeezed("\n".join(svg_texts(root)))
    position = 0
    for expected in texts_in_reading_order(
        CARD_TEXTS[language], name, served.access_request["expires_at"]
    ):
        found = card.find(squeezed(expected), position)
        assert found >= 0, f"{expected!r} is not on the {language} card after {position}: {card}"
        position = found + len(squeezed(expected))
    if language != "en":
        for english in ("requestsaccess", "Settingsandprivacy", "Expires"):
            assert english not in card


@pytest.mark.parametrize("language", SUPPORTED_LANGUAGES)
def test_each_language_card_decodes_and_keeps_a_long_name_inside(api: Api, language: str) -> None:
    script = SCRIPT_OF_LANGUAGE[language]
    longest = served_card(api, long_name(script), lang=language)
    short = served_card(api, NAMES[script], lang=language)
    for served in (longest, short):
        image = served.image()
        assert image.width == 600
        assert decode_qr(image) == [served.access_request["qr_code_url"]]
        assert margins_are_blank(image), f"text overflows the {language} card"
    # Three lines at most: a name that needs more is cut with an ellipsis, not drawn taller.
    name = longest.card.business_center_name
    lines = name_lines(longest.layout(), name)
    assert len(lines) == 3
    assert_shown_whole_or_cut(lines[-1].line.text, [text.line.text for text in lines], name)
    line_height = lines[1].baseline - lines[0].baseline
    assert short.image().height == longest.image().height - 2 * line_height


def assert_shown_whole_or_cut(last_line: str, lines: list[str], name: str) -> None:
    """The name is shown whole, or its start is, cut at a cluster, with an ellipsis."""
    shown = squeezed("".join(lines))
    if "\u2026" in last_line:
        cut = shown[: shown.index("\u2026")]
        assert squeezed(name).startswith(cut)
        assert len(cut) > len(squeezed(name)) // 3
    else:
        assert squeezed(name) in shown


@pytest.mark.parametrize("script", list(NAMES))
def test_long_names_in_every_script_wrap_or_shorten_by_the_same_rule(api: Api, script: str) -> None:
    name = long_name(script)
    png = served_card(api, name)
    image = png.image()
    assert decode_qr(image) == [png.access_request["qr_code_url"]]
    assert margins_are_blank(image), f"a long {script} name overflows the card"
    svg = served_card(api, name, image_format="svg")
    texts = svg_texts(parse_svg(svg.content))
    shown = texts[1 : texts.index("ACCESS FOR")]
    assert 1 < len(shown) <= 3
    assert shown[-1].endswith(" requests access")
    assert_shown_whole_or_cut(shown[-1], shown, name)


# --- ?lang= -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tag", "language"),
    [
        ("pt-BR", "pt"),
        ("PT-br", "pt"),
        ("es-419", "es"),
        ("en-US", "en"),
        ("de-CH", "de"),
        ("ar-EG", "ar"),
        ("ja-JP", "ja"),
        ("zh-TW", "zh-Hant"),
        ("zh-Hant-HK", "zh-Hant"),
        ("zh-hant", "zh-Hant"),
        ("zh-CN", "zh-Hans"),
        ("zh", "zh-Hans"),
    ],
)
def test_a_tag_is_matched_by_its_primary_language(api: Api, tag: str, language: str) -> None:
    bc = api.bc(name="Acme Agency")
    access_request = api.access_request(bc)
    path = card_path(bc.id, access_request["id"])
    asked = api.client.get(path, params={"lang": tag, "format": "svg"}, headers=bc.admin.headers)
    exact = api.client.get(
        path, params={"lang": language, "format": "svg"}, headers=bc.admin.headers
    )
    assert asked.status_code == exact.status_code == 200
    assert parse_svg(asked.content).attrib[XML_LANG] == language
    assert asked.content == exact.content
    assert asked.headers["etag"] == exact.headers["etag"]


@pytest.mark.parametrize(
    "tag", ["xx", "fil", "en_US", "", "x-private", "en-", "-en", "e", "en-" + "a" * 40, "日本語"]
)
def test_an_unsupported_language_is_422_naming_the_supported_ones(api: Api, tag: str) -> None:
    bc = api.bc(name="Acme Agency")
    access_request = api.access_request(bc)
    response = api.client.get(
        card_path(bc.id, access_request["id"]), params={"lang": tag}, headers=bc.admin.headers
    )
    problem = expect_problem(response, 422, "VALIDATION_ERROR")
    [error] = problem["errors"]
    assert error["loc"] == ["query", "lang"]
    named = set(re.findall(r"[a-z]{2}(?:-Han[st])?", error["msg"].split(":", 1)[1]))
    assert named == set(SUPPORTED_LANGUAGES)


def test_without_lang_the_card_is_english(api: Api) -> None:
    served = served_card(api, "Acme Agency", image_format="svg")
    root = parse_svg(served.content)
    assert root.attrib[XML_LANG] == "en"
    assert "Acme Agency requests access" in svg_texts(root)


@pytest.mark.parametrize("image_format", ["png", "svg"])
def test_the_etag_covers_the_language(api: Api, image_format: str) -> None:
    bc = api.bc(name="Acme Agency")
    access_request = api.access_request(bc)
    path = card_path(bc.id, access_request["id"])

    def get(lang: str, etag: str | None = None) -> tuple[int, str]:
        headers = bc.admin.headers | ({"If-None-Match": etag} if etag else {})
        response = api.client.get(
            path, params={"lang": lang, "format": image_format}, headers=headers
        )
        return response.status_code, response.headers["etag"]

    status, english = get("en")
    assert status == 200
    status, japanese = get("ja")
    assert status == 200
    assert japanese != english
    assert get("ja", english) == (200, japanese)  # the English copy is not the Japanese card
    assert get("ja", japanese) == (304, japanese)
    assert get("en", english) == (304, english)


def inked_columns(served_png: bytes, top: int, bottom: int) -> tuple[int, int]:
    band = Image.open(BytesIO(served_png)).convert("L").crop((0, top, 600, bottom))
    inverted = band.point(lambda value: 255 - value)
    box = inverted.getbbox()
    assert box is not None
    return box[0], box[2]


def test_the_arabic_card_runs_right_to_left(api: Api) -> None:
    arabic = served_card(api, NAMES["arabic"], lang="ar")
    english = served_card(api, NAMES["latin"], lang="en")
    # The title line: flush right on the Arabic card, flush left on the English one.
    left, right = inked_columns(arabic.content, 20, 60)
    assert 566 <= right <= 570
    assert left > 100
    left, right = inked_columns(english.content, 20, 60)
    assert 30 <= left <= 36
    # The permissions' bullets are on the right too.
    layout = arabic.layout()
    assert layout.dots
    assert all(dot.cx > 500 for dot in layout.dots)
    # The name, in Arabic and isolated, starts the requester line at its right end.
    [line] = name_lines(layout, NAMES["arabic"])
    assert line.line.segments[0] == (NAMES["arabic"], True)
    assert line.line.runs[-1].rtl
    assert "".join(line.line.runs[-1].text.split()) == "".join(NAMES["arabic"].split())


def test_the_docs_describe_lang(api: Api) -> None:
    schema = api.client.get("/openapi.json").json()
    operation = schema["paths"][
        "/v1/business-centers/{bc_id}/access-requests/{request_id}/qr-card"
    ]["get"]
    [parameter] = [p for p in operation["parameters"] if p["name"] == "lang"]
    assert parameter["in"] == "query"
    assert not parameter.get("required", False)
    for language in SUPPORTED_LANGUAGES:
        assert f"`{language}`" in parameter["description"]
    assert "?lang=" in schema["components"]["schemas"]["ConsentScreen"]["description"]


# --- the README's cards -----------------------------------------------------------------------


@pytest.mark.parametrize("language", list(README_CARDS))
def test_the_readme_shows_cards_rendered_by_this_test(api: Api, language: str) -> None:
    served = served_card(api, README_CARDS[language], lang=language)
    image = served.image()
    assert decode_qr(image) == [served.access_request["qr_code_url"]]
    committed = ROOT / "docs" / f"qr-card-{language}.png"
    if os.environ.get("UPDATE_SCREENSHOT") == "1":
        committed.parent.mkdir(exist_ok=True)
        committed.write_bytes(served.content)
    assert committed.is_file(), f"{committed} is missing: run with UPDATE_SCREENSHOT=1"
    shown = Image.open(committed).convert("RGB")
    assert shown.size == image.size, "the README's card is out of date: UPDATE_SCREENSHOT=1"
    [url] = decode_qr(shown)
    assert re.fullmatch(r"http://testserver/v1/qr/[A-Za-z0-9_-]{43}", url)
    readme = (ROOT / "README.md").read_text()
    assert f"docs/qr-card-{language}.png" in readme
