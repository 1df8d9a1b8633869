<?php

declare(strict_types=1);

namespace Kim\Exception;

/** A registry problem: unknown or duplicate KIM, a bad member (`KIM-E-UNKNOWN-KIM`, `KIM-E-DUPLICATE-KIM`, `KIM-E-MEMBER`). */
class RegistryException extends KimException
{
}
