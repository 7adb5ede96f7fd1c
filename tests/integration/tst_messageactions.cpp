// SPDX-License-Identifier: MIT
// Message actions on the client (issue 17). First in a real SQLCipher cache through the
// EventApplier: message.edited (the newest edit wins, also over an older copy applied later;
// the full-text index follows), message.deleted (a tombstone, the text out of the index, the
// replies quoting it say "deleted"; a replay changes nothing), message.reaction, and "delete
// for me". Then two plaza-cli users on the real server: what one edits, deletes, reacts to,
// replies to and forwards reaches the other, also when the other was away (its cache read
// offline first, then synced), and the other's search never finds deleted or replaced words. And
// the MessagesModel roles QML reads of each action.
#include "integrationutil.h"

#include "chat/chatqueries.h"
#include "chat/messageactionroles.h"
#include "chat/messagesmodel.h"
#include "common/testserver.h"
#include "protocol/chat.h"
#include "protocol/json.h"
#include "storage/cacheschema.h"
#include "storage/chatstore.h"
#include "storage/database.h"
#include "storage/statementcache.h"
#include "storage/usersstore.h"
#include "sync/eventapplier.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using namespace plaza;
using namespace plaza::test;

namespace {

const QString kMe = QStringLiteral("u_me");
const QString kPassword = QStringLiteral("actions password");
const QString kPassphrase = QStringLiteral("actions passphrase");

protocol::Message textMessage(const QString &id, const QString &text, const QString &at)
{
    protocol::Message m;
    m.id = id;
    m.clientId = id + QStringLiteral("-c");
    m.conversationId = QStringLiteral("c_1");
    m.sender = protocol::User{QStringLiteral("u_a"), QStringLiteral("ana"), QStringLiteral("Ana"),
                              QStringLiteral("person"), false, 0, 0, false};
    m.text = text;
    m.createdAt = protocol::parseTime(at);
    return m;
}

protocol::Event logEvent(qint64 seq, protocol::EventType type, const QJsonObject &data)
{
    return protocol::Event{seq, protocol::eventName(type), data};
}

//! One plaza-cli user: its own data and config folders (its own device and cache).
struct CliUser {
    QTemporaryDir data;
    QTemporaryDir config;
    QString handle;
    CliRun run(const QStringList &args, const QByteArray &stdinData = {}) const
    {
        return runCli(args, stdinData, cliEnvironment(kPassphrase), data.path(), config.path());
    }
};

//! The line of `chat` output for message \a id (ids come first).
QString lineOf(const CliRun &run, const QString &id)
{
    for (const QString &line : run.out.split(u'\n')) {
        if (line.startsWith(id + QStringLiteral("  ")))
            return line;
    }
    return {};
}

} // namespace

class MessageActionsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // The cache, through the applier.
    void editsInTheCache();
    void tombstonesInTheCache();
    void reactionsAndHiddenInTheCache();
    void modelRoles();
    // Two CLI users and the server.
    void twoUsersConverge();

private:
    static Result<QList<chat::MessageRow>> rows(storage::Database &db)
    {
        return chat::readMessages(db, kMe, QStringLiteral("c_1"), {}, {}, 50);
    }
    static int hits(storage::Database &db, const QString &words)
    {
        auto found = chat::searchMessages(db, kMe, words);
        return found ? int(found->size()) : -1;
    }
};

