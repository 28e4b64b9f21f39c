// The library models of policy-schema/models/ for Qt, Boost.Beast, Poco::Net,
// SOCI, MySQL Connector/C++, wxWidgets and the AWS S3 client: small programs
// against the libraries' real Debian headers (scripts/setup.sh installs them),
// each with the findings it must give, and a near miss that must give none.
#include "EngineTestSupport.h"

#include "policycheck/LibraryModels.h"

#include "llvm/Support/FileSystem.h"

using namespace policycheck;
using namespace policycheck::test;

namespace {

/// wxWidgets as CMake's FindwxWidgets passes it (system include directories)
/// with what `wx-config --cxxflags` defines.
const std::vector<std::string> &wxArgs() {
  static const std::vector<std::string> Args = [] {
    return std::vector<std::string>{
        "-isystem", multiarchDir("/usr/lib", "wx/include/gtk3-unicode-3.2"),
        "-isystem", "/usr/include/wx-3.2",
        "-D_FILE_OFFSET_BITS=64", "-DWXUSINGDLL", "-D__WXGTK__"};
  }();
  return Args;
}

/// Two analytics vendors that receive only behaviour: an email sent to them
/// is a vendor-category finding, which shows that both the destination and
/// the data were followed (an undeclared vendor's finding reads the same
/// whether the call sends data or not).
const char *AnalyticsPolicy = R"yaml(version: 1
service: Test
first_party:
  hosts: [example.com, "*.example.com"]
categories:
  user.contact.email: {}
  user.behavior: {}
vendors:
  segment:
    name: Segment
    hosts: [api.segment.io]
    receives: [user.behavior]
  mixpanel:
    name: Mixpanel
    hosts: [api.mixpanel.com]
    receives: [user.behavior]
)yaml";

} // namespace

TEST(LibraryModelsTest, ModelsAreFoundByTheEnginesQualifiedNames) {
  // The names as the engine prints them: no inline namespaces, and members
  // of class templates with their template arguments.
  struct Case {
    const char *Name;
    ModelRole Role;
  };
  const Case Cases[] = {
      {"QNetworkAccessManager::post", ModelRole::Sink},
      {"QNetworkRequest::QNetworkRequest", ModelRole::UrlBinding},
      {"QUrl::QUrl", ModelRole::UrlBinding},
      {"QSettings::setValue", ModelRole::Sink},
      {"QSqlQuery::addBindValue", ModelRole::Sink},
      {"QMessageLogger::warning", ModelRole::Sink},
      {"QSysInfo::machineUniqueId", ModelRole::Source},
      {"QCryptographicHash::hash", ModelRole::Transform},
      {"boost::asio::ip::basic_resolver<boost::asio::ip::tcp>::resolve",
       ModelRole::Propagate},
      {"boost::beast::basic_stream<boost::asio::ip::tcp>::connect",
       ModelRole::UrlBinding},
      {"boost::beast::http::write", ModelRole::Sink},
      {"Poco::Net::HTTPSClientSession::HTTPSClientSession", ModelRole::UrlBinding},
      {"Poco::Net::HTTPClientSession::sendRequest", ModelRole::Sink},
      {"soci::session::operator<<", ModelRole::Sink},
      {"soci::details::once_temp_type::operator,", ModelRole::Sink},
      {"soci::use", ModelRole::Propagate},
      {"sql::PreparedStatement::setString", ModelRole::Sink},
      {"sql::Statement::execute", ModelRole::Sink},
      {"wxLogger::Log", ModelRole::Sink},
      {"wxFile::Write", ModelRole::Sink},
      {"wxGetFullHostName", ModelRole::Source},
      {"Aws::S3::S3Client::PutObject", ModelRole::Sink},
      {"Aws::S3::S3Client::UploadPart", ModelRole::Sink},
  };
  const LibraryModels &M = LibraryModels::builtin();
  for (const Case &C : Cases) {
    const FunctionModel *F = M.find(C.Name);
    ASSERT_NE(F, nullptr) << C.Name;
    EXPECT_EQ(F->Role, C.Role) << C.Name;
  }
  // A fresh random UUID is not personal data by itself.
  EXPECT_EQ(M.find("QUuid::createUuid"), nullptr);
  EXPECT_EQ(M.find("Aws::S3::S3Client::PutObject")->VendorId, "amazon_s3");
  ASSERT_NE(M.streamForType("QDebug"), nullptr);
  EXPECT_EQ(M.streamForType("QDebug")->Kind, StreamKind::Log);
  ASSERT_NE(M.streamForType("QFile"), nullptr);
  EXPECT_EQ(M.streamForType("QFile")->Kind, StreamKind::Storage);
}

//===----------------------------------------------------------------------===//
// Qt 5
//===----------------------------------------------------------------------===//

TEST(LibraryModelsTest, QtPostTakesItsDestinationFromTheRequestsUrl) {
  // QString -> QUrl -> QNetworkRequest -> post: the request carries the URL.
  EXPECT_EQ(findingsFor(R"cpp(
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QSysInfo>
#include <QtCore/QUrl>
#include <QtNetwork/QNetworkAccessManager>
#include <QtNetwork/QNetworkReply>
#include <QtNetwork/QNetworkRequest>
static const char* kCaptureUrl = "https://app.posthog.com/capture/";
struct Account { QString email; QString plan; };
QNetworkReply* reportInstall(QNetworkAccessManager& nam, const Account& account) {
  QJsonObject event;
  event["event"] = "app installed";
  event["plan"] = account.plan;
  event["os"] = QSysInfo::prettyProductName();
  event["email"] = account.email;
  QNetworkRequest request(QUrl(QString::fromUtf8(kCaptureUrl)));
  request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
  return nam.post(request, QJsonDocument(event).toJson());
}
QNetworkReply* subscribe(QNetworkAccessManager& nam, const QString& email) {
  QNetworkRequest request;
  request.setUrl(QUrl("https://api.mailchimp.com/3.0/lists/members"));
  return nam.sendCustomRequest(request, "PUT", email.toUtf8());
}
)cpp",
                        EngineTestPolicy, qtArgs()),
            (Findings{"19: privacy-undeclared-category user.device.os posthog",
                      "19: privacy-vendor-category user.contact.email posthog",
                      "24: privacy-undeclared-vendor - mailchimp"}));
}

