<?php

declare(strict_types=1);

namespace Kim\Exception;

/**
 * The call itself was unusable: a NULL pointer, text that is not UTF-8 (the message gives the byte), an input over
 * 1 GiB (`KIM-E-NULL`, `KIM-E-UTF8`, `KIM-E-TOO-LARGE`).
 */
class CallException extends KimException
{
}
