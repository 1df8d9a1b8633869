<?php

declare(strict_types=1);

namespace Kim\Exception;

/** A code list was rejected (`KIM-E-REFERENCE`); the message names the rows. */
class ReferenceException extends KimException
{
}
