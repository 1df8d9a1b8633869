<?php

declare(strict_types=1);

namespace Kim;

/** A Kemendagri code list: the embedded official one (Kepmendagri 300.2.2-2138/2025) or your own from CSV. */
final class Reference extends Handle
{
    protected static function freeFunction(): string
    {
        return 'kim_reference_free';
    }

    /** The embedded official list; its data is parsed once per process. See also {@see Kim::reference()}. */
    public static function embedded(): self
    {
        return self::make('kim_reference', static fn ($out) => Kim::ffi()->kim_reference_embedded($out));
    }

    /** A list from CSV text with a `code,name` header; `$version` names it. */
    public static function fromCsv(string $csv, string $version): self
    {
        return self::make('kim_reference', static fn ($out) => Kim::ffi()->kim_reference_from_csv($csv, \strlen($csv), $version, \strlen($version), $out));
    }

    /** A list from a CSV file. */
    public static function fromPath(string $path, string $version): self
    {
        return self::make('kim_reference', static fn ($out) => Kim::ffi()->kim_reference_from_path($path, \strlen($path), $version, \strlen($version), $out));
    }

    /**
     * One unit by code (dotted or not): `code`, `name`, `level`, its parents and, above desa level, `counts`.
     *
     * @return array<string, mixed>
     */
    public function lookup(#[\SensitiveParameter] string $code): array
    {
        $c = new \SensitiveParameterValue($code);
        return Native::json(fn ($out) => Kim::ffi()->kim_reference_lookup($this->h, $c->getValue(), \strlen($c->getValue()), $out));
    }

    /** Number of units in the list. */
    public function count(): int
    {
        return (int) Kim::ffi()->kim_reference_len($this->h);
    }
}
