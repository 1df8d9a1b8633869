<?php

declare(strict_types=1);

namespace Kim;

/** The moderation verdict on one text. */
final class Verdict extends Result
{
    /** `allow`, `hold` (for a person to review) or `block` */
    public readonly string $decision;
    /** @var list<string> the categories matched (`perjudian`, `sara`, `hoaks`, `data_pribadi`, …) */
    public readonly array $categories;
    /** @var list<array<string, mixed>> every match: byte `start`/`end` in the text, category, severity, rule, reasons */
    public readonly array $matches;
    /** true when the text should go to fact-checking (hoax markers) */
    public readonly bool $factCheck;

    /** @param array<string, mixed> $data */
    public function __construct(array $data)
    {
        parent::__construct($data);
        $this->decision = (string) $data['decision'];
        $this->categories = $data['categories'];
        $this->matches = $data['matches'];
        $this->factCheck = (bool) ($data['fact_check'] ?? false);
    }

    public function isAllowed(): bool
    {
        return $this->decision === 'allow';
    }

    public function isHeld(): bool
    {
        return $this->decision === 'hold';
    }

    public function isBlocked(): bool
    {
        return $this->decision === 'block';
    }
}
