<?php

declare(strict_types=1);

namespace Kim;

/** A Kemendagri code list: the embedded official one (Kepmendagri 300.2.2-2138/2025) or your own from CSV. */
final class Reference extends Handle
{
    protected static function freeFunction(): string
    {
        return 'kim_reference_free';
    }

    /** The embedded official list; its data is parsed once per process. See also {@see Kim::reference()}. */
    public static function embedded(): self
    {
        return self::make('kim_reference', static fn ($out) => Kim::ffi()->kim_reference_embedded($out));
    }

    /**
     * The process-wide embedded list: built once per process, never freed (freeing it does nothing). This is what
     * {@see Kim::reference()} returns; under php-fpm every request of a worker shares it.
     */
    public static function shared(): self
    {
        return self::make('kim_reference', static fn ($out) => Kim::ffi()->kim_reference_shared($out));
    }

    /** A list from CSV text with a `code,name` header; `$version` names it. */
    public static function fromCsv(string $csv, string $version): self
    {
        return self::make('kim_reference', static fn ($out) => Kim::ffi()->kim_reference_from_csv($csv, \strlen($csv), $version, \strlen($version), $out));
    }

    /** A list from a CSV file. */
    public static function fromPath(string $path, string $version): self
    {
        return self::make('kim_reference', static fn ($out) => Kim::ffi()->kim_reference_from_path($path, \strlen($path), $version, \strlen($version), $out));
    }

    /**
     * One unit by code (dotted or not): `code`, `name`, `level`, its parents and, above desa level, `counts`.
     *
     * @return array<string, mixed>
     */
    public function lookup(#[\SensitiveParameter] string $code): array
    {
        $c = new \SensitiveParameterValue($code);
        return Native::json(fn ($out) => Kim::ffi()->kim_reference_lookup($this->h, $c->getValue(), \strlen($c->getValue()), $out));
    }

    /**
     * The direct children of a code, in code order (provinsi → kab/kota → kecamatan → desa dropdowns); with no code,
     * the provinces. A village has none.
     *
     * @return list<array{code: string, name: string, level: string}>
     */
    public function children(?string $code = null): array
    {
        $c = $code ?? '';
        return Native::json(fn ($out) => Kim::ffi()->kim_reference_children($this->h, $c, \strlen($c), $out))['children'];
    }

    /**
     * Resolves a place written by a person to one village: a free text (`'Desa Perian, Kec. Muara Muntai, Kukar'`),
     * the fields of a form (`['desa' => …, 'kecamatan' => …, 'kab_kota' => …]`) or the names broadest first
     * (`['Kutai Kartanegara', 'Muara Muntai', 'Perian']`). Not finding a place is a result: `resolution` is
     * `unique` (with `match`), `ambiguous` or `uncertain` (with ranked `candidates`: a person must choose), or
     * `not_found`.
     *
     * @param string|array<string, string>|list<string> $place
     * @return array<string, mixed>
     */
    public function resolve(#[\SensitiveParameter] string|array $place): array
    {
        $request = \is_string($place) ? ['place' => $place] : (array_is_list($place) ? ['parts' => $place] : $place);
        $r = new \SensitiveParameterValue((string) Native::encode($request));
        return Native::json(fn ($out) => Kim::ffi()->kim_reference_resolve($this->h, $r->getValue(), \strlen($r->getValue()), $out));
    }

    /**
     * Ranked candidates for one name, best first (autocomplete, "did you mean").
     *
     * @param array<string, string> $options `within` (a code), `level` (`provinsi`, `kab_kota`, `kecamatan`, `desa`)
     * @return list<array<string, mixed>> `code`, `name`, `kind` (`exact`, `abbreviation`, `fuzzy`), `score`, …
     */
    public function matchName(string $name, array $options = []): array
    {
        $o = $options === [] ? null : Native::encode($options);
        return Native::json(fn ($out) => Kim::ffi()->kim_reference_match_name($this->h, $name, \strlen($name), $o, Native::len($o), $out))['matches'];
    }

    /**
     * Population (persons) and area (km²) of one unit, each `['value' => …, 'source' => …, 'year' => …]` or `null`.
     * Figures exist for the provinces and kab/kota of the embedded list only (Dukcapil December 2024; Badan
     * Informasi Geospasial 2024): a kecamatan, a village or another list gets `null`, never an estimate.
     *
     * @return array{code: string, code_list_version: string, population: ?array<string, mixed>, area_km2: ?array<string, mixed>}
     */
    public function denominators(string $code): array
    {
        $r = Native::json(fn ($out) => Kim::ffi()->kim_reference_denominators($this->h, $code, \strlen($code), $out));
        unset($r['schema_version']);
        return $r;
    }

    /** Number of units in the list. */
    public function count(): int
    {
        return (int) Kim::ffi()->kim_reference_len($this->h);
    }
}
