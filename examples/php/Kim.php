<?php
/**
 * kim for PHP: a thin wrapper over the kim C ABI (kim-ffi) through PHP FFI.
 *
 * Every call: the library clears its last error, the wrapper calls, checks the status, and throws a mapped
 * exception (KimException subclasses) carrying the stable code and message. Handles are freed in __destruct.
 * The ABI version is checked when the library is loaded. Parameters that can carry personal data (NIKs, phone
 * numbers: registry JSON and CSV, KIMs, texts to moderate, codes to look up) are #[\SensitiveParameter], so a stack
 * trace of a thrown exception shows `Object(SensitiveParameterValue)` instead of the value (UU PDP 27/2022); the
 * closures handed to Kim::string/json/make hold such values only inside a \SensitiveParameterValue, so a dump of the
 * trace's arguments (print_r($e->getTrace())) shows none either. The messages themselves come masked from the library.
 *
 *   require 'examples/php/Kim.php';
 *   Kim\Kim::load('/path/to/libkim_ffi.so');          // or set KIM_LIB, or use ffi.preload (see README)
 *   $ref = Kim\Reference::embedded();
 *   $profiles = Kim\Profiles::builtin();
 *   $report = $profiles->validateKim($ref, ['id' => 'K1', 'name' => 'KIM Baru', 'seat' => '64.02.01.2001'],
 *                                    ['as_of' => '2025-06-30']);
 */
declare(strict_types=1);

namespace Kim;

class KimException extends \RuntimeException
{
    /** @param string $kimCode stable code such as KIM-E-JSON */
    public function __construct(string $message, public readonly int $status = 0, public readonly string $kimCode = '')
    {
        parent::__construct($message, $status);
    }
}
/** The call itself was unusable (NULL pointer, bad UTF-8, input over 1 GiB). */
class CallException extends KimException {}
/** A panic inside kim was caught; please report it. */
class InternalException extends KimException {}
class InvalidCodeException extends KimException {}
class InvalidNikException extends KimException {}
class ReferenceException extends KimException {}
class LexiconException extends KimException {}
class CsvException extends KimException {}
class JsonException extends KimException {}
class IoException extends KimException {}
class ProfileException extends KimException {}
class RegistryException extends KimException {}
class TransitionException extends KimException {}
class ArgumentException extends KimException {}

final class Kim
{
    public const ABI_VERSION = 1;
    private static ?\FFI $ffi = null;

    /** Loads the library: FFI::scope('KIM') under ffi.preload, else FFI::cdef on kim_php.h with $lib or KIM_LIB. */
    public static function load(?string $lib = null): \FFI
    {
        if (self::$ffi !== null) {
            return self::$ffi;
        }
        $ffi = null;
        if ($lib === null && (string) ini_get('ffi.preload') !== '') {
            try {
                $ffi = \FFI::scope('KIM');
            } catch (\FFI\Exception) {
                $ffi = null;
            }
        }
        if ($ffi === null) {
            $header = (string) file_get_contents(__DIR__ . '/../../kim-ffi/include/kim_php.h');
            // FFI::cdef has no preprocessor: drop the FFI_SCOPE / FFI_LIB lines that FFI::load would read.
            $header = (string) preg_replace('/^#.*$/m', '', $header);
            $lib ??= (getenv('KIM_LIB') ?: 'libkim_ffi.so');
            $ffi = \FFI::cdef($header, $lib);
        }
        $abi = $ffi->kim_abi_version();
        if ($abi !== self::ABI_VERSION) {
            throw new KimException("libkim_ffi has ABI version $abi; this wrapper needs " . self::ABI_VERSION);
        }
        self::$ffi = $ffi;
        return $ffi;
    }

    public static function ffi(): \FFI
    {
        return self::$ffi ?? self::load();
    }

    public static function version(): string
    {
        // PHP FFI turns a returned `const char *` into a PHP string.
        return (string) self::ffi()->kim_version();
    }

