// SPDX-License-Identifier: MIT
#include "chat/chatqueries.h"

#include "money/money.h"
#include "storage/database.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include <algorithm>

namespace plaza::chat {

namespace {

//! 1 when conversation c is direct and the user blocked its other member (a column).
QString blockedSql()
{
    return QStringLiteral("(c.kind = 'direct' AND EXISTS (SELECT 1 FROM conversation_members bm JOIN blocks b ON "
                          "b.user_id = bm.user_id WHERE bm.conversation_id = c.id))");
}

// Columns 0–23 of every synced-message query; ?1 is the signed-in user, ?2 the conversation.
const QString kMessageColumns = QStringLiteral(
    "m.id, m.client_id, m.conversation_id, m.sender_id, coalesce(u.display_name, u.handle, ''), m.text, m.created_at, "
    "m.kind, m.payment_amount, m.payment_currency, "
    // read: another member's mark is at or after this message
    "(m.sender_id = ?1 AND m.created_at <= coalesce((SELECT max(r.created_at) FROM conversation_members cm "
    " JOIN messages r ON r.id = cm.read_up_to WHERE cm.conversation_id = ?2 AND cm.user_id <> ?1), '')), "
    "m.attachments, "
    // message actions (cache v9)
    "m.edited_at, m.deleted_at, m.reactions, m.reply_to_id, m.reply_sender_name, m.reply_snippet, m.reply_deleted, "
    "m.forwarded_sender_name, "
    // safety (cache v11): the user blocked the sender, in a group they still share (a direct
    // conversation with them stays readable)
    "(EXISTS (SELECT 1 FROM blocks bk WHERE bk.user_id = m.sender_id) AND "
    " EXISTS (SELECT 1 FROM conversations bc WHERE bc.id = m.conversation_id AND bc.kind = 'group')), "
    // groups (cache v13)
    "m.system_action, (SELECT coalesce(nullif(t.display_name, ''), t.handle) FROM users t WHERE t.id = m.system_target_id), "
    "coalesce(m.mentions LIKE '% ' || ?1 || ' %', 0) ");

// Messages hidden on this device ("delete for me") are left out of every list and search.
const QString kNotHidden = QStringLiteral("NOT EXISTS (SELECT 1 FROM hidden_messages h WHERE h.id = m.id)");

const QRegularExpression &payLinkPattern()
{
    static const QRegularExpression re(QStringLiteral("plaza://pay/([A-Za-z0-9_-]{1,64})"));
    return re;
}

MessageRow messageFrom(storage::Statement &s, const QString &selfId)
{
    MessageRow m;
    m.id = s.text(0);
    m.clientId = s.text(1);
    m.conversationId = s.text(2);
    m.senderId = s.text(3);
    m.senderName = s.text(4);
    m.own = m.senderId == selfId;
    m.text = s.text(5);
    m.createdAt = s.text(6);
    m.kind = s.text(7);
    if (!s.isNull(8)) {
        m.amountMinor = s.int64(8);
        m.currency = s.text(9);
    }
    m.state = m.own ? (s.int64(10) != 0 ? QStringLiteral("read") : QStringLiteral("sent")) : QStringLiteral("sent");
    m.attachments = s.text(11);
    m.editedAt = s.isNull(12) ? QString() : s.text(12);
    m.deleted = !s.isNull(13);
    if (!s.isNull(14)) {
        const QJsonArray list = QJsonDocument::fromJson(s.text(14).toUtf8()).array();
        for (const QJsonValue &v : list) {
            auto reaction = protocol::Reaction::fromJson(v.toObject());
            if (reaction)
                m.reactions.append(*reaction);
        }
    }
    m.replyToId = s.isNull(15) ? QString() : s.text(15);
    m.replySenderName = s.isNull(16) ? QString() : s.text(16);
    m.replySnippet = s.isNull(17) ? QString() : s.text(17);
    m.replyDeleted = s.int64(18) != 0;
    m.forwardedFrom = s.isNull(19) ? QString() : s.text(19);
    m.senderBlocked = !m.own && s.int64(20) != 0;
    m.systemAction = s.isNull(21) ? QString() : s.text(21);
    m.systemTargetName = s.isNull(22) ? QString() : s.text(22);
    m.mentionsMe = s.int64(23) != 0;
    if (m.kind == u"text" && !m.deleted) {
        const auto match = payLinkPattern().match(m.text);
        if (match.hasMatch()) {
            m.kind = QStringLiteral("request");
            m.requestId = match.captured(1);
        }
    }
    return m;
}

Result<QList<MessageRow>> collect(Result<storage::Statement> &stmt, const QString &selfId)
{
    if (!stmt)
        return stmt.error();
    QList<MessageRow> rows;
    for (;;) {
        auto row = stmt->step();
        if (!row)
            return row.error();
        if (!*row)
            break;
        rows.append(messageFrom(*stmt, selfId));
    }
    return rows;
}

//! A line that is only an amount as Money::format writes it in some locale ("€7.00",
//! "7,00 €", "3.20€", "CHF 1'234.50"), or nothing at all.
bool isOnlyAmount(const QString &line)
{
    static const QRegularExpression re(QStringLiteral(
        "^\\s*(?:\\p{Sc}|[A-Z]{3})?\\s*[-\u2212]?\\s*\\d[\\d.,'\\s\u00a0\u202f]*(?:\\p{Sc}|[A-Z]{3})?\\s*$"));
    return line.trimmed().isEmpty() || re.match(line).hasMatch();
}

QString oneLine(const QString &text)
{
    QString line = text.simplified();
    if (line.size() > 120)
        line = line.left(119) + u'…';
    return line;
}

} // namespace

QString requestIdIn(const QString &text)
{
    const auto match = payLinkPattern().match(text);
    return match.hasMatch() ? match.captured(1) : QString();
}

QString requestNoteFromText(const QString &text)
{
    QString rest = text;
    rest.remove(payLinkPattern());
    rest = rest.trimmed();
    // "<amount> — <note>": the first line's amount goes, the note stays.
    static const QString dash = QStringLiteral(" \u2014 ");
    const qsizetype lineEnd = rest.indexOf(u'\n');
    const QString first = lineEnd < 0 ? rest : rest.left(lineEnd);
    const qsizetype at = first.indexOf(dash);
    if (at >= 0 && isOnlyAmount(first.left(at)))
        return rest.mid(at + dash.size()).trimmed();
    if (isOnlyAmount(first))
        return lineEnd < 0 ? QString() : rest.mid(lineEnd + 1).trimmed();
    return rest;
}

Result<std::optional<CachedRequest>> readRequest(storage::Database &db, const QString &id)
{
    auto stmt = db.prepare(QStringLiteral("SELECT status, amount, currency, coalesce(note, '') FROM payment_requests WHERE id = ?1;"));
    if (!stmt)
        return stmt.error();
    stmt->bind(1, id);
    auto row = stmt->step();
    if (!row)
        return row.error();
    if (!*row)
        return std::optional<CachedRequest>();
    CachedRequest r;
    r.id = id;
    r.status = stmt->text(0);
    r.amountMinor = stmt->int64(1);
    r.currency = stmt->text(2);
    r.note = stmt->text(3);
    stmt->reset(); // no statement left on a row (it would pin the read snapshot)
    return std::optional<CachedRequest>(std::move(r));
}

QString messagePreview(storage::Database &db, const QString &kind, const QString &text, const QString &currency,
                       qint64 amountMinor, const QLocale &locale)
{
    if (kind == u"payment" && !currency.isEmpty()) {
        const QString money = Money(amountMinor, currency).format(locale);
        const QString note = oneLine(text);
        return note.isEmpty() ? money : money + QStringLiteral(" · ") + note;
    }
    const QString requestId = requestIdIn(text);
    if (requestId.isEmpty())
        return oneLine(text);
    QString money;
    QString note = requestNoteFromText(text);
    if (auto cached = readRequest(db, requestId); cached && cached->has_value()) {
        money = Money((*cached)->amountMinor, (*cached)->currency).format(locale);
        if (!(*cached)->note.isEmpty())
            note = (*cached)->note;
    }
    QString line = QStringLiteral("🧾");
    if (!money.isEmpty())
        line += u' ' + money;
    note = oneLine(note);
    if (!note.isEmpty())
        line += (money.isEmpty() ? QStringLiteral(" ") : QStringLiteral(" · ")) + note;
    return line;
}

QString foldForFilter(const QString &text)
{
    const QString decomposed = text.normalized(QString::NormalizationForm_KD);
    QString out;
    out.reserve(decomposed.size());
    for (QChar c : decomposed) {
        if (c.category() != QChar::Mark_NonSpacing)
            out.append(c.toLower());
    }
    return out;
}

QString initialsOf(const QString &name)
{
    QString out;
    const QStringList words = name.split(u' ', Qt::SkipEmptyParts);
    for (const QString &w : words) {
        for (qsizetype i = 0; i < w.size(); ++i) {
            if (w.at(i).isLetterOrNumber()) {
                out += w.at(i).toUpper();
                break;
            }
        }
        if (out.size() == 2)
            break;
    }
    return out;
}

bool ConversationRow::isMuted(const QDateTime &now) const
{
    return muted && (mutedUntil.isEmpty() || QDateTime::fromString(mutedUntil, Qt::ISODateWithMs) > now);
}

Result<QList<ConversationRow>> readConversations(storage::Database &db, const QString &selfId)
{
    auto stmt = db.prepare(QStringLiteral(
        "SELECT c.id, c.kind, c.title, c.unread, c.read_up_to, coalesce(c.last_activity_at, ''), "
        "m.text, m.kind, m.payment_amount, m.payment_currency, m.sender_id, "
        // Our newest message not synced yet (sending, failed, or sent with its event to come).
        "(SELECT o.text FROM message_outbox o WHERE o.conversation_id = c.id AND (o.state <> 'sent' OR NOT EXISTS "
        " (SELECT 1 FROM messages x WHERE x.id = o.message_id)) ORDER BY o.seq DESC LIMIT 1), "
        "(SELECT o.created_at FROM message_outbox o WHERE o.conversation_id = c.id AND (o.state <> 'sent' OR NOT EXISTS "
        " (SELECT 1 FROM messages x WHERE x.id = o.message_id)) ORDER BY o.seq DESC LIMIT 1), "
        "EXISTS (SELECT 1 FROM message_outbox o WHERE o.conversation_id = c.id AND o.state <> 'sent'), "
        "c.muted, c.muted_until, ") + blockedSql()
        + QStringLiteral(", (c.kind = 'group' AND EXISTS (SELECT 1 FROM blocks bk WHERE bk.user_id = m.sender_id)), ")
        + QStringLiteral("c.membership, c.unread_mentions, EXISTS (SELECT 1 FROM conversation_members am WHERE "
                         "am.conversation_id = c.id AND am.user_id = ?1 AND am.role = 'admin'), c.request "
                         "FROM conversations c LEFT JOIN messages m ON m.id = c.last_message_id;"));
    if (!stmt)
        return stmt.error();
    stmt->bind(1, selfId);
    QList<ConversationRow> rows;
    for (;;) {
        auto row = stmt->step();
        if (!row)
            return row.error();
        if (!*row)
            break;
        ConversationRow c;
        c.id = stmt->text(0);
        c.kind = stmt->text(1);
        c.title = stmt->text(2);
        c.unread = int(stmt->int64(3));
        c.readUpTo = stmt->text(4);
        c.lastActivityAt = stmt->text(5);
        if (!stmt->isNull(6)) {
            c.lastMessagePreview = messagePreview(db, stmt->text(7), stmt->text(6), stmt->text(9), stmt->int64(8));
            c.lastMessageOwn = stmt->text(10) == selfId;
        }
        c.hasUnsent = stmt->int64(13) != 0;
        c.muted = stmt->int64(14) != 0;
        c.mutedUntil = stmt->text(15);
        c.blocked = stmt->int64(16) != 0;
        if (stmt->int64(17) != 0 && !c.lastMessageOwn) { // a group's last word is a blocked person's: not shown
            c.lastMessagePreview.clear();
            c.lastMessageFromBlocked = true;
        }
        c.membership = stmt->text(18);
        c.unreadMentions = int(stmt->int64(19));
        c.admin = stmt->int64(20) != 0;
        c.request = stmt->int64(21) != 0;
        // A request whose sender the user blocked was declined: it is not listed while the
        // block stands (docs/api.md "Message requests").
        if (c.request && c.blocked)
            continue;
        if (!stmt->isNull(11)) {
            const QString unsentAt = stmt->text(12);
            if (unsentAt > c.lastActivityAt) {
                c.lastActivityAt = unsentAt;
                c.lastMessagePreview = messagePreview(db, QStringLiteral("text"), stmt->text(11), {}, 0);
                c.lastMessageOwn = true;
                c.lastMessageFromBlocked = false;
            }
        }
        rows.append(std::move(c));
    }
    auto members = db.prepare(QStringLiteral(
        "SELECT cm.conversation_id, u.id, coalesce(nullif(u.display_name, ''), u.handle), u.handle "
        "FROM conversation_members cm JOIN users u ON u.id = cm.user_id WHERE cm.user_id <> ?1 ORDER BY cm.rowid;"));
    if (!members)
        return members.error();
    members->bind(1, selfId);
    QHash<QString, qsizetype> at;
    for (qsizetype i = 0; i < rows.size(); ++i)
        at.insert(rows.at(i).id, i);
    for (;;) {
        auto row = members->step();
        if (!row)
            return row.error();
        if (!*row)
            break;
        const auto it = at.constFind(members->text(0));
        if (it == at.constEnd())
            continue;
        ConversationRow &c = rows[*it];
        c.memberNames.append(members->text(2));
        if (c.otherUserId.isEmpty()) {
            c.otherUserId = members->text(1);
            c.otherHandle = members->text(3);
        }
    }
    for (ConversationRow &c : rows) {
        if (c.kind != u"group" || c.title.isEmpty())
            c.title = c.kind == u"group" || c.memberNames.size() != 1 ? c.memberNames.join(QStringLiteral(", "))
                                                                      : c.memberNames.value(0);
        c.initials = initialsOf(c.title);
    }
    std::stable_sort(rows.begin(), rows.end(), [](const ConversationRow &a, const ConversationRow &b) {
        return a.lastActivityAt != b.lastActivityAt ? a.lastActivityAt > b.lastActivityAt : a.id > b.id;
    });
    return rows;
}

Result<QList<MemberRow>> readMembers(storage::Database &db, const QString &conversationId)
{
    auto stmt = db.prepare(QStringLiteral(
        "SELECT u.id, coalesce(nullif(u.display_name, ''), u.handle), u.handle, cm.role FROM conversation_members cm "
        "JOIN users u ON u.id = cm.user_id WHERE cm.conversation_id = ?1 ORDER BY cm.rowid;"));
    if (!stmt)
        return stmt.error();
    stmt->bind(1, conversationId);
    QList<MemberRow> out;
    for (;;) {
        auto row = stmt->step();
        if (!row)
            return row.error();
        if (!*row)
            break;
        out.append(MemberRow{stmt->text(0), stmt->text(1), stmt->text(2), stmt->text(3)});
    }
    return out;
}

Result<ConversationRow> readConversation(storage::Database &db, const QString &selfId, const QString &conversationId)
{
    auto stmt = db.prepare(QStringLiteral("SELECT kind, title, muted, muted_until, ") + blockedSql()
                           + QStringLiteral(", membership, unread_mentions, EXISTS (SELECT 1 FROM conversation_members am "
                                            "WHERE am.conversation_id = c.id AND am.user_id = ?2 AND am.role = 'admin'), "
                                            "request FROM conversations c WHERE id = ?1;"));
    if (!stmt)
        return stmt.error();
    stmt->bindAll(conversationId, selfId);
    auto found = stmt->step();
    if (!found)
        return found.error();
    if (!*found)
        return makeError(ErrorCode::NotFound, QStringLiteral("No such conversation in the cache."));
    ConversationRow c;
    c.id = conversationId;
    c.kind = stmt->text(0);
    c.title = stmt->text(1);
    c.muted = stmt->int64(2) != 0;
    c.mutedUntil = stmt->text(3);
    c.blocked = stmt->int64(4) != 0;
    c.membership = stmt->text(5);
    c.unreadMentions = int(stmt->int64(6));
    c.admin = stmt->int64(7) != 0;
    c.request = stmt->int64(8) != 0;
    stmt->reset();
    // The same members, in the same order, as readConversations gives this conversation.
    auto members = db.prepare(QStringLiteral(
        "SELECT u.id, coalesce(nullif(u.display_name, ''), u.handle), u.handle FROM conversation_members cm "
        "JOIN users u ON u.id = cm.user_id WHERE cm.conversation_id = ?1 AND cm.user_id <> ?2 ORDER BY cm.rowid;"));
    if (!members)
        return members.error();
    members->bindAll(conversationId, selfId);
    for (;;) {
        auto row = members->step();
        if (!row)
            return row.error();
        if (!*row)
            break;
        c.memberNames.append(members->text(1));
        if (c.otherUserId.isEmpty()) {
            c.otherUserId = members->text(0);
            c.otherHandle = members->text(2);
        }
    }
    if (c.kind != u"group" || c.title.isEmpty())
        c.title = c.kind == u"group" || c.memberNames.size() != 1 ? c.memberNames.join(QStringLiteral(", "))
                                                                  : c.memberNames.value(0);
    c.initials = initialsOf(c.title);
    return c;
}

Result<QList<MessageRow>> readMessages(storage::Database &db, const QString &selfId, const QString &conversationId,
                                       const QString &beforeCreatedAt, const QString &beforeId, int limit)
{
    // Newest first through the (conversation_id, created_at, id) index, reversed below. An older
    // page starts its walk at the cursor: "created_at <= ?3" is a range the index can seek to
    // (with the cursor test folded into one OR, SQLite walked every newer row of the
    // conversation first, so a page 50k messages back cost milliseconds; bench_chat_open).
    const bool newest = beforeCreatedAt.isEmpty();
    auto stmt = db.prepare(QStringLiteral("SELECT %1 FROM messages m LEFT JOIN users u ON u.id = m.sender_id "
                                          "WHERE m.conversation_id = ?2 %3 AND %2 "
                                          "ORDER BY m.created_at DESC, m.id DESC LIMIT ?5;")
                               .arg(kMessageColumns, kNotHidden,
                                    newest ? QString() // ?3 and ?4 unused (bound all the same)
                                           : QStringLiteral("AND m.created_at <= ?3 "
                                                            "AND (m.created_at < ?3 OR m.id < ?4)")));
    if (stmt)
        stmt->bindAll(selfId, conversationId, newest ? QStringLiteral("") : beforeCreatedAt,
                      beforeId.isNull() ? QStringLiteral("") : beforeId, limit);
    auto rows = collect(stmt, selfId);
    if (rows)
        std::reverse(rows->begin(), rows->end());
    return rows;
}

Result<QList<MessageRow>> readMessagesFrom(storage::Database &db, const QString &selfId, const QString &conversationId,
                                           const QString &fromCreatedAt, const QString &fromId, int limit)
{
    auto stmt = db.prepare(QStringLiteral("SELECT %1 FROM messages m LEFT JOIN users u ON u.id = m.sender_id "
                                          "WHERE m.conversation_id = ?2 AND m.created_at >= ?3 "
                                          "AND (m.created_at > ?3 OR m.id >= ?4) AND %2 "
                                          "ORDER BY m.created_at, m.id LIMIT ?5;")
                               .arg(kMessageColumns, kNotHidden));
    if (stmt)
        stmt->bindAll(selfId, conversationId, fromCreatedAt.isNull() ? QStringLiteral("") : fromCreatedAt,
                      fromId.isNull() ? QStringLiteral("") : fromId, limit < 0 ? -1 : limit);
    return collect(stmt, selfId);
}

Result<QString> readMessageCreatedAt(storage::Database &db, const QString &conversationId, const QString &id)
{
    auto stmt = db.prepare(QStringLiteral("SELECT created_at FROM messages WHERE id = ?1 AND conversation_id = ?2;"));
    if (!stmt)
        return stmt.error();
    stmt->bindAll(id, conversationId);
    auto row = stmt->step();
    if (!row)
        return row.error();
    QString createdAt = *row ? stmt->text(0) : QString();
    stmt->reset();
    return createdAt;
}

Result<QList<MessageRow>> readMessagesById(storage::Database &db, const QString &selfId, const QString &conversationId,
                                           const QList<QString> &ids)
{
    QList<MessageRow> rows;
    constexpr qsizetype kChunk = 400; // under SQLite's 999 variables
    for (qsizetype first = 0; first < ids.size(); first += kChunk) {
        const qsizetype n = std::min(kChunk, ids.size() - first);
        QStringList marks;
        for (qsizetype i = 0; i < n; ++i)
            marks.append(QStringLiteral("?%1").arg(i + 3));
        // By primary key, the conversation checked on each row found ("+" keeps SQLite off
        // messages_by_conversation: with no statistics it took the conversation's index for
        // any list of more than a few ids and compared every message of it with the list).
        auto stmt = db.prepare(QStringLiteral("SELECT %1 FROM messages m LEFT JOIN users u ON u.id = m.sender_id "
                                              "WHERE m.id IN (%2) AND +m.conversation_id = ?2 AND %3;")
                                   .arg(kMessageColumns, marks.join(u','), kNotHidden));
        if (stmt) {
            stmt->bindAll(selfId, conversationId);
            for (qsizetype i = 0; i < n; ++i)
                stmt->bind(int(i + 3), ids.at(first + i));
        }
        auto chunk = collect(stmt, selfId);
        if (!chunk)
            return chunk.error();
        rows += *chunk;
    }
    std::sort(rows.begin(), rows.end(), [](const MessageRow &a, const MessageRow &b) {
        return a.createdAt != b.createdAt ? a.createdAt < b.createdAt : a.id < b.id;
    });
    return rows;
}

Result<QList<MessageRow>> readUnsent(storage::Database &db, const QString &selfId, const QString &conversationId)
{
    // Sent ones disappear once their message is synced (by id); a sending one whose answer
    // was lost but whose message arrived by sync is matched by client_id.
    auto stmt = db.prepare(QStringLiteral(
        "SELECT o.client_id, o.text, o.created_at, o.state, o.error_message, o.message_id, o.attachments FROM message_outbox o "
        "WHERE o.conversation_id = ?2 "
        "AND NOT (o.message_id IS NOT NULL AND EXISTS (SELECT 1 FROM messages m WHERE m.id = o.message_id)) "
        "AND NOT (o.state = 'sending' AND EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = o.conversation_id "
        "         AND m.client_id = o.client_id AND m.sender_id = ?1)) "
        "ORDER BY o.seq;"));
    if (!stmt)
        return stmt.error();
    stmt->bindAll(selfId, conversationId);
    QList<MessageRow> rows;
    for (;;) {
        auto row = stmt->step();
        if (!row)
            return row.error();
        if (!*row)
            break;
        MessageRow m;
        m.clientId = stmt->text(0);
        m.text = stmt->text(1);
        m.createdAt = stmt->text(2);
        m.state = stmt->text(3);
        m.errorMessage = stmt->text(4);
        m.id = stmt->text(5);
        m.attachments = stmt->text(6); // the outbox's own shape (media/outgoingfiles.h)
        m.conversationId = conversationId;
        m.senderId = selfId;
        m.own = true;
        m.unsynced = true;
        m.kind = QStringLiteral("text");
        const auto match = payLinkPattern().match(m.text);
        if (match.hasMatch()) {
            m.kind = QStringLiteral("request");
            m.requestId = match.captured(1);
        }
        rows.append(std::move(m));
    }
    return rows;
}

QString ftsQuery(const QString &typed)
{
    QStringList terms;
    // Words as unicode61 sees them: letters and digits; everything else separates.
    static const QRegularExpression word(QStringLiteral("[\\p{L}\\p{N}]+"));
    auto it = word.globalMatch(typed);
    while (it.hasNext())
        terms.append(u'"' + it.next().captured(0) + QStringLiteral("*\""));
    return terms.join(u' ');
}

Result<QList<SearchHit>> searchMessages(storage::Database &db, const QString &selfId, const QString &query, int limit)
{
    const QString match = ftsQuery(query);
    if (match.isEmpty())
        return QList<SearchHit>();
    // Newest first by docid (messages.rowid grows as messages reach the cache): FTS4 walks its
    // doclist backwards and stops after the limit, so snippets are made for those rows only
    // instead of sorting every hit by time. The few rows are then ordered by created_at.
    auto stmt = db.prepare(QStringLiteral(
        "SELECT m.id, m.conversation_id, coalesce(nullif(u.display_name, ''), u.handle, ''), m.created_at, s.snip "
        "FROM (SELECT docid, snippet(message_search, char(1), char(2), '…', -1, 12) AS snip FROM message_search "
        "      WHERE message_search MATCH ?1 ORDER BY docid DESC LIMIT ?2) s "
        "JOIN messages m ON m.rowid = s.docid LEFT JOIN users u ON u.id = m.sender_id WHERE %1;").arg(kNotHidden));
    if (!stmt)
        return stmt.error();
    stmt->bindAll(match, limit);
    QList<SearchHit> hits;
    for (;;) {
        auto row = stmt->step();
        if (!row)
            return row.error();
        if (!*row)
            break;
        SearchHit h;
        h.messageId = stmt->text(0);
        h.conversationId = stmt->text(1);
        h.senderName = stmt->text(2);
        h.createdAt = stmt->text(3);
        const QString marked = stmt->text(4);
        h.snippet = marked;
        h.snippet.remove(QChar(1)).remove(QChar(2));
        h.snippetHtml = marked.toHtmlEscaped().replace(QChar(1), QStringLiteral("<b>")).replace(QChar(2), QStringLiteral("</b>"));
        hits.append(std::move(h));
    }
    std::stable_sort(hits.begin(), hits.end(), [](const SearchHit &a, const SearchHit &b) {
        return a.createdAt != b.createdAt ? a.createdAt > b.createdAt : a.messageId > b.messageId;
    });
    if (!hits.isEmpty()) {
        auto conversations = readConversations(db, selfId);
        if (!conversations)
            return conversations.error();
        QHash<QString, QString> titles;
        for (const ConversationRow &c : std::as_const(*conversations))
            titles.insert(c.id, c.title);
        for (SearchHit &h : hits)
            h.conversationTitle = titles.value(h.conversationId);
    }
    return hits;
}

} // namespace plaza::chat
