// Crash and sync-failure reports, posted to Sentry's store endpoint. The
// desktop client does not bundle sentry-native; events are built by hand.
#include <QCoreApplication>
#include <QDateTime>
#include <QDebug>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSettings>
#include <QStringList>
#include <QSysInfo>
#include <QUrl>
#include <QUrlQuery>
#include <QUuid>

namespace driftsync {

namespace {
constexpr const char* kSentryStoreUrl = "https://o271828.ingest.sentry.io/api/4504123/store/";
constexpr const char* kSentryPublicKey = "9d3f2a71c6b84e0f9a5d1c2b3e4f5a6b";
}  // namespace

class CrashReporter {
 public:
  explicit CrashReporter(QNetworkAccessManager* nam) : nam_(nam) {
    QUrl url(QString::fromLatin1(kSentryStoreUrl));
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("sentry_version"), QStringLiteral("7"));
    query.addQueryItem(QStringLiteral("sentry_client"), QStringLiteral("driftsync-desktop/1.0"));
    query.addQueryItem(QStringLiteral("sentry_key"), QString::fromLatin1(kSentryPublicKey));
    url.setQuery(query);
    storeUrl_ = url;
  }

  void reportCrash(const QString& signalName, const QStringList& frames) {
    QJsonObject event = baseEvent(QStringLiteral("fatal"));
    event.insert(QStringLiteral("message"), QStringLiteral("crashed with ") + signalName);
    event.insert(QStringLiteral("extra"), QJsonObject{{"frames", QJsonArray::fromStringList(frames)}});
    send(event);  // expect-none: OS, CPU architecture and a stack trace, all in Sentry's receives
  }

  // Sync failures are grouped per account so support can find them.
  void reportSyncFailure(const QString& stage, int httpStatus) {
    QSettings settings;
    const QString accountEmail = settings.value(QStringLiteral("account/email")).toString();
    QJsonObject event = baseEvent(QStringLiteral("error"));
    event.insert(QStringLiteral("message"), QStringLiteral("sync failed at %1 (HTTP %2)").arg(stage).arg(httpStatus));
    event.insert(QStringLiteral("user"), QJsonObject{{"email", accountEmail}});
    send(event);  // expect: privacy-vendor-category user.contact.email sentry
  }

  void reportUploadFailure(const QString& relativePath, const QString& errorText) {
    QJsonObject event = baseEvent(QStringLiteral("warning"));
    event.insert(QStringLiteral("message"), QStringLiteral("chunk upload failed"));
    event.insert(QStringLiteral("extra"), QJsonObject{{"file", relativePath}, {"error", errorText}});
    send(event);  // expect: privacy-vendor-category user.content.file_metadata sentry
  }

 private:
  static QJsonObject baseEvent(const QString& level) {
    const QJsonObject os{{"name", QSysInfo::productType()}, {"version", QSysInfo::productVersion()}, {"kernel_version", QSysInfo::kernelVersion()}};
    const QJsonObject device{{"arch", QSysInfo::currentCpuArchitecture()}};
    return QJsonObject{
        {"event_id", QUuid::createUuid().toString(QUuid::Id128)},
        {"timestamp", QDateTime::currentDateTimeUtc().toString(Qt::ISODate)},
        {"level", level},
        {"platform", "native"},
        {"release", QStringLiteral("driftsync-desktop@") + QCoreApplication::applicationVersion()},
        {"contexts", QJsonObject{{"os", os}, {"device", device}}},
    };
  }

  void send(const QJsonObject& event) {
    QNetworkRequest request(storeUrl_);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    QNetworkReply* reply = nam_->post(request, QJsonDocument(event).toJson(QJsonDocument::Compact));  // expect-none: the URL's sentry_key is DriftSync's own DSN key (system.authentication); the event is judged at each send() call
    QObject::connect(reply, &QNetworkReply::finished, reply, [reply] {
      if (reply->error() != QNetworkReply::NoError) qWarning() << "crash report not delivered:" << reply->error();  // expect-none: a network error code only
      reply->deleteLater();
    });
  }

  QNetworkAccessManager* nam_;
  QUrl storeUrl_;
};

CrashReporter* installCrashReporting(QNetworkAccessManager* nam) {
  static CrashReporter reporter(nam);
  qDebug() << "crash reporting enabled on" << QSysInfo::prettyProductName() << QSysInfo::currentCpuArchitecture();  // expect: privacy-log-exposure user.device.hardware log
  return &reporter;
}

}  // namespace driftsync
