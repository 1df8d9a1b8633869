<?php

declare(strict_types=1);

namespace Kim\Exception;

/** JSON could not be read into the expected shape, or has an unsupported `schema_version` (`KIM-E-JSON`, `KIM-E-SCHEMA`). The only JSON exception this package throws: PHP's own `\JsonException` never escapes it. */
class JsonException extends KimException
{
}
