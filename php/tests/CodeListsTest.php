<?php

declare(strict_types=1);

namespace Kim\Tests;

use Kim\CodeLists;
use Kim\Exception\ArgumentException;
use Kim\Exception\InvalidCodeException;
use Kim\Kim;
use Kim\Registry;

/** Code lists through time and denominators, through the C ABI. */
final class CodeListsTest extends TestCase
{
    private static function registry(): Registry
    {
        return Registry::fromJson((string) file_get_contents(self::DATA . '/kim_sample.json'));
    }

    public function testVersionsInForceDiffAndCrosswalk(): void
    {
        $versions = CodeLists::versions();
        self::assertCount(6, $versions);
        self::assertSame('permendagri-56-2015', $versions[0]['id']);
        self::assertTrue($versions[5]['current']);
        self::assertSame(7285, $versions[5]['counts']['kecamatan']);

        $f = CodeLists::inForce('2021-06-30');
        self::assertSame(['permendagri-72-2019', false], [$f['version']['id'], $f['before_oldest']]);
        self::assertTrue(CodeLists::inForce('2010-01-01')['before_oldest']);
        self::assertThrowsKim(fn () => CodeLists::inForce('30/06/2021'), ArgumentException::class, 'KIM-E-ARGUMENT');

        $old = 'kepmendagri-100.1.1-6117-2022';
        $new = 'kepmendagri-300.2.2-2138-2025';
        $sorong = array_values(array_filter(CodeLists::diff($old, $new), fn ($r) => $r['old_code'] === '92.71'))[0];
        self::assertSame(['rekeyed', '96.71'], [$sorong['change'], $sorong['new_code']]);

        $rows = CodeLists::crosswalk(['92.71.01', '64.02.01', '11.01.01.2999'], $old, $new);
        self::assertSame(['rekeyed', 'unchanged', 'not_in_source'], array_column($rows, 'status'));
        self::assertSame('96.71.01', $rows[0]['new_code']);
        self::assertSame([], CodeLists::crosswalk([], $old, $new));
        self::assertThrowsKim(fn () => CodeLists::diff('permendagri-1-1999', $new), ArgumentException::class, 'KIM-E-ARGUMENT');
    }

    public function testCoverageGapsAndSeriesByDate(): void
    {
        $registry = self::registry();
        $c = $registry->coverageByDate(['as_of' => '2020-06-30', 'within' => '64.02']);
        self::assertSame('permendagri-72-2019', $c['version']['id']);
        self::assertSame(18, $c['table']['total']['kecamatan']); // Kutai Kartanegara before its 2021 kecamatan splits
        $pinned = $registry->coverageByDate(['as_of' => '2020-06-30', 'within' => '64.02'], 'kepmendagri-300.2.2-2138-2025');
        self::assertSame(20, $pinned['table']['total']['kecamatan']);
        // The pinned version equals coverage on the embedded list.
        $today = $registry->coverage(Kim::reference(), ['as_of' => '2020-06-30', 'within' => '64.02']);
        self::assertSame($today['total'], $pinned['table']['total']);

        $g = $registry->gapsByDate(['as_of' => '2020-06-30', 'within' => '64.02']);
        self::assertSame('permendagri-72-2019', $g['code_list_version']);

        $points = $registry->seriesByDate(['within' => '64.02', 'dates' => ['2019-12-31', '2021-06-30', '2025-06-30']]);
        self::assertSame(
            ['permendagri-137-2017', 'permendagri-72-2019', 'kepmendagri-300.2.2-2138-2025'],
            array_column($points, 'code_list_version'),
        );
        self::assertThrowsKim(fn () => $registry->seriesByDate(['within' => '64.02']), ArgumentException::class, 'KIM-E-ARGUMENT');
    }

    public function testDenominators(): void
    {
        $ref = Kim::reference();
        $d = $ref->denominators('64.02');
        self::assertSame(806964, $d['population']['value']);
        self::assertSame(2024, $d['population']['year']);
        self::assertEqualsWithDelta(26912.065, $d['area_km2']['value'], 1e-9);
        self::assertNull($ref->denominators('64.02.01')['population']);
        self::assertThrowsKim(fn () => $ref->denominators('64.99'), InvalidCodeException::class, 'KIM-E-NOT-IN-LIST');

        $registry = self::registry();
        $t = $registry->coverage($ref, ['as_of' => '2025-06-30', 'level' => 'kab_kota', 'within' => '64', 'denominators' => true]);
        $kukar = array_values(array_filter($t['rows'], fn ($r) => $r['code'] === '64.02'))[0];
        self::assertSame(806964, $kukar['denominators']['population']);
        self::assertEqualsWithDelta($kukar['n_kim'] * 100000 / 806964, $kukar['denominators']['kim_per_100k_residents'], 1e-9);
        self::assertSame(0, $t['denominators']['rows_without_population']);
        self::assertArrayNotHasKey('denominators', $registry->coverage($ref, ['as_of' => '2025-06-30'])['total']);
        // An older list has no figures: null, and the summary says so.
        $old = $registry->coverageByDate(['as_of' => '2021-06-30', 'level' => 'kab_kota', 'within' => '64', 'denominators' => true]);
        self::assertFalse($old['table']['denominators']['applies']);
        self::assertNull($old['table']['rows'][0]['denominators']['population']);
    }

    public function testOldRegistryMigratesThroughTheCrosswalk(): void
    {
        $old = Registry::fromJson('{"schema_version":1,"kims":[{"id":"K1","name":"KIM Sorong","seat":"92.71.01.1001"},'
            . '{"id":"K2","name":"KIM Perian","seat":"64.02.01.2001"}]}');
        [$migrated, $rows] = $old->migrateCodes('kepmendagri-100.1.1-6117-2022');
        self::assertSame(2, $migrated->count());
        self::assertSame(['rekeyed', 'unchanged'], array_column($rows, 'status'));
        self::assertSame('96.71.01.1001', $rows[0]['new_code']);
        self::assertTrue($rows[0]['rewritten']);
        $seats = array_column(json_decode($migrated->toJson(), true)['kims'], 'seat');
        self::assertSame(['96.71.01.1001', '64.02.01.2001'], $seats);
        self::assertThrowsKim(fn () => $old->migrateCodes('permendagri-1-1999'), ArgumentException::class, 'KIM-E-ARGUMENT');
    }
}
