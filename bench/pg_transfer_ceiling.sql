-- SPDX-License-Identifier: MIT
-- What PostgreSQL itself can commit of keyed transfers on this machine (issue 19), with no
-- HTTP and no plaza-server: bench/pg_transfer_ceiling.sh calls these from pgbench in a database
-- that plaza-server created (its schema, 64 users with wallets). Each is one keyed transfer of
-- 1 minor unit from user p to user q with idempotency key k, in one call (one round trip, plans
-- cached by PL/pgSQL):
-- - plaza_bench_transfer_full: every statement plaza-server sends for POST /v1/transfers today
--   (taken from log_statement = all, 2026-12-07): the min one's, and the reads before and after;
-- - plaza_bench_transfer_min: only what a transfer must do: the payer's money lock, the key's
--   look-up, both wallets FOR UPDATE, the ledger write (transaction, entries, balances, day's
--   total), each user's two events, the key stored with its answer, the NOTIFY.
-- The events' JSON is a real one of the same size. Not part of the server.

CREATE OR REPLACE FUNCTION plaza_bench_transfer_min(p bigint, q bigint, k text) RETURNS bigint
LANGUAGE plpgsql AS $f$
DECLARE
  fp bytea;
  va bigint;
  vb bigint;
  tx bigint;
BEGIN
  PERFORM pg_advisory_xact_lock((x'6d6f'::bigint << 48) | p);
  WITH purged AS (DELETE FROM idempotency_keys WHERE user_id = p AND created_at < 0)
    SELECT fingerprint INTO fp FROM idempotency_keys WHERE user_id = p AND key = k AND created_at >= 0;
  SELECT max(id) FILTER (WHERE user_id = p), max(id) FILTER (WHERE user_id = q) INTO va, vb
    FROM (SELECT id, user_id FROM accounts WHERE kind = 'wallet' AND user_id IN (p, q) ORDER BY id FOR UPDATE) w;
  WITH t AS (INSERT INTO ledger_transactions (kind, status, amount, currency, note, request_id, conversation_id,
                                               refund_of, created_at)
             VALUES ('transfer', 'completed', 1, 'EUR', '', NULL, NULL, NULL, 1796684233702) RETURNING id),
       e AS (INSERT INTO entries (transaction_id, account_id, amount, balance_after)
             SELECT t.id, v.account, v.amount, v.after FROM t, (VALUES (va, -1::bigint, 25000::bigint), (vb, 1, 25001)) AS v(account, amount, after)),
       b AS (UPDATE accounts SET balance = balance + CASE WHEN id = va THEN -1 ELSE 1 END WHERE id IN (va, vb)),
       d AS (INSERT INTO wallet_daily_sent (user_id, day, amount) VALUES (p, '2026-12-07', 1)
             ON CONFLICT (user_id, day) DO UPDATE SET amount = wallet_daily_sent.amount + excluded.amount)
    SELECT id INTO tx FROM t;
  INSERT INTO events (user_id, seq, type, data)
    SELECT p, m.seq + 1 + v.k, v.type, v.data FROM (SELECT coalesce(max(seq), 0) AS seq FROM events WHERE user_id = p) m,
      (VALUES (0::bigint, 'transaction.created', '{"amount":{"amount":1,"currency":"EUR"},"balance_after":{"amount":25000,"currency":"EUR"},"conversation_id":null,"counterparty":{"display_name":"scale_5","followed_by_me":false,"followers":0,"following":0,"handle":"scale_5","id":"u_6","kind":"person","verified":false},"created_at":"2026-12-07T22:57:13.702Z","direction":"out","id":"t_69","kind":"transfer","note":"","refund_of":null,"request_id":null,"status":"completed"}'),
              (1::bigint, 'wallet.updated', '{"as_of":"2026-12-07T22:57:13.702Z","available":{"amount":25000,"currency":"EUR"},"balance":{"amount":25000,"currency":"EUR"},"limits":{"daily":{"amount":100000,"currency":"EUR"},"per_payment":{"amount":25000,"currency":"EUR"},"remaining_today":{"amount":99999,"currency":"EUR"}},"verification":"basic"}')) AS v(k, type, data);
  INSERT INTO events (user_id, seq, type, data)
    SELECT q, m.seq + 1 + v.k, v.type, v.data FROM (SELECT coalesce(max(seq), 0) AS seq FROM events WHERE user_id = q) m,
      (VALUES (0::bigint, 'transaction.created', '{"amount":{"amount":1,"currency":"EUR"},"balance_after":{"amount":25000,"currency":"EUR"},"conversation_id":null,"counterparty":{"display_name":"scale_5","followed_by_me":false,"followers":0,"following":0,"handle":"scale_5","id":"u_6","kind":"person","verified":false},"created_at":"2026-12-07T22:57:13.702Z","direction":"out","id":"t_69","kind":"transfer","note":"","refund_of":null,"request_id":null,"status":"completed"}'),
              (1::bigint, 'wallet.updated', '{"as_of":"2026-12-07T22:57:13.702Z","available":{"amount":25000,"currency":"EUR"},"balance":{"amount":25000,"currency":"EUR"},"limits":{"daily":{"amount":100000,"currency":"EUR"},"per_payment":{"amount":25000,"currency":"EUR"},"remaining_today":{"amount":99999,"currency":"EUR"}},"verification":"basic"}')) AS v(k, type, data);
  INSERT INTO idempotency_keys (user_id, key, fingerprint, status, body, created_at)
    VALUES (p, k, sha256(convert_to(k, 'UTF8')), 201, convert_to('{"amount":{"amount":1,"currency":"EUR"},"balance_after":{"amount":25000,"currency":"EUR"},"conversation_id":null,"counterparty":{"display_name":"scale_5","followed_by_me":false,"followers":0,"following":0,"handle":"scale_5","id":"u_6","kind":"person","verified":false},"created_at":"2026-12-07T22:57:13.702Z","direction":"out","id":"t_69","kind":"transfer","note":"","refund_of":null,"request_id":null,"status":"completed"}', 'UTF8'), 1796684233702);
  PERFORM pg_notify('plaza_events', p || ':1,' || q || ':1');
  RETURN tx;
