-- Files and quality inspections. The SQLite twin is
-- migrations/sqlite/0011_files_and_inspections.sql; keep the two in step.

-- A file someone attached (a QC certificate; later complaint photos and
-- signatures). The bytes are not here: they live in the file store
-- (attachments::server::storage) under their SHA-256, so the same
-- content is kept once. The row says whose it is — the account decides
-- who may read it — and what it is: its type was read from the content.
CREATE TABLE attachments (
    id              BIGSERIAL PRIMARY KEY,
    account_id      BIGINT NOT NULL REFERENCES accounts (id),
    order_id        BIGINT REFERENCES orders (id),
    sha256          TEXT NOT NULL CHECK (length(sha256) = 64),
    size            BIGINT NOT NULL CHECK (size > 0),
    content_type    TEXT NOT NULL CHECK (content_type IN ('application/pdf', 'image/png', 'image/jpeg', 'image/webp')),
    name            TEXT NOT NULL,
    uploaded_by     BIGINT NOT NULL REFERENCES users (id),
    created_at      BIGINT NOT NULL
);
CREATE INDEX attachments_account_idx ON attachments (account_id);

-- A quality inspection of an order, or of one of its lines (sku) or lots:
-- how many units were sampled, the result, who inspected, and the
-- certificate if there is one. Defects by type are in inspection_defects.
-- Written once; a correction is a new inspection.
CREATE TABLE inspections (
    id              BIGSERIAL PRIMARY KEY,
    order_id        BIGINT NOT NULL REFERENCES orders (id),
    account_id      BIGINT NOT NULL REFERENCES accounts (id),
    sku             TEXT NOT NULL DEFAULT '',
    lot             TEXT NOT NULL DEFAULT '',
    inspected_on    TEXT NOT NULL,
    sample_size     BIGINT NOT NULL CHECK (sample_size > 0),
    passed          INTEGER NOT NULL CHECK (passed IN (0, 1)),
    inspector       TEXT NOT NULL,
    note            TEXT NOT NULL DEFAULT '',
    certificate_id  BIGINT REFERENCES attachments (id),
    recorded_by     BIGINT NOT NULL REFERENCES users (id),
    created_at      BIGINT NOT NULL
);
CREATE INDEX inspections_order_idx ON inspections (order_id);

CREATE TABLE inspection_defects (
    inspection_id   BIGINT NOT NULL REFERENCES inspections (id),
    kind            TEXT NOT NULL CHECK (kind IN ('dimensional', 'surface', 'function', 'material', 'packaging', 'labeling')),
    count           BIGINT NOT NULL CHECK (count > 0),
    CONSTRAINT inspection_defects_pkey PRIMARY KEY (inspection_id, kind)
);
