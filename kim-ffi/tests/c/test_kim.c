/* C tests of the kim ABI: every function, success and error paths, everything freed.
 * Built by scripts/test-all.sh with -std=c11 -Wall -Wextra -Wpedantic -Werror and AddressSanitizer, then run
 * again under valgrind. Usage: test_kim <path to examples/data> */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kim.h"
#include "read_file.h"

static int failures = 0;
static int checks = 0;

#define CHECK(cond, what)                                                  \
  do {                                                                     \
    checks++;                                                              \
    if (!(cond)) {                                                         \
      failures++;                                                          \
      fprintf(stderr, "FAIL %s:%d: %s\n", __FILE__, __LINE__, what);       \
    }                                                                      \
  } while (0)

static char *last_error(void) {
  size_t n = kim_last_error_message(NULL, 0);
  char *buf = malloc(n > 0 ? n : 1);
  if (n == 0) {
    buf[0] = 0;
    return buf;
  }
  size_t again = kim_last_error_message(buf, n);
  CHECK(again == n, "kim_last_error_message returns the same length twice");
  return buf;
}

static char *last_code(void) {
  size_t n = kim_last_error_code(NULL, 0);
  char *buf = malloc(n > 0 ? n : 1);
  buf[0] = 0;
  if (n > 0) kim_last_error_code(buf, n);
  return buf;
}

