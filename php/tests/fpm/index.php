<?php

/**
 * The application of the php-fpm test (scripts/test-php.sh): installed by Composer next to vendor/, served by
 * php-fpm with the README's preload recipe, called through FastCGI. `?op=` chooses what a request does; each
 * answers one line of JSON.
 */

declare(strict_types=1);

$t0 = hrtime(true);
require __DIR__ . '/../vendor/autoload.php';

use Kim\Exception\ResultTooLargeException;
use Kim\Kim;
use Kim\Moderator;
use Kim\Registry;

header('Content-Type: application/json');
$sample = (string) file_get_contents(__DIR__ . '/../kim_sample.json');
$rss = static function (): int {
    foreach (file('/proc/self/status') ?: [] as $line) {
        if (str_starts_with($line, 'VmRSS:')) {
            return (int) preg_replace('/\D/', '', $line);
        }
    }
    return -1;
};
$out = ['op' => $op = (string) ($_GET['op'] ?? 'check'), 'pid' => getmypid(), 'preloaded' => Kim::isPreloaded()];
switch ($op) {
    case 'check':
        // One request of a kabupaten app: validate a KIM, moderate a post, a coverage table.
        $lap = static function () use (&$t): float {
            [$prev, $t] = [$t, hrtime(true)];
            return round(($t - $prev) / 1e6, 3);
        };
        $t = $t0;
        $steps = ['autoload' => $lap()];
        $report = Kim::profiles()->validateKim(Kim::reference(), ['id' => 'K1', 'name' => 'KIM Perian', 'seat' => '64.02.01.2001'], ['as_of' => '2025-06-30']);
        $steps['validate'] = $lap();
        $verdict = Kim::moderator()->check('Main di s.l.o.t g4c0r, m4xw1n tiap hari!');
        $steps['moderate'] = $lap();
        $cov = Registry::fromJson($sample)->coverage(Kim::reference(), ['as_of' => '2025-06-30', 'level' => 'kecamatan', 'within' => '64.02']);
        $steps['coverage'] = $lap();
        $out += ['codes' => $report->codes(), 'decision' => $verdict->decision, 'villages' => $cov['total']['villages']['total'], 'steps_ms' => $steps];
        break;
    case 'big':
        // National coverage at desa level: tens of MB of JSON, more than this pool's memory_limit.
        try {
            Registry::fromJson($sample)->coverage(Kim::reference(), ['as_of' => '2025-06-30', 'level' => 'desa']);
            $out['refused'] = false;
        } catch (ResultTooLargeException $e) {
            $out['refused'] = true;
        }
        break;
    case 'fatal':
        // Handles alive when the request dies of memory_limit: no destructor runs; the package frees them.
        $registry = Registry::fromJson($sample);
        $moderator = Moderator::default();
        $waste = str_repeat('x', 256 << 20);
        break;
    case 'app':
        // The README's kabupaten app, as php-cli ran it.
        ob_start();
        require __DIR__ . '/../app.php';
        $out['app'] = ob_get_clean();
        break;
    case 'rss':
        break;
}
$out['rss_kb'] = $rss();
$out['ms'] = (hrtime(true) - $t0) / 1e6;
echo json_encode($out), "\n";
