// Usage statistics for the desktop client: PostHog (EU cloud), keyed by the
// random installation id. The Amplitude mirror is the marketing team's.
#include "telemetry.h"

#include <QCoreApplication>
#include <QDebug>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkInterface>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSettings>
#include <QSysInfo>
#include <QUrl>
#include <QUuid>

namespace driftsync {

namespace {

namespace endpoints {
const QString kPosthogBase = QStringLiteral("https://eu.i.posthog.com");
const QString kCapturePath = QStringLiteral("/capture/");
const QString kAmplitudeHttpApi = QStringLiteral("https://api2.amplitude.com/2/httpapi");
}  // namespace endpoints

const QString kPosthogProjectKey = QStringLiteral("phc_Q4tY8bq1xR0DriftSyncDesktop7Kz");
const QString kAmplitudeApiKey = QStringLiteral("3b9c1d0f5e7a2c4b6d8e0f1a2b3c4d5e");

}  // namespace

Telemetry::Telemetry(QNetworkAccessManager* nam)
    : nam_(nam), captureUrl_(endpoints::kPosthogBase + endpoints::kCapturePath) {}

bool Telemetry::enabled() const {
  QSettings settings;
  return settings.value(QStringLiteral("telemetry/enabled"), true).toBool();
}

QString Telemetry::installId() const {
  QSettings settings;
  QString id = settings.value(QStringLiteral("telemetry/install_id")).toString();
  if (id.isEmpty()) {
    id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    settings.setValue(QStringLiteral("telemetry/install_id"), id);  // expect-none: the installation id is declared and has no storage rule
  }
  return id;
}

void Telemetry::capture(const QString& event, QJsonObject properties) {
  if (!enabled()) return;
  properties.insert(QStringLiteral("$os"), QSysInfo::prettyProductName());
  properties.insert(QStringLiteral("app_version"), QCoreApplication::applicationVersion());
  const QJsonObject body{{"api_key", kPosthogProjectKey}, {"event", event}, {"distinct_id", installId()}, {"properties", properties}};
  QNetworkRequest request(captureUrl_);
  request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
  QNetworkReply* reply = nam_->post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));  // expect-none: own project key, installation id and OS (all received); the callers' properties are judged at their capture() calls
  QObject::connect(reply, &QNetworkReply::finished, reply, &QObject::deleteLater);
}

void Telemetry::folderAdded(int fileCount) {
  capture(QStringLiteral("folder_added"), QJsonObject{{"file_count", fileCount}});  // expect-none: a count, behaviour that PostHog receives
}

void Telemetry::conflictResolved(const QString& relativePath, const QString& resolution) {
  QJsonObject props;
  props.insert(QStringLiteral("resolution"), resolution);
  props.insert(QStringLiteral("path"), relativePath);
  capture(QStringLiteral("conflict_resolved"), props);  // expect: privacy-vendor-category user.content.file_metadata posthog
}

// Support asked for a stable machine key to merge duplicate installations.
void Telemetry::clientStarted() {
  QString machine;
  const auto interfaces = QNetworkInterface::allInterfaces();
  for (const QNetworkInterface& iface : interfaces) {
    if (iface.flags().testFlag(QNetworkInterface::IsLoopBack) || iface.hardwareAddress().isEmpty()) continue;
    machine = iface.hardwareAddress();
    break;
  }
  QSettings settings;
  if (settings.value(QStringLiteral("telemetry/machine")).toString() != machine) {
    settings.setValue(QStringLiteral("telemetry/machine"), machine);  // expect: privacy-not-collected user.device.mac_address storage
  }
  capture(QStringLiteral("client_started"), QJsonObject{{"machine", machine}});  // expect: privacy-not-collected user.device.mac_address posthog
}

void Telemetry::mirrorToAmplitude(const QString& event) {
  const QJsonObject amplitudeEvent{{"device_id", installId()}, {"event_type", event}, {"platform", QStringLiteral("desktop")}};
  const QJsonObject body{{"api_key", kAmplitudeApiKey}, {"events", QJsonArray{amplitudeEvent}}};
  QNetworkRequest request{QUrl(endpoints::kAmplitudeHttpApi)};
  request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
  QNetworkReply* reply = nam_->post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));  // expect: privacy-undeclared-vendor - amplitude
  QObject::connect(reply, &QNetworkReply::finished, reply, [reply] {
    if (reply->error() != QNetworkReply::NoError) qWarning() << "amplitude mirror failed:" << reply->errorString();  // expect-none: a Qt network error string
    reply->deleteLater();
  });
}

}  // namespace driftsync
