<?php

declare(strict_types=1);

namespace Kim;

use Kim\Exception\LoadException;

/**
 * Finds the kim C library and its PHP FFI header, and binds them.
 *
 * The library, in this order: the path given to {@see Kim::load()}; the `KIM_FFI_LIB` environment variable; the copy
 * inside this package (`lib/<rust target triple>/libkim_ffi.so`, put there by `scripts/package-php.sh`); the bare
 * name `libkim_ffi.so`, which the dynamic loader looks up (`LD_LIBRARY_PATH`, `ldconfig` directories).
 * The header, in this order: the path given; `KIM_FFI_HEADER`; the package's `include/kim_php.h`.
 * Nothing is read relative to the working directory, so it works from any directory, under php-fpm too.
 *
 * @internal
 */
final class Library
{
    /** The package directory (the one holding composer.json). */
    public static function packageDir(): string
    {
        return \dirname(__DIR__);
    }

    /** The Rust target triple of this machine, naming the package's `lib/` subdirectory. */
    public static function triple(): string
    {
        $machine = strtolower(php_uname('m'));
        $arch = match ($machine) {
            'amd64', 'x86_64' => 'x86_64',
            'arm64', 'aarch64' => 'aarch64',
            default => $machine,
        };
        return match (PHP_OS_FAMILY) {
            'Darwin' => "$arch-apple-darwin",
            'Windows' => "$arch-pc-windows-msvc",
            default => $arch . (self::isMusl() ? '-unknown-linux-musl' : '-unknown-linux-gnu'),
        };
    }

    /** The file name of the library on this system. */
    public static function fileName(): string
    {
        return match (PHP_OS_FAMILY) {
            'Darwin' => 'libkim_ffi.dylib',
            'Windows' => 'kim_ffi.dll',
            default => 'libkim_ffi.so',
        };
    }

    /** The library to open: an existing path, or the bare file name for the dynamic loader's own search. */
    public static function findLibrary(?string $explicit = null): string
    {
        foreach ([['the path given', $explicit], ['KIM_FFI_LIB', self::env('KIM_FFI_LIB')]] as [$from, $path]) {
            if ($path !== null) {
                if (!is_file($path)) {
                    throw new LoadException("kim library not found at $path ($from)", 'KIM-E-LOAD');
                }
                return (string) realpath($path);
            }
        }
        $bundled = self::packageDir() . '/lib/' . self::triple() . '/' . self::fileName();
        return is_file($bundled) ? $bundled : self::fileName();
    }

    /** The header file to read. */
    public static function findHeader(?string $explicit = null): string
    {
        $header = $explicit ?? self::env('KIM_FFI_HEADER') ?? self::packageDir() . '/include/kim_php.h';
        if (!is_file($header)) {
            throw new LoadException("kim FFI header not found at $header", 'KIM-E-LOAD');
        }
        return $header;
    }

    /**
     * The C declarations of the header, without its preprocessor lines (FFI::cdef has no preprocessor), plus the C
     * library's `strlen`, which the wrapper uses to learn a result's size before it copies it.
     */
    public static function declarations(string $header): string
    {
        $text = file_get_contents($header);
        if ($text === false) {
            throw new LoadException("cannot read the kim FFI header $header", 'KIM-E-LOAD');
        }
        $text = (string) preg_replace('/^\s*#.*$/m', '', $text);
        if (!preg_match('/\bstrlen\s*\(/', $text)) {
            $text .= "\nsize_t strlen(const char *s);\n";
        }
        return $text;
    }

    /** Binds the library with FFI::cdef (php-cli, or php-fpm with `ffi.enable = true`). */
    public static function cdef(?string $lib, ?string $header): \FFI
    {
        $path = self::findLibrary($lib);
        $decl = self::declarations(self::findHeader($header));
        try {
            return \FFI::cdef($decl, $path);
        } catch (\FFI\Exception $e) {
            throw new LoadException(self::hint("cannot load the kim library $path: " . $e->getMessage()), 'KIM-E-LOAD', 0, $e);
        } catch (\Error $e) {
            // "FFI API is restricted by ffi.enable": php-fpm with `ffi.enable = preload` and no preloaded scope.
            throw new LoadException(self::hint($e->getMessage()), 'KIM-E-LOAD', 0, $e);
        }
    }

    /**
     * The header for `ffi.preload` (and FFI::load): the package's declarations under `FFI_SCOPE "KIM"`, with
     * `FFI_LIB` set to the library's absolute path. PHP resolves `FFI_LIB` with the dynamic loader, never relative
     * to the header, so the header is made for the place the package is installed in; `bin/kim-ffi-header` prints it.
     */
    public static function scopeHeader(?string $lib = null, ?string $header = null): string
    {
        $path = self::findLibrary($lib);
        return '#define FFI_SCOPE "' . Kim::SCOPE . "\"\n#define FFI_LIB \"" . addcslashes($path, "\"\\") . "\"\n"
            . self::declarations(self::findHeader($header));
    }

    /**
     * Binds the library as the FFI scope `KIM` with FFI::load (php-cli or a php-fpm master that does not run as root;
     * under `opcache.preload_user` PHP allows only `ffi.preload`, see the README's recipe).
     */
    public static function loadScope(?string $lib, ?string $header): \FFI
    {
        $text = self::scopeHeader($lib, $header);
        $tmp = tempnam(sys_get_temp_dir(), 'kim-ffi-');
        if ($tmp === false || file_put_contents($tmp, $text) === false) {
            throw new LoadException('cannot write a temporary FFI header in ' . sys_get_temp_dir(), 'KIM-E-LOAD');
        }
        try {
            $ffi = \FFI::load($tmp);
        } catch (\FFI\Exception | \Error $e) {
            throw new LoadException(self::hint('cannot load the kim library: ' . $e->getMessage()), 'KIM-E-LOAD', 0, $e);
        } finally {
            @unlink($tmp);
        }
        if ($ffi === null) {
            throw new LoadException(self::hint('cannot load the kim library'), 'KIM-E-LOAD');
        }
        return $ffi;
    }

    private static function hint(string $message): string
    {
        return $message . ' (set KIM_FFI_LIB to the library, or pass its path to Kim\Kim::load(); under php-fpm use '
            . 'the recipe of the README: ffi.preload of the header printed by vendor/bin/kim-ffi-header)';
    }

    private static function env(string $name): ?string
    {
        $v = getenv($name);
        return \is_string($v) && $v !== '' ? $v : null;
    }

    private static function isMusl(): bool
    {
        return glob('/lib/ld-musl-*') !== [] && glob('/lib/ld-musl-*') !== false;
    }
}
