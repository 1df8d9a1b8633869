<?php

declare(strict_types=1);

namespace Kim\Exception;

/** A status or review transition the workflow does not allow, or events out of order (`KIM-E-TRANSITION`, `KIM-E-ORDER`, `KIM-E-CASE`). */
class TransitionException extends KimException
{
}
