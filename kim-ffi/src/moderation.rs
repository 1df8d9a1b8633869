//! `kim_moderator`, moderation and redaction.

use std::ffi::c_char;
use std::sync::OnceLock;

use kim_core::moderation::{Moderator, redact};

use crate::errors::KimStatus;
use crate::handle::{
    check_out, free_handle, handle, input_str, parse_json, versioned, write_handle, write_json,
    write_string,
};
use crate::macros::ffi_call;

/// A compiled lexicon. Immutable; safe to share between threads.
pub struct KimModerator(Moderator);

/// The body of a batch result.
#[derive(serde::Serialize)]
struct Body {
    verdicts: Vec<kim_core::moderation::Verdict>,
}

/// The process-wide moderator of [`kim_moderator_shared`].
static SHARED: OnceLock<KimModerator> = OnceLock::new();

/// The process-wide moderator with the shipped lexicon, constructions and hold model (as [`kim_moderator_default`]),
/// compiled on the first call (about 20 ms) and kept until the
/// process ends. Every call returns the same handle; [`kim_moderator_free`] on it does nothing. Prefer it to
/// [`kim_moderator_default`] in a PHP-FPM worker: a per-request `kim_moderator_default` recompiles the lexicon on
/// every request, the shared one once per worker. Called from PHP's `opcache.preload` script it is built once in the
/// FPM master and inherited by the workers, but only when the master runs as an unprivileged user: under a root
/// master PHP runs the preload script in a separate child (`opcache.preload_user`), so each worker builds its own on
/// its first request. Use it from any thread.
///
/// # Safety
///
/// `out` is a valid pointer.
///
/// # Errors
///
/// `KIM_STATUS_NULL_POINTER`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kim_moderator_shared(out: *mut *mut KimModerator) -> KimStatus {
    ffi_call!({
        check_out(out, "out")?;
        let m = SHARED.get_or_init(|| KimModerator(Moderator::default()));
        // SAFETY: `out` is valid and non-NULL. The handle is never written through (no call mutates a moderator)
        // and never freed (kim_moderator_free skips it).
        unsafe { *out = std::ptr::from_ref(m).cast_mut() };
        Ok(())
    })
}

/// Makes a moderator with the shipped lexicon, constructions and hold model, owned by the caller (it costs about
/// 20 ms: see [`kim_moderator_shared`] for one built once per process). The hold model holds a post the rules allow
/// when its P(harmful) is above its threshold (match `model-hold`, never a block); verdicts carry the rule-set
/// version `kim-default-2+hold-2026-12-06.6`. [`kim_moderator_rules_only`] makes one without it.
///
/// # Safety
///
/// `out` is a valid pointer; free the handle with [`kim_moderator_free`].
///
/// # Errors
///
/// `KIM_STATUS_NULL_POINTER`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kim_moderator_default(out: *mut *mut KimModerator) -> KimStatus {
    ffi_call!({
        check_out(out, "out")?;
        // SAFETY: `out` is valid and non-NULL.
        unsafe { write_handle(out, KimModerator(Moderator::default())) };
        Ok(())
    })
}

/// Makes a moderator with the shipped lexicon and constructions but without the hold model: the rules alone decide
/// (about twice as fast, and every hold names a rule), owned by the caller.
///
/// # Safety
///
/// `out` is a valid pointer; free the handle with [`kim_moderator_free`].
///
/// # Errors
///
/// `KIM_STATUS_NULL_POINTER`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kim_moderator_rules_only(out: *mut *mut KimModerator) -> KimStatus {
    ffi_call!({
        check_out(out, "out")?;
        let m = Moderator::rules_only();
        // SAFETY: `out` is valid and non-NULL.
        unsafe { write_handle(out, KimModerator(m)) };
        Ok(())
    })
}

/// Makes a moderator from lexicon TSV (the format of `kim-core/lexicon/default.tsv`). With `extend_builtin`
/// non-zero the entries are added to the shipped lexicon, and the moderator has the hold model as
/// [`kim_moderator_default`]; otherwise they replace it, and the TSV's rules alone decide.
///
/// # Safety
///
/// `tsv` points to `tsv_len` bytes, `version` to `version_len` bytes; `out` is a valid pointer.
///
/// # Errors
///
/// `KIM_STATUS_LEXICON` (every bad line in the message), `KIM_STATUS_INVALID_ARGUMENT` (duplicate ids),
/// `KIM_STATUS_INVALID_UTF8`, `KIM_STATUS_NULL_POINTER`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kim_moderator_from_lexicon(
    tsv: *const c_char,
    tsv_len: usize,
    version: *const c_char,
    version_len: usize,
    extend_builtin: i32,
    out: *mut *mut KimModerator,
) -> KimStatus {
    ffi_call!({
        check_out(out, "out")?;
        // SAFETY: guaranteed by the caller.
        let (tsv, version) = unsafe {
            (
                input_str(tsv, tsv_len, "tsv")?,
                input_str(version, version_len, "version")?,
            )
        };
        let m = Moderator::from_user_tsv(tsv, version, extend_builtin != 0)?;
        // SAFETY: `out` is valid and non-NULL.
        unsafe { write_handle(out, KimModerator(m)) };
        Ok(())
    })
}

