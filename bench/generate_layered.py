#!/usr/bin/env python3
"""Generate a layered C++17 service for benchmarking whole-program analysis.

    python3 bench/generate_layered.py OUT_DIR [-n 500] [--seed 1]

writes about N translation units laid out as real services are: for each
feature k, a handler (src/handlers/), a service (src/services/), a client
(src/clients/) and a repository (src/repos/), each in its own .cpp with its
header, and, for every fifth feature, an implementation of the EventSink
interface (src/sinks/) that the services call through a reference. Every
flow crosses files: the handler reads a user through its repository (a
sqlite3 query whose column names the data), hands it to its service, which
configures its client with setters defined in the client's file and posts
through it, and sends an event through the interface. The policy
(privacy-policy.yaml) allows some of it (the account id to PostHog, the email
to Mailgun) and not the rest (the email to PostHog, an undeclared vendor in
a fifth of the sinks), so the analysis has findings to link across files.
Also writes compile_commands.json (absolute "directory"). The output depends
on N and the seed only, and feature k is the same whatever N.
"""
import argparse
import json
import os
import random

POLICY = """\
# privacy-policy.yaml of the layered benchmark service (bench/generate_layered.py)
version: 1
service: LayeredShop
first_party:
  hosts: [layeredshop.example, "*.layeredshop.example"]
  logs:
    allowed: [system.operations, user.unique_id]
categories:
  user.contact.email: {retention: account}
  user.name: {retention: account}
  user.unique_id: {retention: account}
  user.behavior: {retention: account}
vendors:
  posthog:
    name: PostHog
    hosts: [app.posthog.com, "*.posthog.com"]
    receives: [user.behavior, user.unique_id]
  mailgun:
    name: Mailgun
    hosts: [api.mailgun.net]
    receives: [user.contact.email, user.name]
"""

USER_H = """\
#pragma once
#include <string>
namespace shop {
struct User {
  long id = 0;
  std::string email;
  std::string name;
  std::string plan;
};
}  // namespace shop
"""

SINK_H = """\
#pragma once
#include <string>
namespace shop {
// Events leave through this interface; its implementations live in
// src/sinks/, each in its own file.
class EventSink {
 public:
  virtual ~EventSink() = default;
  virtual void send(const std::string& event) = 0;
};
EventSink& default_sink();
}  // namespace shop
"""

SINK_HOSTS = ["https://app.posthog.com/capture/", "https://api.segment.io/v1/track",
              "https://eu.posthog.com/batch/", "https://app.posthog.com/e/"]


def client(k):
    h = f"""\
#pragma once
#include <string>
namespace shop {{
// An HTTP client configured by setters (client_{k}.cpp) and used by service {k}.
class Client{k} {{
 public:
  void setBaseUrl(const std::string& url);
  void setToken(const std::string& token);
  bool post(const std::string& path, const std::string& body) const;
 private:
  std::string base_;
  std::string token_;
}};
}}  // namespace shop
"""
    cpp = f"""\
#include "clients/client_{k}.h"
#include <curl/curl.h>
#include <string>
namespace shop {{
void Client{k}::setBaseUrl(const std::string& url) {{ base_ = url; }}
void Client{k}::setToken(const std::string& token) {{ token_ = token; }}
bool Client{k}::post(const std::string& path, const std::string& body) const {{
  CURL* c = curl_easy_init();
  if (c == nullptr) return false;
  const std::string url = base_ + path;
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_POSTFIELDS, body.c_str());
  const CURLcode rc = curl_easy_perform(c);
  curl_easy_cleanup(c);
  return rc == CURLE_OK;
}}
}}  // namespace shop
"""
    return h, cpp


def repo(k, rnd):
    column = rnd.choice(["email", "contact_email", "display_name", "plan"])
    h = f"""\
#pragma once
#include <string>
#include "user.h"
namespace shop::repo{k} {{
User load(long id);
std::string read_text(const char* sql, long id);
}}  // namespace shop::repo{k}
"""
    cpp = f"""\
#include "repos/repo_{k}.h"
#include <sqlite3.h>
namespace shop::repo{k} {{
namespace {{
sqlite3* g_db = nullptr;
}}  // namespace
std::string read_text(const char* sql, long id) {{
  std::string out;
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(g_db, sql, -1, &st, nullptr) != SQLITE_OK) return out;
  sqlite3_bind_int64(st, 1, id);
  if (sqlite3_step(st) == SQLITE_ROW)
    if (const unsigned char* text = sqlite3_column_text(st, 0)) out = reinterpret_cast<const char*>(text);
  sqlite3_finalize(st);
  return out;
}}
User load(long id) {{
  User u;
  u.id = id;
  u.email = read_text("SELECT {column} FROM users_{k} WHERE id = ?1", id);
  u.name = read_text("SELECT display_name FROM users_{k} WHERE id = ?1", id);
  u.plan = read_text("SELECT plan FROM plans_{k} WHERE user_id = ?1", id);
  return u;
}}
}}  // namespace shop::repo{k}
"""
    return h, cpp


