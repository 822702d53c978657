# Translations are written in their own letters (the dotless i of Turkish, typographic
# apostrophes): they are meant, not look-alikes.
# ruff: noqa: RUF001
"""The "Copy QR card"'s own texts in each language it can be written in (``?lang=``).

The card goes to the owner of a TikTok account, who may read no English: its texts follow the
owner's language, while the Business Center's name stays as the BC wrote it. This module is the
one place the translations live: one ``CardTexts`` per language, in ``CARD_TEXTS``. To add a
language, add an entry (tests/access_requests/test_qr_card_languages.py checks that every entry
is complete and renders).

The steps to the scanner name what the TikTok app itself shows in that language (Profile, the
menu, Settings and privacy, QR code, Scan), as far as TikTok's localized help and guides show
them; "Menu" stands for the three-line icon, which has no label in the app.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Annotated, Final, Literal

from pydantic import AfterValidator

__all__ = [
    "CARD_TEXTS",
    "DEFAULT_LANGUAGE",
    "LANGUAGE_TAG_MAX_LENGTH",
    "SUPPORTED_LANGUAGES",
    "CardLanguageTag",
    "CardTexts",
    "card_language",
]

TextDirection = Literal["ltr", "rtl"]


@dataclass(frozen=True, slots=True)
class CardTexts:
    """Every text of the card in one language. ``{name}`` and ``{time}`` are filled in."""

    direction: TextDirection
    title: str
    requester: str
    """'{name} requests access': the BC's name is put in at ``{name}``."""
    access_for: str
    """A label above the scope, as the card shows it (capitals where the script has them)."""
    scopes: Mapping[str, str]
    permissions_label: str
    permissions: Mapping[str, str]
    no_permissions: str
    expires: str
    """'Expires {time}': ``{time}`` is 'YYYY-MM-DD HH:MM UTC'."""
    how_to_scan: str
    scanner_path: tuple[str, ...]
    """Where the scanner is in the TikTok app, step by step."""
    unnamed: str
    """Shown instead of a name that has nothing printable left."""


