<?php

declare(strict_types=1);

namespace Kim\Exception;

/** A Kemendagri code is malformed, or well formed but not in the code list (`KIM-E-CODE`). */
class InvalidCodeException extends KimException
{
}
