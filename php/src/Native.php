<?php

declare(strict_types=1);

namespace Kim;

use Kim\Exception\CallException;
use Kim\Exception\ErrorMap;
use Kim\Exception\JsonException;
use Kim\Exception\KimException;
use Kim\Exception\ResultTooLargeException;

/**
 * The one place that talks to the C ABI's conventions: status → exception by the stable code, `char **` results
 * measured, copied and always freed, JSON in and out.
 *
 * @internal
 */
final class Native
{
    /** Throws the exception mapped from the last error's stable code if `$status` is not `KIM_STATUS_OK`. */
    public static function check(int $status): void
    {
        if ($status === 0) {
            return;
        }
        $ffi = Kim::ffi();
        $message = self::readError(static fn ($buf, int $len): int => $ffi->kim_last_error_message($buf, $len));
        $code = self::readError(static fn ($buf, int $len): int => $ffi->kim_last_error_code($buf, $len));
        if ($code === 'KIM-E-RESULT-TOO-LARGE') {
            // Refused by the library before it built the result: say it in this package's terms.
            $needed = (int) $ffi->kim_last_error_needed() - 1;
            $message = "kim result of $needed bytes is over the limit of " . Kim::resultLimit()
                . ' bytes (Kim\\Kim::setResultLimit); the library did not build it';
        }
        throw ErrorMap::exception($code, $message !== '' ? $message : "kim call failed with status $status", $status);
    }

    private static function readError(callable $read): string
    {
        $n = (int) $read(null, 0);
        if ($n <= 1) {
            return '';
        }
        $buf = Kim::ffi()->new("char[$n]");
        $read($buf, $n);
        return \FFI::string($buf, $n - 1);
    }

    /**
     * Calls `$fn` with a fresh `char **` out-parameter and returns the string it got, freed with kim_string_free.
     * The size is read first: a result over {@see Kim::resultLimit()}, or over the memory left under
     * `memory_limit`, is freed and refused before any PHP string is built, so running out of PHP memory (a fatal
     * error, which runs no `finally`) can never happen while kim's memory is held.
     *
     * @param callable(\FFI\CData): int $fn
     */
    public static function string(callable $fn): string
    {
        $out = Kim::ffi()->new('char*');
        self::check($fn(\FFI::addr($out)));
        return self::take($out);
    }

    /** Measures, admits, copies and frees a `char *` that kim returned (NULL gives ''). */
    public static function take(\FFI\CData $out): string
    {
        if (\FFI::isNull($out)) {
            return '';
        }
        $ffi = Kim::ffi();
        try {
            $size = (int) $ffi->strlen($out);
            self::admit($size);
            return \FFI::string($out, $size);
        } finally {
            $ffi->kim_string_free($out);
        }
    }

    /** Refuses a result of `$size` bytes that is over the limit or would not fit in the memory left. */
    private static function admit(int $size): void
    {
        $limit = Kim::resultLimit();
        if ($size > $limit) {
            throw new ResultTooLargeException(
                "kim result of $size bytes is over the limit of $limit bytes (Kim\\Kim::setResultLimit); it was freed",
                'KIM-E-RESULT-TOO-LARGE',
            );
        }
        $left = self::memoryLeft();
        // The copy needs the string and the allocator's rounding; keep 1 MiB beside it for the caller's next step.
        if ($left !== null && $size + (1 << 20) > $left) {
            throw new ResultTooLargeException(
                "kim result of $size bytes does not fit in the $left bytes left under memory_limit; it was freed",
                'KIM-E-RESULT-TOO-LARGE',
            );
        }
    }

    /** Bytes left under `memory_limit`, or null when there is no limit. */
    public static function memoryLeft(): ?int
    {
        $limit = self::bytes((string) ini_get('memory_limit'));
        return $limit < 0 ? null : $limit - memory_get_usage(true);
    }

    /** An ini size (`128M`, `1G`, `-1`) in bytes. */
    public static function bytes(string $v): int
    {
        $v = trim($v);
        if ($v === '' || $v === '-1') {
            return -1;
        }
        $n = (int) $v;
        return match (strtoupper(substr($v, -1))) {
            'K' => $n << 10,
            'M' => $n << 20,
            'G' => $n << 30,
            default => $n,
        };
    }

    /**
     * As {@see string()}, decoded: a JSON document of kim with `"schema_version": 1`, as an array.
     *
     * @param callable(\FFI\CData): int $fn
     * @return array<mixed>
     */
    public static function json(callable $fn): array
    {
        return self::decode(self::string($fn));
    }

    /** @return array<mixed> */
    public static function decode(string $json): array
    {
        try {
            $v = json_decode($json, true, 512, JSON_THROW_ON_ERROR);
        } catch (\JsonException $e) {
            throw new JsonException('kim returned JSON that PHP cannot read: ' . $e->getMessage(), 'KIM-E-JSON', 0, $e);
        }
        if (!\is_array($v) || ($v['schema_version'] ?? null) !== 1) {
            throw new KimException('kim returned a result without schema_version 1; the library and this package differ', 'KIM-E-SCHEMA');
        }
        return $v;
    }

    /**
     * JSON for kim: a string is passed as it is (the caller's own JSON), an array is encoded (an empty array as `{}`),
     * null stays null. PHP's \JsonException does not escape: text that is not UTF-8 is a {@see CallException}
     * `KIM-E-UTF8`, as the library itself reports it.
     *
     * @param array<mixed>|string|null $v
     */
    public static function encode(#[\SensitiveParameter] array|string|null $v): ?string
    {
        if ($v === null || \is_string($v)) {
            return $v;
        }
        try {
            return json_encode($v === [] ? new \stdClass() : $v, JSON_THROW_ON_ERROR | JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES);
        } catch (\JsonException $e) {
            // json_encode's own trace frame would quote $v (a built-in's arguments are always recorded): rethrow
            // from here, without it.
            throw new CallException('input cannot be encoded as JSON: ' . $e->getMessage(), 'KIM-E-UTF8', 2);
        }
    }

    /** Length of an optional text argument. */
    public static function len(#[\SensitiveParameter] ?string $s): int
    {
        return $s === null ? 0 : \strlen($s);
    }
}
