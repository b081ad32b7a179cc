-- Bearer tokens for the REST API (/api/v1), one per integration, listable
-- and revocable by their owner. Only the SHA-256 of a token is stored.
-- The SQLite twin is migrations/sqlite/0003_api_tokens.sql.
CREATE TABLE api_tokens (
    id              BIGSERIAL PRIMARY KEY,
    user_id         BIGINT NOT NULL REFERENCES users (id),
    name            TEXT NOT NULL,
    token_hash      TEXT NOT NULL,
    created_at      BIGINT NOT NULL,
    last_used_at    BIGINT,
    revoked_at      BIGINT,
    CONSTRAINT api_tokens_hash_key UNIQUE (token_hash)
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);
