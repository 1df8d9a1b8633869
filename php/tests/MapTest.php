<?php

declare(strict_types=1);

namespace Kim\Tests;

use Kim\Exception\ArgumentException;
use Kim\Kim;
use Kim\Registry;

/** Coverage maps for a web page: GeoJSON that Leaflet's L.geoJSON draws as it is. */
final class MapTest extends TestCase
{
    private static function registry(): Registry
    {
        return Registry::fromJson((string) file_get_contents(self::DATA . '/kim_sample.json'));
    }

    public function testKukarKecamatanAsGeoJson(): void
    {
        $registry = self::registry();
        $options = ['as_of' => '2025-06-30', 'level' => 'kecamatan', 'within' => '64.02'];
        $json = $registry->coverageGeoJson(Kim::reference(), $options);
        $map = json_decode($json, true, 512, JSON_THROW_ON_ERROR);
        self::assertSame('FeatureCollection', $map['type']);
        self::assertCount(20, $map['features']);
        $table = $registry->coverage(Kim::reference(), $options);
        foreach ($map['features'] as $i => $f) {
            $row = $table['rows'][$i];
            self::assertSame('Feature', $f['type']);
            self::assertSame($row['code'], $f['id']);
            self::assertSame($row['name'], $f['properties']['name']);
            self::assertSame($row['villages']['total'], $f['properties']['villages']);
            self::assertSame($row['villages_with_kim']['total'], $f['properties']['villages_with_kim']);
            self::assertSame('MultiPolygon', $f['geometry']['type']);
            foreach ($f['geometry']['coordinates'] as $polygon) {
                foreach ($polygon as $ring) {
                    self::assertGreaterThanOrEqual(4, \count($ring));
                    self::assertSame($ring[0], $ring[\count($ring) - 1]);
                    [$lng, $lat] = $ring[0];
                    self::assertTrue($lng > 115.0 && $lng < 118.5 && $lat > -1.5 && $lat < 2.0, "$lng $lat");
                }
            }
        }
        [$west, $south, $east, $north] = $map['bbox'];
        self::assertTrue($west < $east && $south < $north);
        self::assertSame(1, $map['kim']['schema_version']);
        self::assertSame('kecamatan', $map['kim']['level']);
        self::assertSame($table['code_list_version'], $map['kim']['code_list_version']);
        self::assertSame([], $map['kim']['rows_without_boundary']);
        self::assertSame($table['total']['villages']['total'], $map['kim']['total']['villages']);
    }

    public function testNationalAndVillageLevels(): void
    {
        $registry = self::registry();
        $provinsi = json_decode($registry->coverageGeoJson(Kim::reference(), ['as_of' => '2025-06-30', 'level' => 'provinsi']), true);
        self::assertCount(38, $provinsi['features']);
        $villages = json_decode($registry->coverageGeoJson(Kim::reference(), ['as_of' => '2025-06-30', 'level' => 'desa', 'within' => '64.02.06']), true);
        self::assertCount(\count(Kim::reference()->children('64.02.06')), $villages['features']);
        $e = self::assertThrowsKim(
            fn () => $registry->coverageGeoJson(Kim::reference(), ['level' => 'desa', 'within' => '64.01']),
            ArgumentException::class,
            'KIM-E-ARGUMENT',
        );
        self::assertStringContainsString('only for Kutai Kartanegara (64.02)', $e->getMessage());
    }
}
