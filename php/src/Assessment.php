<?php

declare(strict_types=1);

namespace Kim;

/**
 * Pemetaan (Permenkominfo 4/2024 Pasal 24) and assessment: AHP weights, the mapping report of a kab/kota, and scores
 * with a ranking. Arrays in, arrays out (the JSON documents of `kim-ffi/schema/`); a refused record, a rubric that
 * fails its checks or an inconsistent AHP matrix throws {@see Exception\JsonException} naming the place.
 */
final class Assessment
{
    /**
     * AHP weights of a pairwise comparison matrix: `weights`, `lambda_max`, `ci`, `ri`, `cr`. A matrix that is not
     * reciprocal, off Saaty's 1/9–9 scale, or inconsistent (`cr >= $maxCr`) throws.
     *
     * @param list<list<float|int>> $matrix
     * @return array<string, mixed>
     */
    public static function ahp(array $matrix, float $maxCr = 0.10): array
    {
        $req = (string) Native::encode(['matrix' => $matrix, 'max_cr' => $maxCr]);
        return Native::json(static fn ($out) => Kim::ffi()->kim_ahp($req, \strlen($req), $out));
    }

    /**
     * The mapping report of a kab/kota for a period (Ps 24(2)(e)). `$request`: `mappings` (records), `kab_kota`,
     * `from`, `to`, optional `max_age_days` (365). Only the Dinas of a KIM's own kab/kota may author its record (PM1).
     *
     * @param array<string, mixed>|string $request
     * @return array<string, mixed>
     */
    public static function mappingReport(Registry $registry, array|string $request, ?Reference $reference = null): array
    {
        $req = (string) Native::encode($request);
        $ref = ($reference ?? Kim::reference())->cdata();
        return Native::json(static fn ($out) => Kim::ffi()->kim_mapping_report($registry->cdata(), $ref, $req, \strlen($req), $out));
    }

    /**
     * A province's view (Ps 24(4)): the mapping report of each of its kab/kota that has a KIM. `$request`:
     * `mappings`, `provinsi` (e.g. `64`), `from`, `to`, optional `max_age_days`. A province aggregates; it never maps
     * a KIM itself.
     *
     * @param array<string, mixed>|string $request
     * @return array<string, mixed> `provinsi` and `reports` (each as {@see mappingReport()} returns it)
     */
    public static function provinceMappingReports(Registry $registry, array|string $request, ?Reference $reference = null): array
    {
        $req = (string) Native::encode($request);
        $ref = ($reference ?? Kim::reference())->cdata();
        return Native::json(static fn ($out) => Kim::ffi()->kim_mapping_reports_province($registry->cdata(), $ref, $req, \strlen($req), $out));
    }

    /**
     * Scores KIMs under a rubric and ranks the eligible ones: `scores`, `ranking` (rows with per-criterion
     * contributions, `ties`, `unranked`) and `classifications` (without a `scheme`: "unclassified: no official
     * national scheme"). `$request`: `rubric`, `observations` (`{kim_id: {criterion: value}}`), optional `as_of`,
     * `scope` (`kab_kota`|`provinsi`), `eligibility`, `scheme`, `period` (`from`, `to`), `all_kims`, and `feeds`:
     * kim's own records that fill the criteria of their source for every observed KIM (`forums`: a forum document,
     * `pembinaan`: a pembinaan document, `cases`: review cases, `validation`: true); a record given replaces the
     * values set in `observations` for the criteria it feeds.
     *
     * @param array<string, mixed>|string $request
     * @return array<string, mixed>
     */
    public static function assess(Registry $registry, array|string $request, ?Profiles $profiles = null, ?Reference $reference = null): array
    {
        $req = (string) Native::encode($request);
        $p = ($profiles ?? Kim::profiles())->cdata();
        $ref = ($reference ?? Kim::reference())->cdata();
        return Native::json(static fn ($out) => Kim::ffi()->kim_assess($registry->cdata(), $p, $ref, $req, \strlen($req), $out));
    }
}
