<?php

declare(strict_types=1);

namespace Kim\Exception;

/**
 * Maps the stable error code of `kim_last_error_code` to an exception class. The numeric status is kept on the
 * exception for logs but never decides the class: codes are stable, ranges are not a contract.
 */
final class ErrorMap
{
    /** @var array<string, class-string<KimException>> */
    public const CODES = [
        'KIM-E-NULL' => CallException::class,
        'KIM-E-UTF8' => CallException::class,
        'KIM-E-TOO-LARGE' => CallException::class,
        'KIM-E-PANIC' => InternalException::class,
        'KIM-E-CODE' => InvalidCodeException::class,
        'KIM-E-NOT-IN-LIST' => InvalidCodeException::class,
        'KIM-E-NIK' => InvalidNikException::class,
        'KIM-E-REFERENCE' => ReferenceException::class,
        'KIM-E-LEXICON' => LexiconException::class,
        'KIM-E-CSV' => CsvException::class,
        'KIM-E-CSV-FIELDS' => CsvException::class,
        'KIM-E-CSV-QUOTE' => CsvException::class,
        'KIM-E-COLUMN' => CsvException::class,
        'KIM-E-JSON' => JsonException::class,
        'KIM-E-SCHEMA' => JsonException::class,
        'KIM-E-IO' => IoException::class,
        'KIM-E-PROFILE' => ProfileException::class,
        'KIM-E-UNKNOWN-PROFILE' => ProfileException::class,
        'KIM-E-NO-PROFILE' => ProfileException::class,
        'KIM-E-UNKNOWN-KIM' => RegistryException::class,
        'KIM-E-DUPLICATE-KIM' => RegistryException::class,
        'KIM-E-MEMBER' => RegistryException::class,
        'KIM-E-TRANSITION' => TransitionException::class,
        'KIM-E-ORDER' => TransitionException::class,
        'KIM-E-CASE' => TransitionException::class,
        'KIM-E-ARGUMENT' => ArgumentException::class,
        'KIM-E-NUL' => ArgumentException::class,
        'KIM-E-NAME-AMBIGUOUS' => NameException::class,
        'KIM-E-NAME-UNCERTAIN' => NameException::class,
        'KIM-E-NAME-UNMATCHED' => NameException::class,
        'KIM-E-LOAD' => LoadException::class,
        'KIM-E-RESULT-TOO-LARGE' => ResultTooLargeException::class,
    ];

    /** The exception for a code; a code this version does not know yet gives the base {@see KimException}. */
    public static function exception(string $code, string $message, int $status = 0): KimException
    {
        $class = self::CODES[$code] ?? KimException::class;
        return new $class($message, $code, $status);
    }
}
