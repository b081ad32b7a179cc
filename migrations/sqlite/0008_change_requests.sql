-- Change requests, order versions, and the notifications every capability
-- sends through one outbox. The PostgreSQL twin is
-- migrations/postgres/0008_change_requests.sql; keep the two in step.

-- A per-account rule: what changing a line already in production costs
-- (per line, minor units of the account's currency; 0: nothing).
ALTER TABLE accounts ADD COLUMN change_charge_minor INTEGER NOT NULL DEFAULT 0 CHECK (change_charge_minor >= 0);

-- Lines are versioned in order_lines; the header of a version (site, dates,
-- PO number, notes) lives here. Only change requests change the header, and
-- an approval writes the base version's header before it changes the order,
-- so the header of version n is the row with the smallest number >= n, or
-- the order's own when there is none (orders::server::versions).
CREATE TABLE order_versions (
    order_id        INTEGER NOT NULL REFERENCES orders (id),
    number          INTEGER NOT NULL,
    site_id         INTEGER REFERENCES sites (id),
    requested_date  TEXT,
    po_number       TEXT NOT NULL,
    notes           TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    CONSTRAINT order_versions_pkey PRIMARY KEY (order_id, number)
);

-- A customer's request to change an order, made from one version of it.
-- `changes` and `counter` are JSON lists of changes::Change. The impact
-- columns summarise the preview at sending (and at re-basing) for the
-- staff queue; the decision page computes it afresh.
CREATE TABLE change_requests (
    id                  INTEGER PRIMARY KEY,
    order_id            INTEGER NOT NULL REFERENCES orders (id),
    account_id          INTEGER NOT NULL REFERENCES accounts (id),
    base_version        INTEGER NOT NULL,
    status              TEXT NOT NULL CHECK (status IN ('pending', 'countered', 'approved', 'rejected', 'withdrawn')),
    changes             TEXT NOT NULL,
    reason              TEXT NOT NULL,
    counter             TEXT,
    counter_message     TEXT NOT NULL DEFAULT '',
    decision_reason     TEXT NOT NULL DEFAULT '',
    cost_delta_minor    INTEGER NOT NULL DEFAULT 0,
    shift_days          INTEGER,
    lines_in_production INTEGER NOT NULL DEFAULT 0,
    requested_by        INTEGER NOT NULL REFERENCES users (id),
    created_at          INTEGER NOT NULL,
    decided_by          INTEGER REFERENCES users (id),
    decided_at          INTEGER,
    -- the version an approval made
    result_version      INTEGER
);
-- one open request per order: a second is refused by the store
CREATE UNIQUE INDEX change_requests_one_open ON change_requests (order_id) WHERE status IN ('pending', 'countered');
CREATE INDEX change_requests_order ON change_requests (order_id, id);
CREATE INDEX change_requests_queue ON change_requests (status, id);

-- The outbox: every domain event worth telling someone about, written in
-- the transaction of the change itself, so none is lost and none is told
-- twice. `kind` names it (change_request.sent, change_request.approved, …;
-- shipments, complaints and acceptance add theirs).
CREATE TABLE domain_events (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL,
    account_id  INTEGER NOT NULL REFERENCES accounts (id),
    order_id    INTEGER REFERENCES orders (id),
    subject_id  INTEGER,
    actor_id    INTEGER NOT NULL REFERENCES users (id),
    at          INTEGER NOT NULL,
    data        TEXT NOT NULL DEFAULT '{}'
);

-- Each event's recipients, fanned out in the same transaction.
CREATE TABLE notifications (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users (id),
    event_id    INTEGER NOT NULL REFERENCES domain_events (id),
    read_at     INTEGER,
    CONSTRAINT notifications_once UNIQUE (user_id, event_id)
);
CREATE INDEX notifications_user ON notifications (user_id, id);

-- Kinds a user chose not to receive (absent: received).
CREATE TABLE notification_mutes (
    user_id     INTEGER NOT NULL REFERENCES users (id),
    kind        TEXT NOT NULL,
    CONSTRAINT notification_mutes_pkey PRIMARY KEY (user_id, kind)
);
