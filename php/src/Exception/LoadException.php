<?php

declare(strict_types=1);

namespace Kim\Exception;

/** The library or its header could not be found or loaded, or has another ABI version (`KIM-E-LOAD`, this package's own code). */
class LoadException extends KimException
{
}
