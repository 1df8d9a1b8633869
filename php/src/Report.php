<?php

declare(strict_types=1);

namespace Kim;

/** The validation report of one KIM: the profiles applied and every finding. */
final class Report extends Result
{
    public readonly string $kimId;
    /** `YYYY-MM-DD` */
    public readonly string $asOf;
    /** true when no finding is an error */
    public readonly bool $ok;
    /** @var list<string> the profile ids applied, national first */
    public readonly array $profiles;
    /** @var list<Finding> */
    public readonly array $findings;

    /** @param array<string, mixed> $data */
    public function __construct(array $data)
    {
        parent::__construct($data);
        $this->kimId = (string) $data['kim_id'];
        $this->asOf = (string) $data['as_of'];
        $this->ok = (bool) $data['ok'];
        $this->profiles = $data['profiles'];
        $this->findings = array_map(static fn (array $f): Finding => new Finding($f), $data['findings']);
    }

    /** @return list<Finding> the findings of severity `error` */
    public function errors(): array
    {
        return array_values(array_filter($this->findings, static fn (Finding $f): bool => $f->isError()));
    }

    /** @return list<string> the finding codes, in order */
    public function codes(): array
    {
        return array_map(static fn (Finding $f): string => $f->code, $this->findings);
    }
}
