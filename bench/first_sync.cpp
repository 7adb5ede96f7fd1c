// SPDX-License-Identifier: MIT
// First sync of a large account (issue 15: "a first sync in seconds"). A real plaza-server
// on loopback; through its real API, one account ("big") is given a history like the one the
// issue measured: by default 50,000 chat messages, 20,000 wallet transactions and 10,000 feed
// posts (--scale divides them). Then, in the same run:
//   - server alone: the raw-socket client pages GET /v1/sync?limit=1000 from 0 to the end
//     (what the server costs to serve the history);
//   - plaza-cli login --server … --handle big: the CLI's sign-in and first sync into a fresh
//     SQLCipher cache (decode, apply, write), timed end to end as a user would see it.
// Prints events, seconds and events/s for each, and the CLI against the server alone.
// The app's first sync is measured the same way once it reports its own (see docs).
#include "httpload.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QUuid>

using namespace plaza::bench;

namespace {

QByteArray key()
{
    return QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
}

bool loaded(const char *what, const LoadResult &r, int expected)
{
    say(QStringLiteral("  made %1 %2 in %3 s (%4/s)")
            .arg(r.done).arg(QLatin1String(what)).arg(r.seconds, 0, 'f', 1).arg(r.perSecond(), 0, 'f', 0));
    if (r.failed > 0 || r.done != expected) {
        say(QStringLiteral("FAIL: %1 of %2 %3 were refused").arg(r.failed).arg(expected).arg(QLatin1String(what)));
        return false;
    }
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("First sync of a large account: server alone vs plaza-cli login."));
    parser.addHelpOption();
    const QCommandLineOption scaleOption(QStringLiteral("scale"), QStringLiteral("Divide the history by N (default 1)."),
                                         QStringLiteral("N"), QStringLiteral("1"));
    parser.addOption(scaleOption);
    parser.process(app);
    const int scale = std::max(1, parser.value(scaleOption).toInt());
    const int messages = 50'000 / scale, transfers = 20'000 / scale, posts = 10'000 / scale;

    const QString binDir = QCoreApplication::applicationDirPath();
    const QString cli = QDir(binDir).filePath(QStringLiteral("plaza-cli"));
    if (!QFileInfo(cli).isExecutable()) {
        say(QStringLiteral("FAIL: %1 is not built").arg(cli));
        return 1;
    }
    ServerProcess server;
    if (!server.start())
        return 1;
    const quint16 port = server.port();
    const Account big = registerAccount(port, QStringLiteral("big"));
    const Account friendly = registerAccount(port, QStringLiteral("friendly"));
    if (big.token.isEmpty() || friendly.token.isEmpty()) {
        say(QStringLiteral("FAIL: could not register"));
        return 1;
    }
    say(QStringLiteral("making %1 messages, %2 transactions and %3 posts through the API").arg(messages).arg(transfers).arg(posts));

