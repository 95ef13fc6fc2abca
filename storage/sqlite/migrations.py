"""The SQLite schema as numbered migrations; ``PRAGMA user_version`` records the last applied.

Never edit a migration that has shipped: add the next one.
"""

from __future__ import annotations

__all__ = ["MIGRATIONS"]

_V1 = """
CREATE TABLE documents (
    id          INTEGER PRIMARY KEY,
    url         TEXT UNIQUE,
    text_hash   TEXT NOT NULL UNIQUE,
    outlet      TEXT NOT NULL DEFAULT '',
    title       TEXT NOT NULL DEFAULT '',
    published   TEXT,
    added_at    TEXT NOT NULL
);

CREATE TABLE claims (
    id              TEXT PRIMARY KEY,
    metric          TEXT NOT NULL,
    party           TEXT NOT NULL,
    population      TEXT NOT NULL,
    low             INTEGER,
    high            INTEGER,
    qualifier       TEXT NOT NULL,
    value_text      TEXT NOT NULL DEFAULT '',
    claimant        TEXT NOT NULL,
    claimant_key    TEXT NOT NULL,
    claimant_side   TEXT NOT NULL,
    kind            TEXT NOT NULL,
    as_of           TEXT,
    as_of_precision TEXT NOT NULL DEFAULT 'day',
    period_start    TEXT,
    period_end      TEXT,
    stated_at       TEXT,
    caveat          TEXT NOT NULL DEFAULT '',
    status          TEXT NOT NULL,
    series          TEXT NOT NULL,
    effective_date  TEXT,
    supersedes      TEXT,
    is_current      INTEGER NOT NULL DEFAULT 0,
    added_at        TEXT NOT NULL
);

CREATE TABLE appearances (
    id          INTEGER PRIMARY KEY,
    claim_id    TEXT NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
    document_id INTEGER REFERENCES documents (id) ON DELETE SET NULL,
    outlet      TEXT NOT NULL,
    url         TEXT NOT NULL DEFAULT '',
    title       TEXT NOT NULL DEFAULT '',
    published   TEXT,
    quote       TEXT NOT NULL DEFAULT '',
    span_start  INTEGER,
    span_end    INTEGER,
    added_at    TEXT NOT NULL,
    UNIQUE (claim_id, outlet, url)
);

-- /estimates reads only the latest figure of each series: a small partial index.
CREATE INDEX claims_current ON claims (metric, party, effective_date) WHERE is_current = 1;
CREATE INDEX claims_series ON claims (series, effective_date, id);
CREATE INDEX claims_series_head ON claims (series) WHERE is_current = 1;
CREATE INDEX claims_metric_date ON claims (metric, effective_date);
CREATE INDEX claims_status_added ON claims (status, added_at);
CREATE INDEX appearances_claim ON appearances (claim_id, published);
CREATE INDEX appearances_outlet ON appearances (outlet);
"""

# Faster /estimates at a million claims: each claim points at its first appearance (no
# correlated subquery per row), and the index of current figures holds every column the
# brief listing reads, so listing them never touches the table.
_V2 = """
ALTER TABLE claims ADD COLUMN first_appearance INTEGER;
UPDATE claims SET first_appearance = (
    SELECT a.id FROM appearances a WHERE a.claim_id = claims.id
    ORDER BY a.published IS NULL, a.published, a.id LIMIT 1
);
DROP INDEX claims_current;
CREATE INDEX claims_current ON claims (
    metric, party, population, effective_date, id, low, high, supersedes,
    period_start, period_end, as_of, is_current
) WHERE is_current = 1;
"""