END
$f$;

-- What plaza-server reads of a transaction for each of its two users (me; the other is them) to
-- build the events and the answer: the transaction as that user sees it, the counterparty, the wallet.
CREATE OR REPLACE FUNCTION plaza_bench_transfer_objects(me bigint, them bigint, tx bigint) RETURNS void
LANGUAGE plpgsql AS $f$
BEGIN
  PERFORM t.kind, t.status, t.amount, t.currency, t.note, t.created_at, t.request_id, t.conversation_id, mine.amount,
          mine.balance_after, other_acc.user_id, t.refund_of
    FROM ledger_transactions t JOIN entries mine ON mine.transaction_id = t.id
    JOIN accounts my_acc ON my_acc.id = mine.account_id AND my_acc.user_id = me
    JOIN entries other ON other.transaction_id = t.id AND other.id <> mine.id
    JOIN accounts other_acc ON other_acc.id = other.account_id WHERE t.id = tx ORDER BY my_acc.kind = 'wallet' DESC LIMIT 1;
  PERFORM u.id, u.handle, u.display_name, u.kind, u.verified, (SELECT count(*) FROM follows f WHERE f.followee_id = u.id),
          (SELECT count(*) FROM follows f WHERE f.follower_id = u.id),
          EXISTS (SELECT 1 FROM follows f WHERE f.follower_id = me AND f.followee_id = u.id) FROM users u WHERE u.id = them;
  PERFORM u.verified, a.id IS NOT NULL, a.balance, a.currency,
          (SELECT d.amount FROM wallet_daily_sent d WHERE d.user_id = u.id AND d.day = '2026-12-07')
    FROM users u LEFT JOIN accounts a ON a.user_id = u.id AND a.kind = 'wallet' WHERE u.id = me;
END
$f$;

CREATE OR REPLACE FUNCTION plaza_bench_transfer_full(p bigint, q bigint, k text) RETURNS bigint
LANGUAGE plpgsql AS $f$
DECLARE
  tx bigint;
BEGIN
  -- The checks plaza-server reads (wallet.cpp: currencies, step-up, recipient, blocks, wallets,
  -- payee, limits).
  PERFORM currency FROM accounts WHERE user_id = p AND kind = 'wallet';
  PERFORM totp_secret IS NOT NULL, stepup_threshold FROM account_security WHERE user_id = p;
  PERFORM currency FROM accounts WHERE user_id = p AND kind = 'wallet';
  PERFORM id FROM users WHERE id = q;
  PERFORM blocker_id FROM blocks WHERE (blocker_id = p AND blocked_id = q) OR (blocker_id = q AND blocked_id = p)
    ORDER BY blocker_id = p DESC LIMIT 1;
  PERFORM user_id, id, currency FROM accounts WHERE kind = 'wallet' AND user_id IN (p, q);
  PERFORM u.kind, EXISTS (SELECT 1 FROM deleted_users d WHERE d.user_id = u.id) FROM users u WHERE u.id = q;
  PERFORM u.verified, (SELECT d.amount FROM wallet_daily_sent d WHERE d.user_id = u.id AND d.day = '2026-12-07')
    FROM users u WHERE u.id = p;
  -- The locks and writes.
  tx := plaza_bench_transfer_min(p, q, k);
  -- What plaza-server reads again to build the events and the answer: the transaction's users, then
  -- for each the transaction as they see it, the counterparty and the wallet.
  PERFORM DISTINCT a.user_id FROM entries e JOIN accounts a ON a.id = e.account_id
    WHERE e.transaction_id = tx AND a.user_id IS NOT NULL;
  PERFORM plaza_bench_transfer_objects(p, q, tx);
  PERFORM plaza_bench_transfer_objects(q, p, tx);
  RETURN tx;
END
$f$;
