<?php

declare(strict_types=1);

namespace Kim;

/**
 * Owns one kim handle and frees it in `__destruct`.
 *
 * A fatal error (memory_limit, max_execution_time) runs no destructor and no `finally`; php-fpm then keeps the
 * worker, and the handle's memory would stay allocated for the worker's life. So every live handle is also listed
 * here, and a shutdown function, which PHP runs after a fatal error too, frees what is left when the request ended
 * in a fatal error. (Without one, destructors free the handles, and the list is not touched.)
 */
abstract class Handle
{
    /** @var array<int, array{string, \FFI\CData}> live handles: object id → [free function, pointer] */
    private static array $live = [];
    private static bool $guarded = false;

    protected function __construct(protected readonly \FFI\CData $h)
    {
        self::$live[spl_object_id($this)] = [static::freeFunction(), $h];
        if (!self::$guarded) {
            self::$guarded = true;
            // Registered again from inside the first one, so that it runs after the application's shutdown functions.
            register_shutdown_function(static fn () => register_shutdown_function([self::class, 'freeAfterFatal']));
        }
    }

    /** The C function that frees this handle type. */
    abstract protected static function freeFunction(): string;

    public function __destruct()
    {
        $id = spl_object_id($this);
        if (isset(self::$live[$id])) {
            unset(self::$live[$id]);
            Kim::ffi()->{static::freeFunction()}($this->h);
        }
    }

    /** @internal frees every live handle if the request ended in a fatal error; run by PHP at shutdown. */
    public static function freeAfterFatal(): void
    {
        $e = error_get_last();
        $fatal = E_ERROR | E_CORE_ERROR | E_COMPILE_ERROR | E_USER_ERROR | E_RECOVERABLE_ERROR | E_PARSE;
        if ($e === null || ($e['type'] & $fatal) === 0) {
            return;
        }
        self::freeAll();
    }

    /** @internal frees every live handle now (the PHP objects become unusable); for tests and fatal errors. */
    public static function freeAll(): int
    {
        $n = 0;
        foreach (self::$live as $id => [$free, $h]) {
            unset(self::$live[$id]);
            Kim::ffi()->{$free}($h);
            $n++;
        }
        return $n;
    }

    /** Number of handles not freed yet. */
    public static function liveCount(): int
    {
        return \count(self::$live);
    }

    /** @internal the C pointer, for passing this handle to another call */
    public function cdata(): \FFI\CData
    {
        return $this->h;
    }

    /**
     * Calls `$fn` with a fresh `<type> **` out-parameter and wraps the handle it got.
     *
     * @param callable(\FFI\CData): int $fn
     */
    protected static function make(string $type, callable $fn): static
    {
        $out = Kim::ffi()->new("$type*");
        Native::check($fn(\FFI::addr($out)));
        return new static($out);
    }
}
