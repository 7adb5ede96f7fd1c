// SPDX-License-Identifier: MIT
// Files that queue like text (issue 16), through ChatService against the real plaza-server:
// sendFiles() refuses what it can see is wrong, stores the message with its files before
// anything goes out, and delivers it with its attachments once; a message queued while the
// server is down survives an app restart and arrives once when it is back; a queued file
// that vanished or changed fails its message with a clear reason, and it is not tried again.
// An upload the server lost (cancelled, expired) is started again. Posts with images go the
// same way through FeedService::postWithImages.
#include "chat/chatservice.h"
#include "feed/feedservice.h"
#include "common/testserver.h"
#include "dropproxy.h"
#include "integrationutil.h"
#include "media/mediatransfer.h"
#include "media/outgoingfiles.h"
#include "session/session.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QJsonArray>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <algorithm>

using namespace plaza;
using namespace plaza::chat;
using namespace plaza::test;

namespace {

const QString kPassword = QStringLiteral("files that queue like text");
const QString kPassphrase = QStringLiteral("chat files passphrase");

QByteArray randomBytes(qsizetype size, quint32 seed)
{
    QByteArray bytes(size, Qt::Uninitialized);
    QRandomGenerator gen(seed);
    for (qsizetype i = 0; i < size; ++i)
        bytes[i] = char(gen.bounded(256));
    return bytes;
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QVariantMap file(const QString &path, const QString &alt = {})
{
    return {{QStringLiteral("path"), path}, {QStringLiteral("alt"), alt}};
}

//! The messages of \a conversationId as another member sees them (newest first).
QJsonArray serverMessages(RemoteUser &who, const QString &conversationId)
{
    auto page = waitTask(who.api->get(QStringLiteral("/v1/conversations/%1/messages").arg(conversationId)));
    return page ? page->body.value(QStringLiteral("items")).toArray() : QJsonArray();
}

//! The client ids \a queued reported, in the order their messages were stored (their seq:
//! the order they were sent in). The signals themselves may come in another order: each is
//! said when its own write is answered.
QStringList inSendOrder(MessageOutbox &outbox, const QSignalSpy &queued)
{
    QList<std::pair<qint64, QString>> rows;
    for (const QList<QVariant> &signal : queued) {
        const QString id = signal.at(1).toString();
        auto row = outbox.find(id);
        rows.append({row ? row->seq : -1, id});
    }
    std::sort(rows.begin(), rows.end());
    QStringList ids;
    for (const auto &[seq, id] : std::as_const(rows))
        ids.append(id);
    return ids;
}

} // namespace

class ChatFilesTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void sendFilesValidatesAndDelivers();
    void queuedWhileTheServerIsDownArrivesOnce();
    void vanishedOrChangedFileFailsOnce();
    void filesAndTextKeepTheOrderTheyWereSentIn();
    void lostUploadIsStartedAgain();
    void postWithImagesQueuesAndDelivers();
    void postsKeepTheOrderTheyWerePostedIn();
    void aPostCanBeGivenUpMidUploadOrOnceRefused();

private:
    bool reopen();
    [[nodiscard]] QString selfId() const { return m_fixture->session->userId(); }
    //! Downloads \a mediaId as the friend; its bytes.
    QByteArray downloaded(const QString &mediaId);

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<SessionFixture> m_fixture;
    std::unique_ptr<ChatService> m_chat;
    std::optional<RemoteUser> m_friend;
    QString m_conversation;
    QTemporaryDir m_files;
};

void ChatFilesTest::init()
{
    m_server = std::make_unique<TestServer>();
    QVERIFY2(m_server->start(), qPrintable(m_server->lastError()));
    m_friend = registerUser(m_server->url(), QStringLiteral("filefriend"), kPassword);
    QVERIFY(m_friend);
    m_fixture = std::make_unique<SessionFixture>();
    QVERIFY(createAccount(*m_fixture->session, m_server->url(), uniqueHandle(QStringLiteral("files")),
                          QStringLiteral("File Sender"), kPassword, kPassphrase));
    m_chat = std::make_unique<ChatService>(m_fixture->session.get());
    QVERIFY(m_chat->start());
    auto c = createConversation(*m_friend, {selfId()});
    QVERIFY(c);
    m_conversation = *c;
}