    // The conversation, then messages from both sides.
    const QJsonObject conversationBody{{QStringLiteral("member_ids"), QJsonArray{QString::fromLatin1(friendly.id)}}};
    const HttpAnswer conversation = exchange(port, httpRequest("POST", "/v1/conversations", big.token,
                                                               QJsonDocument(conversationBody).toJson(QJsonDocument::Compact)));
    const QByteArray conversationId = conversation.json().value(QStringLiteral("id")).toString().toLatin1();
    if (conversationId.isEmpty()) {
        say(QStringLiteral("FAIL: no conversation (%1)").arg(conversation.status));
        return 1;
    }
    const QByteArray messagesPath = "/v1/conversations/" + conversationId + "/messages";
    if (!loaded("messages",
                runLoad(port, 8, messages,
                        [&](int i) {
                            const Account &from = i % 3 == 0 ? big : friendly;
                            return httpRequest("POST", messagesPath, from.token,
                                               R"({"client_id":")" + key() + R"(","text":"Message )" + QByteArray::number(i) +
                                                   R"( about lunch, the weekend and the café on the corner"})");
                        },
                        201),
                messages))
        return 1;

    // Money: the friend tops up once and sends a cent at a time (a transaction and a wallet
    // update in big's log each).
    if (exchange(port, httpRequest("POST", "/v1/wallet/top-ups", friendly.token,
                                   R"({"amount":{"amount":)" + QByteArray::number(transfers + 100) +
                                       R"(,"currency":"EUR"},"card_token":"tok_visa"})",
                                   {"Idempotency-Key: " + key()}))
            .status != 201) {
        say(QStringLiteral("FAIL: top-up refused"));
        return 1;
    }
    if (!loaded("transfers",
                runLoad(port, 8, transfers,
                        [&](int) {
                            return httpRequest("POST", "/v1/transfers", friendly.token,
                                               R"({"to":")" + big.id + R"(","amount":{"amount":1,"currency":"EUR"},"note":"lunch"})",
                                               {"Idempotency-Key: " + key()});
                        },
                        201),
                transfers))
        return 1;

    if (!loaded("posts",
                runLoad(port, 8, posts,
                        [&](int i) {
                            const Account &from = i % 2 == 0 ? big : friendly;
                            return httpRequest("POST", "/v1/posts", from.token,
                                               R"({"client_id":")" + key() + R"(","text":"Post number )" + QByteArray::number(i) +
                                                   R"(: what I saw today in the park"})");
                        },
                        201),
                posts))
        return 1;

    // Server alone: every page of big's log, one connection, as a client would.
    QElapsedTimer timer;
    timer.start();
    qint64 since = 0;
    qint64 events = 0;
    int pages = 0;
    for (bool more = true; more; ++pages) {
        const HttpAnswer page = exchange(port, httpRequest("GET", "/v1/sync?since=" + QByteArray::number(since) + "&limit=1000", big.token));
        if (page.status != 200) {
            say(QStringLiteral("FAIL: GET /v1/sync answered %1").arg(page.status));
            return 1;
        }
        const QJsonObject json = page.json();
        events += json.value(QStringLiteral("events")).toArray().size();
        since = json.value(QStringLiteral("next_since")).toInteger();
        more = json.value(QStringLiteral("has_more")).toBool();
    }
    const double serverSeconds = timer.nsecsElapsed() / 1e9;
    say(QStringLiteral("server alone: %1 events in %2 pages, %3 s, %4 events/s")
            .arg(events).arg(pages).arg(serverSeconds, 0, 'f', 2).arg(events / serverSeconds, 0, 'f', 0));

    // The CLI: sign in and first sync into a fresh encrypted cache (passphrase, no keychain).
    QTemporaryDir home;
    QProcess login;
    login.setProgram(cli);
    login.setArguments({QStringLiteral("--no-keychain"), QStringLiteral("--data-dir"), home.filePath(QStringLiteral("data")),
                        QStringLiteral("--config-dir"), home.filePath(QStringLiteral("config")), QStringLiteral("login"),
                        QStringLiteral("--server"), QStringLiteral("http://127.0.0.1:%1").arg(port), QStringLiteral("--handle"),
                        QStringLiteral("big"), QStringLiteral("--password-stdin"), QStringLiteral("--passphrase-stdin")});
    login.setProcessChannelMode(QProcess::MergedChannels);
    timer.restart();
    login.start();
    login.write("correct horse battery\nbench passphrase 1\n");
    login.closeWriteChannel();
    if (!login.waitForFinished(600'000) || login.exitCode() != 0) {
        say(QStringLiteral("FAIL: plaza-cli login: %1").arg(QString::fromUtf8(login.readAll())));
        return 1;
    }
    const double cliSeconds = timer.nsecsElapsed() / 1e9;
    say(QStringLiteral("plaza-cli login (sign-in + first sync): %1 s, %2 events/s; %3x the server alone")
            .arg(cliSeconds, 0, 'f', 2).arg(events / cliSeconds, 0, 'f', 0).arg(cliSeconds / serverSeconds, 0, 'f', 2));
    say(QStringLiteral("  it said: %1").arg(QString::fromUtf8(login.readAll()).trimmed().replace(u'\n', QStringLiteral(" | "))));
    return 0;
}
