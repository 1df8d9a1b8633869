<?php

declare(strict_types=1);

namespace Kim\Tests;

use Kim\Exception\ArgumentException;
use Kim\Exception\CsvException;
use Kim\Exception\JsonException;
use Kim\Forum;
use Kim\Kim;
use Kim\Registry;

/** Forum KIM and pembinaan through the C ABI: the illustrative Kukar scenario, and bad input. */
final class ForumTest extends TestCase
{
    private static function kims(): Registry
    {
        return Registry::fromJson((string) file_get_contents(self::DATA . '/forum_kukar_kims.json'));
    }

    private static function forums(): string
    {
        return (string) file_get_contents(self::DATA . '/forum_kukar.json');
    }

    public function testForumMetricsAndChecks(): void
    {
        $m = Forum::metrics(self::forums(), self::kims(), Kim::reference(), ['as_of' => '2025-06-30', 'within' => '64.02']);
        self::assertSame([3, 20], [$m['forum_coverage']['numerator'], $m['forum_coverage']['denominator']]);
        self::assertSame([9, 11], [$m['kim_forum_affiliation']['numerator'], $m['kim_forum_affiliation']['denominator']]);
        self::assertSame('2025-06-30', $m['forum_coverage']['as_of']);
        $r = Forum::check(self::forums(), self::kims(), Kim::reference(), ['as_of' => '2025-07-12']);
        self::assertSame(1, $r['schema_version']);
        self::assertContains('FORUM-FR9-TERM-EXPIRED', array_column($r['findings'], 'code'));
        $strict = Forum::check(self::forums(), self::kims(), Kim::reference(), [
            'as_of' => '2025-06-30',
            'rules' => ['overlay' => 'overlay-x', 'officers_severity' => 'error'],
        ]);
        self::assertFalse($strict['ok']);
    }

    public function testPembinaanReport(): void
    {
        $json = (string) file_get_contents(self::DATA . '/forum_kukar_pembinaan.json');
        $r = Forum::pembinaanReport($json, self::kims(), Kim::reference(), ['unit' => '64.02', 'to' => '2025-06-30']);
        self::assertSame('2024-07-01', $r['from']);
        self::assertSame([8, 11], [$r['trained_share_12m']['numerator'], $r['trained_share_12m']['denominator']]);
        self::assertSame([6, 20], [$r['spm_kecamatan_coverage']['numerator'], $r['spm_kecamatan_coverage']['denominator']]);
        self::assertSame(['office' => 'bupati/wali kota', 'copy' => false], $r['recipients'][0]);
    }

    public function testBadInputIsAStructuredError(): void
    {
        $bad = '{"schema_version": 1, "forums": [{"id": "F1", "name": "F", "level": "desa"}]}';
        $e = self::assertThrowsKim(fn () => Forum::check($bad, self::kims(), Kim::reference()), JsonException::class, 'KIM-E-JSON');
        self::assertStringContainsString('forums[F1]', $e->getMessage());
        $json = (string) file_get_contents(self::DATA . '/forum_kukar_pembinaan.json');
        self::assertThrowsKim(
            fn () => Forum::pembinaanReport($json, self::kims(), Kim::reference(), ['unit' => '64.02.06']),
            ArgumentException::class,
            'KIM-E-ARGUMENT',
        );
    }

    public function testPembinaanFromCsv(): void
    {
        $acts = (string) file_get_contents(self::DATA . '/forum_kukar_activities.csv');
        $att = (string) file_get_contents(self::DATA . '/forum_kukar_attendance.csv');
        $base = (string) file_get_contents(self::DATA . '/forum_kukar_pembinaan.json');
        [$json, $report] = Forum::pembinaanFromCsv($acts, $att, self::kims(), [], $base);
        self::assertSame([2, 2, 0], [$report['activities']['rows_in'], $report['activities']['accepted'], $report['activities']['rejected']]);
        self::assertSame([4, 3, 1], [$report['attendance']['rows_in'], $report['attendance']['accepted'], $report['attendance']['rejected']]);
        self::assertSame([4, 'kim_id', 'KIM-E-UNKNOWN-KIM'], [
            $report['attendance']['errors'][0]['line'],
            $report['attendance']['errors'][0]['field'],
            $report['attendance']['errors'][0]['code'],
        ]);
        $doc = json_decode($json, true, 512, JSON_THROW_ON_ERROR);
        $before = json_decode($base, true, 512, JSON_THROW_ON_ERROR);
        self::assertCount(\count($before['activities']) + 2, $doc['activities']);
        self::assertEquals($before['grants'], $doc['grants']);  // the same grants, keys in kim's order
        // The document goes straight into the report.
        $r = Forum::pembinaanReport($json, self::kims(), Kim::reference(), ['unit' => '64.02', 'to' => '2025-06-30']);
        self::assertSame('64.02', $r['unit']);
        // Two funding lines on one row; a row with one amount for two sources is rejected, with its field.
        $csv = "id,judul,jenis_kegiatan,jenis_penyelenggara,tanggal_mulai,tanggal_selesai,sumber_dana,anggaran\n"
            . "B1,Bimtek,bimtek,dinas_kab_kota,2025-02-03,2025-02-04,apbd_kab_kota;apbn,\"1.000.000;500.000\"\n"
            . "B2,Bimtek,bimtek,dinas_kab_kota,2025-02-03,2025-02-04,apbd_kab_kota;apbn,1.000.000\n";
        [$json, $report] = Forum::pembinaanFromCsv($csv);
        self::assertNull($report['attendance']);
        self::assertSame([2, 1, 1], [$report['activities']['rows_in'], $report['activities']['accepted'], $report['activities']['rejected']]);
        self::assertSame([3, 'funding_amount'], [$report['activities']['errors'][0]['line'], $report['activities']['errors'][0]['field']]);
        $doc = json_decode($json, true, 512, JSON_THROW_ON_ERROR);
        self::assertSame([1000000, 500000], array_column($doc['activities'][0]['funding'], 'amount'));
        // A table without its required columns is an exception, not an empty result.
        self::assertThrowsKim(fn () => Forum::pembinaanFromCsv("id,title\nA,B\n"), CsvException::class, 'KIM-E-COLUMN');
        self::assertThrowsKim(
            fn () => Forum::pembinaanFromCsv($acts, null, null, ['places' => ['K1' => '64.02.01.2001']]),
            ArgumentException::class,
            'KIM-E-ARGUMENT',
        );
    }
}
