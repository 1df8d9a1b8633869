<?php

declare(strict_types=1);

namespace Kim;

use Kim\Exception\LoadException;

/**
 * The entry point: loads the kim C library once per process (or finds it preloaded), checks its ABI version, and
 * hands out the shared code list, profiles and moderator.
 *
 *     Kim\Kim::load();                                  // bundled lib/<triple>/libkim_ffi.so, or KIM_FFI_LIB
 *     Kim\Kim::load('/opt/kim/libkim_ffi.so');         // or an explicit path
 *     $report = Kim\Kim::profiles()->validateKim(Kim\Kim::reference(), $kim, ['as_of' => '2025-06-30']);
 *
 * Every other call loads the library on first use, so `load()` is needed only to give a path.
 */
final class Kim
{
    /** The ABI version of libkim_ffi this package speaks (`kim_abi_version()`). */
    public const ABI_VERSION = 1;

    /** The FFI scope name used by preloading ({@see preload()}). */
    public const SCOPE = 'KIM';

    /** Default limit of one result turned into a PHP string: 64 MiB. */
    public const DEFAULT_RESULT_LIMIT = 64 << 20;

    private static ?\FFI $ffi = null;
    private static int $resultLimit = self::DEFAULT_RESULT_LIMIT;
    private static ?Reference $reference = null;
    private static ?Profiles $profiles = null;
    private static ?Moderator $moderator = null;

    /**
     * Binds the library. Under opcache preloading ({@see preload()}) the preloaded scope is used, whatever the
     * arguments, so no request reads a header. Otherwise: `$lib`, else `KIM_FFI_LIB`, else the package's own
     * `lib/<triple>/libkim_ffi.so`, else `libkim_ffi.so` from the loader's path; `$header`, else `KIM_FFI_HEADER`,
     * else the package's `include/kim_php.h`.
     */
    public static function load(?string $lib = null, ?string $header = null): \FFI
    {
        if (self::$ffi !== null) {
            return self::$ffi;
        }
        $ffi = self::preloaded() ?? Library::cdef($lib, $header);
        self::checkAbi($ffi);
        self::$ffi = $ffi;
        self::applyResultLimit();
        return $ffi;
    }

    /**
     * For `opcache.preload` (the package's `preload.php` calls it). With `ffi.preload` of the header that
     * `bin/kim-ffi-header` prints, the scope `KIM` exists already; without it, the library is bound as that scope
     * here (possible only when php-fpm does not need `opcache.preload_user`). Every request of every worker then
     * finds the scope without reading a header. With `$warm`, the shared code list, its index and the shared
     * moderator are built here: when the preload runs in the master (a master that is not root), the workers it
     * forks inherit them; with a root master PHP runs the preload in a separate child, and each worker builds them
     * on its first request.
     */
    public static function preload(?string $lib = null, ?string $header = null, bool $warm = true): void
    {
        $ffi = self::preloaded() ?? Library::loadScope($lib, $header);
        self::checkAbi($ffi);
        self::$ffi = $ffi;
        if ($warm) {
            // The embedded code list, its lookup index and the default lexicon are built once per process inside the
            // library, on first use: use each once.
            self::profiles()->validateKim(self::reference(), ['id' => 'preload', 'name' => 'preload', 'seat' => '64.02.01.2001'], ['as_of' => '2025-06-30']);
            self::moderator()->check('preload');
        }
        // Freed here, with the FFI instance that made them; the library keeps its process-wide data.
        self::$reference = self::$profiles = self::$moderator = null;
    }

    private static function preloaded(): ?\FFI
    {
        try {
            return \FFI::scope(self::SCOPE);
        } catch (\FFI\Exception | \Error) {
            return null;
        }
    }

    private static function checkAbi(\FFI $ffi): void
    {
        try {
            $abi = (int) $ffi->kim_abi_version();
        } catch (\FFI\Exception $e) {
            throw new LoadException('the kim library and header do not fit together: ' . $e->getMessage(), 'KIM-E-LOAD', 0, $e);
        }
        if ($abi !== self::ABI_VERSION) {
            throw new LoadException("libkim_ffi has ABI version $abi; this package needs " . self::ABI_VERSION, 'KIM-E-LOAD');
        }
    }

    /** The bound library, loading it with the defaults on first use. @internal */
    public static function ffi(): \FFI
    {
        return self::$ffi ?? self::load();
    }

    /** Whether the library was found as a preloaded FFI scope. */
    public static function isPreloaded(): bool
    {
        return self::preloaded() !== null;
    }

    /** The library's version, e.g. `0.1.0`. */
    public static function version(): string
    {
        // PHP FFI turns a returned `const char *` into a PHP string.
        return (string) self::ffi()->kim_version();
    }

    /**
     * Sets the largest result (bytes of JSON or text) a call may turn into a PHP string; a larger one is freed and
     * refused with {@see Exception\ResultTooLargeException}. Results are also refused when they would not fit in
     * what is left under `memory_limit`. Returns the previous limit.
     */
    public static function setResultLimit(int $bytes): int
    {
        if ($bytes < 1) {
            throw new Exception\ArgumentException('the result limit must be at least 1 byte', 'KIM-E-ARGUMENT');
        }
        [$old, self::$resultLimit] = [self::$resultLimit, $bytes];
        if (self::$ffi !== null) {
            self::applyResultLimit();
        }
        return $old;
    }

    /**
     * The library refuses a larger result itself, before it builds the string (`kim_set_max_result_bytes`, per
     * thread, NUL included); the package also checks the size against `memory_limit` before copying.
     */
    private static function applyResultLimit(): void
    {
        self::ffi()->kim_set_max_result_bytes(self::$resultLimit + 1);
    }

    public static function resultLimit(): int
    {
        return self::$resultLimit;
    }

    /** The embedded official code list, built once per process and shared by every request of a worker. */
    public static function reference(): Reference
    {
        return self::$reference ??= Reference::shared();
    }

    /** The built-in rule profiles, shared by the calls of a request. */
    public static function profiles(): Profiles
    {
        return self::$profiles ??= Profiles::builtin();
    }

    /** The moderator with the shipped lexicon, compiled once per process and shared by every request of a worker. */
    public static function moderator(): Moderator
    {
        return self::$moderator ??= Moderator::shared();
    }
}
