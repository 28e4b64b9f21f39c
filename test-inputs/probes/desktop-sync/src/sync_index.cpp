// The local sync index (SQLite through QtSql) and the chunk uploader that
// sends changed files to DriftSync's storage API.
#include <QByteArray>
#include <QCryptographicHash>
#include <QDebug>
#include <QFile>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QString>
#include <QUrl>
#include <QUrlQuery>
#include <QVariant>

namespace driftsync {

namespace storage_api {
const QString kBase = QStringLiteral("https://files.driftsync.io");
const QString kChunksPath = QStringLiteral("/v2/chunks");
constexpr qint64 kChunkSize = 4 * 1024 * 1024;
}  // namespace storage_api

class SyncIndex {
 public:
  SyncIndex() {
    db_ = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("sync-index"));
    db_.setDatabaseName(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/index.sqlite"));
    if (!db_.open()) qWarning() << "sync index unavailable:" << db_.lastError().text();  // expect-none: a database error message
    QSqlQuery(db_).exec(QStringLiteral("CREATE TABLE IF NOT EXISTS entries (relative_path TEXT PRIMARY KEY, size INTEGER, sha256 TEXT, synced_at INTEGER)"));
  }

  bool upsert(const QString& relativePath, qint64 size, const QByteArray& sha256) {
    QSqlQuery query(db_);
    query.prepare(QStringLiteral("INSERT OR REPLACE INTO entries (relative_path, size, sha256, synced_at) VALUES (:path, :size, :sha, strftime('%s','now'))"));
    query.bindValue(QStringLiteral(":path"), relativePath);  // expect-none: file paths are declared (user.content.file_metadata) and have no storage rule
    query.bindValue(QStringLiteral(":size"), size);
    query.bindValue(QStringLiteral(":sha"), QString::fromLatin1(sha256.toHex()));
    if (!query.exec()) {
      qWarning() << "index upsert failed for" << relativePath << query.lastError().text();  // expect: privacy-log-exposure user.content.file_metadata log
      return false;
    }
    return true;
  }

  int count() {
    QSqlQuery query(db_);
    return query.exec(QStringLiteral("SELECT count(*) FROM entries")) && query.next() ? query.value(0).toInt() : 0;
  }

 private:
  QSqlDatabase db_;
};

class ChunkUploader {
 public:
  ChunkUploader(QNetworkAccessManager* nam, SyncIndex* index) : nam_(nam), index_(index) {}

  void uploadFile(const QString& syncRoot, const QString& relativePath, const QString& accessToken) {
    QFile file(syncRoot + QLatin1Char('/') + relativePath);
    if (!file.open(QIODevice::ReadOnly)) {
      qWarning() << "cannot open a file for upload, error" << file.error();  // expect-none: an error code only, no path
      return;
    }
    QCryptographicHash whole(QCryptographicHash::Sha256);
    qint64 offset = 0;
    while (!file.atEnd()) {
      const QByteArray chunkData = file.read(storage_api::kChunkSize);
      whole.addData(chunkData);
      QUrl url(storage_api::kBase + storage_api::kChunksPath);
      QUrlQuery query;
      query.addQueryItem(QStringLiteral("path"), relativePath);
      query.addQueryItem(QStringLiteral("offset"), QString::number(offset));
      url.setQuery(query);
      QNetworkRequest request(url);
      request.setRawHeader("Authorization", "Bearer " + accessToken.toUtf8());
      request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/octet-stream"));
      QNetworkReply* reply = nam_->put(request, chunkData);  // expect-none: file contents and path to files.driftsync.io, a first-party host
      QObject::connect(reply, &QNetworkReply::finished, reply, &QObject::deleteLater);
      offset += chunkData.size();
    }
    index_->upsert(relativePath, offset, whole.result());
    qDebug() << "uploaded" << offset << "bytes;" << index_->count() << "files in index";  // expect-none: byte and file counts only
  }

 private:
  QNetworkAccessManager* nam_;
  SyncIndex* index_;
};

}  // namespace driftsync
