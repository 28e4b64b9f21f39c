#pragma once
#include <QJsonObject>
#include <QString>
#include <QUrl>

class QNetworkAccessManager;

namespace driftsync {

class Telemetry {
 public:
  explicit Telemetry(QNetworkAccessManager* nam);

  void folderAdded(int fileCount);
  void conflictResolved(const QString& relativePath, const QString& resolution);
  void clientStarted();
  void mirrorToAmplitude(const QString& event);

 private:
  bool enabled() const;
  QString installId() const;
  void capture(const QString& event, QJsonObject properties);

  QNetworkAccessManager* nam_;
  QUrl captureUrl_;
};

}  // namespace driftsync
