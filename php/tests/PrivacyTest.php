<?php

declare(strict_types=1);

namespace Kim\Tests;

use Kim\Exception\KimException;
use Kim\Kim;
use Kim\Moderator;
use Kim\Registry;

/**
 * A stack trace quotes string arguments, so every parameter that can carry a NIK or a phone number is
 * #[\SensitiveParameter]; messages come masked from the library; reports mask a NIK used as an id or a name.
 */
final class PrivacyTest extends TestCase
{
    private const NIK = '6402014101900001';
    private const PHONE = '0812-3456-7890';

    private static function shows(string $s): bool
    {
        return str_contains($s, '01410190') || str_contains($s, '3456-78');
    }

    private static function seen(\Throwable $e): bool
    {
        return self::shows((string) $e) || self::shows($e->getTraceAsString()) || self::shows(print_r($e->getTrace(), true));
    }

    protected function setUp(): void
    {
        ini_set('zend.exception_ignore_args', '0');
        ini_set('zend.exception_string_param_max_len', '1000');
    }

    public function testProbeShowsAnUnmarkedArgument(): void
    {
        $probe = static function (string $text): never {
            throw new KimException('probe');
        };
        try {
            $probe('NIK ' . self::NIK);
        } catch (KimException $e) {
            self::assertTrue(self::seen($e), 'a trace shows an unmarked string argument, so the checks below mean something');
        }
    }

    /** @return iterable<string, array{string}> names only: a closure passed as an argument would show in traces */
    public static function names(): iterable
    {
        foreach (array_keys(self::calls()) as $name) {
            yield $name => [$name];
        }
    }

    /** @return array<string, callable> */
    private static function calls(): array
    {
        $nik = self::NIK;
        $phone = self::PHONE;
        return [
            'Reference::lookup' => static fn () => Kim::reference()->lookup("NIK $nik"),
            'Registry::fromJson' => static fn () => Registry::fromJson("{\"kims\":[{\"id\":\"$nik\",\"name\":\"$phone\""),
            'Registry::fromCsv' => static fn () => Registry::fromCsv("nik,hp\n$nik,$phone\n", "kim_id\n$nik\n"),
            'Profiles::validateKim JSON' => static fn () => Kim::profiles()->validateKim(Kim::reference(), "{\"id\":\"$nik\",\"name\":\"$phone\""),
            'Profiles::validateKim array' => static fn () => Kim::profiles()->validateKim(Kim::reference(), ['id' => $nik, 'name' => $phone, 'seat' => $nik]),
            'Moderator::check' => static fn () => Kim::moderator()->check("NIK $nik hp $phone \xff"),
            'Moderator::checkMany' => static fn () => Kim::moderator()->checkMany(["NIK $nik hp $phone \xff"]),
            'Moderator::redact' => static fn () => Moderator::redact("NIK $nik hp $phone \xff"),
        ];
    }

    /** @dataProvider names */
    public function testTraceShowsNoPersonalData(string $name): void
    {
        $call = self::calls()[$name];
        try {
            $call();
            self::fail('no exception');
        } catch (KimException $e) {
            self::assertFalse(self::seen($e), 'the exception and its trace show no NIK or phone number');
            self::assertStringContainsString('SensitiveParameterValue', $e->getTraceAsString(), 'the trace marks the parameter');
        }
    }

    public function testReportsMaskANikUsedAsIdOrName(): void
    {
        $nik = self::NIK;
        $fullWidth = '６４０２０１４１０１９００００１';
        foreach ([$nik, implode(' ', str_split($nik, 2)), implode("\u{a0}", str_split($nik, 4)), "NIK$nik", $fullWidth] as $f) {
            $member = ['id' => $f, 'name' => $f, 'nik' => $nik, 'sex' => 'male', 'occupation' => 'pns'];
            $r = Kim::profiles()->validateKim(Kim::reference(), ['id' => $f, 'name' => $f, 'seat' => '64.02.01.2001', 'members' => [$member]], ['as_of' => '2025-06-30']);
            $paths = array_map(static fn ($x) => $x->path, $r->findings);
            self::assertNotSame([], preg_grep('/^members\[\D*6402\*{10}01\]\.nik$/', $paths), "report path masked ($f)");
            $flat = preg_replace('/[^0-9*]/u', '', strtr((string) json_encode($r, JSON_UNESCAPED_UNICODE), ['０' => '0', '１' => '1', '２' => '2', '４' => '4', '６' => '6', '９' => '9']));
            self::assertStringNotContainsString('0141019', (string) $flat, "report JSON shows no NIK ($f)");
        }
    }
}
