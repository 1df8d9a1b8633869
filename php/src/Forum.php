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
}