TEST(LibraryModelsTest, QtSettingsSqlAndFilesAreStorage) {
  EXPECT_EQ(findingsFor(R"cpp(
#include <QtCore/QCryptographicHash>
#include <QtCore/QFile>
#include <QtCore/QSettings>
#include <QtSql/QSqlQuery>
struct Credentials { QString email; QString password; QString refresh_token; };
void remember(const Credentials& c) {
  QSettings settings("Example", "Client");
  settings.setValue("account/email", c.email);
  settings.setValue("account/token", c.refresh_token);
  QSqlQuery query;
  query.prepare("INSERT INTO accounts (email, password) VALUES (?, ?)");
  query.addBindValue(c.email);
  query.addBindValue(c.password);
  query.exec();
  QSqlQuery update;
  update.prepare("UPDATE accounts SET password = :password");
  update.bindValue(":password", QCryptographicHash::hash(c.password.toUtf8(),
                                                         QCryptographicHash::Sha256));
  update.exec();
  QFile backup("account.txt");
  if (backup.open(QIODevice::WriteOnly))
    backup.write(c.password.toUtf8());
}
)cpp",
                        EngineTestPolicy, qtArgs()),
            (Findings{
                "10: privacy-storage-protection user.authorization.credentials storage",
                "14: privacy-storage-protection user.authorization.password storage",
                "23: privacy-storage-protection user.authorization.password storage"}));
}

TEST(LibraryModelsTest, QtMessageLoggerAndDeviceFacts) {
  // qWarning("...", ...) is QMessageLogger(...).warning(...); qCWarning(cat,
  // "...") the same inside a `for`.
  EXPECT_EQ(findingsFor(R"cpp(
#include <QtCore/QDebug>
#include <QtCore/QLocale>
#include <QtCore/QLoggingCategory>
#include <QtCore/QSysInfo>
#include <QtNetwork/QHostInfo>
#include <QtNetwork/QNetworkInterface>
Q_LOGGING_CATEGORY(lcAuth, "app.auth")
void diagnostics(const QString& email, qint64 user_id) {
  qInfo("signed in: user %lld", user_id);
  qCWarning(lcAuth, "login failed for %s", qPrintable(email));
  qDebug("host %s", qPrintable(QHostInfo::localHostName()));
  qDebug("machine %s", QSysInfo::machineUniqueId().constData());
  qDebug("kernel %s on %s", qPrintable(QSysInfo::kernelVersion()),
         qPrintable(QSysInfo::currentCpuArchitecture()));
  qDebug("locale %s", qPrintable(QLocale::system().name()));
  for (const QNetworkInterface& iface : QNetworkInterface::allInterfaces())
    qDebug("%s", qPrintable(iface.hardwareAddress()));
}
)cpp",
                        EngineTestPolicy, qtArgs()),
            (Findings{"11: privacy-log-exposure user.contact.email log",
                      "12: privacy-undeclared-category user.device.device_id log",
                      "13: privacy-undeclared-category user.device.device_id log",
                      "14: privacy-undeclared-category user.device.hardware log",
                      "14: privacy-undeclared-category user.device.os log",
                      "16: privacy-undeclared-category user.demographic.language log",
                      "18: privacy-undeclared-category user.device.mac_address log"}));
}

TEST(LibraryModelsTest, QtNearMissesAreNoFindings) {
  // Own hosts, loopback, data-free logs, a random UUID, settings that are no
  // one's data, a hashed password in a database: nothing to report.
  EXPECT_EQ(findingsFor(R"cpp(
#include <QtCore/QCryptographicHash>
#include <QtCore/QDebug>
#include <QtCore/QSettings>
#include <QtCore/QUrl>
#include <QtCore/QUuid>
#include <QtNetwork/QNetworkAccessManager>
#include <QtNetwork/QNetworkReply>
#include <QtNetwork/QNetworkRequest>
#include <QtSql/QSqlQuery>
void startup(QNetworkAccessManager& nam, const QString& email, const QString& password,
             int item_count, const QByteArray& geometry) {
  nam.get(QNetworkRequest(QUrl("https://updates.example.com/latest.json")));
  nam.post(QNetworkRequest(QUrl("http://127.0.0.1:8080/session")), email.toUtf8());
  qDebug("%d items", item_count);
  qWarning("session %s", qPrintable(QUuid::createUuid().toString()));
  QSettings settings;
  settings.setValue("window/geometry", geometry);
  QSqlQuery query;
  query.prepare("INSERT INTO accounts (password) VALUES (?)");
  query.addBindValue(QCryptographicHash::hash(password.toUtf8(), QCryptographicHash::Sha256));
  query.exec();
}
)cpp",
                        EngineTestPolicy, qtArgs()),
            Findings{});
}

TEST(LibraryModelsTest, QtDebugStreamIsALog) {
  // `<<` chains on a modelled stream type other than std::basic_*stream*.
  EXPECT_EQ(findingsFor(R"cpp(
#include <QtCore/QDebug>
#include <QtCore/QLoggingCategory>
Q_LOGGING_CATEGORY(lcAuth, "app.auth")
void f(const QString& email) {
  qDebug() << "signup" << email;
  qCWarning(lcAuth) << "login failed for" << email;
}
)cpp",
                        EngineTestPolicy, qtArgs()),
            (Findings{"6: privacy-log-exposure user.contact.email log",
                      "7: privacy-log-exposure user.contact.email log"}));
}

