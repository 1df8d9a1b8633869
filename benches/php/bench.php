<?php

/**
 * Per-call cost of kim from PHP through the package (php/), one thread, php-cli:
 *
 *     KIM_FFI_LIB=target/release/libkim_ffi.so php benches/php/bench.php [SECONDS_PER_CASE]
 *
 * (or, after scripts/package-php.sh, without KIM_FFI_LIB: the package's own library is used). Prints the median of
 * 9 rounds per case, each round as many calls as fit in SECONDS_PER_CASE / 9 (default 2 s per case).
 */

declare(strict_types=1);

spl_autoload_register(static function (string $class): void {
    $file = __DIR__ . '/../../php/src/' . str_replace('\\', '/', substr($class, 4)) . '.php';
    if (str_starts_with($class, 'Kim\\') && is_file($file)) {
        require $file;
    }
});

use Kim\Kim;
use Kim\Library;
use Kim\Moderator;
use Kim\Reference;
use Kim\Registry;

$seconds = (float) ($argv[1] ?? 2.0);
$sample = json_decode((string) file_get_contents(__DIR__ . '/../../examples/data/kim_sample.json'), true, 512, JSON_THROW_ON_ERROR);
$kims = $sample['kims'];
usort($kims, static fn (array $a, array $b): int => count($b['members'] ?? []) <=> count($a['members'] ?? []));
$kim = $kims[0]; // 15 members
$kimJson = json_encode($kim, JSON_THROW_ON_ERROR | JSON_UNESCAPED_UNICODE);
$post = 'Gotong royong membersihkan pantai Desa Perian, Minggu pagi. Warga diminta membawa karung dan sarung tangan; '
    . 'info lebih lanjut hubungi ketua RT. Main di s.l.o.t g4c0r? Jangan!';
$posts = array_fill(0, 100, $post);
$options = ['as_of' => '2025-06-30'];

$t = hrtime(true);
Kim::load();
$loadMs = (hrtime(true) - $t) / 1e6;
$ref = Kim::reference();
$profiles = Kim::profiles();
$mod = Kim::moderator();
$registry = Registry::fromJson((string) json_encode($sample));

/** @return float median microseconds per call */
$measure = static function (callable $fn, int $perCall = 1) use ($seconds): float {
    $fn();
    $rounds = [];
    for ($r = 0; $r < 9; $r++) {
        $n = 0;
        $start = hrtime(true);
        $deadline = $start + (int) ($seconds / 9 * 1e9);
        do {
            $fn();
            $n++;
        } while (hrtime(true) < $deadline);
        $rounds[] = (hrtime(true) - $start) / 1e3 / $n / $perCall;
    }
    sort($rounds);
    return $rounds[4];
};

$cases = [
    'validateKim, 15 members, array in (json_encode in the wrapper)' => [static fn () => $profiles->validateKim($ref, $kim, $options), 1],
    'validateKim, 15 members, JSON string in' => [static fn () => $profiles->validateKim($ref, $kimJson, $options), 1],
    'Moderator::check, one 170-byte post (shared moderator)' => [static fn () => $mod->check($post), 1],
    'Moderator::checkMany, 100 posts, per post' => [static fn () => $mod->checkMany($posts), 100],
    'coverage, Kukar by kecamatan (40 KIMs)' => [static fn () => $registry->coverage($ref, ['as_of' => '2025-06-30', 'level' => 'kecamatan', 'within' => '64.02']), 1],
    'Moderator::default() (what a request without the shared moderator pays)' => [static fn () => Moderator::default(), 1],
    'Reference::embedded() (after the first)' => [static fn () => Reference::embedded(), 1],
    'Kim::moderator() in a new request (Moderator::shared(), built)' => [static fn () => Moderator::shared(), 1],
    'Reference::resolve, one free-text place' => [static fn () => $ref->resolve('Desa Perian, Kec. Muara Muntai, Kukar'), 1],
];
printf("kim %s, PHP %s, library loaded in %.1f ms (%s)\n", Kim::version(), PHP_VERSION, $loadMs, Library::findLibrary());
foreach ($cases as $what => [$fn, $per]) {
    printf("%-75s %9.2f µs\n", $what, $measure($fn, $per));
}
