<?php

declare(strict_types=1);

// The package's classes and the tests' own, without Composer (the Composer install is tested separately, from the
// archive, by scripts/test-php.sh). The library: KIM_FFI_LIB, else the package's lib/<triple>/.
spl_autoload_register(static function (string $class): void {
    foreach (['Kim\\Tests\\' => __DIR__ . '/', 'Kim\\' => __DIR__ . '/../src/'] as $prefix => $dir) {
        if (str_starts_with($class, $prefix)) {
            $file = $dir . str_replace('\\', '/', substr($class, \strlen($prefix))) . '.php';
            if (is_file($file)) {
                require_once $file;
            }
            return;
        }
    }
});
Kim\Kim::load();
