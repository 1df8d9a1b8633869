#define FFI_SCOPE "KIM"
#define FFI_LIB "libkim_ffi.so"



typedef enum {
  KIM_STATUS_OK = 0,
  KIM_STATUS_NULL_POINTER = 1,
  KIM_STATUS_INVALID_UTF8 = 2,
  KIM_STATUS_INPUT_TOO_LARGE = 3,
  KIM_STATUS_RESULT_TOO_LARGE = 4,
  KIM_STATUS_PANIC = 99,
  KIM_STATUS_INVALID_CODE = 100,
  KIM_STATUS_INVALID_NIK = 101,
  KIM_STATUS_REFERENCE = 102,
  KIM_STATUS_LEXICON = 103,
  KIM_STATUS_CSV = 104,
  KIM_STATUS_JSON = 105,
  KIM_STATUS_IO = 106,
  KIM_STATUS_PROFILE = 107,
  KIM_STATUS_REGISTRY = 108,
  KIM_STATUS_TRANSITION = 109,
  KIM_STATUS_INVALID_ARGUMENT = 110,
} kim_status;

typedef struct kim_moderator kim_moderator;

typedef struct kim_profiles kim_profiles;

typedef struct kim_reference kim_reference;

typedef struct kim_registry kim_registry;

const char *kim_version(void);

uint32_t kim_abi_version(void);

void kim_string_free(char *s);

kim_status kim_ahp(const char *request_json, size_t request_len, char **out);

kim_status kim_mapping_report(const kim_registry *registry,
                              const kim_reference *reference,
                              const char *request_json,
                              size_t request_len,
                              char **out);

kim_status kim_mapping_reports_province(const kim_registry *registry,
                                        const kim_reference *reference,
                                        const char *request_json,
                                        size_t request_len,
                                        char **out);

kim_status kim_assess(const kim_registry *registry,
                      const kim_profiles *profiles,
                      const kim_reference *reference,
                      const char *request_json,
                      size_t request_len,
                      char **out);

kim_status kim_coverage(const kim_registry *registry,
                        const kim_reference *reference,
                        const char *options_json,
                        size_t options_len,
                        char **out);

kim_status kim_gaps(const kim_registry *registry,
                    const kim_reference *reference,
                    const char *options_json,
                    size_t options_len,
                    char **out);

kim_status kim_coverage_series(const kim_registry *registry,
                               const kim_reference *reference,
                               const char *options_json,
                               size_t options_len,
                               char **out);

kim_status kim_coverage_target(const kim_registry *registry,
                               const kim_reference *reference,
                               const char *options_json,
                               size_t options_len,
                               char **out);

kim_status kim_reference_denominators(const kim_reference *reference,
                                      const char *code,
                                      size_t code_len,
                                      char **out);

size_t kim_last_error_message(char *buf, size_t len);

size_t kim_last_error_code(char *buf, size_t len);

size_t kim_last_error_needed(void);

kim_status kim_forum_check(const char *forums_json,
                           size_t forums_len,
                           const kim_registry *registry,
                           const kim_reference *reference,
                           const char *options_json,
                           size_t options_len,
                           char **out);

kim_status kim_forum_metrics(const char *forums_json,
                             size_t forums_len,
                             const kim_registry *registry,
                             const kim_reference *reference,
                             const char *options_json,
                             size_t options_len,
                             char **out);

kim_status kim_pembinaan_report(const char *pembinaan_json,
                                size_t pembinaan_len,
                                const kim_registry *registry,
                                const kim_reference *reference,
                                const char *options_json,
                                size_t options_len,
                                char **out);

kim_status kim_pembinaan_from_csv(const char *activities,
                                  size_t activities_len,
                                  const char *attendance,
                                  size_t attendance_len,
                                  const char *pembinaan_json,
                                  size_t pembinaan_len,
                                  const kim_registry *registry,
                                  const char *options_json,
                                  size_t options_len,
                                  char **out_json,
                                  char **out_report);

kim_status kim_coverage_geojson(const kim_registry *registry,
                                const kim_reference *reference,
                                const char *options_json,
                                size_t options_len,
                                char **out);

size_t kim_set_max_result_bytes(size_t max_bytes);

size_t kim_string_len(const char *s);

kim_status kim_moderator_shared(kim_moderator **out);

kim_status kim_moderator_default(kim_moderator **out);

kim_status kim_moderator_rules_only(kim_moderator **out);

kim_status kim_moderator_from_lexicon(const char *tsv,
                                      size_t tsv_len,
                                      const char *version,
                                      size_t version_len,
                                      int32_t extend_builtin,
                                      kim_moderator **out);

kim_status kim_moderate(const kim_moderator *moderator,
                        const char *text,
                        size_t text_len,
                        char **out);

kim_status kim_moderate_batch(const kim_moderator *moderator,
                              const char *texts_json,
                              size_t texts_len,
                              char **out);

