<?php

declare(strict_types=1);

namespace Kim\Exception;

/** A panic inside kim was caught at the boundary (`KIM-E-PANIC`); the handles are still usable. Please report it. */
class InternalException extends KimException
{
}
