// SPDX-License-Identifier: MIT
#include "cacheschema.h"

#include "common/logging.h"

#include <QFileInfo>

namespace plaza::storage {

namespace {

// Version 1: the shapes of api-v1.md. Money is an INTEGER count of minor units next to
// its ISO 4217 currency, never REAL. No foreign keys: the server is the source of truth
// and events may name rows the cache has not seen yet (a message before its conversation).
//
// Every NOT NULL column has a DEFAULT, and no CHECK outside the one-row tables: the stores
// write with INSERT OR REPLACE, and a constraint that could ABORT such a statement makes
// SQLite keep a statement journal, whose every page SQLCipher encrypts — five times slower
// ingest (bench/sync_ingest). The stores validate required fields before binding them.
const QString kSchemaV1 = QStringLiteral(R"sql(
CREATE TABLE kv (
    key   TEXT PRIMARY KEY NOT NULL DEFAULT '',
    value TEXT NOT NULL DEFAULT ''
);
CREATE TABLE sync_state (
    id             INTEGER PRIMARY KEY CHECK (id = 1),
    cursor         INTEGER NOT NULL DEFAULT 0,
    last_synced_at TEXT
);
INSERT INTO sync_state (id, cursor) VALUES (1, 0);
CREATE TABLE users (
    id             TEXT PRIMARY KEY NOT NULL DEFAULT '',
    handle         TEXT NOT NULL DEFAULT '',
    display_name   TEXT NOT NULL DEFAULT '',
    kind           TEXT NOT NULL DEFAULT '',
    verified       INTEGER NOT NULL DEFAULT 0,
    followers      INTEGER NOT NULL DEFAULT 0,
    following      INTEGER NOT NULL DEFAULT 0,
    followed_by_me INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE follows (
    follower_id TEXT NOT NULL DEFAULT '',
    followee_id TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (follower_id, followee_id)
);
CREATE TABLE conversations (
    id               TEXT PRIMARY KEY NOT NULL DEFAULT '',
    kind             TEXT NOT NULL DEFAULT '',
    title            TEXT,
    last_message_id  TEXT,
    last_activity_at TEXT,
    unread           INTEGER NOT NULL DEFAULT 0,
    read_up_to       TEXT
);
CREATE INDEX conversations_by_activity ON conversations (last_activity_at, id);
CREATE TABLE conversation_members (
    conversation_id TEXT NOT NULL DEFAULT '',
    user_id         TEXT NOT NULL DEFAULT '',
    read_up_to      TEXT,
    PRIMARY KEY (conversation_id, user_id)
);
CREATE TABLE messages (
    id                     TEXT PRIMARY KEY NOT NULL DEFAULT '',
    client_id              TEXT,
    conversation_id        TEXT NOT NULL DEFAULT '',
    sender_id              TEXT NOT NULL DEFAULT '',
    text                   TEXT NOT NULL DEFAULT '',
    created_at             TEXT NOT NULL DEFAULT '',
    kind                   TEXT NOT NULL DEFAULT '',
    payment_transaction_id TEXT,
    payment_amount         INTEGER,
    payment_currency       TEXT
);
CREATE INDEX messages_by_conversation ON messages (conversation_id, created_at, id);
CREATE TABLE transactions (
    id                     TEXT PRIMARY KEY NOT NULL DEFAULT '',
    kind                   TEXT NOT NULL DEFAULT '',
    direction              TEXT NOT NULL DEFAULT '',
    status                 TEXT NOT NULL DEFAULT '',
    amount                 INTEGER NOT NULL DEFAULT 0,
    currency               TEXT NOT NULL DEFAULT '',
    counterparty_id        TEXT,
    note                   TEXT,
    created_at             TEXT NOT NULL DEFAULT '',
    balance_after          INTEGER,
    balance_after_currency TEXT,
    request_id             TEXT,
    conversation_id        TEXT
);
CREATE INDEX transactions_by_time ON transactions (created_at, id);
CREATE TABLE wallet (
    id                INTEGER PRIMARY KEY CHECK (id = 1),
    balance           INTEGER NOT NULL DEFAULT 0,
    available         INTEGER NOT NULL DEFAULT 0,
    currency          TEXT NOT NULL DEFAULT '',
    verification      TEXT,
    limit_per_payment INTEGER,
    limit_daily       INTEGER,
    remaining_today   INTEGER,
    as_of             TEXT
);
CREATE TABLE savings (
    id                  INTEGER PRIMARY KEY CHECK (id = 1),
    balance             INTEGER NOT NULL DEFAULT 0,
    currency            TEXT NOT NULL DEFAULT '',
    apy_bps             INTEGER NOT NULL DEFAULT 0,
    interest_this_month INTEGER NOT NULL DEFAULT 0,
    interest_total      INTEGER NOT NULL DEFAULT 0,
    as_of               TEXT
);
CREATE TABLE savings_goals (
    id         TEXT PRIMARY KEY NOT NULL DEFAULT '',
    name       TEXT NOT NULL DEFAULT '',
    target     INTEGER NOT NULL DEFAULT 0,
    saved      INTEGER NOT NULL DEFAULT 0,
    currency   TEXT NOT NULL DEFAULT '',
    deadline   TEXT,
    created_at TEXT
);
CREATE TABLE payment_requests (
    id       TEXT PRIMARY KEY NOT NULL DEFAULT '',
    link     TEXT,
    status   TEXT NOT NULL DEFAULT '',
    amount   INTEGER NOT NULL DEFAULT 0,
    currency TEXT NOT NULL DEFAULT '',
    note     TEXT,
    payee_id TEXT,
    payer_id TEXT
);
CREATE TABLE posts (
    id             TEXT PRIMARY KEY NOT NULL DEFAULT '',
    client_id      TEXT,
    author_id      TEXT NOT NULL DEFAULT '',
    text           TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL DEFAULT '',
    reply_to       TEXT,
    repost_of_id   TEXT,
    like_count     INTEGER NOT NULL DEFAULT 0,
    repost_count   INTEGER NOT NULL DEFAULT 0,
    reply_count    INTEGER NOT NULL DEFAULT 0,
    liked_by_me    INTEGER NOT NULL DEFAULT 0,
    reposted_by_me INTEGER NOT NULL DEFAULT 0,
    sponsored      INTEGER NOT NULL DEFAULT 0,
    reach          TEXT NOT NULL DEFAULT 'full',
    affinity       REAL,
    engagement     INTEGER,
    age_s          INTEGER
);
CREATE INDEX posts_by_time ON posts (created_at, id);
)sql");

// v2: the payment outbox (design.md "How data flows" 4). One row per money intent, written
// and committed before the first try, so its Idempotency-Key survives a lost answer and a
// restart. Not a private (synced) table: a resync must never forget an unanswered payment.
const QString kSchemaV2 = QStringLiteral(R"sql(
CREATE TABLE payment_outbox (
    idempotency_key TEXT PRIMARY KEY NOT NULL,
    kind            TEXT NOT NULL,
    method_path     TEXT NOT NULL,
    body            TEXT NOT NULL,
    amount          INTEGER NOT NULL DEFAULT 0,
    currency        TEXT NOT NULL DEFAULT '',
    state           TEXT NOT NULL DEFAULT 'sending'
                    CHECK (state IN ('sending', 'awaiting_confirmation', 'completed', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    transaction_id  TEXT,
    response        TEXT,
    error_code      TEXT,
    error_message   TEXT,
    created_at      TEXT NOT NULL DEFAULT '',
    updated_at      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX payment_outbox_open ON payment_outbox (state, created_at);
)sql");

// v5: the feed (3 and 4 are savings' and chat's; this step needs neither, so it applies the
// same whether or not they exist). The post outbox (design.md "How data flows" 4): one row per
// post written offline or not yet answered, with its client_id, resent until the server
// answers; like payment_outbox it is not private (a resync must not lose an unsent post).
// feed_gaps: where a timeline's cached posts are known not to be contiguous (a page loaded
// from the top after time offline did not reach what the cache had). The advertiser of a
// sponsored post, and indexes for a user's posts and a post's replies.
const QString kSchemaV5 = QStringLiteral(R"sql(
ALTER TABLE posts ADD COLUMN advertiser_id TEXT;
CREATE INDEX IF NOT EXISTS posts_by_author ON posts (author_id, created_at, id);
CREATE INDEX IF NOT EXISTS posts_by_parent ON posts (reply_to, created_at, id);
CREATE TABLE IF NOT EXISTS post_outbox (
    client_id     TEXT PRIMARY KEY NOT NULL DEFAULT '',
    text          TEXT NOT NULL DEFAULT '',
    reply_to      TEXT,
    state         TEXT NOT NULL DEFAULT 'pending',
    attempts      INTEGER NOT NULL DEFAULT 0,
    post_id       TEXT,
    error_code    TEXT,
    error_message TEXT,
    created_at    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS post_outbox_open ON post_outbox (state, created_at);
CREATE TABLE IF NOT EXISTS feed_gaps (
    timeline   TEXT NOT NULL DEFAULT '',
    before_id  TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (timeline, before_id)
);
)sql");

// v4 (chat; v3 belongs to savings, and this step does not need it: every statement is
// IF NOT EXISTS, so it applies on a v2 cache as on a v3 one).
// message_outbox: one row per message the user sent, written and committed before the
// first try, so it shows at once as "sending", survives a restart and goes out with the
// same client_id until the server answers (the server deduplicates by client_id). Not a
// private table: a resync must not forget an unsent message. seq orders the sends.
// message_search: FTS4 over cached message text (docid = messages.rowid), diacritics
// folded so "cafe" finds "café"; ChatStore keeps it in step with messages.
const QString kSchemaV4 = QStringLiteral(R"sql(
CREATE TABLE IF NOT EXISTS message_outbox (
    client_id       TEXT PRIMARY KEY NOT NULL DEFAULT '',
    seq             INTEGER NOT NULL DEFAULT 0,
    conversation_id TEXT NOT NULL DEFAULT '',
    text            TEXT NOT NULL DEFAULT '',
    state           TEXT NOT NULL DEFAULT 'sending',
    attempts        INTEGER NOT NULL DEFAULT 0,
    message_id      TEXT,
    error_code      TEXT,
    error_message   TEXT,
    created_at      TEXT NOT NULL DEFAULT '',
    updated_at      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS message_outbox_by_state ON message_outbox (state, seq);
CREATE INDEX IF NOT EXISTS message_outbox_by_conversation ON message_outbox (conversation_id, seq);
CREATE VIRTUAL TABLE IF NOT EXISTS message_search USING fts4(text, tokenize=unicode61 "remove_diacritics=1");
INSERT INTO message_search (docid, text) SELECT rowid, text FROM messages
    WHERE rowid NOT IN (SELECT docid FROM message_search);
)sql");

// v6: payment requests as synced objects with a state (open, paid, declined, cancelled,
// expired): when they were made and expire, and the payment once paid, for the Requests list
// and the chat's request cards. Rows cached before this step keep an empty created_at until
// their next payment_request.updated.
const QString kSchemaV6 = QStringLiteral(R"sql(
ALTER TABLE payment_requests ADD COLUMN created_at TEXT NOT NULL DEFAULT '';
ALTER TABLE payment_requests ADD COLUMN expires_at TEXT;
ALTER TABLE payment_requests ADD COLUMN transaction_id TEXT;
CREATE INDEX IF NOT EXISTS payment_requests_by_time ON payment_requests (created_at, id);
)sql");

// v7: a message the user sent and the outbox row it came from meet by client_id
// (readUnsent hides a sending row once its message arrived by sync, MessageOutbox matches
// them too): without this index each outbox row scanned its conversation's messages.
const QString kSchemaV7 = QStringLiteral(R"sql(
CREATE INDEX IF NOT EXISTS messages_by_client_id ON messages (conversation_id, client_id);
)sql");

// v8: media (issue 16). A message's attachments and a post's images as the server sent them
// (a JSON array of protocol::Attachment, NULL when none), and the media themselves kept
// inside the encrypted cache, never as files: thumbnails and the files the user opened, by
// id and variant, with when they were last shown (the oldest go first when the bounded
// size is reached: media/mediacache.h).
const QString kSchemaV8 = QStringLiteral(R"sql(
ALTER TABLE messages ADD COLUMN attachments TEXT;
ALTER TABLE posts ADD COLUMN images TEXT;
CREATE TABLE IF NOT EXISTS media_files (
    media_id TEXT NOT NULL,
    variant  TEXT NOT NULL,
    bytes    BLOB NOT NULL,
    size     INTEGER NOT NULL,
    used_at  INTEGER NOT NULL,
    PRIMARY KEY (media_id, variant)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS media_files_by_use ON media_files (used_at);
)sql");

// v9: message actions (issue 17). When a message was last edited and deleted (a tombstone
// keeps its row with empty text, out of message_search), its reactions as the server sent
// them (a JSON array of protocol::Reaction, NULL when none), what it replies to (with the
// quoted snippet, kept in step when the original is edited or deleted) and where a forward
// came from. hidden_messages: "delete for me", on this device only; not a private table, so
// a resync does not bring hidden messages back. message_outbox_replies: what a message of the
// outbox replies to (a table of its own, not a column: a cache that got step 4 late has no
// message_outbox when this step runs).
const QString kSchemaV9 = QStringLiteral(R"sql(
CREATE TABLE IF NOT EXISTS message_outbox_replies (
    client_id TEXT PRIMARY KEY NOT NULL,
    reply_to  TEXT NOT NULL
) WITHOUT ROWID;
ALTER TABLE messages ADD COLUMN edited_at TEXT;
ALTER TABLE messages ADD COLUMN deleted_at TEXT;
ALTER TABLE messages ADD COLUMN reactions TEXT;
ALTER TABLE messages ADD COLUMN reply_to_id TEXT;
ALTER TABLE messages ADD COLUMN reply_sender_id TEXT;
ALTER TABLE messages ADD COLUMN reply_sender_name TEXT;
ALTER TABLE messages ADD COLUMN reply_snippet TEXT;
ALTER TABLE messages ADD COLUMN reply_deleted INTEGER NOT NULL DEFAULT 0;
ALTER TABLE messages ADD COLUMN forwarded_from_id TEXT;
ALTER TABLE messages ADD COLUMN forwarded_sender_id TEXT;
ALTER TABLE messages ADD COLUMN forwarded_sender_name TEXT;
CREATE INDEX IF NOT EXISTS messages_by_reply ON messages (reply_to_id) WHERE reply_to_id IS NOT NULL;
CREATE TABLE IF NOT EXISTS hidden_messages (
    id        TEXT PRIMARY KEY NOT NULL,
    hidden_at TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;
)sql");

// v10: files that queue like text (issue 16). A queued message's attachments and a queued
// post's images, each file's path, size, hash, alt text and where its upload is (upload id,
// offset, media id once finished), as a JSON array (media/outgoingfiles.h; NULL when none).
// The chat step (v4) is repeated first — every statement of it is IF NOT EXISTS — so that a
// cache that reached v5 before chat's step has message_outbox to alter.
const QString kSchemaV10 = kSchemaV4 + QStringLiteral(R"sql(
ALTER TABLE message_outbox ADD COLUMN attachments TEXT;
ALTER TABLE post_outbox ADD COLUMN images TEXT;
)sql");

// v11: safety (issue 17). The user's mute of each conversation as the server sent it
// (muted_until NULL with muted 1: no end; the models compare the end with the clock), and the
// people the user blocked (block.changed; their User rows are in users). blocks is a private
// table: a resync brings it back from the log.
const QString kSchemaV11 = QStringLiteral(R"sql(
ALTER TABLE conversations ADD COLUMN muted INTEGER NOT NULL DEFAULT 0;
ALTER TABLE conversations ADD COLUMN muted_until TEXT;
CREATE TABLE IF NOT EXISTS blocks (
    user_id    TEXT PRIMARY KEY NOT NULL DEFAULT '',
    blocked_at TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;
)sql");

// v12: post actions (issue 17). When a post was last edited, the card of the post it quotes (the
// server's JSON, protocol::QuotedPost), the user's bookmark flag, and the user's bookmarks
// (bookmark.changed; a private table: a resync brings it back from the log).
const QString kSchemaV12 = QStringLiteral(R"sql(
ALTER TABLE posts ADD COLUMN edited_at TEXT;
ALTER TABLE posts ADD COLUMN quote_of TEXT;
ALTER TABLE posts ADD COLUMN bookmarked_by_me INTEGER NOT NULL DEFAULT 0;
CREATE TABLE IF NOT EXISTS bookmarks (
    post_id       TEXT PRIMARY KEY NOT NULL DEFAULT '',
    bookmarked_at TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS bookmarks_by_time ON bookmarks (bookmarked_at, post_id);
)sql");

// v13: groups and mentions (issue 17). The user's membership
// of each conversation ("member", or "left"/"removed": read-only) and its unread mentions as the
// server counts them, each member's role (admin or member), what a system message records
// (its action and the member it names; a rename's title is its text) and the members a
// message mentions, as " u_1 u_2 " (spaces around each id, for a LIKE '% u_1 %').
const QString kSchemaV13 = QStringLiteral(R"sql(
ALTER TABLE conversations ADD COLUMN membership TEXT NOT NULL DEFAULT 'member';
ALTER TABLE conversations ADD COLUMN unread_mentions INTEGER NOT NULL DEFAULT 0;
ALTER TABLE conversation_members ADD COLUMN role TEXT NOT NULL DEFAULT 'member';
ALTER TABLE messages ADD COLUMN system_action TEXT;
ALTER TABLE messages ADD COLUMN system_target_id TEXT;
ALTER TABLE messages ADD COLUMN mentions TEXT;
)sql");

// v14: muting a person in the feed (issue 17). The people the user muted (person_mute.changed;
// their User rows are in users): the timelines leave their posts and reposts out. A private
// table: a resync brings it back from the log.
const QString kSchemaV14 = QStringLiteral(R"sql(
CREATE TABLE IF NOT EXISTS person_mutes (
    user_id  TEXT PRIMARY KEY NOT NULL DEFAULT '',
    muted_at TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;
)sql");

// v15: message requests (issue 17, docs/api.md "Message requests"): 1 while the conversation is
// a stranger's request to the user, not yet accepted.
const QString kSchemaV15 = QStringLiteral(R"sql(
ALTER TABLE conversations ADD COLUMN request INTEGER NOT NULL DEFAULT 0;
)sql");

} // namespace

// Savings (issue #4): what GET /v1/savings adds to the v1 row (the unassigned part, the
// exact accumulator, the announced APY change as JSON) and the daily interest history
// for the charts, kept so the Savings tab works offline.
const QString kSchemaV3 = QStringLiteral(R"sql(
ALTER TABLE savings ADD COLUMN unassigned INTEGER NOT NULL DEFAULT 0;
ALTER TABLE savings ADD COLUMN accumulated_micros INTEGER NOT NULL DEFAULT 0;
ALTER TABLE savings ADD COLUMN rate_change TEXT;
CREATE TABLE savings_interest (
    date           TEXT PRIMARY KEY NOT NULL DEFAULT '',
    balance        INTEGER NOT NULL DEFAULT 0,
    apy_bps        INTEGER NOT NULL DEFAULT 0,
    accrued_micros INTEGER NOT NULL DEFAULT 0,
    paid           INTEGER
);
)sql");

const QList<Migration> &cacheMigrations()
{
    static const QList<Migration> steps{
        {1, kSchemaV1},
        {2, kSchemaV2},
        {3, kSchemaV3},
        {4, kSchemaV4},
        {5, kSchemaV5},
        {6, kSchemaV6},
        {7, kSchemaV7},
        {8, kSchemaV8},
        {9, kSchemaV9},
        {10, kSchemaV10},
        {11, kSchemaV11},
        {12, kSchemaV12},
        {13, kSchemaV13},
        {14, kSchemaV14},
        {15, kSchemaV15},
    };
    return steps;
}

int cacheSchemaVersion()
{
    return cacheMigrations().constLast().version;
}

const QStringList &privateTables()
{
    static const QStringList tables{
        QStringLiteral("users"),         QStringLiteral("follows"),
        QStringLiteral("conversations"), QStringLiteral("conversation_members"),
        QStringLiteral("messages"),      QStringLiteral("transactions"),
        QStringLiteral("wallet"),        QStringLiteral("savings"),
        QStringLiteral("savings_goals"), QStringLiteral("payment_requests"),
        QStringLiteral("posts"),         QStringLiteral("savings_interest"),
        QStringLiteral("feed_gaps"),
        QStringLiteral("message_search"),
        QStringLiteral("media_files"),
        QStringLiteral("blocks"),
        QStringLiteral("bookmarks"),
        QStringLiteral("person_mutes"),
    };
    return tables;
}

Result<std::unique_ptr<Database>> openCache(const QString &path, const QByteArray &key)
{
    if (key.size() != 32)
        return makeError(ErrorCode::CacheLocked, QStringLiteral("The cache key is missing or malformed."));
    OpenOptions options;
    options.rawKey = key;
    options.wal = true;
    auto db = Database::open(path, options);
    if (!db)
        return db.error();
    // A file that decrypts but is damaged is as unusable as a wrong key: report it the
    // same way so the user gets the recovery screen, and leave the bytes for forensics. The
    // whole file is read (quick_check) only after an unclean shutdown (issue 15).
    if (auto st = (*db)->checkUnlessClosedCleanly(); !st) {
        Error e = st.error();
        e.code = ErrorCode::CacheLocked;
        return e;
    }
    if (auto st = (*db)->migrate(cacheMigrations()); !st)
        return st.error();
    // Chat's step (v4) landed after the feed's (v5): a cache that reached v5 first skipped it.
    // Every statement of v4 is idempotent, so it runs whenever its table is missing.
    auto chatTables = (*db)->scalar(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name = 'message_outbox';"));
    if (!chatTables)
        return chatTables.error();
    if (*chatTables == 0) {
        if (auto st = (*db)->transaction([&]() -> Status { return (*db)->exec(kSchemaV4); }); !st)
            return st.error();
        qCInfo(lcDb) << "added the chat tables (schema step 4) to" << QFileInfo(path).fileName();
    }
    // Every page SQLCipher has to read again is decrypted and HMAC-checked again; 16 MiB
    // (SQLite's default is 2 MiB) keeps the B-tree pages an initial sync touches in memory.
    if (auto st = (*db)->exec(QStringLiteral("PRAGMA cache_size = -16384;")); !st)
        return st.error();
    qCDebug(lcDb) << "cache open" << QFileInfo(path).fileName() << "schema" << cacheSchemaVersion();
    return std::move(db).value();
}

QStringList cacheFiles(const QString &path)
{
    return {path, path + QStringLiteral("-wal"), path + QStringLiteral("-shm"), Database::closedCleanlyMarker(path)};
}

} // namespace plaza::storage
