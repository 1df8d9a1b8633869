<?php

declare(strict_types=1);

namespace Kim\Exception;

/** A result is larger than the configured limit ({@see \Kim\Kim::setResultLimit()}) or than the memory left under `memory_limit`; it was freed before any PHP string was built (`KIM-E-RESULT-TOO-LARGE`, this package's own code). Ask for less (a smaller `within`, a coarser `level`). */
class ResultTooLargeException extends KimException
{
}
