<?php

declare(strict_types=1);

namespace Kim\Tests;

use Kim\Exception\ArgumentException;
use Kim\Exception\CallException;
use Kim\Exception\CsvException;
use Kim\Exception\ErrorMap;
use Kim\Exception\InternalException;
use Kim\Exception\InvalidCodeException;
use Kim\Exception\InvalidNikException;
use Kim\Exception\IoException;
use Kim\Exception\JsonException;
use Kim\Exception\KimException;
use Kim\Exception\LexiconException;
use Kim\Exception\ProfileException;
use Kim\Exception\ReferenceException;
use Kim\Exception\RegistryException;
use Kim\Exception\ResultTooLargeException;
use Kim\Exception\TransitionException;
use Kim\Kim;
use Kim\Moderator;
use Kim\Reference;
use Kim\Registry;
use Kim\Review;

/** What a kabupaten web app needs: dropdowns, name resolution, series and targets, review, shared objects. */
final class NewCallsTest extends TestCase
{
    public function testChildrenForDropdowns(): void
    {
        $ref = Kim::reference();
        self::assertCount(38, $ref->children());
        $kecamatan = $ref->children('64.02');
        self::assertCount(20, $kecamatan);
        self::assertSame(['code' => '64.02.01', 'name' => 'Muara Muntai', 'level' => 'kecamatan'], array_intersect_key($kecamatan[0], ['code' => 1, 'name' => 1, 'level' => 1]));
        self::assertSame([], $ref->children('64.02.01.2001'));
        self::assertThrowsKim(fn () => $ref->children('64.02.99'), InvalidCodeException::class, 'KIM-E-NOT-IN-LIST');
        self::assertThrowsKim(fn () => $ref->lookup('64.02.01.2999'), InvalidCodeException::class, 'KIM-E-NOT-IN-LIST');
    }

    public function testNameResolution(): void
    {
        $ref = Kim::reference();
        $r = $ref->resolve('Desa Perian, Kec. Muara Muntai, Kukar');
        self::assertSame('unique', $r['resolution']);
        self::assertSame('64.02.01.2001', $r['match']['code']);
        self::assertSame('64.02.01.2001', $ref->resolve(['desa' => 'Perian', 'kecamatan' => 'Muara Muntai', 'kab_kota' => 'Kukar'])['match']['code']);
        self::assertSame('64.02.01.2001', $ref->resolve(['Kutai Kartanegara', 'Muara Muntai', 'Perian'])['match']['code']);
        self::assertSame('not_found', $ref->resolve('Zzyzx Qwerty')['resolution']);
        self::assertSame('64.02.01.2001', $ref->matchName('Perian', ['within' => '64.02.01'])[0]['code']);
    }

    public function testSeriesAndTarget(): void
    {
        $registry = Registry::fromJson((string) file_get_contents(self::DATA . '/kim_sample.json'));
        $points = $registry->series(Kim::reference(), ['within' => '64.02', 'from' => '2024-01-01', 'to' => '2025-06-30']);
        self::assertCount(18, $points);
        self::assertSame('2025-06-30', end($points)['date']);
        $cov = $registry->coverage(Kim::reference(), ['as_of' => '2025-06-30', 'within' => '64.02', 'level' => 'kecamatan']);
        self::assertSame($cov['total']['villages_with_kim']['total'], end($points)['villages_with_kim']['total']);
        $t = $registry->target(Kim::reference(), ['within' => '64.02', 'as_of' => '2025-06-30', 'target' => ['ratio' => 0.8, 'date' => '2026-12-31']]);
        self::assertSame(0.8, (float) $t['target']['ratio']);
        self::assertArrayHasKey('projected_date', $t);
    }

    public function testReviewWorkflow(): void
    {
        $verdict = Kim::moderator()->check('VIRAL SEBELUM DIHAPUS!!! Sebarkan!');
        self::assertTrue($verdict->isHeld());
        $case = Review::open(['id' => 'C-1', 'kim_id' => 'KIM-6402-001', 'item_id' => 'post-77', 'verdict' => $verdict, 'at' => '2025-03-01T08:00:00Z']);
        $rs = $verdict['lexicon_version'];
        self::assertSame('open', $case['state']);
        self::assertSame('2025-03-02T08:00:00Z', $case['deadline']);
        $decided = Review::decide($case, ['actor' => 'rina', 'role' => 'moderator', 'outcome' => 'remove', 'at' => '2025-03-01T10:00:00Z', 'hoax_label' => 'disinformasi', 'ruleset_version' => $rs]);
        self::assertSame('decided', $decided['state']);
        $appealed = Review::appeal(json_encode($decided), ['actor' => 'budi', 'role' => 'pemilik_konten', 'reason' => 'ini fakta', 'at' => '2025-03-01T12:00:00Z', 'ruleset_version' => $rs]);
        self::assertSame('appealed', $appealed['state']);
        self::assertThrowsKim(fn () => Review::resolve($appealed, ['actor' => 'rina', 'role' => 'moderator', 'outcome' => 'upheld', 'at' => '2025-03-02T08:00:00Z', 'ruleset_version' => $rs]), KimException::class, 'KIM-E-ARGUMENT');
        $closed = Review::resolve($appealed, ['actor' => 'sari', 'role' => 'admin_diskominfo', 'outcome' => 'upheld', 'at' => '2025-03-02T08:00:00Z', 'ruleset_version' => $rs]);
        self::assertSame('remove', $closed['final_outcome']);
        self::assertCount(4, $closed['audit']);
        // A role that may not decide, and a forged audit log.
        self::assertThrowsKim(fn () => Review::decide($case, ['actor' => 'x', 'role' => 'pelapor', 'outcome' => 'approve', 'ruleset_version' => $rs]), TransitionException::class, 'KIM-E-CASE');
        $forged = $decided;
        $forged['decision'] = 'approve';
        self::assertThrowsKim(fn () => Review::appeal($forged, ['actor' => 'budi', 'role' => 'pemilik_konten', 'ruleset_version' => $rs]), JsonException::class, 'KIM-E-JSON');
        $overdue = Review::overdue([$case, $decided], '2025-03-03T00:00:00Z');
        self::assertSame(['C-1'], array_column($overdue, 'id'));
    }

