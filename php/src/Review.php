<?php

declare(strict_types=1);

namespace Kim;

/**
 * The review → appeal workflow of moderated content, with deadlines (24 h, 4 h urgent, 48 h complaints) and an
 * append-only audit log. A case is a document (an array; store it as JSON as it is): each step takes the stored case
 * and returns the new one, and refuses a case whose audit log does not replay to it (edited or forged). On an
 * exception the stored case is unchanged.
 *
 *     $case = Review::open(['id' => 'C-1', 'kim_id' => 'K1', 'item_id' => 'post-77', 'verdict' => $verdict]);
 *     $case = Review::decide($case, ['actor' => 'rina', 'role' => 'moderator', 'outcome' => 'remove']);
 *     $case = Review::appeal($case, ['actor' => 'budi', 'role' => 'pemilik_konten', 'reason' => '…']);
 *     $case = Review::resolve($case, ['actor' => 'sari', 'role' => 'admin_diskominfo', 'outcome' => 'upheld']);
 *
 * Times (`at`, `now`) are RFC 3339 in UTC and default to the machine's clock.
 */
final class Review
{
    /**
     * Opens a case from a held verdict (`verdict`: a {@see Verdict} or its array) or from a user report (`report`:
     * `reason`, `categories`, `actor`, `role`).
     *
     * @param array<string, mixed> $request `id`, `kim_id`, `item_id`, `urgency`, `at`, and `verdict` or `report`
     * @return array<string, mixed> the case
     */
    public static function open(#[\SensitiveParameter] array $request): array
    {
        if (($request['verdict'] ?? null) instanceof Verdict) {
            $request['verdict'] = $request['verdict']->toArray();
        }
        $r = new \SensitiveParameterValue((string) Native::encode($request));
        return Native::json(static fn ($out) => Kim::ffi()->kim_review_open($r->getValue(), \strlen($r->getValue()), $out));
    }

    /**
     * A reviewer (`moderator`, `admin_diskominfo`, `pengelola_kim`) decides: `outcome` `approve`, `remove` or
     * `request_edit`, optional `reason`, `hoax_label`.
     *
     * @param array<string, mixed>|string $case the stored case
     * @param array<string, mixed> $step `actor`, `role`, `outcome`, `reason`, `hoax_label`, `at`, `ruleset_version`
     * @return array<string, mixed> the new case
     */
    public static function decide(#[\SensitiveParameter] array|string $case, #[\SensitiveParameter] array $step): array
    {
        return self::step('kim_review_decide', $case, $step);
    }

    /**
     * The author (`pemilik_konten`), the KIM's manager or the reporter appeals a decided case (due within 48 h).
     *
     * @param array<string, mixed>|string $case
     * @param array<string, mixed> $step
     * @return array<string, mixed>
     */
    public static function appeal(#[\SensitiveParameter] array|string $case, #[\SensitiveParameter] array $step): array
    {
        return self::step('kim_review_appeal', $case, $step);
    }

    /**
     * A second reviewer resolves an appeal: `outcome` `upheld` or `overturned`; the case closes.
     *
     * @param array<string, mixed>|string $case
     * @param array<string, mixed> $step
     * @return array<string, mixed>
     */
    public static function resolve(#[\SensitiveParameter] array|string $case, #[\SensitiveParameter] array $step): array
    {
        return self::step('kim_review_resolve', $case, $step);
    }

    /**
     * Closes a decided case without appeal; the decision becomes `final_outcome`.
     *
     * @param array<string, mixed>|string $case
     * @param array<string, mixed> $step
     * @return array<string, mixed>
     */
    public static function close(#[\SensitiveParameter] array|string $case, #[\SensitiveParameter] array $step): array
    {
        return self::step('kim_review_close', $case, $step);
    }

    /**
     * The cases past the deadline of their current step, most overdue first.
     *
     * @param list<array<string, mixed>|string> $cases stored cases
     * @return list<array<string, mixed>> `id`, `kim_id`, `item_id`, `state`, `urgency`, `deadline`
     */
    public static function overdue(#[\SensitiveParameter] array $cases, ?string $now = null): array
    {
        $docs = array_map(static fn (array|string $c): array => \is_string($c) ? Native::decode($c) : $c, array_values($cases));
        $request = ['cases' => $docs] + ($now === null ? [] : ['now' => $now]);
        $r = new \SensitiveParameterValue((string) Native::encode($request));
        return Native::json(static fn ($out) => Kim::ffi()->kim_review_overdue($r->getValue(), \strlen($r->getValue()), $out))['overdue'];
    }

    /**
     * @param array<string, mixed>|string $case
     * @param array<string, mixed> $step
     * @return array<string, mixed>
     */
    private static function step(string $function, #[\SensitiveParameter] array|string $case, #[\SensitiveParameter] array $step): array
    {
        $c = new \SensitiveParameterValue((string) Native::encode($case));
        $s = new \SensitiveParameterValue((string) Native::encode($step));
        return Native::json(static fn ($out) => Kim::ffi()->{$function}($c->getValue(), \strlen($c->getValue()), $s->getValue(), \strlen($s->getValue()), $out));
    }
}
