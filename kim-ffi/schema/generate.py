"""Writes kim-ffi/schema/*.schema.json, the JSON Schemas (draft 2020-12) of every document in and out of the C ABI.

Edit this file, not the JSON, then run `python3 kim-ffi/schema/generate.py` and
`python kim-ffi/tests/schemas.py <libkim_ffi.so> examples/data`, which validates real outputs against them.
"""

import json
import os

OUT = os.path.dirname(os.path.abspath(__file__))
BASE = "https://github.com/kim-rs/kim/raw/main/kim-ffi/schema/"


def ref(name, d=None):
    return {"$ref": f"{name}.schema.json" + (f"#/$defs/{d}" if d else "")}


def c(d):
    return ref("common", d)


def obj(props, req=None, extra=False, desc=None):
    o = {"type": "object"}
    if desc:
        o["description"] = desc
    o["properties"] = props
    o["required"] = list(props) if req is None else req
    o["additionalProperties"] = extra
    return o


def arr(items, desc=None):
    a = {"type": "array", "items": items}
    if desc:
        a["description"] = desc
    return a


S = {"type": "string"}
UINT = {"type": "integer", "minimum": 0}
B = {"type": "boolean"}
N = {"type": "number"}


def nul(x):
    return {"anyOf": [x, {"type": "null"}]}


def enum(*v):
    return {"enum": list(v)}


V1 = {"const": 1, "description": "schema_version of this ABI"}
schemas = {}


def doc(name, title, desc, body):
    s = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": BASE + name + ".schema.json",
        "title": title,
        "description": desc,
    }
    s.update(body)
    schemas[name] = s


