<?php

declare(strict_types=1);

namespace Kim\Tests;

use Kim\Exception\CsvException;
use Kim\Exception\InvalidCodeException;
use Kim\Exception\JsonException;
use Kim\Exception\KimException;
use Kim\Exception\ReferenceException;
use Kim\Kim;
use Kim\Reference;
use Kim\Registry;

/** The small rows of the shared hostile-input manifest (kim-core/tests/data/hostile), with the C column's outcome. */
final class HostileTest extends TestCase
{
    /** @return iterable<string, array{string, string, string, string}> */
    public static function rows(): iterable
    {
        foreach (file(self::HOSTILE . '/manifest.tsv', FILE_IGNORE_NEW_LINES) ?: [] as $line) {
            if ($line === '' || $line[0] === '#') {
                continue;
            }
            [$name, $surface, $spec, , , $want] = explode("\t", $line);
            if ($want === '-' || str_contains($spec, '+gen:') || (str_starts_with($spec, 'gen:') && !str_starts_with($spec, 'gen:deep:'))) {
                continue; // the generated large inputs run in Rust, Python and C
            }
            yield $name => [$name, $surface, $spec, $want];
        }
    }

    /** @dataProvider rows */
    public function testHostileInput(string $name, string $surface, string $spec, string $want): void
    {
        $second = null;
        if (str_starts_with($spec, 'text:')) {
            $data = substr($spec, 5);
        } elseif (str_starts_with($spec, 'gen:deep:')) {
            $n = (int) substr($spec, 9);
            $data = str_repeat('[', $n) . str_repeat(']', $n);
        } else {
            $parts = explode('+', $spec);
            $data = (string) file_get_contents(self::HOSTILE . "/{$parts[0]}");
            $second = isset($parts[1]) ? (string) file_get_contents(self::HOSTILE . "/{$parts[1]}") : null;
        }
        $ref = Kim::reference();
        $rows = static fn (array $t): string => "{$t['rows_in']}/{$t['accepted']}/{$t['rejected']}";
        try {
            $got = match ($surface) {
                'code' => (static function () use ($ref, $data): string {
                    try {
                        $ref->lookup($data);
                        return 'found';
                    } catch (InvalidCodeException $e) {
                        // Well formed but not in the list: absent. Malformed: an error.
                        if ($e->kimCode === 'KIM-E-NOT-IN-LIST') {
                            return 'absent';
                        }
                        throw $e;
                    }
                })(),
                'reference_csv' => 'ok:' . Reference::fromCsv($data, 'hostile')->count(),
                'registry_csv' => (static function () use ($data, $second, $ref, $rows): string {
                    [, $report] = Registry::fromCsv($data, $second, $ref);
                    return 'rows:' . $rows($report['kims']) . ($second === null ? '' : ';' . $rows($report['members']));
                })(),
                'registry_json' => 'ok:' . Registry::fromJson($data)->count(),
                'kim_json' => Kim::profiles()->validateKim($ref, $data, ['as_of' => '2025-06-30'])->ok ? 'report:ok' : 'report:fail',
                'moderate' => 'verdict:' . Kim::moderator()->check($data)->decision,
            };
        } catch (KimException $e) {
            $got = match (true) {
                $e instanceof CsvException => 'err:csv',
                $e instanceof JsonException => 'err:json',
                $e instanceof ReferenceException => 'err:reference',
                $e instanceof InvalidCodeException => 'err:code',
                $e->kimCode === 'KIM-E-UTF8' => 'err:utf8',
                default => 'err:' . $e::class,
            };
        }
        self::assertSame($want, $got, $name);
    }

    public function testEnoughRows(): void
    {
        self::assertGreaterThan(30, iterator_count(self::rows()));
    }
}