void MessageActionsTest::editsInTheCache()
{
    QTemporaryDir dir;
    auto db = storage::openCache(dir.filePath(QStringLiteral("cache.db")), QByteArray(32, '\x21'));
    QVERIFY(db);
    sync::EventApplier applier(**db, kMe);
    QVERIFY(applier.load());

    const protocol::Message original = textMessage(QStringLiteral("m_1"), QStringLiteral("rendez-vous gare"),
                                                   QStringLiteral("2026-11-22T09:00:00.000Z"));
    protocol::Message first = original;
    first.text = QStringLiteral("rendez-vous musée");
    first.editedAt = protocol::parseTime(QStringLiteral("2026-11-22T09:05:00.000Z"));
    protocol::Message second = original;
    second.text = QStringLiteral("rendez-vous château");
    second.editedAt = protocol::parseTime(QStringLiteral("2026-11-22T09:06:00.000Z"));
    protocol::Message reply = textMessage(QStringLiteral("m_2"), QStringLiteral("ok"), QStringLiteral("2026-11-22T09:07:00.000Z"));
    reply.replyTo = protocol::ReplyRef{QStringLiteral("m_1"), QStringLiteral("u_a"), QStringLiteral("Ana"),
                                       protocol::replySnippet(second.text), false};

    auto applied = applier.applyBatch({logEvent(1, protocol::EventType::MessageCreated, original.toJson()),
                                       logEvent(2, protocol::EventType::MessageEdited, first.toJson()),
                                       logEvent(3, protocol::EventType::MessageEdited, second.toJson()),
                                       logEvent(4, protocol::EventType::MessageCreated, reply.toJson())},
                                      4);
    QVERIFY(applied);
    QCOMPARE(applied->applied, 4);
    auto list = rows(**db);
    QVERIFY(list);
    QCOMPARE(list->size(), 2);
    QCOMPARE(list->at(0).text, QStringLiteral("rendez-vous château"));
    QCOMPARE(list->at(0).editedAt, QStringLiteral("2026-11-22T09:06:00.000Z"));
    QCOMPARE(list->at(1).replySnippet, QStringLiteral("rendez-vous château"));
    // The index follows the text: the old words are gone, the new ones found (accents folded).
    QCOMPARE(hits(**db, QStringLiteral("gare")), 0);
    QCOMPARE(hits(**db, QStringLiteral("musee")), 0);
    QCOMPARE(hits(**db, QStringLiteral("chateau")), 1);

    // A replayed batch is skipped by the cursor; an older copy stored afterwards (a page read
    // before the edit, the first edit applied late) does not win over the newest edit.
    auto replay = applier.applyBatch({logEvent(2, protocol::EventType::MessageEdited, first.toJson())}, 4);
    QVERIFY(replay);
    QCOMPARE(replay->applied, 0);
    storage::RowChanges changes;
    QVERIFY(applier.applyEvent(logEvent(5, protocol::EventType::MessageEdited, first.toJson()), changes));
    QVERIFY(applier.applyEvent(logEvent(6, protocol::EventType::MessageCreated, original.toJson()), changes));
    list = rows(**db);
    QVERIFY(list);
    QCOMPARE(list->at(0).text, QStringLiteral("rendez-vous château"));
    QCOMPARE(list->at(0).editedAt, QStringLiteral("2026-11-22T09:06:00.000Z"));
    QCOMPARE(hits(**db, QStringLiteral("chateau")), 1);
    QCOMPARE(hits(**db, QStringLiteral("gare")), 0);
    QCOMPARE((*db)->unfinishedStatements(), 0);
}

