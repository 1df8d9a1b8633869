<?php

declare(strict_types=1);

namespace Kim;

/** A set of rule profiles: the built-in national profiles and regional overlays, plus any you load. */
final class Profiles extends Handle
{
    protected static function freeFunction(): string
    {
        return 'kim_profiles_free';
    }

    /** The built-in profiles. See also {@see Kim::profiles()}. */
    public static function builtin(): self
    {
        return self::make('kim_profiles', static fn ($out) => Kim::ffi()->kim_profiles_builtin($out));
    }

    /** Adds a profile from JSON (the shape of `kim-core/profiles/*.json`); unknown fields are an error. */
    public function loadJson(string $json): void
    {
        Native::check(Kim::ffi()->kim_profiles_load_json($this->h, $json, \strlen($json)));
    }

    /** @return list<array<string, mixed>> every profile: id, title, in force from/until, overlay region */
    public function list(): array
    {
        return Native::json(fn ($out) => Kim::ffi()->kim_profiles_list($this->h, $out))['profiles'];
    }

    /**
     * Validates one KIM (an array in the KIM shape of the README, or its JSON) against the profiles in force.
     *
     * @param array<string, mixed>|string $kim
     * @param array<string, mixed> $options `as_of` (`YYYY-MM-DD`, default today), `profiles` (explicit ids)
     */
    public function validateKim(Reference $reference, #[\SensitiveParameter] array|string $kim, array $options = []): Report
    {
        $k = new \SensitiveParameterValue((string) Native::encode($kim));
        $o = Native::encode($options);
        return new Report(Native::json(fn ($out) => Kim::ffi()->kim_validate_kim($this->h, $reference->cdata(), $k->getValue(), \strlen($k->getValue()), $o, Native::len($o), $out)));
    }

    /**
     * Validates every KIM of a registry, each against the profiles in force for its seat.
     *
     * @param array<string, mixed> $options as for {@see validateKim()}
     * @return list<Report>
     */
    public function validateRegistry(Reference $reference, Registry $registry, array $options = []): array
    {
        $o = Native::encode($options);
        $v = Native::json(fn ($out) => Kim::ffi()->kim_validate_registry($this->h, $reference->cdata(), $registry->cdata(), $o, Native::len($o), $out));
        return array_map(static fn (array $r): Report => new Report($r), $v['reports']);
    }
}
