<?php

declare(strict_types=1);

namespace Kim;

/**
 * A result read from kim's JSON: typed properties for the fields code uses most, and the whole document as an
 * array (`toArray()`, `$result['field']`, `json_encode($result)`), read-only.
 *
 * @implements \ArrayAccess<string, mixed>
 */
abstract class Result implements \ArrayAccess, \JsonSerializable
{
    /** @param array<string, mixed> $data */
    public function __construct(protected readonly array $data)
    {
    }

    /** @return array<string, mixed> the document as kim wrote it */
    public function toArray(): array
    {
        return $this->data;
    }

    /** @return array<string, mixed> */
    public function jsonSerialize(): array
    {
        return $this->data;
    }

    public function offsetExists(mixed $offset): bool
    {
        return isset($this->data[$offset]);
    }

    public function offsetGet(mixed $offset): mixed
    {
        return $this->data[$offset] ?? null;
    }

    public function offsetSet(mixed $offset, mixed $value): never
    {
        throw new \LogicException(static::class . ' is read-only');
    }

    public function offsetUnset(mixed $offset): never
    {
        throw new \LogicException(static::class . ' is read-only');
    }
}
