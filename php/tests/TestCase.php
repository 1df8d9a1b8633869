<?php

declare(strict_types=1);

namespace Kim\Tests;

use Kim\Exception\KimException;

abstract class TestCase extends \PHPUnit\Framework\TestCase
{
    protected const DATA = __DIR__ . '/../../examples/data';
    protected const HOSTILE = __DIR__ . '/../../kim-core/tests/data/hostile';

    /** Asserts that `$fn` throws `$class` with the stable code `$code` and a message. */
    protected static function assertThrowsKim(callable $fn, string $class, string $code): KimException
    {
        try {
            $fn();
        } catch (KimException $e) {
            self::assertInstanceOf($class, $e, $e->getMessage());
            self::assertSame($code, $e->kimCode, $e->getMessage());
            self::assertNotSame('', $e->getMessage());
            return $e;
        }
        self::fail("no exception, expected $class ($code)");
    }

    /**
     * Runs PHP code in a fresh php-cli (own memory_limit, own cwd) with this package's autoloader; returns
     * [exit code, stdout, stderr].
     *
     * @param array<string, string> $ini
     * @param array<string, string>|null $env
     * @return array{int, string, string}
     */
    protected static function php(string $code, array $ini = [], ?string $cwd = null, ?array $env = null): array
    {
        $boot = var_export(realpath(__DIR__ . '/../src'), true);
        $script = tempnam(sys_get_temp_dir(), 'kim-php-test-');
        file_put_contents($script, "<?php\ndeclare(strict_types=1);\nspl_autoload_register(static function (string \$c): void {\n"
            . "    \$f = $boot . '/' . str_replace('\\\\', '/', substr(\$c, 4)) . '.php';\n    if (is_file(\$f)) { require \$f; }\n});\n"
            . $code);
        $cmd = [PHP_BINARY, '-d', 'ffi.enable=1', '-d', 'display_errors=stderr'];
        foreach ($ini as $k => $v) {
            array_push($cmd, '-d', "$k=$v");
        }
        $cmd[] = $script;
        $p = proc_open($cmd, [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes, $cwd ?? sys_get_temp_dir(), $env);
        $out = stream_get_contents($pipes[1]);
        $err = stream_get_contents($pipes[2]);
        fclose($pipes[1]);
        fclose($pipes[2]);
        $rc = proc_close($p);
        unlink($script);
        return [$rc, (string) $out, (string) $err];
    }

    /** The environment of this process plus `$extra`. @return array<string, string> */
    protected static function env(array $extra = []): array
    {
        return array_merge(getenv(), $extra);
    }
}
