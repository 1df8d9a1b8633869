<?php
/**
 * PHP tests of kim through FFI (php8.2-cli from Debian). Usage:
 *   php -d ffi.enable=1 examples/php/tests.php <libkim_ffi.so> <dir written by the ffi_expected example>
 * Every result that the Rust core also computed is compared for equality.
 */
declare(strict_types=1);

require __DIR__ . '/Kim.php';

use Kim\{Kim, Reference, Registry, Profiles, Moderator, KimException, JsonException, InvalidCodeException, ProfileException, CallException, ArgumentException};

[$_, $lib, $expected] = $argv + [null, null, null];
if ($lib === null || $expected === null) {
    fwrite(STDERR, "usage: php tests.php <libkim_ffi.so> <expected dir>\n");
    exit(2);
}
Kim::load($lib);

$passed = 0;
$failed = 0;
function check(bool $ok, string $what): void
{
    global $passed, $failed;
    if ($ok) {
        $passed++;
    } else {
        $failed++;
        fwrite(STDERR, "FAIL: $what\n");
    }
}
function throws(callable $fn, string $class, string $code, string $what): void
{
    try {
        $fn();
        check(false, "$what: no exception");
    } catch (KimException $e) {
        check($e instanceof $class, "$what: " . get_class($e) . " is a $class");
        check($e->kimCode === $code, "$what: code {$e->kimCode} is $code");
        check($e->getMessage() !== '', "$what: has a message");
    }
}
/** Sorts associative keys recursively: equality of content, whatever the key order. */
function canon(mixed $v): mixed
{
    if (!is_array($v)) {
        return $v;
    }
    if (!array_is_list($v)) {
        ksort($v);
    }
    return array_map('canon', $v);
}
function expected(string $dir, string $name): array
{
    return json_decode((string) file_get_contents("$dir/$name"), true, 512, JSON_THROW_ON_ERROR);
}

check(Kim::version() !== '', 'version');
$ref = Reference::embedded();
$kukar = $ref->lookup('64.02');
check($kukar['name'] === 'Kabupaten Kutai Kartanegara' && $kukar['counts']['kecamatan'] === 20, 'Kukar has 20 kecamatan');
check($kukar['counts']['desa'] === 193 && $kukar['counts']['kelurahan'] === 44, 'Kukar: 193 desa, 44 kelurahan');
throws(fn () => $ref->lookup('64.02.99.9999'), InvalidCodeException::class, 'KIM-E-CODE', 'bad code');
throws(fn () => $ref->lookup("64\xff"), CallException::class, 'KIM-E-UTF8', 'invalid UTF-8');

// The sample KIMs, validated through the C ABI, equal the Rust result.
$registry = Registry::fromJson((string) file_get_contents(__DIR__ . '/../data/kim_sample.json'));
check($registry->count() === 40, '40 sample KIMs');
$profiles = Profiles::builtin();
$reports = $profiles->validateRegistry($ref, $registry, ['as_of' => '2025-06-30']);
check(canon($reports) === canon(expected($expected, 'validate_registry.json')), 'validation equals the Rust result');
check($reports['reports'][1]['ok'] === false, 'KIM-6402-002 fails (a PNS member in Kukar)');
$one = $profiles->validateKim($ref, ['id' => 'K1', 'name' => 'KIM Baru', 'seat' => '64.02.01'], ['as_of' => '2025-06-30']);
$codes = array_column($one['findings'], 'code');
check(in_array('KIM-F2-LEVEL', $codes, true) && in_array('KIM-F3-MISSING', $codes, true), 'findings for a KIM seated in a kecamatan');
throws(fn () => $profiles->validateKim($ref, '{"id":"K1"', []), JsonException::class, 'KIM-E-JSON', 'truncated JSON');
throws(fn () => $profiles->validateKim($ref, ['id' => 'K1', 'name' => 'x', 'seat' => '64.02.01.2001'], ['as_of' => '2009-01-01']), ProfileException::class, 'KIM-E-NO-PROFILE', 'no profile in 2009');
throws(fn () => $profiles->validateKim($ref, ['id' => 'K1', 'name' => 'x', 'seat' => 7], []), JsonException::class, 'KIM-E-JSON', 'wrong JSON type');

// Moderation equals the Rust result.
$texts = [
    'Gotong royong membersihkan pantai Desa Perian, Minggu pagi.',
    'Main di s.l.o.t g4c0r, m4xw1n tiap hari!',
    'VIRAL SEBELUM DIHAPUS!!! Sebarkan!',
    'Ini NIK si pelaku 6402014101900001, hp 0812-3456-7890.',
    'Usir orang Cina dari pasar kita!',
    'Umat Hindu membakar ogoh-ogoh pada malam pengerupukan.',
];
$mod = Moderator::default();
$verdicts = $mod->checkMany($texts);
check(canon($verdicts) === canon(expected($expected, 'moderation.json')['verdicts']), 'moderation equals the Rust result');
check(array_column($verdicts, 'decision') === ['allow', 'block', 'hold', 'block', 'hold', 'allow'], 'decisions');
foreach ($texts as $i => $t) {
    check($mod->check($t) === $verdicts[$i], "single check equals batch ($i)");
}
check(Moderator::redact('NIK 6402014101900001') === 'NIK 6402**********01', 'redact');
check($mod->checkMany([]) === [], 'empty batch');
$local = Moderator::fromLexicon("lokal-1\tkasar\tmedium\thold\tphrase\tkurang ajar\n", 'lokal');
check($local->check('Dasar kurang ajar!')['decision'] === 'hold', 'extended lexicon');