TEST(LibraryModelsTest, QtDataInTheUrlHeadersAndStringLiterals) {
  // A url_binding keeps the data of its URL argument (line 10); setters write
  // data into the object they are called on (QUrl::setQuery on line 12,
  // QNetworkRequest::setRawHeader on line 17); QStringLiteral(...), a lambda
  // returning a QString made from a u"" literal, has that literal's text
  // (line 19).
  EXPECT_EQ(findingsFor(R"cpp(
#include <QtCore/QUrl>
#include <QtCore/QUrlQuery>
#include <QtNetwork/QNetworkAccessManager>
#include <QtNetwork/QNetworkReply>
#include <QtNetwork/QNetworkRequest>
static const char* kLookup = "https://api.segment.io/v1/identify";
void f(QNetworkAccessManager& nam, const QString& email) {
  QString url = QString(kLookup) + "?email=" + email;
  nam.get(QNetworkRequest(QUrl(url)));
  QUrl withQuery(kLookup);
  withQuery.setQuery("email=" + email);
  QNetworkRequest request(withQuery);
  nam.get(request);
  QNetworkRequest withHeader;
  withHeader.setUrl(QUrl(kLookup));
  withHeader.setRawHeader("X-Email", email.toUtf8());
  nam.get(withHeader);
  nam.post(QNetworkRequest(QUrl(QStringLiteral("https://api.segment.io/v1/track"))),
           email.toUtf8());
}
)cpp",
                        AnalyticsPolicy, qtArgs()),
            (Findings{"10: privacy-vendor-category user.contact.email segment",
                      "14: privacy-vendor-category user.contact.email segment",
                      "18: privacy-vendor-category user.contact.email segment",
                      "19: privacy-vendor-category user.contact.email segment"}));
}

TEST(LibraryModelsTest, QtHashObjectHashesThroughTheObject) {
  // addData() hashes into the object, result() reads it back: the digest is
  // still the password (hashed), so logging it is still log exposure, and
  // storing it keeps the storage promise.
  EXPECT_EQ(findingsFor(R"cpp(
#include <QtCore/QCryptographicHash>
#include <QtCore/QDebug>
#include <QtCore/QSettings>
void f(const QString& password, QSettings& settings) {
  QCryptographicHash hash(QCryptographicHash::Sha256);
  hash.addData(password.toUtf8());
  qWarning("digest %s", hash.result().toHex().constData());
  settings.setValue("pw", hash.result().toHex());
  settings.setValue("pw_plain", password);
}
)cpp",
                        EngineTestPolicy, qtArgs()),
            (Findings{"8: privacy-log-exposure user.authorization.password log",
                      "10: privacy-storage-protection user.authorization.password storage"}));
}

TEST(LibraryModelsTest, QtHashObjectAndTextStreamOverAFile) {
  // Transforms into and out of the object called (QCryptographicHash::addData
  // / result), and a QTextStream writing where the device it is made over
  // writes (a QFile: storage).
  EXPECT_EQ(findingsFor(R"cpp(
#include <QtCore/QCryptographicHash>
#include <QtCore/QDebug>
#include <QtCore/QFile>
#include <QtCore/QTextStream>
void f(const QString& password) {
  QCryptographicHash hash(QCryptographicHash::Sha256);
  hash.addData(password.toUtf8());
  qWarning("digest %s", hash.result().toHex().constData());
  QFile file("passwords.txt");
  file.open(QIODevice::WriteOnly);
  QTextStream out(&file);
  out << password;
}
)cpp",
                        EngineTestPolicy, qtArgs()),
            (Findings{"9: privacy-log-exposure user.authorization.password log",
                      "13: privacy-storage-protection user.authorization.password storage"}));
}

TEST(LibraryModelsTest, QtStringLiteralConstantsAndMembersResolve) {
  // Endpoints kept in QString constants made with QStringLiteral, joined in a
  // constructor into a member that a method posts to.
  EXPECT_EQ(findingsFor(R"cpp(
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QUrl>
#include <QtNetwork/QNetworkAccessManager>
#include <QtNetwork/QNetworkReply>
#include <QtNetwork/QNetworkRequest>
const QString kBase = QStringLiteral("https://api.segment.io");
const QString kTrackPath = QStringLiteral("/v1/track");
class Tracker {
 public:
  explicit Tracker(QNetworkAccessManager* nam) : nam_(nam), url_(kBase + kTrackPath) {}
  void signedUp(const QString& email) {
    QJsonObject props;
    props.insert(QStringLiteral("email"), email);
    nam_->post(QNetworkRequest(QUrl(url_)), QJsonDocument(props).toJson());
  }
 private:
  QNetworkAccessManager* nam_;
  QString url_;
};
)cpp",
                        AnalyticsPolicy, qtArgs()),
            (Findings{"16: privacy-vendor-category user.contact.email segment"}));
}

TEST(LibraryModelsTest, QtStreamsQueriesAndSettersNearMisses) {
  // A QTextStream over a QString builds text (no sink), over stdout it logs
  // (line 14); a constant query run by QSqlQuery's constructor stores
  // nothing, a query with the password stores it (line 16) and a copy of that
  // query runs nothing; a request given an email header but never sent, and
  // one sent to the service's own host, send nothing to a vendor.
  EXPECT_EQ(findingsFor(R"cpp(
#include <QtCore/QString>
#include <QtCore/QTextStream>
#include <QtCore/QUrl>
#include <QtNetwork/QNetworkAccessManager>
#include <QtNetwork/QNetworkReply>
#include <QtNetwork/QNetworkRequest>
#include <QtSql/QSqlQuery>
#include <cstdio>
void f(QNetworkAccessManager& nam, const QString& email, const QString& password, int timeout_ms) {
  QString text;
  QTextStream build(&text);
  build << "welcome " << email;
  QTextStream(stdout) << "signed up: " << email;
  QSqlQuery create("CREATE TABLE IF NOT EXISTS accounts (id INTEGER)");
  QSqlQuery update("UPDATE accounts SET password = '" + password + "'");
  QSqlQuery copy(update);
  QNetworkRequest unsent(QUrl(QStringLiteral("https://api.segment.io/v1/identify")));
  unsent.setRawHeader("X-Email", email.toUtf8());
  QNetworkRequest own(QUrl(QStringLiteral("https://api.example.com/profile")));
  own.setRawHeader("X-Email", email.toUtf8());
  own.setTransferTimeout(timeout_ms);
  nam.get(own);
}
)cpp",
                        EngineTestPolicy, qtArgs()),
            (Findings{"14: privacy-log-exposure user.contact.email log",
                      "16: privacy-storage-protection user.authorization.password storage"}));
}