# Delivery: the publication log (a sequence number per published claim, so subscriptions keep a
# cursor), chat settings, subscriptions and the outbox. Times the worker compares are unix
# seconds; the rest are ISO text.
_V3 = """
CREATE TABLE publications (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    claim_id     TEXT NOT NULL UNIQUE REFERENCES claims (id) ON DELETE CASCADE,
    published_at TEXT NOT NULL
);
INSERT INTO publications (claim_id, published_at)
    SELECT id, added_at FROM claims WHERE status = 'published' ORDER BY added_at, rowid;

CREATE TABLE chat_settings (
    chat     TEXT PRIMARY KEY,
    timezone TEXT NOT NULL
);

CREATE TABLE subscriptions (
    id           INTEGER PRIMARY KEY,
    chat         TEXT NOT NULL,
    filter       TEXT NOT NULL,
    schedule     TEXT NOT NULL,
    cursor       INTEGER NOT NULL,
    last_slot    TEXT,
    state        TEXT NOT NULL DEFAULT 'active',
    pause_reason TEXT NOT NULL DEFAULT '',
    created_by   TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    UNIQUE (chat, filter, schedule)
);
CREATE INDEX subscriptions_state ON subscriptions (state, schedule);

CREATE TABLE outbox (
    id           INTEGER PRIMARY KEY,
    dedupe_key   TEXT NOT NULL UNIQUE,
    target       TEXT NOT NULL,
    platform     TEXT NOT NULL,
    kind         TEXT NOT NULL,
    subscription INTEGER REFERENCES subscriptions (id) ON DELETE SET NULL,
    body         TEXT NOT NULL,
    state        TEXT NOT NULL DEFAULT 'queued',
    attempts     INTEGER NOT NULL DEFAULT 0,
    due_at       REAL NOT NULL,
    lease_owner  TEXT,
    error        TEXT NOT NULL DEFAULT '',
    created_at   REAL NOT NULL,
    sent_at      REAL
);
-- rows waiting or leased: the worker's queue (a lease moves due_at to its expiry)
CREATE INDEX outbox_due ON outbox (platform, due_at, id) WHERE state IN ('queued', 'sending');
CREATE INDEX outbox_target ON outbox (target, id) WHERE state IN ('queued', 'sending');
CREATE INDEX outbox_finished ON outbox (state, sent_at);
"""

_V4 = """
CREATE TABLE feeds (
    id            INTEGER PRIMARY KEY,
    url           TEXT NOT NULL UNIQUE,
    kind          TEXT NOT NULL,
    outlet        TEXT NOT NULL DEFAULT '',
    etag          TEXT NOT NULL DEFAULT '',
    last_modified TEXT NOT NULL DEFAULT '',
    failures      INTEGER NOT NULL DEFAULT 0,
    last_error    TEXT NOT NULL DEFAULT '',
    next_poll_at  REAL NOT NULL,
    polled_at     REAL,
    disabled      INTEGER NOT NULL DEFAULT 0,
    added_by      TEXT NOT NULL DEFAULT '',
    added_at      TEXT NOT NULL
);
CREATE TABLE feed_entries (
    feed_id  INTEGER NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
    key      TEXT NOT NULL,
    seen_at  REAL NOT NULL,
    PRIMARY KEY (feed_id, key)
);
CREATE INDEX claims_pending ON claims (status, added_at) WHERE status = 'pending';
"""

# Claimants as one identity: the index of persons' surnames, by which a lone "Shoigu" finds the
# one stored Sergei Shoigu. NULL marks every row for re-keying by the rules of claims/claimants.py,
# which runs when the database is next opened (storage/sql/claimants.py); ids stay as they are.
_V5 = """
ALTER TABLE claims ADD COLUMN claimant_surname TEXT;
CREATE INDEX claims_claimant ON claims (claimant_surname, claimant_key);
"""

# Curation: the record of every moderation action (who as platform:user, when, what, and the
# values before and after as JSON), and publications that are not a claim's first: a correction
# or a withdrawal is published again under the same claim, marked, so subscribers' cursors carry
# it. A claim's first publication stays unique (the partial index).
_V6 = """
CREATE TABLE audit (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    actor       TEXT NOT NULL,
    action      TEXT NOT NULL,
    claim_id    TEXT,
    document_id INTEGER,
    claimant    TEXT,
    before      TEXT,
    after       TEXT
);
CREATE INDEX audit_claim ON audit (claim_id, id);
CREATE INDEX audit_at ON audit (at, id);

-- /merge: a claimant key joined into another, so figures ingested later join the same series
CREATE TABLE claimant_merges (
    claimant_key TEXT PRIMARY KEY,
    into_key     TEXT NOT NULL
);

CREATE TABLE publications_new (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    claim_id     TEXT NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
    published_at TEXT NOT NULL,
    note         TEXT NOT NULL DEFAULT ''
);
INSERT INTO publications_new (seq, claim_id, published_at)
    SELECT seq, claim_id, published_at FROM publications ORDER BY seq;
DROP TABLE publications;
ALTER TABLE publications_new RENAME TO publications;
CREATE UNIQUE INDEX publications_first ON publications (claim_id) WHERE note = '';
"""

# /reingest: a document keeps its text, so it can be read again with corrected metadata (NULL for
# documents stored before; those cannot be).
_V7 = """
ALTER TABLE documents ADD COLUMN body TEXT;
"""

MIGRATIONS: tuple[str, ...] = (_V1, _V2, _V3, _V4, _V5, _V6, _V7)
