// SPDX-License-Identifier: MIT
#include "serverdb.h"

#include "common/logging.h"

#include "sqlitestorage.h"
#ifdef PLAZA_SERVER_POSTGRES
#include "pgstorage.h"
#endif

#include <QDir>
#include <QRegularExpression>

#include <utility>

namespace plaza::server {

QString ids::format(QStringView prefix, qint64 rowId)
{
    return prefix.toString() + QString::number(rowId);
}

std::optional<qint64> ids::parse(QStringView prefix, QStringView text)
{
    if (!text.startsWith(prefix))
        return std::nullopt;
    const QStringView digits = text.mid(prefix.size());
    if (digits.isEmpty() || digits.size() > 18 || digits.startsWith(u'0'))
        return std::nullopt;
    for (QChar c : digits) {
        if (c < u'0' || c > u'9')
            return std::nullopt;
    }
    return digits.toLongLong();
}

namespace {

const QString kChatSchema = QStringLiteral(R"sql(
CREATE TABLE IF NOT EXISTS conversation_reads (
    conversation_id INTEGER NOT NULL REFERENCES conversations(id),
    user_id INTEGER NOT NULL REFERENCES users(id),
    up_to INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (conversation_id, user_id)
) WITHOUT ROWID;
)sql");

} // namespace

QList<storage::Migration> ServerDb::migrations()
{
    return {
        {1, QStringLiteral(R"sql(
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE users (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    handle TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT 'person' CHECK (kind IN ('person', 'merchant')),
    verified INTEGER NOT NULL DEFAULT 0,
    password_hash TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
-- One row per login: the pair of tokens, stored only as SHA-256 digests.
CREATE TABLE sessions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id INTEGER NOT NULL REFERENCES users(id),
    access_hash BLOB NOT NULL UNIQUE,
    access_expires_at INTEGER NOT NULL,
    refresh_hash BLOB NOT NULL UNIQUE,
    refresh_expires_at INTEGER NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE TABLE follows (
    follower_id INTEGER NOT NULL REFERENCES users(id),
    followee_id INTEGER NOT NULL REFERENCES users(id),
    created_at INTEGER NOT NULL,
    PRIMARY KEY (follower_id, followee_id)
) WITHOUT ROWID;
CREATE INDEX follows_followee ON follows (followee_id, follower_id);
CREATE TABLE events (
    user_id INTEGER NOT NULL REFERENCES users(id),
    seq INTEGER NOT NULL,
    type TEXT NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (user_id, seq)
) WITHOUT ROWID;
CREATE TABLE conversations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL CHECK (kind IN ('direct', 'group')),
    title TEXT,
    direct_key TEXT UNIQUE,          -- "lowId:highId" for direct conversations
    created_by INTEGER NOT NULL REFERENCES users(id),
    created_at INTEGER NOT NULL,
    last_activity_at INTEGER NOT NULL
);
CREATE INDEX conversations_activity ON conversations (last_activity_at, id);
CREATE TABLE conversation_members (
    conversation_id INTEGER NOT NULL REFERENCES conversations(id),
    user_id INTEGER NOT NULL REFERENCES users(id),
    joined_at INTEGER NOT NULL,
    PRIMARY KEY (conversation_id, user_id)
) WITHOUT ROWID;
CREATE INDEX conversation_members_user ON conversation_members (user_id, conversation_id);
)sql")},
        // The wallet: a double-entry ledger, payment requests, the idempotency store, and
        // chat messages (payment messages are posted atomically with their transfer).
        {2, QStringLiteral(R"sql(
-- Users' accounts (user_id set) never go negative; system accounts (user_id NULL: card
-- funding, interest) are the other side of money entering or leaving the system.
CREATE TABLE accounts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id INTEGER REFERENCES users(id),
    kind TEXT NOT NULL CHECK (kind IN ('wallet', 'savings', 'card_funding', 'interest')),
    currency TEXT NOT NULL,
    balance INTEGER NOT NULL DEFAULT 0,
    CHECK (user_id IS NULL OR balance >= 0),
    UNIQUE (user_id, kind)
);
CREATE UNIQUE INDEX accounts_system ON accounts (kind, currency) WHERE user_id IS NULL;
INSERT INTO accounts (user_id, kind, currency, balance) VALUES (NULL, 'card_funding', 'EUR', 0);
INSERT INTO accounts (user_id, kind, currency, balance) VALUES (NULL, 'interest', 'EUR', 0);
INSERT INTO accounts (user_id, kind, currency, balance) SELECT id, 'wallet', 'EUR', 0 FROM users;
CREATE TABLE ledger_transactions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL CHECK (kind IN ('transfer', 'merchant_payment', 'top_up', 'savings_deposit',
                                       'savings_withdrawal', 'interest', 'refund')),
    status TEXT NOT NULL CHECK (status IN ('pending', 'completed', 'failed', 'reversed')),
    amount INTEGER NOT NULL CHECK (amount > 0),
    currency TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    request_id INTEGER,
    conversation_id INTEGER,
    refund_of INTEGER UNIQUE REFERENCES ledger_transactions(id),   -- at most one refund per transaction
    created_at INTEGER NOT NULL
);
CREATE TABLE entries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    transaction_id INTEGER NOT NULL REFERENCES ledger_transactions(id),
    account_id INTEGER NOT NULL REFERENCES accounts(id),
    amount INTEGER NOT NULL CHECK (amount <> 0),   -- signed: negative leaves the account
    balance_after INTEGER NOT NULL
);
CREATE INDEX entries_account ON entries (account_id, transaction_id);
CREATE INDEX entries_transaction ON entries (transaction_id);
-- Completed transactions and all entries are history: never changed, never deleted.
CREATE TRIGGER ledger_transactions_immutable BEFORE UPDATE ON ledger_transactions WHEN OLD.status = 'completed'
BEGIN SELECT RAISE(ABORT, 'completed transactions are immutable'); END;
CREATE TRIGGER ledger_transactions_kept BEFORE DELETE ON ledger_transactions
BEGIN SELECT RAISE(ABORT, 'transactions are never deleted'); END;
CREATE TRIGGER entries_immutable BEFORE UPDATE ON entries
BEGIN SELECT RAISE(ABORT, 'entries are immutable'); END;
CREATE TRIGGER entries_kept BEFORE DELETE ON entries
BEGIN SELECT RAISE(ABORT, 'entries are never deleted'); END;
CREATE TABLE payment_requests (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    payee_id INTEGER NOT NULL REFERENCES users(id),
    payer_id INTEGER REFERENCES users(id),         -- NULL: anyone with the link may pay
    amount INTEGER NOT NULL CHECK (amount > 0),
    currency TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL CHECK (status IN ('open', 'paid', 'cancelled')),
    transaction_id INTEGER REFERENCES ledger_transactions(id),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX payment_requests_payee ON payment_requests (payee_id, id);
CREATE INDEX payment_requests_payer ON payment_requests (payer_id, id);
CREATE TABLE idempotency_keys (
    user_id INTEGER NOT NULL REFERENCES users(id),
    key TEXT NOT NULL,
    fingerprint BLOB NOT NULL,     -- SHA-256 of method, path and canonical body
    status INTEGER NOT NULL,
    body BLOB NOT NULL,            -- the response body, replayed byte for byte
    created_at INTEGER NOT NULL,
    PRIMARY KEY (user_id, key)
) WITHOUT ROWID;
CREATE INDEX idempotency_keys_age ON idempotency_keys (user_id, created_at);
CREATE TABLE messages (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    conversation_id INTEGER NOT NULL REFERENCES conversations(id),
    sender_id INTEGER NOT NULL REFERENCES users(id),
    client_id TEXT NOT NULL,
    text TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('text', 'payment')),
    transaction_id INTEGER REFERENCES ledger_transactions(id),
    created_at INTEGER NOT NULL,
    UNIQUE (sender_id, client_id)
);
CREATE INDEX messages_conversation ON messages (conversation_id, id);
)sql")},
        // Savings: goals as vaults inside the savings account, the APY's history (the first
        // row is the default 4.50 %), one row per user and day accrued, each user's
        // accumulator (millionths of a minor unit) and the last day accrued for everyone.
        {3, QStringLiteral(R"sql(
CREATE TABLE IF NOT EXISTS savings_goals (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id INTEGER NOT NULL REFERENCES users(id),
    name TEXT NOT NULL,
    target INTEGER NOT NULL CHECK (target > 0),
    saved INTEGER NOT NULL DEFAULT 0 CHECK (saved >= 0),
    deadline TEXT,
    created_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS savings_goals_user ON savings_goals (user_id, id);
CREATE TABLE IF NOT EXISTS savings_rates (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    apy_bps INTEGER NOT NULL CHECK (apy_bps >= 0 AND apy_bps <= 100000),
    effective_date TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
INSERT INTO savings_rates (apy_bps, effective_date, created_at) VALUES (450, '1970-01-01', 0);
CREATE TABLE IF NOT EXISTS savings_accruals (
    user_id INTEGER NOT NULL REFERENCES users(id),
    date TEXT NOT NULL,
    balance INTEGER NOT NULL,
    apy_bps INTEGER NOT NULL,
    accrued_micros INTEGER NOT NULL,
    paid INTEGER,
    transaction_id INTEGER REFERENCES ledger_transactions(id),
    PRIMARY KEY (user_id, date)
);
CREATE TABLE IF NOT EXISTS savings_state (
    user_id INTEGER PRIMARY KEY REFERENCES users(id),
    accumulator_micros INTEGER NOT NULL DEFAULT 0,
    interest_total INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS savings_progress (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    accrued_through TEXT
);
INSERT INTO savings_progress (id, accrued_through) VALUES (1, NULL);
)sql")},
        // Chat: each member's read mark (the newest message id they have read; messages of
        // others above it are unread). IF NOT EXISTS: open() also makes sure of it for a
        // database that reached version 5 before this step existed.
        {4, kChatSchema},
        // The feed (version 5: 3 and 4 belong to savings and chat; this step needs neither).
        // A repost is a row with repost_of set and an internal client_id; a deleted post stays
        // as a tombstone (deleted_at) because replies keep pointing at it.
        {5, QStringLiteral(R"sql(
CREATE TABLE IF NOT EXISTS posts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    author_id INTEGER NOT NULL REFERENCES users(id),
    client_id TEXT NOT NULL,
    text TEXT NOT NULL DEFAULT '',
    reply_to INTEGER REFERENCES posts(id),
    repost_of INTEGER REFERENCES posts(id),
    sponsored INTEGER NOT NULL DEFAULT 0,
    advertiser_id INTEGER REFERENCES users(id),
    reach TEXT NOT NULL DEFAULT 'full' CHECK (reach IN ('full', 'limited')),
    created_at INTEGER NOT NULL,
    deleted_at INTEGER,
    UNIQUE (author_id, client_id)
);
CREATE INDEX IF NOT EXISTS posts_author ON posts (author_id, id);
CREATE INDEX IF NOT EXISTS posts_reply_to ON posts (reply_to, id);
CREATE INDEX IF NOT EXISTS posts_repost_of ON posts (repost_of, author_id);
CREATE TABLE IF NOT EXISTS likes (
    user_id INTEGER NOT NULL REFERENCES users(id),
    post_id INTEGER NOT NULL REFERENCES posts(id),
    created_at INTEGER NOT NULL,
    PRIMARY KEY (user_id, post_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS likes_post ON likes (post_id, user_id);
)sql")},
        // What each user sent to people and merchants per UTC day, kept by ledger::post() in
        // the transaction that moves the money, so a wallet read or a limit check is one
        // primary-key look-up instead of a scan of the user's history. Backfilled here from
        // the ledger (the same rule as post(): transfer and merchant_payment out of a user's
        // wallet; day = the UTC date of created_at). Also: paying a request looks its
        // transaction up by request_id, which had no index.
        {6, QStringLiteral(R"sql(
CREATE TABLE wallet_daily_sent (
    user_id INTEGER NOT NULL REFERENCES users(id),
    day TEXT NOT NULL,                 -- YYYY-MM-DD, UTC
    amount INTEGER NOT NULL CHECK (amount >= 0),
    PRIMARY KEY (user_id, day)
) WITHOUT ROWID;
INSERT INTO wallet_daily_sent (user_id, day, amount)
    SELECT a.user_id, date(t.created_at / 1000, 'unixepoch'), -sum(e.amount)
    FROM entries e
    JOIN accounts a ON a.id = e.account_id AND a.user_id IS NOT NULL AND a.kind = 'wallet'
    JOIN ledger_transactions t ON t.id = e.transaction_id
    WHERE e.amount < 0 AND t.kind IN ('transfer', 'merchant_payment')
    GROUP BY a.user_id, date(t.created_at / 1000, 'unixepoch');
CREATE INDEX ledger_transactions_request ON ledger_transactions (request_id);
)sql")},
        // Payment requests get a state for every way they end (declined by the payer, expired
        // 30 days after creation by default) and their expiry time. SQLite cannot change a
        // CHECK, so the table is rebuilt; nothing references it by foreign key.
        {7, QStringLiteral(R"sql(
CREATE TABLE payment_requests_v7 (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    payee_id INTEGER NOT NULL REFERENCES users(id),
    payer_id INTEGER REFERENCES users(id),         -- NULL: anyone with the link may pay
    amount INTEGER NOT NULL CHECK (amount > 0),
    currency TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL CHECK (status IN ('open', 'paid', 'declined', 'cancelled', 'expired')),
    transaction_id INTEGER REFERENCES ledger_transactions(id),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
INSERT INTO payment_requests_v7 (id, payee_id, payer_id, amount, currency, note, status, transaction_id, created_at,
                                 updated_at, expires_at)
    SELECT id, payee_id, payer_id, amount, currency, note, status, transaction_id, created_at, updated_at,
           created_at + 2592000000 FROM payment_requests;
DROP TABLE payment_requests;
ALTER TABLE payment_requests_v7 RENAME TO payment_requests;
CREATE INDEX payment_requests_payee ON payment_requests (payee_id, id);
CREATE INDEX payment_requests_payer ON payment_requests (payer_id, id);
CREATE INDEX payment_requests_open ON payment_requests (status, expires_at);
)sql")},
        // Devices that signed in (the login throttle exempts them from the limits per handle
        // and per address): only the SHA-256 of each device token is kept. IF NOT EXISTS: a
        // database taken back to an older version runs this step again (tst_server_dailytotals).
        {8, QStringLiteral(R"sql(
CREATE TABLE IF NOT EXISTS known_devices (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id INTEGER NOT NULL REFERENCES users(id),
    token_hash BLOB NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS known_devices_user ON known_devices (user_id, last_seen_at);
)sql")},
        // Sessions you can see and end (docs/api.md "Sessions"): what each sign-in said about
        // itself (device name, platform), the first two bytes of its address, when it was last
        // seen, and, for a session ended because its refresh token was used twice (theft), when
        // and why; its own table so that the token checks on sessions stay as they are. Refresh
        // tokens already exchanged are remembered (SHA-256 only) to recognise their reuse.
        // IF NOT EXISTS / OR IGNORE: a database taken back to an older version runs this again.
        {9, QStringLiteral(R"sql(
CREATE TABLE IF NOT EXISTS session_info (
    session_id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id),
    device_name TEXT NOT NULL DEFAULT '',
    platform TEXT NOT NULL DEFAULT '',
    place TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    ended_at INTEGER,
    end_reason TEXT
);
CREATE INDEX IF NOT EXISTS session_info_user ON session_info (user_id, session_id);
INSERT OR IGNORE INTO session_info (session_id, user_id, created_at, last_seen_at)
    SELECT id, user_id, created_at, created_at FROM sessions;
CREATE TABLE IF NOT EXISTS rotated_refresh_tokens (
    token_hash BLOB PRIMARY KEY,
    session_id INTEGER NOT NULL,
    rotated_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS rotated_refresh_tokens_session ON rotated_refresh_tokens (session_id, rotated_at);
)sql")},
        // Deleted accounts (docs/api.md "Account"): the user row stays, anonymised, because
        // ledger entries, messages and posts keep pointing at it; this table says it is gone.
        // IF NOT EXISTS: a database taken back to an older version runs this again.
        {10, QStringLiteral(R"sql(
CREATE TABLE IF NOT EXISTS deleted_users (
    user_id INTEGER PRIMARY KEY REFERENCES users(id),
    deleted_at INTEGER NOT NULL
);
)sql")},
        // Two-factor sign-in and step-up before money moves (docs/api.md "Two-factor sign-in",
        // "Step-up"): the TOTP secret (pending until confirmed) and the last step whose code
        // was used (a code is never accepted twice), the step-up threshold, the recovery
        // codes (SHA-256 only), the challenges between a sign-in's password and its code, and
        // the short-lived step-up tokens (SHA-256 only). IF NOT EXISTS: see step 9.
        {11, QStringLiteral(R"sql(
CREATE TABLE IF NOT EXISTS account_security (
    user_id INTEGER PRIMARY KEY REFERENCES users(id),
    totp_secret TEXT,
    totp_pending_secret TEXT,
    totp_enabled_at INTEGER,
    totp_last_step INTEGER NOT NULL DEFAULT 0,
    stepup_threshold INTEGER
);
CREATE TABLE IF NOT EXISTS recovery_codes (
    user_id INTEGER NOT NULL REFERENCES users(id),
    code_hash BLOB NOT NULL,
    used_at INTEGER,
    PRIMARY KEY (user_id, code_hash)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS login_challenges (
    token_hash BLOB PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id),
    device_name TEXT NOT NULL DEFAULT '',
    platform TEXT NOT NULL DEFAULT '',
    attempts INTEGER NOT NULL DEFAULT 0,
    expires_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS step_up_tokens (
    token_hash BLOB PRIMARY KEY,
    session_id INTEGER NOT NULL,
    user_id INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
) WITHOUT ROWID;
)sql")},
        // Media (docs/api.md "Media", media.h): uploads while their bytes arrive, the files
        // they become (bytes in the content-addressed store under their SHA-256), and the files
        // attached to messages and posts, in order, with their alt text. IF NOT EXISTS: see step 9.
        {12, QStringLiteral(R"sql(
CREATE TABLE IF NOT EXISTS uploads (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    owner_id INTEGER NOT NULL REFERENCES users(id),
    size INTEGER NOT NULL,
    received INTEGER NOT NULL DEFAULT 0,
    sha256 TEXT NOT NULL,
    name TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'receiving',
    media_id INTEGER,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS uploads_owner ON uploads (owner_id, state, expires_at);
CREATE INDEX IF NOT EXISTS uploads_expiry ON uploads (expires_at);
CREATE TABLE IF NOT EXISTS media (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    owner_id INTEGER NOT NULL REFERENCES users(id),
    kind TEXT NOT NULL,
    mime TEXT NOT NULL,
    name TEXT NOT NULL,
    size INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    width INTEGER NOT NULL DEFAULT 0,
    height INTEGER NOT NULL DEFAULT 0,
    thumb_sha256 TEXT,
    thumb_mime TEXT,
    created_at INTEGER NOT NULL,
    attached_at INTEGER
);
CREATE INDEX IF NOT EXISTS media_owner ON media (owner_id);
CREATE INDEX IF NOT EXISTS media_sha256 ON media (sha256);
CREATE INDEX IF NOT EXISTS media_thumb ON media (thumb_sha256);
CREATE TABLE IF NOT EXISTS message_attachments (
    message_id INTEGER NOT NULL,
    position INTEGER NOT NULL,
    media_id INTEGER NOT NULL REFERENCES media(id),
    alt TEXT,
    PRIMARY KEY (message_id, position)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS message_attachments_media ON message_attachments (media_id);
CREATE TABLE IF NOT EXISTS post_images (
    post_id INTEGER NOT NULL,
    position INTEGER NOT NULL,
    media_id INTEGER NOT NULL REFERENCES media(id),
    alt TEXT,
    PRIMARY KEY (post_id, position)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS post_images_media ON post_images (media_id);
)sql")},
        // The login throttle's failure counts (loginthrottle.h), in the database so that
        // several processes on one PostgreSQL database share them; "key" is scope:id
        // ("ip:…", "handle:…", "device:…", "account:…"). IF NOT EXISTS: see step 9.
        {13, QStringLiteral(R"sql(
CREATE TABLE IF NOT EXISTS login_failures (
    key TEXT PRIMARY KEY,
    failures INTEGER NOT NULL,
    last_ms INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS login_failures_last ON login_failures (last_ms);
)sql")},
        // Message actions (issue 17, docs/api.md "Chat"): when a message was last edited and
        // deleted (a tombstone keeps its row, its text emptied), what it replies to, where a
        // forward came from (the first message and its author), and reactions: one row per
        // person per emoji.
        {14, QStringLiteral(R"sql(
ALTER TABLE messages ADD COLUMN edited_at INTEGER;
ALTER TABLE messages ADD COLUMN deleted_at INTEGER;
ALTER TABLE messages ADD COLUMN reply_to_id INTEGER;
ALTER TABLE messages ADD COLUMN forwarded_from_id INTEGER;
ALTER TABLE messages ADD COLUMN forwarded_sender_id INTEGER;
CREATE TABLE IF NOT EXISTS message_reactions (
    message_id INTEGER NOT NULL,
    user_id INTEGER NOT NULL,
    emoji TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (message_id, user_id, emoji)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS message_reactions_by_time ON message_reactions (message_id, created_at);
)sql")},
        // Safety (issue 17, docs/api.md "Safety", safety.h): who blocked whom, each member's mute
        // of a conversation (muted_until NULL: no end) and reports kept for review (one per
        // person and target; target_id is the row id of the target_type's table).
        {15, QStringLiteral(R"sql(
CREATE TABLE IF NOT EXISTS blocks (
    blocker_id INTEGER NOT NULL,
    blocked_id INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (blocker_id, blocked_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS blocks_blocked ON blocks (blocked_id, blocker_id);
CREATE TABLE IF NOT EXISTS conversation_mutes (
    conversation_id INTEGER NOT NULL,
    user_id INTEGER NOT NULL,
    muted_until INTEGER,
    PRIMARY KEY (conversation_id, user_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS reports (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    reporter_id INTEGER NOT NULL REFERENCES users(id),
    target_type TEXT NOT NULL,
    target_id INTEGER NOT NULL,
    reason TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    declined INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    UNIQUE (reporter_id, target_type, target_id)
);
CREATE INDEX IF NOT EXISTS reports_by_time ON reports (created_at);
)sql")},
        // Post actions (issue 17, docs/api.md "Feed"): when a post was last edited, the post a
        // quote-repost quotes, and bookmarks: private, one row per person and post.
        {16, QStringLiteral(R"sql(
ALTER TABLE posts ADD COLUMN edited_at INTEGER;
ALTER TABLE posts ADD COLUMN quote_of INTEGER;
CREATE INDEX IF NOT EXISTS posts_quote_of ON posts (quote_of);
CREATE TABLE IF NOT EXISTS post_bookmarks (
    user_id INTEGER NOT NULL,
    post_id INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (user_id, post_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS post_bookmarks_by_time ON post_bookmarks (user_id, created_at, post_id);
CREATE INDEX IF NOT EXISTS post_bookmarks_post ON post_bookmarks (post_id);
)sql")},
        // Groups and mentions (issue 17, docs/api.md "Groups", server/groups.cpp): each member's
        // role (the creator of a group is its first admin), who left or was removed and the last
        // message they may still read, what a system message records (its action and the member
        // it names; kind stays 'text' under step 3's CHECK, system_action tells them apart), and
        // the members each group message mentions. Step 17.
        {17, QStringLiteral(R"sql(
ALTER TABLE conversation_members ADD COLUMN role TEXT NOT NULL DEFAULT 'member';
UPDATE conversation_members SET role = 'admin' WHERE EXISTS (SELECT 1 FROM conversations c
    WHERE c.id = conversation_members.conversation_id AND c.kind = 'group' AND c.created_by = conversation_members.user_id);
CREATE TABLE IF NOT EXISTS conversation_departures (
    conversation_id INTEGER NOT NULL,
    user_id INTEGER NOT NULL,
    reason TEXT NOT NULL,
    up_to INTEGER NOT NULL,
    departed_at INTEGER NOT NULL,
    PRIMARY KEY (conversation_id, user_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS conversation_departures_user ON conversation_departures (user_id, conversation_id);
ALTER TABLE messages ADD COLUMN system_action TEXT;
ALTER TABLE messages ADD COLUMN system_target_id INTEGER;
CREATE TABLE IF NOT EXISTS message_mentions (
    message_id INTEGER NOT NULL,
    user_id INTEGER NOT NULL,
    PRIMARY KEY (message_id, user_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS message_mentions_user ON message_mentions (user_id, message_id);
)sql")},
        // Muting a person in the feed (issue 17, docs/api.md "Safety", personmute.h): who muted
        // whom; the muter's home and discover timelines leave the muted person's posts out. Step 18.
        {18, QStringLiteral(R"sql(
CREATE TABLE IF NOT EXISTS person_mutes (
    muter_id INTEGER NOT NULL,
    muted_id INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (muter_id, muted_id)
) WITHOUT ROWID;
)sql")},
        // Message requests (issue 17, docs/api.md "Message requests", server/requests.cpp): a
        // member's row is 'pending' while a stranger's direct conversation waits for them to
        // accept it; everything before this step was accepted. Step 19.
        {19, QStringLiteral(R"sql(
ALTER TABLE conversation_members ADD COLUMN request_state TEXT NOT NULL DEFAULT 'accepted';
)sql")},
    };
}

Result<std::unique_ptr<ServerDb>> ServerDb::open(const QString &dataDir)
{
    return open(StorageSpec{Storage::Kind::Sqlite, dataDir});
}

Result<std::unique_ptr<ServerDb>> ServerDb::open(const StorageSpec &spec)
{
    if (spec.kind == Storage::Kind::Postgres) {
        auto pg = openPostgres(spec.location);
        if (!pg)
            return pg.error();
        return std::unique_ptr<ServerDb>(new ServerDb(std::move(*pg)));
    }
    auto db = SqliteStorage::open(spec.location, migrations(), kChatSchema);
    if (!db)
        return db.error();
    return std::unique_ptr<ServerDb>(new ServerDb(std::move(*db)));
}

storage::Database *ServerDb::sqlite()
{
    if (m_storage->kind() != Storage::Kind::Sqlite)
        return nullptr;
    return &static_cast<SqliteStorage &>(*m_storage).database();
}

Status ServerDb::write(const std::function<Status()> &body, Storage::Isolation isolation)
{
    // Leftovers would only exist if someone appended outside write(); never publish them.
    // Each try of the body starts with nothing held (a retried try appends again).
    // On PostgreSQL the other processes on the database hear of the events too (NOTIFY,
    // delivered by PostgreSQL only when this COMMIT succeeds).
#ifdef PLAZA_SERVER_POSTGRES
    auto *pg = m_storage->kind() == Storage::Kind::Postgres ? static_cast<PgStorage *>(m_storage.get()) : nullptr;
#endif
    const Status st = m_storage->transaction(
        [&]() -> Status {
            Status done = body();
#ifdef PLAZA_SERVER_POSTGRES
            if (done && pg && !m_held.isEmpty())
                done = pg->announce(m_held);
#endif
            return done;
        },
        [this] { m_held.clear(); }, isolation);
    QList<UserEvent> events = std::exchange(m_held, {});
    if (!st)
        return st;
    if (m_listener && !events.isEmpty())
        m_listener(events);
    return {};
}

bool ServerDb::inTransaction() const
{
    return m_storage->inTransaction();
}

Status ServerDb::nested(const std::function<Status()> &body)
{
    if (auto sp = m_storage->exec(QStringLiteral("SAVEPOINT nested")); !sp)
        return sp;
    const qsizetype heldBefore = m_held.size();
    const Status st = body();
    if (!st) {
        // Undo the body's writes and forget its events; the transaction around it goes on.
        m_held.resize(heldBefore);
        if (auto rb = m_storage->exec(QStringLiteral("ROLLBACK TO SAVEPOINT nested")); !rb)
            return rb;
    }
    if (auto rel = m_storage->exec(QStringLiteral("RELEASE SAVEPOINT nested")); !rel)
        return rel;
    return st;
}

void ServerDb::setEventListener(std::function<void(const QList<UserEvent> &)> listener)
{
    m_listener = std::move(listener);
}

Result<QString> ServerDb::meta(const QString &key)
{
    auto stmt = query(QStringLiteral("SELECT value FROM meta WHERE key = ?1"), key);
    if (!stmt)
        return stmt.error();
    auto row = stmt->step();
    if (!row)
        return row.error();
    return *row ? stmt->text(0) : QString();
}

Status ServerDb::setMeta(const QString &key, const QString &value)
{
    return run(upsert(QStringLiteral("meta"), {QStringLiteral("key")}, {QStringLiteral("key"), QStringLiteral("value")},
                      QStringLiteral("?1, ?2")),
               key, value);
}

} // namespace plaza::server
