<?php

declare(strict_types=1);

namespace Kim\Exception;

/** A Kemendagri code is malformed, (`KIM-E-CODE`), or well formed but not in the code list (`KIM-E-NOT-IN-LIST`). */
class InvalidCodeException extends KimException
{
}
