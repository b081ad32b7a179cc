-- Shipments and their tracking. The PostgreSQL twin is
-- migrations/postgres/0009_shipments.sql; keep the two in step.

-- Carriers that send tracking events. Each signs its webhook calls with
-- its own secret (HMAC-SHA256; shipments::server::webhook), and has a user
-- of its own, never active, so the timeline and the outbox can name who
-- recorded an event the carrier sent.
CREATE TABLE carriers (
    id              INTEGER PRIMARY KEY,
    code            TEXT NOT NULL,
    name            TEXT NOT NULL,
    webhook_secret  TEXT NOT NULL,
    user_id         INTEGER NOT NULL REFERENCES users (id),
    created_at      INTEGER NOT NULL,
    CONSTRAINT carriers_code_key UNIQUE (code)
);

-- What left for the customer against an order. `status`, `status_at`,
-- `eta` and `exception` are the state of the latest tracking event by time
-- (shipments::tracking), written with each event; `planned_eta` is the
-- estimate given when it was entered.
CREATE TABLE shipments (
    id              INTEGER PRIMARY KEY,
    number          TEXT NOT NULL,
    order_id        INTEGER NOT NULL REFERENCES orders (id),
    account_id      INTEGER NOT NULL REFERENCES accounts (id),
    carrier_id      INTEGER NOT NULL REFERENCES carriers (id),
    mode            TEXT NOT NULL CHECK (mode IN ('road', 'rail', 'sea', 'air', 'express')),
    tracking_number TEXT NOT NULL,
    packages        INTEGER NOT NULL CHECK (packages > 0),
    weight_grams    INTEGER NOT NULL CHECK (weight_grams > 0),
    ship_date       TEXT NOT NULL,
    planned_eta     TEXT,
    eta             TEXT,
    delivery_note   TEXT NOT NULL DEFAULT '',
    status          TEXT NOT NULL CHECK (status IN ('ready', 'in_transit', 'exception', 'delivered')),
    status_at       INTEGER,
    exception       TEXT,
    created_by      INTEGER NOT NULL REFERENCES users (id),
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    CONSTRAINT shipments_number_key UNIQUE (number),
    -- a carrier's webhook finds the shipment by its tracking number
    CONSTRAINT shipments_tracking_key UNIQUE (carrier_id, tracking_number)
);
CREATE INDEX shipments_order ON shipments (order_id, id);
CREATE INDEX shipments_account ON shipments (account_id, id);

-- What a shipment carries, by the order line's stable key.
CREATE TABLE shipment_lines (
    shipment_id     INTEGER NOT NULL REFERENCES shipments (id),
    line_key        INTEGER NOT NULL,
    quantity        INTEGER NOT NULL CHECK (quantity > 0),
    CONSTRAINT shipment_lines_pkey PRIMARY KEY (shipment_id, line_key)
);

-- The journey, as it happened (`at`) and as it was told (`received_at`).
-- A carrier's event id is kept once per carrier: a retried webhook call
-- finds its event already there and changes nothing.
CREATE TABLE tracking_events (
    id                  INTEGER PRIMARY KEY,
    shipment_id         INTEGER NOT NULL REFERENCES shipments (id),
    kind                TEXT NOT NULL CHECK (kind IN ('picked_up', 'in_transit', 'at_hub', 'customs', 'out_for_delivery', 'delivered', 'exception')),
    at                  INTEGER NOT NULL,
    place               TEXT NOT NULL DEFAULT '',
    note                TEXT NOT NULL DEFAULT '',
    eta                 TEXT,
    recorded_by         INTEGER NOT NULL REFERENCES users (id),
    carrier_id          INTEGER REFERENCES carriers (id),
    carrier_event_id    TEXT,
    received_at         INTEGER NOT NULL,
    CONSTRAINT tracking_events_carrier_event_key UNIQUE (carrier_id, carrier_event_id)
);
CREATE INDEX tracking_events_shipment ON tracking_events (shipment_id, at);

-- Carrier events for a tracking number no shipment has (yet): kept whole
-- for staff to review, once per carrier event id.
CREATE TABLE parked_carrier_events (
    id                  INTEGER PRIMARY KEY,
    carrier_id          INTEGER NOT NULL REFERENCES carriers (id),
    carrier_event_id    TEXT NOT NULL,
    tracking_number     TEXT NOT NULL,
    body                TEXT NOT NULL,
    received_at         INTEGER NOT NULL,
    CONSTRAINT parked_carrier_events_key UNIQUE (carrier_id, carrier_event_id)
);
