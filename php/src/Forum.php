<?php

declare(strict_types=1);

namespace Kim;

/**
 * Forum KIM and pembinaan (docs/domain.md §10–§11): stateless calls on forum JSON and pembinaan JSON
 * (`schema_version` 1) with a registry and the code list. Results are versioned JSON decoded to arrays.
 * Forum membership never decides whether a KIM is valid.
 */
final class Forum
{
    /**
     * The rules FR1–FR13 on forum JSON.
     *
     * @param array<string, mixed> $options `as_of`, and `rules` (an overlay's `overlay`, `term_years`,
     *                                      `officers_severity`, `confirmer`)
     * @return array<string, mixed> `as_of`, `overlay`, `ok`, `findings` (each `code`, `severity`, `path`,
     *                              `citation`, `message_id`, `message_en`)
     */
    public static function check(string $forumsJson, Registry $registry, Reference $reference, array $options = []): array
    {
        $o = $options === [] ? null : Native::encode($options);
        return Native::json(fn ($out) => Kim::ffi()->kim_forum_check(
            $forumsJson, \strlen($forumsJson), $registry->cdata(), $reference->cdata(), $o, Native::len($o), $out,
        ));
    }

    /**
     * Forum coverage (at `level`, default kecamatan), KIM–forum affiliation (reaching `affiliation_level` when
     * given) and officer completeness inside `within`, each with numerator, denominator, ratio, code-list version
     * and `as_of`.
     *
     * @param array<string, mixed> $options `as_of`, `within`, `level`, `affiliation_level`
     * @return array<string, mixed> `forum_coverage`, `kim_forum_affiliation`, `officer_completeness`
     */
    public static function metrics(string $forumsJson, Registry $registry, Reference $reference, array $options = []): array
    {
        $o = $options === [] ? null : Native::encode($options);
        return Native::json(fn ($out) => Kim::ffi()->kim_forum_metrics(
            $forumsJson, \strlen($forumsJson), $registry->cdata(), $reference->cdata(), $o, Native::len($o), $out,
        ));
    }

    /**
     * The pembinaan report of a kab/kota or province for a period, for the kepala daerah with copies to the
     * Minister: activities per kind, trained share and reach over 12 months, monev coverage, kecamatan reached,
     * the SPM indicator, sarpras, funding and the findings PB1–PB7.
     *
     * @param array<string, mixed> $options `unit` (required), `from`, `to`, `training`, `window_months`
     * @return array<string, mixed> the report
     */
    public static function pembinaanReport(
        #[\SensitiveParameter] string $pembinaanJson,
        Registry $registry,
        Reference $reference,
        array $options,
    ): array {
        $p = new \SensitiveParameterValue($pembinaanJson);
        unset($pembinaanJson);
        $o = Native::encode($options);
        return Native::json(fn ($out) => Kim::ffi()->kim_pembinaan_report(
            $p->getValue(), \strlen($p->getValue()), $registry->cdata(), $reference->cdata(), $o, Native::len($o), $out,
        ));
    }

    /**
     * Pembinaan from CSV: an activities table (one activity per row; `id`, `title`, `kind`, `organizer_kind`,
     * `start`, `end` required, Indonesian headers such as `judul`, `jenis_kegiatan`, `tanggal_mulai`, `sumber_dana`
     * read too; several funding sources `;`-separated with their amounts and SIPD codes in the same order) and, when
     * given, an attendance list (*daftar hadir*: `id_kegiatan` with `id_kim` or `id_forum`, `nama_peserta`,
     * `hadir`). The rows are added to `$pembinaanJson` when given (e.g. a document that holds the sarpras grants).
     * A rejected row never throws: it is in the report with its line, field and code.
     *
     * @param array<string, mixed> $options the CSV options of {@see Registry::fromCsv()} except `places`
     *                                      (`delimiter`, `encoding`, `columns`, `dayfirst`, `max_errors`, …)
     * @return array{0: string, 1: array<string, mixed>} the pembinaan JSON (for {@see pembinaanReport()}) and the
     *                                                   report: `activities` and `attendance` (null without a
     *                                                   list), each with `rows_in`, `accepted`, `rejected`, `errors`
     */
    public static function pembinaanFromCsv(
        #[\SensitiveParameter] string $activitiesCsv,
        #[\SensitiveParameter] ?string $attendanceCsv = null,
        ?Registry $registry = null,
        array $options = [],
        #[\SensitiveParameter] ?string $pembinaanJson = null,
    ): array {
        $ffi = Kim::ffi();
        $a = new \SensitiveParameterValue($activitiesCsv);
        $h = new \SensitiveParameterValue($attendanceCsv);
        $p = new \SensitiveParameterValue($pembinaanJson);
        unset($activitiesCsv, $attendanceCsv, $pembinaanJson);
        $o = $options === [] ? null : Native::encode($options);
        $data = $ffi->new('char*');
        $report = $ffi->new('char*');
        Native::check($ffi->kim_pembinaan_from_csv(
            $a->getValue(), \strlen($a->getValue()), $h->getValue(), Native::len($h->getValue()),
            $p->getValue(), Native::len($p->getValue()), $registry?->cdata(), $o, Native::len($o),
            \FFI::addr($data), \FFI::addr($report),
        ));
        // Both are the library's strings: each is measured, copied and freed; if the data is refused (over the
        // result limit), the report is freed unread.
        try {
            $json = Native::take($data);
        } catch (\Throwable $e) {
            $ffi->kim_string_free($report);
            throw $e;
        }
        return [$json, Native::decode(Native::take($report))];
    }
}
