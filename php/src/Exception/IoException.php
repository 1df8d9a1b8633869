<?php

declare(strict_types=1);

namespace Kim\Exception;

/** A file could not be read (`KIM-E-IO`). */
class IoException extends KimException
{
}