//===----------------------------------------------------------------------===//
// Boost.Beast
//===----------------------------------------------------------------------===//

TEST(LibraryModelsTest, BeastWriteGoesWhereTheStreamIsConnected) {
  // resolve(host) -> stream.connect(results) -> http::write(stream, req).
  EXPECT_EQ(findingsFor(R"cpp(
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <string>
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = boost::asio::ip::tcp;
constexpr const char* kHost = "api.mixpanel.com";
struct Profile { std::string email; std::string plan; };
void track(boost::asio::io_context& ioc, const Profile& profile) {
  tcp::resolver resolver(ioc);
  beast::tcp_stream stream(ioc);
  auto const results = resolver.resolve(kHost, "80");
  stream.connect(results);
  http::request<http::string_body> req{http::verb::post, "/track", 11,
                                       "{\"email\":\"" + profile.email + "\"}"};
  req.set(http::field::host, kHost);
  req.prepare_payload();
  http::write(stream, req);
  beast::flat_buffer buffer;
  http::response<http::string_body> res;
  http::read(stream, buffer, res);
}
)cpp",
                        AnalyticsPolicy),
            (Findings{"20: privacy-vendor-category user.contact.email mixpanel"}));
}

TEST(LibraryModelsTest, BeastNearMissesAreNoFindings) {
  // A stream connected to the service's own host or to loopback, and one
  // whose host is known only at run time (unresolved: never guessed).
  EXPECT_EQ(findingsFor(R"cpp(
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <string>
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = boost::asio::ip::tcp;
void post(boost::asio::io_context& ioc, const char* host, const std::string& email) {
  tcp::resolver resolver(ioc);
  http::request<http::string_body> req{http::verb::post, "/signup", 11, email};
  beast::tcp_stream own(ioc);
  own.connect(resolver.resolve("api.example.com", "443"));
  http::write(own, req);
  beast::tcp_stream local(ioc);
  local.connect(resolver.resolve("localhost", "8080"));
  http::write(local, req);
  beast::tcp_stream configured(ioc);
  configured.connect(resolver.resolve(host, "443"));
  http::write(configured, req);
}
)cpp"),
            Findings{});
}

TEST(LibraryModelsTest, BeastBodyHostStringAndPlainSockets) {
  // `req.body() = ...` writes into the request (an accessor returning a
  // reference into its object, line 19); a std::string keeps its text through
  // its conversion to std::string_view (resolve(host, ...), line 16); a
  // url_binding binds an argument (`net::connect(socket, results)`, line 23).
  EXPECT_EQ(findingsFor(R"cpp(
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <string>
namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;
struct Profile { std::string email; };
void track(net::io_context& ioc, const Profile& profile) {
  const std::string host = "api.mixpanel.com";
  tcp::resolver resolver(ioc);
  beast::tcp_stream stream(ioc);
  stream.connect(resolver.resolve(host, "80"));
  http::request<http::string_body> req{http::verb::post, "/track", 11};
  req.set(http::field::host, host);
  req.body() = "{\"email\":\"" + profile.email + "\"}";
  req.prepare_payload();
  http::write(stream, req);
  tcp::socket socket(ioc);
  net::connect(socket, resolver.resolve("api.mixpanel.com", "80"));
  http::request<http::string_body> plain{http::verb::post, "/track", 11, profile.email};
  http::write(socket, plain);
}
)cpp",
                        AnalyticsPolicy),
            (Findings{"21: privacy-vendor-category user.contact.email mixpanel",
                      "25: privacy-vendor-category user.contact.email mixpanel"}));
}

TEST(LibraryModelsTest, BeastSslStreamConnectedThroughItsLowestLayer) {
  // `get_lowest_layer(stream)` hands out the TCP stream inside the TLS one:
  // connecting it binds the host to `stream`, which http::write sends on.
  EXPECT_EQ(findingsFor(R"cpp(
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <string>
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = boost::asio::ip::tcp;
void track(boost::asio::io_context& ioc, boost::asio::ssl::context& tls, const std::string& email) {
  beast::ssl_stream<beast::tcp_stream> stream(ioc, tls);
  tcp::resolver resolver(ioc);
  beast::get_lowest_layer(stream).connect(resolver.resolve("api.mixpanel.com", "443"));
  http::request<http::string_body> req{http::verb::post, "/track", 11, email};
  http::write(stream, req);
}
)cpp",
                        AnalyticsPolicy),
            (Findings{"16: privacy-vendor-category user.contact.email mixpanel"}));
}

//===----------------------------------------------------------------------===//
// Poco::Net
//===----------------------------------------------------------------------===//

TEST(LibraryModelsTest, PocoSessionBindsTheHostAndSendRequestSends) {
  EXPECT_EQ(findingsFor(R"cpp(
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <iostream>
#include <string>
struct Order { std::string email; double total; };
void notify(const Order& order) {
  Poco::Net::HTTPSClientSession session("api.resend.com", 443);
  Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET,
                                 "/emails?to=" + order.email);
  session.sendRequest(request);
  Poco::Net::HTTPResponse response;
  session.receiveResponse(response);
}
void heartbeat() {
  Poco::Net::HTTPClientSession session;
  session.setHost("api.honeycomb.io");
  Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_POST, "/1/events/app");
  session.sendRequest(request);
}
)cpp"),
            // Line 11 sends the email to Resend, which receives it: no
            // finding, even once the engine follows the URI's data.
            (Findings{"20: privacy-undeclared-vendor - honeycomb"}));
}

