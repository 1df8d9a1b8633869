<?php

declare(strict_types=1);

namespace Kim\Exception;

/**
 * A result is larger than the limit of {@see \Kim\Kim::setResultLimit()} (the library refuses it before building it,
 * `KIM_STATUS_RESULT_TOO_LARGE`), or larger than the memory left under `memory_limit` (the package frees it before
 * copying it). Code `KIM-E-RESULT-TOO-LARGE`. Ask for less: a smaller `within`, a coarser `level`, fewer dates.
 */
class ResultTooLargeException extends KimException
{
}
