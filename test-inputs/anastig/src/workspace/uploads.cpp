// Anastig: image uploads and dataset exports to object storage.
//
// "Object storage — your chosen S3-compatible bucket or our managed bucket for
// image and export storage." Objects are PUT with AWS Signature V4 (unsigned
// payload) straight over libcurl; MinIO, Ceph RGW and R2 accept the same.
#include "models.h"
#include "net/curl_client.h"
#include "settings.h"

#include <fmt/core.h>
#include <libpq-fe.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>
#include <sodium.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <ctime>
#include <fstream>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace anastig::media {
// In libanastig-media (the libexif wrapper shared with the thumbnailer):
// "lat,lon" from the EXIF GPS block, when the camera wrote one.
std::optional<std::string> geotag(const std::string& image_bytes);
}  // namespace anastig::media

namespace anastig::workspace {

namespace {

std::string to_hex(const unsigned char* data, size_t len) {
  std::string out(2 * len + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), data, len);
  out.pop_back();
  return out;
}

std::string hmac_sha256(const std::string& key, const std::string& data) {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), mac, &len);
  return std::string(reinterpret_cast<const char*>(mac), len);
}

std::string sha256_hex(const std::string& data) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest);
  return to_hex(digest, sizeof digest);
}

std::string host_of(const std::string& endpoint) {
  const auto scheme = endpoint.find("://");
  return scheme == std::string::npos ? endpoint : endpoint.substr(scheme + 3);
}

// Adds the x-amz-* and Authorization headers of an AWS SigV4 PUT. Every
// header in `headers` that starts with "x-amz-" is signed, as S3 requires.
void add_sigv4(std::vector<std::string>& headers, const std::string& endpoint, const std::string& path,
               const std::string& region, const std::string& access_key_id, const std::string& s3_secret_key) {
  char amz_date[17];
  char date_stamp[9];
  const std::time_t now = std::time(nullptr);
  std::strftime(amz_date, sizeof amz_date, "%Y%m%dT%H%M%SZ", std::gmtime(&now));
  std::strftime(date_stamp, sizeof date_stamp, "%Y%m%d", std::gmtime(&now));

  std::map<std::string, std::string> signed_headers = {
      {"host", host_of(endpoint)}, {"x-amz-content-sha256", "UNSIGNED-PAYLOAD"}, {"x-amz-date", amz_date}};
  for (const std::string& header : headers) {
    if (header.rfind("x-amz-", 0) == 0) {
      const auto colon = header.find(':');
      signed_headers[header.substr(0, colon)] = header.substr(colon + 2);
    }
  }
  std::string canonical_headers, signed_names;
  for (const auto& [name, value] : signed_headers) {
    canonical_headers += name + ":" + value + "\n";
    signed_names += (signed_names.empty() ? "" : ";") + name;
  }
  const std::string canonical_request =
      "PUT\n" + path + "\n\n" + canonical_headers + "\n" + signed_names + "\nUNSIGNED-PAYLOAD";
  const std::string scope = std::string(date_stamp) + "/" + region + "/s3/aws4_request";
  const std::string string_to_sign =
      std::string("AWS4-HMAC-SHA256\n") + amz_date + "\n" + scope + "\n" + sha256_hex(canonical_request);
  const std::string k_date = hmac_sha256("AWS4" + s3_secret_key, date_stamp);
  const std::string k_signing = hmac_sha256(hmac_sha256(hmac_sha256(k_date, region), "s3"), "aws4_request");
  const std::string mac = hmac_sha256(k_signing, string_to_sign);

  headers.push_back("x-amz-content-sha256: UNSIGNED-PAYLOAD");
  headers.push_back(std::string("x-amz-date: ") + amz_date);
  headers.push_back(fmt::format("Authorization: AWS4-HMAC-SHA256 Credential={}/{}, SignedHeaders={}, Signature={}",
                                access_key_id, scope, signed_names,
                                to_hex(reinterpret_cast<const unsigned char*>(mac.data()), mac.size())));
}

std::string object_name(const std::string& filename) {
  unsigned char raw[12];
  randombytes_buf(raw, sizeof raw);
  const auto dot = filename.rfind('.');
  std::string ext = dot == std::string::npos ? "" : filename.substr(dot);
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  return to_hex(raw, sizeof raw) + ext;
}

}  // namespace

