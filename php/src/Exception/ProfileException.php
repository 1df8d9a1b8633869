<?php

declare(strict_types=1);

namespace Kim\Exception;

/** A rule profile problem: malformed, unknown id, or none in force on the date (`KIM-E-PROFILE`, `KIM-E-UNKNOWN-PROFILE`, `KIM-E-NO-PROFILE`). */
class ProfileException extends KimException
{
}
