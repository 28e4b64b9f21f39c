/*
 * sentry-native (subset)
 *
 * The declarations MixLens uses from sentry-native's public header
 * (https://github.com/getsentry/sentry-native, include/sentry.h). Vendored
 * here because Debian ships no sentry-native package; the library itself is
 * linked from the build image.
 */
#ifndef SENTRY_H_INCLUDED
#define SENTRY_H_INCLUDED

#ifdef __cplusplus
extern "C" {
#endif

#include <stddef.h>
#include <stdint.h>

#ifndef SENTRY_API
#if __GNUC__ >= 4
#define SENTRY_API __attribute__((visibility("default")))
#else
#define SENTRY_API
#endif
#endif

#define SENTRY_SDK_NAME "sentry.native"
#define SENTRY_SDK_VERSION "0.7.6"

/* Values -------------------------------------------------------------------- */

union sentry_value_u {
    uint64_t _bits;
    double _double;
};
typedef union sentry_value_u sentry_value_t;

SENTRY_API void sentry_value_decref(sentry_value_t value);
SENTRY_API sentry_value_t sentry_value_new_null(void);
SENTRY_API sentry_value_t sentry_value_new_int32(int32_t value);
SENTRY_API sentry_value_t sentry_value_new_double(double value);
SENTRY_API sentry_value_t sentry_value_new_bool(int value);
SENTRY_API sentry_value_t sentry_value_new_string(const char *value);
SENTRY_API sentry_value_t sentry_value_new_list(void);
SENTRY_API sentry_value_t sentry_value_new_object(void);
SENTRY_API int sentry_value_append(sentry_value_t value, sentry_value_t v);
SENTRY_API int sentry_value_set_by_key(
    sentry_value_t value, const char *k, sentry_value_t v);

/* Events -------------------------------------------------------------------- */

typedef enum sentry_level_e {
    SENTRY_LEVEL_DEBUG = -1,
    SENTRY_LEVEL_INFO = 0,
    SENTRY_LEVEL_WARNING = 1,
    SENTRY_LEVEL_ERROR = 2,
    SENTRY_LEVEL_FATAL = 3,
} sentry_level_t;

typedef struct sentry_uuid_s {
    char bytes[16];
} sentry_uuid_t;

SENTRY_API sentry_value_t sentry_value_new_event(void);
SENTRY_API sentry_value_t sentry_value_new_message_event(
    sentry_level_t level, const char *logger, const char *text);
SENTRY_API sentry_value_t sentry_value_new_breadcrumb(
    const char *type, const char *message);
SENTRY_API sentry_value_t sentry_value_new_exception(
    const char *type, const char *value);
SENTRY_API void sentry_event_add_exception(
    sentry_value_t event, sentry_value_t exception);

/* Options and lifecycle ------------------------------------------------------ */

struct sentry_options_s;
typedef struct sentry_options_s sentry_options_t;

SENTRY_API sentry_options_t *sentry_options_new(void);
SENTRY_API void sentry_options_set_dsn(sentry_options_t *opts, const char *dsn);
SENTRY_API void sentry_options_set_release(
    sentry_options_t *opts, const char *release);
SENTRY_API void sentry_options_set_environment(
    sentry_options_t *opts, const char *environment);
SENTRY_API void sentry_options_set_sample_rate(
    sentry_options_t *opts, double sample_rate);
SENTRY_API void sentry_options_set_debug(sentry_options_t *opts, int debug);
SENTRY_API int sentry_init(sentry_options_t *options);
SENTRY_API int sentry_close(void);

/* Scope ---------------------------------------------------------------------- */

SENTRY_API sentry_uuid_t sentry_capture_event(sentry_value_t event);
SENTRY_API void sentry_add_breadcrumb(sentry_value_t breadcrumb);
SENTRY_API void sentry_set_user(sentry_value_t user);
SENTRY_API void sentry_remove_user(void);
SENTRY_API void sentry_set_tag(const char *key, const char *value);
SENTRY_API void sentry_remove_tag(const char *key);
SENTRY_API void sentry_set_extra(const char *key, sentry_value_t value);
SENTRY_API void sentry_set_context(const char *key, sentry_value_t value);
SENTRY_API void sentry_set_level(sentry_level_t level);
SENTRY_API void sentry_set_transaction(const char *transaction);

#ifdef __cplusplus
}
#endif
#endif