void ChatFilesTest::cleanup()
{
    m_chat.reset();
    m_fixture.reset();
    m_friend.reset();
    m_server.reset();
}

bool ChatFilesTest::reopen()
{
    m_chat.reset();
    m_fixture->reopen();
    Session &session = *m_fixture->session;
    m_chat = std::make_unique<ChatService>(&session);
    session.restore();
    if (!waitIdle(session))
        return false;
    if (session.state() == Session::State::NeedsPassphrase) {
        session.submitPassphrase(kPassphrase);
        if (!waitIdle(session))
            return false;
    }
    return session.state() == Session::State::Ready && m_chat->outbox();
}

QByteArray ChatFilesTest::downloaded(const QString &mediaId)
{
    QTemporaryDir out;
    const QString target = out.filePath(QStringLiteral("back"));
    const Status st = waitTask(media::download(*m_friend->api, mediaId, target));
    return st ? readFile(target) : QByteArray();
}

void ChatFilesTest::sendFilesValidatesAndDelivers()
{
    const QString notes = m_files.filePath(QStringLiteral("notes.txt"));
    QVERIFY(writeFile(notes, "Bring bread and cheese.\n"));
    const QByteArray archiveBytes = randomBytes(3 * 1024 * 1024 + 17, 7);
    const QString archive = m_files.filePath(QStringLiteral("archive.bin"));
    QVERIFY(writeFile(archive, archiveBytes));
    const QString empty = m_files.filePath(QStringLiteral("empty.txt"));
    QVERIFY(writeFile(empty, {}));

    // Refused at once, nothing stored: each with its code and field.
    QSignalSpy refused(m_chat.get(), &ChatService::sendRefused);
    QVariantList eleven;
    for (int i = 0; i < 11; ++i)
        eleven.append(file(notes));
    QVERIFY(!m_chat->sendFiles(m_conversation, {}, eleven));
    QVERIFY(!m_chat->sendFiles(m_conversation, {}, {file(m_files.filePath(QStringLiteral("missing.jpg")))}));
    QVERIFY(!m_chat->sendFiles(m_conversation, {}, {file(empty)}));
    QVERIFY(!m_chat->sendFiles(m_conversation, {}, {}));
    QVERIFY(!m_chat->sendFiles(m_conversation, QStringLiteral("   "), {file(notes)}));
    QVERIFY(!m_chat->sendFiles(m_conversation, {}, {file(notes, QString(1001, u'a'))}));
    QCOMPARE(refused.size(), 6);
    QCOMPARE(refused.at(0), (QVariantList{QStringLiteral("validation_failed"), QStringLiteral("files")}));
    QCOMPARE(refused.at(1), (QVariantList{QStringLiteral("validation_failed"), QStringLiteral("files")}));
    QCOMPARE(refused.at(2), (QVariantList{QStringLiteral("validation_failed"), QStringLiteral("files")}));
    QCOMPARE(refused.at(3).at(1).toString(), QStringLiteral("text"));
    QCOMPARE(refused.at(4).at(1).toString(), QStringLiteral("text"));
    QCOMPARE(refused.at(5).at(1).toString(), QStringLiteral("alt"));
    QCOMPARE(m_chat->outbox()->pending()->size(), 0);

    // Two files (one by file:// URL) with alt text: stored first, then uploaded and sent once.
    QSignalSpy queued(m_chat.get(), &ChatService::messageQueued);
    QSignalSpy sent(m_chat.get(), &ChatService::messageSent);
    QSignalSpy progress(m_chat.get(), &ChatService::uploadProgress);
    QVERIFY(m_chat->sendFiles(m_conversation, QStringLiteral("For Saturday"),
                              {file(notes, QStringLiteral("The list")), file(QUrl::fromLocalFile(archive).toString())}));
    QTRY_COMPARE_WITH_TIMEOUT(queued.size(), 1, 10000);
    const QString clientId = queued.at(0).at(1).toString();
    QTRY_COMPARE_WITH_TIMEOUT(sent.size(), 1, 30000);
    QCOMPARE(sent.at(0).at(0).toString(), clientId);
    QCOMPARE(refused.size(), 6);

    // Progress for both files, each ending at its size; the row keeps where each upload ended.
    QVERIFY(progress.size() >= 2);
    QCOMPARE(progress.constLast().at(0).toString(), clientId);
    QCOMPARE(progress.constLast().at(1).toInt(), 1);
    QCOMPARE(progress.constLast().at(2).toLongLong(), archiveBytes.size());
    QCOMPARE(progress.constLast().at(3).toLongLong(), archiveBytes.size());
    auto row = m_chat->outbox()->find(clientId);
    QVERIFY(row);
    QCOMPARE(row->state, OutgoingMessage::State::Sent);
    QCOMPARE(row->files.size(), 2);
    for (const media::OutgoingFile &f : std::as_const(row->files)) {
        QCOMPARE(f.state, media::OutgoingFile::State::Uploaded);
        QVERIFY(f.mediaId.startsWith(QStringLiteral("md_")));
        QCOMPARE(f.offset, f.size);
    }
    QCOMPARE(row->files.at(0).alt, QStringLiteral("The list"));
    QCOMPARE(row->files.at(1).path, QFileInfo(archive).absoluteFilePath());

    // The friend has one message with both files, in order, byte for byte.
    const QJsonArray messages = serverMessages(*m_friend, m_conversation);
    QCOMPARE(messages.size(), 1);
    const QJsonObject message = messages.at(0).toObject();
    QCOMPARE(message.value(QStringLiteral("client_id")).toString(), clientId);
    QCOMPARE(message.value(QStringLiteral("text")).toString(), QStringLiteral("For Saturday"));
    const QJsonArray attachments = message.value(QStringLiteral("attachments")).toArray();
    QCOMPARE(attachments.size(), 2);
    QCOMPARE(attachments.at(0).toObject().value(QStringLiteral("alt")).toString(), QStringLiteral("The list"));
    const QString archiveId = attachments.at(1).toObject().value(QStringLiteral("media")).toObject().value(QStringLiteral("id")).toString();
    QCOMPARE(archiveId, row->files.at(1).mediaId);
    QCOMPARE(downloaded(archiveId), archiveBytes);
}