def service(k, rnd, sink_count):
    leak = rnd.random() < 0.5
    payload = ('"{\\"distinct_id\\": " + std::to_string(u.id) + ", \\"email\\": \\"" + u.email + "\\"}"'
               if leak else '"{\\"distinct_id\\": " + std::to_string(u.id) + "}"')
    h = f"""\
#pragma once
#include "user.h"
namespace shop {{
class EventSink;
namespace service{k} {{
void welcome(const User& u, EventSink& events);
void track(const User& u);
}}  // namespace service{k}
}}  // namespace shop
"""
    cpp = f"""\
#include "services/service_{k}.h"
#include "clients/client_{k}.h"
#include "event_sink.h"
#include <string>
namespace shop::service{k} {{
void welcome(const User& u, EventSink& events) {{
  Client{k} mail;
  mail.setBaseUrl("https://api.mailgun.net");
  mail.setToken("key-{k:04d}");
  const std::string form = "to=" + u.email + "&subject=Welcome%20" + u.name;
  mail.post("/v3/layeredshop.example/messages", form);
  events.send("{{\\"event\\": \\"welcome\\", \\"user\\": \\"" + u.email + "\\"}}");
}}
void track(const User& u) {{
  Client{k} analytics;
  analytics.setBaseUrl("https://app.posthog.com");
  const std::string body = {payload};
  analytics.post("/capture/", body);
}}
}}  // namespace shop::service{k}
"""
    return h, cpp


def handler(k):
    h = f"""\
#pragma once
namespace shop::handler{k} {{
void on_signup(long id);
}}  // namespace shop::handler{k}
"""
    cpp = f"""\
#include "handlers/handler_{k}.h"
#include "event_sink.h"
#include "repos/repo_{k}.h"
#include "services/service_{k}.h"
#include <cstdio>
namespace shop::handler{k} {{
void on_signup(long id) {{
  const User u = repo{k}::load(id);
  std::fprintf(stderr, "signup %ld\\n", u.id);
  service{k}::welcome(u, default_sink());
  service{k}::track(u);
}}
}}  // namespace shop::handler{k}
"""
    return h, cpp


def sink(k, index):
    host = SINK_HOSTS[index % len(SINK_HOSTS)]
    cpp = f"""\
#include "event_sink.h"
#include <curl/curl.h>
namespace shop {{
class Sink{k} : public EventSink {{
 public:
  void send(const std::string& event) override {{
    CURL* c = curl_easy_init();
    if (c == nullptr) return;
    curl_easy_setopt(c, CURLOPT_URL, "{host}");
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, event.c_str());
    curl_easy_perform(c);
    curl_easy_cleanup(c);
  }}
}};
{"EventSink& default_sink() { static Sink" + str(k) + " s; return s; }" if index == 0 else "void keep_sink_" + str(k) + "() { static Sink" + str(k) + " s; (void)s; }"}
}}  // namespace shop
"""
    return cpp


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out_dir")
    ap.add_argument("-n", "--tus", type=int, default=500, help="translation units (about; default 500)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--compiler", default="clang++")
    args = ap.parse_args()
    out = os.path.abspath(args.out_dir)
    # Four files per feature, and a sink for every fifth: 4.2 per feature.
    features = max(1, round(args.tus / 4.2))
    files = {"privacy-policy.yaml": POLICY, "src/user.h": USER_H, "src/event_sink.h": SINK_H}
    sink_index = 0
    for k in range(features):
        rnd = random.Random(f"{args.seed}-{k}")
        for folder, (h, cpp) in (("clients", client(k)), ("repos", repo(k, rnd)),
                                 ("services", service(k, rnd, 0)), ("handlers", handler(k))):
            stem = {"clients": "client", "repos": "repo", "services": "service",
                    "handlers": "handler"}[folder]
            files[f"src/{folder}/{stem}_{k}.h"] = h
            files[f"src/{folder}/{stem}_{k}.cpp"] = cpp
        if k % 5 == 0:
            files[f"src/sinks/sink_{k}.cpp"] = sink(k, sink_index)
            sink_index += 1
    entries = []
    for path, text in sorted(files.items()):
        full = os.path.join(out, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w") as f:
            f.write(text)
        if path.endswith(".cpp"):
            entries.append({"directory": out, "file": path,
                            "arguments": [args.compiler, "-std=c++17", "-Isrc", "-c", path,
                                          "-o", path[:-4] + ".o"]})
    with open(os.path.join(out, "compile_commands.json"), "w") as f:
        json.dump(entries, f, indent=1)
    print(f"{len(entries)} translation units in {out}")


if __name__ == "__main__":
    main()