// Kukar coverage equals the Rust result.
$cov = $registry->coverage($ref, ['as_of' => '2025-06-30', 'level' => 'kecamatan', 'within' => '64.02']);
check(canon($cov) === canon(expected($expected, 'coverage_6402.json')), 'coverage equals the Rust result');
check($cov['total']['villages']['total'] === 237 && count($cov['rows']) === 20, '20 kecamatan, 237 villages');
$gaps = $registry->gaps($ref, ['as_of' => '2025-06-30', 'within' => '64.02']);
check(count($gaps['kecamatan']) === 6, '6 kecamatan without a KIM');
throws(fn () => $registry->coverage($ref, ['within' => '64.02', 'level' => 'provinsi']), ArgumentException::class, 'KIM-E-ARGUMENT', 'level above within');

// CSV import with name matching; every rejected row reported.
[$imported, $report] = Registry::fromCsv((string) file_get_contents(__DIR__ . '/../data/kim_legacy.csv'), (string) file_get_contents(__DIR__ . '/../data/kim_legacy_members.csv'), $ref);
check($report['kims']['rows_in'] === $report['kims']['accepted'] + $report['kims']['accepted_with_findings'] + $report['kims']['rejected'], 'rows in = accepted + accepted with findings + rejected');
check($imported->count() === 12 && $report['kims']['rejected'] === 2, '12 accepted, 2 rejected');
check(!str_contains($imported->toJson(true), '6402014101'), 'log JSON masks NIKs');

// The messy Excel fixture of issue 14 (cp1252, `;`, CRLF): the counts kim-core/tests/excel_fixture.rs asserts.
$excel = __DIR__ . '/../../kim-core/tests/data/excel';
[$messy, $report] = Registry::fromCsv((string) file_get_contents("$excel/kims_messy.csv"), (string) file_get_contents("$excel/members_messy.csv"), $ref);
$counts = fn (array $t): array => [$t['rows_in'], $t['accepted'], $t['accepted_with_findings'], $t['rejected']];
check($messy->count() === 4, 'messy fixture: 4 KIMs');
check($counts($report['kims']) === [7, 3, 1, 3], 'messy fixture: KIM rows 7 = 3 + 1 + 3');
check($counts($report['members']) === [7, 1, 2, 4], 'messy fixture: member rows 7 = 1 + 2 + 4');
check(array_column($report['review'], 'id') === ['K04'], 'messy fixture: K04 on the review list');
check(str_contains($report['members']['errors'][0]['reason'], 'format the column as Text'), 'messy fixture: the Excel NIK hint');

// Hostile inputs: the small rows of the shared manifest (kim-core/tests/data/hostile), with the C column's outcome.
$hostile = __DIR__ . '/../../kim-core/tests/data/hostile';
$profiles2 = Profiles::builtin();
$family = fn (KimException $e): string => match (true) {
    $e instanceof \Kim\CsvException => 'err:csv',
    $e instanceof JsonException => 'err:json',
    $e instanceof \Kim\ReferenceException => 'err:reference',
    $e instanceof InvalidCodeException => 'err:code',
    $e->kimCode === 'KIM-E-UTF8' => 'err:utf8',
    default => 'err:' . get_class($e),
};
$rows = fn (array $t): string => "{$t['rows_in']}/{$t['accepted']}/{$t['rejected']}";
$ran = 0;
foreach (file("$hostile/manifest.tsv", FILE_IGNORE_NEW_LINES) as $line) {
    if ($line === '' || $line[0] === '#') {
        continue;
    }
    [$name, $surface, $spec, , , $want] = explode("\t", $line);
    if ($want === '-' || str_contains($spec, '+gen:') || (str_starts_with($spec, 'gen:') && !str_starts_with($spec, 'gen:deep:'))) {
        continue; // the generated large inputs run in Rust, Python and C
    }
    $second = null;
    if (str_starts_with($spec, 'text:')) {
        $data = substr($spec, 5);
    } elseif (str_starts_with($spec, 'gen:deep:')) {
        $n = (int) substr($spec, 9);
        $data = str_repeat('[', $n) . str_repeat(']', $n);
    } else {
        $parts = explode('+', $spec);
        $data = (string) file_get_contents("$hostile/{$parts[0]}");
        $second = isset($parts[1]) ? (string) file_get_contents("$hostile/{$parts[1]}") : null;
    }
    try {
        $got = match ($surface) {
            'code' => (function () use ($ref, $data): string {
                try {
                    $ref->lookup($data);
                    return 'found';
                } catch (ArgumentException) {
                    return 'absent';
                }
            })(),
            'reference_csv' => 'ok:' . Reference::fromCsv($data, 'hostile')->count(),
            'registry_csv' => (function () use ($data, $second, $ref, $rows): string {
                [, $report] = Registry::fromCsv($data, $second, $ref);
                return 'rows:' . $rows($report['kims']) . ($second === null ? '' : ';' . $rows($report['members']));
            })(),
            'registry_json' => 'ok:' . Registry::fromJson($data)->count(),
            'kim_json' => $profiles2->validateKim($ref, $data, ['as_of' => '2025-06-30'])['ok'] ? 'report:ok' : 'report:fail',
            'moderate' => 'verdict:' . $mod->check($data)['decision'],
        };
    } catch (KimException $e) {
        $got = $family($e);
    }
    check($got === $want, "hostile $name: $got is $want");
    $ran++;
}
check($ran > 30, "$ran hostile inputs");

