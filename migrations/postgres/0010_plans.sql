-- Production plans: an order's milestones, planned and actual. The
-- SQLite twin is migrations/sqlite/0010_plans.sql; keep the two in step.
-- One row per order and stage; made when the order is confirmed
-- (planning::default_plan), edited by planners.
CREATE TABLE order_milestones (
    order_id        BIGINT NOT NULL REFERENCES orders (id),
    stage           TEXT NOT NULL CHECK (stage IN ('materials', 'production', 'qc', 'packing', 'shipping', 'delivery')),
    planned_start   TEXT NOT NULL,
    planned_end     TEXT NOT NULL,
    actual_start    TEXT,
    actual_end      TEXT,
    department      TEXT NOT NULL DEFAULT '',
    note            TEXT NOT NULL DEFAULT '',
    updated_by      BIGINT NOT NULL REFERENCES users (id),
    updated_at      BIGINT NOT NULL,
    CONSTRAINT order_milestones_pkey PRIMARY KEY (order_id, stage)
);
