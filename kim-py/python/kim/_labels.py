"""Display labels in Indonesian (``lang="id"``, the default) and English (``lang="en"``) for charts, HTML views and
Excel sheets. Column names never change: they are the API, in English."""

from __future__ import annotations

from typing import Literal

Lang = Literal["id", "en"]

_default: list[Lang] = ["id"]

LABELS: dict[str, dict[str, str]] = {
    "id": {
        "coverage": "Cakupan KIM",
        "village_ratio": "% desa/kelurahan dengan KIM aktif",
        "kecamatan_ratio": "% kecamatan dengan KIM aktif",
        "desa_ratio": "% desa dengan KIM aktif",
        "kelurahan_ratio": "% kelurahan dengan KIM aktif",
        "code": "Kode",
        "name": "Nama",
        "parent": "Induk",
        "villages": "Desa/kelurahan",
        "villages_with_kim": "Desa/kelurahan dengan KIM",
        "kecamatan": "Kecamatan",
        "kecamatan_with_kim": "Kecamatan dengan KIM",
        "n_kim": "Jumlah KIM",
        "n_members": "Anggota",
        "total": "Total",
        "as_of": "per",
        "code_list": "daftar kode",
        "level": "tingkat",
        "more_rows": "… {n} baris lainnya",
        "of": "dari",
        "unmatched": "KIM aktif di luar daftar kode",
        "excluded": "KIM tidak dihitung karena tidak valid",
        "top": "{n} tertinggi",
        "bottom": "{n} terendah",
        "by_parent": "sebaran per {parent}",
        "date": "Tanggal",
        "target": "Target",
        "projected": "Proyeksi",
        "about": "Keterangan",
        "sheet": "Cakupan",
        "field": "Butir",
        "value": "Nilai",
        "definition_id": "Definisi (Bahasa Indonesia)",
        "definition_en": "Definisi (English)",
        "provinsi": "Provinsi",
        "kab_kota": "Kabupaten/Kota",
        "desa": "Desa/Kelurahan",
        "Indonesia": "Indonesia",
    },
    "en": {
        "coverage": "KIM coverage",
        "village_ratio": "% of villages with an active KIM",
        "kecamatan_ratio": "% of kecamatan with an active KIM",
        "desa_ratio": "% of desa with an active KIM",
        "kelurahan_ratio": "% of kelurahan with an active KIM",
        "code": "Code",
        "name": "Name",
        "parent": "Parent",
        "villages": "Villages",
        "villages_with_kim": "Villages with a KIM",
        "kecamatan": "Kecamatan",
        "kecamatan_with_kim": "Kecamatan with a KIM",
        "n_kim": "KIMs",
        "n_members": "Members",
        "total": "Total",
        "as_of": "as of",
        "code_list": "code list",
        "level": "level",
        "more_rows": "… {n} more rows",
        "of": "of",
        "unmatched": "active KIMs outside the code list",
        "excluded": "KIMs not counted because invalid",
        "top": "top {n}",
        "bottom": "bottom {n}",
        "by_parent": "spread by {parent}",
        "date": "Date",
        "target": "Target",
        "projected": "Projected",
        "about": "About",
        "sheet": "Coverage",
        "field": "Item",
        "value": "Value",
        "definition_id": "Definition (Bahasa Indonesia)",
        "definition_en": "Definition (English)",
        "provinsi": "Province",
        "kab_kota": "Kabupaten/kota",
        "desa": "Village",
        "Indonesia": "Indonesia",
    },
}

# The metrics of a coverage table, defined in both languages (the Excel export's second sheet).
DEFINITIONS: list[tuple[str, str, str]] = [
    (
        "villages",
        "Jumlah desa, kelurahan dan desa adat dalam unit menurut daftar kode Kemendagri.",
        "Villages (desa, kelurahan and desa adat) in the unit, by the Kemendagri code list.",
    ),
    (
        "villages_with_kim",
        "Desa/kelurahan yang memiliki sedikitnya satu KIM aktif pada tanggal as_of (beberapa KIM di satu desa "
        "dihitung sekali).",
        "Villages with at least one KIM active on as_of (several KIMs in one village count once).",
    ),
    (
        "village_ratio",
        "Cakupan desa: villages_with_kim ÷ villages.",
        "Village coverage: villages_with_kim ÷ villages.",
    ),
    (
        "kecamatan_with_kim",
        "Kecamatan yang memiliki sedikitnya satu desa dengan KIM aktif.",
        "Kecamatan with at least one village that has an active KIM.",
    ),
    (
        "kecamatan_ratio",
        "Cakupan kecamatan (indikator SPM, Permenkominfo 22/2010): kecamatan_with_kim ÷ kecamatan.",
        "Kecamatan coverage (the SPM indicator, Permenkominfo 22/2010): kecamatan_with_kim ÷ kecamatan.",
    ),
    (
        "n_kim",
        "Jumlah KIM aktif (status registered atau active) yang berkedudukan di unit.",
        "Active KIMs (status registered or active) seated in the unit.",
    ),
    (
        "n_members",
        "Anggota yang menjabat pada tanggal as_of di KIM tersebut.",
        "Members serving on as_of in those KIMs.",
    ),
]


def set_lang(lang: Lang) -> None:
    """Sets the default language of display labels (charts, HTML views, Excel): ``"id"`` or ``"en"``."""
    _default[0] = check(lang)


def get_lang() -> Lang:
    """The default language of display labels."""
    return _default[0]


def check(lang: str | None) -> Lang:
    """``lang``, or the default when ``None``; anything but ``"id"`` and ``"en"`` is an ``ArgumentError``."""
    if lang is None:
        return _default[0]
    if lang == "id":
        return "id"
    if lang == "en":
        return "en"
    from kim.errors import ArgumentError

    raise ArgumentError(f'lang must be "id" or "en", not {lang!r}')


def label(key: str, lang: str | None = None) -> str:
    """The display label of ``key`` (a column name, a level or a word of the views) in ``lang``; the key itself when
    there is none."""
    return LABELS[check(lang)].get(key, key)


def percent(ratio: float | None) -> str:
    """A ratio as a percentage with enough precision that a small non-zero share never reads as 0: one decimal from
    0.1%, two significant digits below (``0.012%``); ``–`` when undefined."""
    if ratio is None or ratio != ratio:
        return "–"
    p = ratio * 100
    if p == 0 or p >= 0.1:
        return f"{p:.1f}%"
    return f"{p:.2g}%"
