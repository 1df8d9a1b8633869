<?php

declare(strict_types=1);

namespace Kim;

/** Moderation of KIM posts: `allow`, `hold` (for a person to review) or `block`, with every match. */
final class Moderator extends Handle
{
    protected static function freeFunction(): string
    {
        return 'kim_moderator_free';
    }

    /**
     * The process-wide moderator with the shipped lexicon, constructions and hold model: compiled once per process (about
     * 20 ms), never freed. This is what {@see Kim::moderator()} returns.
     */
    public static function shared(): self
    {
        return self::make('kim_moderator', static fn ($out) => Kim::ffi()->kim_moderator_shared($out));
    }

    /**
     * A new moderator with the shipped lexicon, constructions and hold model, owned by this object (it costs about 20
     * ms: prefer {@see shared()}). The hold model holds posts the rules allow when it judges them likely harmful
     * (match `model-hold`, never a block).
     */
    public static function default(): self
    {
        return self::make('kim_moderator', static fn ($out) => Kim::ffi()->kim_moderator_default($out));
    }

    /** A new moderator with the shipped lexicon and constructions, without the hold model: the rules alone decide. */
    public static function rulesOnly(): self
    {
        return self::make('kim_moderator', static fn ($out) => Kim::ffi()->kim_moderator_rules_only($out));
    }

    /**
     * A moderator from lexicon TSV; with `$extendBuiltin` the entries are added to the shipped lexicon (and the
     * moderator has the hold model), without it they replace it (the TSV's rules alone).
     */
    public static function fromLexicon(string $tsv, string $version, bool $extendBuiltin = true): self
    {
        return self::make('kim_moderator', static fn ($out) => Kim::ffi()->kim_moderator_from_lexicon($tsv, \strlen($tsv), $version, \strlen($version), $extendBuiltin ? 1 : 0, $out));
    }

    public function check(#[\SensitiveParameter] string $text): Verdict
    {
        $t = new \SensitiveParameterValue($text);
        return new Verdict(Native::json(fn ($out) => Kim::ffi()->kim_moderate($this->h, $t->getValue(), \strlen($t->getValue()), $out)));
    }

    /**
     * One verdict per text, in order. A batch over 64 KiB is spread over the machine's cores inside the library.
     *
     * @param list<string> $texts
     * @return list<Verdict>
     */
    public function checkMany(#[\SensitiveParameter] array $texts): array
    {
        if ($texts === []) {
            return [];
        }
        $j = new \SensitiveParameterValue((string) Native::encode(array_values($texts)));
        $v = Native::json(fn ($out) => Kim::ffi()->kim_moderate_batch($this->h, $j->getValue(), \strlen($j->getValue()), $out));
        return array_map(static fn (array $r): Verdict => new Verdict($r), $v['verdicts']);
    }

    /** The text with NIKs, phone numbers and e-mail addresses masked (`6402**********01`). */
    public static function redact(#[\SensitiveParameter] string $text): string
    {
        $t = new \SensitiveParameterValue($text);
        return Native::string(static fn ($out) => Kim::ffi()->kim_redact($t->getValue(), \strlen($t->getValue()), $out));
    }
}
