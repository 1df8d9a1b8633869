<?php

declare(strict_types=1);

namespace Kim\Exception;

/** A NIK is malformed (`KIM-E-NIK`). */
class InvalidNikException extends KimException
{
}
