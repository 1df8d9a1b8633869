<?php

declare(strict_types=1);

namespace Kim\Tests;

use Kim\Assessment;
use Kim\Exception\JsonException;
use Kim\Registry;

/** Pemetaan and assessment through the C ABI: the same verdicts as kim-core. */
final class AssessmentTest extends TestCase
{
    private static function registry(): Registry
    {
        return Registry::fromJson((string) file_get_contents(self::DATA . '/kim_sample.json'));
    }

    /** @return array<string, mixed> */
    private static function data(string $file): array
    {
        return json_decode((string) file_get_contents(self::DATA . '/' . $file), true, 512, JSON_THROW_ON_ERROR);
    }

    public function testAhp(): void
    {
        $a = Assessment::ahp([[1, 2, 4], [1 / 2, 1, 2], [1 / 4, 1 / 2, 1]]);
        self::assertEqualsWithDelta(4 / 7, $a['weights'][0], 1e-9);
        self::assertEqualsWithDelta(0.0, $a['cr'], 1e-9);
        // Saaty (1990), the house example's criteria: CR 0.169, rejected at 0.10.
        $house = [
            [1, 5, 3, 7, 6, 6, 1 / 3, 1 / 4],
            [1 / 5, 1, 1 / 3, 5, 3, 3, 1 / 5, 1 / 7],
            [1 / 3, 3, 1, 6, 3, 4, 6, 1 / 5],
            [1 / 7, 1 / 5, 1 / 6, 1, 1 / 3, 1 / 4, 1 / 7, 1 / 8],
            [1 / 6, 1 / 3, 1 / 3, 3, 1, 1 / 2, 1 / 5, 1 / 6],
            [1 / 6, 1 / 3, 1 / 4, 4, 2, 1, 1 / 5, 1 / 6],
            [3, 5, 1 / 6, 7, 5, 5, 1, 1 / 2],
            [4, 7, 5, 8, 6, 6, 2, 1],
        ];
        $e = self::assertThrowsKim(fn () => Assessment::ahp($house), JsonException::class, 'KIM-E-JSON');
        self::assertStringContainsString('CR = 0.1691', $e->getMessage());
        self::assertEqualsWithDelta(9.6689, Assessment::ahp($house, 0.2)['lambda_max'], 1e-4);
        $e = self::assertThrowsKim(fn () => Assessment::ahp([[1, 3], [1 / 4, 1]]), JsonException::class, 'KIM-E-JSON');
        self::assertStringContainsString('not reciprocal', $e->getMessage());
    }

    public function testMappingReportAndAuthority(): void
    {
        $registry = self::registry();
        $m = self::data('pemetaan_kukar.json')['mappings'];
        $req = ['mappings' => $m, 'kab_kota' => '64.02', 'from' => '2025-01-01', 'to' => '2025-06-30'];
        $r = Assessment::mappingReport($registry, $req);
        self::assertSame([31, 36], [$r['mapped_kims'], $r['active_kims']]);
        self::assertSame('Kabupaten Kutai Kartanegara', $r['kab_kota_name']);
        self::assertNotEmpty($r['priority']);
        $wrong = $req;
        $wrong['mappings'] = [array_merge($m[0], ['author' => ['kind' => 'dinas', 'kab_kota' => '64.03']])];
        $e = self::assertThrowsKim(fn () => Assessment::mappingReport($registry, $wrong), JsonException::class, 'KIM-E-JSON');
        self::assertStringContainsString('PM1: the Dinas of 64.03', $e->getMessage());
        $wrong['mappings'] = [array_merge($m[0], ['author' => ['kind' => 'provinsi', 'provinsi' => '64']])];
        $e = self::assertThrowsKim(fn () => Assessment::mappingReport($registry, $wrong), JsonException::class, 'KIM-E-JSON');
        self::assertStringContainsString('PM1: province 64 cannot author', $e->getMessage());
    }

    public function testAssess(): void
    {
        $registry = self::registry();
        $obs = [];
        foreach (['KIM-6402-001', 'KIM-6402-002', 'KIM-6402-005', 'KIM-6402-023'] as $id) {
            $obs[$id] = ['administrasi' => 80, 'pemanfaatan_media' => 3, 'aktivitas_pokok' => 4, 'pelanggaran_moderasi' => 0, 'temuan_validasi' => 0];
        }
        $obs['KIM-6402-001']['administrasi'] = 100;
        $req = ['rubric' => self::data('rubric_lomba_illustrative.json'), 'observations' => $obs, 'as_of' => '2025-06-30'];
        $a = Assessment::assess($registry, $req);
        $rows = array_map(static fn (array $r): array => [$r['kim_id'], $r['rank'], $r['tied']], $a['ranking']['rows']);
        self::assertSame([['KIM-6402-001', 1, false], ['KIM-6402-002', 2, true], ['KIM-6402-005', 2, true]], $rows);
        self::assertSame(['KIM-6402-002', 'KIM-6402-005'], $a['ranking']['ties'][0]['kim_ids']);
        self::assertSame('KIM-6402-023', $a['ranking']['unranked'][0]['kim_id']);
        self::assertEqualsWithDelta($a['ranking']['rows'][0]['total'], array_sum($a['ranking']['rows'][0]['contributions']), 1e-9);
        self::assertSame('unclassified: no official national scheme', $a['classifications'][0]['reason']);
        unset($req['observations']['KIM-6402-002']['aktivitas_pokok']);
        $e = self::assertThrowsKim(fn () => Assessment::assess($registry, $req), JsonException::class, 'KIM-E-JSON');
        self::assertStringContainsString('observations[KIM-6402-002].aktivitas_pokok: missing value', $e->getMessage());
    }

    public function testProvinceReportsAndFeeds(): void
    {
        $registry = self::registry();
        $m = self::data('pemetaan_kukar.json')['mappings'];
        $p = Assessment::provinceMappingReports($registry, ['mappings' => $m, 'provinsi' => '64', 'from' => '2025-01-01', 'to' => '2025-06-30']);
        self::assertSame('64', $p['provinsi']);
        self::assertSame(['64.02'], array_column($p['reports'], 'kab_kota'));
        self::assertSame([31, 36], [$p['reports'][0]['mapped_kims'], $p['reports'][0]['active_kims']]);
        // The two fed criteria of the illustrative rubric from kim's own records: no case, validation on the date.
        $obs = [];
        foreach (['KIM-6402-001', 'KIM-6402-002'] as $id) {
            $obs[$id] = ['administrasi' => 80, 'pemanfaatan_media' => 3, 'aktivitas_pokok' => 4];
        }
        $req = [
            'rubric' => self::data('rubric_lomba_illustrative.json'),
            'observations' => $obs,
            'as_of' => '2025-06-30',
            'feeds' => ['cases' => [], 'validation' => true],
        ];
        $a = Assessment::assess($registry, $req);
        $scores = array_column($a['scores']['rows'], null, 'kim_id');
        self::assertCount(2, $scores);
        unset($req['feeds']);
        $e = self::assertThrowsKim(fn () => Assessment::assess($registry, $req), JsonException::class, 'KIM-E-JSON');
        self::assertStringContainsString('pelanggaran_moderasi', $e->getMessage());
    }
}
