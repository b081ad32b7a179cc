-- Bearer tokens for the REST API (/api/v1), one per integration, listable
-- and revocable by their owner. Only the SHA-256 of a token is stored.
-- The PostgreSQL twin is migrations/postgres/0003_api_tokens.sql.
CREATE TABLE api_tokens (
    id              INTEGER PRIMARY KEY,
    user_id         INTEGER NOT NULL REFERENCES users (id),
    name            TEXT NOT NULL,
    token_hash      TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    last_used_at    INTEGER,
    revoked_at      INTEGER,
    CONSTRAINT api_tokens_hash_key UNIQUE (token_hash)
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);