TEST(LibraryModelsTest, PocoNearMissesAreNoFindings) {
  EXPECT_EQ(findingsFor(R"cpp(
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <string>
void post(const std::string& host, const std::string& email) {
  Poco::Net::HTTPSClientSession own("api.example.com", 443);
  Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_POST, "/signup");
  own.sendRequest(request);
  Poco::Net::HTTPClientSession local("127.0.0.1", 8080);
  local.sendRequest(request);
  Poco::Net::HTTPClientSession configured(host, 443);
  configured.sendRequest(request);
}
)cpp"),
            Findings{});
}

TEST(LibraryModelsTest, PocoBodyStreamUriDataAndHeaders) {
  // The std::ostream that sendRequest returns is the body of that request
  // (lines 11 and 14, the second a `<<` chain on the call itself); a
  // url_binding constructor keeps its URL argument's data (line 16, found at
  // 17); a setter writes data into its object (request.set on line 20, found
  // at 21).
  EXPECT_EQ(findingsFor(R"cpp(
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <iostream>
#include <string>
struct Profile { std::string email; };
void track(const Profile& profile) {
  Poco::Net::HTTPSClientSession session("api.segment.io", 443);
  Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_POST, "/v1/track");
  std::ostream& body = session.sendRequest(request);
  body << "{\"email\":\"" << profile.email << "\"}";
  Poco::Net::HTTPSClientSession again("api.segment.io", 443);
  Poco::Net::HTTPRequest post(Poco::Net::HTTPRequest::HTTP_POST, "/v1/track");
  again.sendRequest(post) << profile.email;
  Poco::Net::HTTPSClientSession lookup("api.segment.io", 443);
  Poco::Net::HTTPRequest get(Poco::Net::HTTPRequest::HTTP_GET, "/v1/identify?email=" + profile.email);
  lookup.sendRequest(get);
  Poco::Net::HTTPSClientSession header("api.segment.io", 443);
  Poco::Net::HTTPRequest identify(Poco::Net::HTTPRequest::HTTP_POST, "/v1/identify");
  identify.set("X-User-Email", profile.email);
  header.sendRequest(identify);
}
)cpp",
                        AnalyticsPolicy),
            (Findings{"11: privacy-vendor-category user.contact.email segment",
                      "14: privacy-vendor-category user.contact.email segment",
                      "17: privacy-vendor-category user.contact.email segment",
                      "21: privacy-vendor-category user.contact.email segment"}));
}

TEST(LibraryModelsTest, PocoBodyStreamNearMisses) {
  // The body stream of a request to the service's own host, a body built in
  // a std::ostringstream but never written, and a header of constant text:
  // nothing reaches a vendor that does not receive it.
  EXPECT_EQ(findingsFor(R"cpp(
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <iostream>
#include <sstream>
#include <string>
void sync(const std::string& email, const std::string& event_name) {
  Poco::Net::HTTPSClientSession own("api.example.com", 443);
  Poco::Net::HTTPRequest save(Poco::Net::HTTPRequest::HTTP_POST, "/v1/profile");
  own.sendRequest(save) << "{\"email\":\"" << email << "\"}";
  std::ostringstream draft;
  draft << email;
  Poco::Net::HTTPSClientSession segment("api.segment.io", 443);
  Poco::Net::HTTPRequest track(Poco::Net::HTTPRequest::HTTP_POST, "/v1/track");
  track.set("X-Client", "desktop");
  std::ostream& body = segment.sendRequest(track);
  body << "{\"event\":\"" << event_name << "\"}";
}
)cpp",
                        AnalyticsPolicy),
            Findings{});
}

//===----------------------------------------------------------------------===//
// SOCI
//===----------------------------------------------------------------------===//

TEST(LibraryModelsTest, SociQueryTextAndBoundValuesAreStorage) {
  EXPECT_EQ(findingsFor(R"cpp(
#include <soci/soci.h>
#include <string>
struct Account { long id; std::string email; std::string password; };
void save(soci::session& sql, const Account& a) {
  sql << "insert into accounts(id, email, password) values(:id, :email, :password)",
      soci::use(a.id), soci::use(a.email), soci::use(a.password);
  sql << "update accounts set password = '" << a.password << "' where id = " << a.id;
  std::string value = a.password;
  soci::statement st = (sql.prepare << "update accounts set password = :pw where id = :id",
                        soci::use(value, "pw"), soci::use(a.id, "id"));
  st.execute(true);
}
)cpp"),
            (Findings{
                "6: privacy-storage-protection user.authorization.password storage",
                "8: privacy-storage-protection user.authorization.password storage",
                "10: privacy-storage-protection user.authorization.password storage"}));
}

TEST(LibraryModelsTest, SociNearMissesAreNoFindings) {
  // Reading into a variable named for its data sends nothing to the
  // database; a declared category stored plainly is allowed.
  EXPECT_EQ(findingsFor(R"cpp(
#include <soci/soci.h>
#include <string>
std::string lookup(soci::session& sql, long user_id, const std::string& email) {
  std::string password;
  sql << "select password from accounts where id = :id", soci::into(password),
      soci::use(user_id);
  sql << "update accounts set email = :email where id = :id", soci::use(email),
      soci::use(user_id);
  sql << "delete from sessions";
  return password;
}
)cpp"),
            Findings{});
}