void ChatFilesTest::queuedWhileTheServerIsDownArrivesOnce()
{
    const QByteArray bytes = randomBytes(2 * 1024 * 1024 + 5, 11);
    const QString path = m_files.filePath(QStringLiteral("offline.bin"));
    QVERIFY(writeFile(path, bytes));
    Session &session = *m_fixture->session;
    m_server->kill();
    QTRY_VERIFY_WITH_TIMEOUT(!session.online(), 15000);

    QSignalSpy queued(m_chat.get(), &ChatService::messageQueued);
    QVERIFY(m_chat->sendFiles(m_conversation, {}, {file(path, QStringLiteral("noise"))})); // a file, no text
    QTRY_COMPARE_WITH_TIMEOUT(queued.size(), 1, 10000);
    const QString clientId = queued.at(0).at(1).toString();
    {
        auto row = m_chat->outbox()->find(clientId);
        QVERIFY(row);
        QCOMPARE(row->state, OutgoingMessage::State::Sending);
        QCOMPARE(row->files.size(), 1);
        QCOMPARE(row->files.at(0).size, bytes.size());
        QVERIFY(row->files.at(0).mediaId.isEmpty());
    }
    // Stored at once; its hash is written in once the file is read (before the restart below).
    const QString hash = QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
    QTRY_COMPARE_WITH_TIMEOUT(m_chat->outbox()->find(clientId)->files.at(0).sha256, hash, 10000);

    // The app restarts while the server is still down: the row and its files are kept.
    QVERIFY(reopen());
    QCOMPARE(m_chat->pendingCount(), 1);
    QVERIFY(m_chat->outbox()->find(clientId));

    // The server comes back: uploaded, then sent, once.
    QVERIFY2(m_server->restart(), qPrintable(m_server->lastError()));
    QTRY_COMPARE_WITH_TIMEOUT(m_chat->pendingCount(), 0, 60000);
    QCOMPARE(m_chat->failedCount(), 0);
    const QJsonArray messages = serverMessages(*m_friend, m_conversation);
    QCOMPARE(messages.size(), 1);
    QCOMPARE(messages.at(0).toObject().value(QStringLiteral("text")).toString(), QString());
    const QJsonArray attachments = messages.at(0).toObject().value(QStringLiteral("attachments")).toArray();
    QCOMPARE(attachments.size(), 1);
    QCOMPARE(attachments.at(0).toObject().value(QStringLiteral("alt")).toString(), QStringLiteral("noise"));
    const QString id = attachments.at(0).toObject().value(QStringLiteral("media")).toObject().value(QStringLiteral("id")).toString();
    QCOMPARE(downloaded(id), bytes);
}