void MessageActionsTest::tombstonesInTheCache()
{
    QTemporaryDir dir;
    auto db = storage::openCache(dir.filePath(QStringLiteral("cache.db")), QByteArray(32, '\x22'));
    QVERIFY(db);
    sync::EventApplier applier(**db, kMe);
    QVERIFY(applier.load());

    protocol::Message original = textMessage(QStringLiteral("m_1"), QStringLiteral("le code est zèbre42"),
                                             QStringLiteral("2026-11-22T09:00:00.000Z"));
    original.reactions = {protocol::Reaction{QStringLiteral("👍"), 1, true, {kMe}}};
    protocol::Message reply = textMessage(QStringLiteral("m_2"), QStringLiteral("noté"), QStringLiteral("2026-11-22T09:01:00.000Z"));
    reply.replyTo = protocol::ReplyRef{QStringLiteral("m_1"), QStringLiteral("u_a"), QStringLiteral("Ana"),
                                       QStringLiteral("le code est zèbre42"), false};
    const protocol::MessageDeleted deleted{QStringLiteral("m_1"), QStringLiteral("c_1"),
                                           protocol::parseTime(QStringLiteral("2026-11-22T09:02:00.000Z"))};
    auto applied = applier.applyBatch({logEvent(1, protocol::EventType::MessageCreated, original.toJson()),
                                       logEvent(2, protocol::EventType::MessageCreated, reply.toJson())},
                                      2);
    QVERIFY(applied);
    QCOMPARE(hits(**db, QStringLiteral("zebre42")), 1);
    applied = applier.applyBatch({logEvent(3, protocol::EventType::MessageDeleted, deleted.toJson())}, 3);
    QVERIFY(applied);
    QVERIFY(applied->changes.ids(storage::Table::Messages).contains(QStringLiteral("m_2"))); // its quote changed

    auto list = rows(**db);
    QVERIFY(list);
    QCOMPARE(list->size(), 2); // the place stays
    QVERIFY(list->at(0).deleted);
    QCOMPARE(list->at(0).text, QString());
    QVERIFY(list->at(0).reactions.isEmpty());
    QVERIFY(list->at(1).replyDeleted);
    QCOMPARE(list->at(1).replySnippet, QString());
    // Nothing of the text is left to find, in the index or in the row.
    QCOMPARE(hits(**db, QStringLiteral("zebre42")), 0);
    QCOMPARE(hits(**db, QStringLiteral("code")), 0);
    auto left = (*db)->scalar(QStringLiteral("SELECT count(*) FROM messages WHERE text LIKE '%zèbre%';"));
    QVERIFY(left);
    QCOMPARE(*left, 0);

    // Applied again, or the message stored again from an older page: still a tombstone.
    storage::RowChanges changes;
    QVERIFY(applier.applyEvent(logEvent(4, protocol::EventType::MessageDeleted, deleted.toJson()), changes));
    QVERIFY(changes.ids(storage::Table::Messages).isEmpty());
    QVERIFY(applier.applyEvent(logEvent(5, protocol::EventType::MessageCreated, original.toJson()), changes));
    list = rows(**db);
    QVERIFY(list);
    QVERIFY(list->at(0).deleted);
    QCOMPARE(list->at(0).text, QString());
    QCOMPARE(hits(**db, QStringLiteral("zebre42")), 0);

    // A server from before issue 17 sends only the id: the message goes, as before.
    QVERIFY(applier.applyEvent(logEvent(6, protocol::EventType::MessageDeleted, QJsonObject{{QStringLiteral("id"), QStringLiteral("m_2")}}),
                               changes));
    list = rows(**db);
    QVERIFY(list);
    QCOMPARE(list->size(), 1);
    QCOMPARE((*db)->unfinishedStatements(), 0);
}

void MessageActionsTest::reactionsAndHiddenInTheCache()
{
    QTemporaryDir dir;
    auto db = storage::openCache(dir.filePath(QStringLiteral("cache.db")), QByteArray(32, '\x23'));
    QVERIFY(db);
    sync::EventApplier applier(**db, kMe);
    QVERIFY(applier.load());
    const protocol::Message m = textMessage(QStringLiteral("m_1"), QStringLiteral("photo du sommet"),
                                            QStringLiteral("2026-11-22T09:00:00.000Z"));
    protocol::ReactionChange change{QStringLiteral("m_1"), QStringLiteral("c_1"), QStringLiteral("u_b"), QStringLiteral("❤️"),
                                    true,
                                    {protocol::Reaction{QStringLiteral("👍"), 2, true, {QStringLiteral("u_b"), kMe}},
                                     protocol::Reaction{QStringLiteral("❤️"), 1, false, {QStringLiteral("u_b")}}}};
    auto applied = applier.applyBatch({logEvent(1, protocol::EventType::MessageCreated, m.toJson()),
                                       logEvent(2, protocol::EventType::MessageReaction, change.toJson())},
                                      2);
    QVERIFY(applied);
    QCOMPARE(applied->applied, 2);
    auto list = rows(**db);
    QVERIFY(list);
    QCOMPARE(list->at(0).reactions.size(), 2);
    QCOMPARE(list->at(0).reactions.at(0).count, 2);
    QVERIFY(list->at(0).reactions.at(0).mine);
    QCOMPARE(list->at(0).reactions.at(1).emoji, QStringLiteral("❤️"));
    // The whole list each time: applying it again changes nothing; taking one back empties it.
    storage::RowChanges changes;
    QVERIFY(applier.applyEvent(logEvent(3, protocol::EventType::MessageReaction, change.toJson()), changes));
    change.added = false;
    change.reactions.clear();
    QVERIFY(applier.applyEvent(logEvent(4, protocol::EventType::MessageReaction, change.toJson()), changes));
    list = rows(**db);
    QVERIFY(list);
    QVERIFY(list->at(0).reactions.isEmpty());

    // Delete for me: gone from this device's list and search, and it stays gone after a resync.
    storage::StatementCache statements(**db);
    storage::UsersStore users(statements);
    storage::ChatStore chat(statements, users);
    storage::RowChanges hidden;
    QVERIFY(chat.hide(QStringLiteral("m_1"), QStringLiteral("2026-11-22T10:00:00.000Z"), hidden));
    QVERIFY(hidden.removed(storage::Table::Messages).contains(QStringLiteral("m_1")));
    list = rows(**db);
    QVERIFY(list);
    QVERIFY(list->isEmpty());
    QCOMPARE(hits(**db, QStringLiteral("sommet")), 0);
    QVERIFY(applier.resetPrivateData());
    QVERIFY(applier.applyEvent(logEvent(1, protocol::EventType::MessageCreated, m.toJson()), changes));
    list = rows(**db);
    QVERIFY(list);
    QVERIFY(list->isEmpty());
}

