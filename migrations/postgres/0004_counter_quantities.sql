-- A counter-proposal may change quantities as well as the date: the
-- proposed quantity sits on the current version's line until the customer
-- answers (accepting makes a new version of the lines; declining clears it).
-- The REST API keeps the first answer to an order creation whole, so a
-- retry gets it byte for byte, not the order as it is by then.
-- The SQLite twin is migrations/sqlite/0004_counter_quantities.sql.
ALTER TABLE order_lines ADD COLUMN counter_quantity BIGINT CHECK (counter_quantity IS NULL OR counter_quantity > 0);
ALTER TABLE idempotency_keys ADD COLUMN response_body TEXT;