class Uploads {
 public:
  Uploads(net::Client& http, PGconn* db, const settings::Settings& s)
      : http_(http), db_(db), access_key_id_(s.s3_access_key_id), s3_secret_key_(s.s3_secret_key) {}

  void upload_image(const Workspace& ws, const ImageUpload& upload, const Account& uploader) {
    const std::string object_key =
        fmt::format("ws/{}/projects/{}/images/{}", ws.id, upload.project_id, object_name(upload.filename));
    std::vector<std::string> headers = {"Content-Type: " + upload.content_type,
                                        "x-amz-meta-uploaded-by: " + uploader.email};
    net::HttpResult result;
    if (ws.byo_bucket) {
      const ByoBucket& bucket = *ws.byo_bucket;
      const std::string path = "/" + bucket.bucket + "/" + object_key;
      add_sigv4(headers, bucket.endpoint, path, bucket.region, bucket.access_key_id, bucket.secret_access_key);
      result = http_.put(bucket.endpoint + path, upload.image_bytes, headers);  // expect-none
    } else {
      const std::string path = "/" + settings::s3_bucket() + "/" + object_key;
      add_sigv4(headers, settings::s3_endpoint(), path, settings::s3_region(), access_key_id_, s3_secret_key_);
      result = http_.put(settings::s3_endpoint() + path, upload.image_bytes, headers);  // expect: privacy-vendor-category user.contact.email object_storage
    }
    if (!result.ok()) {
      spdlog::error("upload: workspace {} object {} failed: HTTP {} {}", ws.id, object_key, result.status, result.error);  // expect-none
      return;
    }

    const std::string workspace = std::to_string(ws.id);
    const std::string project = std::to_string(upload.project_id);
    const std::string uploaded_by = std::to_string(uploader.id);
    const std::string size = std::to_string(upload.image_bytes.size());
    const char* params[6] = {workspace.c_str(), project.c_str(), object_key.c_str(),
                             upload.filename.c_str(), size.c_str(), uploaded_by.c_str()};
    PGresult* row = PQexecParams(db_,  // expect-none
                                 "INSERT INTO workspace_image (workspace_id, project_id, object_key, filename, "
                                 "size_bytes, uploaded_by, created_at) VALUES ($1::bigint, $2::bigint, $3, $4, "
                                 "$5::bigint, $6::bigint, now()) RETURNING id",
                                 6, nullptr, params, nullptr, nullptr, 0);
    const std::string image_id = PQntuples(row) == 1 ? PQgetvalue(row, 0, 0) : "";
    PQclear(row);

    // Shown on the image's detail panel ("where was this taken").
    if (const std::optional<std::string> geotag = media::geotag(upload.image_bytes)) {
      const char* geo_params[2] = {geotag->c_str(), image_id.c_str()};
      PQclear(PQexecParams(db_, "UPDATE workspace_image SET geotag = $1 WHERE id = $2::bigint",  // expect: privacy-not-collected user.location.precise storage
                           2, nullptr, geo_params, nullptr, nullptr, 0));
    }
  }

  void upload_export(const Workspace& ws, const DatasetExport& dataset_export) {
    // Spooled first, so that the export worker can retry a failed upload.
    const std::string spool_path = fmt::format("/var/spool/anastig/exports/ws{}-p{}.zip", ws.id, dataset_export.project_id);
    std::ofstream spool(spool_path, std::ios::binary);
    spool << dataset_export.export_file;  // expect-none
    spool.close();

    const std::string object_key = fmt::format("ws/{}/exports/{}-{}-{}.zip", ws.id, dataset_export.project_id,
                                               dataset_export.format, std::time(nullptr));
    const std::string path = "/" + settings::s3_bucket() + "/" + object_key;
    std::vector<std::string> headers = {"Content-Type: application/zip"};
    add_sigv4(headers, settings::s3_endpoint(), path, settings::s3_region(), access_key_id_, s3_secret_key_);
    const net::HttpResult result = http_.put(settings::s3_endpoint() + path, dataset_export.export_file, headers);  // expect-none
    spdlog::info("export: workspace {} project {}: {} images, {} labels, HTTP {}", ws.id, dataset_export.project_id,  // expect-none
                 dataset_export.image_count, dataset_export.label_count, result.status);
  }

 private:
  net::Client& http_;
  PGconn* db_;
  std::string access_key_id_;
  std::string s3_secret_key_;
};

}  // namespace anastig::workspace