TEST(LibraryModelsTest, SociPlaceholderNameNamesTheValue) {
  // A key_argument whose parameter is a `const std::string&`: the literal
  // arrives as a std::string constructed with a defaulted allocator argument.
  EXPECT_EQ(findingsFor(R"cpp(
#include <soci/soci.h>
#include <string>
std::string readField(int index);
void save(soci::session& sql) {
  std::string value = readField(2);
  sql << "insert into accounts(password) values(:password)", soci::use(value, "password");
}
)cpp"),
            (Findings{"7: privacy-storage-protection user.authorization.password storage"}));
}

//===----------------------------------------------------------------------===//
// MySQL Connector/C++
//===----------------------------------------------------------------------===//

TEST(LibraryModelsTest, MysqlConnectorParametersAndStatementsAreStorage) {
  EXPECT_EQ(findingsFor(R"cpp(
#include <cppconn/connection.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/statement.h>
#include <memory>
#include <string>
struct Account { long id; std::string email; std::string password; std::string api_token; };
void save(sql::Connection& con, const Account& a) {
  std::unique_ptr<sql::PreparedStatement> insert(con.prepareStatement(
      "INSERT INTO accounts (id, email, password) VALUES (?, ?, ?)"));
  insert->setInt64(1, a.id);
  insert->setString(2, a.email);
  insert->setString(3, a.password);
  insert->executeUpdate();
  std::unique_ptr<sql::Statement> st(con.createStatement());
  st->execute("UPDATE accounts SET token = '" + a.api_token + "'");
}
)cpp"),
            (Findings{
                "13: privacy-storage-protection user.authorization.password storage",
                "16: privacy-storage-protection user.authorization.credentials storage"}));
}

TEST(LibraryModelsTest, MysqlConnectorNearMissesAreNoFindings) {
  EXPECT_EQ(findingsFor(R"cpp(
#include <cppconn/driver.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>
#include <cppconn/statement.h>
#include <memory>
#include <string>
void login(sql::Driver& driver, const std::string& db_password, const std::string& email) {
  std::unique_ptr<sql::Connection> con(driver.connect("tcp://127.0.0.1:3306", "app", db_password));
  std::unique_ptr<sql::PreparedStatement> q(
      con->prepareStatement("SELECT password_hash FROM accounts WHERE email = ?"));
  q->setString(1, email);
  std::unique_ptr<sql::ResultSet> rs(q->executeQuery());
  std::unique_ptr<sql::Statement> st(con->createStatement());
  st->execute("DELETE FROM sessions WHERE expires < NOW()");
}
)cpp"),
            Findings{});
}

//===----------------------------------------------------------------------===//
// wxWidgets
//===----------------------------------------------------------------------===//

TEST(LibraryModelsTest, WxLogsFilesConfigAndSystemFacts) {
  EXPECT_EQ(findingsFor(R"cpp(
#include <wx/config.h>
#include <wx/file.h>
#include <wx/log.h>
#include <wx/platinfo.h>
#include <wx/utils.h>
struct Account { wxString email; wxString password; long user_id; };
void onLogin(const Account& a) {
  wxLogMessage("user %ld signed in", a.user_id);
  wxLogWarning("login failed for %s", a.email);
  wxLogDebug("host %s", wxGetFullHostName());
  wxLogError("%s / %s", wxGetOsDescription(),
             wxPlatformInfo::Get().GetCpuArchitectureName());
  wxLogMessage("sender %s", wxGetEmailAddress());
  wxFile cache("account.cache", wxFile::write);
  cache.Write(a.password);
  cache.Write(a.password.c_str(), a.password.length());
  wxConfigBase::Get()->Write("account/password", a.password);
}
)cpp",
                        EngineTestPolicy, wxArgs()),
            (Findings{
                "10: privacy-log-exposure user.contact.email log",
                "11: privacy-undeclared-category user.device.device_id log",
                "12: privacy-undeclared-category user.device.hardware log",
                "12: privacy-undeclared-category user.device.os log",
                "14: privacy-log-exposure user.contact.email log",
                "16: privacy-storage-protection user.authorization.password storage",
                "17: privacy-storage-protection user.authorization.password storage",
                "18: privacy-storage-protection user.authorization.password storage"}));
}

TEST(LibraryModelsTest, WxNearMissesAreNoFindings) {
  EXPECT_EQ(findingsFor(R"cpp(
#include <wx/config.h>
#include <wx/file.h>
#include <wx/log.h>
#include <wx/platinfo.h>
void onSave(int item_count, const wxString& document_title, long user_id) {
  wxLogMessage("saved %d items for user %ld", item_count, user_id);
  wxLogDebug("wx port %s", wxPlatformInfo::Get().GetPortIdName());
  wxFile out("settings.ini", wxFile::write);
  out.Write(wxString::Format("items=%d\n", item_count));
  wxConfigBase::Get()->Write("window/width", 800L);
}
)cpp",
                        EngineTestPolicy, wxArgs()),
            Findings{});
}

//===----------------------------------------------------------------------===//
// AWS SDK for C++: S3
//===----------------------------------------------------------------------===//