    /** Checks a status; throws the mapped exception with the last error's code and message. */
    public static function check(int $status): void
    {
        if ($status === 0) {
            return;
        }
        $ffi = self::ffi();
        $message = self::readError(fn ($buf, $len) => $ffi->kim_last_error_message($buf, $len));
        $code = self::readError(fn ($buf, $len) => $ffi->kim_last_error_code($buf, $len));
        $class = match (true) {
            $status >= 1 && $status <= 3 => CallException::class,
            $status === 99 => InternalException::class,
            $status === 100 => InvalidCodeException::class,
            $status === 101 => InvalidNikException::class,
            $status === 102 => ReferenceException::class,
            $status === 103 => LexiconException::class,
            $status === 104 => CsvException::class,
            $status === 105 => JsonException::class,
            $status === 106 => IoException::class,
            $status === 107 => ProfileException::class,
            $status === 108 => RegistryException::class,
            $status === 109 => TransitionException::class,
            $status === 110 => ArgumentException::class,
            default => KimException::class,
        };
        throw new $class($message, $status, $code);
    }

    private static function readError(callable $read): string
    {
        $n = $read(null, 0);
        if ($n === 0) {
            return '';
        }
        $buf = self::ffi()->new("char[$n]");
        $read($buf, $n);
        return \FFI::string($buf);
    }

    /** Calls $fn with a fresh `char *` out-parameter; returns the string and frees it with kim_string_free. */
    public static function string(callable $fn): string
    {
        $ffi = self::ffi();
        $out = $ffi->new('char*');
        self::check($fn(\FFI::addr($out)));
        try {
            return \FFI::string($out);
        } finally {
            $ffi->kim_string_free($out);
        }
    }

    /** As string(), decoding versioned JSON. */
    public static function json(callable $fn): array
    {
        $v = json_decode(self::string($fn), true, 512, JSON_THROW_ON_ERROR);
        if (($v['schema_version'] ?? null) !== 1) {
            throw new KimException('unexpected schema_version in a kim result');
        }
        return $v;
    }

