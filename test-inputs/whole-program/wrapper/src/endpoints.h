// Vendor endpoints, as constants shared by net.cpp and its callers.
#pragma once

namespace tb::endpoints {

inline constexpr const char* kPosthogCapture = "https://us.i.posthog.com/capture/";
inline constexpr const char* kMailgunMessages = "https://api.mailgun.net/v3/mg.tallybird.app/messages";
inline constexpr const char* kSegmentTrack = "https://api.segment.io/v1/track";
inline constexpr const char* kAmplitudeHttp = "https://api2.amplitude.com/2/httpapi";

}  // namespace tb::endpoints
