<?php

declare(strict_types=1);

namespace Kim\Exception;

/** A place name did not resolve to exactly one village (`KIM-E-NAME-AMBIGUOUS`, `KIM-E-NAME-UNCERTAIN`, `KIM-E-NAME-UNMATCHED`). */
class NameException extends KimException
{
}