/// Moderates one text. Writes the verdict: `{"schema_version":1,"decision":"allow|hold|block","categories":[…],
/// "matches":[{"start","end","category","severity","action","rule_id","reason_id","reason_en","parts"?,
/// "softened_by"?}],"fact_check":…,"lexicon_version":…,"redacted"?}`. `start`/`end` are byte offsets into the text
/// as given. `parts` (`[{"role","start","end"}]`) gives the span of each part of a construction or a targeted insult;
/// `softened_by` (`reporting`, `debunk`, `quotation`, `commerce`, ...) names the context that made a match a `flag`,
/// or brought it down from block to hold (`opposing`; `hold-model`: the hold model's second opinion, which brought a
/// block of the rules of one category down to hold, or a hold of the rules down to a flag, where it read the sentences
/// around those matches as lawful);
/// `redacted` is the text with personal data masked, present when personal data holds or blocks it. Schema:
/// `kim-ffi/schema/verdict.schema.json`.
///
/// # Safety
///
/// `moderator` is a live handle; `text` points to `text_len` bytes; `out` is a valid pointer. Free `*out` with
/// `kim_string_free`.
///
/// # Errors
///
/// `KIM_STATUS_INVALID_UTF8`, `KIM_STATUS_NULL_POINTER`, `KIM_STATUS_INPUT_TOO_LARGE`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kim_moderate(
    moderator: *const KimModerator,
    text: *const c_char,
    text_len: usize,
    out: *mut *mut c_char,
) -> KimStatus {
    ffi_call!({
        check_out(out, "out")?;
        // SAFETY: guaranteed by the caller.
        let (m, text) = unsafe {
            (
                handle(moderator, "moderator")?,
                input_str(text, text_len, "text")?,
            )
        };
        // SAFETY: `out` is valid and non-NULL.
        unsafe { write_json(out, &m.0.check(text)) }
    })
}

/// Moderates a batch given as a JSON array of strings. Writes `{"schema_version":1,"verdicts":[…]}` in order.
///
/// Threads: a batch of more than 64 KiB of text (and at least two texts) is split over the machine's cores
/// (`available_parallelism`, which honours CPU affinity and cgroup quotas): the call starts that many short-lived
/// threads, one chunk each, and joins them all before it returns; the verdicts are the same as one by one. Smaller
/// batches run on the calling thread. To stay on one thread, send batches under 64 KiB or call [`kim_moderate`]
/// per text.
///
/// # Safety
///
/// As [`kim_moderate`], with `texts_json` for `text`.
///
/// # Errors
///
/// `KIM_STATUS_JSON` (not an array of strings), and as [`kim_moderate`].
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kim_moderate_batch(
    moderator: *const KimModerator,
    texts_json: *const c_char,
    texts_len: usize,
    out: *mut *mut c_char,
) -> KimStatus {
    ffi_call!({
        check_out(out, "out")?;
        // SAFETY: guaranteed by the caller.
        let (m, json) = unsafe {
            (
                handle(moderator, "moderator")?,
                input_str(texts_json, texts_len, "texts_json")?,
            )
        };
        let texts: Vec<String> = parse_json(json, "texts_json")?;
        // SAFETY: `out` is valid and non-NULL.
        unsafe {
            write_json(
                out,
                &versioned(&Body {
                    verdicts: m.0.check_many(&texts),
                }),
            )
        }
    })
}

/// Writes `text` with every NIK, phone number and e-mail address masked (plain text, not JSON).
///
/// # Safety
///
/// `text` points to `text_len` bytes; `out` is a valid pointer. Free `*out` with `kim_string_free`.
///
/// # Errors
///
/// `KIM_STATUS_INVALID_ARGUMENT` with code `KIM-E-NUL` for a text with a NUL byte (the result is a C string;
/// `kim_moderate` takes such texts), `KIM_STATUS_INVALID_UTF8`, `KIM_STATUS_NULL_POINTER`,
/// `KIM_STATUS_INPUT_TOO_LARGE`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kim_redact(
    text: *const c_char,
    text_len: usize,
    out: *mut *mut c_char,
) -> KimStatus {
    ffi_call!({
        check_out(out, "out")?;
        // SAFETY: guaranteed by the caller.
        let text = unsafe { input_str(text, text_len, "text")? };
        // SAFETY: `out` is valid and non-NULL.
        unsafe { write_string(out, redact(text)) }
    })
}

/// Frees a moderator handle; NULL and the shared moderator ([`kim_moderator_shared`]) are ignored. Do not free
/// twice.
///
/// # Safety
///
/// `moderator` is NULL or a handle from `kim_moderator_*` not yet freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kim_moderator_free(moderator: *mut KimModerator) {
    if SHARED
        .get()
        .is_some_and(|s| std::ptr::eq(s, moderator.cast_const()))
    {
        return;
    }
    // SAFETY: guaranteed by the caller.
    unsafe { free_handle(moderator) };
}
