/* Concurrency (issue #7): one reference, registry, profile set and moderator handle shared by 8 threads that
 * validate, compute coverage and gaps, moderate, redact and look up at the same time. Every result must equal the
 * single-threaded one, and the last error stays on the thread that caused it.
 *
 * Issue 23: a ninth thread loads profiles into the same profile set meanwhile (kim_profiles_load_json guards the set
 * with a lock). The overlays it loads govern region 91.01, so the validations of the Kutai Kartanegara sample give
 * the same results before, during and after; every load succeeds once, a second load of an id is an error.
 *
 *   test_threads <examples/data>
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kim.h"
#include "read_file.h"

#define THREADS 8
#define ROUNDS 12
#define CALLS 6

#define LOADS 40

typedef struct {
  const kim_reference *ref;
  const kim_registry *reg;
  kim_profiles *profiles;
  const kim_moderator *mod;
} shared_t;

typedef struct {
  const shared_t *s;
  int id;
  char *results[CALLS];
  int errors;
} job_t;

static const char *OPTS = "{\"as_of\":\"2025-06-30\"}";
static const char *COV = "{\"as_of\":\"2025-06-30\",\"level\":\"kecamatan\",\"within\":\"64.02\"}";
static const char *BATCH =
    "[\"Posyandu Desa Perian dibuka Sabtu pukul 08.00.\",\"Slot gacor maxwin hari ini!\","
    "\"VIRAL SEBELUM DIHAPUS! sebarkan!\",\"Hubungi 0812-3456-7890, NIK 6402014101900001\"]";
static const char *POST = "Hubungi 0812-3456-7890 atau NIK 6402014101900001, slot gacor";

/* Runs call `k` and returns its output (owned by kim), or NULL on failure. */
static char *call(const shared_t *s, int k) {
  char *out = NULL;
  kim_status st = KIM_STATUS_OK;
  switch (k) {
    case 0: st = kim_validate_registry(s->profiles, s->ref, s->reg, OPTS, strlen(OPTS), &out); break;
    case 1: st = kim_coverage(s->reg, s->ref, COV, strlen(COV), &out); break;
    case 2: st = kim_gaps(s->reg, s->ref, COV, strlen(COV), &out); break;
    case 3: st = kim_moderate_batch(s->mod, BATCH, strlen(BATCH), &out); break;
    case 4: st = kim_redact(POST, strlen(POST), &out); break;
    default: st = kim_reference_lookup(s->ref, "64.02", 5, &out); break;
  }
  return st == KIM_STATUS_OK ? out : NULL;
}

static void *run(void *arg) {
  job_t *job = arg;
  for (int round = 0; round < ROUNDS; round++) {
    for (int j = 0; j < CALLS; j++) {
      int k = (j + job->id + round) % CALLS; /* each thread walks the calls in another order */
      char *out = call(job->s, k);
      if (!out) {
        job->errors++;
        continue;
      }
      if (job->results[k] == NULL) {
        job->results[k] = out;
      } else {
        if (strcmp(out, job->results[k]) != 0) job->errors++;
        kim_string_free(out);
      }
    }
    /* An error on this thread is this thread's own: its message names this thread's input. */
    char code[16];
    int n = snprintf(code, sizeof code, "64.0%d.x", job->id % 10);
    char *out = NULL;
    if (kim_reference_lookup(job->s->ref, code, (size_t)n, &out) != KIM_STATUS_INVALID_CODE) job->errors++;
    char msg[512];
    size_t len = kim_last_error_message(msg, sizeof msg);
    if (len == 0 || len >= sizeof msg || strstr(msg, code) == NULL) job->errors++;
  }
  return NULL;
}

/* Writes the JSON of overlay `i` (region 91.01) to `buf`; returns its length. */
static int overlay(char *buf, size_t size, int i) {
  return snprintf(buf, size,
                  "{\"schema_version\":1,\"id\":\"overlay-test-%d\",\"version\":\"1\",\"title\":\"t\","
                  "\"instrument\":\"test\",\"kind\":\"overlay\",\"region\":\"91.01\",\"rules\":[{\"code\":"
                  "\"KIM-L-TEST-%d\",\"severity\":\"error\",\"check\":{\"kind\":\"member_count\",\"min\":3,"
                  "\"max\":8},\"citation\":{\"instrument\":\"test\",\"tag\":\"L\"},\"message\":{\"id\":"
                  "\"{count}\",\"en\":\"{count}\"}}]}",
                  i, i);
}

