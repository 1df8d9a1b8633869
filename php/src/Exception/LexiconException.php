<?php

declare(strict_types=1);

namespace Kim\Exception;

/** A moderation lexicon was rejected (`KIM-E-LEXICON`); the message names the lines. */
class LexiconException extends KimException
{
}