namespace {
// The shape of aws-sdk-cpp's S3 API (aws/s3/S3Client.h and
// aws/s3/model/PutObjectRequest.h, UploadPartRequest.h): no Debian package
// ships it. Declarations only, as the SDK's own code is not the program's.
const char *AwsS3Header = R"cpp(
#include <memory>
#include <sstream>
#include <string>
namespace Aws {
using String = std::string;
using IOStream = std::iostream;
using StringStream = std::stringstream;
template <typename T, typename... ArgTypes>
std::shared_ptr<T> MakeShared(const char* allocationTag, ArgTypes&&... args);
namespace Client {
struct ClientConfiguration { Aws::String region; Aws::String endpointOverride; };
}
namespace S3 {
namespace Model {
class PutObjectRequest {
public:
  void SetBucket(const Aws::String& value);
  PutObjectRequest& WithBucket(const Aws::String& value);
  void SetKey(const Aws::String& value);
  PutObjectRequest& WithKey(const Aws::String& value);
  void SetBody(const std::shared_ptr<Aws::IOStream>& body);
};
class UploadPartRequest {
public:
  UploadPartRequest& WithBucket(const Aws::String& value);
  UploadPartRequest& WithKey(const Aws::String& value);
  UploadPartRequest& WithUploadId(const Aws::String& value);
  UploadPartRequest& WithPartNumber(int value);
  void SetBody(const std::shared_ptr<Aws::IOStream>& body);
};
class PutObjectOutcome { public: bool IsSuccess() const; };
class UploadPartOutcome { public: bool IsSuccess() const; };
} // namespace Model
class S3Client {
public:
  explicit S3Client(const Aws::Client::ClientConfiguration& clientConfiguration);
  virtual Model::PutObjectOutcome PutObject(const Model::PutObjectRequest& request) const;
  virtual Model::UploadPartOutcome UploadPart(const Model::UploadPartRequest& request) const;
};
} // namespace S3
} // namespace Aws
)cpp";

std::string withAwsS3(llvm::StringRef Code) { return AwsS3Header + Code.str(); }

/// The header's lines come first in the code: line numbers below count from
/// the program's first line.
unsigned awsS3HeaderLines() {
  return static_cast<unsigned>(llvm::StringRef(AwsS3Header).count('\n'));
}
std::string at(unsigned ProgramLine, llvm::StringRef Rest) {
  return std::to_string(awsS3HeaderLines() + ProgramLine) + ": " + Rest.str();
}

const char *S3Policy = R"cpp(version: 1
service: Test
categories:
  user.contact.email: {}
  user.content: {}
vendors:
  amazon_s3:
    name: Amazon S3
    hosts: ["*.s3.amazonaws.com"]
    receives: [user.content]
)cpp";
} // namespace

TEST(LibraryModelsTest, AwsS3UploadsReachAmazon) {
  EXPECT_EQ(findingsFor(withAwsS3(R"cpp(
struct Profile { std::string email; std::string avatar_png; };
bool uploadAvatar(const Aws::S3::S3Client& s3, const Profile& p) {
  return s3.PutObject(Aws::S3::Model::PutObjectRequest()
                          .WithBucket("avatars")
                          .WithKey("by-email/" + p.email + ".png"))
      .IsSuccess();
}
bool uploadPart(const Aws::S3::S3Client& s3, const std::string& upload_id) {
  return s3.UploadPart(Aws::S3::Model::UploadPartRequest()
                           .WithBucket("exports").WithKey("export.csv")
                           .WithUploadId(upload_id).WithPartNumber(1))
      .IsSuccess();
}
)cpp")),
            (Findings{at(4, "privacy-undeclared-vendor - amazon_s3"),
                      at(10, "privacy-undeclared-vendor - amazon_s3")}));
  // Declared: the email in the key is what the vendor does not receive.
  EXPECT_EQ(findingsFor(withAwsS3(R"cpp(
struct Profile { std::string email; };
bool uploadAvatar(const Aws::S3::S3Client& s3, const Profile& p) {
  return s3.PutObject(Aws::S3::Model::PutObjectRequest()
                          .WithBucket("avatars")
                          .WithKey("by-email/" + p.email + ".png"))
      .IsSuccess();
}
)cpp"),
                        S3Policy),
            (Findings{at(4, "privacy-vendor-category user.contact.email amazon_s3")}));
}

TEST(LibraryModelsTest, AwsS3NearMissIsNoFinding) {
  // A declared vendor sent what it receives; a request built but not sent.
  EXPECT_EQ(findingsFor(withAwsS3(R"cpp(
bool upload(const Aws::S3::S3Client& s3, const std::string& document_id) {
  Aws::S3::Model::PutObjectRequest unsent;
  unsent.SetKey("drafts/" + document_id);
  return s3.PutObject(Aws::S3::Model::PutObjectRequest()
                          .WithBucket("documents").WithKey(document_id))
      .IsSuccess();
}
)cpp"),
                        S3Policy),
            Findings{});
}

TEST(LibraryModelsTest, AwsS3BodySetOnTheRequest) {
  // Setters write data into the object they are called on
  // (PutObjectRequest::SetBody, SetKey).
  EXPECT_EQ(findingsFor(withAwsS3(R"cpp(
struct Profile { std::string email; };
bool exportProfile(const Aws::S3::S3Client& s3, const Profile& p) {
  Aws::S3::Model::PutObjectRequest request;
  request.SetBucket("exports");
  request.SetKey("profile.json");
  auto body = Aws::MakeShared<Aws::StringStream>("export");
  *body << "{\"email\":\"" << p.email << "\"}";
  request.SetBody(body);
  return s3.PutObject(request).IsSuccess();
}
)cpp"),
                        S3Policy),
            (Findings{at(10, "privacy-vendor-category user.contact.email amazon_s3")}));
}

TEST(LibraryModelsTest, Sqlite3ColumnsHoldWhatTheSelectListNamesThem) {
  // The column read is named only by the query: directly, and through a
  // helper that takes the query as its parameter. A column the list does
  // not name (an expression) holds nothing known.
  EXPECT_EQ(findingsFor(R"cpp(
#include <sqlite3.h>
#include <spdlog/spdlog.h>
#include <string>
static std::string read_column(sqlite3 *db, const char *sql) {
  sqlite3_stmt *st = nullptr;
  std::string out;
  if (sqlite3_prepare_v2(db, sql, -1, &st, nullptr) != SQLITE_OK) return out;
  if (sqlite3_step(st) == SQLITE_ROW) out = reinterpret_cast<const char *>(sqlite3_column_text(st, 0));
  sqlite3_finalize(st);
  return out;
}
void report(sqlite3 *db) {
  sqlite3_stmt *st = nullptr;
  sqlite3_prepare_v2(db, "SELECT id, ip_address, count(*) FROM sessions", -1, &st, nullptr);
  sqlite3_step(st);
  spdlog::info("id {}", sqlite3_column_int64(st, 0));
  spdlog::info("from {}", reinterpret_cast<const char *>(sqlite3_column_text(st, 1)));
  spdlog::info("n {}", sqlite3_column_int(st, 2));
  const std::string a = read_column(db, "SELECT contact_email FROM accounts LIMIT 1");
  spdlog::info("a {}", a);
  const std::string b = read_column(db, "SELECT count(*) FROM accounts");
  spdlog::info("b {}", b);
}
)cpp"),
            (Findings{"18: privacy-log-exposure user.device.ip_address log",
                      "21: privacy-log-exposure user.contact.email log"}));
}

TEST(LibraryModelsTest, RapidJsonWritersWriteIntoTheirBuffers) {
  // A Writer over a StringBuffer puts every value into the buffer; a
  // Document written with Accept(writer) goes there whole. A second buffer
  // that no writer wrote holds nothing.
  EXPECT_EQ(findingsFor(R"cpp(
#include <httplib.h>
#include <rapidjson/document.h>
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <string>
void post(const char *body) { httplib::Client h("https://app.posthog.com"); h.Post("/e", body, "application/json"); }
void direct(const std::string &email) {
  rapidjson::StringBuffer sb, other;
  rapidjson::Writer<rapidjson::StringBuffer> w(sb);
  w.StartObject(); w.Key("contact"); w.String(email.c_str()); w.EndObject();
  post(other.GetString());
  post(sb.GetString());
}
void document(const std::string &email) {
  rapidjson::Document d;
  d.SetObject();
  d.AddMember("contact", rapidjson::Value(email.c_str(), d.GetAllocator()), d.GetAllocator());
  rapidjson::StringBuffer sb;
  rapidjson::PrettyWriter<rapidjson::StringBuffer> w(sb);
  d.Accept(w);
  post(sb.GetString());
}
)cpp"),
            (Findings{"14: privacy-vendor-category user.contact.email posthog",
                      "23: privacy-vendor-category user.contact.email posthog"}));
}

TEST(LibraryModelsTest, DomNodesAreHandlesIntoTheirDocuments) {
  // A QDom element appended to the root, and a pugixml node appended to its
  // document, are parts of the document: what is written into them later is
  // in what the document serializes. A node of another document is not.
  std::vector<std::string> Args = qtArgs();
  EXPECT_EQ(findingsFor(R"cpp(
#include <QtXml/QDomDocument>
#include <httplib.h>
#include <pugixml.hpp>
#include <sstream>
#include <string>
void post(const std::string &body) { httplib::Client h("https://app.posthog.com"); h.Post("/e", body, "text/xml"); }
void qdom(const QString &email) {
  QDomDocument doc, scratch;
  QDomElement root = doc.createElement("profile");
  doc.appendChild(root);
  QDomElement contact = doc.createElement("contact");
  root.appendChild(contact);
  contact.appendChild(doc.createTextNode(email));
  QDomElement loose = scratch.createElement("note");
  loose.setAttribute("to", email);
  post(scratch.toString().toStdString());
  post(doc.toString().toStdString());
}
void pugixml(const std::string &email) {
  pugi::xml_document doc, other;
  pugi::xml_node contact = doc.append_child("profile").append_child("contact");
  contact.text().set(email.c_str());
  other.append_child("empty");
  std::ostringstream a, b;
  other.save(a);
  post(a.str());
  doc.save(b);
  post(b.str());
}
)cpp",
                        EngineTestPolicy, Args),
            (Findings{"18: privacy-vendor-category user.contact.email posthog",
                      "29: privacy-vendor-category user.contact.email posthog"}));
}