void MessageActionsTest::modelRoles()
{
    // What QML reads of each action, from rows as the cache gives them.
    QTemporaryDir dir;
    auto db = storage::openCache(dir.filePath(QStringLiteral("cache.db")), QByteArray(32, '\x24'));
    QVERIFY(db);
    sync::EventApplier applier(**db, kMe);
    QVERIFY(applier.load());
    protocol::Message edited = textMessage(QStringLiteral("m_1"), QStringLiteral("édité"), QStringLiteral("2026-11-22T09:00:00.000Z"));
    edited.editedAt = protocol::parseTime(QStringLiteral("2026-11-22T09:30:00.000Z"));
    edited.reactions = {protocol::Reaction{QStringLiteral("🎉"), 3, true, {kMe, QStringLiteral("u_a")}}};
    protocol::Message forwarded = textMessage(QStringLiteral("m_2"), QStringLiteral("transféré"), QStringLiteral("2026-11-22T09:01:00.000Z"));
    forwarded.forwardedFrom = protocol::ForwardedFrom{QStringLiteral("m_0"), QStringLiteral("u_z"), QStringLiteral("Zoé")};
    forwarded.replyTo = protocol::ReplyRef{QStringLiteral("m_1"), QStringLiteral("u_a"), QStringLiteral("Ana"), QStringLiteral("édité"), false};
    const protocol::Message gone = textMessage(QStringLiteral("m_3"), QStringLiteral("parti"), QStringLiteral("2026-11-22T09:02:00.000Z"));
    const protocol::MessageDeleted deleted{QStringLiteral("m_3"), QStringLiteral("c_1"),
                                           protocol::parseTime(QStringLiteral("2026-11-22T09:03:00.000Z"))};
    QVERIFY(applier.applyBatch({logEvent(1, protocol::EventType::MessageCreated, edited.toJson()),
                                logEvent(2, protocol::EventType::MessageCreated, forwarded.toJson()),
                                logEvent(3, protocol::EventType::MessageCreated, gone.toJson()),
                                logEvent(4, protocol::EventType::MessageDeleted, deleted.toJson())},
                               4));
    auto list = rows(**db);
    QVERIFY(list);
    QCOMPARE(list->size(), 3);
    using M = chat::MessagesModel;
    const chat::MessageRow &a = list->at(0);
    QCOMPARE(chat::actionRoleData(a, M::EditedRole).toBool(), true);
    QCOMPARE(chat::actionRoleData(a, M::EditedAtRole).toDateTime(), protocol::parseTime(QStringLiteral("2026-11-22T09:30:00.000Z")));
    QCOMPARE(chat::actionRoleData(a, M::DeletedRole).toBool(), false);
    const QVariantList reactions = chat::actionRoleData(a, M::ReactionsRole).toList();
    QCOMPARE(reactions.size(), 1);
    QCOMPARE(reactions.at(0).toMap().value(QStringLiteral("emoji")).toString(), QStringLiteral("🎉"));
    QCOMPARE(reactions.at(0).toMap().value(QStringLiteral("count")).toInt(), 3);
    QCOMPARE(reactions.at(0).toMap().value(QStringLiteral("mine")).toBool(), true);
    QCOMPARE(chat::actionRoleData(a, M::ForwardedRole).toBool(), false);
    const chat::MessageRow &b = list->at(1);
    QCOMPARE(chat::actionRoleData(b, M::ForwardedRole).toBool(), true);
    QCOMPARE(chat::actionRoleData(b, M::ForwardedFromRole).toString(), QStringLiteral("Zoé"));
    QCOMPARE(chat::actionRoleData(b, M::ReplyToRole).toString(), QStringLiteral("m_1"));
    QCOMPARE(chat::actionRoleData(b, M::ReplySenderNameRole).toString(), QStringLiteral("Ana"));
    QCOMPARE(chat::actionRoleData(b, M::ReplySnippetRole).toString(), QStringLiteral("édité"));
    QCOMPARE(chat::actionRoleData(b, M::ReplyDeletedRole).toBool(), false);
    QCOMPARE(chat::actionRoleData(b, M::EditedAtRole), QVariant());
    const chat::MessageRow &c = list->at(2);
    QCOMPARE(chat::actionRoleData(c, M::DeletedRole).toBool(), true);
    QCOMPARE(chat::actionRoleData(c, M::EditedRole).toBool(), false);
    QVERIFY(chat::actionRoleData(c, M::ReactionsRole).toList().isEmpty());
    // A changed reaction, edit or deletion is a change the model reports (dataChanged).
    QVERIFY(chat::sameActions(a, a));
    QVERIFY(!chat::sameActions(a, b));
    chat::MessageRow more = a;
    more.reactions[0].count = 4;
    QVERIFY(!chat::sameActions(a, more));
    // The names QML uses.
    chat::MessagesModel model;
    const QList<QByteArray> names = model.roleNames().values();
    for (const char *name : {"edited", "editedAt", "deleted", "reactions", "replyTo", "replySenderName", "replySnippet",
                             "replyDeleted", "forwarded", "forwardedFrom"})
        QVERIFY2(names.contains(QByteArray(name)), name);
}