// Privacy: a stack trace quotes string arguments, so every wrapper parameter that can carry a NIK or a phone number
// is #[\SensitiveParameter]; the messages come masked from the library. Traces here quote up to 1000 characters.
ini_set('zend.exception_ignore_args', '0');
ini_set('zend.exception_string_param_max_len', '1000');
$nik = '6402014101900001';
$phone = '0812-3456-7890';
$shows = fn (string $s): bool => str_contains($s, '01410190') || str_contains($s, '3456-78');
$seen = function (\Throwable $e) use ($shows): bool {
    return $shows((string) $e) || $shows($e->getTraceAsString()) || $shows(print_r($e->getTrace(), true));
};
$probe = function (string $text): never {
    throw new KimException('probe');
};
try {
    $probe("NIK $nik");
} catch (KimException $e) {
    check($seen($e), 'privacy probe: a trace shows an unmarked string argument');
}
$calls = [
    'Reference::lookup' => fn () => $ref->lookup("NIK $nik"),
    'Registry::fromJson' => fn () => Registry::fromJson("{\"kims\":[{\"id\":\"$nik\",\"name\":\"$phone\""),
    'Registry::fromCsv' => fn () => Registry::fromCsv("nik,hp\n$nik,$phone\n", "kim_id\n$nik\n"),
    'Profiles::validateKim JSON' => fn () => $profiles2->validateKim($ref, "{\"id\":\"$nik\",\"name\":\"$phone\""),
    'Profiles::validateKim array' => fn () => $profiles2->validateKim($ref, ['id' => $nik, 'name' => $phone, 'seat' => $nik]),
    'Moderator::check' => fn () => $mod->check("NIK $nik hp $phone \xff"),
    'Moderator::checkMany' => fn () => $mod->checkMany(["NIK $nik hp $phone \xff"]),
    'Moderator::redact' => fn () => Moderator::redact("NIK $nik hp $phone \xff"),
];
foreach ($calls as $what => $call) {
    try {
        $call();
        check(false, "privacy $what: no exception");
    } catch (\Throwable $e) {
        check(!$seen($e), "privacy $what: the exception and its trace show no NIK or phone number");
        check(str_contains($e->getTraceAsString(), 'SensitiveParameterValue'), "privacy $what: the trace marks the parameter");
    }
}

// Reports from the C ABI mask a NIK used as a KIM id, a member id and a name, however it is written.
$fullWidth = '６４０２０１４１０１９００００１'; // the NIK in full-width digits
foreach ([$nik, implode(' ', str_split($nik, 2)), implode("\u{a0}", str_split($nik, 4)), "NIK$nik", $fullWidth] as $f) {
    $member = ['id' => $f, 'name' => $f, 'nik' => $nik, 'sex' => 'male', 'occupation' => 'pns'];
    $r = $profiles2->validateKim($ref, ['id' => $f, 'name' => $f, 'seat' => '64.02.01.2001', 'members' => [$member]], ['as_of' => '2025-06-30']);
    $paths = array_column($r['findings'], 'path');
    check(preg_grep('/^members\[\D*6402\*{10}01\]\.nik$/', $paths) !== [], "report path masked ($f): " . implode(' ', $paths));
    $flat = preg_replace('/[^0-9*]/u', '', strtr(json_encode($r, JSON_UNESCAPED_UNICODE), ['０' => '0', '１' => '1', '２' => '2', '４' => '4', '６' => '6', '９' => '9']));
    check(!str_contains((string) $flat, '0141019'), "report JSON shows no NIK ($f)");
}

// Handles are freed by __destruct; many round trips stay stable.
for ($i = 0; $i < 200; $i++) {
    $m = Moderator::redact("hp 0812345678$i");
    $r = Reference::embedded();
    unset($r);
}
check(true, '200 handle round trips');

echo "$passed passed, $failed failed\n";
exit($failed === 0 ? 0 : 1);
