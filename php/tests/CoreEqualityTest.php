<?php

declare(strict_types=1);

namespace Kim\Tests;

use Kim\Exception\ArgumentException;
use Kim\Exception\CallException;
use Kim\Exception\InvalidCodeException;
use Kim\Exception\JsonException;
use Kim\Exception\ProfileException;
use Kim\Kim;
use Kim\Moderator;
use Kim\Registry;
use Kim\Report;
use Kim\Verdict;

/**
 * Every result that kim-core also computed (the `ffi_expected` example writes them to KIM_EXPECTED) is compared for
 * equality with what the C ABI returns through this package.
 */
final class CoreEqualityTest extends TestCase
{
    /** The texts of `examples/ffi_expected.rs`. */
    private const TEXTS = [
        'Gotong royong membersihkan pantai Desa Perian, Minggu pagi.',
        'Main di s.l.o.t g4c0r, m4xw1n tiap hari!',
        'VIRAL SEBELUM DIHAPUS!!! Sebarkan!',
        'Ini NIK si pelaku 6402014101900001, hp 0812-3456-7890.',
        'Usir orang Cina dari pasar kita!',
        'Umat Hindu membakar ogoh-ogoh pada malam pengerupukan.',
    ];

    /** @return array<mixed> */
    private static function expected(string $name): array
    {
        $dir = getenv('KIM_EXPECTED');
        if (!\is_string($dir) || !is_file("$dir/$name")) {
            self::fail('set KIM_EXPECTED to the directory written by `cargo run -p kim-examples --example ffi_expected -- DIR`');
        }
        return json_decode((string) file_get_contents("$dir/$name"), true, 512, JSON_THROW_ON_ERROR);
    }

    /** Sorts associative keys recursively: equality of content, whatever the key order. */
    private static function canon(mixed $v): mixed
    {
        if (!\is_array($v)) {
            return $v;
        }
        if (!array_is_list($v)) {
            ksort($v);
        }
        return array_map([self::class, 'canon'], $v);
    }

    private static function registry(): Registry
    {
        return Registry::fromJson((string) file_get_contents(self::DATA . '/kim_sample.json'));
    }

    public function testReference(): void
    {
        self::assertNotSame('', Kim::version());
        $kukar = Kim::reference()->lookup('64.02');
        self::assertSame('Kabupaten Kutai Kartanegara', $kukar['name']);
        self::assertSame([20, 193, 44], [$kukar['counts']['kecamatan'], $kukar['counts']['desa'], $kukar['counts']['kelurahan']]);
        self::assertThrowsKim(fn () => Kim::reference()->lookup('64.02.99.9999'), InvalidCodeException::class, 'KIM-E-CODE');
        self::assertThrowsKim(fn () => Kim::reference()->lookup("64\xff"), CallException::class, 'KIM-E-UTF8');
    }

    public function testValidationEqualsRust(): void
    {
        $registry = self::registry();
        self::assertSame(40, $registry->count());
        $reports = Kim::profiles()->validateRegistry(Kim::reference(), $registry, ['as_of' => '2025-06-30']);
        self::assertContainsOnlyInstancesOf(Report::class, $reports);
        $arrays = array_map(static fn (Report $r): array => $r->toArray(), $reports);
        self::assertSame(self::canon(self::expected('validate_registry.json')['reports']), self::canon($arrays));
        self::assertFalse($reports[1]->ok, 'KIM-6402-002 fails (a PNS member in Kukar)');
        self::assertSame('members[m5].occupation', $reports[1]->errors()[0]->path);
        self::assertSame('KIM-L-6402-NO-PNS', $reports[1]['findings'][0]['code'], 'array access still works');

        $one = Kim::profiles()->validateKim(Kim::reference(), ['id' => 'K1', 'name' => 'KIM Baru', 'seat' => '64.02.01'], ['as_of' => '2025-06-30']);
        self::assertContains('KIM-F2-LEVEL', $one->codes());
        self::assertContains('KIM-F3-MISSING', $one->codes());
        self::assertSame('2025-06-30', $one->asOf);
    }

    public function testValidationErrors(): void
    {
        $p = Kim::profiles();
        $ref = Kim::reference();
        self::assertThrowsKim(fn () => $p->validateKim($ref, '{"id":"K1"'), JsonException::class, 'KIM-E-JSON');
        self::assertThrowsKim(fn () => $p->validateKim($ref, ['id' => 'K1', 'name' => 'x', 'seat' => '64.02.01.2001'], ['as_of' => '2009-01-01']), ProfileException::class, 'KIM-E-NO-PROFILE');
        self::assertThrowsKim(fn () => $p->validateKim($ref, ['id' => 'K1', 'name' => 'x', 'seat' => 7]), JsonException::class, 'KIM-E-JSON');
    }

