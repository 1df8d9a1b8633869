<?php

declare(strict_types=1);

namespace Kim\Exception;

/** An argument or option is unusable (`KIM-E-ARGUMENT`). */
class ArgumentException extends KimException
{
}
