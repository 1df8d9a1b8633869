<?php

declare(strict_types=1);

namespace Kim\Exception;

/**
 * An argument or option is unusable (`KIM-E-ARGUMENT`), or a text with a NUL byte that kim_redact cannot return
 * (`KIM-E-NUL`).
 */
class ArgumentException extends KimException
{
}
