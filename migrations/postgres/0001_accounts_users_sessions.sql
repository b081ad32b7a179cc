-- Keyport's first migration: the tenants (accounts), their delivery sites,
-- every user (customer and staff), sign-in sessions and login attempts, and
-- the product catalog. The SQLite twin is migrations/sqlite/0001_*.sql;
-- keep the two in step.
--
-- Conventions (both engines, read through sqlx's Any driver):
--   booleans  BIGINT 0/1        instants  BIGINT seconds since epoch (UTC)
--   money     BIGINT minor units + currency TEXT      dates  TEXT YYYY-MM-DD

-- A key account: one customer company, and the boundary of tenant isolation.
CREATE TABLE accounts (
    id                  BIGSERIAL PRIMARY KEY,
    code                TEXT NOT NULL,
    name                TEXT NOT NULL,
    tier                TEXT NOT NULL CHECK (tier IN ('strategic', 'key', 'standard')),
    credit_limit_minor  BIGINT NOT NULL CHECK (credit_limit_minor >= 0),
    currency            TEXT NOT NULL DEFAULT 'CNY',
    account_manager_id  BIGINT,
    active              BIGINT NOT NULL DEFAULT 1,
    created_at          BIGINT NOT NULL,
    CONSTRAINT accounts_code_key UNIQUE (code)
);

-- Customer users belong to one account; staff users (account_id NULL) to
-- the supplier. A pending invitation is a user without a password yet.
CREATE TABLE users (
    id                  BIGSERIAL PRIMARY KEY,
    account_id          BIGINT REFERENCES accounts (id),
    email               TEXT NOT NULL,
    name                TEXT NOT NULL,
    role                TEXT NOT NULL,
    password_hash       TEXT,
    active              BIGINT NOT NULL DEFAULT 1,
    invite_token_hash   TEXT,
    invite_expires_at   BIGINT,
    created_at          BIGINT NOT NULL,
    CONSTRAINT users_email_key UNIQUE (email),
    -- staff roles have no account; customer roles must have one
    CONSTRAINT users_side CHECK (
        (role IN ('staff_admin', 'account_manager', 'planner', 'support_agent') AND account_id IS NULL)
        OR (role IN ('customer_admin', 'buyer', 'receiver', 'viewer') AND account_id IS NOT NULL))
);
CREATE INDEX users_account ON users (account_id);
ALTER TABLE accounts ADD CONSTRAINT accounts_account_manager_fk FOREIGN KEY (account_manager_id) REFERENCES users (id);
CREATE UNIQUE INDEX users_invite ON users (invite_token_hash);

-- Delivery addresses of an account.
CREATE TABLE sites (
    id              BIGSERIAL PRIMARY KEY,
    account_id      BIGINT NOT NULL REFERENCES accounts (id),
    name            TEXT NOT NULL,
    address         TEXT NOT NULL,
    contact_name    TEXT NOT NULL,
    contact_phone   TEXT NOT NULL,
    active          BIGINT NOT NULL DEFAULT 1,
    created_at      BIGINT NOT NULL
);
CREATE INDEX sites_account ON sites (account_id);

-- Sessions live in the database so that every server node sees them. The id
-- is the SHA-256 of the cookie's token: a leaked table signs nobody in.
CREATE TABLE sessions (
    id              TEXT PRIMARY KEY,
    user_id         BIGINT NOT NULL REFERENCES users (id),
    created_at      BIGINT NOT NULL,
    last_seen_at    BIGINT NOT NULL,
    expires_at      BIGINT NOT NULL,
    ip              TEXT NOT NULL,
    user_agent      TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

-- Failed sign-ins, by key ('email:…' or 'ip:…'), for rate limiting across nodes.
CREATE TABLE login_failures (
    key     TEXT NOT NULL,
    at      BIGINT NOT NULL
);
CREATE INDEX login_failures_key_at ON login_failures (key, at);

-- The catalog. Names and specifications in both languages.
CREATE TABLE products (
    id                  BIGSERIAL PRIMARY KEY,
    sku                 TEXT NOT NULL,
    name_en             TEXT NOT NULL,
    name_zh             TEXT NOT NULL,
    category            TEXT NOT NULL,
    spec_en             TEXT NOT NULL,
    spec_zh             TEXT NOT NULL,
    unit                TEXT NOT NULL,
    moq                 BIGINT NOT NULL CHECK (moq > 0),
    pack_multiple       BIGINT NOT NULL CHECK (pack_multiple > 0),
    list_price_minor    BIGINT NOT NULL CHECK (list_price_minor >= 0),
    currency            TEXT NOT NULL DEFAULT 'CNY',
    lead_time_days      BIGINT NOT NULL CHECK (lead_time_days >= 0),
    weekly_capacity     BIGINT NOT NULL CHECK (weekly_capacity > 0),
    active              BIGINT NOT NULL DEFAULT 1,
    CONSTRAINT products_sku_key UNIQUE (sku)
);
CREATE INDEX products_category ON products (category);
