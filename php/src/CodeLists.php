<?php

declare(strict_types=1);

namespace Kim;

/**
 * The Kemendagri code lists through time: every list since Permendagri 56/2015, the list in force on a date, the
 * differences between two lists and the crosswalk of seat codes. Versions are named by id
 * (`'permendagri-72-2019'`, see {@see versions()}).
 */
final class CodeLists
{
    private function __construct()
    {
    }

    /**
     * Every version, oldest first: `id`, `decree`, `in_force`, `upstream_file`, `upstream_sha256`, `counts`
     * (`provinsi`, `kab_kota`, `kecamatan`, `villages`), `current`.
     *
     * @return list<array<string, mixed>>
     */
    public static function versions(): array
    {
        return Native::json(fn ($out) => Kim::ffi()->kim_code_list_versions($out))['versions'];
    }

    /**
     * The list in force on an ISO date: `version` (as in {@see versions()}) and `before_oldest` (the date is before
     * the oldest list, which was used anyway).
     *
     * @return array{version: array<string, mixed>, before_oldest: bool}
     */
    public static function inForce(string $date): array
    {
        $r = Native::json(fn ($out) => Kim::ffi()->kim_code_list_in_force($date, \strlen($date), $out));
        return ['version' => $r['version'], 'before_oldest' => $r['before_oldest']];
    }

    /**
     * The changed units from one version to another: `change` (`added`, `removed`, `renamed`, `rekeyed`,
     * `ambiguous`), `level`, `old_code`, `old_name`, `new_code`, `new_name`, `confidence`, `candidates`.
     *
     * @return list<array<string, mixed>>
     */
    public static function diff(string $from, string $to): array
    {
        return Native::json(fn ($out) => Kim::ffi()->kim_code_list_diff($from, \strlen($from), $to, \strlen($to), $out))['rows'];
    }

    /**
     * What becomes of each seat code from one version to another: `code`, `status` (`unchanged`, `renamed`,
     * `rekeyed`, `ambiguous`, `gone`, `not_in_source`), `new_code`, `old_name`, `new_name`, `confidence`,
     * `candidates`. Nothing is guessed: an ambiguous code lists its candidates and has no `new_code`.
     *
     * @param list<string> $codes
     * @return list<array<string, mixed>>
     */
    public static function crosswalk(array $codes, string $from, string $to): array
    {
        $c = json_encode(array_values($codes), JSON_THROW_ON_ERROR);
        return Native::json(fn ($out) => Kim::ffi()->kim_code_list_crosswalk($from, \strlen($from), $to, \strlen($to), $c, \strlen($c), $out))['rows'];
    }
}
