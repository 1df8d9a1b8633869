//! The one wrapper of every export: clear the last error, run the body under `catch_unwind`, turn `Err` or a
//! panic into a status and a message. A panic never crosses the boundary (that would abort a PHP-FPM worker).

/// Runs `$body` (a block returning `Result<(), FfiError>`) as an FFI call and returns a `KimStatus`.
macro_rules! ffi_call {
    ($body:block) => {{
        $crate::errors::clear_last_error();
        let result = ::std::panic::catch_unwind(::std::panic::AssertUnwindSafe(
            || -> ::std::result::Result<(), $crate::errors::FfiError> { $body },
        ));
        match result {
            Ok(Ok(())) => $crate::errors::KimStatus::KIM_STATUS_OK,
            Ok(Err(e)) => $crate::errors::set_last_error(e),
            Err(payload) => $crate::errors::set_panic(&*payload),
        }
    }};
}

pub(crate) use ffi_call;
