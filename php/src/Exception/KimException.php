<?php

declare(strict_types=1);

namespace Kim\Exception;

/**
 * Every error kim raises. `$kimCode` is the stable code (`KIM-E-…`) of the C ABI's `kim_last_error_code`, or one of
 * this package's own (`KIM-E-LOAD`, `KIM-E-RESULT-TOO-LARGE`); the subclass is chosen from that code
 * ({@see ErrorMap}), never from the numeric status. `$status` is the numeric `kim_status` (0 for the package's own).
 */
class KimException extends \RuntimeException
{
    public function __construct(
        string $message,
        public readonly string $kimCode = '',
        public readonly int $status = 0,
        ?\Throwable $previous = null,
    ) {
        parent::__construct($message, $status, $previous);
    }
}
