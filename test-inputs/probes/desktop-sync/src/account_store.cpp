// Sign-in and the locally kept account state (QSettings). The refresh token is
// sealed with a key held in the system keychain before it touches the disk.
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <QByteArray>
#include <QDateTime>
#include <QDebug>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSettings>
#include <QString>
#include <QUrl>

#include <chrono>

namespace driftsync {

namespace crypto {

// AES-256-GCM: iv (12) || ciphertext || tag (16).
QByteArray sealForKeychain(const QByteArray& plaintext, const QByteArray& key) {
  QByteArray out(12 + plaintext.size() + 16, '\0');
  auto* buf = reinterpret_cast<unsigned char*>(out.data());
  RAND_bytes(buf, 12);
  EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
  int len = 0;
  int fin = 0;
  EVP_EncryptInit_ex(ctx, EVP_aes_256_gcm(), nullptr, reinterpret_cast<const unsigned char*>(key.constData()), buf);
  EVP_EncryptUpdate(ctx, buf + 12, &len, reinterpret_cast<const unsigned char*>(plaintext.constData()), plaintext.size());
  EVP_EncryptFinal_ex(ctx, buf + 12 + len, &fin);
  EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, 16, buf + 12 + len + fin);
  EVP_CIPHER_CTX_free(ctx);
  return out;
}

}  // namespace crypto

namespace session {
// How long the app stays signed in without asking for the password again.
constexpr std::chrono::seconds kRefreshTokenMaxAge{90 * 24 * 3600};  // expect: privacy-retention user.authorization.credentials.refresh_token -
}  // namespace session

namespace {
const QString kAuthUrl = QStringLiteral("https://api.driftsync.io/v1/auth/token");
}  // namespace

class AccountStore {
 public:
  AccountStore(QNetworkAccessManager* nam, QByteArray keychainKey) : nam_(nam), keychainKey_(std::move(keychainKey)) {}

  void signIn(const QString& email, const QString& password) {
    qDebug() << "signing in as" << email;  // expect: privacy-log-exposure user.contact.email log
    const QJsonObject body{{"grant_type", "password"}, {"email", email}, {"password", password}, {"client", "desktop"}};
    QNetworkRequest request{QUrl(kAuthUrl)};
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    QNetworkReply* reply = nam_->post(request, QJsonDocument(body).toJson());  // expect-none: api.driftsync.io is a first-party host
    QObject::connect(reply, &QNetworkReply::finished, reply, [this, reply, email, password] {
      reply->deleteLater();
      if (reply->error() == QNetworkReply::HostNotFoundError || reply->error() == QNetworkReply::TimeoutError) {
        // Offline: retry automatically once the network is back.
        settings_.setValue(QStringLiteral("pending/email"), email);
        settings_.setValue(QStringLiteral("pending/password"), password);  // expect: privacy-storage-protection user.authorization.password storage
        return;
      }
      const QJsonObject tokens = QJsonDocument::fromJson(reply->readAll()).object();
      saveSession(email, tokens.value(QStringLiteral("refresh_token")).toString());
    });
  }

  void saveSession(const QString& email, const QString& refreshToken) {
    settings_.setValue(QStringLiteral("account/email"), email);  // expect-none: the account email is declared and has no storage rule
    const QByteArray sealed = crypto::sealForKeychain(refreshToken.toUtf8(), keychainKey_);
    settings_.setValue(QStringLiteral("account/refresh_token"), sealed.toBase64());  // expect-none: sealed with crypto::sealForKeychain (an encrypted transform), as storage: encrypted asks
    settings_.setValue(QStringLiteral("account/saved_at"), QDateTime::currentSecsSinceEpoch());
    settings_.remove(QStringLiteral("pending"));
    qDebug() << "session saved; token sealed," << sealed.size() << "bytes";  // expect-none: a byte count only
  }

  // 1.x kept its settings in DriftSync.ini under a different organisation.
  void migrateFromV1() {
    QSettings legacy(QSettings::IniFormat, QSettings::UserScope, QStringLiteral("Drift"), QStringLiteral("DriftSync"));
    const QString refreshToken = legacy.value(QStringLiteral("Auth/RefreshToken")).toString();
    if (refreshToken.isEmpty()) return;
    // Keep the old value around until the keychain migration has been confirmed.
    settings_.setValue(QStringLiteral("migration/v1_refresh_token"), refreshToken);  // expect: privacy-storage-protection user.authorization.credentials.refresh_token storage
    saveSession(legacy.value(QStringLiteral("Auth/Email")).toString(), refreshToken);
  }

 private:
  QNetworkAccessManager* nam_;
  QByteArray keychainKey_;
  QSettings settings_;
};

AccountStore* createAccountStore(QNetworkAccessManager* nam, const QByteArray& keychainKey) {
  return new AccountStore(nam, keychainKey);
}

bool sessionExpired(const QSettings& settings) {
  const qint64 savedAt = settings.value(QStringLiteral("account/saved_at"), 0).toLongLong();
  return QDateTime::currentSecsSinceEpoch() - savedAt > session::kRefreshTokenMaxAge.count();
}

}  // namespace driftsync
