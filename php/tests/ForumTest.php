<?php

declare(strict_types=1);

namespace Kim\Tests;

use Kim\Exception\ArgumentException;
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
}