void MessageActionsTest::twoUsersConverge()
{
    TestServer server;
    QVERIFY2(server.start(), qPrintable(server.lastError()));
    CliUser ana;
    CliUser ben;
    for (CliUser *u : {&ana, &ben}) {
        u->handle = uniqueHandle(u == &ana ? QStringLiteral("ana") : QStringLiteral("ben"));
        const CliRun r = u->run({QStringLiteral("register"), QStringLiteral("--server"), server.url().toString(),
                                 QStringLiteral("--handle"), u->handle, QStringLiteral("--display-name"),
                                 u == &ana ? QStringLiteral("Ana") : QStringLiteral("Ben"), QStringLiteral("--password-stdin")},
                                kPassword.toUtf8() + '\n');
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    }
    const QString toBen = u'@' + ben.handle;
    const QString toAna = u'@' + ana.handle;
    CliRun r = ana.run({QStringLiteral("say"), toBen, QStringLiteral("Pique-nique au parc samedi ?")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const QString picnic = r.out.section(QStringLiteral("message "), 1).trimmed();
    QVERIFY(picnic.startsWith(QStringLiteral("m_")));
    r = ana.run({QStringLiteral("say"), toBen, QStringLiteral("Le code du portail est 4711")});
    const QString code = r.out.section(QStringLiteral("message "), 1).trimmed();

    // Ben syncs: both there, the code findable.
    r = ben.run({QStringLiteral("chat"), toAna});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY2(lineOf(r, picnic).endsWith(QStringLiteral("Ana: Pique-nique au parc samedi ?")), qPrintable(r.out));
    QCOMPARE(ben.run({QStringLiteral("chat-search"), QStringLiteral("4711")}).out.trimmed().split(u'\n').size(), 1);

    // Ben replies and reacts; Ana sees both.
    r = ben.run({QStringLiteral("reply"), picnic, QStringLiteral("Oui, à midi")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const QString answer = r.out.section(QStringLiteral("message "), 1).trimmed();
    r = ben.run({QStringLiteral("react"), picnic, QStringLiteral("👍")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains(QStringLiteral("👍 1")), qPrintable(r.out));
    r = ana.run({QStringLiteral("chat"), toBen});
    QVERIFY2(lineOf(r, picnic).endsWith(QStringLiteral("[👍 1]")), qPrintable(r.out));
    QVERIFY2(lineOf(r, answer).contains(QStringLiteral("[reply to Ana: Pique-nique au parc samedi ?] Oui, à midi")),
             qPrintable(r.out));

    // Ben is away now (his last sync above). Ana edits, deletes the code, and reacts.
    r = ana.run({QStringLiteral("edit"), picnic, QStringLiteral("Pique-nique au lac dimanche ?")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    r = ana.run({QStringLiteral("delete"), code});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    r = ana.run({QStringLiteral("react"), answer, QStringLiteral("❤️")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    // Ana's own view, at once.
    r = ana.run({QStringLiteral("chat"), toBen});
    QVERIFY2(lineOf(r, picnic).contains(QStringLiteral("Pique-nique au lac dimanche ?  (edited)")), qPrintable(r.out));
    QVERIFY2(lineOf(r, code).endsWith(QStringLiteral("me: [deleted]")), qPrintable(r.out));
    QCOMPARE(ana.run({QStringLiteral("chat-search"), QStringLiteral("4711")}).out.trimmed(), QStringLiteral("no messages found"));

    // Ben opens his copy with the server unreachable: what he had.
    QVERIFY(server.stop());
    r = ben.run({QStringLiteral("chat"), toAna});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains(QStringLiteral("(offline")), qPrintable(r.out));
    QVERIFY2(lineOf(r, code).endsWith(QStringLiteral("Le code du portail est 4711")), qPrintable(r.out));
    QVERIFY2(!r.out.contains(QStringLiteral("lac dimanche")), qPrintable(r.out));

    // Back online: every change arrives, the deleted words are gone from his search too.
    QVERIFY2(server.restart(), qPrintable(server.lastError()));
    r = ben.run({QStringLiteral("chat"), toAna});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY2(lineOf(r, picnic).contains(QStringLiteral("Ana: Pique-nique au lac dimanche ?  (edited) [👍 1*]")), qPrintable(r.out));
    QVERIFY2(lineOf(r, code).endsWith(QStringLiteral("Ana: [deleted]")), qPrintable(r.out));
    QVERIFY2(lineOf(r, answer).contains(QStringLiteral("[reply to Ana: Pique-nique au lac dimanche ?] Oui, à midi  [❤️ 1]")),
             qPrintable(r.out));
    QCOMPARE(ben.run({QStringLiteral("chat-search"), QStringLiteral("4711")}).out.trimmed(), QStringLiteral("no messages found"));
    QCOMPARE(ben.run({QStringLiteral("chat-search"), QStringLiteral("parc")}).out.trimmed(), QStringLiteral("no messages found"));
    QCOMPARE(ben.run({QStringLiteral("chat-search"), QStringLiteral("lac")}).out.trimmed().split(u'\n').size(), 1);

    // Refusals reach the command line with their reason.
    r = ben.run({QStringLiteral("edit"), picnic, QStringLiteral("hijack")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(QStringLiteral("forbidden")) && r.err.contains(QStringLiteral("not_sender")), qPrintable(r.err));
    QCOMPARE(ben.run({QStringLiteral("react"), picnic, QStringLiteral("lol")}).exitCode, 2);
    QCOMPARE(ben.run({QStringLiteral("edit"), picnic}).exitCode, 2);

    // Delete for me: gone from Ben's device only.
    r = ben.run({QStringLiteral("delete"), answer, QStringLiteral("--for-me")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY(lineOf(ben.run({QStringLiteral("chat"), toAna}), answer).isEmpty());
    QVERIFY(!lineOf(ana.run({QStringLiteral("chat"), toBen}), answer).isEmpty());

    // Forward to a group: labelled, from the first author.
    r = ana.run({QStringLiteral("group"), QStringLiteral("Sortie"), toBen});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const QString group = r.out.section(u' ', 1, 1);
    r = ben.run({QStringLiteral("forward"), picnic, group});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY2(r.out.startsWith(QStringLiteral("forwarded — message m_")), qPrintable(r.out));
    r = ana.run({QStringLiteral("chat"), group});
    QVERIFY2(r.out.contains(QStringLiteral("Ben: [forwarded from Ana] Pique-nique au lac dimanche ?")), qPrintable(r.out));
}

QTEST_GUILESS_MAIN(MessageActionsTest)
#include "tst_messageactions.moc"
