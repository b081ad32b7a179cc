-- Orders: contract prices, orders with versioned lines, the timeline of
-- every transition and edit, order numbers, and idempotency keys. The
-- PostgreSQL twin is migrations/postgres/0002_orders.sql.

-- An account's agreed price for a product over a period; where none is
-- valid on a day, the list price applies.
CREATE TABLE price_agreements (
    id                  INTEGER PRIMARY KEY,
    account_id          INTEGER NOT NULL REFERENCES accounts (id),
    product_id          INTEGER NOT NULL REFERENCES products (id),
    unit_price_minor    INTEGER NOT NULL CHECK (unit_price_minor >= 0),
    currency            TEXT NOT NULL DEFAULT 'CNY',
    valid_from          TEXT NOT NULL,
    valid_to            TEXT,
    created_at          INTEGER NOT NULL
);
CREATE INDEX price_agreements_lookup ON price_agreements (account_id, product_id, valid_from);

-- One counter per year for human-friendly numbers (SO-2026-000123), bumped
-- inside the transaction that creates the order, so numbers never repeat.
CREATE TABLE order_number_counters (
    year    INTEGER PRIMARY KEY,
    last    INTEGER NOT NULL
);

CREATE TABLE orders (
    id              INTEGER PRIMARY KEY,
    number          TEXT NOT NULL,
    account_id      INTEGER NOT NULL REFERENCES accounts (id),
    site_id         INTEGER REFERENCES sites (id),
    po_number       TEXT NOT NULL DEFAULT '',
    notes           TEXT NOT NULL DEFAULT '',
    status          TEXT NOT NULL,
    -- an approved change request makes a new version; lines carry theirs
    version         INTEGER NOT NULL DEFAULT 1,
    requested_date  TEXT,
    promised_date   TEXT,
    -- the account manager's counter-proposal, waiting for the customer
    counter_date    TEXT,
    counter_message TEXT NOT NULL DEFAULT '',
    -- the feasibility check at submit, for the review queue's flags
    dates_feasible  INTEGER NOT NULL DEFAULT 1,
    over_credit     INTEGER NOT NULL DEFAULT 0,
    earliest_date   TEXT,
    total_minor     INTEGER NOT NULL DEFAULT 0,
    currency        TEXT NOT NULL DEFAULT 'CNY',
    created_by      INTEGER NOT NULL REFERENCES users (id),
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    submitted_at    INTEGER,
    CONSTRAINT orders_number_key UNIQUE (number)
);
-- the customer's list (newest first, keyset) and the review queue (oldest first)
CREATE INDEX orders_account_id ON orders (account_id, id);
CREATE INDEX orders_status_submitted ON orders (status, submitted_at);

-- Lines of every version. `line_key` stays the same for "the same line"
-- through all versions, so shipments and acceptance can point at it.
CREATE TABLE order_lines (
    id                  INTEGER PRIMARY KEY,
    order_id            INTEGER NOT NULL REFERENCES orders (id),
    version             INTEGER NOT NULL,
    line_no             INTEGER NOT NULL,
    line_key            INTEGER NOT NULL,
    product_id          INTEGER NOT NULL REFERENCES products (id),
    sku                 TEXT NOT NULL,
    quantity            INTEGER NOT NULL CHECK (quantity > 0),
    unit_price_minor    INTEGER NOT NULL CHECK (unit_price_minor >= 0),
    requested_date      TEXT,
    CONSTRAINT order_lines_position_key UNIQUE (order_id, version, line_no)
);
CREATE INDEX order_lines_product ON order_lines (product_id);

-- The timeline: every transition, edit and message, with actor, time and reason.
CREATE TABLE order_events (
    id              INTEGER PRIMARY KEY,
    order_id        INTEGER NOT NULL REFERENCES orders (id),
    at              INTEGER NOT NULL,
    actor_id        INTEGER NOT NULL REFERENCES users (id),
    kind            TEXT NOT NULL,
    from_status     TEXT,
    to_status       TEXT,
    reason          TEXT NOT NULL DEFAULT '',
    data            TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX order_events_order ON order_events (order_id, id);

-- A retried request (double click, lost answer, client retry) gets the first
-- answer again; the same key with another body is refused.
CREATE TABLE idempotency_keys (
    user_id         INTEGER NOT NULL REFERENCES users (id),
    key             TEXT NOT NULL,
    request_hash    TEXT NOT NULL,
    response        TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    CONSTRAINT idempotency_keys_pkey PRIMARY KEY (user_id, key)
);