level = enum("provinsi", "kab_kota", "kecamatan", "desa")
village_counts = obj({"desa": UINT, "kelurahan": UINT, "desa_adat": UINT, "total": UINT})
name_match = obj(
    {
        "code": c("code"),
        "name": S,
        "kind": enum("exact", "abbreviation", "fuzzy"),
        "score": {"type": "number", "exclusiveMinimum": 0, "maximum": 1},
        "kecamatan": S,
        "kab_kota": S,
    },
    req=["code", "name", "kind", "score"],
)
citation = obj(
    {"instrument": S, "pasal": nul(S), "tag": enum("R", "R2", "L", "N", "I"), "note": nul(S)},
    req=["instrument", "pasal", "tag"],
)
finding = obj(
    {
        "code": S,
        "severity": enum("error", "warning", "info"),
        "path": {
            "type": "string",
            "description": "kim style members[m2].occupation, or Laravel style members.1.occupation "
            "(path_style laravel)",
        },
        "profile": S,
        "citation": c("citation"),
        "message_id": S,
        "message_en": S,
    }
)
status = enum("draft", "established", "registered", "active", "inactive", "dissolved")
date = {"type": "string", "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}
datetime = {"type": "string", "format": "date-time"}
member = obj(
    {
        "id": S,
        "name": S,
        "nik": nul({"type": ["string", "integer"]}),
        "sex": nul(S),
        "birth_date": nul(c("date")),
        "role": nul(S),
        "occupation": nul(S),
        "term_start": nul(c("date")),
        "term_end": nul(c("date")),
        "clean_record": nul(B),
        "residence": nul(c("code")),
    },
    req=["id", "name"],
    extra=True,
)
member["description"] = (
    "A member. Roles and occupations are kim's vocabulary or legacy text (reported as findings). Fields not listed "
    "are refused by kim with a path (members[m2].field)."
)
member["additionalProperties"] = False
kim = obj(
    {
        "id": S,
        "name": S,
        "kind": nul(S),
        "seat": c("code"),
        "sk": nul(obj({"number": nul(S), "date": nul(c("date")), "issuer": nul(S)}, req=[])),
        "registration": nul(obj({"number": nul(S), "date": nul(c("date")), "kab_kota": nul(c("code"))}, req=[])),
        "formation": nul(obj({"kind": nul(S), "reference": nul(S), "date": nul(c("date"))}, req=[])),
        "media": arr(S),
        "sectors": arr(S),
        "statutes": nul(B),
        "members": arr(c("member")),
        "history": arr(obj({"date": c("date"), "status": c("status")})),
        "rejected_members": arr({"type": "object"}),
    },
    req=["id", "name", "seat"],
)
verdict = obj(
    {
        "schema_version": V1,
        "decision": enum("allow", "hold", "block"),
        "categories": arr(S),
        "matches": arr(
            obj(
                {
                    "start": UINT,
                    "end": UINT,
                    "category": S,
                    "severity": S,
                    "action": enum("allow", "flag", "hold", "block"),
                    "rule_id": S,
                    "reason_id": S,
                    "reason_en": S,
                    "parts": arr(
                        obj({"role": S, "start": UINT, "end": UINT}),
                        "The parts of a construction or a targeted insult, each with its role and byte span in the "
                        "original text (absent when empty).",
                    ),
                    "softened_by": {
                        **S,
                        "description": "The context that turned this match into a flag, or brought it down from "
                        "block to hold (absent when none): a context class of the constructions file (the default "
                        'one has "reporting", "debunk", "commerce", "livestock", "opposing", "advice", "sport", '
                        '"hedge", "adtalk", ...; a user\'s file may add its own), "quotation" (inside quotation marks '
                        'in a text that reports or debunks) or "hold-model" (the hold model\'s second opinion: a block '
                        "of the rules of one category brought down to hold, or a hold of the rules to a flag, where "
                        "the model read the sentences around those matches as lawful).",
                        "examples": ["reporting", "debunk", "quotation", "opposing", "hold-model"],
                    },
                },
                req=["start", "end", "category", "severity", "action", "rule_id", "reason_id", "reason_en"],
            )
        ),
        "omitted": arr(obj({"category": S, "count": UINT})),
        "fact_check": B,
        "lexicon_version": S,
        "redacted": {
            "type": "string",
            "description": "The text with personal data masked, present when personal data holds or blocks the post: "
            "the version a moderator may publish.",
        },
    },
    req=["schema_version", "decision", "categories", "matches", "fact_check", "lexicon_version"],
)
role = enum("pengelola_kim", "moderator", "admin_diskominfo", "pelapor", "pemilik_konten", "sistem")
state = enum("open", "decided", "appealed", "closed")
outcome = enum("approve", "remove", "request_edit")
hoax = enum("misinformasi", "disinformasi", "malinformasi")
audit = obj(
    {
        "seq": UINT,
        "at": c("datetime"),
        "actor": S,
        "role": c("role"),
        "action": enum(
            "open",
            "decide:approve",
            "decide:remove",
            "decide:request_edit",
            "appeal",
            "appeal:upheld",
            "appeal:overturned",
            "close",
        ),
        "before": nul(c("state")),
        "after": c("state"),
        "ruleset_version": S,
        "reason": S,
    }
)
report = obj(
    {"schema_version": V1, "kim_id": S, "as_of": c("date"), "profiles": arr(S), "ok": B, "findings": arr(c("finding"))}
)
coverage_row = obj(
    {
        "code": nul(c("code")),
        "name": S,
        "level": nul(level),
        "parent": nul(c("code")),
        "villages": c("village_counts"),
        "villages_with_kim": c("village_counts"),
        "village_ratio": nul(N),
        "desa_ratio": nul(N),
        "kelurahan_ratio": nul(N),
        "kecamatan": UINT,
        "kecamatan_with_kim": UINT,
        "kecamatan_ratio": nul(N),
        "n_kim": UINT,
        "n_members": UINT,
        "code_list_version": S,
        "as_of": c("date"),
        "denominators": obj(
            {
                "population": nul(UINT),
                "area_km2": nul(N),
                "kim_per_100k_residents": nul(N),
                "kim_per_1000_km2": nul(N),
            },
            desc="with the option denominators: figures for provinces and kab/kota of the list they were published "
            "for, null elsewhere",
        ),
    },
    req=[
        "code",
        "name",
        "level",
        "parent",
        "villages",
        "villages_with_kim",
        "village_ratio",
        "desa_ratio",
        "kelurahan_ratio",
        "kecamatan",
        "kecamatan_with_kim",
        "kecamatan_ratio",
        "n_kim",
        "n_members",
        "code_list_version",
        "as_of",
    ],
)
denominator_summary = obj(
    {
        "figures_code_list_version": S,
        "applies": B,
        "population_source": S,
        "population_year": UINT,
        "area_source": S,
        "area_year": UINT,
        "rows_without_population": UINT,
        "rows_without_area": UINT,
    },
    desc="with the option denominators: sources, years, and rows without a figure",
)
code_list_version = obj(
    {
        "id": S,
        "decree": S,
        "in_force": c("date"),
        "upstream_file": S,
        "upstream_sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
        "counts": obj({k: UINT for k in ["provinsi", "kab_kota", "kecamatan", "villages"]}),
        "current": B,
    }
)
figure = obj({"value": N, "source": S, "year": UINT})
series_point = obj(
    {
        "date": c("date"),
        "villages": c("village_counts"),
        "villages_with_kim": c("village_counts"),
        "village_ratio": nul(N),
        "kecamatan": UINT,
        "kecamatan_with_kim": UINT,
        "kecamatan_ratio": nul(N),
        "n_kim": UINT,
    }
)
row_error = obj({"line": UINT, "field": S, "value": S, "code": {"type": "string", "pattern": "^KIM-E-"}, "reason": S})
table_report = obj(
    {
        "rows_in": UINT,
        "accepted": UINT,
        "rejected": UINT,
        "accepted_with_findings": UINT,
        "errors": arr(c("row_error")),
        "error_counts": {"type": "object", "additionalProperties": UINT, "propertyNames": {"pattern": "^KIM-E-"}},
        "errors_truncated": B,
        "stopped_at_line": nul(UINT),
        "encoding": S,
        "delimiter": S,
        "warnings": arr(S),
    },
    req=["rows_in", "accepted", "rejected", "accepted_with_findings", "errors"],
)
review_item = obj(
    {
        "line": UINT,
        "id": nul(S),
        "desa": S,
        "kecamatan": nul(S),
        "kab_kota": nul(S),
        "key": S,
        "reason": S,
        "candidates": arr(c("name_match")),
    }
)
profile = obj(
    {
        "schema_version": V1,
        "id": S,
        "version": S,
        "title": S,
        "instrument": S,
        "kind": enum("national", "overlay"),
        "region": nul(c("code")),
        "valid_from": nul(c("date")),
        "valid_until": nul(c("date")),
        "kim_name": nul(S),
        "notes": nul(S),
        "rules": arr(
            obj(
                {
                    "code": S,
                    "severity": enum("error", "warning", "info"),
                    "check": {"type": "object", "required": ["kind"], "properties": {"kind": S}},
                    "citation": c("citation"),
                    "message": obj({"id": S, "en": S}),
                }
            )
        ),
    },
    req=["schema_version", "id", "version", "title", "instrument", "kind", "rules"],
)

doc(
    "common",
    "Shared definitions",
    "Definitions shared by the kim ABI schemas (no document has this shape by itself).",
    {
        "$defs": {
            "code": {
                "type": "string",
                "description": "Kemendagri code, dotted: PP, PP.KK, PP.KK.CC or PP.KK.CC.XNNN",
                "pattern": "^[0-9]{2}(\\.[0-9]{2}(\\.[0-9]{2}(\\.[123][0-9]{3})?)?)?$",
            },
            "date": date,
            "datetime": datetime,
            "status": status,
            "level": level,
            "village_counts": village_counts,
            "name_match": name_match,
            "citation": citation,
            "finding": finding,
            "member": member,
            "kim": kim,
            "verdict": verdict,
            "role": role,
            "state": state,
            "audit_event": audit,
            "report": report,
            "coverage_row": coverage_row,
            "denominator_summary": denominator_summary,
            "code_list_version": code_list_version,
            "figure": figure,
            "series_point": series_point,
            "row_error": row_error,
            "table_report": table_report,
            "review_item": review_item,
            "profile": profile,
            "active": arr(c("status"), "statuses that count as active (default registered and active)"),
        }
    },
)

doc(
    "registry",
    "Registry",
    "In: kim_registry_from_json. Out: kim_registry_to_json (for_logs 1 masks NIKs and phones).",
    obj({"schema_version": V1, "kims": arr(c("kim"))}),
)
doc("kim", "One KIM", "In: kim_validate_kim (one element of a registry's kims).", c("kim"))
doc(
    "reference_lookup",
    "Code lookup",
    "Out: kim_reference_lookup.",
    obj(
        {
            "schema_version": V1,
            "code": c("code"),
            "name": S,
            "level": level,
            "parent": nul(c("code")),
            "counts": obj(
                {
                    k: UINT
                    for k in [
                        "provinsi",
                        "kabupaten",
                        "kota",
                        "kecamatan",
                        "kelurahan",
                        "desa",
                        "desa_adat",
                        "villages",
                    ]
                }
            ),
            "code_list_version": S,
        }
    ),
)
doc(
    "reference_children",
    "Children of a code",
    "Out: kim_reference_children.",
    obj(
        {
            "schema_version": V1,
            "parent": nul(c("code")),
            "children": arr(obj({"code": c("code"), "name": S, "level": level})),
            "code_list_version": S,
        }
    ),
)
doc(
    "resolve_request",
    "Place to resolve",
    "In: kim_reference_resolve. Exactly one of place, parts, desa.",
    {
        "oneOf": [
            obj({"place": S}),
            obj({"parts": arr(S)}),
            obj({"desa": S, "kecamatan": nul(S), "kab_kota": nul(S)}, req=["desa"]),
        ]
    },
)
doc(
    "resolution",
    "Resolution of a place",
    "Out: kim_reference_resolve.",
    {
        "type": "object",
        "required": ["schema_version", "resolution", "code_list_version"],
        "properties": {
            "schema_version": V1,
            "resolution": enum("unique", "ambiguous", "uncertain", "not_found"),
            "match": c("name_match"),
            "candidates": {"type": "array", "items": c("name_match"), "maxItems": 10},
            "field": enum("desa", "kecamatan", "kab_kota"),
            "code_list_version": S,
        },
        "additionalProperties": False,
        "allOf": [
            {"if": {"properties": {"resolution": {"const": "unique"}}}, "then": {"required": ["match"]}},
            {
                "if": {"properties": {"resolution": {"enum": ["ambiguous", "uncertain"]}}},
                "then": {"required": ["candidates"]},
            },
        ],
    },
)
doc(
    "match_options",
    "Options of a name match",
    "In: kim_reference_match_name.",
    obj({"within": c("code"), "level": level}, req=[]),
)
doc(
    "name_matches",
    "Name matches",
    "Out: kim_reference_match_name.",
    obj({"schema_version": V1, "matches": arr(c("name_match")), "code_list_version": S}),
)
doc(
    "csv_options",
    "CSV import options",
    "In: kim_registry_from_csv_with. Every key optional.",
    obj(
        {
            "delimiter": {"type": "string", "minLength": 1, "maxLength": 1},
            "encoding": S,
            "columns": {"type": "object", "additionalProperties": S},
            "dayfirst": B,
            "min_year": {"type": "integer"},
            "max_year": {"type": "integer"},
            "max_errors": UINT,
            "max_bad_rows": nul(UINT),
            "max_columns": UINT,
            "places": {"type": "object", "additionalProperties": c("code")},
        },
        req=[],
    ),
)
doc(
    "import_report",
    "CSV import report",
    "Out: kim_registry_from_csv, kim_registry_from_csv_with.",
    obj(
        {
            "schema_version": V1,
            "kims": c("table_report"),
            "members": nul(c("table_report")),
            "review": arr(c("review_item")),
        },
        req=["schema_version", "kims", "review"],
    ),
)
doc("profile_list", "Profiles", "Out: kim_profiles_list.", obj({"schema_version": V1, "profiles": arr(c("profile"))}))
doc("profile", "Rule profile", "In: kim_profiles_load_json (the shape of kim-core/profiles/*.json).", c("profile"))
doc(
    "validate_options",
    "Validation options",
    "In: kim_validate_kim, kim_validate_registry. Every key optional.",
    obj({"as_of": c("date"), "profiles": arr(S), "path_style": enum("kim", "laravel")}, req=[]),
)
doc("validation_report", "Validation report", "Out: kim_validate_kim.", c("report"))
doc(
    "validation_reports",
    "Validation reports",
    "Out: kim_validate_registry.",
    obj({"schema_version": V1, "reports": arr(c("report"))}),
)
doc(
    "coverage_options",
    "Coverage options",
    "In: kim_coverage, kim_gaps, kim_coverage_by_date, kim_gaps_by_date. Every key optional.",
    obj(
        {
            "as_of": c("date"),
            "level": level,
            "within": c("code"),
            "active": c("active"),
            "only_valid": B,
            "denominators": B,
        },
        req=[],
    ),
)
doc(
    "coverage",
    "Coverage table",
    "Out: kim_coverage.",
    obj(
        {
            "schema_version": V1,
            "rows": arr(c("coverage_row")),
            "total": c("coverage_row"),
            "unmatched": arr(
                obj({"kim_id": S, "seat": c("code"), "reason": enum("not_in_code_list", "not_a_village")})
            ),
            "excluded_invalid": arr(S),
            "code_list_version": S,
            "as_of": c("date"),
            "level": level,
            "within": nul(c("code")),
            "denominators": c("denominator_summary"),
        },
        req=[
            "schema_version",
            "rows",
            "total",
            "unmatched",
            "excluded_invalid",
            "code_list_version",
            "as_of",
            "level",
            "within",
        ],
    ),
)
doc(
    "gaps",
    "Gaps",
    "Out: kim_gaps, kim_gaps_by_date.",
    obj(
        {
            "schema_version": V1,
            "villages": arr(obj({"code": c("code"), "name": S, "parent": c("code")})),
            "kecamatan": arr(obj({"code": c("code"), "name": S, "parent": c("code")})),
            "as_of": c("date"),
            "code_list_version": S,
        }
    ),
)
doc(
    "series_options",
    "Coverage series options",
    "In: kim_coverage_series, kim_coverage_series_by_date. from and to, or dates.",
    {
        **obj(
            {
                "within": c("code"),
                "active": c("active"),
                "from": c("date"),
                "to": c("date"),
                "dates": {"type": "array", "items": c("date"), "maxItems": 100000},
            },
            req=[],
        ),
        "oneOf": [
            {"required": ["from", "to"], "not": {"required": ["dates"]}},
            {"required": ["dates"], "not": {"anyOf": [{"required": ["from"]}, {"required": ["to"]}]}},
        ],
    },
)
doc(
    "coverage_series",
    "Coverage series",
    "Out: kim_coverage_series.",
    obj({"schema_version": V1, "within": nul(c("code")), "code_list_version": S, "points": arr(c("series_point"))}),
)
doc(
    "coverage_series_by_date",
    "Coverage series with the code list in force",
    "Out: kim_coverage_series_by_date. Each point names the code list it used.",
    obj(
        {
            "schema_version": V1,
            "within": nul(c("code")),
            "points": arr(obj({**series_point["properties"], "code_list_version": S})),
        }
    ),
)
doc(
    "coverage_by_date",
    "Coverage with the code list in force",
    "Out: kim_coverage_by_date.",
    obj(
        {
            "schema_version": V1,
            "version": c("code_list_version"),
            "before_oldest": B,
            "seats_rekeyed": UINT,
            "table": ref("coverage"),
        }
    ),
)
doc(
    "code_list_versions",
    "Code list versions",
    "Out: kim_code_list_versions (oldest first).",
    obj({"schema_version": V1, "versions": arr(c("code_list_version"))}),
)
doc(
    "code_list_in_force",
    "Code list in force",
    "Out: kim_code_list_in_force.",
    obj({"schema_version": V1, "version": c("code_list_version"), "before_oldest": B}),
)
change = enum("added", "removed", "renamed", "rekeyed", "ambiguous")
seat_migration = {
    "code": c("code"),
    "status": enum("unchanged", "renamed", "rekeyed", "ambiguous", "gone", "not_in_source"),
    "new_code": nul(c("code")),
    "old_name": nul(S),
    "new_name": nul(S),
    "confidence": nul(N),
    "candidates": arr(c("code")),
}
doc(
    "code_list_diff",
    "Code list diff",
    "Out: kim_code_list_diff (unchanged units are not listed).",
    obj(
        {
            "schema_version": V1,
            "from_version": S,
            "to_version": S,
            "rows": arr(
                obj(
                    {
                        "change": change,
                        "level": level,
                        "old_code": nul(c("code")),
                        "old_name": nul(S),
                        "new_code": nul(c("code")),
                        "new_name": nul(S),
                        "confidence": nul(N),
                        "candidates": arr(c("code")),
                    }
                )
            ),
        }
    ),
)
doc(
    "code_list_crosswalk",
    "Seat crosswalk",
    "Out: kim_code_list_crosswalk.",
    obj(
        {
            "schema_version": V1,
            "from_version": S,
            "to_version": S,
            "rows": arr(obj(seat_migration)),
        }
    ),
)
doc(
    "registry_migration",
    "Registry seats migrated between code lists",
    "Out: kim_registry_migrate_codes (the report).",
    obj(
        {
            "schema_version": V1,
            "from_version": S,
            "to_version": S,
            "rows": arr(obj({"kim_id": S, **seat_migration, "rewritten": B})),
        }
    ),
)
doc(
    "reference_denominators",
    "Population and area of a unit",
    "Out: kim_reference_denominators. null where there is no figure (kecamatan, villages, another list).",
    obj(
        {
            "schema_version": V1,
            "code": c("code"),
            "code_list_version": S,
            "population": nul(c("figure")),
            "area_km2": nul(c("figure")),
        }
    ),
)
doc(
    "target_options",
    "Coverage target options",
    "In: kim_coverage_target.",
    obj(
        {
            "as_of": c("date"),
            "within": c("code"),
            "active": c("active"),
            "target": obj(
                {
                    "ratio": {"type": "number", "minimum": 0, "maximum": 1},
                    "date": c("date"),
                    "window_months": {"type": "integer", "minimum": 1},
                },
                req=["ratio", "date"],
            ),
        },
        req=["target"],
    ),
)
doc(
    "coverage_target",
    "Coverage target progress",
    "Out: kim_coverage_target.",
    obj(
        {
            "schema_version": V1,
            "target": obj({"ratio": N, "date": c("date"), "window_months": UINT}),
            "as_of": c("date"),
            "villages_with_kim": UINT,
            "villages": UINT,
            "ratio": nul(N),
            "villages_needed": UINT,
            "pace_per_month": N,
            "projected_date": nul(c("date")),
            "on_time": B,
        }
    ),
)
flat_row = obj(
    {
        "code": nul(c("code")),
        "name": S,
        "level": nul(level),
        "parent": nul(c("code")),
        **{k: UINT for k in ["villages", "desa", "kelurahan", "desa_adat"]},
        **{f"{k}_with_kim": UINT for k in ["villages", "desa", "kelurahan", "desa_adat"]},
        **{f"{k}_ratio": nul(N) for k in ["village", "desa", "kelurahan"]},
        "kecamatan": UINT,
        "kecamatan_with_kim": UINT,
        "kecamatan_ratio": nul(N),
        "n_kim": UINT,
        "n_members": UINT,
        "code_list_version": S,
        "as_of": c("date"),
    },
    desc="A coverage row's flat columns, as in the CSV.",
)
position = {
    "type": "array",
    "description": "[longitude, latitude] in degrees (WGS 84)",
    "prefixItems": [
        {"type": "number", "minimum": -180, "maximum": 180},
        {"type": "number", "minimum": -90, "maximum": 90},
    ],
    "items": False,
    "minItems": 2,
}
closed_ring = {
    "type": "array",
    "description": "closed: the last position is the first",
    "items": position,
    "minItems": 4,
}
unit_ref = obj({"code": nul(c("code")), "name": S})
doc(
    "coverage_geojson",
    "Coverage map (GeoJSON FeatureCollection, RFC 7946)",
    "Out: kim_coverage_geojson. One feature per coverage row; kim is a foreign member.",
    obj(
        {
            "type": {"const": "FeatureCollection"},
            "bbox": {"type": "array", "items": N, "minItems": 4, "maxItems": 4},
            "features": arr(
                obj(
                    {
                        "type": {"const": "Feature"},
                        "id": c("code"),
                        "properties": flat_row,
                        "geometry": nul(
                            obj(
                                {
                                    "type": {"const": "MultiPolygon"},
                                    "coordinates": arr({"type": "array", "items": closed_ring, "minItems": 1}),
                                }
                            )
                        ),
                    }
                )
            ),
            "kim": obj(
                {
                    "schema_version": V1,
                    "level": level,
                    "within": nul(c("code")),
                    "as_of": c("date"),
                    "code_list_version": S,
                    "boundaries_version": S,
                    "boundaries_source": S,
                    "versions_differ": B,
                    "total": flat_row,
                    "rows_without_boundary": arr(unit_ref),
                    "boundaries_without_row": arr(unit_ref),
                    "name_differences": arr(obj({"code": c("code"), "name": S, "boundary_name": S})),
                }
            ),
        },
        req=["type", "features", "kim"],
    ),
)
doc("verdict", "Moderation verdict", "Out: kim_moderate; in: kim_review_open (verdict).", c("verdict"))
doc("moderate_batch_input", "Texts to moderate", "In: kim_moderate_batch.", arr(S))
doc(
    "verdicts",
    "Moderation verdicts",
    "Out: kim_moderate_batch.",
    obj({"schema_version": V1, "verdicts": arr(c("verdict"))}),
)
doc(
    "review_open_request",
    "Open a review case",
    "In: kim_review_open. Exactly one of verdict and report.",
    {
        **obj(
            {
                "id": S,
                "kim_id": S,
                "item_id": S,
                "urgency": enum("normal", "urgent", "complaint"),
                "at": c("datetime"),
                "verdict": c("verdict"),
                "report": obj(
                    {"reason": S, "categories": arr(S), "actor": S, "role": c("role"), "ruleset_version": S},
                    req=["reason", "actor", "ruleset_version"],
                ),
            },
            req=["id", "kim_id", "item_id"],
        ),
        "oneOf": [{"required": ["verdict"]}, {"required": ["report"]}],
    },
)
doc(
    "review_step",
    "A review step",
    "In: kim_review_decide, kim_review_appeal, kim_review_resolve, kim_review_close.",
    obj(
        {
            "actor": S,
            "role": c("role"),
            "outcome": {"enum": ["approve", "remove", "request_edit", "upheld", "overturned"]},
            "reason": S,
            "hoax_label": nul(hoax),
            "at": c("datetime"),
            "ruleset_version": S,
        },
        req=["actor", "role", "ruleset_version"],
    ),
)
case_props = {
    "schema_version": V1,
    "id": S,
    "kim_id": S,
    "item_id": S,
    "categories": arr(S),
    "source": {
        "oneOf": [
            obj({"kind": {"const": "hold"}, "rule_ids": arr(S), "lexicon_version": S}),
            obj({"kind": {"const": "report"}, "reason": S}),
        ]
    },
    "urgency": enum("normal", "urgent", "complaint"),
    "fact_check": B,
    "state": c("state"),
    "decision": nul(outcome),
    "hoax_label": nul(hoax),
    "final_outcome": nul(outcome),
    "audit": {"type": "array", "items": c("audit_event"), "minItems": 1},
    "deadline": nul(c("datetime")),
}
doc(
    "case",
    "Review case",
    "Out of every kim_review_* step call and kim_review_open; in: the same calls (deadline is ignored when read).",
    obj(case_props, req=[k for k in case_props if k != "deadline"]),
)
doc(
    "review_overdue_request",
    "Overdue cases request",
    "In: kim_review_overdue.",
    obj({"cases": arr(ref("case")), "now": c("datetime")}, req=["cases"]),
)
doc(
    "review_overdue",
    "Overdue cases",
    "Out: kim_review_overdue.",
    obj(
        {
            "schema_version": V1,
            "now": c("datetime"),
            "overdue": arr(
                obj(
                    {
                        "id": S,
                        "kim_id": S,
                        "item_id": S,
                        "state": c("state"),
                        "urgency": enum("normal", "urgent", "complaint"),
                        "deadline": nul(c("datetime")),
                    }
                )
            ),
        }
    ),
)

# ---- Forum KIM and pembinaan: kim_forum_check, kim_forum_metrics, kim_pembinaan_report ----------------------------
forum_level = enum("kecamatan", "kab_kota", "provinsi", "nasional")
officer_role = enum("ketua", "wakil_ketua", "sekretaris", "bendahara", "anggota", "pembina", "pengarah")
metric = obj(
    {
        "name": S,
        "within": nul(c("code")),
        "numerator": UINT,
        "denominator": UINT,
        "ratio": nul(N),
        "code_list_version": S,
        "as_of": c("date"),
    },
    desc="numerator / denominator (ratio null when the denominator is 0), the code list and the day",
)


def unit_ref(extra):
    """A KIM (`kim`) or a forum (`forum`) by id, with more fields."""
    props = {"kim": S, "forum": S, **extra}
    o = obj(props, req=[k for k in extra if k in ("from",)])
    o["oneOf"] = [{"required": ["kim"]}, {"required": ["forum"]}]
    return o


doc(
    "forum",
    "Forum KIM document",
    "In: kim_forum_check, kim_forum_metrics (forum JSON, as ForumRegistry::to_json writes it).",
    obj(
        {
            "schema_version": V1,
            "forums": arr(
                obj(
                    {
                        "id": S,
                        "name": S,
                        "level": forum_level,
                        "region": nul(c("code")),
                        "instruments": arr(
                            obj(
                                {
                                    "kind": enum("sk", "pengukuhan", "akta", "lainnya"),
                                    "number": nul(S),
                                    "date": c("date"),
                                    "issuer_role": S,
                                },
                                req=["kind", "date", "issuer_role"],
                            )
                        ),
                        "terms": arr(
                            obj(
                                {
                                    "start": c("date"),
                                    "end": c("date"),
                                    "years": {"type": "integer", "minimum": 1},
                                    "officers": arr(
                                        obj({"name": S, "role": officer_role, "kim": S}, req=["name", "role"])
                                    ),
                                },
                                req=["start"],
                            )
                        ),
                        "history": arr(
                            obj({"date": c("date"), "status": enum("draft", "dikukuhkan", "vakum", "dibubarkan")})
                        ),
                        "members": arr(unit_ref({"from": c("date"), "to": nul(c("date"))})),
                    },
                    req=["id", "name", "level"],
                )
            ),
        },
        req=["schema_version"],
    ),
)
doc(
    "forum_options",
    "Forum options",
    "In: kim_forum_check, kim_forum_metrics. Every key optional; rules are an overlay's settings (FR10-FR12).",
    obj(
        {
            "as_of": c("date"),
            "within": c("code"),
            "level": forum_level,
            "affiliation_level": forum_level,
            "rules": obj(
                {
                    "overlay": nul(S),
                    "term_years": nul(UINT),
                    "required_officers": arr(officer_role),
                    "officers_severity": enum("error", "warning", "info"),
                    "confirmer": nul(S),
                    "active": c("active"),
                },
                req=[],
            ),
        },
        req=[],
    ),
)
doc(
    "forum_check",
    "Forum check report",
    "Out: kim_forum_check (findings FORUM-FR1… to FORUM-FR13…).",
    obj({"schema_version": V1, "as_of": c("date"), "overlay": nul(S), "ok": B, "findings": arr(c("finding"))}),
)
doc(
    "forum_metrics",
    "Forum metrics",
    "Out: kim_forum_metrics.",
    obj(
        {
            "schema_version": V1,
            "forum_coverage": metric,
            "kim_forum_affiliation": metric,
            "officer_completeness": metric,
        }
    ),
)
activity_kind = enum(
    "analisis_kebutuhan",
    "model_kemitraan",
    "bimtek",
    "workshop",
    "sarasehan",
    "forum",
    "literasi",
    "literasi_digital",
    "diseminasi",
    "lomba",
    "penghargaan",
    "monev",
    "monitoring_evaluasi",
    "sosialisasi",
    "pelatihan",
    "pendampingan",
    "studi_banding",
    "tot",
    "serah_terima_sarpras",
    "sarpras",
    "pengukuhan",
    "lainnya",
)
organizer = obj(
    {
        "kind": enum(
            "dinas_kab_kota", "dinas_provinsi", "kementerian", "kemkomdigi", "kominfo", "camat", "forum", "lainnya"
        ),
        "region": nul(c("code")),
        "name": S,
    },
    req=["kind"],
)
funding_source = enum("apbn", "apbd_provinsi", "apbd_kab_kota", "apbd", "dana_desa", "swadaya", "csr", "lainnya")
funding = obj(
    {"source": funding_source, "amount": UINT, "sipd_code": S}, req=["source"], desc="sipd_code: PB7 N.NN.NN.N.NN.NNNN"
)
item_kind = enum("laptop", "printer", "kamera", "gawai", "alat_presentasi", "internet", "lainnya")
doc(
    "forum_pembinaan",
    "Pembinaan document",
    "In: kim_pembinaan_report (activities and sarpras grants, as PembinaanData::to_json writes them).",
    obj(
        {
            "schema_version": V1,
            "activities": arr(
                obj(
                    {
                        "id": S,
                        "title": S,
                        "kind": activity_kind,
                        "organizer": organizer,
                        "start": c("date"),
                        "end": c("date"),
                        "location": nul(c("code")),
                        "mode": enum(
                            "luring", "daring", "hibrida", "offline", "online", "tatap_muka", "hybrid", "hibrid"
                        ),
                        "topics": arr(S),
                        "participants": arr(unit_ref({"person": S, "attended": B})),
                        "funding": arr(funding),
                    },
                    req=["id", "title", "kind", "organizer", "start", "end"],
                )
            ),
            "grants": arr(
                obj(
                    {
                        "id": S,
                        "date": c("date"),
                        "giver": organizer,
                        "recipient": unit_ref({}),
                        "items": arr(
                            obj(
                                {
                                    "kind": item_kind,
                                    "description": S,
                                    "quantity": {"type": "integer", "minimum": 1},
                                    "value": UINT,
                                },
                                req=["kind", "quantity"],
                            )
                        ),
                        "bast_number": nul(S),
                        "funding": arr(funding),
                    },
                    req=["id", "date", "giver", "recipient", "items"],
                )
            ),
        },
        req=["schema_version"],
    ),
)
doc(
    "forum_pembinaan_options",
    "Pembinaan report options",
    "In: kim_pembinaan_report. unit is required; to defaults to today, from to the start of the 12-month window.",
    obj(
        {
            "unit": c("code"),
            "from": c("date"),
            "to": c("date"),
            "training": arr(activity_kind),
            "window_months": {"type": "integer", "minimum": 1},
        },
        req=["unit"],
    ),
)
doc(
    "forum_pembinaan_report",
    "Pembinaan report",
    "Out: kim_pembinaan_report (to the kepala daerah, copies to the Minister: PB8).",
    obj(
        {
            "schema_version": V1,
            "unit": c("code"),
            "unit_name": S,
            "from": c("date"),
            "to": c("date"),
            "code_list_version": S,
            "recipients": arr(obj({"office": S, "copy": B})),
            "activities": arr(obj({"kind": activity_kind, "activities": UINT, "participations": UINT, "kims": UINT})),
            "trained_share_12m": metric,
            "pembinaan_reach_12m": metric,
            "monev_coverage": metric,
            "kecamatan_reached": obj({"metric": metric, "kecamatan": arr(c("code"))}),
            "spm_kecamatan_coverage": metric,
            "sarpras": arr(
                obj(
                    {
                        "kind": item_kind,
                        "units": UINT,
                        "recipients": UINT,
                        "grants": UINT,
                        "value": UINT,
                        "values_unknown": UINT,
                    }
                )
            ),
            "funding": arr(
                obj(
                    {
                        "source": funding_source,
                        "activities": UINT,
                        "grants": UINT,
                        "amount": UINT,
                        "amounts_unknown": UINT,
                    }
                )
            ),
            "findings": arr(c("finding")),
        }
    ),
)
doc(
    "pembinaan_import",
    "Pembinaan CSV import report",
    "Out: kim_pembinaan_from_csv (the report; the pembinaan document goes to out_json, as forum_pembinaan).",
    obj(
        {
            "schema_version": V1,
            "activities": c("table_report"),
            "attendance": nul(c("table_report")),
        }
    ),
)
# Pemetaan (Permenkominfo 4/2024 Pasal 24) and assessment.
level5 = {"type": "integer", "minimum": 1, "maximum": 5}
mapping_record = obj(
    {
        "kim_id": S,
        "round": S,
        "mapped_on": c("date"),
        "author": {
            "oneOf": [
                obj({"kind": {"const": "dinas"}, "kab_kota": c("code")}),
                obj({"kind": {"const": "provinsi"}, "provinsi": c("code")}),
            ]
        },
        "audiences": arr(S),
        "media": arr(
            obj(
                {
                    "media": enum(
                        "cetak", "penyiaran", "online", "media_sosial", "luar_ruang", "tatap_muka", "lainnya"
                    ),
                    "text": S,
                },
                req=["media"],
            )
        ),
        "content_types": arr(S),
        "fields": arr(S),
        "reach": arr(c("code")),
        "issues": arr(obj({"kind": enum("publik", "prioritas", "krisis"), "text": S})),
        "primary_field": S,
        "strength": level5,
        "influence": level5,
        "priority": obj({"prioritised": B, "reason": S}),
    },
    req=["kim_id", "round", "mapped_on", "author", "primary_field", "strength", "influence", "priority"],
    desc="One mapping of one KIM in one round (Ps 24(2)).",
)
doc(
    "mapping_report_request",
    "Mapping report request",
    "In: kim_mapping_report.",
    obj(
        {
            "mappings": arr(mapping_record),
            "kab_kota": c("code"),
            "from": c("date"),
            "to": c("date"),
            "max_age_days": UINT,
        },
        req=["mappings", "kab_kota", "from", "to"],
    ),
)
doc(
    "mapping_reports_province_request",
    "Province mapping reports request",
    "In: kim_mapping_reports_province.",
    obj(
        {
            "mappings": arr(mapping_record),
            "provinsi": c("code"),
            "from": c("date"),
            "to": c("date"),
            "max_age_days": UINT,
        },
        req=["mappings", "provinsi", "from", "to"],
    ),
)
doc(
    "mapping_reports_province",
    "Province mapping reports (Permenkominfo 4/2024 Ps 24(4))",
    "Out: kim_mapping_reports_province: the report of each kab/kota of the province that has a KIM.",
    obj({"schema_version": V1, "provinsi": c("code"), "reports": arr(ref("mapping_report"))}),
)
count_row = obj({"dimension": S, "value": S, "count": UINT})
doc(
    "mapping_report",
    "Mapping report (Permenkominfo 4/2024 Ps 24(2)(e))",
    "Out: kim_mapping_report.",
    obj(
        {
            "schema_version": V1,
            "kab_kota": c("code"),
            "kab_kota_name": S,
            "from": c("date"),
            "to": c("date"),
            "code_list_version": S,
            "max_age_days": UINT,
            "active_kims": UINT,
            "mapped_kims": UINT,
            "completeness": nul({"type": "number", "minimum": 0, "maximum": 1}),
            "mappings_in_period": UINT,
            "counts": arr(count_row),
            "unmapped": arr(obj({"kim_id": S, "name": S, "last_mapped_on": nul(c("date"))})),
            "priority": arr(
                obj(
                    {
                        "kim_id": S,
                        "name": S,
                        "mapped_on": c("date"),
                        "strength": level5,
                        "influence": level5,
                        "reason": S,
                    }
                )
            ),
        }
    ),
)
doc(
    "ahp_request",
    "AHP request",
    "In: kim_ahp.",
    obj({"matrix": arr(arr(N)), "max_cr": {"type": "number", "exclusiveMinimum": 0}}, req=["matrix"]),
)
ahp_body = {
    "weights": arr({"type": "number", "minimum": 0, "maximum": 1}),
    "lambda_max": N,
    "ci": {"type": "number", "minimum": 0},
    "ri": {"type": "number", "minimum": 0},
    "cr": {"type": "number", "minimum": 0},
}
doc("ahp", "AHP weights", "Out: kim_ahp.", obj({"schema_version": V1, **ahp_body}))
band = obj(
    {"from": N, "to": N, "score": {"type": "number", "minimum": 0, "maximum": 100}, "label": S}, req=["from", "score"]
)
scale = {
    "oneOf": [
        obj({"kind": {"const": "range"}, "min": N, "max": N, "higher_is_better": B}, req=["kind", "min", "max"]),
        obj({"kind": {"const": "bands"}, "min": N, "max": N, "bands": arr(band)}, req=["kind", "min", "bands"]),
    ]
}
rubric = obj(
    {
        "id": S,
        "title": S,
        "provenance": obj({"source": S, "illustrative": B}),
        "criteria": arr(
            obj(
                {
                    "id": S,
                    "label": S,
                    "scale": scale,
                    "source": enum(
                        "manual", "moderation_removals", "validation_errors", "forum_membership", "pembinaan"
                    ),
                },
                req=["id", "label", "scale"],
            )
        ),
        "weights": {"oneOf": [obj({"explicit": arr(N)}), obj({"ahp": arr(arr(N))})]},
        "max_cr": N,
    },
    req=["id", "title", "provenance", "criteria", "weights"],
)
eligibility = obj({"kim_id": S, "eligible": B, "reasons": arr(S)})
tier_scheme = obj({"name": S, "provenance": S, "tiers": arr(obj({"name": S, "min_total": N}))})
doc(
    "assess_request",
    "Assessment request",
    "In: kim_assess.",
    obj(
        {
            "rubric": rubric,
            "observations": {"type": "object", "additionalProperties": {"type": "object", "additionalProperties": N}},
            "as_of": c("date"),
            "scope": enum("kab_kota", "provinsi"),
            "eligibility": arr(eligibility),
            "scheme": tier_scheme,
            "period": obj({"from": c("date"), "to": c("date")}),
            "all_kims": B,
            "feeds": obj(
                {
                    "forums": ref("forum"),
                    "pembinaan": ref("forum_pembinaan"),
                    "cases": arr(ref("case")),
                    "validation": B,
                },
                req=[],
                desc="Records that fill the criteria of their source for every observed KIM, over period.",
            ),
        },
        req=["rubric"],
    ),
)
total = {"type": "number", "minimum": 0, "maximum": 100}
doc(
    "assessment",
    "Scores and ranking",
    "Out: kim_assess.",
    obj(
        {
            "schema_version": V1,
            "scores": obj(
                {
                    "schema_version": V1,
                    "rubric": S,
                    "criteria": arr(S),
                    "weights": arr(N),
                    "rows": arr(obj({"kim_id": S, "total": total, "scores": arr(total), "contributions": arr(N)})),
                }
            ),
            "ranking": obj(
                {
                    "schema_version": V1,
                    "rubric": S,
                    "criteria": arr(S),
                    "weights": arr(N),
                    "scope": enum("kab_kota", "provinsi"),
                    "rows": arr(
                        obj(
                            {
                                "unit": c("code"),
                                "rank": {"type": "integer", "minimum": 1},
                                "tied": B,
                                "kim_id": S,
                                "total": total,
                                "contributions": arr(N),
                            }
                        )
                    ),
                    "ties": arr(
                        obj(
                            {
                                "unit": c("code"),
                                "rank": {"type": "integer", "minimum": 1},
                                "total": total,
                                "kim_ids": arr(S),
                            }
                        )
                    ),
                    "unranked": arr(obj({"kim_id": S, "total": total, "reasons": arr(S)})),
                }
            ),
            "classifications": arr(
                {
                    "oneOf": [
                        obj({"kind": {"const": "tier"}, "scheme": S, "provenance": S, "tier": S}),
                        obj({"kind": {"const": "unclassified"}, "reason": S}),
                    ]
                }
            ),
        }
    ),
)
os.makedirs(OUT, exist_ok=True)
for n, s in schemas.items():
    with open(f"{OUT}/{n}.schema.json", "w") as f:
        json.dump(s, f, indent=2, ensure_ascii=False)
        f.write("\n")
print(len(schemas))