/* Loads LOADS overlays into the shared set while the other threads validate with it; each id loads once. */
static void *load(void *arg) {
  job_t *job = arg;
  char buf[1024];
  for (int i = 0; i < LOADS; i++) {
    int n = overlay(buf, sizeof buf, i);
    if (n <= 0 || (size_t)n >= sizeof buf) {
      job->errors++;
      continue;
    }
    if (kim_profiles_load_json(job->s->profiles, buf, (size_t)n) != KIM_STATUS_OK) job->errors++;
    if (kim_profiles_load_json(job->s->profiles, buf, (size_t)n) != KIM_STATUS_PROFILE) job->errors++;
    char *list = NULL;
    if (kim_profiles_list(job->s->profiles, &list) != KIM_STATUS_OK) {
      job->errors++;
      continue;
    }
    char id[64];
    snprintf(id, sizeof id, "\"overlay-test-%d\"", i);
    if (strstr(list, id) == NULL) job->errors++;
    kim_string_free(list);
  }
  return NULL;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: %s <examples/data>\n", argv[0]);
    return 2;
  }
  size_t json_len = 0;
  char *json = read_file(argv[1], "kim_sample.json", &json_len);
  kim_reference *ref = NULL;
  kim_registry *reg = NULL;
  kim_profiles *profiles = NULL;
  kim_moderator *mod = NULL;
  if (kim_reference_embedded(&ref) || kim_registry_from_json(json, json_len, &reg) || kim_profiles_builtin(&profiles) ||
      kim_moderator_default(&mod)) {
    fprintf(stderr, "cannot create the handles\n");
    return 2;
  }
  free(json);
  shared_t s = {ref, reg, profiles, mod};

  /* The single-threaded results. */
  char *expected[CALLS];
  for (int k = 0; k < CALLS; k++) {
    expected[k] = call(&s, k);
    if (!expected[k]) {
      fprintf(stderr, "call %d fails single-threaded\n", k);
      return 1;
    }
  }

  job_t jobs[THREADS];
  pthread_t threads[THREADS];
  memset(jobs, 0, sizeof jobs);
  job_t loader = {.s = &s, .id = THREADS};
  pthread_t loader_thread;
  if (pthread_create(&loader_thread, NULL, load, &loader) != 0) return 2;
  for (int t = 0; t < THREADS; t++) {
    jobs[t].s = &s;
    jobs[t].id = t;
    if (pthread_create(&threads[t], NULL, run, &jobs[t]) != 0) return 2;
  }
  int failures = 0, compared = 0;
  pthread_join(loader_thread, NULL);
  if (loader.errors) fprintf(stderr, "loading profiles while others validate: %d errors\n", loader.errors);
  failures += loader.errors;
  for (int t = 0; t < THREADS; t++) {
    pthread_join(threads[t], NULL);
    failures += jobs[t].errors;
    for (int k = 0; k < CALLS; k++) {
      if (!jobs[t].results[k] || strcmp(jobs[t].results[k], expected[k]) != 0) {
        fprintf(stderr, "thread %d, call %d: result differs from the single-threaded one\n", t, k);
        failures++;
      }
      compared++;
      kim_string_free(jobs[t].results[k]);
    }
  }
  /* After the loads: the same validation result, and every loaded overlay listed. */
  char *after = call(&s, 0);
  if (!after || strcmp(after, expected[0]) != 0) {
    fprintf(stderr, "validation after the loads differs\n");
    failures++;
  }
  kim_string_free(after);
  char *list = NULL;
  if (kim_profiles_list(profiles, &list) != KIM_STATUS_OK || strstr(list, "\"overlay-test-39\"") == NULL) failures++;
  kim_string_free(list);
  for (int k = 0; k < CALLS; k++) kim_string_free(expected[k]);
  kim_moderator_free(mod);
  kim_profiles_free(profiles);
  kim_registry_free(reg);
  kim_reference_free(ref);
  printf("%d threads x %d rounds x %d calls and %d profile loads: %d results compared, %d failures\n", THREADS, ROUNDS,
         CALLS, LOADS, compared, failures);
  return failures == 0 ? 0 : 1;
}