    /** `path_style: laravel` gives Laravel's validation keys, ready for a form's `$errors`. */
    public function testLaravelPaths(): void
    {
        $registry = Registry::fromJson((string) file_get_contents(self::DATA . '/kim_sample.json'));
        $reports = Kim::profiles()->validateRegistry(Kim::reference(), $registry, ['as_of' => '2025-06-30', 'path_style' => 'laravel']);
        $kim = json_decode((string) file_get_contents(self::DATA . '/kim_sample.json'), true)['kims'][1];
        $position = array_search('m5', array_column($kim['members'], 'id'), true);
        self::assertSame("members.$position.occupation", $reports[1]->errors()[0]->path);
    }

    public function testSharedObjectsSurviveTheirPhpWrappers(): void
    {
        $a = Reference::shared();
        $b = Reference::shared();
        self::assertSame(\FFI::cast('uintptr_t', $a->cdata())->cdata, \FFI::cast('uintptr_t', $b->cdata())->cdata);
        unset($a); // kim_reference_free on the shared handle does nothing
        for ($i = 0; $i < 100; $i++) {
            Reference::shared();
            Moderator::shared();
        }
        self::assertSame('Kabupaten Kutai Kartanegara', Reference::shared()->lookup('64.02')['name']);
        self::assertTrue(Moderator::shared()->check('Slot gacor maxwin!')->isBlocked());
        unset($b);
    }

    /**
     * Every error code of kim.h's table maps to the exception class of its status's family, and every code in the
     * sources of kim-ffi and of kim-core's error type has a class.
     */
    public function testEveryErrorCodeIsMapped(): void
    {
        $family = [
            'KIM_STATUS_NULL_POINTER' => CallException::class,
            'KIM_STATUS_INVALID_UTF8' => CallException::class,
            'KIM_STATUS_INPUT_TOO_LARGE' => CallException::class,
            'KIM_STATUS_RESULT_TOO_LARGE' => ResultTooLargeException::class,
            'KIM_STATUS_PANIC' => InternalException::class,
            'KIM_STATUS_INVALID_CODE' => InvalidCodeException::class,
            'KIM_STATUS_INVALID_NIK' => InvalidNikException::class,
            'KIM_STATUS_REFERENCE' => ReferenceException::class,
            'KIM_STATUS_LEXICON' => LexiconException::class,
            'KIM_STATUS_CSV' => CsvException::class,
            'KIM_STATUS_JSON' => JsonException::class,
            'KIM_STATUS_IO' => IoException::class,
            'KIM_STATUS_PROFILE' => ProfileException::class,
            'KIM_STATUS_REGISTRY' => RegistryException::class,
            'KIM_STATUS_TRANSITION' => TransitionException::class,
            'KIM_STATUS_INVALID_ARGUMENT' => ArgumentException::class,
        ];
        $root = __DIR__ . '/../..';
        preg_match_all('/^\s*\*\s+(KIM-E-[A-Z0-9-]+)\s+(KIM_STATUS_[A-Z0-9_]+)\s/m', (string) file_get_contents("$root/kim-ffi/include/kim.h"), $rows, PREG_SET_ORDER);
        self::assertGreaterThan(20, \count($rows));
        foreach ($rows as [, $code, $status]) {
            self::assertSame($family[$status] ?? "a family for $status", ErrorMap::CODES[$code] ?? "no class for $code", $code);
        }
        $text = (string) file_get_contents("$root/kim-core/src/error.rs");
        foreach (glob("$root/kim-ffi/src/*.rs") ?: [] as $file) {
            $text .= file_get_contents($file);
        }
        preg_match_all('/"(KIM-E-[A-Z0-9]+(?:-[A-Z0-9]+)*)"/', $text, $m);
        self::assertSame([], array_values(array_diff(array_unique($m[1]), array_keys(ErrorMap::CODES))), 'codes without a class');
    }
}