CARD_TEXTS: Final[Mapping[str, CardTexts]] = {
    "en": CardTexts(
        direction="ltr",
        title="Authorize access to your TikTok account",
        requester="{name} requests access",
        access_for="ACCESS FOR",
        scopes={
            "EXISTING_POSTS": "Ad delivery with existing posts",
            "LIVE_VIDEOS": "Ad delivery with LIVE videos",
        },
        permissions_label="PERMISSIONS",
        permissions={
            "PROFILE_INFO": "Profile info",
            "AD_ENABLED_POSTS": "Ad-enabled posts",
            "PUBLIC_VIDEOS": "Public videos",
            "LIVE_VIDEOS": "LIVE videos",
        },
        no_permissions="None",
        expires="Expires {time}",
        how_to_scan="HOW TO SCAN",
        scanner_path=("Open TikTok", "Profile", "Menu", "Settings and privacy", "QR code", "Scan"),
        unnamed="A Business Center",
    ),
    "ja": CardTexts(
        direction="ltr",
        title="TikTokアカウントへのアクセスを承認してください",
        requester="{name}がアクセスをリクエストしています",
        access_for="アクセスの用途",
        scopes={
            "EXISTING_POSTS": "既存の投稿による広告配信",
            "LIVE_VIDEOS": "LIVE動画による広告配信",
        },
        permissions_label="権限",
        permissions={
            "PROFILE_INFO": "プロフィール情報",
            "AD_ENABLED_POSTS": "広告での利用が許可された投稿",
            "PUBLIC_VIDEOS": "公開動画",
            "LIVE_VIDEOS": "LIVE動画",
        },
        no_permissions="なし",
        expires="有効期限: {time}",
        how_to_scan="スキャンの方法",
        scanner_path=(
            "TikTokを開く",
            "プロフィール",
            "メニュー",
            "設定とプライバシー",
            "QRコード",
            "スキャン",
        ),
        unnamed="ビジネスセンター",
    ),
    "ko": CardTexts(
        direction="ltr",
        title="TikTok 계정에 대한 액세스를 승인하세요",
        requester="{name}에서 액세스를 요청합니다",
        access_for="액세스 용도",
        scopes={
            "EXISTING_POSTS": "기존 게시물로 광고 게재",
            "LIVE_VIDEOS": "LIVE 동영상으로 광고 게재",
        },
        permissions_label="권한",
        permissions={
            "PROFILE_INFO": "프로필 정보",
            "AD_ENABLED_POSTS": "광고 사용이 허용된 게시물",
            "PUBLIC_VIDEOS": "공개 동영상",
            "LIVE_VIDEOS": "LIVE 동영상",
        },
        no_permissions="없음",
        expires="만료: {time}",
        how_to_scan="스캔 방법",
        scanner_path=("TikTok 열기", "프로필", "메뉴", "설정 및 개인정보", "QR 코드", "스캔"),
        unnamed="비즈니스 센터",
    ),
    "zh-Hans": CardTexts(
        direction="ltr",
        title="授权访问你的 TikTok 账号",
        requester="{name} 请求访问权限",
        access_for="访问用途",
        scopes={
            "EXISTING_POSTS": "使用现有帖子投放广告",
            "LIVE_VIDEOS": "使用 LIVE 视频投放广告",
        },
        permissions_label="权限",
        permissions={
            "PROFILE_INFO": "个人资料信息",
            "AD_ENABLED_POSTS": "已开启广告授权的帖子",
            "PUBLIC_VIDEOS": "公开视频",
            "LIVE_VIDEOS": "LIVE 视频",
        },
        no_permissions="无",
        expires="有效期至 {time}",
        how_to_scan="如何扫描",
        scanner_path=("打开 TikTok", "主页", "菜单", "设置和隐私", "二维码", "扫描"),
        unnamed="商务中心",
    ),
    "zh-Hant": CardTexts(
        direction="ltr",
        title="授權存取你的 TikTok 帳號",
        requester="{name} 要求存取權限",
        access_for="存取用途",
        scopes={
            "EXISTING_POSTS": "使用現有貼文投放廣告",
            "LIVE_VIDEOS": "使用 LIVE 影片投放廣告",
        },
        permissions_label="權限",
        permissions={
            "PROFILE_INFO": "個人檔案資訊",
            "AD_ENABLED_POSTS": "已開啟廣告授權的貼文",
            "PUBLIC_VIDEOS": "公開影片",
            "LIVE_VIDEOS": "LIVE 影片",
        },
        no_permissions="無",
        expires="有效期限至 {time}",
        how_to_scan="如何掃描",
        scanner_path=("開啟 TikTok", "個人檔案", "選單", "設定和隱私", "QR 碼", "掃描"),
        unnamed="商務中心",
    ),
    "th": CardTexts(
        direction="ltr",
        title="อนุญาตให้เข้าถึงบัญชี TikTok ของคุณ",
        requester="{name} ขอสิทธิ์เข้าถึง",
        access_for="การเข้าถึงเพื่อ",
        scopes={
            "EXISTING_POSTS": "การแสดงโฆษณาด้วยโพสต์ที่มีอยู่",
            "LIVE_VIDEOS": "การแสดงโฆษณาด้วยวิดีโอ LIVE",
        },
        permissions_label="สิทธิ์",
        permissions={
            "PROFILE_INFO": "ข้อมูลโปรไฟล์",
            "AD_ENABLED_POSTS": "โพสต์ที่เปิดใช้งานโฆษณา",
            "PUBLIC_VIDEOS": "วิดีโอสาธารณะ",
            "LIVE_VIDEOS": "วิดีโอ LIVE",
        },
        no_permissions="ไม่มี",
        expires="หมดอายุ {time}",
        how_to_scan="วิธีสแกน",
        scanner_path=(
            "เปิด TikTok",
            "โปรไฟล์",
            "เมนู",
            "การตั้งค่าและความเป็นส่วนตัว",
            "คิวอาร์โค้ด",
            "สแกน",
        ),
        unnamed="ศูนย์ธุรกิจ",
    ),
    "vi": CardTexts(
        direction="ltr",
        title="Cấp quyền truy cập tài khoản TikTok của bạn",
        requester="{name} yêu cầu quyền truy cập",
        access_for="TRUY CẬP ĐỂ",
        scopes={
            "EXISTING_POSTS": "Phân phối quảng cáo bằng bài đăng hiện có",
            "LIVE_VIDEOS": "Phân phối quảng cáo bằng video LIVE",
        },
        permissions_label="QUYỀN",
        permissions={
            "PROFILE_INFO": "Thông tin hồ sơ",
            "AD_ENABLED_POSTS": "Bài đăng đã bật quảng cáo",
            "PUBLIC_VIDEOS": "Video công khai",
            "LIVE_VIDEOS": "Video LIVE",
        },
        no_permissions="Không có",
        expires="Hết hạn {time}",
        how_to_scan="CÁCH QUÉT",
        scanner_path=("Mở TikTok", "Hồ sơ", "Menu", "Cài đặt và quyền riêng tư", "Mã QR", "Quét"),
        unnamed="Một Trung tâm kinh doanh",
    ),
    "id": CardTexts(
        direction="ltr",
        title="Izinkan akses ke akun TikTok Anda",
        requester="{name} meminta akses",
        access_for="AKSES UNTUK",
        scopes={
            "EXISTING_POSTS": "Penayangan iklan dengan postingan yang ada",
            "LIVE_VIDEOS": "Penayangan iklan dengan video LIVE",
        },
        permissions_label="IZIN",
        permissions={
            "PROFILE_INFO": "Info profil",
            "AD_ENABLED_POSTS": "Postingan dengan iklan diaktifkan",
            "PUBLIC_VIDEOS": "Video publik",
            "LIVE_VIDEOS": "Video LIVE",
        },
        no_permissions="Tidak ada",
        expires="Kedaluwarsa {time}",
        how_to_scan="CARA MEMINDAI",
        scanner_path=(
            "Buka TikTok",
            "Profil",
            "Menu",
            "Pengaturan dan privasi",
            "Kode QR",
            "Pindai",
        ),
        unnamed="Sebuah Business Center",
    ),
    "es": CardTexts(
        direction="ltr",
        title="Autoriza el acceso a tu cuenta de TikTok",
        requester="{name} solicita acceso",
        access_for="ACCESO PARA",
        scopes={
            "EXISTING_POSTS": "Anuncios con publicaciones existentes",
            "LIVE_VIDEOS": "Anuncios con vídeos LIVE",
        },
        permissions_label="PERMISOS",
        permissions={
            "PROFILE_INFO": "Información del perfil",
            "AD_ENABLED_POSTS": "Publicaciones autorizadas para anuncios",
            "PUBLIC_VIDEOS": "Vídeos públicos",
            "LIVE_VIDEOS": "Vídeos LIVE",
        },
        no_permissions="Ninguno",
        expires="Caduca el {time}",
        how_to_scan="CÓMO ESCANEAR",
        scanner_path=(
            "Abre TikTok",
            "Perfil",
            "Menú",
            "Configuración y privacidad",
            "Código QR",
            "Escanear",
        ),
        unnamed="Un Business Center",
    ),
    "pt": CardTexts(
        direction="ltr",
        title="Autorize o acesso à sua conta do TikTok",
        requester="{name} solicita acesso",
        access_for="ACESSO PARA",
        scopes={
            "EXISTING_POSTS": "Anúncios com publicações existentes",
            "LIVE_VIDEOS": "Anúncios com vídeos LIVE",
        },
        permissions_label="PERMISSÕES",
        permissions={
            "PROFILE_INFO": "Informações do perfil",
            "AD_ENABLED_POSTS": "Publicações autorizadas para anúncios",
            "PUBLIC_VIDEOS": "Vídeos públicos",
            "LIVE_VIDEOS": "Vídeos LIVE",
        },
        no_permissions="Nenhuma",
        expires="Expira em {time}",
        how_to_scan="COMO ESCANEAR",
        scanner_path=(
            "Abra o TikTok",
            "Perfil",
            "Menu",
            "Configurações e privacidade",
            "QR code",
            "Escanear",
        ),
        unnamed="Um Business Center",
    ),
    "de": CardTexts(
        direction="ltr",
        title="Zugriff auf dein TikTok-Konto autorisieren",
        requester="{name} bittet um Zugriff",
        access_for="ZUGRIFF FÜR",
        scopes={
            "EXISTING_POSTS": "Werbung mit bestehenden Beiträgen",
            "LIVE_VIDEOS": "Werbung mit LIVE-Videos",
        },
        permissions_label="BERECHTIGUNGEN",
        permissions={
            "PROFILE_INFO": "Profilinformationen",
            "AD_ENABLED_POSTS": "Für Werbung freigegebene Beiträge",
            "PUBLIC_VIDEOS": "Öffentliche Videos",
            "LIVE_VIDEOS": "LIVE-Videos",
        },
        no_permissions="Keine",
        expires="Läuft ab am {time}",
        how_to_scan="SO SCANNST DU",
        scanner_path=(
            "TikTok öffnen",
            "Profil",
            "Menü",
            "Einstellungen und Datenschutz",
            "QR-Code",
            "Scannen",
        ),
        unnamed="Ein Business Center",
    ),
    "fr": CardTexts(
        direction="ltr",
        title="Autorisez l’accès à votre compte TikTok",
        requester="{name} demande l’accès",
        access_for="ACCÈS POUR",
        scopes={
            "EXISTING_POSTS": "Publicités avec des publications existantes",
            "LIVE_VIDEOS": "Publicités avec des vidéos LIVE",
        },
        permissions_label="AUTORISATIONS",
        permissions={
            "PROFILE_INFO": "Informations du profil",
            "AD_ENABLED_POSTS": "Publications autorisées pour la publicité",
            "PUBLIC_VIDEOS": "Vidéos publiques",
            "LIVE_VIDEOS": "Vidéos LIVE",
        },
        no_permissions="Aucune",
        expires="Expire le {time}",
        how_to_scan="COMMENT SCANNER",
        scanner_path=(
            "Ouvrez TikTok",
            "Profil",
            "Menu",
            "Paramètres et confidentialité",
            "Code QR",
            "Scanner",
        ),
        unnamed="Un Business Center",
    ),
    "tr": CardTexts(
        direction="ltr",
        title="TikTok hesabına erişim izni ver",
        requester="{name} erişim istiyor",
        access_for="ERİŞİM AMACI",
        scopes={
            "EXISTING_POSTS": "Mevcut gönderilerle reklam yayını",
            "LIVE_VIDEOS": "LIVE videolarla reklam yayını",
        },
        permissions_label="İZİNLER",
        permissions={
            "PROFILE_INFO": "Profil bilgileri",
            "AD_ENABLED_POSTS": "Reklama izin verilen gönderiler",
            "PUBLIC_VIDEOS": "Herkese açık videolar",
            "LIVE_VIDEOS": "LIVE videolar",
        },
        no_permissions="Yok",
        expires="Son geçerlilik: {time}",
        how_to_scan="NASIL TARANIR",
        scanner_path=("TikTok’u aç", "Profil", "Menü", "Ayarlar ve gizlilik", "QR kodu", "Tara"),
        unnamed="Bir Business Center",
    ),
    "ar": CardTexts(
        direction="rtl",
        title="امنح حق الوصول إلى حسابك على TikTok",
        requester="{name} يطلب حق الوصول",
        access_for="الوصول من أجل",
        scopes={
            "EXISTING_POSTS": "عرض الإعلانات بالمنشورات الحالية",
            "LIVE_VIDEOS": "عرض الإعلانات بفيديوهات LIVE",
        },
        permissions_label="الأذونات",
        permissions={
            "PROFILE_INFO": "معلومات الملف الشخصي",
            "AD_ENABLED_POSTS": "المنشورات المسموح بها للإعلانات",
            "PUBLIC_VIDEOS": "الفيديوهات العامة",
            "LIVE_VIDEOS": "فيديوهات LIVE",
        },
        no_permissions="لا شيء",
        expires="تنتهي الصلاحية في {time}",
        how_to_scan="طريقة المسح",
        scanner_path=(
            "افتح TikTok",
            "الملف الشخصي",
            "القائمة",
            "الإعدادات والخصوصية",
            "رمز QR",
            "مسح",
        ),
        unnamed="مركز أعمال",
    ),
}