kim_status kim_redact(const char *text, size_t text_len, char **out);

void kim_moderator_free(kim_moderator *moderator);

kim_status kim_registry_from_json(const char *json, size_t json_len, kim_registry **out);

kim_status kim_registry_from_csv(const char *kims,
                                 size_t kims_len,
                                 const char *members,
                                 size_t members_len,
                                 const kim_reference *reference,
                                 kim_registry **out,
                                 char **out_report);

kim_status kim_registry_from_csv_with(const char *kims,
                                      size_t kims_len,
                                      const char *members,
                                      size_t members_len,
                                      const kim_reference *reference,
                                      const char *options_json,
                                      size_t options_len,
                                      kim_registry **out,
                                      char **out_report);

size_t kim_registry_len(const kim_registry *registry);

kim_status kim_registry_to_json(const kim_registry *registry, int32_t for_logs, char **out);

void kim_registry_free(kim_registry *registry);

kim_status kim_review_open(const char *request_json, size_t request_len, char **out);

kim_status kim_review_decide(const char *case_json,
                             size_t case_len,
                             const char *step_json,
                             size_t step_len,
                             char **out);

kim_status kim_review_appeal(const char *case_json,
                             size_t case_len,
                             const char *step_json,
                             size_t step_len,
                             char **out);

kim_status kim_review_resolve(const char *case_json,
                              size_t case_len,
                              const char *step_json,
                              size_t step_len,
                              char **out);

kim_status kim_review_close(const char *case_json,
                            size_t case_len,
                            const char *step_json,
                            size_t step_len,
                            char **out);

kim_status kim_review_overdue(const char *request_json, size_t request_len, char **out);

kim_status kim_profiles_builtin(kim_profiles **out);

kim_status kim_profiles_load_json(kim_profiles *profiles, const char *json, size_t json_len);

kim_status kim_profiles_list(const kim_profiles *profiles, char **out);

kim_status kim_validate_kim(const kim_profiles *profiles,
                            const kim_reference *reference,
                            const char *kim_json,
                            size_t kim_json_len,
                            const char *options_json,
                            size_t options_len,
                            char **out);

kim_status kim_validate_registry(const kim_profiles *profiles,
                                 const kim_reference *reference,
                                 const kim_registry *registry,
                                 const char *options_json,
                                 size_t options_len,
                                 char **out);

void kim_profiles_free(kim_profiles *profiles);

kim_status kim_code_list_versions(char **out);

kim_status kim_code_list_in_force(const char *date_iso, size_t date_len, char **out);

kim_status kim_code_list_diff(const char *from,
                              size_t from_len,
                              const char *to,
                              size_t to_len,
                              char **out);

kim_status kim_code_list_crosswalk(const char *from,
                                   size_t from_len,
                                   const char *to,
                                   size_t to_len,
                                   const char *codes_json,
                                   size_t codes_len,
                                   char **out);

kim_status kim_coverage_by_date(const kim_registry *registry,
                                const char *options_json,
                                size_t options_len,
                                const char *code_list,
                                size_t code_list_len,
                                char **out);

kim_status kim_gaps_by_date(const kim_registry *registry,
                            const char *options_json,
                            size_t options_len,
                            const char *code_list,
                            size_t code_list_len,
                            char **out);

kim_status kim_coverage_series_by_date(const kim_registry *registry,
                                       const char *options_json,
                                       size_t options_len,
                                       const char *code_list,
                                       size_t code_list_len,
                                       char **out);

kim_status kim_registry_migrate_codes(const kim_registry *registry,
                                      const char *from,
                                      size_t from_len,
                                      const char *to,
                                      size_t to_len,
                                      kim_registry **out,
                                      char **out_report);

kim_status kim_reference_shared(kim_reference **out);

kim_status kim_reference_embedded(kim_reference **out);

kim_status kim_reference_from_csv(const char *csv,
                                  size_t csv_len,
                                  const char *version,
                                  size_t version_len,
                                  kim_reference **out);

kim_status kim_reference_from_path(const char *path,
                                   size_t path_len,
                                   const char *version,
                                   size_t version_len,
                                   kim_reference **out);

kim_status kim_reference_lookup(const kim_reference *reference,
                                const char *code,
                                size_t code_len,
                                char **out);

size_t kim_reference_len(const kim_reference *reference);

kim_status kim_reference_children(const kim_reference *reference,
                                  const char *code,
                                  size_t code_len,
                                  char **out);

kim_status kim_reference_resolve(const kim_reference *reference,
                                 const char *request_json,
                                 size_t request_len,
                                 char **out);

kim_status kim_reference_match_name(const kim_reference *reference,
                                    const char *name,
                                    size_t name_len,
                                    const char *options_json,
                                    size_t options_len,
                                    char **out);

void kim_reference_free(kim_reference *reference);
