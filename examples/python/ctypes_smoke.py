"""Smoke test of the kim C ABI from Python's ctypes (no build step, no dependencies).

python3 examples/python/ctypes_smoke.py target/debug/libkim_ffi.so
"""

import ctypes
import json
import sys

lib = ctypes.CDLL(sys.argv[1] if len(sys.argv) > 1 else "libkim_ffi.so")
lib.kim_version.restype = ctypes.c_char_p
lib.kim_abi_version.restype = ctypes.c_uint32
lib.kim_last_error_message.restype = ctypes.c_size_t
lib.kim_last_error_message.argtypes = [ctypes.c_char_p, ctypes.c_size_t]
lib.kim_last_error_code.restype = ctypes.c_size_t
lib.kim_last_error_code.argtypes = [ctypes.c_char_p, ctypes.c_size_t]
lib.kim_string_free.argtypes = [ctypes.c_void_p]
for name in ("kim_reference_free", "kim_registry_free", "kim_moderator_free"):
    getattr(lib, name).argtypes = [ctypes.c_void_p]

passed = failed = 0


def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print("FAIL:", what, file=sys.stderr)


def last_error():
    n = lib.kim_last_error_code(None, 0)
    code = ctypes.create_string_buffer(n)
    lib.kim_last_error_code(code, n)
    n = lib.kim_last_error_message(None, 0)
    msg = ctypes.create_string_buffer(n)
    lib.kim_last_error_message(msg, n)
    return code.value.decode(), msg.value.decode()


def take_json(fn, *args):
    out = ctypes.c_void_p()
    status = fn(*args, ctypes.byref(out))
    if status != 0:
        return status, last_error()
    try:
        return 0, json.loads(ctypes.string_at(out.value).decode("utf-8"))
    finally:
        lib.kim_string_free(out)


check(lib.kim_abi_version() == 1, "ABI version")
check(lib.kim_version().decode() != "", "version")

ref = ctypes.c_void_p()
check(lib.kim_reference_embedded(ctypes.byref(ref)) == 0, "embedded reference")
status, v = take_json(lib.kim_reference_lookup, ref, b"64.02", 5)
check(
    status == 0 and v["counts"]["kecamatan"] == 20 and v["counts"]["kelurahan"] + v["counts"]["desa"] == 237,
    "Kukar counts",
)
status, err = take_json(lib.kim_reference_lookup, ref, b"64.0", 4)
check(status == 100 and err[0] == "KIM-E-CODE", "invalid code status 100")

mod = ctypes.c_void_p()
check(lib.kim_moderator_default(ctypes.byref(mod)) == 0, "moderator")
text = b"Slot gacor maxwin!"
status, verdict = take_json(lib.kim_moderate, mod, text, len(text))
check(status == 0 and verdict["decision"] == "block" and "perjudian" in verdict["categories"], "verdict")
bad = b"\xff\xfe"
status, err = take_json(lib.kim_moderate, mod, bad, len(bad))
check(status == 2 and err[0] == "KIM-E-UTF8", "invalid UTF-8 status 2")
status, err = take_json(lib.kim_moderate, None, text, len(text))
check(status == 1 and err[0] == "KIM-E-NULL", "NULL handle status 1")

with open("examples/data/kim_sample.json", "rb") as f:
    data = f.read()
reg = ctypes.c_void_p()
check(lib.kim_registry_from_json(data, len(data), ctypes.byref(reg)) == 0, "registry")
opts = json.dumps({"as_of": "2025-06-30", "within": "64.02"}).encode()
status, cov = take_json(lib.kim_coverage, reg, ref, opts, len(opts))
check(status == 0 and cov["total"]["villages_with_kim"]["total"] == 32 and len(cov["rows"]) == 20, "Kukar coverage")

lib.kim_registry_free(reg)
lib.kim_moderator_free(mod)
lib.kim_reference_free(ref)
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