static void expect_error(kim_status got, kim_status want, const char *code, const char *what) {
  CHECK(got == want, what);
  char *c = last_code();
  CHECK(strcmp(c, code) == 0, code);
  char *m = last_error();
  CHECK(strlen(m) > 0, "an error has a message");
  free(c);
  free(m);
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: %s <examples/data>\n", argv[0]);
    return 2;
  }
  const char *data = argv[1];

  /* Versions. */
  CHECK(kim_abi_version() == 1, "ABI version 1");
  CHECK(strlen(kim_version()) > 0, "version string");
  CHECK(kim_last_error_message(NULL, 0) == 0, "no error before any call");

  /* NULL safety everywhere. */
  expect_error(kim_reference_embedded(NULL), KIM_STATUS_NULL_POINTER, "KIM-E-NULL", "NULL out");
  char *out = NULL;
  expect_error(kim_moderate(NULL, "x", 1, &out), KIM_STATUS_NULL_POINTER, "KIM-E-NULL", "NULL moderator");
  CHECK(out == NULL, "out untouched on failure");
  kim_reference_free(NULL);
  kim_registry_free(NULL);
  kim_profiles_free(NULL);
  kim_moderator_free(NULL);
  kim_string_free(NULL);
  CHECK(kim_registry_len(NULL) == 0, "len of NULL");

  /* Reference. */
  kim_reference *ref = NULL;
  CHECK(kim_reference_embedded(&ref) == KIM_STATUS_OK && ref != NULL, "embedded reference");
  CHECK(kim_last_error_message(NULL, 0) == 0, "a successful call clears the last error");
  CHECK(kim_reference_lookup(ref, "64.02", 5, &out) == KIM_STATUS_OK, "lookup 64.02");
  CHECK(out && strstr(out, "\"name\":\"Kabupaten Kutai Kartanegara\"") && strstr(out, "\"kecamatan\":20"), "Kukar has 20 kecamatan");
  kim_string_free(out);
  out = NULL;
  expect_error(kim_reference_lookup(ref, "64.02.99.9999", 13, &out), KIM_STATUS_INVALID_CODE, "KIM-E-CODE", "bad code");
  expect_error(kim_reference_lookup(ref, "64.02.01.2999", 13, &out), KIM_STATUS_INVALID_CODE, "KIM-E-NOT-IN-LIST", "absent code");
  const char bad_utf8[] = {'6', '4', (char)0xff};
  expect_error(kim_reference_lookup(ref, bad_utf8, 3, &out), KIM_STATUS_INVALID_UTF8, "KIM-E-UTF8", "invalid UTF-8");
  CHECK(out == NULL, "out untouched on failure");

  const char *csv = "code,name\n64,Kaltim\n64.02,Kab Kukar\n64.02.01,Muara Muntai\n64.02.01.2001,Perian\n";
  kim_reference *mine = NULL;
  CHECK(kim_reference_from_csv(csv, strlen(csv), "mine", 4, &mine) == KIM_STATUS_OK, "reference from CSV");
  kim_reference_free(mine);
  const char *bad_csv = "code,name\n64.0x,Rusak\n";
  mine = NULL;
  expect_error(kim_reference_from_csv(bad_csv, strlen(bad_csv), "v", 1, &mine), KIM_STATUS_REFERENCE, "KIM-E-REFERENCE", "bad CSV row");
  char *m = last_error();
  CHECK(strstr(m, "line 2, field `code`") != NULL, "the message names line and field");
  free(m);
  CHECK(mine == NULL, "no handle on failure");
  expect_error(kim_reference_from_path("/nonexistent.csv", 16, "v", 1, &mine), KIM_STATUS_IO, "KIM-E-IO", "missing file");

  /* Registry. */
  size_t json_len = 0;
  char *json = read_file(data, "kim_sample.json", &json_len);
  kim_registry *reg = NULL;
  CHECK(kim_registry_from_json(json, json_len, &reg) == KIM_STATUS_OK, "registry from JSON");
  CHECK(kim_registry_len(reg) == 40, "40 sample KIMs");
  CHECK(kim_registry_to_json(reg, 1, &out) == KIM_STATUS_OK && strstr(out, "**********") != NULL, "log JSON masks NIKs");
  kim_string_free(out);
  CHECK(kim_registry_to_json(reg, 0, &out) == KIM_STATUS_OK && strstr(out, "\"schema_version\":1") != NULL, "data JSON");
  kim_string_free(out);
  kim_registry *broken = NULL;
  expect_error(kim_registry_from_json(json, json_len / 2, &broken), KIM_STATUS_JSON, "KIM-E-JSON", "truncated JSON");
  expect_error(kim_registry_from_json("[1,2]", 5, &broken), KIM_STATUS_JSON, "KIM-E-JSON", "wrong JSON type");
  CHECK(broken == NULL, "no handle on failure");

  size_t legacy_len = 0, members_len = 0;
  char *legacy = read_file(data, "kim_legacy.csv", &legacy_len);
  char *members = read_file(data, "kim_legacy_members.csv", &members_len);
  kim_registry *imported = NULL;
  char *report = NULL;
  CHECK(kim_registry_from_csv(legacy, legacy_len, members, members_len, ref, &imported, &report) == KIM_STATUS_OK, "CSV import");
  CHECK(report && strstr(report, "\"rows_in\":14") && strstr(report, "\"rejected\":2"), "rows in = accepted + rejected");
  CHECK(kim_registry_len(imported) == 12, "12 KIMs accepted");
  kim_string_free(report);
  kim_registry_free(imported);

  /* CSV options: a `;` file with Indonesian headers and a month-first date; bad options are errors. */
  const char *excel = "ID KIM;Nama KIM;Kode Wilayah;Status;Tgl Status\nK1;KIM A;64.02.01.2001;active;07/25/2022\n";
  const char *month_first = "{\"delimiter\": \";\", \"dayfirst\": false, \"max_errors\": 5}";
  CHECK(kim_registry_from_csv_with(excel, strlen(excel), NULL, 0, NULL, month_first, strlen(month_first), &imported,
                                   &report) == KIM_STATUS_OK, "CSV import with options");
  CHECK(kim_registry_len(imported) == 1 && strstr(report, "\"delimiter\":\";\"") && strstr(report, "\"encoding\":\"utf-8\""),
        "options used and reported");
  kim_string_free(report);
  kim_registry_free(imported);
  imported = NULL;
  CHECK(kim_registry_from_csv_with(excel, strlen(excel), NULL, 0, NULL, NULL, 0, &imported, &report) == KIM_STATUS_OK &&
            strstr(report, "dayfirst set to false") && kim_registry_len(imported) == 0,
        "an ambiguous date is rejected with the option named");
  kim_string_free(report);
  kim_registry_free(imported);
  imported = NULL;
  expect_error(kim_registry_from_csv_with(excel, strlen(excel), NULL, 0, NULL, "{\"encoding\": \"ebcdic\"}", 22, &imported, &report),
               KIM_STATUS_INVALID_ARGUMENT, "KIM-E-ARGUMENT", "unknown encoding");
  expect_error(kim_registry_from_csv_with(excel, strlen(excel), NULL, 0, NULL, "{\"sep\": \";\"}", 12, &imported, &report),
               KIM_STATUS_JSON, "KIM-E-JSON", "unknown option");
  CHECK(imported == NULL, "no handle on failure");

  /* Profiles and validation. */
  kim_profiles *profiles = NULL;
  CHECK(kim_profiles_builtin(&profiles) == KIM_STATUS_OK, "built-in profiles");
  CHECK(kim_profiles_list(profiles, &out) == KIM_STATUS_OK && strstr(out, "permenkominfo-4-2024"), "list profiles");
  kim_string_free(out);
  const char *overlay =
      "{\"schema_version\":1,\"id\":\"overlay-c-test\",\"version\":\"1\",\"title\":\"t\",\"instrument\":\"i\",\"kind\":\"overlay\","
      "\"region\":\"64.02\",\"rules\":[]}";
  CHECK(kim_profiles_load_json(profiles, overlay, strlen(overlay)) == KIM_STATUS_OK, "load overlay");
  expect_error(kim_profiles_load_json(profiles, overlay, strlen(overlay)), KIM_STATUS_PROFILE, "KIM-E-PROFILE", "duplicate overlay");

  const char *kim = "{\"id\":\"K1\",\"name\":\"KIM Baru\",\"seat\":\"64.02.01\"}";
  const char *opts = "{\"as_of\":\"2025-06-30\"}";
  CHECK(kim_validate_kim(profiles, ref, kim, strlen(kim), opts, strlen(opts), &out) == KIM_STATUS_OK, "validate one KIM");
  CHECK(out && strstr(out, "\"ok\":false") && strstr(out, "KIM-F2-LEVEL") && strstr(out, "KIM-F3-MISSING"), "findings");
  kim_string_free(out);
  CHECK(kim_validate_kim(profiles, ref, kim, strlen(kim), NULL, 0, &out) == KIM_STATUS_OK, "options are optional");
  kim_string_free(out);
  const char *bad_opts = "{\"as_of\":\"2024-02-30\"}";
  expect_error(kim_validate_kim(profiles, ref, kim, strlen(kim), bad_opts, strlen(bad_opts), &out), KIM_STATUS_JSON, "KIM-E-JSON", "impossible date");
  /* Issue 14: a bad member NIK names the member and the field, never "line 0, column 0". */
  const char *bad_member =
      "{\"id\":\"K1\",\"name\":\"KIM\",\"seat\":\"64.02.01.2001\",\"members\":[{\"id\":\"m2\",\"name\":\"Budi\",\"nik\":\"640201410190001\"}]}";
  expect_error(kim_validate_kim(profiles, ref, bad_member, strlen(bad_member), opts, strlen(opts), &out), KIM_STATUS_JSON, "KIM-E-JSON", "bad member NIK");
  {
    char *m = last_error();
    CHECK(m && strncmp(m, "members[m2].nik: ", 17) == 0 && !strstr(m, "640201410190001"), "error names members[m2].nik, masked");
    free(m);
  }
  /* Legacy issuer and occupation text: imported, kept and reported as findings. */
  const char *legacy_kim =
      "{\"id\":\"K1\",\"name\":\"KIM\",\"seat\":\"64.02.01.2001\",\"sk\":{\"number\":\"1/2023\",\"date\":\"2023-01-01\",\"issuer\":\"Ketua RT\"},"
      "\"members\":[{\"id\":\"m1\",\"name\":\"Siti\",\"occupation\":\"guru\"}]}";
  CHECK(kim_validate_kim(profiles, ref, legacy_kim, strlen(legacy_kim), opts, strlen(opts), &out) == KIM_STATUS_OK, "legacy values validate");
  CHECK(out && strstr(out, "KIM-LEGACY-ISSUER") && strstr(out, "KIM-LEGACY-OCCUPATION") && strstr(out, "members[m1].occupation"), "legacy findings");
  kim_string_free(out);
  /* One text rule: a zero-width space in an id is an error naming the field. */
  const char *zw = "{\"id\":\"K1\u200b\",\"name\":\"KIM\",\"seat\":\"64.02.01.2001\"}";
  expect_error(kim_validate_kim(profiles, ref, zw, strlen(zw), opts, strlen(opts), &out), KIM_STATUS_JSON, "KIM-E-JSON", "zero-width space in id");
  {
    char *m = last_error();
    CHECK(m && strncmp(m, "id: ", 4) == 0 && strstr(m, "KIM-E-TEXT"), "error names id and KIM-E-TEXT");
    free(m);
  }
  const char *old = "{\"as_of\":\"2009-01-01\"}";
  expect_error(kim_validate_kim(profiles, ref, kim, strlen(kim), old, strlen(old), &out), KIM_STATUS_PROFILE, "KIM-E-NO-PROFILE", "no profile in 2009");
  CHECK(kim_validate_registry(profiles, ref, reg, opts, strlen(opts), &out) == KIM_STATUS_OK, "validate registry");
  CHECK(out && strstr(out, "\"reports\":[") && strstr(out, "KIM-L-6402-NO-PNS"), "registry reports");
  kim_string_free(out);

  /* Coverage and gaps. */
  const char *cov = "{\"as_of\":\"2025-06-30\",\"level\":\"kecamatan\",\"within\":\"64.02\"}";
  CHECK(kim_coverage(reg, ref, cov, strlen(cov), &out) == KIM_STATUS_OK, "coverage");
  CHECK(out && strstr(out, "\"villages_with_kim\":{\"desa\":27,\"kelurahan\":5,\"desa_adat\":0,\"total\":32}"), "32 villages covered");
  kim_string_free(out);
  CHECK(kim_gaps(reg, ref, cov, strlen(cov), &out) == KIM_STATUS_OK && strstr(out, "\"kecamatan\":[{\"code\":\"64.02.04\""), "gaps");
  kim_string_free(out);
  const char *bad_cov = "{\"within\":\"64.02\",\"level\":\"provinsi\"}";
  expect_error(kim_coverage(reg, ref, bad_cov, strlen(bad_cov), &out), KIM_STATUS_INVALID_ARGUMENT, "KIM-E-ARGUMENT", "level above within");
  const char *typo = "{\"levle\":\"desa\"}";
  expect_error(kim_coverage(reg, ref, typo, strlen(typo), &out), KIM_STATUS_JSON, "KIM-E-JSON", "unknown option");

  /* Moderation. */
  kim_moderator *mod = NULL;
  CHECK(kim_moderator_default(&mod) == KIM_STATUS_OK, "moderator");
  const char *post = "Slot gacor maxwin, NIK 6402014101900001";
  CHECK(kim_moderate(mod, post, strlen(post), &out) == KIM_STATUS_OK, "moderate");
  CHECK(out && strstr(out, "\"decision\":\"block\"") && !strstr(out, "6402014101900001"), "blocked, NIK not echoed");
  kim_string_free(out);
  const char *batch = "[\"Gotong royong di pantai\", \"VIRAL SEBELUM DIHAPUS! sebarkan!\"]";
  CHECK(kim_moderate_batch(mod, batch, strlen(batch), &out) == KIM_STATUS_OK, "batch");
  CHECK(out && strstr(out, "\"decision\":\"allow\"") && strstr(out, "\"fact_check\":true"), "batch verdicts");
  kim_string_free(out);
  expect_error(kim_moderate_batch(mod, "[1]", 3, &out), KIM_STATUS_JSON, "KIM-E-JSON", "batch of non-strings");
  CHECK(kim_redact(post, strlen(post), &out) == KIM_STATUS_OK && strstr(out, "6402**********01"), "redact");
  kim_string_free(out);
  /* The default moderator has the hold model: a calm health hoax that no rule names is held for a fact-check; the
     rules alone allow it. */
  const char *calm = "Kabarnya air sumur di tiga dusun sudah tercemar limbah pabrik, warga disuruh berhenti minum, sebarkan ke grup.";
  CHECK(kim_moderate(mod, calm, strlen(calm), &out) == KIM_STATUS_OK, "moderate calm hoax");
  CHECK(out && strstr(out, "\"decision\":\"hold\"") && strstr(out, "\"rule_id\":\"model-hold\"") &&
            strstr(out, "\"fact_check\":true") && strstr(out, "\"lexicon_version\":\"kim-default-2+hold-2026-12-06.6\""),
        "held by the model");
  kim_string_free(out);
  kim_moderator *rules = NULL;
  CHECK(kim_moderator_rules_only(&rules) == KIM_STATUS_OK, "rules-only moderator");
  CHECK(kim_moderate(rules, calm, strlen(calm), &out) == KIM_STATUS_OK, "moderate with the rules alone");
  CHECK(out && strstr(out, "\"decision\":\"allow\"") && strstr(out, "\"lexicon_version\":\"kim-default-2\""), "rules alone allow");
  kim_string_free(out);
  kim_moderator_free(rules);
  CHECK(kim_moderator_rules_only(NULL) == KIM_STATUS_NULL_POINTER, "rules_only(NULL)");
  const char *lex = "lokal-1\tkasar\tmedium\thold\tphrase\tkurang ajar\n";
  kim_moderator *own = NULL;
  CHECK(kim_moderator_from_lexicon(lex, strlen(lex), "lokal", 5, 1, &own) == KIM_STATUS_OK, "extended lexicon");
  kim_moderator_free(own);
  own = NULL;
  expect_error(kim_moderator_from_lexicon("x\tnope\n", 7, "v", 1, 0, &own), KIM_STATUS_LEXICON, "KIM-E-LEXICON", "bad lexicon");
  CHECK(own == NULL, "no handle on failure");

  /* Deep JSON nesting is an error, not a crash. */
  size_t depth = 100000;
  char *deep = malloc(depth * 2 + 1);
  for (size_t i = 0; i < depth; i++) deep[i] = '[';
  for (size_t i = 0; i < depth; i++) deep[depth + i] = ']';
  deep[depth * 2] = 0;
  expect_error(kim_moderate_batch(mod, deep, depth * 2, &out), KIM_STATUS_JSON, "KIM-E-JSON", "deep nesting");
  free(deep);

  /* A too-small buffer gets nothing written and the needed size back. */
  char small[4] = {'x', 'x', 'x', 'x'};
  size_t need = kim_last_error_message(small, sizeof small);
  CHECK(need > sizeof small && small[0] == 'x', "small buffer untouched");

  kim_moderator_free(mod);
  kim_profiles_free(profiles);
  kim_registry_free(reg);
  kim_reference_free(ref);
  free(json);
  free(legacy);
  free(members);

  printf("%d passed, %d failed\n", checks - failures, failures);
  return failures == 0 ? 0 : 1;
}