void ChatFilesTest::vanishedOrChangedFileFailsOnce()
{
    const QString gone = m_files.filePath(QStringLiteral("gone.bin"));
    const QString changed = m_files.filePath(QStringLiteral("changed.bin"));
    QVERIFY(writeFile(gone, randomBytes(4096, 3)));
    QVERIFY(writeFile(changed, randomBytes(4096, 4)));
    Session &session = *m_fixture->session;
    m_server->kill();
    QTRY_VERIFY_WITH_TIMEOUT(!session.online(), 15000);

    QSignalSpy queued(m_chat.get(), &ChatService::messageQueued);
    QVERIFY(m_chat->sendFiles(m_conversation, QStringLiteral("This one is gone"), {file(gone)}));
    QVERIFY(m_chat->sendFiles(m_conversation, QStringLiteral("This one changed"), {file(changed)}));
    QTRY_COMPARE_WITH_TIMEOUT(queued.size(), 2, 10000);
    // Stored in the order they were sent; the files are read on a worker thread meanwhile, and
    // the change below comes after the row has its hash (the file as it was when sent).
    const QStringList ids = inSendOrder(*m_chat->outbox(), queued);
    const QString goneId = ids.at(0);
    const QString changedId = ids.at(1);
    QCOMPARE(m_chat->outbox()->find(goneId)->text, QStringLiteral("This one is gone"));
    QCOMPARE(m_chat->outbox()->find(changedId)->text, QStringLiteral("This one changed"));
    for (const QString &id : ids) // both: a first try may be reading either file
        QTRY_VERIFY_WITH_TIMEOUT(!m_chat->outbox()->find(id)->files.at(0).sha256.isEmpty(), 10000);
    QVERIFY(QFile::remove(gone));
    QVERIFY(writeFile(changed, randomBytes(4096, 5))); // same size, other bytes

    QSignalSpy failed(m_chat.get(), &ChatService::messageFailed);
    QVERIFY2(m_server->restart(), qPrintable(m_server->lastError()));
    QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 2, 60000);
    const QList<QVariantList> failures{failed.at(0), failed.at(1)};
    QVERIFY(failures.contains(QVariantList{goneId, QStringLiteral("validation_failed")}));
    QVERIFY(failures.contains(QVariantList{changedId, QStringLiteral("validation_failed")}));
    QCOMPARE(m_chat->pendingCount(), 0);
    QCOMPARE(m_chat->failedCount(), 2);

    // Each row says which file and why; nothing reached the server.
    auto goneRow = m_chat->outbox()->find(goneId);
    auto changedRow = m_chat->outbox()->find(changedId);
    QVERIFY(goneRow && changedRow);
    QCOMPARE(goneRow->state, OutgoingMessage::State::Failed);
    QCOMPARE(goneRow->errorCode, QStringLiteral("validation_failed"));
    QVERIFY2(goneRow->errorMessage.contains(QStringLiteral("is gone")), qPrintable(goneRow->errorMessage));
    QCOMPARE(goneRow->files.at(0).state, media::OutgoingFile::State::Missing);
    QCOMPARE(changedRow->files.at(0).state, media::OutgoingFile::State::Changed);
    QVERIFY(changedRow->files.at(0).uploadId.isEmpty());
    const int goneAttempts = goneRow->attempts;
    const int changedAttempts = changedRow->attempts;
    QCOMPARE(serverMessages(*m_friend, m_conversation).size(), 0);

    // Not looping: another round (and a reconnect) leaves them as they are.
    auto left = waitTask(m_chat->flush());
    QVERIFY(left);
    QCOMPARE(*left, 0);
    QTest::qWait(500);
    QCOMPARE(m_chat->outbox()->find(goneId)->attempts, goneAttempts);
    QCOMPARE(m_chat->outbox()->find(changedId)->attempts, changedAttempts);
    QCOMPARE(failed.size(), 2);

    // discard() forgets a failed one.
    m_chat->discard(goneId);
    QTRY_COMPARE_WITH_TIMEOUT(m_chat->failedCount(), 1, 5000);
    QVERIFY(!m_chat->outbox()->find(goneId));
}

