/*===--- policycheck/annotations.h - Privacy annotations for C and C++ ----===*
 *
 * Marks, in a code base's own source, what policycheck cannot infer: that a
 * field, variable, parameter or function result holds a category of personal
 * data; that a function is a sink (to a vendor, to storage, to a log, to the
 * URL in one of its arguments) and which arguments carry data; that a function
 * hashes, encrypts or anonymizes; that a duration constant is a category's
 * retention. Anything a policy's `code:` section can say, these can say.
 *
 * The macros expand to [[clang::annotate("policycheck:...")]] under Clang and to
 * nothing elsewhere, so the header is safe in any build. Place them where a
 * C++ attribute goes: before a declaration, or after a variable's name.
 *
 *   struct Account {
 *     std::string handle PRIVACY_DATA("user.account.username");
 *     std::string notes  PRIVACY_NOT_PERSONAL;   // named like data, is not
 *   };
 *   PRIVACY_DATA("user.device.ip_address") std::string client_ip(const Request&);
 *   PRIVACY_SINK_VENDOR_ARGS("posthog", "1") void track(Client&, const Event&);
 *   PRIVACY_SINK_STORAGE void cache_put(const std::string& key, const std::string& value);
 *   PRIVACY_SINK_URL(0) Response post(const std::string& url, const std::string& body);
 *   PRIVACY_TRANSFORM_DIGEST std::string sha256_hex(const std::string& input);
 *   PRIVACY_RETENTION("user.content.audio") constexpr auto kAudioTtl = std::chrono::hours(720);
 *
 *===----------------------------------------------------------------------===*/
#ifndef POLICYCHECK_ANNOTATIONS_H
#define POLICYCHECK_ANNOTATIONS_H

#if defined(__clang__) && defined(__has_cpp_attribute)
#if __has_cpp_attribute(clang::annotate)
#define POLICYCHECK_ANNOTATE(text) [[clang::annotate(text)]]
#endif
#endif
#ifndef POLICYCHECK_ANNOTATE
#define POLICYCHECK_ANNOTATE(text)
#endif

/* What a declaration holds or a function returns. */
#define PRIVACY_DATA(category) POLICYCHECK_ANNOTATE("policycheck:data:" category)
/* The escape hatch: a declaration named like personal data that holds none. */
#define PRIVACY_NOT_PERSONAL POLICYCHECK_ANNOTATE("policycheck:not_personal")

/* Sinks. `args` is a string of argument positions counted from 0: "1" or "1,2". */
#define PRIVACY_SINK_VENDOR(vendor) POLICYCHECK_ANNOTATE("policycheck:sink:vendor=" vendor)
#define PRIVACY_SINK_VENDOR_ARGS(vendor, args) \
  POLICYCHECK_ANNOTATE("policycheck:sink:vendor=" vendor ";arguments=" args)
#define PRIVACY_SINK_STORAGE POLICYCHECK_ANNOTATE("policycheck:sink:kind=storage")
#define PRIVACY_SINK_STORAGE_ARGS(args) \
  POLICYCHECK_ANNOTATE("policycheck:sink:kind=storage;arguments=" args)
#define PRIVACY_SINK_LOG POLICYCHECK_ANNOTATE("policycheck:sink:kind=log")
#define PRIVACY_SINK_LOG_ARGS(args) \
  POLICYCHECK_ANNOTATE("policycheck:sink:kind=log;arguments=" args)
/* A generic HTTP wrapper: the destination is the URL in argument `index`. */
#define PRIVACY_SINK_URL(index) POLICYCHECK_ANNOTATE("policycheck:sink:url_argument=" #index)

/* Transforms. */
#define PRIVACY_TRANSFORM_HASHED POLICYCHECK_ANNOTATE("policycheck:transform:hashed")
/* Hashes with a known strength, for the policy's `hash:` promise. */
#define PRIVACY_TRANSFORM_PASSWORD_HASH POLICYCHECK_ANNOTATE("policycheck:transform:hashed:password")
#define PRIVACY_TRANSFORM_DIGEST POLICYCHECK_ANNOTATE("policycheck:transform:hashed:digest")
#define PRIVACY_TRANSFORM_WEAK_HASH POLICYCHECK_ANNOTATE("policycheck:transform:hashed:weak")
#define PRIVACY_TRANSFORM_ENCRYPTED POLICYCHECK_ANNOTATE("policycheck:transform:encrypted")
#define PRIVACY_TRANSFORM_ANONYMIZED POLICYCHECK_ANNOTATE("policycheck:transform:anonymized")

/* A duration constant (std::chrono or seconds) that is a category's retention. */
#define PRIVACY_RETENTION(category) POLICYCHECK_ANNOTATE("policycheck:retention:" category)

#endif /* POLICYCHECK_ANNOTATIONS_H */