    public static function encode(#[\SensitiveParameter] array|string|null $v): ?string
    {
        if ($v === null || is_string($v)) {
            return $v;
        }
        try {
            return json_encode($v === [] ? new \stdClass() : $v, JSON_THROW_ON_ERROR | JSON_UNESCAPED_UNICODE);
        } catch (\JsonException $e) {
            // json_encode's own trace frame would quote $v (a built-in's arguments are always recorded): rethrow
            // from here, without it, as the library would report bad UTF-8.
            throw new CallException('input cannot be encoded as JSON: ' . $e->getMessage(), 2, 'KIM-E-UTF8');
        }
    }

    public static function len(#[\SensitiveParameter] ?string $s): int
    {
        return $s === null ? 0 : strlen($s);
    }
}

/** Owns one handle; frees it in __destruct. */
abstract class Handle
{
    protected \FFI\CData $h;
    abstract protected static function freeFn(): string;

    protected function __construct(\FFI\CData $h)
    {
        $this->h = $h;
    }

    public function __destruct()
    {
        Kim::ffi()->{static::freeFn()}($this->h);
    }

    /** @internal */
    public function cdata(): \FFI\CData
    {
        return $this->h;
    }

    protected static function make(string $type, callable $fn): static
    {
        $ffi = Kim::ffi();
        $out = $ffi->new("$type*");
        Kim::check($fn(\FFI::addr($out)));
        return new static($out);
    }
}

final class Reference extends Handle
{
    protected static function freeFn(): string { return 'kim_reference_free'; }

    public static function embedded(): self
    {
        return self::make('kim_reference', fn ($out) => Kim::ffi()->kim_reference_embedded($out));
    }

    public static function fromCsv(string $csv, string $version): self
    {
        return self::make('kim_reference', fn ($out) => Kim::ffi()->kim_reference_from_csv($csv, strlen($csv), $version, strlen($version), $out));
    }

    public function lookup(#[\SensitiveParameter] string $code): array
    {
        $c = new \SensitiveParameterValue($code);
        return Kim::json(fn ($out) => Kim::ffi()->kim_reference_lookup($this->h, $c->getValue(), strlen($c->getValue()), $out));
    }

    /** Number of units in the list. */
    public function count(): int
    {
        return Kim::ffi()->kim_reference_len($this->h);
    }
}

final class Registry extends Handle
{
    protected static function freeFn(): string { return 'kim_registry_free'; }

    public static function fromJson(#[\SensitiveParameter] string $json): self
    {
        $j = new \SensitiveParameterValue($json);
        return self::make('kim_registry', fn ($out) => Kim::ffi()->kim_registry_from_json($j->getValue(), strlen($j->getValue()), $out));
    }

    /** @return array{0: Registry, 1: array} the registry and the import report (rows in, accepted, rejected rows) */
    public static function fromCsv(
        #[\SensitiveParameter] string $kims,
        #[\SensitiveParameter] ?string $members = null,
        ?Reference $reference = null,
    ): array
    {
        $ffi = Kim::ffi();
        $report = $ffi->new('char*');
        $k = new \SensitiveParameterValue($kims);
        $m = new \SensitiveParameterValue($members);
        unset($kims, $members);
        $reg = self::make('kim_registry', fn ($out) => $ffi->kim_registry_from_csv(
            $k->getValue(), strlen($k->getValue()), $m->getValue(), Kim::len($m->getValue()), $reference?->cdata(), $out, \FFI::addr($report)
        ));
        try {
            $r = json_decode(\FFI::string($report), true, 512, JSON_THROW_ON_ERROR);
        } finally {
            $ffi->kim_string_free($report);
        }
        return [$reg, $r];
    }

    public function count(): int
    {
        return Kim::ffi()->kim_registry_len($this->h);
    }

    public function toJson(bool $forLogs = false): string
    {
        return Kim::string(fn ($out) => Kim::ffi()->kim_registry_to_json($this->h, $forLogs ? 1 : 0, $out));
    }

    public function coverage(Reference $ref, array $options = []): array
    {
        $o = Kim::encode($options);
        return Kim::json(fn ($out) => Kim::ffi()->kim_coverage($this->h, $ref->cdata(), $o, Kim::len($o), $out));
    }

    public function gaps(Reference $ref, array $options = []): array
    {
        $o = Kim::encode($options);
        return Kim::json(fn ($out) => Kim::ffi()->kim_gaps($this->h, $ref->cdata(), $o, Kim::len($o), $out));
    }
}

final class Profiles extends Handle
{
    protected static function freeFn(): string { return 'kim_profiles_free'; }

    public static function builtin(): self
    {
        return self::make('kim_profiles', fn ($out) => Kim::ffi()->kim_profiles_builtin($out));
    }

    public function loadJson(string $json): void
    {
        Kim::check(Kim::ffi()->kim_profiles_load_json($this->h, $json, strlen($json)));
    }

    public function list(): array
    {
        return Kim::json(fn ($out) => Kim::ffi()->kim_profiles_list($this->h, $out));
    }

    /** @param array|string $kim one KIM as an array or JSON; $options: as_of, profiles */
    public function validateKim(Reference $ref, #[\SensitiveParameter] array|string $kim, array $options = []): array
    {
        $k = new \SensitiveParameterValue((string) Kim::encode($kim));
        $o = Kim::encode($options);
        return Kim::json(fn ($out) => Kim::ffi()->kim_validate_kim($this->h, $ref->cdata(), $k->getValue(), strlen($k->getValue()), $o, Kim::len($o), $out));
    }

    public function validateRegistry(Reference $ref, Registry $registry, array $options = []): array
    {
        $o = Kim::encode($options);
        return Kim::json(fn ($out) => Kim::ffi()->kim_validate_registry($this->h, $ref->cdata(), $registry->cdata(), $o, Kim::len($o), $out));
    }
}

final class Moderator extends Handle
{
    protected static function freeFn(): string { return 'kim_moderator_free'; }

    public static function default(): self
    {
        return self::make('kim_moderator', fn ($out) => Kim::ffi()->kim_moderator_default($out));
    }

    public static function fromLexicon(string $tsv, string $version, bool $extendBuiltin = true): self
    {
        return self::make('kim_moderator', fn ($out) => Kim::ffi()->kim_moderator_from_lexicon($tsv, strlen($tsv), $version, strlen($version), $extendBuiltin ? 1 : 0, $out));
    }

    public function check(#[\SensitiveParameter] string $text): array
    {
        $t = new \SensitiveParameterValue($text);
        return Kim::json(fn ($out) => Kim::ffi()->kim_moderate($this->h, $t->getValue(), strlen($t->getValue()), $out));
    }

    /** @param string[] $texts */
    public function checkMany(#[\SensitiveParameter] array $texts): array
    {
        if ($texts === []) {
            return [];
        }
        $j = new \SensitiveParameterValue((string) Kim::encode(array_values($texts)));
        return Kim::json(fn ($out) => Kim::ffi()->kim_moderate_batch($this->h, $j->getValue(), strlen($j->getValue()), $out))['verdicts'];
    }

    public static function redact(#[\SensitiveParameter] string $text): string
    {
        $t = new \SensitiveParameterValue($text);
        return Kim::string(fn ($out) => Kim::ffi()->kim_redact($t->getValue(), strlen($t->getValue()), $out));
    }
}