void ChatFilesTest::filesAndTextKeepTheOrderTheyWereSentIn()
{
    // A big file (read and hashed for a while), then text, then a small file, sent at once:
    // each is queued when it is sent, so the friend gets them in that order.
    const QByteArray bigBytes = randomBytes(24 * 1024 * 1024, 21);
    const QString big = m_files.filePath(QStringLiteral("big.bin"));
    QVERIFY(writeFile(big, bigBytes));
    const QString small = m_files.filePath(QStringLiteral("small.txt"));
    QVERIFY(writeFile(small, "small\n"));

    QSignalSpy queued(m_chat.get(), &ChatService::messageQueued);
    QSignalSpy sent(m_chat.get(), &ChatService::messageSent);
    QVERIFY(m_chat->sendFiles(m_conversation, QStringLiteral("First, the big one"), {file(big)}));
    QVERIFY(m_chat->send(m_conversation, QStringLiteral("Second, text")));
    QVERIFY(m_chat->sendFiles(m_conversation, QStringLiteral("Third, the small one"), {file(small)}));
    QTRY_COMPARE_WITH_TIMEOUT(queued.size(), 3, 10000);
    const QStringList order = inSendOrder(*m_chat->outbox(), queued); // before any row is pruned
    QTRY_COMPARE_WITH_TIMEOUT(sent.size(), 3, 60000);
    QCOMPARE(m_chat->failedCount(), 0);

    const QJsonArray messages = serverMessages(*m_friend, m_conversation); // newest first
    QCOMPARE(messages.size(), 3);
    QCOMPARE(messages.at(2).toObject().value(QStringLiteral("text")).toString(), QStringLiteral("First, the big one"));
    QCOMPARE(messages.at(1).toObject().value(QStringLiteral("text")).toString(), QStringLiteral("Second, text"));
    QCOMPARE(messages.at(0).toObject().value(QStringLiteral("text")).toString(), QStringLiteral("Third, the small one"));
    for (int i = 0; i < 3; ++i)
        QCOMPARE(messages.at(2 - i).toObject().value(QStringLiteral("client_id")).toString(), order.at(i));

    // The big file went byte for byte, and its row kept the hash of what was queued.
    auto row = m_chat->outbox()->find(order.at(0));
    QVERIFY(row);
    QCOMPARE(row->files.at(0).sha256,
             QString::fromLatin1(QCryptographicHash::hash(bigBytes, QCryptographicHash::Sha256).toHex()));
    QCOMPARE(row->files.at(0).mime, QStringLiteral("application/octet-stream"));
    QCOMPARE(downloaded(row->files.at(0).mediaId), bigBytes);

    // A row stored before its file was read (the app closed meanwhile): its first try reads it,
    // keeps the hash in the row and sends those bytes.
    const QByteArray lateBytes = randomBytes(300 * 1024 + 3, 22);
    const QString late = m_files.filePath(QStringLiteral("late.bin"));
    QVERIFY(writeFile(late, lateBytes));
    auto stored = waitTask(m_chat->queue(m_conversation, QStringLiteral("Read late"), {}, {media::sketchFile(late, {})}));
    QVERIFY(stored);
    QVERIFY(stored->files.at(0).sha256.isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(sent.size(), 4, 30000);
    auto lateRow = m_chat->outbox()->find(stored->clientId);
    QVERIFY(lateRow);
    QCOMPARE(lateRow->state, OutgoingMessage::State::Sent);
    QCOMPARE(lateRow->files.at(0).sha256,
             QString::fromLatin1(QCryptographicHash::hash(lateBytes, QCryptographicHash::Sha256).toHex()));
    QCOMPARE(downloaded(lateRow->files.at(0).mediaId), lateBytes);
}

void ChatFilesTest::lostUploadIsStartedAgain()
{
    // A second device of ours, through a proxy that fails every chunk (503) for a while.
    DropProxy proxy(m_server->port());
    QVERIFY(proxy.listening());
    proxy.setWatched("PUT /v1/uploads/");
    proxy.setFailing(503);
    SessionFixture device;
    QVERIFY(createAccount(*device.session, proxy.url(), uniqueHandle(QStringLiteral("lost")), QStringLiteral("Lost Upload"),
                          kPassword, kPassphrase));
    ChatService chat(device.session.get());
    QVERIFY(chat.start());
    auto c = createConversation(*m_friend, {device.session->userId()});
    QVERIFY(c);
    const QByteArray bytes = randomBytes(1536 * 1024, 21);
    const QString path = m_files.filePath(QStringLiteral("lost.bin"));
    QVERIFY(writeFile(path, bytes));

    QSignalSpy queued(&chat, &ChatService::messageQueued);
    QVERIFY(chat.sendFiles(*c, QStringLiteral("Second time lucky"), {file(path)}));
    QTRY_COMPARE_WITH_TIMEOUT(queued.size(), 1, 10000);
    const QString clientId = queued.at(0).at(1).toString();
    // The upload exists (its id is in the row) but its chunks do not get through.
    QTRY_VERIFY_WITH_TIMEOUT(proxy.failed() > 0 && !chat.outbox()->find(clientId)->files.at(0).uploadId.isEmpty(), 20000);
    const QString firstUpload = chat.outbox()->find(clientId)->files.at(0).uploadId;
    QCOMPARE(chat.outbox()->find(clientId)->state, OutgoingMessage::State::Sending);

    // The server loses it (here: cancelled by another client of the same account).
    net::ApiClient other;
    other.setBaseUrl(m_server->url());
    QVERIFY(waitTask(other.login(device.session->handle(), kPassword)));
    QVERIFY(waitTask(other.del(QStringLiteral("/v1/uploads/%1").arg(firstUpload))));

    // Chunks get through again: the next try finds the upload gone, starts a new one, and
    // the message arrives once with the file whole.
    proxy.setFailing(0);
    QTRY_COMPARE_WITH_TIMEOUT(chat.pendingCount(), 0, 60000);
    QCOMPARE(chat.failedCount(), 0);
    auto row = chat.outbox()->find(clientId);
    QVERIFY(row);
    QCOMPARE(row->state, OutgoingMessage::State::Sent);
    QVERIFY(!row->files.at(0).uploadId.isEmpty());
    QVERIFY(row->files.at(0).uploadId != firstUpload);
    const QJsonArray messages = serverMessages(*m_friend, *c);
    QCOMPARE(messages.size(), 1);
    const QJsonArray attachments = messages.at(0).toObject().value(QStringLiteral("attachments")).toArray();
    QCOMPARE(attachments.size(), 1);
    QCOMPARE(downloaded(attachments.at(0).toObject().value(QStringLiteral("media")).toObject().value(QStringLiteral("id")).toString()),
             bytes);
}

void ChatFilesTest::postWithImagesQueuesAndDelivers()
{
    QImage image(640, 480, QImage::Format_RGB32);
    image.fill(qRgb(30, 140, 90));
    const QString path = m_files.filePath(QStringLiteral("meadow.png"));
    QVERIFY(image.save(path, "PNG"));
    feed::FeedService feed(m_fixture->session.get());
    QVERIFY(feed.start());

    // Refused at once: too many images, a missing one, alt text too long.
    QSignalSpy failed(&feed, &feed::FeedService::actionFailed);
    QVariantList five;
    for (int i = 0; i < 5; ++i)
        five.append(file(path));
    QVERIFY(!feed.postWithImages(QStringLiteral("x"), five));
    QVERIFY(!feed.postWithImages({}, {file(m_files.filePath(QStringLiteral("nowhere.png")))}));
    QVERIFY(!feed.postWithImages({}, {file(path, QString(1001, u'a'))}));
    QVERIFY(!feed.postWithImages({}, {}));
    QCOMPARE(failed.size(), 4);
    QCOMPARE(failed.at(0), (QVariantList{QStringLiteral("validation_failed"), QStringLiteral("images")}));
    QCOMPARE(failed.at(1), (QVariantList{QStringLiteral("validation_failed"), QStringLiteral("images")}));
    QCOMPARE(failed.at(2).at(1).toString(), QStringLiteral("alt"));
    QCOMPARE(failed.at(3).at(1).toString(), QStringLiteral("text"));

    // Without text, one image with its alt text: queued with it, uploaded, posted once.
    QSignalSpy queued(&feed, &feed::FeedService::postQueued);
    QSignalSpy sent(&feed, &feed::FeedService::postSent);
    QSignalSpy progress(&feed, &feed::FeedService::uploadProgress);
    QVERIFY(feed.postWithImages({}, {file(QUrl::fromLocalFile(path).toString(), QStringLiteral("A green meadow"))}));
    QTRY_COMPARE_WITH_TIMEOUT(sent.size(), 1, 30000);
    QCOMPARE(queued.size(), 1);
    const QString clientId = queued.at(0).at(1).toString();
    QCOMPARE(sent.at(0).at(0).toString(), clientId);
    QVERIFY(!progress.isEmpty());
    QCOMPARE(progress.constLast().at(2).toLongLong(), progress.constLast().at(3).toLongLong());
    QCOMPARE(failed.size(), 4);
    auto post = waitTask(m_friend->api->get(QStringLiteral("/v1/posts/%1").arg(sent.at(0).at(1).toString())));
    QVERIFY(post);
    QCOMPARE(post->body.value(QStringLiteral("client_id")).toString(), clientId);
    const QJsonArray images = post->body.value(QStringLiteral("images")).toArray();
    QCOMPARE(images.size(), 1);
    QCOMPARE(images.at(0).toObject().value(QStringLiteral("alt")).toString(), QStringLiteral("A green meadow"));
    QCOMPARE(images.at(0).toObject().value(QStringLiteral("media")).toObject().value(QStringLiteral("width")).toInt(), 640);
    auto pending = feed.store()->outbox(false);
    QVERIFY(pending);
    QCOMPARE(pending->size(), 0);
}

void ChatFilesTest::postsKeepTheOrderTheyWerePostedIn()
{
    // A post with a photo (read and hashed on a worker thread), then a text post at once: each
    // is queued when it is posted, so they go out, and are shown, in that order.
    QImage image(800, 600, QImage::Format_RGB32);
    image.fill(qRgb(200, 120, 40));
    const QString path = m_files.filePath(QStringLiteral("sunset.png"));
    QVERIFY(image.save(path, "PNG"));
    feed::FeedService feed(m_fixture->session.get());
    QVERIFY(feed.start());

    QSignalSpy queued(&feed, &feed::FeedService::postQueued);
    QSignalSpy sent(&feed, &feed::FeedService::postSent);
    QVERIFY(feed.postWithImages(QStringLiteral("First, the photo"), {file(path, QStringLiteral("An orange sky"))}));
    feed.compose(QStringLiteral("Second, words"));
    QTRY_COMPARE_WITH_TIMEOUT(queued.size(), 2, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(sent.size(), 2, 30000);
    const QString photoId = queued.at(0).at(1).toString();
    const QString wordsId = queued.at(1).at(1).toString();

    auto mine = waitTask(m_friend->api->get(QStringLiteral("/v1/users/%1/posts").arg(selfId())));
    QVERIFY(mine);
    QJsonArray posts; // oldest first, only this test's two
    for (const QJsonValue &p : mine->body.value(QStringLiteral("items")).toArray()) {
        const QString clientId = p.toObject().value(QStringLiteral("client_id")).toString();
        if (clientId == photoId || clientId == wordsId)
            posts.prepend(p);
    }
    QCOMPARE(posts.size(), 2);
    QCOMPARE(posts.at(0).toObject().value(QStringLiteral("text")).toString(), QStringLiteral("First, the photo"));
    QCOMPARE(posts.at(0).toObject().value(QStringLiteral("client_id")).toString(), photoId);
    QCOMPARE(posts.at(1).toObject().value(QStringLiteral("text")).toString(), QStringLiteral("Second, words"));
    QCOMPARE(posts.at(1).toObject().value(QStringLiteral("client_id")).toString(), wordsId);

    // The photo went whole (its upload is checked against the hash read after it was queued).
    const QJsonArray images = posts.at(0).toObject().value(QStringLiteral("images")).toArray();
    QCOMPARE(images.size(), 1);
    QCOMPARE(images.at(0).toObject().value(QStringLiteral("alt")).toString(), QStringLiteral("An orange sky"));
    QCOMPARE(images.at(0).toObject().value(QStringLiteral("media")).toObject().value(QStringLiteral("width")).toInt(), 800);
    QVERIFY(feed.store()->outbox(false)->isEmpty());
}

void ChatFilesTest::aPostCanBeGivenUpMidUploadOrOnceRefused()
{
    // A photo of noise (PNG cannot shrink it): several 1 MiB chunks, so the upload is caught
    // after its first one.
    QImage noise(1400, 1100, QImage::Format_RGB32);
    QRandomGenerator gen(7);
    for (int y = 0; y < noise.height(); ++y) {
        auto *line = reinterpret_cast<QRgb *>(noise.scanLine(y));
        for (int x = 0; x < noise.width(); ++x)
            line[x] = gen.generate() | 0xff000000u;
    }
    const QString big = m_files.filePath(QStringLiteral("noise.png"));
    QVERIFY(noise.save(big, "PNG"));
    QVERIFY(QFileInfo(big).size() > 3 * 1024 * 1024);
    feed::FeedService feed(m_fixture->session.get());
    QVERIFY(feed.start());

    // Given up after its first chunk: the upload stops there, the row goes, no post.
    QSignalSpy queued(&feed, &feed::FeedService::postQueued);
    QSignalSpy sent(&feed, &feed::FeedService::postSent);
    QString discarded;
    qint64 reached = 0;
    qint64 total = 0;
    connect(&feed, &feed::FeedService::uploadProgress, &feed,
            [&](const QString &clientId, int, qint64 done, qint64 of) {
                if (clientId != queued.value(0).value(1).toString())
                    return;
                reached = std::max(reached, done);
                total = of;
                if (discarded.isEmpty() && done > 0) {
                    discarded = clientId;
                    feed.discard(clientId);
                }
            });
    QVERIFY(feed.postWithImages(QStringLiteral("Given up halfway"), {file(big, QStringLiteral("Noise"))}));
    QTRY_VERIFY_WITH_TIMEOUT(!discarded.isEmpty(), 30000);
    QTRY_COMPARE_WITH_TIMEOUT(feed.store()->outbox(false)->size(), qsizetype(0), 10000);

    // A post after it goes out alone (posts go in order: the given-up one no longer waits).
    feed.compose(QStringLiteral("Sent after the one given up"));
    QTRY_COMPARE_WITH_TIMEOUT(sent.size(), 1, 30000);
    QCOMPARE(sent.at(0).at(0).toString(), queued.at(1).at(1).toString());
    auto mine = waitTask(m_friend->api->get(QStringLiteral("/v1/users/%1/posts").arg(selfId())));
    QVERIFY(mine);
    const QJsonArray posts = mine->body.value(QStringLiteral("items")).toArray();
    QCOMPARE(posts.size(), 1);
    QCOMPARE(posts.at(0).toObject().value(QStringLiteral("text")).toString(), QStringLiteral("Sent after the one given up"));
    QVERIFY2(reached < total, qPrintable(QStringLiteral("%1 of %2 bytes went").arg(reached).arg(total)));

    // A file that lies about its type: the server refuses the post; it stays, failed, until discarded.
    const QString fake = m_files.filePath(QStringLiteral("fake.png"));
    QVERIFY(writeFile(fake, randomBytes(64 * 1024, 8)));
    QVERIFY(feed.postWithImages(QStringLiteral("Not a photo at all"), {file(fake)}));
    QTRY_COMPARE_WITH_TIMEOUT(queued.size(), 3, 10000);
    const QString fakeId = queued.constLast().at(1).toString();
    const auto stateOfFake = [&]() -> QString {
        auto rows = feed.store()->outbox(false);
        return rows && rows->size() == 1 && rows->at(0).clientId == fakeId ? rows->at(0).state : QString();
    };
    QTRY_COMPARE_WITH_TIMEOUT(stateOfFake(), QStringLiteral("failed"), 30000);
    QCOMPARE(sent.size(), 1);
    feed.discard(fakeId);
    QTRY_COMPARE_WITH_TIMEOUT(feed.store()->outbox(false)->size(), qsizetype(0), 10000);

    // Discarding what is not waiting any more says so.
    QSignalSpy actionFailed(&feed, &feed::FeedService::actionFailed);
    feed.discard(sent.at(0).at(0).toString());
    QTRY_COMPARE_WITH_TIMEOUT(actionFailed.size(), 1, 10000);
    QCOMPARE(actionFailed.at(0).at(0).toString(), QStringLiteral("not_found"));
}

QTEST_GUILESS_MAIN(ChatFilesTest)
#include "tst_chatfiles.moc"