DEFAULT_LANGUAGE: Final = "en"
SUPPORTED_LANGUAGES: Final = tuple(CARD_TEXTS)

# BCP 47 (RFC 5646) in outline: a primary language of 2 to 3 letters (or 4 to 8, registered
# ones), then subtags of 1 to 8 letters and digits. 35 characters hold every tag in practice.
_LANGUAGE_TAG: Final = re.compile(r"[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*")
LANGUAGE_TAG_MAX_LENGTH: Final = 35
# Chinese is written in two scripts; a tag without one says it by its region (CLDR's likely
# subtags): Taiwan, Hong Kong and Macao write Traditional, everywhere else Simplified.
_TRADITIONAL_CHINESE_REGIONS: Final = frozenset({"tw", "hk", "mo"})
_BY_LOWER_CASE: Final = {language.lower(): language for language in SUPPORTED_LANGUAGES}


def card_language(tag: str) -> str:
    """The supported language a BCP 47 ``tag`` asks for: itself, else its primary language
    (``pt-BR`` gives ``pt``); for Chinese, its script or region (``zh-TW`` gives ``zh-Hant``).

    Raises ValueError, naming the supported languages, for any other tag.
    """
    if len(tag) <= LANGUAGE_TAG_MAX_LENGTH and _LANGUAGE_TAG.fullmatch(tag):
        subtags = tag.lower().split("-")
        if tag.lower() in _BY_LOWER_CASE:
            return _BY_LOWER_CASE[tag.lower()]
        if subtags[0] == "zh":
            if "hant" in subtags[1:] or (
                "hans" not in subtags[1:] and _TRADITIONAL_CHINESE_REGIONS & set(subtags[1:])
            ):
                return "zh-Hant"
            return "zh-Hans"
        if subtags[0] in _BY_LOWER_CASE:
            return _BY_LOWER_CASE[subtags[0]]
    # The tag itself is not repeated: problem responses never echo the input back.
    raise ValueError(
        "not a language the QR card is written in; supported languages (BCP 47 tags; a tag "
        "is matched by its primary language, pt-BR gives pt): " + ", ".join(SUPPORTED_LANGUAGES)
    )


CardLanguageTag = Annotated[str, AfterValidator(card_language)]
"""A BCP 47 tag, validated and replaced by the supported language it asks for (``?lang=``)."""
