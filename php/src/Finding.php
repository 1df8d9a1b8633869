<?php

declare(strict_types=1);

namespace Kim;

/** One finding of a validation: a stable code, a severity, the field's path, the rule's citation and messages. */
final class Finding extends Result
{
    /** e.g. `KIM-F3-MISSING` */
    public readonly string $code;
    /** `error`, `warning` or `info` */
    public readonly string $severity;
    /** e.g. `members[m5].occupation` (NIKs in it masked) */
    public readonly string $path;
    /** the message in Bahasa Indonesia */
    public readonly string $messageId;
    /** the message in English */
    public readonly string $messageEn;

    /** @param array<string, mixed> $data */
    public function __construct(array $data)
    {
        parent::__construct($data);
        $this->code = (string) $data['code'];
        $this->severity = (string) $data['severity'];
        $this->path = (string) ($data['path'] ?? '');
        $this->messageId = (string) ($data['message_id'] ?? '');
        $this->messageEn = (string) ($data['message_en'] ?? '');
    }

    public function isError(): bool
    {
        return $this->severity === 'error';
    }

    /** @return array{instrument: string, pasal: ?string, tag: string, note: ?string}|null the rule's legal basis */
    public function citation(): ?array
    {
        return $this->data['citation'] ?? null;
    }
}
