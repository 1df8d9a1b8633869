<?php

declare(strict_types=1);

namespace Kim\Tests;

use Kim\Library;

/** The library and header are found from the package, KIM_FFI_LIB or a path, from any directory. */
final class LoadTest extends TestCase
{
    private static function lib(): string
    {
        $lib = getenv('KIM_FFI_LIB');
        if (!\is_string($lib) || $lib === '') {
            self::markTestSkipped('KIM_FFI_LIB is not set');
        }
        return (string) realpath($lib);
    }

    /** An environment without KIM_FFI_LIB. @return array<string, string> */
    private static function bare(array $extra = []): array
    {
        $env = getenv();
        unset($env['KIM_FFI_LIB'], $env['KIM_FFI_HEADER']);
        return array_merge($env, $extra);
    }

    public function testExplicitPathFromAnotherDirectory(): void
    {
        $code = 'Kim\Kim::load(' . var_export(self::lib(), true) . '); echo Kim\Kim::moderator()->check("Slot gacor maxwin!")->decision;';
        [$rc, $out, $err] = self::php($code, [], '/', self::bare());
        self::assertSame([0, 'block'], [$rc, $out], $err);
    }

    public function testEnvironmentVariable(): void
    {
        [$rc, $out, $err] = self::php('echo Kim\Kim::reference()->lookup("6402")["name"];', [], '/', self::bare(['KIM_FFI_LIB' => self::lib()]));
        self::assertSame([0, 'Kabupaten Kutai Kartanegara'], [$rc, $out], $err);
    }

    public function testMissingLibraryOrHeaderSaysWhere(): void
    {
        [$rc, $out, $err] = self::php('try { Kim\Kim::load("/nonexistent/libkim_ffi.so"); } catch (Kim\Exception\LoadException $e) { echo $e->kimCode, ": ", $e->getMessage(); }', [], '/', self::bare());
        self::assertSame(0, $rc, $err);
        self::assertSame('KIM-E-LOAD: kim library not found at /nonexistent/libkim_ffi.so (the path given)', $out);
        [, $out] = self::php('try { Kim\Kim::load(null, "/nonexistent/kim_php.h"); } catch (Kim\Exception\LoadException $e) { echo $e->getMessage(); }', [], '/', self::bare(['KIM_FFI_LIB' => self::lib()]));
        self::assertSame('kim FFI header not found at /nonexistent/kim_php.h', $out);
    }

    public function testTripleAndDeclarations(): void
    {
        self::assertMatchesRegularExpression('/^(x86_64|aarch64|[a-z0-9_]+)-(unknown-linux-(gnu|musl)|apple-darwin|pc-windows-msvc)$/', Library::triple());
        $decl = Library::declarations(Library::findHeader());
        self::assertStringNotContainsString('#define', $decl);
        self::assertStringContainsString('size_t strlen(const char *s);', $decl);
        self::assertStringContainsString('kim_abi_version', $decl);
    }

    /** The package's preload.php under opcache preloading in php-cli (the php-fpm run is in scripts/test-php.sh). */
    public function testPreloadScope(): void
    {
        $user = posix_getpwuid(posix_geteuid())['name'] ?? 'root';
        $h = (string) tempnam(sys_get_temp_dir(), 'kim-ffi-h-');
        file_put_contents($h, Library::scopeHeader(self::lib()));
        $ini = ['ffi.preload' => $h, 'opcache.enable_cli' => '1', 'opcache.preload' => (string) realpath(__DIR__ . '/../preload.php'), 'opcache.preload_user' => $user, 'ffi.enable' => 'preload'];
        [$rc, $out, $err] = self::php('echo Kim\Kim::isPreloaded() ? "scope " : "no scope ", Kim\Kim::moderator()->check("Gotong royong")->decision;', $ini, '/', self::bare(['KIM_FFI_LIB' => self::lib()]));
        unlink($h);
        self::assertSame([0, 'scope allow'], [$rc, $out], $err);
    }
}
