<?php

/**
 * opcache.preload script of the kim package (see the README's php-fpm recipe):
 *
 *     ffi.enable = preload
 *     opcache.preload = /srv/app/vendor/kim/kim/preload.php
 *
 * It compiles the package's classes into shared memory, binds libkim_ffi as the FFI scope `KIM` (the bundled
 * `lib/<triple>/libkim_ffi.so`, or `KIM_FFI_LIB` from php-fpm's environment) and builds the code list and default
 * lexicon once in the master process, so that no request of any worker reads a header or parses the code list.
 */

declare(strict_types=1);

spl_autoload_register(static function (string $class): void {
    if (str_starts_with($class, 'Kim\\')) {
        $file = __DIR__ . '/src/' . str_replace('\\', '/', substr($class, 4)) . '.php';
        if (is_file($file)) {
            require_once $file;
        }
    }
});
foreach ([__DIR__ . '/src/*.php', __DIR__ . '/src/Exception/*.php'] as $pattern) {
    foreach (glob($pattern) ?: [] as $file) {
        $class = 'Kim\\' . str_replace('/', '\\', substr($file, \strlen(__DIR__ . '/src/'), -4));
        class_exists($class) || interface_exists($class);
    }
}
Kim\Kim::preload();
