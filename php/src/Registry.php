<?php

declare(strict_types=1);

namespace Kim;

/** KIMs with their SK, registration, members and dated history; immutable once made. */
final class Registry extends Handle
{
    protected static function freeFunction(): string
    {
        return 'kim_registry_free';
    }

    /** A registry from registry JSON (`{"schema_version":1,"kims":[…]}`). */
    public static function fromJson(#[\SensitiveParameter] string $json): self
    {
        $j = new \SensitiveParameterValue($json);
        return self::make('kim_registry', static fn ($out) => Kim::ffi()->kim_registry_from_json($j->getValue(), \strlen($j->getValue()), $out));
    }

    /**
     * A registry from CSV as offices export it (encoding, delimiter and Indonesian headers detected); legacy place
     * names are matched against `$reference`. Every rejected row is in the report, with line, field and code.
     *
     * @param array<string, mixed> $options the import options (`delimiter`, `encoding`, `dayfirst`, `columns`,
     *                                      `places`, `max_errors`, …), as in the README
     * @return array{0: Registry, 1: array<string, mixed>} the registry and the import report
     */
    public static function fromCsv(
        #[\SensitiveParameter] string $kims,
        #[\SensitiveParameter] ?string $members = null,
        ?Reference $reference = null,
        array $options = [],
    ): array {
        $ffi = Kim::ffi();
        $report = $ffi->new('char*');
        $k = new \SensitiveParameterValue($kims);
        $m = new \SensitiveParameterValue($members);
        $o = $options === [] ? null : Native::encode($options);
        unset($kims, $members);
        $registry = self::make('kim_registry', static fn ($out) => $ffi->kim_registry_from_csv_with(
            $k->getValue(), \strlen($k->getValue()), $m->getValue(), Native::len($m->getValue()),
            $reference?->cdata(), $o, Native::len($o), $out, \FFI::addr($report),
        ));
        // The report is the library's string: measured, copied and freed like any result.
        $json = Native::take($report);
        return [$registry, Native::decode($json)];
    }

    /** Number of KIMs. */
    public function count(): int
    {
        return (int) Kim::ffi()->kim_registry_len($this->h);
    }

    /** Registry JSON; with `$forLogs` NIKs and phone numbers are masked. */
    public function toJson(bool $forLogs = false): string
    {
        return Native::string(fn ($out) => Kim::ffi()->kim_registry_to_json($this->h, $forLogs ? 1 : 0, $out));
    }

    /**
     * Coverage: the share of villages and kecamatan with an active KIM, per unit of `level` within `within`.
     *
     * @param array<string, mixed> $options `as_of`, `level` (`provinsi`, `kab_kota`, `kecamatan`, `desa`),
     *                                      `within` (a code), `active`, `only_valid`, `denominators` (true adds
     *                                      population, area, KIMs per 100,000 residents and per 1,000 km² to
     *                                      each row, `null` where there is no figure, and a `denominators`
     *                                      summary with the sources and the rows without a figure)
     * @return array<string, mixed> `rows`, `total`, `unmatched`, `code_list_version`, `as_of`
     */
    public function coverage(Reference $reference, array $options = []): array
    {
        $o = Native::encode($options);
        return Native::json(fn ($out) => Kim::ffi()->kim_coverage($this->h, $reference->cdata(), $o, Native::len($o), $out));
    }

    /**
     * Coverage through time for one unit, in one pass over the history.
     *
     * @param array<string, mixed> $options `within`, `active`, and `from` + `to` (every month end) or `dates`
     * @return list<array<string, mixed>> one point per date: `date`, `villages`, `villages_with_kim`,
     *                                    `village_ratio`, `kecamatan`, `kecamatan_with_kim`, `kecamatan_ratio`, `n_kim`
     */
    public function series(Reference $reference, array $options): array
    {
        $o = Native::encode($options);
        return Native::json(fn ($out) => Kim::ffi()->kim_coverage_series($this->h, $reference->cdata(), $o, Native::len($o), $out))['points'];
    }

    /**
     * Progress towards a village-coverage target: the pace over a trailing window and the projected date.
     *
     * @param array<string, mixed> $options `within`, `as_of`, `active`, `target` => [`ratio`, `date`, `window_months`]
     * @return array<string, mixed> `ratio`, `villages_needed`, `pace_per_month`, `projected_date`, `on_time`, …
     */
    public function target(Reference $reference, array $options): array
    {
        $o = Native::encode($options);
        return Native::json(fn ($out) => Kim::ffi()->kim_coverage_target($this->h, $reference->cdata(), $o, Native::len($o), $out));
    }

    /**
     * Coverage as a GeoJSON FeatureCollection for a web map (e.g. Leaflet's `L.geoJSON`): one feature per unit with
     * the coverage row's columns as `properties` (`village_ratio`, `n_kim`, …) and its simplified boundary as a
     * MultiPolygon, a `bbox`, and a `kim` member (code-list versions, total, rows without a boundary). Levels
     * `provinsi`, `kab_kota` and `kecamatan` anywhere, `desa` only within Kutai Kartanegara (64.02); another place
     * throws an ArgumentException (KIM-E-ARGUMENT). Returned as JSON text, ready to send.
     *
     * @param array<string, mixed> $options as for {@see coverage()}
     */
    public function coverageGeoJson(Reference $reference, array $options = []): string
    {
        $o = Native::encode($options);
        return Native::string(fn ($out) => Kim::ffi()->kim_coverage_geojson($this->h, $reference->cdata(), $o, Native::len($o), $out));
    }

    /**
     * Villages and kecamatan without an active KIM.
     *
     * @param array<string, mixed> $options as for {@see coverage()}
     * @return array<string, mixed>
     */
    public function gaps(Reference $reference, array $options = []): array
    {
        $o = Native::encode($options);
        return Native::json(fn ($out) => Kim::ffi()->kim_gaps($this->h, $reference->cdata(), $o, Native::len($o), $out));
    }

    /**
     * For a registry exported from a system on an older code list: every seat is read as a code of `$from` (a
     * version id, see {@see CodeLists::versions()}) and goes through the crosswalk to `$to` (today's list when
     * null). Seats re-keyed with confidence ≥ 0.9 take their new code; ambiguous, gone and unknown seats keep theirs.
     *
     * @return array{0: Registry, 1: list<array<string, mixed>>} the new registry and one row per KIM (`kim_id`,
     *                                                           `code`, `status`, `new_code`, `confidence`,
     *                                                           `candidates`, `rewritten`, …)
     */
    public function migrateCodes(string $from, ?string $to = null): array
    {
        $ffi = Kim::ffi();
        $report = $ffi->new('char*');
        $registry = self::make('kim_registry', fn ($out) => $ffi->kim_registry_migrate_codes(
            $this->h, $from, \strlen($from), $to, Native::len($to), $out, \FFI::addr($report),
        ));
        return [$registry, Native::decode(Native::take($report))['rows']];
    }

    /**
     * Coverage with the code list in force on `as_of` (or the version `$codeList` names, see
     * {@see CodeLists::versions()}). Seats are codes of today's list; seats of re-keyed units are translated into
     * the older list, the others stay and show in `unmatched`.
     *
     * @param array<string, mixed> $options as for {@see coverage()}
     * @return array<string, mixed> `version`, `before_oldest`, `seats_rekeyed` and `table` (as {@see coverage()})
     */
    public function coverageByDate(array $options = [], ?string $codeList = null): array
    {
        $o = Native::encode($options);
        return Native::json(fn ($out) => Kim::ffi()->kim_coverage_by_date($this->h, $o, Native::len($o), $codeList, Native::len($codeList), $out));
    }

    /**
     * Gaps with the code list in force on `as_of` (or the version `$codeList` names); `code_list_version` says
     * which.
     *
     * @param array<string, mixed> $options as for {@see coverage()}
     * @return array<string, mixed>
     */
    public function gapsByDate(array $options = [], ?string $codeList = null): array
    {
        $o = Native::encode($options);
        return Native::json(fn ($out) => Kim::ffi()->kim_gaps_by_date($this->h, $o, Native::len($o), $codeList, Native::len($codeList), $out));
    }

    /**
     * Coverage through time where each date uses the code list in force on it (or the version `$codeList` names).
     *
     * @param array<string, mixed> $options as for {@see series()}
     * @return list<array<string, mixed>> the points of {@see series()}, each with its `code_list_version`
     */
    public function seriesByDate(array $options, ?string $codeList = null): array
    {
        $o = Native::encode($options);
        return Native::json(fn ($out) => Kim::ffi()->kim_coverage_series_by_date($this->h, $o, Native::len($o), $codeList, Native::len($codeList), $out))['points'];
    }
}
