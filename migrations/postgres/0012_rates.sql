-- Shipping rates and the mode chosen for an order. The SQLite twin is
-- migrations/sqlite/0012_rates.sql; keep the two in step.

-- What a product weighs and takes up, per unit: an order's shipping
-- weight is the sum over what is left to ship (rates::options).
ALTER TABLE products ADD COLUMN weight_grams BIGINT NOT NULL DEFAULT 0 CHECK (weight_grams >= 0);
ALTER TABLE products ADD COLUMN volume_cm3 BIGINT NOT NULL DEFAULT 0 CHECK (volume_cm3 >= 0);

-- The rate zone a delivery site is in (EAST, SOUTH, ...); blank: none yet,
-- and no shipping options until a staff admin sets it.
ALTER TABLE sites ADD COLUMN zone TEXT NOT NULL DEFAULT '';

-- The rate table: one row per lane (mode, origin, zone) and weight band
-- [min_kg, max_kg). Money in minor units (fen); pick-up weekdays as
-- "1/3/5" (Monday = 1). Replaced whole by each CSV import.
CREATE TABLE rates (
    id              BIGSERIAL PRIMARY KEY,
    mode            TEXT NOT NULL CHECK (mode IN ('road', 'rail', 'sea', 'air', 'express')),
    origin          TEXT NOT NULL,
    zone            TEXT NOT NULL,
    min_kg          BIGINT NOT NULL CHECK (min_kg >= 0),
    max_kg          BIGINT NOT NULL,
    per_kg_minor    BIGINT NOT NULL CHECK (per_kg_minor >= 0),
    minimum_minor   BIGINT NOT NULL CHECK (minimum_minor >= 0),
    transit_days    BIGINT NOT NULL CHECK (transit_days >= 0),
    pickup_days     TEXT NOT NULL,
    CONSTRAINT rates_band CHECK (max_kg > min_kg),
    CONSTRAINT rates_lane_band_key UNIQUE (mode, origin, zone, min_kg)
);

-- The mode a planner chose for an order, from the options of the day:
-- what it cost and when it would arrive then, and why it was chosen.
-- One per order; choosing again replaces it (the timeline keeps each).
CREATE TABLE shipping_choices (
    order_id        BIGINT NOT NULL REFERENCES orders (id),
    mode            TEXT NOT NULL CHECK (mode IN ('road', 'rail', 'sea', 'air', 'express')),
    origin          TEXT NOT NULL,
    cost_minor      BIGINT NOT NULL,
    eta             TEXT NOT NULL,
    reason          TEXT NOT NULL,
    chosen_by       BIGINT NOT NULL REFERENCES users (id),
    chosen_at       BIGINT NOT NULL,
    CONSTRAINT shipping_choices_pkey PRIMARY KEY (order_id)
);
