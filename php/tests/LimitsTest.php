<?php

declare(strict_types=1);

namespace Kim\Tests;

use Kim\Exception\ArgumentException;
use Kim\Exception\ResultTooLargeException;
use Kim\Handle;
use Kim\Kim;
use Kim\Native;
use Kim\Reference;
use Kim\Registry;

/** Large results are refused before PHP copies them; kim memory is freed on every path, a fatal error included. */
final class LimitsTest extends TestCase
{
    public function testResultOverTheLimitIsRefusedAndFreed(): void
    {
        $registry = Registry::fromJson((string) file_get_contents(self::DATA . '/kim_sample.json'));
        $old = Kim::setResultLimit(10_000);
        try {
            $e = self::assertThrowsKim(fn () => $registry->coverage(Kim::reference(), ['as_of' => '2025-06-30', 'level' => 'kecamatan']), ResultTooLargeException::class, 'KIM-E-RESULT-TOO-LARGE');
            self::assertMatchesRegularExpression('/kim result of \d+ bytes is over the limit of 10000 bytes \(Kim\\\\Kim::setResultLimit\)/', $e->getMessage());
            // Under the limit the same call works.
            self::assertCount(20, $registry->coverage(Kim::reference(), ['as_of' => '2025-06-30', 'level' => 'kecamatan', 'within' => '64.02'])['rows']);
        } finally {
            Kim::setResultLimit($old);
        }
        self::assertThrowsKim(fn () => Kim::setResultLimit(0), ArgumentException::class, 'KIM-E-ARGUMENT');
    }

    public function testIniSizes(): void
    {
        self::assertSame([-1, 128 << 20, 1 << 30, 512 << 10, 1000], array_map([Native::class, 'bytes'], ['-1', '128M', '1G', '512k', '1000']));
    }

    /**
     * National desa-level coverage is megabytes of JSON. Under a memory_limit it cannot fit in, the wrapper refuses
     * it from its size alone (no fatal error), and the process's resident memory stays flat over repeated calls.
     */
    public function testLowMemoryLimitRefusesInsteadOfDyingAndStaysFlat(): void
    {
        [$rc, $out, $err] = self::php(<<<'PHP'
            use Kim\{Kim, Registry};
            Kim::load();
            $registry = Registry::fromJson((string) file_get_contents($argv[1] ?? getenv('KIM_SAMPLE')));
            $rss = static fn (): int => (int) preg_replace('/\D/', '', (string) preg_grep('/^VmRSS/', file('/proc/self/status'))[array_key_first(preg_grep('/^VmRSS/', file('/proc/self/status')))]);
            $refused = 0;
            for ($i = 0; $i < 30; $i++) {
                try {
                    $registry->coverage(Kim::reference(), ['as_of' => '2025-06-30', 'level' => 'desa']);
                } catch (\Kim\Exception\ResultTooLargeException $e) {
                    $refused++;
                }
                if ($i === 4) {
                    $base = $rss();
                }
            }
            echo json_encode(['refused' => $refused, 'base_kb' => $base, 'end_kb' => $rss(), 'message' => $e->getMessage()]);
            PHP, ['memory_limit' => '16M'], null, self::env(['KIM_SAMPLE' => realpath(self::DATA . '/kim_sample.json')]));
        self::assertSame(0, $rc, $err);
        $r = json_decode($out, true, 512, JSON_THROW_ON_ERROR);
        self::assertSame(30, $r['refused']);
        self::assertStringContainsString('does not fit in the', $r['message']);
        self::assertLessThan(4096, $r['end_kb'] - $r['base_kb'], 'RSS grew by more than 4 MiB over 25 refused results');
    }

    /**
     * A fatal error runs no destructor: the handles still alive are freed by the shutdown function. A shutdown
     * function registered after the package's (from inside another, as the package does) sees none left.
     */
    public function testFatalErrorFreesEveryHandle(): void
    {
        [$rc, $out, $err] = self::php(<<<'PHP'
            use Kim\{Handle, Kim, Moderator, Reference, Registry};
            Kim::load();
            $registry = Registry::fromJson((string) file_get_contents(getenv('KIM_SAMPLE')));
            $moderator = Moderator::default();
            $reference = Reference::embedded();
            register_shutdown_function(static function (): void {
                register_shutdown_function(static function (): void {
                    fwrite(STDOUT, 'live after shutdown: ' . Handle::liveCount() . "\n");
                });
            });
            fwrite(STDOUT, 'live before: ' . Handle::liveCount() . "\n");
            $waste = str_repeat('x', 64 << 20);
            PHP, ['memory_limit' => '32M'], null, self::env(['KIM_SAMPLE' => realpath(self::DATA . '/kim_sample.json')]));
        self::assertSame(255, $rc, $out . $err);
        self::assertStringContainsString('Allowed memory size', $err . $out);
        self::assertStringContainsString("live before: 3\n", $out);
        self::assertStringContainsString("live after shutdown: 0\n", $out);
    }

    public function testHandlesAreFreedByDestructors(): void
    {
        $before = Handle::liveCount();
        for ($i = 0; $i < 200; $i++) {
            $r = Reference::embedded();
            unset($r);
        }
        self::assertSame($before, Handle::liveCount());
    }
}