TEST(LibraryModelsTest, QForeachLoopsOverWhatTheContainerHolds) {
  // Q_FOREACH and foreach walk a copy of the container through its
  // iterator: each element holds what the container holds. A list of
  // constants holds nothing.
  std::vector<std::string> Args = qtArgs();
  EXPECT_EQ(findingsFor(R"cpp(
#include <QtCore/QStringList>
#include <httplib.h>
#include <string>
void post(const std::string &body) { httplib::Client h("https://app.posthog.com"); h.Post("/e", body, "text/plain"); }
void send(const QString &email) {
  QStringList recipients;
  recipients.append(email);
  Q_FOREACH (const QString &r, recipients) post(r.toStdString());
  foreach (const QString &r, recipients) post(r.toStdString());
  const QStringList events{QStringLiteral("opened"), QStringLiteral("closed")};
  Q_FOREACH (const QString &e, events) post(e.toStdString());
}
)cpp",
                        EngineTestPolicy, Args),
            (Findings{"9: privacy-vendor-category user.contact.email posthog",
                      "10: privacy-vendor-category user.contact.email posthog"}));
}

TEST(LibraryModelsTest, ARapidJsonKeyNamesTheValueWrittenNext) {
  // `Key("email")` then `String(v)`: the key names the value, as in a JSON
  // object; a constant value is no one's data, whatever its key.
  EXPECT_EQ(findingsFor(R"cpp(
#include <httplib.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <string>
void post(const char *body) { httplib::Client h("https://app.posthog.com"); h.Post("/e", body, "application/json"); }
void send(const std::string &primary, const std::string &label) {
  rapidjson::StringBuffer a, b;
  rapidjson::Writer<rapidjson::StringBuffer> w(a), v(b);
  w.StartObject(); w.Key("email"); w.String(primary.c_str()); w.EndObject();
  v.StartObject(); v.Key("email"); v.String("none"); v.Key("label"); v.String(label.c_str()); v.EndObject();
  post(a.GetString());
  post(b.GetString());
}
)cpp"),
            (Findings{"12: privacy-vendor-category user.contact.email posthog"}));
}