    public function testModerationEqualsRust(): void
    {
        $mod = Kim::moderator();
        $verdicts = $mod->checkMany(self::TEXTS);
        self::assertContainsOnlyInstancesOf(Verdict::class, $verdicts);
        $arrays = array_map(static fn (Verdict $v): array => $v->toArray(), $verdicts);
        self::assertSame(self::canon(self::expected('moderation.json')['verdicts']), self::canon($arrays));
        self::assertSame(['allow', 'block', 'hold', 'block', 'hold', 'allow'], array_map(static fn (Verdict $v): string => $v->decision, $verdicts));
        foreach (self::TEXTS as $i => $t) {
            self::assertSame($arrays[$i], $mod->check($t)->toArray(), "single check equals batch ($i)");
        }
        self::assertTrue($verdicts[1]->isBlocked());
        self::assertSame('NIK 6402**********01', Moderator::redact('NIK 6402014101900001'));
        self::assertSame([], $mod->checkMany([]));
        $local = Moderator::fromLexicon("lokal-1\tkasar\tmedium\thold\tphrase\tkurang ajar\n", 'lokal');
        self::assertTrue($local->check('Dasar kurang ajar!')->isHeld());
        // The shared moderator has the hold model: a calm health hoax that no rule names is held for a fact-check;
        // the rules alone allow it.
        $calm = 'Kabarnya air sumur di tiga dusun sudah tercemar limbah pabrik, warga disuruh berhenti minum, sebarkan ke grup.';
        $held = $mod->check($calm)->toArray();
        self::assertSame(['hold', ['model-hold'], true, 'kim-default-2+hold-2026-12-06.6'], [$held['decision'], array_column($held['matches'], 'rule_id'), $held['fact_check'], $held['lexicon_version']]);
        $rules = Moderator::rulesOnly()->check($calm)->toArray();
        self::assertSame(['allow', 'kim-default-2'], [$rules['decision'], $rules['lexicon_version']]);
        // A second opinion on a block: news of a threat that one rule alone blocks is held, softened by the model.
        $news = 'Seorang warga mengancam akan membakar balai desa lewat status Facebook karena namanya tidak masuk daftar penerima bantuan.';
        self::assertTrue(Moderator::rulesOnly()->check($news)->isBlocked());
        $second = $mod->check($news)->toArray();
        self::assertSame('hold', $second['decision']);
        self::assertNotContains('block', array_column($second['matches'], 'action'));
        self::assertContains('hold-model', array_column($second['matches'], 'softened_by'));
    }

    public function testCoverageEqualsRust(): void
    {
        $registry = self::registry();
        $cov = $registry->coverage(Kim::reference(), ['as_of' => '2025-06-30', 'level' => 'kecamatan', 'within' => '64.02']);
        self::assertSame(self::canon(self::expected('coverage_6402.json')), self::canon($cov));
        self::assertSame(237, $cov['total']['villages']['total']);
        self::assertCount(20, $cov['rows']);
        $gaps = $registry->gaps(Kim::reference(), ['as_of' => '2025-06-30', 'within' => '64.02']);
        self::assertCount(6, $gaps['kecamatan']);
        self::assertThrowsKim(fn () => $registry->coverage(Kim::reference(), ['within' => '64.02', 'level' => 'provinsi']), ArgumentException::class, 'KIM-E-ARGUMENT');
    }

    public function testCsvImport(): void
    {
        [$imported, $report] = Registry::fromCsv((string) file_get_contents(self::DATA . '/kim_legacy.csv'), (string) file_get_contents(self::DATA . '/kim_legacy_members.csv'), Kim::reference());
        $k = $report['kims'];
        self::assertSame($k['rows_in'], $k['accepted'] + $k['accepted_with_findings'] + $k['rejected']);
        self::assertSame([12, 2], [$imported->count(), $k['rejected']]);
        self::assertStringNotContainsString('6402014101', $imported->toJson(true), 'log JSON masks NIKs');

        // The messy Excel fixture (cp1252, `;`, CRLF): the counts kim-core/tests/excel_fixture.rs asserts.
        $excel = __DIR__ . '/../../kim-core/tests/data/excel';
        [$messy, $report] = Registry::fromCsv((string) file_get_contents("$excel/kims_messy.csv"), (string) file_get_contents("$excel/members_messy.csv"), Kim::reference());
        $counts = static fn (array $t): array => [$t['rows_in'], $t['accepted'], $t['accepted_with_findings'], $t['rejected']];
        self::assertSame(4, $messy->count());
        self::assertSame([7, 3, 1, 3], $counts($report['kims']));
        self::assertSame([7, 1, 2, 4], $counts($report['members']));
        self::assertSame(['K04'], array_column($report['review'], 'id'));
        self::assertStringContainsString('format the column as Text', $report['members']['errors'][0]['reason']);
        // Options reach the import: a forced delimiter that is wrong fails the table with a hint.
        self::assertThrowsKim(fn () => Registry::fromCsv("id;name;seat\nK1;KIM;64.02.01.2001\n", null, null, ['delimiter' => ',']), \Kim\Exception\CsvException::class, 'KIM-E-CSV');
    }
}
