<?php

declare(strict_types=1);

namespace Kim\Exception;

/** CSV could not be read as a table (`KIM-E-CSV`, `KIM-E-COLUMN`, `KIM-E-CSV-…`). */
class CsvException extends KimException
{
}
