-- Security review fixes. The sqlite twin is migrations/sqlite/0005_security.sql.
--
-- Sign-in attempts replace login_failures: each attempt is written before
-- its password is checked (so a parallel burst cannot outrun the count),
-- keyed by the e-mail and client together ('pair:…'), the client alone
-- ('ip:…') or the user changing a password ('password:…'). A success
-- deletes its pair's rows; a refused attempt deletes its own. The id orders
-- attempts that share a second.
DROP TABLE login_failures;
CREATE TABLE sign_in_attempts (
    id      BIGSERIAL PRIMARY KEY,
    key     TEXT NOT NULL,
    at      BIGINT NOT NULL
);
CREATE INDEX sign_in_attempts_key_at ON sign_in_attempts (key, at);
CREATE INDEX sign_in_attempts_at ON sign_in_attempts (at);

-- API tokens expire (chosen at creation, 90 days by default). Tokens made
-- before this migration get 90 days from their creation.
ALTER TABLE api_tokens ADD COLUMN expires_at BIGINT NOT NULL DEFAULT 0;
UPDATE api_tokens SET expires_at = created_at + 7776000;

-- The periodic purge finds expired sessions and old idempotency keys by time.
CREATE INDEX sessions_expires ON sessions (expires_at);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);
